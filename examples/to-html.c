/* to-html: converts a wire article given as a string to an HTML page.
 *
 *     cc to-html.c $(pkg-config --cflags --libs wiremark) -o to-html
 *     ./to-html              # the article below
 *     ./to-html story.txt    # a file of your own
 *
 * Uses only the public header, wiremark.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wiremark.h>

static const char article[] =
	"HARBOUR REOPENS AFTER STORM\n"
	"\n"
	"SALVADOR, Feb 26 - The port of Salvador reopened on Thursday after "
	"three days of storms, the harbour authority said.\n"
	"\n"
	"Ships waiting offshore began to enter the bay at dawn.\n"
	"\n"
	"Reuter\n";

/* Reads a whole file into a malloc'd buffer; NULL when it cannot. */
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
	int status = 1;
	char *file = NULL, *html = NULL;
	const char *text = article, *source = "example";
	size_t len = strlen(article), htmllen;
	if (argc > 1) {
		if (!(file = slurp(argv[1], &len))) {
			perror(argv[1]);
			return 1;
		}
		text = file;
		source = argv[1];
	}
	wm_context *ctx = wm_context_new(); /* messages go to stderr */
	wm_context_set_date(ctx, "1987-03-01");
	if (wm_convert(ctx, text, len, source, WM_FORMAT_HTML, WM_WRITE_STANDALONE,
	               &html, &htmllen) != WM_OK)
		goto out;
	fwrite(html, 1, htmllen, stdout);
	status = 0;
out:
	free(html);
	free(file);
	wm_context_free(ctx);
	return status;
}
