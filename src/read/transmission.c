/* Agency transmissions: framing and header conventions (see
 * transmission.h; docs/transmissions.md has the grammar and its sources).
 */
#include "transmission.h"

#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../util/buf.h"
#include "../util/words.h"
#include "dateline.h"

#define MAX_STAMP_LEN 40
#define MAX_TAKE_LEN 30
#define MAX_CODE_LEN 80
#define DPA_HEADER_LINES 8
#define MAX_ROUTING_CODE 4 /* "YY", "TDR", "FIN" */

/* ---- small helpers ------------------------------------------------------- */

static int is_blank_char(char c)
{
	return c == ' ' || c == '\t' || (unsigned char)c < 0x20;
}

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return is_lower(c) || is_upper(c); }

/* A line of the copy: text[b, e) without its newline; t, tn: its text
 * without leading and trailing blanks. */
typedef struct tline {
	size_t b, e;
	const char *t;
	size_t tn;
	unsigned no;
} tline;

typedef struct tlines {
	tline *v;
	size_t n, cap;
} tlines;

static void trim(const char **t, size_t *n)
{
	while (*n && is_blank_char(**t))
		(*t)++, (*n)--;
	while (*n && is_blank_char((*t)[*n - 1]))
		(*n)--;
}

static void split_lines(const char *text, size_t len, unsigned first,
                        tlines *ls)
{
	size_t s = 0;
	unsigned no = first;
	for (;;) {
		const char *nl = memchr(text + s, '\n', len - s);
		size_t k = nl ? (size_t)(nl - text) : len;
		WM_GROW(ls->v, ls->n, ls->cap, 64);
		tline *l = &ls->v[ls->n++];
		l->b = s;
		l->e = k;
		l->t = text + s;
		l->tn = k - s;
		l->no = no++;
		trim(&l->t, &l->tn);
		if (!nl)
			break;
		s = k + 1;
	}
}

/* Whether t[0..n) holds lit (lower case) in any case: the first letter
 * compared before the rest. */
static int icontains(const char *t, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	if (k > n)
		return 0;
	/* the places of its first letter, in either case, found by memchr:
	 * the splitter asks this of every line of a feed */
	const char *last = t + (n - k); /* a match starts at or before it */
	for (int upper = 0; upper < 2; upper++) {
		char first = upper ? (char)(lit[0] & ~0x20) : lit[0];
		for (const char *p = t;
		     p <= last && (p = memchr(p, first, (size_t)(last - p) + 1));
		     p++)
			if (wm_ascii_iprefix(p, n - (size_t)(p - t), lit))
				return 1;
	}
	return 0;
}

/* p[0..n) with runs of blanks as one space, trimmed; NULL when empty. */
static char *one_line(const char *p, size_t n)
{
	wm_buf out = WM_BUF_INIT;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_blank_char(p[i]) || p[i] == '\n') {
			space = out.len > 0;
			continue;
		}
		if (space)
			wm_buf_putc(&out, ' ');
		space = 0;
		wm_buf_putc(&out, p[i]);
	}
	if (!out.len) {
		wm_buf_free(&out);
		return NULL;
	}
	return wm_buf_detach(&out, NULL);
}

static void add(wm_tx *tx, const char *key, const char *p, size_t n,
                unsigned line)
{
	char *v = one_line(p, n);
	if (!v)
		return;
	WM_GROW(tx->f, tx->n, tx->cap, 16);
	tx->f[tx->n].key = key;
	tx->f[tx->n].value = v;
	tx->f[tx->n].line = line;
	tx->f[tx->n].seq = tx->n;
	tx->n++;
}

/* Adds p[0..n) to the last field of key at or after field `from`, joined
 * with sep, or adds the field. */
