/* test_pb_alloc.c — the allocation rules: pabutools' recorded outcomes on real
 * Pabulib instances (shared/data/pabulib/NAME.expected.json, compared as sets, rule
 * by rule), hand-made instances for each rule's corner cases, and a naive exact
 * Method of Equal Shares (straight from the definition) checked against the fast one
 * on random instances. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "rules/pabulib.h"
#include "rules/pb_alloc.h"

#include <dirent.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return NULL;
	}
	char *d = xmalloc((size_t)st.st_size + 1);
	size_t n = fread(d, 1, (size_t)st.st_size, f);
	fclose(f);
	d[n] = '\0';
	*len = n;
	return d;
}

static struct pabulib_file *load_pb(const char *path)
{
	size_t len;
	char *d = slurp(path, &len);
	if (!d)
		return NULL;
	struct pabulib_file *f = NULL;
	struct err e;
	err_init(&e, NULL);
	if (pabulib_parse(d, len, &f, &e))
		test_fail(__FILE__, __LINE__, "%s: %s", path, e.msg);
	free(d);
	return f;
}

/* Compares the outcome with a JSON array of ids, as sets. */
static bool same_set(const struct pb_instance *in, const struct pb_outcome *o, const json_t *ids, char *why,
		     size_t n)
{
	size_t k = json_array_size(ids);
	bool ok = k == o->nselected;
	size_t at = 0;
	at += (size_t)snprintf(why + at, n - at, "expected %zu, got %u;", k, o->nselected);
	for (size_t i = 0; i < k; i++) {
		const char *id = json_string_value(json_array_get(ids, i));
		int64_t p = id ? pb_instance_find(in, id, strlen(id)) : -1;
		if (p < 0 || !pb_outcome_selected(o, (uint32_t)p)) {
			ok = false;
			if (at < n)
				at += (size_t)snprintf(why + at, n - at, " missing %s", id ? id : "?");
		}
	}
	if (!ok && at < n) {
		at += (size_t)snprintf(why + at, n - at, "; got:");
		for (uint32_t i = 0; i < o->nselected && at < n; i++)
			at += (size_t)snprintf(why + at, n - at, " %s", in->projects[o->order[i]].id);
	}
	return ok;
}

struct expected_tally {
	int checked, matched;
};

static void check_expected(const char *dir, const char *name, struct expected_tally *t, bool with_add1_steps)
{
	char path[4096];
	snprintf(path, sizeof path, "%.2000s/%.1000s.expected.json", dir, name);
	size_t len;
	char *text = slurp(path, &len);
	REQUIRE(text);
	struct err e;
	err_init(&e, NULL);
	json_t *j = json_parse(text, len, len + 1, &e);
	free(text);
	REQUIRE(j);
	snprintf(path, sizeof path, "%.2000s/%.1000s.pb", dir, name);
	struct pabulib_file *f = load_pb(path);
	REQUIRE(f);
	const struct pb_instance *in = f->inst;
	CHECK_INT(in->nvoters, json_integer_value(json_object_get(j, "num_voters")));
	/* pabutools' distinct-ballot count depends on set iteration order; minka's is canonical */
	CHECK(in->nballots <= json_integer_value(json_object_get(j, "num_distinct_ballots")));
	json_t *results = json_object_get(j, "results");
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *r = json_array_get(results, i);
		const char *rule = json_string_value(json_object_get(r, "rule"));
		json_t *sel = json_object_get(r, "selected");
		if (!rule || !json_is_array(sel) || str_starts(rule, "pabulib_file_selected_column"))
			continue;
		struct pb_outcome o;
		pb_outcome_init(&o);
		int rc = -1;
		enum pb_tiebreak alt = PB_TIE_COST;
		enum pb_completion comp = PB_COMPLETION_NONE;
		bool mes = false;
		if (str_starts(rule, "greedy_utilitarian_welfare")) {
			rc = pb_greedy(in, PB_TIE_ID, &o, &e);
		} else if (str_starts(rule, "method_of_equal_shares")) {
			mes = true;
		} else if (str_starts(rule, "mes_add1u")) {
			mes = true;
			comp = PB_COMPLETION_ADD1U;
		} else if (str_starts(rule, "mes_add1_pabulib")) {
			mes = true;
			comp = PB_COMPLETION_ADD1_PABULIB;
		} else if (str_starts(rule, "mes_add1")) {
			mes = true;
			comp = PB_COMPLETION_ADD1;
		} else if (str_starts(rule, "sequential_phragmen")) {
			rc = pb_phragmen(in, PB_TIE_ID, &o, &e);
		} else {
			test_fail(__FILE__, __LINE__, "%s: unknown rule %s", name, rule);
			pb_outcome_release(&o);
			continue;
		}
		enum pb_tiebreak tie = comp == PB_COMPLETION_ADD1_PABULIB ? PB_TIE_COST : PB_TIE_ID;
		if (mes)
			rc = pb_mes(in, comp, tie, &o, &e);
		t->checked++;
		char why[2048];
		if (rc) {
			test_fail(__FILE__, __LINE__, "%s: %.40s: %s", name, rule, e.msg);
		} else if (!same_set(in, &o, sel, why, sizeof why)) {
			test_fail(__FILE__, __LINE__, "%s: %.60s: %s", name, rule, why);
		} else {
			t->matched++;
		}
		json_t *steps = json_object_get(r, "add1_steps");
		if (with_add1_steps && !rc && json_is_integer(steps))
			CHECK_INT(o.add1_last, json_integer_value(steps));
		/* the other tie-breaking, where pabutools found it matters */
		json_t *alts = json_object_get(r, "selected_with_alt_tiebreak");
		if (json_is_array(alts) && !mes && str_starts(rule, "greedy")) {
			t->checked++;
			rc = pb_greedy(in, alt, &o, &e);
			if (!rc && same_set(in, &o, alts, why, sizeof why))
				t->matched++;
			else
				test_fail(__FILE__, __LINE__, "%s: %.40s (alt tie-break): %s", name, rule, why);
		}
		pb_outcome_release(&o);
	}
	json_decref(j);
	pabulib_free(f);
}

