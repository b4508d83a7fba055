#define WM_LIBJANSSON_LOADER
#include "libjansson.h"

#include "../util/dl.h"
#include "reader.h"

wm_libjansson_table wm_libjansson;

#define WM_LIBJANSSON_SLOT(name) {#name, &wm_libjansson.name},
static const wm_dl_symbol symbols[] = {
	WM_LIBJANSSON_SYMBOLS(WM_LIBJANSSON_SLOT)};

static wm_dl_library lib = WM_DL_LIBRARY(WM_LIBJANSSON_SONAME, symbols);

int wm_libjansson_load(wm_context *ctx, const char *source, const char *need)
{
	return wm_library_load(ctx, &lib, "jansson", source, need);
}
