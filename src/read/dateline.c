/* The dateline grammar.
 *
 *   dateline := place {"," region} [","] [date] [credit] dash
 *             | place {"," region} [","] dash date dash     (dash first)
 *             | credit dash
 *   place    := word {(" " | "/") word}          (see "evidence" below)
 *   region   := word {" " word}                   capitalised words; "de",
 *                                                 "of", "the" between them
 *   date     := month day | day month | month     (month alone only as a
 *               [ "," year ]                       comma part of its own)
 *   month    := English name or abbreviation, with or without a dot, in any
 *               case; a month name of another language service ("abr",
 *               "jun", "mars", "März"); one letter off an English name
 *               ("Narch", "Apri", "Macrh"), when only one month is that
 *               close: read with a warning
 *   day      := 1-2 digits, "3rd"; "l" and "O" for 1 and 0 with a warning;
 *               a day no month has ("March 187") keeps the date as text,
 *               with no ISO date and a warning
 *   credit   := "(" agency ")" | "/" agency "/" | ", Reuter" | ", Reuters"
 *   dash     := "-" | "--" | "–" | "—" | "_"
 *
 * The dash is the first one in the paragraph that stands apart (a space or
 * ')' before a hyphen, spaces around '_'); everything before it must parse
 * as above.
 *
 * Telling a dateline from a sentence that starts with capitals rests on
 * how much evidence the words before the dash give:
 *  - a date or a credit is strong evidence: the place may then be in mixed
 *    case ("Detroit, March 26 -"), even in lower case when the month is
 *    in lower case too (a desk that types datelines in lower case types
 *    all of it so: "omaha, april 7 -"), and may carry stray symbols from
 *    the transmission ("****LONDON", "ME}LBOURNE");
 *  - without one, the place must be in capitals (a sentence's subject is
 *    in mixed case, and "NATO said -" has a lower-case verb);
 *  - a place written as initials ("U.S.", "U.K.") names a country or an
 *    organisation, which a dateline never does ("U.S. - Japan talks ...");
 *  - a lone word in capitals with no region, date or credit ("GRADINGS -",
 *    "FOB RIVER -", "COPPER GRADE A -", all labels of lists and price
 *    tables) is taken only when a lead sentence follows the dash: eight
 *    words or more, the first starting with a capital letter.
 */
#include "dateline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

#define MAX_PREFIX 120
#define MAX_PLACE_WORDS 6
#define MAX_REGION_WORDS 4
#define MAX_AGENCY 40
#define MAX_PARTS 8
#define LEAD_WORDS 8

typedef struct span {
	size_t b, e; /* [b, e) into the paragraph text */
} span;

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static span trim(const char *s, span x)
{
	while (x.b < x.e && is_space(s[x.b]))
		x.b++;
	while (x.e > x.b && is_space(s[x.e - 1]))
		x.e--;
	return x;
}

static int span_len(span x)
{
	return (int)(x.e - x.b);
}

/* ---- the report ---------------------------------------------------------- */

WM_PRINTF(3, 4)
static size_t fail(wm_dateline_report *rep, const char *rule,
                   const char *fmt, ...)
{
	rep->rule = rule;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rep->detail, sizeof rep->detail, fmt, ap);
	va_end(ap);
	return 0;
}

WM_PRINTF(3, 4)
static void warn(wm_dateline_report *rep, size_t at, const char *fmt, ...)
{
	if (rep->nwarn == WM_DATELINE_MAX_WARNINGS)
		return;
	rep->warn[rep->nwarn].at = at;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rep->warn[rep->nwarn].msg, sizeof rep->warn[rep->nwarn].msg,
	          fmt, ap);
	va_end(ap);
	rep->nwarn++;
}

/* ---- the dash ------------------------------------------------------------ */

