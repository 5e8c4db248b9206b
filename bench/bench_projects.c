/* bench_projects.c — the project bank at full size: the import of the whole
 * Invierte.pe extract (20,188 rows; target < 3 s on the 2-core machine) against
 * a bare pass of the CSV reader over the same file (the reference, same run),
 * then searches and filtered lists over the ~17,400 projects (target p95 <
 * 50 ms), timed in the domain (project_list) and as the whole page
 * (h_projects: query, render, layout), against fetching one project by id.
 *   build/release/bench/bench_projects [FILE.csv [ROUNDS]]
 * FILE defaults to ../shared/data/peru-inversion-publica/invierte_pe_amazonas_tumbes_madrededios.csv. */
#include "core/compat.h"
#include "core/csv.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/project.h"
#include "domain/territory.h"
#include "store/db.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "web/tmpl.h"

#include <sys/stat.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
	qsort(v, n, sizeof *v, cmp_double);
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

/* The searches people make, with the filters of the list page. */
struct query {
	const char *label;
	const char *q, *status, *sector, *district, *province, *region, *source;
	int64_t cost_min, cost_max, offset;
	enum project_sort sort;
};

static const struct query queries[] = {
	{ "q=agua potable", "agua potable", NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "q=saneamiento basico", "saneamiento basico", NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "q=carretera, by cost", "carretera", NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_COST_DESC },
	{ "q=institucion educativa", "institucion educativa", NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_TITLE },
	{ "q=2480997 (a CUI)", "2480997", NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "q=mejoramiento (common)", "mejoramiento", NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "all, newest first", NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "all, by title, page 200", NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, 5000, PSORT_TITLE },
	{ "status=viable", NULL, "viable", NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "district=010101", NULL, NULL, NULL, "010101", NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "province=0101 + q=agua", "agua", NULL, NULL, NULL, "0101", NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "region=24 + sanitation", NULL, NULL, "sanitation", NULL, NULL, "24", NULL, -1, -1, 0, PSORT_COST_ASC },
	{ "cost 1M-5M soles", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 100000000, 500000000, 0, PSORT_COST_DESC },
	{ "q=puente + closed", "puente", "closed", NULL, NULL, NULL, NULL, NULL, -1, -1, 0, PSORT_RECENT },
	{ "source=foncomun", NULL, NULL, NULL, NULL, NULL, NULL, "foncomun", -1, -1, 0, PSORT_RECENT },
};

static struct app app;

/* The whole list page for a query, in-process. */
static double page_once(const struct query *qq, size_t *bytes)
{
	struct req r;
	memset(&r, 0, sizeof r);
	r.app = &app;
	r.method = "GET";
	r.path = "/projects";
	r.lang = i18n_default();
	err_init(&r.err, r.lang);
	kv_list_init(&r.raw);
	kv_list_init(&r.params);
	buf_init(&r.out, 1 << 26);
	const char *keys[] = { "q", "status", "sector", "district", "province", "region", "source" };
	const char *vals[] = { qq->q, qq->status, qq->sector, qq->district, qq->province, qq->region, qq->source };
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (vals[i])
			kv_list_add(&r.params, keys[i], strlen(keys[i]), vals[i], strlen(vals[i]));
	char num[32];
	if (qq->offset) {
		snprintf(num, sizeof num, "%lld", (long long)qq->offset);
		kv_list_add(&r.params, "offset", 6, num, strlen(num));
		r.params.items[r.params.n - 1].ival = qq->offset;
	}
	kv_list_add(&r.params, "sort", 4, project_sort_names[qq->sort], strlen(project_sort_names[qq->sort]));
	const int64_t costs[2] = { qq->cost_min, qq->cost_max };
	const char *ck[2] = { "cost_min", "cost_max" };
	for (int k = 0; k < 2; k++)
		if (costs[k] >= 0) {
			snprintf(num, sizeof num, "%lld", (long long)costs[k]);
			kv_list_add(&r.params, ck[k], strlen(ck[k]), num, strlen(num));
			r.params.items[r.params.n - 1].ival = costs[k];
		}
	double t0 = now_ms();
	int rc = h_projects(&r);
	double dt = now_ms() - t0;
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", qq->label, r.err.msg);
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
	return dt;
}

