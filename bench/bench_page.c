/* bench_page.c — the cost of building pages in-process (no network): each
 * handler is called N times on a fake request and compared with /healthz, the
 * reference run in the same process. Prints µs per call and the ratio.
 *   build/release/bench/bench_page [N [PATH-FRAGMENT]] */
#include "core/compat.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/account.h"
#include "domain/demo.h"
#include "domain/territory.h"
#include "store/db.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "web/tmpl.h"

#include <time.h>

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static struct app app;

static double run(const char *path, route_handler h, const char *arg, int n, size_t *bytes)
{
	double t0 = now_us();
	for (int i = 0; i < n; i++) {
		struct req r;
		memset(&r, 0, sizeof r);
		r.app = &app;
		r.method = "GET";
		r.path = path;
		r.lang = i18n_default();
		err_init(&r.err, r.lang);
		kv_list_init(&r.raw);
		kv_list_init(&r.params);
		buf_init(&r.out, 1 << 26);
		if (arg) {
			snprintf(r.args[0], sizeof r.args[0], "%s", arg);
			r.nargs = 1;
		}
		int rc = h(&r);
		if (rc < 0) {
			fprintf(stderr, "%s: %s\n", path, r.err.msg);
			exit(1);
		}
		*bytes = r.out.len;
		if (r.db)
			db_release(r.db);
		for (int k = 0; k < r.nheaders; k++)
			free(r.headers[k].value);
		buf_release(&r.out);
		kv_list_release(&r.params);
		kv_list_release(&r.raw);
	}
	return (now_us() - t0) / n;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5000;
	log_set_level(LOG_WARN);
	account_set_hash_cost(true); /* the demo accounts are not what is measured */
	struct err e;
	err_init(&e, NULL);
	char path[] = "/tmp/minka-bench-page-XXXXXX";
	if (!mkdtemp(path))
		return 1;
	char dbfile[300];
	snprintf(dbfile, sizeof dbfile, "%s/b.db", path);
	struct db *db;
	int v;
	if (db_open(dbfile, 1, &db, &e) || db_migrate(db, &v, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	struct db_conn *c = db_acquire(db, &e);
	struct territory_import_stats st;
	struct actor who = { .name = "bench" };
	if (territory_import_dir(c, &who, 1000, "data/peru-ubigeo", &st, &e) || demo_seed(c, &who, 1000, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	db_release(c);
	if (app_init(&app, db, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	size_t bytes;
	run("/healthz", h_healthz, NULL, n / 5, &bytes); /* warm up */
	double ref = run("/healthz", h_healthz, NULL, n, &bytes);
	printf("%-32s %8.2f µs  %6zu bytes  (reference)\n", "GET /healthz", ref, bytes);
	struct { const char *label, *path; route_handler h; const char *arg; } cases[] = {
		{ "GET /territories/010101", "/territories/010101", h_territory, "010101" },
		{ "GET /territories/0101", "/territories/0101", h_territory, "0101" },
		{ "GET /territories", "/territories", h_territories, NULL },
		{ "GET /api/v1/territories/010101", "/api/v1/territories/010101", h_api_territory, "010101" },
		{ "GET /", "/", h_home, NULL },
	};
	const char *only = argc > 2 ? argv[2] : NULL;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (only && !strstr(cases[i].path, only))
			continue;
		double t = run(cases[i].path, cases[i].h, cases[i].arg, n, &bytes);
		printf("%-32s %8.2f µs  %6zu bytes  %5.1f× healthz\n", cases[i].label, t, bytes, t / ref);
	}
	tmpl_shutdown();
	db_close(db);
	unlink(dbfile);
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", dbfile);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", dbfile);
	unlink(wal);
	rmdir(path);
	return 0;
}
