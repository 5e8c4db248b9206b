/* test_pb_results.c — results of a process through the allocation engine:
 * one run per zone with its budget plus the general pool, category caps,
 * the tie rule (the order given: the committee's score, then filing), the
 * facts that explain each proposal's result, and the whole instance for the
 * Pabulib export. */
#include "core/compat.h"
#include "test.h"
#include "rules/pb_results.h"

/* Ballots from strings of candidate letters: "ab", "bc", ... */
struct casts {
	struct pb_cast c[64];
	uint32_t items[512];
	int64_t points[512];
	size_t n, used;
};

static void add(struct casts *k, const char *letters, uint64_t weight)
{
	struct pb_cast *c = &k->c[k->n++];
	c->items = &k->items[k->used];
	c->points = NULL;
	c->n = 0;
	c->weight = weight;
	for (const char *s = letters; *s; s++) {
		k->items[k->used++] = (uint32_t)(*s - 'a');
		c->n++;
	}
}

TEST(greedy_runs_per_zone_within_each_budget_and_explains)
{
	/* zone 0 (budget 100): a 60, b 50, c 40; zone 1 (budget 80): d 80, e 30; general (50): f 50 */
	struct pb_candidate cand[] = {
		{ "a", 60, 0, -1, 0, true }, { "b", 50, 0, -1, 0, true }, { "c", 40, 0, -1, 0, true },
		{ "d", 80, 1, -1, 0, true }, { "e", 30, 1, -1, 0, true }, { "f", 50, -1, -1, 0, true },
	};
	struct casts k = { 0 };
	add(&k, "abcdf", 5);   /* a 9, b 8, c 6, d 5, e 4, f 5 */
	add(&k, "abce", 3);
	add(&k, "ab", 1);
	add(&k, "e", 1);
	int64_t zones[] = { 100, 80 };
	struct pb_results_input in = { PB_METHOD_APPROVAL, PB_RULE_GREEDY, cand, 6, k.c, k.n, zones, 2, 50, NULL, 0 };
	struct pb_result r[6];
	struct pb_results_summary sum;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	/* zone 0: a (9 votes) fits 100, b (8) does not fit the 40 left, c (8) fits */
	CHECK(r[0].selected);
	CHECK_INT(r[0].rank, 1);
	CHECK_INT(r[0].pick, 1);
	CHECK_INT(r[0].remaining, 100);
	CHECK(!r[1].selected);
	CHECK_INT(r[1].reason, PB_WHY_NO_FIT);
	CHECK_INT(r[1].remaining, 40);
	CHECK(r[2].selected);
	CHECK_INT(r[2].remaining, 40);
	CHECK_INT(r[2].pool_budget, 100);
	/* zone 1: d (5) fits 80, e (4) does not fit the 0 left */
	CHECK(r[3].selected);
	CHECK(!r[4].selected);
	CHECK_INT(r[4].remaining, 0);
	CHECK_INT(r[4].support, 4);
	/* general pool */
	CHECK(r[5].selected);
	CHECK_INT(r[5].pool_budget, 50);
	CHECK_INT(sum.nselected, 4);
	CHECK_INT(sum.total_cost, 60 + 40 + 80 + 50);
	CHECK_INT(sum.voters, 10);
	CHECK_INT(r[0].supporters, 9);
}

TEST(ties_follow_the_order_given)
{
	/* equal votes, room for one: the first given wins, both are marked */
	struct pb_candidate cand[] = { { "x", 60, -1, -1, 0, true }, { "y", 60, -1, -1, 0, true } };
	struct casts k = { 0 };
	add(&k, "ab", 2);
	struct pb_results_input in = { PB_METHOD_APPROVAL, PB_RULE_GREEDY, cand, 2, k.c, k.n, NULL, 0, 100, NULL, 0 };
	struct pb_result r[2];
	struct pb_results_summary sum;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	CHECK(r[0].selected);
	CHECK(!r[1].selected);
	CHECK(r[0].tie);
	CHECK(r[1].tie);
	CHECK_INT(r[0].rank, 1);
	CHECK_INT(r[1].rank, 2);
	/* the other order, the other winner */
	struct pb_candidate swapped[] = { cand[1], cand[0] };
	in.cand = swapped;
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	CHECK(r[0].selected);
	CHECK_STR(swapped[0].id, "y");
}

TEST(category_caps_take_out_the_least_supported_and_run_again)
{
	/* budget 300; a and b transport (cap 100), c health */
	struct pb_candidate cand[] = { { "a", 80, -1, 0, 0, true }, { "b", 70, -1, 0, 0, true }, { "c", 90, -1, 1, 0, true },
				       { "d", 500, -1, 0, 0, true } };
	struct casts k = { 0 };
	add(&k, "abc", 3);
	add(&k, "a", 1);
	add(&k, "d", 9);
	int64_t caps[] = { 100, -1 };
	struct pb_results_input in = { PB_METHOD_APPROVAL, PB_RULE_GREEDY, cand, 4, k.c, k.n, NULL, 0, 300, caps, 2 };
	struct pb_result r[4];
	struct pb_results_summary sum;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	CHECK(r[0].selected);
	CHECK(!r[1].selected);
	CHECK_INT(r[1].reason, PB_WHY_CAP);
	CHECK(r[2].selected);
	/* d costs more than its category's cap: it never runs */
	CHECK(!r[3].selected);
	CHECK_INT(r[3].reason, PB_WHY_CAP);
	CHECK_INT(sum.reruns, 1);
	CHECK_STR(pb_result_reason_name(PB_WHY_CAP), "category_cap");
	CHECK_INT(pb_result_reason_parse("not_viable"), PB_WHY_NOT_VIABLE);
}

