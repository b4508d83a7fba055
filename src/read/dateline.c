/* The dateline grammar (docs/datelines.md gives it whole, with what each
 * rule accepts and refuses; --explain names the rules by the names that
 * shape_name and fail() give them here).
 *
 *   dateline := [credit dash] place {"," region} ["(" region ")"] [","]
 *               [date] [credit] ending
 *             | place {"," region} [","] dash date dash     (dash first)
 *             | [date] credit ending
 *   place    := word {(" " | "/") word}; "PLACE." before a date
 *   region   := capitalised words; "de", "of", "the" between them
 *   date     := month day | day month | day "de" month  [["de"] year]
 *               | month (alone only as a comma part of its own)
 *               | "(" date ")"
 *   month    := English name or abbreviation, with or without a dot, in any
 *               case; a month name of another language service ("abr",
 *               "jun", "mars", "März", "déc"); one letter off an English name
 *               ("Narch", "Apri", "Macrh"), when only one month is that
 *               close: read with a warning
 *   day      := 1-2 digits, "3rd", "3.", "1er", "1º"; "l" and "O" for 1 and
 *               0 with a warning; a day no month has ("March 187") keeps the
 *               date as text, with no ISO date and a warning
 *   credit   := "(" agency {"/" agency} ")" | "/" agency "/" | ", Reuter"
 *               | an agency of the table (agencies.c) that prints its credit
 *               bare, after the date
 *   ending   := dash | ".-" | ".—" | "._" | " | " | ":" | "." after a credit
 *               | nothing, after a credit of the table or a date
 *   dash     := "-" | "--" | "–" | "—" | "_"
 *
 * Each mark that could end a dateline is tried in order, up to the first
 * dash (a dateline never runs past it); a date with no mark after it is
 * tried last.
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

#include "../tree/calendar.h"
#include "../util/utf8.h"
#include "../util/words.h"
#include "agencies.h"
#include "dateline_script.h"
#include "gazetteer.h"

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
	if (rep->quiet) {
		rep->detail[0] = '\0';
		return 0;
	}
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

/* A report with nothing in it yet; read_spans makes one per mark tried,
 * so only what the grammar writes is cleared, not the whole struct. */
static void report_clear(wm_dateline_report *rep, int quiet)
{
	rep->rule = NULL;
	rep->detail[0] = '\0';
	rep->nwarn = 0;
	rep->quiet = quiet;
	rep->byline_b = rep->byline_e = 0;
}

/* The readings tried give no warnings (check_date does, once the
 * dateline is chosen): rule and detail are all there is to copy. */
static void report_copy(wm_dateline_report *to, const wm_dateline_report *from)
{
	to->rule = from->rule;
	to->quiet = from->quiet;
	to->nwarn = 0;
	size_t n = strlen(from->detail);
	memcpy(to->detail, from->detail, n + 1);
}

/* ---- the dash ------------------------------------------------------------ */

