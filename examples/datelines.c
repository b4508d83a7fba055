/* datelines: reads wire files and prints each article's dateline, one a
 * line: FILE:LINE: place | region | date | ISO date | agency.
 *
 *     cc datelines.c $(pkg-config --cflags --libs wiremark) -o datelines
 *     ./datelines --date 1987-03-01 story.txt feed.txt
 *
 * Walks the document tree through the public header, wiremark.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wiremark.h>

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

static void print_datelines(const wm_feed *feed)
{
	for (size_t i = 0; i < wm_feed_count(feed); i++) {
		const wm_article *a = wm_feed_article(feed, i);
		const wm_dateline *d = wm_article_dateline(a);
		printf("%s:%u: ", wm_article_source(a), wm_article_line(a));
		if (!d) {
			printf("(no dateline) %s\n", wm_article_headline(a));
			continue;
		}
		printf("%s | %s | %s | %s | %s\n", or_dash(wm_dateline_place(d)),
		       or_dash(wm_dateline_region(d)), or_dash(wm_dateline_date(d)),
		       or_dash(wm_dateline_iso_date(d)),
		       or_dash(wm_dateline_agency(d)));
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	do {
		if (n == cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 4096);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int status = 0, i = 1;
	wm_context *ctx = wm_context_new();
	if (argc > 2 && strcmp(argv[1], "--date") == 0) {
		if (wm_context_set_date(ctx, argv[2]) != WM_OK) {
			fprintf(stderr, "datelines: bad date %s\n", argv[2]);
			wm_context_free(ctx);
			return 2;
		}
		i = 3;
	}
	for (; i < argc; i++) {
		size_t len;
		char *bytes = slurp(argv[i], &len);
		wm_feed *feed = bytes ? wm_read(ctx, WM_FORMAT_WIRE, bytes, len,
		                                argv[i], 0)
		                      : NULL;
		if (!bytes)
			perror(argv[i]);
		if (feed)
			print_datelines(feed);
		else
			status = 1;
		wm_feed_free(feed);
		free(bytes);
	}
	wm_context_free(ctx);
	return status;
}
