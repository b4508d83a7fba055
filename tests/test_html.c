/* HTML for websites: injection-proof output (checked by parsing it with
 * libxml2's HTML parser), the metadata for the web, and the HTML reader
 * (what it reads, and that malformed input never breaks it). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "tree/tree.h"
#include "util/buf.h"
#include "write/escape.h"

/* ---- helpers ---------------------------------------------------------------- */

/* Every way the input tries to leave its text. */
#define INJ "<script>alert(1)</script> \"><img src=x onerror=alert(1)> " \
            "</script><!-- ]]> {{x}} {{{y}}} {{>z}} javascript:alert(1) " \
            "&amp; 'q' </style></title><![CDATA[ \xE2\x80\xA8"

static char *render(wm_context *ctx, const wm_feed *f, unsigned options)
{
	char *out = NULL;
	size_t n;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_HTML, options, &out, &n), WM_OK);
	cr_assert_eq(strlen(out), n);
	return out;
}

static htmlDocPtr parse(const char *html)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), "out.html", "UTF-8",
	                                HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                                HTML_PARSE_NOWARNING);
	cr_assert_not_null(doc, "libxml2 cannot parse:\n%s", html);
	return doc;
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static const char *const allowed_elements[] = {
	"html", "head", "body", "meta", "title", "style", "link", "script", "main",
	"article", "header", "h1", "p", "span", "time", "pre", "footer", NULL};
static const char *const allowed_attributes[] = {
	"lang", "charset", "name", "content", "property", "rel", "href", "type",
	"class", "id", "datetime", "data-slug", NULL};
static const char *const allowed_classes[] = {
	"deck", "byline", "author", "dateline", "place", "region", "date", "agency",
	"trailer", NULL};

typedef struct scan {
	int scripts;
	int comments;
	wm_buf h1, jsonld;
} scan;

