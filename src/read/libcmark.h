/* cmark, opened on first use (see util/dl.h and read/libxml.h, its
 * model): the Markdown reader and --validate call wm_libcmark_load before
 * anything else of cmark's.  The only header of src/ that includes
 * <cmark.h>. */
#ifndef WM_READ_LIBCMARK_H
#define WM_READ_LIBCMARK_H

#include <cmark.h>

#include "../context/context.h"

/* cmark's soname is its version (libcmark.so.0.30.2): the version whose
 * header wiremark was built with. */
#define WM_LIBCMARK_SONAME "libcmark.so." CMARK_VERSION_STRING

#define WM_LIBCMARK_SYMBOLS(X)                                                 \
	X(cmark_iter_free)                                                         \
	X(cmark_iter_get_node)                                                     \
	X(cmark_iter_new)                                                          \
	X(cmark_iter_next)                                                         \
	X(cmark_node_first_child)                                                  \
	X(cmark_node_free)                                                         \
	X(cmark_node_get_heading_level)                                            \
	X(cmark_node_get_list_delim)                                               \
	X(cmark_node_get_list_start)                                               \
	X(cmark_node_get_list_type)                                                \
	X(cmark_node_get_literal)                                                  \
	X(cmark_node_get_start_column)                                             \
	X(cmark_node_get_start_line)                                               \
	X(cmark_node_get_type)                                                     \
	X(cmark_node_get_type_string)                                              \
	X(cmark_node_get_url)                                                      \
	X(cmark_node_last_child)                                                   \
	X(cmark_node_next)                                                         \
	X(cmark_node_parent)                                                       \
	X(cmark_parse_document)                                                    \
	X(cmark_version)

typedef struct wm_libcmark_table {
#define WM_LIBCMARK_POINTER(name) __typeof__(name) *name;
	WM_LIBCMARK_SYMBOLS(WM_LIBCMARK_POINTER)
#undef WM_LIBCMARK_POINTER
} wm_libcmark_table;

extern wm_libcmark_table wm_libcmark;

/* As wm_libxml_load, for cmark: one that says it is older than the
 * version wiremark was built with (CMARK_VERSION: cmark promises no ABI
 * from one version to the next, hence its soname) is refused. */
int wm_libcmark_load(wm_context *ctx, const char *source, const char *need);

#ifndef WM_LIBCMARK_LOADER
#define cmark_iter_free (*wm_libcmark.cmark_iter_free)
#define cmark_iter_get_node (*wm_libcmark.cmark_iter_get_node)
#define cmark_iter_new (*wm_libcmark.cmark_iter_new)
#define cmark_iter_next (*wm_libcmark.cmark_iter_next)
#define cmark_node_first_child (*wm_libcmark.cmark_node_first_child)
#define cmark_node_free (*wm_libcmark.cmark_node_free)
#define cmark_node_get_heading_level (*wm_libcmark.cmark_node_get_heading_level)
#define cmark_node_get_list_delim (*wm_libcmark.cmark_node_get_list_delim)
#define cmark_node_get_list_start (*wm_libcmark.cmark_node_get_list_start)
#define cmark_node_get_list_type (*wm_libcmark.cmark_node_get_list_type)
#define cmark_node_get_literal (*wm_libcmark.cmark_node_get_literal)
#define cmark_node_get_start_column (*wm_libcmark.cmark_node_get_start_column)
#define cmark_node_get_start_line (*wm_libcmark.cmark_node_get_start_line)
#define cmark_node_get_type (*wm_libcmark.cmark_node_get_type)
#define cmark_node_get_type_string (*wm_libcmark.cmark_node_get_type_string)
#define cmark_node_get_url (*wm_libcmark.cmark_node_get_url)
#define cmark_node_last_child (*wm_libcmark.cmark_node_last_child)
#define cmark_node_next (*wm_libcmark.cmark_node_next)
#define cmark_node_parent (*wm_libcmark.cmark_node_parent)
#define cmark_parse_document (*wm_libcmark.cmark_parse_document)
#define cmark_version (*wm_libcmark.cmark_version)
#endif

#endif
