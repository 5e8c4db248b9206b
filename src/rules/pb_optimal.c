/* pb_optimal.c — the utilitarian optimum: the projects with the largest total
 * support that fit in the budget (0/1 knapsack, solved exactly).
 *
 * Supports are small integers (at most the number of ballots times the points), so
 * the dynamic programme runs over total support: cheapest[v] is the least cost of a
 * set of projects whose supports add up to exactly v. Costs are exact 128-bit
 * integers. The answer is the largest v whose cheapest set fits; among the sets
 * reaching it, the cheapest; among those, the one found first when projects are
 * taken in tie-break order. Projects nobody supports add nothing and are left out.
 * When supports are huge (cardinal ballots with big points) but the budget is a
 * small integer, the programme runs over cost instead; when both are huge the rule
 * refuses (ERR_TOOBIG) rather than use gigabytes. */
#include "core/compat.h"
#include "rules/pb_alloc_int.h"
#include "core/xalloc.h"

#define PB_OPTIMAL_MAX_BITS ((uint64_t)1 << 31) /* 256 MB of choice bits */
#define PB_OPTIMAL_MAX_CELLS ((uint64_t)1 << 24) /* 16 M cells of 16 bytes */

typedef __int128 i128;

static i128 mpz_to_i128(const mpz_t z)
{
	/* caller guarantees 0 <= z < 2^120 */
	mpz_t hi;
	mpz_init(hi);
	mpz_tdiv_q_2exp(hi, z, 60);
	i128 v = (i128)mpz_get_ui(hi) << 60;
	mpz_tdiv_r_2exp(hi, z, 60);
	v += (i128)mpz_get_ui(hi);
	mpz_clear(hi);
	return v;
}

/* Dynamic programme over total support; marks the chosen projects. */
static int by_support(const struct pb_instance *in, const uint32_t *items, uint32_t n, uint64_t V, uint8_t *chosen)
{
	i128 budget = mpz_to_i128(in->budget);
	i128 inf = budget + 1;
	i128 *cheapest = xmalloc((V + 1) * sizeof *cheapest);
	cheapest[0] = 0;
	for (uint64_t v = 1; v <= V; v++)
		cheapest[v] = inf;
	size_t row = (size_t)(V / 8 + 1);
	uint8_t *took = xcalloc((size_t)n * row + 1, 1);
	uint64_t reach = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct pb_project *pr = &in->projects[items[i]];
		uint64_t v = (uint64_t)pr->support;
		i128 c = mpz_to_i128(pr->cost);
		reach += v;
		for (uint64_t s = reach; s >= v; s--) {
			i128 t = cheapest[s - v] + c;
			if (cheapest[s - v] < inf && t <= budget && t < cheapest[s]) {
				cheapest[s] = t;
				took[(size_t)i * row + s / 8] |= (uint8_t)(1u << (s % 8));
			}
		}
	}
	uint64_t best = 0;
	for (uint64_t v = V; v > 0; v--)
		if (cheapest[v] <= budget) {
			best = v;
			break;
		}
	for (uint32_t i = n; i-- > 0 && best > 0;) {
		if (took[(size_t)i * row + best / 8] & (1u << (best % 8))) {
			chosen[items[i]] = 1;
			best -= (uint64_t)in->projects[items[i]].support;
		}
	}
	free(took);
	free(cheapest);
	return 0;
}

/* Dynamic programme over cost, for small integer budgets: most[w] is the largest
 * total support with cost at most w. */
static int by_cost(const struct pb_instance *in, const uint32_t *items, uint32_t n, uint8_t *chosen, uint64_t V,
		   struct err *e)
{
	if (mpz_sizeinbase(in->budget, 2) > 40 || mpz_get_ui(in->budget) > PB_OPTIMAL_MAX_CELLS ||
	    (n && mpz_get_ui(in->budget) * n > PB_OPTIMAL_MAX_BITS))
		return err_set(e, ERR_TOOBIG, "the instance is too large for the exact optimal rule (%llu support over %u projects)",
			       (unsigned long long)V, (unsigned)n);
	uint64_t B = mpz_get_ui(in->budget);
	i128 *most = xcalloc(B + 1, sizeof *most);
	size_t row = (size_t)(B / 8 + 1);
	uint8_t *took = xcalloc((size_t)n * row + 1, 1);
	for (uint32_t i = 0; i < n; i++) {
		const struct pb_project *pr = &in->projects[items[i]];
		uint64_t c = mpz_get_ui(pr->cost);
		for (uint64_t w = B + 1; w-- > c;) {
			i128 t = most[w - c] + pr->support;
			if (t > most[w]) {
				most[w] = t;
				took[(size_t)i * row + w / 8] |= (uint8_t)(1u << (w % 8));
			}
		}
	}
	/* the cheapest capacity that reaches the best support */
	uint64_t w = B;
	while (w > 0 && most[w - 1] == most[B])
		w--;
	for (uint32_t i = n; i-- > 0;) {
		if (took[(size_t)i * row + w / 8] & (1u << (w % 8))) {
			chosen[items[i]] = 1;
			w -= mpz_get_ui(in->projects[items[i]].cost);
		}
	}
	free(took);
	free(most);
	return 0;
}

int pb_optimal(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e)
{
	if (!in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is not complete");
	if (mpz_sizeinbase(in->budget, 2) > 100)
		return err_set(e, ERR_TOOBIG, "the budget is too large for the optimal rule");
	uint32_t np = in->nprojects;
	pb_outcome_reset(out, in);
	uint32_t *items = xmalloc((np + 1) * sizeof *items);
	uint32_t n = 0;
	uint64_t V = 0;
	for (uint32_t p = 0; p < np; p++) {
		const struct pb_project *pr = &in->projects[p];
		if (pr->support <= 0) {
			out->reason[p] = PB_WHY_NO_SUPPORT;
			continue;
		}
		if (mpz_cmp(pr->cost, in->budget) > 0) {
			out->reason[p] = PB_WHY_OVER_BUDGET;
			continue;
		}
		/* insertion in tie-break order */
		uint32_t k = n++;
		while (k > 0 && pb_tie_cmp(in, tie, p, items[k - 1]) < 0) {
			items[k] = items[k - 1];
			k--;
		}
		items[k] = p;
		V = V > ((uint64_t)1 << 62) ? V : V + (uint64_t)pr->support; /* saturates: only compared */
	}
	uint8_t *chosen = xcalloc(np + 1, 1);
	int rc;
	if (V <= PB_OPTIMAL_MAX_CELLS && (n == 0 || V * n <= PB_OPTIMAL_MAX_BITS))
		rc = by_support(in, items, n, V, chosen);
	else
		rc = by_cost(in, items, n, chosen, V, e);
	if (rc) {
		free(chosen);
		free(items);
		return rc;
	}
	/* report in order of support (then tie-break) */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = i;
		while (k > 0 && in->projects[items[k]].support > in->projects[items[k - 1]].support) {
			uint32_t t = items[k];
			items[k] = items[k - 1];
			items[k - 1] = t;
			k--;
		}
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t p = items[i];
		if (chosen[p])
			pb_outcome_push(out, in, p, PB_WHY_SELECTED);
		else
			out->reason[p] = PB_WHY_NOT_OPTIMAL;
	}
	out->exhaustive = pb_outcome_exhaustive(in, out);
	free(chosen);
	free(items);
	return 0;
}