static void check_attribute(const xmlNode *n, const xmlAttr *at)
{
	const char *name = (const char *)at->name;
	xmlChar *v = xmlNodeGetContent((const xmlNode *)at);
	const char *val = v ? (const char *)v : "";
	cr_expect(in_list(name, allowed_attributes), "attribute %s=\"%s\" on <%s>",
	          name, val, n->name);
	if (strcmp(name, "href") == 0)
		cr_expect(strncmp(val, "https://", 8) == 0 || strncmp(val, "http://", 7) == 0 ||
		          val[0] == '/', "href \"%s\"", val);
	if (strcmp(name, "class") == 0)
		cr_expect(in_list(val, allowed_classes), "class \"%s\"", val);
	if (strcmp(name, "rel") == 0)
		cr_expect(strcmp(val, "canonical") == 0 || strcmp(val, "stylesheet") == 0,
		          "rel \"%s\"", val);
	if (strcmp(name, "type") == 0)
		cr_expect_str_eq(val, "application/ld+json");
	if (strcmp(name, "lang") == 0)
		cr_expect(strspn(val, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
		          strlen(val), "lang \"%s\"", val);
	xmlFree(v);
}

static void append_content(wm_buf *b, const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	if (c)
		wm_buf_puts(b, (const char *)c);
	xmlFree(c);
}

/* Walks the whole document (it is shallow) checking every node. */
static void scan_node(const xmlNode *n, scan *s)
{
	for (; n; n = n->next) {
		if (n->type == XML_COMMENT_NODE)
			s->comments++;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		cr_expect(in_list(name, allowed_elements), "element <%s> in the output", name);
		for (const xmlAttr *at = n->properties; at; at = at->next)
			check_attribute(n, at);
		if (strcmp(name, "script") == 0) {
			s->scripts++;
			if (s->jsonld.len == 0)
				append_content(&s->jsonld, n);
		}
		if (strcmp(name, "h1") == 0 && s->h1.len == 0)
			append_content(&s->h1, n);
		scan_node(n->children, s);
	}
}

/* Parses html and checks that no element, attribute or comment came from
 * the data, that the first h1 reads headline and the first JSON-LD, when
 * the page has one, gives headline back.  Returns the number of scripts. */
static int check_page(const char *html, const char *headline)
{
	htmlDocPtr doc = parse(html);
	scan s = {0, 0, WM_BUF_INIT, WM_BUF_INIT};
	scan_node(xmlDocGetRootElement(doc), &s);
	cr_expect_eq(s.comments, 0, "a comment in the output");
	cr_expect_str_eq(wm_buf_cstr(&s.h1), headline);
	if (s.scripts) {
		const char *js = wm_buf_cstr(&s.jsonld);
		cr_expect_null(strchr(js, '<'), "'<' in the JSON-LD: %s", js);
		json_error_t err;
		json_t *ld = json_loads(js, 0, &err);
		cr_assert_not_null(ld, "JSON-LD does not parse: %s: %s", err.text, js);
		cr_expect_str_eq(json_string_value(json_object_get(ld, "headline")), headline);
		cr_expect_str_eq(json_string_value(json_object_get(ld, "@type")), "NewsArticle");
		json_decref(ld);
	}
	wm_buf_free(&s.h1);
	wm_buf_free(&s.jsonld);
	xmlFreeDoc(doc);
	return s.scripts;
}

/* An article with INJ in every field (made directly: the wire grammar
 * would not take such text as a dateline). */
static wm_feed *injected_feed(void)
{
	wm_article *a = wm_article_new();
	a->headline = wm_article_strdup(a, "Headline " INJ);
	a->deck = wm_article_strdup(a, "Deck " INJ);
	a->byline = wm_article_strdup(a, "By Jane " INJ);
	a->trailer = wm_article_strdup(a, "Trailer " INJ);
	a->source = wm_article_strdup(a, "inj.txt");
	a->slug = wm_article_strdup(a, "SLUG " INJ);
	wm_dateline *d = wm_dateline_new(&a->arena);
	d->text = wm_article_strdup(a, "PLACE " INJ ", Region " INJ ", Date " INJ " (Agency " INJ ") -");
	d->place = wm_article_strdup(a, "PLACE " INJ);
	d->region = wm_article_strdup(a, "Region " INJ);
	d->date = wm_article_strdup(a, "Date " INJ);
	d->iso_date = wm_article_strdup(a, "2026-03-03");
	d->agency = wm_article_strdup(a, "Agency " INJ);
	d->dash = wm_article_strdup(a, "-");
	a->dateline = d;
	wm_article_push_block(a, WM_BLOCK_PARAGRAPH, wm_article_strdup(a, "Paragraph " INJ), 3);
	wm_article_push_block(a, WM_BLOCK_PREFORMATTED, wm_article_strdup(a, "Table " INJ "\n  row"), 5);
	wm_feed *f = wm_feed_new();
	wm_feed_push(f, a);
	const char *msg = NULL;
	cr_assert_eq(wm_feed_check(f, &msg), WM_OK, "%s", msg ? msg : "");
	return f;
}

static void set_injected_meta(wm_context *ctx)
{
	static const char *const keys[] = {"url", "css", "image", "lang", "publisher",
	                                   "title", "description", "x"};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		cr_assert_eq(wm_context_set_meta(ctx, keys[k], "javascript:alert(1)//" INJ), WM_OK);
}

/* ---- injection --------------------------------------------------------------- */

Test(html_injection, every_field_and_meta_value)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	set_injected_meta(ctx);
	wm_feed *f = injected_feed();
	char *page = render(ctx, f, WM_WRITE_STANDALONE);
	cr_expect_eq(check_page(page, "Headline " INJ), 1, "one JSON-LD script");
	cr_expect_not_null(strstr(page, "{{x}} {{{y}}} {{&gt;z}}"), "template syntax not kept as text");
	cr_expect_geq(d.count, 4, "url, css, image and lang are each rejected with a warning");
	char *frag = render(ctx, f, 0);
	cr_expect_eq(check_page(frag, "Headline " INJ), 0, "a fragment has no script");
	cr_expect(strncmp(frag, "<article data-slug=", 19) == 0, "fragment starts:\n%.80s", frag);
	free(page);
	free(frag);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_injection, through_the_wire_reader)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = test_read(ctx,
	        "Wire " INJ "\n\nBy Jim " INJ "\n\nLONDON, March 3 (Reuters) - First " INJ
	        "\n\nSecond " INJ "\n\nReuter\n");
	cr_assert_not_null(f);
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_not_null(wm_article_dateline(a));
	char *page = render(ctx, f, WM_WRITE_STANDALONE);
	check_page(page, "Wire " INJ);
	free(page);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_injection, html_read_back_and_written_again)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = injected_feed();
	char *page = render(ctx, f, WM_WRITE_STANDALONE);
	wm_feed *back = wm_read(ctx, WM_FORMAT_HTML, page, strlen(page), "page.html", 0);
	cr_assert_not_null(back, "%s", d.last);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(back, 0)), "Headline " INJ);
	cr_expect_str_eq(wm_feed_article(back, 0)->slug, "SLUG " INJ);
	char *again = render(ctx, back, WM_WRITE_STANDALONE);
	check_page(again, "Headline " INJ);
	free(again);
	free(page);
	wm_feed_free(back);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_injection, json_script_escaper)
{
	wm_buf b = WM_BUF_INIT;
	const char *in = "{\"a\":\"</script><!-- & > \xE2\x80\xA8 \x7f \xC2\x85 \xEF\xBF\xBE \xF0\x9F\xBF\xBF \xC3\xA9\"}";
	wm_escape_json_script(&b, in, strlen(in), NULL);
	cr_expect_str_eq(wm_buf_cstr(&b),
	                 "{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028 \\u007f "
	                 "\\u0085 \\ufffe \\ud83f\\udfff \xC3\xA9\"}");
	json_t *v = json_loads(wm_buf_cstr(&b), 0, NULL);
	cr_assert_not_null(v, "%s", wm_buf_cstr(&b));
	json_t *want = json_loads(in, 0, NULL);
	cr_assert_not_null(want);
	cr_expect(json_equal(v, want), "value changed: %s", wm_buf_cstr(&b));
	cr_expect_null(strpbrk(wm_buf_cstr(&b), "<>&"));
	json_decref(v);
	json_decref(want);
	wm_buf_free(&b);
}

