/* The wire reader (see wire.c for the grammar it reads). */
#ifndef WM_READ_WIRE_H
#define WM_READ_WIRE_H

#include <stddef.h>

#include "../lib/context.h"
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

#endif
