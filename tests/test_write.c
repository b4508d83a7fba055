/* The writers' side of issue 15: templates compiled once and rendered from
 * the tree; --jsonl's plain records read without jansson. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convert/record.h"
#include "helpers.h"
#include "template/mustache.h"
#include "write/view.h"

static const char story[] =
	"Bridge reopens after storm repairs\n"
	"\n"
	"By DANA WHITFIELD, Associated Press Writer\n"
	"\n"
	"PORTSMOUTH, N.H. (AP) - The Harbor Street bridge reopened on Thursday.\n"
	"\n"
	"Crews worked through the weekend, the state said.\n";

/* ---- the engine: compiled once, run many times ------------------------- */

static char *run(const wm_mustache *m, const wm_value *data)
{
	wm_buf out = WM_BUF_INIT;
	wm_ref root;
	wm_mustache_error err;
	wm_value_ref(data, &root);
	cr_assert_eq(wm_mustache_run(m, &root, NULL, &out, &err), 0, "%s",
	             err.message);
	return wm_buf_detach(&out, NULL);
}

Test(compiled, one_program_many_runs)
{
	static const char tpl[] = "{{#items}}<{{name}}>{{/items}}{{^items}}none{{/items}}";
	wm_mustache *m = wm_mustache_compile(tpl, strlen(tpl), "t", NULL, NULL);
	cr_assert_not_null(m);
	const char *want[] = {"<a><b>", "none", "<c>"};
	const char *names[][3] = {{"a", "b", NULL}, {NULL}, {"c", NULL}};
	for (int k = 0; k < 3; k++) {
		wm_value *d = wm_value_map(), *items = wm_value_list();
		for (int i = 0; names[k][i]; i++) {
			wm_value *it = wm_value_map();
			wm_value_map_set(it, "name", wm_value_cstr(names[k][i]));
			wm_value_list_push(items, it);
		}
		wm_value_map_set(d, "items", items);
		char *out = run(m, d);
		cr_expect_str_eq(out, want[k]);
		free(out);
		wm_value_free(d);
	}
	wm_mustache_free(m);
}

static const char *bad_partial(const char *name, size_t len, size_t *n,
                               void *ctx)
{
	(void)ctx;
	if (len == 3 && !memcmp(name, "bad", 3)) {
		*n = 9;
		return "x {{#a}} y";
	}
	return NULL;
}

/* A partial's syntax error counts only where the partial is rendered, as
 * before templates were compiled ahead. */
Test(compiled, partial_errors_when_rendered)
{
	static const char tpl[] = "{{#show}}{{>bad}}{{/show}}ok";
	wm_mustache_env env = {.partial = bad_partial, .strict_partials = 1};
	wm_mustache *m = wm_mustache_compile(tpl, strlen(tpl), "t", &env, NULL);
	cr_assert_not_null(m);
	wm_value *hide = wm_value_map();
	char *out = run(m, hide);
	cr_expect_str_eq(out, "ok");
	free(out);
	wm_value *show = wm_value_map();
	wm_value_map_set(show, "show", wm_value_bool(1));
	wm_buf buf = WM_BUF_INIT;
	wm_ref root;
	wm_mustache_error err;
	wm_value_ref(show, &root);
	cr_expect_eq(wm_mustache_run(m, &root, &env, &buf, &err), -1);
	cr_expect_str_eq(err.name, "bad");
	cr_expect(strstr(err.message, "unclosed section 'a'") != NULL, "%s",
	          err.message);
	wm_buf_free(&buf);
	wm_value_free(hide);
	wm_value_free(show);
	wm_mustache_free(m);
}

/* ---- templates of one's own: compiled once per context ----------------- */

static char *convert(wm_context *ctx, wm_format f)
{
	char *out = NULL;
	wm_convert(ctx, story, strlen(story), "story.txt", f, 0, &out, NULL);
	return out;
}

/* The partial is read when the template is first used, then kept: a
 * second conversion finds it gone from the folder and still renders it;
 * setting the template again reads the folder again. */
Test(compiled, own_template_kept_by_context)
{
	char dir[] = "/tmp/wm-test-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/sig.mustache", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("-- {{headline}}", f);
	fclose(f);
	static const char tpl[] = "{{#articles}}{{>sig}}{{/articles}}\n";
	test_diags d;
	wm_context *ctx = test_context(&d);
	cr_assert_eq(wm_context_set_template(ctx, WM_FORMAT_HTML, tpl, strlen(tpl),
	                                     "mine", dir), WM_OK);
	char *first = convert(ctx, WM_FORMAT_HTML);
	cr_assert_not_null(first);
	cr_expect_str_eq(first, "-- Bridge reopens after storm repairs\n");
	unlink(path);
	char *second = convert(ctx, WM_FORMAT_HTML);
	cr_assert_not_null(second, "the kept template failed: %s", d.last);
	cr_expect_str_eq(second, first);
	cr_assert_eq(wm_context_set_template(ctx, WM_FORMAT_HTML, tpl, strlen(tpl),
	                                     "mine", dir), WM_OK);
	char *third = convert(ctx, WM_FORMAT_HTML);
	cr_expect_null(third, "the template was not compiled again");
	cr_expect(strstr(d.last, "unknown partial") != NULL, "%s", d.last);
	free(first);
	free(second);
	free(third);
	rmdir(dir);
	wm_context_free(ctx);
}

