/* test_server.c — the HTTP server under conditions data files cannot express:
 * a client that stops reading a large response must not stall the other clients
 * of the same worker thread (regression: the database connection used to be held
 * until the response was fully sent, and with one thread and one connection the
 * next request waited forever). */
#include "core/compat.h"
#include "test.h"
#include "core/buf.h"
#include "domain/demo.h"
#include "store/db.h"
#include "domain/account.h"
#include "domain/setting.h"
#include "web/cache.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

static int dial(int port, int rcvbuf)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(fd >= 0);
	if (rcvbuf)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE(connect(fd, (struct sockaddr *)&a, sizeof a) == 0);
	return fd;
}

static void say(int fd, const char *req)
{
	REQUIRE(send(fd, req, strlen(req), MSG_NOSIGNAL) == (ssize_t)strlen(req));
}

/* Reads until EOF or timeout_ms of silence; returns bytes read. */
static size_t slurp(int fd, int timeout_ms, struct buf *out)
{
	char chunk[65536];
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, timeout_ms) <= 0)
			break;
		ssize_t n = recv(fd, chunk, sizeof chunk, 0);
		if (n <= 0)
			break;
		if (out)
			buf_append(out, chunk, (size_t)n);
	}
	return out ? out->len : 0;
}

TEST(a_stalled_reader_does_not_block_the_next_request)
{
	test_db_pool_size = 1; /* as many database connections as worker threads */
	struct db *db = test_db_territory();
	test_db_pool_size = 4;
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c && demo_seed(c, &(struct actor){ .name = "test" }, 1000, &e) == 0);
	db_release(c);
	static struct app app;
	REQUIRE(app_init(&app, db, &e) == 0);
	/* a listening socket with a tiny send buffer (accepted sockets inherit it), so
	 * that a large response cannot be parked in the kernel */
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	int small = 4096, one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in la = { .sin_family = AF_INET, .sin_port = 0 };
	la.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE(bind(lfd, (struct sockaddr *)&la, sizeof la) == 0 && listen(lfd, 16) == 0);
	socklen_t lal = sizeof la;
	getsockname(lfd, (struct sockaddr *)&la, &lal);
	int port = ntohs(la.sin_port);
	app.listen_fd = lfd;
	struct server *srv;
	REQUIRE(server_start(&app, 0, 1, &srv, &e) == 0); /* one worker thread */

	int slow = dial(port, 2048);
	say(slow, "GET /api/v1/territories?limit=2000 HTTP/1.1\r\nHost: x\r\n\r\n");
	usleep(300 * 1000); /* the server has started sending ~1 MB that nobody reads */

	int quick = dial(port, 0);
	say(quick, "GET /api/v1/territories/010101 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	struct buf got;
	buf_init(&got, 0);
	slurp(quick, 3000, &got);
	CHECK_CONTAINS(buf_cstr(&got), "HTTP/1.1 200");
	CHECK_CONTAINS(buf_cstr(&got), "\"population\":41843");
	buf_release(&got);
	close(quick);

	struct buf big;
	buf_init(&big, 0);
	slurp(slow, 3000, &big);
	CHECK(big.len > 500000);
	CHECK_CONTAINS(buf_cstr(&big), "\"total\":2112");
	buf_release(&big);
	close(slow);
	server_stop(srv);
	db_close(db);
}

static void get(int port, const char *path, const char *extra, struct buf *out)
{
	int fd = dial(port, 0);
	char req[512];
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s\r\n", path, extra);
	say(fd, req);
	buf_reset(out);
	slurp(fd, 3000, out);
	close(fd);
}

static int set_name(struct db_conn *c, void *arg, struct err *e)
{
	static const struct actor who = { .name = "test" };
	return setting_set(c, &who, 1000, "installation_name", arg, e);
}

