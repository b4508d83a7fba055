/* Shared libraries opened on first use (dlopen), as systemd opens its
 * optional ones: the program maps and relocates a library only when a
 * conversion needs it (libxml2 for TEI and HTML, cmark for Markdown,
 * jansson for JSON), so that starting up costs nothing for the others.
 *
 * A library's functions are reached through a table of pointers that one
 * call fills, all of them or none; the headers of each library
 * (read/libxml.h, read/libcmark.h, read/libjansson.h) name the pointers
 * after the functions, so that code calls them as it would call the
 * library.
 *
 * Threads: wm_dl_load may be called from any thread at any time.  The
 * first call for a library opens it, fills the slots and runs its ready
 * hook under one lock, then publishes the outcome (an atomic state,
 * release); later calls read the state (acquire) and take no lock.  The
 * slots and the error are written only before the state is published,
 * so a caller that got 1 (or 0) from wm_dl_load reads them safely. */
#ifndef WM_UTIL_DL_H
#define WM_UTIL_DL_H

#include <stdatomic.h>
#include <stddef.h>

/* A symbol to look up, and where its address goes (a function pointer or
 * a pointer to a variable of the library).  An optional one that the
 * library lacks leaves its slot NULL; a required one fails the load. */
typedef struct wm_dl_symbol {
	const char *name;
	void *slot;
	int optional;
} wm_dl_symbol;

#define WM_DL_ERROR_SIZE 256

typedef struct wm_dl_library {
	const char *soname;
	const wm_dl_symbol *symbols;
	size_t count;
	/* Run once the slots are filled, under the loader's lock, before any
	 * other thread may use the library: checks its version and sets it
	 * up.  Returns 1 when the library can be used, else 0 after writing
	 * why not into why[0..WM_DL_ERROR_SIZE).  NULL: nothing to check. */
	int (*ready)(char *why);
	atomic_int state; /* 0 not tried yet, 1 loaded, -1 failed */
	char error[WM_DL_ERROR_SIZE]; /* why it failed */
} wm_dl_library;

#define WM_DL_LIBRARY(soname, symbols, ready)                                  \
	{(soname), (symbols), sizeof(symbols) / sizeof((symbols)[0]), (ready),    \
	 0, ""}

/* Opens lib once per process, from any thread (the others wait for the
 * first), and fills its symbols' slots.  Returns 1 when it is loaded; 0
 * when it cannot be, for good (the slots stay NULL; lib->error says why).
 * The library is never closed. */
int wm_dl_load(wm_dl_library *lib);

/* A version as one number, libxml2's way: major * 10000 + minor * 100 +
 * patch (2.9.14 is 20914). */
#define WM_DL_VERSION(major, minor, patch)                                     \
	((major) * 10000L + (minor) * 100L + (patch))

/* The version "MAJOR.MINOR[.PATCH]" (jansson's) as WM_DL_VERSION; -1 when
 * text is not one. */
long wm_dl_version_of(const char *text);

/* Whether version (WM_DL_VERSION, or -1: unknown) is at least oldest; if
 * not, writes into why[0..WM_DL_ERROR_SIZE): "version 2.8.0 is older than
 * 2.9.0, the oldest wiremark works with" (or that it cannot be read). */
int wm_dl_version_ok(long version, long oldest, char *why);

#endif
