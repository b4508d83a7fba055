/* The splitter: a feed read in parts as its bytes arrive (see split.h). */
#include "split.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "frame.h"
#include "transmission.h"
#include "wire.h"

struct wm_splitter {
	wm_call call;       /* its own context: it sets line_base per part */
	wm_context *ctx;    /* &call.ctx */
	wm_format from;
	unsigned options;
	char *source;       /* the current source's name; NULL before any */
	wm_read_fn read;    /* the reader of formats read whole */
	wm_buf pend;        /* bytes of the source not read yet, from base */
	wm_buf scratch;     /* a line's decoded text, when it differs */
	size_t base;        /* where the current part starts in pend */
	size_t scan;        /* pend is scanned for cuts up to here */
	size_t line_start;  /* start of the line being scanned */
	wm_frame_marks marks; /* the end-mark rule (frame.h); marks.at: just
	                         after an end mark, in pend */
	size_t etx_cut;     /* 0, or just after an ETX: cut there unless a time
	                       stamp follows it (the first non-blank line
	                       decides: judge_line) */
	int framed;         /* in a transmission (after SOH or STX, or from a
	                       line wm_tx_line_may_blank on): its lines may be
	                       read as headers, so no cut by end marks until
	                       the next framing byte */
	unsigned first_line;  /* line of pend[base] in the source */
	int at_start;       /* pend[base] is the source's first byte */
	int skip;           /* the source was refused: drop the rest of it */
	size_t source_bytes;
	size_t source_articles;
	wm_article **q;     /* articles read, not taken yet: q[head, n) */
	size_t head, n, cap;
	size_t count;       /* articles read in all */
	wm_arena_pool pool; /* chunks handed back by wm_splitter_recycle, for
	                       the next articles' arenas */
};

wm_splitter *wm_splitter_new(wm_context *ctx, wm_format from, unsigned options,
                             wm_read_fn read)
{
	wm_splitter *sp = wm_xmalloc(sizeof *sp);
	memset(sp, 0, sizeof *sp);
	wm_call_begin(&sp->call, ctx, 0);
	sp->ctx = &sp->call.ctx;
	sp->from = from;
	sp->options = options;
	sp->read = read;
	sp->pend = (wm_buf)WM_BUF_INIT;
	sp->scratch = (wm_buf)WM_BUF_INIT;
	sp->first_line = 1;
	sp->at_start = 1;
	sp->pool = (wm_arena_pool)WM_ARENA_POOL_INIT;
	return sp;
}

void wm_splitter_free(wm_splitter *sp)
{
	if (!sp)
		return;
	for (size_t i = sp->head; i < sp->n; i++)
		wm_article_free(sp->q[i]);
	free(sp->q);
	free(sp->source);
	wm_buf_free(&sp->pend);
	wm_buf_free(&sp->scratch);
	wm_arena_pool_free(&sp->pool);
	wm_call_end(&sp->call);
	free(sp);
}

/* Whether the source gave more articles than the limit allows (the limit
 * is per input, as for wm_read). */
static int limit_passed(wm_splitter *sp)
{
	size_t max = sp->ctx->limits[WM_LIMIT_ARTICLES];
	return max && sp->source_articles > max;
}

/* Queues the articles of feed (and frees it), up to the articles limit. */
static void take(wm_splitter *sp, wm_feed *feed)
{
	for (size_t i = 0; i < feed->count; i++) {
		wm_article *a = feed->articles[i];
		feed->articles[i] = NULL;
		sp->source_articles++;
		if (limit_passed(sp)) {
			if (sp->source_articles == sp->ctx->limits[WM_LIMIT_ARTICLES] + 1)
				wm_report(sp->ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT,
				          a->source ? a->source : "-", a->line, 1,
				          "more than %zu articles (the articles limit): "
				          "the rest is not read",
				          sp->ctx->limits[WM_LIMIT_ARTICLES]);
			wm_article_free(a);
			sp->skip = 1;
			continue;
		}
		if (sp->n == sp->cap) {
			if (sp->head > 0) {
				memmove(sp->q, sp->q + sp->head,
				        (sp->n - sp->head) * sizeof *sp->q);
				sp->n -= sp->head;
				sp->head = 0;
			}
			WM_GROW(sp->q, sp->n, sp->cap, 16);
		}
		sp->q[sp->n++] = a;
		sp->count++;
	}
	feed->count = 0;
	wm_feed_free(feed);
}

/* Reads pend[base, end) as a part of the wire text and starts the next
 * part at end. */
