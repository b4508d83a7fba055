/* wm_convert_jsonl: JSON Lines in, JSON Lines out, one record at a time,
 * for data pipelines (Hadoop Streaming, Spark's RDD.pipe, GNU parallel).
 * Every line written is JSON in UTF-8: what comes from outside and is not
 * a record's string (a source's name, a message naming it) is made UTF-8
 * (U+FFFD) where it enters, and nothing is held in a buffer that could
 * cut it. */
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../read/libjansson.h"
#include "../util/utf8.h"
#include "jsonl.h"
#include "pull.h"
#include "record.h"

typedef struct capture {
	wm_diag_fn up;
	void *up_data;
	wm_buf first_error; /* valid UTF-8, whatever the names in it */
	wm_buf scratch;
	int errors;
} capture;

/* Passes each message on, keeping the first error for the record. */
static void on_diag(const wm_diag *d, void *p)
{
	capture *c = p;
	if (d->severity == WM_SEVERITY_ERROR && c->errors++ == 0) {
		wm_buf *b = &c->scratch;
		wm_buf_truncate(b, 0);
		if (d->line)
			wm_buf_printf(b, "%s:%u:%u: %s", d->file ? d->file : "-",
			              d->line, d->col, d->message);
		else
			wm_buf_printf(b, "%s: %s", d->file ? d->file : "-", d->message);
		wm_buf_truncate(&c->first_error, 0);
		wm_utf8_put_repaired(&c->first_error, b->ptr, b->len);
	}
	if (c->up)
		c->up(d, c->up_data);
}

static const char *first_error(const capture *c)
{
	return wm_buf_cstr(&c->first_error);
}

static void capture_reset(capture *c)
{
	c->errors = 0;
	wm_buf_truncate(&c->first_error, 0);
}

typedef struct jsonl {
	wm_context *ctx;
	capture *cap;
	wm_format to;
	unsigned options;
	wm_sink_fn sink;
	void *sink_data;
	int sink_failed;
	int bad;       /* records that failed */
	wm_record rec; /* the record read, when it is plain (record.h) */
	wm_buf id;     /* its "id" as JSON ("null" when it has none) */
	wm_buf idtext; /* its "id" as meta.id (empty: none) */
	wm_buf name;   /* "SOURCE#LINE", the record's name when it has no id */
	wm_buf line;   /* the output line */
	wm_jsonl_reader reader;
} jsonl;

static int emit(jsonl *j, const char *bytes, size_t len)
{
	if (!j->sink_failed && j->sink(bytes, len, j->sink_data) != 0)
		j->sink_failed = 1;
	return j->sink_failed ? -1 : 0;
}

/* Writes {"id": ..., "format": ..., KEY: text} on one line, as jansson
 * would (compact, members in this order). */
static void emit_member(jsonl *j, const char *key, const char *text,
                        size_t len)
{
	wm_buf *b = &j->line;
	wm_buf_truncate(b, 0);
	wm_buf_puts(b, "{\"id\":");
	wm_buf_put(b, j->id.ptr, j->id.len);
	wm_buf_puts(b, ",\"format\":");
	wm_record_string(b, wm_format_name(j->to), strlen(wm_format_name(j->to)));
	wm_buf_putc(b, ',');
	wm_record_string(b, key, strlen(key));
	wm_buf_putc(b, ':');
	wm_record_string(b, text, len);
	wm_buf_puts(b, "}\n");
	emit(j, b->ptr, b->len);
}

static void emit_error(jsonl *j, const char *message)
{
	emit_member(j, "error", message, strlen(message));
	j->bad++;
}

/* The record's id as meta.id ("FILE#LINE" when it has none that fits)
 * and its text converted. */
static void convert_record(jsonl *j, const char *idtext, const char *name,
                           const char *rec_source, const char *text,
                           size_t len)
{
	wm_context *ctx = j->ctx;
	capture *c = j->cap;
	if (!idtext[0] || wm_context_set_meta(ctx, "id", idtext) != WM_OK)
		wm_context_set_meta(ctx, "id", name);
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, text, len, rec_source, 0);
	char *out = NULL;
	size_t outlen = 0;
	if (feed && wm_write(ctx, feed, j->to, j->options, &out, &outlen) == WM_OK) {
		if (j->to == WM_FORMAT_JSON)
			/* the articles' JSON form, one line each, as it is */
			emit(j, out, outlen);
		else
			emit_member(j, "output", out, outlen);
		if (c->errors)
			j->bad++;
	} else {
		emit_error(j, c->first_error.len ? first_error(c)
		                                 : "nothing could be converted");
	}
	free(out);
	wm_feed_free(feed);
}

static void no_text(jsonl *j, const char *source, unsigned no)
{
	wm_report(j->ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, no, 1,
	          "field \"text\": expected a string");
	emit_error(j, first_error(j->cap));
}

/* A record read (by wm_record_read, or by jansson through from_jansson):
 * its id as JSON and as meta.id, its text converted. */
