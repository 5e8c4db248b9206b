/* test_indicator_rules.c — the pure rules of monitoring: exact values, periods,
 * expected values (targets and trajectories), attainment for each direction and
 * its edge cases (zero baseline, target equal to the baseline, no baseline,
 * bands), status thresholds, weighted roll-up, disaggregation sums (seed 002's
 * own table, which does not add up), formulas and overdue periods. */
#include "core/compat.h"
#include "test.h"
#include "rules/indicator_rules.h"

static int64_t val(const char *s, int dec)
{
	int64_t v = 0;
	REQUIRE(ind_value_parse(s, dec, &v) == IND_PARSE_OK);
	return v;
}

static struct ind_period per(const char *s)
{
	struct ind_period p;
	REQUIRE(ind_period_parse(s, &p) == 0);
	return p;
}

TEST(values_parse_exactly)
{
	CHECK_INT(val("12.5", 2), 1250);
	CHECK_INT(val("  -3 ", 0), -3);
	CHECK_INT(val("+0.25", 2), 25);
	CHECK_INT(val("1,234,567.89", 2), 123456789);
	CHECK_INT(val("12.500", 2), 1250);          /* extra zeros are fine */
	CHECK_INT(val("9872.60", 2), 987260);
	CHECK_INT(val("37870", 0), 37870);
	CHECK_INT(val("0.1", 6), 100000);
	int64_t v;
	CHECK_INT(ind_value_parse("12.345", 2, &v), IND_PARSE_DECIMALS);
	CHECK_INT(ind_value_parse("doce", 2, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("12,5", 2, &v), IND_PARSE_NOT_NUMBER);      /* a decimal comma is ambiguous */
	CHECK_INT(ind_value_parse("1234,567", 0, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("1,23", 0, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("1e3", 0, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("45%", 0, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("12.", 0, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("-", 0, &v), IND_PARSE_NOT_NUMBER);
	CHECK_INT(ind_value_parse("   ", 0, &v), IND_PARSE_EMPTY);
	CHECK_INT(ind_value_parse("1000000000000000", 0, &v), IND_PARSE_RANGE);
	CHECK_INT(ind_value_parse("1000000000.5", 6, &v), IND_PARSE_RANGE);
	CHECK_INT(ind_value_parse("99999999999999999999999999999", 0, &v), IND_PARSE_RANGE);
	CHECK_INT(val("999999999999999", 0), IND_VALUE_MAX);
}

TEST(values_format_and_rescale)
{
	char b[IND_VALUE_TEXT_MAX];
	CHECK_STR(ind_value_format(123456789, 2, true, b), "1,234,567.89");
	CHECK_STR(ind_value_format(123456789, 2, false, b), "1234567.89");
	CHECK_STR(ind_value_format(-5, 2, true, b), "-0.05");
	CHECK_STR(ind_value_format(1000, 0, true, b), "1,000");
	CHECK_STR(ind_value_format(0, 1, true, b), "0.0");
	int64_t v;
	CHECK(ind_value_rescale(1250, 2, 4, &v) == 0 && v == 125000);
	CHECK(ind_value_rescale(1255, 2, 1, &v) == 0 && v == 126);   /* half away from zero */
	CHECK(ind_value_rescale(-1255, 2, 1, &v) == 0 && v == -126);
	CHECK(ind_value_add(IND_VALUE_MAX, 1, &v) == -1);
	CHECK(ind_value_add(5, -7, &v) == 0 && v == -2);
}

TEST(periods)
{
	char b[IND_PERIOD_TEXT];
	CHECK_STR(ind_period_format(per("2026-q2"), b), "2026-Q2");
	CHECK_STR(ind_period_format(per("2026-05"), b), "2026-05");
	CHECK_STR(ind_period_format(per("2026"), b), "2026");
	struct ind_period p;
	CHECK(ind_period_parse("2026-Q5", &p) == -1);
	CHECK(ind_period_parse("2026-13", &p) == -1);
	CHECK(ind_period_parse("1899", &p) == -1);
	CHECK(ind_period_parse("2026-1", &p) == -1);
	CHECK(ind_period_parse("26-Q1", &p) == -1);
	struct date d = ind_period_end(per("2024-02"));
	CHECK_INT(d.day, 29);
	d = ind_period_end(per("2026-Q3"));
	CHECK(d.month == 9 && d.day == 30);
	CHECK_STR(ind_period_format(ind_period_next(per("2026-Q4")), b), "2027-Q1");
	CHECK_STR(ind_period_format(ind_period_next(per("2026-12")), b), "2027-01");
	CHECK(ind_period_within(per("2026-Q2"), per("2025-Q1"), per("2026-Q4")));
	CHECK(!ind_period_within(per("2027-Q1"), per("2025-Q1"), per("2026-Q4")));
	CHECK(ind_period_within(per("2026"), per("2025-Q1"), per("2026-Q4")));   /* a year target inside the range */
	CHECK(!ind_period_within(per("2024"), per("2024-Q2"), per("2026-Q4")));
	CHECK_INT(ind_period_count(per("2025-Q1"), per("2026-Q4")), 8);
	CHECK(ind_period_cmp(per("2026-Q4"), per("2026")) < 0);   /* same end: the year sorts after */
	CHECK(ind_period_cmp(per("2026-Q1"), per("2026-Q2")) < 0);
	CHECK_STR(ind_period_format(ind_period_of(IND_QUARTER, (struct date){ 2026, 8, 14 }), b), "2026-Q3");
}

static struct ind_expect expect(const char *period, const struct ind_target_pt *t, size_t n, enum ind_direction dir,
				bool has_b, int64_t b, const char *bdate)
{
	struct ind_expect x;
	struct date bd = { 0, 0, 0 };
	if (bdate)
		REQUIRE(date_parse(bdate, &bd) == 0);
	ind_expected(per(period), t, n, dir, has_b, b, bd, &x);
	return x;
}

TEST(expected_value_of_a_period)
{
	/* yearly targets on a quarterly indicator: 40 % by 2025, 50 % by 2026;
	 * baseline 30 % at the end of 2024 */
	struct ind_target_pt t[] = { { per("2026"), 5000, 5000 }, { per("2025"), 4000, 4000 },
				     { per("2026-Q2"), 4600, 4600 } };
	struct ind_expect x = expect("2026-Q2", t, 3, IND_INCREASE, true, 3000, "2024-12-31");
	CHECK(x.kind == IND_EXPECT_TARGET && x.lo == 4600);          /* its own target */
	x = expect("2026-Q4", t, 3, IND_INCREASE, true, 3000, "2024-12-31");
	CHECK(x.kind == IND_EXPECT_TARGET && x.lo == 5000);          /* the year ends with its last quarter */
	x = expect("2025-Q2", t, 3, IND_INCREASE, true, 3000, "2024-12-31");
	/* 181 of 365 days from 30 % to 40 % */
	CHECK(x.kind == IND_EXPECT_TRAJECTORY);
	CHECK_INT(x.lo, 3000 + (1000 * 181 + 182) / 365);
	x = expect("2026-Q3", t, 3, IND_INCREASE, true, 3000, "2024-12-31");
	CHECK(x.kind == IND_EXPECT_TRAJECTORY);                      /* from the Q2 target to the year's */
	CHECK_INT(x.lo, 4600 + (400 * 92 + 92) / 184);
	/* without a baseline, before the first target: the next target itself */
	x = expect("2025-Q1", t, 3, IND_INCREASE, false, 0, NULL);
	CHECK(x.kind == IND_EXPECT_NEXT && x.lo == 4000);
	/* after the last target: nothing to compare with */
	x = expect("2027-Q1", t, 3, IND_INCREASE, true, 3000, "2024-12-31");
	CHECK(x.kind == IND_EXPECT_NONE);
	/* maintain: the band of the next target, never a line */
	struct ind_target_pt band[] = { { per("2026"), 9500, 10000 } };
	x = expect("2026-Q1", band, 1, IND_MAINTAIN, true, 9800, "2024-12-31");
	CHECK(x.kind == IND_EXPECT_TARGET && x.lo == 9500 && x.hi == 10000);
	/* no targets at all */
	x = expect("2026-Q1", NULL, 0, IND_INCREASE, true, 1, "2024-12-31");
	CHECK(x.kind == IND_EXPECT_NONE);
}

static int64_t att(enum ind_direction dir, bool has_b, int64_t b, int64_t lo, int64_t hi, int64_t a)
{
	struct ind_attain_in in = { dir, has_b, b, lo, hi, a };
	return ind_attainment_bp(&in);
}

TEST(attainment_increase)
{
	CHECK_INT(att(IND_INCREASE, true, 3000, 5000, 5000, 4000), 5000);    /* half the way */
	CHECK_INT(att(IND_INCREASE, true, 3000, 5000, 5000, 5000), 10000);
	CHECK_INT(att(IND_INCREASE, true, 3000, 5000, 5000, 6000), 15000);   /* beyond the target */
	CHECK_INT(att(IND_INCREASE, true, 3000, 5000, 5000, 2500), -2500);   /* worse than the baseline */
	CHECK_INT(att(IND_INCREASE, true, 0, 120, 120, 30), 2500);           /* zero baseline */
	CHECK_INT(att(IND_INCREASE, true, 0, 3, 3, 2), 6667);                /* rounded half away from zero */
	CHECK_INT(att(IND_INCREASE, false, 0, 200, 200, 150), 7500);         /* no baseline: actual / target */
	/* target equal to the baseline: hold at least that */
	CHECK_INT(att(IND_INCREASE, true, 80, 80, 80, 80), 10000);
	CHECK_INT(att(IND_INCREASE, true, 80, 80, 80, 95), 10000);
	CHECK_INT(att(IND_INCREASE, true, 80, 80, 80, 60), 7500);
	CHECK_INT(att(IND_INCREASE, true, 0, 0, 0, 0), 10000);               /* zero baseline, zero target */
	CHECK_INT(att(IND_INCREASE, true, 0, 0, 0, -5), 0);
	CHECK_INT(att(IND_INCREASE, true, 80, 70, 70, 75), 10000);           /* target below baseline: met */
}

TEST(attainment_decrease)
{
	/* anaemia 45.2 % to 30 %: lower is better */
	CHECK_INT(att(IND_DECREASE, true, 4520, 3000, 3000, 3760), 5000);
	CHECK_INT(att(IND_DECREASE, true, 4520, 3000, 3000, 3000), 10000);
	CHECK_INT(att(IND_DECREASE, true, 4520, 3000, 3000, 2800), 11316);
	CHECK_INT(att(IND_DECREASE, true, 4520, 3000, 3000, 4700), -1184);   /* it went up */
	CHECK_INT(att(IND_DECREASE, true, 4520, 4520, 4520, 4520), 10000);   /* target equal to the baseline */
	CHECK_INT(att(IND_DECREASE, true, 4520, 4520, 4520, 5650), 8000);    /* 4520 / 5650 */
	CHECK_INT(att(IND_DECREASE, true, 0, 0, 0, 0), 10000);               /* zero baseline: keep it at zero */
	CHECK_INT(att(IND_DECREASE, true, 0, 0, 0, 3), 0);
	CHECK_INT(att(IND_DECREASE, false, 0, 50, 50, 100), 5000);           /* no baseline: target / actual */
	CHECK_INT(att(IND_DECREASE, false, 0, 50, 50, 40), 12500);
	CHECK_INT(att(IND_DECREASE, false, 0, 0, 0, 0), 10000);
}

TEST(attainment_maintain)
{
	CHECK_INT(att(IND_MAINTAIN, true, 9800, 9500, 10000, 9700), 10000);   /* inside the band */
	CHECK_INT(att(IND_MAINTAIN, true, 9800, 9500, 10000, 9500), 10000);   /* on its edge */
	CHECK_INT(att(IND_MAINTAIN, true, 9800, 9500, 10000, 9025), 9500);    /* 5 % below the lower bound */
	CHECK_INT(att(IND_MAINTAIN, true, 9800, 9500, 10000, 11000), 9000);   /* 10 % above the upper bound */
	CHECK_INT(att(IND_MAINTAIN, true, 9800, 10000, 9500, 9025), 9500);    /* bounds in any order */
	CHECK_INT(att(IND_MAINTAIN, true, 100, 100, 100, 100), 10000);        /* a single value */
	CHECK_INT(att(IND_MAINTAIN, true, 100, 100, 100, 250), 0);            /* far away: never below 0 */
	CHECK_INT(att(IND_MAINTAIN, true, 40, 0, 0, 10), 7500);               /* bound 0: relative to the baseline */
	CHECK_INT(att(IND_MAINTAIN, false, 0, 0, 0, 10), 0);
	CHECK_INT(att(IND_MAINTAIN, true, 0, 0, 0, 0), 10000);
}

TEST(attainment_is_bounded)
{
	CHECK_INT(att(IND_INCREASE, true, 0, 1, 1, IND_VALUE_MAX), IND_ATTAIN_BOUND);
	CHECK_INT(att(IND_INCREASE, true, 0, 1, 1, -IND_VALUE_MAX), -IND_ATTAIN_BOUND);
	CHECK_INT(att(IND_DECREASE, true, IND_VALUE_MAX, -IND_VALUE_MAX, -IND_VALUE_MAX, IND_VALUE_MAX), 0);
}

TEST(status_thresholds)
{
	struct ind_thresholds t;
	ind_thresholds_default(&t);
	CHECK(ind_thresholds_valid(&t));
	CHECK(ind_status_of(9000, &t) == IND_ST_ON_TRACK);
	CHECK(ind_status_of(8999, &t) == IND_ST_AT_RISK);
	CHECK(ind_status_of(6000, &t) == IND_ST_AT_RISK);
	CHECK(ind_status_of(5999, &t) == IND_ST_OFF_TRACK);
	CHECK(ind_status_of(-100, &t) == IND_ST_OFF_TRACK);
	CHECK(ind_status_of(15000, &t) == IND_ST_ON_TRACK);
	struct ind_thresholds mine = { 8000, 5000 };
	CHECK(ind_status_of(8500, &mine) == IND_ST_ON_TRACK);
	CHECK(!ind_thresholds_valid(&(struct ind_thresholds){ 6000, 6000 }));
	CHECK(!ind_thresholds_valid(&(struct ind_thresholds){ 10001, 6000 }));
	CHECK(!ind_thresholds_valid(&(struct ind_thresholds){ 9000, 0 }));
	CHECK_STR(ind_status_names[ind_status_parse("at_risk")], "at_risk");
	CHECK_INT(ind_status_parse("late"), -1);
}

TEST(rollup_weights)
{
	struct ind_thresholds t;
	ind_thresholds_default(&t);
	struct ind_score s[] = {
		{ IND_ST_ON_TRACK, 10000, 3 },    /* weight 3 */
		{ IND_ST_OFF_TRACK, 2000, 1 },
		{ IND_ST_ON_TRACK, 25000, 1 },    /* capped at 100 % */
		{ IND_ST_NO_DATA, 0, 5 },         /* not assessed: no weight */
		{ IND_ST_NO_TARGET, 0, 5 },
		{ IND_ST_OFF_TRACK, -3000, 1 },   /* floored at 0 */
	};
	struct ind_rollup r;
	ind_rollup(s, ARRAY_LEN(s), &t, &r);
	CHECK_INT(r.total, 6);
	CHECK_INT(r.assessed, 4);
	CHECK_INT(r.weight, 6);
	CHECK_INT(r.attainment_bp, (3 * 10000 + 2000 + 10000 + 0 + 3) / 6);   /* 7000 */
	CHECK(r.status == IND_ST_AT_RISK);
	CHECK_INT(r.count[IND_ST_ON_TRACK], 2);
	CHECK_INT(r.count[IND_ST_OFF_TRACK], 2);
	CHECK_INT(r.count[IND_ST_NO_DATA], 1);
	/* the same indicators with equal weights */
	for (size_t i = 0; i < ARRAY_LEN(s); i++)
		s[i].weight = 1;
	ind_rollup(s, ARRAY_LEN(s), &t, &r);
	CHECK_INT(r.attainment_bp, 5500);
	CHECK(r.status == IND_ST_OFF_TRACK);
	/* nothing assessed: measured without a target, or nothing at all */
	ind_rollup(s + 3, 2, &t, &r);
	CHECK(r.status == IND_ST_NO_TARGET && r.assessed == 0 && r.total == 2);
	ind_rollup(s + 3, 1, &t, &r);
	CHECK(r.status == IND_ST_NO_DATA);
	ind_rollup(s, 0, &t, &r);
	CHECK(r.status == IND_ST_NO_DATA && r.total == 0);
	/* rounding of the mean: 2 × 10000 + 1 × 0 over 3 = 6666.67 */
	struct ind_score u[] = { { IND_ST_ON_TRACK, 10000, 2 }, { IND_ST_OFF_TRACK, 0, 1 } };
	ind_rollup(u, 2, &t, &r);
	CHECK_INT(r.attainment_bp, 6667);
}

TEST(disaggregation_sums)
{
	/* dimensions: sex (2 categories), ethnicity (2), age group (4) */
	size_t ncat[] = { 2, 2, 4 };
	struct ind_disagg d;
	/* seed 002, "con financiamiento": 547 men + 764 women = 1,311, all indigenous */
	struct ind_cell ok[] = { { 0, 0, 764 }, { 0, 1, 547 }, { 1, 0, 1311 }, { 1, 1, 0 } };
	CHECK(ind_disagg_check(ncat, 3, ok, 4, true, 1311, &d) == IND_DISAGG_OK);
	CHECK(!d.mismatch && d.total == 1311 && !d.derived_total);
	/* "sin financiamiento": 700 + 600 against the printed total of 1,301: flagged */
	struct ind_cell off[] = { { 0, 1, 700 }, { 0, 0, 600 } };
	CHECK(ind_disagg_check(ncat, 3, off, 2, true, 1301, &d) == IND_DISAGG_OK);
	CHECK(d.mismatch && d.mismatch_dim == 0 && d.mismatch_sum == 1300);
	/* no total: the sum of a complete dimension is the total */
	CHECK(ind_disagg_check(ncat, 3, ok, 4, false, 0, &d) == IND_DISAGG_OK);
	CHECK(d.derived_total && d.total == 1311 && !d.mismatch);
	/* no total, two complete dimensions that disagree */
	struct ind_cell two[] = { { 0, 0, 10 }, { 0, 1, 10 }, { 1, 0, 5 }, { 1, 1, 14 } };
	CHECK(ind_disagg_check(ncat, 3, two, 4, false, 0, &d) == IND_DISAGG_OK);
	CHECK(d.total == 20 && d.mismatch && d.mismatch_dim == 1 && d.mismatch_sum == 19);
	/* a partial dimension may be below the total, not above it */
	struct ind_cell part[] = { { 2, 0, 30 }, { 2, 3, 12 } };
	CHECK(ind_disagg_check(ncat, 3, part, 2, true, 100, &d) == IND_DISAGG_OK && !d.mismatch);
	CHECK(ind_disagg_check(ncat, 3, part, 2, true, 40, &d) == IND_DISAGG_OK && d.mismatch && d.mismatch_dim == 2);
	/* no total and no complete dimension */
	CHECK(ind_disagg_check(ncat, 3, part, 2, false, 0, &d) == IND_DISAGG_NO_TOTAL);
	/* the same cell twice */
	struct ind_cell dup[] = { { 0, 0, 1 }, { 0, 0, 2 } };
	CHECK(ind_disagg_check(ncat, 3, dup, 2, true, 3, &d) == IND_DISAGG_DUPLICATE);
	/* sums past the bound */
	struct ind_cell big[] = { { 0, 0, IND_VALUE_MAX }, { 0, 1, 1 } };
	CHECK(ind_disagg_check(ncat, 3, big, 2, false, 0, &d) == IND_DISAGG_RANGE);
	/* no cells at all: the total stands alone */
	CHECK(ind_disagg_check(ncat, 3, NULL, 0, true, 7, &d) == IND_DISAGG_OK && d.total == 7 && !d.mismatch);
}

TEST(formulas)
{
	int64_t v;
	/* Chachapoyas 2019: 140.6 t recovered of 9,872.60 t generated = 1.42 % */
	CHECK(ind_formula(14060, 2, 987260, 2, 100, 2, &v) == 0);
	CHECK_INT(v, 142);
	/* waste per inhabitant: 9,872.60 t / 37,870 people × 1000 = 260.70 kg */
	CHECK(ind_formula(987260, 2, 37870, 0, 1000, 2, &v) == 0);
	CHECK_INT(v, 26070);
	CHECK(ind_formula(1, 0, 0, 0, 100, 2, &v) == -1);          /* denominator 0 */
	CHECK(ind_formula(1, 0, 3, 0, 1, 0, &v) == 0 && v == 0);  /* 0.33 rounds to 0 */
	CHECK(ind_formula(2, 0, 3, 0, 1, 0, &v) == 0 && v == 1);
	CHECK(ind_formula(-2, 0, 3, 0, 1, 0, &v) == 0 && v == -1);
	CHECK(ind_formula(IND_VALUE_MAX, 0, 1, 0, IND_FACTOR_MAX, 0, &v) == -1);
}

TEST(overdue_periods)
{
	struct ind_period have[] = { per("2025-Q1"), per("2025-Q2"), per("2025-Q4") };
	struct ind_period out[8];
	struct date today = { 2026, 5, 20 };
	/* due 30 days after each quarter: 2025-Q3 is missing; 2026-Q1 is due on
	 * 2026-04-30, before today; 2026-Q2 is not due yet */
	size_t n = ind_overdue(per("2025-Q1"), per("2026-Q4"), have, 3, today, 30, out, 8);
	CHECK_INT(n, 2);
	char b[IND_PERIOD_TEXT];
	CHECK_STR(ind_period_format(out[0], b), "2025-Q3");
	CHECK_STR(ind_period_format(out[1], b), "2026-Q1");
	/* on the due date itself it is not overdue yet */
	n = ind_overdue(per("2026-Q1"), per("2026-Q4"), NULL, 0, (struct date){ 2026, 4, 30 }, 30, out, 8);
	CHECK_INT(n, 0);
	n = ind_overdue(per("2026-Q1"), per("2026-Q4"), NULL, 0, (struct date){ 2026, 5, 1 }, 30, out, 8);
	CHECK_INT(n, 1);
	/* a count beyond the room given */
	n = ind_overdue(per("2020-01"), per("2025-12"), NULL, 0, (struct date){ 2027, 1, 1 }, 0, out, 8);
	CHECK_INT(n, 72);
}

TEST(workflow)
{
	CHECK(ind_mstatus_allowed("draft", "submitted"));
	CHECK(ind_mstatus_allowed("returned", "submitted"));
	CHECK(ind_mstatus_allowed("submitted", "approved"));
	CHECK(ind_mstatus_allowed("submitted", "returned"));
	CHECK(!ind_mstatus_allowed("draft", "approved"));
	CHECK(!ind_mstatus_allowed("approved", "returned"));
	CHECK(!ind_mstatus_allowed("approved", "submitted"));
	CHECK(ind_mstatus_editable("draft") && ind_mstatus_editable("returned"));
	CHECK(!ind_mstatus_editable("submitted") && !ind_mstatus_editable("approved"));
}
