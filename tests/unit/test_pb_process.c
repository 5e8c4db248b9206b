/* test_pb_process.c — the pure rules of a participatory-budget process: what
 * the calendar allows at a given moment (the clock passed in), where it stands,
 * Peru's local days, the criteria matrix (weights, scales, the tabulation with
 * conflicts of interest and ties), and ballots against each voting method. */
#include "core/compat.h"
#include "test.h"
#include "rules/pb_process.h"

#include <math.h>

#define DAY 86400

static int64_t day0(void)
{
	struct date d = { 2026, 3, 2 };
	return pb_local_midnight(d);
}

TEST(local_days_are_peru_time)
{
	struct date d = { 2026, 3, 1 };
	int64_t t = pb_local_midnight(d);
	char out[24];
	/* 00:00 in Lima is 05:00 UTC */
	CHECK_INT(t % DAY, 5 * 3600);
	CHECK_STR(pb_local_format(t, out), "2026-03-01");
	CHECK_STR(pb_local_format(t + 8 * 3600 + 30 * 60, out), "2026-03-01 08:30");
	struct date back = pb_local_date(t + DAY - 1);
	CHECK_INT(back.day, 1);
	back = pb_local_date(t - 1);
	CHECK_INT(back.day, 28);
	CHECK_INT(pb_local_last_day(t + DAY).day, 1);
}

TEST(default_calendar_runs_the_four_phases_in_order)
{
	struct pb_step s[PB_STEP_COUNT];
	pb_calendar_default(day0(), s);
	for (int k = 1; k < PB_STEP_COUNT; k++) {
		CHECK_INT(s[k].starts, s[k - 1].ends);
		CHECK(s[k].ends > s[k].starts);
		CHECK(pb_step_phase(s[k].kind) >= pb_step_phase(s[k - 1].kind));
	}
	CHECK_INT(pb_step_phase(PB_STEP_REGISTRATION), PB_PHASE_PREPARATION);
	CHECK_INT(pb_step_phase(PB_STEP_VOTING), PB_PHASE_CONCERTATION);
	CHECK_INT(pb_step_phase(PB_STEP_COORDINATION), PB_PHASE_COORDINATION);
	CHECK_INT(pb_step_phase(PB_STEP_FORMALIZATION), PB_PHASE_FORMALIZATION);
	CHECK_INT((s[PB_STEP_COUNT - 1].ends - s[0].starts) / DAY, 112);
	int open, next;
	CHECK_INT(pb_calendar_now(s, PB_STEP_COUNT, s[0].starts - 1, &open, &next), PB_PHASE_PREPARATION);
	CHECK_INT(open, -1);
	CHECK_INT(next, 0);
	CHECK_INT(pb_calendar_now(s, PB_STEP_COUNT, s[PB_STEP_VOTING].starts + 10, &open, &next), PB_PHASE_CONCERTATION);
	CHECK_INT(s[open].kind, PB_STEP_VOTING);
	CHECK_INT(pb_calendar_now(s, PB_STEP_COUNT, s[PB_STEP_COUNT - 1].ends, &open, &next), PB_PHASE_COUNT);
	CHECK_INT(pb_calendar_now(s, 0, 0, &open, &next), -1);
}

