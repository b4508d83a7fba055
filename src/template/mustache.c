/* A Mustache engine (spec v1.4.2 with the inheritance and dynamic-names
 * modules, without lambdas).
 *
 * A template is parsed once, in three passes over its source:
 *   1. tokenize: split into text and tags, follow set-delimiter tags, and
 *      match every closing tag with its opening tag;
 *   2. mark standalone tags (alone on their line) and trim the whitespace
 *      and line ending around them from the neighbouring text;
 *   3. build a flat node array in document order, where each node records
 *      the index just past its subtree (so children are walked without
 *      pointers and freed with one free()).
 * A template is compiled once (wm_mustache_compile) into a program: its
 * nodes, the names of its tags cut into keys resolved through env->key_id
 * (ref.h), and the partials and parents it names, fetched through
 * env->partial and parsed then, each once.  A program is not changed by
 * rendering it (wm_mustache_run), so one can serve any number of renders,
 * from any thread; a partial whose name is read from data is parsed when
 * first rendered, into the render's own table.
 *
 * Indentation.  A standalone partial, parent or block tag indents the lines
 * it expands to.  Rather than rewriting source text, rendering carries a
 * "transform" (struct xform): at each line start of template text, drop up
 * to `dedent` bytes of blanks (block content is dedented where it is
 * defined) and write `ind` (where it is expanded).  Lines of interpolated
 * values are never indented.  Indentation is taken back when nothing follows
 * it on its line (a line of tags that render nothing), so empty lines carry
 * no trailing blanks.
 *
 * Recursion is bounded: sections nested in one template and the nesting of
 * sections, partials, parents and blocks while rendering stop at max_depth.
 */
#include "mustache.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/hash.h"

#define DEFAULT_MAX_DEPTH 64
#define MAX_DELIM 16
#define NOT_FOUND ((size_t)-1)

enum node_type {
	N_TEXT,
	N_VAR,      /* {{x}}: escaped */
	N_RAW,      /* {{{x}}} and {{&x}} */
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,   /* {{<x}}: children are the block arguments */
	N_BLOCK     /* {{$x}}: children are the default content */
};

enum node_flag {
	NF_BOL = 1,        /* starts a line of the source */
	NF_STANDALONE = 2, /* partial, parent or block tag alone on its line */
	NF_DYNAMIC = 4     /* {{>*x}} and {{<*x}}: the name is read from data */
};

struct node {
	unsigned char type;
	unsigned char flags;
	size_t pos;       /* source offset, for messages */
	size_t next;      /* index just past this node's subtree */
	wm_slice str;     /* text, or the tag's name */
	size_t key;       /* tags: the first of the name's dotted parts in
	                     the template's keys, resolved when compiled */
	size_t nkeys;     /* tags: how many (0 for ".") */
	size_t partial;   /* static partials and parents: the program's
	                     entry for the name (see struct program) */
	wm_slice ws;      /* standalone tags: blanks before them on their line */
	wm_slice indent;  /* standalone blocks: indentation of their content */
	size_t dedent;    /* standalone blocks: blanks to drop per content line */
};

struct tmpl {
	const char *src;
	size_t len;
	char *name;
	struct node *nodes;
	size_t nnodes;
	size_t cap;
	wm_key *keys;
	size_t nkeys;
	size_t capkeys;
};

enum tok_kind {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
	T_COMMENT,
	T_DELIM
};

enum tok_trim {
	TRIM_LEFT = 1,         /* drop the blanks before the tag on its line */
	TRIM_RIGHT = 2,        /* drop the blanks and line ending after it */
	TRIM_RIGHT_BLANKS = 4  /* drop the blanks after it, keep the newline */
};

struct tok {
	unsigned char kind;
	unsigned char dynamic;
	unsigned char trim;
	size_t start;  /* text: its bytes; tags: from opening to closing delimiter */
	size_t end;
	wm_slice name;
	size_t match;  /* opening tags: their closing tag; closing tags: the opening */
	size_t node;   /* opening tags: their node */
};

struct parser {
	const char *src;
	size_t len;
	const char *name;
	wm_mustache_error *err;
	unsigned max_depth;
	struct tok *toks;
	size_t ntoks;
	size_t cap;
	size_t *open;   /* stack of unclosed opening tags */
	size_t nopen;
	size_t capopen;
	char otag[MAX_DELIM + 1];
	size_t olen;
	char ctag[MAX_DELIM + 1];
	size_t clen;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* ---- errors ---- */

static void locate(const char *src, size_t pos, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;

	for (size_t i = 0; i < pos; i++) {
		if (src[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)src[i] & 0xc0) != 0x80) {
			c++;   /* count characters, not UTF-8 continuation bytes */
		}
	}
	*line = l;
	*col = c;
}

static void set_error(wm_mustache_error *err, const char *name,
                      const char *src, size_t pos, const char *fmt, ...)
	WM_PRINTF(5, 6);

