/* The HTML writer's own data: the values of the page's head (web links,
 * description, word count, schema.org JSON-LD), and its checks of -M. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/utf8.h"
#include "../data.h"
#include "../view.h"
#include "../escape.h"

#define DESCRIPTION_MAX 160 /* code points, "…" included */

/* Whether s is an absolute http or https URL (with relative_ok, also a URL
 * without a scheme, such as "/site.css") made only of characters an
 * attribute holds as they are in a URL. */
static int is_web_url(const char *s, int relative_ok)
{
	if (!s[0])
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7F || strchr("\"<>\\^`{|}", *p))
			return 0;
	size_t colon = strcspn(s, ":/?#");
	if (s[colon] != ':')
		return relative_ok;
	static const char *const schemes[] = {"http", "https"};
	int known = 0;
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(schemes[k]);
		int same = colon == n;
		for (size_t i = 0; same && i < n; i++)
			same = (s[i] | 0x20) == schemes[k][i];
		known |= same;
	}
	return known && s[colon + 1] == '/' && s[colon + 2] == '/' &&
	       s[colon + 3] && s[colon + 3] != '/';
}

/* The -M values the HTML head uses, each only when safe: {canonical, css,
 * image}. */
static void web_values(const wm_context *ctx, wm_value *top,
                       const wm_article *lead)
{
	(void)lead;
	wm_value *w = wm_value_map();
	const char *v;
	if ((v = wm_data_meta(ctx, "url")) && is_web_url(v, 0))
		ADD_STR(w, "canonical", v);
	if ((v = wm_data_meta(ctx, "css")) && is_web_url(v, 1))
		ADD_STR(w, "css", v);
	if ((v = wm_data_meta(ctx, "image")) && is_web_url(v, 0))
		ADD_STR(w, "image", v);
	ADD(top, "web", w);
}

/* The first paragraph (else the deck, else the headline), cut at a word to
 * at most DESCRIPTION_MAX code points, "…" marking the cut. */
static void description_of(const wm_article *a, wm_buf *out)
{
	const char *s = a->deck ? a->deck : a->headline;
	for (size_t i = 0; i < a->nblocks; i++)
		if (a->blocks[i].type == WM_BLOCK_PARAGRAPH) {
			s = a->blocks[i].text;
			break;
		}
	size_t len = strlen(s), i = 0, cps = 0;
	/* count code points only as far as the cut needs */
	for (; i < len && cps <= DESCRIPTION_MAX; cps++)
		wm_utf8_next(s, len, &i);
	if (cps <= DESCRIPTION_MAX) {
		wm_buf_put(out, s, len);
		return;
	}
	/* keep the words that fit with the "…"; a single very long word is
	 * cut inside */
	size_t limit = 0;
	for (size_t k = 0; k + 1 < DESCRIPTION_MAX; k++)
		wm_utf8_next(s, len, &limit);
	size_t cut = limit;
	if (s[limit] != ' ') {
		while (cut > 0 && s[cut - 1] != ' ')
			cut--;
		if (cut < limit / 2)
			cut = limit;
	}
	while (cut > 0 && strchr(" ,;:", s[cut - 1]))
		cut--;
	wm_buf_put(out, s, cut ? cut : limit);
	wm_buf_puts(out, "\xE2\x80\xA6");
}

/* Whether code point c makes a run of text a word (letters and digits;
 * not dashes, quotes and other punctuation alone). */
static int wordy(uint32_t c)
{
	if (c < 0x80)
		return wm_ascii_alnum((char)c);
	return c >= 0xC0 && !(c >= 0x2000 && c <= 0x2BFF) && c != 0xFFFD;
}

/* Words of the body: runs between spaces holding a letter or a digit. */
static double word_count(const wm_article *a)
{
	double n = 0;
	for (size_t k = 0; k < a->nblocks; k++) {
		const char *s = a->blocks[k].text;
		size_t len = strlen(s), i = 0;
		int in_word = 0;
		static const unsigned char space[256] = {
			[' '] = 1, ['\t'] = 1, ['\n'] = 1};
		while (i < len) {
			if (in_word) {
				/* the word is counted: on to the space after it */
				i = wm_scan_to(s, i, len, space);
				in_word = 0;
				continue;
			}
			unsigned char b = (unsigned char)s[i];
			if (b < 0x80) { /* ASCII, most of the text: no decoding */
				i++;
				if (wm_ascii_alnum((char)b)) {
					in_word = 1;
					n++;
				}
				continue;
			}
			uint32_t c = wm_utf8_next(s, len, &i);
			if (c == ' ' || c == '\t' || c == '\n') {
				in_word = 0;
			} else if (!in_word && wordy(c)) {
				in_word = 1;
				n++;
			}
		}
	}
	return n;
}

/* ,"key":"value" (the JSON of serialised data) */
static void member(wm_buf *out, const char *key, const char *v, size_t len)
{
	wm_buf_putc(out, ',');
	wm_ref_json_string(out, key, strlen(key));
	wm_buf_putc(out, ':');
	wm_ref_json_string(out, v, len);
}

/* {"@type":type,"name":name} */
static void thing(wm_buf *out, const char *type, const char *name, size_t len)
{
	wm_buf_puts(out, "{\"@type\":");
	wm_ref_json_string(out, type, strlen(type));
	member(out, "name", name, len);
	wm_buf_putc(out, '}');
}

