/* wm_validate: an output read back and checked against what it should be.
 *
 *   TEI       parsed as safe XML (no DTD, no entity: src/read/xml/safe.h), then
 *             validated with libxml2 against wiremark's RELAX NG schema of
 *             the TEI it writes (schemas/wiremark-tei.rng, compiled in)
 *   NITF, NewsML-G2  the same, against wiremark's RELAX NG schema of the
 *             NITF and NewsML-G2 it writes (schemas/wiremark-iptc.rng: the
 *             elements and attributes IPTC's schemas require, the QCodes'
 *             form, ISO 8601 dates and times)
 *   HTML      parsed with libxml2's HTML parser: every error it reports
 *             counts, but for the HTML5 elements it does not know
 *             (article, header, time, ...); and one h1 per article
 *   Markdown  parsed with cmark (past the YAML front matter of a
 *             standalone document): as many top-level blocks as the
 *             feed's articles make with the built-in templates
 *   JSON      read back with the JSON reader: one article per article
 *
 * Each problem is an error "name:line: ..." (a column where the parser
 * gives one), code WM_DIAG_INVALID_OUTPUT; at most MAX_ERRORS of them.
 */
#include "validate.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../read/decode.h"
#include "../read/json.h"
#include "../read/libcmark.h"
#include "../read/libxml.h"
#include "../read/xml/safe.h"
#include "../tree/tree.h"

#define MAX_ERRORS 10

typedef struct check {
	wm_context *ctx;
	const char *name;
	unsigned errors;
} check;

#define problem(c, line, col, ...)                                             \
	wm_report_capped((c)->ctx, &(c)->errors, MAX_ERRORS,                      \
	                 " (further problems left out)", WM_SEVERITY_ERROR,        \
	                 WM_DIAG_INVALID_OUTPUT, (c)->name, line, col, __VA_ARGS__)

/* A libxml2 error as a problem (message without its line break). */
static void xml_problem(check *c, const xmlError *e)
{
	const char *msg = e->message ? e->message : "error";
	int n = (int)strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	problem(c, e->line > 0 ? (unsigned)e->line : 0,
	        e->int2 > 0 ? (unsigned)e->int2 : 0, "%.*s", n, msg);
}

/* ---- TEI, NITF, NewsML-G2: RELAX NG ------------------------------------- */

/* A schema compiled in, and what the messages call it. */
typedef struct schema {
	const unsigned char *text;
	size_t len;
	const char *name;  /* wiremark-tei.rng */
	const char *what;  /* "TEI" */
} schema;

typedef struct schema_check {
	check *c;
	const schema *s;
} schema_check;

static void on_schema_error(void *data, xmlErrorPtr e)
{
	schema_check *sc = data;
	sc->c->errors++;
	wm_report(sc->c->ctx, WM_SEVERITY_ERROR, WM_DIAG_INVALID_OUTPUT,
	          sc->s->name, e->line > 0 ? (unsigned)e->line : 0, 0, "%s",
	          e->message ? e->message : "schema error");
}

static void on_invalid(void *data, xmlErrorPtr e)
{
	if (e->level != XML_ERR_WARNING)
		xml_problem(data, e);
}

/* doc parsed as safe XML (no DTD, no entity), then validated against s. */
static void check_rng(check *c, const schema *s, const char *doc, size_t len)
{
	xmlRelaxNGParserCtxtPtr pc = NULL;
	xmlRelaxNGPtr rng = NULL;
	xmlRelaxNGValidCtxtPtr vc = NULL;
	schema_check sc = {c, s};
	char why[64];
	snprintf(why, sizeof why, "validating %s", s->what);
	if (!wm_libxml_load(c->ctx, c->name, why)) {
		c->errors++;
		return;
	}
	xmlDoc *xml = wm_xml_read(c->ctx, doc, len, c->name,
	                          WM_DIAG_INVALID_OUTPUT);
	if (!xml) {
		c->errors++;
		goto out;
	}
	pc = xmlRelaxNGNewMemParserCtxt((const char *)s->text, (int)s->len);
	xmlRelaxNGSetParserStructuredErrors(pc, on_schema_error, &sc);
	rng = pc ? xmlRelaxNGParse(pc) : NULL;
	vc = rng ? xmlRelaxNGNewValidCtxt(rng) : NULL;
	if (!vc) {
		problem(c, 0, 0, "the %s schema cannot be compiled", s->what);
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, on_invalid, c);
	if (xmlRelaxNGValidateDoc(vc, xml) != 0 && c->errors == 0)
		problem(c, 0, 0, "not valid against %s", s->name);
out:
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pc);
	xmlFreeDoc(xml);
}