static void set_error(wm_mustache_error *err, const char *name,
                      const char *src, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	locate(src, pos, &err->line, &err->col);
	snprintf(err->name, sizeof(err->name), "%s", name ? name : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* Shortens a name for quoting in a message. */
static int qlen(wm_slice s)
{
	return s.len > 64 ? 64 : (int)s.len;
}

/* ---- pass 1: tokens ---- */

static size_t find(const char *s, size_t len, size_t from, const char *pat,
                   size_t plen)
{
	while (from + plen <= len) {
		const char *p = memchr(s + from, pat[0], len - from - plen + 1);
		if (!p)
			return NOT_FOUND;
		from = (size_t)(p - s);
		if (memcmp(p, pat, plen) == 0)
			return from;
		from++;
	}
	return NOT_FOUND;
}

static struct tok *tok_add(struct parser *p, enum tok_kind kind, size_t start,
                           size_t end)
{
	WM_GROW(p->toks, p->ntoks, p->cap, 64);
	struct tok *t = &p->toks[p->ntoks++];
	memset(t, 0, sizeof(*t));
	t->kind = (unsigned char)kind;
	t->start = start;
	t->end = end;
	t->match = NOT_FOUND;
	return t;
}

static wm_slice trim(const char *s, size_t len)
{
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	return wm_slice_make(s, len);
}

static int has_space(wm_slice s)
{
	for (size_t i = 0; i < s.len; i++)
		if (is_space(s.ptr[i]))
			return 1;
	return 0;
}

static enum tok_kind kind_of(char sigil)
{
	switch (sigil) {
	case '{':
	case '&': return T_RAW;
	case '#': return T_SECTION;
	case '^': return T_INVERTED;
	case '/': return T_CLOSE;
	case '>': return T_PARTIAL;
	case '<': return T_PARENT;
	case '$': return T_BLOCK;
	case '!': return T_COMMENT;
	case '=': return T_DELIM;
	default: return T_VAR;
	}
}

/* {{=<% %>=}}: content is what lies between the two '='. */
static int set_delimiters(struct parser *p, size_t at, wm_slice content)
{
	wm_slice c = trim(content.ptr, content.len);
	size_t a = 0;

	while (a < c.len && !is_space(c.ptr[a]))
		a++;
	wm_slice open = wm_slice_make(c.ptr, a);
	wm_slice close = trim(c.ptr + a, c.len - a);
	if (!open.len || !close.len || has_space(close) ||
	    memchr(open.ptr, '=', open.len) || memchr(close.ptr, '=', close.len) ||
	    open.len > MAX_DELIM || close.len > MAX_DELIM) {
		set_error(p->err, p->name, p->src, at,
		          "bad set-delimiter tag: expected two delimiters of 1 to %d "
		          "characters, without blanks or '='", MAX_DELIM);
		return -1;
	}
	memcpy(p->otag, open.ptr, open.len);
	p->olen = open.len;
	memcpy(p->ctag, close.ptr, close.len);
	p->clen = close.len;
	return 0;
}

/* Splits a dynamic name ("*name", "* name") from its '*'. */
static wm_slice dynamic_name(wm_slice name, int *dynamic)
{
	*dynamic = name.len && name.ptr[0] == '*';
	return *dynamic ? trim(name.ptr + 1, name.len - 1) : name;
}

static int slice_eq(wm_slice a, wm_slice b)
{
	return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* Whether closing tag c closes o; a dynamic parent "{{<*x}}" is closed by
 * "{{/ *x}}" written without the blank. */
static int names_match(const struct tok *o, const struct tok *c)
{
	int dynamic;
	wm_slice name = c->name;

	if (o->dynamic) {
		name = dynamic_name(name, &dynamic);
		if (!dynamic)
			return 0;
	}
	return slice_eq(o->name, name);
}

static int open_section(struct parser *p, size_t t)
{
	if (p->nopen >= p->max_depth) {
		set_error(p->err, p->name, p->src, p->toks[t].start,
		          "sections nested deeper than %u levels", p->max_depth);
		return -1;
	}
	WM_GROW(p->open, p->nopen, p->capopen, 16);
	p->open[p->nopen++] = t;
	return 0;
}

static int close_section(struct parser *p, size_t t)
{
	struct tok *c = &p->toks[t];
	unsigned line, col;

	if (!p->nopen) {
		set_error(p->err, p->name, p->src, c->start,
		          "closing tag '%.*s' without an open section",
		          qlen(c->name), c->name.ptr);
		return -1;
	}
	struct tok *o = &p->toks[p->open[p->nopen - 1]];
	if (!names_match(o, c)) {
		locate(p->src, o->start, &line, &col);
		set_error(p->err, p->name, p->src, c->start,
		          "closing tag '%.*s' does not match '%.*s' opened at %u:%u",
		          qlen(c->name), c->name.ptr, qlen(o->name), o->name.ptr,
		          line, col);
		return -1;
	}
	o->match = t;
	c->match = p->open[--p->nopen];
	return 0;
}

static int check_name(struct parser *p, size_t at, wm_slice name)
{
	if (!name.len) {
		set_error(p->err, p->name, p->src, at, "empty tag name");
		return -1;
	}
	if (has_space(name)) {
		set_error(p->err, p->name, p->src, at,
		          "blank inside tag name '%.*s'", qlen(name), name.ptr);
		return -1;
	}
	return 0;
}

/* Files the tag token t, whose content (between sigil and closer) is given. */
static int tag_token(struct parser *p, size_t t, wm_slice content)
{
	struct tok *k = &p->toks[t];
	int dynamic;

	if (k->kind == T_COMMENT)
		return 0;
	if (k->kind == T_DELIM)
		return set_delimiters(p, k->start, content);
	k->name = trim(content.ptr, content.len);
	wm_slice bare = dynamic_name(k->name, &dynamic);
	if (k->kind == T_PARTIAL || k->kind == T_PARENT) {
		k->name = bare;
		k->dynamic = (unsigned char)dynamic;
	}
	/* a closing tag may close "{{<*x}}" or "{{#*x}}": check it both ways */
	if (check_name(p, k->start, k->kind == T_CLOSE ? bare : k->name) < 0)
		return -1;
	switch (k->kind) {
	case T_SECTION:
	case T_INVERTED:
	case T_PARENT:
	case T_BLOCK:
		return open_section(p, t);
	case T_CLOSE:
		return close_section(p, t);
	default:
		return 0;
	}
}

/* Reads the tag whose opening delimiter is at `at`; *pos gets its end. */
static int read_tag(struct parser *p, size_t at, size_t *pos)
{
	size_t q = at + p->olen;
	char closer[MAX_DELIM + 2];
	size_t cl = 0;

	while (q < p->len && is_space(p->src[q]))
		q++;
	enum tok_kind kind = kind_of(q < p->len ? p->src[q] : '\0');
	if (kind != T_VAR)
		q++;
	if (kind == T_DELIM || (kind == T_RAW && p->src[q - 1] == '{'))
		closer[cl++] = p->src[q - 1] == '{' ? '}' : '=';
	memcpy(closer + cl, p->ctag, p->clen);
	cl += p->clen;

	size_t close = find(p->src, p->len, q, closer, cl);
	if (close == NOT_FOUND) {
		set_error(p->err, p->name, p->src, at, "unclosed tag: no '%.*s' after '%.*s'",
		          (int)cl, closer, (int)p->olen, p->otag);
		return -1;
	}
	*pos = close + cl;
	tok_add(p, kind, at, *pos);
	return tag_token(p, p->ntoks - 1,
	                 wm_slice_make(p->src + q, close - q));
}

static int tokenize(struct parser *p)
{
	size_t pos = 0;

	while (pos < p->len) {
		size_t at = find(p->src, p->len, pos, p->otag, p->olen);
		if (at == NOT_FOUND)
			at = p->len;
		if (at > pos)
			tok_add(p, T_TEXT, pos, at);
		if (at == p->len)
			break;
		if (read_tag(p, at, &pos) < 0)
			return -1;
	}
	if (p->nopen) {
		const struct tok *o = &p->toks[p->open[p->nopen - 1]];
		set_error(p->err, p->name, p->src, o->start,
		          "unclosed section '%.*s'", qlen(o->name), o->name.ptr);
		return -1;
	}
	return 0;
}

/* ---- pass 2: standalone tags ---- */

/* Whether only blanks lie between the start of the line and pos; *line gets
 * where the blanks start. */
static int left_clear(const struct parser *p, size_t pos, size_t *line)
{
	while (pos && is_blank(p->src[pos - 1]))
		pos--;
	if (line)
		*line = pos;
	return pos == 0 || p->src[pos - 1] == '\n';
}

/* Whether only blanks lie between pos and the end of its line; *after gets
 * the start of the next line. */
static int right_clear(const struct parser *p, size_t pos, size_t *after)
{
	while (pos < p->len && is_blank(p->src[pos]))
		pos++;
	if (pos < p->len && p->src[pos] == '\r' && pos + 1 < p->len &&
	    p->src[pos + 1] == '\n')
		pos++;
	if (pos < p->len && p->src[pos] != '\n')
		return 0;
	if (after)
		*after = pos < p->len ? pos + 1 : pos;
	return 1;
}

static int adjacent(const struct parser *p, size_t a, size_t b)
{
	return b < p->ntoks && p->toks[a].end == p->toks[b].start;
}

/* Tag pairs that stand alone together on a line (inheritance spec):
 * "{{<p}}{{/p}}", "{{<p}}{{$b}}", "{{/b}}{{/p}}" and "{{$b}}{{/b}}". */
static void mark_pair(struct parser *p, size_t i)
{
	struct tok *t = &p->toks[i];
	size_t j = i + 1;

	if (!adjacent(p, i, j) || !left_clear(p, t->start, NULL) ||
	    !right_clear(p, p->toks[j].end, NULL))
		return;
	struct tok *u = &p->toks[j];
	int pair = 0;
	if (t->kind == T_PARENT)
		pair = t->match == j || u->kind == T_BLOCK;
	else if (t->kind == T_BLOCK && t->match == j)
		pair = 2;
	else if (t->kind == T_CLOSE && p->toks[t->match].kind == T_BLOCK)
		pair = u->kind == T_CLOSE && p->toks[u->match].kind == T_PARENT;
	if (!pair)
		return;
	t->trim |= TRIM_LEFT;
	u->trim |= pair == 2 ? TRIM_RIGHT_BLANKS : TRIM_RIGHT;
}

static void mark_standalone(struct parser *p)
{
	for (size_t i = 0; i < p->ntoks; i++) {
		struct tok *t = &p->toks[i];
		if (t->kind == T_TEXT || t->kind == T_VAR || t->kind == T_RAW)
			continue;
		if (left_clear(p, t->start, NULL) && right_clear(p, t->end, NULL))
			t->trim |= TRIM_LEFT | TRIM_RIGHT;
		else
			mark_pair(p, i);
	}
}

/* Removes the blanks and line endings that standalone tags take with them. */
static void apply_trims(struct parser *p)
{
	for (size_t i = 0; i < p->ntoks; i++) {
		struct tok *t = &p->toks[i];
		size_t at;
		if ((t->trim & TRIM_LEFT) && i > 0 && p->toks[i - 1].kind == T_TEXT) {
			left_clear(p, t->start, &at);
			if (at < p->toks[i - 1].end)
				p->toks[i - 1].end = at;
		}
		if (!(t->trim & (TRIM_RIGHT | TRIM_RIGHT_BLANKS)) || i + 1 >= p->ntoks ||
		    p->toks[i + 1].kind != T_TEXT)
			continue;
		at = t->end;
		if (t->trim & TRIM_RIGHT)
			right_clear(p, t->end, &at);
		else
			while (at < p->len && is_blank(p->src[at]))
				at++;
		if (at > p->toks[i + 1].start)
			p->toks[i + 1].start = at;
	}
}

/* ---- pass 3: nodes ---- */

static size_t node_add(struct tmpl *t, enum node_type type, size_t pos,
                       wm_slice str)
{
	WM_GROW(t->nodes, t->nnodes, t->cap, 32);
	size_t i = t->nnodes++;
	struct node *n = &t->nodes[i];
	memset(n, 0, sizeof(*n));
	n->type = (unsigned char)type;
	n->pos = pos;
	n->next = i + 1;
	n->str = str;
	if (pos == 0 || t->src[pos - 1] == '\n')
		n->flags |= NF_BOL;
	return i;
}

/* The common leading blanks of the non-blank lines of src[from, to). */
static wm_slice common_indent(const char *src, size_t from, size_t to)
{
	wm_slice best = {NULL, 0};

	while (from < to) {
		size_t b = from;
		while (b < to && is_blank(src[b]))
			b++;
		size_t eol = b;
		while (eol < to && src[eol] != '\n')
			eol++;
		int blank = b == eol || (src[b] == '\r' && b + 1 == eol);
		if (!blank && !best.ptr) {
			best = wm_slice_make(src + from, b - from);
		} else if (!blank) {
			size_t n = 0;
			while (n < best.len && n < b - from && src[from + n] == best.ptr[n])
				n++;
			best.len = n;
		}
		from = eol + 1;
	}
	return best;
}

/* A standalone block's content is dedented where it is written and takes
 * the indentation of the place it is expanded into. */
static void block_indent(struct parser *p, struct node *n, const struct tok *o,
                         const struct tok *c)
{
	size_t from = o->end, to = c->start;

	if (!(n->flags & NF_STANDALONE))
		return;
	if (o->trim & TRIM_RIGHT)
		right_clear(p, o->end, &from);
	if (c->trim & TRIM_LEFT)
		left_clear(p, c->start, &to);
	wm_slice in = common_indent(p->src, from, to);
	n->dedent = in.len;
	n->indent = in.ptr ? in : n->ws;
}

static enum node_type node_type_of(enum tok_kind kind)
{
	switch (kind) {
	case T_VAR: return N_VAR;
	case T_RAW: return N_RAW;
	case T_SECTION: return N_SECTION;
	case T_INVERTED: return N_INVERTED;
	case T_PARTIAL: return N_PARTIAL;
	case T_PARENT: return N_PARENT;
	case T_BLOCK: return N_BLOCK;
	default: return N_TEXT;
	}
}

/* Blocks count as standalone when either of their tags trims its line. */
static void tag_node(struct parser *p, struct tmpl *t, size_t i)
{
	struct tok *k = &p->toks[i];
	size_t n = node_add(t, node_type_of((enum tok_kind)k->kind), k->start,
	                    k->name);
	struct node *nd = &t->nodes[n];
	size_t line;

	k->node = n;
	if (k->trim & TRIM_LEFT)
		nd->flags &= (unsigned char)~NF_BOL;   /* its line is gone */
	if (k->dynamic)
		nd->flags |= NF_DYNAMIC;
	if (k->trim & TRIM_LEFT) {
		left_clear(p, k->start, &line);
		nd->ws = wm_slice_make(p->src + line, k->start - line);
	}
	if ((k->trim & TRIM_LEFT) || (k->kind == T_BLOCK && (k->trim & TRIM_RIGHT)))
		nd->flags |= NF_STANDALONE;
}

static void build_nodes(struct parser *p, struct tmpl *t)
{
	for (size_t i = 0; i < p->ntoks; i++) {
		const struct tok *k = &p->toks[i];
		switch (k->kind) {
		case T_TEXT:
			if (k->start < k->end)
				node_add(t, N_TEXT, k->start, wm_slice_make(
				         p->src + k->start, k->end - k->start));
			break;
		case T_COMMENT:
		case T_DELIM:
			break;
		case T_CLOSE: {
			const struct tok *o = &p->toks[k->match];
			t->nodes[o->node].next = t->nnodes;
			if (o->kind == T_BLOCK)
				block_indent(p, &t->nodes[o->node], o, k);
			break;
		}
		default:
			tag_node(p, t, i);
			break;
		}
	}
}

static void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->keys);
	free(t->name);
	free(t);
}

/* Parses src; NULL (and *err filled) on a syntax error. */
static struct tmpl *tmpl_parse(const char *src, size_t len, const char *name,
                               size_t namelen, unsigned max_depth,
                               wm_mustache_error *err)
{
	struct parser p;
	struct tmpl *t = wm_xcalloc(1, sizeof(*t));

	memset(&p, 0, sizeof(p));
	t->src = src ? src : "";
	t->len = src ? len : 0;
	t->name = wm_xstrndup(name ? name : "", name ? namelen : 0);
	p.src = t->src;
	p.len = t->len;
	p.name = t->name;
	p.err = err;
	p.max_depth = max_depth;
	memcpy(p.otag, "{{", 3);
	p.olen = 2;
	memcpy(p.ctag, "}}", 3);
	p.clen = 2;
	if (tokenize(&p) < 0) {
		tmpl_free(t);
		t = NULL;
		goto out;
	}
	mark_standalone(&p);
	apply_trims(&p);
	build_nodes(&p, t);
out:
	free(p.toks);
	free(p.open);
	return t;
}

/* ---- names, resolved once ---- */

static void key_add(struct tmpl *t, const char *p, size_t len,
                    int (*key_id)(const char *, size_t))
{
	WM_GROW(t->keys, t->nkeys, t->capkeys, 16);
	wm_key *k = &t->keys[t->nkeys++];
	k->ptr = p;
	k->len = len;
	k->hash = wm_value_key_hash(p, len);
	k->id = key_id ? key_id(p, len) : -1;
	k->bit = k->id >= 0 && k->id < 63 ? WM_KEY_BIT(k->id) : WM_OTHER_KEYS;
}

/* Cuts each tag's name at its dots into keys ("." alone has none). */
static void resolve_keys(struct tmpl *t, int (*key_id)(const char *, size_t))
{
	for (size_t i = 0; i < t->nnodes; i++) {
		struct node *n = &t->nodes[i];
		if (n->type == N_TEXT)
			continue;
		n->key = t->nkeys;
		if (n->str.len == 1 && n->str.ptr[0] == '.')
			continue;
		const char *p = n->str.ptr, *end = p + n->str.len;
		for (;;) {
			const char *dot = memchr(p, '.', (size_t)(end - p));
			const char *stop = dot ? dot : end;
			key_add(t, p, (size_t)(stop - p), key_id);
			n->nkeys++;
			if (!dot)
				break;
			p = dot + 1;
		}
	}
}

/* ---- the program: a template and the partials it names ---- */

/* A partial (or parent) by name: parsed once, when the program is
 * compiled (or, for a name read from data, when first rendered). */
struct pentry {
	char *name;
	size_t len;
	const char *src;  /* its source (the partial function's) */
	size_t srclen;
	int state;        /* 1 parsed; 0 no such partial; -1 a syntax error,
	                     reported when the tag is rendered */
	struct tmpl *t;
};

struct wm_mustache {
	struct tmpl *main;
	struct pentry **parts;
	size_t nparts, cap;
	int (*key_id)(const char *, size_t);
	wm_partial_fn partial;
	void *partial_ctx;
	unsigned max_depth;
};

static void program_link(struct wm_mustache *m, struct tmpl *t);

static struct pentry *program_partial(struct wm_mustache *m, const char *name,
                                      size_t len)
{
	for (size_t i = 0; i < m->nparts; i++)
		if (m->parts[i]->len == len && !memcmp(m->parts[i]->name, name, len))
			return m->parts[i];
	struct pentry *e = wm_xcalloc(1, sizeof(*e));
	e->name = wm_xstrndup(name, len);
	e->len = len;
	WM_GROW(m->parts, m->nparts, m->cap, 8);
	m->parts[m->nparts++] = e;
	if (m->partial)
		e->src = m->partial(name, len, &e->srclen, m->partial_ctx);
	if (!e->src)
		return e;
	wm_mustache_error ignored;
	e->t = tmpl_parse(e->src, e->srclen, name, len, m->max_depth, &ignored);
	e->state = e->t ? 1 : -1;
	if (e->t) {
		resolve_keys(e->t, m->key_id);
		program_link(m, e->t);
	}
	return e;
}

/* Finds the partials t names (those named in the template, not read from
 * data) and keeps each node's entry. */
static void program_link(struct wm_mustache *m, struct tmpl *t)
{
	for (size_t i = 0; i < t->nnodes; i++) {
		struct node *n = &t->nodes[i];
		if ((n->type != N_PARTIAL && n->type != N_PARENT) ||
		    (n->flags & NF_DYNAMIC))
			continue;
		struct pentry *e = program_partial(m, n->str.ptr, n->str.len);
		t->nodes[i].partial = (size_t)(uintptr_t)e;
	}
}

static unsigned max_depth_of(const wm_mustache_env *env)
{
	return env && env->max_depth ? env->max_depth : DEFAULT_MAX_DEPTH;
}

static void clear_error(wm_mustache_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

static void program_init(struct wm_mustache *m, const wm_mustache_env *env)
{
	memset(m, 0, sizeof(*m));
	if (env) {
		m->key_id = env->key_id;
		m->partial = env->partial;
		m->partial_ctx = env->partial_ctx;
	}
	m->max_depth = max_depth_of(env);
}

static void program_clear(struct wm_mustache *m)
{
	for (size_t i = 0; i < m->nparts; i++) {
		tmpl_free(m->parts[i]->t);
		free(m->parts[i]->name);
		free(m->parts[i]);
	}
	free(m->parts);
	tmpl_free(m->main);
}

wm_mustache *wm_mustache_compile(const char *src, size_t len, const char *name,
                                 const wm_mustache_env *env,
                                 wm_mustache_error *err)
{
	clear_error(err);
	wm_mustache *m = wm_xmalloc(sizeof(*m));
	program_init(m, env);
	m->main = tmpl_parse(src, len, name, name ? strlen(name) : 0,
	                     m->max_depth, err);
	if (!m->main) {
		free(m);
		return NULL;
	}
	resolve_keys(m->main, m->key_id);
	program_link(m, m->main);
	return m;
}

void wm_mustache_free(wm_mustache *m)
{
	if (!m)
		return;
	program_clear(m);
	free(m);
}

/* ---- rendering ---- */

/* The context stack, innermost first. */
struct frame {
	wm_ref v;
	uint64_t answers; /* the keys v may answer (0 unless a map) */
	const struct frame *up;
};

/* Keeps f->answers in step with f->v. */
static void frame_set(struct frame *f)
{
	f->answers = f->v.kind == WM_REF_MAP ? f->v.cls->answers : 0;
}

/* What happens at each line start of template text (see the top). */
struct xform {
	const char *ind;
	size_t indlen;
	size_t dedent;
};

/* The block arguments of one parent tag being rendered, innermost first;
 * outer arguments win. */
struct args {
	const struct args *up;
	const struct tmpl *t;
	size_t parent;      /* the parent's node in t */
	struct xform x;     /* the transform in force around the parent tag */
};

struct scope {
	const struct tmpl *t;
	const struct frame *ctx;
	const struct args *args;
	struct xform x;
	unsigned depth;
	size_t cont_pos;  /* a node of t here continues the line of the tag
	                     that expanded t (inline partials, blocks) */
};

struct renderer {
	const wm_mustache_env *env;
	const wm_mustache *prog;
	struct wm_mustache dyn; /* partials whose names came from data */
	wm_buf *out;
	wm_mustache_error *err;
	unsigned max_depth;
	wm_buf scratch;
	size_t idle_from;  /* out[idle_from, idle_to) is indentation with */
	size_t idle_to;    /* nothing after it yet; idle_to 0: none */
};

static int render_nodes(struct renderer *r, const struct scope *s, size_t from,
                        size_t to);

/* What tag node n of t names: its first part is looked up through the
 * context stack, the others in what that gives. */
static void lookup(const struct frame *ctx, const struct tmpl *t,
                   const struct node *n, wm_ref *out)
{
	out->kind = WM_REF_ABSENT;
	if (n->nkeys == 0) {
		if (ctx)
			*out = ctx->v;
		return;
	}
	const wm_key *k = &t->keys[n->key];
	for (; ctx; ctx = ctx->up)
		if ((ctx->answers & k->bit) && ctx->v.cls->get(&ctx->v, k, out))
			break;
	if (!ctx)
		out->kind = WM_REF_ABSENT;
	for (size_t i = 1; i < n->nkeys && out->kind != WM_REF_ABSENT; i++) {
		wm_ref in = *out;
		if (in.kind != WM_REF_MAP || !(in.cls->answers & k[i].bit) ||
		    !in.cls->get(&in, &k[i], out))
			out->kind = WM_REF_ABSENT;
	}
}

/* Takes back indentation that nothing followed on its line. */
static void drop_idle_indent(struct renderer *r)
{
	if (r->idle_to && r->out->len == r->idle_to)
		wm_buf_truncate(r->out, r->idle_from);
	r->idle_to = 0;
}

/* Starts a line of output with indentation ind. */
static void begin_line(struct renderer *r, const char *ind, size_t len)
{
	drop_idle_indent(r);
	if (!len)
		return;
	r->idle_from = r->out->len;
	wm_buf_put(r->out, ind, len);
	r->idle_to = r->out->len;
}

static void put_indent(struct renderer *r, const struct scope *s)
{
	begin_line(r, s->x.ind, s->x.indlen);
}

/* Whether node n starts a line of output (the first line of an inline
 * partial does not: it goes on with the line of the tag). */
static int at_bol(const struct scope *s, const struct node *n)
{
	return (n->flags & NF_BOL) && n->pos != s->cont_pos;
}

static int line_end_at(const char *p, const char *end)
{
	return p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'));
}

/* At a source line start: drops the dedent, then, if the line starts
 * output too, indents it unless it is empty. */
static const char *line_start(struct renderer *r, const struct scope *s,
                              const char *p, const char *end, int fresh)
{
	for (size_t i = 0; i < s->x.dedent && p < end && is_blank(*p); i++)
		p++;
	if (line_end_at(p, end))
		drop_idle_indent(r);
	else if (fresh)
		put_indent(r, s);
	return p;
}

static void render_text(struct renderer *r, const struct scope *s,
                        const struct node *n)
{
	const char *p = n->str.ptr, *end = p + n->str.len;
	int bol = n->flags & NF_BOL;
	int fresh = at_bol(s, n);

	if (!s->x.indlen && !s->x.dedent) {
		if (r->idle_to && (fresh || line_end_at(p, end)))
			drop_idle_indent(r);
		wm_buf_put(r->out, p, n->str.len);
		return;
	}
	while (p < end) {
		if (bol)
			p = line_start(r, s, p, end, fresh);
		else if (line_end_at(p, end))
			drop_idle_indent(r);
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl + 1 : end;
		wm_buf_put(r->out, p, (size_t)(stop - p));
		p = stop;
		bol = fresh = 1;
	}
}

static void render_value(struct renderer *r, const struct scope *s,
                         const struct node *n)
{
	wm_ref v;
	const char *text;
	size_t len;

	lookup(s->ctx, s->t, n, &v);
	if (at_bol(s, n))
		put_indent(r, s);
	if (v.kind == WM_REF_STRING) {
		text = v.s;
		len = v.len;
	} else {
		wm_buf_truncate(&r->scratch, 0);
		wm_ref_text(&r->scratch, &v);
		text = wm_buf_cstr(&r->scratch);
		len = r->scratch.len;
	}
	if (n->type == N_VAR && r->env->escape)
		r->env->escape(r->out, text, len, r->env->escape_ctx);
	else
		wm_buf_put(r->out, text, len);
}

/* Whether going one level below node i of s would pass max_depth (and
 * then says so in *err). */
static int too_deep(struct renderer *r, const struct scope *s, size_t i)
{
	if (s->depth < r->max_depth)
		return 0;
	set_error(r->err, s->t->name, s->t->src, s->t->nodes[i].pos,
	          "templates nested deeper than %u levels "
	          "(a partial that includes itself?)", r->max_depth);
	return 1;
}

/* Hands the complete lines of out to the flush function and drops them
 * (all of out when all is set), keeping indentation still pending. */
static int flush_out(struct renderer *r, int all)
{
	wm_buf *out = r->out;
	size_t keep = out->len;
	if (all) {
		keep = 0;
	} else {
		while (keep > 0 && out->ptr[keep - 1] != '\n')
			keep--;
		if (r->idle_to && r->idle_from < keep)
			keep = r->idle_from;
	}
	if (keep == 0 && !all)
		return 0;
	size_t n = all ? out->len : keep;
	if (n && r->env->flush(out->ptr, n, r->env->stream_ctx) != 0) {
		set_error(r->err, NULL, NULL, 0, "cannot write the output");
		return -1;
	}
	memmove(out->ptr, out->ptr + n, out->len - n);
	wm_buf_truncate(out, out->len - n);
	if (r->idle_to) {
		r->idle_from -= n;
		r->idle_to -= n;
	}
	return 0;
}

/* A section over a stream: its items one at a time (see env). */
static int render_stream(struct renderer *r, const struct scope *sub,
                         struct frame *f, size_t i, const struct node *n)
{
	for (;;) {
		int failed = 0;
		if (!r->env->stream_next ||
		    !r->env->stream_next(r->env->stream_ctx, &failed, &f->v)) {
			if (failed)
				set_error(r->err, NULL, NULL, 0, "the items of a stream "
				          "could not be read");
			return failed ? -1 : 0;
		}
		frame_set(f);
		int rc = render_nodes(r, sub, i + 1, n->next);
		if (rc < 0 || (r->env->flush && flush_out(r, 0) < 0))
			return -1;
	}
}

static int render_section(struct renderer *r, const struct scope *s, size_t i)
{
	const struct node *n = &s->t->nodes[i];
	struct frame f;

	lookup(s->ctx, s->t, n, &f.v);
	int truthy = wm_ref_truthy(&f.v);
	if (at_bol(s, n))
		put_indent(r, s);
	if (truthy == (n->type == N_INVERTED))
		return 0;
	if (too_deep(r, s, i))
		return -1;
	struct scope sub = *s;
	sub.depth++;
	if (n->type == N_INVERTED)
		return render_nodes(r, &sub, i + 1, n->next);
	f.up = s->ctx;
	sub.ctx = &f;
	if (f.v.kind == WM_REF_STREAM)
		return render_stream(r, &sub, &f, i, n);
	if (f.v.kind != WM_REF_LIST) {
		frame_set(&f);
		return render_nodes(r, &sub, i + 1, n->next);
	}
	wm_ref list = f.v;
	size_t count = list.cls->count(&list);
	for (size_t k = 0; k < count; k++) {
		list.cls->item(&list, k, &f.v);
		frame_set(&f);
		if (render_nodes(r, &sub, i + 1, n->next) < 0)
			return -1;
	}
	return 0;
}

/* The partial that node n names: 1 found (*out), 0 none, -1 syntax error
 * (then in *err). */
static int load_partial(struct renderer *r, const struct node *n,
                        wm_slice name, const struct tmpl **out)
{
	const struct pentry *e;
	if (n->flags & NF_DYNAMIC) {
		if (!r->dyn.max_depth) {
			program_init(&r->dyn, r->env);
			r->dyn.key_id = r->prog->key_id;
			r->dyn.max_depth = r->max_depth;
		}
		e = program_partial(&r->dyn, name.ptr, name.len);
	} else {
		e = (const struct pentry *)(uintptr_t)n->partial;
	}
	if (e->state < 0) {
		/* parsed again, for the message */
		tmpl_free(tmpl_parse(e->src, e->srclen, e->name, e->len,
		                     r->max_depth, r->err));
		return -1;
	}
	*out = e->t;
	return e->state;
}

/* The name of a partial or parent tag, read from data when dynamic;
 * 0 when a dynamic name resolves to nothing. */
static int partial_name(const struct scope *s, const struct node *n,
                        wm_buf *tmp, wm_slice *name)
{
	if (!(n->flags & NF_DYNAMIC)) {
		*name = n->str;
		return 1;
	}
	wm_ref v;
	lookup(s->ctx, s->t, n, &v);
	if (v.kind != WM_REF_STRING && v.kind != WM_REF_NUMBER)
		return 0;
	wm_ref_text(tmp, &v);
	*name = wm_slice_make(wm_buf_cstr(tmp), tmp->len);
	return name->len > 0;
}

/* Sets x to prefix + extra, where extra loses the first `drop` bytes;
 * returns the storage to free, if any. */
static char *join_indent(struct xform *x, const char *prefix, size_t plen,
                         wm_slice extra, size_t drop)
{
	drop = drop < extra.len ? drop : extra.len;
	extra.ptr += drop;
	extra.len -= drop;
	x->dedent = 0;
	if (!extra.len) {
		x->ind = prefix;
		x->indlen = plen;
		return NULL;
	}
	char *b = wm_xmalloc(plen + extra.len);
	if (plen)
		memcpy(b, prefix, plen);
	memcpy(b + plen, extra.ptr, extra.len);
	x->ind = b;
	x->indlen = plen + extra.len;
	return b;
}

/* Reports a partial that names nothing, when partials are strict. */
static int no_partial(struct renderer *r, const struct scope *s,
                      const struct node *n, int named, wm_slice name)
{
	if (named)
		set_error(r->err, s->t->name, s->t->src, n->pos,
		          "unknown partial \"%.*s\"", (int)name.len, name.ptr);
	else
		set_error(r->err, s->t->name, s->t->src, n->pos,
		          "dynamic partial name \"%.*s\" gives no name",
		          (int)n->str.len, n->str.ptr);
	return -1;
}

/* {{>name}} and {{<name}}...{{/name}}: renders another template in the
 * current context; a standalone tag indents all of its lines. */
static int render_partial(struct renderer *r, const struct scope *s, size_t i)
{
	const struct node *n = &s->t->nodes[i];
	const struct tmpl *t = NULL;
	struct scope sub = *s;
	struct args a;
	wm_buf tmp = WM_BUF_INIT;
	wm_slice name;
	char *ind = NULL;
	int rc = -1;

	if (at_bol(s, n))
		put_indent(r, s);
	if (too_deep(r, s, i))
		goto out;
	int named = partial_name(s, n, &tmp, &name);
	int found = named ? load_partial(r, n, name, &t) : 0;
	if (found == 0 && r->env->strict_partials)
		found = no_partial(r, s, n, named, name);
	if (found <= 0) {
		rc = found;
		goto out;
	}
	if (n->type == N_PARENT) {
		a.up = s->args;
		a.t = s->t;
		a.parent = i;
		a.x = s->x;
		sub.args = &a;
	}
	sub.t = t;
	sub.depth++;
	sub.cont_pos = n->flags & NF_STANDALONE ? NOT_FOUND : 0;
	sub.x.ind = "";
	sub.x.indlen = 0;
	sub.x.dedent = 0;
	if (n->flags & NF_STANDALONE)
		ind = join_indent(&sub.x, s->x.ind, s->x.indlen, n->ws, s->x.dedent);
	rc = render_nodes(r, &sub, 0, t->nnodes);
out:
	free(ind);
	wm_buf_free(&tmp);
	return rc;
}

/* The outermost argument for block `name`: sets *t and *node (and *x, the
 * transform around its parent tag); 0 when no parent passes one. */
static int find_argument(const struct args *a, wm_slice name,
                         const struct tmpl **t, size_t *node,
                         struct xform *x)
{
	int found = 0;

	for (; a; a = a->up) {
		const struct node *nodes = a->t->nodes;
		size_t end = nodes[a->parent].next;
		for (size_t j = a->parent + 1; j < end; j = nodes[j].next) {
			if (nodes[j].type != N_BLOCK || !slice_eq(nodes[j].str, name))
				continue;
			*t = a->t;
			*node = j;
			*x = a->x;
			found = 1;
			break;
		}
	}
	return found;
}

/* {{$name}}...{{/name}} outside a parent tag: renders the argument a parent
 * passed for it, else its own content.  Content written standalone is
 * dedented and, at a standalone site, takes the site's indentation; inline
 * content keeps the transform of the place it was written. */
static int render_block(struct renderer *r, const struct scope *s, size_t i)
{
	const struct node *site = &s->t->nodes[i];
	struct scope sub = *s;
	struct xform at;
	size_t c = i;
	char *ind = NULL, *ind2 = NULL;

	if (too_deep(r, s, i))
		return -1;
	sub.depth++;
	sub.cont_pos = NOT_FOUND;
	find_argument(s->args, site->str, &sub.t, &c, &sub.x);
	const struct node *content = &sub.t->nodes[c];
	struct xform def = sub.x;

	if (at_bol(s, site))
		put_indent(r, s);
	if (content->flags & NF_STANDALONE) {
		if (site->flags & NF_STANDALONE)
			ind = join_indent(&sub.x, s->x.ind, s->x.indlen,
			                  site->indent, s->x.dedent);
		else if (c + 1 < content->next)   /* goes on after the site */
			sub.cont_pos = sub.t->nodes[c + 1].pos;
		if (!(site->flags & NF_STANDALONE))
			sub.x.indlen = 0;
		sub.x.dedent = content->dedent;
	} else if (site->flags & NF_STANDALONE) {
		ind = join_indent(&at, s->x.ind, s->x.indlen, site->indent,
		                  s->x.dedent);
		begin_line(r, at.ind, at.indlen);
		ind2 = join_indent(&sub.x, at.ind, at.indlen,
		                   wm_slice_make(def.ind, def.indlen), 0);
		sub.x.dedent = def.dedent;
	}
	int rc = render_nodes(r, &sub, c + 1, content->next);
	free(ind2);
	free(ind);
	return rc;
}

static int render_node(struct renderer *r, const struct scope *s, size_t i)
{
	const struct node *n = &s->t->nodes[i];

	switch (n->type) {
	case N_TEXT:
		render_text(r, s, n);
		return 0;
	case N_VAR:
	case N_RAW:
		render_value(r, s, n);
		return 0;
	case N_SECTION:
	case N_INVERTED:
		return render_section(r, s, i);
	case N_PARTIAL:
	case N_PARENT:
		return render_partial(r, s, i);
	case N_BLOCK:
		return render_block(r, s, i);
	default:
		return 0;
	}
}

static int render_nodes(struct renderer *r, const struct scope *s, size_t from,
                        size_t to)
{
	const struct node *nodes = s->t->nodes;
	int plain = !s->x.indlen && !s->x.dedent;
	for (size_t i = from; i < to; i = nodes[i].next) {
		/* text with no indentation to mind, the most common node */
		if (nodes[i].type == N_TEXT && plain && !r->idle_to) {
			wm_buf_put(r->out, nodes[i].str.ptr, nodes[i].str.len);
			continue;
		}
		if (render_node(r, s, i) < 0)
			return -1;
	}
	return 0;
}

int wm_mustache_run(const wm_mustache *m, const wm_ref *data,
                    const wm_mustache_env *env, wm_buf *out,
                    wm_mustache_error *err)
{
	static const wm_mustache_env no_env;
	struct renderer r;
	struct frame root;
	struct scope s;
	int rc = -1;

	clear_error(err);
	memset(&r, 0, sizeof(r));
	r.env = env ? env : &no_env;
	r.prog = m;
	r.out = out;
	r.err = err;
	r.max_depth = m->max_depth;
	root.v = *data;
	root.up = NULL;
	frame_set(&root);
	memset(&s, 0, sizeof(s));
	s.t = m->main;
	s.ctx = &root;
	s.x.ind = "";
	s.cont_pos = NOT_FOUND;
	if (render_nodes(&r, &s, 0, m->main->nnodes) < 0)
		goto out;
	drop_idle_indent(&r);
	if (r.env->flush && flush_out(&r, 1) < 0)
		goto out;
	rc = 0;
out:
	if (r.dyn.max_depth)
		program_clear(&r.dyn);
	wm_buf_free(&r.scratch);
	return rc;
}

int wm_mustache_render(const char *src, size_t len, const char *name,
                       const wm_value *data, const wm_mustache_env *env,
                       wm_buf *out, wm_mustache_error *err)
{
	wm_mustache *m = wm_mustache_compile(src, len, name, env, err);
	if (!m)
		return -1;
	wm_ref root;
	wm_value_ref(data, &root);
	int rc = wm_mustache_run(m, &root, env, out, err);
	wm_mustache_free(m);
	return rc;
}

int wm_mustache_check(const char *src, size_t len, const char *name,
                      wm_mustache_error *err)
{
	clear_error(err);
	struct tmpl *t = tmpl_parse(src, len, name, name ? strlen(name) : 0,
	                            DEFAULT_MAX_DEPTH, err);
	if (!t)
		return -1;
	tmpl_free(t);
	return 0;
}
