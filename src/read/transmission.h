/* Agency transmissions: the framing and the header conventions that the
 * wires send around a story (docs/transmissions.md has the grammar and
 * its sources).
 *
 *   - the header between SOH and STX: ANPA-1312 ("W2870 asian" then
 *     "f l BC-Slug take 11-13 1049": service level and message number,
 *     selector, priority, category, keyword, take, date, word count) or
 *     IPTC 7901 ("eca0124 3 i 93 dpa 1888": source and message number,
 *     priority, category, word count, optional information);
 *   - the time stamp that follows ETX ("131137 GMT Nov 13",
 *     "AP-WF-11-13-13 1509GMT<");
 *   - ZCZC ... NNNN framing (telex, AAP): the routing line and AAP's
 *     coded header lines ("$c", ":keyword", "=take", "^headline", ...);
 *   - after STX: AP's header lines "^...<" / "^...=" (keyword, headline,
 *     summary, photo and editor's notes, byline and its title) and dpa's
 *     ("keyword/", take words, headline, "By ...", " =");
 *   - at the end: the "not for publication" note and the desk's initials
 *     ("dpa abc def").
 *
 * What is taken becomes a field (a key, a value and the line it came
 * from) and is blanked in a copy of the text (same length, same line
 * ends, so lines keep their numbers); the wire reader reads the rest as
 * it reads any copy, and gives each article the fields of its lines.
 */
#ifndef WM_READ_TRANSMISSION_H
#define WM_READ_TRANSMISSION_H

#include <stddef.h>

#include "explain.h"

typedef struct wm_tx_field {
	const char *key; /* static: "slug", "headline", "deck", "byline", or a
	                    meta key ("priority", "ednote", ...) */
	char *value;     /* malloc'd, one line, not empty */
	unsigned line;
	size_t seq;      /* order of reading */
} wm_tx_field;

typedef struct wm_tx {
	char *text;        /* the text, with what was taken blanked */
	size_t len;
	wm_tx_field *f;    /* in line order (after wm_tx_read) */
	size_t n, cap;
	size_t next;       /* the first field no article has taken yet */
	unsigned *starts;  /* lines where a transmission starts (ZCZC), in
	                      order */
	size_t nstarts, capstarts, next_start;
	int found;         /* a transmission's framing or header was seen */
} wm_tx;

/* Reads the header between SOH and STX (its bytes, hdr[0..n)), whose
 * fields go to line `line`: ANPA-1312 or IPTC 7901 fields, else the whole
 * header as the slug. */
void wm_tx_header(wm_tx *tx, const char *hdr, size_t n, unsigned line,
                  wm_explain_log *log);

/* Reads the conventions in text[0..len) (a segment of the feed whose
 * first line is first_line) into tx->text and tx's fields.  in_frame: the
 * text came between STX and ETX. */
void wm_tx_read(wm_tx *tx, const char *text, size_t len, unsigned first_line,
                int in_frame, wm_explain_log *log);

void wm_tx_free(wm_tx *tx);

/* Whether p[0..n) (one line, perhaps with its end) is the time stamp sent
 * after ETX: short, ASCII, four digits or more, no word of more than four
 * letters ("131137 GMT Nov 13", "211259 Nov 18", "AP-WF-11-13-13
 * 1509GMT<"). */
int wm_tx_is_stamp(const char *p, size_t n);

/* Whether reading transmissions (wm_tx_read) may take line p[0..n) (decoded
 * text, no newline), or lines after it, out of the text: "ZCZC" opening a
 * message (its routing and headers after it), a note not for publication
 * (to the segment's end).  The splitter cuts no article by end marks after
 * such a line (split.c). */
int wm_tx_line_may_blank(const char *p, size_t n);

/* The time stamp's value: p[0..n) trimmed, with a closing '<' dropped. */
char *wm_tx_stamp_value(const char *p, size_t n);

#endif