TEST(cached_pages_follow_every_committed_write)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c && demo_seed(c, &(struct actor){ .name = "test" }, 1000, &e) == 0);
	db_release(c);
	cache_clear();
	static struct app app;
	REQUIRE(app_init(&app, db, &e) == 0);
	struct server *srv;
	REQUIRE(server_start(&app, 0, 2, &srv, &e) == 0);
	int port = server_port(srv);
	struct buf b;
	buf_init(&b, 0);
	get(port, "/territories/010101", "", &b);
	CHECK_CONTAINS(buf_cstr(&b), "HTTP/1.1 200");
	CHECK(strstr(buf_cstr(&b), "X-Minka-Cache") == NULL);
	get(port, "/territories/010101", "", &b);
	CHECK_CONTAINS(buf_cstr(&b), "X-Minka-Cache: hit");
	CHECK_CONTAINS(buf_cstr(&b), "41,843");
	/* another language is another entry */
	get(port, "/territories/010101?lang=en", "", &b);
	CHECK(strstr(buf_cstr(&b), "X-Minka-Cache") == NULL);
	CHECK_CONTAINS(buf_cstr(&b), "District");
	/* a signed-in visitor never gets the shared copy; a made-up session is nobody */
	get(port, "/territories/010101", "Cookie: minka_session=abc\r\n", &b);
	CHECK_CONTAINS(buf_cstr(&b), "X-Minka-Cache: hit");
	c = db_acquire(db, &e);
	struct account acct;
	REQUIRE(account_find_email(c, "vecina@demo.minka.pe", &acct, &e) == 0);
	char token[TOKEN_TEXT_MAX], cookie[120];
	struct session sess;
	REQUIRE(session_start(c, &acct, time(NULL), "127.0.0.1", token, &sess, &e) == 0);
	db_release(c);
	snprintf(cookie, sizeof cookie, "Cookie: minka_session=%s\r\n", token);
	get(port, "/territories/010101", cookie, &b);
	CHECK(strstr(buf_cstr(&b), "X-Minka-Cache") == NULL);
	CHECK_CONTAINS(buf_cstr(&b), "Carmen Tafur"); /* the page knows who is there */
	/* a committed write (from any connection) makes the next request rebuild */
	c = db_acquire(db, &e);
	REQUIRE(c && db_transact(c, set_name, "Otra municipalidad", &e) == 0);
	db_release(c);
	get(port, "/territories/010101", "", &b);
	CHECK(strstr(buf_cstr(&b), "X-Minka-Cache") == NULL);
	/* a rolled-back write changes nothing */
	c = db_acquire(db, &e);
	REQUIRE(db_begin(c, &e) == 0);
	static const struct actor who = { .name = "test" };
	REQUIRE(setting_set(c, &who, 1000, "installation_name", "Nunca", &e) == 0);
	db_rollback(c);
	db_release(c);
	get(port, "/territories/010101", "", &b);
	CHECK_CONTAINS(buf_cstr(&b), "X-Minka-Cache: hit");
	uint64_t hits, misses;
	size_t bytes;
	cache_stats(&hits, &misses, &bytes);
	CHECK(hits >= 2);
	CHECK(bytes > 0 && bytes <= CACHE_BUDGET);
	buf_release(&b);
	server_stop(srv);
	db_close(db);
}

TEST(cache_bounds)
{
	cache_clear();
	struct buf out;
	buf_init(&out, 0);
	char ct[64];
	static char big[CACHE_MAX_ENTRY + 1];
	cache_put("big", 1, 100, big, sizeof big, "text/html");
	CHECK(!cache_get("big", 1, 100, &out, ct)); /* too large to keep */
	cache_put("k", 1, 100, "abc", 3, "text/html");
	CHECK(cache_get("k", 1, 100, &out, ct));
	CHECK_STR(buf_cstr(&out), "abc");
	CHECK(!cache_get("k", 2, 100, &out, ct)); /* another generation */
	CHECK(!cache_get("k", 1, 100 + CACHE_TTL_SECONDS, &out, ct)); /* expired */
	buf_release(&out);
	cache_clear();
}
