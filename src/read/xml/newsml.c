/* The NewsML reader: NewsML-G2 2.x (through libxml2) to the tree, and
 * NewsML 1.x documents around NITF.
 *
 * With or without the namespace: the elements are known by their names.
 * What it reads (docs/newsml.md has the table):
 *   newsMessage       a feed: each item of its itemSet
 *   newsItem          an article when its itemClass is text (ninat:text,
 *                     or none); other items (pictures, video, graphics)
 *                     and packageItem, conceptItem, knowledgeItem,
 *                     planningItem: skipped with a warning
 *   @guid, @version   meta.id, meta.version; xml:lang meta.lang
 *   itemMeta          provider (meta.provider), versionCreated
 *                     (meta.version_created), firstCreated
 *                     (meta.first_created), pubStatus (meta.pub_status),
 *                     edNote (meta.ednote)
 *   contentMeta       headline: the first the headline, one with a
 *                     role of a subheadline, or a second, the deck;
 *                     slugline the slug; dateline the dateline (read as
 *                     NITF's is), located its place (meta.located); by
 *                     the byline when the body has none; creator,
 *                     description role="drol:summary" (meta.abstract),
 *                     language, subject, genre, keyword, urgency: meta
 *   contentSet        the first of: inlineXML holding XHTML (html/body:
 *                     its blocks, news.c, with dpa's span
 *                     class="dateline" and p class="byline"/"teaser") or
 *                     NITF (nitf.c); inlineData (text/plain): read by the
 *                     wire reader; remoteContent: meta.remote_href and
 *                     meta.remote_type, no body
 *   NewsML (1.x)      each NewsItem: the NITF or plain text of its
 *                     ContentItems' DataContent, NewsLines (HeadLine,
 *                     SubHeadLine, ByLine, DateLine, SlugLine) where the
 *                     NITF has none, PublicIdentifier meta.id; other
 *                     media skipped with a warning
 */
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

#include "news.h"
#include "nitf.h"
#include "../decode.h"
#include "../reader.h"
#include "../wire.h"

typedef struct reader {
	wm_news_input in;
	wm_feed *feed;
	unsigned items;   /* items met */
	unsigned skipped; /* of them, not text */
} reader;

/* ---- values -------------------------------------------------------------- */

/* The text of a QCode's code ("ninat:text" → "text", "http://.../text"
 * → "text"). */
static const char *code_of(const char *qcode)
{
	const char *c = strrchr(qcode, ':'), *s = strrchr(qcode, '/');
	if (s && (!c || s > c))
		c = s;
	return c ? c + 1 : qcode;
}

/* A concept's name: its name child, else @literal, @qcode or @uri. */
static char *concept(wm_news *n, const xmlNode *el)
{
	const xmlNode *name = wm_xml_child(el, "name");
	char *s = name ? wm_news_line(n, name) : NULL;
	s = s ? s : wm_xml_attr(el, "literal");
	s = s ? s : wm_xml_attr(el, "qcode");
	return s ? s : wm_xml_attr(el, "uri");
}

/* Adds v to the list in b (", " between); v is freed. */
static void listed(wm_buf *b, char *v)
{
	if (v && *v) {
		if (b->len)
			wm_buf_puts(b, ", ");
		wm_buf_puts(b, v);
	}
	free(v);
}

/* meta.key: the concepts named name among el's children, listed. */
static void concepts(wm_news *n, const xmlNode *el, const char *name,
                     const char *key)
{
	wm_buf b = WM_BUF_INIT;
	for (const xmlNode *c = el->children; c; c = c->next)
		if (wm_xml_is(c, name))
			listed(&b, wm_xml_is(c, "keyword") ? wm_news_line(n, c)
			                                   : concept(n, c));
	wm_news_meta(n, key, b.len ? wm_buf_detach(&b, NULL) : NULL);
	wm_buf_free(&b);
}

/* meta.key: a date and time as ISO 8601 (as written when it is not). */
static void when(wm_news *n, const xmlNode *el, const char *key)
{
	char *s = wm_news_line(n, el);
	char *iso = wm_news_iso(s);
	wm_news_meta(n, key, iso ? iso : s);
	if (iso)
		free(s);
}

/* ---- itemMeta and contentMeta -------------------------------------------- */

