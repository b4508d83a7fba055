/* Safe XML parsing: see safe.h. */
#include "safe.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "../../util/utf8.h"
#include "../../util/words.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)
#define MAX_WARNINGS 10

typedef struct xml_state {
	wm_context *ctx;
	const char *name;
	wm_diag_code code;
	int failed;
	unsigned warnings;
} xml_state;

/* libxml2's structured error handler; data is the parser context. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr p = data;
	xml_state *st = p->_private;
	/* an entity of an external DTD, which is never read: the reader
	 * warns where it leaves the reference out */
	if (st->failed || e->code == XML_WAR_UNDECLARED_ENTITY)
		return;
	const char *msg = e->message ? e->message : "XML error";
	int n = (int)strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	unsigned line = e->line > 0 ? (unsigned)e->line : 0;
	unsigned col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	if (e->level == XML_ERR_WARNING) {
		if (st->warnings++ < MAX_WARNINGS)
			wm_report(st->ctx, WM_SEVERITY_WARNING, st->code, st->name,
			          line, col, "%.*s", n, msg);
		return;
	}
	st->failed = 1;
	if (strncmp(msg, "Excessive depth in document", 27) == 0)
		wm_report(st->ctx, WM_SEVERITY_ERROR, st->code, st->name,
		          line ? line : 1, col, "elements nested more than %d deep: "
		          "refused", wm_libxml_max_depth());
	else
		wm_report(st->ctx, WM_SEVERITY_ERROR, st->code, st->name,
		          line ? line : 1, col, "%.*s", n, msg);
}

static void refuse(xmlParserCtxtPtr p, const xmlChar *name)
{
	xml_state *st = p->_private;
	if (!st->failed)
		wm_report(st->ctx, WM_SEVERITY_ERROR, st->code, st->name,
		          p->input ? (unsigned)p->input->line : 0,
		          p->input ? (unsigned)p->input->col : 0,
		          "the document declares the entity \"%s\": refused (wiremark "
		          "loads no DTD and expands no entity: entities can read "
		          "files or grow without bound)", (const char *)name);
	st->failed = 1;
	xmlStopParser(p);
}

static void refuse_entity(void *data, const xmlChar *name, int type,
                          const xmlChar *public_id, const xmlChar *system_id,
                          xmlChar *content)
{
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	refuse(data, name);
}

static void refuse_unparsed(void *data, const xmlChar *name,
                            const xmlChar *public_id, const xmlChar *system_id,
                            const xmlChar *notation)
{
	(void)public_id;
	(void)system_id;
	(void)notation;
	refuse(data, name);
}

xmlParserInputPtr wm_xml_resolve_nothing(void *data, const xmlChar *public_id,
                                         const xmlChar *system_id)
{
	(void)data;
	(void)public_id;
	(void)system_id;
	return NULL;
}

/* A DOCTYPE's external subset: never loaded, whatever the options. */
static void load_no_subset(void *data, const xmlChar *name,
                           const xmlChar *public_id, const xmlChar *system_id)
{
	(void)data;
	(void)name;
	(void)public_id;
	(void)system_id;
}

/* The external entity loader: refuses every load for a parser of
 * wiremark's (one whose resolveEntity is wm_xml_resolve_nothing) and hands
 * the others to the loader it replaced, so that a program using libxml2
 * besides libwiremark keeps its own behaviour.  libxml2 keeps one loader
 * for the process: it is read and replaced under a lock, and the one
 * replaced is read by parsers of any thread. */
static pthread_mutex_t loader_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(xmlExternalEntityLoader) next_loader;

static xmlParserInputPtr refuse_loading(const char *url, const char *id,
                                        xmlParserCtxtPtr ctxt)
{
	xmlExternalEntityLoader next = atomic_load(&next_loader);
	if (!ctxt || !ctxt->sax ||
	    ctxt->sax->resolveEntity == wm_xml_resolve_nothing || !next)
		return NULL;
	return next(url, id, ctxt);
}

void wm_xml_init(void)
{
	pthread_mutex_lock(&loader_lock);
	xmlExternalEntityLoader now = xmlGetExternalEntityLoader();
	if (now != refuse_loading) {
		atomic_store(&next_loader, now);
		xmlSetExternalEntityLoader(refuse_loading);
	}
	pthread_mutex_unlock(&loader_lock);
}

/* The encoding the XML declaration names: its value's offset in bytes
 * and its length; 0 when there is none. */