static void append(wm_tx *tx, size_t from, const char *key, const char *p,
                   size_t n, unsigned line, const char *sep)
{
	for (size_t i = tx->n; i-- > from;) {
		if (strcmp(tx->f[i].key, key) != 0)
			continue;
		char *v = one_line(p, n);
		if (!v)
			return;
		wm_buf b = WM_BUF_INIT;
		wm_buf_puts(&b, tx->f[i].value);
		wm_buf_puts(&b, sep);
		wm_buf_puts(&b, v);
		free(v);
		free(tx->f[i].value);
		tx->f[i].value = wm_buf_detach(&b, NULL);
		return;
	}
	add(tx, key, p, n, line);
}

static void blank(wm_tx *tx, const tline *l)
{
	for (size_t i = l->b; i < l->e; i++)
		if (tx->text[i] != '\n')
			tx->text[i] = ' ';
}

#define NOTE(log, line, ...) wm_explain_add((log), (line), "transmission", __VA_ARGS__)

/* ---- the header between SOH and STX --------------------------------------- */

/* Words of the header: runs of bytes above space. */
typedef struct hwords {
	const char *w[24];
	size_t n[24];
	size_t count;
} hwords;

static void header_words(const char *h, size_t n, hwords *ws)
{
	ws->count = 0;
	for (size_t i = 0; i < n && ws->count < 24;) {
		while (i < n && (unsigned char)h[i] <= ' ')
			i++;
		size_t b = i;
		while (i < n && (unsigned char)h[i] > ' ')
			i++;
		if (i > b) {
			ws->w[ws->count] = h + b;
			ws->n[ws->count++] = i - b;
		}
	}
}

static int all_digits(const char *t, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(t[i]))
			return 0;
	return 1;
}

static int one_letter(const char *t, size_t n)
{
	return n == 1 && is_alpha(t[0]);
}

/* ANPA-1312: "W2870 asian f l BC-LT--Argentina-CancerB 11-13 1049" (the
 * first line: service level letter and four-digit message number, the
 * selector code; the second: priority, category, keyword, version or take
 * words, the date MM-DD, the word count). */
static int anpa_header(wm_tx *tx, const hwords *ws, unsigned line,
                       wm_explain_log *log)
{
	if (ws->count < 6 || ws->n[0] != 5 || !is_alpha(ws->w[0][0]) ||
	    !all_digits(ws->w[0] + 1, 4) || !one_letter(ws->w[2], ws->n[2]) ||
	    !one_letter(ws->w[3], ws->n[3]))
		return 0;
	size_t last = ws->count - 1;
	/* the date MM-DD, then perhaps the word count */
	size_t date = all_digits(ws->w[last], ws->n[last]) ? last - 1 : last;
	const char *d = ws->w[date];
	if (date < 5 || ws->n[date] != 5 || !is_digit(d[0]) || !is_digit(d[1]) ||
	    d[2] != '-' || !is_digit(d[3]) || !is_digit(d[4]))
		return 0;
	add(tx, "service", ws->w[0], 1, line);
	add(tx, "number", ws->w[0] + 1, 4, line);
	add(tx, "selector", ws->w[1], ws->n[1], line);
	add(tx, "priority", ws->w[2], 1, line);
	add(tx, "category", ws->w[3], 1, line);
	add(tx, "keyword", ws->w[4], ws->n[4], line);
	if (date > 5)
		add(tx, "take", ws->w[5],
		    (size_t)(ws->w[date - 1] + ws->n[date - 1] - ws->w[5]), line);
	add(tx, "date", d, 5, line);
	if (date < last)
		add(tx, "word_count", ws->w[last], ws->n[last], line);
	NOTE(log, line, "SOH ... STX: an ANPA-1312 header (service level and "
	     "message number, selector, priority, category, keyword, take, "
	     "date, word count), kept as metadata");
	return 1;
}

/* IPTC 7901: "eca0124 3 i 93 dpa 1888": source identifier and message
 * number, priority (1-6), category, word count, then optional
 * information. */
