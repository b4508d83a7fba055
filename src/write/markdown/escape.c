/* Markdown (CommonMark) text: escaping, wrapping, and the YAML scalars of
 * the front matter.
 *
 * wm_escape_markdown writes a value so that a CommonMark reader gives back
 * exactly its characters as plain inline text, and escapes nothing that
 * could not change that (docs/markdown.md lists the rules).  Whether a
 * character matters depends on where it stands, so the escaper looks at
 * what out already holds:
 *  - at the start of a line, what would start a block ("1987. ", "# ",
 *    "- ", "<div", leading spaces) is escaped;
 *  - in an ATX heading, a closing sequence of '#';
 *  - next to an emphasis delimiter of the template ("*{{byline}}*",
 *    "**{{place}}**"), a character that would stop the delimiter from
 *    opening or closing is written as a numeric reference;
 *  - in a paragraph, the backtick runs and delimiter runs of the values
 *    written before it.
 * Where the value ends, what follows is unknown, and the escaper assumes
 * the worst.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../util/scan.h"
#include "../../util/utf8.h"
#include "../escape.h"

/* What becomes of a byte of the value. */
enum { ACT_RAW, ACT_BACKSLASH, ACT_ENTITY };

/* The classes the emphasis rules see; a character may have several, as
 * CommonMark readers differ over Unicode punctuation (symbols count from
 * spec 0.31 on) and over a few spaces. */
enum { C_WS = 1, C_PUNCT = 2, C_OTHER = 4, C_ANY = 7 };

/* ---- characters ---------------------------------------------------------- */

static int ascii_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

static int space_or_tab(char c)
{
	return c == ' ' || c == '\t';
}

/* White space as a block start sees it (some readers count a form feed,
 * a vertical tab or a carriage return as space after a list marker). */
static int block_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* Whether c is one of the characters of set (never NUL). */
static int one_of(const char *set, char c)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static int class_of(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r')
		return C_WS;
	if (cp == 0x0B)
		return C_WS | C_OTHER;
	if (cp < 0x80)
		return ascii_punct((unsigned char)cp) ? C_PUNCT : C_OTHER;
	if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return C_WS;
	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
		return C_ANY;
	return C_PUNCT | C_OTHER;
}

/* Classes of the character that starts at s[i] (s holds len bytes). */
static int class_at(const char *s, size_t len, size_t i)
{
	uint32_t cp;
	size_t n = wm_utf8_seq((const unsigned char *)s + i, len - i, &cp);
	return n ? class_of(cp) : C_ANY;
}

