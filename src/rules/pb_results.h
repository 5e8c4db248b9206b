/* pb_results.h — the results of a participatory-budget process, computed with
 * the allocation engine (pb_alloc.h; this file allocates nothing itself):
 *
 * - one run of the process's rule per zone, with the zone's budget, over the
 *   viable proposals of that zone and the part of each ballot that names them
 *   (ballots that name none of them take no part in that run), and one run for
 *   the general pool (what the zones leave of the ceiling) over the proposals of
 *   no zone;
 * - category caps: when the funded proposals of a category cost more than its
 *   cap, the one of that category with the least support (on equal support, the
 *   later in tie-break order) is taken out and every pool runs again, until no
 *   cap is exceeded; a proposal costing more than its category's cap never runs;
 * - ties: candidates are given in tie-break order (the committee's score, higher
 *   first, then the order of filing) and the engine breaks ties by that order
 *   (PB_TIE_FILE);
 * - for each proposal the facts that explain its result: rank by votes in its
 *   pool, position in the selection, what was left of the pool's budget when it
 *   was decided.
 *
 * Rules: greedy (by votes), greedy-score (by the criteria matrix: the run's only
 * "ballot" gives each proposal its score), mes (Method of Equal Shares with the
 * Add1 completion, then greedy: the engine's add1u), phragmen, optimal.
 * Amounts are cents (the instances use scale 2). Pure; unit tested in
 * tests/unit/test_pb_results.c. */
#ifndef MINKA_PB_RESULTS_H
#define MINKA_PB_RESULTS_H

#include "core/compat.h"
#include "core/err.h"
#include "rules/pb_alloc.h"
#include "rules/pb_model.h"
#include "rules/pb_process.h"

enum pb_rule_kind { PB_RULE_GREEDY, PB_RULE_GREEDY_SCORE, PB_RULE_MES, PB_RULE_PHRAGMEN, PB_RULE_OPTIMAL, PB_RULE_COUNT };
extern const char *const pb_rule_names[];    /* "greedy", "greedy-score", "mes", "phragmen", "optimal" */
const char *pb_rule_label(enum pb_rule_kind r);
int pb_rule_parse(const char *name);          /* -1 if unknown */

/* The Pabulib vote type of a voting method (knapsack ballots are approval ballots). */
enum pb_vote_type pb_method_vote_type(enum pb_method m);
/* The Pabulib META rule name of a rule ("greedy", "equalshares/add1", ...). */
const char *pb_rule_pabulib(enum pb_rule_kind r);

/* Reasons beyond the engine's enum pb_reason. */
#define PB_WHY_NOT_VIABLE (PB_WHY_COUNT)
#define PB_WHY_CAP (PB_WHY_COUNT + 1)
#define PB_WHY_ALL (PB_WHY_COUNT + 2)
/* "selected", "no_fit", ..., "not_viable", "category_cap". */
const char *pb_result_reason_name(int reason);
int pb_result_reason_parse(const char *name);

struct pb_candidate {
	const char *id;          /* Pabulib project id */
	int64_t cost;            /* cents */
	int pool;                /* zone index, or -1 for the general pool */
	int category;            /* index into caps, or -1 */
	int64_t score;           /* criteria total (millionths of a point) */
	bool eligible;           /* viable: only these run */
};

struct pb_cast {
	const uint32_t *items;   /* candidate indices, in the ballot's order */
	const int64_t *points;   /* cumulative ballots; NULL otherwise */
	uint32_t n;
	uint64_t weight;         /* voters who cast it (>= 1) */
};

struct pb_results_input {
	enum pb_method method;
	enum pb_rule_kind rule;
	const struct pb_candidate *cand;   /* in tie-break order */
	uint32_t ncand;
	const struct pb_cast *ballots;
	size_t nballots;
	const int64_t *zone_budget;        /* nzones */
	size_t nzones;
	int64_t general_budget;
	const int64_t *caps;               /* per category; < 0 = no cap */
	size_t ncaps;
};

struct pb_result {
	bool selected;
	int reason;              /* enum pb_reason, PB_WHY_NOT_VIABLE or PB_WHY_CAP */
	uint32_t rank;           /* 1.. by support among its pool's viable proposals; 0 = not viable */
	uint32_t pick;           /* 1.. position in its pool's selection; 0 = not selected */
	int64_t support;         /* votes, points or ordinal score; greedy-score: the score */
	uint64_t supporters;
	int64_t remaining;       /* cents left in its pool when it was decided */
	int64_t pool_budget;
	bool tie;
};

struct pb_results_summary {
	int64_t total_cost;
	uint32_t nselected;
	uint32_t reruns;         /* runs repeated because of a category cap */
	uint64_t voters;
};

/* Fills out[ncand]. 0, or the engine's error (a rule that does not take this
 * kind of ballot, an optimal selection too large to compute). */
int pb_results_compute(const struct pb_results_input *in, struct pb_result *out, struct pb_results_summary *sum,
		       struct err *e);

/* The whole process as one instance (every candidate, budget = the sum of the
 * pools, every ballot), for the Pabulib export. Caller frees. */
int pb_results_instance(const struct pb_results_input *in, struct pb_instance **out, struct err *e);

#endif
