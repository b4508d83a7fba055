/* The text of XML elements: see text.h. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "../../util/utf8.h"

#define MAX_COLUMNS 64
#define LINE_MARK '\0'

int wm_xml_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

static int is_any(const xmlNode *n, const char *const *names)
{
	for (; names && *names; names++)
		if (wm_xml_is(n, *names))
			return 1;
	return 0;
}

const xmlNode *wm_xml_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (wm_xml_is(c, name))
			return c;
	return NULL;
}

char *wm_xml_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	if (!v)
		return NULL;
	char *s = wm_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int wm_xml_attr_has(const xmlNode *n, const char *name, const char *word)
{
	char *v = wm_xml_attr(n, name);
	size_t wl = strlen(word);
	int found = 0;
	for (const char *p = v; p && *p && !found;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		size_t k = strcspn(p, " \t\n");
		found = k == wl && strncmp(p, word, k) == 0;
		p += k;
	}
	free(v);
	return found;
}

static void gather_element(wm_xml_text *t, const xmlNode *c, int br_as,
                           const char *const *left_out)
{
	if (wm_xml_is(c, "br")) {
		wm_buf_putc(&t->buf, br_as == WM_XML_BR_MARK      ? LINE_MARK
		                     : br_as == WM_XML_BR_NEWLINE ? '\n'
		                                                  : ' ');
		return;
	}
	if (is_any(c, left_out))
		return;
	wm_xml_gather(t, c, br_as, left_out);
}

void wm_xml_gather(wm_xml_text *t, const xmlNode *n, int br_as,
                   const char *const *left_out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content)
				wm_buf_puts(&t->buf, (const char *)c->content);
			break;
		case XML_ENTITY_REF_NODE:
			if (!t->entities++)
				t->entity = c;
			break;
		case XML_ELEMENT_NODE:
			gather_element(t, c, br_as, left_out);
			break;
		default:
			break;
		}
	}
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s less DEL and the C1 controls (U+0080 to U+009F), which XML allows and
 * the writers drop: left in the tree they would make a block whose text
 * writes as nothing.  *len is updated; NULL when there was none to drop
 * (s is then used as it is). */
static char *without_controls(const char *s, size_t *len)
{
	size_t n = *len, i = 0;
	while (i < n && s[i] != 0x7F &&
	       !((unsigned char)s[i] == 0xC2 && i + 1 < n &&
	         (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F))
		i++;
	if (i == n)
		return NULL;
	char *out = wm_xmalloc(n + 1);
	size_t k = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7F)
			continue;
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F) {
			i++;
			continue;
		}
		out[k++] = s[i];
	}
	out[k] = '\0';
	*len = k;
	return out;
}

char *wm_xml_one_line(const char *text, size_t len, int all_runs)
{
	char *filtered = without_controls(text, &len);
	const char *s = filtered ? filtered : text;
	wm_buf b = WM_BUF_INIT;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		int brk = all_runs;
		for (; j < len && is_ws(s[j]); j++)
			if (s[j] == '\n' || s[j] == '\r')
				brk = 1;
		if (j > i && b.len > 0 && j < len) { /* a run inside the text */
			if (brk)
				wm_buf_putc(&b, ' ');
			else
				wm_buf_put(&b, s + i, j - i);
		}
		for (i = j; j < len && !is_ws(s[j]); j++)
			;
		wm_buf_put(&b, s + i, j - i);
		i = j;
	}
	free(filtered);
	if (b.len == 0) {
		wm_buf_free(&b);
		return NULL;
	}
	return wm_buf_detach(&b, NULL);
}

char *wm_xml_text_line(const xmlNode *n, const char *const *left_out,
                  unsigned *entities)
{
	wm_xml_text t = {WM_BUF_INIT, 0, NULL};
	wm_xml_gather(&t, n, WM_XML_BR_SPACE, left_out);
	char *s = wm_xml_one_line(wm_buf_cstr(&t.buf), t.buf.len, 0);
	wm_buf_free(&t.buf);
	if (entities)
		*entities += t.entities;
	return s;
}

static char *one_line_of(const char *s, size_t len, void *unused)
{
	(void)unused;
	return wm_xml_one_line(s, len, 0);
}