static void item_meta(wm_news *n, const xmlNode *im)
{
	for (const xmlNode *c = im ? im->children : NULL; c; c = c->next) {
		if (wm_xml_is(c, "provider"))
			wm_news_meta(n, "provider", concept(n, c));
		else if (wm_xml_is(c, "versionCreated"))
			when(n, c, "version_created");
		else if (wm_xml_is(c, "firstCreated"))
			when(n, c, "first_created");
		else if (wm_xml_is(c, "pubStatus"))
			wm_news_meta(n, "pub_status", wm_xml_attr(c, "qcode"));
		else if (wm_xml_is(c, "edNote"))
			wm_news_meta(n, "ednote", wm_news_line(n, c));
	}
}

static int is_sub_headline(const xmlNode *h)
{
	char *role = wm_xml_attr(h, "role");
	char *rank = wm_xml_attr(h, "rank");
	int sub = (role && strstr(code_of(role), "sub")) ||
	          (rank && strcmp(rank, "1") != 0 && strcmp(rank, "0") != 0);
	free(role);
	free(rank);
	return sub;
}

/* The headlines: the first is the headline, a subheadline (or a second
 * headline) the deck. */
static void headlines(wm_news *n, const xmlNode *cm)
{
	wm_article *a = n->a;
	for (const xmlNode *c = cm ? cm->children : NULL; c; c = c->next) {
		if (!wm_xml_is(c, "headline"))
			continue;
		char *s = wm_news_line(n, c);
		if (s && !a->headline && !is_sub_headline(c)) {
			a->headline = wm_article_take(a, s);
			a->line = wm_xml_lineno(c);
		} else if (s && !a->deck) {
			a->deck = wm_article_take(a, s);
		} else {
			free(s);
		}
	}
}

static void description(wm_news *n, const xmlNode *el)
{
	char *role = wm_xml_attr(el, "role");
	if (!role || strcmp(code_of(role), "summary") == 0)
		wm_news_meta(n, "abstract", wm_news_line(n, el));
	free(role);
}

static void content_meta(wm_news *n, const xmlNode *cm)
{
	wm_article *a = n->a;
	for (const xmlNode *c = cm ? cm->children : NULL; c; c = c->next) {
		if (wm_xml_is(c, "slugline") && !a->slug)
			a->slug = wm_article_take(a, wm_news_line(n, c));
		else if (wm_xml_is(c, "urgency"))
			wm_news_meta(n, "urgency", wm_news_line(n, c));
		else if (wm_xml_is(c, "located"))
			wm_news_meta(n, "located", concept(n, c));
		else if (wm_xml_is(c, "description"))
			description(n, c);
		else if (wm_xml_is(c, "language"))
			wm_news_meta(n, "lang", wm_xml_attr(c, "tag"));
	}
	if (!cm)
		return;
	concepts(n, cm, "creator", "creator");
	concepts(n, cm, "subject", "subject");
	concepts(n, cm, "genre", "genre");
	concepts(n, cm, "keyword", "keywords");
}

/* What contentMeta says that the body may say first: the byline and the
 * dateline. */
static void content_meta_after(wm_news *n, const xmlNode *cm)
{
	wm_article *a = n->a;
	const xmlNode *by = wm_xml_child(cm, "by");
	if (by && !a->byline) {
		a->byline = wm_article_take(a, wm_news_line(n, by));
		a->byline_line = wm_xml_lineno(by);
	}
	const xmlNode *dl = wm_xml_child(cm, "dateline");
	if (!dl)
		return;
	const xmlNode *name = wm_xml_child(wm_xml_child(cm, "located"), "name");
	char *place = name ? wm_news_line(n, name) : NULL;
	wm_news_dateline(n, wm_news_line(n, dl), wm_xml_lineno(dl), place, NULL);
	free(place);
}

/* ---- contentSet ---------------------------------------------------------- */

/* w, the wire reader's article, takes the place of n's: what n's held
 * that w lacks (deck, slug, meta) goes with it. */
static void adopt(wm_news *n, wm_article *w)
{
	wm_article *a = n->a;
	if (!w->deck && a->deck)
		w->deck = wm_article_strdup(w, a->deck);
	if (!w->slug && a->slug)
		w->slug = wm_article_strdup(w, a->slug);
	for (size_t i = 0; i < a->nmeta; i++) {
		size_t k = 0;
		while (k < w->nmeta && strcmp(w->meta[k].key, a->meta[i].key) != 0)
			k++;
		if (k == w->nmeta)
			wm_article_set_meta(w, a->meta[i].key, a->meta[i].value);
	}
	if (a->headline && strcmp(a->headline, w->headline) == 0 && a->line)
		w->line = a->line;
	wm_article_free(a);
	n->a = w;
}

/* The first line of s that is not blank, trimmed: whether it is h. */
static int first_line_is(const char *s, const char *h)
{
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	size_t k = strcspn(s, "\n"), hl = strlen(h);
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return k == hl && strncmp(s, h, k) == 0;
}