/* ---- metadata for the web --------------------------------------------------- */

static char *page_of(const char *wire, const char *const *meta, test_diags *d)
{
	wm_context *ctx = test_context(d);
	cr_assert_eq(wm_context_set_date(ctx, "2026-11-28"), WM_OK);
	for (; meta && *meta; meta += 2)
		cr_assert_eq(wm_context_set_meta(ctx, meta[0], meta[1]), WM_OK);
	wm_feed *f = test_read(ctx, wire);
	cr_assert_not_null(f);
	char *out = render(ctx, f, WM_WRITE_STANDALONE);
	wm_feed_free(f);
	wm_context_free(ctx);
	return out;
}

static const char wire[] =
	"Mill To Reopen\n\nBy  Jane Roe, Reuters\n\nPORTLAND, Ore., Feb 26 - The mill will "
	"reopen on Monday.\n\nIt closed in January.\n\nReuter\n";

Test(html_meta, head_of_the_page)
{
	test_diags d;
	static const char *const meta[] = {"url", "https://example.com/news/mill?a=1&b=2",
	                                   "publisher", "Example News", "lang", "en-GB",
	                                   NULL};
	char *p = page_of(wire, meta, &d);
	cr_expect_eq(d.count, 0, "%s", d.last);
	static const char *const want[] = {
		"<html lang=\"en-GB\">",
		"<meta name=\"description\" content=\"The mill will reopen on Monday.\">",
		"<link rel=\"canonical\" href=\"https://example.com/news/mill?a=1&amp;b=2\">",
		"<meta property=\"og:type\" content=\"article\">",
		"<meta property=\"og:title\" content=\"Mill To Reopen\">",
		"<meta property=\"og:url\" content=\"https://example.com/news/mill?a=1&amp;b=2\">",
		"<meta property=\"og:site_name\" content=\"Example News\">",
		"<meta property=\"article:published_time\" content=\"2026-02-26\">",
		"<meta name=\"twitter:card\" content=\"summary\">",
		"<meta name=\"twitter:title\" content=\"Mill To Reopen\">",
		"\"@type\":\"NewsArticle\"",
		"\"dateline\":\"PORTLAND, Ore., Feb 26 -\"",
		"\"datePublished\":\"2026-02-26\"",
		"\"author\":{\"@type\":\"Person\",\"name\":\"Jane Roe\"}",
		"\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example News\"}",
		"\"wordCount\":10",
		"\"inLanguage\":\"en-GB\"",
		"\"url\":\"https://example.com/news/mill?a=1\\u0026b=2\"",
		"<p class=\"byline\">By  <span class=\"author\">Jane Roe</span>, Reuters</p>",
		"<time datetime=\"2026-02-26\">Feb 26</time>",
		"<footer>\n<p class=\"trailer\">Reuter</p>\n</footer>",
		NULL};
	for (const char *const *w = want; *w; w++)
		cr_expect_not_null(strstr(p, *w), "missing %s in\n%s", *w, p);
	free(p);
}

