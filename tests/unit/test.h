/* test.h — a minimal unit-test harness. Each test file defines TEST(name) blocks;
 * runner.c runs them all and prints "<binary>: N passed, N failed".
 * CHECK* record a failure with file and line and let the test go on;
 * REQUIRE* stop the current test. */
#ifndef MINKA_TEST_H
#define MINKA_TEST_H

#include "core/compat.h"

typedef void (*test_fn)(void);
void test_register(const char *name, test_fn fn);
void test_fail(const char *file, int line, const char *fmt, ...) MINKA_PRINTF(3, 4);
/* Aborts the current test (after a failed REQUIRE). */
MINKA_NORETURN void test_abort(void);
/* A scratch directory for this test binary (created on first use). */
const char *test_tmpdir(void);
/* The repository's data directory and the shared data (../shared/data) if present. */
const char *test_data_dir(void);
const char *test_shared_dir(void);

struct db;
/* A fresh, migrated, empty database for one test: an SQLite file in the scratch
 * directory, or, when $MINKA_TEST_DB names a PostgreSQL URL, that database
 * emptied first. The caller closes it with db_close(). */
struct db *test_db_fresh(void);
/* Connections in the pools test_db_fresh() opens (default 4). */
extern int test_db_pool_size;
/* The same with the real territory imported (data/peru-ubigeo). */
struct db *test_db_territory(void);

#define TEST(name)                                                            \
	static void test_##name(void);                                        \
	__attribute__((constructor)) static void register_##name(void)        \
	{                                                                     \
		test_register(#name, test_##name);                            \
	}                                                                     \
	static void test_##name(void)

#define CHECK(cond)                                                               \
	do {                                                                      \
		if (!(cond))                                                      \
			test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);        \
	} while (0)

#define REQUIRE(cond)                                                             \
	do {                                                                      \
		if (!(cond)) {                                                    \
			test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);      \
			test_abort();                                             \
		}                                                                 \
	} while (0)

#define CHECK_INT(a, b)                                                                         \
	do {                                                                                    \
		long long a_ = (long long)(a), b_ = (long long)(b);                            \
		if (a_ != b_)                                                                   \
			test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, a_, b_); \
	} while (0)

#define CHECK_STR(a, b)                                                                               \
	do {                                                                                          \
		const char *a_ = (a), *b_ = (b);                                                      \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                                                \
			test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #a,            \
				  a_ ? a_ : "(null)", b_ ? b_ : "(null)");                            \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                                                  \
	do {                                                                                         \
		const char *h_ = (hay), *n_ = (needle);                                              \
		if (!h_ || !strstr(h_, n_))                                                          \
			test_fail(__FILE__, __LINE__, "%s does not contain \"%s\" (it is \"%.300s\")", \
				  #hay, n_, h_ ? h_ : "(null)");                                     \
	} while (0)

#endif
