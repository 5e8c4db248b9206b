/* test_invest_rules.c — investment-plan arithmetic and the execution table of
 * seed 002, section IV (a UN joint programme's final report, Peru 2013), entered
 * figure by figure: every total to the cent and every percentage to two
 * decimals, with integers only.
 *
 * The report's figures are whole dollars; its TOTAL row was computed from the
 * agencies' exact amounts, which had cents (the report itself says FAO has
 * US$3,020.93 pending, i.e. FAO's disbursement was 774,574.07). Summing the
 * rounded column gives 4,999,623 committed and 4,936,158 disbursed against the
 * printed 4,999,622 and 4,936,157: the test checks our sums of the printed
 * figures to the cent and says so, and checks that every printed percentage,
 * totals included, is reproduced exactly. */
#include "core/compat.h"
#include "test.h"
#include "core/err.h"
#include "core/money.h"
#include "rules/invest_rules.h"

struct agency {
	const char *name;
	int64_t planned, approved, transferred, committed, disbursed; /* US$ */
	const char *pct_committed, *pct_disbursed;                    /* as printed */
};

static const struct agency seed002[] = {
	{ "FAO", 779634, 777595, 777595, 777396, 774574, "99.97", "99.61" },
	{ "OIT", 625364, 518765, 518765, 518765, 518765, "100.00", "100.00" },
	{ "OMT", 623810, 623810, 623810, 623810, 623810, "100.00", "100.00" },
	{ "ONUDI", 670890, 670890, 670890, 670890, 639860, "100.00", "95.37" },
	{ "PNUD", 1691082, 1799660, 1799660, 1799660, 1770047, "100.00", "98.35" },
	{ "UNESCO", 609280, 609280, 609280, 609102, 609102, "99.97", "99.97" },
};

#define USD(x) ((int64_t)(x) * 100)

TEST(seed_002_execution_table_by_agency)
{
	struct exec_row rows[ARRAY_LEN(seed002)];
	memset(rows, 0, sizeof rows);
	char txt[32];
	for (size_t i = 0; i < ARRAY_LEN(seed002); i++) {
		const struct agency *a = &seed002[i];
		CHECK_INT(exec_row_add(&rows[i], FK_BUDGETED, USD(a->planned)), 0);
		CHECK_INT(exec_row_add(&rows[i], FK_APPROVED, USD(a->approved)), 0);
		CHECK_INT(exec_row_add(&rows[i], FK_TRANSFERRED, USD(a->transferred)), 0);
		CHECK_INT(exec_row_add(&rows[i], FK_COMMITTED, USD(a->committed)), 0);
		CHECK_INT(exec_row_add(&rows[i], FK_DISBURSED, USD(a->disbursed)), 0);
		exec_row_finish(&rows[i]);
		if (!str_eq(bp_format(rows[i].committed_bp, txt, sizeof txt), a->pct_committed))
			test_fail(__FILE__, __LINE__, "%s committed/transferred %s, printed %s", a->name, txt, a->pct_committed);
		if (!str_eq(bp_format(rows[i].disbursed_bp, txt, sizeof txt), a->pct_disbursed))
			test_fail(__FILE__, __LINE__, "%s disbursed/transferred %s, printed %s", a->name, txt, a->pct_disbursed);
	}
	struct exec_row total;
	REQUIRE(exec_rows_total(rows, ARRAY_LEN(rows), &total) == 0);
	CHECK_INT(total.sum[FK_BUDGETED], USD(5000060));    /* printed 5,000,060 */
	CHECK_INT(total.sum[FK_APPROVED], USD(5000000));    /* printed 5,000,000 */
	CHECK_INT(total.sum[FK_TRANSFERRED], USD(5000000)); /* printed 5,000,000 */
	CHECK_INT(total.sum[FK_COMMITTED], USD(4999623));   /* printed 4,999,622 (exact cents, see top) */
	CHECK_INT(total.sum[FK_DISBURSED], USD(4936158));   /* printed 4,936,157 (exact cents, see top) */
	CHECK_STR(bp_format(total.committed_bp, txt, sizeof txt), "99.99");
	CHECK_STR(bp_format(total.disbursed_bp, txt, sizeof txt), "98.72");
	/* with the printed totals the percentages are the same */
	CHECK_INT(money_percent_bp(USD(4999622), USD(5000000)), 9999);
	CHECK_INT(money_percent_bp(USD(4936157), USD(5000000)), 9872);
	char money[MONEY_FMT_MAX];
	CHECK_STR(money_format_grouped(total.sum[FK_BUDGETED], money), "5,000,060.00");
}

TEST(seed_002_fao_with_its_cents)
{
	/* "FAO: US$3,020.93" pending: transferred 777,595 minus a disbursement with cents */
	struct exec_row fao;
	memset(&fao, 0, sizeof fao);
	CHECK_INT(exec_row_add(&fao, FK_TRANSFERRED, 77759500), 0);
	CHECK_INT(exec_row_add(&fao, FK_DISBURSED, 77759500 - 302093), 0);
	exec_row_finish(&fao);
	char money[MONEY_FMT_MAX], txt[32];
	CHECK_STR(money_format_grouped(fao.sum[FK_DISBURSED], money), "774,574.07");
	CHECK_STR(bp_format(fao.disbursed_bp, txt, sizeof txt), "99.61");
	CHECK_INT(fao.sum[FK_TRANSFERRED] - fao.sum[FK_DISBURSED], 302093);
}

