/* bench_indicators.c — monitoring at full size: MINAM's table for all 1,891
 * districts imported into a fresh database (timed against a bare pass of the
 * CSV reader over the same file), targets set on a region's imported
 * indicators so that every one is assessed, then the live region and province
 * dashboards (the whole page: queries, roll-ups, SVG, template) and the API
 * list built N times in-process, against /healthz in the same run. The target
 * for a region's dashboard is < 100 ms.
 *   build/release/bench/bench_indicators [DIR [ROUNDS [REGION]]]
 * DIR defaults to ../shared/data/municipal-indicators/peru-minam-residuos-poblacion
 * (falls back to the bundled Amazonas subset); REGION to 15 (Lima, 171 districts,
 * the largest), and 01 (Amazonas) is measured too. */
#include "core/compat.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/log.h"
#include "domain/account.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/territory.h"
#include "store/db.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "web/tmpl.h"

#include <sys/stat.h>
#include <time.h>

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static struct app app;

/* Calls a handler n times on a fake GET with one parameter; µs per call. */
static double run(const char *path, route_handler h, const char *arg, const char *pname, const char *pval, int n,
		  size_t *bytes)
{
	double t0 = now_us();
	for (int i = 0; i < n; i++) {
		struct req r;
		memset(&r, 0, sizeof r);
		r.app = &app;
		r.method = "GET";
		r.path = path;
		r.lang = i18n_default();
		r.now = time(NULL);
		err_init(&r.err, r.lang);
		kv_list_init(&r.raw);
		kv_list_init(&r.params);
		buf_init(&r.out, 1 << 26);
		if (arg) {
			snprintf(r.args[0], sizeof r.args[0], "%s", arg);
			r.nargs = 1;
		}
		if (pname)
			kv_list_add(&r.params, pname, strlen(pname), pval, strlen(pval));
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

/* A target for the last year of each imported indicator of a region: a tenth
 * better than its baseline, so that every one has a status. */
static int set_targets(struct db_conn *c, const char *region, int *count, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id, baseline_value, direction, decimals, end_period FROM indicator"
					   " WHERE region_code = ? AND series IS NOT NULL AND baseline_value IS NOT NULL", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, region);
	struct { int64_t id, v; int dec; char end[8]; } *rows = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st, e) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = realloc(rows, cap * sizeof *rows);
		}
		int64_t b = db_col_int64(st, 1);
		rows[n].id = db_col_int64(st, 0);
		rows[n].v = strcmp(db_col_text(st, 2), "decrease") == 0 ? b - b / 10 : b + b / 10 + 1;
		rows[n].dec = (int)db_col_int64(st, 3);
		snprintf(rows[n].end, sizeof rows[n].end, "%s", db_col_text(st, 4));
		n++;
	}
	db_finish(st);
	struct actor who = { .name = "bench" };
	bool own;
	int rc = db_tx_enter(c, &own, e);
	for (size_t i = 0; i < n && !rc; i++) {
		char v[IND_VALUE_TEXT_MAX];
		rc = indicator_target_set(c, &who, time(NULL), rows[i].id, rows[i].end,
					  ind_value_format(rows[i].v, rows[i].dec, false, v), NULL, e);
	}
	rc = db_tx_leave(c, own, rc, e);
	free(rows);
	*count = (int)n;
	return rc;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/municipal-indicators/peru-minam-residuos-poblacion";
	int n = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 30;
	const char *region = argc > 3 ? argv[3] : "15";
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/%s", dir, MINAM_CSV);
	if (stat(path, &sb) != 0) {
		dir = "data/" DEMO_MEASUREMENTS_DIR;
		snprintf(path, sizeof path, "%s/%s", dir, MINAM_CSV);
		region = "01";
	}
	log_set_level(LOG_WARN);
	account_set_hash_cost(true);
	struct err e;
	err_init(&e, NULL);
	char tmp[] = "/tmp/minka-bench-ind-XXXXXX";
	if (!mkdtemp(tmp))
		return 1;
	char dbfile[300];
	snprintf(dbfile, sizeof dbfile, "%s/b.db", tmp);
	struct db *db;
	int v;
	if (db_open(dbfile, 1, &db, &e) || db_migrate(db, &v, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	struct db_conn *c = db_acquire(db, &e);
	struct territory_import_stats ts;
	struct actor who = { .name = "bench" };
	if (territory_import_dir(c, &who, 1000, "data/peru-ubigeo", &ts, &e) || demo_seed(c, &who, time(NULL), &e))
		return fprintf(stderr, "%s\n", e.msg), 1;

	/* the reference: reading every row and field of the file */
	double t0 = now_us();
	struct csv_reader *rd;
	if (csv_open_file(path, ',', 0, &rd, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	struct csv_row row;
	size_t rows = 0, fields = 0;
	while (csv_next(rd, &row, &e) == 1) {
		rows++;
		fields += row.nfields;
	}
	csv_close(rd);
	double t_csv = now_us() - t0;
	t0 = now_us();
	struct indicator_import_stats st;
	json_t *rejected = NULL;
	if (indicator_import_dir(c, &who, time(NULL), dir, &st, &rejected, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	json_decref(rejected);
	double t_import = now_us() - t0;
	printf("import %s\n", path);
	printf("  %lld rows, %lld districts, %lld indicators, %lld values: %.0f ms  (bare CSV pass %.1f ms: %.0f×)\n",
	       (long long)st.rows, (long long)st.districts, (long long)st.indicators_created, (long long)st.measurements,
	       t_import / 1000, t_csv / 1000, t_import / t_csv);
	(void)fields;
	int nt = 0, nt2 = 0;
	if (set_targets(c, region, &nt, &e) || (strcmp(region, "01") && set_targets(c, "01", &nt2, &e)))
		return fprintf(stderr, "%s\n", e.msg), 1;
	printf("  targets set on %d imported indicators of region %s%s\n", nt + nt2, region, strcmp(region, "01") ? " and 01" : "");
	db_release(c);
	if (app_init(&app, db, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;

	size_t bytes;
	run("/healthz", h_healthz, NULL, NULL, NULL, 200, &bytes); /* warm up */
	double ref = run("/healthz", h_healthz, NULL, NULL, NULL, 2000, &bytes);
	printf("%-42s %9.1f µs  %8zu bytes  (reference)\n", "GET /healthz", ref, bytes);
	char api[64];
	snprintf(api, sizeof api, "/api/v1/indicators?territory=%s", region);
	struct { const char *label, *path; route_handler h; const char *pname, *pval; bool region_page; } cases[] = {
		{ "GET /monitoring?territory=REGION", "/monitoring", h_monitoring, "territory", region, true },
		{ "GET /monitoring?territory=01", "/monitoring", h_monitoring, "territory", "01", true },
		{ "GET /monitoring?territory=0101 (province)", "/monitoring", h_monitoring, "territory", "0101", false },
		{ "GET /api/v1/monitoring?territory=REGION", "/api/v1/monitoring", h_api_monitoring, "territory", region, true },
		{ "GET /api/v1/indicators?territory=REGION", api, h_api_indicators, "territory", region, false },
		{ "GET /indicators/2", "/indicators/2", h_indicator, NULL, NULL, false },
	};
	bool ok = true;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *arg = cases[i].h == h_indicator ? "2" : NULL;
		run(cases[i].path, cases[i].h, arg, cases[i].pname, cases[i].pval, 2, &bytes); /* warm */
		double t = run(cases[i].path, cases[i].h, arg, cases[i].pname, cases[i].pval, n, &bytes);
		char label[80];
		snprintf(label, sizeof label, "%s", cases[i].label);
		char *x = strstr(label, "REGION");
		if (x)
			snprintf(x, sizeof label - (size_t)(x - label), "%s%s", region, cases[i].label + (x - label) + 6);
		printf("%-42s %9.1f µs  %8zu bytes  %7.0f× healthz%s\n", label, t, bytes, t / ref,
		       cases[i].region_page ? (t < 100000 ? "  (target < 100 ms: met)" : "  (target < 100 ms: MISSED)") : "");
		if (cases[i].region_page && t >= 100000)
			ok = false;
	}
	tmpl_shutdown();
	db_close(db);
	unlink(dbfile);
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", dbfile);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", dbfile);
	unlink(wal);
	rmdir(tmp);
	return ok ? 0 : 1;
}
