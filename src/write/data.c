#include "data.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "../util/hash.h"
#include "../util/utf8.h"

static void set_str(wm_value *map, const char *key, const char *s)
{
	wm_value_map_set(map, key, wm_value_cstr(s));
}

/* Adding key literals to maps known not to hold them yet (most of the data
 * is built in fresh maps): no search for the key, no strlen. */
#define ADD(map, key, val) wm_value_map_add((map), "" key, sizeof(key) - 1, (val))
#define ADD_STR(map, key, s) ADD(map, key, wm_value_cstr(s))

static wm_value *dateline_form(const wm_dateline *d)
{
	if (!d)
		return wm_value_null();
	wm_value *v = wm_value_map_sized(8);
	ADD_STR(v, "text", d->text);
	ADD_STR(v, "place", d->place);
	ADD_STR(v, "region", d->region);
	ADD_STR(v, "date", d->date);
	ADD_STR(v, "iso_date", d->iso_date);
	ADD_STR(v, "agency", d->agency);
	ADD_STR(v, "dash", d->dash);
	return v;
}

static wm_value *meta_form(const wm_context *ctx, const wm_article *a)
{
	wm_value *m = wm_value_map_sized(3 + a->nmeta + ctx->nmeta);
	ADD_STR(m, "source", a->source ? a->source : "-");
	ADD(m, "line", wm_value_number(a->line));
	if (a->slug)
		ADD_STR(m, "slug", a->slug);
	/* the article's own values, then -M's, which take precedence */
	for (size_t i = 0; i < a->nmeta; i++)
		set_str(m, a->meta[i].key, a->meta[i].value);
	for (size_t i = 0; i < ctx->nmeta; i++)
		if (strcmp(ctx->meta[i].key, "source") && strcmp(ctx->meta[i].key, "line"))
			set_str(m, ctx->meta[i].key, ctx->meta[i].value);
	return m;
}

wm_value *wm_article_json_form(const wm_context *ctx, const wm_article *a)
{
	wm_value *v = wm_value_map_sized(20);
	ADD_STR(v, "headline", a->headline);
	ADD_STR(v, "deck", a->deck);
	ADD_STR(v, "byline", a->byline);
	ADD(v, "dateline", dateline_form(a->dateline));
	wm_value *body = wm_value_list();
	for (size_t i = 0; i < a->nblocks; i++) {
		wm_value *b = wm_value_map_sized(8);
		ADD_STR(b, "type", wm_block_type_name(a->blocks[i].type));
		ADD_STR(b, "text", a->blocks[i].text);
		wm_value_list_push(body, b);
	}
	ADD(v, "body", body);
	ADD_STR(v, "trailer", a->trailer);
	ADD(v, "meta", meta_form(ctx, a));
	return v;
}

/* ---- derived values ------------------------------------------------------ */

static void add_part(wm_value *parts, const char *s, size_t n, const char *flag)
{
	if (n == 0)
		return;
	wm_value *p = wm_value_map_sized(2);
	ADD(p, "text", wm_value_string(s, n));
	wm_value_map_add(p, flag, strlen(flag), wm_value_bool(1));
	wm_value_list_push(parts, p);
}

/* Cuts the dateline text into place, region, date, agency and the text
 * between them, in order, so that the parts give the text back. */