static int iptc_header(wm_tx *tx, const hwords *ws, unsigned line,
                       wm_explain_log *log)
{
	if (ws->count < 4)
		return 0;
	const char *id = ws->w[0];
	size_t n = ws->n[0], k = 0;
	while (k < n && is_alpha(id[k]))
		k++;
	if (k == 0 || k == n || !all_digits(id + k, n - k) ||
	    ws->n[1] != 1 || !is_digit(ws->w[1][0]) || ws->n[2] > 3 ||
	    !all_digits(ws->w[3], ws->n[3]))
		return 0;
	for (size_t i = 0; i < ws->n[2]; i++)
		if (!is_alpha(ws->w[2][i]))
			return 0;
	add(tx, "service", id, k, line);
	add(tx, "number", id + k, n - k, line);
	add(tx, "priority", ws->w[1], 1, line);
	add(tx, "category", ws->w[2], ws->n[2], line);
	add(tx, "word_count", ws->w[3], ws->n[3], line);
	if (ws->count > 4)
		add(tx, "info", ws->w[4],
		    (size_t)(ws->w[ws->count - 1] + ws->n[ws->count - 1] - ws->w[4]),
		    line);
	NOTE(log, line, "SOH ... STX: an IPTC 7901 header (source and message "
	     "number, priority, category, word count, optional information), "
	     "kept as metadata");
	return 1;
}

void wm_tx_header(wm_tx *tx, const char *hdr, size_t n, unsigned line,
                  wm_explain_log *log)
{
	hwords ws;
	header_words(hdr, n, &ws);
	if (ws.count == 0)
		return;
	tx->found = 1;
	if (anpa_header(tx, &ws, line, log) || iptc_header(tx, &ws, line, log))
		return;
	add(tx, "slug", hdr, n, line);
	NOTE(log, line, "SOH ... STX: a transmission header of no known layout, "
	     "kept as the next article's slug");
}

/* ---- the time stamp after ETX --------------------------------------------- */

int wm_tx_is_stamp(const char *p, size_t n)
{
	const char *t = p;
	trim(&t, &n);
	if (n == 0 || n > MAX_STAMP_LEN)
		return 0;
	size_t digits = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c >= 0x80 || c == 0x7F)
			return 0;
		if (is_alpha((char)c)) {
			if (++run > 4)
				return 0;
			continue;
		}
		run = 0;
		digits += is_digit((char)c);
	}
	return digits >= 4;
}

char *wm_tx_stamp_value(const char *p, size_t n)
{
	const char *t = p;
	trim(&t, &n);
	if (n && t[n - 1] == '<')
		n--;
	return one_line(t, n);
}

/* ---- AP's header lines ------------------------------------------------------ */

/* The text of an AP header line: without '^' and the closing '<' or '='. */
static void ap_text(const tline *l, const char **t, size_t *n)
{
	*t = l->t;
	*n = l->tn;
	if (*n && **t == '^')
		(*t)++, (*n)--;
	while (*n && ((*t)[*n - 1] == '<' || (*t)[*n - 1] == '='))
		(*n)--;
	trim(t, n);
}

static int is_ap_title(const char *t, size_t n)
{
	static const char *const words[] = {"press", "writer", "correspondent",
	                                    "editor", "reporter", "columnist",
	                                    "critic", NULL};
	if (n == 0 || n > 60 || t[n - 1] == '.')
		return 0;
	for (const char *const *w = words; *w; w++)
		if (icontains(t, n, *w))
			return 1;
	return 0;
}

static int is_by(const char *t, size_t n)
{
	return n > 3 && wm_ascii_iprefix(t, n, "by ") && is_upper(t[3]);
}

/* A line of AP's header: opened by '^'. */
static int is_ap_line(const tline *l)
{
	return l->tn >= 2 && l->t[0] == '^';
}

/* The layout codes of the lines from i on: the '^' that opens a line and
 * the '<' or '=' that closes it. */
