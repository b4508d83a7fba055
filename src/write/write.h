/* The writers: a feed (or the articles of a stream, one at a time) made
 * the template's data and rendered through the template of a format. */
#ifndef WM_WRITE_WRITE_H
#define WM_WRITE_WRITE_H

#include "../context/context.h"
#include "../template/mustache.h"
#include "../tree/tree.h"
#include "escape.h"
#include "view.h"

/* Partials of a user's template, loaded from its folder as they are used. */
typedef struct wm_partials {
	const char *dir; /* the user's template folder, or NULL */
	struct wm_loaded {
		char *name;
		char *text;
		size_t len;
	} *v;
	size_t n, cap;
} wm_partials;

/* A format's writer, ready to render: its template (the user's, or the
 * built-in one), compiled, and the template engine's settings. */
typedef struct wm_writer {
	wm_format format;
	const char *src;
	size_t len;
	const char *name;
	int own; /* the user's template */
	const struct wm_data_hooks *const *hooks; /* the data it gives */
	wm_partials ps;
	wm_markdown_options md;
	wm_mustache_env env;
	const wm_mustache *prog;  /* what renders: a built-in template compiled
	                             once per process, or compiled */
	wm_mustache *compiled;    /* for this writer (a template of one's own) */
	wm_mustache_error compile_err; /* why compiled is NULL */
} wm_writer;

/* Prepares w for format (one the library writes); close it after. */
void wm_writer_open(wm_writer *w, const wm_context *ctx, wm_format format,
                    unsigned options);
void wm_writer_close(wm_writer *w);

/* Whether the articles' data has their "json" value: the JSON writer and
 * templates of one's own use it. */
int wm_writer_wants_json(const wm_writer *w);

/* The view (view.h) w's template reads, for the output whose first
 * article is lead; feed: all of them, or NULL when they stream. */
void wm_writer_view(wm_view *view, const wm_context *ctx, const wm_writer *w,
                    const wm_article *lead, int is_feed, const wm_feed *feed);

/* Renders view into out; nonzero on failure, *err then says why. */
int wm_writer_run(wm_writer *w, wm_view *view, wm_buf *out,
                  wm_mustache_error *err);

/* Reports a template's failure; returns WM_ERR_TEMPLATE. */
int wm_writer_failed(wm_context *ctx, const wm_writer *w,
                     const wm_mustache_error *err);

/* Writes feed (one article or more) in format: wm_write past its checks. */
int wm_writer_write(wm_context *ctx, const wm_feed *feed, wm_format format,
                    unsigned options, char **out, size_t *len);

/* Warns about -M values the format's data leaves out. */
void wm_writer_check_meta(wm_context *ctx, const wm_writer *w);

/* The built-in template of format (NULL when it has none). */
const char *wm_writer_builtin(wm_format format, int standalone);

#endif
