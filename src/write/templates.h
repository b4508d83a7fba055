/* The built-in templates (the .mustache files in templates/), compiled into the library
 * by tools/embed-templates.py. */
#ifndef WM_WRITE_TEMPLATES_H
#define WM_WRITE_TEMPLATES_H

#include <stddef.h>

typedef struct wm_builtin {
	const char *name; /* file name without ".mustache" */
	const char *text;
	size_t len;
} wm_builtin;

extern const wm_builtin wm_builtins[];
extern const size_t wm_builtin_count;

/* The built-in template called name[0..n) (n == (size_t)-1: NUL-terminated),
 * or NULL. */
const wm_builtin *wm_builtin_find(const char *name, size_t n);

#endif