char *wm_xml_text_lines(const xmlNode *n, const char *const *line_starts)
{
	wm_xml_text t = {WM_BUF_INIT, 0, NULL};
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				wm_buf_puts(&t.buf, (const char *)c->content);
		} else if (is_any(c, line_starts)) {
			wm_buf_putc(&t.buf, LINE_MARK);
			wm_xml_gather(&t, c, WM_XML_BR_MARK, NULL);
		} else if (c->type == XML_ELEMENT_NODE) {
			gather_element(&t, c, WM_XML_BR_MARK, NULL);
		}
	}
	char *s = wm_join_marked_lines(wm_buf_cstr(&t.buf), t.buf.len,
	                               one_line_of, NULL);
	wm_buf_free(&t.buf);
	return s;
}

/* s less a first line that is blank and white space at the end; NULL when
 * nothing is left. */
static char *trimmed_pre(const char *text, size_t len)
{
	char *filtered = without_controls(text, &len);
	const char *s = filtered ? filtered : text;
	size_t start = 0, end = len;
	while (start < end && (s[start] == ' ' || s[start] == '\t'))
		start++;
	start = start < end && s[start] == '\n' ? start + 1 : 0;
	while (end > start && is_ws(s[end - 1]))
		end--;
	char *out = end > start ? wm_xstrndup(s + start, end - start) : NULL;
	free(filtered);
	return out;
}

char *wm_xml_pre(const xmlNode *n)
{
	wm_xml_text t = {WM_BUF_INIT, 0, NULL};
	wm_xml_gather(&t, n, WM_XML_BR_NEWLINE, NULL);
	for (size_t i = 0; i < t.buf.len; i++)
		if (t.buf.ptr[i] == '\r')
			t.buf.ptr[i] = '\n';
	char *s = trimmed_pre(wm_buf_cstr(&t.buf), t.buf.len);
	wm_buf_free(&t.buf);
	return s;
}

/* ---- tables -------------------------------------------------------------- */

static size_t width(const char *s)
{
	size_t len = strlen(s), i = 0, n = 0;
	for (; i < len; n++)
		wm_utf8_next(s, len, &i);
	return n;
}

typedef void (*row_fn)(const xmlNode *row, void *arg);

/* Calls fn for each tr of table, in thead, tbody and tfoot or not. */
static void each_row(const xmlNode *table, row_fn fn, void *arg)
{
	for (const xmlNode *c = table->children; c; c = c->next) {
		if (wm_xml_is(c, "tr"))
			fn(c, arg);
		else if (wm_xml_is(c, "thead") || wm_xml_is(c, "tbody") ||
		         wm_xml_is(c, "tfoot"))
			each_row(c, fn, arg);
	}
}

static char *cell_text(const xmlNode *cell)
{
	char *s = wm_xml_text_line(cell, NULL, NULL);
	if (!s)
		return wm_xstrdup("");
	for (char *p = s; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return s;
}

static int is_cell(const xmlNode *c)
{
	return wm_xml_is(c, "td") || wm_xml_is(c, "th");
}

static void measure_row(const xmlNode *row, void *arg)
{
	size_t *w = arg, col = 0;
	for (const xmlNode *c = row->children; c; c = c->next) {
		if (!is_cell(c))
			continue;
		char *s = cell_text(c);
		if (col < MAX_COLUMNS && width(s) > w[col])
			w[col] = width(s);
		free(s);
		col++;
	}
}

typedef struct table_out {
	const size_t *w;
	wm_buf b;
} table_out;

static void write_row(const xmlNode *row, void *arg)
{
	table_out *t = arg;
	size_t col = 0, pad = 0, start = t->b.len;
	if (t->b.len)
		wm_buf_putc(&t->b, '\n');
	for (const xmlNode *c = row->children; c; c = c->next) {
		if (!is_cell(c))
			continue;
		for (size_t k = 0; col > 0 && k < pad + 2; k++)
			wm_buf_putc(&t->b, ' ');
		char *s = cell_text(c);
		wm_buf_puts(&t->b, s);
		pad = col < MAX_COLUMNS ? t->w[col] - width(s) : 0;
		free(s);
		col++;
	}
	while (t->b.len > start && t->b.ptr[t->b.len - 1] == ' ')
		wm_buf_truncate(&t->b, t->b.len - 1);
	if (t->b.len == start + 1) /* a row of empty cells: no line */
		t->b.len = start;
}

char *wm_xml_table(const xmlNode *table)
{
	size_t w[MAX_COLUMNS] = {0};
	each_row(table, measure_row, w);
	table_out t = {w, WM_BUF_INIT};
	each_row(table, write_row, &t);
	char *s = trimmed_pre(wm_buf_cstr(&t.b), t.b.len);
	wm_buf_free(&t.b);
	return s;
}
