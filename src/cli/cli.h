/* The wiremark program's parts (cli/): arguments and messages (args.c),
 * files and outputs written whole or not at all (output.c), the batch of
 * -O (batch.c), the conversions and main (main.c).  It uses only the
 * library's public header. */
#ifndef WM_CLI_CLI_H
#define WM_CLI_CLI_H

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
	int from_given; /* -f given; else each input's format is detected */
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

/* ---- args.c: messages and arguments ---- */

void on_diag(const wm_diag *d, void *userdata);

__attribute__((format(printf, 1, 2)))
int usage_error(const char *fmt, ...);

int format_from_extension(const char *path);

int parse_args(int argc, char **argv, options *o, wm_context *ctx);

int load_template(wm_context *ctx, const options *o);

/* ---- output.c: files, and outputs whole or not at all ---- */

/* An output being written: to a temporary file beside path, renamed to it
 * when whole (path NULL: standard output). */
typedef struct output {
	const char *path; /* NULL: standard output */
	char *tmp;
	int fd;
	int err;          /* errno of the first failed write; 0 */
	int direct;       /* a terminal: every part written as it comes */
	char *buf;        /* else parts gathered up to OUTPUT_BUFFER bytes */
	size_t len;
} output;

/* How much output is gathered before a write (fewer system calls); it is
 * written sooner when the input is about to wait (output_flush). */
#define OUTPUT_BUFFER ((size_t)64 << 10)

/* The most bytes read_all reads (the input-size limit). */
extern size_t read_max;

char *read_all(const char *path, size_t *len);

void catch_signals(void);

/* EXIT_DONE, or (said on stderr, as a usage error) when writing one of
 * outs would replace one of the input files: the same file by device and
 * inode, whatever its name. */
int outputs_spare_inputs(const char *const *files, size_t n,
                         const char *const *outs, size_t nouts);

int output_open(output *out, const char *path);

/* The sink: gathers bytes, writing them out when OUTPUT_BUFFER is full;
 * -1 when a write failed (out->err). */
int output_write(const char *bytes, size_t len, void *p);

/* Writes what output_write gathered: before reading input that may make
 * the program wait (a pipe, a terminal), so that what the input gave so
 * far is out, and when the output ends.  -1 when a write failed. */
int output_flush(output *out);

int output_close(output *out, int ok);

int write_stdout(const char *data, size_t len);

/* ---- batch.c: -O DIR ---- */

int batch(wm_context *ctx, options *o);

/* ---- main.c ---- */

/* The format files are read in: -f's, else what their names and first
 * bytes say (wm_format_detect), wire when they say nothing; -1, with a
 * message, when they say different formats. */
int input_format(const options *o, const char *const *files, size_t nfiles);

int convert_files(wm_context *ctx, const options *o,
                  const char *const *files, size_t nfiles,
                  const char *path);

#endif
