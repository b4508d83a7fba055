/* The writers' common part: the tree becomes data, the data fills a
 * template (the user's or the built-in one, with its partials). */
#include "write.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "data.h"
#include "escape.h"
#include "templates.h"
#include "view.h"

/* ---- the writers ------------------------------------------------------- */

static const wm_data_hooks *const html_hooks[] = {&wm_html_data, NULL};
static const wm_data_hooks *const markdown_hooks[] = {&wm_markdown_data, NULL};
static const wm_data_hooks *const iptc_hooks[] = {&wm_iptc_data, NULL};
/* a template of one's own may use any format's values */
static const wm_data_hooks *const all_hooks[] = {
	&wm_html_data, &wm_markdown_data, &wm_iptc_data, NULL};

/* What each format registers: its built-in top templates ([standalone]),
 * its escaper, and its own data (hooks: a NULL-terminated list) for each
 * of them: a fragment has no use for a page's front matter. */
static const struct writer {
	const char *top[2];
	wm_escape_fn escape;
	const wm_data_hooks *const *hooks[2];
} writers[WM_FORMAT_MAX] = {
	[WM_FORMAT_MARKDOWN] = {{"markdown-fragment", "markdown"},
	                        wm_escape_markdown, {NULL, markdown_hooks}},
	[WM_FORMAT_HTML] = {{"html-fragment", "html"}, wm_escape_html,
	                    {html_hooks, html_hooks}},
	[WM_FORMAT_TEI] = {{"tei", "tei"}, wm_escape_xml, {NULL, NULL}},
	[WM_FORMAT_JSON] = {{"json", "json"}, wm_escape_json, {NULL, NULL}},
	[WM_FORMAT_NITF] = {{"nitf", "nitf"}, wm_escape_xml,
	                    {iptc_hooks, iptc_hooks}},
	[WM_FORMAT_NEWSML] = {{"newsml", "newsml"}, wm_escape_xml,
	                      {iptc_hooks, iptc_hooks}},
};

/* ---- partials ------------------------------------------------------------ */

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
	wm_partials *ps = ctxp;
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
			WM_GROW(ps->v, ps->n, ps->cap, 4);
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

static void partials_free(wm_partials *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].name);
		free(ps->v[i].text);
	}
	free(ps->v);
}

/* ---- the built-in templates, compiled once per process ---------------- */

static wm_mustache *builtin[WM_FORMAT_MAX][2];
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;
static wm_partials no_partials;

static void compile_env(wm_mustache_env *env, wm_partials *ps, size_t depth)
{
	env->partial = find_partial;
	env->partial_ctx = ps;
	env->key_id = wm_view_key_id;
	env->strict_partials = 1;
	env->max_depth = (unsigned)depth;
}

/* The built-in template of format, compiled the first time it is asked for
 * (only the one a conversion writes: start-up compiles nothing) and kept
 * for the life of the process. */
static const wm_mustache *builtin_program(wm_format format, int standalone)
{
	pthread_mutex_lock(&builtin_lock);
	wm_mustache *m = builtin[format][standalone];
	if (!m) {
		wm_mustache_env env;
		memset(&env, 0, sizeof env);
		compile_env(&env, &no_partials, WM_DEFAULT_TEMPLATE_DEPTH);
		const char *name = writers[format].top[standalone];
		const wm_builtin *b = wm_builtin_find(name, (size_t)-1);
		m = wm_mustache_compile(b->text, b->len, name, &env, NULL);
		builtin[format][standalone] = m;
	}
	pthread_mutex_unlock(&builtin_lock);
	return m;
}

/* ---- templates of one's own, compiled once per context ----------------- */

typedef struct own_template {
	wm_mustache *m;
	wm_partials ps;    /* the partials it names, read from its folder */
	const char *src;   /* the context's template it was compiled from */
	size_t depth;      /* with this depth limit */
} own_template;

static void own_free(void *p)
{
	own_template *o = p;
	wm_mustache_free(o->m);
	partials_free(&o->ps);
	free(o);
}

/* w's template compiled, kept in the context for its later calls; NULL
 * (w->compile_err filled) on a syntax error. */
