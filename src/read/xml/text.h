/* The text of XML elements, as the news readers (NITF, NewsML-G2 and the
 * XHTML inside it) take it: lines, bylines, preformatted text and tables
 * made preformatted. */
#ifndef WM_READ_XML_TEXT_H
#define WM_READ_XML_TEXT_H

#include <stddef.h>

#include "safe.h"

#include "../../util/buf.h"

/* Where the text goes and what was left out of it. */
typedef struct wm_xml_text {
	wm_buf buf;
	unsigned entities;       /* entity references left out (none is
	                            expanded) */
	const xmlNode *entity;   /* the first of them */
} wm_xml_text;

/* How a line break element (br) and an element that starts a line of a
 * byline (byttl) are taken. */
enum { WM_XML_BR_SPACE, WM_XML_BR_NEWLINE, WM_XML_BR_MARK };

/* Appends the text of n's content to t: text and CDATA as written, br as
 * br_as says (a space, '\n', or '\0' that marks a line's end for
 * wm_join_marked_lines); the content of elements whose name is in
 * left_out (NULL-terminated; may be NULL) is no part of the text. */
void wm_xml_gather(wm_xml_text *t, const xmlNode *n, int br_as,
                   const char *const *left_out);

/* s[0..len) as one line: a run of white space holding a line break
 * becomes one space (with all_runs, every run does); white space at the
 * ends goes.  NULL when nothing is left; else malloc'd. */
char *wm_xml_one_line(const char *s, size_t len, int all_runs);

/* The text of n as one line (wm_xml_one_line of wm_xml_gather), or NULL;
 * entity references left out are counted in *entities when not NULL. */
char *wm_xml_text_line(const xmlNode *n, const char *const *left_out,
                  unsigned *entities);

/* The text of n as lines: br and the elements named in line_starts each
 * start a line; each line as wm_xml_line gives it, the empty ones left
 * out, joined with '\n'; NULL when nothing is left. */
char *wm_xml_text_lines(const xmlNode *n, const char *const *line_starts);

/* The text of n as preformatted lines: as written, without a first line
 * that is blank and without white space at the end; NULL when nothing is
 * left. */
char *wm_xml_pre(const xmlNode *n);

/* An HTML-style table (tr, with td and th; in thead, tbody, tfoot or
 * not) as preformatted text: a line per row, cells padded to their
 * column's width, two spaces apart; NULL when it has no text. */
char *wm_xml_table(const xmlNode *table);

/* The value of attribute name of n (malloc'd), or NULL. */
char *wm_xml_attr(const xmlNode *n, const char *name);

/* Whether n's attribute name holds word among its space-separated words
 * (class="dateline x"). */
int wm_xml_attr_has(const xmlNode *n, const char *name, const char *word);

/* The first child element of n named name (any namespace), or NULL. */
const xmlNode *wm_xml_child(const xmlNode *n, const char *name);

/* Whether n is an element named name (any namespace). */
int wm_xml_is(const xmlNode *n, const char *name);

#endif