static wm_value *dateline_parts(const wm_dateline *d)
{
	struct {
		const char *s;
		const char *flag;
	} want[] = {{d->place, "is_place"},
	            {d->region, "is_region"},
	            {d->date, "is_date"},
	            {d->agency, "is_agency"}};
	wm_value *parts = wm_value_list();
	const char *t = d->text;
	/* the credit first ("(ANSA) - MILAN, DEC 3 -"): the agency leads */
	const char *ag = d->agency ? strstr(t, d->agency) : NULL;
	const char *pl = d->place ? strstr(t, d->place) : NULL;
	if (ag && pl && ag < pl) {
		want[3] = want[2];
		want[2] = want[1];
		want[1] = want[0];
		want[0].s = d->agency;
		want[0].flag = "is_agency";
	}
	size_t at = 0, len = strlen(t);
	for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
		if (!want[k].s)
			continue;
		const char *hit = strstr(t + at, want[k].s);
		if (!hit)
			continue;
		size_t off = (size_t)(hit - t), n = strlen(want[k].s);
		add_part(parts, t + at, off - at, "is_other");
		add_part(parts, hit, n, want[k].flag);
		at = off + n;
	}
	/* the dash: its last occurrence in what is left */
	const char *dash = NULL;
	for (const char *p = t + at; d->dash && (p = strstr(p, d->dash)) != NULL; p++)
		dash = p;
	if (dash) {
		size_t off = (size_t)(dash - t), n = strlen(d->dash);
		add_part(parts, t + at, off - at, "is_other");
		add_part(parts, dash, n, "is_dash");
		at = off + n;
	}
	add_part(parts, t + at, len - at, "is_other");
	return parts;
}