static void thing_member(wm_buf *out, const char *key, const char *type,
                         const char *name)
{
	if (!name)
		return;
	wm_buf_putc(out, ',');
	wm_ref_json_string(out, key, strlen(key));
	wm_buf_putc(out, ':');
	thing(out, type, name, strlen(name));
}

/* A string's first occurrence of pat in s[0..len), or NULL. */
/* The byline's names (names[0..len)) as Persons: one, or a list of two
 * for "A and B". */
static void authors(wm_buf *out, const char *names, size_t len)
{
	size_t sep, second;
	wm_buf_puts(out, ",\"author\":");
	if (!wm_view_author_pair(names, len, &sep)) {
		thing(out, "Person", names, len);
		return;
	}
	second = sep + WM_VIEW_AND_LEN;
	wm_buf_putc(out, '[');
	thing(out, "Person", names, sep);
	wm_buf_putc(out, ',');
	thing(out, "Person", names + second, len - second);
	wm_buf_putc(out, ']');
}

static const char *web_value(const wm_value *web, const char *key)
{
	return wm_value_string_of(wm_value_map_get(web, key), NULL);
}

static void cstr_member(wm_buf *out, const char *key, const char *v)
{
	if (v)
		member(out, key, v, strlen(v));
}

/* schema.org NewsArticle for the page's head, as JSON text that can stand
 * inside a script element (see wm_escape_json_script), written in json
 * (a scratch buffer) then escaped into out. */
static void jsonld_of(wm_art *art, const wm_buf *description, double words,
                      wm_buf *json, wm_buf *out)
{
	const wm_view *view = art->view;
	const wm_article *a = art->a;
	const wm_dateline *d = a->dateline;
	const wm_value *web = view->top_by_id[K_WEB];
	const char *url = art->single ? web_value(web, "canonical") : NULL;
	wm_buf_truncate(json, 0);
	wm_buf_puts(json, "{\"@context\":\"https://schema.org\","
	                  "\"@type\":\"NewsArticle\"");
	cstr_member(json, "headline", a->headline);
	cstr_member(json, "alternativeHeadline", a->deck);
	member(json, "description", description->ptr, description->len);
	cstr_member(json, "dateline", d ? d->text : NULL);
	cstr_member(json, "datePublished", d ? d->iso_date : NULL);
	if (a->byline) {
		size_t n;
		const char *author = wm_view_author(a->byline, &n);
		authors(json, author, n);
	}
	thing_member(json, "publisher", "Organization",
	             wm_data_meta(view->ctx, "publisher"));
	thing_member(json, "sourceOrganization", "Organization",
	             d ? d->agency : NULL);
	wm_buf_puts(json, ",\"wordCount\":");
	wm_value_format_number(json, words);
	cstr_member(json, "inLanguage",
	            wm_value_string_of(view->top_by_id[K_LANG], NULL));
	cstr_member(json, "url", url);
	cstr_member(json, "mainEntityOfPage", url);
	cstr_member(json, "image", web_value(web, "image"));
	wm_buf_putc(json, '}');
	wm_escape_json_script(out, json->ptr, json->len, NULL);
}

/* description (own[0]), word_count (own_number) and jsonld (own[1]) of
 * one article, each made when first asked for. */
static const wm_buf *description(wm_art *art)
{
	if (!(art->have & ART_OWN0)) {
		wm_buf_truncate(&art->own[0], 0);
		description_of(art->a, &art->own[0]);
		wm_buf_cstr(&art->own[0]);
		art->have |= ART_OWN0;
	}
	return &art->own[0];
}

static double words(wm_art *art)
{
	if (!(art->have & ART_OWN_NUMBER)) {
		art->own_number = word_count(art->a);
		art->have |= ART_OWN_NUMBER;
	}
	return art->own_number;
}

static int web_get(wm_art *art, int id, wm_ref *out)
{
	const wm_buf *b;
	switch (id) {
	case K_DESCRIPTION:
		b = description(art);
		wm_ref_string(out, b->ptr, b->len);
		return 1;
	case K_WORD_COUNT:
		wm_ref_number(out, words(art));
		return 1;
	case K_JSONLD:
		if (!(art->have & ART_OWN1)) {
			wm_buf_truncate(&art->own[1], 0);
			jsonld_of(art, description(art), words(art), &art->scratch,
			          &art->own[1]);
			wm_buf_cstr(&art->own[1]);
			art->have |= ART_OWN1;
		}
		wm_ref_string(out, art->own[1].ptr, art->own[1].len);
		return 1;
	default:
		return 0;
	}
}

static const int web_keys[] = {K_DESCRIPTION, K_WORD_COUNT, K_JSONLD, -1};
static const wm_view_hooks web_view = {web_get, web_keys};

/* Warns about url, css and image values the HTML head leaves out. */
static void check_meta(wm_context *ctx)
{
	const char *v;
	static const struct {
		const char *key, *what;
		int relative_ok;
	} urls[] = {{"url", "canonical link", 0},
	            {"css", "stylesheet link", 1},
	            {"image", "image", 0}};
	for (size_t k = 0; k < sizeof urls / sizeof *urls; k++)
		if ((v = wm_data_meta(ctx, urls[k].key)) && v[0] &&
		    !is_web_url(v, urls[k].relative_ok))
			wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_BAD_OPTION, NULL, 0, 0,
			          "meta %s is not an http or https URL%s: the %s is left out",
			          urls[k].key, urls[k].relative_ok ? " (nor a relative one)" : "",
			          urls[k].what);
}

const wm_data_hooks wm_html_data = {web_values, &web_view, check_meta};
