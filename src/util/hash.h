/* The one hash of the library: FNV-1a, 64 bits.  The writers take stable
 * identifiers from it (tei's idno, JSON-LD's @id), the template engine its
 * hash tables. */
#ifndef WM_UTIL_HASH_H
#define WM_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define WM_FNV_BASIS UINT64_C(0xcbf29ce484222325)

/* h, FNV-1a-hashed on over p[0..n). */
static inline uint64_t wm_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

#endif
