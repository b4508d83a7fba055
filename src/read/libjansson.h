/* jansson, opened on first use (see util/dl.h and read/libxml.h, its
 * model): the JSON reader and JSON Lines (convert/jsonl.c) call
 * wm_libjansson_load before anything else of jansson's.  The only header
 * of src/ that includes <jansson.h>. */
#ifndef WM_READ_LIBJANSSON_H
#define WM_READ_LIBJANSSON_H

#include <jansson.h>

#include "../context/context.h"

#define WM_LIBJANSSON_SONAME "libjansson.so.4"

#define WM_LIBJANSSON_SYMBOLS(X)                                               \
	X(json_array_get)                                                          \
	X(json_array_size)                                                         \
	X(json_delete)                                                             \
	X(json_dumps)                                                              \
	X(json_integer_value)                                                      \
	X(json_loadb)                                                              \
	X(json_null)                                                               \
	X(json_object)                                                             \
	X(json_object_get)                                                         \
	X(json_object_iter)                                                        \
	X(json_object_iter_key)                                                    \
	X(json_object_iter_next)                                                   \
	X(json_object_iter_value)                                                  \
	X(json_object_key_to_iter)                                                 \
	X(json_object_set_new)                                                     \
	X(json_string)                                                             \
	X(json_string_length)                                                      \
	X(json_string_value)                                                       \
	X(json_stringn)

typedef struct wm_libjansson_table {
#define WM_LIBJANSSON_POINTER(name) __typeof__(name) *name;
	WM_LIBJANSSON_SYMBOLS(WM_LIBJANSSON_POINTER)
#undef WM_LIBJANSSON_POINTER
	/* jansson_version_str: since 2.13 (NULL in an older one) */
	const char *(*version_str)(void);
} wm_libjansson_table;

extern wm_libjansson_table wm_libjansson;

/* As wm_libxml_load, for jansson: 2.7 or later (json_stringn).  A
 * jansson that tells its version (2.13 and later) is checked by it; an
 * older one by its functions (a required one missing fails the load). */
int wm_libjansson_load(wm_context *ctx, const char *source, const char *need);

#ifndef WM_LIBJANSSON_LOADER
#define json_array_get (*wm_libjansson.json_array_get)
#define json_array_size (*wm_libjansson.json_array_size)
#define json_delete (*wm_libjansson.json_delete)
#define json_dumps (*wm_libjansson.json_dumps)
#define json_integer_value (*wm_libjansson.json_integer_value)
#define json_loadb (*wm_libjansson.json_loadb)
#define json_null (*wm_libjansson.json_null)
#define json_object (*wm_libjansson.json_object)
#define json_object_get (*wm_libjansson.json_object_get)
#define json_object_iter (*wm_libjansson.json_object_iter)
#define json_object_iter_key (*wm_libjansson.json_object_iter_key)
#define json_object_iter_next (*wm_libjansson.json_object_iter_next)
#define json_object_iter_value (*wm_libjansson.json_object_iter_value)
#define json_object_key_to_iter (*wm_libjansson.json_object_key_to_iter)
#define json_object_set_new (*wm_libjansson.json_object_set_new)
#define json_string (*wm_libjansson.json_string)
#define json_string_length (*wm_libjansson.json_string_length)
#define json_string_value (*wm_libjansson.json_string_value)
#define json_stringn (*wm_libjansson.json_stringn)

/* jansson's inline functions call the library by its symbols: these call
 * it through the table. */
static inline void wm_json_decref(json_t *json)
{
	if (json && json->refcount != (size_t)-1 &&
	    JSON_INTERNAL_DECREF(json) == 0)
		json_delete(json);
}

static inline int wm_json_object_set(json_t *object, const char *key,
                                     json_t *value)
{
	return json_object_set_new(object, key, json_incref(value));
}

#define json_decref wm_json_decref
#define json_object_set wm_json_object_set
#endif

#endif
