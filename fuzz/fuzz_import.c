/* fuzz_import.c — libFuzzer target for the Invierte.pe import
 * (domain/project_import.c) over the CSV reader: any bytes as the file, into an
 * in-memory database with the real territory, inside a transaction that is
 * always rolled back so every input meets the same database. */
#include "core/compat.h"
#include "core/i18n.h"
#include "domain/project.h"
#include "domain/territory.h"
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
	    territory_import_dir(conn, &who, 1000, "data/peru-ubigeo", &st, &e)) {
		fprintf(stderr, "fuzz_import setup: %s (run from the repository)\n", e.msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!conn)
		setup();
	struct err e;
	err_init(&e, NULL);
	if (db_begin(conn, &e))
		abort();
	struct actor who = { .name = "fuzz" };
	struct project_import_stats st;
	json_t *rejected = NULL;
	struct project_import_opts opts = { .skip_rejected = size % 2 == 1 };
	(void)project_import_mem(conn, &who, 1000, (const char *)data, size, "fuzz.csv", &opts, &st, &rejected, &e);
	json_decref(rejected);
	db_rollback(conn);
	return 0;
}
