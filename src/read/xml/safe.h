/* Safe XML parsing (libxml2), shared by the XML readers (TEI, NITF,
 * NewsML-G2), the HTML reader's parser settings and --validate: no DTD,
 * no external entity, no network, no entity expanded.  libxml2's types
 * stay behind this internal header and read/libxml.h. */
#ifndef WM_READ_XML_SAFE_H
#define WM_READ_XML_SAFE_H

#include <stddef.h>

#include "../libxml.h"

#include "../../context/context.h"

/* Flags of wm_xml_read_for. */
/* A declaration that names ISO-8859-1 (or Latin-1, or Windows-1252) over
 * bytes that are valid UTF-8 holding non-ASCII text (the common lie of
 * agency NITF): the bytes are read as UTF-8, with a warning at the
 * declaration. */
#define WM_XML_UTF8_LIE (1u << 0)

/* Parses XML without ever loading a DTD, an external entity or anything
 * from the network, and substituting no entity; a document that declares
 * entities (what entity-expansion bombs and external-entity attacks need)
 * is refused as soon as the declaration is read.  The first problem is
 * reported as an error "name:line:col" with code; warnings as warnings.
 * Returns the document (free it with xmlFreeDoc) or NULL.  The TEI
 * reader's and --validate's parse. */
xmlDoc *wm_xml_read(wm_context *ctx, const char *bytes, size_t len,
                    const char *name, wm_diag_code code);

/* wm_xml_read for the reader need (a sentence's subject, "the NITF
 * reader": the message when libxml2 cannot be loaded), errors as
 * WM_DIAG_MALFORMED, with flags (WM_XML_...). */
xmlDoc *wm_xml_read_for(wm_context *ctx, const char *bytes, size_t len,
                        const char *name, const char *need, unsigned flags);

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

/* The name of element n without its namespace prefix, when n is an
 * element in namespace ns or in none (ns NULL: any); else NULL. */
const char *wm_xml_name(const xmlNode *n, const char *ns);

/* The line of n in the input (0 when unknown). */
unsigned wm_xml_lineno(const xmlNode *n);

#endif
