#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void collect(const wm_diag *diag, void *userdata)
{
	test_diags *d = userdata;
	d->count++;
	if (diag->severity == WM_SEVERITY_ERROR)
		d->errors++;
	snprintf(d->last, sizeof d->last, "%s", diag->message);
	d->last_line = diag->line;
	d->last_col = diag->col;
	d->last_code = diag->code;
}

wm_context *test_context(test_diags *d)
{
	memset(d, 0, sizeof *d);
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, collect, d);
	return ctx;
}

wm_feed *test_read_n(wm_context *ctx, const char *bytes, size_t len)
{
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, "test.txt", 0);
	if (feed) {
		const char *msg = NULL;
		int rc = wm_feed_check(feed, &msg);
		cr_assert_eq(rc, WM_OK, "tree rule broken: %s", msg ? msg : "?");
	}
	return feed;
}

wm_feed *test_read(wm_context *ctx, const char *text)
{
	return test_read_n(ctx, text, strlen(text));
}

const char *test_source_root(void)
{
	const char *r = getenv("WM_SOURCE_ROOT");
	return r ? r : ".";
}

const char *test_shared_dir(void)
{
	static char path[4096];
	const char *env = getenv("WM_SHARED_DIR");
	if (env)
		snprintf(path, sizeof path, "%s", env);
	else
		snprintf(path, sizeof path, "%s/../shared", test_source_root());
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return path;
}

unsigned test_each_sample(void (*fn)(const char *path, void *arg), void *arg)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples", test_source_root());
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "cannot open %s", dir);
	struct dirent *e;
	unsigned n = 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		fn(path, arg);
		n++;
	}
	closedir(d);
	return n;
}

char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* A program whose every test skipped (no ../shared, say) exits 77, so that
 * meson reports it skipped rather than passed: it checked nothing. */
ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	if (stats->nb_tests > 0 && stats->tests_skipped == stats->nb_tests) {
		printf("SKIP: all %zu tests skipped (see their messages)\n",
		       stats->nb_tests);
		fflush(stdout);
		_exit(77);
	}
}
