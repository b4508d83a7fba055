/* The places the dateline reader knows (gazetteer.h).  The list is the
 * file gazetteer.txt embedded as it is (tools/embed-file.py): one name a
 * line, sorted by its bytes, found by bisection over the lines, with no
 * index to build at start-up. */
#include "gazetteer.h"

#include <string.h>

/* the longest name looked up, in bytes: longer is no place of the list */
#define MAX_GAZETTEER_NAME 64

extern const unsigned char wm_gazetteer_text[];
extern const size_t wm_gazetteer_text_len;

/* s[0..n) as the list writes it, in key; its length, or 0 when it does
 * not fit. */
static size_t fold(const char *s, size_t n, char *key)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' && (k == 0 || key[k - 1] == ' '))
			continue;
		if (k == MAX_GAZETTEER_NAME)
			return 0;
		key[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	while (k > 0 && key[k - 1] == ' ')
		k--;
	return k;
}

static int compare(const char *key, size_t k, const unsigned char *t, size_t n)
{
	int c = memcmp(key, t, k < n ? k : n);
	if (c)
		return c;
	return k < n ? -1 : k > n;
}

int wm_gazetteer_has(const char *s, size_t n)
{
	char key[MAX_GAZETTEER_NAME];
	size_t k = fold(s, n, key);
	if (k == 0)
		return 0;
	const unsigned char *t = wm_gazetteer_text;
	size_t lo = 0, hi = wm_gazetteer_text_len; /* whole lines: [lo, hi) */
	while (lo < hi) {
		size_t b = lo + (hi - lo) / 2;
		while (b > lo && t[b - 1] != '\n')
			b--;
		const unsigned char *nl = memchr(t + b, '\n', hi - b);
		size_t e = nl ? (size_t)(nl - t) : hi;
		int c = compare(key, k, t + b, e - b);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = b;
		else
			lo = e + 1;
	}
	return 0;
}