/* ---- HTML ---------------------------------------------------------------- */

static void on_html_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr p = data;
	/* libxml2's HTML parser knows HTML 4 only: HTML5 elements are no
	 * fault of the output */
	if (e->code == XML_HTML_UNKNOWN_TAG || e->level == XML_ERR_WARNING)
		return;
	xml_problem(p->_private, e);
}

static size_t count_named(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(n->name, BAD_CAST name) == 0)
			k++;
		k += count_named(n->children, name);
	}
	return k;
}

static void check_html(check *c, const wm_feed *feed, const char *doc,
                       size_t len)
{
	if (len > INT_MAX) {
		problem(c, 0, 0, "too large for the HTML parser");
		return;
	}
	if (!wm_libxml_load(c->ctx, c->name, "validating HTML")) {
		c->errors++;
		return;
	}
	wm_xml_init();
	htmlParserCtxtPtr p = htmlNewParserCtxt();
	if (!p) {
		problem(c, 0, 0, "cannot start the HTML parser");
		return;
	}
	p->_private = c;
	p->sax->initialized = XML_SAX2_MAGIC;
	p->sax->serror = on_html_error;
	p->sax->resolveEntity = wm_xml_resolve_nothing; /* loads nothing */
	xmlDoc *html = htmlCtxtReadMemory(p, doc, (int)len, c->name, "UTF-8",
	                                  HTML_PARSE_NONET);
	size_t h1 = html ? count_named(xmlDocGetRootElement(html), "h1") : 0;
	if (!html)
		problem(c, 0, 0, "the HTML parser read no document");
	else if (h1 != wm_feed_count(feed))
		problem(c, 0, 0, "%zu h1 headings, for %zu articles", h1,
		        wm_feed_count(feed));
	xmlFreeDoc(html);
	htmlFreeParserCtxt(p);
}

/* ---- Markdown ------------------------------------------------------------ */

typedef struct kinds {
	cmark_node_type *v;
	size_t n, cap;
} kinds;

static void kinds_push(kinds *k, cmark_node_type t)
{
	WM_GROW(k->v, k->n, k->cap, 32);
	k->v[k->n++] = t;
}

/* The blocks the built-in Markdown templates write for the feed. */
static void expected_blocks(const wm_feed *feed, kinds *k)
{
	for (size_t i = 0; i < feed->count; i++) {
		const wm_article *a = feed->articles[i];
		if (i > 0)
			kinds_push(k, CMARK_NODE_THEMATIC_BREAK);
		kinds_push(k, CMARK_NODE_HEADING);
		if (a->deck)
			kinds_push(k, CMARK_NODE_HEADING);
		if (a->byline)
			kinds_push(k, CMARK_NODE_PARAGRAPH);
		if (a->dateline && (a->nblocks == 0 ||
		                    a->blocks[0].type != WM_BLOCK_PARAGRAPH))
			kinds_push(k, CMARK_NODE_PARAGRAPH);
		for (size_t b = 0; b < a->nblocks; b++)
			kinds_push(k, a->blocks[b].type == WM_BLOCK_PARAGRAPH
			                      ? CMARK_NODE_PARAGRAPH
			                      : CMARK_NODE_CODE_BLOCK);
		if (a->trailer)
			kinds_push(k, CMARK_NODE_PARAGRAPH);
	}
}

/* Where the Markdown starts past YAML front matter ("---" lines around
 * it); *lines gets the number of lines skipped. */
