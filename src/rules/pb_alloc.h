/* pb_alloc.h — participatory-budgeting allocation rules over a pb_instance.
 *
 * Every rule fills a pb_outcome: the funded projects in the order the rule chose
 * them, and for every project a reason (why it was or was not funded) and whether a
 * tie-break decided its fate. Arithmetic is exact: costs and budgets are GMP
 * integers, the Method of Equal Shares and Phragmén's rule work in rationals (binary
 * floating point only narrows down candidates; every comparison that decides a
 * winner is exact). docs/pb.md defines each rule precisely.
 *
 *	struct pb_outcome o;
 *	pb_outcome_init(&o);
 *	if (pb_mes(in, PB_COMPLETION_ADD1, PB_TIE_ID, &o, &e) == 0)
 *		for (uint32_t i = 0; i < o.nselected; i++) use(in->projects[o.order[i]].id);
 *	pb_outcome_release(&o);
 *
 * The rules only read the instance; several may run on it at once. */
#ifndef MINKA_PB_ALLOC_H
#define MINKA_PB_ALLOC_H

#include "core/compat.h"
#include "core/err.h"
#include "rules/pb_model.h"

enum pb_reason {
	PB_WHY_UNDECIDED = 0,
	PB_WHY_SELECTED,        /* chosen by the rule */
	PB_WHY_COMPLETION,      /* chosen by the greedy completion after MES */
	PB_WHY_FREE,            /* costs nothing and somebody supports it: funded first */
	PB_WHY_NO_FIT,          /* did not fit in what was left of the budget */
	PB_WHY_STOPPED,         /* the rule stopped before reaching it */
	PB_WHY_NO_SUPPORT,      /* nobody supports it */
	PB_WHY_BELOW_THRESHOLD, /* support under the minimum (META min_project_score_threshold) */
	PB_WHY_EXCLUDED,        /* mutually exclusive with a project funded before it */
	PB_WHY_WITHDRAWN,       /* marked withdrawn (cost 999999999) */
	PB_WHY_UNAFFORDABLE,    /* MES: its supporters could not pay for it */
	PB_WHY_NOT_OPTIMAL,     /* optimal: not part of the best selection */
	PB_WHY_OVER_BUDGET,     /* costs more than the whole budget */
};
#define PB_WHY_COUNT 13

/* A short stable name for JSON ("selected", "no_fit", ...). */
const char *pb_reason_name(enum pb_reason r);
/* An English sentence; a message id to translate with the catalog. */
const char *pb_reason_text(enum pb_reason r);

enum pb_tiebreak {
	PB_TIE_ID,   /* project ids compared as strings ("10" < "9"): pabutools' default */
	PB_TIE_COST, /* lower cost, then more supporters, then id: Pabulib's checker */
	PB_TIE_FILE, /* the order of the projects in the file (Pabulib lists the official ranking) */
};
const char *pb_tiebreak_name(enum pb_tiebreak t);
int pb_tiebreak_parse(const char *s, enum pb_tiebreak *out);

enum pb_completion {
	PB_COMPLETION_NONE,
	PB_COMPLETION_ADD1,         /* pabutools voter_budget_increment=1 */
	PB_COMPLETION_ADD1_PABULIB, /* Pabulib's checker: floor(B/n) start, while feasible */
	PB_COMPLETION_ADD1U,        /* ADD1 then greedy */
};
const char *pb_completion_name(enum pb_completion c);
int pb_completion_parse(const char *s, enum pb_completion *out);

struct pb_outcome {
	uint32_t nprojects;
	uint32_t nselected;
	uint32_t *order;        /* funded project indices in the order chosen */
	uint8_t *reason;        /* per project: enum pb_reason */
	bool *tie;              /* per project: a tie-break decided its fate */
	mpz_t total_cost;       /* in 10^-scale units of the instance */
	bool tie_used;          /* some tie-break decided something */
	/* Method of Equal Shares */
	uint32_t nmes;          /* order[0..nmes) were chosen by MES, the rest by a completion */
	uint64_t add1_steps;    /* +1 per-voter increments of the returned run */
	uint64_t add1_last;     /* increments of the last run that decided the stop (the
				 * overspending one, or the returned one); pabutools' count */
	mpq_t endowment;        /* per-voter budget of the returned run (10^-scale units) */
	uint64_t mes_runs;      /* full MES runs computed (add1: including interval checks) */
	bool exhaustive;        /* no unfunded supported project fits in what is left */
};

void pb_outcome_init(struct pb_outcome *o);
void pb_outcome_release(struct pb_outcome *o);
/* True if project p is funded. */
bool pb_outcome_selected(const struct pb_outcome *o, uint32_t p);

/* Greedy by support, with the variants cities use. */
struct pb_greedy_opts {
	enum pb_tiebreak tie;
	bool per_cost;       /* order by support / cost instead of support */
	bool no_skip;        /* stop at the first project that does not fit */
	bool threshold;      /* only projects with support >= in->threshold (when set) */
	bool exclusive;      /* at most one project of each exclusive group */
	bool withdrawn;      /* skip projects that cost 999999999 (Pabulib's marker) */
	bool by_supporters;  /* order by the number of supporters (approval view of ordinal ballots) */
};
int pb_greedy_run(const struct pb_instance *in, const struct pb_greedy_opts *opts, struct pb_outcome *out,
		  struct err *e);

/* Greedy by support (approvals, points, or Pabulib ordinal score k..1): in order of
 * support, fund each project that still fits; never stop early. */
int pb_greedy(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e);
/* Greedy by support per unit of cost. */
int pb_greedy_cost(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e);
/* Greedy that stops at the first project that does not fit. */
int pb_greedy_no_skip(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e);
/* Greedy over the projects whose support reaches in->threshold. */
int pb_greedy_threshold(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out,
			struct err *e);
/* Greedy that funds at most one project of each of in's exclusive groups. */
int pb_greedy_exclusive(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out,
			struct err *e);

/* The Method of Equal Shares. Approval, choose-1 and ordinal ballots use cost
 * utilities (a voter values a project she supports at its cost; ordinal = approval
 * of the ranked projects); cumulative and scoring ballots use the points. */
int pb_mes(const struct pb_instance *in, enum pb_completion completion, enum pb_tiebreak tie,
	   struct pb_outcome *out, struct err *e);

/* One MES run with the given per-voter endowment (10^-scale units), no completion. */
int pb_mes_at(const struct pb_instance *in, const mpq_t endowment, enum pb_tiebreak tie, struct pb_outcome *out,
	      struct err *e);

/* Sequential Phragmén (approval, choose-1 and ordinal ballots as approval): stops at
 * the first project that would overspend. */
int pb_phragmen(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e);

/* The selection with the largest total support that fits in the budget (exact
 * knapsack); among those, the cheapest; then by tie-break order. */
int pb_optimal(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e);

/* The rule named by in->rule (the Pabulib META `rule`): greedy, greedy-threshold,
 * greedy-no-skip, greedy-exclusive (file order breaks ties, withdrawn projects
 * skipped, the META threshold honoured), equalshares, equalshares/add1[-comparison]
 * (MES with Pabulib's Add1). ERR_INVALID when the rule is missing or unknown. */
int pb_official(const struct pb_instance *in, struct pb_outcome *out, struct err *e);
/* How pb_official() interprets in->rule, for people ("greedy-no-skip: ..."). */
const char *pb_official_describe(const struct pb_instance *in);

#endif
