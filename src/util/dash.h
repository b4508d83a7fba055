/* The one table of the dashes a dateline ends with: "--", "-", "–" (en
 * dash), "—" (em dash), "_" (old AP copy sent in ASCII).  The readers of
 * the output formats find a dateline's dash with it; the wire grammar
 * (read/dateline.c) says where a dash may stand in running text. */
#ifndef WM_UTIL_DASH_H
#define WM_UTIL_DASH_H

#include <stddef.h>

/* The dashes, longest match first ("--" before "-"), NULL after the last. */
extern const char *const wm_dashes[];

/* Whether s is a dash, whole. */
int wm_is_dash(const char *s);

/* The length of the dash s[0..len) starts with, or 0. */
size_t wm_dash_prefix(const char *s, size_t len);

/* The length of the dash s[0..len) ends with, or 0. */
size_t wm_dash_suffix(const char *s, size_t len);

#endif
