/* Linear cost: the time for 4n items over the time for n items must stay
 * far below the 16 that quadratic work would give.  No absolute times:
 * ratios of two sizes measured in the same run (best of three each), in
 * the CPU time of the thread, which a busy machine (other processes
 * waiting for the cores) does not stretch as it stretches the clock's. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "template/mustache.h"

#define MAX_RATIO 10.0

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef double (*timed_fn)(size_t n);

static double best_of_three(timed_fn fn, size_t n)
{
	double best = 1e30;
	for (int k = 0; k < 3; k++) {
		double t = fn(n);
		if (t < best)
			best = t;
	}
	return best;
}

static void expect_linear(timed_fn fn, size_t n, const char *what)
{
	double small = best_of_three(fn, n);
	double large = best_of_three(fn, 4 * n);
	if (small < 1e-4)
		small = 1e-4;
	double ratio = large / small;
	cr_log_info("%s: %zu -> %.4fs, %zu -> %.4fs, ratio %.2f", what, n, small,
	            4 * n, large, ratio);
	cr_expect(ratio < MAX_RATIO, "%s: 4x the size took %.1fx the time", what, ratio);
}

static double render_sections(size_t n)
{
	wm_buf src = WM_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		wm_buf_puts(&src, "{{#a}}x{{/a}}{{^b}}y{{/b}}");
	wm_value *data = wm_value_map();
	wm_value_map_set(data, "a", wm_value_bool(1));
	wm_value_map_set(data, "b", wm_value_bool(0));
	wm_mustache_env env;
	memset(&env, 0, sizeof env);
	wm_buf out = WM_BUF_INIT;
	wm_mustache_error err;
	double t0 = now();
	int rc = wm_mustache_render(src.ptr, src.len, "big", data, &env, &out, &err);
	double t = now() - t0;
	cr_assert_eq(rc, 0, "render failed: %s", err.message);
	cr_assert_eq(out.len, 2 * n);
	wm_buf_free(&out);
	wm_buf_free(&src);
	wm_value_free(data);
	return t;
}

Test(scale, template_with_many_sections)
{
	expect_linear(render_sections, 25000, "template sections");
}

static double convert_paragraphs(size_t n)
{
	wm_buf in = WM_BUF_INIT;
	wm_buf_puts(&in, "A HEADLINE\n\nLONDON, March 3 - First paragraph.\n\n");
	for (size_t i = 0; i < n; i++)
		wm_buf_puts(&in, "Another paragraph of wire copy, with words.\n\n");
	test_diags d;
	wm_context *ctx = test_context(&d);
	double t0 = now();
	for (wm_format f = WM_FORMAT_MARKDOWN; f <= WM_FORMAT_JSON; f++) {
		char *out;
		size_t len;
		cr_assert_eq(wm_convert(ctx, in.ptr, in.len, "big.txt", f,
		                        WM_WRITE_STANDALONE, &out, &len), WM_OK);
		free(out);
	}
	double t = now() - t0;
	wm_context_free(ctx);
	wm_buf_free(&in);
	return t;
}

Test(scale, article_with_many_paragraphs, .timeout = 600)
{
	expect_linear(convert_paragraphs, 25000, "article paragraphs, all formats");
}

Test(scale, self_including_partial_is_an_error)
{
	wm_context *ctx;
	test_diags d;
	ctx = test_context(&d);
	const char *tpl = "{{>loop}}";
	/* a partial that includes itself, found beside the template */
	char dir[] = "/tmp/wm-scale-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/loop.mustache", dir);
	FILE *f = fopen(path, "w");
	fputs("x{{>loop}}", f);
	fclose(f);
	cr_assert_eq(wm_context_set_template(ctx, WM_FORMAT_HTML, tpl, strlen(tpl),
	                                     "t.mustache", dir), WM_OK);
	char *out;
	wm_feed *feed = test_read(ctx, "H\n\nText.\n");
	cr_expect_eq(wm_write(ctx, feed, WM_FORMAT_HTML, 0, &out, NULL), WM_ERR_TEMPLATE);
	cr_expect_null(out);
	cr_expect(strstr(d.last, "deeper") != NULL, "message: %s", d.last);
	wm_feed_free(feed);
	wm_context_free(ctx);
	remove(path);
	rmdir(dir);
}
