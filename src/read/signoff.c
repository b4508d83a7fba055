/* The wire reader's sign-offs: end marks, credits, "Reuter" and its
 * typos, "(MORE)", Xinhua's "Enditem", the desks' initials (PTI's "PTI
 * ABC DEF", AFP's "abc/def") and contributor lines ("Associated Press
 * writer Jane Doe contributed to this report."). */
#include "signoff.h"

#include "lines.h"

#define MAX_TRAILER_LEN 300
#define MAX_DESK_CODE 4     /* letters of a desk code ("ABC") */
#define MAX_DESK_WORDS 4    /* codes after "PTI" */
#define MAX_DESK_INITIALS 24 /* "bur-abc/def/gh" */

/* An end mark: the last line of a story that may have another after it. */
int wm_wire_end_mark(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	return ltext_is(l, "-30-") || ltext_is(l, "- 30 -") ||
	       ltext_is(l, "###") || ltext_is(l, "# # #") || ltext_is(l, "NNNN") ||
	       (n == 5 && wm_ascii_iprefix(t, n, "(end)"));
}

/* "(Reporting by ...; Editing by ...)", "(Additional reporting by ...)". */
int wm_wire_credit(const char *t, size_t n)
{
	static const char *const first_words[] = {
		"reporting", "additional", "writing", "written", "editing",
		"edited", "compiled", "research", "researched", "with", "by",
		"reported", "translated", "production", "produced", NULL};
	if (n < 6 || t[0] != '(' || t[n - 1] != ')' || n > MAX_TRAILER_LEN)
		return 0;
	size_t i = 1, b;
	size_t w = next_word(t, n - 1, &i, &b);
	if (!word_in(t + b, w, first_words))
		return 0;
	/* "by" among the first words */
	i = 1;
	for (int k = 0; k < 5; k++) {
		w = next_word(t, n - 1, &i, &b);
		if (w == 2 && wm_ascii_iprefix(t + b, w, "by"))
			return 1;
	}
	return 0;
}

/* A one-word sign-off ("Reuter", "REUTER...", "reuter^M", "REUETER",
 * "More"); *sentence is set when it ends with a single dot, as the last
 * word of a sentence would ("told\nReuters."). */
static const char *signoff_word(const char *t, size_t n, int *sentence)
{
	size_t e = n, dots = 0;
	for (;;) {
		if (e >= 2 && t[e - 2] == '^' && t[e - 1] == 'M')
			e -= 2; /* a carriage return written out by an old system */
		else if (e >= 1 && t[e - 1] == '.')
			e--, dots++;
		else if (e >= 1 && is_space(t[e - 1]))
			e--;
		else
			break;
	}
	*sentence = dots == 1;
	char low[16];
	if (e < 3 || e >= sizeof low)
		return NULL;
	for (size_t i = 0; i < e; i++) {
		char c = t[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return NULL;
		low[i] = c;
	}
	low[e] = '\0';
	if (!strcmp(low, "more"))
		return "\"More\": the story goes on in the next take";
	if (!strcmp(low, "end") || !strcmp(low, "ends"))
		return "the end of the story";
	if (!strcmp(low, "enditem"))
		return "Xinhua's sign-off (\"Enditem\")";
	/* one letter off, keeping the "re" or "ru" ("REUTE", "REUETER",
	 * "RUETER"; not "router") */
	if (low[0] == 'r' && (low[1] == 'e' || low[1] == 'u') &&
	    (wm_one_edit(low, "reuter") || wm_one_edit(low, "reuters")))
		return strcmp(low, "reuter") && strcmp(low, "reuters")
		               ? "the agency's sign-off, misspelt"
		               : "the agency's sign-off";
	return NULL;
}

/* A desk's initials: n words of two to four capitals ("PTI ABC DEF":
 * the agency, then its desk's codes). */
static int desk_codes(const char *t, size_t n, size_t i)
{
	size_t words = 0;
	while (i < n) {
		size_t b = i;
		while (i < n && t[i] >= 'A' && t[i] <= 'Z')
			i++;
		if (i - b < 2 || i - b > MAX_DESK_CODE)
			return 0;
		words++;
		if (i < n && t[i] != ' ')
			return 0;
		while (i < n && t[i] == ' ')
			i++;
	}
	return words >= 1 && words <= MAX_DESK_WORDS;
}

/* PTI's and UNI's last line: "PTI ABC DEF", "UNI XC AS". */
static int is_agency_desk(const char *t, size_t n)
{
	return n > 4 && (memcmp(t, "PTI ", 4) == 0 || memcmp(t, "UNI ", 4) == 0) &&
	       desk_codes(t, n, 4);
}

/* AFP's desk initials: lower-case initials joined by '/' and '-', one
 * '/' at least ("abc/def", "bur-sst/jj"). */
static int is_desk_initials(const char *t, size_t n)
{
	size_t slashes = 0, run = 0;
	if (n < 5 || n > MAX_DESK_INITIALS || (n == 6 && memcmp(t, "and/or", 6) == 0))
		return 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && t[i] >= 'a' && t[i] <= 'z') {
			run++;
			continue;
		}
		if (run < 2 || run > MAX_DESK_CODE + 1)
			return 0;
		run = 0;
		if (i < n && t[i] == '/')
			slashes++;
		else if (i < n && t[i] != '-')
			return 0;
	}
	return slashes >= 1;
}

/* "Associated Press writer Jane Doe contributed to this report.": one
 * sentence from a capital, ending with what the contributors did. */
static int is_contributors(const char *t, size_t n)
{
	static const char *const endings[] = {
		"contributed to this report.", "contributed to this story.",
		"contributed reporting.", "helped with this story.",
		"contributed to this article.", NULL};
	if (n < 20 || t[0] < 'A' || t[0] > 'Z')
		return 0;
	for (const char *const *e = endings; *e; e++) {
		size_t k = strlen(*e);
		if (n > k && t[n - k - 1] == ' ' && memcmp(t + n - k, *e, k) == 0)
			return 1;
	}
	return 0;
}

/* Why l is a sign-off line, or NULL.  prev is the line before it when that
 * is in the same block. */
const char *wm_wire_trailer_kind(const line *l, const line *prev)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n == 0 || n > MAX_TRAILER_LEN)
		return NULL;
	if (wm_wire_end_mark(l))
		return "an end mark";
	if (n == 6 && wm_ascii_iprefix(t, n, "(more)"))
		return "(MORE): the story goes on in the next take";
	if (wm_wire_credit(t, n))
		return "reporting and editing credits";
	if (is_agency_desk(t, n))
		return "the agency's desk codes (\"PTI ABC DEF\")";
	if (is_desk_initials(t, n))
		return "the desk's initials (\"abc/def\")";
	if (is_contributors(t, n))
		return "the contributors (\"... contributed to this report.\")";
	int sentence;
	const char *why = signoff_word(t, n, &sentence);
	if (why && sentence && prev) {
		size_t pn;
		const char *pt = ltext(prev, &pn);
		if (!ends_sentence(pt, pn))
			return NULL; /* "... he told\nReuters." */
	}
	return why;
}


/* AP's separator before the notes that end a story: "___". */
int wm_wire_rule(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n < 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (t[i] != '_')
			return 0;
	return 1;
}
