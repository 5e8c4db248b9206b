/* test_db.c — the store: migrations, prepared statements, transactions, the
 * statement cache, constraint errors, and concurrent connections; what the
 * PostgreSQL backend translates, checked on both backends; PostgreSQL's faults
 * (lost and closed connections, wrong passwords). Runs against SQLite, or
 * PostgreSQL when $MINKA_TEST_DB is set. */
#include "core/compat.h"
#include "test.h"
#include "store/db.h"
#include "store/db_int.h"
#include "domain/audit.h"

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

/* ---- portability: what the PostgreSQL backend translates, checked on both ---- */


TEST(placeholders_outside_literals_and_comments)
{
	int n;
	char *s = db_pg_placeholders("SELECT '?', \"a?b\", ? -- what?\n, /* ? /* ? */ ? */ ?, $$ ? $$, $t$ ? $t$,"
				     " E'\\'?', 'it''s ?', ?, $1, a$b",
				     &n);
	CHECK_STR(s, "SELECT '?', \"a?b\", $1 -- what?\n, /* ? /* ? */ ? */ $2, $$ ? $$, $t$ ? $t$,"
		     " E'\\'?', 'it''s ?', $3, $1, a$b");
	CHECK_INT(n, 3);
	free(s);
	s = db_pg_placeholders("'unterminated ? ", &n);
	CHECK_INT(n, 0);
	free(s);
}

TEST(question_marks_in_literals_reach_the_database)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, "SELECT 'why?' AS q, CAST(? AS TEXT) AS p, CAST(? AS BIGINT) + 1 AS n", &e);
	REQUIRE(st);
	db_bind_text(st, 1, "¿por qué?");
	db_bind_int64(st, 2, 41);
	REQUIRE(db_step(st, &e) == DB_ROW);
	CHECK_STR(db_col_text(st, 0), "why?");
	CHECK_STR(db_col_text(st, 1), "¿por qué?");
	CHECK_INT(db_col_int64(st, 2), 42);
	CHECK_STR(db_col_name(st, 2), "n");
	db_finish(st);
	db_release(c);
	db_close(db);
}

TEST(column_types_alike)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(db_exec_script(c, "INSERT INTO territory (code, level, name, name_fold, population, area_km2)"
				  " VALUES ('01', 'region', 'A', 'a', 9007199254740993, 0.1),"
				  " ('02', 'region', 'B', 'b', 9007199254740993, 0.2)", &e) == 0);
	struct db_stmt *st = db_prepare(c, "SELECT population, area_km2, name, capital, population > 5,"
					   " SUM(population) OVER (), area_km2 * 3"
					   " FROM territory ORDER BY code", &e);
	REQUIRE(st);
	REQUIRE(db_step(st, &e) == DB_ROW);
	CHECK_INT(db_col_type(st, 0), DB_TYPE_INT);
	CHECK_INT(db_col_type(st, 1), DB_TYPE_FLOAT);
	CHECK_INT(db_col_type(st, 2), DB_TYPE_TEXT);
	CHECK_INT(db_col_type(st, 3), DB_TYPE_NULL);
	CHECK_INT(db_col_type(st, 4), DB_TYPE_INT);
	CHECK_INT(db_col_int64(st, 4), 1);          /* a boolean is 1 or 0 on both */
	CHECK_STR(db_col_text(st, 4), "1");
	CHECK_INT(db_col_int64(st, 5), INT64_C(18014398509481986)); /* NUMERIC on PostgreSQL: exact */
	CHECK(db_col_double(st, 1) == 0.1);         /* doubles round-trip exactly */
	CHECK(db_col_double(st, 6) == 0.1 * 3);
	CHECK_INT(db_col_int64(st, 1), 0);          /* truncated, as SQLite does */
	db_finish(st);
	db_release(c);
	db_close(db);
}

static int64_t setting_count(struct db_conn *c)
{
	return count(c, "SELECT COUNT(*) FROM setting");
}

TEST(an_error_aborts_the_transaction_on_both_backends)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(db_begin(c, &e) == 0);
	REQUIRE(db_exec_script(c, "INSERT INTO setting (key, value) VALUES ('a', '1')", &e) == 0);
	struct db_stmt *st = db_prepare(c, "INSERT INTO setting (key, value) VALUES ('a', '2')", &e);
	REQUIRE(st);
	CHECK_INT(db_step_done(st, &e), ERR_CONFLICT);
	char first[ERR_MSG_MAX];
	snprintf(first, sizeof first, "%s", e.msg);
	/* every later statement repeats the first error, until the rollback */
	err_init(&e, NULL);
	CHECK(db_prepare(c, "SELECT COUNT(*) FROM setting", &e) == NULL);
	CHECK_INT(e.code, ERR_CONFLICT);
	CHECK_STR(e.msg, first);
	CHECK_INT(db_exec_script(c, "INSERT INTO setting (key, value) VALUES ('b', '1')", &e), ERR_CONFLICT);
	CHECK_INT(db_commit(c, &e), ERR_CONFLICT);
	CHECK(!db_in_transaction(c));
	CHECK_INT(setting_count(c), 0);
	CHECK_INT(db_transact(c, insert_two, NULL, &e), ERR_CONFLICT);
	CHECK_INT(setting_count(c), 0);
	db_release(c);
	db_close(db);
}

