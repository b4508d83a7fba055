/* The world's news agencies, as data: the credits each prints in its
 * datelines (the table is in agencies.c, documented in docs/datelines.md). */
#ifndef WM_READ_AGENCIES_H
#define WM_READ_AGENCIES_H

#include <stddef.h>

typedef struct wm_agency {
	const char *name;      /* the agency's own name, for messages */
	const char *country;   /* ISO 3166 code, or "int" for international */
	const char *forms[6];  /* credits as printed, NULL-terminated; the
	                          first is the usual one */
	int bare;              /* its credit is also printed with no
	                          parentheses, after the date ("Dec 3 Kyodo") */
} wm_agency;

/* The agency whose credit is s[0..n) (letter case aside; a credit of
 * several names joined by '/', "xyz/dpa", "AFP/Reuters", is known when one
 * of them is), or NULL. */
const wm_agency *wm_agency_find(const char *s, size_t n);

/* wm_agency_find, when the agency found prints its credit bare; else
 * NULL (quicker: most words are no such credit). */
const wm_agency *wm_agency_find_bare(const char *s, size_t n);

/* The table, and its size: for tests and documentation. */
const wm_agency *wm_agency_table(size_t *count);

#endif
