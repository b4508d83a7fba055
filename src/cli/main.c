/* wiremark: the command line.  Uses only the public header. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wiremark.h"

enum { EXIT_DONE = 0, EXIT_PARTIAL = 1, EXIT_USAGE = 2 };

typedef struct options {
	int stop; /* --help, --version, --list-formats: done */
	int from;
	int to;
	const char *output;
	unsigned write_flags;
	const char *template_path;
	const char *print_template;
	int quiet;
	int explain;
	int validate;
	unsigned errors; /* errors reported so far (through on_diag) */
	const char **files;
	size_t nfiles;
} options;

static const char usage_text[] =
	"usage: wiremark [-f FORMAT] [-t FORMAT] [-o FILE]\n"
	"                [-s] [--template FILE] [-M KEY=VALUE] [--date YYYY-MM-DD]\n"
	"                [--columns N] [--validate] [-q] [FILE ...]\n"
	"       wiremark --print-template FORMAT [-s]\n"
	"       wiremark --explain [--date YYYY-MM-DD] [FILE ...]\n"
	"       wiremark --list-formats | --help | --version\n";

static const char help_text[] =
	"Converts wire-style news articles (plain text as agencies send it) into\n"
	"HTML, Markdown, TEI-XML or JSON.\n"
	"\n"
	"  -f, --from FORMAT       input format: wire (default), json, ...\n"
	"  -t, --to FORMAT         output format: html, markdown, tei, json\n"
	"                          (default: from -o's extension, else html)\n"
	"      --list-formats      list the formats read and written, and exit\n"
	"  -o, --output FILE       write to FILE (whole or not at all), not stdout\n"
	"  -s, --standalone        a whole document: HTML page, Markdown with\n"
	"                          YAML front matter (TEI and JSON always are)\n"
	"      --template FILE     use FILE instead of the built-in template;\n"
	"                          partials are looked up beside it first\n"
	"      --print-template FORMAT  print a built-in template (-s: the\n"
	"                          standalone one) and exit\n"
	"  -M, --metadata KEY=VALUE  set meta.KEY for templates (lang, publisher,\n"
	"                          license, ...)\n"
	"      --date YYYY-MM-DD   reference date that gives dates their year\n"
	"      --columns N         Markdown: wrap paragraphs at N characters\n"
	"                          (default 0: no wrapping)\n"
	"      --explain           show how each line of the wire text was read\n"
	"                          (headline, dateline, paragraph, ...) and the\n"
	"                          rule that decided it; converts nothing\n"
	"      --validate          check the output by reading it back: TEI\n"
	"                          against wiremark's RELAX NG schema, HTML with\n"
	"                          libxml2, Markdown with cmark, JSON with its\n"
	"                          reader; problems as FILE:LINE: error, exit 1\n"
	"  -q, --quiet             no warnings (errors are still shown)\n"
	"  -h, --help              this help\n"
	"      --version           the version\n"
	"\n"
	"With no FILE, or FILE '-', reads standard input. Several FILEs make one\n"
	"document (a feed). Exit status: 0 done, 1 some input could not be\n"
	"converted (the rest was), 2 usage error.\n";

/* ---- messages ------------------------------------------------------------ */

