/* test_copy.c — minka copy between databases: the real territory, a table with
 * identity ids and a search index, a round trip through the other backend with
 * equal checksums, ids that continue after the copy, refusals (a target in use,
 * a source at another schema version) and checksums that see any change. With
 * $MINKA_TEST_DB (PostgreSQL) the round trip is PostgreSQL -> SQLite ->
 * PostgreSQL ($PG_TEST_URL2, a second database); without, SQLite -> SQLite. */
#include "core/compat.h"
#include "test.h"
#include "store/copy.h"
#include "store/db.h"
#include "store/search.h"

static const char project_schema[] =
	"CREATE TABLE sample_project (\n"
	"  id @ID@,\n"
	"  code TEXT NOT NULL REFERENCES territory(code),\n"
	"  title TEXT NOT NULL,\n"
	"  amount DOUBLE PRECISION,\n"
	"  parent_id BIGINT REFERENCES sample_project(id)\n"
	");\n"
	"@SEARCH sample_project (title)@\n";

static struct db_conn *conn(struct db *db)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	return c;
}

static void exec(struct db *db, const char *sql)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = conn(db);
	if (db_exec_schema(c, sql, &e))
		test_fail(__FILE__, __LINE__, "%s: %s", sql, e.msg);
	db_release(c);
}

static int64_t scalar(struct db *db, const char *sql)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = conn(db);
	struct db_stmt *st = db_prepare(c, sql, &e);
	int64_t v = -1;
	if (st && db_step(st, &e) == DB_ROW)
		v = db_col_int64(st, 0);
	db_finish(st);
	db_release(c);
	return v;
}

/* A fresh SQLite file in the scratch directory. */
static struct db *sqlite_fresh(const char *name)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
	unlink(path);
	struct err e;
	err_init(&e, NULL);
	struct db *db = NULL;
	if (db_open(path, 2, &db, &e)) {
		test_fail(__FILE__, __LINE__, "%s", e.msg);
		test_abort();
	}
	return db;
}

static void check_same_sums(struct db *a, struct db *b)
{
	struct err e;
	err_init(&e, NULL);
	struct db_table_sum *sa, *sb;
	size_t na, nb;
	REQUIRE(db_table_sums(a, &sa, &na, &e) == 0);
	REQUIRE(db_table_sums(b, &sb, &nb, &e) == 0);
	CHECK_INT(na, nb);
	for (size_t i = 0; i < na; i++) {
		size_t j;
		for (j = 0; j < nb && !str_eq(sa[i].name, sb[j].name); j++)
			;
		if (j == nb) {
			test_fail(__FILE__, __LINE__, "table %s missing", sa[i].name);
			continue;
		}
		CHECK_INT(sa[i].rows, sb[j].rows);
		CHECK_STR(sa[i].checksum, sb[j].checksum);
	}
	free(sa);
	free(sb);
}

static void fill_projects(struct db *db)
{
	exec(db, project_schema);
	exec(db, "INSERT INTO sample_project (code, title, amount, parent_id) VALUES"
		 " ('010101', 'Mejoramiento del servicio de agua potable', 1234567.89, NULL),"
		 " ('010101', 'Saneamiento básico — segunda etapa', 0.1, 1),"
		 " ('0101', 'Pistas y veredas del jirón Amazonas', NULL, NULL)");
	exec(db, "DELETE FROM sample_project WHERE title LIKE 'Pistas%'");
	exec(db, "INSERT INTO sample_project (code, title, amount) VALUES ('01', 'Camino vecinal Ñuñoa–Cheto', -2.5e-7)");
}

static int64_t found(struct db *db, const char *text)
{
	struct err e;
	err_init(&e, NULL);
	struct db_search s;
	REQUIRE(db_search_init(db, "sample_project", "p", text, &s, &e) == 0);
	char sql[600];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sample_project p%s", s.join);
	struct db_conn *c = conn(db);
	struct db_stmt *st = db_prepare(c, sql, &e);
	REQUIRE(st);
	db_bind_text(st, 1, s.arg);
	int64_t n = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : -1;
	db_finish(st);
	db_release(c);
	db_search_release(&s);
	return n;
}

