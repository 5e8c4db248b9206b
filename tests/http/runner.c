/* runner.c — HTTP tests as data. Starts minka in-process on a free port over a
 * fresh database (the real territory and the demo municipality), then plays each
 * tests/http/NAME.t file: requests in, expected status, headers and body fragments
 * out. Prints "http: N passed, N failed" (one test per file).
 *
 * File format (see tests/http/README.md):
 *   # comment
 *   > GET /path                request line; following "> " lines are headers,
 *   > Header: value            a lone ">" starts the body, whose "> " lines are
 *   >                          joined with "\n"
 *   > body
 *   ! raw                      send the request exactly as written (CRLF), no
 *                              automatic headers
 *   ! body-size N              a body of N bytes ("a=" then 'x's), form-encoded
 *   ! crlf                     the body's lines end in CRLF (multipart/form-data)
 *   < 200                      expected status ("< closed": no answer at all)
 *   < header Name: fragment    a response header contains fragment
 *   < !header Name             the header is absent
 *   < contains text            the body contains text
 *   < !contains text           the body does not contain text
 *   < capture NAME prefix      saves the text after prefix (up to " < & or space)
 *                              for {{NAME}} in later requests of the file
 * Cookies set by responses are sent back within the same file. */
#include "core/compat.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "domain/account.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/territory.h"
#include "store/db.h"
#include "web/server.h"
#include "web/tmpl.h"

#include <arpa/inet.h>
#include <signal.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define MAX_VARS 32

struct vars {
	char *name[MAX_VARS];
	char *value[MAX_VARS];
	int n;
	char cookies[4096];
};

static int port;

static void var_set(struct vars *v, const char *name, const char *value)
{
	for (int i = 0; i < v->n; i++)
		if (str_eq(v->name[i], name)) {
			free(v->value[i]);
			v->value[i] = xstrdup(value);
			return;
		}
	if (v->n < MAX_VARS) {
		v->name[v->n] = xstrdup(name);
		v->value[v->n] = xstrdup(value);
		v->n++;
	}
}

static void vars_free(struct vars *v)
{
	for (int i = 0; i < v->n; i++) {
		free(v->name[i]);
		free(v->value[i]);
	}
	v->n = 0;
}

/* Replaces {{NAME}} with captured values. */
static void substitute(const struct vars *v, const char *in, struct buf *out)
{
	while (*in) {
		const char *o = strstr(in, "{{");
		const char *c = o ? strstr(o, "}}") : NULL;
		if (!o || !c) {
			buf_appends(out, in);
			return;
		}
		buf_append(out, in, (size_t)(o - in));
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(c - o - 2), o + 2);
		const char *val = NULL;
		for (int i = 0; i < v->n; i++)
			if (str_eq(v->name[i], name))
				val = v->value[i];
		if (val)
			buf_appends(out, val);
		else
			buf_append(out, o, (size_t)(c + 2 - o));
		in = c + 2;
	}
}

static void cookie_store(struct vars *v, const char *set_cookie)
{
	/* name=value; attrs... -> keep name=value, replacing the same name */
	char nv[1024];
	snprintf(nv, sizeof nv, "%.*s", (int)strcspn(set_cookie, ";"), set_cookie);
	size_t nlen = strcspn(nv, "=");
	char out[4096] = "";
	const char *p = v->cookies;
	while (*p) {
		size_t len = strcspn(p, ";");
		if (!(len > nlen && strncmp(p, nv, nlen) == 0 && p[nlen] == '='))
			snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.*s", out[0] ? "; " : "", (int)len, p);
		p += len;
		while (*p == ';' || *p == ' ')
			p++;
	}
	bool expired = strstr(set_cookie, "Max-Age=0") != NULL || nv[nlen + 1] == '\0';
	if (!expired)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", out[0] ? "; " : "", nv);
	snprintf(v->cookies, sizeof v->cookies, "%s", out);
}

static int exchange(const char *req, size_t len, struct buf *resp)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t n = send(fd, req + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break; /* the server may answer (413) and close before reading it all */
		off += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	char chunk[65536];
	ssize_t n;
	while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
		buf_append(resp, chunk, (size_t)n);
	close(fd);
	return 0;
}

struct expect {
	int status;
	struct buf checks; /* lines */
};

