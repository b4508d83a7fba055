/* A Mustache template engine (spec v1.4: comments, set delimiters,
 * interpolation, sections, inverted sections, partials, and the optional
 * inheritance and dynamic-names modules; lambdas are not supported).
 *
 * A template is compiled once and run any number of times.  The engine
 * renders data, not articles: it reads it through refs (ref.h).  Escaping of {{x}} is chosen by the
 * caller (one function per output format); {{{x}}} and {{&x}} insert as is.
 * Values are never re-read as template syntax, whatever they hold.
 */
#ifndef WM_TEMPLATE_MUSTACHE_H
#define WM_TEMPLATE_MUSTACHE_H

#include <stddef.h>

#include "../util/buf.h"
#include "value.h"

/* Appends the escaped form of s[0..len) to out.  The escaper may look at
 * what out already holds (for example to know whether it is at the start of
 * a line, as Markdown escaping must). */
typedef void (*wm_escape_fn)(wm_buf *out, const char *s, size_t len, void *ctx);

/* Looks up a partial (or a parent, for inheritance) by name.  Returns its
 * source and length, or NULL when there is no such partial (which renders as
 * nothing, per the spec).  The returned text must stay valid as long as
 * the compiled template (wm_mustache_compile) that asked for it. */
typedef const char *(*wm_partial_fn)(const char *name, size_t namelen,
                                     size_t *len, void *ctx);

typedef struct wm_mustache_error {
	unsigned line;   /* 1-based line in the template that failed */
	unsigned col;    /* 1-based column */
	char name[128];  /* template or partial name it was in ("" for main) */
	char message[256];
} wm_mustache_error;

typedef struct wm_mustache_env {
	wm_escape_fn escape;   /* NULL: insert {{x}} as is */
	void *escape_ctx;
	wm_partial_fn partial; /* NULL: every partial is empty */
	void *partial_ctx;
	unsigned max_depth;    /* nesting of partials/sections; 0: 64 */
	int strict_partials;   /* an unknown partial or parent is an error
	                          (the spec renders it as nothing) */
	/* The id of a key (a dotted part of a tag's name) for the classes of
	 * the data (ref.h); NULL: -1 for every key.  Called when compiling. */
	int (*key_id)(const char *name, size_t len);
	/* Streaming.  A section over a ref of kind WM_REF_STREAM takes its
	 * items one at a time from stream_next (which sets *item and returns
	 * 1, or returns 0 at the end) and renders each; the item given before
	 * stays valid until the next call.  The section counts as non-empty.
	 * After each item, flush is given the output's complete lines so far
	 * (it may write them out; they are then dropped from out); a non-zero
	 * return from flush or an end with *failed set stops the rendering
	 * with an error.  At the end of the rendering, flush gets the rest. */
	int (*stream_next)(void *ctx, int *failed, wm_ref *item);
	int (*flush)(const char *bytes, size_t len, void *ctx);
	void *stream_ctx;
} wm_mustache_env;

/* A compiled template: see mustache.c. */
typedef struct wm_mustache wm_mustache;

/* Compiles template src (named name, for messages; may be NULL): parses it
 * and the partials it names (env->partial), and resolves the names of its
 * tags (env->key_id).  src and the partials' sources must outlive the
 * result.  NULL on a syntax error of src (*err filled); a partial's syntax
 * error is reported when the partial is rendered, as a missing partial is.
 * Only env's partial, key_id and max_depth are read. */
wm_mustache *wm_mustache_compile(const char *src, size_t len, const char *name,
                                 const wm_mustache_env *env,
                                 wm_mustache_error *err);
void wm_mustache_free(wm_mustache *m);

/* Renders compiled template m with data, appending to out; env as given to
 * the compiler, plus the escaper and the stream.  Returns 0, or -1 with
 * *err filled (out then holds an unspecified prefix). */
int wm_mustache_run(const wm_mustache *m, const wm_ref *data,
                    const wm_mustache_env *env, wm_buf *out,
                    wm_mustache_error *err);

/* Compiles and runs: renders template src (named name; may be NULL) with data,
 * appending to out.  Returns 0 on success; on a syntax error (unclosed
 * tag or section, mismatched close, bad delimiters, too deep) returns -1,
 * fills *err when err is not NULL, and out holds an unspecified prefix. */
int wm_mustache_render(const char *src, size_t len, const char *name,
                       const wm_value *data, const wm_mustache_env *env,
                       wm_buf *out, wm_mustache_error *err);

/* Checks a template's syntax without rendering.  Returns 0 or -1 (+ err). */
int wm_mustache_check(const char *src, size_t len, const char *name,
                      wm_mustache_error *err);

#endif