static void answer(jsonl *j, const char *source, unsigned no)
{
	const wm_record *r = &j->rec;
	wm_buf_truncate(&j->name, 0);
	wm_buf_printf(&j->name, "%s#%u", source, no);
	const char *rec_source = wm_buf_cstr(&j->name);
	wm_buf_truncate(&j->idtext, 0);
	wm_buf_truncate(&j->id, 0);
	if (r->id_kind == WM_RECORD_ID_NONE)
		wm_buf_puts(&j->id, "null");
	else if (r->id_kind == WM_RECORD_ID_STRING)
		wm_record_string(&j->id, r->id.ptr, r->id.len);
	else
		wm_buf_put(&j->id, r->id.ptr, r->id.len);
	if (r->id_kind == WM_RECORD_ID_STRING) {
		const char *v = wm_buf_cstr(&r->id);
		if (r->id.len > 0 && r->id.len < 200)
			rec_source = v;
		wm_buf_put(&j->idtext, r->id.ptr, r->id.len);
	} else if (r->id_kind == WM_RECORD_ID_INTEGER) {
		wm_buf_printf(&j->idtext, "%lld",
		              strtoll(wm_buf_cstr(&r->id), NULL, 10));
	}
	if (!r->has_text) {
		no_text(j, source, no);
		return;
	}
	convert_record(j, wm_buf_cstr(&j->idtext), wm_buf_cstr(&j->name),
	               rec_source, wm_buf_cstr(&r->text), r->text.len);
}

/* A record with no id to give back: its error's id is null. */
static void no_id(jsonl *j)
{
	wm_buf_truncate(&j->id, 0);
	wm_buf_puts(&j->id, "null");
}

/* jansson's reading of the object rec, put where wm_record_read puts
 * a plain record's: an id that is not a string or an integer is kept
 * as jansson writes it. */
static void from_jansson(wm_record *r, json_t *rec)
{
	json_t *id = json_object_get(rec, "id");
	json_t *text = json_object_get(rec, "text");
	wm_buf_truncate(&r->id, 0);
	wm_buf_truncate(&r->text, 0);
	r->has_text = json_is_string(text);
	if (r->has_text)
		wm_buf_put(&r->text, json_string_value(text), json_string_length(text));
	if (!id) {
		r->id_kind = WM_RECORD_ID_NONE;
	} else if (json_is_string(id)) {
		r->id_kind = WM_RECORD_ID_STRING;
		wm_buf_put(&r->id, json_string_value(id), json_string_length(id));
	} else if (json_is_integer(id)) {
		r->id_kind = WM_RECORD_ID_INTEGER;
		wm_buf_printf(&r->id, "%lld", (long long)json_integer_value(id));
	} else {
		r->id_kind = WM_RECORD_ID_LITERAL;
		char *t = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT |
		                     JSON_PRESERVE_ORDER);
		if (!t)
			abort(); /* out of memory */
		wm_buf_puts(&r->id, t);
		free(t);
	}
}

/* A record refused (source, line no, column col: message): an error
 * record, with a null id. */
static void refused(jsonl *j, const char *source, unsigned no, unsigned col,
                    const char *message)
{
	wm_report(j->ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, no,
	          col > 0 ? col : 1, "%s", message);
	no_id(j);
	emit_error(j, first_error(j->cap));
}

/* The record on line no of source, read by jansson. */
static void record_by_jansson(jsonl *j, const char *line, size_t len,
                              const char *source, unsigned no)
{
	wm_buf need = WM_BUF_INIT;
	wm_buf_printf(&need, "the record on line %u (not a plain object of "
	              "scalars)", no);
	int loaded = wm_libjansson_load(j->ctx, source, wm_buf_cstr(&need));
	wm_buf_free(&need);
	if (!loaded) {
		no_id(j);
		emit_error(j, first_error(j->cap));
		return;
	}
	json_error_t jerr;
	json_t *rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!rec || !json_is_object(rec)) {
		unsigned col = rec || jerr.column < 1 ? 1 : (unsigned)jerr.column;
		refused(j, source, no, col,
		        rec ? "a record must be a JSON object" : jerr.text);
		json_decref(rec);
		return;
	}
	from_jansson(&j->rec, rec);
	json_decref(rec);
	answer(j, source, no);
}

/* The record on line no of source: read plain when it is (record.h),
 * else by jansson, opened now (plain records never need it). */
static void record(jsonl *j, const char *line, size_t len, const char *source,
                   unsigned no)
{
	capture_reset(j->cap);
	wm_record_read_result got = WM_RECORD_UNSURE;
	if (j->reader == WM_JSONL_PLAIN_FIRST)
		got = wm_record_read(&j->rec, line, len);
	if (got == WM_RECORD_READ)
		answer(j, source, no);
	else if (got == WM_RECORD_REFUSED)
		refused(j, source, no, j->rec.error_col,
		        wm_buf_cstr(&j->rec.error));
	else
		record_by_jansson(j, line, len, source, no);
}