TEST(read_transaction_sees_one_snapshot)
{
	struct db *db = test_db_fresh();
	struct db_conn *r = conn(db), *w = conn(db);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(db_begin_read(r, &e) == 0);
	CHECK_INT(setting_count(r), 0);
	REQUIRE(db_begin(w, &e) == 0);
	REQUIRE(db_exec_script(w, "INSERT INTO setting (key, value) VALUES ('k', 'v')", &e) == 0);
	REQUIRE(db_commit(w, &e) == 0);
	CHECK_INT(setting_count(w), 1);
	CHECK_INT(setting_count(r), 0); /* still the snapshot of its first read */
	CHECK_INT(db_commit(r, &e), 0);
	CHECK_INT(setting_count(r), 1);
	db_release(r);
	db_release(w);
	db_close(db);
}

static int64_t generation(struct db_conn *c)
{
	struct err e;
	err_init(&e, NULL);
	int64_t g = -1;
	CHECK_INT(db_generation(c, &g, &e), 0);
	return g;
}

TEST(generation_moves_with_committed_writes_only)
{
	struct db *db = test_db_fresh();
	struct db_conn *a = conn(db), *b = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t g0 = generation(a);
	REQUIRE(db_begin(a, &e) == 0);
	REQUIRE(db_exec_script(a, "INSERT INTO setting (key, value) VALUES ('k', 'v')", &e) == 0);
	CHECK_INT(generation(b), g0);     /* nothing committed yet */
	REQUIRE(db_commit(a, &e) == 0);
	int64_t g1 = generation(b);        /* seen from another connection */
	CHECK(g1 != g0);
	CHECK_INT(generation(a), g1);
	REQUIRE(db_begin(a, &e) == 0);
	REQUIRE(db_exec_script(a, "DELETE FROM setting", &e) == 0);
	db_rollback(a);
	CHECK_INT(generation(b), g1);     /* a rollback is not a write */
	REQUIRE(db_begin_read(a, &e) == 0);
	CHECK_INT(setting_count(a), 1);
	REQUIRE(db_commit(a, &e) == 0);
	CHECK_INT(generation(b), g1);     /* nor is a read transaction */
	db_release(a);
	db_release(b);
	db_close(db);
}

/* Read-modify-write in the application, the pattern a lost update hides in: on
 * SQLite the writers take turns; on PostgreSQL they run together and SERIALIZABLE
 * aborts one of two that collide (ERR_RETRY), which db_transact runs again. */
struct rmw_arg {
	struct db *db;
	int failures;
};

static int read_modify_write(struct db_conn *c, void *arg, struct err *e)
{
	(void)arg;
	struct db_stmt *st = db_prepare(c, "SELECT value FROM setting WHERE key = 'counter'", e);
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	int64_t v = rc == DB_ROW ? strtoll(db_col_text(st, 0), NULL, 10) : 0;
	db_finish(st);
	if (rc < 0)
		return rc;
	char next[32];
	snprintf(next, sizeof next, "%lld", (long long)v + 1);
	st = db_prepare(c, "UPDATE setting SET value = ? WHERE key = 'counter'", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, next);
	return db_step_done(st, e);
}

static void *rmw_worker(void *p)
{
	struct rmw_arg *w = p;
	for (int i = 0; i < 30; i++) {
		struct err e;
		err_init(&e, NULL);
		struct db_conn *c = db_acquire(w->db, &e);
		if (!c || db_transact(c, read_modify_write, NULL, &e)) {
			w->failures++;
			fprintf(stderr, "  read-modify-write: %s\n", e.msg);
		}
		db_release(c);
	}
	return NULL;
}

