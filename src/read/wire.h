/* The wire reader (see wire.c for the grammar it reads). */
#ifndef WM_READ_WIRE_H
#define WM_READ_WIRE_H

#include <stddef.h>

#include "../context/context.h"
#include "../tree/tree.h"
#include "explain.h"

/* Reads decoded text (UTF-8, LF line ends; FF, SOH, STX, ETX and EOT kept
 * as feed framing) into a feed.  Returns NULL, with an error reported, when
 * there is no article in it. */
wm_feed *wm_read_wire(wm_context *ctx, const char *text, size_t len,
                      const char *source);

/* wm_read_wire that also notes in log (when not NULL) how each line was
 * read and by which rule. */
wm_feed *wm_read_wire_logged(wm_context *ctx, const char *text, size_t len,
                             const char *source, wm_explain_log *log);

/* For reading a feed in parts (split.c): the articles in text, whose
 * first line is line first_line of the source; an empty feed (and no
 * message) when there are none.  text is wm_decode's (valid UTF-8, no
 * CR): the articles are checked with wm_article_check_cut.  Their arenas
 * start from pool's chunk when it is large enough (wm_arena_adopt).
 * *lfs: the line breaks in text (the next part's first line follows). */
wm_feed *wm_read_wire_part(wm_context *ctx, const char *text, size_t len,
                           const char *source, unsigned first_line,
                           wm_arena_pool *pool, unsigned *lfs);

/* What the reader makes of line p[0..len) of decoded text (no newline):
 * blank (spaces, tabs, control characters), an end mark ("-30-", "###",
 * "(END)": an article may follow it) or other text.  The one judgement of
 * the reader (cut_articles) and the splitter (split.c). */
typedef enum wm_wire_line {
	WM_WIRE_BLANK,
	WM_WIRE_TEXT,
	WM_WIRE_END_MARK
} wm_wire_line;

wm_wire_line wm_wire_line_kind(const char *p, size_t len);

/* Whether p[0..n) is a row of a table whose columns are separated by
 * semicolons, as AP's agate sends them ("Boston;24;14;.632;_"): three
 * semicolons or more, and more semicolons than spaces. */
int wm_wire_is_agate_row(const char *p, size_t n);

#endif
