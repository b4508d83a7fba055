/* Feed framing, in one place: where a feed of wire articles is cut.  The
 * wire reader cuts a whole text with it, and the splitter (split.c) the
 * bytes of a stream as they arrive, so that a feed read in parts gives
 * the articles it gives read whole.
 *
 *   SOH ... STX   an IPTC 7901 / ANPA-1312 header, then the article's text
 *   ETX           the end of the text; a time stamp may follow on its own
 *                 line (kept with the article before it)
 *   EOT, FF       the end of a transmission, a form feed: an article ends
 *   end marks     "-30-", "###", "(END)", "NNNN" ... ending an article
 *                 with more text after them; several in a row close one
 */
#ifndef WM_READ_FRAME_H
#define WM_READ_FRAME_H

#include <stddef.h>

/* The bytes that frame a feed (SOH, STX, ETX, EOT, FF) and LF: a stop
 * table for wm_scan_to. */
extern const unsigned char wm_frame_stop[256];

/* A scan of p[0..len) for the framing bytes (SOH, STX, ETX, EOT, FF), and
 * LF too when lf is set: the same stops as wm_scan_to with wm_frame_stop
 * (lf set), found with memchr, each byte's next place kept until passed
 * (framing bytes are rare: their scans cost a pass over the text each). */
typedef struct wm_frame_scan {
	const char *p;
	size_t len;
	int nbytes;         /* 6 with LF, else 5 */
	size_t next[6];     /* the next SOH, STX, ETX, EOT, FF, LF at or after
	                       the last place asked (len: none) */
	size_t other;       /* the first of next[0..5): while not passed, the
	                       framing bytes need no look (most stops are LF) */
} wm_frame_scan;

/* A scan of p[0..len) from offset from on. */
void wm_frame_scan_start(wm_frame_scan *fs, const char *p, size_t len,
                         size_t from, int lf);

/* The first stop at or after i (i not before the last one asked), or
 * len. */
size_t wm_frame_scan_next(wm_frame_scan *fs, size_t i);

/* Whether c separates articles: FF, STX, ETX, EOT. */
int wm_frame_is_separator(char c);

/* After ETX, from p[from] to p[end]: the first non-blank line (blanks:
 * space, tab, LF, CR) [*sb, *se), which ends at LF, a framing byte or end;
 * *nls: the line breaks before it.  Whether it is a time stamp. */
int wm_frame_stamp_after(const char *p, size_t from, size_t end, size_t *sb,
                         size_t *se, unsigned *nls);

/* The end-mark rule, line by line: an end mark ends the article when it
 * has text before it in the article and a line that is not an end mark
 * after it (blank lines aside); end marks in a row close one article, so
 * the article ends after the last of them. */
typedef struct wm_frame_marks {
	int text;       /* a non-blank line in the article so far */
	int pending;    /* an end mark may end it: after line at */
	size_t at;      /* the caller's position just after that mark */
} wm_frame_marks;

/* A non-blank line (is_mark: it is an end mark; after: the caller's
 * position just after it).  Returns 1 when the article ended before this
 * line, at marks->at (the caller cuts there, then calls
 * wm_frame_marks_cut before the next line), else 0. */
int wm_frame_marks_line(wm_frame_marks *marks, int is_mark, size_t after);

/* The article was cut (by the rule, or by other framing): a new one. */
void wm_frame_marks_cut(wm_frame_marks *marks);

#endif
