/* wm_convert_jsonl: JSON Lines in, JSON Lines out, one record at a time,
 * for data pipelines (Hadoop Streaming, Spark's RDD.pipe, GNU parallel). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../read/libjansson.h"

typedef struct capture {
	wm_diag_fn up;
	void *up_data;
	char first_error[512];
	int errors;
} capture;

/* Passes each message on, keeping the first error for the record. */
static void on_diag(const wm_diag *d, void *p)
{
	capture *c = p;
	if (d->severity == WM_SEVERITY_ERROR && c->errors++ == 0) {
		if (d->line)
			snprintf(c->first_error, sizeof c->first_error, "%s:%u:%u: %s",
			         d->file ? d->file : "-", d->line, d->col, d->message);
		else
			snprintf(c->first_error, sizeof c->first_error, "%s: %s",
			         d->file ? d->file : "-", d->message);
	}
	if (c->up)
		c->up(d, c->up_data);
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
} jsonl;

static int emit(jsonl *j, const char *bytes, size_t len)
{
	if (!j->sink_failed && j->sink(bytes, len, j->sink_data) != 0)
		j->sink_failed = 1;
	return j->sink_failed ? -1 : 0;
}

/* Writes obj on one line (and frees it). */
static void emit_json(jsonl *j, json_t *obj)
{
	char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(obj);
	if (!text)
		abort(); /* out of memory */
	emit(j, text, strlen(text));
	emit(j, "\n", 1);
	free(text);
}

static void emit_error(jsonl *j, json_t *id, const char *message)
{
	json_t *o = json_object();
	json_object_set(o, "id", id ? id : json_null());
	json_object_set_new(o, "format", json_string(wm_format_name(j->to)));
	json_object_set_new(o, "error", json_string(message));
	emit_json(j, o);
	j->bad++;
}

/* The record on line no of source. */
static void record(jsonl *j, const char *line, size_t len, const char *source,
                   unsigned no)
{
	wm_context *ctx = j->ctx;
	capture *c = j->cap;
	c->errors = 0;
	c->first_error[0] = '\0';
	json_error_t jerr;
	json_t *rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *id = NULL;
	if (!rec || !json_is_object(rec)) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, no,
		          rec ? 1 : (unsigned)(jerr.column > 0 ? jerr.column : 1),
		          "%s", rec ? "a record must be a JSON object" : jerr.text);
		emit_error(j, NULL, c->first_error);
		json_decref(rec);
		return;
	}
	id = json_object_get(rec, "id");
	json_t *text = json_object_get(rec, "text");
	char name[64];
	const char *rec_source = name;
	snprintf(name, sizeof name, "%s#%u", source, no);
	if (json_is_string(id) && json_string_length(id) > 0 &&
	    json_string_length(id) < 200 && !memchr(json_string_value(id), '\0',
	                                            json_string_length(id)))
		rec_source = json_string_value(id);
	if (!json_is_string(text)) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, no, 1,
		          "field \"text\": expected a string");
		emit_error(j, id, c->first_error);
		json_decref(rec);
		return;
	}
	/* the record's id is its meta.id (TEI's idno, the JSON form's meta) */
	char idtext[256] = "";
	if (json_is_string(id))
		snprintf(idtext, sizeof idtext, "%s", json_string_value(id));
	else if (json_is_integer(id))
		snprintf(idtext, sizeof idtext, "%lld", (long long)json_integer_value(id));
	if (!idtext[0] || wm_context_set_meta(ctx, "id", idtext) != WM_OK)
		wm_context_set_meta(ctx, "id", name);
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, json_string_value(text),
	                        json_string_length(text), rec_source, 0);
	char *out = NULL;
	size_t outlen = 0;
	if (feed && wm_write(ctx, feed, j->to, j->options, &out, &outlen) == WM_OK) {
		if (j->to == WM_FORMAT_JSON) {
			/* the articles' JSON form, one line each, as it is */
			emit(j, out, outlen);
		} else {
			json_t *o = json_object();
			json_object_set(o, "id", id ? id : json_null());
			json_object_set_new(o, "format", json_string(wm_format_name(j->to)));
			json_object_set_new(o, "output", json_stringn(out, outlen));
			emit_json(j, o);
		}
		if (c->errors)
			j->bad++;
	} else {
		emit_error(j, id, c->first_error[0] ? c->first_error
		                                    : "nothing could be converted");
	}
	free(out);
	wm_feed_free(feed);
	json_decref(rec);
}