int main(int argc, char **argv)
{
	const char *file = argc > 1 ? argv[1]
				    : "../shared/data/peru-inversion-publica/invierte_pe_amazonas_tumbes_madrededios.csv";
	struct stat sb;
	if (stat(file, &sb) != 0)
		file = "/work/shared/data/peru-inversion-publica/invierte_pe_amazonas_tumbes_madrededios.csv";
	int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 30;
	log_set_level(LOG_WARN);
	struct err e;
	err_init(&e, NULL);
	if (i18n_init(&e) || tmpl_init(&e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	char dir[] = "/tmp/minka-bench-projects-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char dbfile[300];
	snprintf(dbfile, sizeof dbfile, "%s/b.db", dir);
	struct db *db;
	int v;
	if (db_open(dbfile, 2, &db, &e) || db_migrate(db, &v, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	struct db_conn *c = db_acquire(db, &e);
	struct actor who = { .name = "bench" };
	struct territory_import_stats ts;
	if (!c || territory_import_dir(c, &who, 1000, "data/peru-ubigeo", &ts, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;

	/* reference: the CSV reader alone over the same file */
	double t0 = now_ms();
	struct csv_reader *rd;
	if (csv_open_file(file, ',', 0, &rd, &e))
		return fprintf(stderr, "%s\n", e.msg), 1;
	struct csv_row row;
	size_t rows = 0;
	while (csv_next(rd, &row, &e) == 1)
		rows++;
	csv_close(rd);
	double t_parse = now_ms() - t0;

	t0 = now_ms();
	struct project_import_stats st;
	json_t *rej = NULL;
	if (project_import_csv(c, &who, 2000, file, NULL, &st, &rej, &e))
		return fprintf(stderr, "import: %s\n", e.msg), 1;
	double t_import = now_ms() - t0;
	json_decref(rej);
	printf("import %s\n  %lld rows -> %lld projects, %lld locations\n", file, (long long)st.rows, (long long)st.created,
	       (long long)st.locations);
	printf("  import %.0f ms (%.0f rows/s); CSV reader alone %.0f ms; ratio %.1f  [target < 3000 ms: %s]\n", t_import,
	       (double)st.rows / (t_import / 1e3), t_parse, t_import / t_parse, t_import < 3000 ? "ok" : "MISSED");
	(void)rows;

	/* searches: domain and whole page, every query `rounds` times */
	app.db = db;
	snprintf(app.installation, sizeof app.installation, "bench");
	snprintf(app.home_government, sizeof app.home_government, "0101");
	size_t nq = ARRAY_LEN(queries), n = nq * (size_t)rounds;
	double *dom = calloc(n, sizeof *dom), *pg = calloc(n, sizeof *pg), *ref = calloc((size_t)rounds * 20, sizeof *ref);
	size_t k = 0, bytes = 0;
	int64_t first_id = 1;
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < nq; i++, k++) {
			const struct query *qq = &queries[i];
			struct project_query q;
			project_query_init(&q);
			q.q = qq->q;
			q.status = qq->status;
			q.sector = qq->sector;
			q.district = qq->district;
			q.province = qq->province;
			q.region = qq->region;
			q.source_kind = qq->source;
			q.cost_min = qq->cost_min;
			q.cost_max = qq->cost_max;
			q.offset = qq->offset;
			q.sort = qq->sort;
			q.limit = 25;
			json_t *items;
			int64_t total;
			t0 = now_ms();
			if (project_list(c, &q, false, &items, &total, &e))
				return fprintf(stderr, "%s: %s\n", qq->label, e.msg), 1;
			dom[k] = now_ms() - t0;
			if (r == 0)
				printf("  %-28s %6lld matches\n", qq->label, (long long)total);
			json_decref(items);
			pg[k] = page_once(qq, &bytes);
		}
	for (int i = 0; i < rounds * 20; i++) {
		struct project_core core;
		t0 = now_ms();
		if (project_core_get(c, first_id + i % 1000, &core, &e))
			return fprintf(stderr, "%s\n", e.msg), 1;
		ref[i] = now_ms() - t0;
	}
	/* the slowest queries, by their median (domain) */
	for (size_t i = 0; i < nq; i++) {
		double *one = calloc((size_t)rounds, sizeof *one), *onep = calloc((size_t)rounds, sizeof *onep);
		for (int r = 0; r < rounds; r++) {
			one[r] = dom[(size_t)r * nq + i];
			onep[r] = pg[(size_t)r * nq + i];
		}
		printf("  %-28s list p50 %6.2f ms  page p50 %6.2f ms\n", queries[i].label, pct(one, (size_t)rounds, 0.5),
		       pct(onep, (size_t)rounds, 0.5));
		free(one);
		free(onep);
	}
	double ref50 = pct(ref, (size_t)rounds * 20, 0.5);
	double d50 = pct(dom, n, 0.5), d95 = pct(dom, n, 0.95), d99 = pct(dom, n, 0.99);
	double p50 = pct(pg, n, 0.5), p95 = pct(pg, n, 0.95), p99 = pct(pg, n, 0.99);
	printf("search over %lld projects, %zu queries x %d rounds\n", (long long)st.created, nq, rounds);
	printf("  project_list   p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n", d50, d95, d99);
	printf("  list page      p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  [target p95 < 50 ms: %s]\n", p50, p95, p99,
	       p95 < 50 ? "ok" : "MISSED");
	printf("  reference (one project by id) p50 %.3f ms; page p95 / reference = %.0f\n", ref50, p95 / ref50);
	free(dom);
	free(pg);
	free(ref);
	db_release(c);
	db_close(db);
	char path[400];
	snprintf(path, sizeof path, "%s/b.db", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/b.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/b.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}
