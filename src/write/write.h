/* The writers: a feed (or the articles of a stream, one at a time) made
 * the template's data and rendered through the template of a format. */
#ifndef WM_WRITE_WRITE_H
#define WM_WRITE_WRITE_H

#include "../context/context.h"
#include "../template/mustache.h"
#include "../tree/tree.h"
#include "escape.h"

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
 * built-in one) and the template engine's settings. */
typedef struct wm_writer {
	wm_format format;
	const char *src;
	size_t len;
	const char *name;
	int own; /* the user's template */
	const struct wm_data_hooks *const *hooks; /* the data it builds */
	wm_partials ps;
	wm_markdown_options md;
	wm_mustache_env env;
} wm_writer;

/* Prepares w for format (one the library writes); close it after. */
void wm_writer_open(wm_writer *w, const wm_context *ctx, wm_format format,
                    unsigned options);
void wm_writer_close(wm_writer *w);

/* Whether the articles' data need their "json" value: only the JSON
 * writer and templates of one's own use it, and it costs a serialisation. */
int wm_writer_wants_json(const wm_writer *w);

/* Renders data into out (wm_mustache_render); nonzero on failure, *err
 * then says why. */
int wm_writer_render(wm_writer *w, const wm_value *data, wm_buf *out,
                     wm_mustache_error *err);

/* Reports a template's failure; returns WM_ERR_TEMPLATE. */
int wm_writer_failed(wm_context *ctx, const wm_writer *w,
                     const wm_mustache_error *err);

/* Writes feed (one article or more) in format: wm_write past its checks. */
int wm_writer_write(wm_context *ctx, const wm_feed *feed, wm_format format,
                    unsigned options, char **out, size_t *len);

/* Warns about -M values the format's data leaves out. */
void wm_writer_check_meta(wm_context *ctx, const wm_writer *w);

/* The template's data: a whole feed (with every article's "json"); or
 * for streaming, the top level from the first article, then each
 * article's (index-th, 0-based; single: the only one). */
wm_value *wm_writer_feed_data(const wm_context *ctx, const wm_writer *w,
                              const wm_feed *feed);
wm_value *wm_writer_top(const wm_context *ctx, const wm_writer *w,
                        const wm_article *lead, int is_feed);
wm_value *wm_writer_article(const wm_context *ctx, const wm_writer *w,
                            const wm_value *top, const wm_article *a,
                            size_t index, int single);

/* The built-in top template of format (standalone or not), or NULL when
 * the library does not write it. */
const char *wm_writer_builtin(wm_format format, int standalone);

#endif