/* inlineData (text/plain), read by the wire reader: the headline of
 * contentMeta before it when the text does not start with it, and its
 * lines where they are in the input. */
static int inline_data(reader *r, wm_news *n, const xmlNode *el)
{
	wm_xml_text t = {WM_BUF_INIT, 0, NULL};
	wm_xml_gather(&t, el, WM_XML_BR_NEWLINE, NULL);
	size_t len;
	char *text = wm_decode(r->in.ctx, wm_buf_cstr(&t.buf), t.buf.len,
	                       r->in.source, 0, &len);
	wm_buf_free(&t.buf);
	if (!text)
		return 0;
	wm_buf b = WM_BUF_INIT;
	const char *h = n->a->headline;
	unsigned line = wm_xml_lineno(el), at = 1;
	if (h && !first_line_is(text, h)) {
		wm_buf_printf(&b, "%s\n\n", h);
		at = 3;
	}
	for (; at < line; at++)
		wm_buf_putc(&b, '\n');
	wm_buf_put(&b, text, len);
	free(text);
	wm_feed *f = wm_read_wire(r->in.ctx, wm_buf_cstr(&b), b.len,
	                          r->in.source);
	wm_buf_free(&b);
	if (!f)
		return 0;
	if (f->count > 1)
		wm_news_warn(&r->in, el, "the text holds %zu articles: the first "
		             "is read", f->count);
	wm_article *w = f->articles[0];
	for (size_t i = 1; i < f->count; i++)
		wm_article_free(f->articles[i]);
	f->count = 0;
	wm_feed_free(f);
	adopt(n, w);
	return 1;
}

/* inlineXML: XHTML (html/body, or a body or div) or NITF. */
static int inline_xml(wm_news *n, const xmlNode *el)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (wm_xml_is(c, "nitf"))
			return wm_nitf_read_into(n, c);
		const xmlNode *body = wm_xml_is(c, "html") ? wm_xml_child(c, "body")
		                                           : c;
		size_t before = n->a->nblocks;
		wm_news_blocks(n, body);
		return n->a->nblocks > before || n->dateline_text;
	}
	return 0;
}

static int is_text_type(const xmlNode *el)
{
	char *type = wm_xml_attr(el, "contenttype");
	int text = !type || strncmp(type, "text/", 5) == 0;
	free(type);
	return text;
}

/* The item's text, from the first part of contentSet that has some;
 * remoteContent gives metadata.  Whether the item has a text or a
 * remote one. */
static int content_set(reader *r, wm_news *n, const xmlNode *cs)
{
	int remote = 0;
	for (const xmlNode *c = cs ? cs->children : NULL; c; c = c->next) {
		if (wm_xml_is(c, "inlineXML") && inline_xml(n, c))
			return 1;
		if (wm_xml_is(c, "inlineData") && is_text_type(c) &&
		    inline_data(r, n, c))
			return 1;
		if (wm_xml_is(c, "remoteContent") && !remote) {
			wm_news_meta(n, "remote_href", wm_xml_attr(c, "href"));
			wm_news_meta(n, "remote_type", wm_xml_attr(c, "contenttype"));
			remote = 1;
		}
	}
	return remote;
}

/* ---- items --------------------------------------------------------------- */

static void push(reader *r, wm_article *a)
{
	if (a)
		wm_feed_push(r->feed, a);
}

/* Whether a newsItem is text: its itemClass's code is "text" (or it has
 * none); else a warning that it is skipped. */
static int is_text_item(reader *r, const xmlNode *item)
{
	const xmlNode *ic = wm_xml_child(wm_xml_child(item, "itemMeta"),
	                                 "itemClass");
	char *q = ic ? wm_xml_attr(ic, "qcode") : NULL;
	int text = !q || strcmp(code_of(q), "text") == 0;
	if (!text) {
		char *guid = wm_xml_attr(item, "guid");
		wm_news_warn(&r->in, item, "newsItem %s skipped: its itemClass is "
		             "%s, not text", guid ? guid : "(no guid)", q);
		free(guid);
		r->skipped++;
	}
	free(q);
	return text;
}

