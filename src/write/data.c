#include "data.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util/hash.h"
#include "../util/utf8.h"

static void set_str(wm_value *map, const char *key, const char *s)
{
	wm_value_map_set(map, key, wm_value_cstr(s));
}

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

/* The lines of text, each {text}, and with_first: first, true for the
 * first line.  A byline has several when the copy sent it so ("By JANE
 * DOE" then "Associated Press Writer"); a preformatted block's lines are
 * TEI's table rows. */
static wm_value *lines_list(const char *text, int with_first)
{
	wm_value *list = wm_value_list();
	for (const char *p = text;; p++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		wm_value *l = wm_value_map_sized(with_first ? 2 : 1);
		ADD(l, "text", wm_value_string(p, n));
		if (with_first)
			ADD(l, "first", wm_value_bool(p == text));
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
	ADD(v, "byline_lines", lines_list(byline, 1));
	if (!split_byline(byline, n, &b, &e)) {
		ADD(v, "author", wm_value_string(byline, n));
		return;
	}
	ADD(v, "by_prefix", wm_value_string(byline, b));
	ADD(v, "author", wm_value_string(byline + b, e - b));
	if (e < n)
		ADD(v, "by_suffix", wm_value_string(byline + e, n - e));
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

int wm_data_plain_key(const char *key)
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
 * plain (wm_data_plain_key). */
static wm_value *wire_meta(const wm_article *a)
{
	wm_value *list = wm_value_list();
	for (size_t i = 0; i < a->nmeta; i++) {
		if (!wm_data_plain_key(a->meta[i].key))
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
			ADD(b, "lines", lines_list(a->blocks[i].text, 0));
		}
	}
}

const char *wm_data_meta(const wm_context *ctx, const char *key)
{
	for (size_t i = 0; i < ctx->nmeta; i++)
		if (strcmp(ctx->meta[i].key, key) == 0)
			return ctx->meta[i].value;
	return NULL;
}

/* Whether s has the shape of a language tag: "en", "pt-BR", "zh-Hant-TW". */
static int is_lang_tag(const char *s)
{
	size_t i = 0;
	while (wm_ascii_alpha(s[i]))
		i++;
	if (i < 2 || i > 8)
		return 0;
	while (s[i] == '-') {
		size_t b = ++i;
		while (wm_ascii_alnum(s[i]))
			i++;
		if (i == b || i - b > 8)
			return 0;
	}
	return s[i] == '\0';
}

void wm_data_check_meta(wm_context *ctx, const wm_data_hooks *own)
{
	const char *v = wm_data_meta(ctx, "lang");
	if (v && v[0] && !is_lang_tag(v))
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_BAD_OPTION, NULL, 0, 0,
		          "meta lang is not a language tag (such as en or pt-BR): "
		          "using en");
	if (own && own->check_meta)
		own->check_meta(ctx);
}

wm_value *wm_data_top(const wm_context *ctx, const wm_article *lead,
                      int is_feed, const wm_data_hooks *const *hooks)
{
	wm_value *top = wm_value_map();
	const char *lang = wm_data_meta(ctx, "lang");
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
	for (size_t k = 0; hooks && hooks[k]; k++)
		if (hooks[k]->top)
			hooks[k]->top(ctx, top, lead);
	wm_value *wm = wm_value_map();
	ADD_STR(wm, "version", WM_VERSION_STRING);
	ADD(top, "wiremark", wm);
	ADD(top, "lead", wm_data_article(ctx, top, lead, 0, !is_feed, 0, hooks));
	return top;
}

wm_value *wm_data_article(const wm_context *ctx, const wm_value *top,
                          const wm_article *a, size_t index, int single,
                          int want_json, const wm_data_hooks *const *hooks)
{
	wm_value *v = wm_article_json_form(ctx, a);
	wm_buf json = WM_BUF_INIT;
	if (want_json)
		wm_value_to_json(&json, v);
	derive(v, a, index);
	for (size_t k = 0; hooks && hooks[k]; k++)
		if (hooks[k]->article)
			hooks[k]->article(ctx, top, v, a, single);
	if (want_json)
		ADD(v, "json", wm_value_string(json.ptr, json.len));
	wm_buf_free(&json);
	return v;
}

wm_value *wm_feed_data(const wm_context *ctx, const wm_feed *feed,
                       int want_json, const wm_data_hooks *const *hooks)
{
	wm_value *top = wm_data_top(ctx, feed->articles[0], feed->count > 1,
	                            hooks);
	wm_value *articles = wm_value_list();
	for (size_t i = 0; i < feed->count; i++)
		wm_value_list_push(articles, wm_data_article(ctx, top,
		                   feed->articles[i], i, feed->count == 1,
		                   want_json, hooks));
	ADD(top, "articles", articles);
	return top;
}
