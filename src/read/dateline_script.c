/* Datelines in the scripts with no letter case: the grammar of dateline.c
 * tells a place from a sentence by its capitals, which Hangul, kana, Han
 * characters and Arabic letters do not have.  Each of these services
 * writes its dateline in one fixed frame instead, and the frame is the
 * evidence (docs/datelines.md, "Other scripts"):
 *
 *   korean   := open place ["(" region ")"] "=" agency close
 *               [names ("기자" | "특파원") "="]          ("(부산=연합뉴스) 홍길동 기자 =")
 *   japanese := "【" place (agency | "=" reporter) "】"  ("【ロンドン共同】")
 *   chinese  := agency place date ("电" | "電") ["（" "记者" names "）"]
 *               date := [n "年"] [n "月"] n "日", n in digits or Chinese numerals
 *   arabic   := place [dash date] ["(" credit ")"] dash   ("القاهرة - 3 - 12 (أ ش أ) --")
 *             | place dash agency dash                   (an agency of the list)
 *             | place "(" credit ")"                     (a credit of the list, no dash)
 *
 * "=" is also the full-width "＝"; open and close are "(" ")" or "[" "]".
 * The reporters' names a Korean, Japanese or Chinese dateline holds stay
 * in its text; the report gives them (for --explain). */
#include "dateline_script.h"

#include <stdlib.h>
#include <string.h>

#include "../tree/calendar.h"
#include "../util/utf8.h"

#define SCRIPT_PREFIX 160 /* bytes: a dateline of these scripts is short */
#define SCRIPT_AGENCY 48  /* bytes of a credit inside brackets */

typedef struct sspan {
	size_t b, e;
} sspan;

typedef struct sparts {
	sspan text, place, region, date, agency, dash, byline;
	int year, month, day; /* the date read; 0 where not written */
	size_t after;         /* where the paragraph's own text starts */
	const char *rule;
} sparts;

/* ---- characters ---------------------------------------------------------- */

static int is_hangul(uint32_t c)
{
	return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3131 && c <= 0x318E);
}

/* Han characters and kana (and the middle dot and long vowel mark). */
static int is_cjk(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x3041 && c <= 0x30FF) || (c >= 0xF900 && c <= 0xFAFF);
}