static void too_long_record(jsonl *j, const char *source, unsigned no,
                            size_t max)
{
	capture_reset(j->cap);
	wm_report(j->ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, source, no, 1,
	          "record longer than %zu bytes (the line-length limit): left out",
	          max);
	no_id(j);
	emit_error(j, first_error(j->cap));
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The input as it is pulled: the source, its lines, the line read. */
typedef struct lines {
	char *source; /* the name pull gave (NULL: none yet) */
	wm_buf name;  /* it as messages and records show it: valid UTF-8 */
	unsigned no;  /* lines of the source so far */
	wm_buf line;  /* the line read so far */
	int too_long; /* it passed the line-length limit (and was dropped) */
	size_t max;   /* the line-length limit */
} lines;

/* The line read ends (line feed or source's end): answered, unless blank. */
static void end_line(jsonl *j, lines *in)
{
	const char *name = in->source ? wm_buf_cstr(&in->name) : "-";
	in->no++;
	if (in->too_long)
		too_long_record(j, name, in->no, in->max);
	else if (!blank(in->line.ptr, in->line.len))
		record(j, in->line.ptr, in->line.len, name, in->no);
	wm_buf_truncate(&in->line, 0);
	in->too_long = 0;
}

/* Bytes from source src (NULL: "-"); a new name starts a new source, the
 * line pending being the last of the one before. */
static void take_source(jsonl *j, lines *in, const char *src)
{
	src = src ? src : "-";
	if (in->source && strcmp(in->source, src) == 0)
		return;
	if (in->line.len > 0 || in->too_long)
		end_line(j, in);
	free(in->source);
	in->source = wm_xstrdup(src);
	wm_buf_truncate(&in->name, 0);
	wm_utf8_put_repaired(&in->name, src, strlen(src));
	in->no = 0;
}

/* The n bytes pulled into chunk: each line they end answered, the rest
 * kept (dropped once past the line-length limit). */
static void take_bytes(jsonl *j, lines *in, const char *chunk, size_t n)
{
	size_t from = 0;
	for (size_t k = 0; k < n; k++) {
		if (chunk[k] != '\n')
			continue;
		if (!in->too_long)
			wm_buf_put(&in->line, chunk + from, k - from);
		if (in->max && in->line.len > in->max)
			in->too_long = 1;
		end_line(j, in);
		from = k + 1;
	}
	if (in->too_long)
		return;
	wm_buf_put(&in->line, chunk + from, n - from);
	if (in->max && in->line.len > in->max) {
		in->too_long = 1;
		wm_buf_truncate(&in->line, 0);
	}
}

int wm_convert_jsonl_with(wm_context *ctx, wm_jsonl_reader reader,
                          wm_pull_fn pull, void *pull_data, wm_format to,
                          unsigned write_options, wm_sink_fn sink,
                          void *sink_data)
{
	if (!ctx || !pull || !sink || !wm_format_can_write(to))
		return WM_ERR_USAGE;
	/* the records' messages pass through on_diag, and each record sets
	 * meta.id: in the call's own context, not the caller's */
	wm_call call;
	wm_call_begin(&call, ctx, 1);
	capture cap = {ctx->diag, ctx->diag_data, WM_BUF_INIT, WM_BUF_INIT, 0};
	call.ctx.diag = on_diag;
	call.ctx.diag_data = &cap;
	jsonl j = {.ctx = &call.ctx, .cap = &cap, .to = to, .reader = reader,
	           .options = write_options, .sink = sink, .sink_data = sink_data};
	enum { CHUNK = 1 << 16 };
	char *chunk = wm_xmalloc(CHUNK);
	lines in = {.name = WM_BUF_INIT, .line = WM_BUF_INIT,
	            .max = ctx->limits[WM_LIMIT_LINE_LENGTH]};
	int pull_failed = 0;
	wm_puller puller; /* a second end of one source in a row: the end */
	wm_puller_init(&puller, pull, pull_data);
	for (;;) {
		const char *src = NULL;
		long n = wm_puller_next(&puller, chunk, CHUNK, &src);
		if (n < 0)
			pull_failed = 1;
		if (n > 0) {
			take_source(&j, &in, src);
			take_bytes(&j, &in, chunk, (size_t)n);
		} else if (in.line.len > 0 || in.too_long) {
			end_line(&j, &in); /* the last line, with no newline after it */
		}
		if (n < 0 || (n == 0 && !src) || j.sink_failed)
			break;
	}
	wm_puller_free(&puller);
	wm_call_end(&call);
	wm_record_free(&j.rec);
	wm_buf_free(&j.id);
	wm_buf_free(&j.idtext);
	wm_buf_free(&j.name);
	wm_buf_free(&j.line);
	wm_buf_free(&cap.first_error);
	wm_buf_free(&cap.scratch);
	free(chunk);
	free(in.source);
	wm_buf_free(&in.name);
	wm_buf_free(&in.line);
	if (j.sink_failed)
		return WM_ERR_OUTPUT;
	if (pull_failed || j.bad)
		return WM_ERR_INPUT;
	return WM_OK;
}

int wm_convert_jsonl(wm_context *ctx, wm_pull_fn pull, void *pull_data,
                     wm_format to, unsigned write_options, wm_sink_fn sink,
                     void *sink_data)
{
	return wm_convert_jsonl_with(ctx, WM_JSONL_PLAIN_FIRST, pull, pull_data,
	                             to, write_options, sink, sink_data);
}
