#define WM_LIBJANSSON_LOADER
#include "libjansson.h"

#include "../util/dl.h"
#include "reader.h"

wm_libjansson_table wm_libjansson;

/* 2.7: json_stringn and json_string_length (strings with NUL bytes). */
#define OLDEST WM_DL_VERSION(2, 7, 0)

#define WM_LIBJANSSON_SLOT(name) {#name, &wm_libjansson.name, 0},
static const wm_dl_symbol symbols[] = {
	WM_LIBJANSSON_SYMBOLS(WM_LIBJANSSON_SLOT)
	{"jansson_version_str", &wm_libjansson.version_str, 1},
};

static int ready(char *why)
{
	if (!wm_libjansson.version_str) /* before 2.13 */
		return 1;
	return wm_dl_version_ok(wm_dl_version_of(wm_libjansson.version_str()),
	                        OLDEST, why);
}

static wm_dl_library lib = WM_DL_LIBRARY(WM_LIBJANSSON_SONAME, symbols, ready);

int wm_libjansson_load(wm_context *ctx, const char *source, const char *need)
{
	return wm_library_load(ctx, &lib, "jansson", source, need);
}