/* Where the character that ends at s[i - 1] starts. */
static size_t char_start(const char *s, size_t i)
{
	size_t b = i - 1;
	while (b > 0 && i - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	return b;
}

/* Classes of the character before s[i]; the start of the text counts as
 * white space, as the start of a line does. */
static int class_before(const char *s, size_t i)
{
	return i == 0 ? C_WS : class_at(s, i, char_start(s, i));
}

/* CommonMark's left- and right-flanking delimiter runs. */
static int left_flanking(int p, int n)
{
	return n != C_WS && (n != C_PUNCT || p == C_WS || p == C_PUNCT);
}

static int right_flanking(int p, int n)
{
	return p != C_WS && (p != C_PUNCT || n == C_WS || n == C_PUNCT);
}

/* Whether a run of c ('*' or '_') between a character of classes prev and
 * one of classes next may open or close emphasis. */
static int may_delimit(char c, int prev, int next)
{
	for (int p = C_WS; p <= C_OTHER; p <<= 1) {
		for (int n = C_WS; n <= C_OTHER; n <<= 1) {
			if (!(prev & p) || !(next & n))
				continue;
			int l = left_flanking(p, n), r = right_flanking(p, n);
			if (c == '*' && (l || r))
				return 1;
			if (c == '_' && ((l && (!r || p == C_PUNCT)) ||
			                 (r && (!l || n == C_PUNCT))))
				return 1;
		}
	}
	return 0;
}

/* ---- where the value stands -------------------------------------------- */

typedef struct md_where {
	int line_start;   /* out is empty or ends with a newline */
	int prev_blank;   /* and the line before is blank, or there is none */
	int heading;      /* out's current line is an ATX heading */
	int lead;         /* the value starts its line's content, or an
	                     emphasis the template opened */
	int opened;       /* out ends with an opening delimiter run */
	int closed;       /* out ends with a closing delimiter run that
	                     punctuation precedes */
	int amp;          /* out ends with '&' and letters or digits */
	int prev;         /* classes of the character before the value */
	char prev_char;   /* the byte before the value (0: none) */
	size_t reserve;   /* how long the opening run is: its closer is likely
	                     to follow the value on the same line */
	size_t inside;    /* how long the run of an emphasis opened earlier in
	                     the paragraph and still open is (a byline's later
	                     lines): its closer, or a hard line break, is
	                     likely to follow the value */
	uint64_t ticks;   /* lengths (bit min(n, 63)) of the backtick runs in
	                     the paragraph so far */
} md_where;

/* How far back a value looks at what the template wrote before it (its
 * line, its paragraph).  Beyond this, it assumes the worst (see where_in):
 * the work per value stays bounded whatever a template of one's own puts
 * on one line or between blank lines, so the whole is linear. */
#define LOOKBACK ((size_t)16 << 10)

/* The start of out's last line, looking back LOOKBACK bytes at most:
 * *far is set when the line goes on further back (the start returned is
 * then not a line start). */
static size_t line_start_near(const wm_buf *out, int *far)
{
	size_t i = out->len, stop = i > LOOKBACK ? i - LOOKBACK : 0;
	while (i > stop && out->ptr[i - 1] != '\n')
		i--;
	*far = i > 0 && out->ptr[i - 1] != '\n';
	return i;
}

static size_t line_start_of(const wm_buf *out)
{
	size_t i = out->len;
	while (i > 0 && out->ptr[i - 1] != '\n')
		i--;
	return i;
}

/* The length of the '#' run of an ATX heading marker at p, or 0. */
static size_t heading_marker(const char *p, size_t n)
{
	size_t k = 0;
	while (k < n && k < 7 && p[k] == '#')
		k++;
	return k >= 1 && k <= 6 && (k == n || space_or_tab(p[k])) ? k : 0;
}

/* Where the inline content that the value joins starts: its heading line,
 * else its paragraph (after the last blank line). */
static size_t para_start(const wm_buf *out, size_t ls, int heading, int *far)
{
	if (heading)
		return ls;
	size_t stop = ls > LOOKBACK ? ls - LOOKBACK : 0;
	for (size_t i = ls; i > 1 && i > stop; i--)
		if (out->ptr[i - 1] == '\n' && out->ptr[i - 2] == '\n')
			return i;
	*far = stop > 0;
	return stop;
}

/* Reads the paragraph so far: its backtick runs and, for the delimiter
 * run that ends it, whether it opens (an even count of delimiter runs of
 * its character before it) or closes. */
static void scan_paragraph(const char *p, size_t n, md_where *w)
{
	unsigned runs[2] = {0, 0};
	size_t last[2] = {0, 0};
	for (size_t i = 0; i < n;) {
		char c = p[i];
		if (c == '\\' && i + 1 < n && ascii_punct((unsigned char)p[i + 1])) {
			i += 2;
			continue;
		}
		if (c != '`' && c != '*' && c != '_') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && p[j] == c)
			j++;
		if (c == '`') {
			w->ticks |= (uint64_t)1 << (j - i < 63 ? j - i : 63);
		} else if (j == n) {
			int odd = runs[c == '_'] & 1;
			w->opened = !odd;
			w->closed = odd && (class_before(p, i) & C_PUNCT);
			w->reserve = j - i;
		} else if (may_delimit(c, class_before(p, i), class_at(p, n, j))) {
			runs[c == '_']++;
			last[c == '_'] = j - i;
		}
		i = j;
	}
	if (!w->reserve)
		w->inside = runs[0] & 1 ? last[0] : runs[1] & 1 ? last[1] : 0;
}

