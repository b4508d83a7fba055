/* Escaping by context. */
#include <criterion/criterion.h>
#include <string.h>

#include "write/escape.h"

typedef void (*escape_fn)(wm_buf *, const char *, size_t, void *);

static void expect_escape(escape_fn fn, const char *prefix, const char *in,
                          const char *want)
{
	wm_buf b = WM_BUF_INIT;
	wm_buf_puts(&b, prefix);
	fn(&b, in, strlen(in), NULL);
	cr_expect_str_eq(wm_buf_cstr(&b) + strlen(prefix), want,
	                 "escaping \"%s\" after \"%s\": got \"%s\", want \"%s\"", in,
	                 prefix, wm_buf_cstr(&b) + strlen(prefix), want);
	wm_buf_free(&b);
}

Test(escape, html_specials)
{
	expect_escape(wm_escape_html, "", "a<b>&\"c'd", "a&lt;b&gt;&amp;&quot;c&#39;d");
	expect_escape(wm_escape_html, "", "{{x}}", "{{x}}");
	expect_escape(wm_escape_html, "", "caf\xC3\xA9 \xE2\x80\x94", "caf\xC3\xA9 \xE2\x80\x94");
}

Test(escape, html_drops_control_characters)
{
	expect_escape(wm_escape_html, "", "a\x1b" "b\x7f" "c\x01", "abc");
	expect_escape(wm_escape_html, "", "tab\there", "tab\there");
	/* U+0085 (C1) is dropped */
	expect_escape(wm_escape_xml, "", "x\xC2\x85y", "xy");
	expect_escape(wm_escape_xml, "", "\xEF\xBF\xBEz", "z");
}

Test(escape, markdown_inline)
{
	expect_escape(wm_escape_markdown, "x ", "a *b* _c_ [d](e) `f` <SRD> \\",
	              "a \\*b\\* \\_c\\_ [d\\](e) \\`f\\` \\<SRD> \\\\");
	expect_escape(wm_escape_markdown, "x ", "AT&T &amp; &#39;", "AT&T \\&amp; \\&#39;");
	expect_escape(wm_escape_markdown, "x ", "1987. - # + > plain", "1987. - # + > plain");
	expect_escape(wm_escape_markdown, "# ", "ends with #", "ends with \\#");
}

Test(escape, markdown_line_start)
{
	expect_escape(wm_escape_markdown, "", "1987. A year", "1987\\. A year");
	expect_escape(wm_escape_markdown, "\n", "3) three", "3\\) three");
	expect_escape(wm_escape_markdown, "", "# not a heading", "\\# not a heading");
	expect_escape(wm_escape_markdown, "", "> not a quote", "\\> not a quote");
	expect_escape(wm_escape_markdown, "", "- not a list", "\\- not a list");
	expect_escape(wm_escape_markdown, "", "+ not a list", "\\+ not a list");
	expect_escape(wm_escape_markdown, "", "=== no", "=== no");
	expect_escape(wm_escape_markdown, "", "--- no", "--- no");
	expect_escape(wm_escape_markdown, "", "---", "\\---");
	expect_escape(wm_escape_markdown, "", "Plain text.", "Plain text.");
}

Test(escape, json_string)
{
	expect_escape(wm_escape_json, "", "a\"b\\c\nd\te\x01", "a\\\"b\\\\c\\nd\\te\\u0001");
	expect_escape(wm_escape_json, "", "\xE2\x80\xA8", "\\u2028");
	expect_escape(wm_escape_json, "", "caf\xC3\xA9", "caf\xC3\xA9");
}

/* The shortcut for Markdown values written as they are gives what the full
 * escaper gives: random values (inert characters, the ones that need care,
 * spaces at the ends, a letter or a digit first) after random text the
 * template may have written (line starts, headings, emphasis, entities,
 * backslashes, code spans), in the same run. */
Test(escape, markdown_shortcut_agrees_with_the_full_escaper)
{
	static const char alphabet[] =
		"aZ9 .,'\"()/:?%$@+=-!|{}^*_\\<&]`;#[~>\n\t\xc3\xa9";
	static const char *const before[] = {
		"", "\n", "x ", "abc", "# ", "## x ", "**", "*a", "_", "&amp",
		"&", "\\", "1", " ", "> ", "x\n\n", "`", "``a", "    ", "- ",
		"word*", "a_", "**MOSCOW** \xe2\x80\x93 ", "x\n", "1. ", "=", "<",
		"*a.*", "_a,_", "**x.**", "a\\",
	};
	unsigned seed = 12345;
	char value[24];
	unsigned differences = 0;
	for (int k = 0; k < 200000; k++) {
		seed = seed * 1103515245u + 12345u;
		size_t len = 1 + (seed >> 16) % (sizeof value - 1);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly inert characters, so the shortcut is often taken */
			size_t pick = (seed >> 16) % ((seed >> 8) % 4 ? 19 : sizeof alphabet - 1);
			value[i] = alphabet[pick];
		}
		const char *pre = before[(seed >> 3) % (sizeof before / sizeof *before)];
		wm_buf a = WM_BUF_INIT, b = WM_BUF_INIT;
		wm_buf_puts(&a, pre);
		wm_buf_puts(&b, pre);
		wm_escape_markdown(&a, value, len, NULL);
		wm_escape_markdown_full(&b, value, len, NULL);
		if (strcmp(wm_buf_cstr(&a), wm_buf_cstr(&b)) != 0 && differences++ < 5)
			cr_log_error("after \"%s\": \"%.*s\" gives \"%s\", the full "
			             "escaper \"%s\"", pre, (int)len, value,
			             wm_buf_cstr(&a), wm_buf_cstr(&b));
		wm_buf_free(&a);
		wm_buf_free(&b);
	}
	cr_expect_eq(differences, 0, "%u values differ", differences);
}
