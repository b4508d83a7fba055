/* Reading a dateline at the start of a paragraph (the grammar is in
 * dateline.c). */
#ifndef WM_READ_DATELINE_H
#define WM_READ_DATELINE_H

#include <stddef.h>

#include "../context/context.h"
#include "../tree/tree.h"

#define WM_DATELINE_MAX_WARNINGS 4

/* What the parser found, for messages and for --explain. */
typedef struct wm_dateline_report {
	/* The shape read ("PLACE, REGION, DATE -") or, when there is no
	 * dateline, why not; static text. */
	const char *rule;
	/* The parts found, or the word that failed a rule. */
	char detail[256];
	/* Warnings about the date (typos, impossible dates): each with the
	 * offset in the paragraph of what it is about. */
	struct {
		size_t at;
		char msg[200];
	} warn[WM_DATELINE_MAX_WARNINGS];
	size_t nwarn;
	/* Set by the caller when no one will read rule and detail (no
	 * --explain): the reasons of refused readings are then not written,
	 * which saves formatting one for every mark tried. */
	int quiet;
	/* The reporters' names the dateline holds, as written ("홍길동 기자"
	 * in "(부산=연합뉴스) 홍길동 기자 ="): offsets in the paragraph, none
	 * when byline_b == byline_e.  --explain names them. */
	size_t byline_b, byline_e;
} wm_dateline_report;

/* Reads a dateline at the start of s[0..len), a paragraph's text with its
 * lines joined by single spaces.  On success stores a new dateline in *out,
 * built in arena (the article's that will hold it), and returns the offset
 * where the paragraph's own text starts (past the dash and the spaces
 * after it).  Returns 0, with *out NULL, when s does not start with a
 * dateline.  ctx (may be NULL) gives the reference date for iso_date.
 * rep, when not NULL, receives what was found and why; nothing is
 * reported through ctx. */
size_t wm_dateline_read(const wm_context *ctx, const char *s, size_t len,
                        wm_arena *arena, wm_dateline **out,
                        wm_dateline_report *rep);

/* Writes the parts of d into rep->detail (for --explain). */
void wm_dateline_describe(const wm_dateline *d, wm_dateline_report *rep);

/* wm_dateline_read without the report. */
size_t wm_dateline_parse(const wm_context *ctx, const char *s, size_t len,
                         wm_arena *arena, wm_dateline **out);

/* Whether s[0..len) starts with a dateline (wm_dateline_parse finds one),
 * without building it. */
int wm_dateline_starts(const char *s, size_t len);

#endif
