/* fuzz_pabulib.c — libFuzzer target for the Pabulib reader (and, on small inputs,
 * the rules). Build and run with scripts/fuzz.sh (clang -fsanitize=fuzzer).
 * Properties checked beyond "no crash, no sanitizer report":
 *  - a refused input always comes with a message;
 *  - what the writer produces reads back to the same instance, and writing that
 *    again gives the same bytes;
 *  - every rule gives a selection within the budget (MES before completion). */
#include "core/compat.h"
#include "core/buf.h"
#include "rules/pabulib.h"
#include "rules/pb_alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_instance(const struct pb_instance *a, const struct pb_instance *b)
{
	if (a->nprojects != b->nprojects || a->nvoters != b->nvoters || a->nballots != b->nballots ||
	    a->vote_type != b->vote_type || mpz_cmp(a->budget, b->budget) != 0 || a->scale != b->scale)
		abort();
	for (uint32_t p = 0; p < a->nprojects; p++)
		if (!str_eq(a->projects[p].id, b->projects[p].id) || a->projects[p].support != b->projects[p].support ||
		    mpz_cmp(a->projects[p].cost, b->projects[p].cost) != 0)
			abort();
}

static void check_outcome(const struct pb_instance *in, const struct pb_outcome *o, bool within_budget)
{
	if (within_budget && mpz_cmp(o->total_cost, in->budget) > 0)
		abort();
	for (uint32_t i = 0; i < o->nselected; i++)
		if (o->order[i] >= in->nprojects || !pb_outcome_selected(o, o->order[i]))
			abort();
}

static void run_rules(const struct pb_instance *in)
{
	if (in->nprojects > 12 || in->nitems > 300 || mpz_sizeinbase(in->budget, 2) > 48)
		return;
	for (uint32_t p = 0; p < in->nprojects; p++)
		if (mpz_sizeinbase(in->projects[p].cost, 2) > 48)
			return;
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	for (int t = 0; t < 3; t++) {
		if (pb_greedy(in, (enum pb_tiebreak)t, &o, &e) == 0)
			check_outcome(in, &o, true);
		if (pb_greedy_cost(in, (enum pb_tiebreak)t, &o, &e) == 0)
			check_outcome(in, &o, true);
	}
	if (pb_greedy_no_skip(in, PB_TIE_ID, &o, &e) == 0)
		check_outcome(in, &o, true);
	if (pb_official(in, &o, &e) == 0)
		check_outcome(in, &o, true);
	if (pb_mes(in, PB_COMPLETION_NONE, PB_TIE_ID, &o, &e) == 0)
		check_outcome(in, &o, true);
	if (mpz_sizeinbase(in->budget, 2) <= 24 && in->scale <= 2) {
		if (pb_mes(in, PB_COMPLETION_ADD1, PB_TIE_ID, &o, &e) == 0)
			check_outcome(in, &o, true);
		if (pb_mes(in, PB_COMPLETION_ADD1_PABULIB, PB_TIE_COST, &o, &e) == 0)
			check_outcome(in, &o, true);
	}
	if (pb_phragmen(in, PB_TIE_ID, &o, &e) == 0)
		check_outcome(in, &o, true);
	if (pb_optimal(in, PB_TIE_ID, &o, &e) == 0)
		check_outcome(in, &o, true);
	pb_outcome_release(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 20))
		return 0;
	struct pabulib_file *f = NULL;
	struct err e;
	err_init(&e, NULL);
	if (pabulib_parse((const char *)data, size, &f, &e) != 0) {
		if (!e.msg[0] || f)
			abort();
		return 0;
	}
	struct buf a, b;
	buf_init(&a, 0);
	buf_init(&b, 0);
	if (pabulib_write(f, &a) != 0)
		abort();
	struct pabulib_file *g = NULL;
	if (pabulib_parse(a.data ? a.data : "", a.len, &g, &e) != 0)
		abort();
	same_instance(f->inst, g->inst);
	if (pabulib_write(g, &b) != 0 || a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();
	run_rules(f->inst);
	pabulib_free(g);
	pabulib_free(f);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
