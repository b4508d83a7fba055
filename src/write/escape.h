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

/* CommonMark inline text: only the punctuation that would change the
 * structure is backslash-escaped; at the start of a line (out empty or
 * ending in a newline) also what would start a block. */
void wm_escape_markdown(wm_buf *out, const char *s, size_t len, void *ctx);

/* The inside of a JSON string (RFC 8259). */
void wm_escape_json(wm_buf *out, const char *s, size_t len, void *ctx);

#endif
