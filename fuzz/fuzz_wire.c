/* Fuzz target: the wire reader and every writer.
 *
 * Any bytes are read as wire copy; if a feed comes out, it must keep the
 * tree's rules, and each writer's output must be well-formed: TEI parses as
 * XML, the HTML page parses with libxml2's HTML parser without errors that
 * mean broken markup, JSON lines parse, and cmark reads the Markdown with
 * as many top-level blocks as the tree says. */
#include <cmark.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wiremark.h"

static void silent(const wm_diag *d, void *u)
{
	(void)d;
	(void)u;
}

static void check_tei(const char *out, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(out, (int)len, "fuzz.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR |
	                              XML_PARSE_NOWARNING);
	if (!doc)
		abort();
	xmlFreeDoc(doc);
}

static void check_html(const char *out, size_t len)
{
	htmlDocPtr doc = htmlReadMemory(out, (int)len, "fuzz.html", "UTF-8",
	                                HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                                HTML_PARSE_NOWARNING);
	if (!doc)
		abort();
	xmlFreeDoc(doc);
}

static void check_json(const char *out, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (out[i] != '\n')
			continue;
		json_error_t err;
		json_t *j = json_loadb(out + start, i - start, 0, &err);
		if (!j || !json_is_object(j))
			abort();
		json_decref(j);
		start = i + 1;
	}
	if (start != len)
		abort(); /* every object ends its line */
}

/* Top-level blocks the Markdown of one article must have. */
static size_t markdown_blocks(const wm_article *a)
{
	size_t n = 1 + (wm_article_deck(a) != NULL) + (wm_article_byline(a) != NULL) +
	           wm_article_block_count(a) + (wm_article_trailer(a) != NULL);
	const wm_dateline *d = wm_article_dateline(a);
	if (d && (wm_article_block_count(a) == 0 ||
	          wm_block_type_of(wm_article_block(a, 0)) != WM_BLOCK_PARAGRAPH))
		n++;
	return n;
}

static void check_markdown(const wm_feed *feed, const char *out, size_t len)
{
	if (wm_feed_count(feed) != 1)
		return;
	cmark_node *doc = cmark_parse_document(out, len, CMARK_OPT_DEFAULT);
	size_t n = 0;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		n++;
	cmark_node_free(doc);
	if (n != markdown_blocks(wm_feed_article(feed, 0)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, silent, NULL);
	wm_context_set_date(ctx, "1987-03-01");
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, (const char *)data, size, "fuzz", 0);
	if (feed) {
		if (wm_feed_check(feed, NULL) != WM_OK)
			abort();
		static const wm_format formats[] = {WM_FORMAT_HTML, WM_FORMAT_TEI,
		                                    WM_FORMAT_JSON, WM_FORMAT_MARKDOWN};
		for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
			char *out = NULL;
			size_t len = 0;
			unsigned opts = formats[k] == WM_FORMAT_MARKDOWN ? 0 : WM_WRITE_STANDALONE;
			if (wm_write(ctx, feed, formats[k], opts, &out, &len) != WM_OK)
				abort();
			if (formats[k] == WM_FORMAT_TEI)
				check_tei(out, len);
			else if (formats[k] == WM_FORMAT_HTML)
				check_html(out, len);
			else if (formats[k] == WM_FORMAT_JSON)
				check_json(out, len);
			else
				check_markdown(feed, out, len);
			free(out);
		}
		wm_feed_free(feed);
	}
	wm_context_free(ctx);
	return 0;
}
