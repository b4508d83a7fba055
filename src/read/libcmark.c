#define WM_LIBCMARK_LOADER
#include "libcmark.h"

#include "../util/dl.h"
#include "reader.h"

wm_libcmark_table wm_libcmark;

#define WM_LIBCMARK_SLOT(name) {#name, &wm_libcmark.name, 0},
static const wm_dl_symbol symbols[] = {WM_LIBCMARK_SYMBOLS(WM_LIBCMARK_SLOT)};

/* cmark's versions are (major << 16) | (minor << 8) | patch. */
static long version_of(int v)
{
	return WM_DL_VERSION(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
}

static int ready(char *why)
{
	return wm_dl_version_ok(version_of(wm_libcmark.cmark_version()),
	                        version_of(CMARK_VERSION), why);
}

static wm_dl_library lib = WM_DL_LIBRARY(WM_LIBCMARK_SONAME, symbols, ready);

int wm_libcmark_load(wm_context *ctx, const char *source, const char *need)
{
	return wm_library_load(ctx, &lib, "cmark", source, need);
}
