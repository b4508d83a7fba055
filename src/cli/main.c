/* wiremark: the command line.  Uses only the public header. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
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
	const char *outdir; /* -O DIR: batch, one output per input */
	long jobs;          /* -j N (0: one per core) */
	int force;          /* --force: also outputs newer than their input */
	int jsonl;          /* --jsonl: JSON Lines in, JSON Lines out */
	int jobs_given;     /* -j or --force given (they need -O) */
	unsigned errors; /* errors reported so far (through on_diag) */
	const char **files;
	size_t nfiles;
} options;

static const char usage_text[] =
	"usage: wiremark [-f FORMAT] [-t FORMAT] [-o FILE]\n"
	"                [-s] [--template FILE] [-M KEY=VALUE] [--date YYYY-MM-DD]\n"
	"                [--columns N] [--limit NAME=VALUE] [--validate] [-q]\n"
	"                [FILE ...]\n"
	"       wiremark -O DIR [-j N] [--force] [-t FORMAT] [options] FILE...\n"
	"       wiremark --jsonl [-t FORMAT] [options] [FILE ...]\n"
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
	"  -O, --output-dir DIR    batch: convert each FILE on its own into DIR\n"
	"                          (its name, the format's extension), each\n"
	"                          whole or not at all; goes on past bad files\n"
	"                          and lists them at the end\n"
	"  -j, --jobs N            with -O: N files at a time (default: one\n"
	"                          per core); a progress bar on a terminal\n"
	"      --force             with -O: also redo outputs newer than their\n"
	"                          input (skipped by default)\n"
	"      --jsonl             JSON Lines: each input line {\"id\": ...,\n"
	"                          \"text\": WIRE TEXT} gives one output line\n"
	"                          {\"id\": ..., \"format\": ..., \"output\": ...}\n"
	"                          (-t json: the articles' JSON form, id in\n"
	"                          meta), for pipelines (docs/pipelines.md)\n"
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
	"      --limit NAME=VALUE  change a limit: input-size, line-length,\n"
	"                          articles or template-depth; VALUE may end in\n"
	"                          K, M or G (1024s); see docs/limits.md\n"
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

/* read_all reads at most this many bytes and one more, so that wm_read
 * reports an input over the input-size limit without all of it in memory. */
static size_t read_max = (size_t)-1 - 1;

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
		size_t room = cap - n;
		if (room > read_max - n + 1)
			room = read_max - n + 1;
		size_t got = fread(buf + n, 1, room, f);
		n += got;
		if (got == 0 || n > read_max)
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

/* ---- outputs whole or not at all ----------------------------------------- */

/* The temporary file being written, removed if a signal stops the program
 * (SIGINT, SIGTERM, SIGHUP, SIGPIPE), so that no partial output is left. */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
	char *tmp = pending_tmp;
	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

/* Where output goes: standard output, or a temporary file beside path
 * renamed to path when all is written. */
typedef struct output {
	const char *path; /* NULL: standard output */
	char *tmp;
	int fd;
	int err;          /* errno of the first failed write; 0 */
} output;

static int output_open(output *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->fd = 1;
	if (!path || strcmp(path, "-") == 0)
		return 0;
	out->path = path;
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or a pipe (/dev/stdout, a FIFO): written to as it is,
		 * never replaced by a file */
		out->fd = open(path, O_WRONLY);
		if (out->fd < 0) {
			fprintf(stderr, "wiremark: %s: cannot write: %s\n", path,
			        strerror(errno));
			return -1;
		}
		return 0;
	}
	size_t n = strlen(path);
	out->tmp = malloc(n + 16);
	if (!out->tmp) {
		fprintf(stderr, "wiremark: %s: cannot write: out of memory\n", path);
		return -1;
	}
	memcpy(out->tmp, path, n);
	memcpy(out->tmp + n, ".tmp-XXXXXX", 12);
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	out->fd = mkstemp(out->tmp);
	if (out->fd >= 0)
		pending_tmp = out->tmp;
	int saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (out->fd < 0) {
		fprintf(stderr, "wiremark: %s: cannot write: %s\n", path,
		        strerror(saved));
		free(out->tmp);
		out->tmp = NULL;
		return -1;
	}
	return 0;
}

