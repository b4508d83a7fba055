/* The Markdown reader: CommonMark, as the Markdown writer writes it, back
 * to the tree (markdown.c says what it reads; cmark parses). */
#ifndef WM_READ_MARKDOWN_H
#define WM_READ_MARKDOWN_H

#include <stddef.h>

#include "../context/context.h"
#include "../tree/tree.h"

/* Reads decoded text (UTF-8, LF line ends).  Markdown that the tree has no
 * place for is kept as text, with a warning (WM_DIAG_NOT_READ) at its line
 * and column.  Returns NULL, with an error reported, when there is no
 * article in it. */
wm_feed *wm_read_markdown(wm_context *ctx, const char *text, size_t len,
                          const char *source);

#endif