static wm_value *fence_for(const char *text)
{
	size_t longest = 0, run = 0;
	for (const char *p = text; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t n = longest >= 3 ? longest + 1 : 3;
	wm_buf b = WM_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		wm_buf_putc(&b, '`');
	wm_value *v = wm_value_string(b.ptr, b.len);
	wm_buf_free(&b);
	return v;
}

/* Splits a byline's first line, byline[0..n), into "By ", the author and
 * what follows the name (", Associated Press Writer"); returns 0 when it
 * has no "By". */
static int split_byline(const char *byline, size_t n, size_t *name_at,
                        size_t *name_end)
{
	if (!(n > 2 && (byline[0] == 'B' || byline[0] == 'b') && byline[1] == 'y' &&
	      (byline[2] == ' ' || byline[2] == '\t')))
		return 0;
	size_t b = 2;
	while (b < n && (byline[b] == ' ' || byline[b] == '\t'))
		b++;
	if (b == n)
		return 0;
	size_t e = b;
	while (e < n && byline[e] != ',')
		e++;
	while (e > b && byline[e - 1] == ' ')
		e--;
	*name_at = b;
	*name_end = e;
	return 1;
}

/* The byline's lines (it has several when the copy sent it so: "By JANE
 * DOE" then "Associated Press Writer"), each {text, first}. */
static wm_value *byline_lines(const char *byline)
{
	wm_value *list = wm_value_list();
	for (const char *p = byline;; p++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		wm_value *l = wm_value_map_sized(2);
		ADD(l, "text", wm_value_string(p, n));
		ADD(l, "first", wm_value_bool(p == byline));
		wm_value_list_push(list, l);
		if (!nl)
			return list;
		p = nl;
	}
}

/* by_prefix, author and by_suffix cut the byline's first line; the lines
 * after it are in byline_lines (not first). */
static void derive_byline(wm_value *v, const char *byline)
{
	size_t b, e;
	if (!byline)
		return;
	size_t n = strcspn(byline, "\n");
	ADD(v, "byline_lines", byline_lines(byline));
	if (!split_byline(byline, n, &b, &e)) {
		ADD(v, "author", wm_value_string(byline, n));
		return;
	}
	ADD(v, "by_prefix", wm_value_string(byline, b));
	ADD(v, "author", wm_value_string(byline + b, e - b));
	if (e < n)
		ADD(v, "by_suffix", wm_value_string(byline + e, n - e));
}

/* A preformatted block's lines, each {text} (for TEI table rows). */
static wm_value *lines_of(const char *text)
{
	wm_value *list = wm_value_list();
	for (const char *p = text;; p++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		wm_value *l = wm_value_map_sized(1);
		ADD(l, "text", wm_value_string(p, n));
		wm_value_list_push(list, l);
		if (!nl)
			return list;
		p = nl;
	}
}

/* FNV-1a over s and a NUL after it. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	return wm_fnv1a(h, s, strlen(s) + 1);
}

#define FNV_BASIS WM_FNV_BASIS

static uint64_t article_hash(uint64_t h, const wm_article *a)
{
	return fnv1a(fnv1a(h, a->source ? a->source : "-"), a->headline);
}

/* A stable identifier, "wm-" and 16 hex digits of a hash. */
static wm_value *idno_of(uint64_t h)
{
	static const char hex[] = "0123456789abcdef";
	char b[19] = "wm-";
	for (int i = 0; i < 16; i++)
		b[3 + i] = hex[(h >> (60 - 4 * i)) & 15];
	return wm_value_string(b, sizeof b);
}

/* Whether key can name an attribute or a TEI idno type: [a-z0-9_]+. */
static int plain_key(const char *key)
{
	if (!*key)
		return 0;
	for (; *key; key++)
		if (!((*key >= 'a' && *key <= 'z') || (*key >= '0' && *key <= '9') ||
		      *key == '_'))
			return 0;
	return 1;
}

/* The article's own metadata (a transmission's header fields, ...) as a
 * list of {key, value}, for the writers that keep it: those whose key is
 * plain (plain_key). */
static wm_value *wire_meta(const wm_article *a)
{
	wm_value *list = wm_value_list();
	for (size_t i = 0; i < a->nmeta; i++) {
		if (!plain_key(a->meta[i].key))
			continue;
		wm_value *e = wm_value_map_sized(2);
		ADD_STR(e, "key", a->meta[i].key);
		ADD_STR(e, "value", a->meta[i].value);
		wm_value_list_push(list, e);
	}
	return list;
}

static void derive(wm_value *v, const wm_article *a, size_t index)
{
	ADD(v, "wire_meta", wire_meta(a));
	derive_byline(v, a->byline);
	ADD(v, "idno", idno_of(article_hash(FNV_BASIS, a)));
	ADD(v, "index", wm_value_number((double)index + 1));
	ADD(v, "first", wm_value_bool(index == 0));
	if (a->dateline) {
		wm_value *d = wm_value_map_get_mut(v, "dateline");
		ADD(d, "parts", dateline_parts(a->dateline));
	}
	ADD(v, "dateline_alone",
	                 wm_value_bool(a->dateline && (a->nblocks == 0 ||
	                               a->blocks[0].type != WM_BLOCK_PARAGRAPH)));
	wm_value *body = wm_value_map_get_mut(v, "body");
	unsigned n = 0;
	for (size_t i = 0; i < a->nblocks; i++) {
		wm_value *b = (wm_value *)wm_value_list_at(body, i);
		int para = a->blocks[i].type == WM_BLOCK_PARAGRAPH;
		ADD(b, "is_paragraph", wm_value_bool(para));
		ADD(b, "is_preformatted", wm_value_bool(!para));
		ADD(b, "first", wm_value_bool(i == 0));
		ADD(b, "n", wm_value_number(++n));
		if (!para) {
			ADD(b, "fence", fence_for(a->blocks[i].text));
			ADD(b, "lines", lines_of(a->blocks[i].text));
		}
	}
}

static void front_entry(wm_value *list, const char *key, const char *val,
                        int number)
{
	if (!val)
		return;
	wm_value *e = wm_value_map_sized(3);
	ADD_STR(e, "key", key);
	wm_buf q = WM_BUF_INIT;
	wm_yaml_key(&q, key);
	ADD(e, "yaml_key", wm_value_string(q.ptr, q.len));
	wm_buf_truncate(&q, 0);
	if (number)
		wm_buf_puts(&q, val);
	else
		wm_yaml_value(&q, val);
	ADD(e, "yaml", wm_value_string(q.ptr, q.len));
	wm_buf_free(&q);
	wm_value_list_push(list, e);
}

/* YAML front matter for Markdown: the first article's title, date (ISO),
 * dateline, place, agency, byline, source, line and slug (where it came
 * from, for the Markdown reader), then every -M key; an -M key of one of
 * those names gives its value.  Each entry: key, yaml_key and yaml (quoted
 * as YAML needs, see wm_yaml_key). */
static wm_value *front_matter(const wm_context *ctx, const wm_article *a)
{
	const wm_dateline *d = a ? a->dateline : NULL;
	char line[24];
	snprintf(line, sizeof line, "%u", a ? a->line : 0);
	const struct {
		const char *key, *val;
	} own[] = {{"title", a ? a->headline : NULL},
	           {"date", d ? d->iso_date : NULL},
	           {"dateline", d ? d->text : NULL},
	           {"place", d ? d->place : NULL},
	           {"agency", d ? d->agency : NULL},
	           {"byline", a ? a->byline : NULL},
	           {"source", a ? a->source : NULL},
	           {"line", a && a->line ? line : NULL},
	           {"slug", a ? a->slug : NULL}};
	size_t nown = sizeof own / sizeof *own;
	wm_value *list = wm_value_list();
	for (size_t k = 0; k < nown; k++) {
		const char *val = own[k].val;
		int number = val == line;
		for (size_t i = 0; i < ctx->nmeta; i++)
			if (strcmp(ctx->meta[i].key, own[k].key) == 0) {
				val = ctx->meta[i].value;
				number = 0;
			}
		front_entry(list, own[k].key, val, number);
	}
	for (size_t i = 0; i < ctx->nmeta; i++) {
		int dup = 0;
		for (size_t k = 0; k < nown; k++)
			dup |= strcmp(ctx->meta[i].key, own[k].key) == 0;
		if (!dup)
			front_entry(list, ctx->meta[i].key, ctx->meta[i].value, 0);
	}
	/* the article's own metadata, as "wire.KEY" (docs/transmissions.md) */
	for (size_t i = 0; a && i < a->nmeta; i++) {
		if (!plain_key(a->meta[i].key))
			continue;
		wm_buf k = WM_BUF_INIT;
		wm_buf_printf(&k, "wire.%s", a->meta[i].key);
		front_entry(list, k.ptr, a->meta[i].value, 0);
		wm_buf_free(&k);
	}
	return list;
}

/* ---- values for the web (the HTML head) ---------------------------------- */

#define DESCRIPTION_MAX 160 /* code points, "…" included */

static const char *meta_value(const wm_context *ctx, const char *key)
{
	for (size_t i = 0; i < ctx->nmeta; i++)
		if (strcmp(ctx->meta[i].key, key) == 0)
			return ctx->meta[i].value;
	return NULL;
}

static int ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_alnum(char c)
{
	return ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* Whether s has the shape of a language tag: "en", "pt-BR", "zh-Hant-TW". */
static int is_lang_tag(const char *s)
{
	size_t i = 0;
	while (ascii_alpha(s[i]))
		i++;
	if (i < 2 || i > 8)
		return 0;
	while (s[i] == '-') {
		size_t b = ++i;
		while (ascii_alnum(s[i]))
			i++;
		if (i == b || i - b > 8)
			return 0;
	}
	return s[i] == '\0';
}

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

void wm_data_check_meta(wm_context *ctx, wm_format format)
{
	const char *v = meta_value(ctx, "lang");
	if (v && v[0] && !is_lang_tag(v))
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_BAD_OPTION, NULL, 0, 0,
		          "meta lang is not a language tag (such as en or pt-BR): "
		          "using en");
	if (format != WM_FORMAT_HTML)
		return;
	static const struct {
		const char *key, *what;
		int relative_ok;
	} urls[] = {{"url", "canonical link", 0},
	            {"css", "stylesheet link", 1},
	            {"image", "image", 0}};
	for (size_t k = 0; k < sizeof urls / sizeof *urls; k++)
		if ((v = meta_value(ctx, urls[k].key)) && v[0] &&
		    !is_web_url(v, urls[k].relative_ok))
			wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_BAD_OPTION, NULL, 0, 0,
			          "meta %s is not an http or https URL%s: the %s is left out",
			          urls[k].key, urls[k].relative_ok ? " (nor a relative one)" : "",
			          urls[k].what);
}