static void where_in(const wm_buf *out, md_where *w)
{
	memset(w, 0, sizeof *w);
	const char *p = out->ptr ? out->ptr : "";
	int far = 0;
	size_t n = out->len, ls = line_start_near(out, &far);
	w->line_start = !far && ls == n;
	w->prev_blank = !far && (ls < 2 || p[ls - 2] == '\n');
	size_t hm = far ? 0 : heading_marker(p + ls, n - ls);
	/* a line whose start is out of sight may be a heading: escape as in
	 * one (more escapes, never fewer) */
	w->heading = far || hm > 0;
	w->prev = class_before(p, n);
	w->prev_char = n ? p[n - 1] : 0;
	size_t ps = far ? ls : para_start(out, ls, w->heading, &far);
	scan_paragraph(p + ps, n - ps, w);
	if (far) {
		/* the paragraph began out of sight: any backtick run may close a
		 * code span, and a delimiter run ending it may open or close */
		w->ticks = ~(uint64_t)0;
		if (w->reserve)
			w->opened = w->closed = 1;
	}
	size_t k = ls + hm;
	while (hm && k < n && space_or_tab(p[k]))
		k++;
	w->lead = w->line_start || (hm && k == n) || w->opened;
	size_t a = n;
	while (a > ls && (wm_ascii_alnum((char)p[a - 1]) || p[a - 1] == '#'))
		a--;
	w->amp = a > ls && p[a - 1] == '&' && (a < 2 || p[a - 2] != '\\');
}

/* ---- block starts -------------------------------------------------------- */

/* Whether s[i, le) holds only c and spaces or tabs; *count gets how many c. */
static int only_marks(const char *s, size_t i, size_t le, char c,
                      size_t *count)
{
	*count = 0;
	for (; i < le; i++) {
		if (s[i] == c)
			(*count)++;
		else if (!block_space(s[i]))
			return 0;
	}
	return 1;
}

static size_t run_of(const char *s, size_t i, size_t le, char c)
{
	size_t j = i;
	while (j < le && s[j] == c)
		j++;
	return j - i;
}

static void set(unsigned char *act, size_t i, int what)
{
	if (act[i] == ACT_RAW)
		act[i] = (unsigned char)what;
}

/* A line starts at s[i]: escapes what would start a block there (or, after
 * a line of text, turn that line into a setext heading).  open: the line
 * may go on after the value. */
static void mark_block_start(const char *s, size_t len, size_t i,
                             int prev_blank, unsigned char *act)
{
	const char *nl = memchr(s + i, '\n', len - i);
	size_t le = nl ? (size_t)(nl - s) : len;
	if (le == i)
		return;
	int open = le == len, at_end = i + 1 == le;
	char c = s[i];
	size_t count;
	if (class_at(s, len, i) & C_WS) {
		set(act, i, ACT_ENTITY); /* would be dropped, or make code */
		return;
	}
	if (one_of("-*_", c) && only_marks(s, i, le, c, &count) &&
	    (open || count >= 3))
		set(act, i, ACT_BACKSLASH); /* thematic break */
	if (!prev_blank && one_of("=-", c) && only_marks(s, i, le, c, &count) &&
	    run_of(s, i, le, c) == count)
		set(act, i, ACT_BACKSLASH); /* setext underline */
	if (one_of("-+*", c) && (at_end || block_space(s[i + 1])))
		set(act, i, ACT_BACKSLASH); /* bullet list */
	size_t k = run_of(s, i, le, '#');
	if (k >= 1 && k <= 6 && (i + k == le || block_space(s[i + k])))
		set(act, i, ACT_BACKSLASH); /* ATX heading */
	if (c == '>' || c == '[')
		set(act, i, ACT_BACKSLASH); /* block quote, link definition */
	if (c == '<' && (at_end || wm_ascii_alpha((char)s[i + 1]) ||
	                 one_of("/!?", s[i + 1])))
		set(act, i, ACT_BACKSLASH); /* HTML block */
	k = run_of(s, i, le, '~');
	if (k >= 3 || (k && i + k == len))
		set(act, i, ACT_BACKSLASH); /* fenced code */
	k = run_of(s, i, le, '`');
	for (size_t j = 0; (k >= 3 || (k && i + k == len)) && j < k; j++)
		set(act, i + j, ACT_BACKSLASH); /* fenced code, every backtick */
	size_t d = 0;
	while (i + d < le && d < 10 && s[i + d] >= '0' && s[i + d] <= '9')
		d++;
	if (d >= 1 && d <= 9 && i + d < le && (s[i + d] == '.' || s[i + d] == ')') &&
	    (i + d + 1 == le || block_space(s[i + d + 1])))
		set(act, i + d, ACT_BACKSLASH); /* ordered list */
}

