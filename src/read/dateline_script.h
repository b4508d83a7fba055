/* Datelines in the scripts with no letter case (Korean, Japanese,
 * Chinese, Arabic and Urdu): each service's own grammar, read before the
 * Latin and Cyrillic one of dateline.c (docs/datelines.md, "Other
 * scripts"). */
#ifndef WM_READ_DATELINE_SCRIPT_H
#define WM_READ_DATELINE_SCRIPT_H

#include <stddef.h>

#include "../context/context.h"
#include "../tree/tree.h"
#include "dateline.h"

/* Whether s[0..len) may open with a dateline of these scripts: a quick
 * test on its first bytes (a letter outside ASCII, or a bracket before
 * one), so that Latin copy pays nothing. */
int wm_dateline_script_maybe(const char *s, size_t len);

/* Reads such a dateline at the start of s[0..len), as wm_dateline_read
 * does (the same contract: the offset of the paragraph's own text, or 0
 * with *out NULL); rep (not NULL) gets the rule, the parts, and the
 * reporters' names the dateline holds (rep->byline_b, rep->byline_e).
 * arena NULL only asks whether there is one (*out stays NULL). */
size_t wm_dateline_script_read(const wm_context *ctx, const char *s,
                               size_t len, wm_arena *arena, wm_dateline **out,
                               wm_dateline_report *rep);

#endif
