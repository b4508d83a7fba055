/* Word helpers of the readers. */
#ifndef WM_UTIL_WORDS_H
#define WM_UTIL_WORDS_H

#include <stddef.h>

/* Whether a and b are at most one edit apart (an insertion, a deletion, a
 * substitution or a swap of neighbours): the typos of teletype copy. */
int wm_one_edit(const char *a, const char *b);

/* Whether s[0..n) starts with lit, ASCII letters in either case alike. */
int wm_ascii_iprefix(const char *s, size_t n, const char *lit);

#endif