TEST(no_proposals_after_the_deadline_no_votes_before_voting_opens)
{
	struct pb_step s[PB_STEP_COUNT];
	pb_calendar_default(day0(), s);
	struct pb_gate_info g;
	const struct pb_step *w = &s[PB_STEP_WORKSHOPS], *v = &s[PB_STEP_VOTING];
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_PROPOSE, w->starts - 1, &g), PB_GATE_NOT_YET);
	CHECK_INT(g.at, w->starts);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_PROPOSE, w->starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_PROPOSE, w->ends - 1, &g), PB_GATE_OPEN);
	/* the deadline is the end of the workshops, exclusive */
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_PROPOSE, w->ends, &g), PB_GATE_CLOSED);
	CHECK_INT(g.at, w->ends);
	CHECK_INT(g.kind, PB_STEP_WORKSHOPS);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_VOTE, v->starts - 1, &g), PB_GATE_NOT_YET);
	CHECK_INT(g.at, v->starts);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_VOTE, v->starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_VOTE, v->ends, &g), PB_GATE_CLOSED);
	/* paper ballots from the opening of the vote on; results after it */
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_PAPER, v->starts - 1, &g), PB_GATE_NOT_YET);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_PAPER, v->ends + 30 * DAY, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_RESULTS, v->ends - 1, &g), PB_GATE_NOT_YET);
	CHECK_INT(g.at, v->ends);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_RESULTS, v->ends, &g), PB_GATE_OPEN);
	/* the acta waits for its step */
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_FORMALIZE, v->ends, &g), PB_GATE_NOT_YET);
	CHECK_INT(g.kind, PB_STEP_FORMALIZATION);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_FORMALIZE, s[PB_STEP_FORMALIZATION].starts, &g), PB_GATE_OPEN);
	/* registration, review, scoring, intake */
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_REGISTER, s[PB_STEP_REGISTRATION].starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_REGISTER, w->starts, &g), PB_GATE_CLOSED);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_REVIEW, w->starts, &g), PB_GATE_NOT_YET);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_REVIEW, s[PB_STEP_EVALUATION].starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_SCORE, s[PB_STEP_PRIORITIZATION].starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_INTAKE, s[PB_STEP_COORDINATION].starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_INTAKE, w->starts, &g), PB_GATE_OPEN);
	CHECK_INT(pb_gate_check(s, PB_STEP_COUNT, PB_ACT_INTAKE, s[PB_STEP_EVALUATION].starts, &g), PB_GATE_NOT_YET);
	/* a calendar without the step */
	CHECK_INT(pb_gate_check(s, 2, PB_ACT_VOTE, v->starts, &g), PB_GATE_NO_STEP);
	CHECK_INT(g.kind, PB_STEP_VOTING);
	/* steps may overlap: the one open decides */
	struct pb_step two[2] = { { PB_STEP_WORKSHOPS, 100, 200 }, { PB_STEP_COORDINATION, 150, 400 } };
	CHECK_INT(pb_gate_check(two, 2, PB_ACT_INTAKE, 300, &g), PB_GATE_OPEN);
	CHECK_INT(g.kind, PB_STEP_COORDINATION);
	CHECK_INT(pb_gate_check(two, 2, PB_ACT_PROPOSE, 300, &g), PB_GATE_CLOSED);
	CHECK_INT(g.at, 200);
}

TEST(criteria_weights_total_100_and_scales_are_checked)
{
	struct pb_criterion c[] = {
		{ PB_CRIT_POVERTY, 25, 0, 1 }, { PB_CRIT_BENEFICIARIES, 20, 0, 1 }, { PB_CRIT_ALIGNMENT, 20, 0, 1 },
		{ PB_CRIT_COFINANCING, 10, 0, 1 }, { PB_CRIT_COMMITTEE, 25, 0, 4 },
	};
	int64_t total;
	size_t bad;
	CHECK_INT(pb_criteria_check(c, 5, &total, &bad), PB_CRITERIA_OK);
	CHECK_INT(total, 100);
	c[4].weight = 20;
	CHECK_INT(pb_criteria_check(c, 5, &total, &bad), PB_CRITERIA_TOTAL);
	CHECK_INT(total, 95);
	c[4].weight = 101;
	CHECK_INT(pb_criteria_check(c, 5, &total, &bad), PB_CRITERIA_WEIGHT);
	CHECK_INT(bad, 4);
	c[4].weight = 25;
	c[4].min = 4;
	CHECK_INT(pb_criteria_check(c, 5, &total, &bad), PB_CRITERIA_SCALE);
	c[4].min = 0;
	c[1].kind = PB_CRIT_POVERTY;
	CHECK_INT(pb_criteria_check(c, 5, &total, &bad), PB_CRITERIA_TWICE);
	CHECK_INT(bad, 1);
	CHECK_INT(pb_criteria_check(c, 0, &total, &bad), PB_CRITERIA_EMPTY);
	/* two committee criteria are fine */
	struct pb_criterion two[] = { { PB_CRIT_COMMITTEE, 60, 1, 5 }, { PB_CRIT_COMMITTEE, 40, 0, 10 } };
	CHECK_INT(pb_criteria_check(two, 2, &total, &bad), PB_CRITERIA_OK);
}

