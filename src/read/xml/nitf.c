/* The NITF reader: NITF 2.5 to 3.6 (through libxml2) to the tree.
 *
 * With or without the NITF namespace (most agency NITF has none): the
 * elements are known by their names.  What it reads (docs/nitf.md has
 * the table):
 *   head/title          the headline when body.head has no hl1; else
 *                       meta.title when it differs from the headline
 *   head/docdata        doc-id@id-string (meta.id), date.issue@norm
 *                       (meta.issued, ISO 8601), du-key@key (the slug),
 *                       ed-msg@info (meta.ednote), doc.copyright@holder
 *                       (meta.copyright), evloc (meta.location), urgency
 *                       @ed-urg (meta.urgency), key-list (meta.keywords)
 *   nitf@baselang, xml:lang   meta.lang
 *   body.head           hedline: its hl1 (AP nests it: headline/hl1) the
 *                       headline, the first hl2 the deck; byline: its
 *                       text as written, byttl on a line of its own,
 *                       several bylines one line each; dateline: its
 *                       text, location/city (the place), state, region
 *                       or country (the region), story.date@norm (the
 *                       date's iso_date); abstract (meta.abstract)
 *   body.content        the blocks (news.c: p, hl2, table, pre, lists,
 *                       block, media into meta)
 *   body.end/tagline    the trailer
 * A NewsML document (a newsMessage of NITF items, as wiremark writes a
 * feed's NITF) is read as NewsML (newsml.c).
 * The first paragraph's dateline is read as the wire reader reads it
 * when the dateline element is empty or has no dash, and cut from the
 * paragraph when it repeats the element's (news.c).
 */
#include "nitf.h"

#include "news.h"
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

#include "../reader.h"

/* ---- head ---------------------------------------------------------------- */

static void keywords(wm_news *n, const xmlNode *list)
{
	wm_buf b = WM_BUF_INIT;
	for (const xmlNode *c = list->children; c; c = c->next) {
		char *k = wm_xml_is(c, "keyword") ? wm_xml_attr(c, "key") : NULL;
		if (k && *k) {
			if (b.len)
				wm_buf_puts(&b, ", ");
			wm_buf_puts(&b, k);
		}
		free(k);
	}
	wm_news_meta(n, "keywords", b.len ? wm_buf_detach(&b, NULL) : NULL);
	wm_buf_free(&b);
}

/* evloc: city, state-prov, county-dist and iso-cc, as one place. */
static void event_location(wm_news *n, const xmlNode *el)
{
	static const char *const parts[] = {"city", "county-dist", "state-prov",
	                                    "iso-cc", NULL};
	wm_buf b = WM_BUF_INIT;
	for (const char *const *p = parts; *p; p++) {
		char *v = wm_xml_attr(el, *p);
		if (v && *v) {
			if (b.len)
				wm_buf_puts(&b, ", ");
			wm_buf_puts(&b, v);
		}
		free(v);
	}
	wm_news_meta(n, "location", b.len ? wm_buf_detach(&b, NULL) : NULL);
	wm_buf_free(&b);
}

static void issued(wm_news *n, const xmlNode *el)
{
	char *norm = wm_xml_attr(el, "norm");
	char *iso = wm_news_iso(norm);
	wm_news_meta(n, "issued", iso ? iso : norm);
	if (iso)
		free(norm);
}

static void docdata(wm_news *n, const xmlNode *dd)
{
	wm_article *a = n->a;
	for (const xmlNode *c = dd->children; c; c = c->next) {
		if (wm_xml_is(c, "doc-id"))
			wm_news_meta(n, "id", wm_xml_attr(c, "id-string"));
		else if (wm_xml_is(c, "date.issue"))
			issued(n, c);
		else if (wm_xml_is(c, "du-key") && !a->slug) {
			char *k = wm_xml_attr(c, "key");
			char *s = k ? wm_xml_one_line(k, strlen(k), 1) : NULL;
			a->slug = wm_article_take(a, s);
			free(k);
		} else if (wm_xml_is(c, "ed-msg"))
			wm_news_meta(n, "ednote", wm_xml_attr(c, "info"));
		else if (wm_xml_is(c, "doc.copyright"))
			wm_news_meta(n, "copyright", wm_xml_attr(c, "holder"));
		else if (wm_xml_is(c, "evloc"))
			event_location(n, c);
		else if (wm_xml_is(c, "urgency"))
			wm_news_meta(n, "urgency", wm_xml_attr(c, "ed-urg"));
		else if (wm_xml_is(c, "key-list"))
			keywords(n, c);
	}
}

/* ---- body.head ----------------------------------------------------------- */

/* The first element named name in el, at any depth. */
static const xmlNode *find(const xmlNode *el, const char *name)
{
	for (const xmlNode *c = el ? el->children : NULL; c; c = c->next) {
		if (wm_xml_is(c, name))
			return c;
		const xmlNode *in = c->type == XML_ELEMENT_NODE ? find(c, name) : NULL;
		if (in)
			return in;
	}
	return NULL;
}

static void hedline(wm_news *n, const xmlNode *el)
{
	wm_article *a = n->a;
	const xmlNode *hl1 = find(el, "hl1");
	if (hl1 && !a->headline) {
		a->headline = wm_article_take(a, wm_news_line(n, hl1));
		a->line = wm_xml_lineno(hl1);
	}
	const xmlNode *hl2 = find(el, "hl2");
	if (hl2 && !a->deck)
		a->deck = wm_article_take(a, wm_news_line(n, hl2));
}

