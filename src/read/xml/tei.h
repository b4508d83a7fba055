/* The TEI reader (libxml2; see tei.c for what it reads). */
#ifndef WM_READ_XML_TEI_H
#define WM_READ_XML_TEI_H

#include <stddef.h>

#include "../../context/context.h"
#include "../../tree/tree.h"

/* Reads TEI (bytes as given: libxml2 reads the XML declaration's encoding)
 * into a feed: a teiCorpus gives one article per TEI, a TEI one per
 * article div (see tei.c).  Returns NULL, with an error reported, when the
 * XML is not well-formed, is refused (see wm_xml_read in safe.h) or holds no
 * article. */
wm_feed *wm_read_tei(wm_context *ctx, const char *bytes, size_t len,
                     const char *source);

#endif