/* ---- the view: an article's values, as data.h lists them --------------- */

static json_t *article_data(const char *tpl)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	cr_assert_eq(wm_context_set_template(ctx, WM_FORMAT_HTML, tpl, strlen(tpl),
	                                     NULL, NULL), WM_OK);
	char *out = convert(ctx, WM_FORMAT_HTML);
	cr_assert_not_null(out, "%s", d.last);
	json_error_t e;
	json_t *j = json_loads(out, 0, &e);
	cr_assert_not_null(j, "not JSON (%s): %s", e.text, out);
	free(out);
	wm_context_free(ctx);
	return j;
}

/* {{{.}}} of an article is its data as JSON: the keys of data.h in their
 * order, and values read from the tree. */
Test(view, article_keys_in_order)
{
	json_t *a = article_data("{{#articles}}{{{.}}}{{/articles}}");
	static const char *const want[] = {
		"headline", "deck", "byline", "dateline", "body", "trailer", "meta",
		"wire_meta", "byline_lines", "by_prefix", "author", "by_suffix",
		"idno", "index", "first", "dateline_alone", "description",
		"word_count", "jsonld", "version_created", "author_parts", "json",
		NULL};
	size_t k = 0;
	const char *key;
	json_t *v;
	json_object_foreach(a, key, v) {
		cr_assert_not_null(want[k], "extra key %s", key);
		cr_expect_str_eq(key, want[k]);
		k++;
	}
	cr_expect_null(want[k], "missing key %s", want[k]);
	cr_expect_str_eq(json_string_value(json_object_get(a, "author")),
	                 "DANA WHITFIELD");
	cr_expect_str_eq(json_string_value(json_object_get(a, "by_suffix")),
	                 ", Associated Press Writer");
	cr_expect_eq(json_integer_value(json_object_get(a, "index")), 1);
	/* the dateline's parts give its text back */
	json_t *dl = json_object_get(a, "dateline");
	json_t *parts = json_object_get(dl, "parts");
	char joined[256] = "";
	size_t i;
	json_array_foreach(parts, i, v)
		strcat(joined, json_string_value(json_object_get(v, "text")));
	cr_expect_str_eq(joined, json_string_value(json_object_get(dl, "text")));
	cr_expect(json_is_true(json_object_get(json_array_get(parts, 0), "is_place")));
	/* blocks: numbered from 1, the first marked */
	json_t *b1 = json_array_get(json_object_get(a, "body"), 1);
	cr_expect_eq(json_integer_value(json_object_get(b1, "n")), 2);
	cr_expect(json_is_false(json_object_get(b1, "first")));
	cr_expect(json_is_true(json_object_get(b1, "is_paragraph")));
	/* "json" is the JSON form alone: no derived value */
	json_t *form = json_loads(json_string_value(json_object_get(a, "json")), 0,
	                          NULL);
	cr_assert_not_null(form);
	cr_expect_eq(json_object_size(form), 7);
	cr_expect_null(json_object_get(json_object_get(form, "dateline"), "parts"));
	cr_expect_str_eq(json_string_value(json_object_get(
	                 json_object_get(form, "meta"), "source")), "story.txt");
	json_decref(form);
	json_decref(a);
}

/* A key an inner value lacks is looked up in the values around it, the top
 * level included (Mustache's context stack). */
Test(view, keys_found_up_the_stack)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_context_set_meta(ctx, "desk", "metro");
	static const char tpl[] =
		"{{#articles}}{{#body}}{{n}}:{{title}}:{{index}}:{{meta.desk}}:"
		"{{#dateline}}{{place}}{{/dateline}}|{{/body}}{{/articles}}";
	cr_assert_eq(wm_context_set_template(ctx, WM_FORMAT_HTML, tpl, strlen(tpl),
	                                     NULL, NULL), WM_OK);
	char *out = convert(ctx, WM_FORMAT_HTML);
	cr_assert_not_null(out, "%s", d.last);
	cr_expect_str_eq(out,
	                 "1:Bridge reopens after storm repairs:1:metro:PORTSMOUTH|"
	                 "2:Bridge reopens after storm repairs:1:metro:PORTSMOUTH|");
	free(out);
	wm_context_free(ctx);
}

/* ---- --jsonl records read without jansson ------------------------------ */

/* What wm_record_read accepts, jansson reads the same: the id (its kind,
 * its value) and the text. */
