/* test_str.c — strict number parsing, map, constant-time compare. */
#include "core/compat.h"
#include "test.h"
#include "core/err.h"
#include "core/map.h"
#include "core/str.h"

TEST(int64_parsing)
{
	int64_t v;
	CHECK_INT(str_to_int64("42", &v), 0);
	CHECK_INT(v, 42);
	CHECK_INT(str_to_int64("-9223372036854775808", &v), 0);
	CHECK_INT(v, INT64_MIN);
	CHECK_INT(str_to_int64("9223372036854775808", &v), ERR_INVALID);
	CHECK_INT(str_to_int64("12x", &v), ERR_INVALID);
	CHECK_INT(str_to_int64(" 12", &v), ERR_INVALID);
	CHECK_INT(str_to_int64("", &v), ERR_INVALID);
}

TEST(double_parsing)
{
	double d;
	CHECK_INT(str_to_double("-6.22944444", &d), 0);
	CHECK(d == -6.22944444);
	CHECK_INT(str_to_double("1e3", &d), 0);
	CHECK(d == 1000);
	CHECK_INT(str_to_double("nan", &d), ERR_INVALID);
	CHECK_INT(str_to_double("inf", &d), ERR_INVALID);
	CHECK_INT(str_to_double("1e999", &d), ERR_INVALID);
	CHECK_INT(str_to_double("0x10", &d), ERR_INVALID);
	CHECK_INT(str_to_double("1,5", &d), ERR_INVALID);
}

TEST(trim_digits_ct)
{
	char s[] = "  hola \n";
	CHECK_STR(str_trim(s), "hola");
	CHECK(str_all_digits("010101"));
	CHECK(!str_all_digits("01a"));
	CHECK(!str_all_digits(""));
	CHECK(str_ct_equal("abc", "abc", 3));
	CHECK(!str_ct_equal("abc", "abd", 3));
}

TEST(map_put_get_grow)
{
	struct map m;
	map_init(&m);
	char key[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		CHECK(map_put(&m, key, (void *)(intptr_t)(i + 1)) == NULL);
	}
	CHECK_INT(m.len, 1000);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		CHECK_INT((intptr_t)map_get(&m, key), i + 1);
	}
	CHECK((intptr_t)map_put(&m, "k5", (void *)7) == 6);
	CHECK(map_get(&m, "absent") == NULL);
	map_release(&m, NULL);
	CHECK(map_get(&m, "k1") == NULL);
}
