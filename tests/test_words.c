/* Nothing lost: for every sample and every output format, the words of the
 * output's text are the words of the input, in order.
 *
 * A word is a run of ASCII letters and digits or of non-ASCII characters;
 * everything else (spaces, ASCII punctuation, markup) separates words, so
 * that "**PORTLAND**, Ore." and "<placeName>PORTLAND</placeName>, Ore."
 * both give "PORTLAND Ore".  The input's words are taken with the decoder's
 * policy: C0 control characters separate words (the decoder leaves a space
 * where one stood between two words), NUL and DEL are dropped.  The text of each output:
 *   - HTML (fragment): the text of the document, parsed by libxml2's HTML
 *     parser, but that of script and style elements;
 *   - TEI: the text of every <text> element (the header repeats the
 *     headline and describes the source);
 *   - NITF: the text of every NITF <body> (the head repeats the headline),
 *     a feed's (a NewsML-G2 newsMessage of NITF items) included;
 *   - NewsML-G2: for each item, its contentMeta's headlines (the headline
 *     and deck, which the XHTML body leaves out), then the text of its
 *     XHTML <body>;
 *   - Markdown (fragment): the text and code of cmark's parse of it;
 *   - JSON: each article's headline, deck, byline, dateline text, body
 *     texts and trailer, in that order.
 * Metadata read from the input (the slug, a transmission's header fields,
 * editor's notes, the time stamp: every meta value but source and line) has
 * no place in the text; the input's words are compared less the words of
 * each article's metadata, which must be found among them (a field may be
 * a word's start before digits: "eca0124" gives service "eca" and number
 * "0124").  ZCZC, the telex framing that opens a message, is framing too.
 */
#define _POSIX_C_SOURCE 200809L
#include <cmark.h>
#include <criterion/criterion.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "tree/tree.h"

/* ---- words --------------------------------------------------------------- */

typedef struct words {
	char **v;
	size_t n, cap;
} words;

static void words_push(words *w, const char *s, size_t n)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->v = realloc(w->v, w->cap * sizeof *w->v);
	}
	w->v[w->n++] = strndup(s, n);
}

static void words_free(words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof *w);
}

static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Adds the words of s[0..n).  With input set, control characters are
 * dropped as the decoder drops them, but the framing of feeds. */
static void add_words(words *w, const char *s, size_t n, int input)
{
	char *buf = malloc(n + 1);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (input && (c == 0 || c == 0x7F))
			continue;
		buf[len++] = (char)c;
	}
	for (size_t i = 0; i < len;) {
		while (i < len && !word_byte((unsigned char)buf[i]))
			i++;
		size_t b = i;
		while (i < len && word_byte((unsigned char)buf[i]))
			i++;
		if (i > b)
			words_push(w, buf + b, i - b);
	}
	free(buf);
}

/* Removes the words of a metadata value from w, each the first word at or
 * after *from that equals it or starts with it (then only that start is
 * removed); *from moves to the last one. */
static void words_cut_meta(words *w, const words *want, size_t *from,
                           size_t *last)
{
	size_t at = *from;
	/* the value's words one after another, where they are so */
	for (size_t i = at; want->n && i + want->n <= w->n; i++) {
		size_t k = 0;
		while (k < want->n && !strcmp(w->v[i + k], want->v[k]))
			k++;
		if (k < want->n)
			continue;
		for (k = 0; k < want->n; k++)
			free(w->v[i + k]);
		memmove(w->v + i, w->v + i + want->n,
		        (w->n - i - want->n) * sizeof *w->v);
		w->n -= want->n;
		if (i > *last)
			*last = i;
		return;
	}
	for (size_t k = 0; k < want->n; k++) {
		const char *m = want->v[k];
		size_t mn = strlen(m), i = at;
		while (i < w->n && !(strcmp(w->v[i], m) == 0 ||
		                     (strncmp(w->v[i], m, mn) == 0 &&
		                      w->v[i][mn] >= '0' && w->v[i][mn] <= '9')))
			i++;
		cr_assert_lt(i, w->n, "meta word \"%s\" not found among the input's "
		             "words", m);
		if (strlen(w->v[i]) > mn) {
			memmove(w->v[i], w->v[i] + mn, strlen(w->v[i] + mn) + 1);
			at = i;
		} else {
			free(w->v[i]);
			memmove(w->v + i, w->v + i + 1, (w->n - i - 1) * sizeof *w->v);
			w->n--;
			at = i;
		}
		if (at > *last)
			*last = at;
	}
}