static void same_as_jansson(const char *line, int plain)
{
	wm_record r;
	memset(&r, 0, sizeof r);
	int got = wm_record_read(&r, line, strlen(line));
	cr_expect_eq(got, plain, "%s: read %d, want %d", line, got, plain);
	if (got) {
		json_t *j = json_loads(line, JSON_REJECT_DUPLICATES, NULL);
		cr_assert_not_null(j, "%s: jansson refuses what was read", line);
		json_t *id = json_object_get(j, "id");
		json_t *text = json_object_get(j, "text");
		cr_expect_eq(r.has_text, json_is_string(text), "%s", line);
		if (json_is_string(text)) {
			cr_expect_eq(r.text.len, json_string_length(text), "%s", line);
			cr_expect(!memcmp(wm_buf_cstr(&r.text), json_string_value(text),
			                  r.text.len), "%s", line);
		}
		if (!id) {
			cr_expect_eq(r.id_kind, WM_RECORD_ID_NONE, "%s", line);
		} else if (json_is_string(id)) {
			cr_expect_eq(r.id_kind, WM_RECORD_ID_STRING, "%s", line);
			cr_expect_str_eq(wm_buf_cstr(&r.id), json_string_value(id));
		} else if (json_is_integer(id)) {
			char n[32];
			snprintf(n, sizeof n, "%lld", (long long)json_integer_value(id));
			cr_expect_eq(r.id_kind, WM_RECORD_ID_INTEGER, "%s", line);
			cr_expect_str_eq(wm_buf_cstr(&r.id), n);
		} else {
			char *t = json_dumps(id, JSON_ENCODE_ANY);
			cr_expect_eq(r.id_kind, WM_RECORD_ID_LITERAL, "%s", line);
			cr_expect_str_eq(wm_buf_cstr(&r.id), t);
			free(t);
		}
		json_decref(j);
	}
	wm_buf_free(&r.id);
	wm_buf_free(&r.text);
}

Test(record, plain_records_as_jansson_reads_them)
{
	same_as_jansson("{\"id\": 7, \"text\": \"A\\n\\nB\"}", 1);
	same_as_jansson(" {\"text\":\"caf\xc3\xa9 \\u00e9\\ud83d\\ude00\\t\\\"\\/\",\"id\":\"x\"} ", 1);
	same_as_jansson("{\"id\": -0, \"text\": \"x\"}", 1);
	same_as_jansson("{\"id\": null, \"extra\": true, \"text\": \"x\"}", 1);
	same_as_jansson("{\"id\": 123456789012345678}", 1);
	same_as_jansson("{}", 1);
	same_as_jansson("{\"text\": 5}", 1);
}

Test(record, the_rest_left_to_jansson)
{
	same_as_jansson("{\"id\": 1.5, \"text\": \"x\"}", 0);        /* a real */
	same_as_jansson("{\"id\": [1], \"text\": \"x\"}", 0);        /* an array */
	same_as_jansson("{\"id\": 1234567890123456789, \"text\": \"x\"}", 0);
	same_as_jansson("{\"id\": 1, \"id\": 2}", 0);                /* duplicate */
	same_as_jansson("{\"t\\u0065xt\": \"x\"}", 0);               /* escaped key */
	same_as_jansson("{\"text\": \"a\\u0000b\"}", 0);             /* NUL */
	same_as_jansson("{\"text\": \"a\\ud800b\"}", 0);             /* surrogate */
	same_as_jansson("{\"text\": \"a\xff\"}", 0);                 /* bad UTF-8 */
	same_as_jansson("{\"text\": \"a\tb\"}", 0);                  /* a control */
	same_as_jansson("{\"text\": \"x\"} x", 0);                   /* trailing */
	same_as_jansson("{\"text\": \"x\",}", 0);
	same_as_jansson("[1]", 0);
	same_as_jansson("{\"id\": 01}", 0);
}

/* Strings written as jansson writes them (its compact dump). */
Test(record, strings_written_as_jansson_writes_them)
{
	static const char s[] = "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f \xe2\x80\xa8 \xc3\xa9";
	json_t *j = json_stringn(s, sizeof s - 1);
	char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
	wm_buf got = WM_BUF_INIT;
	wm_record_string(&got, s, sizeof s - 1);
	cr_expect_str_eq(wm_buf_cstr(&got), want);
	wm_buf_free(&got);
	free(want);
	json_decref(j);
}

/* "A and B" is two people (the JSON-LD's authors, NITF's persons); an
 * "and" at either end, or inside a word, is not a separator. */
Test(view, author_pair)
{
	static const struct {
		const char *names;
		int pair;
		size_t sep;
	} cases[] = {
		{"JANE DOE and JOHN ROE", 1, 8},
		{"A and B and C", 1, 1},
		{"Jane Anderson", 0, 0},
		{" and B", 0, 0},
		{" and A and B", 0, 0}, /* the first " and " decides */
		{"A and ", 0, 0},
		{"A and", 0, 0},
		{"", 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t sep = 0;
		int pair = wm_view_author_pair(cases[i].names, strlen(cases[i].names),
		                               &sep);
		cr_expect_eq(pair, cases[i].pair, "%s", cases[i].names);
		if (pair)
			cr_expect_eq(sep, cases[i].sep, "%s", cases[i].names);
	}
}
