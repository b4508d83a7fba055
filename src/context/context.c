#include "context.h"

#include "../tree/calendar.h"
#include "../util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wm_version(void)
{
	return WM_VERSION_STRING;
}

static void print_diag(const wm_diag *d, void *userdata)
{
	(void)userdata;
	const char *kind = d->severity == WM_SEVERITY_ERROR ? "error" : "warning";
	const char *file = d->file ? d->file : "wiremark";
	if (d->line)
		fprintf(stderr, "%s:%u:%u: %s: %s\n", file, d->line,
		        d->col ? d->col : 1, kind, d->message);
	else
		fprintf(stderr, "%s: %s: %s\n", file, kind, d->message);
}

wm_context *wm_context_new(void)
{
	wm_context *ctx = wm_xcalloc(1, sizeof(*ctx));
	ctx->diag = print_diag;
	ctx->compiled = wm_xcalloc(1, sizeof *ctx->compiled);
	pthread_mutex_init(&ctx->compiled->lock, NULL);
	for (int l = 0; l < WM_LIMIT_MAX; l++)
		wm_context_set_limit(ctx, (wm_limit)l, 0);
	return ctx;
}

void wm_context_free(wm_context *ctx)
{
	if (!ctx)
		return;
	wm_meta_pairs_free(ctx->meta, ctx->nmeta);
	for (int f = 0; f < WM_FORMAT_MAX; f++) {
		free(ctx->templates[f].src);
		free(ctx->templates[f].name);
		free(ctx->templates[f].dir);
		wm_compiled_forget(ctx->compiled, (wm_format)f);
	}
	pthread_mutex_destroy(&ctx->compiled->lock);
	free(ctx->compiled);
	free(ctx);
}

void wm_compiled_forget(wm_compiled_cache *cache, wm_format format)
{
	pthread_mutex_lock(&cache->lock);
	if (cache->entry[format])
		cache->free_entry(cache->entry[format]);
	cache->entry[format] = NULL;
	pthread_mutex_unlock(&cache->lock);
}

void wm_call_begin(wm_call *call, const wm_context *ctx, int own_meta)
{
	call->ctx = *ctx;
	call->ctx.line_base = 0;
	call->own_meta = own_meta;
	if (!own_meta)
		return;
	call->ctx.meta = NULL;
	call->ctx.nmeta = call->ctx.cap_meta = 0;
	for (size_t i = 0; i < ctx->nmeta; i++)
		wm_context_set_meta(&call->ctx, ctx->meta[i].key, ctx->meta[i].value);
}

void wm_call_end(wm_call *call)
{
	if (!call->own_meta)
		return;
	wm_meta_pairs_free(call->ctx.meta, call->ctx.nmeta);
}

void wm_context_set_diag(wm_context *ctx, wm_diag_fn fn, void *userdata)
{
	ctx->diag = fn;
	ctx->diag_data = userdata;
}

static void report_v(const wm_context *ctx, wm_severity sev,
                     wm_diag_code code, const char *file, unsigned line,
                     unsigned col, const char *more, const char *fmt,
                     va_list ap) WM_PRINTF(8, 0);

/* The message fmt, ap (and more after it, when not NULL) to the callback. */
static void report_v(const wm_context *ctx, wm_severity sev,
                     wm_diag_code code, const char *file, unsigned line,
                     unsigned col, const char *more, const char *fmt,
                     va_list ap)
{
	if (!ctx->diag)
		return;
	wm_buf msg = WM_BUF_INIT;
	wm_buf_vprintf(&msg, fmt, ap);
	if (more)
		wm_buf_puts(&msg, more);
	wm_diag d;
	d.severity = sev;
	d.code = code;
	d.file = file;
	d.line = line ? line + ctx->line_base : 0;
	d.col = col;
	d.message = wm_buf_cstr(&msg);
	ctx->diag(&d, ctx->diag_data);
	wm_buf_free(&msg);
}

void wm_report(wm_context *ctx, wm_severity sev, wm_diag_code code,
               const char *file, unsigned line, unsigned col,
               const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(ctx, sev, code, file, line, col, NULL, fmt, ap);
	va_end(ap);
}