static int starts(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* Finds the first dash in s[from, lim) that stands apart; returns 1 and
 * its span, or 0. */
static int find_dash(const char *s, size_t len, size_t from, size_t lim,
                     span *dash)
{
	if (lim > len)
		lim = len;
	for (size_t i = from ? from : 1; i < lim; i++) {
		if (starts(s, len, i, "\xE2\x80\x93") || starts(s, len, i, "\xE2\x80\x94")) {
			dash->b = i;
			dash->e = i + 3;
			return 1;
		}
		if (s[i] == '-' && (is_space(s[i - 1]) || s[i - 1] == ')' ||
		                    i + 1 == len || is_space(s[i + 1]))) {
			size_t e = i;
			while (e < len && s[e] == '-')
				e++;
			if (e - i > 2 || (e < len && !is_space(s[e]))) {
				i = e;
				continue;
			}
			dash->b = i;
			dash->e = e;
			return 1;
		}
		if (s[i] == '_' && is_space(s[i - 1]) && i + 1 < len && is_space(s[i + 1])) {
			dash->b = i;
			dash->e = i + 1;
			return 1;
		}
	}
	return 0;
}

/* ---- words --------------------------------------------------------------- */

typedef struct word_shape {
	unsigned upper, lower, digits, marks, symbols;
} word_shape;

static word_shape shape_of(const char *s, span w)
{
	word_shape sh = {0, 0, 0, 0, 0};
	size_t i = w.b;
	while (i < w.e) {
		uint32_t c = wm_utf8_next(s, w.e, &i);
		wm_letter_case k = wm_ucs_case(c);
		if (k == WM_CASE_UPPER)
			sh.upper++;
		else if (k == WM_CASE_LOWER)
			sh.lower++;
		else if (c >= '0' && c <= '9')
			sh.digits++;
		else if (c == '.' || c == '\'' || c == '-' || c == '&' || c == 0x2019)
			sh.marks++;
		else
			sh.symbols++;
	}
	return sh;
}

/* The first letter of w (past stray symbols), or 0. */
static uint32_t first_letter(const char *s, span w)
{
	size_t i = w.b;
	while (i < w.e) {
		uint32_t c = wm_utf8_next(s, w.e, &i);
		if (wm_ucs_case(c) != WM_CASE_NONE)
			return c;
	}
	return 0;
}

/* Splits x at spaces into out[0..max); returns the count, max + 1 when
 * there are more. */
static size_t split_words(const char *s, span x, span *out, size_t max)
{
	size_t n = 0, i = x.b;
	while (i < x.e) {
		while (i < x.e && is_space(s[i]))
			i++;
		if (i >= x.e)
			break;
		size_t b = i;
		while (i < x.e && !is_space(s[i]))
			i++;
		if (n == max)
			return max + 1;
		out[n].b = b;
		out[n].e = i;
		n++;
	}
	return n;
}

static int word_is(const char *s, span w, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)span_len(w) == n && memcmp(s + w.b, lit, n) == 0;
}

/* "U.S.", "U.K", "N.Z.": single letters joined by dots. */
static int is_initials(const char *s, span w)
{
	unsigned letters = 0, dots = 0;
	for (size_t i = w.b; i < w.e; i++) {
		char c = s[i];
		int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		if (letter) {
			if (i > w.b && s[i - 1] != '.')
				return 0;
			letters++;
		} else if (c == '.') {
			dots++;
		} else {
			return 0;
		}
	}
	return letters >= 2 && dots >= 1;
}

/* Small words that stand between the capitalised words of a place name
 * ("RIO de JANEIRO", "Isle of Man", "Mexico la Ciudad"). */
static int is_particle(const char *s, span w)
{
	static const char *const particles[] = {
		"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
		"la", "le", "les", "el", "al", "am", "an", "im", "of", "the", "on",
		"upon", "sur", "en", "y", "van", "von", "der", "den", "ter", "aan"};
	for (size_t k = 0; k < sizeof particles / sizeof *particles; k++)
		if (word_is(s, w, particles[k]))
			return 1;
	return 0;
}

/* ---- the place ----------------------------------------------------------- */

/* The labels agencies put before a story or a paragraph ("URGENT -",
 * "UPDATE -", "EDITOR'S NOTE -"): words in capitals that are no place. */
static int is_wire_label(const char *s, span w)
{
	static const char *const labels[] = {
		"URGENT", "BREAKING", "FLASH", "BULLETIN", "ALERT", "ADVISORY",
		"UPDATE", "UPDATED", "CORRECTED", "CORRECTION", "CORRECTS", "REFILE",
		"REPEAT", "RPT", "NOTE", "EDITORS", "EDITOR'S", "ANALYSIS",
		"FACTBOX", "EXCLUSIVE", "INTERVIEW", "COLUMN", "PREVIEW", "REVIEW",
		"COMMENTARY", "FEATURE", "OBITUARY", "WRAPUP", "SIDEBAR"};
	for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
		if (word_is(s, w, labels[k]))
			return 1;
	return 0;
}

