/* Decoding: bytes in, normalised UTF-8 text out.
 *
 * - A UTF-8 byte order mark is removed.
 * - CR LF and lone CR become LF, so line numbers stay those of the input.
 * - Input that is not valid UTF-8 is read as Windows-1252, with a warning
 *   naming the first bad byte's line and column (an error instead, and NULL,
 *   with WM_READ_STRICT_UTF8).
 * - NUL bytes are dropped, with a warning; other C0 control characters
 *   (but TAB, LF, FF) are kept, with a warning: the HTML and XML writers
 *   leave them out.
 * - UTF-16 input (with a byte order mark) is refused with an error.
 *
 * Returns malloc'd NUL-terminated text (length in *outlen), or NULL.
 */
#ifndef WM_READ_DECODE_H
#define WM_READ_DECODE_H

#include <stddef.h>

#include "../lib/context.h"

char *wm_decode(wm_context *ctx, const char *bytes, size_t len,
                const char *source, unsigned options, size_t *outlen);

#endif