/* byline: its lines (byttl on one of its own), added to the byline read
 * so far (several bylines: one after the other). */
static void byline(wm_news *n, const xmlNode *el)
{
	static const char *const line_starts[] = {"byttl", NULL};
	wm_article *a = n->a;
	char *s = wm_xml_text_lines(el, line_starts);
	if (!s)
		return;
	if (a->byline) {
		wm_buf b = WM_BUF_INIT;
		wm_buf_printf(&b, "%s\n%s", a->byline, s);
		free(s);
		s = wm_buf_detach(&b, NULL);
	} else {
		a->byline_line = wm_xml_lineno(el);
	}
	a->byline = wm_article_take(a, s);
}

/* The text of a dateline part, or NULL. */
static char *part(wm_news *n, const xmlNode *el, const char *name)
{
	const xmlNode *c = find(el, name);
	return c ? wm_news_line(n, c) : NULL;
}

static void dateline(wm_news *n, const xmlNode *el)
{
	char *city = part(n, el, "city");
	char *region = part(n, el, "state");
	region = region ? region : part(n, el, "region");
	region = region ? region : part(n, el, "country");
	const xmlNode *date = find(el, "story.date");
	if (date && !n->date_norm)
		n->date_norm = wm_xml_attr(date, "norm");
	wm_news_dateline(n, wm_news_line(n, el), wm_xml_lineno(el), city, region);
	free(city);
	free(region);
}

static void body_head(wm_news *n, const xmlNode *bh)
{
	for (const xmlNode *c = bh ? bh->children : NULL; c; c = c->next) {
		if (wm_xml_is(c, "hedline") || wm_xml_is(c, "headline"))
			hedline(n, c);
		else if (wm_xml_is(c, "byline"))
			byline(n, c);
		else if (wm_xml_is(c, "dateline"))
			dateline(n, c);
		else if (wm_xml_is(c, "abstract"))
			wm_news_meta(n, "abstract", wm_news_line(n, c));
	}
}

static void body_end(wm_news *n, const xmlNode *be)
{
	wm_article *a = n->a;
	for (const xmlNode *c = be ? be->children : NULL; c; c = c->next) {
		if (!wm_xml_is(c, "tagline"))
			continue;
		char *s = wm_news_line(n, c);
		if (s && !a->trailer) {
			a->trailer = wm_article_take(a, s);
			a->trailer_line = wm_xml_lineno(c);
		} else if (s) {
			wm_news_warn(n->in, c, "a second tagline left out (the tree "
			             "has one trailer)");
			free(s);
		}
	}
}

/* ---- the document -------------------------------------------------------- */

static void language(wm_news *n, const xmlNode *el)
{
	char *lang = wm_xml_attr(el, "baselang");
	if (!lang) {
		xmlChar *v = xmlNodeGetLang(el);
		lang = v ? wm_xstrdup((const char *)v) : NULL;
		xmlFree(v);
	}
	wm_news_meta(n, "lang", lang);
}

int wm_nitf_read_into(wm_news *n, const xmlNode *el)
{
	wm_article *a = n->a;
	const xmlNode *head = wm_xml_child(el, "head");
	const xmlNode *body = wm_xml_child(el, "body");
	language(n, el);
	const xmlNode *dd = wm_xml_child(head, "docdata");
	if (dd)
		docdata(n, dd);
	body_head(n, wm_xml_child(body, "body.head"));
	const xmlNode *title = wm_xml_child(head, "title");
	char *t = title ? wm_news_line(n, title) : NULL;
	if (t && !a->headline) {
		a->headline = wm_article_take(a, t);
		a->line = wm_xml_lineno(title);
	} else if (t && strcmp(t, a->headline) != 0) {
		wm_news_meta(n, "title", t);
	} else {
		free(t);
	}
	size_t before = a->nblocks;
	wm_news_blocks(n, wm_xml_child(body, "body.content"));
	body_end(n, wm_xml_child(body, "body.end"));
	return a->nblocks > before || a->trailer || n->dateline_text;
}

wm_feed *wm_read_nitf(wm_context *ctx, const char *bytes, size_t len,
                      const char *source)
{
	xmlDoc *doc = wm_xml_read_for(ctx, bytes, len, source, "the NITF reader",
	                              WM_XML_UTF8_LIE);
	if (!doc)
		return NULL;
	wm_news_input in = {ctx, source, bytes, len, "NITF", 0, 0, 0};
	const xmlNode *root = xmlDocGetRootElement(doc);
	wm_feed *feed = NULL;
	if (wm_is_newsml_root(root)) { /* NITF inside NewsML (a feed's NITF) */
		feed = wm_newsml_read_doc(ctx, root, bytes, len, source);
	} else if (!wm_xml_is(root, "nitf")) {
		wm_news_error(&in, root, WM_DIAG_MALFORMED, "the root element is "
		              "<%s>, not <nitf>", root ? (const char *)root->name : "");
	} else {
		wm_news n;
		wm_news_start(&n, &in);
		if (!wm_nitf_read_into(&n, root)) {
			const xmlNode *body = wm_xml_child(root, "body");
			wm_news_error(&in, body ? body : root, WM_DIAG_NO_HEADLINE,
			              "no article: the NITF body holds no text (no "
			              "body.content, dateline or tagline)");
			wm_news_drop(&n);
		} else {
			wm_article *a = wm_news_finish(&n, root, 0);
			if (a) {
				feed = wm_feed_new();
				wm_feed_push(feed, a);
			}
		}
	}
	xmlFreeDoc(doc);
	return feed;
}