TEST(round_trip_through_the_other_backend)
{
	struct db *src = test_db_territory();
	fill_projects(src);
	struct err e;
	err_init(&e, NULL);
	/* the other backend: a new SQLite file; it needs the test table too */
	struct db *mid = sqlite_fresh("mid.db");
	int v;
	REQUIRE(db_migrate(mid, &v, &e) == 0);
	exec(mid, project_schema);
	struct db_table_sum *sums;
	size_t nsums;
	REQUIRE(db_table_sums(src, &sums, &nsums, &e) == 0);
	int64_t rows = 0;
	for (size_t i = 0; i < nsums; i++)
		rows += sums[i].rows;
	free(sums);
	CHECK(rows >= 2112 + 1916 + 3);
	struct db_copy_report rep;
	int rc = db_copy(src, mid, true, &rep, &e);
	if (rc)
		test_fail(__FILE__, __LINE__, "copy: %s", e.msg);
	CHECK_INT(rep.ntables, nsums);
	CHECK_INT(rep.rows, rows);
	/* dependency order: territory before government and project */
	int ti = -1, gi = -1, pi = -1;
	for (size_t i = 0; i < rep.ntables; i++) {
		if (str_eq(rep.from[i].name, "territory")) ti = (int)i;
		if (str_eq(rep.from[i].name, "government")) gi = (int)i;
		if (str_eq(rep.from[i].name, "sample_project")) pi = (int)i;
	}
	CHECK(ti >= 0 && ti < gi && ti < pi);
	db_copy_report_release(&rep);
	check_same_sums(src, mid);
	CHECK_INT(found(mid, "saneamiento basico"), 1);
	CHECK_INT(found(mid, "nunoa"), 1);
	/* and back into a second database of the first kind */
	const char *pg2 = getenv("PG_TEST_URL2");
	struct db *back = NULL;
	if (db_kind(src) == DB_PG && pg2 && *pg2) {
		REQUIRE(db_open(pg2, 2, &back, &e) == 0);
		struct db_conn *c = conn(back);
		REQUIRE(db_exec_script(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public", &e) == 0);
		db_release(c);
	} else {
		back = sqlite_fresh("back.db");
	}
	REQUIRE(db_migrate(back, &v, &e) == 0);
	exec(back, project_schema);
	rc = db_copy(mid, back, true, &rep, &e);
	if (rc)
		test_fail(__FILE__, __LINE__, "copy back: %s", e.msg);
	db_copy_report_release(&rep);
	check_same_sums(src, back);
	CHECK_INT(found(back, "saneamiento basico"), 1);
	/* ids go on after the copied ones (PostgreSQL's identity sequence was reset) */
	int64_t last = scalar(src, "SELECT MAX(id) FROM sample_project");
	CHECK(last >= 3);
	exec(back, "INSERT INTO sample_project (code, title) VALUES ('01', 'Nuevo')");
	CHECK_INT(scalar(back, "SELECT MAX(id) FROM sample_project"), last + 1);
	exec(mid, "INSERT INTO sample_project (code, title) VALUES ('01', 'Nuevo')");
	CHECK_INT(scalar(mid, "SELECT MAX(id) FROM sample_project"), last + 1);
	db_close(back);
	db_close(mid);
	db_close(src);
}

TEST(refuses_a_target_in_use_and_other_schema_versions)
{
	struct db *src = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db *dst = sqlite_fresh("used.db");
	int v;
	REQUIRE(db_migrate(dst, &v, &e) == 0);
	exec(dst, "INSERT INTO setting (key, value) VALUES ('mine', 'x')");
	struct db_copy_report rep;
	CHECK_INT(db_copy(src, dst, false, &rep, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "already holds data (table setting)");
	db_copy_report_release(&rep);
	CHECK_INT(scalar(dst, "SELECT COUNT(*) FROM territory"), 0);
	exec(dst, "DELETE FROM setting"); /* migrated but empty: new */
	REQUIRE(db_copy(src, dst, false, &rep, &e) == 0);
	db_copy_report_release(&rep);
	CHECK_INT(scalar(dst, "SELECT COUNT(*) FROM territory"), 2112);
	/* a table only one side has */
	exec(src, project_schema);
	CHECK_INT(db_copy(src, dst, true, &rep, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "sample_project");
	db_copy_report_release(&rep);
	exec(src, "DROP TABLE sample_project");
	if (db_kind(src) == DB_SQLITE)
		exec(src, "DROP TABLE sample_project_search");
	/* a source behind this minka's schema */
	exec(src, "DELETE FROM schema_version");
	exec(src, "DELETE FROM government");
	CHECK_INT(db_copy(src, dst, true, &rep, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "minka migrate");
	db_copy_report_release(&rep);
	CHECK_INT(scalar(dst, "SELECT COUNT(*) FROM government"), 1916); /* untouched */
	db_close(dst);
	db_close(src);
}

TEST(checksums_see_every_change)
{
	struct db *a = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_table_sum *s0, *s1;
	size_t n0, n1;
	REQUIRE(db_table_sums(a, &s0, &n0, &e) == 0);
	static const char *const changes[] = {
		"UPDATE territory SET area_km2 = area_km2 + 1e-9 WHERE code = '010101'",
		"UPDATE territory SET population = NULL WHERE code = '010101'",
		"UPDATE territory SET capital = '' WHERE code = '010101'",
	};
	for (size_t k = 0; k < ARRAY_LEN(changes); k++) {
		exec(a, changes[k]);
		REQUIRE(db_table_sums(a, &s1, &n1, &e) == 0);
		for (size_t i = 0; i < n0 && i < n1; i++)
			if (str_eq(s0[i].name, "territory"))
				CHECK(!str_eq(s0[i].checksum, s1[i].checksum));
			else
				CHECK_STR(s0[i].checksum, s1[i].checksum);
		free(s0);
		s0 = s1;
		n0 = n1;
	}
	free(s0);
	db_close(a);
}