static void ap_codes(wm_tx *tx, const tlines *ls, size_t i)
{
	for (; i < ls->n; i++) {
		const tline *l = &ls->v[i];
		if (!l->tn)
			continue;
		size_t b = (size_t)(l->t - tx->text), e = b + l->tn;
		if (tx->text[b] == '^') {
			/* dropped, not blanked: the line keeps its indentation */
			memmove(tx->text + b, tx->text + b + 1, e - b - 1);
			tx->text[--e] = ' ';
		}
		while (e > b && (tx->text[e - 1] == '<' || tx->text[e - 1] == '='))
			tx->text[--e] = ' ';
	}
}

/* AP's time stamp when it closes the text ("AP-WF-09-04-19 1029GMT<"). */
static int is_ap_stamp(const char *t, size_t n)
{
	return n > 3 && memcmp(t, "AP-", 3) == 0 && wm_tx_is_stamp(t, n);
}

/* The keyword line alone, with no headline line: the sentence of the
 * first paragraph (the time stamp and "^END<" aside), after its dateline,
 * is the headline.  An AP alert is that one paragraph, and its sentence
 * is the alert's headline as AP means it. */
static void ap_first_sentence(wm_tx *tx, const tlines *ls, size_t i,
                              wm_explain_log *log)
{
	const tline *para = NULL;
	size_t paras = 0;
	for (; i < ls->n; i++) {
		const char *t;
		size_t n;
		ap_text(&ls->v[i], &t, &n);
		if (n == 0 || is_ap_stamp(t, n) || (n == 3 && !memcmp(t, "END", 3)))
			continue;
		if (!para)
			para = &ls->v[i];
		paras++;
	}
	if (!para)
		return;
	const char *t;
	size_t n;
	ap_text(para, &t, &n);
	wm_arena arena;
	wm_arena_init(&arena, 256);
	wm_dateline *d;
	size_t off = wm_dateline_parse(NULL, t, n, &arena, &d);
	wm_arena_release(&arena);
	add(tx, "headline", t + off, n - off, para->no);
	if (paras == 1)
		NOTE(log, para->no, "AP: an alert (the keyword line, no headline "
		     "line, one paragraph): its sentence is the headline");
	else
		NOTE(log, para->no, "AP: no headline line after the keyword line: "
		     "the first paragraph's sentence is the headline");
}

/* AP: after STX, lines opened by '^' and closed by '<' or '=': the keyword
 * line, the headline, then a summary, photo and editor's notes, the byline
 * and its title line.  In the rest of the copy the '^' that opens a line
 * and the '<' or '=' that closes it are layout codes, dropped. */
