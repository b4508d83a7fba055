/* The NewsML reader: NewsML-G2 2.x, and NewsML 1.x around NITF (see
 * newsml.c for what it reads). */
#ifndef WM_READ_XML_NEWSML_H
#define WM_READ_XML_NEWSML_H

#include <stddef.h>

#include "../../context/context.h"
#include "../../tree/tree.h"

/* Reads a NewsML-G2 newsItem, newsMessage (a feed: one article per text
 * item) or packageItem, or a NewsML 1.x document, into a feed.  Items
 * that are not text (pictures, video, graphics, packages) are skipped
 * with a warning each.  Returns NULL, with an error reported, when the
 * XML is not well-formed, is refused (safe.h), its root is none of
 * those, or no text item is read. */
wm_feed *wm_read_newsml(wm_context *ctx, const char *bytes, size_t len,
                        const char *source);

#endif
