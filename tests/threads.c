/* Threads (issue 22): what wiremark(3) says of them, shown under
 * ThreadSanitizer (a build with -Db_sanitize=thread runs this same test).
 *
 *   test-threads own|shared [THREADS]
 *
 * THREADS threads (8) start together, so that the first uses of libxml2,
 * cmark and jansson race (each thread begins with another reader), then
 * each, ROUNDS times: reads wiremark's TEI, HTML, Markdown and JSON of a
 * feed back (wm_read: libxml2, cmark, jansson), converts the feed's wire
 * text to every format (fragment and whole document), checks each output
 * with wm_validate (libxml2's RELAX NG and HTML parser, cmark), renders a
 * template of its own, and converts JSON Lines whose record needs
 * jansson.  "own": a context per thread; "shared": one context (and one
 * with the template) for all of them, set up before the threads start.
 * Every output must be the same in every thread (the writers' as the main
 * thread wrote them), with no error; the exit status is 0 when so, 1
 * otherwise (and TSan's, 66, on a data race). */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wiremark.h"

#define MAX_THREADS 64
#define ROUNDS 3
#define NFORMATS 4

static const char wire[] =
	"Bridge reopens after storm repairs\n\n"
	"By DANA WHITFIELD\nAssociated Press Writer\n\n"
	"PORTSMOUTH, N.H., Feb 26 (AP) - The Harbor Street bridge reopened.\n\n"
	"              1987      1986\n"
	"    Shr      1.10      0.90\n    Net     4,100     3,300\n\n"
	"Crews worked through the weekend, the state said.\n\n"
	"-30-\n"
	"Second story\n\nLONDON (Reuters) - A second article.\n\nReuter\n";

static const char own_template[] =
	"{{#articles}}<h2>{{headline}}</h2>{{#body}}<p>{{n}} {{fence}}</p>"
	"{{/body}}{{/articles}}";

static const wm_format formats[NFORMATS] = {
	WM_FORMAT_TEI, WM_FORMAT_HTML, WM_FORMAT_MARKDOWN, WM_FORMAT_JSON};

static atomic_uint errors;
static int shared;
static wm_context *shared_ctx, *shared_own;
static pthread_barrier_t start;

/* what the main thread wrote: [format][standalone] */
static char *written[NFORMATS][2];
/* what thread 0 read back (as JSON), rendered and converted */
static char *results[MAX_THREADS][NFORMATS + 2];

static void on_diag(const wm_diag *d, void *data)
{
	(void)data;
	if (d->severity == WM_SEVERITY_ERROR) {
		atomic_fetch_add(&errors, 1);
		fprintf(stderr, "%s:%u:%u: error: %s\n", d->file ? d->file : "-",
		        d->line, d->col, d->message);
	}
}

static void failed(const char *what, int thread)
{
	fprintf(stderr, "thread %d: %s\n", thread, what);
	atomic_fetch_add(&errors, 1);
}

static wm_context *new_context(int own)
{
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, on_diag, NULL);
	wm_context_set_date(ctx, "1987-03-01");
	wm_context_set_meta(ctx, "desk", "metro");
	if (own && wm_context_set_template(ctx, WM_FORMAT_HTML, own_template,
	                                   strlen(own_template), "own",
	                                   NULL) != WM_OK)
		failed("the template is refused", -1);
	return ctx;
}

/* written[k]'s articles read back, as JSON */
static char *read_back(wm_context *ctx, size_t k, int thread)
{
	char *json = NULL;
	wm_feed *feed = wm_read(ctx, formats[k], written[k][1],
	                        strlen(written[k][1]), "back", 0);
	if (!feed || wm_write(ctx, feed, WM_FORMAT_JSON, 0, &json, NULL) != WM_OK)
		failed("a read-back failed", thread);
	wm_feed_free(feed);
	return json;
}

/* every format, fragment and document, as the main thread wrote it, and
 * valid */
static void write_all(wm_context *ctx, const wm_feed *feed, int thread)
{
	for (size_t k = 0; k < NFORMATS; k++)
		for (unsigned opts = 0; opts <= WM_WRITE_STANDALONE; opts++) {
			char *out = NULL;
			size_t len = 0;
			if (wm_write(ctx, feed, formats[k], opts, &out, &len) != WM_OK ||
			    strcmp(out, written[k][opts]) != 0)
				failed("an output differs", thread);
			else if (wm_validate(ctx, feed, formats[k], opts, out, len,
			                     "out") != WM_OK)
				failed("an output is not valid", thread);
			free(out);
		}
}

/* --jsonl: one record that is not plain (jansson reads it) */
struct pull {
	int given;
	char *out;
	size_t len;
};

