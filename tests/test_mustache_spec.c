/* Runs the Mustache spec (v1.4.2, all modules but lambdas) against
 * src/template/mustache.c.  The spec's JSON files live in the shared folder
 * named by WM_SHARED_DIR, under mustache-spec/. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "template/mustache.h"
#include "template/value.h"

/* The four escapes the spec expects of {{x}}. */
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

/* Partials come from the test's "partials" object. */
static const char *find_partial(const char *name, size_t namelen, size_t *len,
                                void *ctx)
{
	json_t *partials = ctx;
	char *key = wm_xstrndup(name, namelen);
	json_t *p = partials ? json_object_get(partials, key) : NULL;

	free(key);
	if (!json_is_string(p))
		return NULL;
	*len = json_string_length(p);
	return json_string_value(p);
}

static wm_value *from_json(const json_t *j)
{
	const char *key;
	json_t *item;
	size_t i;
	wm_value *v;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v = wm_value_map();
		json_object_foreach((json_t *)j, key, item)
			wm_value_map_set(v, key, from_json(item));
		return v;
	case JSON_ARRAY:
		v = wm_value_list();
		json_array_foreach(j, i, item)
			wm_value_list_push(v, from_json(item));
		return v;
	case JSON_STRING:
		return wm_value_string(json_string_value(j), json_string_length(j));
	case JSON_INTEGER:
		return wm_value_number((double)json_integer_value(j));
	case JSON_REAL:
		return wm_value_number(json_real_value(j));
	case JSON_TRUE:
		return wm_value_bool(1);
	case JSON_FALSE:
		return wm_value_bool(0);
	default:
		return wm_value_null();
	}
}

/* Renders one spec test; 1 when the output is the expected one. */
static int run_one(const char *file, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	json_t *tpl = json_object_get(test, "template");
	const char *expected = json_string_value(json_object_get(test, "expected"));
	wm_value *data = from_json(json_object_get(test, "data"));
	wm_mustache_env env = {.escape = escape_html,
	                       .partial = find_partial,
	                       .partial_ctx = json_object_get(test, "partials")};
	wm_mustache_error err;
	wm_buf out = WM_BUF_INIT;

	int rc = wm_mustache_render(json_string_value(tpl), json_string_length(tpl),
	                            NULL, data, &env, &out, &err);
	int ok = rc == 0 && expected && strcmp(wm_buf_cstr(&out), expected) == 0;
	cr_expect(rc == 0, "%s: \"%s\": render failed at %u:%u: %s", file, name,
	          err.line, err.col, err.message);
	cr_expect(rc != 0 || ok, "%s: \"%s\": expected \"%s\", got \"%s\"", file,
	          name, expected, wm_buf_cstr(&out));
	wm_buf_free(&out);
	wm_value_free(data);
	return ok;
}

static void run_spec_file(const char *file)
{
	const char *shared = getenv("WM_SHARED_DIR");
	char dir[4096], path[4096 + 64];
	struct stat st;
	json_error_t jerr;
	json_t *test;
	size_t i, pass = 0;

	snprintf(dir, sizeof(dir), "%s/mustache-spec", shared ? shared : "");
	if (!shared || !*shared || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		cr_skip_test("../shared is absent (set WM_SHARED_DIR to the shared "
		             "folder holding mustache-spec/)");
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	json_t *root = json_load_file(path, 0, &jerr);
	cr_assert_not_null(root, "%s: %s (line %d)", path, jerr.text, jerr.line);
	json_t *tests = json_object_get(root, "tests");
	cr_assert(json_array_size(tests) > 0, "%s has no tests", path);
	json_array_foreach(tests, i, test)
		pass += (size_t)run_one(file, test);
	cr_log_info("%s: %zu of %zu spec tests pass", file, pass,
	            json_array_size(tests));
	json_decref(root);
}

Test(mustache_spec, comments) { run_spec_file("comments.json"); }
Test(mustache_spec, delimiters) { run_spec_file("delimiters.json"); }
Test(mustache_spec, interpolation) { run_spec_file("interpolation.json"); }
Test(mustache_spec, inverted) { run_spec_file("inverted.json"); }
Test(mustache_spec, partials) { run_spec_file("partials.json"); }
Test(mustache_spec, sections) { run_spec_file("sections.json"); }
Test(mustache_spec, inheritance) { run_spec_file("~inheritance.json"); }
Test(mustache_spec, dynamic_names) { run_spec_file("~dynamic-names.json"); }