static bool header_value(const char *head, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	for (const char *p = head; p && *p;) {
		const char *eol = strstr(p, "\r\n");
		if (!eol)
			break;
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (*v == ' ')
				v++;
			snprintf(out, n, "%.*s", (int)(eol - v), v);
			return true;
		}
		p = eol + 2;
	}
	return false;
}

/* Runs one request block and its expectations; returns failures. */
static int run_block(const char *file, int lineno, struct vars *v, struct buf *reqtext, bool raw, bool crlf,
		     long body_size, const struct buf *expects)
{
	struct buf req, resp;
	buf_init(&req, 0);
	buf_init(&resp, 0);
	struct buf sub;
	buf_init(&sub, 0);
	substitute(v, buf_cstr(reqtext), &sub);
	int failures = 0;
	if (raw) {
		for (const char *p = buf_cstr(&sub); *p; p++) {
			if (*p == '\n')
				buf_appends(&req, "\r\n");
			else
				buf_appendc(&req, *p);
		}
		buf_appends(&req, "\r\n");
	} else {
		/* split: request line, headers, blank, body */
		const char *s = buf_cstr(&sub);
		const char *sep = strstr(s, "\n\n");
		size_t head_len = sep ? (size_t)(sep - s) : strlen(s);
		const char *body = sep ? sep + 2 : NULL;
		const char *first_nl = memchr(s, '\n', head_len);
		size_t line_len = first_nl ? (size_t)(first_nl - s) : head_len;
		buf_append(&req, s, line_len);
		if (!strstr(buf_cstr(&req), " HTTP/"))
			buf_appends(&req, " HTTP/1.1");
		buf_appends(&req, "\r\nHost: localhost\r\nConnection: close\r\n");
		if (v->cookies[0])
			buf_appendf(&req, "Cookie: %s\r\n", v->cookies);
		if (first_nl) {
			const char *h = first_nl + 1, *hend = s + head_len;
			while (h < hend) {
				const char *e = memchr(h, '\n', (size_t)(hend - h));
				if (!e)
					e = hend;
				buf_append(&req, h, (size_t)(e - h));
				buf_appends(&req, "\r\n");
				h = e + 1;
			}
		}
		struct buf b;
		buf_init(&b, 0);
		if (body_size > 0) {
			buf_appends(&b, "a=");
			for (long i = 2; i < body_size; i++)
				buf_appendc(&b, 'x');
			if (!strstr(buf_cstr(&req), "Content-Type"))
				buf_appends(&req, "Content-Type: application/x-www-form-urlencoded\r\n");
		} else if (body && crlf) {
			for (const char *p = body; *p; p++) {
				if (*p == '\n')
					buf_appendc(&b, '\r');
				buf_appendc(&b, *p);
			}
		} else if (body) {
			buf_appends(&b, body);
		}
		if (b.len || body)
			buf_appendf(&req, "Content-Length: %zu\r\n", b.len);
		buf_appends(&req, "\r\n");
		buf_append(&req, buf_cstr(&b), b.len);
		buf_release(&b);
	}
	if (exchange(buf_cstr(&req), req.len, &resp) != 0) {
		fprintf(stderr, "  %s:%d: cannot connect\n", file, lineno);
		failures++;
		goto out;
	}
	const char *r = buf_cstr(&resp);
	const char *hend = strstr(r, "\r\n\r\n");
	char head[16384] = "";
	snprintf(head, sizeof head, "%.*s\r\n", hend ? (int)(hend - r) : (int)resp.len, r);
	const char *body = hend ? hend + 4 : "";
	int status = 0;
	if (sscanf(r, "HTTP/1.%*d %d", &status) != 1)
		status = -1;
	/* remember cookies */
	for (const char *p = head; (p = strstr(p, "\r\nSet-Cookie:"));) {
		p += 13;
		while (*p == ' ')
			p++;
		char cv[1024];
		snprintf(cv, sizeof cv, "%.*s", (int)strcspn(p, "\r"), p);
		cookie_store(v, cv);
	}
	for (const char *line = buf_cstr(expects); *line;) {
		const char *eol = strchr(line, '\n');
		char raw_line[4096];
		snprintf(raw_line, sizeof raw_line, "%.*s", eol ? (int)(eol - line) : (int)strlen(line), line);
		line = eol ? eol + 1 : line + strlen(line);
		struct buf exp;
		buf_init(&exp, 0);
		substitute(v, raw_line, &exp);
		const char *x = buf_cstr(&exp);
		bool ok;
		if (isdigit((unsigned char)x[0])) {
			ok = status == (int)strtol(x, NULL, 10);
		} else if (str_eq(x, "closed")) {
			ok = resp.len == 0;
		} else if (str_starts(x, "contains ")) {
			ok = strstr(body, x + 9) != NULL;
		} else if (str_starts(x, "!contains ")) {
			ok = strstr(body, x + 10) == NULL;
		} else if (str_starts(x, "header ")) {
			const char *nm = x + 7;
			const char *colon = strchr(nm, ':');
			char name[128], val[4096];
			snprintf(name, sizeof name, "%.*s", colon ? (int)(colon - nm) : (int)strlen(nm), nm);
			const char *frag = colon ? colon + 1 : "";
			while (*frag == ' ')
				frag++;
			ok = header_value(head, name, val, sizeof val) && strstr(val, frag) != NULL;
		} else if (str_starts(x, "!header ")) {
			char val[4096];
			ok = !header_value(head, x + 8, val, sizeof val);
		} else if (str_starts(x, "capture ")) {
			char name[64];
			const char *sp = strchr(x + 8, ' ');
			snprintf(name, sizeof name, "%.*s", sp ? (int)(sp - x - 8) : 0, x + 8);
			const char *prefix = sp ? sp + 1 : "";
			const char *at = *prefix ? strstr(r, prefix) : NULL;
			ok = at != NULL && name[0];
			if (ok) {
				at += strlen(prefix);
				char val[1024];
				snprintf(val, sizeof val, "%.*s", (int)strcspn(at, "\"<&; \r\n?#"), at);
				var_set(v, name, val);
			}
		} else {
			fprintf(stderr, "  %s:%d: unknown expectation \"%s\"\n", file, lineno, x);
			ok = false;
		}
		if (!ok) {
			failures++;
			fprintf(stderr, "  %s:%d: expected %s (status %d)\n", file, lineno, x, status);
		}
		buf_release(&exp);
	}
	if (failures) {
		fprintf(stderr, "  --- response ---\n%.*s\n  ---\n", getenv("MINKA_TEST_FULL") ? 1 << 24 : 1500, r);
	}
out:
	buf_release(&sub);
	buf_release(&req);
	buf_release(&resp);
	return failures;
}

