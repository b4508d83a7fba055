/* The data that templates render: a small JSON-like value tree.
 *
 * Writers turn an article into a wm_value (the article's JSON form plus
 * derived flags, meta and wiremark.version); the template engine reads it.
 * The engine knows nothing of articles.
 *
 * Ownership: a value owns its children.  wm_value_list_push and
 * wm_value_map_set take ownership of the value they are given.
 * wm_value_free(NULL) does nothing.  Allocation aborts on out-of-memory.
 * Null and the booleans are shared constants (no value can change them):
 * freeing them does nothing, and two of them may be the same pointer.
 */
#ifndef WM_TEMPLATE_VALUE_H
#define WM_TEMPLATE_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "ref.h"

typedef enum wm_value_type {
	WM_VALUE_NULL,
	WM_VALUE_BOOL,
	WM_VALUE_NUMBER,
	WM_VALUE_STRING,
	WM_VALUE_LIST,
	WM_VALUE_MAP,
	WM_VALUE_TYPE_MAX
} wm_value_type;

typedef struct wm_value wm_value;

wm_value *wm_value_null(void);
wm_value *wm_value_bool(int b);
wm_value *wm_value_number(double n);
/* Copies the bytes; s may hold any bytes (not NUL-terminated). */
wm_value *wm_value_string(const char *s, size_t len);
/* Copies a NUL-terminated string; NULL gives a null value. */
wm_value *wm_value_cstr(const char *s);
wm_value *wm_value_list(void);
wm_value *wm_value_map(void);
/* A map with room for about n entries in its own allocation (it grows past
 * them as any map does): fewer allocations for maps whose size is known. */
wm_value *wm_value_map_sized(size_t n);
void wm_value_free(wm_value *v);

wm_value_type wm_value_type_of(const wm_value *v);
int wm_value_bool_of(const wm_value *v);
double wm_value_number_of(const wm_value *v);
/* Returns the string's bytes (NUL-terminated) and stores its length. */
const char *wm_value_string_of(const wm_value *v, size_t *len);

/* Lists. */
void wm_value_list_push(wm_value *list, wm_value *item);
size_t wm_value_list_len(const wm_value *list);
const wm_value *wm_value_list_at(const wm_value *list, size_t i);

/* Maps keep insertion order; setting an existing key replaces its value. */
void wm_value_map_set(wm_value *map, const char *key, wm_value *val);
/* NULL when absent (a present null value is returned as a value). */
const wm_value *wm_value_map_get(const wm_value *map, const char *key);
const wm_value *wm_value_map_getn(const wm_value *map, const char *key, size_t keylen);
wm_value *wm_value_map_get_mut(wm_value *map, const char *key);
/* The hash of a key that wm_value_map_geth takes (the same for the same
 * bytes within one run of the program, not across runs), so that a caller
 * that looks the same key up often can hash it once. */
uint64_t wm_value_key_hash(const char *key, size_t keylen);
/* wm_value_map_getn with hash = wm_value_key_hash(key, keylen). */
const wm_value *wm_value_map_geth(const wm_value *map, const char *key,
                                  size_t keylen, uint64_t hash);
/* Appends key (keylen bytes) and val without looking for the key first:
 * the caller knows map does not hold it.  Takes ownership of val. */
void wm_value_map_add(wm_value *map, const char *key, size_t keylen,
                      wm_value *val);
size_t wm_value_map_len(const wm_value *map);
const char *wm_value_map_key_at(const wm_value *map, size_t i);
const wm_value *wm_value_map_value_at(const wm_value *map, size_t i);

/* Mustache truthiness: null, false, empty list are false; an empty string
 * is false too (as in the common implementations); everything else true. */
int wm_value_truthy(const wm_value *v);

/* Formats a number the way JSON and the Mustache spec expect ("1.21", "85",
 * "-0.5"), whatever the C locale: appends to out. */
void wm_value_format_number(wm_buf *out, double n);

/* A ref to v (ref.h): absent when v is NULL; lists and maps read v
 * itself, which must outlive the ref. */
void wm_value_ref(const wm_value *v, wm_ref *out);

/* Serialises as compact JSON on one line (object keys in insertion order). */
void wm_value_to_json(wm_buf *out, const wm_value *v);

#endif