Test(html_meta, two_authors)
{
	test_diags d;
	char *p = page_of("Vote Delayed\n\nBy Ann Lee and Bo Chan\n\nThe vote was delayed.\n",
	                  NULL, &d);
	cr_expect_not_null(strstr(p, "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},"
	                             "{\"@type\":\"Person\",\"name\":\"Bo Chan\"}]"), "%s", p);
	free(p);
}

Test(html_meta, only_http_urls)
{
	static const char *const bad[] = {"javascript:alert(1)", "JavaScript:alert(1)",
	                                  "data:text/html,x", "ftp://example.com/",
	                                  "https://", "http:///x", "https://a b/",
	                                  "vbscript:x", "/relative", NULL};
	for (const char *const *u = bad; *u; u++) {
		test_diags d;
		const char *meta[] = {"url", *u, NULL};
		char *p = page_of(wire, meta, &d);
		cr_expect_null(strstr(p, "canonical"), "url \"%s\" used:\n%s", *u, p);
		cr_expect_null(strstr(p, "og:url"), "url \"%s\" used", *u);
		cr_expect_eq(d.count, 1, "url \"%s\": %u messages", *u, d.count);
		cr_expect(strstr(d.last, "meta url is not an http or https URL") != NULL, "%s", d.last);
		free(p);
	}
	test_diags d;
	const char *ok[] = {"url", "HTTP://Example.com/x", NULL};
	char *p = page_of(wire, ok, &d);
	cr_expect_not_null(strstr(p, "<link rel=\"canonical\" href=\"HTTP://Example.com/x\">"));
	cr_expect_eq(d.count, 0);
	free(p);
}

Test(html_meta, site_stylesheet_instead_of_built_in)
{
	test_diags d;
	const char *meta[] = {"css", "/assets/site.css", NULL};
	char *p = page_of(wire, meta, &d);
	cr_expect_not_null(strstr(p, "<link rel=\"stylesheet\" href=\"/assets/site.css\">"));
	cr_expect_null(strstr(p, "<style>"));
	free(p);
	const char *bad[] = {"css", "javascript:alert(1)", NULL};
	p = page_of(wire, bad, &d);
	cr_expect_null(strstr(p, "rel=\"stylesheet\""));
	cr_expect_not_null(strstr(p, "<style>"), "the built-in style stays");
	cr_expect_eq(d.count, 1);
	free(p);
}

Test(html_meta, description_cut_at_a_word)
{
	wm_buf w = WM_BUF_INIT;
	wm_buf_puts(&w, "Long One\n\n");
	for (int i = 0; i < 40; i++)
		wm_buf_puts(&w, "wordy\xC3\xA9 ");
	wm_buf_puts(&w, "end.\n");
	test_diags d;
	char *p = page_of(wm_buf_cstr(&w), NULL, &d);
	const char *m = strstr(p, "<meta name=\"description\" content=\"");
	cr_assert_not_null(m);
	m += strlen("<meta name=\"description\" content=\"");
	const char *e = strchr(m, '"');
	/* 22 words of 6 characters and their spaces fit in 159 characters */
	wm_buf want = WM_BUF_INIT;
	for (int i = 0; i < 22; i++)
		wm_buf_puts(&want, i ? " wordy\xC3\xA9" : "wordy\xC3\xA9");
	wm_buf_puts(&want, "\xE2\x80\xA6");
	cr_expect_eq((size_t)(e - m), want.len, "description %.*s", (int)(e - m), m);
	cr_expect(strncmp(m, wm_buf_cstr(&want), want.len) == 0, "description %.*s", (int)(e - m), m);
	wm_buf_free(&want);
	wm_buf_free(&w);
	free(p);
}

Test(html_meta, bad_lang_falls_back)
{
	test_diags d;
	const char *meta[] = {"lang", "en\"><script>", NULL};
	char *p = page_of(wire, meta, &d);
	cr_expect_not_null(strstr(p, "<html lang=\"en\">"));
	cr_expect_eq(d.count, 1);
	cr_expect(strstr(d.last, "lang") != NULL, "%s", d.last);
	free(p);
}

