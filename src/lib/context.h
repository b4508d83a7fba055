/* The library context: diagnostics, reference date, meta, templates. */
#ifndef WM_LIB_CONTEXT_H
#define WM_LIB_CONTEXT_H

#include "wiremark.h"

#include "../util/buf.h"

typedef struct wm_meta_entry {
	char *key;
	char *value;
} wm_meta_entry;

typedef struct wm_template_override {
	char *src;
	size_t len;
	char *name;
	char *dir;
} wm_template_override;

struct wm_context {
	wm_diag_fn diag;
	void *diag_data;
	int has_date;
	int year, month, day;
	wm_meta_entry *meta;
	size_t nmeta;
	wm_template_override templates[WM_FORMAT_MAX];
	unsigned errors;   /* errors reported so far */
	unsigned warnings; /* warnings reported so far */
	unsigned columns;  /* Markdown paragraphs wrap at this width; 0: never */
};

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

/* Day count check: whether y-m-d is a real calendar date. */
int wm_date_valid(int y, int m, int d);

#endif
