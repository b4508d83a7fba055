/* Behaviour of the template engine and data model beyond the Mustache spec:
 * error reports, hostile templates and data, number formatting, JSON. */
#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template/mustache.h"
#include "template/value.h"

static void escape_html(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': wm_buf_puts(out, "&amp;"); break;
		case '<': wm_buf_puts(out, "&lt;"); break;
		case '>': wm_buf_puts(out, "&gt;"); break;
		case '"': wm_buf_puts(out, "&quot;"); break;
		default: wm_buf_putc(out, s[i]); break;
		}
	}
}

/* Partials as a NULL-terminated list of name, source pairs. */
static const char *find_partial(const char *name, size_t namelen, size_t *len,
                                void *ctx)
{
	const char **p = ctx;

	for (; p && p[0]; p += 2) {
		if (strlen(p[0]) == namelen && memcmp(p[0], name, namelen) == 0) {
			*len = strlen(p[1]);
			return p[1];
		}
	}
	return NULL;
}

struct result {
	int rc;
	char *out;
	wm_mustache_error err;
};

static struct result render_with(const char *tpl, const wm_value *data,
                                 const char **partials, unsigned max_depth)
{
	wm_mustache_env env = {.escape = escape_html,
	                       .partial = find_partial,
	                       .partial_ctx = (void *)partials,
	                       .max_depth = max_depth};
	struct result r;
	wm_buf out = WM_BUF_INIT;

	r.rc = wm_mustache_render(tpl, strlen(tpl), "main", data, &env, &out,
	                          &r.err);
	r.out = wm_buf_detach(&out, NULL);
	return r;
}

static struct result render(const char *tpl, const wm_value *data)
{
	return render_with(tpl, data, NULL, 0);
}

/* {"x": <s>} */
static wm_value *map1(const char *key, wm_value *v)
{
	wm_value *m = wm_value_map();
	wm_value_map_set(m, key, v);
	return m;
}

static void expect_output(const char *tpl, wm_value *data, const char *want)
{
	struct result r = render(tpl, data);
	cr_expect_eq(r.rc, 0, "%s: failed: %s", tpl, r.err.message);
	cr_expect_str_eq(r.out, want, "%s", tpl);
	free(r.out);
	wm_value_free(data);
}

static void expect_error(const char *tpl, unsigned line, unsigned col,
                         const char *fragment)
{
	struct result r = render(tpl, NULL);
	cr_expect_eq(r.rc, -1, "%s: should fail", tpl);
	cr_expect_eq(r.err.line, line, "%s: line %u, want %u (%s)", tpl,
	             r.err.line, line, r.err.message);
	cr_expect_eq(r.err.col, col, "%s: col %u, want %u (%s)", tpl, r.err.col,
	             col, r.err.message);
	cr_expect(strstr(r.err.message, fragment) != NULL,
	          "%s: message \"%s\" lacks \"%s\"", tpl, r.err.message, fragment);
	cr_expect_str_eq(r.err.name, "main");
	free(r.out);

	wm_mustache_error err;
	cr_expect_eq(wm_mustache_check(tpl, strlen(tpl), "main", &err), -1);
	cr_expect_eq(err.line, line);
	cr_expect_eq(err.col, col);
}

Test(mustache_errors, unclosed_tag)
{
	expect_error("Hello\n  {{name", 2, 3, "unclosed tag");
	expect_error("{{{raw}}", 1, 1, "unclosed tag");
	expect_error("{{=<% %>=}}\n<%x", 2, 1, "unclosed tag");
}

Test(mustache_errors, unclosed_section)
{
	expect_error("a\n{{#s}}x{{#t}}{{/t}}", 2, 1, "unclosed section 's'");
	expect_error("{{^s}}", 1, 1, "unclosed section 's'");
	expect_error("{{<p}}{{$b}}{{/b}}", 1, 1, "unclosed section 'p'");
}

Test(mustache_errors, mismatched_close)
{
	expect_error("{{#a}}\n  {{/b}}", 2, 3, "does not match 'a' opened at 1:1");
	expect_error("x\n{{/a}}", 2, 1, "without an open section");
}