static void expect_same(const words *got, const words *want, const char *what)
{
	size_t i = 0;
	while (i < got->n && i < want->n && !strcmp(got->v[i], want->v[i]))
		i++;
	if (i == got->n && i == want->n)
		return;
	char ctx[512] = "";
	size_t at = strlen(ctx);
	for (size_t k = i > 5 ? i - 5 : 0; k < i && at < sizeof ctx - 80; k++)
		at += (size_t)snprintf(ctx + at, sizeof ctx - at, "%s ", want->v[k]);
	cr_expect_fail("%s: after \"%s\" the output has \"%s\", the input \"%s\" "
	               "(%zu words out, %zu in)", what, ctx,
	               i < got->n ? got->v[i] : "(end)",
	               i < want->n ? want->v[i] : "(end)", got->n, want->n);
}

/* ---- the text of each format --------------------------------------------- */

typedef struct text_buf {
	char *p;
	size_t n, cap;
} text_buf;

static void tb_put(text_buf *t, const char *s, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->p = realloc(t->p, t->cap);
	}
	memcpy(t->p + t->n, s, n);
	t->n += n;
	t->p[t->n] = '\0';
}

/* The text under node, with element boundaries as spaces; script and
 * style left out. */
static void node_text(xmlNode *node, text_buf *t)
{
	for (xmlNode *c = node; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			tb_put(t, s, strlen(s));
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)c->name;
			if (!strcmp(name, "script") || !strcmp(name, "style"))
				continue;
			tb_put(t, " ", 1);
			node_text(c->children, t);
			tb_put(t, " ", 1);
		}
	}
}

static void html_words(const char *out, size_t len, words *w)
{
	htmlDocPtr doc = htmlReadMemory(out, (int)len, "out.html", "UTF-8",
	                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_NONET);
	cr_assert_not_null(doc, "HTML does not parse");
	text_buf t = {NULL, 0, 0};
	tb_put(&t, "", 0);
	node_text(xmlDocGetRootElement(doc), &t);
	add_words(w, t.p, t.n, 0);
	free(t.p);
	xmlFreeDoc(doc);
}

static void tei_texts(xmlNode *node, text_buf *t)
{
	for (xmlNode *c = node; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "text")) {
			tb_put(t, " ", 1);
			node_text(c->children, t);
			tb_put(t, " ", 1);
		} else {
			tei_texts(c->children, t);
		}
	}
}

static void tei_words(const char *out, size_t len, words *w)
{
	xmlDocPtr doc = xmlReadMemory(out, (int)len, "out.xml", "UTF-8",
	                              XML_PARSE_NONET);
	cr_assert_not_null(doc, "TEI does not parse");
	text_buf t = {NULL, 0, 0};
	tb_put(&t, "", 0);
	tei_texts(xmlDocGetRootElement(doc), &t);
	add_words(w, t.p, t.n, 0);
	free(t.p);
	xmlFreeDoc(doc);
}

#define NITF_NS "http://iptc.org/std/NITF/2006-10-18/"
#define G2_NS "http://iptc.org/std/nar/2006-10-01/"
#define XHTML_NS "http://www.w3.org/1999/xhtml"

static int is_element(const xmlNode *n, const char *name, const char *ns)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
	       n->ns && !strcmp((const char *)n->ns->href, ns);
}

/* The text of every element name of namespace ns under node, in order. */
static void named_texts(xmlNode *node, const char *name, const char *ns,
                        text_buf *t)
{
	for (xmlNode *c = node; c; c = c->next) {
		if (is_element(c, name, ns)) {
			tb_put(t, " ", 1);
			node_text(c->children, t);
			tb_put(t, " ", 1);
		} else if (c->type == XML_ELEMENT_NODE) {
			named_texts(c->children, name, ns, t);
		}
	}
}

static xmlDocPtr xml_of(const char *out, size_t len, const char *what)
{
	xmlDocPtr doc = xmlReadMemory(out, (int)len, "out.xml", "UTF-8",
	                              XML_PARSE_NONET);
	cr_assert_not_null(doc, "%s does not parse", what);
	return doc;
}