static void on_diag(const wm_diag *d, void *userdata)
{
	options *o = userdata;
	if (d->severity == WM_SEVERITY_ERROR)
		o->errors++;
	if (o->quiet && d->severity == WM_SEVERITY_WARNING)
		return;
	const char *kind = d->severity == WM_SEVERITY_ERROR ? "error" : "warning";
	const char *file = d->file ? d->file : "wiremark";
	if (d->line && d->col)
		fprintf(stderr, "%s:%u:%u: %s: %s\n", file, d->line, d->col, kind,
		        d->message);
	else if (d->line) /* no column known (--validate, the TEI reader) */
		fprintf(stderr, "%s:%u: %s: %s\n", file, d->line, kind, d->message);
	else
		fprintf(stderr, "%s: %s: %s\n", file, kind, d->message);
}

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("wiremark: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* ---- files --------------------------------------------------------------- */

/* Reads a whole file (path "-": stdin); returns malloc'd bytes or NULL with
 * errno set. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (f != stdin)
			fclose(f);
		errno = EISDIR;
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			errno = ENOMEM;
			break;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			char *nb = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				errno = ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	int err = buf && ferror(f) ? EIO : 0;
	if (f != stdin)
		fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	*len = n;
	return buf;
}

/* Writes data to path whole or not at all: a temporary file beside it, then
 * rename.  Returns 0 or -1 with a message printed. */
static int write_atomically(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return -1;
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp-XXXXXX", 12);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "wiremark: %s: cannot write: %s\n", path, strerror(errno));
		free(tmp);
		return -1;
	}
	size_t off = 0;
	int rc = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		off += (size_t)w;
	}
	int saved = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc == 0) {
		mode_t mask = umask(0);
		umask(mask);
		chmod(tmp, 0666 & ~mask);
		if (rename(tmp, path) != 0) {
			rc = -1;
			saved = errno;
		}
	}
	if (rc != 0) {
		fprintf(stderr, "wiremark: %s: cannot write: %s\n", path, strerror(saved));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

static int write_stdout(const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "wiremark: standard output: cannot write: %s\n",
		        strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- suggestions --------------------------------------------------------- */

#define WORD_MAX 64

/* Edit distance between a and b (insertions, deletions, substitutions and
 * swaps of two neighbours), for words up to WORD_MAX bytes; longer words
 * are far from everything. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > WORD_MAX || lb > WORD_MAX)
		return (size_t)-1;
	size_t d[WORD_MAX + 1][WORD_MAX + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* The candidate nearest to word, when near enough to be a likely typo (at
 * most a third of its letters changed); NULL otherwise. */
static const char *nearest(const char *word, const char *const *cands,
                           size_t n)
{
	size_t limit = strlen(word) / 3 ? strlen(word) / 3 : 1;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(word, cands[i]);
		if (dist < best_d) {
			best = cands[i];
			best_d = dist;
		}
	}
	return best;
}

/* The options that --help lists ("-f", "--from", ...): the words that start
 * with '-' at the start of its option lines (indented by 2 to 6 spaces). */
static size_t help_options(char names[][WORD_MAX + 1], size_t max)
{
	size_t n = 0;
	for (const char *line = help_text; *line && n < max;) {
		size_t indent = strspn(line, " ");
		const char *p = line + indent;
		while (indent >= 2 && indent <= 6 && *p == '-' && n < max) {
			size_t len = strcspn(p, " ,=\n");
			snprintf(names[n++], WORD_MAX + 1, "%.*s",
			         (int)(len < WORD_MAX ? len : WORD_MAX), p);
			p += len;
			if (strncmp(p, ", ", 2) != 0)
				break;
			p += 2;
		}
		const char *nl = strchr(line, '\n');
		line = nl ? nl + 1 : line + strlen(line);
	}
	return n;
}

static int unknown_option(const char *arg)
{
	char names[64][WORD_MAX + 1];
	const char *cands[64];
	size_t n = help_options(names, 64);
	for (size_t i = 0; i < n; i++)
		cands[i] = names[i];
	char word[WORD_MAX + 1];
	snprintf(word, sizeof word, "%.*s", (int)strcspn(arg, "="), arg);
	/* one-letter options are all one letter apart: no guess among them */
	const char *near = strlen(word) > 2 ? nearest(word, cands, n) : NULL;
	if (near && strlen(near) > 2)
		return usage_error("unknown option \"%s\"; did you mean \"%s\"?",
		                   arg, near);
	return usage_error("unknown option \"%s\"", arg);
}

/* ---- arguments ----------------------------------------------------------- */

static int can_do(int f, int want_writer)
{
	return want_writer ? wm_format_can_write((wm_format)f)
	                   : wm_format_can_read((wm_format)f);
}

/* The formats this version reads (or writes), separated by sep. */
static void format_list(char *out, size_t size, int want_writer,
                        const char *sep)
{
	size_t n = 0;
	out[0] = '\0';
	for (int f = 0; f < WM_FORMAT_MAX; f++)
		if (can_do(f, want_writer) && n < size)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? sep : "",
			                      wm_format_name((wm_format)f));
}

static int format_arg(const char *name, int want_writer, int *out)
{
	int f = wm_format_from_name(name);
	if (f >= 0 && can_do(f, want_writer)) {
		*out = f;
		return EXIT_DONE;
	}
	char list[256];
	format_list(list, sizeof list, want_writer, ", ");
	const char *names[WM_FORMAT_MAX];
	size_t n = 0;
	for (int g = 0; g < WM_FORMAT_MAX; g++)
		if (can_do(g, want_writer))
			names[n++] = wm_format_name((wm_format)g);
	const char *near = f < 0 ? nearest(name, names, n) : NULL;
	if (near)
		return usage_error("unknown format \"%s\"; did you mean \"%s\"?",
		                   name, near);
	return usage_error("%s format \"%s\" (%s: %s)",
	                   f < 0 ? "unknown" : want_writer ? "cannot write"
	                                                   : "cannot read",
	                   name, want_writer ? "writers" : "readers", list);
}

/* --list-formats: what this version reads and writes. */
static int list_formats(void)
{
	char readers[256], writers[256];
	format_list(readers, sizeof readers, 0, " ");
	format_list(writers, sizeof writers, 1, " ");
	printf("readers: %s\nwriters: %s\n", readers, writers);
	return EXIT_DONE;
}