Test(mustache_errors, bad_tags)
{
	expect_error("{{=<%=}}", 1, 1, "bad set-delimiter tag");
	expect_error("{{= a b c =}}", 1, 1, "bad set-delimiter tag");
	expect_error("ok {{}}", 1, 4, "empty tag name");
	expect_error("{{a b}}", 1, 1, "blank inside tag name");
}

Test(mustache_errors, columns_count_characters)
{
	expect_error("é€ {{#x}}", 1, 4, "unclosed section");
}

Test(mustache_errors, error_in_partial_is_named)
{
	const char *partials[] = {"bad", "line\n {{#open}}", NULL};
	struct result r = render_with("{{>bad}}", NULL, partials, 0);

	cr_expect_eq(r.rc, -1);
	cr_expect_str_eq(r.err.name, "bad");
	cr_expect_eq(r.err.line, 2);
	cr_expect_eq(r.err.col, 2);
	free(r.out);
}

Test(mustache_errors, check_accepts_good_templates)
{
	const char *tpl = "{{#a}}{{b.c}}{{/a}}{{>p}}{{<q}}{{$r}}{{/r}}{{/q}}";
	wm_mustache_error err;

	cr_expect_eq(wm_mustache_check(tpl, strlen(tpl), NULL, &err), 0);
}

Test(mustache_values, template_syntax_in_values_is_literal)
{
	const char *partials[] = {"p", "[{{x}}]", "{{x}}", "EVIL", NULL};
	wm_value *data = map1("x", wm_value_cstr("{{x}}{{>p}}{{#x}}"));
	struct result r = render_with("{{x}}|{{{x}}}|{{&x}}|{{>p}}|{{>*x}}", data,
	                              partials, 0);

	cr_expect_eq(r.rc, 0);
	cr_expect_str_eq(r.out, "{{x}}{{&gt;p}}{{#x}}|{{x}}{{>p}}{{#x}}|"
	                        "{{x}}{{>p}}{{#x}}|[{{x}}{{&gt;p}}{{#x}}]|");
	free(r.out);
	wm_value_free(data);
}

Test(mustache_values, escaping)
{
	wm_value *data = map1("x", wm_value_cstr("<a & \"b\">"));
	wm_mustache_env raw = {.escape = NULL};
	wm_buf out = WM_BUF_INIT;

	expect_output("{{x}} {{{x}}} {{& x }}", map1("x", wm_value_cstr("<&\">")),
	              "&lt;&amp;&quot;&gt; <&\"> <&\">");
	cr_expect_eq(wm_mustache_render("{{x}}", 5, NULL, data, &raw, &out, NULL), 0);
	cr_expect_str_eq(wm_buf_cstr(&out), "<a & \"b\">");
	wm_buf_free(&out);
	wm_value_free(data);
}

Test(mustache_values, scalars_and_truthiness)
{
	wm_value *d = wm_value_map();
	wm_value_map_set(d, "t", wm_value_bool(1));
	wm_value_map_set(d, "f", wm_value_bool(0));
	wm_value_map_set(d, "zero", wm_value_number(0));
	wm_value_map_set(d, "empty", wm_value_cstr(""));
	wm_value_map_set(d, "null", wm_value_null());
	wm_value_map_set(d, "list", wm_value_list());
	wm_value_list_push(wm_value_map_get_mut(d, "list"), wm_value_number(1));
	wm_value_list_push(wm_value_map_get_mut(d, "list"), wm_value_cstr("a"));
	expect_output("{{t}} {{f}} {{zero}} [{{empty}}] [{{null}}] {{{list}}} "
	              "{{#zero}}0 is true{{/zero}} {{^empty}}'' is false{{/empty}}",
	              d, "true false 0 [] [] [1,\"a\"] 0 is true '' is false");
}

Test(mustache_values, no_data)
{
	expect_output("a{{x}}b{{#x}}c{{/x}}{{^x}}d{{/x}}{{.}}", NULL, "abd");
}

Test(mustache_values, present_null_hides_outer_key)
{
	wm_value *d = map1("a", wm_value_cstr("outer"));
	wm_value_map_set(d, "in", map1("a", wm_value_null()));
	expect_output("{{#in}}[{{a}}]{{/in}}", d, "[]");
}

