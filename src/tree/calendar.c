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
	/* Czech */
	{"ledna", 1},
	{"\xC3\xBAnora", 2}, /* února */
	{"b\xC5\x99" "ezna", 3}, /* března */
	{"dubna", 4},
	{"kv\xC4\x9Btna", 5}, /* května */
	{"\xC4\x8D" "ervna", 6}, /* června */
	{"\xC4\x8D" "ervence", 7}, /* července */
	{"srpna", 8},
	{"z\xC3\xA1\xC5\x99\xC3\xAD", 9}, /* září */
	{"\xC5\x99\xC3\xADjna", 10}, /* října */
	{"listopadu", 11},
	{"prosince", 12},
	/* Polish */
	{"stycznia", 1},
	{"lutego", 2},
	{"marca", 3},
	{"kwietnia", 4},
	{"maja", 5},
	{"czerwca", 6},
	{"lipca", 7},
	{"sierpnia", 8},
	{"wrze\xC5\x9Bnia", 9}, /* września */
	{"pa\xC5\xBA" "dziernika", 10}, /* października */
	{"listopada", 11},
	{"grudnia", 12},
	/* Turkish */
	{"ocak", 1},
	{"\xC5\x9Fubat", 2}, /* şubat */
	{"mart", 3},
	{"nisan", 4},
	{"may\xC4\xB1s", 5}, /* mayıs */
	{"haziran", 6},
	{"temmuz", 7},
	{"a\xC4\x9Fustos", 8}, /* ağustos */
	{"eyl\xC3\xBCl", 9}, /* eylül */
	{"ekim", 10},
	{"kas\xC4\xB1m", 11}, /* kasım */
	{"aral\xC4\xB1k", 12}, /* aralık */
	/* Russian in Latin script */
	{"yanvarya", 1},
	{"fevralya", 2},
	{"marta", 3},
	{"aprelya", 4},
	{"maya", 5},
	{"iyunya", 6},
	{"iyulya", 7},
	{"avgusta", 8},
	{"sentyabrya", 9},
	{"oktyabrya", 10},
	{"noyabrya", 11},
	{"dekabrya", 12},
	/* Russian */
	{"\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F", 1}, /* января */
	{"\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F", 2}, /* февраля */
	{"\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0", 3}, /* марта */
	{"\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F", 4}, /* апреля */
	{"\xD0\xBC\xD0\xB0\xD1\x8F", 5}, /* мая */
	{"\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F", 6}, /* июня */
	{"\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F", 7}, /* июля */
	{"\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0", 8}, /* августа */
	{"\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 9}, /* сентября */
	{"\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 10}, /* октября */
	{"\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 11}, /* ноября */
	{"\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F", 12}, /* декабря */
	/* Ukrainian */
	{"\xD1\x81\xD1\x96\xD1\x87\xD0\xBD\xD1\x8F", 1}, /* січня */
	{"\xD0\xBB\xD1\x8E\xD1\x82\xD0\xBE\xD0\xB3\xD0\xBE", 2}, /* лютого */
	{"\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F", 3}, /* березня */
	{"\xD0\xBA\xD0\xB2\xD1\x96\xD1\x82\xD0\xBD\xD1\x8F", 4}, /* квітня */
	{"\xD1\x82\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBD\xD1\x8F", 5}, /* травня */
	{"\xD1\x87\xD0\xB5\xD1\x80\xD0\xB2\xD0\xBD\xD1\x8F", 6}, /* червня */
	{"\xD0\xBB\xD0\xB8\xD0\xBF\xD0\xBD\xD1\x8F", 7}, /* липня */
	{"\xD1\x81\xD0\xB5\xD1\x80\xD0\xBF\xD0\xBD\xD1\x8F", 8}, /* серпня */
	{"\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD1\x81\xD0\xBD\xD1\x8F", 9}, /* вересня */
	{"\xD0\xB6\xD0\xBE\xD0\xB2\xD1\x82\xD0\xBD\xD1\x8F", 10}, /* жовтня */
	{"\xD0\xBB\xD0\xB8\xD1\x81\xD1\x82\xD0\xBE\xD0\xBF\xD0\xB0\xD0\xB4\xD0\xB0", 11}, /* листопада */
	{"\xD0\xB3\xD1\x80\xD1\x83\xD0\xB4\xD0\xBD\xD1\x8F", 12}, /* грудня */
	/* Arabic */
	{"\xD9\x8A\xD9\x86\xD8\xA7\xD9\x8A\xD8\xB1", 1}, /* يناير */
	{"\xD9\x81\xD8\xA8\xD8\xB1\xD8\xA7\xD9\x8A\xD8\xB1", 2}, /* فبراير */
	{"\xD9\x85\xD8\xA7\xD8\xB1\xD8\xB3", 3}, /* مارس */
	{"\xD8\xA3\xD8\xA8\xD8\xB1\xD9\x8A\xD9\x84", 4}, /* أبريل */
	{"\xD9\x85\xD8\xA7\xD9\x8A\xD9\x88", 5}, /* مايو */
	{"\xD9\x8A\xD9\x88\xD9\x86\xD9\x8A\xD9\x88", 6}, /* يونيو */
	{"\xD9\x8A\xD9\x88\xD9\x84\xD9\x8A\xD9\x88", 7}, /* يوليو */
	{"\xD8\xA3\xD8\xBA\xD8\xB3\xD8\xB7\xD8\xB3", 8}, /* أغسطس */
	{"\xD8\xB3\xD8\xA8\xD8\xAA\xD9\x85\xD8\xA8\xD8\xB1", 9}, /* سبتمبر */
	{"\xD8\xA3\xD9\x83\xD8\xAA\xD9\x88\xD8\xA8\xD8\xB1", 10}, /* أكتوبر */
	{"\xD9\x86\xD9\x88\xD9\x81\xD9\x85\xD8\xA8\xD8\xB1", 11}, /* نوفمبر */
	{"\xD8\xAF\xD9\x8A\xD8\xB3\xD9\x85\xD8\xA8\xD8\xB1", 12}, /* ديسمبر */
	/* Arabic, without the hamza */
	{"\xD8\xA7\xD8\xA8\xD8\xB1\xD9\x8A\xD9\x84", 4}, /* ابريل */
	{"\xD8\xA7\xD8\xBA\xD8\xB3\xD8\xB7\xD8\xB3", 8}, /* اغسطس */
	{"\xD8\xA7\xD9\x83\xD8\xAA\xD9\x88\xD8\xA8\xD8\xB1", 10}, /* اكتوبر */
	/* Urdu */
	{"\xD8\xAC\xD9\x86\xD9\x88\xD8\xB1\xDB\x8C", 1}, /* جنوری */
	{"\xD9\x81\xD8\xB1\xD9\x88\xD8\xB1\xDB\x8C", 2}, /* فروری */
	{"\xD9\x85\xD8\xA7\xD8\xB1\xDA\x86", 3}, /* مارچ */
	{"\xD8\xA7\xD9\xBE\xD8\xB1\xDB\x8C\xD9\x84", 4}, /* اپریل */
	{"\xD9\x85\xD8\xA6\xDB\x8C", 5}, /* مئی */
	{"\xD8\xAC\xD9\x88\xD9\x86", 6}, /* جون */
	{"\xD8\xAC\xD9\x88\xD9\x84\xD8\xA7\xD8\xA6\xDB\x8C", 7}, /* جولائی */
	{"\xD8\xA7\xDA\xAF\xD8\xB3\xD8\xAA", 8}, /* اگست */
	{"\xD8\xB3\xD8\xAA\xD9\x85\xD8\xA8\xD8\xB1", 9}, /* ستمبر */
	{"\xD8\xA7\xDA\xA9\xD8\xAA\xD9\x88\xD8\xA8\xD8\xB1", 10}, /* اکتوبر */
	{"\xD9\x86\xD9\x88\xD9\x85\xD8\xA8\xD8\xB1", 11}, /* نومبر */
	{"\xD8\xAF\xD8\xB3\xD9\x85\xD8\xA8\xD8\xB1", 12}, /* دسمبر */
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

/* ---- weekdays and other calendars ------------------------------------------ */

static const struct {
	const char *name;
	int day;
} weekdays[] = {
	{"monday", 1}, {"mon", 1}, {"tuesday", 2}, {"tue", 2}, {"tues", 2},
	{"wednesday", 3}, {"wed", 3}, {"thursday", 4}, {"thu", 4}, {"thur", 4},
	{"thurs", 4}, {"friday", 5}, {"fri", 5}, {"saturday", 6}, {"sat", 6},
	{"sunday", 7}, {"sun", 7},
	/* French, Spanish, Portuguese, Italian, German */
	{"lundi", 1}, {"mardi", 2}, {"mercredi", 3}, {"jeudi", 4},
	{"vendredi", 5}, {"samedi", 6}, {"dimanche", 7},
	{"lunes", 1}, {"martes", 2}, {"mi\xC3\xA9rcoles", 3}, {"jueves", 4},
	{"viernes", 5}, {"s\xC3\xA1" "bado", 6}, {"domingo", 7},
	{"segunda-feira", 1}, {"ter\xC3\xA7" "a-feira", 2}, {"quarta-feira", 3},
	{"quinta-feira", 4}, {"sexta-feira", 5},
	{"luned\xC3\xAC", 1}, {"marted\xC3\xAC", 2}, {"mercoled\xC3\xAC", 3},
	{"gioved\xC3\xAC", 4}, {"venerd\xC3\xAC", 5}, {"sabato", 6},
	{"montag", 1}, {"dienstag", 2}, {"mittwoch", 3}, {"donnerstag", 4},
	{"freitag", 5}, {"samstag", 6}, {"sonntag", 7},
};

#define NWEEKDAYS (sizeof weekdays / sizeof *weekdays)

static const char *weekday_at(size_t i)
{
	return weekdays[i].name;
}

int wm_weekday_lookup(const char *low)
{
	static wm_wordset set = WM_WORDSET(NULL, NWEEKDAYS, weekday_at);
	long k = wm_wordset_find(&set, low, strlen(low));
	return k >= 0 ? weekdays[k].day : 0;
}

/* The first word of the months of the Hijri, Persian and Hebrew calendars,
 * as English-language services transliterate them. */
static const char *const other_months[] = {
	/* Hijri */
	"muharram", "safar", "rabi", "rabi'", "rabiul", "rabi-ul", "jumada",
	"jumadal", "jamadi", "jumadi", "rajab", "shaban", "sha'ban", "ramadan",
	"ramzan", "shawwal", "dhu", "dhul", "zul", "zilhaj", "zulhijjah",
	"dhul-hijjah", "dhul-qadah",
	/* Persian (Solar Hijri) */
	"farvardin", "ordibehesht", "khordad", "mordad", "shahrivar", "mehr",
	"aban", "azar", "bahman", "esfand",
	/* Hebrew */
	"tishrei", "heshvan", "cheshvan", "kislev", "tevet", "shevat", "iyar",
	"sivan", "tammuz", "elul",
};

#define NOTHER (sizeof other_months / sizeof *other_months)

static const char *other_at(size_t i)
{
	return other_months[i];
}

int wm_other_calendar_month(const char *low)
{
	static wm_wordset set = WM_WORDSET(NULL, NOTHER, other_at);
	return wm_wordset_find(&set, low, strlen(low)) >= 0;
}