static int starts(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

static int is_long_dash(const char *s, size_t len, size_t i)
{
	return starts(s, len, i, "\xE2\x80\x93") || starts(s, len, i, "\xE2\x80\x94");
}

/* A dash typed twice over, joined ("-—", "—-"): the rest of it, after
 * the dash d; odd, but the dateline's all the same.  ("- -", with a space
 * between, stays a dash and a paragraph that starts with one: the writers
 * put a space after the dateline, so reading it as one dash would not give
 * back such a paragraph.) */
static void dash_rest(const char *s, size_t len, span *d)
{
	if (d->e < len && s[d->e] == '-' && (d->e + 1 == len || is_space(s[d->e + 1])))
		d->e++;
	else if (is_long_dash(s, len, d->e))
		d->e += 3;
}

/* Finds the first dash in s[from, lim) that stands apart; returns 1 and
 * its span, or 0. */
static int find_dash(const char *s, size_t len, size_t from, size_t lim,
                     span *dash)
{
	if (lim > len)
		lim = len;
	for (size_t i = from ? from : 1; i < lim; i++) {
		if (is_long_dash(s, len, i)) {
			dash->b = i;
			dash->e = i + 3;
			dash_rest(s, len, dash);
			return 1;
		}
		if (s[i] == '-' && (is_space(s[i - 1]) || s[i - 1] == ')' ||
		                    i + 1 == len || is_space(s[i + 1]))) {
			size_t e = i;
			while (e < len && s[e] == '-')
				e++;
			if (e - i == 1 && is_space(s[i - 1]) && is_long_dash(s, len, e)) {
				/* "-—" */
				*dash = (span){i, e + 3};
				return 1;
			}
			if (e - i > 2 || (e < len && !is_space(s[e]))) {
				i = e;
				continue;
			}
			dash->b = i;
			dash->e = e;
			dash_rest(s, len, dash);
			return 1;
		}
		if (s[i] == '_' && (is_space(s[i - 1]) || s[i - 1] == ')') &&
		    i + 1 < len && is_space(s[i + 1])) {
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
		unsigned char a = (unsigned char)s[i];
		if (a < 0x80) {
			/* ASCII, without the calls: what wm_ucs_case gives it */
			i++;
			if (a >= 'A' && a <= 'Z')
				sh.upper++;
			else if (a >= 'a' && a <= 'z')
				sh.lower++;
			else if (a >= '0' && a <= '9')
				sh.digits++;
			else if (a == '.' || a == '\'' || a == '-' || a == '&')
				sh.marks++;
			else
				sh.symbols++;
			continue;
		}
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

/* The labels wire services put before a headline, an alert or a
 * paragraph ("URGENT -", "UPDATE 1 -", "FLASH -", "EDITOR'S NOTE -"):
 * words that never name a place, in any case. */
static int is_wire_label(const char *s, span w)
{
	static const char *const labels[] = {
		"URGENT", "BREAKING", "FLASH", "BULLETIN", "ALERT", "ADVISORY",
		"UPDATE", "UPDATED", "CORRECTED", "CORRECTION", "CORRECTS", "REFILE",
		"REPEAT", "RPT", "NOTE", "EDITORS", "EDITOR'S", "ANALYSIS",
		"FACTBOX", "EXCLUSIVE", "INTERVIEW", "COLUMN", "PREVIEW", "REVIEW",
		"COMMENTARY", "FEATURE", "OBITUARY", "WRAPUP", "WRAP", "SIDEBAR",
		"BRIEF", "BRIEFS", "INSIGHT", "DIARY", "TABLE", "TIMELINE",
		"CHRONOLOGY", "QUOTEBOX", "SNAPSHOT", "POLL", "SCENARIOS",
		"NEWSMAKER", "WITNESS", "GRAPHIC", "PHOTO", "PHOTOS", "VIDEO",
		"CORRECTING", "REPEATING", "KILL", "WITHDRAWAL", "ELIMINATION",
		"SPOTLIGHT", "EXPLAINER", "BREAKINGVIEWS", "OPINION", "EDITORIAL",
		"ADVANCE", "EMBARGOED", "EMBARGO"};
	/* "BRIEF-Acme", "UPDATE 1-Acme": the label joined to a headline */
	for (size_t i = w.b; i < w.e; i++)
		if (s[i] == '-' && i > w.b) {
			w.e = i;
			break;
		}
	static wm_wordset set = WM_WORDSET(labels, sizeof labels / sizeof *labels,
	                                   NULL);
	return wm_wordset_find(&set, s + w.b, (size_t)span_len(w)) >= 0;
}

/* Words that start a sentence or a headline's label ("THE SPARK:", "WHAT
 * NEXT -", "BY THE NUMBERS:") and never a place written alone. */
static int is_function_word(const char *s, span w)
{
	static const char *const words[] = {
		"THE", "A", "AN", "WHAT", "WHY", "HOW", "WHO", "WHEN", "WHERE",
		"WHICH", "BY", "IN", "ON", "FOR", "AT", "TO", "AND", "BUT", "OR",
		"IF", "AS", "IT", "ITS", "WE", "I", "THIS", "THAT", "THESE", "THOSE",
		"HERE", "THERE", "IS", "ARE", "WAS", "NOT", "NO", "MORE", "OUR",
		"YOUR", "MY", "ALL", "SOME", "ABOUT", "FROM", "WITH", "AFTER",
		"BEFORE", "MEANWHILE", "ALSO", "STILL", "SO", "YES", "Q", "REPORTER",
		"SOURCE", "SOURCES", "TOPIC", "TOPICS", "SUMMARY", "KEY"};
	static wm_wordset set = WM_WORDSET(words, sizeof words / sizeof *words,
	                                   NULL);
	return wm_wordset_find(&set, s + w.b, (size_t)span_len(w)) >= 0;
}

typedef enum place_mode {
	PLACE_CAPS,  /* no date, no credit: capitals only */
	PLACE_MIXED, /* no date, no credit, a dash and a lead sentence:
	                capitalised words, at most three */
	PLACE_NAMED, /* a date or credit: capitalised words, stray symbols */
	PLACE_LOWER  /* a date with its month in lower case: any case */
} place_mode;

/* Checks x as a place; returns NULL, or why not (and the word in *bad). */
static const char *place_problem(const char *s, span x, place_mode mode,
                                 span *bad)
{
	span words[MAX_PLACE_WORDS + 1];
	size_t n = split_words(s, x, words, MAX_PLACE_WORDS);
	*bad = x;
	if (n == 0)
		return "there is no place before the dash";
	if (n > MAX_PLACE_WORDS)
		return "too many words for a place";
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
			if (parts == 1 && is_wire_label(s, w))
				return "labels: a wire service's label (URGENT, UPDATE, FLASH, "
				       "BRIEF, EXCLUSIVE, ...), not a place";
			if (parts == 1 && (mode == PLACE_CAPS || mode == PLACE_MIXED) &&
			    is_function_word(s, w))
				return "labels: a sentence's or a label's first word (THE, "
				       "WHAT, BY, ...), not a place written alone";
			switch (mode) {
			case PLACE_CAPS:
				if (sh.lower)
					return "without a date or a credit, a place is written in capitals";
				break;
			case PLACE_MIXED:
				if (n > 3)
					return "a place in mixed case with no date or credit has "
					       "three words at most";
				if (sh.symbols)
					return "a word with symbols in it";
				if (!capital && !(k > 0 && k + 1 < n && is_particle(s, w)))
					return "each word of a place starts with a capital";
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

/* place_problem's answers for one paragraph: the marks tried in turn
 * ask about the same words again (the place before the first comma is
 * that of every mark after it), and the answer depends on the span and
 * the mode alone. */
#define PLACE_MEMO 8

typedef struct place_memo {
	struct {
		span x, bad;
		place_mode mode;
		const char *why;
	} v[PLACE_MEMO];
	size_t n; /* answers held: v[0, min(n, PLACE_MEMO)), the oldest replaced */
} place_memo;

static const char *place_check(place_memo *m, const char *s, span x,
                               place_mode mode, span *bad)
{
	size_t held = m->n < PLACE_MEMO ? m->n : PLACE_MEMO;
	for (size_t k = 0; k < held; k++)
		if (m->v[k].x.b == x.b && m->v[k].x.e == x.e && m->v[k].mode == mode) {
			*bad = m->v[k].bad;
			return m->v[k].why;
		}
	span b;
	const char *why = place_problem(s, x, mode, &b);
	size_t at = m->n++ % PLACE_MEMO;
	m->v[at].x = x;
	m->v[at].bad = b;
	m->v[at].mode = mode;
	m->v[at].why = why;
	*bad = b;
	return why;
}

/* Why a place in mixed case with a dash alone is refused when the
 * gazetteer does not know it: a title, a company or a person's name
 * reads as such a place ("Silent Harbour - The film ...", "Acme Capital -
 * Shares ..."); a date, a credit or a region is evidence that it is a
 * place, and so is the gazetteer's word. */
#define UNKNOWN_PLACE                                                  \
	"with no date, credit nor region, a place in mixed case is one "   \
	"the gazetteer knows (GeoNames' cities): a title, a company's or " \
	"a person's name is not"

/* Whether each name of x ("Kyiv", "London/Paris") is in the gazetteer;
 * *bad is the first that is not. */
static int is_known_place(const char *s, span x, span *bad)
{
	size_t b = x.b;
	for (size_t i = x.b; i <= x.e; i++) {
		if (i < x.e && s[i] != '/')
			continue;
		span w = trim(s, (span){b, i});
		if (!wm_gazetteer_has(s + w.b, w.e - w.b)) {
			*bad = w;
			return 0;
		}
		b = i + 1;
	}
	return 1;
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

typedef struct month_word {
	int month;     /* 1-12 */
	wm_month_how how;
	int odd_case;  /* neither "march", "March" nor "MARCH" */
	int lower;     /* all in lower case */
} month_word;

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
		} else if (c >= 0xC3 && c <= 0xD1) {
			/* Latin-1, Latin Extended-A, Cyrillic: "DÉC", "Şubat", "декабря" */
			size_t k = i;
			uint32_t cp = wm_utf8_next(s, w.e, &k);
			wm_letter_case lc = wm_ucs_case(cp);
			if (lc == WM_CASE_NONE || cp == 0xD7 || cp == 0xF7)
				return 0;
			if (lc == WM_CASE_UPPER) {
				(*upper)++;
				*first_upper |= i == w.b;
				cp = wm_ucs_lower(cp);
			} else {
				(*lower)++;
			}
			if (cp < 0x80)
				low[n++] = (char)cp;
			else {
				low[n++] = (char)(0xC0 | (cp >> 6));
				low[n++] = (char)(0x80 | (cp & 0x3F));
			}
			i = k - 1;
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
	char low[32];
	unsigned upper, lower;
	int first_upper;
	if (span_len(w) < 3 ||
	    !fold_word(s, w, low, sizeof low, &upper, &lower, &first_upper))
		return 0;
	mw->lower = upper == 0;
	mw->odd_case = !(upper == 0 || lower == 0 || (first_upper && upper == 1));
	wm_month_how how;
	int month = wm_month_lookup(low, &how);
	if (!month)
		return 0;
	mw->month = month;
	mw->how = how;
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
	/* "3." (German and Russian ordinals, "3. Dezember"), "1er" (French),
	 * "1º" (Spanish, Portuguese): the mark after the digits */
	if (w.e - w.b >= 2 && s[w.e - 1] == '.' && s[w.e - 2] >= '0' && s[w.e - 2] <= '9')
		w.e--;
	else if (w.e - w.b >= 3 && s[w.e - 2] == 'e' && s[w.e - 1] == 'r' && s[w.e - 3] == '1')
		w.e -= 2;
	else if (w.e - w.b >= 3 && (unsigned char)s[w.e - 2] == 0xC2 &&
	         ((unsigned char)s[w.e - 1] == 0xBA || (unsigned char)s[w.e - 1] == 0xAA))
		w.e -= 2;
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

/* ---- dates --------------------------------------------------------------- */

typedef struct date_match {
	span where;  /* the date as written */
	span month_at, day_at;
	month_word mw;
	day_word dw;
	int has_day;
	int year;
	int short_year; /* a two-digit year ("9 SEP 89"): 1 + its value */
} date_match;

static int is_date_particle(const char *s, span w)
{
	return word_is(s, w, "de") || word_is(s, w, "del");
}

/* A month and a day in words[k - 2..k): "Feb 26", "26 Feb", "3 de
 * diciembre", "mar. 01"; with dm->where from its first word. */
static int month_and_day(const char *s, const span *words, size_t k,
                         date_match *dm)
{
	if (k < 2)
		return 0;
	span a = words[k - 2], b = words[k - 1];
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
	/* "3 de diciembre", "2 de mayo" (Spanish, Portuguese) */
	if (k >= 3 && is_date_particle(s, a) && day_of(s, words[k - 3], &dm->dw) &&
	    !dm->dw.year && month_of(s, b, &dm->mw)) {
		dm->where = (span){words[k - 3].b, b.e};
		dm->month_at = b;
		dm->day_at = words[k - 3];
		dm->has_day = 1;
		return 1;
	}
	return 0;
}

/* "9 SEP 89", "23 JAN 90": day, month and a two-digit year, as the
 * archives of 1980s agency copy write them (the century comes from the
 * reference date). */
static int short_year(const char *s, const span *words, size_t n,
                      date_match *dm)
{
	span y = words[n - 1];
	if (span_len(y) != 2 || s[y.b] < '0' || s[y.b] > '9' || s[y.b + 1] < '0' ||
	    s[y.b + 1] > '9' || !month_and_day(s, words, n - 1, dm) ||
	    dm->day_at.b != dm->where.b || !dm->has_day)
		return 0;
	dm->short_year = 1 + (s[y.b] - '0') * 10 + (s[y.b + 1] - '0');
	dm->where.e = y.e;
	return 1;
}

/* "03.12.2026", "3/12/2026", "3.12.", "03-12-26": a date in figures, day
 * first (as every service outside the United States writes it); month
 * first only where the first number can be no month's day and the second
 * can ("12/23/2026").  A year in two digits takes the reference's century. */
static int numeric_date(const char *s, span w, date_match *dm)
{
	int v[3] = {0, 0, 0}, nd[3] = {0, 0, 0}, k = 0;
	char sep = 0;
	for (size_t i = w.b; i < w.e; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (nd[k]++ == 4)
				return 0;
			v[k] = v[k] * 10 + (c - '0');
		} else if ((c == '.' || c == '/' || c == '-') && (!sep || c == sep) &&
		           nd[k] && k < 2) {
			sep = c;
			k++;
		} else if (!(c == '.' && sep == '.' && k == 2 && !nd[2] && i + 1 == w.e)) {
			return 0;
		}
	}
	/* two separators: a year, or nothing after the last ("3.12.") */
	if (k != 2 || nd[0] > 2 || nd[1] > 2 || (nd[2] != 0 && nd[2] != 2 && nd[2] != 4) ||
	    (nd[2] == 0 && sep != '.'))
		return 0;
	int day = v[0], month = v[1];
	if (month > 12 && day <= 12)
		day = v[1], month = v[0];
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return 0;
	memset(dm, 0, sizeof *dm);
	dm->where = dm->month_at = dm->day_at = w;
	dm->mw.month = month;
	dm->mw.how = WM_MONTH_EXACT;
	dm->dw.day = day;
	dm->has_day = 1;
	dm->year = nd[2] == 4 ? v[2] : 0;
	dm->short_year = nd[2] == 2 ? 1 + v[2] : 0;
	return 1;
}

/* Finds a date at the end of x: "Feb 26", "26 Feb", "3 December 2026",
 * "3 de dezembro de 2026", "March" (alone only when whole is set, i.e. x
 * is a comma part of its own). */
static int date_at_end(const char *s, span x, int whole, date_match *dm)
{
	span words[64];
	size_t n = split_words(s, x, words, 63);
	if (n == 0 || n > 63)
		return 0;
	memset(dm, 0, sizeof *dm);
	/* a year after the day and month, with no comma: "3 December 2026" */
	day_word yw;
	if (n >= 3 && day_of(s, words[n - 1], &yw) && yw.year) {
		size_t k = n - 1;
		if (k >= 3 && is_date_particle(s, words[k - 1]))
			k--;
		if (month_and_day(s, words, k, dm) && dm->has_day) {
			dm->year = yw.year;
			dm->where.e = words[n - 1].e;
			return 1;
		}
		memset(dm, 0, sizeof *dm);
	}
	if (n >= 3 && short_year(s, words, n, dm))
		return 1;
	if (s[words[n - 1].e - 1] >= '0' && s[words[n - 1].e - 1] <= '9' ?
	    numeric_date(s, words[n - 1], dm) :
	    s[words[n - 1].e - 1] == '.' && numeric_date(s, words[n - 1], dm))
		return 1;
	if (month_and_day(s, words, n, dm))
		return 1;
	memset(dm, 0, sizeof *dm);
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
	const char *name = wm_month_name(dm->mw.month);
	if (dm->mw.how == WM_MONTH_TYPO)
		warn(rep, m.b, "month \"%.*s\" read as %s (a typo?)", span_len(m),
		     s + m.b, name);
	else if (dm->mw.odd_case)
		warn(rep, m.b, "month \"%.*s\" in odd case, read as %s", span_len(m),
		     s + m.b, name);
	if (dm->has_day && dm->dw.typo && !dm->dw.impossible)
		warn(rep, d.b, "day \"%.*s\" read as %d (letters for digits)",
		     span_len(d), s + d.b, dm->dw.day);
	if (dm->has_day && (dm->dw.impossible ||
	                    dm->dw.day > wm_days_in_month(dm->mw.month))) {
		warn(rep, dm->where.b,
		     "impossible date \"%.*s\" kept as written, with no ISO date",
		     span_len(dm->where), s + dm->where.b);
		return 0;
	}
	return 1;
}

/* ---- the credit ---------------------------------------------------------- */

/* The shape of a credit: an agency's name (letters, a few marks, digits
 * after a letter or as a name's first word: "92 News"), four words at most;
 * names joined by '/' ("xyz/dpa") when slash is set. */
static int is_agency(const char *s, span x, int slash)
{
	size_t len = (size_t)span_len(x);
	if (len == 0 || len > MAX_AGENCY)
		return 0;
	unsigned char c0 = (unsigned char)s[x.b];
	if (!(c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z') ||
	      (c0 >= '0' && c0 <= '9')))
		return 0;
	unsigned words = 1, letters = 0;
	for (size_t i = x.b; i < x.e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			words++;
		letters += c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		if (!(c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == ' ' || c == '!' || c == '&' ||
		      c == '.' || c == '-' || c == '\'' || (slash && c == '/')))
			return 0;
	}
	return words <= 4 && letters >= 2;
}

static int known_agency(const char *s, span x)
{
	return x.e > x.b && wm_agency_find(s + x.b, (size_t)span_len(x)) != NULL;
}

/* A credit printed with no parentheses after the date ("Dec. 3 Kyodo",
 * "Nov 5; PTI"): the last one or two words of *pre, when they are an
 * agency of the table that prints its credit so. */
static int take_bare_credit(const char *s, span *pre, span *agency)
{
	size_t n = 0;
	size_t i = pre->e;
	while (n < 2 && i > pre->b) {
		size_t e = i;
		while (i > pre->b && !is_space(s[i - 1]) && s[i - 1] != ',' && s[i - 1] != ';')
			i--;
		if (i == e)
			break;
		n++;
		span cand = {i, pre->e};
		const wm_agency *a = wm_agency_find_bare(s + cand.b, (size_t)span_len(cand));
		if (a && a->bare && i > pre->b) {
			*agency = cand;
			span rest = trim(s, (span){pre->b, i});
			while (rest.e > rest.b && (s[rest.e - 1] == ',' || s[rest.e - 1] == ';'))
				rest = trim(s, (span){rest.b, rest.e - 1});
			*pre = rest;
			return 1;
		}
		while (i > pre->b && is_space(s[i - 1]))
			i--;
	}
	return 0;
}

/* A credit with no parentheses, the last word of *pre after ", ", ". "
 * or a hyphen joined to a one-word place: "Tehran, Dec 3, IRNA",
 * "YEREVAN, DECEMBER 3, ARMENPRESS", "ASTANA. KAZINFORM", "Baku-APA",
 * "Москва. 3 декабря. INTERFAX.RU".  The word must be an agency of the
 * table; the place (and date) before it are read as usual. */
static int take_loose_credit(const char *s, span *pre, span *agency,
                             int endless)
{
	size_t i = pre->e;
	while (i > pre->b && !is_space(s[i - 1]))
		i--;
	span w = {i, pre->e}, rest;
	if (i > pre->b + 2 && (s[i - 2] == ',' || s[i - 2] == '.') && !endless) {
		rest = trim(s, (span){pre->b, i - 2});
	} else if (i == pre->b) {
		/* "Baku-APA": the place and the credit joined by a hyphen */
		size_t h = pre->e;
		while (h > pre->b && s[h - 1] != '-')
			h--;
		if (h < pre->b + 3)
			return 0;
		w = (span){h, pre->e};
		word_shape sh = shape_of(s, w);
		if (sh.lower) /* "SHARES-Kyodo Holdings": a slug, not a credit */
			return 0;
		rest = (span){pre->b, h - 1};
	} else {
		return 0;
	}
	month_word mw;
	if (rest.e <= rest.b || !known_agency(s, w) || month_of(s, w, &mw))
		return 0; /* "BUENOS AIRES, ABR 7": a month, not Agência Brasil */
	*agency = w;
	*pre = rest;
	return 1;
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
		if (!is_agency(s, a, open == '('))
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
	if (!dm->has_day || !dm->dw.day)
		return NULL;
	int ref[3] = {ctx ? ctx->year : 0, ctx ? ctx->month : 0, ctx ? ctx->day : 0};
	int year = dm->year;
	if (dm->short_year) {
		/* the century that puts the year on or before the reference's */
		if (!ctx || !ctx->has_date)
			return NULL;
		year = ref[0] - ref[0] % 100 + dm->short_year - 1;
		if (year > ref[0])
			year -= 100;
	}
	return wm_iso_date_resolve(year, dm->mw.month, dm->dw.day,
	                           ctx && ctx->has_date ? ref : NULL);
}

static char *dup_span(wm_arena *arena, const char *s, span x)
{
	x = trim(s, x);
	return x.b < x.e ? wm_arena_strndup(arena, s + x.b, x.e - x.b) : NULL;
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

/* ---- where the dateline ends -------------------------------------------- */

typedef enum end_kind {
	END_DASH,  /* a dash standing apart, or one joined to a '.' (".-") */
	END_PIPE,  /* " | " */
	END_COLON, /* ':' after a word ("KUALA LUMPUR:"), or standing apart */
	END_DOT,   /* '.' right after a credit ("/TASS/.", "(Kyodo).") */
	END_NONE   /* no mark: a sentence starts right after a credit or a date */
} end_kind;

typedef struct ending {
	span dash;   /* the mark; empty for END_NONE */
	end_kind kind;
	int spaced;  /* a ':' with a space before it, as a dash stands */
} ending;

#define MAX_ENDINGS 24

static int is_dash_char_at(const char *s, size_t len, size_t i, size_t *n)
{
	if (starts(s, len, i, "\xE2\x80\x93") || starts(s, len, i, "\xE2\x80\x94")) {
		*n = 3;
		return 1;
	}
	if (s[i] == '-' || s[i] == '_') {
		size_t e = i;
		while (e < len && s[e] == s[i] && e - i < 3)
			e++;
		*n = e - i;
		return e - i <= 2;
	}
	return 0;
}

/* Whether a sentence starts at s[from]: a capital letter or a figure,
 * perhaps after an opening quote. */
static int starts_sentence(const char *s, size_t from, size_t len)
{
	size_t i = from;
	if (i >= len)
		return 0;
	uint32_t c = wm_utf8_next(s, len, &i);
	if (c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0xAB ||
	    c == '`') {
		if (i >= len)
			return 0;
		c = wm_utf8_next(s, len, &i);
	}
	return wm_ucs_case(c) == WM_CASE_UPPER || (c >= '0' && c <= '9');
}

/* The places in the first MAX_PREFIX bytes where a dateline could end, in
 * order, up to and including the first dash (a dateline never runs past
 * its first dash); returns their count. */
static size_t find_endings(const char *s, size_t len, ending *out)
{
	size_t n = 0, lim = len < MAX_PREFIX ? len : MAX_PREFIX;
	for (size_t i = 1; i < lim && n < MAX_ENDINGS; i++) {
		size_t dn;
		if (s[i] == '(') {
			/* "(ACAN - EFE)", "(TELAM - ANSA)": no dash inside a credit */
			const char *c = memchr(s + i, ')', (len - i < MAX_AGENCY ? len - i : MAX_AGENCY));
			if (c && memchr(s + i, '-', (size_t)(c - (s + i)))) {
				i = (size_t)(c - s) - 1;
				continue;
			}
		}
		/* ".-", ".—", "._": the Spanish and Latin American dash */
		if (s[i] == '.' && !is_space(s[i - 1]) && i + 1 < len &&
		    is_dash_char_at(s, len, i + 1, &dn)) {
			out[n++] = (ending){{i, i + 1 + dn}, END_DASH, 0};
			return n;
		}
		span d;
		if (find_dash(s, len, i, i + 1, &d)) {
			out[n++] = (ending){d, END_DASH, 0};
			return n;
		}
		if (s[i] == '|' && is_space(s[i - 1]) && i + 1 < len && is_space(s[i + 1]))
			out[n++] = (ending){{i, i + 1}, END_PIPE, 0};
		else if (s[i] == ':' && (i + 1 == len || is_space(s[i + 1])))
			out[n++] = (ending){{i, i + 1}, END_COLON, is_space(s[i - 1])};
		else if (s[i] == '.' && i >= 3 && i + 1 < len && is_space(s[i + 1]) &&
		         s[i - 1] >= 'A' && s[i - 1] <= 'Z' && s[i - 2] >= 'A' &&
		         s[i - 2] <= 'Z' && s[i - 3] >= 'A' && s[i - 3] <= 'Z')
			out[n++] = (ending){{i, i + 1}, END_DOT, 0};
		else if (s[i] == '.' && (s[i - 1] == ')' || s[i - 1] == '/') &&
		         (i + 1 == len || is_space(s[i + 1]) ||
		          wm_ucs_case((unsigned char)s[i + 1]) == WM_CASE_UPPER))
			out[n++] = (ending){{i, i + 1}, END_DOT, 0};
		else if (is_space(s[i]) && !is_space(s[i - 1])) {
			/* no mark: only where a sentence starts after the space */
			size_t j = i;
			while (j < len && is_space(s[j]))
				j++;
			if (starts_sentence(s, j, len))
				out[n++] = (ending){{i, i}, END_NONE, 0};
		}
	}
	return n;
}

/* ---- the whole ----------------------------------------------------------- */

typedef struct parsed {
	span place;
	span region;    /* from the first region part to the last */
	int has_place, has_region;
	date_match dm;
	int has_date, real_date;
	span agency;
	int has_agency, known;
	span dash;      /* empty when no mark ends the dateline */
	end_kind kind;
	int spaced;       /* the ending's mark stands apart (" : ") */
	int date_in_parens; /* "PLACE (June 11):" */
	int dash_first;   /* "PLACE, REGION - Mon DD -" */
	int credit_first; /* "(ANSA) - MILAN, DEC 3 -" */
	int outlet_first; /* "TEMPO.CO, Jakarta -" */
	int mixed;        /* a place in mixed case with a dash alone */
	span marker;      /* "[TEXT]" after the dash (FBIS), or empty */
	int chained;      /* "ТАСС - КАЗИНФОРМ -": the agency that relays */
	size_t after;     /* where the paragraph's own text starts */
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

/* "MINSK. July 26": a period after the place, before the date, is no part
 * of the place (initials and abbreviations keep theirs). */
static span drop_place_period(const char *s, span x)
{
	if (x.e - x.b < 4 || s[x.e - 1] != '.')
		return x;
	size_t b = x.e - 1;
	while (b > x.b && !is_space(s[b - 1]))
		b--;
	for (size_t i = b; i < x.e - 1; i++)
		if (s[i] == '.')
			return x;
	word_shape sh = shape_of(s, (span){b, x.e - 1});
	if (sh.upper + sh.lower < 4 ||
	    wm_ucs_case(first_letter(s, (span){b, x.e - 1})) != WM_CASE_UPPER)
		return x;
	return trim(s, (span){x.b, x.e - 1});
}

/* w in lower case (ASCII letters, and the apostrophes and hyphens of
 * transliterations: "sha'ban"), without a dot or comma after it; 0 when w
 * has anything else or is too long. */
static int ascii_low(const char *s, span w, char *low, size_t cap)
{
	while (w.e > w.b && (s[w.e - 1] == '.' || s[w.e - 1] == ','))
		w.e--;
	if (w.e == w.b || (size_t)span_len(w) >= cap)
		return 0;
	for (size_t i = w.b; i < w.e; i++) {
		char c = s[i];
		if (!wm_ascii_alpha(c) && c != '\'' && c != '-')
			return 0;
		low[i - w.b] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	low[w.e - w.b] = '\0';
	return 1;
}

/* "Monday", "Mon.", "lundi": a weekday written before the date. */
static int is_weekday(const char *s, span x)
{
	span w[2];
	char low[32];
	unsigned up, lo;
	int fu;
	if (split_words(s, x, w, 1) != 1)
		return 0;
	if (s[w[0].e - 1] == '.')
		w[0].e--;
	return fold_word(s, w[0], low, sizeof low, &up, &lo, &fu) &&
	       wm_weekday_lookup(low) && (up == 0 || fu);
}

/* "Jumada Al-Awwal 12", "Azar 12", "1447 AH": a date of another calendar
 * (Hijri, Persian, Hebrew) printed beside the Gregorian one; year is set
 * when x is only a year ("1447", "1447 AH"). */
static int is_other_calendar(const char *s, span x, int *year)
{
	span w[6];
	size_t n = split_words(s, x, w, 5);
	int month = 0, digits = 0, words = 0;
	for (size_t k = 0; k < n && n <= 5; k++) {
		char low[32];
		word_shape sh = shape_of(s, w[k]);
		if (sh.digits && !sh.upper && !sh.lower)
			digits++;
		else if (ascii_low(s, w[k], low, sizeof low)) {
			words++;
			month |= wm_other_calendar_month(low);
			if (!strcmp(low, "ah") || !strcmp(low, "h") || !strcmp(low, "a-h"))
				words--;
		}
	}
	*year = digits == 1 && words == 0 && n <= 2;
	return n <= 5 && digits && (month || *year);
}

/* What may stand before the date in its own parts: a weekday ("LONDON,
 * Monday, Dec 3") joins the date; a date of another calendar ("Riyadh,
 * Jumada Al-Awwal 12, 1447, Nov 3, 2025") is neither place nor region
 * and stays in the text alone.  Returns the parts left. */
static size_t date_companions(const char *s, parsed *p, span *parts,
                              size_t nparts)
{
	/* ("TUE, APR 07 -" alone keeps its weekday for the place: with no
	 * credit, nothing else would anchor the dateline) */
	if ((nparts >= 2 || p->has_agency) && nparts >= 1 &&
	    is_weekday(s, parts[nparts - 1])) {
		p->dm.where.b = parts[nparts - 1].b;
		return nparts - 1;
	}
	int year = 0;
	if (nparts >= 3 && is_other_calendar(s, parts[nparts - 1], &year) && year &&
	    is_other_calendar(s, parts[nparts - 2], &year) && !year)
		return nparts - 2;
	if (nparts >= 2 && is_other_calendar(s, parts[nparts - 1], &year) && !year)
		return nparts - 1;
	return nparts;
}

/* Splits pre at commas into parts; takes the date off the end.  Returns
 * the count of parts, or -1 (rep says why). */
static int place_parts(const char *s, span pre, parsed *p, span *parts,
                       wm_dateline_report *rep)
{
	size_t nparts = 0, b = pre.b;
	for (size_t i = pre.b; pre.b < pre.e && i <= pre.e; i++) {
		if (i < pre.e && s[i] != ',')
			continue;
		if (nparts == MAX_PARTS) {
			fail(rep, "not a place", "too many commas before the dash");
			return -1;
		}
		parts[nparts++] = trim(s, (span){b, i});
		b = i + 1;
	}
	/* a year of its own after the date: "Jan. 5, 2024" */
	date_match dm;
	day_word yw;
	if (p->date_in_parens)
		return (int)nparts;
	if (nparts >= 2 && day_of(s, parts[nparts - 1], &yw) && yw.year &&
	    date_at_end(s, parts[nparts - 2], 0, &dm) && dm.has_day) {
		dm.year = yw.year;
		p->dm = dm;
		p->dm.where.e = parts[nparts - 1].e;
		p->has_date = 1;
		nparts--;
	} else if (nparts >= 1 && date_at_end(s, parts[nparts - 1], nparts > 1, &dm)) {
		p->dm = dm;
		p->has_date = 1;
	}
	if (p->has_date) {
		parts[nparts - 1].e = p->dm.where.b;
		parts[nparts - 1] = trim(s, parts[nparts - 1]);
		if (nparts == 1)
			parts[0] = drop_place_period(s, parts[0]);
		if (parts[nparts - 1].b == parts[nparts - 1].e)
			nparts--;
		nparts = date_companions(s, p, parts, nparts);
	}
	return (int)nparts;
}

/* Whether the credit is the acronym of the words before it ("World
 * Health Organization (WHO)", "Kenya News Agency (KNA)"): a name being
 * spelled out, not a dateline. */
static int spells_out(const char *s, span pre, span credit)
{
	char initials[16], letters[16];
	size_t ni = 0, nl = 0;
	span words[12];
	size_t n = split_words(s, pre, words, 11);
	if (n == 0 || n > 11)
		return 0;
	for (size_t k = 0; k < n && ni + 1 < sizeof initials; k++) {
		char c = s[words[k].b];
		if (c >= 'A' && c <= 'Z')
			initials[ni++] = c;
		else if (c >= '0' && c <= '9')
			ni = 0; /* a figure ends the name: "ANKARA, 3 Aralık (AA)" */
	}
	for (size_t i = credit.b; i < credit.e && nl + 1 < sizeof letters; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters[nl++] = s[i];
		else if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
	if (nl < 2 || nl > ni)
		return 0;
	/* the acronym's letters are the initials of the last words */
	return memcmp(initials + ni - nl, letters, nl) == 0;
}

/* Takes the credit off the end of *pre in any of its forms, and the marks
 * that may stand between it and the date ("December 3. /TASS/", "Nov 5;
 * PTI"); a region in parentheses before it ("Maribo (Denmark) (AFP)")
 * goes to *region. */
static void credit_of(const char *s, span *pre, parsed *p, span *region,
                      int *has_paren_region)
{
	span before = *pre;
	p->has_agency = take_credit(s, pre, &p->agency);
	date_match dm;
	if (p->has_agency && date_at_end(s, p->agency, 1, &dm) &&
	    dm.where.b == p->agency.b && dm.has_day) {
		/* "KUALA LUMPUR (June 11):": a date in parentheses */
		p->has_agency = 0;
		p->dm = dm;
		p->has_date = 1;
		p->date_in_parens = 1;
	} else if (p->has_agency && spells_out(s, *pre, p->agency)) {
		/* "World Health Organization (WHO)": a name and its acronym */
		p->has_agency = 0;
		*pre = before;
		return;
	}
	if (!p->has_agency && !p->has_date)
		p->has_agency = take_loose_credit(s, pre, &p->agency,
		                                  p->kind == END_NONE);
	if (!p->has_agency && !p->has_date) {
		/* a bare credit stands after a date, never alone */
		span was = *pre;
		p->has_agency = take_bare_credit(s, pre, &p->agency);
		if (p->has_agency && !(date_at_end(s, *pre, 0, &dm) && dm.has_day)) {
			p->has_agency = 0;
			*pre = was;
		}
	}
	p->known = p->has_agency && known_agency(s, p->agency);
	if (p->has_agency && pre->e > pre->b && s[pre->e - 1] == ')') {
		size_t at = pre->e - 1;
		while (at > pre->b && s[at - 1] != '(')
			at--;
		span inner = trim(s, (span){at, pre->e - 1});
		if (at > pre->b + 1 && is_region(s, inner, PLACE_NAMED) &&
		    !known_agency(s, inner)) {
			*region = inner;
			*has_paren_region = 1;
			*pre = trim(s, (span){pre->b, at - 1});
		}
	}
	while (pre->e > pre->b && (s[pre->e - 1] == ',' || s[pre->e - 1] == ';' ||
	                           (s[pre->e - 1] == '.' && pre->e - pre->b >= 2 &&
	                            ((s[pre->e - 2] >= '0' && s[pre->e - 2] <= '9') ||
	                             /* "3 декабря. /ТАСС/": Cyrillic has no
	                              * abbreviated month there */
	                             (p->has_agency && pre->e - pre->b >= 3 &&
	                              ((unsigned char)s[pre->e - 3] & 0xFE) == 0xD0)))))
		*pre = trim(s, (span){pre->b, pre->e - 1});
}

/* The place mode that the evidence before the end allows. */
static place_mode mode_of(const parsed *p)
{
	if (p->has_date)
		return p->dm.mw.lower ? PLACE_LOWER : PLACE_NAMED;
	return p->has_agency ? PLACE_NAMED : PLACE_CAPS;
}

/* What an ending with no dash needs: a credit of the table, or a date
 * right before the sentence. */
static int endless_ok(const char *s, const parsed *p, const span *parts,
                      size_t nparts, place_memo *memo, wm_dateline_report *rep)
{
	if (p->kind != END_NONE && p->kind != END_DOT)
		return 1;
	span bad;
	int caps = nparts >= 1 && !place_check(memo, s, parts[0], PLACE_CAPS, &bad);
	if (p->kind == END_DOT && !p->has_agency)
		return (int)fail(rep, "no dash", "a '.' ends a dateline only after a credit");
	if (p->kind == END_NONE && p->has_agency) {
		if (!p->known)
			return (int)fail(rep, "no dash",
			             "\"%.*s\" is no agency of the table: an unknown credit "
			             "needs a dash after it", span_len(p->agency),
			             s + p->agency.b);
		span bad2;
		if (!p->has_date && !caps && nparts < 2 &&
		    (nparts == 0 || place_check(memo, s, parts[0], PLACE_MIXED, &bad2)))
			return (int)fail(rep, "no dash",
			             "a credit with no dash needs a date, a region, or a "
			             "place of capitalised words before it");
	}
	if (p->kind == END_NONE && !p->has_agency) {
		if (!p->has_date || !p->dm.has_day)
			return (int)fail(rep, "no dash", "no dash, no credit and no date");
		if (nparts < 1)
			return (int)fail(rep, "no dash", "a date with no place before it");
		if (!caps && nparts == 1 && !p->has_region &&
		    memchr(s + parts[0].e, ',', p->dm.where.b - parts[0].e) == NULL)
			return (int)fail(rep, "no dash",
			             "with no dash and no credit, a place in mixed case "
			             "needs a comma before the date");
	}
	return 1;
}

/* "MOSCOW (USSR), 23 JAN 90", "SANTA FE (ARGENTINA)": a country in
 * parentheses after the place, the FBIS style; 1 when *place was split. */
static int split_paren_place(const char *s, span *place, span *region)
{
	if (place->e - place->b < 4 || s[place->e - 1] != ')')
		return 0;
	size_t o = place->e - 1;
	while (o > place->b && s[o] != '(')
		o--;
	if (o == place->b || !is_space(s[o - 1]))
		return 0;
	span inner = trim(s, (span){o + 1, place->e - 1});
	if (!is_region(s, inner, PLACE_NAMED) || known_agency(s, inner))
		return 0;
	*region = inner;
	*place = trim(s, (span){place->b, o});
	return 1;
}

/* "TEMPO.CO", "antaranews.com": an outlet's name written as its web
 * address, which never names a place. */
static int is_domain(const char *s, span w)
{
	size_t dot = w.e;
	while (dot > w.b && s[dot - 1] != '.')
		dot--;
	if (dot < w.b + 3 || w.e - dot < 2 || w.e - dot > 4)
		return 0;
	for (size_t i = w.b; i < w.e; i++)
		if (!wm_ascii_alnum(s[i]) && s[i] != '.' && s[i] != '-')
			return 0;
	for (size_t i = dot; i < w.e; i++)
		if (!wm_ascii_alpha(s[i]))
			return 0;
	return 1;
}

/* "TEMPO.CO, Jakarta -": the outlet first, then the place; 1 when parts
 * started with one (it is then the credit, and the parts move up). */
static int outlet_first(const char *s, parsed *p, span *parts, size_t *nparts)
{
	if (*nparts < 2 || p->has_agency || !is_domain(s, parts[0]))
		return 0;
	p->agency = parts[0];
	p->has_agency = 1;
	p->outlet_first = 1;
	memmove(parts, parts + 1, (*nparts - 1) * sizeof *parts);
	(*nparts)--;
	return 1;
}

/* "1430", "14:30", "9.45": the time of day, hh and mm. */
static int is_time_of_day(const char *s, span w, int bare)
{
	size_t n = (size_t)span_len(w), digits = 0, sep = 0;
	for (size_t i = w.b; i < w.e; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if ((s[i] == ':' || s[i] == '.') && i > w.b && i + 3 == w.e)
			sep++;
		else
			return 0;
	}
	return sep ? digits + 1 == n && digits >= 3 : bare && digits == 4;
}

/* "GMT", "hrs": what follows a time in a dateline. */
static int is_time_zone(const char *s, span w)
{
	static const char *const zones[] = {
		"GMT", "UTC", "HRS", "HOURS", "IST", "EST", "EDT", "CST", "CDT",
		"PST", "PDT", "CET", "CEST", "BST", "MSK", "JST", "KST", "WIB",
		"LOCAL", "LT"};
	for (size_t k = 0; k < sizeof zones / sizeof *zones; k++)
		if (wm_ascii_iprefix(s + w.b, (size_t)span_len(w), zones[k]) &&
		    strlen(zones[k]) == (size_t)span_len(w))
			return 1;
	return 0;
}

/* A time after the date ("Dec 3, 1430 GMT", "3 December 2026 14:30 GMT",
 * "Dec 3 1430 hrs"): taken off the end of *pre, when a date stands before
 * it (the time stays in the dateline's text). */
static void take_time(const char *s, span *pre)
{
	size_t b = pre->e;
	while (b > pre->b && !is_space(s[b - 1]))
		b--;
	span last = {b, pre->e};
	/* most places end with neither a time nor a zone after a figure:
	 * told by a byte or two, with no words split */
	int digit_before = b >= pre->b + 2 && s[b - 2] >= '0' && s[b - 2] <= '9';
	if (b == pre->e || !((digit_before && span_len(last) <= 5 &&
	                      is_time_zone(s, last)) ||
	                     (s[pre->e - 1] >= '0' && s[pre->e - 1] <= '9' &&
	                      is_time_of_day(s, last, 0))))
		return;
	span w[MAX_PLACE_WORDS + 8];
	size_t n = split_words(s, *pre, w, MAX_PLACE_WORDS + 7);
	if (n < 2 || n > MAX_PLACE_WORDS + 7)
		return;
	int zone = is_time_zone(s, w[n - 1]);
	if (zone && n < 3)
		return;
	span tw = w[n - 1 - (size_t)zone];
	if (!is_time_of_day(s, tw, zone))
		return;
	span rest = trim(s, (span){pre->b, tw.b});
	while (rest.e > rest.b && s[rest.e - 1] == ',')
		rest = trim(s, (span){rest.b, rest.e - 1});
	size_t c = rest.e;
	while (c > rest.b && s[c - 1] != ',')
		c--;
	date_match dm;
	if (rest.e > rest.b && date_at_end(s, trim(s, (span){c, rest.e}), 0, &dm) &&
	    dm.has_day)
		*pre = rest;
}

/* Reads pre (what stands before the ending p->dash) as place, region,
 * date and credit; 1 if it is a dateline. */
static int read_before(const char *s, size_t len, span pre, parsed *p,
                       place_memo *memo, wm_dateline_report *rep)
{
	span paren_region = {0, 0};
	int has_paren_region = 0;
	credit_of(s, &pre, p, &paren_region, &has_paren_region);
	take_time(s, &pre);
	if (p->kind != END_DASH && p->kind != END_PIPE && p->kind != END_COLON &&
	    !p->has_agency && p->kind != END_NONE)
		return fail(rep, "no dash", "no dash near the start");

	span parts[MAX_PARTS];
	int np = place_parts(s, pre, p, parts, rep);
	if (np < 0)
		return 0;
	size_t nparts = (size_t)np;
	if (p->kind == END_NONE &&
	    (p->has_agency ? !p->known : !(p->has_date && p->dm.has_day)))
		/* what endless_ok refuses, known before the place is read (most
		 * marks tried are spaces before a capital, in a sentence): the
		 * reason is not kept (read_spans gives a dash's or another
		 * mark's) */
		return fail(rep, "no dash", "no dash, no known credit and no date");
	if (nparts == 0 && !p->has_agency)
		return fail(rep, "not a place", p->has_date ? "a date with no place before the dash"
		                                         : "nothing before the dash");
	for (size_t k = 0; k < nparts; k++)
		if (parts[k].b == parts[k].e)
			return fail(rep, "not a place", "an empty part between commas");
	if (!p->has_date && nparts >= 1 && p->kind == END_DASH)
		date_after_dash(s, len, p);

	outlet_first(s, p, parts, &nparts);
	if (nparts == 1 && !p->has_date && parts[0].e > parts[0].b &&
	    s[parts[0].e - 1] == '.' && shape_of(s, parts[0]).lower == 0)
		parts[0] = drop_place_period(s, parts[0]); /* "YEREVAN. –" */
	if (nparts == 1 && !has_paren_region && p->kind == END_DASH)
		has_paren_region = split_paren_place(s, &parts[0], &paren_region);
	place_mode mode = mode_of(p);
	if (nparts >= 1) {
		span bad = parts[0];
		const char *why = place_check(memo, s, parts[0], mode, &bad);
		if (why && mode == PLACE_CAPS && p->kind != END_NONE &&
		    (p->kind != END_COLON || p->spaced)) {
			span bad2 = parts[0];
			if (!place_check(memo, s, parts[0], PLACE_MIXED, &bad2)) {
				if (nparts == 1 && !has_paren_region &&
				    !is_known_place(s, parts[0], &bad2))
					return fail(rep, "not a known place", "\"%.*s\": %s",
					            span_len(bad2), s + bad2.b, UNKNOWN_PLACE);
				why = NULL;
				p->mixed = 1;
				mode = PLACE_MIXED;
			}
		}
		if (why)
			return fail(rep, "not a place", "\"%.*s\": %s", span_len(bad),
			            s + bad.b, why);
		p->place = parts[0];
		p->has_place = 1;
	}
	for (size_t k = 1; k < nparts; k++)
		if (!is_region(s, parts[k], mode) && !(k > 1 && is_stray(s, parts[k])))
			return fail(rep, "not a region",
			            "\"%.*s\" after the place is no region (capitalised "
			            "words)", span_len(parts[k]), s + parts[k].b);
	if (nparts >= 2) {
		p->region = (span){parts[1].b, parts[nparts - 1].e};
		p->has_region = 1;
	} else if (has_paren_region && p->has_place) {
		p->region = paren_region;
		p->has_region = 1;
	}
	return endless_ok(s, p, parts, nparts, memo, rep);
}

/* "Seoul, South Korea | Xinhua | The ...": a credit between two pipes. */
static void pipe_credit(const char *s, size_t len, parsed *p)
{
	size_t from = p->dash.e, lim = from + MAX_AGENCY + 4;
	for (size_t i = from + 1; i < len && i < lim; i++) {
		if (s[i] != '|' || !is_space(s[i - 1]))
			continue;
		span a = trim(s, (span){from, i});
		if (known_agency(s, a)) {
			p->agency = a;
			p->has_agency = p->known = 1;
			p->dash = (span){i, i + 1};
		}
		return;
	}
}

/* "[TEXT]", "[Excerpts]": the marker FBIS translations put after the
 * dateline's dash; its length at i, or 0. */
static size_t text_marker(const char *s, size_t len, size_t i)
{
	static const char *const markers[] = {"[text]", "[excerpt]", "[excerpts]"};
	for (size_t k = 0; k < sizeof markers / sizeof *markers; k++) {
		size_t n = strlen(markers[k]), j = 0;
		while (j < n && i + j < len &&
		       (s[i + j] | (s[i + j] >= 'A' && s[i + j] <= 'Z' ? 0x20 : 0)) == markers[k][j])
			j++;
		if (j == n)
			return n;
	}
	return 0;
}

/* "МОСКВА. 3 декабря. ТАСС - КАЗИНФОРМ -": the agency that relays the
 * copy between two dashes after the credit; the credit then runs to it. */
static void relay_credit(const char *s, size_t len, parsed *p)
{
	size_t from = p->dash.e;
	if (s[p->agency.e] == ')' || s[p->agency.e] == '/')
		return; /* "(AFP) - TASS -": a credit in parentheses relays none */
	while (from < len && is_space(s[from]))
		from++;
	size_t e = from;
	while (e < len && !is_space(s[e]))
		e++;
	span dash2;
	if (e == from || !find_dash(s, len, e, e + 2, &dash2) ||
	    !known_agency(s, (span){from, e}))
		return;
	p->agency.e = e;
	p->dash = dash2;
	p->chained = 1;
}

/* Whether what follows the ending reads as the dateline's paragraph. */
static int after_ok(const char *s, size_t len, parsed *p, wm_dateline_report *rep)
{
	size_t after = p->dash.e;
	while (after < len && is_space(s[after]))
		after++;
	size_t mark = after < len && s[after] == '[' && p->kind == END_DASH ?
	              text_marker(s, len, after) : 0;
	if (mark) {
		p->marker = (span){after, after + mark};
		after += mark;
		while (after < len && is_space(s[after]))
			after++;
	}
	p->after = after;
	int lone = p->has_place && !p->has_date && !p->has_agency && !p->has_region;
	if ((p->kind == END_NONE || p->kind == END_DOT) && !starts_sentence(s, after, len))
		return fail(rep, "no dash", "with no dash, a sentence must follow "
		            "(a capital letter or a figure)");
	/* a figure after a date is a year or a time, not a sentence */
	if (p->kind == END_NONE && !p->has_agency && s[after] >= '0' && s[after] <= '9')
		return fail(rep, "no dash", "with no dash, a sentence must follow "
		            "(a capital letter or a figure)");
	if ((lone || p->mixed || (p->kind == END_COLON && !p->has_date && !p->has_agency)) &&
	    !is_lead(s, after, len))
		return fail(rep, "a label, not a place",
		            "\"%.*s\" stands before the %s with no date nor credit, "
		            "and no lead sentence follows (%d words or more, from a "
		            "capital, words rather than figures)",
		            span_len(p->place), s + p->place.b,
		            p->kind == END_COLON ? "colon" : "dash", LEAD_WORDS);
	return 1;
}

/* Reads a dateline at the start of s that ends at e. */
static int read_ending(const char *s, size_t len, ending e, parsed *p,
                       place_memo *memo, wm_dateline_report *rep)
{
	memset(p, 0, sizeof *p);
	p->dash = e.dash;
	p->kind = e.kind;
	p->spaced = e.spaced;
	span pre = trim(s, (span){0, e.dash.b});
	if (!read_before(s, len, pre, p, memo, rep))
		return 0;
	if (p->kind == END_PIPE && !p->has_agency)
		pipe_credit(s, len, p);
	if (p->kind == END_DASH && p->has_agency)
		relay_credit(s, len, p);
	return after_ok(s, len, p, rep);
}

/* Reads the dateline at the start of s[0..len) into p; depth 0 may find a
 * credit first ("(ANSA) - MILAN, DEC 3 -"). */
static int read_spans(const char *s, size_t len, parsed *p,
                      wm_dateline_report *rep, int depth)
{
	if (len == 0 || is_space(s[0]))
		return fail(rep, "the paragraph starts with a space", "%s", "");
	ending ends[MAX_ENDINGS];
	size_t n = find_endings(s, len, ends);
	place_memo memo;
	memo.n = 0;
	wm_dateline_report first;
	int have_first = 0, found = 0;
	size_t last_resort = n;
	/* every mark in order; a date with nothing after it but the sentence
	 * ("BAGHDAD Nov 16 Iraq has ...") only when no mark gives a dateline */
	for (size_t k = 0; k < n && !found; k++) {
		wm_dateline_report r;
		report_clear(&r, rep->quiet);
		if (read_ending(s, len, ends[k], p, &memo, &r)) {
			if (p->kind != END_NONE || p->has_agency) {
				report_copy(rep, &r);
				found = 1;
			} else if (last_resort == n) {
				last_resort = k;
			}
		} else if (ends[k].kind == END_DASH ||
		           (!have_first && ends[k].kind != END_NONE)) {
			/* the reason worth giving: the dash's, else the first mark's */
			report_copy(&first, &r);
			have_first = 1;
		}
	}
	if (!found && last_resort < n) {
		report_clear(rep, rep->quiet);
		found = read_ending(s, len, ends[last_resort], p, &memo, rep);
	}
	if (!found) {
		if (have_first)
			report_copy(rep, &first);
		else
			fail(rep, "no dash", "no dash near the start");
		return 0;
	}
	if (depth == 0 && !p->has_place && !p->has_date && p->kind == END_DASH) {
		/* the credit first: the place and date may follow it */
		parsed q;
		wm_dateline_report r2;
		report_clear(&r2, rep->quiet);
		size_t off = p->after;
		if (off < len && read_spans(s + off, len - off, &q, &r2, 1) &&
		    q.has_place && !q.has_agency && q.kind == END_DASH &&
		    (q.has_date || !q.mixed)) {
			span *sp[] = {&q.place, &q.region, &q.dm.where, &q.dm.month_at,
			              &q.dm.day_at, &q.dash};
			for (size_t k = 0; k < sizeof sp / sizeof *sp; k++)
				sp[k]->b += off, sp[k]->e += off;
			q.after += off;
			q.agency = p->agency;
			q.has_agency = 1;
			q.known = p->known;
			q.credit_first = 1;
			*p = q;
			report_copy(rep, &r2);
		}
	}
	return 1;
}

static const char *shape_name(const parsed *p)
{
	if (p->credit_first)
		return "the credit first, then the place and date";
	if (p->outlet_first)
		return "the outlet first, then the place";
	if (p->chained)
		return "a credit relayed by another agency";
	if (!p->has_place && p->has_date)
		return "a date with a credit, no place";
	if (!p->has_place)
		return "a credit alone";
	if (p->kind == END_NONE)
		return p->has_agency ? "a credit of the table, no dash"
		                     : "a place and a date, no dash";
	if (p->kind == END_DOT)
		return "a credit, then a period for the dash";
	if (p->kind == END_COLON)
		return "a colon for the dash";
	if (p->kind == END_PIPE)
		return "a pipe for the dash";
	if (p->dash_first)
		return "a place, a dash, then the date";
	if (p->has_date && p->has_agency)
		return "a place with a date and a credit";
	if (p->has_date)
		return "a place with a date";
	if (p->has_agency)
		return "a place with a credit";
	if (p->mixed)
		return p->has_region ? "a place in mixed case before a lead sentence"
		                     : "a place of the gazetteer in mixed case before a "
		                       "lead sentence";
	if (p->has_region)
		return "a place in capitals with a region";
	return "a place in capitals before a lead sentence";
}

void wm_dateline_describe(const wm_dateline *d, wm_dateline_report *rep)
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
	if (d->dash)
		wm_buf_printf(&b, "%sdash \"%s\"", b.len ? ", " : "", d->dash);
	else
		wm_buf_printf(&b, "%sno dash", b.len ? ", " : "");
	snprintf(rep->detail, sizeof rep->detail, "%s", wm_buf_cstr(&b));
	wm_buf_free(&b);
}

/* The dateline p read at the start of s, built in arena. */
static wm_dateline *build(const wm_context *ctx, const char *s, parsed *p,
                          wm_arena *arena)
{
	wm_dateline *d = wm_dateline_new(arena);
	size_t end = p->dash.e > p->dash.b ? p->dash.e : p->dash.b;
	if (p->marker.e > p->marker.b)
		end = p->marker.e;
	while (end > 0 && is_space(s[end - 1]))
		end--;
	d->text = wm_arena_strndup(arena, s, end);
	if (p->dash.e > p->dash.b)
		d->dash = wm_arena_strndup(arena, s + p->dash.b, p->dash.e - p->dash.b);
	if (p->has_place)
		d->place = dup_span(arena, s, p->place);
	if (p->has_region)
		d->region = dup_span(arena, s, p->region);
	if (p->has_date) {
		d->date = dup_span(arena, s, p->dm.where);
		char *iso = p->real_date ? iso_date(ctx, &p->dm) : NULL;
		if (iso)
			d->iso_date = wm_arena_strndup(arena, iso, strlen(iso));
		free(iso);
	}
	if (p->has_agency)
		d->agency = dup_span(arena, s, p->agency);
	return d;
}

size_t wm_dateline_read(const wm_context *ctx, const char *s, size_t len,
                        wm_arena *arena, wm_dateline **out,
                        wm_dateline_report *report)
{
	wm_dateline_report dummy;
	wm_dateline_report *rep = report ? report : &dummy;
	int quiet = report ? report->quiet : 1;
	if (report)
		memset(rep, 0, sizeof *rep);
	else
		report_clear(rep, 1);
	rep->quiet = quiet;
	*out = NULL;
	if (wm_dateline_script_maybe(s, len)) {
		size_t after = wm_dateline_script_read(ctx, s, len, arena, out, rep);
		if (after)
			return after;
	}
	parsed p;
	memset(&p, 0, sizeof p);
	if (!read_spans(s, len, &p, rep, 0))
		return 0;
	if (p.has_date)
		p.real_date = check_date(s, &p.dm, rep);
	wm_dateline *d = build(ctx, s, &p, arena);
	rep->rule = shape_name(&p);
	if (!rep->quiet)
		wm_dateline_describe(d, rep);
	*out = d;
	return p.after;
}

size_t wm_dateline_parse(const wm_context *ctx, const char *s, size_t len,
                         wm_arena *arena, wm_dateline **out)
{
	return wm_dateline_read(ctx, s, len, arena, out, NULL);
}

int wm_dateline_starts(const char *s, size_t len)
{
	wm_dateline_report rep;
	report_clear(&rep, 1);
	wm_dateline *d;
	if (wm_dateline_script_maybe(s, len) &&
	    wm_dateline_script_read(NULL, s, len, NULL, &d, &rep))
		return 1;
	parsed p;
	memset(&p, 0, sizeof p);
	return read_spans(s, len, &p, &rep, 0);
}
