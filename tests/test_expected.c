/* Expected output for every format over samples/.
 *
 * For each samples/NAME.txt and each output below, the program's output must
 * equal tests/expected/NAME.EXT; for each NITF and NewsML sample
 * (samples/NAME.nitf, samples/NAME.xml: the format wm_format_detect
 * gives), the JSON form must equal tests/expected/NAME.json.
 * WM_UPDATE_EXPECTED=1 rewrites the expected files instead (review every
 * change by eye before committing it).
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

typedef struct output {
	const char *ext;
	wm_format format;
	unsigned flags;
} output;

static const output outputs[] = {
	{"html", WM_FORMAT_HTML, 0},
	{"page.html", WM_FORMAT_HTML, WM_WRITE_STANDALONE},
	{"md", WM_FORMAT_MARKDOWN, 0},
	{"page.md", WM_FORMAT_MARKDOWN, WM_WRITE_STANDALONE},
	{"xml", WM_FORMAT_TEI, 0},
	{"json", WM_FORMAT_JSON, 0},
	{"nitf", WM_FORMAT_NITF, 0},
	{"newsml.xml", WM_FORMAT_NEWSML, 0},
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sample names (without ext), sorted; NULL-terminated. */
static char **sample_names_ext(const char *dir, const char *ext)
{
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "cannot open %s", dir);
	char **names = calloc(256, sizeof *names);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 255) {
		size_t len = strlen(e->d_name);
		size_t k = strlen(ext);
		if (len > k && strcmp(e->d_name + len - k, ext) == 0)
			names[n++] = strndup(e->d_name, len - k);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	return names;
}

static char **sample_names(const char *dir)
{
	return sample_names_ext(dir, ".txt");
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	fwrite(data, 1, len, f);
	fclose(f);
}

Test(expected, every_sample_every_format)
{
	const char *root = test_source_root();
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples", root);
	char **names = sample_names(dir);
	int update = getenv("WM_UPDATE_EXPECTED") != NULL;
	size_t checked = 0, samples = 0;
	for (char **name = names; *name; name++, samples++) {
		char path[4600], src[4600];
		snprintf(src, sizeof src, "%s/%s.txt", dir, *name);
		size_t len;
		char *bytes = test_slurp(src, &len);
		cr_assert_not_null(bytes, "cannot read %s", src);
		test_diags d;
		wm_context *ctx = test_context(&d);
		wm_context_set_date(ctx, "2026-11-28");
		char shown[512];
		snprintf(shown, sizeof shown, "samples/%s.txt", *name);
		wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, shown, 0);
		cr_assert_not_null(feed, "%s: not read (%s)", shown, d.last);
		const char *msg;
		cr_expect_eq(wm_feed_check(feed, &msg), WM_OK, "%s: %s", shown, msg);
		for (size_t k = 0; k < sizeof outputs / sizeof *outputs; k++) {
			char *out;
			size_t outlen;
			int rc = wm_write(ctx, feed, outputs[k].format, outputs[k].flags,
			                  &out, &outlen);
			cr_assert_eq(rc, WM_OK, "%s as %s: %s", shown, outputs[k].ext, d.last);
			snprintf(path, sizeof path, "%s/tests/expected/%s.%s", root, *name,
			         outputs[k].ext);
			if (update) {
				write_file(path, out, outlen);
			} else {
				size_t wantlen;
				char *want = test_slurp(path, &wantlen);
				cr_expect_not_null(want, "missing %s (run with WM_UPDATE_EXPECTED=1)",
				                   path);
				if (want)
					cr_expect(wantlen == outlen && memcmp(want, out, outlen) == 0,
					          "%s differs from the output:\n%s", path, out);
				free(want);
			}
			checked++;
			free(out);
		}
		wm_feed_free(feed);
		wm_context_free(ctx);
		free(bytes);
		free(*name);
	}
	free(names);
	cr_expect_geq(samples, 10, "samples/ should hold at least 10 articles");
	cr_log_info("%zu outputs of %zu samples %s", checked, samples,
	            update ? "rewritten" : "checked");
}

/* One NITF or NewsML sample: its JSON form against the expected one. */
static void check_iptc(const char *dir, const char *name, const char *ext,
                       int update)
{
	char src[4600], shown[512], path[4600];
	snprintf(src, sizeof src, "%s/%s%s", dir, name, ext);
	snprintf(shown, sizeof shown, "samples/%s%s", name, ext);
	size_t len;
	char *bytes = test_slurp(src, &len);
	cr_assert_not_null(bytes, "cannot read %s", src);
	int format = wm_format_detect(shown, bytes, len);
	cr_assert(format == WM_FORMAT_NITF || format == WM_FORMAT_NEWSML,
	          "%s: detected as %d", shown, format);
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_context_set_date(ctx, "2026-11-28");
	wm_feed *feed = wm_read(ctx, (wm_format)format, bytes, len, shown, 0);
	cr_assert_not_null(feed, "%s: not read (%s)", shown, d.last);
	const char *msg;
	cr_expect_eq(wm_feed_check(feed, &msg), WM_OK, "%s: %s", shown, msg);
	char *out;
	size_t outlen;
	cr_assert_eq(wm_write(ctx, feed, WM_FORMAT_JSON, 0, &out, &outlen), WM_OK);
	snprintf(path, sizeof path, "%s/../tests/expected/%s.json", dir, name);
	if (update) {
		write_file(path, out, outlen);
	} else {
		size_t wantlen;
		char *want = test_slurp(path, &wantlen);
		cr_expect_not_null(want, "missing %s", path);
		if (want)
			cr_expect(wantlen == outlen && memcmp(want, out, outlen) == 0,
			          "%s differs from the output:\n%s", path, out);
		free(want);
	}
	free(out);
	wm_feed_free(feed);
	wm_context_free(ctx);
	free(bytes);
}

Test(expected, iptc_samples_json)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples", test_source_root());
	int update = getenv("WM_UPDATE_EXPECTED") != NULL;
	static const char *const exts[] = {".nitf", ".xml"};
	size_t n = 0;
	for (size_t e = 0; e < 2; e++) {
		char **names = sample_names_ext(dir, exts[e]);
		for (char **name = names; *name; name++, n++) {
			check_iptc(dir, *name, exts[e], update);
			free(*name);
		}
		free(names);
	}
	cr_expect_geq(n, 7, "samples/ should hold the NITF and NewsML samples");
}