static void too_long_record(jsonl *j, const char *source, unsigned no,
                            size_t max)
{
	j->cap->errors = 0;
	j->cap->first_error[0] = '\0';
	wm_report(j->ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, source, no, 1,
	          "record longer than %zu bytes (the line-length limit): left out",
	          max);
	emit_error(j, NULL, j->cap->first_error);
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int wm_convert_jsonl(wm_context *ctx, wm_pull_fn pull, void *pull_data,
                     wm_format to, unsigned write_options, wm_sink_fn sink,
                     void *sink_data)
{
	if (!ctx || !pull || !sink || !wm_format_can_write(to))
		return WM_ERR_USAGE;
	if (!wm_libjansson_load(ctx, NULL, "reading JSON Lines"))
		return WM_ERR_INPUT;
	/* the records' messages pass through on_diag, and each record sets
	 * meta.id: in the call's own context, not the caller's */
	wm_call call;
	wm_call_begin(&call, ctx, 1);
	capture cap = {ctx->diag, ctx->diag_data, "", 0};
	call.ctx.diag = on_diag;
	call.ctx.diag_data = &cap;
	jsonl j = {&call.ctx, &cap, to, write_options, sink, sink_data, 0, 0};
	enum { CHUNK = 1 << 16 };
	char *chunk = wm_xmalloc(CHUNK);
	wm_buf line = WM_BUF_INIT;
	char *source = NULL;
	unsigned no = 0;
	int pull_failed = 0, too_long = 0;
	size_t max = ctx->limits[WM_LIMIT_LINE_LENGTH];
	for (;;) {
		const char *src = NULL;
		long n = pull(chunk, CHUNK, &src, pull_data);
		if (n < 0)
			pull_failed = 1;
		if (n > 0 && (!source || strcmp(source, src ? src : "-") != 0)) {
			free(source);
			source = wm_xstrdup(src ? src : "-");
			no = 0;
		}
		size_t from = 0;
		for (size_t k = 0; n > 0 && k < (size_t)n; k++) {
			if (chunk[k] != '\n')
				continue;
			no++;
			if (!too_long)
				wm_buf_put(&line, chunk + from, k - from);
			if (too_long || (max && line.len > max)) {
				too_long_record(&j, source, no, max);
			} else if (!blank(line.ptr, line.len)) {
				record(&j, line.ptr, line.len, source, no);
			}
			wm_buf_truncate(&line, 0);
			too_long = 0;
			from = k + 1;
		}
		if (n > 0 && !too_long) {
			wm_buf_put(&line, chunk + from, (size_t)n - from);
			if (max && line.len > max) {
				too_long = 1;
				wm_buf_truncate(&line, 0);
			}
		}
		if (n <= 0 && (line.len > 0 || too_long)) {
			/* the last line, with no newline after it */
			no++;
			if (too_long) {
				too_long_record(&j, source ? source : "-", no, max);
			} else if (!blank(line.ptr, line.len)) {
				record(&j, line.ptr, line.len, source ? source : "-", no);
			}
			wm_buf_truncate(&line, 0);
			too_long = 0;
		}
		if (n < 0 || (n == 0 && !src) || j.sink_failed)
			break;
	}
	wm_call_end(&call);
	free(chunk);
	free(source);
	wm_buf_free(&line);
	if (j.sink_failed)
		return WM_ERR_OUTPUT;
	if (pull_failed || j.bad)
		return WM_ERR_INPUT;
	return WM_OK;
}
