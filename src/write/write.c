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
#include "../read/split.h"

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
	const char *nul = memchr(src, '\0', len);
	if (nul) {
		/* binary, not a template: a NUL would reach the output */
		unsigned line = 1, col = 1;
		for (const char *p = src; p < nul; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		}
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
		          name ? name : "template", line, col,
		          "a NUL byte in the template (is it a text file?)");
		return WM_ERR_TEMPLATE;
	}
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

/* The template a writer fills: the user's, or the built-in one. */
typedef struct chosen {
	const char *src;
	size_t len;
	const char *name;
	int own; /* the user's */
	partials ps;
} chosen;

static void choose(const wm_context *ctx, wm_format format, unsigned options,
                   chosen *c)
{
	const wm_template_override *t = &ctx->templates[format];
	if (t->src) {
		c->src = t->src;
		c->len = t->len;
		c->name = t->name ? t->name : "template";
		c->own = 1;
	} else {
		c->name = top_names[format][(options & WM_WRITE_STANDALONE) ? 1 : 0];
		const wm_builtin *b = wm_builtin_find(c->name, (size_t)-1);
		c->src = b->text;
		c->len = b->len;
		c->own = 0;
	}
	c->ps = (partials){t->dir, NULL, 0};
}

static void env_for(const wm_context *ctx, wm_format format, chosen *c,
                    wm_markdown_options *md, wm_mustache_env *env)
{
	memset(env, 0, sizeof *env);
	env->escape = escaper_of(format);
	md->columns = ctx->columns;
	if (format == WM_FORMAT_MARKDOWN)
		env->escape_ctx = md;
	env->partial = find_partial;
	env->partial_ctx = &c->ps;
	env->strict_partials = 1;
	env->max_depth = (unsigned)ctx->limits[WM_LIMIT_TEMPLATE_DEPTH];
}

/* Whether articles need their "json" value: only the JSON writer and
 * templates of one's own use it, and it costs a serialisation. */
static int wants_json(wm_format format, const chosen *c)
{
	return c->own || format == WM_FORMAT_JSON;
}

static int bad_format(wm_context *ctx, wm_format format)
{
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_BAD_OPTION, NULL, 0, 0,
	          "cannot write format %s",
	          wm_format_name(format) ? wm_format_name(format) : "(unknown)");
	return WM_ERR_USAGE;
}

static int template_failed(wm_context *ctx, const chosen *c,
                           const wm_mustache_error *err)
{
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
	          err->name[0] ? err->name : c->name, err->line, err->col, "%s",
	          err->message);
	return WM_ERR_TEMPLATE;
}

int wm_write(wm_context *ctx, const wm_feed *feed, wm_format format,
             unsigned options, char **out, size_t *len)
{
	*out = NULL;
	if (len)
		*len = 0;
	if (!wm_format_can_write(format) || !feed)
		return bad_format(ctx, format);
	if (feed->count == 0) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_BAD_OPTION, NULL, 0, 0,
		          "no article to write");
		return WM_ERR_USAGE;
	}
	chosen c;
	choose(ctx, format, options, &c);
	wm_mustache_env env;
	wm_markdown_options md;
	env_for(ctx, format, &c, &md, &env);
	wm_data_check_meta(ctx, format);
	wm_value *data = wm_feed_data(ctx, feed, wants_json(format, &c));
	wm_buf buf = WM_BUF_INIT;
	wm_mustache_error err;
	int rc = wm_mustache_render(c.src, c.len, c.name, data, &env, &buf, &err);
	wm_value_free(data);
	partials_free(&c.ps);
	if (rc != 0) {
		wm_buf_free(&buf);
		return template_failed(ctx, &c, &err);
	}
	*out = wm_buf_detach(&buf, len);
	return WM_OK;
}

/* ---- streaming ----------------------------------------------------------- */

typedef struct stream {
	wm_context *ctx;
	wm_splitter *sp;
	wm_pull_fn pull;
	void *pull_data;
	wm_sink_fn sink;
	void *sink_data;
	char *chunk;
	int eof;
	int pull_failed;
	int sink_failed;
	/* the writer's side */
	const wm_value *top;
	wm_article *cur, *ahead; /* the next article to write, the one after */
	size_t index;
	int is_feed, want_json, done;
} stream;

#define STREAM_CHUNK ((size_t)1 << 16)