Test(mustache_recursion, self_including_partial_fails)
{
	const char *partials[] = {"r", "x{{>r}}", NULL};
	struct result r = render_with("{{>r}}", NULL, partials, 0);

	cr_expect_eq(r.rc, -1);
	cr_expect_str_eq(r.err.name, "r");
	cr_expect(strstr(r.err.message, "deeper than 64") != NULL, "%s",
	          r.err.message);
	free(r.out);
}

Test(mustache_recursion, max_depth_is_honoured)
{
	const char *partials[] = {"r", "{{#a}}{{>r}}{{/a}}", NULL};
	wm_value *d = map1("a", wm_value_bool(1));
	struct result r = render_with("{{>r}}", d, partials, 5);

	cr_expect_eq(r.rc, -1);
	cr_expect(strstr(r.err.message, "deeper than 5") != NULL, "%s",
	          r.err.message);
	free(r.out);
	wm_value_free(d);
}

Test(mustache_recursion, self_including_parent_fails)
{
	const char *partials[] = {"p", "{{<p}}{{$b}}x{{/b}}{{/p}}", NULL};
	struct result r = render_with("{{<p}}{{/p}}", NULL, partials, 0);

	cr_expect_eq(r.rc, -1);
	free(r.out);
}

/* 100000 nested sections: a syntax error, found without deep recursion. */
Test(mustache_recursion, deeply_nested_sections)
{
	size_t n = 100000;
	wm_buf tpl = WM_BUF_INIT;
	wm_mustache_error err;

	for (size_t i = 0; i < n; i++)
		wm_buf_puts(&tpl, "{{#a}}");
	for (size_t i = 0; i < n; i++)
		wm_buf_puts(&tpl, "{{/a}}");
	cr_expect_eq(wm_mustache_check(tpl.ptr, tpl.len, NULL, &err), -1);
	cr_expect(strstr(err.message, "nested deeper") != NULL, "%s", err.message);
	wm_buf_free(&tpl);
}

/* Deep data is freed and serialised without recursion. */
Test(mustache_recursion, deeply_nested_data)
{
	wm_value *v = wm_value_list();
	wm_buf out = WM_BUF_INIT;

	for (int i = 0; i < 200000; i++) {
		wm_value *outer = wm_value_list();
		wm_value_list_push(outer, v);
		v = outer;
	}
	wm_value_to_json(&out, v);
	cr_expect_eq(out.len, 2 * 200001);
	cr_expect_eq(out.ptr[200000], '[');
	cr_expect_eq(out.ptr[200001], ']');
	wm_buf_free(&out);
	wm_value_free(v);
}

/* Big templates and big data render in linear time. */
Test(mustache_scale, big_template_and_data, .timeout = 30)
{
	size_t n = 200000;
	wm_value *d = wm_value_map();
	wm_value *list = wm_value_list();
	wm_buf tpl = WM_BUF_INIT;
	char key[32];

	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		wm_value_map_set(d, key, wm_value_number((double)i));
		wm_value_list_push(list, map1("v", wm_value_number((double)i)));
	}
	wm_value_map_set(d, "list", list);
	for (size_t i = 0; i < n; i += 1000)
		wm_buf_printf(&tpl, "{{k%zu}}\n  {{>p}}\n", i);
	wm_buf_puts(&tpl, "{{#list}}{{v}},{{/list}}");

	const char *partials[] = {"p", "{{#list}}{{/list}}", NULL};
	wm_mustache_env env = {.escape = escape_html,
	                       .partial = find_partial,
	                       .partial_ctx = partials};
	wm_buf out = WM_BUF_INIT;
	cr_expect_eq(wm_mustache_render(tpl.ptr, tpl.len, NULL, d, &env, &out, NULL), 0);
	cr_expect(strncmp(out.ptr, "0\n1000\n", 7) == 0);
	cr_expect(strstr(out.ptr, ",199999,") != NULL);
	wm_buf_free(&out);
	wm_buf_free(&tpl);
	wm_value_free(d);
}

