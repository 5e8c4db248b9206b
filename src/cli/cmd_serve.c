/* cmd_serve.c — minka serve: migrate, load templates and catalogs, serve until
 * SIGINT or SIGTERM. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/log.h"
#include "core/str.h"
#include "store/db.h"
#include "web/server.h"
#include "web/tmpl.h"

#include <pthread.h>
#include <signal.h>

static const char serve_usage[] =
	"usage: minka serve [--db PATH|URL] [--port N] [--threads N] [--max-body BYTES] [--behind-tls]\n"
	"                   [--behind-proxy]\n"
	"Serves minka over HTTP (default port 8080, 4 threads). --behind-tls marks\n"
	"cookies Secure (TLS ends at a proxy in front). --behind-proxy trusts the\n"
	"proxy's X-Forwarded-For and X-Forwarded-Proto (the client address for sign-in\n"
	"throttling and the audit log): use it only when nothing but the proxy can\n"
	"reach minka (deploy/minka@.socket listens on 127.0.0.1). The database is\n"
	"--db, else $MINKA_DB, else ./minka.db (SQLite); postgres://user@host/dbname\n"
	"for PostgreSQL, where several servers can share one database. Each thread\n"
	"holds at most one database connection. Started by systemd with a socket\n"
	"(LISTEN_FDS), it serves on that socket instead of --port.\n";

/* systemd socket activation: the first passed socket is descriptor 3. */
static int activated_socket(void)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	int64_t p, n;
	if (!pid || !fds || str_to_int64(pid, &p) || p != (int64_t)getpid() || str_to_int64(fds, &n) || n < 1)
		return -1;
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return 3;
}

int cmd_serve(int argc, char **argv)
{
	const char *dbv = NULL, *portv = NULL, *threadsv = NULL, *bodyv = NULL;
	bool tls = false, proxy = false;
	const struct cli_flag flags[] = {
		{ "--db", &dbv, NULL }, { "--port", &portv, NULL }, { "--threads", &threadsv, NULL },
		{ "--max-body", &bodyv, NULL }, { "--behind-tls", NULL, &tls },
		{ "--behind-proxy", NULL, &proxy },
	};
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 0, serve_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	int64_t port = 8080, threads = 4, max_body = 1 << 20;
	if (portv && (str_to_int64(portv, &port) || port < 0 || port > 65535)) {
		cli_error("--port must be a number from 0 to 65535");
		return EXIT_USAGE;
	}
	if (threadsv && (str_to_int64(threadsv, &threads) || threads < 1 || threads > 256)) {
		cli_error("--threads must be a number from 1 to 256");
		return EXIT_USAGE;
	}
	if (bodyv && (str_to_int64(bodyv, &max_body) || max_body < 1024 || max_body > ((int64_t)1 << 30))) {
		cli_error("--max-body must be a number of bytes from 1024 to 1073741824");
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = NULL;
	if (db_open(cli_db_url(dbv), (int)threads, &db, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	int version;
	if (db_migrate(db, &version, &e)) {
		cli_error("%s", e.msg);
		db_close(db);
		return 1;
	}
	static struct app app;
	app.max_body = (size_t)max_body;
	app.behind_tls = tls;
	app.behind_proxy = proxy;
	app.listen_fd = activated_socket();
	if (app_init(&app, db, &e)) {
		cli_error("%s", e.msg);
		db_close(db);
		return 1;
	}
	/* Block the signals in every thread; this one waits for them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct server *srv;
	if (server_start(&app, (int)port, (int)threads, &srv, &e)) {
		cli_error("%s", e.msg);
		db_close(db);
		return 1;
	}
	log_info("minka listening on %s port %d (%s, schema %d, %d threads)",
		 app.listen_fd > 0 ? "the socket from systemd," : "http://localhost", server_port(srv), db_kind_name(db),
		 version, (int)threads);
	int sig;
	sigwait(&set, &sig);
	log_info("signal %d: stopping", sig);
	server_stop(srv);
	tmpl_shutdown();
	db_close(db);
	return 0;
}
