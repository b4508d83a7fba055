#define WM_LIBCMARK_LOADER
#include "libcmark.h"

#include "../util/dl.h"
#include "reader.h"

wm_libcmark_table wm_libcmark;

#define WM_LIBCMARK_SLOT(name) {#name, &wm_libcmark.name},
static const wm_dl_symbol symbols[] = {WM_LIBCMARK_SYMBOLS(WM_LIBCMARK_SLOT)};

static wm_dl_library lib = WM_DL_LIBRARY(WM_LIBCMARK_SONAME, symbols);

int wm_libcmark_load(wm_context *ctx, const char *source, const char *need)
{
	return wm_library_load(ctx, &lib, "cmark", source, need);
}