typedef enum place_mode {
	PLACE_CAPS,  /* no date, no credit: capitals only */
	PLACE_NAMED, /* a date or credit: capitalised words, stray symbols */
	PLACE_LOWER  /* a date with its month in lower case: any case */
} place_mode;

/* Checks x as a place; returns NULL, or why not (and the word in *bad). */
static const char *place_problem(const char *s, span x, place_mode mode,
                                 span *bad)
{
	span words[MAX_PLACE_WORDS + 1];
	size_t n = split_words(s, x, words, MAX_PLACE_WORDS);
	if (n == 0)
		return "there is no place before the dash";
	if (n > MAX_PLACE_WORDS) {
		*bad = x;
		return "too many words for a place";
	}
	unsigned letters = 0, initials = 0, parts = 0;
	for (size_t k = 0; k < n; k++) {
		/* "LONDON/PARIS": each side of a slash is a word */
		size_t b = words[k].b;
		for (size_t i = words[k].b; i <= words[k].e; i++) {
			if (i < words[k].e && s[i] != '/')
				continue;
			span w = {b, i};
			b = i + 1;
			*bad = w;
			if (w.b == w.e)
				return "an empty name beside a '/'";
			parts++;
			word_shape sh = shape_of(s, w);
			letters += sh.upper + sh.lower;
			if (sh.digits)
				return "a place has no digits";
			if (sh.upper + sh.lower == 0)
				return "a word with no letters";
			if (sh.symbols && (mode == PLACE_CAPS || sh.upper + sh.lower < 2))
				return "a word with symbols in it";
			initials += is_initials(s, w);
			int capital = wm_ucs_case(first_letter(s, w)) == WM_CASE_UPPER;
			switch (mode) {
			case PLACE_CAPS:
				if (sh.lower)
					return "without a date or a credit, a place is written in capitals";
				if (is_wire_label(s, w))
					return "an agency's label (URGENT, UPDATE, EDITOR'S NOTE, "
					       "...), not a place";
				break;
			case PLACE_NAMED:
				if (!capital && !(k > 0 && k + 1 < n && is_particle(s, w)))
					return "each word of a place starts with a capital";
				break;
			case PLACE_LOWER:
				break;
			}
		}
	}
	*bad = x;
	if (letters < 2)
		return "a place has two letters or more";
	if (initials == parts)
		return "initials name a country or an organisation, not a "
		       "dateline's city";
	return NULL;
}

/* A region: capitalised words ("Ore.", "N.Y.", "Australia", "West
 * Germany"); the small words "de", "of" and "the" may stand between. */
static int is_region(const char *s, span x, place_mode mode)
{
	span words[MAX_REGION_WORDS + 1];
	size_t n = split_words(s, x, words, MAX_REGION_WORDS);
	if (n == 0 || n > MAX_REGION_WORDS)
		return 0;
	for (size_t k = 0; k < n; k++) {
		span w = words[k];
		word_shape sh = shape_of(s, w);
		if (sh.symbols || sh.digits || sh.upper + sh.lower == 0)
			return 0;
		if (mode == PLACE_LOWER ||
		    wm_ucs_case(first_letter(s, w)) == WM_CASE_UPPER)
			continue;
		int small = word_is(s, w, "de") || word_is(s, w, "of") ||
		            word_is(s, w, "the");
		if (!small || (k == 0 && !word_is(s, w, "the")) || k == n - 1)
			return 0;
	}
	return 1;
}

/* A comma part that is only a stray dot ("N.Y,. March 13"). */
static int is_stray(const char *s, span x)
{
	for (size_t i = x.b; i < x.e; i++)
		if (s[i] != '.')
			return 0;
	return x.b < x.e;
}

/* ---- months -------------------------------------------------------------- */

static const char *const english_months[12][4] = {
	{"january", "jan", NULL, NULL},   {"february", "feb", NULL, NULL},
	{"march", "mar", NULL, NULL},     {"april", "apr", NULL, NULL},
	{"may", NULL, NULL, NULL},        {"june", "jun", NULL, NULL},
	{"july", "jul", NULL, NULL},      {"august", "aug", NULL, NULL},
	{"september", "sept", "sep", NULL}, {"october", "oct", NULL, NULL},
	{"november", "nov", NULL, NULL},  {"december", "dec", NULL, NULL},
};

