/* server.h — the HTTP server (libmicrohttpd, epoll with a thread pool). */
#ifndef MINKA_SERVER_H
#define MINKA_SERVER_H

#include "core/compat.h"
#include "core/err.h"
#include "store/db.h"
#include "web/router.h"

struct app {
	struct db *db;
	const struct route *routes;
	size_t nroutes;
	size_t max_body;          /* bytes; larger request bodies get 413 */
	char installation[160];   /* shown in the header */
	char home_government[8];  /* territory code of the installation's government */
	bool behind_tls;          /* always mark cookies Secure (served over TLS) */
	bool behind_proxy;        /* trust X-Forwarded-For / X-Forwarded-Proto from the proxy */
	int listen_fd;            /* > 0: an already listening socket to use (tests, socket activation) */
};

struct server;

/* Starts serving on port (0 = any free port) with `threads` worker threads. */
int server_start(struct app *app, int port, int threads, struct server **out, struct err *e);
int server_port(const struct server *s);
void server_stop(struct server *s);

/* Loads templates, catalogs and installation settings; call once before serving. */
int app_init(struct app *app, struct db *db, struct err *e);

/* The route table (web/routes.c). */
extern const struct route minka_routes[];
extern const size_t minka_routes_count;

#endif
