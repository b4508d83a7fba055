#include "words.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "hash.h"

/* Restricted Damerau-Levenshtein distance, capped: whether a and b are at
 * most one edit (insertion, deletion, substitution, swap of neighbours)
 * apart. */
int wm_one_edit(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > nb + 1 || nb > na + 1)
		return 0;
	size_t i = 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (i == na && i == nb)
		return 1;
	if (na == nb) {
		if (!strcmp(a + i + 1, b + i + 1))
			return 1; /* substitution */
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       !strcmp(a + i + 2, b + i + 2); /* swap */
	}
	if (na > nb)
		return !strcmp(a + i + 1, b + i);
	return !strcmp(a + i, b + i + 1);
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int wm_ascii_iprefix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (ascii_lower(s[i]) != ascii_lower(lit[i]))
			return 0;
	return 1;
}

/* ---- word sets ----------------------------------------------------------- */

static unsigned char fold(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
}

static size_t fold_hash(const char *s, size_t n)
{
	uint64_t h = WM_FNV_BASIS;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = fold((unsigned char)s[i]);
		h = wm_fnv1a(h, &c, 1);
	}
	return (size_t)(h ^ (h >> 32)) & (WM_WORDSET_SLOTS - 1);
}

/* Whether word (NUL-terminated) is s[0..n), ASCII case aside. */
static int same_folded(const char *word, const char *s, size_t n)
{
	size_t i = 0;
	for (; i < n && word[i]; i++)
		if (fold((unsigned char)word[i]) != fold((unsigned char)s[i]))
			return 0;
	return i == n && word[i] == '\0';
}

static const char *set_word(const wm_wordset *set, size_t i)
{
	return set->word ? set->word(i) : set->words[i];
}

static void build(wm_wordset *set)
{
	for (size_t i = 0; i < set->count; i++) {
		const char *w = set_word(set, i);
		if (!w)
			continue;
		size_t n = strlen(w), h = fold_hash(w, n);
		/* an equal word seen before keeps its place: the first counts */
		while (set->slot[h] && !same_folded(set_word(set, set->slot[h] - 1u),
		                                    w, n))
			h = (h + 1) & (WM_WORDSET_SLOTS - 1);
		if (!set->slot[h])
			set->slot[h] = (unsigned short)(i + 1);
	}
}

long wm_wordset_find(wm_wordset *set, const char *s, size_t n)
{
	int state = atomic_load_explicit(&set->state, memory_order_acquire);
	if (state != 2) {
		int expect = 0;
		if (atomic_compare_exchange_strong(&set->state, &expect, 1)) {
			build(set);
			atomic_store_explicit(&set->state, 2, memory_order_release);
		}
		while (atomic_load_explicit(&set->state, memory_order_acquire) != 2)
			;
	}
	size_t h = fold_hash(s, n);
	for (unsigned short k; (k = set->slot[h]) != 0;
	     h = (h + 1) & (WM_WORDSET_SLOTS - 1))
		if (same_folded(set_word(set, k - 1u), s, n))
			return (long)k - 1;
	return -1;
}