Test(mustache_values, dynamic_parent_and_star_names)
{
	const char *partials[] = {"layout", "<{{$body}}default{{/body}}>", NULL};
	wm_value *d = map1("which", wm_value_cstr("layout"));
	wm_value_map_set(d, "*s", wm_value_bool(1));
	struct result r = render_with("{{<*which}}{{$body}}mine{{/body}}{{/*which}}"
	                              "{{< * which}}{{/* which}}{{#*s}}s{{/*s}}",
	                              d, partials, 0);

	cr_expect_eq(r.rc, 0, "%s", r.err.message);
	cr_expect_str_eq(r.out, "<mine><default>s");
	free(r.out);
	wm_value_free(d);
	expect_error("{{<*p}}{{/p}}", 1, 8, "does not match");
}

Test(mustache_indent, partial_lines_but_not_values)
{
	const char *partials[] = {"p", "a\n\n{{v}}\nb\n", NULL};
	wm_value *d = map1("v", wm_value_cstr("x\ny"));
	struct result r = render_with("<\n  {{>p}}\n>", d, partials, 0);

	cr_expect_eq(r.rc, 0);
	cr_expect_str_eq(r.out, "<\n  a\n\n  x\ny\n  b\n>");
	free(r.out);
	wm_value_free(d);
}

/* Indentation of a line that renders nothing is taken back. */
Test(mustache_indent, idle_indentation)
{
	const char *partials[] = {"empty", "{{#f}}x{{/f}}", "two", "a\n{{#f}}x{{/f}}\nb",
	                          "tail", "a\n{{#f}}{{/f}}", NULL};
	struct result r = render_with("0\n  {{>empty}}\n1\n  {{>two}}\n  {{>tail}}\n",
	                              NULL, partials, 0);

	cr_expect_str_eq(r.out, "0\n1\n  a\n\n  b  a\n");
	free(r.out);
}

/* A partial that is not standalone gets no indentation of its own. */
Test(mustache_indent, inline_partial_in_indented_partial)
{
	const char *partials[] = {"outer", "{{>inner}}!\nz", "inner", "i1\ni2", NULL};
	struct result r = render_with("  {{>outer}}\n", NULL, partials, 0);

	cr_expect_str_eq(r.out, "  i1\ni2!\n  z");
	free(r.out);
}

/* Standalone block content dropped into an inline block in an indented
 * partial: the partial's indentation still starts the line. */
Test(mustache_indent, standalone_argument_at_inline_site)
{
	const char *partials[] = {"page", "{{<layout}}\n{{$b}}\n    one\n    two\n"
	                          "{{/b}}\n{{/layout}}\n", "layout", "[{{$b}}{{/b}}]\n"
	                          "{{$b}}{{/b}}\n", NULL};
	struct result r = render_with("  {{>page}}\n", NULL, partials, 0);

	/* the second line of the layout is a standalone pair: it indents */
	cr_expect_str_eq(r.out, "  [one\ntwo\n]\n  one\n  two\n\n");
	free(r.out);
}

Test(mustache_indent, nested_partials_add_up)
{
	const char *partials[] = {"outer", "o\n  {{>inner}}\n", "inner", "i1\ni2\n",
	                          NULL};
	struct result r = render_with("  {{>outer}}\n", NULL, partials, 0);

	cr_expect_str_eq(r.out, "  o\n    i1\n    i2\n");
	free(r.out);
}

Test(mustache_indent, delimiters_do_not_leak_into_partials)
{
	const char *partials[] = {"p", "{{x}}<%x%>", NULL};
	wm_value *d = map1("x", wm_value_cstr("1"));
	struct result r = render_with("{{=<% %>=}}<%>p%><%x%>{{x}}", d, partials, 0);

	cr_expect_str_eq(r.out, "1<%x%>1{{x}}");
	free(r.out);
	wm_value_free(d);
}

static void expect_number(double n, const char *want)
{
	wm_buf out = WM_BUF_INIT;

	wm_value_format_number(&out, n);
	cr_expect_str_eq(wm_buf_cstr(&out), want, "%.17g", n);
	wm_buf_free(&out);
}

static void check_numbers(void)
{
	expect_number(1.21, "1.21");
	expect_number(85, "85");
	expect_number(-0.5, "-0.5");
	expect_number(1e21, "1e+21");
	expect_number(1e20, "100000000000000000000");
	expect_number(0.1, "0.1");
	expect_number(1.0 / 3, "0.3333333333333333");
	expect_number(0.000001, "0.000001");
	expect_number(1e-7, "1e-7");
	expect_number(-1.5e-10, "-1.5e-10");
	expect_number(123456789012, "123456789012");
	expect_number(5e-324, "5e-324");
	expect_number(1.7976931348623157e308, "1.7976931348623157e+308");
	expect_number(-0.0, "0");
	expect_number(NAN, "NaN");
	expect_number(-INFINITY, "-Infinity");
}

