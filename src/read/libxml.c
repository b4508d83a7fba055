#define WM_LIBXML_LOADER
#include "libxml.h"

#include <stdlib.h>

#include "../util/dl.h"
#include "reader.h"

/* 2.9.0: XML_PARSE_BIG_LINES (line numbers past 65535 in messages). */
#define OLDEST WM_DL_VERSION(2, 9, 0)
/* libxml2's limit of nested elements without XML_PARSE_HUGE. */
#define DEFAULT_MAX_DEPTH 256

wm_libxml_table wm_libxml;

#define WM_LIBXML_SLOT(name) {#name, &wm_libxml.name, 0},
static const wm_dl_symbol symbols[] = {
	WM_LIBXML_SYMBOLS(WM_LIBXML_SLOT)
	{"xmlParserVersion", &wm_libxml.parser_version, 1},
	{"xmlParserMaxDepth", &wm_libxml.max_depth, 1},
};

/* The version check, then the parser's set-up: once, under the loader's
 * lock, before any thread parses.  Every libxml2 that is not newer than
 * wiremark knows has xmlParserVersion ("20914"). */
static int ready(char *why)
{
	if (wm_libxml.parser_version) {
		const char *v = *wm_libxml.parser_version;
		char *end = NULL; /* "20914", or with a suffix ("-GITv2.9.14") */
		long n = v ? strtol(v, &end, 10) : -1;
		if (end == v)
			n = -1;
		if (!wm_dl_version_ok(n, OLDEST, why))
			return 0;
	}
	wm_libxml.xmlInitParser();
	return 1;
}

static wm_dl_library lib = WM_DL_LIBRARY(WM_LIBXML_SONAME, symbols, ready);

int wm_libxml_load(wm_context *ctx, const char *source, const char *need)
{
	return wm_library_load(ctx, &lib, "libxml2", source, need);
}

int wm_libxml_max_depth(void)
{
	return wm_libxml.max_depth ? (int)*wm_libxml.max_depth
	                           : DEFAULT_MAX_DEPTH;
}
