/* The one JSON string escaper (RFC 8259), for the JSON writer's values and
 * for serialised template data (the JSON form, JSON-LD). */
#ifndef WM_UTIL_JSON_H
#define WM_UTIL_JSON_H

#include <stddef.h>

#include "buf.h"

/* How BS and FF are written: as \b and \f (serialised data), or as \u0008
 * and \u000c (a value a template inserts into JSON).  Both are JSON; each
 * output has always been written its way, and stays so. */
enum { WM_JSON_SHORT_BF = 1 };

/* Appends the inside of a JSON string that holds s[0..len): '"', '\\' and
 * the C0 controls escaped, and U+2028 and U+2029 (which JavaScript before
 * ES2019 did not allow in a string). */
void wm_json_escape(wm_buf *out, const char *s, size_t len, unsigned flags);

#endif
