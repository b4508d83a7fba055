/* stream: converts wire text on standard input (or the files named) to
 * JSON, an article a line, as it comes: memory holds one article, not the
 * feed, and each article is written as soon as the next one starts.
 *
 *     cc stream.c $(pkg-config --cflags --libs wiremark) -o stream
 *     ./stream < feed.txt
 *     tail -f live-feed.txt | ./stream
 *     ./stream a.txt b.txt
 *
 * The pull function is written the natural way over fread: it names its
 * source on every call, at the end too.  A source that ends (0 bytes) with
 * the same name as the call before, also 0, is the end of the input
 * (wiremark(3), wm_pull_fn), so the conversion ends without a NULL name.
 *
 * Uses only the public header, wiremark.h. */
#include <stdio.h>
#include <string.h>

#include <wiremark.h>

typedef struct files {
	char **names; /* the files, or NULL: standard input */
	int n, i;
	FILE *f;      /* the file being read, or NULL */
	int failed;
} files;

static long pull(char *buf, size_t cap, const char **source, void *p)
{
	files *in = p;
	if (!in->names) {
		/* standard input: its name on every call */
		*source = "-";
		size_t got = fread(buf, 1, cap, stdin);
		return got == 0 && ferror(stdin) ? -1 : (long)got;
	}
	while (!in->f && in->i < in->n) {
		in->f = fopen(in->names[in->i], "rb");
		if (!in->f) {
			perror(in->names[in->i]);
			in->failed = 1;
			in->i++;
		}
	}
	if (!in->f)
		return 0; /* *source left NULL: the end of all input */
	*source = in->names[in->i];
	size_t got = fread(buf, 1, cap, in->f);
	if (got == 0) {
		/* this file has ended: 0 with its name, then the next one */
		int bad = ferror(in->f);
		fclose(in->f);
		in->f = NULL;
		in->i++;
		if (bad)
			return -1;
	}
	return (long)got;
}

static int sink(const char *bytes, size_t len, void *p)
{
	(void)p;
	if (fwrite(bytes, 1, len, stdout) != len)
		return -1;
	return fflush(stdout) == 0 ? 0 : -1; /* each article out at once */
}

int main(int argc, char **argv)
{
	files in = {argc > 1 ? argv + 1 : NULL, argc - 1, 0, NULL, 0};
	wm_context *ctx = wm_context_new(); /* messages go to stderr */
	int rc = wm_convert_stream(ctx, WM_FORMAT_WIRE, WM_READ_DEFAULT, pull, &in,
	                           WM_FORMAT_JSON, 0, sink, NULL);
	wm_context_free(ctx);
	return rc == WM_OK && !in.failed ? 0 : 1;
}
