/* Reading a feed in parts, as its bytes arrive: the splitter.
 *
 * Bytes go in as they come (any chunk sizes); articles come out as soon as
 * it is certain where they end, so that a feed of any size is converted
 * with memory for its largest article, not for the feed.
 *
 * Wire text is cut where the wire reader itself splits a feed (wire.c),
 * where that is certain before the rest is seen: after a form feed or
 * EOT, after ETX unless a time stamp follows it, before SOH (a transmission
 * header goes with the article after it), and after an end mark ("-30-",
 * "###", "(END)") that has text before it in its article once a non-blank
 * line follows it, but in a transmission (after SOH or STX, from a line
 * "ZCZC" or a note not for publication on: wm_tx_line_may_blank), whose
 * lines may turn out to be headers, up to the next framing byte.  Lines are judged blank, text
 * or an end mark as the reader judges them (wm_wire_line_kind) on the text
 * the decoder makes of them (wm_decode_line: control characters dropped,
 * lone CRs ending lines).  Each part is decoded and read on its own, its lines
 * numbered as in the whole source, so the articles are those the whole
 * source would give.  Two differences: whether invalid UTF-8 makes the
 * text Windows-1252 is decided per part (per article), not per file; and
 * whether a source is binary data (wm_refuse_binary) is told from the
 * first bytes pushed (at most WM_BINARY_BLOCK of them: a file's first read
 * gives them all), where the whole read looks at its first
 * WM_BINARY_BLOCK bytes.
 *
 * Other formats are read whole, source by source.
 */
#ifndef WM_READ_SPLIT_H
#define WM_READ_SPLIT_H

#include <stddef.h>

#include "../context/context.h"
#include "../tree/tree.h"

typedef struct wm_splitter wm_splitter;

/* The reader of a whole source (wm_read, which is convert/'s: passed down
 * so that read/ depends on nothing above it). */
typedef wm_feed *(*wm_read_fn)(wm_context *ctx, wm_format format,
                               const char *bytes, size_t len,
                               const char *source, unsigned options);

/* A splitter for format from, with wm_read's options; read reads the
 * sources of formats other than wire text. */
wm_splitter *wm_splitter_new(wm_context *ctx, wm_format from, unsigned options,
                             wm_read_fn read);
void wm_splitter_free(wm_splitter *sp);

/* More bytes of source (a name; bytes of another source end the text of
 * the one before). */
void wm_splitter_push(wm_splitter *sp, const char *bytes, size_t len,
                      const char *source);

/* The end of source (NULL: of the current one, if any; a source not seen
 * yet is one with no bytes): its last article can come out, and bytes
 * pushed after it start a new source, whatever its name.  A source that
 * gave no article is reported (WM_DIAG_NO_HEADLINE). */
void wm_splitter_end_source(wm_splitter *sp, const char *source);

/* The next article read (the caller owns it), or NULL when more bytes
 * (or the end of the source) are needed for the next. */
wm_article *wm_splitter_next(wm_splitter *sp);

/* Frees a (NULL: nothing), an article the caller is done with, and keeps
 * its arena's largest chunk for the articles read next: a stream reuses
 * its memory from article to article instead of allocating each one's. */
void wm_splitter_recycle(wm_splitter *sp, wm_article *a);

#endif