/* ---- inline -------------------------------------------------------------- */

/* Whether '&' at s[i] starts something CommonMark may read as an entity
 * or a numeric character reference. */
static int entity_like(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;
	if (j < len && s[j] == '#')
		j++;
	size_t b = j;
	while (j < len && j - b < 32 && wm_ascii_alnum((char)s[j]))
		j++;
	return j > b && j < len && s[j] == ';';
}

static int html_space(char c)
{
	return block_space(c) || c == '\n';
}

static size_t skip_html_space(const char *s, size_t len, size_t k)
{
	while (k < len && html_space(s[k]))
		k++;
	return k;
}

static size_t tag_name_end(const char *s, size_t len, size_t k)
{
	while (k < len && (wm_ascii_alnum((char)s[k]) || s[k] == '-'))
		k++;
	return k;
}

/* An attribute's optional "= value" from s[k]: where it ends, or 0 when
 * it is malformed, or len when the value ends first. */
static size_t attr_value_end(const char *s, size_t len, size_t k)
{
	size_t v = skip_html_space(s, len, k);
	if (v == len)
		return len;
	if (s[v] != '=')
		return k;
	v = skip_html_space(s, len, v + 1);
	if (v == len)
		return len;
	if (s[v] == '"' || s[v] == '\'') {
		const char *q = memchr(s + v + 1, s[v], len - v - 1);
		return q ? (size_t)(q - s) + 1 : len;
	}
	size_t b = v;
	while (v < len && !html_space(s[v]) && !one_of("\"'=<>`", s[v]))
		v++;
	return v == b ? 0 : v;
}

/* Raw HTML's open tag from its name at s[k]: whether it may be one (an
 * undecided end of the value counts as may). */
static int may_be_open_tag(const char *s, size_t len, size_t k)
{
	k = tag_name_end(s, len, k);
	for (;;) {
		size_t b = k;
		k = skip_html_space(s, len, k);
		if (k == len || s[k] == '>')
			return 1;
		if (s[k] == '/')
			return k + 1 == len || s[k + 1] == '>';
		if (k == b || !(wm_ascii_alpha((char)s[k]) || s[k] == '_' ||
		                s[k] == ':'))
			return 0;
		while (k < len && (wm_ascii_alnum((char)s[k]) ||
		                   one_of("_.:-", s[k])))
			k++;
		k = attr_value_end(s, len, k);
		if (k == 0)
			return 0;
	}
}

static int may_be_closing_tag(const char *s, size_t len, size_t k)
{
	if (k == len)
		return 1;
	if (!wm_ascii_alpha((char)s[k]))
		return 0;
	k = skip_html_space(s, len, tag_name_end(s, len, k));
	return k == len || s[k] == '>';
}

static int may_be_uri_autolink(const char *s, size_t len, size_t k)
{
	size_t b = k;
	while (k < len && (wm_ascii_alnum((char)s[k]) || one_of("+.-", s[k])))
		k++;
	if (k == len)
		return k - b <= 32;
	if (s[k] != ':' || k - b < 2 || k - b > 32)
		return 0;
	for (k++; k < len && (unsigned char)s[k] > 0x20 && s[k] != '<' &&
	          s[k] != '>';)
		k++;
	return k == len || s[k] == '>';
}

static int may_be_email_autolink(const char *s, size_t len, size_t k)
{
	size_t b = k;
	while (k < len && (wm_ascii_alnum((char)s[k]) ||
	                   one_of(".!#$%&'*+/=?^_`{|}~-", s[k])))
		k++;
	if (k == len)
		return 1;
	if (k == b || s[k] != '@')
		return 0;
	for (k++; k < len && (wm_ascii_alnum((char)s[k]) || s[k] == '-' ||
	                      s[k] == '.');)
		k++;
	return k == len || s[k] == '>';
}

/* How far a '<' is followed before it counts as undecided (so a text of
 * many '<' costs linear time). */
#define TAG_SCAN_MAX 1024