/* The sink: writes all of bytes, or remembers why not. */
static int output_write(const char *bytes, size_t len, void *p)
{
	output *out = p;
	while (len > 0 && !out->err) {
		ssize_t w = write(out->fd, bytes, len);
		if (w < 0) {
			if (errno != EINTR)
				out->err = errno;
			continue;
		}
		bytes += w;
		len -= (size_t)w;
	}
	return out->err ? -1 : 0;
}

/* Ends the output: keep it (ok) or drop it.  Returns 0, or -1 with a
 * message when it could not be written. */
static int output_close(output *out, int ok)
{
	int rc = out->err ? -1 : 0;
	int saved = out->err;
	if (!out->tmp) {
		if (out->path && close(out->fd) != 0 && rc == 0) {
			rc = -1;
			saved = errno;
		}
		if (rc != 0)
			fprintf(stderr, "wiremark: %s: cannot write: %s\n",
			        out->path ? out->path : "standard output",
			        strerror(saved));
		return rc;
	}
	if (close(out->fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (ok && rc == 0) {
		mode_t mask = umask(0);
		umask(mask);
		chmod(out->tmp, 0666 & ~mask);
		if (rename(out->tmp, out->path) != 0) {
			rc = -1;
			saved = errno;
		}
	}
	if (rc != 0)
		fprintf(stderr, "wiremark: %s: cannot write: %s\n", out->path,
		        strerror(saved));
	if (!ok || rc != 0)
		unlink(out->tmp);
	pending_tmp = NULL;
	free(out->tmp);
	out->tmp = NULL;
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

/* --limit NAME=VALUE: VALUE from 1, with an optional K, M or G suffix. */
static int limit_arg(wm_context *ctx, const char *v)
{
	static const char *const names[WM_LIMIT_MAX] = {
		[WM_LIMIT_INPUT_SIZE] = "input-size",
		[WM_LIMIT_LINE_LENGTH] = "line-length",
		[WM_LIMIT_ARTICLES] = "articles",
		[WM_LIMIT_TEMPLATE_DEPTH] = "template-depth",
	};
	const char *eq = strchr(v, '=');
	if (!eq || eq[1] < '0' || eq[1] > '9')
		return -1;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(eq + 1, &end, 10);
	int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
	if (shift)
		end++;
	if (*end || errno || n == 0 || n > ((size_t)-1 >> shift))
		return -1;
	for (int l = 0; l < WM_LIMIT_MAX; l++)
		if (strlen(names[l]) == (size_t)(eq - v) &&
		    strncmp(v, names[l], (size_t)(eq - v)) == 0)
			return wm_context_set_limit(ctx, (wm_limit)l,
			                            (size_t)n << shift) == WM_OK ? 0 : -1;
	return -1;
}

/* -h, --version, --list-formats: answered at once; 1 when a is one of
 * them (*rc: the exit status), else 0. */
static int info_arg(const char *a, options *o, int *rc)
{
	if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
		fputs(usage_text, stdout);
		fputs("\n", stdout);
		fputs(help_text, stdout);
		*rc = EXIT_DONE;
	} else if (!strcmp(a, "--version")) {
		printf("wiremark %s\n", wm_version());
		*rc = EXIT_DONE;
	} else if (!strcmp(a, "--list-formats")) {
		*rc = list_formats();
	} else {
		return 0;
	}
	o->stop = 1;
	return 1;
}

/* The options without a value; 1 when a is one of them. */
static int flag_arg(const char *a, options *o)
{
	if (!strcmp(a, "-s") || !strcmp(a, "--standalone"))
		o->write_flags |= WM_WRITE_STANDALONE;
	else if (!strcmp(a, "--explain"))
		o->explain = 1;
	else if (!strcmp(a, "--validate"))
		o->validate = 1;
	else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
		o->quiet = 1;
	else if (!strcmp(a, "--force"))
		o->force = o->jobs_given = 1;
	else if (!strcmp(a, "--jsonl"))
		o->jsonl = 1;
	else
		return 0;
	return 1;
}

#define VALUE(name) (v = option_value(argc, argv, i, a, name))

/* The options with a value that say what is read and written; the exit
 * status, or -1 when a is none of them. */
static int io_arg(int argc, char **argv, int *i, const char *a, options *o)
{
	const char *v;
	if (VALUE("-f") || VALUE("--from"))
		return format_arg(v, 0, &o->from) != EXIT_DONE ? EXIT_USAGE : EXIT_DONE;
	if (VALUE("-t") || VALUE("--to"))
		return format_arg(v, 1, &o->to) != EXIT_DONE ? EXIT_USAGE : EXIT_DONE;
	if (VALUE("-o") || VALUE("--output")) {
		o->output = v;
	} else if (VALUE("-O") || VALUE("--output-dir")) {
		o->outdir = v;
	} else if (VALUE("-j") || VALUE("--jobs")) {
		char *end;
		errno = 0;
		o->jobs = strtol(v, &end, 10);
		if (!*v || *end || errno || o->jobs < 1 || o->jobs > 1024)
			return usage_error("-j needs a number from 1 to 1024, "
			                   "got \"%s\"", v);
		o->jobs_given = 1;
	} else if (VALUE("--template")) {
		o->template_path = v;
	} else if (VALUE("--print-template")) {
		o->print_template = v;
	} else {
		return -1;
	}
	return EXIT_DONE;
}

/* -M KEY=VALUE. */
static int meta_arg(wm_context *ctx, const char *v)
{
	const char *eq = strchr(v, '=');
	if (!eq)
		return usage_error("-M needs KEY=VALUE, got \"%s\"", v);
	char *key = strndup(v, (size_t)(eq - v));
	int rc = key ? wm_context_set_meta(ctx, key, eq + 1) : WM_ERR_USAGE;
	free(key);
	if (rc != WM_OK)
		return usage_error("bad -M key in \"%s\" (letters, digits, "
		                   "'_', '-', '.')", v);
	return EXIT_DONE;
}

/* The options with a value that set the context; the exit status, or -1
 * when a is none of them. */
static int context_arg(int argc, char **argv, int *i, const char *a,
                       wm_context *ctx)
{
	const char *v;
	if (VALUE("-M") || VALUE("--metadata"))
		return meta_arg(ctx, v);
	if (VALUE("--columns")) {
		if (columns_arg(ctx, v) != 0)
			return usage_error("--columns needs a number from 0 to %d, "
			                   "got \"%s\"", COLUMNS_MAX, v);
	} else if (VALUE("--limit")) {
		if (limit_arg(ctx, v) != 0)
			return usage_error("--limit needs NAME=VALUE: input-size, "
			                   "line-length or articles from 1, "
			                   "template-depth from 1 to 1024; suffix K, M "
			                   "or G; got \"%s\"", v);
	} else if (VALUE("--date")) {
		if (wm_context_set_date(ctx, v) != WM_OK)
			return usage_error("--date needs a real date as YYYY-MM-DD, "
			                   "got \"%s\"", v);
	} else {
		return -1;
	}
	return EXIT_DONE;
}

#undef VALUE

static int parse_args(int argc, char **argv, options *o, wm_context *ctx)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc;
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				o->files[o->nfiles++] = argv[i];
			break;
		}
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = a;
			continue;
		}
		if (info_arg(a, o, &rc))
			return rc;
		if (flag_arg(a, o))
			continue;
		rc = io_arg(argc, argv, &i, a, o);
		if (rc < 0)
			rc = context_arg(argc, argv, &i, a, ctx);
		if (rc < 0)
			return unknown_option(a);
		if (rc != EXIT_DONE)
			return rc;
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
	output dest;
	int wrc = output_open(&dest, o->output);
	if (wrc == 0) {
		output_write(out, outlen, &dest);
		wrc = output_close(&dest, 1);
	}
	free(out);
	return wrc != 0 ? EXIT_PARTIAL : status;
}