static void nitf_words(const char *out, size_t len, words *w)
{
	xmlDocPtr doc = xml_of(out, len, "NITF");
	text_buf t = {NULL, 0, 0};
	tb_put(&t, "", 0);
	named_texts(xmlDocGetRootElement(doc), "body", NITF_NS, &t);
	add_words(w, t.p, t.n, 0);
	free(t.p);
	xmlFreeDoc(doc);
}

static void item_texts(xmlNode *node, text_buf *t)
{
	for (xmlNode *c = node; c; c = c->next) {
		if (is_element(c, "newsItem", G2_NS)) {
			named_texts(c->children, "headline", G2_NS, t);
			named_texts(c->children, "body", XHTML_NS, t);
		} else if (c->type == XML_ELEMENT_NODE) {
			item_texts(c->children, t);
		}
	}
}

static void newsml_words(const char *out, size_t len, words *w)
{
	xmlDocPtr doc = xml_of(out, len, "NewsML-G2");
	text_buf t = {NULL, 0, 0};
	tb_put(&t, "", 0);
	item_texts(xmlDocGetRootElement(doc), &t);
	add_words(w, t.p, t.n, 0);
	free(t.p);
	xmlFreeDoc(doc);
}

static void markdown_words(const char *out, size_t len, words *w)
{
	cmark_node *doc = cmark_parse_document(out, len, CMARK_OPT_DEFAULT);
	cr_assert_not_null(doc, "Markdown does not parse");
	text_buf t = {NULL, 0, 0};
	tb_put(&t, "", 0);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(n);
		if (ev == CMARK_EVENT_ENTER && lit)
			tb_put(&t, lit, strlen(lit));
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_THEMATIC_BREAK:
			tb_put(&t, " ", 1);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	add_words(w, t.p, t.n, 0);
	free(t.p);
}

static void json_str(json_t *o, const char *key, words *w)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		add_words(w, json_string_value(v), strlen(json_string_value(v)), 0);
}

static void json_words(const char *out, size_t len, words *w)
{
	const char *p = out, *end = out + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n) {
			json_error_t err;
			json_t *a = json_loadb(p, n, 0, &err);
			cr_assert_not_null(a, "JSON line does not parse: %s", err.text);
			json_str(a, "headline", w);
			json_str(a, "deck", w);
			json_str(a, "byline", w);
			json_str(json_object_get(a, "dateline"), "text", w);
			json_t *body = json_object_get(a, "body");
			for (size_t i = 0; i < json_array_size(body); i++)
				json_str(json_array_get(body, i), "text", w);
			json_str(a, "trailer", w);
			json_decref(a);
		}
		p += n + 1;
	}
}

/* An AP alert's headline is the sentence of its one paragraph
 * (docs/transmissions.md): the output says it twice, as the headline and
 * as the text, so the input's words get the headline's before the
 * dateline's, where the output has them. */
static void words_alert_headline(words *w, const wm_article *a)
{
	if (!a->headline || a->nblocks != 1 || strcmp(a->headline, a->blocks[0].text))
		return;
	words hw = {NULL, 0, 0}, dw = {NULL, 0, 0};
	add_words(&hw, a->headline, strlen(a->headline), 0);
	if (a->dateline && a->dateline->text)
		add_words(&dw, a->dateline->text, strlen(a->dateline->text), 0);
	for (size_t i = dw.n; hw.n && i + hw.n <= w->n; i++) {
		size_t k = 0;
		while (k < hw.n && !strcmp(w->v[i + k], hw.v[k]))
			k++;
		if (k < hw.n)
			continue;
		size_t at = i - dw.n;
		for (k = 0; k < hw.n; k++) {
			if (w->n == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 256;
				w->v = realloc(w->v, w->cap * sizeof *w->v);
			}
			memmove(w->v + at + k + 1, w->v + at + k,
			        (w->n - at - k) * sizeof *w->v);
			w->v[at + k] = strdup(hw.v[k]);
			w->n++;
		}
		break;
	}
	words_free(&hw);
	words_free(&dw);
}

/* ---- the test ------------------------------------------------------------ */

typedef struct format_case {
	const char *name;
	wm_format format;
	void (*words_of)(const char *, size_t, words *);
} format_case;

