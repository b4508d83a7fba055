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
