#include "data.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util/hash.h"
#include "../util/utf8.h"
#include "../util/words.h"

static void set_str(wm_value *map, const char *key, const char *s)
{
	wm_value_map_set(map, key, wm_value_cstr(s));
}

/* FNV-1a over s and a NUL after it. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	return wm_fnv1a(h, s, strlen(s) + 1);
}

void wm_data_idno(char out[19], uint64_t basis, const wm_article *a)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = fnv1a(fnv1a(basis, a->source ? a->source : "-"), a->headline);
	memcpy(out, "wm-", 3);
	for (int i = 0; i < 16; i++)
		out[3 + i] = hex[(h >> (60 - 4 * i)) & 15];
}

int wm_data_plain_key(const char *key)
{
	const char *start = key;
	if (!*key)
		return 0;
	for (; *key; key++)
		if (!((*key >= 'a' && *key <= 'z') || (*key >= '0' && *key <= '9') ||
		      *key == '_') || key - start >= WM_PLAIN_KEY_MAX)
			return 0;
	return 1;
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

/* Whether the language tag s names a language written right to left
 * (Arabic, Persian, Urdu, Hebrew, Yiddish, Pashto, Sindhi, Uyghur, Dhivehi,
 * Sorani, Syriac), by its first subtag. */
static int is_rtl_lang(const char *s)
{
	static const char *const rtl[] = {"ar", "fa", "ur", "he", "iw", "yi", "ji",
	                                  "ps", "sd", "ug", "dv", "ckb", "syr"};
	size_t n = strcspn(s, "-");
	for (size_t k = 0; k < sizeof rtl / sizeof *rtl; k++)
		if (strlen(rtl[k]) == n && wm_ascii_iprefix(s, n, rtl[k]))
			return 1;
	return 0;
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
	uint64_t h = is_feed ? fnv1a(WM_FNV_BASIS, "feed") : WM_FNV_BASIS;
	char idno[19];
	wm_data_idno(idno, h, lead);
	ADD(top, "idno", wm_value_string(idno, sizeof idno));
	wm_value *meta = wm_value_map();
	for (size_t i = 0; i < ctx->nmeta; i++)
		set_str(meta, ctx->meta[i].key, ctx->meta[i].value);
	ADD(top, "meta", meta);
	ADD_STR(top, "lang", lang);
	ADD(top, "lang_given", wm_value_bool(lang_given));
	if (lang_given && is_rtl_lang(lang))
		/* there only when true: other languages' data stays as it was */
		ADD(top, "rtl", wm_value_bool(1));
	for (size_t k = 0; hooks && hooks[k]; k++)
		if (hooks[k]->top)
			hooks[k]->top(ctx, top, lead);
	wm_value *wm = wm_value_map();
	ADD_STR(wm, "version", WM_VERSION_STRING);
	ADD(top, "wiremark", wm);
	return top;
}

