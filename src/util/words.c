#include "words.h"

#include <string.h>

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
