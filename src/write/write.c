/* wm_write: the tree becomes data, the data fills a template. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/context.h"
#include "../template/mustache.h"
#include "data.h"
#include "escape.h"
#include "templates.h"

static const char *const format_names[WM_FORMAT_MAX] = {
	[WM_FORMAT_WIRE] = "wire",
	[WM_FORMAT_MARKDOWN] = "markdown",
	[WM_FORMAT_HTML] = "html",
	[WM_FORMAT_TEI] = "tei",
	[WM_FORMAT_JSON] = "json",
};

const char *wm_format_name(wm_format f)
{
	return (unsigned)f < WM_FORMAT_MAX ? format_names[f] : NULL;
}

int wm_format_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int f = 0; f < WM_FORMAT_MAX; f++)
		if (strcmp(name, format_names[f]) == 0)
			return f;
	if (strcmp(name, "md") == 0 || strcmp(name, "commonmark") == 0)
		return WM_FORMAT_MARKDOWN;
	if (strcmp(name, "xml") == 0)
		return WM_FORMAT_TEI;
	if (strcmp(name, "htm") == 0)
		return WM_FORMAT_HTML;
	return -1;
}

int wm_format_can_read(wm_format f)
{
	return f == WM_FORMAT_WIRE || f == WM_FORMAT_HTML ||
	       f == WM_FORMAT_JSON || f == WM_FORMAT_TEI ||
	       f == WM_FORMAT_MARKDOWN;
}

int wm_format_can_write(wm_format f)
{
	return f == WM_FORMAT_MARKDOWN || f == WM_FORMAT_HTML ||
	       f == WM_FORMAT_TEI || f == WM_FORMAT_JSON;
}

/* The built-in top template of each writer: [format][standalone]. */
static const char *const top_names[WM_FORMAT_MAX][2] = {
	[WM_FORMAT_MARKDOWN] = {"markdown-fragment", "markdown"},
	[WM_FORMAT_HTML] = {"html-fragment", "html"},
	[WM_FORMAT_TEI] = {"tei", "tei"},
	[WM_FORMAT_JSON] = {"json", "json"},
};

const char *wm_builtin_template(wm_format format, int standalone)
{
	if (!wm_format_can_write(format))
		return NULL;
	const wm_builtin *b = wm_builtin_find(top_names[format][standalone ? 1 : 0],
	                                      (size_t)-1);
	return b ? b->text : NULL;
}

static wm_escape_fn escaper_of(wm_format f)
{
	switch (f) {
	case WM_FORMAT_HTML:
		return wm_escape_html;
	case WM_FORMAT_TEI:
		return wm_escape_xml;
	case WM_FORMAT_MARKDOWN:
		return wm_escape_markdown;
	case WM_FORMAT_JSON:
		return wm_escape_json;
	default:
		return NULL;
	}
}

/* ---- partials ------------------------------------------------------------ */

typedef struct loaded {
	char *name;
	char *text;
	size_t len;
} loaded;

typedef struct partials {
	const char *dir; /* the user's template folder, or NULL */
	loaded *v;
	size_t n;
} partials;

static int good_partial_name(const char *name, size_t n)
{
	if (n == 0 || n > 200 || name[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] == '/' || name[i] == '\\' || name[i] == '\0')
			return 0;
	return 1;
}

static char *read_small_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	wm_buf b = WM_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		wm_buf_put(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		wm_buf_free(&b);
		return NULL;
	}
	return wm_buf_detach(&b, len);
}