static int read_ap(wm_tx *tx, const tlines *ls, size_t h, wm_explain_log *log)
{
	if (!is_ap_line(&ls->v[h]))
		return 0;
	int alone = h + 1 >= ls->n || !is_ap_line(&ls->v[h + 1]);
	if (alone && ls->v[h].t[ls->v[h].tn - 1] != '<')
		return 0;
	const char *t;
	size_t n, i = h;
	ap_text(&ls->v[i], &t, &n);
	add(tx, "slug", t, n, ls->v[i].no);
	NOTE(log, ls->v[i].no, "AP: the keyword line ('^' ... '<'), kept as the "
	     "slug");
	blank(tx, &ls->v[i++]);
	if (alone) {
		ap_first_sentence(tx, ls, i, log);
		ap_codes(tx, ls, i);
		return 1;
	}
	ap_text(&ls->v[i], &t, &n);
	add(tx, "headline", t, n, ls->v[i].no);
	NOTE(log, ls->v[i].no, "AP: the headline, the header line after the "
	     "keyword");
	blank(tx, &ls->v[i++]);
	int deck = 0;
	size_t from = tx->n;
	for (; i < ls->n && ls->v[i].tn && ls->v[i].t[0] == '^'; i++) {
		const tline *l = &ls->v[i];
		ap_text(l, &t, &n);
		if (wm_ascii_iprefix(t, n, "ap photo")) {
			append(tx, from, "photo", t, n, l->no, " ");
			NOTE(log, l->no, "AP: a photo note, kept as metadata");
		} else if (wm_ascii_iprefix(t, n, "eds:") ||
		           wm_ascii_iprefix(t, n, "editor's note")) {
			append(tx, from, "ednote", t, n, l->no, " ");
			NOTE(log, l->no, "AP: an editor's note, kept as metadata "
			     "(meta.ednote), not body");
		} else if (is_by(t, n)) {
			add(tx, "byline", t, n, l->no);
			NOTE(log, l->no, "AP: the byline");
			blank(tx, l);
			if (i + 1 < ls->n && ls->v[i + 1].tn && ls->v[i + 1].t[0] == '^') {
				ap_text(&ls->v[i + 1], &t, &n);
				if (is_ap_title(t, n)) {
					append(tx, from, "byline", t, n, ls->v[i + 1].no, "\n");
					NOTE(log, ls->v[i + 1].no, "AP: the byline's title "
					     "line (the byline's second line)");
					blank(tx, &ls->v[++i]);
				}
			}
			i++;
			break;
		} else if (!deck && n > 0 && l->t[l->tn - 1] == '<' &&
		           !(n == 3 && memcmp(t, "END", 3) == 0)) {
			add(tx, "deck", t, n, l->no);
			NOTE(log, l->no, "AP: a summary line in the header, read as "
			     "the deck");
			deck = 1;
		} else {
			break;
		}
		blank(tx, l);
	}
	ap_codes(tx, ls, i);
	return 1;
}

/* ---- dpa's header ------------------------------------------------------------ */

static int ends_header(const tline *l)
{
	return l->tn && l->t[l->tn - 1] == '=';
}

/* A take word line: "REFILE", "EXTRA", "1ST LEAD", "(Achtung)". */
static int is_take(const tline *l)
{
	if (l->tn == 0 || l->tn > MAX_TAKE_LEN || ends_header(l))
		return 0;
	if (l->t[0] == '(' && l->t[l->tn - 1] == ')')
		return 1;
	for (size_t i = 0; i < l->tn; i++)
		if (is_lower(l->t[i]))
			return 0;
	return 1;
}

/* "By dpa correspondents =": a byline closed as a header line is. */
static int is_dpa_byline(const tline *l)
{
	return l->tn > 4 && ends_header(l) && wm_ascii_iprefix(l->t, l->tn, "by ");
}

/* Where dpa's header ends: the first line closed by '=' in the
 * DPA_HEADER_LINES after `first`, with no blank line before it; 0 when
 * there is none. */
static size_t dpa_header_end(const tlines *ls, size_t first)
{
	size_t end = first;
	while (end < ls->n && end < first + DPA_HEADER_LINES && ls->v[end].tn &&
	       !ends_header(&ls->v[end]))
		end++;
	return end < ls->n && ends_header(&ls->v[end]) ? end : 0;
}

/* The headline's lines first..end (the last closed by '='), a "By" line
 * among them the byline. */
static void dpa_headline(wm_tx *tx, const tlines *ls, size_t i, size_t end,
                         size_t from, wm_explain_log *log)
{
	int headline = 0;
	for (; i <= end; i++) {
		const tline *l = &ls->v[i];
		size_t n = l->tn;
		if (i == end)
			n--; /* the '=' */
		if (headline && n > 3 && wm_ascii_iprefix(l->t, n, "by ")) {
			add(tx, "byline", l->t, n, l->no);
			NOTE(log, l->no, "dpa: the byline");
		} else {
			append(tx, from, "headline", l->t, n, l->no, " ");
			NOTE(log, l->no, "dpa: the headline");
			headline = 1;
		}
		if (i == end)
			NOTE(log, l->no, "dpa: \" =\" closes the header");
		blank(tx, l);
	}
}

/* dpa (IPTC 7901 text): perhaps the keyword line ending in '/', take
 * words on lines of their own, the headline closed by " =", perhaps "By
 * ... =" on the next line.  Read only where the header shows itself as
 * dpa's: a keyword line, a take word or a byline closed by '=' after
 * the headline. */