/* Whether '<' at s[i] may start raw HTML or an autolink. */
static int may_be_tag(const char *s, size_t len, size_t i)
{
	size_t k = i + 1;
	if (len - i > TAG_SCAN_MAX)
		len = i + TAG_SCAN_MAX; /* its end is undecided: may */
	if (k == len || s[k] == '!' || s[k] == '?')
		return 1;
	if (s[k] == '/')
		return may_be_closing_tag(s, len, k + 1);
	if (wm_ascii_alpha((char)s[k]) &&
	    (may_be_open_tag(s, len, k) || may_be_uri_autolink(s, len, k)))
		return 1;
	return may_be_email_autolink(s, len, k);
}

/* Classes of the character before s[i] as written out. */
static int out_class_before(const md_where *w, const char *s, size_t i,
                            const unsigned char *act)
{
	if (i == 0)
		return w->prev;
	size_t b = char_start(s, i);
	return act[b] == ACT_ENTITY ? C_PUNCT : class_at(s, i, b);
}

/* Classes of the character at s[i] as written out; unknown past the end. */
static int out_class_at(const char *s, size_t len, size_t i,
                        const unsigned char *act)
{
	if (i == len)
		return C_ANY;
	return act[i] == ACT_ENTITY ? C_PUNCT : class_at(s, len, i);
}

static size_t mark_delimiter_run(const md_where *w, const char *s, size_t len,
                                 size_t i, unsigned char *act)
{
	size_t j = i;
	while (j < len && s[j] == s[i])
		j++;
	if (may_delimit(s[i], out_class_before(w, s, i, act),
	                out_class_at(s, len, j, act)))
		for (size_t k = i; k < j; k++)
			set(act, k, ACT_BACKSLASH);
	return j;
}

/* A closing sequence of '#' at the end of a heading's text. */
static void mark_heading_end(const md_where *w, const char *s, size_t len,
                             unsigned char *act)
{
	size_t i = len;
	while (i > 0 && s[i - 1] == '#')
		i--;
	if (i == len)
		return;
	char before = i ? s[i - 1] : w->prev_char;
	if (block_space(before))
		set(act, i, ACT_BACKSLASH);
}

/* Backtick runs that could make a code span.  A run left as it is opens
 * one if a later string of as many backticks closes it, and a backslash
 * does not keep a backtick from closing (it splits a run into strings of
 * one).  So a run stays as it is only when no other run of its length is
 * in the paragraph, and a single backtick only when no backtick follows it
 * in the value; the others are escaped.  After a single backtick left in
 * the paragraph, every backtick is written as a reference instead. */
static void mark_backticks(const md_where *w, const char *s, size_t len,
                           unsigned char *act)
{
	uint64_t once = 0, twice = 0;
	size_t last = len;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < len;) {
			const char *tick = memchr(s + i, '`', len - i);
			if (!tick)
				break;
			i = (size_t)(tick - s);
			size_t j = i;
			while (j < len && s[j] == '`')
				j++;
			uint64_t bit = (uint64_t)1 << (j - i < 63 ? j - i : 63);
			int what = ACT_RAW;
			if (pass == 0) {
				twice |= once & bit;
				once |= bit;
				last = i;
			} else if (w->ticks & 2) {
				what = ACT_ENTITY;
			} else if (act[i] != ACT_RAW || ((w->ticks | twice) & bit) ||
			           (j - i == 1 && i != last)) {
				what = ACT_BACKSLASH;
			}
			for (size_t k = i; what != ACT_RAW && k < j; k++)
				act[k] = (unsigned char)what;
			i = j;
		}
	}
}

/* ';' that would end a reference begun before the value ("&amp" + ";"). */
static void mark_reference_end(const md_where *w, const char *s, size_t len,
                               unsigned char *act)
{
	size_t k = 0;
	while (k < len && (wm_ascii_alnum((char)s[k]) || s[k] == '#'))
		k++;
	if (w->amp && k < len && s[k] == ';')
		set(act, k, ACT_BACKSLASH);
}

/* The bytes mark_inline looks at; it passes over the others. */
static const unsigned char inline_stop[256] = {
	['*'] = 1, ['_'] = 1, ['\\'] = 1, ['<'] = 1, ['&'] = 1, [']'] = 1,
	['\n'] = 1,
};

WM_SCAN16(scan_inline, (v == '*') | (v == '_') | (v == '\\') | (v == '<') |
                       (v == '&') | (v == ']') | (v == '\n'))

