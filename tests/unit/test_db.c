/* test_db.c — the store: migrations, prepared statements, transactions, the
 * statement cache, constraint errors, and concurrent connections. Runs against
 * SQLite, or PostgreSQL when $MINKA_TEST_DB is set. */
#include "core/compat.h"
#include "test.h"
#include "store/db.h"

#include <pthread.h>

static struct db_conn *conn(struct db *db)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	return c;
}

static int64_t count(struct db_conn *c, const char *sql)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, sql, &e);
	REQUIRE(st);
	int64_t n = -1;
	if (db_step(st, &e) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(st);
	return n;
}

TEST(migrations_apply_once_and_record_version)
{
	struct db *db = test_db_fresh();
	struct err e;
	err_init(&e, NULL);
	int v1, v2;
	CHECK_INT(db_migrate(db, &v1, &e), 0);
	CHECK_INT(db_migrate(db, &v2, &e), 0);
	CHECK(v1 >= 1);
	CHECK_INT(v1, v2);
	struct db_conn *c = conn(db);
	/* each migration once; numbers may have gaps (areas are numbered as they are planned) */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM schema_version"), count(c, "SELECT COUNT(DISTINCT version) FROM schema_version"));
	CHECK_INT(count(c, "SELECT MAX(version) FROM schema_version"), v1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM territory"), 0);
	db_release(c);
	db_close(db);
}

TEST(bind_types_and_nulls)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(db_begin(c, &e) == 0);
	struct db_stmt *st = db_prepare(c, "INSERT INTO territory (code, level, name, name_fold, population, area_km2, capital)"
					   " VALUES (?, ?, ?, ?, ?, ?, ?)", &e);
	REQUIRE(st);
	db_bind_text(st, 1, "99");
	db_bind_text(st, 2, "region");
	db_bind_text(st, 3, "Región de prueba Ñ");
	db_bind_text(st, 4, "region de prueba n");
	db_bind_int64(st, 5, INT64_C(9007199254740993)); /* beyond 2^53: exact */
	db_bind_double(st, 6, 1234.5);
	db_bind_text(st, 7, NULL);
	CHECK_INT(db_step_done(st, &e), 0);
	CHECK_INT(db_commit(c, &e), 0);
	st = db_prepare(c, "SELECT name, population, area_km2, capital FROM territory WHERE code = ?", &e);
	REQUIRE(st);
	db_bind_text(st, 1, "99");
	REQUIRE(db_step(st, &e) == DB_ROW);
	CHECK_STR(db_col_text(st, 0), "Región de prueba Ñ");
	CHECK_INT(db_col_int64(st, 1), INT64_C(9007199254740993));
	CHECK(db_col_double(st, 2) == 1234.5);
	CHECK(db_col_null(st, 3));
	CHECK(db_col_text(st, 3) == NULL);
	CHECK_INT(db_col_count(st), 4);
	CHECK_STR(db_col_name(st, 1), "population");
	CHECK_INT(db_step(st, &e), DB_DONE);
	db_finish(st);
	db_release(c);
	db_close(db);
}

static int insert_two(struct db_conn *c, void *arg, struct err *e)
{
	(void)arg;
	struct db_stmt *st = db_prepare(c, "INSERT INTO setting (key, value) VALUES (?, ?)", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, "a");
	db_bind_text(st, 2, "1");
	int rc = db_step_done(st, e);
	if (rc)
		return rc;
	st = db_prepare(c, "INSERT INTO setting (key, value) VALUES (?, ?)", e);
	db_bind_text(st, 1, "a"); /* duplicate key: the whole transaction must go */
	db_bind_text(st, 2, "2");
	return db_step_done(st, e);
}

TEST(failed_transaction_leaves_nothing)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(db_transact(c, insert_two, NULL, &e), ERR_CONFLICT);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM setting"), 0);
	CHECK(!db_in_transaction(c));
	db_release(c);
	db_close(db);
}

TEST(rollback_and_commit)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(db_begin(c, &e) == 0);
	struct db_stmt *st = db_prepare(c, "INSERT INTO setting (key, value) VALUES ('k', 'v')", &e);
	CHECK_INT(db_step_done(st, &e), 0);
	CHECK_INT(db_changes(c), 1);
	db_rollback(c);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM setting"), 0);
	CHECK_INT(db_begin(c, &e), 0);
	CHECK_INT(db_begin(c, &e), ERR_INTERNAL); /* no nesting */
	st = db_prepare(c, "INSERT INTO setting (key, value) VALUES ('k', 'v')", &e);
	CHECK_INT(db_step_done(st, &e), 0);
	CHECK_INT(db_commit(c, &e), 0);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM setting"), 1);
	db_release(c);
	db_close(db);
}

TEST(statement_cache_reuse_and_nesting)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	const char *sql = "SELECT COUNT(*) FROM setting WHERE key <> ?";
	struct db_stmt *a = db_prepare(c, sql, &e);
	struct db_stmt *b = db_prepare(c, sql, &e); /* same SQL while a is in use: a separate statement */
	REQUIRE(a && b);
	CHECK(a != b);
	db_bind_text(a, 1, "x");
	db_bind_text(b, 1, "y");
	CHECK_INT(db_step(a, &e), DB_ROW);
	CHECK_INT(db_step(b, &e), DB_ROW);
	db_finish(b);
	db_finish(a);
	struct db_stmt *again = db_prepare(c, sql, &e);
	CHECK(again == a); /* served from the cache */
	db_finish(again);
	db_release(c);
	db_close(db);
}

TEST(syntax_error_is_reported)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	CHECK(db_prepare(c, "SELEC nothing", &e) == NULL);
	CHECK(e.code < 0);
	CHECK(e.msg[0] != '\0');
	db_release(c);
	db_close(db);
}

struct worker_arg {
	struct db *db;
	int id;
	int failures;
};

static int bump(struct db_conn *c, void *arg, struct err *e)
{
	struct worker_arg *w = arg;
	char key[32];
	snprintf(key, sizeof key, "w%d", w->id);
	struct db_stmt *st = db_prepare(c, "INSERT INTO setting (key, value) VALUES (?, '1')"
					   " ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT)", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, key);
	return db_step_done(st, e);
}

static void *worker(void *p)
{
	struct worker_arg *w = p;
	for (int i = 0; i < 25; i++) {
		struct err e;
		err_init(&e, NULL);
		struct db_conn *c = db_acquire(w->db, &e);
		if (!c || db_transact(c, bump, w, &e))
			w->failures++;
		db_release(c);
	}
	return NULL;
}

TEST(concurrent_writers_through_the_pool)
{
	struct db *db = test_db_fresh();
	pthread_t th[4];
	struct worker_arg args[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (struct worker_arg){ db, i, 0 };
		pthread_create(&th[i], NULL, worker, &args[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(args[i].failures, 0);
	}
	struct db_conn *c = conn(db);
	CHECK_INT(count(c, "SELECT SUM(CAST(value AS BIGINT)) FROM setting"), 100);
	db_release(c);
	db_close(db);
}

TEST(open_errors)
{
	struct db *db = NULL;
	struct err e;
	err_init(&e, NULL);
	CHECK(db_open("/nonexistent-dir/x/y.db", 1, &db, &e) != 0);
	CHECK(db == NULL);
	CHECK_CONTAINS(e.msg, "/nonexistent-dir/x/y.db");
}
