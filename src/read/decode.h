/* Decoding: bytes in, normalised UTF-8 text out.
 *
 * - A UTF-8 byte order mark is removed.
 * - CR LF becomes LF, and so does a run of CRs before LF (CR CR LF);
 *   a lone CR ends a line too, so CR, LF and CR LF may be mixed in one
 *   input, and line numbers stay those of the input.
 * - Input that is not valid UTF-8 is read as Windows-1252, with a warning
 *   naming the first bad byte's line and column (an error instead, and NULL,
 *   with WM_READ_STRICT_UTF8).
 * - Control characters are dropped, each with a warning (the first ten;
 *   then a count): C0 but TAB, LF and the framing of feeds (FF; SOH, STX,
 *   ETX, EOT), DEL, and the C1 controls U+0080-U+009F.  A C0 control
 *   dropped between two words leaves a space ("W2870<US>asian" reads
 *   "W2870 asian"); NUL and DEL leave nothing ("tex<DEL>tile").
 * - UTF-16 input (with a byte order mark) is refused with an error.
 *
 * Returns malloc'd NUL-terminated text (length in *outlen), or NULL.
 */
#ifndef WM_READ_DECODE_H
#define WM_READ_DECODE_H

#include <stddef.h>

#include "../context/context.h"
#include "../util/buf.h"

/* Binary data, not text (an executable, an image, compressed data): a NUL
 * byte among the first WM_BINARY_BLOCK bytes, or at least
 * WM_BINARY_MIN_CONTROLS of them and more than one in WM_BINARY_SHARE
 * control characters other than TAB, LF, CR and FF (DEL included).  Text
 * with a few control characters (a rubbed-out DEL, an ESC, the SOH ... EOT
 * and SYN of agency transmissions: one to five in a hundred bytes in
 * theirs) is text, and so is UTF-16 with its byte order mark (wm_decode
 * refuses it, saying so).  The first block only, so that a stream can tell from
 * the first bytes it reads (split.c: from its first block). */
#define WM_BINARY_BLOCK 4096
#define WM_BINARY_MIN_CONTROLS 8
#define WM_BINARY_SHARE 10

/* Whether bytes[0, len) (the first WM_BINARY_BLOCK of them) are binary;
 * if so, why in why[0, whysize) ("a NUL byte at byte 8"). */
int wm_is_binary(const char *bytes, size_t len, char *why, size_t whysize);

/* The error for binary data, when bytes are ("FILE: error: binary file
 * (why), not FORMAT text", WM_DIAG_MALFORMED): 1; else 0 (nothing said). */
int wm_refuse_binary(wm_context *ctx, const char *bytes, size_t len,
                     const char *source, const char *format);

/* An option of wm_decode besides wm_read's: the bytes are not the start
 * of the input (a part of a feed read in parts, split.c), so that a byte
 * order mark there is a character (U+FEFF) and FF FE, FE FF are read as
 * any bytes are, as when the whole input is decoded at once. */
#define WM_DECODE_INSIDE (1u << 30)

char *wm_decode(wm_context *ctx, const char *bytes, size_t len,
                const char *source, unsigned options, size_t *outlen);

/* The text wm_decode makes of one line of input (bytes[0, len): no line
 * break, LF nor CR, in it), quietly: the bytes themselves when it changes
 * none of them, else its text in scratch (*outlen bytes).  The line is read
 * as Windows-1252 when it is not valid UTF-8 and has a byte to drop or
 * change in UTF-8 (else its bytes are given as they are: Windows-1252 would
 * make other characters of its bytes from 0x80, but no space nor ASCII).  The splitter (split.c)
 * judges a line by this text, as the reader sees it. */
const char *wm_decode_line(const char *bytes, size_t len, wm_buf *scratch,
                           size_t *outlen);

#endif