static int read_dpa(wm_tx *tx, const tlines *ls, size_t h, wm_explain_log *log)
{
	const tline *k = &ls->v[h];
	int keyword = k->tn >= 2 && k->t[k->tn - 1] == '/' && k->tn <= MAX_CODE_LEN;
	size_t first = h + (size_t)keyword;
	size_t end = dpa_header_end(ls, first);
	if (!end && !(first < ls->n && ends_header(&ls->v[first])))
		return 0;
	int by_after = end + 1 < ls->n && is_dpa_byline(&ls->v[end + 1]) &&
	               !is_dpa_byline(&ls->v[end]);
	if (end == first && !by_after)
		return 0; /* one line closed by '=': no sign it is dpa's header */
	if (!keyword && !by_after && !is_take(&ls->v[first]))
		return 0;
	size_t from = tx->n;
	if (keyword) {
		add(tx, "slug", k->t, k->tn - 1, k->no);
		NOTE(log, k->no, "dpa: the keyword line (ending in '/'), kept as the "
		     "slug");
		blank(tx, k);
	}
	size_t i = first;
	for (; i < end && is_take(&ls->v[i]); i++) {
		append(tx, from, "take", ls->v[i].t, ls->v[i].tn, ls->v[i].no, " ");
		NOTE(log, ls->v[i].no, "dpa: a take word before the headline, kept "
		     "as metadata");
		blank(tx, &ls->v[i]);
	}
	dpa_headline(tx, ls, i, end, from, log);
	if (by_after) {
		const tline *l = &ls->v[end + 1];
		add(tx, "byline", l->t, l->tn - 1, l->no);
		NOTE(log, l->no, "dpa: the byline, closed by \" =\" on the line after "
		     "the headline");
		blank(tx, l);
	}
	return 1;
}

/* ---- ZCZC ... NNNN ------------------------------------------------------------ */

static void add_start(wm_tx *tx, unsigned line)
{
	WM_GROW(tx->starts, tx->nstarts, tx->capstarts, 8);
	tx->starts[tx->nstarts++] = line;
}

/* A routing line under ZCZC: a few short codes in capitals ("YY TDR"),
 * each of MAX_ROUTING_CODE characters at most (a headline in capitals,
 * "QUAY CRANES IDLE", has longer words). */
static int is_routing(const tline *l)
{
	if (l->tn == 0 || l->tn > 16)
		return 0;
	size_t run = 0;
	for (size_t i = 0; i < l->tn; i++) {
		if (l->t[i] == ' ') {
			run = 0;
			continue;
		}
		if ((!is_upper(l->t[i]) && !is_digit(l->t[i])) || ++run > MAX_ROUTING_CODE)
			return 0;
	}
	return memchr(l->t, ' ', l->tn) != NULL;
}

/* AAP's coded header lines after ZCZC: the first character says what the
 * line holds. */
static const char *aap_code(const tline *l)
{
	if (l->tn == 1 && l->t[0] == ':')
		return "slug"; /* an empty keyword line: no field, blanked */
	if (l->tn < 2 || l->tn > MAX_CODE_LEN)
		return NULL;
	switch (l->t[0]) {
	case '%': return "routing";
	case '$': return "category";
	case ':': return "slug";
	case '=': return "take";
	case '^': return "headline";
	case '*': return "format";
	case '&': return "service";
	case '+': return "subject";
	default: return NULL;
	}
}

/* ZCZC opens a message, its routing after it; NNNN closes it (an end
 * mark, the wire reader's). */