static size_t declared_encoding(const char *bytes, size_t len, size_t *at)
{
	size_t n = len < 256 ? len : 256;
	if (n < 6 || memcmp(bytes, "<?xml", 5) != 0)
		return 0;
	const char *end = memchr(bytes, '>', n);
	const char *e = end ? bytes : NULL;
	for (; e && e + 8 < end; e++)
		if (memcmp(e, "encoding", 8) == 0)
			break;
	if (!e || e + 8 >= end)
		return 0;
	e += 8;
	while (e < end && (*e == ' ' || *e == '=' || *e == '\t'))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return 0;
	const char *close = memchr(e + 1, *e, (size_t)(end - e - 1));
	if (!close)
		return 0;
	*at = (size_t)(e + 1 - bytes);
	return (size_t)(close - e - 1);
}

static int names_latin1(const char *s, size_t n)
{
	static const char *const names[] = {"iso-8859-1", "iso8859-1", "latin1",
	                                    "latin-1", "windows-1252", "cp1252",
	                                    "iso_8859-1", NULL};
	for (const char *const *k = names; *k; k++)
		if (strlen(*k) == n && wm_ascii_iprefix(s, n, *k))
			return 1;
	return 0;
}

/* Whether the declaration says ISO-8859-1 and the bytes are UTF-8 with
 * non-ASCII text in them: then a warning at the declaration. */
static int utf8_lie(wm_context *ctx, const char *bytes, size_t len,
                    const char *name)
{
	size_t at = 0, n = declared_encoding(bytes, len, &at);
	if (!n || !names_latin1(bytes + at, n) || !wm_utf8_valid(bytes, len))
		return 0;
	size_t i = 0;
	while (i < len && (unsigned char)bytes[i] < 0x80)
		i++;
	if (i == len)
		return 0;
	wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_INVALID_UTF8, name, 1,
	          (unsigned)at + 1, "the declaration says %.*s but the bytes are "
	          "UTF-8: read as UTF-8", (int)n, bytes + at);
	return 1;
}

static xmlDoc *parse(wm_context *ctx, const char *bytes, size_t len,
                     const char *name, wm_diag_code code, const char *need,
                     int options)
{
	xml_state st = {ctx, name, code, 0, 0};
	if (len == 0 || len > INT_MAX) {
		wm_report(ctx, WM_SEVERITY_ERROR, code, name, 1, 1, "%s",
		          len ? "too large for the XML parser (2 GB at most)"
		              : "no XML: the input is empty");
		return NULL;
	}
	if (!wm_libxml_load(ctx, name, need))
		return NULL;
	wm_xml_init();
	xmlParserCtxtPtr p = xmlCreateMemoryParserCtxt(bytes, (int)len);
	if (!p) {
		wm_report(ctx, WM_SEVERITY_ERROR, code, name, 0, 0,
		          "cannot start the XML parser");
		return NULL;
	}
	xmlCtxtUseOptions(p, options);
	p->_private = &st;
	p->sax->initialized = XML_SAX2_MAGIC;
	p->sax->serror = on_xml_error;
	p->sax->entityDecl = refuse_entity;
	p->sax->unparsedEntityDecl = refuse_unparsed;
	p->sax->resolveEntity = wm_xml_resolve_nothing;
	p->sax->externalSubset = load_no_subset;
	xmlParseDocument(p);
	xmlDoc *doc = p->myDoc;
	p->myDoc = NULL;
	if (!p->wellFormed || st.failed) {
		if (!st.failed)
			wm_report(ctx, WM_SEVERITY_ERROR, code, name, 1, 0,
			          "not well-formed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(p);
	return doc;
}

xmlDoc *wm_xml_read(wm_context *ctx, const char *bytes, size_t len,
                    const char *name, wm_diag_code code)
{
	return parse(ctx, bytes, len, name, code, "the TEI reader", XML_OPTIONS);
}

xmlDoc *wm_xml_read_for(wm_context *ctx, const char *bytes, size_t len,
                        const char *name, const char *need, unsigned flags)
{
	int options = XML_OPTIONS;
	if ((flags & WM_XML_UTF8_LIE) && utf8_lie(ctx, bytes, len, name))
		options |= XML_PARSE_IGNORE_ENC;
	return parse(ctx, bytes, len, name, WM_DIAG_MALFORMED, need, options);
}

const char *wm_xml_name(const xmlNode *n, const char *ns)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	if (ns && n->ns && n->ns->href && !xmlStrEqual(n->ns->href, BAD_CAST ns))
		return NULL;
	return (const char *)n->name;
}

unsigned wm_xml_lineno(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < (long)UINT_MAX ? (unsigned)l : 0;
}
