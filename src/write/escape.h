/* Escaping by context, one function per output context.  Each appends the
 * escaped form of s[0..len) to out; ctx is unused (it fits wm_escape_fn).
 */
#ifndef WM_WRITE_ESCAPE_H
#define WM_WRITE_ESCAPE_H

#include <stddef.h>

#include "../util/buf.h"

/* HTML text and attribute values (quoted with "): & < > " ' become
 * references; control characters that HTML forbids (C0 but TAB, LF, CR;
 * DEL; C1; U+FFFE, U+FFFF) are left out. */
void wm_escape_html(wm_buf *out, const char *s, size_t len, void *ctx);

/* XML 1.0 text and attribute values: as HTML, and every character XML 1.0
 * does not allow is left out. */
void wm_escape_xml(wm_buf *out, const char *s, size_t len, void *ctx);

/* Settings of the Markdown escaper, given as its ctx (NULL: defaults). */
typedef struct wm_markdown_options {
	unsigned columns; /* wrap paragraph lines at this width; 0: never */
} wm_markdown_options;

/* CommonMark inline text (markdown_escape.c): every CommonMark reader reads
 * back exactly the characters of s, and only what would change them or the
 * structure is escaped: backslashes for punctuation, numeric references
 * for white space at the ends of a line or an emphasis.  Looks at what out
 * holds (start of a line, heading, the template's emphasis delimiters,
 * earlier values of the paragraph); with columns set, breaks the line at
 * spaces where a line may start. */
void wm_escape_markdown(wm_buf *out, const char *s, size_t len, void *ctx);
/* The same without the shortcut for values written as they are (for the
 * tests that check the shortcut gives what it would). */
void wm_escape_markdown_full(wm_buf *out, const char *s, size_t len,
                             void *ctx);

/* A YAML key (bare when it reads as a string, else double-quoted) and a
 * YAML value (bare when it is a YYYY-MM-DD date, else double-quoted with
 * every character that YAML 1.1 or 1.2 could misread escaped), for the
 * front matter of Markdown. */
void wm_yaml_key(wm_buf *out, const char *s);
void wm_yaml_value(wm_buf *out, const char *s);

/* The inside of a JSON string (RFC 8259), BS and FF as \u0008 and \u000c
 * (wm_json_escape). */
void wm_escape_json(wm_buf *out, const char *s, size_t len, void *ctx);

/* Serialised JSON made safe to stand inside an HTML script element: < > &
 * become \u003c \u003e \u0026, so no text can end the element or open a
 * comment, and DEL, C1 controls, noncharacters, U+2028 and U+2029 become
 * \u escapes too, as HTML forbids them.  s must be JSON text: outside its
 * strings none of these can occur, so the value it stands for is unchanged.
 */
void wm_escape_json_script(wm_buf *out, const char *s, size_t len, void *ctx);

#endif