static void read_news_item(reader *r, const xmlNode *item)
{
	r->items++;
	if (!is_text_item(r, item))
		return;
	wm_news n;
	wm_news_start(&n, &r->in);
	const xmlNode *cm = wm_xml_child(item, "contentMeta");
	headlines(&n, cm);
	if (!content_set(r, &n, wm_xml_child(item, "contentSet"))) {
		const xmlNode *cs = wm_xml_child(item, "contentSet");
		wm_news_error(&r->in, cs ? cs : item, WM_DIAG_NO_HEADLINE,
		              "newsItem left out: it holds no text (its contentSet "
		              "has no inlineXML, inlineData nor remoteContent with "
		              "text)");
		wm_news_drop(&n);
		return;
	}
	content_meta_after(&n, cm);
	content_meta(&n, cm);
	item_meta(&n, wm_xml_child(item, "itemMeta"));
	wm_news_meta(&n, "id", wm_xml_attr(item, "guid"));
	wm_news_meta(&n, "version", wm_xml_attr(item, "version"));
	xmlChar *lang = xmlNodeGetLang(item);
	if (lang && !wm_xml_child(cm, "language"))
		wm_news_meta(&n, "lang", wm_xstrdup((const char *)lang));
	xmlFree(lang);
	push(r, wm_news_finish(&n, item, 0));
}

/* An item of a newsMessage's itemSet, or of the file. */
static void read_item(reader *r, const xmlNode *c)
{
	if (c->type != XML_ELEMENT_NODE)
		return;
	if (wm_xml_is(c, "newsItem")) {
		read_news_item(r, c);
	} else if (wm_xml_is(c, "itemSet")) {
		for (const xmlNode *i = c->children; i; i = i->next)
			read_item(r, i);
	} else if (wm_xml_is(c, "packageItem") || wm_xml_is(c, "conceptItem") ||
	           wm_xml_is(c, "knowledgeItem") ||
	           wm_xml_is(c, "planningItem") || wm_xml_is(c, "catalogItem")) {
		r->items++;
		r->skipped++;
		wm_news_warn(&r->in, c, "<%s> skipped: not a text item",
		             (const char *)c->name);
	}
}

/* ---- NewsML 1.x ---------------------------------------------------------- */

/* What a NewsItem of NewsML 1.x gives: its NewsLines, and the first
 * DataContent that holds NITF or text. */
typedef struct v1_item {
	const xmlNode *lines;   /* the first NewsLines */
	const xmlNode *nitf;    /* the first nitf */
	const xmlNode *text;    /* else the first DataContent of text */
} v1_item;

/* A ContentItem: its NITF or text, or (another medium) a warning. */
static void v1_content(reader *r, v1_item *v, const xmlNode *ci)
{
	const xmlNode *dc = wm_xml_child(ci, "DataContent");
	const xmlNode *mt = wm_xml_child(ci, "MediaType");
	char *medium = mt ? wm_xml_attr(mt, "FormalName") : NULL;
	const xmlNode *nitf = dc ? wm_xml_child(dc, "nitf") : NULL;
	if (nitf && !v->nitf)
		v->nitf = nitf;
	else if (dc && !nitf && (!medium || !strcmp(medium, "Text")) && !v->text)
		v->text = dc;
	else if (medium && strcmp(medium, "Text") != 0) {
		wm_news_warn(&r->in, ci, "a ContentItem of %s skipped: not text",
		             medium);
		r->skipped++;
	}
	free(medium);
}

static void v1_component(reader *r, v1_item *v, const xmlNode *nc)
{
	for (const xmlNode *c = nc->children; c; c = c->next) {
		if (wm_xml_is(c, "NewsLines") && !v->lines)
			v->lines = c;
		else if (wm_xml_is(c, "ContentItem"))
			v1_content(r, v, c);
		else if (wm_xml_is(c, "NewsComponent"))
			v1_component(r, v, c);
	}
}

/* NewsLines: what the NITF does not say. */
static void v1_lines(wm_news *n, const xmlNode *lines)
{
	wm_article *a = n->a;
	const xmlNode *h = wm_xml_child(lines, "HeadLine");
	if (h && !a->headline) {
		a->headline = wm_article_take(a, wm_news_line(n, h));
		a->line = wm_xml_lineno(h);
	}
	const xmlNode *sub = wm_xml_child(lines, "SubHeadLine");
	if (sub && !a->deck)
		a->deck = wm_article_take(a, wm_news_line(n, sub));
	const xmlNode *slug = wm_xml_child(lines, "SlugLine");
	if (slug && !a->slug)
		a->slug = wm_article_take(a, wm_news_line(n, slug));
	const xmlNode *by = wm_xml_child(lines, "ByLine");
	if (by && !a->byline) {
		a->byline = wm_article_take(a, wm_news_line(n, by));
		a->byline_line = wm_xml_lineno(by);
	}
	const xmlNode *dl = wm_xml_child(lines, "DateLine");
	if (dl)
		wm_news_dateline(n, wm_news_line(n, dl), wm_xml_lineno(dl), NULL, NULL);
}

