/* fuzz_pb_results.c — libFuzzer target for the results of a participatory-budget
 * process around the allocation engine (rules/pb_results.h), fed with Pabulib
 * files: the projects become candidates spread over zones (from their ids), some
 * not viable, some under category caps; every rule runs. Properties checked
 * beyond "no crash, no sanitizer report":
 *  - no pool spends more than its budget, no capped category more than its cap;
 *  - a proposal that is not viable is never selected, and says so;
 *  - a selected proposal has a position in its pool's selection, an unselected
 *    one none; ranks are 1..n within a pool. */
#include "core/compat.h"
#include "rules/pabulib.h"
#include "rules/pb_results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pabulib_file *f = NULL;
	struct err e;
	err_init(&e, NULL);
	if (pabulib_parse((const char *)data, size, &f, &e))
		return 0;
	const struct pb_instance *in = f->inst;
	if (in->nprojects == 0 || in->nprojects > 16 || in->nitems > 400 || in->scale > 2 ||
	    in->vote_type == PB_VOTE_SCORING || mpz_sizeinbase(in->budget, 2) > 40) {
		pabulib_free(f);
		return 0;
	}
	uint32_t n = in->nprojects;
	struct pb_candidate cand[16];
	int64_t caps[2] = { -1, -1 };
	int64_t zones[2];
	int64_t budget = (int64_t)mpz_get_si(in->budget);
	zones[0] = budget / 3;
	zones[1] = budget / 4;
	for (uint32_t p = 0; p < n; p++) {
		const struct pb_project *pr = &in->projects[p];
		if (mpz_sizeinbase(pr->cost, 2) > 40) {
			pabulib_free(f);
			return 0;
		}
		unsigned h = 0;
		for (const char *s = pr->id; *s; s++)
			h = h * 31 + (unsigned char)*s;
		cand[p] = (struct pb_candidate){ pr->id, (int64_t)mpz_get_si(pr->cost), (int)(h % 3) - 1, (int)(h / 3 % 3) - 1,
						 (int64_t)(h % 1000) * 1000, h % 7 != 0 };
	}
	caps[0] = budget / 2;
	/* the ballots as casts over candidate indices */
	struct pb_cast *casts = calloc(in->nballots + 1, sizeof *casts);
	for (uint32_t b = 0; b < in->nballots; b++)
		casts[b] = (struct pb_cast){ in->items ? in->items + in->ballots[b].off : NULL,
					     in->points ? in->points + in->ballots[b].off : NULL,
					     in->ballots[b].len, in->ballots[b].weight };
	enum pb_method method = in->vote_type == PB_VOTE_ORDINAL ? PB_METHOD_RANKED
			      : in->vote_type == PB_VOTE_CUMULATIVE ? PB_METHOD_CUMULATIVE : PB_METHOD_APPROVAL;
	struct pb_result res[16];
	for (int rule = 0; rule < PB_RULE_COUNT; rule++) {
		struct pb_results_input ri = { method, (enum pb_rule_kind)rule, cand, n, casts, in->nballots, zones, 2,
					       budget - zones[0] - zones[1], caps, 2 };
		struct pb_results_summary sum;
		if (pb_results_compute(&ri, res, &sum, &e))
			continue;   /* a rule that does not take these ballots, a knapsack too large */
		int64_t spent[3] = { 0 }, cat[2] = { 0 };
		for (uint32_t p = 0; p < n; p++) {
			if (!cand[p].eligible && (res[p].selected || res[p].reason != PB_WHY_NOT_VIABLE || res[p].rank))
				abort();
			if (res[p].selected != (res[p].pick > 0))
				abort();
			if (res[p].selected) {
				spent[cand[p].pool + 1] += cand[p].cost;
				if (cand[p].category >= 0)
					cat[cand[p].category] += cand[p].cost;
			}
		}
		if (spent[0] > ri.general_budget || spent[1] > zones[0] || spent[2] > zones[1])
			abort();
		if (cat[0] > caps[0])
			abort();
	}
	free(casts);
	pabulib_free(f);
	return 0;
}