/* ---- inputs as a stream --------------------------------------------------- */

typedef struct inputs {
	const char *const *files;
	size_t n, i;
	int fd;       /* of files[i]; -1: not open yet */
	int failed;   /* a file could not be read */
	size_t bytes; /* read so far */
} inputs;

static void inputs_init(inputs *in, const char *const *files, size_t n)
{
	memset(in, 0, sizeof *in);
	in->files = files;
	in->n = n;
	in->fd = -1;
}

static int open_input(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fd != 0)
			close(fd);
		errno = EISDIR;
		return -1;
	}
	return fd;
}

/* The pull function over the files: each ends with a 0-byte call naming
 * it; one that cannot be read is reported and left out. */
static long pull_files(char *buf, size_t cap, const char **source, void *p)
{
	inputs *in = p;
	while (in->i < in->n) {
		const char *path = in->files[in->i];
		if (in->fd < 0 && (in->fd = open_input(path)) < 0) {
			fprintf(stderr, "%s: error: cannot read: %s\n", path,
			        strerror(errno));
			in->failed = 1;
			in->i++;
			continue;
		}
		ssize_t r = read(in->fd, buf, cap);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0) {
			in->bytes += (size_t)r;
			*source = path;
			return (long)r;
		}
		if (r < 0) {
			fprintf(stderr, "%s: error: cannot read: %s\n", path,
			        strerror(errno));
			in->failed = 1;
		}
		if (in->fd != 0)
			close(in->fd);
		in->fd = -1;
		in->i++;
		*source = path;
		return 0;
	}
	return 0;
}