static void expected_dir(bool big)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/pabulib", test_shared_dir());
	DIR *d = opendir(dir);
	REQUIRE(d);
	struct expected_tally t = { 0, 0 };
	struct dirent *de;
	char names[64][256];
	int n = 0;
	while ((de = readdir(d)) && n < 64) {
		size_t l = strlen(de->d_name);
		if (l > 14 && str_eq(de->d_name + l - 14, ".expected.json")) {
			snprintf(names[n], sizeof names[n], "%.*s", (int)(l - 14), de->d_name);
			n++;
		}
	}
	closedir(d);
	for (int i = 0; i < n; i++) {
		bool is_big = strstr(names[i], "Warszawa_2026") || strstr(names[i], "Wroclaw_2015") ||
			      strstr(names[i], "Budapest") || strstr(names[i], "Amsterdam");
		if (is_big != big)
			continue;
		check_expected(dir, names[i], &t, true);
	}
	printf("pabulib expected outcomes (%s instances): %d/%d rule x instance results reproduced\n",
	       big ? "large" : "small", t.matched, t.checked);
	CHECK_INT(t.matched, t.checked);
	CHECK(t.checked > 0);
}

TEST(expected_small) { expected_dir(false); }
TEST(expected_large) { expected_dir(true); }

/* ---- hand-made instances ---- */

#include "rules/pb_alloc_int.h"

/* Builds an instance: costs (currency units), ballots as strings of project letters
 * ("ab" = approves a and b; for cardinal "a3b1" = 3 points to a, 1 to b). */
static struct pb_instance *mk(enum pb_vote_type t, unsigned long budget, const char *ids[], const unsigned long *costs,
			      uint32_t np, const char *const *ballots, uint32_t nb)
{
	struct pb_instance *in = pb_instance_new(t);
	mpz_t v;
	mpz_init_set_ui(v, budget);
	pb_instance_set_budget(in, v, 0);
	struct err e;
	err_init(&e, NULL);
	for (uint32_t p = 0; p < np; p++) {
		mpz_set_ui(v, costs[p]);
		if (pb_instance_add_project(in, ids[p], strlen(ids[p]), v, 0, NULL, &e))
			test_fail(__FILE__, __LINE__, "%s", e.msg);
	}
	bool cardinal = pb_vote_type_cardinal(t);
	for (uint32_t b = 0; b < nb; b++) {
		uint32_t items[64];
		int64_t pts[64];
		uint32_t n = 0;
		for (const char *s = ballots[b]; *s;) {
			int64_t p = pb_instance_find(in, s, 1);
			s++;
			if (p < 0)
				test_fail(__FILE__, __LINE__, "bad ballot %s", ballots[b]);
			pts[n] = 1;
			if (cardinal) {
				pts[n] = 0;
				while (*s >= '0' && *s <= '9')
					pts[n] = pts[n] * 10 + (*s++ - '0');
			}
			items[n++] = (uint32_t)p;
		}
		if (pb_instance_add_ballot(in, items, cardinal ? pts : NULL, n, 1, &e))
			test_fail(__FILE__, __LINE__, "%s", e.msg);
	}
	if (pb_instance_finish(in, &e))
		test_fail(__FILE__, __LINE__, "%s", e.msg);
	mpz_clear(v);
	return in;
}

