/* The library context: diagnostics, reference date, meta, templates. */
#ifndef WM_LIB_CONTEXT_H
#define WM_LIB_CONTEXT_H

#include <pthread.h>

#include "wiremark.h"

#include "../tree/tree.h"
#include "../util/buf.h"

typedef struct wm_template_override {
	char *src;
	size_t len;
	char *name;
	char *dir;
} wm_template_override;

/* Templates of one's own, compiled, kept for the context's later calls
 * (write/write.c fills it and gives free_entry; wm_context_set_template
 * drops a format's).  A call's copy of the context (wm_call) shares it. */
typedef struct wm_compiled_cache {
	void *entry[WM_FORMAT_MAX];
	void (*free_entry)(void *entry);
	pthread_mutex_t lock;
} wm_compiled_cache;

/* Drops the compiled template of format kept in cache. */
void wm_compiled_forget(wm_compiled_cache *cache, wm_format format);

struct wm_context {
	wm_diag_fn diag;
	void *diag_data;
	int has_date;
	int year, month, day;
	wm_meta_pair *meta; /* the -M keys and values */
	size_t nmeta, cap_meta;
	wm_template_override templates[WM_FORMAT_MAX];
	unsigned columns;  /* Markdown paragraphs wrap at this width; 0: never */
	unsigned line_base; /* added to the line of every message (reading a
	                       feed in parts: the part's first line - 1); set
	                       only in a call's own context (wm_call) */
	size_t limits[WM_LIMIT_MAX]; /* see wm_context_set_limit */
	wm_compiled_cache *compiled;
};

/* A call's own context.  The caller's context holds settings and is never
 * written while a call runs: a call that changes anything as it goes (the
 * line offset of a part of a feed, where its messages go, a record's
 * meta.id) works on a copy of it, made when it starts and dropped when it
 * ends, so that the next call on the caller's context starts as the first
 * did. */
typedef struct wm_call {
	wm_context ctx;
	int own_meta; /* ctx.meta is the call's own copy */
} wm_call;

/* Starts a call on the settings of ctx; own_meta: with a copy of its meta
 * that the call may change (else the call must not). */
void wm_call_begin(wm_call *call, const wm_context *ctx, int own_meta);
void wm_call_end(wm_call *call);

/* The defaults of the limits (docs/limits.md says why these). */
#define WM_DEFAULT_INPUT_SIZE ((size_t)1 << 30)    /* 1 GiB */
#define WM_DEFAULT_LINE_LENGTH ((size_t)256 << 20) /* 256 MiB */
#define WM_DEFAULT_ARTICLES ((size_t)10000000)
#define WM_DEFAULT_TEMPLATE_DEPTH ((size_t)64)
#define WM_MAX_TEMPLATE_DEPTH ((size_t)1024)

/* Reports a message through the context's callback. */
void wm_report(wm_context *ctx, wm_severity sev, wm_diag_code code,
               const char *file, unsigned line, unsigned col,
               const char *fmt, ...) WM_PRINTF(7, 8);

/* As wm_report, for a source of many messages: *count counts them, and
 * only the first max are reported, the last of them ending with more
 * (" (further ... left out)"). */
void wm_report_capped(wm_context *ctx, unsigned *count, unsigned max,
                      const char *more, wm_severity sev, wm_diag_code code,
                      const char *file, unsigned line, unsigned col,
                      const char *fmt, ...) WM_PRINTF(10, 11);

/* Checks an input against the input-size and line-length limits before
 * it is read; reports the first limit passed (WM_DIAG_LIMIT, at the line
 * and column where a line passes its limit) and returns -1, else 0. */
int wm_check_input_limits(wm_context *ctx, const char *bytes, size_t len,
                          const char *source);

#endif