static long pull_record(char *buf, size_t cap, const char **source,
                        void *data)
{
	static const char record[] =
		"{\"id\": 1.5, \"text\": \"HEADLINE\\n\\nText.\\n\"}\n";
	struct pull *p = data;
	if (p->given++ || cap < sizeof record)
		return 0;
	memcpy(buf, record, sizeof record - 1);
	*source = "records";
	return (long)sizeof record - 1;
}

static int sink(const char *bytes, size_t len, void *data)
{
	struct pull *p = data;
	char *more = realloc(p->out, p->len + len + 1);
	if (!more)
		return 1;
	memcpy(more + p->len, bytes, len);
	p->len += len;
	more[p->len] = '\0';
	p->out = more;
	return 0;
}

static char *convert_jsonl(wm_context *ctx, int thread)
{
	struct pull p = {0, NULL, 0};
	if (wm_convert_jsonl(ctx, pull_record, &p, WM_FORMAT_HTML, 0, sink,
	                     &p) != WM_OK)
		failed("--jsonl failed", thread);
	return p.out;
}

static void one_round(wm_context *ctx, wm_context *own, int thread,
                      char **result)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		size_t k = ((size_t)thread + i) % NFORMATS;
		result[k] = read_back(ctx, k, thread);
	}
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "wire",
	                        0);
	if (!feed)
		failed("the wire text is not read", thread);
	else
		write_all(ctx, feed, thread);
	wm_feed_free(feed);
	char *out = NULL;
	if (wm_convert(own, wire, strlen(wire), "wire", WM_FORMAT_HTML, 0, &out,
	               NULL) != WM_OK)
		failed("the template of one's own failed", thread);
	result[NFORMATS] = out;
	result[NFORMATS + 1] = convert_jsonl(ctx, thread);
}

static void *run(void *arg)
{
	int thread = (int)(size_t)arg;
	wm_context *ctx = shared ? shared_ctx : new_context(0);
	wm_context *own = shared ? shared_own : new_context(1);
	pthread_barrier_wait(&start);
	for (int r = 0; r < ROUNDS; r++) {
		char *result[NFORMATS + 2];
		one_round(ctx, own, thread, result);
		for (size_t k = 0; k < NFORMATS + 2; k++) {
			if (r == 0)
				results[thread][k] = result[k];
			else if (!result[k] || !results[thread][k] ||
			         strcmp(result[k], results[thread][k]))
				failed("a round differs from the first", thread);
			if (r > 0)
				free(result[k]);
		}
	}
	if (!shared) {
		wm_context_free(ctx);
		wm_context_free(own);
	}
	return NULL;
}

/* The writers need no library: the main thread writes the feed before
 * the threads start, so that they are first to load them. */
static void write_reference(void)
{
	wm_context *ctx = new_context(0);
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "wire",
	                        0);
	for (size_t k = 0; feed && k < NFORMATS; k++)
		for (unsigned opts = 0; opts <= WM_WRITE_STANDALONE; opts++)
			if (wm_write(ctx, feed, formats[k], opts, &written[k][opts],
			             NULL) != WM_OK)
				failed("the main thread cannot write", -1);
	if (!feed)
		failed("the main thread cannot read", -1);
	wm_feed_free(feed);
	wm_context_free(ctx);
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 8;
	if (argc < 2 || (strcmp(argv[1], "own") && strcmp(argv[1], "shared")) ||
	    n < 1 || n > MAX_THREADS) {
		fprintf(stderr, "usage: test-threads own|shared [THREADS]\n");
		return 2;
	}
	shared = strcmp(argv[1], "shared") == 0;
	write_reference();
	if (shared) {
		shared_ctx = new_context(0);
		shared_own = new_context(1);
	}
	pthread_t t[MAX_THREADS];
	pthread_barrier_init(&start, NULL, (unsigned)n);
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, run, (void *)(size_t)i);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < NFORMATS + 2; k++) {
			if (!results[i][k] || strcmp(results[i][k], results[0][k]))
				failed("a result differs from thread 0's", i);
			if (i)
				free(results[i][k]);
		}
	for (size_t k = 0; k < NFORMATS + 2; k++)
		free(results[0][k]);
	for (size_t k = 0; k < NFORMATS; k++)
		for (int s = 0; s < 2; s++)
			free(written[k][s]);
	wm_context_free(shared_ctx);
	wm_context_free(shared_own);
	pthread_barrier_destroy(&start);
	unsigned e = atomic_load(&errors);
	printf("threads (%s, %d): %u errors\n", argv[1], n, e);
	return e ? 1 : 0;
}