Test(html_meta, feed_ids_are_unique)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = test_read(ctx, wire);
	wm_feed_append(f, test_read(ctx, wire));
	char *p = render(ctx, f, WM_WRITE_STANDALONE);
	cr_expect_not_null(strstr(p, "<article id=\"a1\">"));
	cr_expect_not_null(strstr(p, "<article id=\"a2\">"));
	cr_expect_not_null(strstr(p, "id=\"a2-p-2\""));
	cr_expect_null(strstr(p, "id=\"p-1\""));
	cr_expect_eq(check_page(p, "Mill To Reopen"), 2, "one JSON-LD per article");
	free(p);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_meta, fragment_lang_only_when_given)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = test_read(ctx, wire);
	char *p = render(ctx, f, 0);
	cr_expect(strncmp(p, "<article>\n", 10) == 0, "%.40s", p);
	free(p);
	wm_context_set_meta(ctx, "lang", "de");
	p = render(ctx, f, 0);
	cr_expect(strncmp(p, "<article lang=\"de\">\n", 20) == 0, "%.40s", p);
	free(p);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- the reader --------------------------------------------------------------- */

static wm_feed *read_html(const char *html, test_diags *d, wm_context **ctxp)
{
	wm_context *ctx = test_context(d);
	wm_feed *f = wm_read(ctx, WM_FORMAT_HTML, html, strlen(html), "in.html", 0);
	if (f) {
		const char *msg = NULL;
		cr_assert_eq(wm_feed_check(f, &msg), WM_OK, "tree rule broken: %s", msg);
	}
	*ctxp = ctx;
	return f;
}

static const char *block(const wm_feed *f, size_t i)
{
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_lt(i, wm_article_block_count(a));
	return wm_block_text(wm_article_block(a, i));
}

