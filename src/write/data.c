#include "data.h"

#include <string.h>

#include "escape.h"

static void set_str(wm_value *map, const char *key, const char *s)
{
	wm_value_map_set(map, key, wm_value_cstr(s));
}

static wm_value *dateline_form(const wm_dateline *d)
{
	if (!d)
		return wm_value_null();
	wm_value *v = wm_value_map();
	set_str(v, "text", d->text);
	set_str(v, "place", d->place);
	set_str(v, "region", d->region);
	set_str(v, "date", d->date);
	set_str(v, "iso_date", d->iso_date);
	set_str(v, "agency", d->agency);
	set_str(v, "dash", d->dash);
	return v;
}

static wm_value *meta_form(const wm_context *ctx, const wm_article *a)
{
	wm_value *m = wm_value_map();
	set_str(m, "source", a->source ? a->source : "-");
	wm_value_map_set(m, "line", wm_value_number(a->line));
	for (size_t i = 0; i < ctx->nmeta; i++)
		if (strcmp(ctx->meta[i].key, "source") && strcmp(ctx->meta[i].key, "line"))
			set_str(m, ctx->meta[i].key, ctx->meta[i].value);
	return m;
}

wm_value *wm_article_json_form(const wm_context *ctx, const wm_article *a)
{
	wm_value *v = wm_value_map();
	set_str(v, "headline", a->headline);
	set_str(v, "deck", a->deck);
	set_str(v, "byline", a->byline);
	wm_value_map_set(v, "dateline", dateline_form(a->dateline));
	wm_value *body = wm_value_list();
	for (size_t i = 0; i < a->nblocks; i++) {
		wm_value *b = wm_value_map();
		set_str(b, "type", wm_block_type_name(a->blocks[i].type));
		set_str(b, "text", a->blocks[i].text);
		wm_value_list_push(body, b);
	}
	wm_value_map_set(v, "body", body);
	set_str(v, "trailer", a->trailer);
	wm_value_map_set(v, "meta", meta_form(ctx, a));
	return v;
}

/* ---- derived values ------------------------------------------------------ */