TEST(tabulation_means_eligible_scores_normalizes_and_ranks)
{
	/* criteria: committee 0..4 (weight 50), poverty (20), beneficiaries (10), alignment (10), cofinancing (10) */
	struct pb_criterion c[] = {
		{ PB_CRIT_COMMITTEE, 50, 0, 4 }, { PB_CRIT_POVERTY, 20, 0, 1 }, { PB_CRIT_BENEFICIARIES, 10, 0, 1 },
		{ PB_CRIT_ALIGNMENT, 10, 0, 1 }, { PB_CRIT_COFINANCING, 10, 0, 1 },
	};
	enum { NC = 5, NP = 3, NM = 3 };
	struct pb_tab_proposal p[NP] = {
		{ 60.0, 1000, true, 25000, 100000 },   /* proposal 0: filed by member 0's organization */
		{ 30.0, 500, false, 0, 100000 },
		{ NAN, -1, true, 0, 100000 },
	};
	int64_t scores[NM * NP * NC];
	for (size_t i = 0; i < ARRAY_LEN(scores); i++)
		scores[i] = PB_NO_SCORE;
#define S(m, pr, v) scores[((m) * NP + (pr)) * NC] = (v)
	S(0, 0, 4);   /* the member of the proposing organization: must not count */
	S(1, 0, 2);
	S(2, 0, 3);
	S(0, 1, 4);
	S(1, 1, 4);
	S(2, 1, 1);
	S(1, 2, 9);   /* out of scale: clamped to 4 */
#undef S
	bool conflict[NM * NP] = { false };
	conflict[0 * NP + 0] = true;
	struct pb_tab_cell cells[NP * NC];
	struct pb_tab_row rows[NP];
	pb_tabulate(c, NC, p, NP, scores, conflict, NM, cells, rows);
	/* proposal 0: eligible scores 2 and 3 → mean 2.5 of 4 → 0.625; × 50 = 31.25 */
	CHECK_INT(cells[0].n, 2);
	CHECK_INT(cells[0].sum, 5);
	CHECK_INT(cells[0].norm, 625000);
	CHECK_INT(cells[0].points, 31250000);
	/* poverty 60 % → 0.6 × 20 = 12; beneficiaries 1000 of 1000 → 10; traced → 10; 25 % cofinanced → 2.5 */
	CHECK_INT(cells[1].norm, 600000);
	CHECK_INT(cells[2].norm, PB_MICRO);
	CHECK_INT(cells[3].points, 10 * PB_MICRO);
	CHECK_INT(cells[4].norm, 250000);
	CHECK_INT(rows[0].total, 31250000 + 12000000 + 10000000 + 10000000 + 2500000);
	/* proposal 1: mean 3 → 0.75 × 50 = 37.5; poverty 6; 500 of 1000 → 5; untraced; no cofinancing: 48.5 */
	CHECK_INT(rows[1].total, 48500000);
	/* proposal 2: one score, clamped to the scale: 50; unknown poverty and beneficiaries count 0 */
	CHECK(cells[2 * NC + 1].missing);
	CHECK(cells[2 * NC + 2].missing);
	CHECK_INT(rows[2].total, 50000000 + 10000000);
	CHECK_INT(rows[0].rank, 1);
	CHECK_INT(rows[2].rank, 2);
	CHECK_INT(rows[1].rank, 3);
	CHECK(!rows[0].tie);
	/* a proposal nobody may score: missing, 0 points */
	bool all[NM * NP];
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		all[i] = true;
	pb_tabulate(c, NC, p, NP, scores, all, NM, cells, rows);
	CHECK(cells[0].missing);
	CHECK_INT(cells[0].points, 0);
}

TEST(tabulation_ties_keep_the_order_of_filing)
{
	struct pb_criterion c[] = { { PB_CRIT_ALIGNMENT, 100, 0, 1 } };
	struct pb_tab_proposal p[3] = { { NAN, -1, true, 0, 1 }, { NAN, -1, false, 0, 1 }, { NAN, -1, true, 0, 1 } };
	struct pb_tab_cell cells[3];
	struct pb_tab_row rows[3];
	int64_t none = PB_NO_SCORE;
	pb_tabulate(c, 1, p, 3, &none, NULL, 0, cells, rows);
	CHECK_INT(rows[0].rank, 1);
	CHECK_INT(rows[2].rank, 2);
	CHECK_INT(rows[1].rank, 3);
	CHECK(rows[0].tie);
	CHECK(rows[2].tie);
	CHECK(!rows[1].tie);
}