Test(html_reader, plain_article_page)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html(
	        "<!DOCTYPE html><html><head><title>Site | Story</title>"
	        "<meta charset=\"iso-8859-1\"><script>var x = '<p>no</p>';</script></head>\n"
	        "<body><header><a href=/>Example News</a><nav><p>Home</p></nav></header>\n"
	        "<main><h1>The   Story\n  Title</h1>\n"
	        "<p class=\"article-byline byline\">By <a rel=author>Ann Lee</a></p>\n"
	        "<p>ROME (Reuters) - First line<br>goes on, caf\xC3\xA9.</p>\n"
	        "<div>Loose <b>text</b> here<p>Inner para</p>after it</div>\n"
	        "<ul><li>One</li><li>Two</li></ul>\n"
	        "<p hidden>secret</p><aside><p>Related</p></aside>\n"
	        "<pre>\n  a  b\n  c  d\n\n</pre>\n"
	        "<footer><p>Copyright</p></footer></main></body></html>",
	        &d, &ctx);
	cr_assert_not_null(f, "%s", d.last);
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_article_headline(a), "The   Story Title");
	cr_expect_eq(wm_article_line(a), 3);
	cr_expect_str_eq(wm_article_byline(a), "By Ann Lee");
	const wm_dateline *dl = wm_article_dateline(a);
	cr_assert_not_null(dl, "the wire grammar finds the dateline");
	cr_expect_str_eq(wm_dateline_place(dl), "ROME");
	cr_expect_str_eq(wm_dateline_agency(dl), "Reuters");
	static const char *const want[] = {"First line goes on, caf\xC3\xA9.", "Loose text here",
	                                   "Inner para", "after it", "One", "Two",
	                                   "  a  b\n  c  d"};
	cr_assert_eq(wm_article_block_count(a), 7);
	for (size_t i = 0; i < 7; i++)
		cr_expect_str_eq(block(f, i), want[i]);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 6)), WM_BLOCK_PREFORMATTED);
	cr_expect_null(wm_article_trailer(a));
	cr_expect_eq(d.count, 0, "%s", d.last);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, title_when_no_heading)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html("<title>Page title</title><p>Only text.</p>", &d, &ctx);
	cr_assert_not_null(f);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "Page title");
	cr_expect_str_eq(block(f, 0), "Only text.");
	wm_feed_free(f);
	wm_context_free(ctx);
	f = read_html("just some text", &d, &ctx);
	cr_assert_not_null(f);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "just some text");
	cr_expect_eq(wm_article_block_count(wm_feed_article(f, 0)), 0);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, hidden_heading_is_not_the_headline)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html("<h1 hidden>No</h1><h1 aria-hidden=\"true\">Nor</h1>"
	                       "<p>Before.</p><h1>Yes</h1><p>After.</p>", &d, &ctx);
	cr_assert_not_null(f);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "Yes");
	cr_assert_eq(wm_article_block_count(wm_feed_article(f, 0)), 1);
	cr_expect_str_eq(block(f, 0), "After.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, marked_dateline_wins)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html(
	        "<article><h1>T</h1><p><span class=\"dateline\"><span class=\"place\">Lyon</span>, "
	        "<time datetime=\"1987-03-04\">4 mars</time> -</span> Texte.</p></article>",
	        &d, &ctx);
	cr_assert_not_null(f);
	const wm_dateline *dl = wm_article_dateline(wm_feed_article(f, 0));
	cr_assert_not_null(dl);
	cr_expect_str_eq(wm_dateline_text(dl), "Lyon, 4 mars -");
	cr_expect_str_eq(wm_dateline_place(dl), "Lyon");
	cr_expect_str_eq(wm_dateline_date(dl), "4 mars");
	cr_expect_str_eq(wm_dateline_iso_date(dl), "1987-03-04");
	cr_expect_str_eq(wm_dateline_dash(dl), "-");
	cr_expect_str_eq(block(f, 0), "Texte.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, span_that_is_no_dateline_stays_text)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html("<h1>T</h1><p><span class=dateline>not one</span> at all</p>"
	                       "<p><span class=dateline><time datetime=2026-13-45>x</time></span></p>",
	                       &d, &ctx);
	cr_assert_not_null(f);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_null(wm_article_dateline(a));
	cr_expect_str_eq(block(f, 0), "not one at all");
	cr_expect_str_eq(block(f, 1), "x");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, dateline_alone_before_a_table)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html("<article><header><h1>Net</h1></header>\n"
	                       "<p><span class=\"dateline\"><span class=\"place\">NEW YORK</span>, "
	                       "<span class=\"date\">March 3</span> -</span></p>\n"
	                       "<pre id=\"p-1\">Shr 1 ct\nNet 2</pre>\n"
	                       "<footer>\n<p class=\"trailer\">Reuter</p>\n</footer></article>",
	                       &d, &ctx);
	cr_assert_not_null(f);
	const wm_article *a = wm_feed_article(f, 0);
	const wm_dateline *dl = wm_article_dateline(a);
	cr_assert_not_null(dl);
	cr_expect_str_eq(wm_dateline_text(dl), "NEW YORK, March 3 -");
	cr_expect_null(wm_dateline_iso_date(dl));
	cr_assert_eq(wm_article_block_count(a), 1);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 0)), WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(block(f, 0), "Shr 1 ct\nNet 2");
	cr_expect_str_eq(wm_article_trailer(a), "Reuter");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, nothing_to_read_is_an_error)
{
	static const char *const empty[] = {"", "   \n", "<html><body></body></html>",
	                                    "<!-- only a comment -->", "<script>x</script>",
	                                    "<article></article>", "<h1> </h1>"};
	for (size_t k = 0; k < sizeof empty / sizeof *empty; k++) {
		test_diags d;
		wm_context *ctx;
		wm_feed *f = read_html(empty[k], &d, &ctx);
		cr_expect_null(f, "read something from \"%s\"", empty[k]);
		cr_expect_eq(d.errors, 1, "\"%s\": %u errors", empty[k], d.errors);
		cr_expect(strstr(d.last, "no article") != NULL, "%s", d.last);
		cr_expect_eq(d.last_code, WM_DIAG_NO_HEADLINE);
		wm_feed_free(f);
		wm_context_free(ctx);
	}
}

/* Malformed input: a feed that keeps the tree's rules, or NULL with an
 * error; never a crash (the suite runs under ASan and UBSan too). */
