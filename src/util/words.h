/* Word helpers of the readers. */
#ifndef WM_UTIL_WORDS_H
#define WM_UTIL_WORDS_H

#include <stddef.h>

/* Whether a and b are at most one edit apart (an insertion, a deletion, a
 * substitution or a swap of neighbours): the typos of teletype copy. */
int wm_one_edit(const char *a, const char *b);

/* Whether s[0..n) starts with lit, ASCII letters in either case alike. */
int wm_ascii_iprefix(const char *s, size_t n, const char *lit);

/* A set of words looked up with ASCII letters in either case alike: a
 * hash table over a constant list, built the first time it is asked
 * (by one thread; the others wait for it), so that a lookup costs a hash
 * and a compare or two instead of a compare per word of the list.
 *
 *   static wm_wordset labels = WM_WORDSET(label_words, count, NULL);
 *   if (wm_wordset_find(&labels, s, n) >= 0) ...
 *
 * word(arg, i) gives the i-th word (NULL: none there) for a list that is
 * not a plain array of strings (NULL word: words is one). */
#define WM_WORDSET_SLOTS 512

typedef struct wm_wordset {
	const char *const *words;
	size_t count;
	const char *(*word)(size_t i);
	_Atomic int state; /* 0: not built, 1: being built, 2: built */
	unsigned short slot[WM_WORDSET_SLOTS]; /* 1 + index, 0: empty */
} wm_wordset;

#define WM_WORDSET(words, count, word) {(words), (count), (word), 0, {0}}

/* The index of the first word of set equal to s[0..n) (ASCII letters in
 * either case alike), or -1. */
long wm_wordset_find(wm_wordset *set, const char *s, size_t n);

#endif