static int format_from_extension(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return WM_FORMAT_HTML;
	dot++;
	if (!strcmp(dot, "md") || !strcmp(dot, "markdown"))
		return WM_FORMAT_MARKDOWN;
	if (!strcmp(dot, "xml") || !strcmp(dot, "tei"))
		return WM_FORMAT_TEI;
	if (!strcmp(dot, "json") || !strcmp(dot, "jsonl"))
		return WM_FORMAT_JSON;
	return WM_FORMAT_HTML;
}

/* Takes "--name=value" or "--name value" / "-x value" / "-xvalue". */
static const char *option_value(int argc, char **argv, int *i, const char *arg,
                                const char *name)
{
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=' && name[1] == '-')
		return arg + n + 1;
	if (arg[n] == '\0') {
		if (*i + 1 >= argc)
			return NULL;
		return argv[++*i];
	}
	if (name[1] != '-')
		return arg + n; /* -tjson */
	return NULL;
}

#define COLUMNS_MAX 100000

/* --columns N: 0 (no wrapping) to COLUMNS_MAX. */
static int columns_arg(wm_context *ctx, const char *v)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < 0 || n > COLUMNS_MAX || v[0] == '+' ||
	    v[0] == ' ')
		return -1;
	return wm_context_set_columns(ctx, (unsigned)n);
}

static int parse_args(int argc, char **argv, options *o, wm_context *ctx)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				o->files[o->nfiles++] = argv[i];
			break;
		}
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = a;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			fputs("\n", stdout);
			fputs(help_text, stdout);
			o->stop = 1;
			return EXIT_DONE;
		}
		if (!strcmp(a, "--version")) {
			printf("wiremark %s\n", wm_version());
			o->stop = 1;
			return EXIT_DONE;
		}
		if (!strcmp(a, "--list-formats")) {
			o->stop = 1;
			return list_formats();
		}
		if (!strcmp(a, "-s") || !strcmp(a, "--standalone")) {
			o->write_flags |= WM_WRITE_STANDALONE;
		} else if (!strcmp(a, "--explain")) {
			o->explain = 1;
		} else if (!strcmp(a, "--validate")) {
			o->validate = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if ((v = option_value(argc, argv, &i, a, "-f")) ||
		           (v = option_value(argc, argv, &i, a, "--from"))) {
			if (format_arg(v, 0, &o->from) != EXIT_DONE)
				return EXIT_USAGE;
		} else if ((v = option_value(argc, argv, &i, a, "-t")) ||
		           (v = option_value(argc, argv, &i, a, "--to"))) {
			if (format_arg(v, 1, &o->to) != EXIT_DONE)
				return EXIT_USAGE;
		} else if ((v = option_value(argc, argv, &i, a, "-o")) ||
		           (v = option_value(argc, argv, &i, a, "--output"))) {
			o->output = v;
		} else if ((v = option_value(argc, argv, &i, a, "--template"))) {
			o->template_path = v;
		} else if ((v = option_value(argc, argv, &i, a, "--print-template"))) {
			o->print_template = v;
		} else if ((v = option_value(argc, argv, &i, a, "-M")) ||
		           (v = option_value(argc, argv, &i, a, "--metadata"))) {
			const char *eq = strchr(v, '=');
			if (!eq)
				return usage_error("-M needs KEY=VALUE, got \"%s\"", v);
			char *key = strndup(v, (size_t)(eq - v));
			int rc = key ? wm_context_set_meta(ctx, key, eq + 1) : WM_ERR_USAGE;
			free(key);
			if (rc != WM_OK)
				return usage_error("bad -M key in \"%s\" (letters, digits, "
				                   "'_', '-', '.')", v);
		} else if ((v = option_value(argc, argv, &i, a, "--columns"))) {
			if (columns_arg(ctx, v) != 0)
				return usage_error("--columns needs a number from 0 to %d, "
				                   "got \"%s\"", COLUMNS_MAX, v);
		} else if ((v = option_value(argc, argv, &i, a, "--date"))) {
			if (wm_context_set_date(ctx, v) != WM_OK)
				return usage_error("--date needs a real date as YYYY-MM-DD, "
				                   "got \"%s\"", v);
		} else {
			return unknown_option(a);
		}
	}
	return EXIT_DONE;
}