/* The -M values the HTML head uses, each only when safe: {canonical, css,
 * image}. */
static wm_value *web_values(const wm_context *ctx)
{
	wm_value *w = wm_value_map();
	const char *v;
	if ((v = meta_value(ctx, "url")) && is_web_url(v, 0))
		ADD_STR(w, "canonical", v);
	if ((v = meta_value(ctx, "css")) && is_web_url(v, 1))
		ADD_STR(w, "css", v);
	if ((v = meta_value(ctx, "image")) && is_web_url(v, 0))
		ADD_STR(w, "image", v);
	return w;
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
		return ascii_alnum((char)c);
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
				if (ascii_alnum((char)b)) {
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
	set_thing(ld, "publisher", "Organization", meta_value(ctx, "publisher"));
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
static void derive_web(const wm_context *ctx, wm_value *v, const wm_article *a,
                       const char *lang, const wm_value *web, int single)
{
	ADD(v, "description", description_of(a));
	ADD(v, "word_count", wm_value_number(word_count(a)));
	ADD(v, "jsonld", jsonld_of(ctx, a, v, lang, web, single));
}

wm_value *wm_data_top(const wm_context *ctx, const wm_article *lead,
                      int is_feed)
{
	wm_value *top = wm_value_map();
	const char *lang = meta_value(ctx, "lang");
	int lang_given = lang && is_lang_tag(lang);
	if (!lang_given)
		lang = "en";
	ADD(top, "is_feed", wm_value_bool(is_feed));
	ADD_STR(top, "title", lead->headline);
	/* one article: its own idno; a feed: told apart from its first
	 * article's (known before the rest is read, so feeds can stream) */
	uint64_t h = is_feed ? fnv1a(FNV_BASIS, "feed") : FNV_BASIS;
	ADD(top, "idno", idno_of(article_hash(h, lead)));
	wm_value *meta = wm_value_map();
	for (size_t i = 0; i < ctx->nmeta; i++)
		set_str(meta, ctx->meta[i].key, ctx->meta[i].value);
	ADD(top, "meta", meta);
	ADD_STR(top, "lang", lang);
	ADD(top, "lang_given", wm_value_bool(lang_given));
	ADD(top, "web", web_values(ctx));
	ADD(top, "front_matter", front_matter(ctx, lead));
	wm_value *wm = wm_value_map();
	ADD_STR(wm, "version", WM_VERSION_STRING);
	ADD(top, "wiremark", wm);
	ADD(top, "lead", wm_data_article(ctx, top, lead, 0,
	                                              !is_feed, 0));
	return top;
}

wm_value *wm_data_article(const wm_context *ctx, const wm_value *top,
                          const wm_article *a, size_t index, int single,
                          int want_json)
{
	const char *lang = wm_value_string_of(wm_value_map_get(top, "lang"), NULL);
	const wm_value *web = wm_value_map_get(top, "web");
	wm_value *v = wm_article_json_form(ctx, a);
	wm_buf json = WM_BUF_INIT;
	if (want_json)
		wm_value_to_json(&json, v);
	derive(v, a, index);
	derive_web(ctx, v, a, lang, web, single);
	if (want_json)
		ADD(v, "json", wm_value_string(json.ptr, json.len));
	wm_buf_free(&json);
	return v;
}

wm_value *wm_feed_data(const wm_context *ctx, const wm_feed *feed,
                       int want_json)
{
	wm_value *top = wm_data_top(ctx, feed->articles[0], feed->count > 1);
	wm_value *articles = wm_value_list();
	for (size_t i = 0; i < feed->count; i++)
		wm_value_list_push(articles, wm_data_article(ctx, top,
		                   feed->articles[i], i, feed->count == 1,
		                   want_json));
	ADD(top, "articles", articles);
	return top;
}