/* Plays one test file; returns the number of failed expectations. */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "  %s: cannot open\n", path);
		return 1;
	}
	struct vars v = { .n = 0 };
	v.cookies[0] = '\0';
	struct buf req, exp;
	buf_init(&req, 0);
	buf_init(&exp, 0);
	bool raw = false, crlf = false, in_body = false, have_req = false;
	int body_lines = 0;
	long body_size = 0;
	int failures = 0, lineno = 0, req_line = 0;
	char line[8192];
	for (;;) {
		bool eof = !fgets(line, sizeof line, f);
		if (!eof) {
			lineno++;
			line[strcspn(line, "\n")] = '\0';
		}
		/* a request line or a directive after expectations starts the next block */
		bool new_req = !eof && (line[0] == '>' || line[0] == '!') && have_req && exp.len;
		if ((eof || new_req) && have_req) {
			failures += run_block(path, req_line, &v, &req, raw, crlf, body_size, &exp);
			buf_reset(&req);
			buf_reset(&exp);
			raw = crlf = in_body = have_req = false;
			body_lines = 0;
			body_size = 0;
		}
		if (eof)
			break;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == '>') {
			if (!have_req) {
				have_req = true;
				req_line = lineno;
			}
			const char *content = line[1] == ' ' ? line + 2 : line + 1;
			if (!*content && !in_body && !raw) {
				in_body = true;
				buf_appends(&req, "\n\n");
				continue;
			}
			if (in_body && body_lines++ > 0)
				buf_appendc(&req, '\n'); /* blank body lines are kept (multipart) */
			else if (!in_body && req.len)
				buf_appendc(&req, '\n');
			buf_appends(&req, content);
		} else if (line[0] == '!') {
			if (!have_req) {
				have_req = true;
				req_line = lineno;
			}
			if (str_eq(line, "! raw"))
				raw = true;
			else if (str_eq(line, "! crlf"))
				crlf = true;
			else if (str_starts(line, "! body-size "))
				body_size = strtol(line + 12, NULL, 10);
		} else if (line[0] == '<') {
			buf_appends(&exp, line[1] == ' ' ? line + 2 : line + 1);
			buf_appendc(&exp, '\n');
		} else {
			fprintf(stderr, "  %s:%d: cannot parse line\n", path, lineno);
			failures++;
		}
	}
	fclose(f);
	buf_release(&req);
	buf_release(&exp);
	vars_free(&v);
	return failures;
}

