#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/words.h"

/* ---- the calendar --------------------------------------------------------- */

static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                              31, 31, 30, 31, 30, 31};

int wm_days_in_month(int month)
{
	return mdays[month - 1];
}

int wm_date_valid(int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		return leap;
	}
	return 1;
}

int wm_iso_date_shape(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

int wm_iso_date_at(const char *s)
{
	return wm_iso_date_shape(s) &&
	       wm_date_valid(atoi(s), atoi(s + 5), atoi(s + 8));
}

/* The number of the n digits at s. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int wm_is_iso_date(const char *s)
{
	/* wm_iso_date_at with the fields read in place: the ten bytes are
	 * the whole string, so each field is its digits */
	return s && strlen(s) == 10 && wm_iso_date_shape(s) &&
	       wm_date_valid(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2));
}

char *wm_iso_date_resolve(int year, int month, int day, const int ref[3])
{
	int y = year;
	if (!y) {
		if (!ref)
			return NULL;
		y = ref[0];
		if (month > ref[1] || (month == ref[1] && day > ref[2]))
			y--;
		for (int k = 0; k < 8 && !wm_date_valid(y, month, day); k++)
			y--;
	}
	if (!wm_date_valid(y, month, day))
		return NULL;
	/* "%04d-%02d-%02d", written out: a date is resolved per article */
	char *iso = wm_xmalloc(11);
	int v[3] = {y, month, day}, at[3] = {3, 6, 9};
	for (int k = 0; k < 3; k++)
		for (int i = at[k], n = v[k]; i >= (k ? at[k] - 1 : 0); i--, n /= 10)
			iso[i] = (char)('0' + n % 10);
	iso[4] = iso[7] = '-';
	iso[10] = '\0';
	return iso;
}

/* ---- months ---------------------------------------------------------------- */

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

const char *wm_month_name(int month)
{
	return month_names[month - 1];
}

/* A typo: one edit from exactly one month's full name (four letters or
 * more on both sides, so that "Mar" or "May" never stand in). */
static int month_typo(const char *low)
{
	size_t n = strlen(low);
	if (n < 4)
		return 0;
	int found = 0;
	for (int m = 0; m < 12; m++) {
		const char *name = english_months[m][0];
		size_t nn = strlen(name);
		if (nn >= 4 && nn + 1 >= n && n + 1 >= nn && wm_one_edit(low, name)) {
			if (found && found != m + 1)
				return 0;
			found = m + 1;
		}
	}
	return found;
}

static const char *english_at(size_t i)
{
	return english_months[i / 4][i % 4];
}

#define NFOREIGN (sizeof foreign_months / sizeof *foreign_months)

static const char *foreign_at(size_t i)
{
	return foreign_months[i].name;
}

int wm_month_lookup(const char *low, wm_month_how *how)
{
	static wm_wordset english = WM_WORDSET(NULL, 12 * 4, english_at);
	static wm_wordset foreign = WM_WORDSET(NULL, NFOREIGN, foreign_at);
	size_t n = strlen(low);
	long k = wm_wordset_find(&english, low, n);
	if (k >= 0) {
		*how = WM_MONTH_EXACT;
		return (int)k / 4 + 1;
	}
	if ((k = wm_wordset_find(&foreign, low, n)) >= 0) {
		*how = WM_MONTH_FOREIGN;
		return foreign_months[k].month;
	}
	*how = WM_MONTH_TYPO;
	return month_typo(low);
}
