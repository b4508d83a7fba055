/* wiremark -O DIR: each file on its own, N at a time, with a progress
 * bar on a terminal. */
#include "cli.h"

/* ---- batch: -O DIR -------------------------------------------------------- */

static const char *extension_of(int format)
{
	switch (format) {
	case WM_FORMAT_MARKDOWN:
		return ".md";
	case WM_FORMAT_TEI:
	case WM_FORMAT_NEWSML:
		return ".xml";
	case WM_FORMAT_NITF:
		return ".nitf";
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

int batch(wm_context *ctx, options *o)
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
