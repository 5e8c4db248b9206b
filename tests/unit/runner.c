/* runner.c — runs the TEST blocks registered by one test file. Usage:
 *   test_x            run all
 *   test_x NAME...    run only those */
#include "core/compat.h"
#include "test.h"
#include "core/log.h"
#include "domain/account.h"
#include "domain/territory.h"
#include "store/db.h"

#include <setjmp.h>
#include <sys/stat.h>

#define MAX_TESTS 1024

static struct { const char *name; test_fn fn; } tests[MAX_TESTS];
static int ntests;
static int current_failures;
static jmp_buf abort_jmp;
static const char *current_name;

void test_register(const char *name, test_fn fn)
{
	if (ntests < MAX_TESTS) {
		tests[ntests].name = name;
		tests[ntests].fn = fn;
		ntests++;
	}
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "  FAIL %s (%s:%d): %s\n", current_name, file, line, msg);
	current_failures++;
}

void test_abort(void) { longjmp(abort_jmp, 1); }

static char scratch_dir[256];
static bool scratch_made(void) { return scratch_dir[0] != '\0'; }

const char *test_tmpdir(void)
{
	char *dir = scratch_dir;
	if (!dir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(dir, sizeof scratch_dir, "%s/minka-test-XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			exit(1);
		}
	}
	return dir;
}

const char *test_data_dir(void)
{
	const char *env = getenv("MINKA_DATA");
	return env && *env ? env : "data";
}

const char *test_shared_dir(void)
{
	const char *env = getenv("MINKA_SHARED");
	if (env && *env)
		return env;
	struct stat st;
	if (stat("../shared/data", &st) == 0)
		return "../shared/data";
	return "/work/shared/data";
}

int test_db_pool_size = 4;

struct db *test_db_fresh(void)
{
	static int seq;
	char url[512];
	const char *pg = getenv("MINKA_TEST_DB");
	struct err e;
	err_init(&e, NULL);
	struct db *db = NULL;
	if (pg && *pg) {
		/* each fresh database is a schema of its own (a test may hold two at once):
		 * made empty over an administrative connection, then selected with the
		 * connection's search_path */
		char schema[32], sql[160];
		snprintf(schema, sizeof schema, "minka_t%d", ++seq);
		struct db *admin = NULL;
		if (db_open(pg, 1, &admin, &e)) {
			test_fail(__FILE__, __LINE__, "open %s: %s", pg, e.msg);
			test_abort();
		}
		struct db_conn *c = db_acquire(admin, &e);
		snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;", schema, schema);
		if (!c || db_exec_script(c, sql, &e)) {
			test_fail(__FILE__, __LINE__, "reset %s: %s", schema, e.msg);
			test_abort();
		}
		db_release(c);
		db_close(admin);
		snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", pg, strchr(pg, '?') ? "&" : "?", schema);
		if (db_open(url, test_db_pool_size, &db, &e)) {
			test_fail(__FILE__, __LINE__, "open %s: %s", url, e.msg);
			test_abort();
		}
	} else {
		snprintf(url, sizeof url, "%s/db%d.db", test_tmpdir(), ++seq);
		if (db_open(url, test_db_pool_size, &db, &e)) {
			test_fail(__FILE__, __LINE__, "open %s: %s", url, e.msg);
			test_abort();
		}
	}
	int version;
	if (db_migrate(db, &version, &e)) {
		test_fail(__FILE__, __LINE__, "migrate: %s", e.msg);
		test_abort();
	}
	return db;
}

struct db *test_db_territory(void)
{
	struct db *db = test_db_fresh();
	struct err e;
	err_init(&e, NULL);
	char dir[512];
	snprintf(dir, sizeof dir, "%s/peru-ubigeo", test_data_dir());
	struct db_conn *c = db_acquire(db, &e);
	struct territory_import_stats st;
	struct actor who = { .name = "test" };
	if (!c || territory_import_dir(c, &who, 1000, dir, &st, &e)) {
		test_fail(__FILE__, __LINE__, "territory import: %s", e.msg);
		test_abort();
	}
	db_release(c);
	return db;
}

static void remove_tree(const char *dir)
{
	char cmd[600];
	if (strlen(dir) > 10 && strstr(dir, "minka-test-")) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
}

int main(int argc, char **argv)
{
	account_set_hash_cost(true); /* argon2id at its minimum cost: tests sign in often */
	const char *lvl = getenv("MINKA_LOG");
	log_set_level(lvl && log_level_parse(lvl) >= 0 ? (enum log_level)log_level_parse(lvl) : LOG_ERROR);
	const char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int passed = 0, failed = 0;
	for (int i = 0; i < ntests; i++) {
		if (argc > 1) {
			bool want = false;
			for (int k = 1; k < argc; k++)
				want |= str_eq(argv[k], tests[i].name);
			if (!want)
				continue;
		}
		current_name = tests[i].name;
		current_failures = 0;
		if (setjmp(abort_jmp) == 0)
			tests[i].fn();
		if (current_failures) {
			failed++;
			fprintf(stderr, "FAIL %s.%s\n", prog, tests[i].name);
		} else {
			passed++;
		}
	}
	/* remove the scratch directory if one was made */
	if (scratch_made())
		remove_tree(test_tmpdir());
	printf("%s: %d passed, %d failed\n", prog, passed, failed);
	return failed ? 1 : 0;
}
