/* Shared libraries opened on first use (dlopen), as systemd opens its
 * optional ones: the program maps and relocates a library only when a
 * conversion needs it (libxml2 for TEI and HTML, cmark for Markdown,
 * jansson for JSON), so that starting up costs nothing for the others.
 *
 * A library's functions are reached through a table of pointers that one
 * call fills, all of them or none; the headers of each library
 * (read/libxml.h, read/libcmark.h, read/libjansson.h) name the pointers
 * after the functions, so that code calls them as it would call the
 * library. */
#ifndef WM_UTIL_DL_H
#define WM_UTIL_DL_H

#include <stdatomic.h>
#include <stddef.h>

/* A symbol to look up, and where its address goes (a function pointer or
 * a pointer to a variable of the library). */
typedef struct wm_dl_symbol {
	const char *name;
	void *slot;
} wm_dl_symbol;

typedef struct wm_dl_library {
	const char *soname;
	const wm_dl_symbol *symbols;
	size_t count;
	atomic_int state; /* 0 not tried yet, 1 loaded, -1 failed */
	char error[256];  /* why it failed (dlerror's message) */
} wm_dl_library;

#define WM_DL_LIBRARY(soname, symbols)                                         \
	{(soname), (symbols), sizeof(symbols) / sizeof((symbols)[0]), 0, ""}

/* Opens lib once per process, from any thread (the others wait for the
 * first), and fills its symbols' slots.  Returns 1 when it is loaded; 0
 * when it cannot be, for good (the slots stay NULL; lib->error says why).
 * The library is never closed. */
int wm_dl_load(wm_dl_library *lib);

#endif