void wm_report_capped(wm_context *ctx, unsigned *count, unsigned max,
                      const char *more, wm_severity sev, wm_diag_code code,
                      const char *file, unsigned line, unsigned col,
                      const char *fmt, ...)
{
	if ((*count)++ >= max)
		return;
	va_list ap;
	va_start(ap, fmt);
	report_v(ctx, sev, code, file, line, col, *count == max ? more : NULL,
	         fmt, ap);
	va_end(ap);
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int wm_context_set_date(wm_context *ctx, const char *iso)
{
	if (!iso) {
		ctx->has_date = 0;
		return WM_OK;
	}
	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return WM_ERR_USAGE;
	int y = digits(iso, 4), m = digits(iso + 5, 2), d = digits(iso + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !wm_date_valid(y, m, d))
		return WM_ERR_USAGE;
	ctx->has_date = 1;
	ctx->year = y;
	ctx->month = m;
	ctx->day = d;
	return WM_OK;
}

static int good_key(const char *k)
{
	if (!k || !*k)
		return 0;
	for (const char *p = k; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

int wm_context_set_columns(wm_context *ctx, unsigned columns)
{
	ctx->columns = columns;
	return WM_OK;
}

int wm_context_set_meta(wm_context *ctx, const char *key, const char *value)
{
	/* a value not UTF-8 would reach JSON and XML as bytes they refuse */
	if (!good_key(key) || !value || !wm_utf8_valid(value, strlen(value)))
		return WM_ERR_USAGE;
	for (size_t i = 0; i < ctx->nmeta; i++) {
		if (strcmp(ctx->meta[i].key, key) == 0) {
			free(ctx->meta[i].value);
			ctx->meta[i].value = wm_xstrdup(value);
			return WM_OK;
		}
	}
	WM_GROW(ctx->meta, ctx->nmeta, ctx->cap_meta, 4);
	ctx->meta[ctx->nmeta].key = wm_xstrdup(key);
	ctx->meta[ctx->nmeta].value = wm_xstrdup(value);
	ctx->nmeta++;
	return WM_OK;
}

/* ---- limits -------------------------------------------------------------- */

int wm_context_set_limit(wm_context *ctx, wm_limit which, size_t value)
{
	static const size_t defaults[WM_LIMIT_MAX] = {
		[WM_LIMIT_INPUT_SIZE] = WM_DEFAULT_INPUT_SIZE,
		[WM_LIMIT_LINE_LENGTH] = WM_DEFAULT_LINE_LENGTH,
		[WM_LIMIT_ARTICLES] = WM_DEFAULT_ARTICLES,
		[WM_LIMIT_TEMPLATE_DEPTH] = WM_DEFAULT_TEMPLATE_DEPTH,
	};
	if (!ctx || (unsigned)which >= WM_LIMIT_MAX)
		return WM_ERR_USAGE;
	if (which == WM_LIMIT_TEMPLATE_DEPTH && value > WM_MAX_TEMPLATE_DEPTH)
		return WM_ERR_USAGE;
	ctx->limits[which] = value ? value : defaults[which];
	return WM_OK;
}

size_t wm_context_limit(const wm_context *ctx, wm_limit which)
{
	if (!ctx || (unsigned)which >= WM_LIMIT_MAX)
		return 0;
	return ctx->limits[which];
}

/* Where the first line longer than max starts, or NULL: memchr finds the
 * line feeds; only a stretch longer than max is looked into for '\r' (old
 * Mac line ends), so that the usual input costs one fast scan. */
static const char *long_line(const char *p, const char *end, size_t max,
                             unsigned *lineno)
{
	unsigned line = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		if ((size_t)(stop - p) > max) {
			/* count the CR-ended lines of the stretch */
			const char *q = p;
			for (const char *c = p; c < stop; c++) {
				if (*c != '\r')
					continue;
				if ((size_t)(c - q) > max) {
					*lineno = line;
					return q;
				}
				if (!(c + 1 < end && c[1] == '\n'))
					line++; /* not the CR of a CRLF */
				q = c + 1;
			}
			if ((size_t)(stop - q) > max) {
				*lineno = line;
				return q;
			}
		}
		line++;
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

int wm_check_input_limits(wm_context *ctx, const char *bytes, size_t len,
                          const char *source)
{
	size_t max = ctx->limits[WM_LIMIT_INPUT_SIZE];
	if (len > max) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, source, 0, 0,
		          "input larger than %zu bytes (the input-size limit): "
		          "nothing read", max);
		return -1;
	}
	max = ctx->limits[WM_LIMIT_LINE_LENGTH];
	unsigned line = 0;
	if (len > max && long_line(bytes, bytes + len, max, &line)) {
		size_t col = max + 1;
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, source, line,
		          col > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)col,
		          "line longer than %zu bytes (the line-length limit): "
		          "nothing read", max);
		return -1;
	}
	return 0;
}
