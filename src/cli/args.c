/* wiremark: messages, the arguments and their suggestions. */
#include "cli.h"

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
	"HTML, Markdown, TEI-XML, JSON, NITF or NewsML-G2.\n"
	"\n"
	"  -f, --from FORMAT       input format: wire, json, markdown, html, tei,\n"
	"                          nitf, newsml (default: .nitf is nitf; an .xml\n"
	"                          file's root element picks nitf, newsml or\n"
	"                          tei; else wire)\n"
	"  -t, --to FORMAT         output format: html, markdown, tei, json,\n"
	"                          nitf, newsml\n"
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
	"                          YAML front matter (the XML formats and JSON\n"
	"                          always are)\n"
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
	"      --validate          check the output by reading it back: TEI,\n"
	"                          NITF and NewsML-G2 against wiremark's RELAX NG\n"
	"                          schemas, HTML with\n"
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

void on_diag(const wm_diag *d, void *userdata)
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
int usage_error(const char *fmt, ...)
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

int format_from_extension(const char *path)
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
	if (!strcmp(dot, "nitf"))
		return WM_FORMAT_NITF;
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
	if (VALUE("-f") || VALUE("--from")) {
		o->from_given = 1;
		return format_arg(v, 0, &o->from) != EXIT_DONE ? EXIT_USAGE : EXIT_DONE;
	}
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
	/* v itself is not printed: its value may not be UTF-8 */
	if (rc != WM_OK)
		return usage_error("bad -M \"%.*s=...\": the key is letters, "
		                   "digits, '_', '-', '.', the value UTF-8",
		                   (int)(eq - v), v);
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

int parse_args(int argc, char **argv, options *o, wm_context *ctx)
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

int load_template(wm_context *ctx, const options *o)
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