/* NewsManagement: its dates and status, as itemMeta's. */
static void v1_management(wm_news *n, const xmlNode *nm)
{
	for (const xmlNode *c = nm ? nm->children : NULL; c; c = c->next) {
		if (wm_xml_is(c, "FirstCreated"))
			when(n, c, "first_created");
		else if (wm_xml_is(c, "ThisRevisionCreated"))
			when(n, c, "version_created");
		else if (wm_xml_is(c, "Status"))
			wm_news_meta(n, "pub_status", wm_xml_attr(c, "FormalName"));
	}
}

static void read_v1_item(reader *r, const xmlNode *item)
{
	r->items++;
	v1_item v = {NULL, NULL, NULL};
	v1_component(r, &v, item);
	if (!v.nitf && !v.text) {
		wm_news_error(&r->in, item, WM_DIAG_NO_HEADLINE, "NewsItem left "
		              "out: it holds no text (no DataContent of NITF or "
		              "text)");
		return;
	}
	wm_news n;
	wm_news_start(&n, &r->in);
	const xmlNode *h = wm_xml_child(v.lines, "HeadLine");
	if (h) { /* the headline first, as contentMeta's */
		n.a->headline = wm_article_take(n.a, wm_news_line(&n, h));
		n.a->line = wm_xml_lineno(h);
	}
	int text = v.nitf ? wm_nitf_read_into(&n, v.nitf)
	                  : inline_data(r, &n, v.text);
	if (v.lines)
		v1_lines(&n, v.lines);
	const xmlNode *id = wm_xml_child(wm_xml_child(wm_xml_child(item,
	                    "Identification"), "NewsIdentifier"),
	                    "PublicIdentifier");
	if (id)
		wm_news_meta(&n, "id", wm_news_line(&n, id));
	v1_management(&n, wm_xml_child(item, "NewsManagement"));
	if (!text) {
		wm_news_error(&r->in, item, WM_DIAG_NO_HEADLINE, "NewsItem left "
		              "out: its text is empty");
		wm_news_drop(&n);
		return;
	}
	push(r, wm_news_finish(&n, item, 0));
}

static void read_v1(reader *r, const xmlNode *root)
{
	for (const xmlNode *c = root->children; c; c = c->next)
		if (wm_xml_is(c, "NewsItem"))
			read_v1_item(r, c);
}

/* ---- the document -------------------------------------------------------- */

int wm_is_newsml_root(const xmlNode *root)
{
	return wm_xml_is(root, "newsItem") || wm_xml_is(root, "newsMessage") ||
	       wm_xml_is(root, "packageItem") || wm_xml_is(root, "NewsML");
}

wm_feed *wm_newsml_read_doc(wm_context *ctx, const xmlNode *root,
                            const char *bytes, size_t len, const char *source)
{
	reader r = {{ctx, source, bytes, len, "NewsML-G2", 0, 0, 0}, wm_feed_new(),
	            0, 0};
	if (wm_xml_is(root, "NewsML"))
		read_v1(&r, root);
	else if (wm_xml_is(root, "newsMessage"))
		read_item(&r, wm_xml_child(root, "itemSet") ?
		              wm_xml_child(root, "itemSet") : root);
	else
		read_item(&r, root);
	if (r.feed->count == 0 && r.items == r.skipped)
		wm_news_error(&r.in, root, WM_DIAG_NO_HEADLINE, "no article: %s",
		              r.items ? "no item of text (every item was skipped)"
		                      : "no item in the message");
	if (r.feed->count == 0) {
		wm_feed_free(r.feed);
		return NULL;
	}
	return r.feed;
}

wm_feed *wm_read_newsml(wm_context *ctx, const char *bytes, size_t len,
                        const char *source)
{
	xmlDoc *doc = wm_xml_read_for(ctx, bytes, len, source,
	                              "the NewsML reader", WM_XML_UTF8_LIE);
	if (!doc)
		return NULL;
	const xmlNode *root = xmlDocGetRootElement(doc);
	wm_feed *feed = NULL;
	if (wm_is_newsml_root(root)) {
		feed = wm_newsml_read_doc(ctx, root, bytes, len, source);
	} else {
		wm_news_input in = {ctx, source, bytes, len, "NewsML-G2", 0, 0, 0};
		wm_news_error(&in, root, WM_DIAG_MALFORMED, "the root element is "
		              "<%s>, not <newsItem>, <newsMessage>, <packageItem> "
		              "nor NewsML 1.x's <NewsML>",
		              root ? (const char *)root->name : "");
	}
	xmlFreeDoc(doc);
	return feed;
}