static size_t read_zczc(wm_tx *tx, const tlines *ls, size_t i,
                        wm_explain_log *log)
{
	const tline *z = &ls->v[i];
	add_start(tx, z->no);
	size_t from = tx->n;
	add(tx, "routing", z->t + 4, z->tn - 4, z->no);
	NOTE(log, z->no, "ZCZC: a message starts (telex and AAP framing); the "
	     "routing after it kept as metadata");
	blank(tx, z);
	for (i++; i < ls->n; i++) {
		const tline *l = &ls->v[i];
		const char *key = aap_code(l);
		if (key && l->t[0] == '%') {
			append(tx, from, "routing", l->t + 1, l->tn - 1, l->no, " ");
			NOTE(log, l->no, "ZCZC: AAP's distribution codes ('%%'), kept "
			     "with the routing");
		} else if (key) {
			add(tx, key, l->t + 1, l->tn - 1, l->no);
			NOTE(log, l->no, "ZCZC: an AAP header line ('%c': %s)", l->t[0],
			     key);
		} else if (is_routing(l)) {
			append(tx, from, "routing", l->t, l->tn, l->no, " ");
			NOTE(log, l->no, "ZCZC: a routing line, kept as metadata");
		} else {
			break;
		}
		blank(tx, l);
	}
	return i;
}

static int is_zczc(const tline *l)
{
	return l->tn >= 4 && memcmp(l->t, "ZCZC", 4) == 0 &&
	       (l->tn == 4 || l->t[4] == ' ');
}

/* After ZCZC's header, with no '^' line: the first line of text is the
 * headline (one line: the lines under it are text, "Weather: Fine"). */
static void zczc_headline(wm_tx *tx, const tlines *ls, size_t i, size_t from,
                          wm_explain_log *log)
{
	for (size_t k = from; k < tx->n; k++)
		if (!strcmp(tx->f[k].key, "headline"))
			return;
	const tline *l = &ls->v[i];
	if (l->tn == 0 || is_zczc(l) || (l->tn == 4 && !memcmp(l->t, "NNNN", 4)))
		return;
	add(tx, "headline", l->t, l->tn, l->no);
	NOTE(log, l->no, "ZCZC: the first line of text after the header, the "
	     "headline");
	blank(tx, l);
}

/* ---- the end of a transmission ------------------------------------------------ */

/* The desk's initials closing dpa copy: "dpa grj rmo", "dpa al rmo hct". */
static int is_desk_line(const tline *l)
{
	size_t i = 0, words = 0;
	while (i < l->tn) {
		size_t b = i;
		while (i < l->tn && (is_lower(l->t[i]) || (words == 0 && l->t[i] == '-')))
			i++;
		size_t w = i - b;
		if (w < 2 || (words > 0 && w > 4) || (words == 0 && w > 8))
			return 0;
		words++;
		if (i < l->tn && l->t[i] != ' ')
			return 0;
		while (i < l->tn && l->t[i] == ' ')
			i++;
	}
	return words >= 2 && words <= 8;
}

static int is_star_rule(const tline *l)
{
	if (l->tn < 3)
		return 0;
	for (size_t i = 0; i < l->tn; i++)
		if (l->t[i] != '*' && l->t[i] != ' ')
			return 0;
	return 1;
}

/* A note to editors: it and the lines after it are not body.  (Most lines
 * have no "publication": one pass over them for it first.) */
static int not_for_publication(const tline *l)
{
	return icontains(l->t, l->tn, "publication") &&
	       (icontains(l->t, l->tn, "not for publication") ||
	        icontains(l->t, l->tn, "not intended for publication"));
}

