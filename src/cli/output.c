/* wiremark: reading files; outputs written whole or not at all (a
 * temporary file renamed, removed on a signal). */
#include "cli.h"

/* ---- files --------------------------------------------------------------- */

/* read_all reads at most this many bytes and one more, so that wm_read
 * reports an input over the input-size limit without all of it in memory. */
size_t read_max = (size_t)-1 - 1;

/* Reads a whole file (path "-": stdin); returns malloc'd bytes or NULL with
 * errno set. */
char *read_all(const char *path, size_t *len)
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

/* ---- outputs onto inputs ------------------------------------------------- */

/* An input's file, by device and inode (the same file through any name or
 * link). */
typedef struct file_id {
	dev_t dev;
	ino_t ino;
	size_t index; /* in the list of inputs */
} file_id;

static int by_id(const void *a, const void *b)
{
	const file_id *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* The input (of files[0..n)) that writing to outs[0..nouts) would replace,
 * as usage_error's status, else EXIT_DONE.  An output that does not exist
 * yet or is no regular file (a terminal, a pipe) replaces nothing.  The
 * inputs are sorted once, so that a batch of many files costs n log n. */
int outputs_spare_inputs(const char *const *files, size_t n,
                         const char *const *outs, size_t nouts)
{
	file_id *ids = malloc((n ? n : 1) * sizeof *ids);
	if (!ids) {
		fprintf(stderr, "wiremark: out of memory\n");
		return EXIT_PARTIAL;
	}
	size_t k = 0;
	struct stat st;
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 &&
		    S_ISREG(st.st_mode))
			ids[k++] = (file_id){st.st_dev, st.st_ino, i};
	qsort(ids, k, sizeof *ids, by_id);
	int status = EXIT_DONE;
	for (size_t j = 0; j < nouts && status == EXIT_DONE; j++) {
		if (!outs[j] || strcmp(outs[j], "-") == 0 || stat(outs[j], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		file_id key = {st.st_dev, st.st_ino, 0};
		/* the first of the inputs with this id: index 0 sorts first */
		size_t lo = 0, hi = k;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (by_id(&ids[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < k && ids[lo].dev == key.dev && ids[lo].ino == key.ino)
			status = usage_error("%s would be written over its input %s "
			                     "(nothing written)", outs[j],
			                     files[ids[lo].index]);
	}
	free(ids);
	return status;
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

void catch_signals(void)
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
int output_open(output *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->fd = 1;
	if (!path || strcmp(path, "-") == 0) {
		out->direct = isatty(1);
		return 0;
	}
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

/* Writes all of bytes, or remembers why not. */
static int write_all(output *out, const char *bytes, size_t len)
{
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

int output_flush(output *out)
{
	int rc = write_all(out, out->buf, out->len);
	out->len = 0;
	return rc;
}

int output_write(const char *bytes, size_t len, void *p)
{
	output *out = p;
	if (!out->buf && !out->direct && !(out->buf = malloc(OUTPUT_BUFFER)))
		out->direct = 1;
	if (out->direct)
		return write_all(out, bytes, len);
	if (len > OUTPUT_BUFFER - out->len && output_flush(out) != 0)
		return -1;
	if (len >= OUTPUT_BUFFER)
		return write_all(out, bytes, len);
	memcpy(out->buf + out->len, bytes, len);
	out->len += len;
	return out->err ? -1 : 0;
}

/* Ends the output: keep it (ok) or drop it.  Returns 0, or -1 with a
 * message when it could not be written. */
int output_close(output *out, int ok)
{
	/* standard output and devices keep what was converted; a temporary
	 * file is dropped unless ok */
	if (ok || !out->tmp)
		output_flush(out);
	free(out->buf);
	out->buf = NULL;
	out->len = 0;
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

int write_stdout(const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "wiremark: standard output: cannot write: %s\n",
		        strerror(errno));
		return -1;
	}
	return 0;
}
