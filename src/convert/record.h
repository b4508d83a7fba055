/* A JSON Lines record read without the JSON library, when it is plain.
 *
 * Most records are one object of scalars: {"id": 7, "text": "..."}.
 * wm_record_read reads those itself (the library's reading costs more than
 * converting the text); whatever it is not sure of (a nested object or
 * array, a real number, an integer of more than 18 digits, a key written
 * with escapes, "\u0000", a lone surrogate, malformed JSON), it leaves to
 * jansson, which then gives the same values, or the error message the
 * record has always had.  What it accepts, jansson accepts, with the same
 * values.  A string that is not valid UTF-8 it refuses itself, as jansson
 * does: same line, column and message (so that such a record does not
 * need the library).
 */
#ifndef WM_CONVERT_RECORD_H
#define WM_CONVERT_RECORD_H

#include <stddef.h>

#include "../util/buf.h"

typedef enum wm_record_id {
	WM_RECORD_ID_NONE,    /* no "id" */
	WM_RECORD_ID_STRING,  /* id holds its value (decoded) */
	WM_RECORD_ID_INTEGER, /* id holds its digits (as written: no '+', no
	                         leading zero) */
	WM_RECORD_ID_LITERAL  /* true, false or null: id holds it */
} wm_record_id;

typedef struct wm_record {
	wm_record_id id_kind;
	wm_buf id;     /* see wm_record_id */
	int has_text;  /* "text" is there, and a string */
	int text_other; /* "text" is there, and not a string */
	wm_buf text;   /* its value, decoded */
	unsigned error_col; /* a refused record: where, as jansson counts */
	wm_buf error;       /* and why, in jansson's words */
} wm_record;

typedef enum wm_record_read_result {
	WM_RECORD_REFUSED = -1, /* not JSON: r->error, r->error_col say why */
	WM_RECORD_UNSURE = 0,   /* left to jansson */
	WM_RECORD_READ = 1      /* read into r */
} wm_record_read_result;

/* Reads line[0..len) into r (its buffers reused). */
wm_record_read_result wm_record_read(wm_record *r, const char *line,
                                     size_t len);

/* Frees r's buffers (r itself is the caller's). */
void wm_record_free(wm_record *r);

/* Appends s[0..len) as a JSON string the way jansson writes it (quotes,
 * '\\' and '"' escaped, C0 controls as \b \f \n \r \t or \u00XX). */
void wm_record_string(wm_buf *out, const char *s, size_t len);

#endif