static void mark_inline(const md_where *w, const char *s, size_t len,
                        unsigned char *act)
{
	for (size_t i = 0; (i = scan_inline(s, i, len, inline_stop)) < len;) {
		char c = s[i];
		if (c == '*' || c == '_') {
			i = mark_delimiter_run(w, s, len, i, act);
			continue;
		}
		int esc = 0;
		if (c == '\\')
			esc = i + 1 == len || ascii_punct((unsigned char)s[i + 1]) ||
			      s[i + 1] == '\n' || act[i + 1] == ACT_ENTITY;
		else if (c == '<')
			esc = may_be_tag(s, len, i);
		else if (c == '&')
			esc = entity_like(s, len, i);
		else if (c == ']')
			esc = i + 1 == len || s[i + 1] == '(';
		else if (c == '\n')
			mark_block_start(s, len, i + 1,
			                 i == 0 ? w->line_start : s[i - 1] == '\n', act);
		if (esc)
			set(act, i, ACT_BACKSLASH);
		i++;
	}
	mark_backticks(w, s, len, act);
	mark_reference_end(w, s, len, act);
	if (w->heading)
		mark_heading_end(w, s, len, act);
}

/* White space at the ends of a value that starts its line or an emphasis
 * would be dropped or would break the emphasis; after a closing run that
 * punctuation precedes, a letter would keep the run from closing.  White
 * space other than a space at the end (a tab, a form feed, a no-break
 * space) is kept so whatever follows: only a space ends the values that
 * run on in a line (the dateline's parts). */
static void mark_edges(const md_where *w, const char *s, size_t len,
                       unsigned char *act)
{
	int first = class_at(s, len, 0);
	if ((w->lead && (first & C_WS)) || (w->closed && (first & C_OTHER)))
		act[0] = ACT_ENTITY;
	size_t last = char_start(s, len);
	if ((w->lead || s[last] != ' ') && (class_at(s, len, last) & C_WS))
		act[last] = ACT_ENTITY;
}

/* The first action at or after act[i] that is not ACT_RAW (0), or len:
 * eight at a time, as nearly all bytes are written as they are. */
static size_t next_action(const unsigned char *act, size_t i, size_t len)
{
	uint64_t eight;
	while (len - i >= 8 && (memcpy(&eight, act + i, 8), eight == 0))
		i += 8;
	while (i < len && act[i] == ACT_RAW)
		i++;
	return i;
}

static void emit(wm_buf *out, const char *s, size_t len, const unsigned char *act)
{
	size_t run = 0;
	for (size_t i = 0; (i = next_action(act, i, len)) < len; i++) {
		wm_buf_put(out, s + run, i - run);
		run = i;
		if (act[i] == ACT_BACKSLASH) {
			wm_buf_putc(out, '\\');
			continue;
		}
		size_t at = i;
		uint32_t cp = wm_utf8_next(s, len, &at);
		wm_buf_printf(out, "&#%lu;", (unsigned long)cp);
		i = at - 1;
		run = at;
	}
	wm_buf_put(out, s + run, len - run);
}

/* ---- wrapping ------------------------------------------------------------ */

/* Whether a line may start with the word at p[0..n): no block starts with
 * it, and no paragraph line turns into a setext heading. */
static int safe_line_start(const char *p, size_t n)
{
	unsigned char c = (unsigned char)p[0];
	if (wm_ascii_alpha(c) || c >= 0x80)
		return 1;
	if (c >= '0' && c <= '9') {
		size_t d = 0;
		while (d < n && p[d] >= '0' && p[d] <= '9')
			d++;
		return d == n || (p[d] != '.' && p[d] != ')');
	}
	return one_of("!\"$%&'(),./:;?@\\]^{}", (char)c);
}

static size_t code_points(const char *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)p[i] & 0xC0) != 0x80;
	return k;
}

/* Whether p[0..n), a line cut short, would read as a thematic break or a
 * setext underline: marks and spaces only. */
static int only_marks_line(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!one_of("-*_= \t", p[i]))
			return 0;
	return 1;
}

/* Where to break out's line starting at ls so that it holds at most
 * columns characters: the last space that allows it, else the first one
 * after; 0 when there is none.  A break replaces a single space between
 * two words, after no backslash (a hard line break), before a word that
 * may start a line, and leaves no line of marks alone before it. */
