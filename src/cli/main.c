/* wiremark: the command line.  Uses only the public header. */
#include "cli.h"

/* ---- main ---------------------------------------------------------------- */

/* The files to read: FILE..., else standard input ("-"); *n of them. */
static const char *const *input_files(const options *o, size_t *n)
{
	static const char *const stdin_only[] = {"-"};
	*n = o->nfiles ? o->nfiles : 1;
	return o->nfiles ? o->files : stdin_only;
}

#define DETECT_BYTES 4096 /* what wm_format_detect is given of a file */

/* The format of the file at path by its name and first bytes, -1 when
 * they do not tell (or it cannot be read: reading it says why). */
static int detect(const char *path)
{
	char head[DETECT_BYTES];
	if (!strcmp(path, "-"))
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return wm_format_detect(path, NULL, 0);
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	return wm_format_detect(path, head, n > 0 ? (size_t)n : 0);
}

int input_format(const options *o, const char *const *files, size_t nfiles)
{
	if (o->from_given)
		return o->from;
	int format = -1;
	const char *first = NULL;
	for (size_t i = 0; i < nfiles; i++) {
		int f = detect(files[i]);
		f = f < 0 ? WM_FORMAT_WIRE : f;
		if (format >= 0 && f != format) {
			usage_error("%s is %s and %s is %s: give -f to read them as "
			            "one", first, wm_format_name((wm_format)format),
			            files[i], wm_format_name((wm_format)f));
			return -1;
		}
		format = f;
		first = files[i];
	}
	return format < 0 ? WM_FORMAT_WIRE : format;
}

/* What is done with one input: its bytes (freed after); nonzero when it
 * failed. */
typedef int (*input_fn)(const char *path, const char *bytes, size_t len,
                        void *arg);

/* Reads each input FILE ("-": stdin) whole and gives it to fn; one that
 * cannot be read is said on stderr.  EXIT_PARTIAL when one could not be
 * read or fn failed on it, else EXIT_DONE. */
static int each_input(const options *o, input_fn fn, void *arg)
{
	int status = EXIT_DONE;
	size_t nfiles, len = 0;
	const char *const *files = input_files(o, &nfiles);
	for (size_t i = 0; i < nfiles; i++) {
		char *bytes = read_all(files[i], &len);
		if (!bytes) {
			fprintf(stderr, "%s: error: cannot read: %s\n", files[i],
			        strerror(errno));
			status = EXIT_PARTIAL;
		} else if (fn(files[i], bytes, len, arg) != 0) {
			status = EXIT_PARTIAL;
		}
		free(bytes);
	}
	return status;
}

static int explain_one(const char *path, const char *bytes, size_t len,
                       void *ctx)
{
	char *out = NULL;
	size_t outlen = 0;
	int rc = wm_explain(ctx, bytes, len, path, 0, &out, &outlen);
	int failed = rc != WM_OK || write_stdout(out, outlen) != 0;
	free(out);
	return failed;
}

/* --explain: how the wire reader reads each FILE, to standard output. */
static int explain(wm_context *ctx, const options *o)
{
	return each_input(o, explain_one, ctx);
}

/* The inputs read one after another into one feed. */
typedef struct reading {
	wm_context *ctx;
	const options *o;
	int from;
	wm_feed *all;
} reading;

static int read_one(const char *path, const char *bytes, size_t len, void *p)
{
	reading *rd = p;
	unsigned errors = rd->o->errors;
	wm_feed *feed = wm_read(rd->ctx, (wm_format)rd->from, bytes, len,
	                        path, 0);
	int failed = rd->o->errors != errors; /* a JSON line left out, ... */
	if (!feed)
		return 1;
	if (!rd->all)
		rd->all = feed;
	else
		wm_feed_append(rd->all, feed);
	return failed;
}

static int convert(wm_context *ctx, const options *o)
{
	size_t nfiles;
	const char *const *files = input_files(o, &nfiles);
	reading rd = {ctx, o, input_format(o, files, nfiles), NULL};
	if (rd.from < 0)
		return EXIT_USAGE;
	int status = each_input(o, read_one, &rd);
	wm_feed *all = rd.all;
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
	int may_wait; /* it is not a regular file: a read may wait */
	int failed;   /* a file could not be read */
	size_t bytes; /* read so far */
	output *out;  /* written out before a read that may wait */
} inputs;

static void inputs_init(inputs *in, const char *const *files, size_t n)
{
	memset(in, 0, sizeof *in);
	in->files = files;
	in->n = n;
	in->fd = -1;
	in->may_wait = -1;
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
		if (in->may_wait < 0) {
			struct stat st;
			in->may_wait = fstat(in->fd, &st) != 0 || !S_ISREG(st.st_mode);
		}
		/* a pipe or a terminal may keep us waiting: what was converted
		 * goes out first (a live feed's articles as they come) */
		if (in->may_wait && in->out)
			output_flush(in->out);
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
		in->may_wait = -1;
		in->i++;
		*source = path;
		return 0;
	}
	return 0;
}

/* Converts files into path (NULL: stdout) as a stream.  The exit status. */
int convert_files(wm_context *ctx, const options *o,
                  const char *const *files, size_t nfiles,
                  const char *path)
{
	int from = input_format(o, files, nfiles);
	if (from < 0)
		return EXIT_USAGE;
	inputs in;
	inputs_init(&in, files, nfiles);
	output out;
	if (output_open(&out, path) != 0)
		return EXIT_PARTIAL;
	in.out = &out;
	unsigned errors = o->errors;
	int rc = wm_convert_stream(ctx, (wm_format)from, 0, pull_files, &in,
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
	size_t nfiles;
	const char *const *files = input_files(o, &nfiles);
	inputs in;
	inputs_init(&in, files, nfiles);
	output out;
	output_open(&out, NULL);
	in.out = &out;
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
	if (o->jsonl && o->from_given && o->from != WM_FORMAT_WIRE)
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
	if (o.output && !o.outdir && !o.jsonl) {
		size_t nfiles;
		const char *const *files = input_files(&o, &nfiles);
		status = outputs_spare_inputs(files, nfiles, &o.output, 1);
		if (status != EXIT_DONE)
			goto out;
	}
	catch_signals();
	if (o.outdir) {
		status = batch(ctx, &o);
	} else if (o.jsonl) {
		status = jsonl(ctx, &o);
	} else if (o.validate) {
		status = convert(ctx, &o);
	} else {
		size_t nfiles;
		const char *const *files = input_files(&o, &nfiles);
		status = convert_files(ctx, &o, files, nfiles, o.output);
	}
out:
	wm_context_free(ctx);
	free(o.files);
	return status;
}