TEST(rounding_is_half_away_from_zero_in_integers)
{
	/* 2/3 = 66.666...% -> 66.67; 1/8 = 12.5% exactly; 1/80000 = 0.00125% -> 0.00 */
	CHECK_INT(money_percent_bp(2, 3), 6667);
	CHECK_INT(money_percent_bp(1, 8), 1250);
	CHECK_INT(money_percent_bp(1, 80000), 0);
	CHECK_INT(money_percent_bp(1, 20000), 1);  /* 0.005% -> 0.01 (half up) */
	CHECK_INT(money_percent_bp(5, 0), 0);
	char txt[32];
	CHECK_STR(bp_format(6667, txt, sizeof txt), "66.67");
	CHECK_STR(bp_format(5, txt, sizeof txt), "0.05");
	CHECK_STR(bp_format(-150, txt, sizeof txt), "-1.50");
	CHECK_STR(bp_format(INT64_MIN, txt, sizeof txt), "-92233720368547758.08");
}

TEST(rows_refuse_negative_and_overflow)
{
	struct exec_row r;
	memset(&r, 0, sizeof r);
	CHECK_INT(exec_row_add(&r, FK_DISBURSED, -1), ERR_INVALID);
	CHECK_INT(exec_row_add(&r, FK_DISBURSED, INT64_MAX), 0);
	CHECK_INT(exec_row_add(&r, FK_DISBURSED, 1), ERR_INVALID);
	CHECK_INT(r.sum[FK_DISBURSED], INT64_MAX); /* unchanged by the refused add */
	CHECK_INT(exec_row_add(&r, FK_COUNT, 1), ERR_INVALID);
	struct exec_row two[2], total;
	memset(two, 0, sizeof two);
	two[0].sum[FK_COMMITTED] = INT64_MAX;
	two[1].sum[FK_COMMITTED] = 1;
	CHECK_INT(exec_rows_total(two, 2, &total), ERR_INVALID);
}

TEST(financial_progress)
{
	struct exec_row r;
	memset(&r, 0, sizeof r);
	exec_row_add(&r, FK_DISBURSED, 150000);
	exec_row_add(&r, FK_EXPENDITURE, 50000);
	exec_row_add(&r, FK_COMMITTED, 900000);    /* committed is not progress */
	CHECK_INT(exec_financial_progress_bp(&r, 800000), 2500);
	CHECK_INT(exec_financial_progress_bp(&r, 0), 0);
}

TEST(quarterly_schedule)
{
	int64_t q[4];
	invest_split_quarters(100001, q);
	CHECK_INT(q[0], 25001);
	CHECK_INT(q[1], 25000);
	CHECK_INT(q[2], 25000);
	CHECK_INT(q[3], 25000);
	CHECK(invest_quarters_ok(100001, q));
	invest_split_quarters(3, q);
	CHECK_INT(q[0] + q[1] + q[2] + q[3], 3);
	CHECK_INT(q[3], 0);
	const int64_t bad1[4] = { 50, 50, 0, 1 }, bad2[4] = { 101, -1, 0, 0 }, ok[4] = { 0, 0, 100, 0 };
	CHECK(!invest_quarters_ok(100, bad1));
	CHECK(!invest_quarters_ok(100, bad2));
	CHECK(invest_quarters_ok(100, ok));
	const int64_t huge[4] = { INT64_MAX, 1, 0, 0 };
	CHECK(!invest_quarters_ok(0, huge));
}

TEST(ceilings)
{
	int64_t room;
	CHECK(invest_fits(70000000, 100000000, 30000000, &room));
	CHECK_INT(room, 30000000);
	CHECK(!invest_fits(70000000, 100000000, 30000001, &room));
	CHECK(!invest_fits(120, 100, 1, &room));
	CHECK_INT(room, -20);
	CHECK(!invest_fits(0, 100, -1, NULL));
	CHECK(invest_fits(0, 0, 0, NULL));
	CHECK(!invest_fits(INT64_MIN + 5, INT64_MAX, 1, &room)); /* overflow is no room */
}

TEST(kinds)
{
	for (int k = 0; k < FK_COUNT; k++) {
		CHECK_INT(finance_kind_parse(finance_kind_name((enum finance_kind)k)), k);
		CHECK(*finance_kind_label((enum finance_kind)k));
	}
	CHECK_INT(finance_kind_parse("refund"), -1);
	for (const char *const *k = funding_kind_names; *k; k++) {
		CHECK(funding_kind_valid(*k));
		CHECK(*funding_kind_label(*k));
	}
	CHECK(!funding_kind_valid("lottery"));
}
