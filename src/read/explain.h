/* The wire reader's account of itself: for each input line, what it was
 * read as and by which rule (wm_explain, `wiremark --explain`). */
#ifndef WM_READ_EXPLAIN_H
#define WM_READ_EXPLAIN_H

#include <stddef.h>

#include "../util/buf.h"

typedef struct wm_explain_note {
	unsigned line;    /* 1-based input line */
	const char *kind; /* static: "headline", "paragraph", "dateline", ... */
	char *text;       /* malloc'd: the rule that matched, and details */
	size_t seq;       /* order of writing */
} wm_explain_note;

typedef struct wm_explain_log {
	wm_explain_note *v;
	size_t n;
	size_t cap;
} wm_explain_log;

/* Adds a note; does nothing when log is NULL. */
void wm_explain_add(wm_explain_log *log, unsigned line, const char *kind,
                    const char *fmt, ...) WM_PRINTF(4, 5);

/* Frees the notes (not log itself); NULL is fine. */
void wm_explain_log_free(wm_explain_log *log);

#endif