static void cut(wm_splitter *sp, size_t end)
{
	size_t from = sp->base, len = end - sp->base;
	int at_start = sp->at_start;
	sp->base = end;
	sp->at_start = 0;
	wm_frame_marks_cut(&sp->marks);
	sp->etx_cut = 0;
	sp->framed = 0;
	if (sp->skip || len == 0)
		return; /* (pend may hold nothing then, not even a buffer) */
	const char *bytes = sp->pend.ptr + from;
	sp->ctx->line_base = sp->first_line - 1;
	size_t tn = 0;
	/* a BOM, or UTF-16, only at the start of the source */
	unsigned options = sp->options | (at_start ? 0 : WM_DECODE_INSIDE);
	char *text = wm_decode(sp->ctx, bytes, len, sp->source, options, &tn);
	sp->ctx->line_base = 0;
	if (!text) {
		/* refused (UTF-16, or invalid UTF-8 when it must be valid) */
		sp->skip = 1;
		return;
	}
	unsigned lfs = 0;
	wm_feed *feed = wm_read_wire_part(sp->ctx, text, tn, sp->source,
	                                  sp->first_line, &sp->pool, &lfs);
	sp->first_line += lfs;
	free(text);
	take(sp, feed);
}

/* Drops the bytes of parts already read from pend. */
static void compact(wm_splitter *sp)
{
	size_t b = sp->base;
	if (b == 0)
		return;
	memmove(sp->pend.ptr, sp->pend.ptr + b, sp->pend.len - b);
	wm_buf_truncate(&sp->pend, sp->pend.len - b);
	sp->base = 0;
	sp->scan -= b;
	sp->line_start -= b;
	if (sp->marks.pending)
		sp->marks.at -= b;
	if (sp->etx_cut)
		sp->etx_cut -= b;
}

/* Judges the line pend[b, e) (no line break in it) as the reader does the
 * text the decoder makes of it (the line after it starts at next). */
static void judge_line(wm_splitter *sp, size_t b, size_t e, size_t next)
{
	if (sp->framed)
		return;
	/* the decoder steps over a BOM at the start of the source (cut) */
	if (sp->at_start && b == sp->base && e - b >= 3 &&
	    memcmp(sp->pend.ptr + b, "\xEF\xBB\xBF", 3) == 0)
		b += 3;
	size_t n;
	const char *t = wm_decode_line(sp->pend.ptr + b, e - b, &sp->scratch, &n);
	wm_wire_line kind = wm_wire_line_kind(t, n);
	if (kind == WM_WIRE_BLANK)
		return;
	if (sp->etx_cut) {
		/* the first line after ETX: other text than a time stamp starts
		 * the next article (wm_frame_stamp_after, as the reader judges
		 * it); a time stamp goes with the article before it when there
		 * is one, else with the text after it: no cut then */
		size_t sb, se;
		unsigned nls;
		if (wm_frame_stamp_after(t, 0, n, &sb, &se, &nls)) {
			sp->etx_cut = 0;
			return;
		}
		cut(sp, sp->etx_cut);
	}
	if (wm_tx_line_may_blank(t, n)) {
		sp->framed = 1;
		return;
	}
	int mark = kind == WM_WIRE_END_MARK;
	if (wm_frame_marks_line(&sp->marks, mark, next)) {
		cut(sp, sp->marks.at); /* and the line starts the next article */
		wm_frame_marks_line(&sp->marks, mark, next);
	}
}

/* The line pend[line_start, end) is complete. */
static void line_done(wm_splitter *sp, size_t end)
{
	const unsigned char *p = (const unsigned char *)sp->pend.ptr;
	size_t b = sp->line_start, len = end - b;
	size_t max = sp->ctx->limits[WM_LIMIT_LINE_LENGTH];
	sp->line_start = end + 1;
	if (max && len > max && !sp->skip) {
		unsigned line = sp->first_line;
		for (size_t i = sp->base; i < b; i++)
			line += p[i] == '\n';
		size_t col = max + 1;
		wm_report(sp->ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, sp->source,
		          line, col > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)col,
		          "line longer than %zu bytes (the line-length limit): the "
		          "rest of the input is not read", max);
		cut(sp, b);
		sp->skip = 1;
		return;
	}
	/* CRs end lines too (CR LF, a run of CRs before LF: one line end;
	 * others one each), as the decoder reads them */
	const char *cr;
	size_t next = end + 1;
	while ((cr = memchr(sp->pend.ptr + b, '\r', end - b)) != NULL) {
		size_t k = (size_t)(cr - sp->pend.ptr), j = k;
		while (j < end && sp->pend.ptr[j] == '\r')
			j++;
		if (j == end) {
			end = k;
			break;
		}
		judge_line(sp, b, k, k + 1);
		b = j; /* the lines between the CRs of a run are blank */
	}
	judge_line(sp, b, end, next);
}

