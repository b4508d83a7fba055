/* Scanning text sixteen bytes at a time for the bytes an escaper stops at.
 *
 * wm_scan_to (buf.h) reads a byte at a time through a table.  Where the
 * compiler has vector types (GCC and Clang: SSE2 on x86-64, NEON on arm64,
 * plain code elsewhere), a scanner made with WM_SCAN16 first tests sixteen
 * bytes at once against a cheap test that holds for every byte the table
 * marks (and may hold for others: a filter); only a block that passes it
 * is read through the table.  Results are those of wm_scan_to exactly.
 */
#ifndef WM_UTIL_SCAN_H
#define WM_UTIL_SCAN_H

#include <stdint.h>
#include <string.h>

#include "buf.h"

#if defined(__GNUC__)
typedef unsigned char wm_v16 __attribute__((vector_size(16)));
typedef signed char wm_m16 __attribute__((vector_size(16)));

static inline wm_v16 wm_v16_load(const unsigned char *p)
{
	wm_v16 v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* Whether any lane of a comparison's result is set. */
static inline int wm_m16_any(wm_m16 m)
{
	uint64_t a, b;
	memcpy(&a, &m, 8);
	memcpy(&b, (const char *)&m + 8, 8);
	return (a | b) != 0;
}

/* Defines name(s, i, len, stop): wm_scan_to, with filter(v) (an expression
 * of the wm_v16 v giving a wm_m16) tested on each block of sixteen. */
#define WM_SCAN16(name, filter)                                             \
	static inline size_t name(const char *s, size_t i, size_t len,          \
	                          const unsigned char stop[256])                \
	{                                                                       \
		const unsigned char *p = (const unsigned char *)s;                  \
		for (; len - i >= 16; i += 16) {                                    \
			wm_v16 v = wm_v16_load(p + i);                                  \
			if (!wm_m16_any(filter))                                        \
				continue;                                                   \
			for (size_t k = i; k < i + 16; k++)                             \
				if (stop[p[k]])                                             \
					return k;                                               \
		}                                                                   \
		return wm_scan_to(s, i, len, stop);                                 \
	}
#else
#define WM_SCAN16(name, filter)                                             \
	static inline size_t name(const char *s, size_t i, size_t len,          \
	                          const unsigned char stop[256])                \
	{                                                                       \
		return wm_scan_to(s, i, len, stop);                                 \
	}
#endif

#endif