static int load_template(wm_context *ctx, const options *o)
{
	size_t len;
	char *src = read_all(o->template_path, &len);
	if (!src) {
		fprintf(stderr, "wiremark: %s: cannot read template: %s\n",
		        o->template_path, strerror(errno));
		return EXIT_USAGE;
	}
	char *dir = strdup(o->template_path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	int rc = wm_context_set_template(ctx, (wm_format)o->to, src, len,
	                                 o->template_path,
	                                 slash ? dir : ".");
	free(dir);
	free(src);
	return rc == WM_OK ? EXIT_DONE : EXIT_USAGE;
}

/* ---- main ---------------------------------------------------------------- */

/* Reads one input FILE ("-": stdin); says why on stderr when it cannot. */
static char *read_input(const char *path, size_t *len)
{
	char *bytes = read_all(path, len);
	if (!bytes)
		fprintf(stderr, "%s: error: cannot read: %s\n", path, strerror(errno));
	return bytes;
}

/* --explain: how the wire reader reads each FILE, to standard output. */
static int explain(wm_context *ctx, const options *o)
{
	int status = EXIT_DONE;
	static const char *const stdin_only[] = {"-"};
	const char *const *files = o->nfiles ? o->files : stdin_only;
	size_t nfiles = o->nfiles ? o->nfiles : 1;
	for (size_t i = 0; i < nfiles; i++) {
		size_t len = 0;
		char *bytes = read_input(files[i], &len);
		if (!bytes) {
			status = EXIT_PARTIAL;
			continue;
		}
		char *out = NULL;
		size_t outlen = 0;
		int rc = wm_explain(ctx, bytes, len, files[i], 0, &out, &outlen);
		free(bytes);
		if (rc != WM_OK || write_stdout(out, outlen) != 0)
			status = EXIT_PARTIAL;
		free(out);
	}
	return status;
}

static int convert(wm_context *ctx, const options *o)
{
	int status = EXIT_DONE;
	wm_feed *all = NULL;
	static const char *const stdin_only[] = {"-"};
	const char *const *files = o->nfiles ? o->files : stdin_only;
	size_t nfiles = o->nfiles ? o->nfiles : 1;
	for (size_t i = 0; i < nfiles; i++) {
		size_t len = 0;
		char *bytes = read_input(files[i], &len);
		if (!bytes) {
			status = EXIT_PARTIAL;
			continue;
		}
		unsigned errors = o->errors;
		wm_feed *feed = wm_read(ctx, (wm_format)o->from, bytes, len,
		                        files[i], 0);
		free(bytes);
		if (o->errors != errors) /* a JSON line left out, ... */
			status = EXIT_PARTIAL;
		if (!feed) {
			status = EXIT_PARTIAL;
			continue;
		}
		if (!all)
			all = feed;
		else
			wm_feed_append(all, feed);
	}
	if (!all)
		return EXIT_PARTIAL;
	char *out = NULL;
	size_t outlen = 0;
	int rc = wm_write(ctx, all, (wm_format)o->to, o->write_flags, &out, &outlen);
	if (rc == WM_OK && o->validate &&
	    wm_validate(ctx, all, (wm_format)o->to, o->write_flags, out, outlen,
	                o->output ? o->output : "<stdout>") != WM_OK)
		status = EXIT_PARTIAL;
	wm_feed_free(all);
	if (rc != WM_OK)
		return rc == WM_ERR_TEMPLATE ? EXIT_USAGE : EXIT_PARTIAL;
	int wrc = o->output && strcmp(o->output, "-") != 0
	                  ? write_atomically(o->output, out, outlen)
	                  : write_stdout(out, outlen);
	free(out);
	return wrc != 0 ? EXIT_PARTIAL : status;
}

int main(int argc, char **argv)
{
	options o;
	memset(&o, 0, sizeof o);
	o.from = WM_FORMAT_WIRE;
	o.to = -1;
	o.files = calloc((size_t)argc + 1, sizeof(*o.files));
	wm_context *ctx = wm_context_new();
	int status = EXIT_USAGE;
	if (!o.files || !ctx)
		goto out;
	wm_context_set_diag(ctx, on_diag, &o);
	status = parse_args(argc, argv, &o, ctx);
	if (status != EXIT_DONE || o.stop)
		goto out;
	if (o.print_template) {
		int f = wm_format_from_name(o.print_template);
		const char *t = f >= 0 ? wm_builtin_template((wm_format)f,
		                         (o.write_flags & WM_WRITE_STANDALONE) != 0)
		                       : NULL;
		if (!t) {
			status = usage_error("no built-in template for \"%s\"",
			                     o.print_template);
			goto out;
		}
		status = write_stdout(t, strlen(t)) == 0 ? EXIT_DONE : EXIT_PARTIAL;
		goto out;
	}
	if (o.explain) {
		status = explain(ctx, &o);
		goto out;
	}
	if (o.to < 0)
		o.to = o.output ? format_from_extension(o.output) : WM_FORMAT_HTML;
	if (o.template_path && (status = load_template(ctx, &o)) != EXIT_DONE)
		goto out;
	status = convert(ctx, &o);
out:
	wm_context_free(ctx);
	free(o.files);
	return status;
}
