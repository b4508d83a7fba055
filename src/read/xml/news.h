/* What the readers of the news industry's formats share (NITF, and
 * NewsML-G2 with the XHTML or NITF inside it): an article built from
 * elements, its body's blocks in the HTML-like vocabulary both use, its
 * dateline, and the article checked and kept. */
#ifndef WM_READ_XML_NEWS_H
#define WM_READ_XML_NEWS_H

#include <stddef.h>

#include "text.h"

#include "../../context/context.h"
#include "../../tree/tree.h"

/* One input being read. */
typedef struct wm_news_input {
	wm_context *ctx;
	const char *source; /* its name, for messages */
	const char *bytes;  /* the XML, for the column of a message */
	size_t len;
	const char *format; /* "NITF", "NewsML-G2": messages name it */
	unsigned warnings;
	unsigned at_line;   /* the line wm_news_col found last (0: none) */
	size_t at_off;      /* and where it starts in bytes */
} wm_news_input;

/* One article being read. */
typedef struct wm_news {
	wm_news_input *in;
	wm_article *a;
	int started;             /* a body block has been read */
	unsigned entities;       /* entity references left out */
	const xmlNode *entity;   /* the first of them */
	char *dateline_text;     /* a dateline element's text with no dash
	                            (the first paragraph may hold one) */
	unsigned dateline_line;
	const char *city;        /* its place and region where marked up (in
	                            the article's arena) */
	const char *region;
	char *date_norm;         /* the dateline's date as a machine reads it
	                            (story.date@norm), for its iso_date */
	unsigned media;          /* media and figures kept in meta */
} wm_news;

/* Starts an article of in. */
void wm_news_start(wm_news *n, wm_news_input *in);

/* The column of element el's start tag on its line of the input (1 when
 * unknown); in remembers where that line starts. */
unsigned wm_news_col(wm_news_input *in, const xmlNode *el);

/* A warning (WM_DIAG_NOT_READ) at element el: what the reader leaves out;
 * ten per input at most. */
void wm_news_warn(wm_news_input *in, const xmlNode *el, const char *fmt, ...)
	WM_PRINTF(3, 4);

/* An error at element el (code), and 0 to return. */
int wm_news_error(wm_news_input *in, const xmlNode *el, wm_diag_code code,
                  const char *fmt, ...) WM_PRINTF(4, 5);

/* Sets meta key to s (trimmed; nothing when empty or NULL); s is freed. */
void wm_news_meta(wm_news *n, const char *key, char *s);

/* The text of element el as one line (NULL when empty), entity
 * references counted. */
char *wm_news_line(wm_news *n, const xmlNode *el);

/* Adds a block of text (NULL: nothing); text is malloc'd. */
void wm_news_block(wm_news *n, wm_block_type type, char *text,
                   unsigned line);

/* Reads the blocks of container (NITF's body.content, XHTML's body):
 * p; hl2, h1-h6 (subheads, as paragraphs; XHTML's first h1 is the
 * headline when there is none yet); table (preformatted); pre; ul, ol, dl
 * (a paragraph per item); block, bq, blockquote, div, section, article
 * (looked into); media, figure (caption and reference into meta); note,
 * fn (left out, with a warning); XHTML's p class="byline" (the byline)
 * and class="teaser" (the deck, or meta.abstract when there is one) before
 * the first block, class="trailer" (the trailer; a paragraph when text
 * follows it), and a span
 * class="dateline" that starts the first paragraph. */
void wm_news_blocks(wm_news *n, const xmlNode *container);

/* The dateline written in element el (NITF's dateline, the text of
 * NewsML-G2's), its parts given where known (NULL: not): read with the
 * wire grammar, followed by the first paragraph as in wire copy, else
 * from the parts; a text with no dash is kept until the end (see
 * wm_news_finish). */
void wm_news_dateline(wm_news *n, char *text, unsigned line,
                      const char *city, const char *region);

/* ISO 8601 from the forms agencies write a date and time in
 * ("20131020T192751+1100", "2016-05-12T00:05:13+02:00", "2016-04-13
 * 04:52:21+00:00", "20160512"): malloc'd "2013-10-20T19:27:51+11:00"
 * (the date alone when there is no time); NULL when it is none of them. */
char *wm_news_iso(const char *norm);

/* Ends the article: the first paragraph's dateline read as the wire
 * reader reads it when there is none yet (and a dateline element's text
 * with no dash kept in meta.dateline when the paragraph holds none); a
 * dateline that the first paragraph repeats cut from it; a warning for
 * entity references; source and line (of el when line is 0) set; the
 * tree's rules checked.  Returns the article (the caller's) or NULL, an
 * error reported (no headline: why). */
wm_article *wm_news_finish(wm_news *n, const xmlNode *el, unsigned line);

/* Frees what wm_news_start holds and the article when it is still there
 * (a reader that gives up). */
void wm_news_drop(wm_news *n);

#endif