/* The funded ids in order, joined by spaces. */
static const char *funded(const struct pb_instance *in, const struct pb_outcome *o)
{
	static char s[1024];
	size_t at = 0;
	s[0] = '\0';
	for (uint32_t i = 0; i < o->nselected && at < sizeof s; i++)
		at += (size_t)snprintf(s + at, sizeof s - at, "%s%s", i ? " " : "", in->projects[o->order[i]].id);
	return s;
}

TEST(greedy_ties_and_reasons)
{
	/* "10" and "9" tie on support: ids compare as strings, so "10" goes first */
	const char *ids[] = { "9", "10", "z", "big", "free", "nobody" };
	const unsigned long costs[] = { 60, 50, 30, 500, 0, 10 };
	const char *ballots[] = { "9", "1", "z", "b", "f" };
	/* single-letter ids for mk(): map by first letter */
	(void)ballots;
	struct pb_instance *in = pb_instance_new(PB_VOTE_APPROVAL);
	mpz_t v;
	mpz_init_set_ui(v, 100);
	pb_instance_set_budget(in, v, 0);
	struct err e;
	err_init(&e, NULL);
	for (uint32_t p = 0; p < 6; p++) {
		mpz_set_ui(v, costs[p]);
		REQUIRE(pb_instance_add_project(in, ids[p], strlen(ids[p]), v, 0, NULL, &e) == 0);
	}
	uint32_t b1[] = { 0, 1, 2, 3, 4 }, b2[] = { 0, 1, 3 };
	REQUIRE(pb_instance_add_ballot(in, b1, NULL, 5, 1, &e) == 0);
	REQUIRE(pb_instance_add_ballot(in, b2, NULL, 3, 1, &e) == 0);
	REQUIRE(pb_instance_finish(in, &e) == 0);
	struct pb_outcome o;
	pb_outcome_init(&o);
	REQUIRE(pb_greedy(in, PB_TIE_ID, &o, &e) == 0);
	/* free first (costs nothing), then 10 (tie with 9, "10" < "9"), big does not fit,
	 * 9 no longer fits, z fits, nobody (no support) still fits */
	CHECK_STR(funded(in, &o), "free 10 z nobody");
	CHECK_INT(o.reason[3], PB_WHY_OVER_BUDGET);
	CHECK_INT(o.reason[0], PB_WHY_NO_FIT);
	CHECK(o.tie[0] && o.tie[1] && o.tie_used);
	CHECK(!o.tie[2]);
	CHECK(mpz_cmp_ui(o.total_cost, 90) == 0);
	/* by cost: 10 (50) before 9 (60) too; by file order: 9 first */
	REQUIRE(pb_greedy(in, PB_TIE_COST, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "free 10 z nobody");
	REQUIRE(pb_greedy(in, PB_TIE_FILE, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "free 9 z nobody");
	/* no-skip stops at big */
	REQUIRE(pb_greedy_no_skip(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "free 10");
	CHECK_INT(o.reason[2], PB_WHY_STOPPED);
	/* per cost: z (1/30) before 10 (2/50) before 9 (2/60) */
	REQUIRE(pb_greedy_cost(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "free 10 z nobody");
	pb_outcome_release(&o);
	pb_instance_free(in);
	mpz_clear(v);
}

TEST(greedy_threshold_exclusive_withdrawn_official)
{
	const char *ids[] = { "a", "b", "c", "d" };
	const unsigned long costs[] = { 40, 30, 999999999, 20 };
	const char *ballots[] = { "abcd", "abc", "abc", "bc" };
	struct pb_instance *in = mk(PB_VOTE_APPROVAL, 100, ids, costs, 4, ballots, 4);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	pb_instance_set_threshold(in, 2);
	REQUIRE(pb_greedy_threshold(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "b a");
	CHECK_INT(o.reason[3], PB_WHY_BELOW_THRESHOLD);
	uint32_t g[] = { 0, 1 };
	pb_instance_add_exclusive_group(in, g, 2);
	REQUIRE(pb_greedy_exclusive(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "b d");
	CHECK_INT(o.reason[0], PB_WHY_EXCLUDED);
	/* the official rule: unknown, then greedy-no-skip where c is the withdrawn marker */
	CHECK(pb_official(in, &o, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "names no rule");
	pb_instance_set_rule(in, "greedy-no-skip");
	REQUIRE(pb_official(in, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "b a"); /* c withdrawn (skipped, not a stop); d below threshold */
	CHECK_INT(o.reason[2], PB_WHY_WITHDRAWN);
	pb_instance_set_rule(in, "borda");
	CHECK(pb_official(in, &o, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "\"borda\"");
	pb_outcome_release(&o);
	pb_instance_free(in);
}

TEST(mes_by_hand)
{
	/* e = 25 each. C: 4 supporters pay 7.5 (ρ = 1/4); A: 3 pay 20 (ρ = 1/3); B: 40 > 25.
	 * C first; then A's supporters have 17.5 each: 52.5 < 60, unaffordable. */
	const char *ids[] = { "A", "B", "C", "F", "N" };
	const unsigned long costs[] = { 60, 40, 30, 0, 5 };
	const char *ballots[] = { "ACF", "AC", "AC", "BC" };
	struct pb_instance *in = mk(PB_VOTE_APPROVAL, 100, ids, costs, 5, ballots, 4);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_mes(in, PB_COMPLETION_NONE, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "F C");
	CHECK_INT(o.reason[3], PB_WHY_FREE);
	CHECK_INT(o.reason[0], PB_WHY_UNAFFORDABLE);
	CHECK_INT(o.reason[4], PB_WHY_NO_SUPPORT);
	CHECK(mpq_cmp_ui(o.endowment, 25, 1) == 0);
	/* Add1: at e = 27 A's supporters hold 3 × 19.5 = 58.5; at 28, 61.5 ≥ 60: A, total 90 */
	REQUIRE(pb_mes(in, PB_COMPLETION_ADD1, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "F C A");
	CHECK_INT(o.add1_steps, 3);
	/* add1u then greedy: B (40) does not fit in 10, N (5) fits */
	REQUIRE(pb_mes(in, PB_COMPLETION_ADD1U, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "F C A N");
	CHECK_INT(o.reason[4], PB_WHY_COMPLETION);
	CHECK_INT(o.nmes, 3);
	pb_outcome_release(&o);
	pb_instance_free(in);
}

TEST(mes_exact_tie)
{
	/* x and y cost 30; voter 1 supports both. Plain MES (e = 40/3): nothing is
	 * affordable. Add1 at e = 40/3 + 2: x and y both cost 15 a head (ρ = 1/2): x by id,
	 * and then y's supporters cannot pay: {x}, exhaustive, decided by the tie-break. */
	const char *ids[] = { "x", "y" };
	const unsigned long costs[] = { 30, 30 };
	const char *ballots[] = { "xy", "x", "y" };
	struct pb_instance *in = mk(PB_VOTE_APPROVAL, 40, ids, costs, 2, ballots, 3);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_mes(in, PB_COMPLETION_NONE, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "");
	REQUIRE(pb_mes(in, PB_COMPLETION_ADD1, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "x");
	CHECK_INT(o.add1_steps, 2);
	CHECK(o.tie[0] && o.tie_used);
	CHECK_INT(o.reason[1], PB_WHY_UNAFFORDABLE);
	pb_outcome_release(&o);
	pb_instance_free(in);
	/* disjoint supporters: both become affordable at the same step and overspend
	 * together, so pabutools' Add1 steps back to the empty outcome */
	const char *b2[] = { "x", "x", "y", "y" };
	in = mk(PB_VOTE_APPROVAL, 40, ids, costs, 2, b2, 4);
	pb_outcome_init(&o);
	REQUIRE(pb_mes(in, PB_COMPLETION_ADD1, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "");
	CHECK_INT(o.add1_steps, 4);
	CHECK_INT(o.add1_last, 5);
	pb_outcome_release(&o);
	pb_instance_free(in);
}

TEST(phragmen_by_hand)
{
	/* a: 2 supporters, cost 2 → load 1; b: 1 supporter, cost 1 → load 1: tie, a by id;
	 * then b: (0 + 1)/1 = 1; c nobody supports: infinite, fits, taken last */
	const char *ids[] = { "a", "b", "c", "d" };
	const unsigned long costs[] = { 2, 1, 1, 9 };
	const char *ballots[] = { "ad", "a", "b" };
	struct pb_instance *in = mk(PB_VOTE_APPROVAL, 4, ids, costs, 4, ballots, 3);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_phragmen(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "a b c");
	CHECK(o.tie[0]);
	CHECK_INT(o.reason[3], PB_WHY_OVER_BUDGET);
	pb_instance_free(in);
	/* cardinal ballots are refused */
	const char *cb[] = { "a2" };
	in = mk(PB_VOTE_CUMULATIVE, 4, ids, costs, 4, cb, 1);
	CHECK(pb_phragmen(in, PB_TIE_ID, &o, &e) == ERR_INVALID);
	pb_outcome_release(&o);
	pb_instance_free(in);
}

TEST(empty_and_degenerate)
{
	const char *ids[] = { "a", "b" };
	const unsigned long costs[] = { 5, 0 };
	const char *ballots[] = { "", "" };
	struct pb_instance *in = mk(PB_VOTE_APPROVAL, 10, ids, costs, 2, ballots, 2);
	CHECK_INT(in->nvoters, 2);
	CHECK_INT(in->nballots, 1);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_mes(in, PB_COMPLETION_ADD1, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), ""); /* nobody supports anything: nothing for MES */
	CHECK(o.exhaustive);           /* exhaustive among supported projects */
	REQUIRE(pb_greedy(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "a b"); /* greedy funds unsupported projects that fit, by id */
	REQUIRE(pb_optimal(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "");
	REQUIRE(pb_phragmen(in, PB_TIE_ID, &o, &e) == 0);
	pb_outcome_release(&o);
	pb_instance_free(in);
	/* no voters at all */
	in = mk(PB_VOTE_APPROVAL, 10, ids, costs, 2, ballots, 0);
	pb_outcome_init(&o);
	REQUIRE(pb_mes(in, PB_COMPLETION_ADD1_PABULIB, PB_TIE_COST, &o, &e) == 0);
	CHECK_INT(o.nselected, 0);
	pb_outcome_release(&o);
	pb_instance_free(in);
}

/* ---- a naive exact MES, straight from the definition ---- */

struct rng {
	uint64_t s;
};

static uint32_t rnd(struct rng *r, uint32_t n)
{
	r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((r->s >> 33) % n);
}

/* One MES run with per-voter endowment e; writes the funded set (free projects
 * included) into sel and returns the total cost in tc. Budgets per distinct ballot,
 * weights as multiplicities, everything in mpq. */
static void naive_mes(const struct pb_instance *in, const mpq_t e, enum pb_tiebreak tie, bool *sel, mpz_t tc)
{
	uint32_t np = in->nprojects, nb = in->nballots;
	bool cardinal = pb_vote_type_cardinal(in->vote_type);
	mpq_t *b = xmalloc((nb + 1) * sizeof *b);
	for (uint32_t i = 0; i < nb; i++)
		mpq_init(b[i]), mpq_set(b[i], e);
	mpz_set_ui(tc, 0);
	for (uint32_t p = 0; p < np; p++) {
		sel[p] = false;
		if (mpz_sgn(in->projects[p].cost) == 0 && in->projects[p].supporters > 0)
			sel[p] = true;
	}
	/* utility of ballot i for p */
	mpq_t *u = xcalloc((size_t)nb * np + 1, sizeof *u);
	for (size_t k = 0; k < (size_t)nb * np; k++)
		mpq_init(u[k]);
	for (uint32_t i = 0; i < nb; i++)
		for (uint32_t k = 0; k < in->ballots[i].len; k++) {
			uint32_t p = in->items[in->ballots[i].off + k];
			if (cardinal) {
				if (in->points[in->ballots[i].off + k] > 0)
					mpq_set_si(u[(size_t)i * np + p], in->points[in->ballots[i].off + k], 1);
			} else {
				mpq_set_z(u[(size_t)i * np + p], in->projects[p].cost);
			}
		}
	mpq_t rho, best, contrib, denom, t, x;
	mpq_inits(rho, best, contrib, denom, t, x, NULL);
	uint32_t *ord = xmalloc((nb + 1) * sizeof *ord);
	for (;;) {
		int64_t win = -1;
		for (uint32_t p = 0; p < np; p++) {
			if (sel[p] || mpz_sgn(in->projects[p].cost) == 0)
				continue;
			uint32_t n = 0;
			mpq_set_ui(t, 0, 1);
			for (uint32_t i = 0; i < nb; i++)
				if (mpq_sgn(u[(size_t)i * np + p]) > 0) {
					ord[n++] = i;
					mpq_set_ui(x, in->ballots[i].weight, 1);
					mpq_mul(x, x, b[i]);
					mpq_add(t, t, x);
				}
			mpq_set_z(x, in->projects[p].cost);
			if (n == 0 || mpq_cmp(t, x) < 0)
				continue;
			/* sort supporters by budget / utility (insertion) */
			for (uint32_t a = 1; a < n; a++)
				for (uint32_t c = a; c > 0; c--) {
					mpq_div(t, b[ord[c]], u[(size_t)ord[c] * np + p]);
					mpq_div(x, b[ord[c - 1]], u[(size_t)ord[c - 1] * np + p]);
					if (mpq_cmp(t, x) >= 0)
						break;
					uint32_t s = ord[c];
					ord[c] = ord[c - 1];
					ord[c - 1] = s;
				}
			mpq_set_ui(contrib, 0, 1);
			mpq_set_ui(denom, 0, 1);
			for (uint32_t a = 0; a < n; a++) {
				mpq_set_ui(x, in->ballots[ord[a]].weight, 1);
				mpq_mul(x, x, u[(size_t)ord[a] * np + p]);
				mpq_add(denom, denom, x);
			}
			for (uint32_t a = 0; a < n; a++) {
				uint32_t i = ord[a];
				mpq_set_z(rho, in->projects[p].cost);
				mpq_sub(rho, rho, contrib);
				mpq_div(rho, rho, denom);
				mpq_mul(t, rho, u[(size_t)i * np + p]);
				if (mpq_cmp(t, b[i]) <= 0)
					break;
				mpq_set_ui(x, in->ballots[i].weight, 1);
				mpq_mul(t, x, b[i]);
				mpq_add(contrib, contrib, t);
				mpq_mul(t, x, u[(size_t)i * np + p]);
				mpq_sub(denom, denom, t);
			}
			int c = win < 0 ? -1 : mpq_cmp(rho, best);
			if (c < 0 || (c == 0 && pb_tie_cmp(in, tie, p, (uint32_t)win) < 0)) {
				win = p;
				mpq_set(best, rho);
			}
		}
		if (win < 0)
			break;
		sel[win] = true;
		mpz_add(tc, tc, in->projects[win].cost);
		for (uint32_t i = 0; i < nb; i++) {
			if (mpq_sgn(u[(size_t)i * np + (uint32_t)win]) <= 0)
				continue;
			mpq_mul(t, best, u[(size_t)i * np + (uint32_t)win]);
			if (mpq_cmp(t, b[i]) > 0)
				mpq_set(t, b[i]);
			mpq_sub(b[i], b[i], t);
		}
	}
	mpq_clears(rho, best, contrib, denom, t, x, NULL);
	for (size_t k = 0; k < (size_t)nb * np; k++)
		mpq_clear(u[k]);
	for (uint32_t i = 0; i < nb; i++)
		mpq_clear(b[i]);
	free(u);
	free(b);
	free(ord);
}

static bool naive_exhaustive(const struct pb_instance *in, const bool *sel, const mpz_t tc)
{
	mpz_t left;
	mpz_init(left);
	mpz_sub(left, in->budget, tc);
	bool ex = true;
	for (uint32_t p = 0; p < in->nprojects; p++)
		if (!sel[p] && in->projects[p].supporters > 0 && mpz_sgn(in->projects[p].cost) > 0 &&
		    mpz_cmp(in->projects[p].cost, left) <= 0)
			ex = false;
	mpz_clear(left);
	return ex;
}

static bool all_candidates(const struct pb_instance *in, const bool *sel)
{
	for (uint32_t p = 0; p < in->nprojects; p++)
		if (!sel[p] && in->projects[p].supporters > 0)
			return false;
	return true;
}

/* Naive Add1: pabutools (start budget/n, stop at exhaustive, step back if over) or
 * Pabulib (start floor(budget/n), keep going while it fits). */
static void naive_add1(const struct pb_instance *in, bool pabulib, enum pb_tiebreak tie, bool *out)
{
	uint32_t np = in->nprojects;
	bool *cur = xcalloc(np + 1, 1), *prev = xcalloc(np + 1, 1);
	for (uint32_t p = 0; p < np; p++)
		prev[p] = mpz_sgn(in->projects[p].cost) == 0 && in->projects[p].supporters > 0;
	mpq_t e, one;
	mpq_inits(e, one, NULL);
	mpz_t tc;
	mpz_init(tc);
	mpq_set_z(e, in->budget);
	mpz_set_ui(mpq_denref(e), in->nvoters ? in->nvoters : 1);
	mpq_canonicalize(e);
	mpz_ui_pow_ui(mpq_numref(one), 10, in->scale);
	if (pabulib) {
		mpz_fdiv_q(mpq_numref(e), mpq_numref(e), mpq_denref(e));
		mpz_fdiv_q(mpq_numref(e), mpq_numref(e), mpq_numref(one));
		mpz_mul(mpq_numref(e), mpq_numref(e), mpq_numref(one));
		mpz_set_ui(mpq_denref(e), 1);
	}
	for (int k = 0; k < 100000; k++) {
		naive_mes(in, e, tie, cur, tc);
		if (mpz_cmp(tc, in->budget) > 0)
			break;
		memcpy(prev, cur, np);
		if ((!pabulib && naive_exhaustive(in, cur, tc)) || all_candidates(in, cur))
			break;
		mpq_add(e, e, one);
	}
	memcpy(out, prev, np);
	mpq_clears(e, one, NULL);
	mpz_clear(tc);
	free(cur);
	free(prev);
}

static struct pb_instance *random_instance_costs(struct rng *r, bool cardinal, uint32_t maxcost);

static struct pb_instance *random_instance(struct rng *r, bool cardinal)
{
	return random_instance_costs(r, cardinal, 12);
}

static struct pb_instance *random_instance_costs(struct rng *r, bool cardinal, uint32_t maxcost)
{
	uint32_t np = 2 + rnd(r, 7), nv = 1 + rnd(r, 25);
	struct pb_instance *in = pb_instance_new(cardinal ? PB_VOTE_CUMULATIVE : PB_VOTE_APPROVAL);
	mpz_t v;
	mpz_init(v);
	unsigned scale = rnd(r, 4) == 0 ? 1 : 0; /* sometimes amounts with a decimal */
	struct err e;
	err_init(&e, NULL);
	unsigned long total = 0;
	for (uint32_t p = 0; p < np; p++) {
		char id[16];
		snprintf(id, sizeof id, "%u", rnd(r, 3) ? p : p + 7); /* ids like "8" vs "10" */
		unsigned long c = rnd(r, 8) == 0 ? 0 : 1 + rnd(r, maxcost);
		c *= scale ? 10 : 1;
		if (scale && c && rnd(r, 2))
			c += 5;
		total += c;
		mpz_set_ui(v, c);
		if (pb_instance_add_project(in, id, strlen(id), v, scale, NULL, &e))
			snprintf(id, sizeof id, "x%u", p), pb_instance_add_project(in, id, strlen(id), v, scale, NULL, &e);
	}
	mpz_set_ui(v, 1 + rnd(r, (unsigned)(total + 2)));
	pb_instance_set_budget(in, v, scale);
	for (uint32_t i = 0; i < nv; i++) {
		uint32_t items[16];
		int64_t pts[16];
		uint32_t n = 0;
		for (uint32_t p = 0; p < in->nprojects; p++)
			if (rnd(r, 2)) {
				items[n] = p;
				pts[n++] = 1 + rnd(r, 3);
			}
		pb_instance_add_ballot(in, items, cardinal ? pts : NULL, n, 1 + rnd(r, 2), &e);
	}
	if (pb_instance_finish(in, &e))
		test_fail(__FILE__, __LINE__, "%s", e.msg);
	mpz_clear(v);
	return in;
}

TEST(mes_matches_naive_definition)
{
	struct rng r = { 12345 };
	int runs = 0, ties = 0, funded_total = 0;
	for (int iter = 0; iter < 1500; iter++) {
		bool cardinal = iter % 3 == 2;
		struct pb_instance *in = random_instance(&r, cardinal);
		uint32_t np = in->nprojects;
		bool *want = xcalloc(np + 1, 1);
		enum pb_tiebreak tie = iter % 2 ? PB_TIE_COST : PB_TIE_ID;
		struct pb_outcome o;
		pb_outcome_init(&o);
		struct err e;
		err_init(&e, NULL);
		mpz_t tc;
		mpz_init(tc);
		/* plain MES */
		mpq_t q;
		mpq_init(q);
		mpq_set_z(q, in->budget);
		mpz_set_ui(mpq_denref(q), in->nvoters);
		mpq_canonicalize(q);
		naive_mes(in, q, tie, want, tc);
		REQUIRE(pb_mes(in, PB_COMPLETION_NONE, tie, &o, &e) == 0);
		for (uint32_t p = 0; p < np; p++)
			if (want[p] != pb_outcome_selected(&o, p))
				test_fail(__FILE__, __LINE__, "iteration %d: MES differs on %s", iter, in->projects[p].id);
		/* both Add1 variants */
		for (int pab = 0; pab < 2; pab++) {
			naive_add1(in, pab, tie, want);
			REQUIRE(pb_mes(in, pab ? PB_COMPLETION_ADD1_PABULIB : PB_COMPLETION_ADD1, tie, &o, &e) == 0);
			for (uint32_t p = 0; p < np; p++)
				if (want[p] != pb_outcome_selected(&o, p))
					test_fail(__FILE__, __LINE__, "iteration %d: Add1%s differs on %s", iter,
						  pab ? " (Pabulib)" : "", in->projects[p].id);
			runs++;
			ties += o.tie_used;
			funded_total += (int)o.nselected;
		}
		mpq_clear(q);
		mpz_clear(tc);
		pb_outcome_release(&o);
		free(want);
		pb_instance_free(in);
	}
	printf("naive MES: %d Add1 outcomes agree (%d decided by ties, %d projects funded)\n", runs, ties,
	       funded_total);
	CHECK_INT(runs, 3000);
}

TEST(optimal_matches_brute_force)
{
	struct rng r = { 777 };
	for (int iter = 0; iter < 300; iter++) {
		struct pb_instance *in = random_instance(&r, iter % 2);
		uint32_t np = in->nprojects;
		/* best total support over all subsets that fit */
		int64_t best = -1;
		mpz_t c;
		mpz_init(c);
		for (uint32_t m = 0; m < (1u << np); m++) {
			int64_t s = 0;
			mpz_set_ui(c, 0);
			for (uint32_t p = 0; p < np; p++)
				if (m & (1u << p)) {
					s += in->projects[p].support;
					mpz_add(c, c, in->projects[p].cost);
				}
			if (mpz_cmp(c, in->budget) <= 0 && s > best)
				best = s;
		}
		struct pb_outcome o;
		pb_outcome_init(&o);
		struct err e;
		err_init(&e, NULL);
		REQUIRE(pb_optimal(in, PB_TIE_ID, &o, &e) == 0);
		int64_t got = 0;
		for (uint32_t i = 0; i < o.nselected; i++)
			got += in->projects[o.order[i]].support;
		CHECK_INT(got, best);
		CHECK(mpz_cmp(o.total_cost, in->budget) <= 0);
		mpz_clear(c);
		pb_outcome_release(&o);
		pb_instance_free(in);
	}
}

TEST(optimal_big_points_by_cost)
{
	/* supports in the billions: the programme runs over cost (budget 10) */
	const char *ids[] = { "a", "b", "c" };
	const unsigned long costs[] = { 6, 5, 5 };
	const char *ballots[] = { "a2000000000b1500000000c1500000000", "a100" };
	struct pb_instance *in = mk(PB_VOTE_SCORING, 10, ids, costs, 3, ballots, 2);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_optimal(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_STR(funded(in, &o), "b c"); /* 3e9 beats a alone (2e9+100) */
	pb_instance_free(in);
	/* both dimensions huge: refused, not gigabytes */
	const unsigned long big[] = { 600000000000UL, 500000000000UL, 500000000000UL };
	in = mk(PB_VOTE_SCORING, 1000000000000UL, ids, big, 3, ballots, 2);
	CHECK(pb_optimal(in, PB_TIE_ID, &o, &e) == ERR_TOOBIG);
	pb_outcome_release(&o);
	pb_instance_free(in);
}

/* Long Add1 runs (costs up to 400 for budgets of a few units per voter): most steps
 * are skipped by the interval certificates, and the answer must still be the naive one. */
TEST(add1_certificates_match_naive)
{
	struct rng r = { 4242 };
	uint64_t steps = 0, runs = 0;
	for (int iter = 0; iter < 120; iter++) {
		struct pb_instance *in = random_instance_costs(&r, iter % 3 == 2, 400);
		uint32_t np = in->nprojects;
		bool *want = xcalloc(np + 1, 1);
		enum pb_tiebreak tie = iter % 2 ? PB_TIE_COST : PB_TIE_ID;
		struct pb_outcome o;
		pb_outcome_init(&o);
		struct err e;
		err_init(&e, NULL);
		for (int pab = 0; pab < 2; pab++) {
			naive_add1(in, pab, tie, want);
			REQUIRE(pb_mes(in, pab ? PB_COMPLETION_ADD1_PABULIB : PB_COMPLETION_ADD1, tie, &o, &e) == 0);
			for (uint32_t p = 0; p < np; p++)
				if (want[p] != pb_outcome_selected(&o, p))
					test_fail(__FILE__, __LINE__, "iteration %d: Add1%s differs on %s", iter,
						  pab ? " (Pabulib)" : "", in->projects[p].id);
			steps += o.add1_last;
			runs += o.mes_runs;
		}
		pb_outcome_release(&o);
		free(want);
		pb_instance_free(in);
	}
	printf("Add1 certificates: %llu steps covered with %llu MES runs\n", (unsigned long long)steps,
	       (unsigned long long)runs);
	CHECK(runs < steps);
}
