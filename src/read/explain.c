/* The wire reader's account of itself: the notes of an explain log. */
#include "explain.h"

#include <stdarg.h>
#include <stdlib.h>

void wm_explain_add(wm_explain_log *log, unsigned line, const char *kind,
                    const char *fmt, ...)
{
	if (!log)
		return;
	WM_GROW(log->v, log->n, log->cap, 64);
	wm_buf b = WM_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	wm_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	wm_explain_note *note = &log->v[log->n++];
	note->line = line;
	note->seq = log->n - 1;
	note->kind = kind;
	note->text = wm_buf_detach(&b, NULL);
}

void wm_explain_log_free(wm_explain_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->n; i++)
		free(log->v[i].text);
	free(log->v);
	log->v = NULL;
	log->n = log->cap = 0;
}