static void read_end(wm_tx *tx, const tlines *ls, size_t h, wm_explain_log *log)
{
	size_t end = ls->n;
	while (end > h && ls->v[end - 1].tn == 0)
		end--;
	if (end > h + 1 && is_ap_stamp(ls->v[end - 1].t, ls->v[end - 1].tn)) {
		const tline *l = &ls->v[--end];
		char *v = wm_tx_stamp_value(l->t, l->tn);
		add(tx, "timestamp", v, strlen(v), l->no);
		free(v);
		NOTE(log, l->no, "AP's time stamp closing the text, kept as metadata");
		blank(tx, l);
		while (end > h && ls->v[end - 1].tn == 0)
			end--;
	}
	if (end > h + 1 && is_desk_line(&ls->v[end - 1])) {
		const tline *l = &ls->v[--end];
		add(tx, "desk", l->t, l->tn, l->no);
		NOTE(log, l->no, "the desk's initials closing the copy, kept as "
		     "metadata");
		blank(tx, l);
	}
	for (size_t i = h + 1; i < end; i++) {
		const tline *l = &ls->v[i];
		if (!not_for_publication(l))
			continue;
		size_t b = i;
		if (b > h + 1 && is_star_rule(&ls->v[b - 1]))
			b--;
		size_t from = tx->n;
		for (size_t k = b; k < end; k++) {
			if (!ls->v[k].tn)
				continue;
			append(tx, from, "ednote", ls->v[k].t, ls->v[k].tn, ls->v[k].no,
			       " ");
			blank(tx, &ls->v[k]);
		}
		NOTE(log, ls->v[b].no, "a note not for publication: to the end, kept "
		     "as metadata (meta.ednote), not body");
		break;
	}
}

int wm_tx_line_may_blank(const char *p, size_t n)
{
	tline l = {0, n, p, n, 0};
	trim(&l.t, &l.tn);
	return is_zczc(&l) || not_for_publication(&l);
}

/* ---- the segment ---------------------------------------------------------------- */

/* Fields in line order, and in the order read within a line. */
static int by_line(const void *pa, const void *pb)
{
	const wm_tx_field *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Whether "ZCZC" is anywhere in t[0..n) (is_zczc looks for it at the
 * start of a line): most segments have none, and need no lines. */
static int has_zczc(const char *t, size_t n)
{
	for (const char *p = t, *e = t + n;
	     (p = memchr(p, 'Z', (size_t)(e - p))) != NULL; p++)
		if (e - p >= 4 && memcmp(p, "ZCZC", 4) == 0)
			return 1;
	return 0;
}

void wm_tx_read(wm_tx *tx, const char *text, size_t len, unsigned first_line,
                int in_frame, wm_explain_log *log)
{
	tx->text = wm_xmalloc(len + 1);
	memcpy(tx->text, text, len);
	tx->text[len] = '\0';
	tx->len = len;
	if (!in_frame && !tx->found && !has_zczc(tx->text, len)) {
		/* no framing, no header and no ZCZC: nothing to read */
		if (tx->n > 1)
			qsort(tx->f, tx->n, sizeof *tx->f, by_line);
		return;
	}
	tlines ls = {NULL, 0, 0};
	split_lines(tx->text, len, first_line, &ls);
	size_t h = 0;
	while (h < ls.n && ls.v[h].tn == 0)
		h++;
	int framed = in_frame || tx->found, zczc = 0;
	for (size_t i = h; i < ls.n;) {
		if (is_zczc(&ls.v[i])) {
			size_t from = tx->n;
			i = read_zczc(tx, &ls, i, log);
			zczc = framed = 1;
			while (i < ls.n && ls.v[i].tn == 0)
				i++;
			if (i < ls.n && !read_ap(tx, &ls, i, log) &&
			    !read_dpa(tx, &ls, i, log))
				zczc_headline(tx, &ls, i, from, log);
		} else {
			i++;
		}
	}
	if (h < ls.n && framed && !zczc && !read_ap(tx, &ls, h, log))
		read_dpa(tx, &ls, h, log);
	if (framed) {
		tx->found = 1;
		read_end(tx, &ls, h, log);
	}
	free(ls.v);
	if (tx->n > 1)
		qsort(tx->f, tx->n, sizeof *tx->f, by_line);
}

void wm_tx_free(wm_tx *tx)
{
	if (!tx)
		return;
	for (size_t i = 0; i < tx->n; i++)
		free(tx->f[i].value);
	free(tx->f);
	free(tx->starts);
	free(tx->text);
	memset(tx, 0, sizeof *tx);
}