static void add_part(wm_value *parts, const char *s, size_t n, const char *flag)
{
	if (n == 0)
		return;
	wm_value *p = wm_value_map();
	wm_value_map_set(p, "text", wm_value_string(s, n));
	wm_value_map_set(p, flag, wm_value_bool(1));
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

/* Splits a byline into "By ", the author and what follows the name
 * (", Associated Press Writer"); returns 0 when it has no "By". */
static int split_byline(const char *byline, size_t *name_at, size_t *name_end)
{
	if (!((byline[0] == 'B' || byline[0] == 'b') && byline[1] == 'y' &&
	      (byline[2] == ' ' || byline[2] == '\t')))
		return 0;
	size_t b = 2;
	while (byline[b] == ' ' || byline[b] == '\t')
		b++;
	if (!byline[b])
		return 0;
	size_t e = b;
	while (byline[e] && byline[e] != ',')
		e++;
	while (e > b && byline[e - 1] == ' ')
		e--;
	*name_at = b;
	*name_end = e;
	return 1;
}

static void derive_byline(wm_value *v, const char *byline)
{
	size_t b, e;
	if (!byline)
		return;
	if (!split_byline(byline, &b, &e)) {
		set_str(v, "author", byline);
		return;
	}
	wm_value_map_set(v, "by_prefix", wm_value_string(byline, b));
	wm_value_map_set(v, "author", wm_value_string(byline + b, e - b));
	if (byline[e])
		set_str(v, "by_suffix", byline + e);
}

static void derive(wm_value *v, const wm_article *a, size_t index)
{
	derive_byline(v, a->byline);
	wm_value_map_set(v, "index", wm_value_number((double)index + 1));
	wm_value_map_set(v, "first", wm_value_bool(index == 0));
	if (a->dateline) {
		wm_value *d = wm_value_map_get_mut(v, "dateline");
		wm_value_map_set(d, "parts", dateline_parts(a->dateline));
	}
	wm_value_map_set(v, "dateline_alone",
	                 wm_value_bool(a->dateline && (a->nblocks == 0 ||
	                               a->blocks[0].type != WM_BLOCK_PARAGRAPH)));
	wm_value *body = wm_value_map_get_mut(v, "body");
	unsigned n = 0;
	for (size_t i = 0; i < a->nblocks; i++) {
		wm_value *b = (wm_value *)wm_value_list_at(body, i);
		int para = a->blocks[i].type == WM_BLOCK_PARAGRAPH;
		wm_value_map_set(b, "is_paragraph", wm_value_bool(para));
		wm_value_map_set(b, "is_preformatted", wm_value_bool(!para));
		wm_value_map_set(b, "first", wm_value_bool(i == 0));
		wm_value_map_set(b, "n", wm_value_number(++n));
		if (!para)
			wm_value_map_set(b, "fence", fence_for(a->blocks[i].text));
	}
}

static void front_entry(wm_value *list, const char *key, const char *val)
{
	if (!val)
		return;
	wm_value *e = wm_value_map();
	set_str(e, "key", key);
	wm_buf q = WM_BUF_INIT;
	wm_buf_putc(&q, '"');
	wm_escape_json(&q, val, strlen(val), NULL);
	wm_buf_putc(&q, '"');
	wm_value_map_set(e, "yaml", wm_value_string(q.ptr, q.len));
	wm_buf_free(&q);
	wm_value_list_push(list, e);
}

/* YAML front matter for Markdown: key and a double-quoted value (a JSON
 * string is a valid YAML double-quoted scalar), from the first article and
 * the -M keys. */
static wm_value *front_matter(const wm_context *ctx, const wm_feed *feed)
{
	wm_value *list = wm_value_list();
	const wm_article *a = feed->count ? feed->articles[0] : NULL;
	const wm_dateline *d = a ? a->dateline : NULL;
	if (a) {
		front_entry(list, "title", a->headline);
		front_entry(list, "date", d ? d->iso_date : NULL);
		front_entry(list, "dateline", d ? d->text : NULL);
		front_entry(list, "place", d ? d->place : NULL);
		front_entry(list, "agency", d ? d->agency : NULL);
		front_entry(list, "byline", a->byline);
		front_entry(list, "source", a->source);
	}
	for (size_t i = 0; i < ctx->nmeta; i++) {
		static const char *const taken[] = {"title", "date", "dateline",
		                                    "place", "agency", "byline",
		                                    "source"};
		int dup = 0;
		for (size_t k = 0; k < sizeof taken / sizeof *taken; k++)
			dup |= strcmp(ctx->meta[i].key, taken[k]) == 0 && a;
		if (!dup)
			front_entry(list, ctx->meta[i].key, ctx->meta[i].value);
	}
	return list;
}

wm_value *wm_feed_data(const wm_context *ctx, const wm_feed *feed)
{
	wm_value *top = wm_value_map();
	wm_value *articles = wm_value_list();
	for (size_t i = 0; i < feed->count; i++) {
		const wm_article *a = feed->articles[i];
		wm_value *v = wm_article_json_form(ctx, a);
		wm_buf json = WM_BUF_INIT;
		wm_value_to_json(&json, v);
		derive(v, a, i);
		wm_value_map_set(v, "json", wm_value_string(json.ptr, json.len));
		wm_buf_free(&json);
		wm_value_list_push(articles, v);
	}
	wm_value_map_set(top, "articles", articles);
	wm_value_map_set(top, "is_feed", wm_value_bool(feed->count > 1));
	set_str(top, "title", feed->count ? feed->articles[0]->headline : "");
	const char *lang = "en";
	wm_value *meta = wm_value_map();
	for (size_t i = 0; i < ctx->nmeta; i++) {
		set_str(meta, ctx->meta[i].key, ctx->meta[i].value);
		if (strcmp(ctx->meta[i].key, "lang") == 0 && ctx->meta[i].value[0])
			lang = ctx->meta[i].value;
	}
	wm_value_map_set(top, "meta", meta);
	set_str(top, "lang", lang);
	wm_value_map_set(top, "front_matter", front_matter(ctx, feed));
	wm_value *wm = wm_value_map();
	set_str(wm, "version", WM_VERSION_STRING);
	wm_value_map_set(top, "wiremark", wm);
	return top;
}
