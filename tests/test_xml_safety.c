/* Safe XML by construction: the libxml2 readers (-f tei, -f html, -f nitf,
 * -f newsml) and
 * wm_validate never expand an entity bomb, read a file through an external
 * entity or DTD, open a network connection, or crash on deep nesting. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "wiremark.h"

/* Every message, one a line, as "FILE:LINE:COL: error|warning: text". */
typedef struct messages {
	char text[16384];
	size_t len;
	unsigned errors;
	wm_diag_code first_code;
} messages;

static void collect(const wm_diag *d, void *userdata)
{
	messages *m = userdata;
	if (d->severity == WM_SEVERITY_ERROR && m->errors++ == 0)
		m->first_code = d->code;
	if (m->len < sizeof m->text)
		m->len += (size_t)snprintf(m->text + m->len, sizeof m->text - m->len,
		                           "%s:%u:%u: %s: %s\n", d->file, d->line,
		                           d->col,
		                           d->severity == WM_SEVERITY_ERROR
		                               ? "error" : "warning",
		                           d->message);
}

static wm_context *context(messages *m)
{
	memset(m, 0, sizeof *m);
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, collect, m);
	return ctx;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The text of every output a feed makes (JSON: every field), or "". */
static char *as_json(wm_context *ctx, const wm_feed *feed)
{
	char *out = NULL;
	if (!feed || wm_write(ctx, feed, WM_FORMAT_JSON, 0, &out, NULL) != WM_OK)
		return strdup("");
	return out;
}

/* ---- documents ----------------------------------------------------------- */

#define SECRET "wm-secret-7f3a9c-never-to-be-read"

/* A file holding SECRET (and, for a DTD, an entity giving it); its path in
 * path. */