static const format_case formats[] = {
	{"html", WM_FORMAT_HTML, html_words},
	{"markdown", WM_FORMAT_MARKDOWN, markdown_words},
	{"tei", WM_FORMAT_TEI, tei_words},
	{"json", WM_FORMAT_JSON, json_words},
	{"nitf", WM_FORMAT_NITF, nitf_words},
	{"newsml", WM_FORMAT_NEWSML, newsml_words},
};

static void check_sample(const char *path)
{
	size_t len;
	char *in = test_slurp(path, &len);
	cr_assert_not_null(in, "cannot read %s", path);
	test_diags diags;
	wm_context *ctx = test_context(&diags);
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, in, len, path, 0);
	cr_assert_not_null(feed, "%s: not read", path);

	words less_meta = {NULL, 0, 0};
	add_words(&less_meta, in, len, 1);
	/* ZCZC opens a telex message as SOH does a transmission: framing */
	for (size_t i = 0; i < less_meta.n; i++)
		if (!strcmp(less_meta.v[i], "ZCZC")) {
			free(less_meta.v[i]);
			memmove(less_meta.v + i, less_meta.v + i + 1,
			        (less_meta.n - i - 1) * sizeof *less_meta.v);
			less_meta.n--;
			i--;
		}
	size_t from = 0;
	for (size_t i = 0; i < wm_feed_count(feed); i++) {
		const wm_article *a = wm_feed_article(feed, i);
		/* the header's fields come before the slug line after STX */
		size_t last = from;
		for (size_t k = 0; k <= a->nmeta; k++) {
			const char *v = k < a->nmeta ? a->meta[k].value : a->slug;
			if (!v)
				continue;
			words mw = {NULL, 0, 0};
			add_words(&mw, v, strlen(v), 0);
			size_t at = from;
			words_cut_meta(&less_meta, &mw, &at, &last);
			words_free(&mw);
		}
		from = last;
		words_alert_headline(&less_meta, a);
	}
	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		char *out = NULL;
		size_t outlen = 0;
		int rc = wm_write(ctx, feed, formats[f].format, 0, &out, &outlen);
		cr_assert_eq(rc, WM_OK, "%s: %s not written", path, formats[f].name);
		words got = {NULL, 0, 0};
		formats[f].words_of(out, outlen, &got);
		cr_expect_gt(got.n, 0, "%s as %s: no words", path, formats[f].name);
		char what[8300];
		snprintf(what, sizeof what, "%s as %s", path, formats[f].name);
		expect_same(&got, &less_meta, what);
		words_free(&got);
		free(out);
	}
	words_free(&less_meta);
	wm_feed_free(feed);
	wm_context_free(ctx);
	free(in);
}

static void check_sample_fn(const char *path, void *arg)
{
	(void)arg;
	check_sample(path);
}

Test(words, every_sample_every_format_keeps_the_words)
{
	unsigned n = test_each_sample(check_sample_fn, NULL);
	cr_expect_gt(n, 0, "no samples in %s/samples", test_source_root());
}

Test(words, the_word_extraction)
{
	static const char html[] = "<article><p><span class=\"dateline\">MOSCOW "
	                           "\xE2\x80\x93</span> Trams<br>run.</p>"
	                           "<script>var x;</script></article>";
	static const char md[] = "# Head\n\n**MOSCOW** \xE2\x80\x93 Trams\\\nrun.\n";
	static const char tei[] = "<TEI><teiHeader><title>Head</title></teiHeader>"
	                          "<text><p>MOSCOW<lb/>Trams</p></text></TEI>";
	static const char in[] = "A\x7F" "B C\x03" "D\x1F" "E";
	words w = {NULL, 0, 0};
	html_words(html, sizeof html - 1, &w);
	cr_assert_eq(w.n, 4);
	cr_expect_str_eq(w.v[3], "run");
	words_free(&w);
	markdown_words(md, sizeof md - 1, &w);
	cr_assert_eq(w.n, 5);
	cr_expect_str_eq(w.v[1], "MOSCOW");
	cr_expect_str_eq(w.v[4], "run");
	words_free(&w);
	tei_words(tei, sizeof tei - 1, &w);
	cr_assert_eq(w.n, 2);
	cr_expect_str_eq(w.v[1], "Trams");
	words_free(&w);
	add_words(&w, in, sizeof in - 1, 1);
	cr_assert_eq(w.n, 4);
	cr_expect_str_eq(w.v[0], "AB");
	cr_expect_str_eq(w.v[3], "E");
	words_free(&w);
}
