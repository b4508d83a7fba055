/* The HTML writer's own data: the values of the page's head (web links,
 * description, word count, schema.org JSON-LD), and its checks of -M. */
#include <stdint.h>
#include <string.h>

#include "../../util/utf8.h"
#include "../data.h"
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
static wm_value *description_of(const wm_article *a)
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
	if (cps <= DESCRIPTION_MAX)
		return wm_value_string(s, len);
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
	wm_buf b = WM_BUF_INIT;
	wm_buf_put(&b, s, cut ? cut : limit);
	wm_buf_puts(&b, "\xE2\x80\xA6");
	wm_value *v = wm_value_string(b.ptr, b.len);
	wm_buf_free(&b);
	return v;
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

static wm_value *thing(const char *type, const char *name, size_t len)
{
	wm_value *t = wm_value_map_sized(2);
	ADD_STR(t, "@type", type);
	ADD(t, "name", wm_value_string(name, len));
	return t;
}

static void set_thing(wm_value *map, const char *key, const char *type,
                      const char *name)
{
	if (name)
		wm_value_map_add(map, key, strlen(key), thing(type, name, strlen(name)));
}

/* The byline's names as Persons: one, or a list of two for "A and B". */
static void set_authors(wm_value *ld, const char *names)
{
	const char *sep = strstr(names, " and ");
	if (!sep || sep == names || !sep[5]) {
		set_thing(ld, "author", "Person", names);
		return;
	}
	wm_value *list = wm_value_list();
	wm_value_list_push(list, thing("Person", names, (size_t)(sep - names)));
	wm_value_list_push(list, thing("Person", sep + 5, strlen(sep + 5)));
	ADD(ld, "author", list);
}

/* schema.org NewsArticle for the page's head, as JSON text that can stand
 * inside a script element (see wm_escape_json_script); v holds the
 * article's data with author, description and word_count. */
static wm_value *jsonld_of(const wm_context *ctx, const wm_article *a,
                           wm_value *v, const char *lang, const wm_value *web,
                           int single)
{
	const wm_dateline *d = a->dateline;
	const wm_value *author = wm_value_map_get(v, "author");
	const wm_value *url = single ? wm_value_map_get(web, "canonical") : NULL;
	const wm_value *image = wm_value_map_get(web, "image");
	wm_value *ld = wm_value_map_sized(16);
	ADD_STR(ld, "@context", "https://schema.org");
	ADD_STR(ld, "@type", "NewsArticle");
	ADD_STR(ld, "headline", a->headline);
	if (a->deck)
		ADD_STR(ld, "alternativeHeadline", a->deck);
	ADD_STR(ld, "description",
	        wm_value_string_of(wm_value_map_get(v, "description"), NULL));
	if (d)
		ADD_STR(ld, "dateline", d->text);
	if (d && d->iso_date)
		ADD_STR(ld, "datePublished", d->iso_date);
	if (author)
		set_authors(ld, wm_value_string_of(author, NULL));
	set_thing(ld, "publisher", "Organization", wm_data_meta(ctx, "publisher"));
	set_thing(ld, "sourceOrganization", "Organization", d ? d->agency : NULL);
	ADD(ld, "wordCount", wm_value_number(
	        wm_value_number_of(wm_value_map_get(v, "word_count"))));
	ADD_STR(ld, "inLanguage", lang);
	if (url) {
		ADD_STR(ld, "url", wm_value_string_of(url, NULL));
		ADD_STR(ld, "mainEntityOfPage", wm_value_string_of(url, NULL));
	}
	if (image)
		ADD_STR(ld, "image", wm_value_string_of(image, NULL));
	wm_buf json = WM_BUF_INIT, safe = WM_BUF_INIT;
	wm_value_to_json(&json, ld);
	wm_escape_json_script(&safe, json.ptr, json.len, NULL);
	wm_value *out = wm_value_string(safe.ptr, safe.len);
	wm_buf_free(&json);
	wm_buf_free(&safe);
	wm_value_free(ld);
	return out;
}

/* description, word_count and jsonld of one article. */
static void derive_web(const wm_context *ctx, const wm_value *top,
                       wm_value *v, const wm_article *a, int single)
{
	const char *lang = wm_value_string_of(wm_value_map_get(top, "lang"), NULL);
	const wm_value *web = wm_value_map_get(top, "web");
	ADD(v, "description", description_of(a));
	ADD(v, "word_count", wm_value_number(word_count(a)));
	ADD(v, "jsonld", jsonld_of(ctx, a, v, lang, web, single));
}

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

const wm_data_hooks wm_html_data = {web_values, derive_web, check_meta};
