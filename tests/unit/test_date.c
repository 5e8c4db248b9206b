/* test_date.c — ISO 8601 dates and timestamps. */
#include "core/compat.h"
#include "test.h"
#include "core/date.h"
#include "core/err.h"

TEST(parse_and_format)
{
	struct date d;
	char out[DATE_FMT_MAX];
	CHECK_INT(date_parse("2026-11-21", &d), 0);
	CHECK_INT(d.year, 2026);
	CHECK_INT(d.month, 11);
	CHECK_INT(d.day, 21);
	CHECK_STR(date_format(d, out), "2026-11-21");
	CHECK_INT(date_parse("2024-02-29", &d), 0);
	CHECK_INT(date_parse("2023-02-29", &d), ERR_INVALID);
	CHECK_INT(date_parse("2100-02-29", &d), ERR_INVALID);
	CHECK_INT(date_parse("2000-02-29", &d), 0);
	CHECK_INT(date_parse("2026-13-01", &d), ERR_INVALID);
	CHECK_INT(date_parse("2026-1-01", &d), ERR_INVALID);
	CHECK_INT(date_parse("21/11/2026", &d), ERR_INVALID);
	CHECK_INT(date_parse("", &d), ERR_INVALID);
}

TEST(days_round_trip)
{
	struct date e = { 1970, 1, 1 };
	CHECK_INT(date_to_days(e), 0);
	struct date d = { 2026, 11, 21 };
	CHECK_INT(date_to_days(d), 20778);
	for (int64_t k = -719000; k < 2900000; k += 997) {
		struct date x = date_from_days(k);
		CHECK(date_valid(x.year, x.month, x.day));
		CHECK_INT(date_to_days(x), k);
	}
	struct date a = { 2026, 3, 31 }, b = { 2026, 4, 1 };
	CHECK_INT(date_cmp(a, b), -1);
	CHECK_INT(date_quarter(a), 1);
	CHECK_INT(date_quarter(b), 2);
}

TEST(datetimes)
{
	int64_t t;
	char out[DATETIME_FMT_MAX];
	CHECK_INT(datetime_parse("2026-11-21T10:05:00Z", &t), 0);
	CHECK_STR(datetime_format(t, out), "2026-11-21T10:05:00Z");
	int64_t t2;
	CHECK_INT(datetime_parse("2026-11-21T05:05:00-05:00", &t2), 0); /* Lima */
	CHECK_INT(t2, t);
	CHECK_INT(datetime_parse("2026-11-21", &t2), 0);
	CHECK_STR(datetime_format(t2, out), "2026-11-21T00:00:00Z");
	CHECK_INT(datetime_parse("2026-11-21T25:00:00Z", &t2), ERR_INVALID);
	CHECK_INT(datetime_parse("2026-11-21T10:00Z", &t2), ERR_INVALID);
	CHECK_STR(datetime_format(-1, out), "1969-12-31T23:59:59Z");
}
