/* What the readers share. */
#ifndef WM_READ_READER_H
#define WM_READ_READER_H

#include "../context/context.h"
#include "../tree/tree.h"

/* feed, or NULL when it holds no article: then an error "no article: "
 * and why, at line 1 of source, and feed freed. */
wm_feed *wm_feed_or_none(wm_context *ctx, wm_feed *feed, const char *source,
                         const char *why);

#endif