TEST(ballots_follow_the_voting_method)
{
	int64_t costs[4] = { 100, 200, 300, 400 };
	struct pb_ballot_verdict v;
	struct pb_vote_rules approval = { PB_METHOD_APPROVAL, 2, 0, 0 };
	struct pb_choice a[] = { { 0, 0 }, { 1, 0 }, { 2, 0 } };
	CHECK_INT(pb_ballot_check(&approval, costs, 4, a, 2, &v), PB_BALLOT_OK);
	CHECK_INT(pb_ballot_check(&approval, costs, 4, a, 3, &v), PB_BALLOT_TOO_MANY);
	CHECK_INT(v.value, 3);
	CHECK_INT(pb_ballot_check(&approval, costs, 4, a, 0, &v), PB_BALLOT_EMPTY);
	struct pb_choice twice[] = { { 1, 0 }, { 1, 0 } };
	CHECK_INT(pb_ballot_check(&approval, costs, 4, twice, 2, &v), PB_BALLOT_TWICE);
	CHECK_INT(v.item, 1);
	struct pb_choice unknown[] = { { 7, 0 } };
	CHECK_INT(pb_ballot_check(&approval, costs, 4, unknown, 1, &v), PB_BALLOT_UNKNOWN);
	/* K = 0: no limit */
	struct pb_vote_rules open = { PB_METHOD_RANKED, 0, 0, 0 };
	CHECK_INT(pb_ballot_check(&open, costs, 4, a, 3, &v), PB_BALLOT_OK);
	/* knapsack: within the budget */
	struct pb_vote_rules knap = { PB_METHOD_KNAPSACK, 0, 0, 500 };
	CHECK_INT(pb_ballot_check(&knap, costs, 4, a, 2, &v), PB_BALLOT_OK);
	CHECK_INT(v.value, 300);
	CHECK_INT(pb_ballot_check(&knap, costs, 4, a, 3, &v), PB_BALLOT_OVER_BUDGET);
	CHECK_INT(v.value, 600);
	/* cumulative: at least 1 point each, at most the total */
	struct pb_vote_rules cum = { PB_METHOD_CUMULATIVE, 0, 10, 0 };
	struct pb_choice c[] = { { 0, 6 }, { 1, 4 }, { 2, 1 } };
	CHECK_INT(pb_ballot_check(&cum, costs, 4, c, 2, &v), PB_BALLOT_OK);
	CHECK_INT(v.value, 10);
	CHECK_INT(pb_ballot_check(&cum, costs, 4, c, 3, &v), PB_BALLOT_POINTS_OVER);
	CHECK_INT(v.value, 11);
	c[1].points = 0;
	CHECK_INT(pb_ballot_check(&cum, costs, 4, c, 2, &v), PB_BALLOT_POINTS);
	CHECK_INT(v.item, 1);
	c[1].points = INT64_MAX;
	CHECK_INT(pb_ballot_check(&cum, costs, 4, c, 2, &v), PB_BALLOT_POINTS_OVER);
}

TEST(names_and_ordinals)
{
	char o[16];
	CHECK_STR(pb_ordinal("en", 1, o), "1st");
	CHECK_STR(pb_ordinal("en", 2, o), "2nd");
	CHECK_STR(pb_ordinal("en", 3, o), "3rd");
	CHECK_STR(pb_ordinal("en", 11, o), "11th");
	CHECK_STR(pb_ordinal("en", 22, o), "22nd");
	CHECK_STR(pb_ordinal("es", 2, o), "2.º");
	CHECK_INT(pb_method_parse("knapsack"), PB_METHOD_KNAPSACK);
	CHECK_INT(pb_method_parse("borda"), -1);
	CHECK_INT(pb_step_parse("voting"), PB_STEP_VOTING);
	CHECK_INT(pb_phase_parse("formalization"), PB_PHASE_FORMALIZATION);
	CHECK_INT(pb_criterion_kind_parse("cofinancing"), PB_CRIT_COFINANCING);
	for (int k = 0; k < PB_STEP_COUNT; k++)
		CHECK(*pb_step_label((enum pb_step_kind)k));
}
