/* The wire reader's slug and byline lines. */
#include "signoff.h"

#include "lines.h"

#define MAX_BYLINE_LEN 120
#define MAX_BYLINE_WORDS 10
#define MAX_TITLE_LEN 60
#define MAX_SLUG_LEN 100

/* A slug: one keyword of two or more parts joined by '-' or '/' ("BC-Senate-
 * Budget", "US-ECONOMY/JOBS"), perhaps with a word count, a date or a
 * version after it ("BC-Senate-Budget,0456", "... 1stLd-Writethru 03-26"):
 * words with a digit or a hyphen, never a plain word (a headline has
 * those). */
int wm_wire_slug(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n < 3 || n > MAX_SLUG_LEN)
		return 0;
	size_t i = t[0] == '^' ? 1 : 0;
	size_t seps = 0, upper = 0, seg = 0;
	for (; i < n && !is_space(t[i]) && t[i] != ','; i++) {
		char c = t[i];
		if (c == '-' || c == '/') {
			if (seg == 0)
				return 0;
			seps++;
			seg = 0;
		} else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		           (c >= '0' && c <= '9') || c == '.' || c == '&' || c == '_') {
			upper += c >= 'A' && c <= 'Z';
			seg++;
		} else {
			return 0;
		}
	}
	if (seps == 0 || upper == 0 || t[i - 1] == '.')
		return 0;
	while (i < n) {
		while (i < n && (is_space(t[i]) || t[i] == ','))
			i++;
		size_t b = i;
		int marked = 0;
		while (i < n && !is_space(t[i]) && t[i] != ',') {
			marked |= (t[i] >= '0' && t[i] <= '9') || t[i] == '-';
			i++;
		}
		if (i > b && !marked && !(i - b == 1 && t[b] == '<'))
			return 0;
	}
	return 1;
}

/* "By JANE DOE", "By  Matt Daily", "By Jane Doe and John Roe", "By Jane
 * Doe, Associated Press Writer": a name of capitalised words (and the small
 * words of names), then perhaps a comma and a title. */
int wm_wire_byline_shape(const char *t, size_t n)
{
	static const char *const name_small[] = {
		"and", "&", "de", "da", "di", "del", "dos", "das", "du", "van",
		"von", "der", "den", "le", "la", "al", "bin", "y", "ter", "e", NULL};
	static const char *const title_small[] = {
		"of", "for", "the", "and", "in", "at", "on", "to", "staff", "writer",
		"correspondent", "reporter", "editor", "special", NULL};
	if (n < 5 || n > MAX_BYLINE_LEN || !wm_ascii_iprefix(t, n, "by") ||
	    !is_space(t[2]))
		return 0;
	size_t i = 2, b, w, words = 0, names = 0;
	int in_title = 0;
	while ((w = next_word(t, n, &i, &b)) > 0) {
		const char *word = t + b;
		int comma = word[w - 1] == ',';
		size_t wl = comma ? w - 1 : w;
		if (++words > MAX_BYLINE_WORDS || has_digit(word, wl))
			return 0;
		if (wl && starts_upper(word, wl)) {
			names += !in_title;
		} else if (!word_in(word, wl, in_title ? title_small : name_small)) {
			return 0;
		}
		if (comma)
			in_title = 1;
	}
	if (names == 0)
		return 0;
	/* a sentence is no byline; "Jr." and initials may end one */
	if (t[n - 1] == '.') {
		size_t k = n - 1;
		while (k > 0 && !is_space(t[k - 1]))
			k--;
		return n - k <= 4;
	}
	return 1;
}

/* A title line under a byline: "Associated Press Writer". */
int wm_wire_byline_title(const line *l)
{
	static const char *const small[] = {"of", "for", "the", "and", "in",
	                                    "at", "on", NULL};
	size_t n;
	const char *t = ltext(l, &n);
	if (n == 0 || n > MAX_TITLE_LEN || has_digit(t, n) || ends_sentence(t, n) ||
	    t[n - 1] == '-')
		return 0;
	size_t i = 0, b, w, words = 0;
	while ((w = next_word(t, n, &i, &b)) > 0) {
		if (++words > 6)
			return 0;
		if (!starts_upper(t + b, w) && !word_in(t + b, w, small))
			return 0;
	}
	return words > 0;
}