/* Month names of other language services, as their datelines write them
 * (lower case; accented letters as written). */
static const struct {
	const char *name;
	int month;
} foreign_months[] = {
	/* Spanish */
	{"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4},
	{"abr", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8},
	{"ago", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12}, {"dic", 12},
	/* Portuguese */
	{"janeiro", 1}, {"fevereiro", 2}, {"fev", 2}, {"mar\xC3\xA7o", 3},
	{"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9}, {"set", 9},
	{"outubro", 10}, {"out", 10}, {"novembro", 11}, {"dezembro", 12},
	{"dez", 12},
	/* French */
	{"janvier", 1}, {"janv", 1}, {"f\xC3\xA9vrier", 2}, {"fevrier", 2},
	{"f\xC3\xA9vr", 2}, {"fevr", 2}, {"mars", 3}, {"avril", 4}, {"avr", 4},
	{"mai", 5}, {"juin", 6}, {"juillet", 7}, {"juil", 7},
	{"ao\xC3\xBBt", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
	{"novembre", 11}, {"d\xC3\xA9" "cembre", 12}, {"decembre", 12},
	{"d\xC3\xA9" "c", 12},
	/* Italian */
	{"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"aprile", 4},
	{"maggio", 5}, {"mag", 5}, {"giugno", 6}, {"giu", 6}, {"luglio", 7},
	{"lug", 7}, {"settembre", 9}, {"ottobre", 10}, {"ott", 10},
	{"dicembre", 12},
	/* German, Dutch */
	{"januar", 1}, {"j\xC3\xA4nner", 1}, {"februar", 2}, {"m\xC3\xA4rz", 3},
	{"maerz", 3}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10},
	{"dezember", 12}, {"januari", 1}, {"februari", 2}, {"maart", 3},
	{"mrt", 3}, {"mei", 5}, {"augustus", 8},
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

typedef enum month_how {
	MONTH_EXACT,   /* an English name or abbreviation */
	MONTH_FOREIGN, /* another language's */
	MONTH_TYPO     /* one letter off an English name */
} month_how;

typedef struct month_word {
	int month;     /* 1-12 */
	month_how how;
	int odd_case;  /* neither "march", "March" nor "MARCH" */
	int lower;     /* all in lower case */
} month_word;

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

/* Lower-cases w into low (ASCII and Latin-1 capitals); 0 if w has
 * characters no month name has, or is too long. */
static int fold_word(const char *s, span w, char *low, size_t cap,
                     unsigned *upper, unsigned *lower, int *first_upper)
{
	size_t n = 0;
	*upper = *lower = 0;
	*first_upper = 0;
	for (size_t i = w.b; i < w.e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (n + 2 >= cap)
			return 0;
		if (c >= 'A' && c <= 'Z') {
			(*upper)++;
			*first_upper |= i == w.b;
			low[n++] = (char)(c - 'A' + 'a');
		} else if (c >= 'a' && c <= 'z') {
			(*lower)++;
			low[n++] = (char)c;
		} else if (c == 0xC3 && i + 1 < w.e) {
			unsigned char d = (unsigned char)s[++i];
			if (d >= 0x80 && d <= 0x9E && d != 0x97) {
				(*upper)++;
				*first_upper |= i - 1 == w.b;
				d = (unsigned char)(d + 0x20);
			} else if (d >= 0xA0 && d <= 0xBF) {
				(*lower)++;
			} else {
				return 0;
			}
			low[n++] = (char)c;
			low[n++] = (char)d;
		} else {
			return 0;
		}
	}
	low[n] = '\0';
	return n > 0;
}

/* Reads w as a month ("Feb", "Feb.", "FEBRUARY", "abr", "Narch"). */
static int month_of(const char *s, span w, month_word *mw)
{
	if (w.e > w.b && s[w.e - 1] == '.')
		w.e--;
	char low[24];
	unsigned upper, lower;
	int first_upper;
	if (span_len(w) < 3 ||
	    !fold_word(s, w, low, sizeof low, &upper, &lower, &first_upper))
		return 0;
	mw->lower = upper == 0;
	mw->odd_case = !(upper == 0 || lower == 0 || (first_upper && upper == 1));
	for (int m = 0; m < 12; m++)
		for (int k = 0; k < 4 && english_months[m][k]; k++)
			if (!strcmp(low, english_months[m][k])) {
				mw->month = m + 1;
				mw->how = MONTH_EXACT;
				return 1;
			}
	for (size_t k = 0; k < sizeof foreign_months / sizeof *foreign_months; k++)
		if (!strcmp(low, foreign_months[k].name)) {
			mw->month = foreign_months[k].month;
			mw->how = MONTH_FOREIGN;
			return 1;
		}
	/* a typo: one edit from exactly one month's full name (four letters
	 * or more on both sides, so that "Mar" or "May" never stand in) */
	if (strlen(low) < 4)
		return 0;
	int found = 0;
	for (int m = 0; m < 12; m++) {
		const char *name = english_months[m][0];
		if (strlen(name) >= 4 && wm_one_edit(low, name)) {
			if (found && found != m + 1)
				return 0;
			found = m + 1;
		}
	}
	if (!found)
		return 0;
	mw->month = found;
	mw->how = MONTH_TYPO;
	return 1;
}

/* ---- days ---------------------------------------------------------------- */

typedef struct day_word {
	int day;        /* 1-31, or 0 when impossible or a year */
	int year;       /* a four-digit year instead of a day */
	int typo;       /* letters standing for digits ("l7", "2O") */
	int impossible; /* digits, but no month has that day */
} day_word;

/* Reads w as a day ("26", "3rd", "l7", "187") or a year ("1987"). */
static int day_of(const char *s, span w, day_word *dw)
{
	memset(dw, 0, sizeof *dw);
	size_t len = (size_t)span_len(w);
	if (len > 2) {
		const char *t = s + w.e - 2;
		int suffix = !strncmp(t, "st", 2) || !strncmp(t, "nd", 2) ||
		             !strncmp(t, "rd", 2) || !strncmp(t, "th", 2);
		if (suffix && s[w.e - 3] >= '0' && s[w.e - 3] <= '9')
			len -= 2;
	}
	if (len == 0 || len > 4)
		return 0;
	int v = 0, digits = 0, letters = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[w.b + i];
		if (c >= '0' && c <= '9') {
			digits++;
			v = v * 10 + (c - '0');
		} else if (c == 'l' || c == 'I') {
			letters++;
			v = v * 10 + 1;
		} else if (c == 'O' || c == 'o') {
			letters++;
			v = v * 10;
		} else {
			return 0;
		}
	}
	if (letters && (len > 2 || (!digits && !(len == 1 && s[w.b] == 'l'))))
		return 0;
	if (len == 4) {
		if (letters || v < 1000)
			return 0;
		dw->year = v;
		return 1;
	}
	dw->typo = letters > 0;
	if (v < 1 || v > 31)
		dw->impossible = 1;
	else
		dw->day = v;
	return 1;
}

static int days_in_month(int month)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30,
	                              31, 31, 30, 31, 30, 31};
	return mdays[month - 1];
}

/* ---- dates --------------------------------------------------------------- */

typedef struct date_match {
	span where;  /* the date as written */
	span month_at, day_at;
	month_word mw;
	day_word dw;
	int has_day;
	int year;
} date_match;

/* Finds a date at the end of x: "Feb 26", "26 Feb", "March" (alone only
 * when whole is set, i.e. x is a comma part of its own). */
static int date_at_end(const char *s, span x, int whole, date_match *dm)
{
	span words[64];
	size_t n = split_words(s, x, words, 63);
	if (n == 0 || n > 63)
		return 0;
	memset(dm, 0, sizeof *dm);
	if (n >= 2) {
		span a = words[n - 2], b = words[n - 1];
		if (month_of(s, a, &dm->mw) && day_of(s, b, &dm->dw)) {
			dm->where = (span){a.b, b.e};
			dm->month_at = a;
			dm->day_at = b;
			dm->has_day = !dm->dw.year;
			dm->year = dm->dw.year;
			return 1;
		}
		if (day_of(s, a, &dm->dw) && !dm->dw.year && month_of(s, b, &dm->mw)) {
			dm->where = (span){a.b, b.e};
			dm->month_at = b;
			dm->day_at = a;
			dm->has_day = 1;
			return 1;
		}
	}
	if (whole && n == 1 && month_of(s, words[0], &dm->mw)) {
		dm->where = words[0];
		dm->month_at = words[0];
		return 1;
	}
	return 0;
}

/* Warnings about how the date was read; whether it is a real date. */
static int check_date(const char *s, date_match *dm, wm_dateline_report *rep)
{
	span m = dm->month_at, d = dm->day_at;
	const char *name = month_names[dm->mw.month - 1];
	if (dm->mw.how == MONTH_TYPO)
		warn(rep, m.b, "month \"%.*s\" read as %s (a typo?)", span_len(m),
		     s + m.b, name);
	else if (dm->mw.odd_case)
		warn(rep, m.b, "month \"%.*s\" in odd case, read as %s", span_len(m),
		     s + m.b, name);
	if (dm->has_day && dm->dw.typo && !dm->dw.impossible)
		warn(rep, d.b, "day \"%.*s\" read as %d (letters for digits)",
		     span_len(d), s + d.b, dm->dw.day);
	if (dm->has_day && (dm->dw.impossible ||
	                    dm->dw.day > days_in_month(dm->mw.month))) {
		warn(rep, dm->where.b,
		     "impossible date \"%.*s\" kept as written, with no ISO date",
		     span_len(dm->where), s + dm->where.b);
		return 0;
	}
	return 1;
}

/* ---- the credit ---------------------------------------------------------- */

static int is_agency(const char *s, span x)
{
	size_t len = (size_t)span_len(x);
	if (len == 0 || len > MAX_AGENCY)
		return 0;
	unsigned char c0 = (unsigned char)s[x.b];
	if (!(c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z')))
		return 0;
	unsigned words = 1;
	for (size_t i = x.b; i < x.e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			words++;
		if (!(c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == ' ' || c == '!' || c == '&' || c == '.' || c == '-' ||
		      c == '\''))
			return 0;
	}
	return words <= 4;
}

/* Takes a credit off the end of *pre: "(AP)", "/PRNewswire/", ", Reuter". */
static int take_credit(const char *s, span *pre, span *agency)
{
	if (pre->e <= pre->b)
		return 0;
	char last = s[pre->e - 1];
	if (last == ')' || last == '/') {
		char open = last == ')' ? '(' : '/';
		size_t at = pre->e - 1;
		while (at > pre->b && s[at - 1] != open)
			at--;
		if (at == pre->b || (open == '/' && at - 1 > pre->b &&
		                     !is_space(s[at - 2])))
			return 0;
		span a = trim(s, (span){at, pre->e - 1});
		if (!is_agency(s, a))
			return 0;
		*agency = a;
		*pre = trim(s, (span){pre->b, at - 1});
		return 1;
	}
	static const char *const reuter[] = {", reuters", ", reuter"};
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(reuter[k]);
		if ((size_t)span_len(*pre) <= n)
			continue;
		const char *t = s + pre->e - n;
		size_t i = 0;
		while (i < n && (t[i] == reuter[k][i] ||
		                 (t[i] >= 'A' && t[i] <= 'Z' && t[i] - 'A' + 'a' == reuter[k][i])))
			i++;
		if (i == n) {
			*agency = (span){pre->e - n + 2, pre->e};
			*pre = trim(s, (span){pre->b, pre->e - n});
			return 1;
		}
	}
	return 0;
}

/* ---- resolving the date -------------------------------------------------- */

static char *iso_date(const wm_context *ctx, const date_match *dm)
{
	int month = dm->mw.month, day = dm->dw.day, y;
	if (!dm->has_day || !day)
		return NULL;
	if (dm->year) {
		y = dm->year;
	} else {
		if (!ctx || !ctx->has_date)
			return NULL;
		y = ctx->year;
		if (month > ctx->month || (month == ctx->month && day > ctx->day))
			y--;
		for (int k = 0; k < 8 && !wm_date_valid(y, month, day); k++)
			y--;
	}
	if (!wm_date_valid(y, month, day))
		return NULL;
	wm_buf b = WM_BUF_INIT;
	wm_buf_printf(&b, "%04d-%02d-%02d", y, month, day);
	return wm_buf_detach(&b, NULL);
}

static char *dup_span(const char *s, span x)
{
	x = trim(s, x);
	return x.b < x.e ? wm_xstrndup(s + x.b, x.e - x.b) : NULL;
}

/* ---- the lead sentence --------------------------------------------------- */

/* Whether s[from, len) reads as the lead sentence of a story: LEAD_WORDS
 * words or more, the first starting with a capital letter (after quotes),
 * words rather than figures (one of the first LEAD_WORDS at most has a
 * digit: "Cash easier 3months barely steady 3000" is a price report). */
static int is_lead(const char *s, size_t from, size_t len)
{
	span words[LEAD_WORDS + 1];
	size_t n = split_words(s, (span){from, len}, words, LEAD_WORDS);
	if (n < LEAD_WORDS)
		return 0;
	unsigned figures = 0;
	for (size_t k = 0; k < LEAD_WORDS; k++)
		figures += shape_of(s, words[k]).digits > 0;
	if (figures > 1)
		return 0;
	size_t i = words[0].b;
	uint32_t c;
	do
		c = wm_utf8_next(s, words[0].e, &i);
	while (i < words[0].e && (c == '"' || c == '\'' || c == 0x201C ||
	                          c == 0x2018 || c == '`'));
	return wm_ucs_case(c) == WM_CASE_UPPER;
}

/* ---- the whole ----------------------------------------------------------- */

typedef struct parsed {
	span place;
	span region;    /* from the first region part to the last */
	int has_place, has_region;
	date_match dm;
	int has_date, real_date;
	span agency;
	int has_agency;
	span dash;
	int dash_first; /* "PLACE, REGION - Mon DD -" */
} parsed;

/* A date standing between two dashes right after the first one:
 * "KANSAS CITY, Mo. - March 13 - ...". */
static int date_after_dash(const char *s, size_t len, parsed *p)
{
	span dash2;
	size_t from = p->dash.e;
	if (!find_dash(s, len, from, from + 24, &dash2))
		return 0;
	span between = trim(s, (span){from, dash2.b});
	date_match dm;
	if (!date_at_end(s, between, 1, &dm) || dm.where.b != between.b)
		return 0;
	p->dm = dm;
	p->has_date = 1;
	p->dash = dash2;
	p->dash_first = 1;
	return 1;
}

static const char *shape_name(const parsed *p)
{
	if (!p->has_place)
		return "a credit alone";
	if (p->dash_first)
		return "a place, a dash, then the date";
	if (p->has_date && p->has_agency)
		return "a place with a date and a credit";
	if (p->has_date)
		return "a place with a date";
	if (p->has_agency)
		return "a place with a credit";
	if (p->has_region)
		return "a place in capitals with a region";
	return "a place in capitals before a lead sentence";
}

static void describe(const wm_dateline *d, wm_dateline_report *rep)
{
	wm_buf b = WM_BUF_INIT;
	if (d->place)
		wm_buf_printf(&b, "place \"%s\"", d->place);
	if (d->region)
		wm_buf_printf(&b, "%sregion \"%s\"", b.len ? ", " : "", d->region);
	if (d->date)
		wm_buf_printf(&b, "%sdate \"%s\"%s%s%s", b.len ? ", " : "", d->date,
		              d->iso_date ? " (" : "", d->iso_date ? d->iso_date : "",
		              d->iso_date ? ")" : "");
	if (d->agency)
		wm_buf_printf(&b, "%scredit \"%s\"", b.len ? ", " : "", d->agency);
	wm_buf_printf(&b, "%sdash \"%s\"", b.len ? ", " : "", d->dash);
	snprintf(rep->detail, sizeof rep->detail, "%s", wm_buf_cstr(&b));
	wm_buf_free(&b);
}

size_t wm_dateline_read(const wm_context *ctx, const char *s, size_t len,
                        wm_dateline **out, wm_dateline_report *report)
{
	wm_dateline_report dummy;
	wm_dateline_report *rep = report ? report : &dummy;
	memset(rep, 0, sizeof *rep);
	*out = NULL;
	parsed p;
	memset(&p, 0, sizeof p);
	if (len == 0 || is_space(s[0]))
		return fail(rep, "the paragraph starts with a space", "%s", "");
	if (!find_dash(s, len, 0, MAX_PREFIX, &p.dash))
		return fail(rep, "no dash near the start", "%s", "");
	span pre = trim(s, (span){0, p.dash.b});

	p.has_agency = take_credit(s, &pre, &p.agency);
	if (pre.e > pre.b && s[pre.e - 1] == ',')
		pre = trim(s, (span){pre.b, pre.e - 1});

	/* split the rest at commas */
	span parts[MAX_PARTS];
	size_t nparts = 0, b = pre.b;
	for (size_t i = pre.b; pre.b < pre.e && i <= pre.e; i++) {
		if (i < pre.e && s[i] != ',')
			continue;
		if (nparts == MAX_PARTS)
			return fail(rep, "too many commas before the dash", "%s", "");
		parts[nparts++] = trim(s, (span){b, i});
		b = i + 1;
	}

	/* a year of its own after the date: "Jan. 5, 2024" */
	date_match dm;
	day_word yw;
	if (nparts >= 2 && day_of(s, parts[nparts - 1], &yw) && yw.year &&
	    date_at_end(s, parts[nparts - 2], 0, &dm) && dm.has_day) {
		dm.year = yw.year;
		p.dm = dm;
		p.dm.where.e = parts[nparts - 1].e;
		p.has_date = 1;
		nparts--;
		parts[nparts - 1].e = dm.where.b;
		parts[nparts - 1] = trim(s, parts[nparts - 1]);
		if (parts[nparts - 1].b == parts[nparts - 1].e)
			nparts--;
	} else if (nparts >= 1 && date_at_end(s, parts[nparts - 1], nparts > 1, &dm)) {
		/* the date, at the end of the last part */
		p.dm = dm;
		p.has_date = 1;
		parts[nparts - 1].e = dm.where.b;
		parts[nparts - 1] = trim(s, parts[nparts - 1]);
		if (parts[nparts - 1].b == parts[nparts - 1].e)
			nparts--;
	}
	if (nparts == 0 && !p.has_agency)
		return fail(rep, p.has_date ? "a date with no place before the dash"
		                            : "nothing before the dash", "%s", "");
	if (nparts == 0 && p.has_date)
		return fail(rep, "a date and credit with no place", "%s", "");
	for (size_t k = 0; k < nparts; k++)
		if (parts[k].b == parts[k].e)
			return fail(rep, "an empty part between commas", "%s", "");
	if (!p.has_date && nparts >= 1)
		date_after_dash(s, len, &p);

	place_mode mode = PLACE_CAPS;
	if (p.has_date)
		mode = p.dm.mw.lower ? PLACE_LOWER : PLACE_NAMED;
	else if (p.has_agency)
		mode = PLACE_NAMED;
	if (nparts >= 1) {
		span bad = parts[0];
		const char *why = place_problem(s, parts[0], mode, &bad);
		if (why)
			return fail(rep, "not a place", "\"%.*s\": %s",
			            span_len(bad), s + bad.b, why);
		p.place = parts[0];
		p.has_place = 1;
	}
	for (size_t k = 1; k < nparts; k++)
		if (!is_region(s, parts[k], mode) &&
		    !(k > 1 && is_stray(s, parts[k])))
			return fail(rep, "not a region",
			            "\"%.*s\" after the place is no region (capitalised "
			            "words)", span_len(parts[k]), s + parts[k].b);
	if (nparts >= 2) {
		p.region = (span){parts[1].b, parts[nparts - 1].e};
		p.has_region = 1;
	}

	size_t after = p.dash.e;
	while (after < len && is_space(s[after]))
		after++;
	if (p.has_place && !p.has_date && !p.has_agency && !p.has_region &&
	    !is_lead(s, after, len))
		return fail(rep, "a label, not a place",
		            "\"%.*s\" stands alone before the dash, and no lead "
		            "sentence follows (%d words or more, from a capital, "
		            "words rather than figures)",
		            span_len(p.place), s + p.place.b, LEAD_WORDS);

	if (p.has_date)
		p.real_date = check_date(s, &p.dm, rep);

	wm_dateline *d = wm_dateline_new();
	d->text = wm_xstrndup(s, p.dash.e);
	d->dash = wm_xstrndup(s + p.dash.b, p.dash.e - p.dash.b);
	if (p.has_place)
		d->place = dup_span(s, p.place);
	if (p.has_region)
		d->region = dup_span(s, p.region);
	if (p.has_date) {
		d->date = dup_span(s, p.dm.where);
		if (p.real_date)
			d->iso_date = iso_date(ctx, &p.dm);
	}
	if (p.has_agency)
		d->agency = dup_span(s, p.agency);
	rep->rule = shape_name(&p);
	describe(d, rep);
	*out = d;
	return after;
}

size_t wm_dateline_parse(const wm_context *ctx, const char *s, size_t len,
                         wm_dateline **out)
{
	return wm_dateline_read(ctx, s, len, out, NULL);
}
