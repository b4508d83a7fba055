/* The wire reader's lines and words: a line of the input with its indent
 * and number, and the small tests of text that the reader's parts share
 * (wire.c, signoff.c, byline.c). */
#ifndef WM_READ_LINES_H
#define WM_READ_LINES_H

#include <stdint.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/words.h"

typedef struct line {
	const char *p; /* text without the newline */
	size_t len;    /* without trailing space */
	size_t indent; /* leading spaces and tabs */
	unsigned no;   /* 1-based line number in the input */
	int blank;
} line;

typedef struct lines {
	line *v;
	size_t n;
	size_t cap;
} lines;

static inline int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Line p[0, len) (no newline), number no: its indent, its length without
 * trailing space and control characters, and whether it is blank (nothing
 * else). */
static inline void line_set(line *l, const char *p, size_t len, unsigned no)
{
	size_t ind = 0;
	while (ind < len && is_space(p[ind]))
		ind++;
	size_t e = len;
	while (e > ind && (is_space(p[e - 1]) || (unsigned char)p[e - 1] < 0x20))
		e--;
	l->p = p;
	l->len = e;
	l->indent = ind;
	l->no = no;
	l->blank = ind == e;
}

static inline void lines_push(lines *ls, const char *p, size_t len, unsigned no)
{
	WM_GROW(ls->v, ls->n, ls->cap, 64);
	line_set(&ls->v[ls->n++], p, len, no);
}

/* The line's text without leading and trailing space. */
static inline const char *ltext(const line *l, size_t *n)
{
	*n = l->len - l->indent;
	return l->p + l->indent;
}

static inline int ltext_is(const line *l, const char *lit)
{
	size_t n;
	const char *t = ltext(l, &n);
	return n == strlen(lit) && memcmp(t, lit, n) == 0;
}

static inline size_t skip_blank(const line *v, size_t i, size_t n)
{
	while (i < n && v[i].blank)
		i++;
	return i;
}

/* The end of the block (run of non-blank lines) that holds line i. */
static inline size_t block_end(const line *v, size_t i, size_t n)
{
	while (i < n && !v[i].blank)
		i++;
	return i;
}

static inline char *join_lines(const line *v, size_t b, size_t e, const char *sep)
{
	wm_buf out = WM_BUF_INIT;
	for (size_t k = b; k < e; k++) {
		size_t n;
		const char *t = ltext(&v[k], &n);
		if (n == 0)
			continue;
		if (out.len)
			wm_buf_puts(&out, sep);
		wm_buf_put(&out, t, n);
	}
	return wm_buf_detach(&out, NULL);
}

/* ---- characters and words ---- */

static inline int has_digit(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] >= '0' && t[i] <= '9')
			return 1;
	return 0;
}

/* The first code point of t past opening quotes. */
static inline uint32_t first_char(const char *t, size_t n)
{
	size_t i = 0;
	uint32_t c = 0;
	while (i < n) {
		c = wm_utf8_next(t, n, &i);
		if (c != '"' && c != '\'' && c != 0x201C && c != 0x2018 && c != '`')
			break;
	}
	return c;
}

static inline int starts_upper(const char *t, size_t n)
{
	return wm_ucs_case(first_char(t, n)) == WM_CASE_UPPER;
}

/* Whether t ends a sentence: . ! ? : or a closing quote or bracket. */
static inline int ends_sentence(const char *t, size_t n)
{
	if (n == 0)
		return 0;
	char c = t[n - 1];
	if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' ||
	    c == '\'' || c == ')')
		return 1;
	/* ” ’ */
	return n >= 3 && (unsigned char)t[n - 3] == 0xE2 &&
	       (unsigned char)t[n - 2] == 0x80 &&
	       ((unsigned char)t[n - 1] == 0x9D || (unsigned char)t[n - 1] == 0x99);
}

/* A word of t starting at *i (spaces skipped); returns its length. */
static inline size_t next_word(const char *t, size_t n, size_t *i, size_t *b)
{
	while (*i < n && is_space(t[*i]))
		(*i)++;
	*b = *i;
	while (*i < n && !is_space(t[*i]))
		(*i)++;
	return *i - *b;
}

static inline int word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && wm_ascii_iprefix(w, n, *list))
			return 1;
	return 0;
}

#endif
