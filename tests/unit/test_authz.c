/* test_authz.c — the authorization matrix (tests/authz/matrix.txt) played
 * against a real server: every route × anonymous and every role. Generated from
 * the route table: a route without a line in the matrix fails the test, and so
 * does a line for a route that no longer exists. Also: CSRF missing or wrong is
 * refused with 403, and an expired session sends pages to the sign-in form. */
#include "core/compat.h"
#include "test.h"
#include "core/buf.h"
#include "domain/account.h"
#include "domain/demo.h"
#include "store/db.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#define NROLES 7 /* anonymous + the six roles */
static const char *const role_cols[NROLES] = { "anon", "admin", "planner", "council", "agent", "vigilance", "citizen" };
static const char *const role_email[NROLES] = { NULL, "admin@demo.minka.pe", "planificacion@demo.minka.pe",
						 "consejo@demo.minka.pe", "agente@demo.minka.pe",
						 "vigilancia@demo.minka.pe", "vecina@demo.minka.pe" };

static struct db *db;
static struct server *srv;
static int port;

static void start(void)
{
	if (srv)
		return;
	db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c && demo_seed(c, &(struct actor){ .name = "test" }, time(NULL), &e) == 0);
	REQUIRE(demo_seed_pb(c, &(struct actor){ .name = "test" }, time(NULL), &e) == 0);
	db_release(c);
	static struct app app;
	REQUIRE(app_init(&app, db, &e) == 0);
	REQUIRE(server_start(&app, 0, 2, &srv, &e) == 0);
	port = server_port(srv);
}

/* A fresh session for a role column (0 = none): cookie header and CSRF token. */
static void session_for(int col, char *cookie, size_t n, char *csrf)
{
	cookie[0] = csrf[0] = '\0';
	if (col == 0)
		return;
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	struct account a;
	REQUIRE(c && account_find_email(c, role_email[col], &a, &e) == 0);
	char tok[TOKEN_TEXT_MAX];
	struct session s;
	REQUIRE(session_start(c, &a, time(NULL), "127.0.0.1", tok, &s, &e) == 0);
	db_release(c);
	snprintf(cookie, n, "Cookie: minka_session=%s\r\n", tok);
	snprintf(csrf, CSRF_TEXT_MAX, "%s", s.csrf);
}

static int request(const char *raw, struct buf *out)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE(fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0);
	REQUIRE(send(fd, raw, strlen(raw), MSG_NOSIGNAL) == (ssize_t)strlen(raw));
	buf_reset(out);
	char chunk[16384];
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 5000) <= 0)
			break;
		ssize_t k = recv(fd, chunk, sizeof chunk, 0);
		if (k <= 0)
			break;
		buf_append(out, chunk, (size_t)k);
	}
	close(fd);
	int status = 0;
	sscanf(buf_cstr(out), "HTTP/1.1 %d", &status);
	return status;
}

/* Replaces {placeholders} with sample values that exist in the demo. */
static void sample_path(const char *pattern, char *out, size_t n)
{
	size_t j = 0;
	for (const char *p = pattern; *p && j + 16 < n;) {
		if (*p != '{') {
			out[j++] = *p++;
			continue;
		}
		const char *end = strchr(p, '}');
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
		const char *v = str_eq(name, "code") ? "010101" : str_eq(name, "file") ? "minka.css"
							      : str_eq(name, "token") ? "rs_sample" : "1";
		j += (size_t)snprintf(out + j, n - j, "%s", v);
		p = end + 1;
	}
	out[j] = '\0';
}

/* 'A' or 'D' from a response. */
static char outcome(int status, const char *resp)
{
	if (status == 401 || status == 403)
		return 'D';
	if (status == 303 && strstr(resp, "\r\nLocation: /login?next="))
		return 'D';
	return 'A';
}

