/* The places the dateline reader knows: the cities of GeoNames with
 * 15,000 people or more and every capital (src/read/gazetteer.txt,
 * written by tools/make-gazetteer.py; GeoNames, CC BY 4.0). */
#ifndef WM_READ_GAZETTEER_H
#define WM_READ_GAZETTEER_H

#include <stddef.h>

/* Whether s[0..n) names a place of the gazetteer: compared with ASCII
 * capitals in lower case, other bytes as they are, runs of spaces as
 * one ("Kyiv", "KYIV", "Rio de  Janeiro", "Zürich", "Zurich"). */
int wm_gazetteer_has(const char *s, size_t n);

#endif
