/* The TEI reader (libxml2), and the safe XML parsing it shares with
 * --validate.  libxml2's types stay behind this internal header. */
#ifndef WM_READ_TEI_H
#define WM_READ_TEI_H

#include <stddef.h>

#include "libxml.h"

#include "../context/context.h"
#include "../tree/tree.h"

/* Reads TEI (bytes as given: libxml2 reads the XML declaration's encoding)
 * into a feed: a teiCorpus gives one article per TEI, a TEI one per
 * article div (see tei.c).  Returns NULL, with an error reported, when the
 * XML is not well-formed, is refused (see wm_xml_read) or holds no
 * article. */
wm_feed *wm_read_tei(wm_context *ctx, const char *bytes, size_t len,
                     const char *source);

/* Parses XML without ever loading a DTD, an external entity or anything
 * from the network, and substituting no entity; a document that declares
 * entities (what entity-expansion bombs and external-entity attacks need)
 * is refused as soon as the declaration is read.  The first problem is
 * reported as an error "name:line:col" with code; warnings as warnings.
 * Returns the document (free it with xmlFreeDoc) or NULL. */
xmlDoc *wm_xml_read(wm_context *ctx, const char *bytes, size_t len,
                    const char *name, wm_diag_code code);

/* Prepares libxml2 for wiremark's parsers, the first time and again
 * after a program changed it: an external entity loader that refuses
 * every load asked for by a parser whose resolveEntity is
 * wm_xml_resolve_nothing (wiremark's parsers all are) and passes the
 * others to the loader it replaced.  Called before every parse, from any
 * thread, after wm_libxml_load (which ran xmlInitParser). */
void wm_xml_init(void);

/* A SAX resolveEntity that resolves nothing: external entities and DTDs
 * are never read.  Marks a parser as wiremark's (see wm_xml_init). */
xmlParserInputPtr wm_xml_resolve_nothing(void *data, const xmlChar *public_id,
                                         const xmlChar *system_id);

#endif
