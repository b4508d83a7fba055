/* The lines around a wire article's body: sign-offs (signoff.c), the slug
 * and the byline (byline.c). */
#ifndef WM_READ_SIGNOFF_H
#define WM_READ_SIGNOFF_H

#include "lines.h"

/* An end mark: the last line of a story that may have another after it
 * ("-30-", "###", "(END)", "NNNN"). */
int wm_wire_end_mark(const line *l);

/* "(Reporting by ...; Editing by ...)", "(Additional reporting by ...)". */
int wm_wire_credit(const char *t, size_t n);

/* Why l is a sign-off line, or NULL.  prev is the line before it when that
 * is in the same block. */
const char *wm_wire_trailer_kind(const line *l, const line *prev);

/* AP's separator ("___") before the notes that end a story. */
int wm_wire_rule(const line *l);

/* A slug: one keyword of two or more parts joined by '-' or '/' ("BC-Senate-
 * Budget", "US-ECONOMY/JOBS"), perhaps with a word count, a date or a
 * version after it ("BC-Senate-Budget,0456", "... 1stLd-Writethru 03-26"):
 * words with a digit or a hyphen, never a plain word (a headline has
 * those). */
int wm_wire_slug(const line *l);

/* "By JANE DOE", "By  Matt Daily", "By Jane Doe and John Roe", "By Jane
 * Doe, Associated Press Writer": a name of capitalised words (and the small
 * words of names), then perhaps a comma and a title. */
int wm_wire_byline_shape(const char *t, size_t n);

/* A title line under a byline: "Associated Press Writer". */
int wm_wire_byline_title(const line *l);

#endif