static void secret_file(char *path, size_t size, const char *suffix,
                        const char *text)
{
	char dir[] = "/tmp/wm-xml-safety-XXXXXX";
	cr_assert(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
	snprintf(path, size, "%s/secret%s", dir, suffix);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	cr_assert(fd >= 0, "%s: %s", path, strerror(errno));
	cr_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

static void remove_secret(const char *path)
{
	unlink(path);
	char dir[64];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	rmdir(dir);
}

static const char bomb_tei[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE TEI [\n"
	" <!ENTITY lol \"lol\">\n"
	" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	"]>\n"
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>\n"
	"<head>BOMB</head><p>&lol9;</p></body></text></TEI>\n";

/* A document: head (a prolog, may declare things), then an article whose
 * paragraph holds body.  format: TEI or HTML. */
static char *doc_with(wm_format format, const char *prolog, const char *body)
{
	size_t n = strlen(prolog) + strlen(body) + 512;
	char *s = malloc(n);
	cr_assert(s);
	if (format == WM_FORMAT_TEI)
		snprintf(s, n, "<?xml version=\"1.0\"?>\n%s\n"
		         "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>\n"
		         "<head>HEADLINE</head><p>Text %s here.</p></body></text>"
		         "</TEI>\n", prolog, body);
	else if (format == WM_FORMAT_NITF)
		snprintf(s, n, "<?xml version=\"1.0\"?>\n%s\n<nitf><body>\n"
		         "<body.head><hedline><hl1>HEADLINE</hl1></hedline>"
		         "</body.head><body.content><p>Text %s here.</p>"
		         "</body.content></body></nitf>\n", prolog, body);
	else if (format == WM_FORMAT_NEWSML)
		snprintf(s, n, "<?xml version=\"1.0\"?>\n%s\n<newsItem>\n"
		         "<contentMeta><headline>HEADLINE</headline></contentMeta>"
		         "<contentSet><inlineData contenttype=\"text/plain\">Text %s "
		         "here.</inlineData></contentSet></newsItem>\n", prolog, body);
	else
		snprintf(s, n, "%s\n<html><body><h1>HEADLINE</h1><p>Text %s "
		         "here.</p></body></html>\n", prolog, body);
	return s;
}

/* The root element of doc_with's documents. */
static const char *root_of(wm_format format)
{
	return format == WM_FORMAT_TEI      ? "TEI"
	       : format == WM_FORMAT_NITF   ? "nitf"
	       : format == WM_FORMAT_NEWSML ? "newsItem"
	                                    : "html";
}

/* depth nested elements around a headline, in TEI or HTML. */
static char *deep_doc(wm_format format, size_t depth)
{
	size_t n = depth * 12 + 400;
	char *s = malloc(n);
	cr_assert(s);
	size_t k = (size_t)snprintf(s, n, "%s",
	                            format == WM_FORMAT_TEI
	                                ? "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
	                                  "<text><body>"
	                                : "<html><body><h1>HEADLINE</h1>");
	for (size_t i = 0; i < depth; i++) {
		memcpy(s + k, "<div>", 5);
		k += 5;
	}
	k += (size_t)snprintf(s + k, n - k, "%s",
	                      format == WM_FORMAT_TEI
	                          ? "<head>DEEP</head><p>x</p>" : "<p>x</p>");
	for (size_t i = 0; i < depth && k + 7 < n; i++) {
		memcpy(s + k, "</div>", 6);
		k += 6;
	}
	snprintf(s + k, n - k, "%s",
	         format == WM_FORMAT_TEI ? "</body></text></TEI>\n"
	                                 : "</body></html>\n");
	return s;
}

/* A TCP port on 127.0.0.1 listening (non-blocking), to tell whether a
 * parser connected to it. */
static int listener(int *port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert(fd >= 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert(bind(fd, (struct sockaddr *)&a, sizeof a) == 0);
	cr_assert(listen(fd, 4) == 0);
	socklen_t len = sizeof a;
	cr_assert(getsockname(fd, (struct sockaddr *)&a, &len) == 0);
	*port = ntohs(a.sin_port);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static int was_connected(int fd)
{
	int c = accept(fd, NULL, NULL);
	if (c >= 0) {
		close(c);
		return 1;
	}
	return 0;
}

/* ---- entity-expansion bombs ---------------------------------------------- */

Test(xml_safety, billion_laughs_tei_refused_quickly)
{
	messages m;
	wm_context *ctx = context(&m);
	double t = now();
	wm_feed *f = wm_read(ctx, WM_FORMAT_TEI, bomb_tei, strlen(bomb_tei),
	                     "bomb.xml", 0);
	t = now() - t;
	cr_expect_null(f);
	cr_expect_lt(t, 1.0, "took %.2f s", t);
	cr_expect_eq(m.first_code, WM_DIAG_MALFORMED);
	cr_expect(strstr(m.text, "bomb.xml:3:") &&
	          strstr(m.text, "declares the entity \"lol\": refused"),
	          "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* The same bomb before a NITF and a NewsML-G2 root: refused at once. */
static void bomb_refused(wm_format format)
{
	char *doc = doc_with(format,
	                     "<!DOCTYPE x [<!ENTITY lol \"lol\">\n"
	                     "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	                     "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;\">]>",
	                     "&lol2;&lol2;&lol2;");
	messages m;
	wm_context *ctx = context(&m);
	double t = now();
	wm_feed *f = wm_read(ctx, format, doc, strlen(doc), "bomb.xml", 0);
	t = now() - t;
	cr_expect_null(f);
	cr_expect_lt(t, 1.0, "took %.2f s", t);
	cr_expect_eq(m.first_code, WM_DIAG_MALFORMED);
	cr_expect(strstr(m.text, "bomb.xml:2:") &&
	          strstr(m.text, "declares the entity \"lol\": refused"),
	          "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
	free(doc);
}

Test(xml_safety, billion_laughs_nitf_refused) { bomb_refused(WM_FORMAT_NITF); }
Test(xml_safety, billion_laughs_newsml_refused) { bomb_refused(WM_FORMAT_NEWSML); }

Test(xml_safety, billion_laughs_html_not_expanded)
{
	/* the HTML parser reads no entity declaration: the DOCTYPE is left
	 * out and &lol9; stays text */
	messages m;
	wm_context *ctx = context(&m);
	char *doc = doc_with(WM_FORMAT_HTML,
	                     "<!DOCTYPE html [<!ENTITY lol \"lol\">"
	                     "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;\">"
	                     "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;\">]>",
	                     "&lol2;&lol2;&lol2;");
	double t = now();
	wm_feed *f = wm_read(ctx, WM_FORMAT_HTML, doc, strlen(doc), "bomb.html", 0);
	t = now() - t;
	cr_expect_lt(t, 1.0, "took %.2f s", t);
	char *json = as_json(ctx, f);
	cr_expect_null(strstr(json, "lollol"), "expanded: %s", json);
	cr_expect(strlen(json) < 4096);
	free(json);
	free(doc);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(xml_safety, billion_laughs_validate_refused_quickly)
{
	messages m;
	wm_context *ctx = context(&m);
	static const char wire[] = "HEADLINE\n\nText here.\n";
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "-", 0);
	cr_assert_not_null(f);
	double t = now();
	int rc = wm_validate(ctx, f, WM_FORMAT_TEI, 0, bomb_tei, strlen(bomb_tei),
	                     "out.xml");
	t = now() - t;
	cr_expect_eq(rc, WM_ERR_INPUT);
	cr_expect_lt(t, 1.0, "took %.2f s", t);
	cr_expect(strstr(m.text, "out.xml:3:") && strstr(m.text, "refused"),
	          "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- external entities and DTDs ------------------------------------------ */

/* An external entity naming path (and /etc/passwd) is never read: reading
 * fails or leaves the reference out; the file's text is in no output and no
 * message. */
static void external_entity(wm_format format, int validate)
{
	char path[64];
	secret_file(path, sizeof path, ".txt", SECRET "\n");
	char prolog[512];
	snprintf(prolog, sizeof prolog,
	         "<!DOCTYPE %s [<!ENTITY sec SYSTEM \"file://%s\">"
	         "<!ENTITY pw SYSTEM \"file:///etc/passwd\">]>",
	         root_of(format), path);
	char *doc = doc_with(format, prolog, "&sec; &pw;");
	messages m;
	wm_context *ctx = context(&m);
	char *json;
	if (validate) {
		static const char wire[] = "HEADLINE\n\nText here.\n";
		wm_feed *w = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "-", 0);
		cr_assert_not_null(w);
		int rc = wm_validate(ctx, w, format, 0, doc, strlen(doc), "out");
		if (format == WM_FORMAT_TEI)
			cr_expect_eq(rc, WM_ERR_INPUT, "%s", m.text);
		wm_feed_free(w);
		json = strdup("");
	} else {
		wm_feed *f = wm_read(ctx, format, doc, strlen(doc), "xxe", 0);
		if (format != WM_FORMAT_HTML) {
			cr_expect_null(f);
			cr_expect(strstr(m.text, "declares the entity \"sec\": refused"),
			          "%s", m.text);
		}
		json = as_json(ctx, f);
		wm_feed_free(f);
	}
	cr_expect_null(strstr(json, SECRET), "read the file: %s", json);
	cr_expect_null(strstr(json, "root:"), "read /etc/passwd: %s", json);
	cr_expect_null(strstr(m.text, SECRET), "%s", m.text);
	cr_expect_null(strstr(m.text, "root:"), "%s", m.text);
	free(json);
	free(doc);
	remove_secret(path);
	wm_context_free(ctx);
}

Test(xml_safety, external_entity_tei) { external_entity(WM_FORMAT_TEI, 0); }
Test(xml_safety, external_entity_html) { external_entity(WM_FORMAT_HTML, 0); }
Test(xml_safety, external_entity_nitf) { external_entity(WM_FORMAT_NITF, 0); }
Test(xml_safety, external_entity_newsml) { external_entity(WM_FORMAT_NEWSML, 0); }
Test(xml_safety, external_entity_validate_tei) { external_entity(WM_FORMAT_TEI, 1); }
Test(xml_safety, external_entity_validate_html) { external_entity(WM_FORMAT_HTML, 1); }

/* An external DTD is not loaded: the entity it declares stays unknown (left
 * out), its text in no output; a DTD on the network is not fetched. */
static void external_dtd(wm_format format, int validate)
{
	char dtd[64];
	secret_file(dtd, sizeof dtd, ".dtd",
	            "<!ENTITY sec \"" SECRET "\">\n"
	            "<!ATTLIST p rend CDATA \"" SECRET "\">\n");
	int port;
	int net = listener(&port);
	const char *root = root_of(format);
	for (int remote = 0; remote < 2; remote++) {
		char prolog[512];
		if (remote)
			snprintf(prolog, sizeof prolog,
			         "<!DOCTYPE %s SYSTEM \"http://127.0.0.1:%d/x.dtd\">",
			         root, port);
		else
			snprintf(prolog, sizeof prolog,
			         "<!DOCTYPE %s SYSTEM \"file://%s\">", root, dtd);
		char *doc = doc_with(format, prolog, "&sec;");
		messages m;
		wm_context *ctx = context(&m);
		char *json = strdup("");
		if (validate) {
			static const char wire[] = "HEADLINE\n\nText here.\n";
			wm_feed *w = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire),
			                     "-", 0);
			cr_assert_not_null(w);
			wm_validate(ctx, w, format, 0, doc, strlen(doc), "out");
			wm_feed_free(w);
		} else {
			wm_feed *f = wm_read(ctx, format, doc, strlen(doc), "dtd", 0);
			cr_expect_not_null(f, "%s", m.text);
			free(json);
			json = as_json(ctx, f);
			cr_expect(strstr(json, "HEADLINE"), "%s", json);
			wm_feed_free(f);
		}
		cr_expect_null(strstr(json, SECRET), "the DTD was loaded: %s", json);
		cr_expect_null(strstr(m.text, SECRET), "%s", m.text);
		cr_expect_not(was_connected(net), "the parser fetched the DTD");
		free(json);
		free(doc);
		wm_context_free(ctx);
	}
	close(net);
	remove_secret(dtd);
}

Test(xml_safety, external_dtd_tei) { external_dtd(WM_FORMAT_TEI, 0); }
Test(xml_safety, external_dtd_html) { external_dtd(WM_FORMAT_HTML, 0); }
Test(xml_safety, external_dtd_nitf) { external_dtd(WM_FORMAT_NITF, 0); }
Test(xml_safety, external_dtd_newsml) { external_dtd(WM_FORMAT_NEWSML, 0); }
Test(xml_safety, external_dtd_validate_tei) { external_dtd(WM_FORMAT_TEI, 1); }
Test(xml_safety, external_dtd_validate_html) { external_dtd(WM_FORMAT_HTML, 1); }

/* A parameter entity pointing to the network: refused, nothing fetched. */
Test(xml_safety, parameter_entity_network)
{
	int port;
	int net = listener(&port);
	char prolog[256];
	snprintf(prolog, sizeof prolog,
	         "<!DOCTYPE TEI [<!ENTITY %% ext SYSTEM "
	         "\"http://127.0.0.1:%d/e\"> %%ext;]>", port);
	char *doc = doc_with(WM_FORMAT_TEI, prolog, "");
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = wm_read(ctx, WM_FORMAT_TEI, doc, strlen(doc), "pe.xml", 0);
	cr_expect_null(f);
	cr_expect(strstr(m.text, "pe.xml:2:") && strstr(m.text, "refused"),
	          "%s", m.text);
	cr_expect_not(was_connected(net), "the parser fetched the entity");
	wm_feed_free(f);
	free(doc);
	close(net);
	wm_context_free(ctx);
}

/* ---- deep nesting -------------------------------------------------------- */

static void deep(wm_format format, int validate)
{
	char *doc = deep_doc(format, 100000);
	messages m;
	wm_context *ctx = context(&m);
	double t = now();
	if (validate) {
		static const char wire[] = "HEADLINE\n\nText here.\n";
		wm_feed *w = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "-", 0);
		cr_assert_not_null(w);
		int rc = wm_validate(ctx, w, format, 0, doc, strlen(doc), "deep.out");
		cr_expect_eq(rc, WM_ERR_INPUT);
		wm_feed_free(w);
	} else {
		wm_feed *f = wm_read(ctx, format, doc, strlen(doc), "deep.in", 0);
		cr_expect_null(f);
		cr_expect_eq(m.first_code, WM_DIAG_MALFORMED);
		wm_feed_free(f);
	}
	t = now() - t;
	cr_expect_lt(t, 2.0, "took %.2f s", t);
	cr_expect(m.errors > 0);
	if (!validate || format == WM_FORMAT_TEI)
		cr_expect(strstr(m.text, ":1:") &&
		          strstr(m.text, "nested more than 256 deep: refused"),
		          "%s", m.text);
	free(doc);
	wm_context_free(ctx);
}

Test(xml_safety, deep_nesting_tei) { deep(WM_FORMAT_TEI, 0); }
Test(xml_safety, deep_nesting_html) { deep(WM_FORMAT_HTML, 0); }
Test(xml_safety, deep_nesting_validate_tei) { deep(WM_FORMAT_TEI, 1); }
Test(xml_safety, deep_nesting_validate_html) { deep(WM_FORMAT_HTML, 1); }

/* Nesting below the limit is read. */
Test(xml_safety, nesting_within_limit_read)
{
	for (int fmt = 0; fmt < 2; fmt++) {
		wm_format format = fmt ? WM_FORMAT_HTML : WM_FORMAT_TEI;
		char *doc = deep_doc(format, 100);
		messages m;
		wm_context *ctx = context(&m);
		wm_feed *f = wm_read(ctx, format, doc, strlen(doc), "ok", 0);
		cr_expect_not_null(f, "%s", m.text);
		wm_feed_free(f);
		free(doc);
		wm_context_free(ctx);
	}
}

/* A program's own libxml2 loader is kept for its own parsers: wiremark's
 * loader only refuses for wiremark's parsers (checked through the public
 * API: reading twice gives the same, safe, result). */
Test(xml_safety, repeated_reads_stay_safe)
{
	for (int i = 0; i < 3; i++)
		external_entity(WM_FORMAT_TEI, 0);
}
