/* pb_results.c — zones, caps and explanations around the allocation engine
 * (see pb_results.h). */
#include "core/compat.h"
#include "rules/pb_results.h"
#include "core/i18n.h"
#include "core/xalloc.h"

const char *const pb_rule_names[] = { "greedy", "greedy-score", "mes", "phragmen", "optimal", NULL };

const char *pb_rule_label(enum pb_rule_kind r)
{
	switch (r) {
	case PB_RULE_GREEDY: return N_("Most votes first, while the budget lasts");
	case PB_RULE_GREEDY_SCORE: return N_("Highest score in the criteria matrix first, while the budget lasts");
	case PB_RULE_MES: return N_("Method of Equal Shares (proportional)");
	case PB_RULE_PHRAGMEN: return N_("Phragmén's sequential rule (proportional)");
	case PB_RULE_OPTIMAL: return N_("The combination with the most votes that fits the budget");
	default: return "";
	}
}

int pb_rule_parse(const char *name)
{
	for (int i = 0; name && pb_rule_names[i]; i++)
		if (str_eq(name, pb_rule_names[i]))
			return i;
	return -1;
}

enum pb_vote_type pb_method_vote_type(enum pb_method m)
{
	switch (m) {
	case PB_METHOD_RANKED: return PB_VOTE_ORDINAL;
	case PB_METHOD_CUMULATIVE: return PB_VOTE_CUMULATIVE;
	default: return PB_VOTE_APPROVAL;
	}
}

const char *pb_rule_pabulib(enum pb_rule_kind r)
{
	switch (r) {
	case PB_RULE_MES: return "equalshares/add1";
	case PB_RULE_PHRAGMEN: return "phragmen";
	case PB_RULE_OPTIMAL: return "optimal";
	case PB_RULE_GREEDY_SCORE: return "greedy-score";
	default: return "greedy";
	}
}

const char *pb_result_reason_name(int reason)
{
	if (reason == PB_WHY_NOT_VIABLE)
		return "not_viable";
	if (reason == PB_WHY_CAP)
		return "category_cap";
	return pb_reason_name((enum pb_reason)reason);
}

int pb_result_reason_parse(const char *name)
{
	for (int r = 0; r < PB_WHY_ALL; r++)
		if (name && str_eq(name, pb_result_reason_name(r)))
			return r;
	return -1;
}

static void mpz_cents(mpz_t z, int64_t cents) { mpz_set_si(z, (long)cents); }

/* One run's instance: the candidates in `take` (instance index → candidate)
 * and the ballots restricted to them. */
static int build(const struct pb_results_input *in, const uint32_t *take, uint32_t nt, int64_t budget,
		 bool keep_empty, struct pb_instance **out, struct err *e)
{
	bool by_score = in->rule == PB_RULE_GREEDY_SCORE;
	enum pb_vote_type vt = by_score ? PB_VOTE_CUMULATIVE : pb_method_vote_type(in->method);
	struct pb_instance *pi = pb_instance_new(vt);
	mpz_t z;
	mpz_init(z);
	mpz_cents(z, budget);
	pb_instance_set_budget(pi, z, 2);
	int64_t *where = xmalloc(((size_t)in->ncand + 1) * sizeof *where);
	for (uint32_t c = 0; c < in->ncand; c++)
		where[c] = -1;
	int rc = 0;
	for (uint32_t i = 0; i < nt && !rc; i++) {
		const struct pb_candidate *cd = &in->cand[take[i]];
		uint32_t idx;
		mpz_cents(z, cd->cost);
		rc = pb_instance_add_project(pi, cd->id, strlen(cd->id), z, 2, &idx, e);
		where[take[i]] = idx;
	}
	uint32_t *items = xmalloc(((size_t)in->ncand + 1) * sizeof *items);
	int64_t *points = xmalloc(((size_t)in->ncand + 1) * sizeof *points);
	if (!rc && by_score) {
		uint32_t k = 0;
		for (uint32_t i = 0; i < nt; i++)
			if (in->cand[take[i]].score > 0) {
				items[k] = (uint32_t)where[take[i]];
				points[k++] = in->cand[take[i]].score;
			}
		rc = pb_instance_add_ballot(pi, items, points, k, 1, e);
	}
	bool cardinal = pb_vote_type_cardinal(vt);
	for (size_t b = 0; b < in->nballots && !rc && !by_score; b++) {
		const struct pb_cast *bl = &in->ballots[b];
		uint32_t k = 0;
		for (uint32_t i = 0; i < bl->n; i++) {
			if (bl->items[i] >= in->ncand || where[bl->items[i]] < 0)
				continue;
			if (cardinal && (!bl->points || bl->points[i] <= 0))
				continue;
			items[k] = (uint32_t)where[bl->items[i]];
			points[k++] = cardinal ? bl->points[i] : 0;
		}
		if (k || keep_empty)
			rc = pb_instance_add_ballot(pi, items, cardinal ? points : NULL, k, bl->weight ? bl->weight : 1, e);
	}
	if (!rc)
		rc = pb_instance_finish(pi, e);
	free(items);
	free(points);
	free(where);
	mpz_clear(z);
	if (rc) {
		pb_instance_free(pi);
		return rc;
	}
	*out = pi;
	return 0;
}