TEST(no_lost_updates_under_concurrent_read_modify_write)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(db_exec_script(c, "INSERT INTO setting (key, value) VALUES ('counter', '0')", &e) == 0);
	db_release(c);
	pthread_t th[4];
	struct rmw_arg args[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (struct rmw_arg){ db, 0 };
		pthread_create(&th[i], NULL, rmw_worker, &args[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(args[i].failures, 0);
	}
	c = conn(db);
	CHECK_INT(count(c, "SELECT CAST(value AS BIGINT) FROM setting WHERE key = 'counter'"), 120);
	db_release(c);
	db_close(db);
}

struct migrate_arg {
	int rc, version;
	char msg[ERR_MSG_MAX];
	struct db *db;
};

static void *migrate_worker(void *p)
{
	struct migrate_arg *m = p;
	struct err e;
	err_init(&e, NULL);
	m->rc = db_migrate(m->db, &m->version, &e);
	snprintf(m->msg, sizeof m->msg, "%s", e.msg);
	return NULL;
}

TEST(two_processes_migrating_at_once_apply_each_migration_once)
{
	struct err e;
	err_init(&e, NULL);
	/* an empty database, which two pools (as two processes) migrate together */
	char url[600];
	const char *pg = getenv("MINKA_TEST_DB");
	if (pg && *pg) {
		struct db *db = test_db_fresh();
		struct db_conn *c = conn(db);
		REQUIRE(db_exec_script(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public", &e) == 0);
		db_release(c);
		db_close(db);
		snprintf(url, sizeof url, "%s", pg);
	} else {
		snprintf(url, sizeof url, "%s/together.db", test_tmpdir());
	}
	struct migrate_arg m[2] = { { .db = NULL }, { .db = NULL } };
	REQUIRE(db_open(url, 2, &m[0].db, &e) == 0);
	REQUIRE(db_open(url, 2, &m[1].db, &e) == 0);
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, migrate_worker, &m[i]);
	for (int i = 0; i < 2; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(m[i].rc, 0);
		if (m[i].rc)
			fprintf(stderr, "  migrate: %s\n", m[i].msg);
	}
	CHECK_INT(m[0].version, m[1].version);
	CHECK(m[0].version >= 1);
	struct db_conn *c = conn(m[0].db);
	/* each migration once (numbers may have gaps while branches land in turn) */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM schema_version"), count(c, "SELECT COUNT(DISTINCT version) FROM schema_version"));
	CHECK_INT(count(c, "SELECT MAX(version) FROM schema_version"), m[0].version);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM data_generation"), 1);
	db_release(c);
	db_close(m[1].db);
	db_close(m[0].db);
}

TEST(url_passwords_are_masked)
{
	char out[256];
	db_redact_url("postgres://minka:s3cret@db.example.pe:5432/minka?sslmode=require", out, sizeof out);
	CHECK_STR(out, "postgres://minka:***@db.example.pe:5432/minka?sslmode=require");
	db_redact_url("postgresql:///minka?host=/run/pg&password=s3cret&user=x", out, sizeof out);
	CHECK_STR(out, "postgresql:///minka?host=/run/pg&password=***&user=x");
	db_redact_url("postgresql://u@h/db?password=a&opt=password=b", out, sizeof out);
	CHECK_STR(out, "postgresql://u@h/db?password=***&opt=password=b");
	db_redact_url("minka.db", out, sizeof out);
	CHECK_STR(out, "minka.db");
	CHECK(db_url_is_pg("postgres://x/y") && db_url_is_pg("postgresql://x/y"));
	CHECK(!db_url_is_pg("minka.db") && !db_url_is_pg("postgres.db"));
}

/* ---- PostgreSQL only: faults of a database server ---- */

static bool pg(struct db *db) { return db_kind(db) == DB_PG; }

static int64_t backend_pid(struct db_conn *c) { return count(c, "SELECT pg_backend_pid()"); }

static void terminate(struct db *db, int64_t pid)
{
	struct err e;
	err_init(&e, NULL);
	struct db *other = NULL;
	REQUIRE(db_open(getenv("MINKA_TEST_DB"), 1, &other, &e) == 0);
	struct db_conn *c = conn(other);
	struct db_stmt *st = db_prepare(c, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", &e);
	REQUIRE(st);
	db_bind_int64(st, 1, pid);
	CHECK_INT(db_step(st, &e), DB_ROW);
	CHECK_INT(db_col_int64(st, 0), 1);
	db_finish(st);
	db_release(c);
	db_close(other);
	(void)db;
}

TEST(pg_lost_connection_mid_transaction_leaves_nothing)
{
	struct db *db = test_db_fresh();
	if (!pg(db)) {
		db_close(db);
		return;
	}
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t pid = backend_pid(c);
	REQUIRE(db_begin(c, &e) == 0);
	REQUIRE(db_exec_script(c, "INSERT INTO setting (key, value) VALUES ('half', 'written')", &e) == 0);
	terminate(db, pid);
	struct db_stmt *st = db_prepare(c, "INSERT INTO setting (key, value) VALUES (?, ?)", &e);
	int rc = st ? db_step_done(st, &e) : e.code;
	CHECK_INT(rc, ERR_UNAVAILABLE);
	CHECK_CONTAINS(e.msg, "connection was lost");
	CHECK_INT(err_http_status(rc), 503);
	CHECK_INT(db_commit(c, &e), ERR_UNAVAILABLE);
	db_release(c);
	/* the pool reconnects, and the transaction left nothing behind */
	c = db_acquire(db, &e);
	REQUIRE(c);
	CHECK(backend_pid(c) != pid);
	CHECK_INT(setting_count(c), 0);
	db_release(c);
	db_close(db);
}

TEST(pg_connection_closed_while_idle_is_replaced_unnoticed)
{
	struct db *db = test_db_fresh();
	if (!pg(db)) {
		db_close(db);
		return;
	}
	struct db_conn *c = conn(db);
	int64_t pid = backend_pid(c);
	db_release(c);
	terminate(db, pid);
	c = conn(db);
	int64_t now = backend_pid(c);
	CHECK(now > 0 && now != pid);
	CHECK_INT(setting_count(c), 0);
	db_release(c);
	db_close(db);
}

TEST(pg_wrong_password_or_url_fails_clearly)
{
	const char *dir = getenv("PG_TEST_DIR"), *pw = getenv("PG_TEST_PASSWORD");
	if (!getenv("MINKA_TEST_DB") || !*getenv("MINKA_TEST_DB") || !dir || !pw)
		return;
	char url[600];
	struct db *db = NULL;
	struct err e;
	err_init(&e, NULL);
	snprintf(url, sizeof url, "postgresql://minka_pw:not-%s@/minka_test?host=%s", pw, dir);
	CHECK_INT(db_open(url, 2, &db, &e), ERR_UNAVAILABLE);
	CHECK(db == NULL);
	CHECK_CONTAINS(e.msg, "password authentication failed");
	CHECK_CONTAINS(e.msg, "minka_pw:***@");
	CHECK(strstr(e.msg, pw) == NULL);
	snprintf(url, sizeof url, "postgresql://minka_pw:%s@/minka_test?host=%s", pw, dir);
	CHECK_INT(db_open(url, 1, &db, &e), 0); /* the right one works */
	db_close(db);
	db = NULL;
	snprintf(url, sizeof url, "postgresql://minka@/no_such_db?host=%s", dir);
	CHECK_INT(db_open(url, 1, &db, &e), ERR_UNAVAILABLE);
	CHECK_CONTAINS(e.msg, "no_such_db");
	CHECK_INT(db_open("postgresql://minka@localhost:99999999/x", 1, &db, &e), ERR_UNAVAILABLE);
	CHECK_CONTAINS(e.msg, "cannot connect to the database postgresql://minka@localhost:99999999/x");
	CHECK_INT(db_open("postgresql://%zz@host/x", 1, &db, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "invalid database URL");
	CHECK(db == NULL);
}

/* ---- the audit log: one chain, however many writers ---- */


static int audited_write(struct db_conn *c, void *arg, struct err *e)
{
	struct worker_arg *w = arg;
	struct actor who = { .account_id = 0 };
	snprintf(who.name, sizeof who.name, "worker%d", w->id);
	json_t *after = json_pack("{s:i}", "n", w->id);
	int rc = audit_record(c, &who, 1700000000, "thing.touch", "thing", "1", NULL, after, e);
	json_decref(after);
	return rc;
}

static void *audit_worker(void *p)
{
	struct worker_arg *w = p;
	for (int i = 0; i < 20; i++) {
		struct err e;
		err_init(&e, NULL);
		struct db_conn *c = db_acquire(w->db, &e);
		if (!c || db_transact(c, audited_write, w, &e)) {
			w->failures++;
			fprintf(stderr, "  audit writer %d: %s\n", w->id, e.msg);
		}
		db_release(c);
	}
	return NULL;
}

/* Each entry takes the next number after the last one: concurrent writers
 * collide (a unique violation that PostgreSQL's SERIALIZABLE reports as a
 * serialization failure, retried), and the chain stays whole. */
TEST(concurrent_audited_writes_keep_one_chain)
{
	struct db *db = test_db_fresh();
	pthread_t th[4];
	struct worker_arg args[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (struct worker_arg){ db, i, 0 };
		pthread_create(&th[i], NULL, audit_worker, &args[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(args[i].failures, 0);
	}
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	struct audit_report rep;
	REQUIRE(audit_verify(c, &rep, &e) == 0);
	CHECK_INT(rep.entries, 80);
	CHECK_INT(rep.bad_seq, 0);
	db_release(c);
	db_close(db);
}