/* The next article of the input, or NULL at its end (or when pull fails). */
static wm_article *next_article(stream *st)
{
	for (;;) {
		wm_article *a = wm_splitter_next(st->sp);
		if (a || st->eof)
			return a;
		const char *source = NULL;
		long n = st->pull(st->chunk, STREAM_CHUNK, &source, st->pull_data);
		if (n < 0) {
			st->pull_failed = 1;
			n = 0;
		}
		if (n == 0) {
			/* the end of one source, or of all */
			wm_splitter_end_source(st->sp, source);
			st->eof = !source;
			continue;
		}
		wm_splitter_push(st->sp, st->chunk,
		                 (size_t)n > STREAM_CHUNK ? STREAM_CHUNK : (size_t)n,
		                 source);
	}
}

/* The engine's stream: the data of the next article. */
static wm_value *stream_next(void *p, int *failed)
{
	stream *st = p;
	if (!st->cur) {
		/* a second pass through the articles: built-in templates make
		 * none, and others are not streamed (wm_convert_stream) */
		*failed = st->done;
		st->done = 1;
		return NULL;
	}
	wm_value *v = wm_data_article(st->ctx, st->top, st->cur, st->index,
	                              !st->is_feed, st->want_json);
	wm_article_free(st->cur);
	st->index++;
	st->cur = st->ahead;
	st->ahead = st->cur ? next_article(st) : NULL;
	return v;
}

static int stream_flush(const char *bytes, size_t len, void *p)
{
	stream *st = p;
	if (st->sink(bytes, len, st->sink_data) != 0)
		st->sink_failed = 1;
	return st->sink_failed ? -1 : 0;
}

/* The whole input as one feed (the path for templates of one's own). */
static wm_feed *read_all_articles(stream *st)
{
	wm_feed *feed = wm_feed_new();
	wm_article *a;
	while ((a = next_article(st)))
		wm_feed_push(feed, a);
	return feed;
}

int wm_convert_stream(wm_context *ctx, wm_format from, unsigned read_options,
                      wm_pull_fn pull, void *pull_data, wm_format to,
                      unsigned write_options, wm_sink_fn sink,
                      void *sink_data)
{
	if (!ctx || !pull || !sink || !wm_format_can_read(from))
		return WM_ERR_USAGE;
	if (!wm_format_can_write(to))
		return bad_format(ctx, to);
	stream st;
	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	st.sp = wm_splitter_new(ctx, from, read_options);
	st.pull = pull;
	st.pull_data = pull_data;
	st.sink = sink;
	st.sink_data = sink_data;
	st.chunk = wm_xmalloc(STREAM_CHUNK);
	chosen c;
	choose(ctx, to, write_options, &c);
	wm_mustache_env env;
	wm_markdown_options md;
	env_for(ctx, to, &c, &md, &env);
	int rc = WM_OK;
	wm_value *data = NULL;
	wm_buf buf = WM_BUF_INIT;
	wm_mustache_error err;
	if (c.own) {
		wm_feed *feed = read_all_articles(&st);
		if (feed->count == 0) {
			rc = WM_ERR_INPUT;
		} else {
			wm_data_check_meta(ctx, to);
			data = wm_feed_data(ctx, feed, 1);
			env.flush = stream_flush;
			env.stream_ctx = &st;
		}
		wm_feed_free(feed);
	} else {
		st.cur = next_article(&st);
		st.ahead = st.cur ? next_article(&st) : NULL;
		if (!st.cur) {
			rc = WM_ERR_INPUT;
		} else {
			wm_data_check_meta(ctx, to);
			st.is_feed = st.ahead != NULL;
			st.want_json = wants_json(to, &c);
			data = wm_data_top(ctx, st.cur, st.is_feed);
			wm_value *placeholder = wm_value_list();
			wm_value_map_set(data, "articles", placeholder);
			st.top = data;
			env.stream = placeholder;
			env.stream_next = stream_next;
			env.flush = stream_flush;
			env.stream_ctx = &st;
		}
	}
	if (data && wm_mustache_render(c.src, c.len, c.name, data, &env, &buf,
	                               &err) != 0) {
		if (st.sink_failed)
			rc = WM_ERR_OUTPUT;
		else if (st.pull_failed)
			rc = WM_ERR_INPUT;
		else
			rc = template_failed(ctx, &c, &err);
	}
	if (rc == WM_OK && st.pull_failed)
		rc = WM_ERR_INPUT;
	wm_buf_free(&buf);
	wm_value_free(data);
	wm_article_free(st.cur);
	wm_article_free(st.ahead);
	partials_free(&c.ps);
	wm_splitter_free(st.sp);
	free(st.chunk);
	return rc;
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