static const char *find_partial(const char *name, size_t namelen, size_t *len,
                                void *ctxp)
{
	partials *ps = ctxp;
	for (size_t i = 0; i < ps->n; i++)
		if (strlen(ps->v[i].name) == namelen &&
		    memcmp(ps->v[i].name, name, namelen) == 0) {
			*len = ps->v[i].len;
			return ps->v[i].text;
		}
	if (ps->dir && good_partial_name(name, namelen)) {
		wm_buf path = WM_BUF_INIT;
		wm_buf_printf(&path, "%s/%.*s.mustache", ps->dir, (int)namelen, name);
		size_t n;
		char *text = read_small_file(wm_buf_cstr(&path), &n);
		wm_buf_free(&path);
		if (text) {
			ps->v = wm_xrealloc(ps->v, (ps->n + 1) * sizeof(*ps->v));
			ps->v[ps->n].name = wm_xstrndup(name, namelen);
			ps->v[ps->n].text = text;
			ps->v[ps->n].len = n;
			ps->n++;
			*len = n;
			return text;
		}
	}
	/* "wiremark/NAME" always names a built-in template, so that a user's
	 * html.mustache can extend the built-in html with {{<wiremark/html}} */
	static const char prefix[] = "wiremark/";
	if (namelen > sizeof prefix - 1 &&
	    memcmp(name, prefix, sizeof prefix - 1) == 0) {
		name += sizeof prefix - 1;
		namelen -= sizeof prefix - 1;
	}
	const wm_builtin *b = wm_builtin_find(name, namelen);
	if (!b)
		return NULL;
	*len = b->len;
	return b->text;
}

static void partials_free(partials *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].name);
		free(ps->v[i].text);
	}
	free(ps->v);
}

/* ---- writing ------------------------------------------------------------- */

int wm_context_set_template(wm_context *ctx, wm_format format, const char *src,
                            size_t len, const char *name, const char *dir)
{
	if (!wm_format_can_write(format) || !src)
		return WM_ERR_USAGE;
	wm_mustache_error err;
	if (wm_mustache_check(src, len, name, &err) != 0) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
		          err.name[0] ? err.name : name, err.line, err.col, "%s",
		          err.message);
		return WM_ERR_TEMPLATE;
	}
	wm_template_override *t = &ctx->templates[format];
	free(t->src);
	free(t->name);
	free(t->dir);
	t->src = wm_xstrndup(src, len);
	t->len = len;
	t->name = name ? wm_xstrdup(name) : NULL;
	t->dir = dir ? wm_xstrdup(dir) : NULL;
	return WM_OK;
}

int wm_write(wm_context *ctx, const wm_feed *feed, wm_format format,
             unsigned options, char **out, size_t *len)
{
	*out = NULL;
	if (len)
		*len = 0;
	if (!wm_format_can_write(format) || !feed) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_BAD_OPTION, NULL, 0, 0,
		          "cannot write format %s",
		          wm_format_name(format) ? wm_format_name(format) : "(unknown)");
		return WM_ERR_USAGE;
	}
	const wm_template_override *t = &ctx->templates[format];
	const char *src, *name;
	size_t srclen;
	if (t->src) {
		src = t->src;
		srclen = t->len;
		name = t->name ? t->name : "template";
	} else {
		name = top_names[format][(options & WM_WRITE_STANDALONE) ? 1 : 0];
		const wm_builtin *b = wm_builtin_find(name, (size_t)-1);
		src = b->text;
		srclen = b->len;
	}
	partials ps = {t->dir, NULL, 0};
	wm_mustache_env env;
	memset(&env, 0, sizeof env);
	env.escape = escaper_of(format);
	wm_markdown_options md = {ctx->columns};
	if (format == WM_FORMAT_MARKDOWN)
		env.escape_ctx = &md;
	env.partial = find_partial;
	env.partial_ctx = &ps;
	env.strict_partials = 1;
	wm_data_check_meta(ctx, format);
	wm_value *data = wm_feed_data(ctx, feed);
	wm_buf buf = WM_BUF_INIT;
	wm_mustache_error err;
	int rc = wm_mustache_render(src, srclen, name, data, &env, &buf, &err);
	wm_value_free(data);
	partials_free(&ps);
	if (rc != 0) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
		          err.name[0] ? err.name : name, err.line, err.col, "%s",
		          err.message);
		wm_buf_free(&buf);
		return WM_ERR_TEMPLATE;
	}
	*out = wm_buf_detach(&buf, len);
	return WM_OK;
}

int wm_convert(wm_context *ctx, const char *bytes, size_t len,
               const char *source, wm_format format, unsigned options,
               char **out, size_t *outlen)
{
	*out = NULL;
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, source, 0);
	if (!feed)
		return WM_ERR_INPUT;
	int rc = wm_write(ctx, feed, format, options, out, outlen);
	wm_feed_free(feed);
	return rc;
}
