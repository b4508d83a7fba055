/* The dateline grammar.
 *
 *   dateline := [place {"," region}] [","] [date] [credit] [", Reuter"] dash
 *             | credit dash
 *   place    := place-word {(" " | "/") place-word}     all capitals, or any
 *                                                         case when a date or
 *                                                         credit follows
 *   region   := word {" " word}                         each word capitalised
 *   date     := month ["."] day | day month ["."] | month
 *   credit   := "(" agency ")"
 *   dash     := "-" | "--" | "–" | "—" | "_"
 *
 * The dash is the first one in the paragraph that stands apart (a space or
 * ')' before a hyphen, spaces around '_'); everything before it must parse
 * as above, so "NATO said - ..." is no dateline ("said" is not a place
 * word) while "MOSCOW -" is.
 */
#include "dateline.h"

#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

#define MAX_PREFIX 120
#define MAX_PLACE_WORDS 6
#define MAX_REGION_WORDS 4
#define MAX_AGENCY 40

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

/* ---- the dash ------------------------------------------------------------ */

static int starts(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* Finds the dash; returns 1 and its span, or 0. */
static int find_dash(const char *s, size_t len, span *dash)
{
	size_t lim = len < MAX_PREFIX ? len : MAX_PREFIX;
	for (size_t i = 1; i < lim; i++) {
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
	unsigned upper, lower, other_letters, digits, bad;
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
			sh.other_letters++;
		else
			sh.bad++;
	}
	return sh;
}

static uint32_t first_cp(const char *s, span w)
{
	size_t i = w.b;
	return wm_utf8_next(s, w.e, &i);
}

/* Calls fn on each space-separated word of x; stops when fn returns 0. */
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

/* A place: words of capitals (any case allowed when lenient), split by
 * spaces or '/'. */
static int is_place(const char *s, span x, int lenient)
{
	span words[MAX_PLACE_WORDS + 1];
	size_t n = split_words(s, x, words, MAX_PLACE_WORDS);
	if (n == 0 || n > MAX_PLACE_WORDS)
		return 0;
	unsigned letters = 0;
	for (size_t k = 0; k < n; k++) {
		/* "LONDON/PARIS": check each side of a slash as a word */
		size_t b = words[k].b;
		for (size_t i = words[k].b; i <= words[k].e; i++) {
			if (i < words[k].e && s[i] != '/')
				continue;
			span w = {b, i};
			b = i + 1;
			if (w.b == w.e)
				return 0;
			word_shape sh = shape_of(s, w);
			if (sh.bad || sh.digits || sh.upper == 0)
				return 0;
			if (wm_ucs_case(first_cp(s, w)) != WM_CASE_UPPER)
				return 0;
			if (sh.lower && !lenient)
				return 0;
			letters += sh.upper + sh.lower;
		}
	}
	return letters >= 2;
}

/* A region: capitalised words ("Ore.", "N.Y.", "Australia", "West
 * Germany"); the small words "de", "of" and "the" may stand between. */
static int is_region(const char *s, span x)
{
	span words[MAX_REGION_WORDS + 1];
	size_t n = split_words(s, x, words, MAX_REGION_WORDS);
	if (n == 0 || n > MAX_REGION_WORDS)
		return 0;
	for (size_t k = 0; k < n; k++) {
		span w = words[k];
		word_shape sh = shape_of(s, w);
		if (sh.bad || sh.digits || sh.upper + sh.lower == 0)
			return 0;
		if (wm_ucs_case(first_cp(s, w)) == WM_CASE_UPPER)
			continue;
		size_t len = w.e - w.b;
		int small = (len == 2 && (!memcmp(s + w.b, "de", 2) ||
		                          !memcmp(s + w.b, "of", 2))) ||
		            (len == 3 && !memcmp(s + w.b, "the", 3));
		int the = len == 3 && !memcmp(s + w.b, "the", 3);
		if (!small || (k == 0 && !the) || k == n - 1)
			return 0;
	}
	return 1;
}

/* ---- dates --------------------------------------------------------------- */

static const char *const months[12][3] = {
	{"january", "jan", NULL}, {"february", "feb", NULL},
	{"march", "mar", NULL},   {"april", "apr", NULL},
	{"may", NULL, NULL},      {"june", "jun", NULL},
	{"july", "jul", NULL},    {"august", "aug", NULL},
	{"september", "sept", "sep"}, {"october", "oct", NULL},
	{"november", "nov", NULL}, {"december", "dec", NULL},
};

/* Month number (1-12) of word w ("Feb", "Feb.", "FEBRUARY"), or 0. */
static int month_of(const char *s, span w)
{
	size_t len = w.e - w.b;
	if (len && s[w.e - 1] == '.')
		len--;
	if (len < 3 || len > 9)
		return 0;
	char low[10];
	for (size_t i = 0; i < len; i++) {
		char c = s[w.b + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return 0;
		low[i] = c;
	}
	low[len] = '\0';
	for (int m = 0; m < 12; m++)
		for (int k = 0; k < 3 && months[m][k]; k++)
			if (strcmp(low, months[m][k]) == 0)
				return m + 1;
	return 0;
}

static int day_of(const char *s, span w)
{
	size_t len = w.e - w.b;
	if (len < 1 || len > 2)
		return 0;
	int d = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[w.b + i];
		if (c < '0' || c > '9')
			return 0;
		d = d * 10 + (c - '0');
	}
	return d >= 1 && d <= 31 ? d : 0;
}

typedef struct date_match {
	span where; /* the date as written */
	int month, day;
} date_match;

/* Finds a date at the end of x: "Feb 26", "26 Feb", "March" (alone only when
 * whole is set, i.e. x is a comma part of its own). */
static int date_at_end(const char *s, span x, int whole, date_match *dm)
{
	span words[64];
	size_t n = split_words(s, x, words, 63);
	if (n == 0 || n > 63)
		return 0;
	if (n >= 2) {
		span a = words[n - 2], b = words[n - 1];
		int m = month_of(s, a), d = day_of(s, b);
		if (m && d) {
			dm->where.b = a.b;
			dm->where.e = b.e;
			dm->month = m;
			dm->day = d;
			return 1;
		}
		m = month_of(s, b);
		d = day_of(s, a);
		if (m && d) {
			dm->where.b = a.b;
			dm->where.e = b.e;
			dm->month = m;
			dm->day = d;
			return 1;
		}
	}
	if (whole && n == 1 && month_of(s, words[0])) {
		dm->where = words[0];
		dm->month = month_of(s, words[0]);
		dm->day = 0;
		return 1;
	}
	return 0;
}

/* ---- the credit ---------------------------------------------------------- */

static int is_agency(const char *s, span x)
{
	size_t len = x.e - x.b;
	if (len == 0 || len > MAX_AGENCY)
		return 0;
	if (wm_ucs_case(first_cp(s, x)) != WM_CASE_UPPER)
		return 0;
	for (size_t i = x.b; i < x.e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == ' ' || c == '!' || c == '&' || c == '.' || c == '-' ||
		      c == '\''))
			return 0;
	}
	return 1;
}