static void survive(const char *html, size_t len)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = wm_read(ctx, WM_FORMAT_HTML, html, len, "bad.html", 0);
	if (f) {
		const char *msg = NULL;
		cr_expect_eq(wm_feed_check(f, &msg), WM_OK, "rule broken: %s", msg);
		char *out = NULL;
		cr_expect_eq(wm_write(ctx, f, WM_FORMAT_HTML, WM_WRITE_STANDALONE, &out, NULL), WM_OK);
		free(out);
	} else {
		cr_expect_geq(d.errors, 1, "NULL without an error");
	}
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, malformed_input_never_breaks_it)
{
	static const char *const bad[] = {
		"<", "<<<>>>", "<h1>", "</p></p></article></html>", "<h1>T<p>x<pre>y",
		"<article><h1>T</h1><p><span class=\"dateline\">",
		"<article><h1>T</h1><p><span class=dateline><span class=place>",
		"<h1>T</h1><p><span class=dateline><span class=place>P</span> -</span>",
		"<h1>T</h1><p><span class=dateline><span class=dateline>A -</span></span> x",
		"<!--", "<![CDATA[", "<h1 class=\"", "<p class='deck byline trailer'>x</p>",
		"<h1>&#0;&#xD800;&#x110000;&#27;&#128;&bogus;</h1><p>&amp</p>",
		"<pre>\n</pre><pre></pre><h1>T</h1>", "<table><tr><td>a<td>b</table><h1>T</h1>",
		"<article><article><h1>In</h1></article><p>out</p></article>",
		"<meta charset=utf-16><h1>T</h1>", "<h1>\xFF\xFE bad bytes \x80</h1>",
		"<svg><h1>T</h1></svg><math><p>x</p></math>",
		"<p class=trailer>a</p><p class=trailer>b</p><h1>T</h1><p class=deck>c</p>",
	};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
		survive(bad[k], strlen(bad[k]));
	static const char nul[] = "<h1>T\0</h1><p>x\0y</p>";
	survive(nul, sizeof nul - 1);
	/* deep nesting: the reader walks without recursion */
	wm_buf deep = WM_BUF_INIT;
	wm_buf_puts(&deep, "<h1>Deep</h1>");
	for (int i = 0; i < 100000; i++)
		wm_buf_puts(&deep, i % 2 ? "<div>" : "<span class=dateline>");
	wm_buf_puts(&deep, "text");
	survive(deep.ptr, deep.len);
	wm_buf_free(&deep);
	/* many articles and long text */
	wm_buf many = WM_BUF_INIT;
	for (int i = 0; i < 5000; i++)
		wm_buf_printf(&many, "<article><h1>A%d</h1><p>%0500d</p></article>", i, i);
	survive(many.ptr, many.len);
	wm_buf_free(&many);
}

Test(html_reader, wiremark_html_back_to_the_same_tree)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	cr_assert_eq(wm_context_set_date(ctx, "2026-11-28"), WM_OK);
	wm_feed *f = test_read(ctx, wire);
	wm_feed_append(f, test_read(ctx, "SECOND\n\n(Reuters) - Alone.\n"));
	for (unsigned opt = 0; opt <= WM_WRITE_STANDALONE; opt += WM_WRITE_STANDALONE) {
		char *html = render(ctx, f, opt);
		wm_feed *back = wm_read(ctx, WM_FORMAT_HTML, html, strlen(html), "x.html", 0);
		cr_assert_not_null(back);
		char *j1 = NULL, *j2 = NULL;
		cr_assert_eq(wm_write(ctx, f, WM_FORMAT_JSON, 0, &j1, NULL), WM_OK);
		cr_assert_eq(wm_write(ctx, back, WM_FORMAT_JSON, 0, &j2, NULL), WM_OK);
		/* meta (source and line) says where each came from: cut it off */
		for (char *p = j1; (p = strstr(p, ",\"meta\":")) != NULL;)
			memmove(p, strchr(p, '}') + 1, strlen(strchr(p, '}') + 1) + 1);
		for (char *p = j2; (p = strstr(p, ",\"meta\":")) != NULL;)
			memmove(p, strchr(p, '}') + 1, strlen(strchr(p, '}') + 1) + 1);
		cr_expect_str_eq(j2, j1);
		free(j1);
		free(j2);
		free(html);
		wm_feed_free(back);
	}
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- a byline over several lines ---------------------------------------------- */

static const char two_line_byline[] =
	"Ferry Fares Rise\n\nBy Olu Adebayo\nBusiness Correspondent\n\n"
	"LAGOS (Reuters) - Fares rose on Monday.\n";

