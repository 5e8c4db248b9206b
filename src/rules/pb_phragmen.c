/* pb_phragmen.c — sequential Phragmén for participatory budgeting, exact.
 *
 * Voters earn money continuously; a project is bought as soon as its supporters
 * together hold its cost, which spreads their loads evenly: the new load of each
 * supporter of p is (Σ loads of p's supporters + cost(p)) / #supporters(p). Each
 * round buys the project with the smallest new load; the rule stops at the first
 * round whose best project (or one tied with it) would overspend. Projects costing
 * more than the budget never take part.
 *
 * A voter's load is always the load set by the last project she helped buy, so
 * loads are kept per round (exact rationals) and each voter stores only the round.
 * The sum over a project's supporters is Σ_r count_r · load_r. Doubles narrow the
 * candidates; the minimum and every tie are decided in exact arithmetic. */
#include "core/compat.h"
#include "rules/pb_alloc_int.h"
#include "core/xalloc.h"

#include <math.h>

int pb_phragmen(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e)
{
	if (!in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is not complete");
	if (pb_vote_type_cardinal(in->vote_type))
		return err_set(e, ERR_INVALID, "sequential Phragmén needs approval, choose-1 or ordinal ballots, not %s",
			       pb_vote_type_name(in->vote_type));
	uint32_t np = in->nprojects, nb = in->nballots;
	pb_outcome_reset(out, in);
	/* supporters of each project */
	uint32_t *soff = xcalloc(np + 1, sizeof *soff);
	for (size_t i = 0; i < in->nitems; i++)
		soff[in->items[i] + 1]++;
	for (uint32_t p = 0; p < np; p++)
		soff[p + 1] += soff[p];
	uint32_t *sb = xmalloc((in->nitems + 1) * sizeof *sb);
	uint32_t *fill = xmalloc((np + 1) * sizeof *fill);
	memcpy(fill, soff, np * sizeof *fill);
	for (uint32_t b = 0; b < nb; b++)
		for (uint32_t i = 0; i < in->ballots[b].len; i++)
			sb[fill[in->items[in->ballots[b].off + i]]++] = b;
	free(fill);

	int32_t *round = xmalloc((nb + 1) * sizeof *round); /* round that set the voter's load, -1 = 0 */
	for (uint32_t b = 0; b < nb; b++)
		round[b] = -1;
	mpq_t *load = xmalloc((np + 1) * sizeof *load);
	double *load_d = xmalloc((np + 1) * sizeof *load_d);
	uint64_t *cnt = xcalloc(np + 2, sizeof *cnt);
	uint8_t *alive = xcalloc(np + 1, 1);
	double *val = xmalloc((np + 1) * sizeof *val);
	for (uint32_t p = 0; p < np; p++) {
		mpq_init(load[p]);
		if (mpz_cmp(in->projects[p].cost, in->budget) <= 0)
			alive[p] = 1;
		else
			out->reason[p] = PB_WHY_OVER_BUDGET;
	}
	mpq_t best, cur, tmp;
	mpq_inits(best, cur, tmp, NULL);
	mpz_t left, z;
	mpz_inits(left, z, NULL);
	mpz_set(left, in->budget);
	uint32_t rounds = 0;
	uint32_t *tied = xmalloc((np + 1) * sizeof *tied);

	for (;;) {
		/* new loads in doubles; INFINITY for projects nobody supports */
		double vmin = INFINITY;
		uint32_t nalive = 0;
		for (uint32_t p = 0; p < np; p++) {
			if (!alive[p])
				continue;
			nalive++;
			uint64_t score = in->projects[p].supporters;
			if (score == 0) {
				val[p] = INFINITY;
			} else {
				double s = 0;
				for (uint32_t k = soff[p]; k < soff[p + 1]; k++) {
					int32_t r = round[sb[k]];
					if (r >= 0)
						s += (double)in->ballots[sb[k]].weight * load_d[r];
				}
				val[p] = (s + mpz_get_d(in->projects[p].cost)) / (double)score;
			}
			if (val[p] < vmin)
				vmin = val[p];
		}
		if (nalive == 0)
			break;
		/* exact minimum among the projects the doubles cannot separate from it */
		uint32_t ntied = 0;
		bool have = false;
		double tol = isinf(vmin) ? 0 : vmin * 1e-6 + 1e-300; /* sums of positive terms: far tighter */
		for (uint32_t p = 0; p < np; p++) {
			if (!alive[p] || (isinf(vmin) ? !isinf(val[p]) : val[p] > vmin + tol))
				continue;
			if (isinf(vmin)) { /* nobody supports any of them: all tie at infinity */
				tied[ntied++] = p;
				continue;
			}
			memset(cnt, 0, (rounds + 1) * sizeof *cnt);
			for (uint32_t k = soff[p]; k < soff[p + 1]; k++) {
				int32_t r = round[sb[k]];
				if (r >= 0)
					cnt[r] += in->ballots[sb[k]].weight;
			}
			mpq_set_z(cur, in->projects[p].cost);
			for (uint32_t r = 0; r < rounds; r++)
				if (cnt[r]) {
					mpz_set_ui(z, (unsigned long)(cnt[r] >> 32));
					mpz_mul_2exp(z, z, 32);
					mpz_add_ui(z, z, (unsigned long)(cnt[r] & 0xffffffffu));
					mpq_set_z(tmp, z);
					mpq_mul(tmp, tmp, load[r]);
					mpq_add(cur, cur, tmp);
				}
			uint64_t score = in->projects[p].supporters;
			mpz_set_ui(z, (unsigned long)(score >> 32));
			mpz_mul_2exp(z, z, 32);
			mpz_add_ui(z, z, (unsigned long)(score & 0xffffffffu));
			mpq_set_z(tmp, z);
			mpq_div(cur, cur, tmp);
			int c = have ? mpq_cmp(cur, best) : -1;
			if (c < 0) {
				mpq_set(best, cur);
				have = true;
				ntied = 0;
			}
			if (c <= 0)
				tied[ntied++] = p;
		}
		/* stop if any tied project would overspend */
		bool over = false;
		for (uint32_t i = 0; i < ntied; i++)
			if (mpz_cmp(in->projects[tied[i]].cost, left) > 0)
				over = true;
		uint32_t w = tied[0];
		for (uint32_t i = 1; i < ntied; i++)
			if (pb_tie_cmp(in, tie, tied[i], w) < 0)
				w = tied[i];
		if (over) {
			for (uint32_t i = 0; i < ntied; i++)
				if (mpz_cmp(in->projects[tied[i]].cost, left) > 0) {
					out->reason[tied[i]] = PB_WHY_NO_FIT;
					if (ntied > 1) {
						out->tie[tied[i]] = true;
						out->tie_used = true;
					}
				}
			break;
		}
		pb_outcome_push(out, in, w, PB_WHY_SELECTED);
		if (ntied > 1) {
			out->tie[w] = true;
			out->tie_used = true;
		}
		alive[w] = 0;
		mpz_sub(left, left, in->projects[w].cost);
		if (have) {
			mpq_set(load[rounds], best);
			load_d[rounds] = mpq_get_d(best);
			for (uint32_t k = soff[w]; k < soff[w + 1]; k++)
				round[sb[k]] = (int32_t)rounds;
			rounds++;
		}
	}
	for (uint32_t p = 0; p < np; p++)
		if (!out->reason[p])
			out->reason[p] = in->projects[p].supporters ? PB_WHY_STOPPED : PB_WHY_NO_SUPPORT;
	out->exhaustive = pb_outcome_exhaustive(in, out);
	for (uint32_t p = 0; p < np; p++)
		mpq_clear(load[p]);
	mpq_clears(best, cur, tmp, NULL);
	mpz_clears(left, z, NULL);
	free(load);
	free(load_d);
	free(cnt);
	free(alive);
	free(val);
	free(tied);
	free(round);
	free(soff);
	free(sb);
	return 0;
}