TEST(matrix_covers_every_route_and_holds)
{
	start();
	FILE *f = fopen("tests/authz/matrix.txt", "r");
	REQUIRE(f);
	char line[512];
	bool seen[1024] = { false };
	int cells = 0;
	REQUIRE(minka_routes_count < ARRAY_LEN(seen));
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char method[16], pattern[200], want[NROLES][4];
		int n = sscanf(line, "%15s %199s %3s %3s %3s %3s %3s %3s %3s", method, pattern, want[0], want[1], want[2],
			       want[3], want[4], want[5], want[6]);
		if (n != 2 + NROLES) {
			test_fail(__FILE__, __LINE__, "matrix.txt: cannot read \"%s\"", line);
			continue;
		}
		size_t k;
		for (k = 0; k < minka_routes_count; k++)
			if (str_eq(minka_routes[k].method, method) && str_eq(minka_routes[k].pattern, pattern))
				break;
		if (k == minka_routes_count) {
			test_fail(__FILE__, __LINE__, "matrix.txt names %s %s, which is not a route", method, pattern);
			continue;
		}
		seen[k] = true;
		char path[300];
		sample_path(pattern, path, sizeof path);
		for (int col = 0; col < NROLES; col++) {
			char cookie[160], csrf[CSRF_TEXT_MAX], raw[1024];
			session_for(col, cookie, sizeof cookie, csrf);
			bool post = str_eq(method, "POST");
			char body[200] = "";
			if (post) {
				/* a valid CSRF token: what is tested here is the role, not the form */
				if (col == 0)
					snprintf(body, sizeof body, "csrf=%064d", 0);
				else
					snprintf(body, sizeof body, "csrf=%s", csrf);
				if (col == 0)
					snprintf(cookie, sizeof cookie, "Cookie: minka_csrf=%064d\r\n", 0);
			}
			snprintf(raw, sizeof raw,
				 "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n%s%s%s\r\n%s", method, path, cookie,
				 post ? "Content-Type: application/x-www-form-urlencoded\r\n" : "",
				 post ? (char[64]){ 0 } : "", body);
			if (post) {
				char *cl = strstr(raw, "Content-Type: application/x-www-form-urlencoded\r\n");
				char tail[400];
				snprintf(tail, sizeof tail, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n%s",
					 strlen(body), body);
				snprintf(cl, sizeof raw - (size_t)(cl - raw), "%s", tail);
			}
			struct buf resp;
			buf_init(&resp, 0);
			int status = request(raw, &resp);
			char got = outcome(status, buf_cstr(&resp));
			cells++;
			if (got != want[col][0])
				test_fail(__FILE__, __LINE__, "%s %s as %s: expected %s, got %c (status %d)", method, pattern,
					  role_cols[col], want[col][0] == 'A' ? "allow" : "deny", got, status);
			buf_release(&resp);
		}
	}
	fclose(f);
	for (size_t k = 0; k < minka_routes_count; k++)
		if (!seen[k])
			test_fail(__FILE__, __LINE__, "route %s %s has no line in tests/authz/matrix.txt", minka_routes[k].method,
				  minka_routes[k].pattern);
	CHECK(cells >= (int)minka_routes_count * NROLES);
}

TEST(csrf_missing_or_wrong_is_refused)
{
	start();
	char cookie[160], csrf[CSRF_TEXT_MAX], raw[1024];
	struct buf resp;
	buf_init(&resp, 0);
	session_for(2, cookie, sizeof cookie, csrf);
	const char *bodies[] = { "name=x", "name=x&csrf=0000", "name=x&csrf=ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" };
	for (size_t i = 0; i < ARRAY_LEN(bodies); i++) {
		snprintf(raw, sizeof raw,
			 "POST /account/tokens HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%sContent-Type: application/x-www-form-urlencoded\r\n"
			 "Content-Length: %zu\r\n\r\n%s", cookie, strlen(bodies[i]), bodies[i]);
		CHECK_INT(request(raw, &resp), 403);
		CHECK_CONTAINS(buf_cstr(&resp), "formulario");
	}
	/* the header works as well as the field */
	snprintf(raw, sizeof raw,
		 "POST /account/tokens HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%sX-CSRF-Token: %s\r\n"
		 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nname=x", cookie, csrf);
	CHECK_INT(request(raw, &resp), 200);
	CHECK_CONTAINS(buf_cstr(&resp), "mk_");
	/* anonymous forms: the field must match the minka_csrf cookie */
	char body[200];
	snprintf(body, sizeof body, "email=a%%40b.pe&password=xxxxxxxxxx&csrf=%064d", 2);
	snprintf(raw, sizeof raw,
		 "POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: minka_csrf=%064d\r\n"
		 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n%s",
		 1, strlen(body), body);
	CHECK_INT(request(raw, &resp), 403);
	buf_release(&resp);
}

TEST(expired_or_unknown_session_goes_to_sign_in)
{
	start();
	struct buf resp;
	buf_init(&resp, 0);
	const char *raw = "GET /account HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: minka_session=expired-or-made-up\r\n\r\n";
	CHECK_INT(request(raw, &resp), 303);
	CHECK_CONTAINS(buf_cstr(&resp), "Location: /login?next=%2Faccount&expired=1");
	CHECK_CONTAINS(buf_cstr(&resp), "minka_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	/* the API answers 401 in its error shape instead */
	raw = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	CHECK_INT(request(raw, &resp), 401);
	CHECK_CONTAINS(buf_cstr(&resp), "{\"error\":{\"code\":\"unauthorized\"");
	buf_release(&resp);
}
