/* test_money.c — money in integer cents: parsing, formatting, percentages. */
#include "core/compat.h"
#include "test.h"
#include "core/err.h"
#include "core/money.h"
#include "core/err.h"

static int64_t parse(const char *s)
{
	int64_t v = -999999;
	CHECK_INT(money_parse(s, &v), 0);
	return v;
}

static void refuse(const char *s)
{
	int64_t v;
	if (money_parse(s, &v) != ERR_INVALID)
		test_fail(__FILE__, __LINE__, "accepted \"%s\"", s);
}

TEST(parse_accepted_forms)
{
	CHECK_INT(parse("S/ 1,234.56"), 123456);
	CHECK_INT(parse("1234.56"), 123456);
	CHECK_INT(parse("1234"), 123400);
	CHECK_INT(parse("1234.5"), 123450);
	CHECK_INT(parse("S/1234.50"), 123450);
	CHECK_INT(parse("S/. 12"), 1200);
	CHECK_INT(parse("-12.05"), -1205);
	CHECK_INT(parse("S/ -1,000"), -100000);
	CHECK_INT(parse("0.00"), 0);
	CHECK_INT(parse("610491429.94"), 61049142994);
	CHECK_INT(parse("1.2300"), 123);
	CHECK_INT(parse("92,233,720,368,547,758.07"), INT64_MAX);
}

TEST(parse_refused_forms)
{
	refuse("");
	refuse("abc");
	refuse("12,34");
	refuse("1,2345");
	refuse("1.234,56");
	refuse("1.234");      /* three decimals, not zeros: would lose céntimos */
	refuse("12.");
	refuse("1 234");
	refuse("--5");
	refuse("92233720368547758.08");
	refuse("1e5");
	refuse("S/");
}

TEST(format)
{
	char out[MONEY_FMT_MAX];
	CHECK_STR(money_format(123456, true, out), "S/ 1,234.56");
	CHECK_STR(money_format(123456, false, out), "1234.56");
	CHECK_STR(money_format(-5, true, out), "-S/ 0.05");
	CHECK_STR(money_format(0, true, out), "S/ 0.00");
	CHECK_STR(money_format(100000000, true, out), "S/ 1,000,000.00");
	CHECK_STR(money_format(INT64_MIN, false, out), "-92233720368547758.08");
	CHECK_STR(money_format_grouped(61049142994, out), "610,491,429.94");
}

TEST(round_trip)
{
	int64_t vals[] = { 0, 1, 99, 100, 12345678, -42, INT64_MAX };
	for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
		char out[MONEY_FMT_MAX];
		int64_t back;
		CHECK_INT(money_parse(money_format(vals[i], true, out), &back), 0);
		CHECK_INT(back, vals[i]);
		CHECK_INT(money_parse(money_format(vals[i], false, out), &back), 0);
		CHECK_INT(back, vals[i]);
	}
}

TEST(add_overflow_and_percent)
{
	int64_t r;
	CHECK_INT(money_add(1, 2, &r), 0);
	CHECK_INT(r, 3);
	CHECK_INT(money_add(INT64_MAX, 1, &r), ERR_INVALID);
	CHECK_INT(money_percent_bp(1, 3), 3333);      /* 33.33 % */
	CHECK_INT(money_percent_bp(2, 3), 6667);      /* 66.67 % */
	CHECK_INT(money_percent_bp(1, 8), 1250);
	CHECK_INT(money_percent_bp(5, 0), 0);
	CHECK_INT(money_percent_bp(INT64_MAX, INT64_MAX), 10000);
	CHECK_INT(money_percent_bp(-1, 3), -3333);
}
