/* The inputs the fuzz targets once failed on, checked again.
 *
 * Every file of tests/fuzz-regressions/TARGET/ (TARGET: wire, markdown,
 * tei, html, json, nitf, newsml, template, stream, jsonl; a README or a dot-file is skipped) goes
 * through the check of fuzz target TARGET (fuzz/checks.c, shared with the
 * libFuzzer targets), here in a normal build.  A check that fails prints
 * why and aborts, after the input's name is printed.
 *
 *   test-fuzz-regressions [DIR]   (DIR: default
 *                                  $WM_SOURCE_ROOT/tests/fuzz-regressions)
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/checks.h"

static const char *const targets[] = {"wire",   "markdown", "tei",      "html",
                                      "json",   "nitf",     "newsml",   "template",
                                      "stream", "jsonl"};

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	unsigned char *b = malloc(cap);
	size_t got;
	while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			unsigned char *nb = realloc(b, cap *= 2);
			if (!nb)
				free(b);
			b = nb;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (!b || bad) {
		free(b);
		return NULL;
	}
	*len = n;
	return b;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks every file of dir/target; returns the number checked, -1 when a
 * file cannot be read. */
static long run_target(const char *dir, const char *target)
{
	size_t plen = strlen(dir) + strlen(target) + 2;
	char *tdir = malloc(plen);
	if (!tdir)
		return -1;
	snprintf(tdir, plen, "%s/%s", dir, target);
	DIR *d = opendir(tdir);
	if (!d) {
		free(tdir);
		return 0; /* no inputs for this target */
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **nn = realloc(names, cap * sizeof *names);
			if (!nn)
				abort();
			names = nn;
		}
		names[n] = malloc(strlen(e->d_name) + 1);
		if (!names[n])
			abort();
		strcpy(names[n++], e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	long checked = 0;
	for (size_t i = 0; i < n; i++) {
		size_t flen = strlen(tdir) + strlen(names[i]) + 2;
		char *path = malloc(flen);
		if (!path)
			abort();
		snprintf(path, flen, "%s/%s", tdir, names[i]);
		size_t len = 0;
		unsigned char *data = slurp(path, &len);
		if (!data) {
			fprintf(stderr, "%s: cannot read\n", path);
			checked = -1;
		} else {
			fprintf(stderr, "%s: %s (%zu bytes)\n", target, path, len);
			if (fuzz_check_named(target, data, len) != 0)
				abort();
			checked++;
		}
		free(data);
		free(path);
		if (checked < 0)
			break;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tdir);
	return checked;
}

int main(int argc, char **argv)
{
	char buf[4096];
	const char *dir = argc > 1 ? argv[1] : NULL;
	if (!dir) {
		const char *root = getenv("WM_SOURCE_ROOT");
		snprintf(buf, sizeof buf, "%s/tests/fuzz-regressions",
		         root ? root : ".");
		dir = buf;
	}
	long total = 0;
	for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
		long k = run_target(dir, targets[t]);
		if (k < 0)
			return 1;
		total += k;
	}
	printf("%ld fuzz regression inputs pass (%s)\n", total, dir);
	return 0;
}