static size_t past_front_matter(const char *doc, size_t len, unsigned *lines)
{
	*lines = 0;
	if (len < 4 || memcmp(doc, "---\n", 4) != 0)
		return 0;
	for (size_t i = 3; i + 4 <= len; i++) {
		if (doc[i] != '\n')
			continue;
		++*lines;
		if (memcmp(doc + i + 1, "---", 3) == 0 &&
		    (i + 4 == len || doc[i + 4] == '\n')) {
			*lines += 1;
			return i + 4 < len ? i + 5 : len;
		}
	}
	*lines = 0;
	return 0;
}

static void compare_blocks(check *c, cmark_node *root, const kinds *want,
                           unsigned offset)
{
	size_t i = 0;
	cmark_node *n = cmark_node_first_child(root);
	for (; n && i < want->n; n = cmark_node_next(n), i++)
		if (cmark_node_get_type(n) != want->v[i])
			break;
	size_t got = 0;
	for (cmark_node *m = cmark_node_first_child(root); m; m = cmark_node_next(m))
		got++;
	if (got == want->n)
		return;
	unsigned line = n ? (unsigned)cmark_node_get_start_line(n) + offset : 0;
	problem(c, line, 0, "cmark reads %zu blocks, the articles make %zu "
	        "(the first that differs: block %zu, %s)", got, want->n, i + 1,
	        n ? cmark_node_get_type_string(n) : "missing");
}

static void check_markdown(check *c, const wm_feed *feed, unsigned options,
                           const char *doc, size_t len)
{
	if (!wm_libcmark_load(c->ctx, c->name, "validating Markdown")) {
		c->errors++;
		return;
	}
	unsigned offset = 0;
	size_t start = (options & WM_WRITE_STANDALONE)
	                       ? past_front_matter(doc, len, &offset)
	                       : 0;
	cmark_node *root = cmark_parse_document(doc + start, len - start,
	                                        CMARK_OPT_DEFAULT);
	kinds want = {NULL, 0, 0};
	expected_blocks(feed, &want);
	compare_blocks(c, root, &want, offset);
	free(want.v);
	cmark_node_free(root);
}

/* ---- JSON ---------------------------------------------------------------- */

static void check_json(check *c, const wm_feed *feed, const char *doc,
                       size_t len)
{
	/* the JSON reader on the decoded text, as wm_read (convert/, above
	 * this folder) would give it, without the input's limits: an output
	 * may be larger than its input */
	size_t n;
	char *text = wm_decode(c->ctx, doc, len, c->name, 0, &n);
	wm_feed *back = text ? wm_read_json(c->ctx, text, n, c->name) : NULL;
	free(text);
	if (!back)
		c->errors++;
	else if (wm_feed_count(back) != wm_feed_count(feed))
		problem(c, 0, 0, "%zu articles read back, for %zu written",
		        wm_feed_count(back), wm_feed_count(feed));
	wm_feed_free(back);
}

int wm_validate(wm_context *ctx, const wm_feed *feed, wm_format format,
                unsigned options, const char *doc, size_t len,
                const char *name)
{
	check c = {ctx, name ? name : "-", 0};
	if (!feed || !doc)
		return WM_ERR_USAGE;
	switch (format) {
	case WM_FORMAT_TEI: {
		const schema tei = {wm_tei_schema, wm_tei_schema_len,
		                    "wiremark-tei.rng", "TEI"};
		check_rng(&c, &tei, doc, len);
		break;
	}
	case WM_FORMAT_NITF:
	case WM_FORMAT_NEWSML: {
		const schema iptc = {wm_iptc_schema, wm_iptc_schema_len,
		                     "wiremark-iptc.rng",
		                     format == WM_FORMAT_NITF ? "NITF" : "NewsML-G2"};
		check_rng(&c, &iptc, doc, len);
		break;
	}
	case WM_FORMAT_HTML:
		check_html(&c, feed, doc, len);
		break;
	case WM_FORMAT_MARKDOWN:
		check_markdown(&c, feed, options, doc, len);
		break;
	case WM_FORMAT_JSON:
		check_json(&c, feed, doc, len);
		break;
	default:
		return WM_ERR_USAGE;
	}
	return c.errors ? WM_ERR_INPUT : WM_OK;
}
