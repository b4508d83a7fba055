/* Dates, in one place: the calendar (days per month, leap years, ISO
 * dates written YYYY-MM-DD), the vocabulary of months that datelines use
 * (English names and abbreviations, the month names of other language
 * services, typos), and the year a date without one is given from a
 * reference date.  The ground of the library with the tree: it depends on
 * nothing above it. */
#ifndef WM_TREE_CALENDAR_H
#define WM_TREE_CALENDAR_H

/* Whether y-m-d is a real calendar date (years 1 to 9999). */
int wm_date_valid(int y, int m, int d);

/* The most days month (1-12) has: 29 for February. */
int wm_days_in_month(int month);

/* Whether s[0..10) is written YYYY-MM-DD (digits and dashes; the date may
 * not be real).  Stops at a NUL: no overread. */
int wm_iso_date_shape(const char *s);

/* Whether s[0..10) is a real date written YYYY-MM-DD (s may go on after
 * it: the caller says whether that is allowed). */
int wm_iso_date_at(const char *s);

/* Whether s is a real date written YYYY-MM-DD, and nothing after it. */
int wm_is_iso_date(const char *s);

/* The ISO date (malloc'd) of day and month in year, or, when year is 0,
 * in the latest year that puts it on or before the reference date
 * ref[0]-ref[1]-ref[2] (ref NULL: none, and so no ISO date); NULL when
 * there is no such date. */
char *wm_iso_date_resolve(int year, int month, int day, const int ref[3]);

/* How a month word was read. */
typedef enum wm_month_how {
	WM_MONTH_EXACT,   /* an English name or abbreviation */
	WM_MONTH_FOREIGN, /* another language service's */
	WM_MONTH_TYPO     /* one edit off an English name */
} wm_month_how;

/* The month (1-12) that low (a word in lower case, without its dot)
 * names, and how it was read; 0 when none. */
int wm_month_lookup(const char *low, wm_month_how *how);

/* The day of the week (1 Monday to 7 Sunday) that low (a word in lower
 * case, without its dot) names: English names and abbreviations, and the
 * French, Spanish, Portuguese, Italian and German names; 0 when none. */
int wm_weekday_lookup(const char *low);

/* Whether low (a word in lower case) opens a month's name in a calendar
 * printed beside the Gregorian date: the Hijri ("ramadan", "jumada",
 * "rabi"), Persian ("azar", "farvardin") and Hebrew ("kislev") months. */
int wm_other_calendar_month(const char *low);

/* The English name of month (1-12): "January". */
const char *wm_month_name(int month);

#endif