static int setup(const char *url, struct db **out, struct err *e)
{
	struct db *db;
	int rc = db_open(url, 8, &db, e);
	if (rc)
		return rc;
	if (getenv("MINKA_TEST_DB") && *getenv("MINKA_TEST_DB")) {
		struct db_conn *c = db_acquire(db, e);
		if (!c)
			return e->code;
		rc = db_exec_script(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", e);
		db_release(c);
		if (rc)
			return rc;
	}
	int version;
	rc = db_migrate(db, &version, e);
	if (rc)
		return rc;
	const char *data = getenv("MINKA_DATA");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/peru-ubigeo", data && *data ? data : "data");
	struct db_conn *c = db_acquire(db, e);
	struct territory_import_stats st;
	struct actor who;
	actor_cli(&who);
	rc = c ? territory_import_dir(c, &who, clock_now(), dir, &st, e) : e->code;
	if (!rc)
		rc = demo_seed(c, &who, clock_now(), e);
	if (!rc)
		rc = demo_seed_pb(c, &who, clock_now(), e);
	/* the region's real indicators, as `minka init --demo` imports them */
	if (!rc) {
		struct indicator_import_stats ist;
		json_t *rejected = NULL;
		snprintf(dir, sizeof dir, "%s/%s", data && *data ? data : "data", DEMO_MEASUREMENTS_DIR);
		rc = indicator_import_dir(c, &who, clock_now(), dir, &ist, &rejected, e);
		json_decref(rejected);
	}
	db_release(c);
	*out = db;
	return rc;
}

int main(int argc, char **argv)
{
	log_set_level(getenv("MINKA_LOG") ? (enum log_level)log_level_parse(getenv("MINKA_LOG")) : LOG_OFF);
	signal(SIGPIPE, SIG_IGN);
	account_set_hash_cost(true); /* argon2id at its minimum cost: tests sign in often */
	struct err e;
	err_init(&e, NULL);
	char dbpath[256];
	const char *pg = getenv("MINKA_TEST_DB");
	char tmpl[] = "/tmp/minka-http-XXXXXX";
	char *dir = NULL;
	if (pg && *pg) {
		snprintf(dbpath, sizeof dbpath, "%s", pg);
	} else {
		dir = mkdtemp(tmpl);
		if (!dir) {
			perror("mkdtemp");
			return 1;
		}
		snprintf(dbpath, sizeof dbpath, "%s/http.db", dir);
	}
	struct db *db = NULL;
	if (setup(dbpath, &db, &e)) {
		fprintf(stderr, "http: setup failed: %s\n", e.msg);
		return 1;
	}
	static struct app app;
	app.max_body = 1 << 20;
	if (app_init(&app, db, &e)) {
		fprintf(stderr, "http: %s\n", e.msg);
		return 1;
	}
	struct server *srv;
	if (server_start(&app, 0, 4, &srv, &e)) {
		fprintf(stderr, "http: %s\n", e.msg);
		return 1;
	}
	port = server_port(srv);
	int passed = 0, failed = 0;
	for (int i = 1; i < argc; i++) {
		int f = run_file(argv[i]);
		if (f) {
			failed++;
			fprintf(stderr, "FAIL %s\n", argv[i]);
		} else {
			passed++;
		}
	}
	server_stop(srv);
	tmpl_shutdown();
	i18n_shutdown();
	db_close(db);
	if (dir) {
		char path[300];
		snprintf(path, sizeof path, "%s/http.db", dir);
		unlink(path);
		snprintf(path, sizeof path, "%s/http.db-wal", dir);
		unlink(path);
		snprintf(path, sizeof path, "%s/http.db-shm", dir);
		unlink(path);
		rmdir(dir);
	}
	printf("http: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