Test(html_byline, lines_are_written_with_br_and_read_back)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = test_read(ctx, two_line_byline);
	cr_assert_not_null(f);
	char *html = render(ctx, f, WM_WRITE_STANDALONE);
	cr_expect_not_null(strstr(html, "<p class=\"byline\">By <span class=\"author\">"
	                                "Olu Adebayo</span><br>Business Correspondent</p>"),
	                   "%s", html);
	/* the page's metadata names the author only */
	cr_expect_not_null(strstr(html, "\"author\":{\"@type\":\"Person\",\"name\":"
	                                "\"Olu Adebayo\"}"), "%s", html);
	wm_feed *back = wm_read(ctx, WM_FORMAT_HTML, html, strlen(html), "in.html", 0);
	cr_assert_not_null(back);
	cr_expect_eq(wm_feed_check(back, NULL), WM_OK);
	cr_expect_str_eq(wm_article_byline(wm_feed_article(back, 0)),
	                 "By Olu Adebayo\nBusiness Correspondent");
	cr_expect_eq(d.count, 0, "%s", d.last);
	free(html);
	wm_feed_free(back);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_byline, byline_without_by_keeps_its_lines)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	const char *json = "{\"headline\":\"Ferry Fares Rise\","
	                   "\"byline\":\"Staff & wires\\nLagos\\nNigeria\"}";
	wm_feed *f = wm_read(ctx, WM_FORMAT_JSON, json, strlen(json), "in.json", 0);
	cr_assert_not_null(f, "%s", d.last);
	char *html = render(ctx, f, WM_WRITE_DEFAULT);
	cr_expect_not_null(strstr(html, "<p class=\"byline\">Staff &amp; wires<br>Lagos"
	                                "<br>Nigeria</p>"), "%s", html);
	wm_feed *back = wm_read(ctx, WM_FORMAT_HTML, html, strlen(html), "in.html", 0);
	cr_assert_not_null(back);
	cr_expect_str_eq(wm_article_byline(wm_feed_article(back, 0)),
	                 "Staff & wires\nLagos\nNigeria");
	free(html);
	wm_feed_free(back);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(html_reader, br_in_a_byline_ends_a_line)
{
	test_diags d;
	wm_context *ctx;
	wm_feed *f = read_html(
	        "<h1>Ferry Fares Rise</h1>\n"
	        "<p class=\"byline\"><br>By <b>Olu\n  Adebayo</b> <br> <br>\n"
	        "  Business Correspondent<br></p>\n"
	        "<p>Fares rose<br>\non Monday.</p>", &d, &ctx);
	cr_assert_not_null(f);
	const wm_article *a = wm_feed_article(f, 0);
	/* white space collapses in each line; no line is empty */
	cr_expect_str_eq(wm_article_byline(a), "By Olu Adebayo\nBusiness Correspondent");
	/* in a paragraph a <br> stays a space */
	cr_expect_str_eq(block(f, 0), "Fares rose on Monday.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* A language written right to left gives the page its direction; any
 * other language, or none, gives no dir at all (their pages as before). */
Test(html_meta, rtl_language_sets_dir)
{
	static const char arabic[] =
		"\xD8\xA7\xD9\x84\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86\n\n"
		"\xD8\xAC\xD8\xAF\xD8\xA9 - 1 - 12 (\xD9\x88\xD8\xA7\xD8\xB3) - "
		"\xD9\x82\xD8\xA7\xD9\x84\n";
	const char *const langs[][2] = {{"ar", "<html lang=\"ar\" dir=\"rtl\">"},
	                                {"ur-PK", "<html lang=\"ur-PK\" dir=\"rtl\">"},
	                                {"fa", "<html lang=\"fa\" dir=\"rtl\">"},
	                                {"fr", "<html lang=\"fr\">"},
	                                {"arn", "<html lang=\"arn\">"}};
	for (size_t k = 0; k < sizeof langs / sizeof *langs; k++) {
		test_diags d;
		const char *meta[] = {"lang", langs[k][0], NULL};
		char *p = page_of(arabic, meta, &d);
		cr_expect_not_null(strstr(p, langs[k][1]), "lang %s: no %s", langs[k][0],
		                   langs[k][1]);
		free(p);
	}
	test_diags d;
	char *p = page_of(arabic, NULL, &d);
	cr_expect_null(strstr(p, "dir="), "no lang, yet a dir");
	free(p);
	wm_context *ctx = test_context(&d);
	cr_assert_eq(wm_context_set_meta(ctx, "lang", "he"), WM_OK);
	wm_feed *f = test_read(ctx, arabic);
	char *frag = render(ctx, f, 0);
	cr_expect_not_null(strstr(frag, "<article lang=\"he\" dir=\"rtl\">"), "%s", frag);
	free(frag);
	wm_feed_free(f);
	wm_context_free(ctx);
}
