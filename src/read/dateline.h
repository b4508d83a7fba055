/* Reading a dateline at the start of a paragraph. */
#ifndef WM_READ_DATELINE_H
#define WM_READ_DATELINE_H

#include <stddef.h>

#include "../lib/context.h"
#include "../tree/tree.h"

/* Reads a dateline at the start of s[0..len).  On success stores a new
 * dateline in *out (the caller owns it) and returns the offset where the
 * paragraph's own text starts (past the dash and the spaces after it).
 * Returns 0, with *out NULL, when s does not start with a dateline.
 * ctx (may be NULL) gives the reference date for iso_date. */
size_t wm_dateline_parse(const wm_context *ctx, const char *s, size_t len,
                         wm_dateline **out);

#endif