/* Converts files into path (NULL: stdout) as a stream.  The exit status. */
static int convert_files(wm_context *ctx, const options *o,
                         const char *const *files, size_t nfiles,
                         const char *path)
{
	inputs in;
	inputs_init(&in, files, nfiles);
	output out;
	if (output_open(&out, path) != 0)
		return EXIT_PARTIAL;
	unsigned errors = o->errors;
	int rc = wm_convert_stream(ctx, (wm_format)o->from, 0, pull_files, &in,
	                           (wm_format)o->to, o->write_flags,
	                           output_write, &out);
	if (in.fd > 0)
		close(in.fd);
	/* an input with no article at all writes nothing, not even a page */
	int keep = rc == WM_OK;
	if (output_close(&out, keep) != 0 || rc == WM_ERR_OUTPUT)
		return EXIT_PARTIAL;
	if (rc == WM_ERR_TEMPLATE)
		return EXIT_USAGE;
	if (rc != WM_OK || in.failed || o->errors != errors)
		return EXIT_PARTIAL;
	return EXIT_DONE;
}

/* --jsonl: records in, records out (standard output). */
static int jsonl(wm_context *ctx, const options *o)
{
	if (o->output && strcmp(o->output, "-") != 0)
		return usage_error("--jsonl writes to standard output (no -o)");
	static const char *const stdin_only[] = {"-"};
	inputs in;
	inputs_init(&in, o->nfiles ? o->files : stdin_only,
	            o->nfiles ? o->nfiles : 1);
	output out;
	output_open(&out, NULL);
	int rc = wm_convert_jsonl(ctx, pull_files, &in, (wm_format)o->to,
	                          o->write_flags, output_write, &out);
	if (in.fd > 0)
		close(in.fd);
	if (output_close(&out, 1) != 0 || rc == WM_ERR_OUTPUT)
		return EXIT_PARTIAL;
	if (rc == WM_ERR_TEMPLATE)
		return EXIT_USAGE;
	return rc != WM_OK || in.failed ? EXIT_PARTIAL : EXIT_DONE;
}

/* ---- batch: -O DIR -------------------------------------------------------- */

static const char *extension_of(int format)
{
	switch (format) {
	case WM_FORMAT_MARKDOWN:
		return ".md";
	case WM_FORMAT_TEI:
		return ".xml";
	case WM_FORMAT_JSON:
		return ".json";
	default:
		return ".html";
	}
}

/* DIR/NAME.EXT for input path: its base name less its extension. */
static char *output_path(const char *dir, const char *path, int format)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	const char *ext = extension_of(format);
	size_t len = strlen(dir) + 1 + n + strlen(ext) + 1;
	char *out = malloc(len);
	if (out)
		snprintf(out, len, "%s/%.*s%s", dir, (int)n, base, ext);
	return out;
}

/* What became of each file: shared between the workers and the parent. */
enum { FILE_TODO, FILE_DONE, FILE_SKIPPED, FILE_FAILED };

typedef struct batch_state {
	size_t next;          /* the next file to take */
	size_t finished;
	unsigned long long bytes_done;
	unsigned char state[]; /* FILE_... per file */
} batch_state;

static int newer(const char *out, const char *in)
{
	struct stat so, si;
	if (stat(out, &so) != 0 || stat(in, &si) != 0)
		return 0;
	return so.st_mtim.tv_sec > si.st_mtim.tv_sec ||
	       (so.st_mtim.tv_sec == si.st_mtim.tv_sec &&
	        so.st_mtim.tv_nsec > si.st_mtim.tv_nsec);
}

static unsigned long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode)
	               ? (unsigned long long)st.st_size : 0;
}