static const wm_mustache *own_compiled(wm_writer *w, const wm_context *ctx,
                                       size_t depth)
{
	wm_compiled_cache *c = ctx->compiled;
	pthread_mutex_lock(&c->lock);
	own_template *o = c->entry[w->format];
	if (!o || o->src != w->src || o->depth != depth) {
		if (o)
			own_free(o);
		c->entry[w->format] = NULL;
		o = wm_xcalloc(1, sizeof *o);
		o->ps.dir = w->ps.dir;
		o->src = w->src;
		o->depth = depth;
		wm_mustache_env env = w->env;
		env.partial_ctx = &o->ps;
		o->m = wm_mustache_compile(w->src, w->len, w->name, &env,
		                           &w->compile_err);
		if (o->m) {
			c->entry[w->format] = o;
			c->free_entry = own_free;
		} else {
			own_free(o);
			o = NULL;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return o ? o->m : NULL;
}

/* ---- writing ------------------------------------------------------------- */

void wm_writer_open(wm_writer *w, const wm_context *ctx, wm_format format,
                    unsigned options)
{
	memset(w, 0, sizeof *w);
	w->format = format;
	const wm_template_override *t = &ctx->templates[format];
	int standalone = (options & WM_WRITE_STANDALONE) ? 1 : 0;
	if (t->src) {
		w->src = t->src;
		w->len = t->len;
		w->name = t->name ? t->name : "template";
		w->own = 1;
	} else {
		w->name = writers[format].top[standalone];
		const wm_builtin *b = wm_builtin_find(w->name, (size_t)-1);
		w->src = b->text;
		w->len = b->len;
	}
	w->ps.dir = t->dir;
	w->hooks = w->own ? all_hooks : writers[format].hooks[standalone];
	w->env.escape = writers[format].escape;
	w->md.columns = ctx->columns;
	if (format == WM_FORMAT_MARKDOWN)
		w->env.escape_ctx = &w->md;
	size_t depth = ctx->limits[WM_LIMIT_TEMPLATE_DEPTH];
	compile_env(&w->env, &w->ps, depth);
	if (!w->own && depth == WM_DEFAULT_TEMPLATE_DEPTH) {
		w->prog = builtin_program(format, standalone);
		return;
	}
	if (w->own) {
		w->prog = own_compiled(w, ctx, depth);
		return;
	}
	/* a built-in template under a depth limit of one's own: compiled for
	 * this writer, which lives as long as the conversion */
	w->compiled = wm_mustache_compile(w->src, w->len, w->name, &w->env,
	                                  &w->compile_err);
	w->prog = w->compiled;
}

void wm_writer_close(wm_writer *w)
{
	wm_mustache_free(w->compiled);
	partials_free(&w->ps);
}

int wm_writer_wants_json(const wm_writer *w)
{
	return w->own || w->format == WM_FORMAT_JSON;
}

int wm_writer_run(wm_writer *w, wm_view *view, wm_buf *out,
                  wm_mustache_error *err)
{
	if (!w->prog) {
		if (err)
			*err = w->compile_err;
		return -1;
	}
	wm_ref root;
	wm_view_root(view, &root);
	return wm_mustache_run(w->prog, &root, &w->env, out, err);
}

int wm_writer_failed(wm_context *ctx, const wm_writer *w,
                     const wm_mustache_error *err)
{
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
	          err->name[0] ? err->name : w->name, err->line, err->col, "%s",
	          err->message);
	return WM_ERR_TEMPLATE;
}

int wm_writer_write(wm_context *ctx, const wm_feed *feed, wm_format format,
                    unsigned options, char **out, size_t *len)
{
	wm_writer w;
	wm_view view;
	wm_writer_open(&w, ctx, format, options);
	wm_writer_check_meta(ctx, &w);
	wm_writer_view(&view, ctx, &w, feed->articles[0], feed->count > 1,
	               feed);
	wm_buf buf = WM_BUF_INIT;
	wm_mustache_error err;
	int rc = wm_writer_run(&w, &view, &buf, &err);
	wm_view_close(&view);
	if (rc != 0) {
		wm_buf_free(&buf);
		rc = wm_writer_failed(ctx, &w, &err);
		wm_writer_close(&w);
		return rc;
	}
	wm_writer_close(&w);
	*out = wm_buf_detach(&buf, len);
	return WM_OK;
}

void wm_writer_check_meta(wm_context *ctx, const wm_writer *w)
{
	const wm_data_hooks *const *own = writers[w->format].hooks[1];
	wm_data_check_meta(ctx, own ? own[0] : NULL);
}

void wm_writer_view(wm_view *view, const wm_context *ctx, const wm_writer *w,
                    const wm_article *lead, int is_feed, const wm_feed *feed)
{
	wm_view_open(view, ctx, w->hooks, wm_writer_wants_json(w), lead, is_feed,
	             feed);
}

const char *wm_writer_builtin(wm_format format, int standalone)
{
	if ((unsigned)format >= WM_FORMAT_MAX || !writers[format].top[0])
		return NULL;
	const wm_builtin *b = wm_builtin_find(writers[format].top[standalone ? 1 : 0],
	                                      (size_t)-1);
	return b ? b->text : NULL;
}
