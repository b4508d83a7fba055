/* The NITF reader (see nitf.c for what it reads). */
#ifndef WM_READ_XML_NITF_H
#define WM_READ_XML_NITF_H

#include <stddef.h>

#include "../../context/context.h"
#include "../../tree/tree.h"

struct wm_news;
struct _xmlNode;

/* Reads NITF 2.5 to 3.6 (bytes as given: libxml2 reads the declared
 * encoding; a declared ISO-8859-1 over UTF-8 bytes is read as UTF-8, with
 * a warning) into a feed of one article.  Returns NULL, with an error
 * reported, when the XML is not well-formed, is refused (safe.h), its
 * root is not nitf, or it holds no article (no headline, an empty
 * body).  A NewsML document (NITF inside NewsML-G2 or NewsML 1.x) is
 * read as wm_read_newsml reads it. */
wm_feed *wm_read_nitf(wm_context *ctx, const char *bytes, size_t len,
                      const char *source);

/* Reads the nitf element el into n's article (a NITF inside NewsML-G2's
 * inlineXML or NewsML 1.x): what it holds, nothing already set replaced.
 * Returns whether the body holds any text. */
int wm_nitf_read_into(struct wm_news *n, const struct _xmlNode *el);

#endif