/* Looks for the cuts in the bytes not scanned yet. */
static void scan(wm_splitter *sp)
{
	/* the bytes that may cut: LF, SOH, STX, ETX, EOT, FF */
	const char *p = sp->pend.ptr;
	size_t len = sp->pend.len;
	wm_frame_scan fs;
	wm_frame_scan_start(&fs, p, len, sp->scan, 1);
	for (size_t k = sp->scan; (k = wm_frame_scan_next(&fs, k)) < len; k++) {
		unsigned char c = (unsigned char)p[k];
		switch (c) {
		case '\n':
			if (sp->line_start <= k)
				line_done(sp, k);
			break;
		case 0x03:
			/* the end of the text: the part ends here unless a time
			 * stamp follows (judge_line) */
			wm_frame_marks_cut(&sp->marks);
			sp->etx_cut = k + 1;
			sp->line_start = k + 1;
			sp->framed = 0;
			break;
		case '\f':
		case 0x04:
			cut(sp, k + 1);
			sp->line_start = k + 1;
			break;
		case 0x01:
			/* a header (up to STX): the next article's */
			if (k > sp->base)
				cut(sp, k);
			sp->framed = 1;
			sp->etx_cut = 0;
			break;
		case 0x02:
			/* the end of a header (or a separator): the article starts,
			 * its first line after STX (a stamp after an ETX before it
			 * no longer looked for: the part is not cut there) */
			wm_frame_marks_cut(&sp->marks);
			sp->line_start = k + 1;
			sp->etx_cut = 0;
			sp->framed = 1;
			break;
		default:
			break;
		}
	}
	sp->scan = len;
	compact(sp);
}

static void start_source(wm_splitter *sp, const char *source);

void wm_splitter_end_source(wm_splitter *sp, const char *source)
{
	if (source && (!sp->source || strcmp(sp->source, source) != 0))
		start_source(sp, source);
	if (!sp->source)
		return;
	if (sp->from == WM_FORMAT_WIRE) {
		sp->etx_cut = 0;
		if (sp->line_start < sp->pend.len)
			line_done(sp, sp->pend.len);
		cut(sp, sp->pend.len);
	} else if (!sp->skip) {
		wm_feed *feed = sp->read(sp->ctx, sp->from, sp->pend.ptr, sp->pend.len,
		                        sp->source, sp->options);
		if (feed)
			take(sp, feed);
		else
			sp->source_articles = (size_t)-1; /* said why already */
	}
	if (sp->source_articles == 0 && !sp->skip)
		wm_report(sp->ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, sp->source,
		          1, 1, "no article: the input is empty or blank");
	wm_buf_truncate(&sp->pend, 0);
	sp->base = sp->scan = sp->line_start = sp->etx_cut = 0;
	sp->framed = 0;
	wm_frame_marks_cut(&sp->marks);
	sp->first_line = 1;
	sp->at_start = 1;
	sp->skip = 0;
	sp->source_bytes = 0;
	sp->source_articles = 0;
	free(sp->source);
	sp->source = NULL;
}

static void start_source(wm_splitter *sp, const char *source)
{
	wm_splitter_end_source(sp, NULL);
	sp->source = wm_xstrdup(source);
}

void wm_splitter_push(wm_splitter *sp, const char *bytes, size_t len,
                      const char *source)
{
	if (!source)
		source = "-";
	if (!sp->source || strcmp(sp->source, source) != 0)
		start_source(sp, source);
	if (sp->skip || len == 0)
		return;
	if (sp->from == WM_FORMAT_WIRE && sp->source_bytes == 0 &&
	    wm_refuse_binary(sp->ctx, bytes, len, sp->source, "wire")) {
		/* told from the first block read, not the whole source */
		sp->skip = 1;
		sp->source_articles = (size_t)-1; /* said why already */
		return;
	}
	size_t max = sp->ctx->limits[WM_LIMIT_INPUT_SIZE];
	sp->source_bytes += len;
	if (max && sp->source_bytes > max) {
		wm_report(sp->ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, sp->source, 0, 0,
		          "input larger than %zu bytes (the input-size limit): "
		          "the rest is not read", max);
		sp->skip = 1;
		sp->source_articles = (size_t)-1; /* said why already */
		return;
	}
	wm_buf_put(&sp->pend, bytes, len);
	if (sp->from == WM_FORMAT_WIRE)
		scan(sp);
}

wm_article *wm_splitter_next(wm_splitter *sp)
{
	if (sp->head == sp->n)
		return NULL;
	wm_article *a = sp->q[sp->head++];
	if (sp->head == sp->n)
		sp->head = sp->n = 0;
	return a;
}

void wm_splitter_recycle(wm_splitter *sp, wm_article *a)
{
	wm_article_recycle(a, &sp->pool);
}