static int run_rule(const struct pb_instance *pi, enum pb_rule_kind rule, struct pb_outcome *o, struct err *e)
{
	switch (rule) {
	case PB_RULE_MES: return pb_mes(pi, PB_COMPLETION_ADD1U, PB_TIE_FILE, o, e);
	case PB_RULE_PHRAGMEN: return pb_phragmen(pi, PB_TIE_FILE, o, e);
	case PB_RULE_OPTIMAL: return pb_optimal(pi, PB_TIE_FILE, o, e);
	default: return pb_greedy(pi, PB_TIE_FILE, o, e);
	}
}

/* Ranks by support (higher first), then tie-break order, among the candidates of
 * `take`: rank[take[i]] = 1.. */
static void rank_by_support(const uint32_t *take, uint32_t nt, const int64_t *support, uint32_t *rank)
{
	for (uint32_t i = 0; i < nt; i++) {
		uint32_t above = 0;
		for (uint32_t j = 0; j < nt; j++)
			if (support[take[j]] > support[take[i]] ||
			    (support[take[j]] == support[take[i]] && take[j] < take[i]))
				above++;
		rank[take[i]] = above + 1;
	}
}

/* Runs one pool and writes its candidates' results. */
static int run_pool(const struct pb_results_input *in, int pool, int64_t budget, const bool *excluded,
		    const int64_t *support, struct pb_result *out, struct err *e)
{
	uint32_t *take = xmalloc(((size_t)in->ncand + 1) * sizeof *take);
	uint32_t nt = 0;
	for (uint32_t c = 0; c < in->ncand; c++)
		if (in->cand[c].pool == pool && in->cand[c].eligible && !excluded[c])
			take[nt++] = c;
	int rc = 0;
	if (nt) {
		struct pb_instance *pi = NULL;
		struct pb_outcome o;
		pb_outcome_init(&o);
		rc = build(in, take, nt, budget, false, &pi, e);
		if (!rc)
			rc = run_rule(pi, in->rule, &o, e);
		if (!rc) {
			uint32_t *runrank = xmalloc(((size_t)in->ncand + 1) * sizeof *runrank);
			rank_by_support(take, nt, support, runrank);
			int64_t spent = 0;
			for (uint32_t k = 0; k < o.nselected; k++) {
				uint32_t c = take[o.order[k]];
				out[c].selected = true;
				out[c].pick = k + 1;
				out[c].remaining = budget - spent;
				spent += in->cand[c].cost;
			}
			for (uint32_t i = 0; i < nt; i++) {
				uint32_t c = take[i];
				out[c].reason = o.reason[i];
				out[c].tie = o.tie[i];
				out[c].pool_budget = budget;
				if (out[c].selected)
					continue;
				if (in->rule == PB_RULE_GREEDY || in->rule == PB_RULE_GREEDY_SCORE) {
					/* what the proposals ahead of it had left when greedy reached it */
					int64_t before = 0;
					for (uint32_t j = 0; j < nt; j++)
						if (out[take[j]].selected && runrank[take[j]] < runrank[c])
							before += in->cand[take[j]].cost;
					out[c].remaining = budget - before;
				} else {
					out[c].remaining = budget - spent;
				}
			}
			free(runrank);
		}
		pb_outcome_release(&o);
		pb_instance_free(pi);
	}
	free(take);
	return rc;
}