/* ---- resolving the date -------------------------------------------------- */

static char *iso_date(const wm_context *ctx, int month, int day)
{
	if (!ctx || !ctx->has_date || !month || !day)
		return NULL;
	int y = ctx->year;
	if (month > ctx->month || (month == ctx->month && day > ctx->day))
		y--;
	for (int k = 0; k < 8 && !wm_date_valid(y, month, day); k++)
		y--;
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

/* ---- the whole ----------------------------------------------------------- */

size_t wm_dateline_parse(const wm_context *ctx, const char *s, size_t len,
                         wm_dateline **out)
{
	span dash;
	*out = NULL;
	if (len == 0 || is_space(s[0]) || !find_dash(s, len, &dash))
		return 0;
	span pre = trim(s, (span){0, dash.b});
	span agency = {0, 0};
	int has_agency = 0;

	/* credit: "(AP)" at the end, or ", Reuter" */
	if (pre.e > pre.b && s[pre.e - 1] == ')') {
		size_t open = pre.e - 1;
		while (open > pre.b && s[open] != '(')
			open--;
		if (s[open] != '(')
			return 0;
		agency = trim(s, (span){open + 1, pre.e - 1});
		if (!is_agency(s, agency))
			return 0;
		has_agency = 1;
		pre = trim(s, (span){pre.b, open});
	} else {
		static const char *const reuter[] = {", Reuter", ", Reuters", ", REUTER"};
		for (size_t k = 0; k < 3; k++) {
			size_t n = strlen(reuter[k]);
			if (pre.e - pre.b > n && !memcmp(s + pre.e - n, reuter[k], n)) {
				agency = (span){pre.e - n + 2, pre.e};
				has_agency = 1;
				pre = trim(s, (span){pre.b, pre.e - n});
				break;
			}
		}
	}
	if (pre.e > pre.b && s[pre.e - 1] == ',')
		pre = trim(s, (span){pre.b, pre.e - 1});

	/* split the rest at commas */
	span parts[8];
	size_t nparts = 0;
	size_t b = pre.b;
	for (size_t i = pre.b; i <= pre.e; i++) {
		if (i < pre.e && s[i] != ',')
			continue;
		if (nparts == 8)
			return 0;
		parts[nparts++] = trim(s, (span){b, i});
		b = i + 1;
	}
	if (pre.b == pre.e)
		nparts = 0;

	/* the date, at the end of the last part */
	date_match dm = {{0, 0}, 0, 0};
	int has_date = 0;
	if (nparts >= 1) {
		span *last = &parts[nparts - 1];
		if (date_at_end(s, *last, nparts > 1, &dm)) {
			has_date = 1;
			last->e = dm.where.b;
			*last = trim(s, *last);
			if (last->b == last->e)
				nparts--;
		}
	}
	if (nparts == 0 && !has_agency)
		return 0;
	if (nparts == 0 && has_date)
		return 0;
	for (size_t k = 0; k < nparts; k++)
		if (parts[k].b == parts[k].e)
			return 0;
	if (nparts >= 1 && !is_place(s, parts[0], has_date || has_agency))
		return 0;
	for (size_t k = 1; k < nparts; k++)
		if (!is_region(s, parts[k]))
			return 0;

	wm_dateline *d = wm_dateline_new();
	d->text = wm_xstrndup(s, dash.e);
	d->dash = wm_xstrndup(s + dash.b, dash.e - dash.b);
	if (nparts >= 1)
		d->place = dup_span(s, parts[0]);
	if (nparts >= 2)
		d->region = dup_span(s, (span){parts[1].b, parts[nparts - 1].e});
	if (has_date) {
		d->date = dup_span(s, dm.where);
		d->iso_date = iso_date(ctx, dm.month, dm.day);
	}
	if (has_agency)
		d->agency = dup_span(s, agency);
	*out = d;

	size_t after = dash.e;
	while (after < len && is_space(s[after]))
		after++;
	return after;
}
