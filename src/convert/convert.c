/* Conversion: read, then write; whole, or streamed an article at a time. */
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../read/split.h"
#include "../write/write.h"
#include "pull.h"

static int bad_format(wm_context *ctx, wm_format format)
{
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_BAD_OPTION, NULL, 0, 0,
	          "cannot write format %s",
	          wm_format_name(format) ? wm_format_name(format) : "(unknown)");
	return WM_ERR_USAGE;
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
	return wm_writer_write(ctx, feed, format, options, out, len);
}

/* ---- streaming ----------------------------------------------------------- */

typedef struct stream {
	wm_context *ctx;
	wm_splitter *sp;
	wm_puller pull;
	wm_sink_fn sink;
	void *sink_data;
	char *chunk;
	int eof;
	int pull_failed;
	int sink_failed;
	/* the writer's side */
	wm_article *cur, *ahead; /* the next article to write, the one after */
	wm_article *shown;       /* the one the template reads now */
	wm_article *lead;        /* the first: the top level reads it too, so
	                            it is kept to the end */
	wm_art art;              /* its view, reused from article to article */
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
		const char *source;
		long n = wm_puller_next(&st->pull, st->chunk, STREAM_CHUNK, &source);
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

/* The engine's stream: the view of the next article (the one before is
 * done with, and its memory handed back to the splitter for the next). */
static int stream_next(void *p, int *failed, wm_ref *item)
{
	stream *st = p;
	if (st->shown != st->lead)
		wm_splitter_recycle(st->sp, st->shown);
	st->shown = NULL;
	if (!st->cur) {
		/* a second pass through the articles: built-in templates make
		 * none, and others are not streamed (wm_convert_stream) */
		*failed = st->done;
		st->done = 1;
		return 0;
	}
	st->shown = st->cur;
	wm_art_reset(&st->art, st->shown, st->index, !st->is_feed, st->want_json);
	wm_art_ref(&st->art, item);
	st->index++;
	st->cur = st->ahead;
	st->ahead = st->cur ? next_article(st) : NULL;
	return 1;
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
	st.sp = wm_splitter_new(ctx, from, read_options, wm_read);
	wm_puller_init(&st.pull, pull, pull_data);
	st.sink = sink;
	st.sink_data = sink_data;
	st.chunk = wm_xmalloc(STREAM_CHUNK);
	wm_writer w;
	wm_writer_open(&w, ctx, to, write_options);
	int rc = WM_OK, have_view = 0;
	wm_view view;
	wm_feed *feed = NULL;
	wm_buf buf = WM_BUF_INIT;
	wm_mustache_error err;
	w.env.flush = stream_flush;
	w.env.stream_ctx = &st;
	if (w.own) {
		feed = read_all_articles(&st);
		if (feed->count == 0) {
			rc = WM_ERR_INPUT;
		} else {
			wm_writer_check_meta(ctx, &w);
			wm_writer_view(&view, ctx, &w, feed->articles[0],
			               feed->count > 1, feed);
			have_view = 1;
		}
	} else {
		st.cur = next_article(&st);
		st.ahead = st.cur ? next_article(&st) : NULL;
		if (!st.cur) {
			rc = WM_ERR_INPUT;
		} else {
			wm_writer_check_meta(ctx, &w);
			st.is_feed = st.ahead != NULL;
			st.lead = st.cur;
			st.want_json = wm_writer_wants_json(&w);
			wm_writer_view(&view, ctx, &w, st.cur, st.is_feed, NULL);
			wm_art_init(&st.art, &view);
			have_view = 1;
			w.env.stream_next = stream_next;
		}
	}
	if (have_view && wm_writer_run(&w, &view, &buf, &err) != 0) {
		if (st.sink_failed)
			rc = WM_ERR_OUTPUT;
		else if (st.pull_failed)
			rc = WM_ERR_INPUT;
		else
			rc = wm_writer_failed(ctx, &w, &err);
	}
	if (rc == WM_OK && st.pull_failed)
		rc = WM_ERR_INPUT;
	wm_buf_free(&buf);
	if (have_view) {
		wm_art_free(&st.art);
		wm_view_close(&view);
	}
	wm_feed_free(feed);
	if (st.shown != st.lead)
		wm_article_free(st.shown);
	if (st.cur != st.lead)
		wm_article_free(st.cur);
	wm_article_free(st.lead);
	wm_article_free(st.ahead);
	wm_writer_close(&w);
	wm_splitter_free(st.sp);
	wm_puller_free(&st.pull);
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
