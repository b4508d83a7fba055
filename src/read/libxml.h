/* libxml2, opened on first use (see util/dl.h): the XML and HTML readers
 * (read/xml/) and --validate call wm_libxml_load before anything else of libxml2's,
 * then call its functions by their own names, which this header turns
 * into the pointers of the table wm_libxml.  The only header of src/ that
 * includes libxml2's: include it rather than <libxml/...> (a libxml2
 * header included after it would meet the names already defined). */
#ifndef WM_READ_LIBXML_H
#define WM_READ_LIBXML_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "../context/context.h"

/* libxml2's soname: its ABI has been 2 since 2000. */
#define WM_LIBXML_SONAME "libxml2.so.2"

/* Every function (and variable) of libxml2 that wiremark uses. */
#define WM_LIBXML_SYMBOLS(X)                                                   \
	X(htmlCtxtReadMemory)                                                      \
	X(htmlFreeParserCtxt)                                                      \
	X(htmlNewParserCtxt)                                                       \
	X(xmlCreateMemoryParserCtxt)                                               \
	X(xmlCtxtUseOptions)                                                       \
	X(xmlDocGetRootElement)                                                    \
	X(xmlFree)                                                                 \
	X(xmlFreeDoc)                                                              \
	X(xmlFreeParserCtxt)                                                       \
	X(xmlGetExternalEntityLoader)                                              \
	X(xmlGetLineNo)                                                            \
	X(xmlGetProp)                                                              \
	X(xmlHasProp)                                                              \
	X(xmlInitParser)                                                           \
	X(xmlIsBlankNode)                                                          \
	X(xmlNodeGetContent)                                                       \
	X(xmlNodeGetLang)                                                          \
	X(xmlNodeGetSpacePreserve)                                                 \
	X(xmlParseDocument)                                                        \
	X(xmlRelaxNGFree)                                                          \
	X(xmlRelaxNGFreeParserCtxt)                                                \
	X(xmlRelaxNGFreeValidCtxt)                                                 \
	X(xmlRelaxNGNewMemParserCtxt)                                              \
	X(xmlRelaxNGNewValidCtxt)                                                  \
	X(xmlRelaxNGParse)                                                         \
	X(xmlRelaxNGSetParserStructuredErrors)                                     \
	X(xmlRelaxNGSetValidStructuredErrors)                                      \
	X(xmlRelaxNGValidateDoc)                                                   \
	X(xmlSetExternalEntityLoader)                                              \
	X(xmlStopParser)                                                           \
	X(xmlStrEqual)                                                             \
	X(xmlStrcasecmp)

/* A pointer to each: a function's address, or a variable's; and two
 * variables looked up by name alone, as newer releases deprecate them
 * (xmlParserMaxDepth became a no-op in 2.12, then may go or become a
 * macro): their declarations are not relied on. */
typedef struct wm_libxml_table {
#define WM_LIBXML_POINTER(name) __typeof__(name) *name;
	WM_LIBXML_SYMBOLS(WM_LIBXML_POINTER)
#undef WM_LIBXML_POINTER
	const char *const *parser_version; /* xmlParserVersion ("20914"), or
	                                      NULL */
	const unsigned *max_depth;         /* xmlParserMaxDepth, or NULL */
} wm_libxml_table;

extern wm_libxml_table wm_libxml;

/* Loads libxml2 (once per process, from any thread; see util/dl.h),
 * checks that it is 2.9.0 or later and initialises it (xmlInitParser,
 * once, under the loader's lock); returns 1 when it is there.  Else
 * reports an error (WM_DIAG_LIBRARY) for source, saying that need (a
 * sentence's subject: "the TEI reader") needs it and why it cannot be
 * loaded (or is too old), and returns 0: the caller then fails as for
 * input it cannot read, and calls nothing of libxml2's. */
int wm_libxml_load(wm_context *ctx, const char *source, const char *need);

/* How deep the XML parser nests elements (xmlParserMaxDepth, where the
 * library still has it; else libxml2's default, 256). */
int wm_libxml_max_depth(void);

#ifndef WM_LIBXML_LOADER /* read/libxml.c fills the table by these names */
#define htmlCtxtReadMemory (*wm_libxml.htmlCtxtReadMemory)
#define htmlFreeParserCtxt (*wm_libxml.htmlFreeParserCtxt)
#define htmlNewParserCtxt (*wm_libxml.htmlNewParserCtxt)
#define xmlCreateMemoryParserCtxt (*wm_libxml.xmlCreateMemoryParserCtxt)
#define xmlCtxtUseOptions (*wm_libxml.xmlCtxtUseOptions)
#define xmlDocGetRootElement (*wm_libxml.xmlDocGetRootElement)
#define xmlFree (*wm_libxml.xmlFree)
#define xmlFreeDoc (*wm_libxml.xmlFreeDoc)
#define xmlFreeParserCtxt (*wm_libxml.xmlFreeParserCtxt)
#define xmlGetExternalEntityLoader (*wm_libxml.xmlGetExternalEntityLoader)
#define xmlGetLineNo (*wm_libxml.xmlGetLineNo)
#define xmlGetProp (*wm_libxml.xmlGetProp)
#define xmlHasProp (*wm_libxml.xmlHasProp)
#define xmlInitParser (*wm_libxml.xmlInitParser)
#define xmlIsBlankNode (*wm_libxml.xmlIsBlankNode)
#define xmlNodeGetContent (*wm_libxml.xmlNodeGetContent)
#define xmlNodeGetLang (*wm_libxml.xmlNodeGetLang)
#define xmlNodeGetSpacePreserve (*wm_libxml.xmlNodeGetSpacePreserve)
#define xmlParseDocument (*wm_libxml.xmlParseDocument)
#define xmlRelaxNGFree (*wm_libxml.xmlRelaxNGFree)
#define xmlRelaxNGFreeParserCtxt (*wm_libxml.xmlRelaxNGFreeParserCtxt)
#define xmlRelaxNGFreeValidCtxt (*wm_libxml.xmlRelaxNGFreeValidCtxt)
#define xmlRelaxNGNewMemParserCtxt (*wm_libxml.xmlRelaxNGNewMemParserCtxt)
#define xmlRelaxNGNewValidCtxt (*wm_libxml.xmlRelaxNGNewValidCtxt)
#define xmlRelaxNGParse (*wm_libxml.xmlRelaxNGParse)
#define xmlRelaxNGSetParserStructuredErrors \
	(*wm_libxml.xmlRelaxNGSetParserStructuredErrors)
#define xmlRelaxNGSetValidStructuredErrors \
	(*wm_libxml.xmlRelaxNGSetValidStructuredErrors)
#define xmlRelaxNGValidateDoc (*wm_libxml.xmlRelaxNGValidateDoc)
#define xmlSetExternalEntityLoader (*wm_libxml.xmlSetExternalEntityLoader)
#define xmlStopParser (*wm_libxml.xmlStopParser)
#define xmlStrEqual (*wm_libxml.xmlStrEqual)
#define xmlStrcasecmp (*wm_libxml.xmlStrcasecmp)
#endif

#endif