TEST(not_viable_proposals_never_run_and_every_rule_goes_through_the_engine)
{
	struct pb_candidate cand[] = { { "a", 40, -1, -1, 300, true }, { "b", 40, -1, -1, 900, true },
				       { "c", 40, -1, -1, 100, true }, { "z", 10, -1, -1, 0, false } };
	struct casts k = { 0 };
	add(&k, "ad", 4);
	add(&k, "b", 3);
	add(&k, "c", 2);
	struct pb_results_input in = { PB_METHOD_APPROVAL, PB_RULE_GREEDY, cand, 4, k.c, k.n, NULL, 0, 80, NULL, 0 };
	struct pb_result r[4];
	struct pb_results_summary sum;
	struct err e;
	err_init(&e, NULL);
	for (int rule = 0; rule < PB_RULE_COUNT; rule++) {
		in.rule = (enum pb_rule_kind)rule;
		REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
		CHECK(!r[3].selected);
		CHECK_INT(r[3].reason, PB_WHY_NOT_VIABLE);
		CHECK_INT(r[3].rank, 0);
		CHECK_INT(r[3].supporters, 4);
		CHECK(sum.total_cost <= 80);
	}
	/* greedy by votes: a and b; by score: b and a (scores 900, 300), c never */
	in.rule = PB_RULE_GREEDY;
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	CHECK(r[0].selected && r[1].selected && !r[2].selected);
	in.rule = PB_RULE_GREEDY_SCORE;
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	CHECK(r[1].selected && r[0].selected && !r[2].selected);
	CHECK_INT(r[1].pick, 1);
	CHECK_INT(r[1].support, 900);
	/* Phragmén refuses cumulative ballots with the engine's message */
	in.rule = PB_RULE_PHRAGMEN;
	in.method = PB_METHOD_CUMULATIVE;
	int64_t pts[] = { 1, 1 };
	for (size_t i = 0; i < k.n; i++)
		k.c[i].points = pts;
	CHECK_INT(pb_results_compute(&in, r, &sum, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "Phragm");
}

TEST(mes_funds_what_equal_shares_can_pay)
{
	/* 10 voters, budget 100: 6 want a (60), 4 want b (60): each voter has 10;
	 * a's supporters pay 60; b's 4 supporters have 40 < 60; the completion (greedy) cannot fit b in 40 */
	struct pb_candidate cand[] = { { "a", 60, -1, -1, 0, true }, { "b", 60, -1, -1, 0, true }, { "c", 30, -1, -1, 0, true } };
	struct casts k = { 0 };
	add(&k, "a", 6);
	add(&k, "bc", 4);
	struct pb_results_input in = { PB_METHOD_APPROVAL, PB_RULE_MES, cand, 3, k.c, k.n, NULL, 0, 100, NULL, 0 };
	struct pb_result r[3];
	struct pb_results_summary sum;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_results_compute(&in, r, &sum, &e) == 0);
	CHECK(r[0].selected);
	CHECK(r[2].selected);
	CHECK(!r[1].selected);
	CHECK(sum.total_cost <= 100);
}

TEST(the_whole_instance_keeps_every_candidate_and_ballot)
{
	struct pb_candidate cand[] = { { "1", 100, 0, -1, 0, true }, { "2", 250, -1, -1, 0, true } };
	struct casts k = { 0 };
	add(&k, "a", 2);
	add(&k, "", 1);
	int64_t zones[] = { 150 };
	struct pb_results_input in = { PB_METHOD_RANKED, PB_RULE_GREEDY, cand, 2, k.c, k.n, zones, 1, 350, NULL, 0 };
	struct pb_instance *pi = NULL;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_results_instance(&in, &pi, &e) == 0);
	CHECK_INT(pi->nprojects, 2);
	CHECK_INT(pi->nvoters, 3);
	CHECK_INT(pi->vote_type, PB_VOTE_ORDINAL);
	CHECK_INT(mpz_get_si(pi->budget), 500);
	CHECK_INT(pi->scale, 2);
	pb_instance_free(pi);
	CHECK_INT(pb_method_vote_type(PB_METHOD_KNAPSACK), PB_VOTE_APPROVAL);
	CHECK_INT(pb_method_vote_type(PB_METHOD_CUMULATIVE), PB_VOTE_CUMULATIVE);
	CHECK_STR(pb_rule_pabulib(PB_RULE_MES), "equalshares/add1");
	CHECK_INT(pb_rule_parse("greedy-score"), PB_RULE_GREEDY_SCORE);
	CHECK_INT(pb_rule_parse("borda"), -1);
}