static size_t break_point(const wm_buf *out, size_t ls, size_t columns)
{
	const char *p = out->ptr;
	size_t n = out->len, best = 0, col = 0;
	for (size_t i = ls; i < n; i++) {
		if (((unsigned char)p[i] & 0xC0) == 0x80)
			continue;
		col++;
		if (p[i] != ' ' || i == ls || i + 1 == n || p[i - 1] == '\\' ||
		    (class_before(p, i) & C_WS) || (class_at(p, n, i + 1) & C_WS) ||
		    !safe_line_start(p + i + 1, strcspn(p + i + 1, " \n")) ||
		    only_marks_line(p + ls, i - ls))
			continue;
		if (col - 1 > columns)
			return best ? best : i;
		best = i;
	}
	return best;
}

static void wrap(wm_buf *out, size_t columns, size_t reserve)
{
	for (;;) {
		size_t ls = line_start_of(out);
		if (heading_marker(out->ptr + ls, out->len - ls))
			return;
		size_t width = code_points(out->ptr + ls, out->len - ls);
		if (width + reserve <= columns)
			return;
		/* a line that fits but for the closer to come ends before it */
		size_t limit = width > columns ? columns
		             : columns > reserve ? columns - reserve : 0;
		size_t at = break_point(out, ls, limit);
		if (!at)
			return;
		out->ptr[at] = '\n';
	}
}

/* ---- the escaper --------------------------------------------------------- */

/* Bytes that need no escape wherever they stand but at a line's start:
 * printable ASCII but for the characters inline syntax or a block start
 * may begin with (the filter of scan_inert; the table marks the others). */
static const unsigned char not_inert[256] = {
	[0x00] = WM_STOP16, [0x10] = WM_STOP16,
	['*'] = 1, ['_'] = 1, ['\\'] = 1, ['<'] = 1, ['&'] = 1, [']'] = 1,
	['`'] = 1, [';'] = 1, ['#'] = 1, ['['] = 1, ['~'] = 1, ['>'] = 1,
	[0x7F] = 1,
	[0x80] = WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16,
	WM_STOP16, WM_STOP16,
};

WM_SCAN16(scan_inert, ((wm_m16)v < 0x20) | (v == 0x7F) | (v == '*') |
                      (v == '_') | (v == '\\') | (v == '<') | (v == '&') |
                      (v == ']') | (v == '`') | (v == ';') | (v == '#') |
                      (v == '[') | (v == '~') | (v == '>'))

/* Whether s[0..len) is written as it is after what out holds, by reasoning
 * on what the full escaper looks at: no byte that inline syntax or a
 * block start may begin with, no white space at either end (mark_edges),
 * and either a letter first at the start of a line (mark_block_start sees
 * nothing) or a letter, digit or space before it (no delimiter run, entity
 * or backslash of the template's for the value to join).  Wrapping is left
 * to the full escaper. */
static int written_as_is(const wm_buf *out, const char *s, size_t len)
{
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	char prev = out->len ? out->ptr[out->len - 1] : '\n';
	if (prev == '\n' ? !wm_ascii_alpha(s[0])
	                 : !(wm_ascii_alnum(prev) || prev == ' '))
		return 0;
	return scan_inert(s, 0, len, not_inert) == len;
}

void wm_escape_markdown(wm_buf *out, const char *s, size_t len, void *opts)
{
	const wm_markdown_options *o = opts;
	if (len == 0)
		return;
	if (!(o && o->columns) && written_as_is(out, s, len)) {
		wm_buf_put(out, s, len);
		return;
	}
	wm_escape_markdown_full(out, s, len, opts);
}

void wm_escape_markdown_full(wm_buf *out, const char *s, size_t len,
                             void *opts)
{
	const wm_markdown_options *o = opts;
	if (len == 0)
		return;
	md_where w;
	where_in(out, &w);
	/* what to do with each byte: on the stack for most values */
	unsigned char small[1024];
	unsigned char *act = len <= sizeof small ? small : wm_xmalloc(len);
	memset(act, ACT_RAW, len);
	mark_edges(&w, s, len, act);
	if (w.line_start)
		mark_block_start(s, len, 0, w.prev_blank, act);
	mark_inline(&w, s, len, act);
	emit(out, s, len, act);
	if (act != small)
		free(act);
	if (o && o->columns)
		wrap(out, o->columns, w.opened ? w.reserve : w.inside);
}