/* A worker: takes files until there are none left. */
static void batch_work(wm_context *ctx, options *o, char **outs,
                       batch_state *bs)
{
	for (;;) {
		size_t i = __atomic_fetch_add(&bs->next, 1, __ATOMIC_SEQ_CST);
		if (i >= o->nfiles)
			return;
		const char *in = o->files[i];
		unsigned char st;
		if (!o->force && newer(outs[i], in)) {
			st = FILE_SKIPPED;
		} else {
			const char *one[1] = {in};
			st = convert_files(ctx, o, one, 1, outs[i]) == EXIT_DONE
			             ? FILE_DONE : FILE_FAILED;
		}
		__atomic_store_n(&bs->state[i], st, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&bs->bytes_done, file_size(in), __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&bs->finished, 1, __ATOMIC_SEQ_CST);
	}
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress bar (a terminal only): files done, MB/s, time left. */
static void progress(const batch_state *bs, size_t nfiles,
                     unsigned long long total, double t0, int last)
{
	size_t done = __atomic_load_n(&bs->finished, __ATOMIC_SEQ_CST);
	unsigned long long bytes = __atomic_load_n(&bs->bytes_done,
	                                           __ATOMIC_SEQ_CST);
	double t = now_seconds() - t0;
	double rate = t > 0 ? (double)bytes / t : 0;
	enum { WIDTH = 30 };
	size_t fill = nfiles ? done * WIDTH / nfiles : WIDTH;
	char bar[WIDTH + 1];
	for (size_t k = 0; k < WIDTH; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	char left[32] = "";
	if (!last && rate > 0 && total > bytes) {
		double secs = (double)(total - bytes) / rate;
		snprintf(left, sizeof left, ", %d:%02d left", (int)(secs / 60),
		         (int)secs % 60);
	}
	fprintf(stderr, "\r[%s] %zu/%zu files, %.1f MB/s%s\033[K%s", bar, done,
	        nfiles, rate / 1e6, left, last ? "\n" : "");
}

static char **sort_outs; /* for by_output (qsort has no context) */

static int by_output(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, k = *(const size_t *)b;
	int c = strcmp(sort_outs[i], sort_outs[k]);
	return c ? c : (i > k) - (i < k);
}

/* Two inputs that would write the same output are a usage error (sorted:
 * n log n, for folders of many files). */
static int same_outputs(const options *o, char **outs, size_t n)
{
	size_t *order = malloc(n * sizeof *order);
	if (!order) {
		fprintf(stderr, "wiremark: out of memory\n");
		return EXIT_PARTIAL;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_outs = outs;
	qsort(order, n, sizeof *order, by_output);
	int status = EXIT_DONE;
	for (size_t j = 1; j < n && status == EXIT_DONE; j++)
		if (strcmp(outs[order[j - 1]], outs[order[j]]) == 0)
			status = usage_error("%s and %s would both be written to %s",
			                     o->files[order[j - 1]], o->files[order[j]],
			                     outs[order[j]]);
	free(order);
	return status;
}

/* Forks the workers (-j, else one per core; none when none can be
 * forked: this process does the work) and waits for them, with the
 * progress bar on a terminal. */
static void run_workers(wm_context *ctx, options *o, char **outs,
                        batch_state *bs, unsigned long long total)
{
	size_t n = o->nfiles;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t jobs = (size_t)(o->jobs > 0 ? o->jobs : cores > 0 ? cores : 1);
	if (jobs > n)
		jobs = n;
	int bar = isatty(2);
	double t0 = now_seconds();
	fflush(stdout);
	fflush(stderr);
	pid_t *pids = calloc(jobs, sizeof *pids);
	size_t started = 0;
	for (size_t j = 0; pids && j < jobs; j++) {
		pid_t pid = fork();
		if (pid == 0) {
			batch_work(ctx, o, outs, bs);
			_exit(0);
		}
		if (pid < 0)
			break;
		pids[started++] = pid;
	}
	if (started == 0) /* no process to spare: this one does the work */
		batch_work(ctx, o, outs, bs);
	size_t running = started;
	while (running > 0) {
		if (bar)
			progress(bs, n, total, t0, 0);
		for (size_t j = 0; j < started; j++) {
			if (!pids[j])
				continue;
			int ws;
			pid_t r = waitpid(pids[j], &ws, bar ? WNOHANG : 0);
			if (r == pids[j]) {
				pids[j] = 0;
				running--;
			}
		}
		if (running && bar) {
			struct timespec pause = {0, 200000000L};
			nanosleep(&pause, NULL);
		}
	}
	free(pids);
	if (bar)
		progress(bs, n, total, t0, 1);
}

/* The files skipped and the files that failed; the exit status. */
static int batch_summary(const options *o, const batch_state *bs)
{
	size_t n = o->nfiles, failed = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		/* a worker that died leaves its file TODO: a failure too */
		failed += bs->state[i] == FILE_FAILED || bs->state[i] == FILE_TODO;
		skipped += bs->state[i] == FILE_SKIPPED;
	}
	if (skipped && !o->quiet)
		fprintf(stderr, "wiremark: %zu of %zu files skipped: their output "
		        "is newer (--force redoes them)\n", skipped, n);
	if (!failed)
		return EXIT_DONE;
	fprintf(stderr, "wiremark: %zu of %zu files failed:\n", failed, n);
	for (size_t i = 0; i < n; i++)
		if (bs->state[i] == FILE_FAILED || bs->state[i] == FILE_TODO)
			fprintf(stderr, "  %s\n", o->files[i]);
	return EXIT_PARTIAL;
}

static int batch(wm_context *ctx, options *o)
{
	if (o->output)
		return usage_error("-O and -o do not go together");
	if (o->nfiles == 0)
		return usage_error("-O needs the files to convert");
	for (size_t i = 0; i < o->nfiles; i++)
		if (strcmp(o->files[i], "-") == 0)
			return usage_error("-O converts files, not standard input");
	struct stat st;
	if (stat(o->outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "wiremark: %s: not a folder: %s\n", o->outdir,
		        strerror(errno ? errno : ENOTDIR));
		return EXIT_USAGE;
	}
	size_t n = o->nfiles;
	char **outs = calloc(n, sizeof *outs);
	size_t size = sizeof(batch_state) + n;
	batch_state *bs = mmap(NULL, size, PROT_READ | PROT_WRITE,
	                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status = EXIT_DONE;
	if (!outs || bs == MAP_FAILED) {
		fprintf(stderr, "wiremark: out of memory\n");
		free(outs);
		return EXIT_PARTIAL;
	}
	memset(bs, 0, size);
	unsigned long long total = 0;
	for (size_t i = 0; i < n; i++) {
		outs[i] = output_path(o->outdir, o->files[i], o->to);
		if (!outs[i]) {
			fprintf(stderr, "wiremark: out of memory\n");
			status = EXIT_PARTIAL;
			goto done;
		}
		total += file_size(o->files[i]);
	}
	if ((status = same_outputs(o, outs, n)) != EXIT_DONE)
		goto done;
	run_workers(ctx, o, outs, bs, total);
	status = batch_summary(o, bs);
done:
	for (size_t i = 0; i < n; i++)
		free(outs[i]);
	free(outs);
	munmap(bs, size);
	return status;
}

/* Options that do not go together are a usage error, never ignored. */
static int modes_fit(const options *o)
{
	const char *mode = o->explain ? "--explain" : o->outdir ? "-O"
	                   : o->jsonl ? "--jsonl" : NULL;
	if (o->explain && (o->outdir || o->jsonl))
		return usage_error("--explain and %s do not go together",
		                   o->outdir ? "-O" : "--jsonl");
	if (o->outdir && o->jsonl)
		return usage_error("-O and --jsonl do not go together");
	if (o->jobs_given && !o->outdir)
		return usage_error("-j and --force go with -O DIR");
	if (o->validate && mode)
		return usage_error("--validate does not go with %s", mode);
	if (o->jsonl && o->from != WM_FORMAT_WIRE)
		return usage_error("--jsonl reads wire text in its records "
		                   "(no -f)");
	return EXIT_DONE;
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
	read_max = wm_context_limit(ctx, WM_LIMIT_INPUT_SIZE);
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
	if ((status = modes_fit(&o)) != EXIT_DONE)
		goto out;
	if (o.explain) {
		status = explain(ctx, &o);
		goto out;
	}
	if (o.to < 0)
		o.to = o.output ? format_from_extension(o.output) : WM_FORMAT_HTML;
	if (o.template_path && (status = load_template(ctx, &o)) != EXIT_DONE)
		goto out;
	catch_signals();
	if (o.outdir) {
		status = batch(ctx, &o);
	} else if (o.jsonl) {
		status = jsonl(ctx, &o);
	} else if (o.validate) {
		status = convert(ctx, &o);
	} else {
		static const char *const stdin_only[] = {"-"};
		status = convert_files(ctx, &o, o.nfiles ? o.files : stdin_only,
		                       o.nfiles ? o.nfiles : 1, o.output);
	}
out:
	wm_context_free(ctx);
	free(o.files);
	return status;
}
