/* fuzz_indicator.c — libFuzzer target for what comes from outside into the
 * monitoring module: MINAM's district table (domain/indicator_import.c over the
 * CSV reader) and the values, periods and cells people type
 * (rules/indicator_rules.c through measurement_save()). The first byte picks
 * the path; the import runs in an in-memory database with the real territory
 * and the demo, inside a transaction always rolled back, so every input meets
 * the same database. */
#include "core/compat.h"
#include "core/i18n.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/territory.h"
#include "rules/indicator_rules.h"
#include "store/db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db_conn *conn;

static void setup(void)
{
	struct err e;
	err_init(&e, NULL);
	i18n_init(&e);
	struct db *db = NULL;
	int v;
	struct territory_import_stats st;
	struct actor who = { .name = "fuzz" };
	if (db_open(":memory:", 1, &db, &e) || db_migrate(db, &v, &e) || !(conn = db_acquire(db, &e)) ||
	    territory_import_dir(conn, &who, 1000, "data/peru-ubigeo", &st, &e) || demo_seed(conn, &who, 1000, &e)) {
		fprintf(stderr, "fuzz_indicator setup: %s (run from the repository)\n", e.msg);
		abort();
	}
}

/* Splits the text at NUL or newline bytes into up to n strings (copied). */
static size_t split(const char *s, size_t len, char **out, size_t n)
{
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= len && k < n; i++) {
		if (i == len || s[i] == '\n' || s[i] == '\0') {
			out[k] = malloc(i - start + 1);
			memcpy(out[k], s + start, i - start);
			out[k][i - start] = '\0';
			k++;
			start = i + 1;
		}
	}
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!conn)
		setup();
	if (size < 1)
		return 0;
	struct err e;
	err_init(&e, NULL);
	if (db_begin(conn, &e))
		abort();
	struct actor who = { .name = "fuzz" };
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	if (data[0] % 2 == 0) {
		struct indicator_import_stats st;
		json_t *rejected = NULL;
		(void)indicator_import_mem(conn, &who, 1000, text, len, "fuzz.csv", &st, &rejected, &e);
		json_decref(rejected);
	} else {
		/* lines: period, total, then key=value cells, into the demo's
		 * participation indicator (by sex, indigenous status, age group) */
		char *f[12] = { NULL };
		size_t n = split(text, len, f, ARRAY_LEN(f));
		struct measurement_cell_input cells[10];
		size_t nc = 0;
		for (size_t i = 2; i < n && nc < ARRAY_LEN(cells); i++) {
			char *eq = strchr(f[i], '='), *dot = strchr(f[i], '.');
			if (!eq || !dot || dot > eq)
				continue;
			*eq = *dot = '\0';
			cells[nc++] = (struct measurement_cell_input){ f[i], dot + 1, eq + 1 };
		}
		struct measurement_input in = { .period = n > 0 ? f[0] : NULL, .value = n > 1 ? f[1] : NULL,
						.cells = cells, .ncells = nc };
		int64_t mid;
		(void)measurement_save(conn, &who, 1000, 4, &in, &mid, &e);
		int64_t v;
		(void)ind_value_parse(n > 1 ? f[1] : "", (int)(data[0] / 2 % (IND_DECIMALS_MAX + 2)), &v);
		struct ind_period p;
		(void)ind_period_parse(n > 0 ? f[0] : "", &p);
		for (size_t i = 0; i < n; i++)
			free(f[i]);
	}
	db_rollback(conn);
	return 0;
}