int pb_results_instance(const struct pb_results_input *in, struct pb_instance **out, struct err *e)
{
	uint32_t *take = xmalloc(((size_t)in->ncand + 1) * sizeof *take);
	for (uint32_t c = 0; c < in->ncand; c++)
		take[c] = c;
	int64_t budget = in->general_budget;
	for (size_t z = 0; z < in->nzones; z++)
		budget += in->zone_budget[z];
	struct pb_results_input whole = *in;
	if (whole.rule == PB_RULE_GREEDY_SCORE)
		whole.rule = PB_RULE_GREEDY;
	int rc = build(&whole, take, in->ncand, budget, true, out, e);
	free(take);
	return rc;
}

int pb_results_compute(const struct pb_results_input *in, struct pb_result *out, struct pb_results_summary *sum,
		       struct err *e)
{
	memset(sum, 0, sizeof *sum);
	for (uint32_t c = 0; c < in->ncand; c++)
		memset(&out[c], 0, sizeof out[c]);
	/* support and supporters of every proposal, as the engine counts them */
	struct pb_instance *all = NULL;
	int rc = pb_results_instance(in, &all, e);
	if (rc)
		return rc;
	sum->voters = all->nvoters;
	int64_t *support = xmalloc(((size_t)in->ncand + 1) * sizeof *support);
	for (uint32_t c = 0; c < in->ncand; c++) {
		support[c] = in->rule == PB_RULE_GREEDY_SCORE ? in->cand[c].score : all->projects[c].support;
		out[c].support = support[c];
		out[c].supporters = all->projects[c].supporters;
	}
	pb_instance_free(all);
	/* ranks by support among the viable proposals of each pool */
	uint32_t *take = xmalloc(((size_t)in->ncand + 1) * sizeof *take);
	uint32_t *rank = xcalloc((size_t)in->ncand + 1, sizeof *rank);
	for (int pool = -1; pool < (int)in->nzones; pool++) {
		uint32_t nt = 0;
		for (uint32_t c = 0; c < in->ncand; c++)
			if (in->cand[c].pool == pool && in->cand[c].eligible)
				take[nt++] = c;
		rank_by_support(take, nt, support, rank);
	}
	free(take);
	bool *excluded = xcalloc((size_t)in->ncand + 1, sizeof *excluded);
	for (uint32_t c = 0; c < in->ncand; c++) {
		const struct pb_candidate *cd = &in->cand[c];
		if (cd->category >= 0 && (size_t)cd->category < in->ncaps && in->caps[cd->category] >= 0 &&
		    cd->cost > in->caps[cd->category])
			excluded[c] = true;
	}
	for (;;) {
		for (uint32_t c = 0; c < in->ncand; c++) {
			out[c].selected = false;
			out[c].pick = 0;
			out[c].remaining = 0;
			out[c].tie = false;
			out[c].reason = !in->cand[c].eligible ? PB_WHY_NOT_VIABLE : excluded[c] ? PB_WHY_CAP : PB_WHY_UNDECIDED;
			int pool = in->cand[c].pool;
			out[c].pool_budget = pool >= 0 && (size_t)pool < in->nzones ? in->zone_budget[pool] : in->general_budget;
		}
		for (int pool = -1; pool < (int)in->nzones && !rc; pool++)
			rc = run_pool(in, pool, pool < 0 ? in->general_budget : in->zone_budget[pool], excluded, support, out, e);
		if (rc)
			break;
		/* the first category over its cap loses its least supported funded proposal */
		int64_t victim = -1;
		for (size_t k = 0; k < in->ncaps && victim < 0; k++) {
			if (in->caps[k] < 0)
				continue;
			int64_t spent = 0;
			for (uint32_t c = 0; c < in->ncand; c++)
				if (out[c].selected && in->cand[c].category == (int)k)
					spent += in->cand[c].cost;
			if (spent <= in->caps[k])
				continue;
			for (uint32_t c = 0; c < in->ncand; c++)
				if (out[c].selected && in->cand[c].category == (int)k &&
				    (victim < 0 || support[c] <= support[victim]))
					victim = c;
		}
		if (victim < 0)
			break;
		excluded[victim] = true;
		sum->reruns++;
	}
	for (uint32_t c = 0; c < in->ncand; c++) {
		out[c].rank = in->cand[c].eligible ? rank[c] : 0;
		if (out[c].selected) {
			sum->nselected++;
			sum->total_cost += in->cand[c].cost;
		}
	}
	free(excluded);
	free(rank);
	free(support);
	return rc;
}