static int is_arabic_letter(uint32_t c)
{
	return (c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
	       (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
	       (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

/* The value of a digit: ASCII, full-width, Arabic-Indic or Persian; -1. */
static int digit_value(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	if (c >= 0x0660 && c <= 0x0669)
		return (int)(c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9)
		return (int)(c - 0x06F0);
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static int at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* Past the spaces at i (and the ideographic space). */
static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && is_space(s[i]))
			i++;
		else if (at(s, len, i, "\xE3\x80\x80"))
			i += 3;
		else
			return i;
	}
}

static sspan trim(const char *s, sspan x)
{
	while (x.b < x.e && is_space(s[x.b]))
		x.b++;
	while (x.e > x.b && is_space(s[x.e - 1]))
		x.e--;
	return x;
}

/* Whether every character of x is of class cls (spaces too, when
 * spaces is set); x not empty. */
static int all_of(const char *s, sspan x, int (*cls)(uint32_t), int spaces)
{
	if (x.b >= x.e)
		return 0;
	for (size_t i = x.b; i < x.e;) {
		uint32_t c = wm_utf8_next(s, x.e, &i);
		if (!(cls(c) || (spaces && c == ' ') || c == 0x30FB || c == 0xB7))
			return 0;
	}
	return 1;
}

/* "=" or the full-width "＝" at i: its length, or 0. */
static size_t equals_at(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '=')
		return 1;
	return at(s, len, i, "\xEF\xBC\x9D") ? 3 : 0;
}

/* The first of the bytes c at or after i before lim, or lim. */
static size_t find_byte(const char *s, size_t i, size_t lim, char c)
{
	while (i < lim && s[i] != c)
		i++;
	return i;
}

/* ---- Korean -------------------------------------------------------------- */

/* "홍길동 김철수 기자 =", "홍길동 특파원 =" at i: the names and their
 * title (the byline) and the "="; 0 when not there. */
static int korean_byline(const char *s, size_t len, size_t i, sparts *p)
{
	size_t lim = i + 96 < len ? i + 96 : len;
	for (size_t k = i; k < lim; k++) {
		size_t n = equals_at(s, len, k);
		if (!n)
			continue;
		sspan names = trim(s, (sspan){i, k});
		static const char *const titles[] = {"\xEA\xB8\xB0\xEC\x9E\x90",
		                                     "\xED\x8A\xB9\xED\x8C\x8C\xEC\x9B\x90"};
		for (size_t t = 0; t < 2; t++) {
			size_t tn = strlen(titles[t]);
			if ((size_t)(names.e - names.b) > tn &&
			    !memcmp(s + names.e - tn, titles[t], tn) &&
			    all_of(s, names, is_hangul, 1)) {
				p->byline = names;
				p->dash = (sspan){k, k + n};
				return 1;
			}
		}
		return 0;
	}
	return 0;
}

/* "(부산=연합뉴스) 홍길동 기자 =", "[파리(프랑스)=AP/뉴시스]", "(대전=뉴스1) =". */
static int read_korean(const char *s, size_t len, sparts *p)
{
	char close = s[0] == '(' ? ')' : s[0] == '[' ? ']' : 0;
	size_t lim = len < SCRIPT_PREFIX ? len : SCRIPT_PREFIX, eq = 1, n = 0;
	if (!close)
		return 0;
	while (eq < lim && s[eq] != close && s[eq] != ' ' && !(n = equals_at(s, len, eq)))
		eq++;
	if (!n)
		return 0;
	sspan place = {1, eq};
	if (s[eq - 1] == ')') {
		size_t o = find_byte(s, 1, eq, '(');
		p->region = (sspan){o + 1, eq - 1};
		place.e = o;
		if (!all_of(s, p->region, is_hangul, 1))
			return 0;
	}
	size_t c = find_byte(s, eq + n, eq + n + SCRIPT_AGENCY < lim ? eq + n + SCRIPT_AGENCY : lim, close);
	sspan agency = trim(s, (sspan){eq + n, c});
	/* two syllables at least, as every place's name has ("(가=나)" is not) */
	if (c >= lim || place.e - place.b < 6 || agency.e - agency.b < 2 ||
	    !all_of(s, place, is_hangul, 0) || agency.b == agency.e ||
	    agency.b != eq + n || agency.e != c || memchr(s + agency.b, '(', c - agency.b))
		return 0;
	p->place = place;
	p->agency = agency;
	size_t j = skip_spaces(s, len, c + 1);
	size_t en = equals_at(s, len, j);
	p->rule = "Korean: the place and agency in brackets";
	if (en)
		p->dash = (sspan){j, j + en};
	else if (korean_byline(s, len, j, p))
		p->rule = "Korean: the place and agency in brackets, the reporters "
		          "before '='";
	p->text = (sspan){0, p->dash.e > p->dash.b ? p->dash.e : c + 1};
	return 1;
}

/* ---- Japanese ------------------------------------------------------------ */

/* The credits Japanese copy prints after the place in 【】. */
static const char *const japanese_credits[] = {
	"\xE5\x85\xB1\xE5\x90\x8C\xE9\x80\x9A\xE4\xBF\xA1",             /* 共同通信 */
	"\xE5\x85\xB1\xE5\x90\x8C",                                     /* 共同 */
	"\xE6\x99\x82\xE4\xBA\x8B\xE9\x80\x9A\xE4\xBF\xA1",             /* 時事通信 */
	"\xE6\x99\x82\xE4\xBA\x8B",                                     /* 時事 */
	"\xE8\x81\xAF\xE5\x90\x88\xE3\x83\x8B\xE3\x83\xA5\xE3\x83\xBC\xE3\x82\xB9", /* 聯合ニュース */
	"\xE8\x81\xAF\xE5\x90\x88",                                     /* 聯合 */
	"\xE6\x96\xB0\xE8\x8F\xAF\xE7\xA4\xBE",                         /* 新華社 */
	"\xE3\x83\xAD\xE3\x82\xA4\xE3\x82\xBF\xE3\x83\xBC",             /* ロイター */
	"\xE3\x82\xBF\xE3\x82\xB9",                                     /* タス */
	"AFP", "AP", "EFE", "dpa",
};

/* The credit that x ends with, as its length in bytes; 0 when none. */
static size_t japanese_credit(const char *s, sspan x)
{
	for (size_t k = 0; k < sizeof japanese_credits / sizeof *japanese_credits; k++) {
		size_t n = strlen(japanese_credits[k]);
		if (x.e - x.b > n && !memcmp(s + x.e - n, japanese_credits[k], n))
			return n;
		if (x.e - x.b == n && !memcmp(s + x.b, japanese_credits[k], n))
			return n;
	}
	return 0;
}

/* The ASCII letters x ends with ("ワシントンAFP"): where they start. */
static size_t latin_tail(const char *s, sspan x)
{
	size_t i = x.e;
	while (i > x.b && ((s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
	                   (s[i - 1] >= 'a' && s[i - 1] <= 'z')))
		i--;
	return i;
}

/* "【ロンドン共同】", "【ワシントン=山田太郎】", "【パリAFP=時事】". */
static int read_japanese(const char *s, size_t len, sparts *p)
{
	static const char open[] = "\xE3\x80\x90", close[] = "\xE3\x80\x91";
	if (!at(s, len, 0, open))
		return 0;
	size_t lim = len < SCRIPT_PREFIX ? len : SCRIPT_PREFIX, c = 3, eq = 0, n = 0;
	while (c < lim && !at(s, len, c, close)) {
		size_t k = equals_at(s, len, c);
		if (k)
			eq = c, n = k;
		c++;
	}
	if (c >= lim)
		return 0;
	sspan in = {3, c};
	p->rule = "Japanese: the place and agency in \xE3\x80\x90\xE3\x80\x91";
	if (n) {
		sspan right = {eq + n, c}, left = {3, eq};
		if (japanese_credit(s, right) == right.e - right.b) {
			size_t l = latin_tail(s, left);
			p->agency = (sspan){l < eq ? l : right.b, c};
			p->place = (sspan){3, l < eq ? l : eq};
		} else {
			p->byline = right;
			p->place = left;
			p->rule = "Japanese: the place and the reporter in "
			          "\xE3\x80\x90\xE3\x80\x91";
			if (!all_of(s, right, is_cjk, 1))
				return 0;
		}
	} else {
		size_t k = japanese_credit(s, in);
		if (!k)
			return 0;
		p->agency = (sspan){c - k, c};
		p->place = (sspan){3, c - k};
	}
	if (!all_of(s, p->place, is_cjk, 0))
		return 0;
	p->text = (sspan){0, c + 3};
	return 1;
}

/* ---- Chinese ------------------------------------------------------------- */

/* A number in digits or Chinese numerals at i ("12", "十二", "二〇二六",
 * "廿一"): its value, with *end past it; -1 when there is none. */
static int chinese_number(const char *s, size_t len, size_t i, size_t *end)
{
	static const char *const digits[] = {
		"\xE3\x80\x87", "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89",
		"\xE5\x9B\x9B", "\xE4\xBA\x94", "\xE5\x85\xAD", "\xE4\xB8\x83",
		"\xE5\x85\xAB", "\xE4\xB9\x9D"}; /* 〇一二三四五六七八九 */
	int v = 0, cur = 0, any = 0;
	for (;;) {
		size_t j = i;
		uint32_t c = i < len ? wm_utf8_next(s, len, &j) : 0;
		int d = digit_value(c);
		for (int k = 0; d < 0 && k < 10; k++)
			if (at(s, len, i, digits[k]))
				d = k;
		if (c == 0x96F6) /* 零 */
			d = 0;
		if (d >= 0)
			cur = cur * 10 + d;
		else if (c == 0x5341) /* 十 */
			v += (cur ? cur : 1) * 10, cur = 0;
		else if (c == 0x5EFF || c == 0x5345) /* 廿, 卅 */
			v += c == 0x5EFF ? 20 : 30;
		else
			break;
		any = 1;
		i = j;
		if (v + cur > 9999)
			return -1;
	}
	*end = i;
	return any ? v + cur : -1;
}

/* "6月1日", "六月一日", "2026年6月1日", "1日" at i, ending right before
 * 电 or 電: fills p's date; 0 when it is not one. */
static int chinese_date(const char *s, size_t len, size_t i, sparts *p)
{
	size_t e;
	int v[3] = {0, 0, 0}, have = 0;
	static const char *const units[] = {"\xE5\xB9\xB4", "\xE6\x9C\x88",
	                                    "\xE6\x97\xA5"}; /* 年 月 日 */
	size_t b = i;
	for (int u = 0; u < 3; u++) {
		int n = chinese_number(s, len, i, &e);
		if (n < 0 || !at(s, len, e, units[u]))
			continue;
		v[u] = n;
		have |= 1 << u;
		i = e + 3;
	}
	if (!(have & 4) || !(at(s, len, i, "\xE7\x94\xB5") || at(s, len, i, "\xE9\x9B\xBB")))
		return 0;
	p->date = (sspan){b, i};
	p->year = v[0] >= 1000 ? v[0] : 0;
	p->month = v[1] >= 1 && v[1] <= 12 ? v[1] : 0;
	p->day = v[2] >= 1 && v[2] <= 31 ? v[2] : 0;
	p->dash = (sspan){i, i};
	return 1;
}

/* "（记者 王明）" or "(記者 王明)" at i: the byline, and the end. */
static size_t chinese_byline(const char *s, size_t len, size_t i, sparts *p)
{
	size_t o = at(s, len, i, "\xEF\xBC\x88") ? 3 : (i < len && s[i] == '(');
	if (!o || !(at(s, len, i + o, "\xE8\xAE\xB0\xE8\x80\x85") ||
	            at(s, len, i + o, "\xE8\xA8\x98\xE8\x80\x85")))
		return i;
	for (size_t k = i + o; k < len && k < i + 120; k++)
		if (at(s, len, k, "\xEF\xBC\x89") || s[k] == ')') {
			size_t cn = s[k] == ')' ? 1 : 3;
			p->byline = trim(s, (sspan){i + o, k});
			return k + cn;
		}
	return i;
}

/* "新华社上海6月1日电", "中新社香港六月一日电（记者 王明）". */
static int read_chinese(const char *s, size_t len, sparts *p)
{
	static const char *const agencies[] = {
		"\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE", /* 新华社 */
		"\xE6\x96\xB0\xE8\x8F\xAF\xE7\xA4\xBE", /* 新華社 */
		"\xE4\xB8\xAD\xE6\x96\xB0\xE7\xA4\xBE", /* 中新社 */
		"\xE4\xB8\xAD\xE6\x96\xB0\xE7\xBD\x91", /* 中新网 */
		"\xE4\xB8\xAD\xE6\x96\xB0\xE7\xB6\xB2", /* 中新網 */
		"\xE4\xB8\xAD\xE9\x80\x9A\xE7\xA4\xBE", /* 中通社 */
		"\xE6\x9C\xAC\xE6\x8A\xA5",                  /* 本报: the paper's own */
		"\xE6\x9C\xAC\xE5\xA0\xB1"};                 /* 本報 */
	size_t a = 0;
	for (size_t k = 0; k < sizeof agencies / sizeof *agencies && !a; k++)
		if (at(s, len, 0, agencies[k]))
			a = strlen(agencies[k]);
	if (!a)
		return 0;
	size_t lim = len < a + 64 ? len : a + 64;
	for (size_t i = a; i < lim;) {
		if (i > a && chinese_date(s, len, i, p)) {
			p->agency = (sspan){0, a};
			p->place = (sspan){a, i};
			if (!all_of(s, p->place, is_cjk, 0))
				return 0;
			size_t e = chinese_byline(s, len, p->dash.e + 3, p);
			p->text = (sspan){0, e};
			p->dash = (sspan){0, 0};
			p->rule = "Chinese: the agency, the place, the date and \xE7\x94\xB5";
			return 1;
		}
		uint32_t c = wm_utf8_next(s, len, &i);
		if (!is_cjk(c))
			return 0;
	}
	return 0;
}

/* ---- a place, a date and an agency in brackets --------------------------- */

static size_t rtl_dash(const char *s, size_t len, size_t i);

/* The agencies that print "[ロンドン 5日 ロイター]", "(ロンドン 5月23日
 * 時事)", "(평양 8월 2일발 조선중앙통신)". */
static const char *const dated_credits[] = {
	"\xE3\x83\xAD\xE3\x82\xA4\xE3\x82\xBF\xE3\x83\xBC", /* ロイター */
	"\xE6\x99\x82\xE4\xBA\x8B",                         /* 時事 */
	"\xE5\x85\xB1\xE5\x90\x8C",                         /* 共同 */
	"\xEC\xA1\xB0\xEC\x84\xA0\xEC\xA4\x91\xEC\x95\x99\xED\x86\xB5\xEC\x8B\xA0", /* 조선중앙통신 */
	"\xEC\x97\xB0\xED\x95\xA9\xEB\x89\xB4\xEC\x8A\xA4", /* 연합뉴스 */
};

/* "5日", "5月23日", "8월 2일발" in x: fills p's date; 0 when x is not
 * one.  Korean puts a space between month and day, and "발" (sent) after. */
static int bracket_date(const char *s, sspan x, sparts *p)
{
	static const char *const units[2][2] = {
		{"\xE6\x9C\x88", "\xE6\x97\xA5"},  /* 月 日 */
		{"\xEC\x9B\x94", "\xEC\x9D\xBC"}}; /* 월 일 */
	for (int lang = 0; lang < 2; lang++) {
		size_t i = x.b, e;
		int month = 0, day = -1;
		int n = chinese_number(s, x.e, i, &e);
		if (n > 0 && at(s, x.e, e, units[lang][0])) {
			month = n;
			i = skip_spaces(s, x.e, e + 3);
			n = chinese_number(s, x.e, i, &e);
		}
		if (n > 0 && at(s, x.e, e, units[lang][1]))
			day = n, e += 3;
		if (day < 0)
			continue;
		size_t end = e;
		if (lang == 1 && at(s, x.e, e, "\xEB\xB0\x9C")) /* 발 */
			e += 3;
		if (e != x.e)
			continue;
		p->date = (sspan){x.b, end};
		p->month = month >= 1 && month <= 12 ? month : 0;
		p->day = day >= 1 && day <= 31 ? day : 0;
		return 1;
	}
	return 0;
}

static int is_place_letter(uint32_t c)
{
	return is_cjk(c) || is_hangul(c) || c == '(' || c == ')' || c == '/';
}

/* "[ロンドン 5日 ロイター] –", "(ロンドン 5月23日 時事)", "[14日 ロイター] -",
 * "(평양 8월 2일발 조선중앙통신)": the place (if any), the date and an
 * agency of the list, between brackets, then a dash or the sentence. */
static int read_bracket_dated(const char *s, size_t len, sparts *p)
{
	char close = s[0] == '(' ? ')' : s[0] == '[' ? ']' : 0;
	size_t lim = len < SCRIPT_PREFIX ? len : SCRIPT_PREFIX, c = 1, depth = 0;
	while (close && c < lim && (s[c] != close || depth)) {
		depth += s[c] == '(' ? 1 : s[c] == ')' && depth ? (size_t)-1 : 0;
		c++;
	}
	if (!close || c >= lim)
		return 0;
	size_t a = c;
	while (a > 1 && s[a - 1] != ' ')
		a--;
	int known = 0;
	for (size_t k = 0; k < sizeof dated_credits / sizeof *dated_credits; k++)
		known |= strlen(dated_credits[k]) == c - a &&
		         !memcmp(s + a, dated_credits[k], c - a);
	if (!known || a < 3)
		return 0;
	p->agency = (sspan){a, c};
	/* the date: the words before the agency, after the place's */
	sspan rest = trim(s, (sspan){1, a});
	size_t d = rest.b;
	for (size_t i = rest.b; i < rest.e; i++)
		if (s[i] == ' ' && !bracket_date(s, (sspan){i + 1, rest.e}, p))
			continue;
		else if (s[i] == ' ') {
			d = i + 1;
			break;
		}
	if (d == rest.b && !bracket_date(s, rest, p))
		return 0;
	if (d > rest.b) {
		p->place = trim(s, (sspan){rest.b, d});
		if (!all_of(s, p->place, is_place_letter, 0))
			return 0;
	}
	size_t j = skip_spaces(s, len, c + 1), e = rtl_dash(s, len, j);
	p->dash = e ? (sspan){j, e} : (sspan){0, 0};
	p->text = (sspan){0, e ? e : c + 1};
	p->rule = "a place, a date and an agency in brackets";
	return 1;
}

/* ---- Arabic and Urdu ----------------------------------------------------- */

/* Credits of the Arabic, Persian and Urdu services, as printed. */
static const char *const rtl_credits[] = {
	"\xD8\xA3 \xD8\xB4 \xD8\xA3",                         /* أ ش أ (MENA) */
	"\xD8\xA3 \xD9\x81 \xD8\xA8",                         /* أ ف ب (AFP) */
	"\xD8\xAF \xD8\xA8 \xD8\xA3",                         /* د ب أ (dpa) */
	"\xD8\xB1\xD9\x88\xD9\x8A\xD8\xAA\xD8\xB1\xD8\xB2",   /* رويترز */
	"\xD9\x88\xD8\xA7\xD8\xB3",                           /* واس (SPA) */
	"\xD8\xB3\xD8\xA7\xD9\x86\xD8\xA7",                   /* سانا */
	"\xD8\xA8\xD8\xAA\xD8\xB1\xD8\xA7",                   /* بترا */
	"\xD9\x82\xD9\x86\xD8\xA7",                           /* قنا */
	"\xD9\x83\xD9\x88\xD9\x86\xD8\xA7",                   /* كونا */
	"\xD9\x88\xD8\xA7\xD9\x85",                           /* وام */
	"\xD8\xA8\xD9\x86\xD8\xA7",                           /* بنا */
	"\xD8\xB3\xD8\xA8\xD8\xA3",                           /* سبأ */
	"\xD8\xA5\xD8\xB1\xD9\x86\xD8\xA7",                   /* إرنا */
	"\xD8\xA7\xDB\x92 \xD9\xBE\xDB\x8C \xD9\xBE\xDB\x8C", /* اے پی پی (APP) */
	"\xD8\xA7\xDB\x92 \xD8\xA7\xDB\x8C\xD9\x81 \xD9\xBE\xDB\x8C", /* اے ایف پی */
	"\xD8\xA7\xDB\x8C\xD8\xB1\xD9\x86\xD8\xA7",           /* ایرنا */
};

static int rtl_credit_known(const char *s, sspan x)
{
	for (size_t k = 0; k < sizeof rtl_credits / sizeof *rtl_credits; k++)
		if (strlen(rtl_credits[k]) == x.e - x.b &&
		    !memcmp(s + x.b, rtl_credits[k], x.e - x.b))
			return 1;
	return 0;
}

/* A dash standing apart at i ("-", "--", "–", "—", and the tatweel "ـ"
 * that Arabic copy sets as one): its end, or 0. */
static size_t rtl_dash(const char *s, size_t len, size_t i)
{
	size_t e = i;
	if (at(s, len, i, "\xE2\x80\x93") || at(s, len, i, "\xE2\x80\x94"))
		e = i + 3;
	else if (at(s, len, i, "\xD9\x80"))
		e = i + 2;
	else
		while (e < len && s[e] == '-' && e - i < 2)
			e++;
	return e > i && (e == len || is_space(s[e])) ? e : 0;
}

/* A number of one to four digits at i (any of digit_value's): its value,
 * -1 when none; *end past it. */
static int rtl_number(const char *s, size_t len, size_t i, size_t *end)
{
	int v = 0, n = 0;
	for (;;) {
		size_t j = i;
		int d = i < len ? digit_value(wm_utf8_next(s, len, &j)) : -1;
		if (d < 0 || n == 4)
			break;
		v = v * 10 + d, n++, i = j;
	}
	*end = i;
	return n ? v : -1;
}

/* Arabic letters in words at i, up to three: the span. */
static sspan rtl_words(const char *s, size_t len, size_t i, int most)
{
	sspan w = {i, i};
	for (int n = 0; n < most; n++) {
		size_t j = w.e == i ? i : w.e + 1, k = j;
		while (k < len) {
			size_t m = k;
			if (!is_arabic_letter(wm_utf8_next(s, len, &m)))
				break;
			k = m;
		}
		if (k == j || (w.e != i && s[w.e] != ' '))
			break;
		w.e = k;
	}
	return w;
}

/* "3 - 12", "3-12-2026", "3 ديسمبر 2026" at i, day first. */
static size_t rtl_date(const char *s, size_t len, size_t i, sparts *p)
{
	size_t e, e2;
	int d = rtl_number(s, len, i, &e), m = -1, y = 0;
	if (d < 1 || d > 31)
		return 0;
	size_t j = skip_spaces(s, len, e);
	if (j < len && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
		m = rtl_number(s, len, skip_spaces(s, len, j + 1), &e2);
		e = e2;
	} else {
		sspan w = rtl_words(s, len, j, 1);
		char low[32];
		wm_month_how how;
		if (w.e > w.b && w.e - w.b < sizeof low) {
			memcpy(low, s + w.b, w.e - w.b);
			low[w.e - w.b] = '\0';
			m = wm_month_lookup(low, &how);
			e = w.e;
		}
	}
	if (m < 1 || m > 12)
		return 0;
	j = skip_spaces(s, len, e);
	int sep = j < len && (s[j] == '-' || s[j] == '/' || s[j] == '.');
	int yy = rtl_number(s, len, sep ? skip_spaces(s, len, j + 1) : j, &e2);
	if (yy >= 1000)
		y = yy, e = e2;
	p->date = (sspan){i, e};
	p->day = d, p->month = m, p->year = y;
	return e;
}

/* What follows an Arabic place: [dash date] [credit] dash. */
static int rtl_rest(const char *s, size_t len, size_t i, sparts *p)
{
	size_t e = rtl_dash(s, len, i), k;
	if (e && at(s, len, i, "\xD9\x80") && p->place.b > 0) {
		/* "ـ القاهرة ـ": the place framed by two tatweels */
		p->dash = (sspan){i, e};
		return 1;
	}
	if (e && (k = rtl_date(s, len, skip_spaces(s, len, e), p)))
		i = skip_spaces(s, len, k);
	else if (e) {
		/* "عمان - بترا -": an agency of the list between two dashes */
		sspan w = rtl_words(s, len, skip_spaces(s, len, e), 3);
		size_t e2 = rtl_dash(s, len, skip_spaces(s, len, w.e));
		if (!rtl_credit_known(s, w) || !e2)
			return 0;
		p->agency = w;
		p->dash = (sspan){skip_spaces(s, len, w.e), e2};
		return 1;
	}
	int known = 0;
	if (i < len && s[i] == '(') {
		size_t c = find_byte(s, i + 1, len < i + SCRIPT_AGENCY ? len : i + SCRIPT_AGENCY, ')');
		if (c >= len || s[c] != ')' || c == i + 1)
			return 0;
		p->agency = trim(s, (sspan){i + 1, c});
		known = rtl_credit_known(s, p->agency);
		i = skip_spaces(s, len, c + 1);
	}
	if ((e = rtl_dash(s, len, i)))
		p->dash = (sspan){i, e};
	else if (i < len && s[i] == ':')
		p->dash = (sspan){i, i + 1};
	else if (!known || p->date.e > p->date.b)
		return 0;
	return p->date.e > p->date.b || p->agency.e > p->agency.b;
}

/* "القاهرة - 3 - 12 (أ ش أ) --", "اسلام آباد (اے پی پی)", "ـ القاهرة ـ"
 * (a tatweel before the place as well as after it). */
static int read_arabic(const char *s, size_t len, sparts *p)
{
	size_t i = 0, b = 0, lead = rtl_dash(s, len, 0);
	if (lead && at(s, len, 0, "\xD9\x80"))
		b = i = skip_spaces(s, len, lead);
	if (!is_arabic_letter(wm_utf8_next(s, len, &i)))
		return 0;
	p->place = rtl_words(s, len, b, 3);
	if (!rtl_rest(s, len, skip_spaces(s, len, p->place.e), p))
		return 0;
	p->rule = p->dash.e > p->dash.b ? "Arabic script: the place, the date or "
	                                  "credit, the dash"
	                                : "Arabic script: the place and a credit "
	                                  "of the list, no dash";
	size_t end = p->dash.e > p->dash.b ? p->dash.e : p->agency.e + 1;
	p->text = (sspan){0, end};
	return 1;
}

/* ---- the whole ----------------------------------------------------------- */

int wm_dateline_script_maybe(const char *s, size_t len)
{
	if (len < 2)
		return 0;
	unsigned char c = (unsigned char)s[0];
	if (c == '(' || c == '[') {
		c = (unsigned char)s[1];
		if (c >= '0' && c <= '9') /* "[14日 ロイター]" */
			return len > 4 && (unsigned char)s[2 + (s[2] >= '0' && s[2] <= '9')] >= 0xE3;
	}
	/* Hangul, CJK and kana start with E3-ED; Arabic letters with D8-DB */
	return (c >= 0xD8 && c <= 0xDB) || (c >= 0xE3 && c <= 0xED) || c == 0xEF;
}

static char *dup(wm_arena *arena, const char *s, sspan x)
{
	x = trim(s, x);
	return x.b < x.e ? wm_arena_strndup(arena, s + x.b, x.e - x.b) : NULL;
}

/* The dateline of p, built in arena. */
static wm_dateline *build(const wm_context *ctx, const char *s,
                          const sparts *p, wm_arena *arena)
{
	wm_dateline *d = wm_dateline_new(arena);
	d->text = dup(arena, s, p->text);
	d->place = dup(arena, s, p->place);
	d->region = dup(arena, s, p->region);
	d->date = dup(arena, s, p->date);
	d->agency = dup(arena, s, p->agency);
	d->dash = dup(arena, s, p->dash);
	if (p->month && p->day) {
		int ref[3] = {ctx ? ctx->year : 0, ctx ? ctx->month : 0, ctx ? ctx->day : 0};
		char *iso = wm_iso_date_resolve(p->year, p->month, p->day,
		                                ctx && ctx->has_date ? ref : NULL);
		if (iso)
			d->iso_date = wm_arena_strndup(arena, iso, strlen(iso));
		free(iso);
	}
	return d;
}

size_t wm_dateline_script_read(const wm_context *ctx, const char *s,
                               size_t len, wm_arena *arena, wm_dateline **out,
                               wm_dateline_report *rep)
{
	sparts p;
	memset(&p, 0, sizeof p);
	*out = NULL;
	if (!(read_korean(s, len, &p) ||
	      (memset(&p, 0, sizeof p), read_bracket_dated(s, len, &p)) ||
	      (memset(&p, 0, sizeof p), read_japanese(s, len, &p)) ||
	      (memset(&p, 0, sizeof p), read_chinese(s, len, &p)) ||
	      (memset(&p, 0, sizeof p), read_arabic(s, len, &p))))
		return 0;
	size_t after = skip_spaces(s, len, p.text.e);
	if (after >= len)
		return 0;
	rep->rule = p.rule;
	rep->byline_b = p.byline.b;
	rep->byline_e = p.byline.e;
	if (!arena)
		return after;
	*out = build(ctx, s, &p, arena);
	if (!rep->quiet)
		wm_dateline_describe(*out, rep);
	return after;
}
