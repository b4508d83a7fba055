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

struct _xmlNode;

/* Whether root is the root element of a NewsML document (newsItem,
 * newsMessage, packageItem, or NewsML 1.x's NewsML). */
int wm_is_newsml_root(const struct _xmlNode *root);

/* wm_read_newsml on a document parsed already (root: its root element,
 * one wm_is_newsml_root accepts; bytes, len: its XML, for the columns of
 * messages): the NITF reader's way to the NITF inside NewsML. */
wm_feed *wm_newsml_read_doc(wm_context *ctx, const struct _xmlNode *root,
                            const char *bytes, size_t len, const char *source);

#endif
