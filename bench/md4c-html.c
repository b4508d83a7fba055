/* md4c's HTML renderer as a program, a peer for bench/run.py: CommonMark
 * on standard input (read whole) to HTML on standard output, as cmark
 * does.  Built when libmd4c-html is found (Debian: libmd4c-html0-dev and
 * libmd4c-dev, which has the headers). */
#include <md4c-html.h>
#include <stdio.h>
#include <stdlib.h>

static void out(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	fwrite(text, 1, size, userdata);
}

int main(void)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len, stdin)) > 0)
		if ((len += n) == cap)
			buf = realloc(buf, cap *= 2);
	if (!buf || ferror(stdin) || len > 0xffffffffu)
		return 2;
	int rc = md_html(buf, (MD_SIZE)len, out, stdout, MD_DIALECT_COMMONMARK, 0);
	free(buf);
	return rc == 0 && fflush(stdout) == 0 ? 0 : 1;
}