Test(mustache_numbers, formatting)
{
	check_numbers();
	expect_output("{{a}} {{b}} {{c}} {{d}}", NULL, "   ");
	wm_value *d = map1("a", wm_value_number(1.21));
	wm_value_map_set(d, "b", wm_value_number(85));
	wm_value_map_set(d, "c", wm_value_number(-0.5));
	wm_value_map_set(d, "d", wm_value_number(1e21));
	expect_output("{{a}} {{b}} {{c}} {{{d}}}", d, "1.21 85 -0.5 1e+21");
}

Test(mustache_numbers, decimal_comma_locale)
{
	const char *names[] = {"fr_FR.UTF-8", "fr_FR.utf8", "de_DE.UTF-8",
	                       "de_DE.utf8", NULL};
	const char *got = NULL;

	for (int i = 0; names[i] && !got; i++)
		got = setlocale(LC_NUMERIC, names[i]);
	if (!got)
		cr_skip_test("no fr_FR.UTF-8 or de_DE.UTF-8 locale installed");
	cr_expect_str_eq(localeconv()->decimal_point, ",");
	check_numbers();

	wm_buf out = WM_BUF_INIT;
	wm_value *v = wm_value_list();
	wm_value_list_push(v, wm_value_number(1.21));
	wm_value_to_json(&out, v);
	cr_expect_str_eq(wm_buf_cstr(&out), "[1.21]");
	wm_buf_free(&out);
	wm_value_free(v);
	setlocale(LC_NUMERIC, "C");
}

static void expect_json(wm_value *v, const char *want)
{
	wm_buf out = WM_BUF_INIT;

	wm_value_to_json(&out, v);
	cr_expect_str_eq(wm_buf_cstr(&out), want);
	wm_buf_free(&out);
	wm_value_free(v);
}

Test(mustache_json, string_escapes)
{
	const char s[] = "q\" b\\ n\n t\t r\r b\b f\f \x01\x1f\x7f é \xe2\x80\xa8"
	                 "\xe2\x80\xa9 \xe2\x80\xaa \0end";

	expect_json(wm_value_string(s, sizeof(s) - 1),
	            "\"q\\\" b\\\\ n\\n t\\t r\\r b\\b f\\f \\u0001\\u001f\x7f é "
	            "\\u2028\\u2029 \xe2\x80\xaa \\u0000end\"");
}

Test(mustache_json, structure)
{
	wm_value *m = wm_value_map();
	wm_value *l = wm_value_list();

	wm_value_map_set(m, "z", wm_value_number(1));
	wm_value_map_set(m, "a\"", wm_value_null());
	wm_value_list_push(l, wm_value_bool(1));
	wm_value_list_push(l, wm_value_number(NAN));
	wm_value_list_push(l, wm_value_number(-INFINITY));
	wm_value_list_push(l, wm_value_map());
	wm_value_list_push(l, wm_value_list());
	wm_value_map_set(m, "l", l);
	wm_value_map_set(m, "z", wm_value_number(2.5));
	expect_json(m, "{\"z\":2.5,\"a\\\"\":null,\"l\":[true,null,null,{},[]]}");
	expect_json(NULL, "null");
	expect_json(wm_value_cstr(NULL), "null");
}

Test(mustache_map, big_map_keeps_order_and_replaces)
{
	wm_value *m = wm_value_map();
	char key[32];

	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		wm_value_map_set(m, key, wm_value_number(i));
	}
	wm_value_map_set(m, "key500", wm_value_cstr("new"));
	cr_expect_eq(wm_value_map_len(m), 1000);
	cr_expect_str_eq(wm_value_map_key_at(m, 999), "key999");
	cr_expect_str_eq(wm_value_string_of(wm_value_map_get(m, "key500"), NULL), "new");
	cr_expect_eq(wm_value_number_of(wm_value_map_getn(m, "key7xx", 4)), 7);
	cr_expect_null(wm_value_map_get(m, "nokey"));
	wm_value_free(m);
}
