#define WM_LIBXML_LOADER
#include "libxml.h"

#include "../util/dl.h"
#include "reader.h"

wm_libxml_table wm_libxml;

#define WM_LIBXML_SLOT(name) {#name, &wm_libxml.name},
static const wm_dl_symbol symbols[] = {WM_LIBXML_SYMBOLS(WM_LIBXML_SLOT)};

static wm_dl_library lib = WM_DL_LIBRARY(WM_LIBXML_SONAME, symbols);

int wm_libxml_load(wm_context *ctx, const char *source, const char *need)
{
	return wm_library_load(ctx, &lib, "libxml2", source, need);
}
