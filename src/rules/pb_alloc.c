/* pb_alloc.c — outcomes, tie-breaking, the greedy family of rules and the META
 * (official) rule dispatcher. MES is in pb_mes.c, Phragmén in pb_phragmen.c, the
 * optimal rule in pb_optimal.c. */
#include "core/compat.h"
#include "rules/pb_alloc_int.h"
#include "core/i18n.h"
#include "core/xalloc.h"

static const struct {
	const char *name;
	const char *text;
} reasons[PB_WHY_COUNT] = {
	[PB_WHY_UNDECIDED] = { "undecided", N_("not considered") },
	[PB_WHY_SELECTED] = { "selected", N_("funded") },
	[PB_WHY_COMPLETION] = { "completion", N_("funded by the completion step") },
	[PB_WHY_FREE] = { "free", N_("funded: costs nothing and has supporters") },
	[PB_WHY_NO_FIT] = { "no_fit", N_("did not fit in the remaining budget") },
	[PB_WHY_STOPPED] = { "stopped", N_("the rule stopped before reaching it") },
	[PB_WHY_NO_SUPPORT] = { "no_support", N_("nobody supports it") },
	[PB_WHY_BELOW_THRESHOLD] = { "below_threshold", N_("support below the minimum required") },
	[PB_WHY_EXCLUDED] = { "excluded", N_("excluded by a funded project it conflicts with") },
	[PB_WHY_WITHDRAWN] = { "withdrawn", N_("withdrawn") },
	[PB_WHY_UNAFFORDABLE] = { "unaffordable", N_("its supporters could not pay for it") },
	[PB_WHY_NOT_OPTIMAL] = { "not_optimal", N_("not part of the best selection") },
	[PB_WHY_OVER_BUDGET] = { "over_budget", N_("costs more than the whole budget") },
};

const char *pb_reason_name(enum pb_reason r)
{
	return (unsigned)r < PB_WHY_COUNT ? reasons[r].name : "undecided";
}

const char *pb_reason_text(enum pb_reason r)
{
	return (unsigned)r < PB_WHY_COUNT ? reasons[r].text : reasons[0].text;
}

static const char *const tie_names[] = { "id", "cost", "file" };
static const char *const completion_names[] = { "none", "add1", "add1-pabulib", "add1u" };

const char *pb_tiebreak_name(enum pb_tiebreak t)
{
	return (unsigned)t < ARRAY_LEN(tie_names) ? tie_names[t] : "id";
}

int pb_tiebreak_parse(const char *s, enum pb_tiebreak *out)
{
	for (size_t i = 0; i < ARRAY_LEN(tie_names); i++)
		if (str_eq(s, tie_names[i])) {
			*out = (enum pb_tiebreak)i;
			return 0;
		}
	return ERR_INVALID;
}

const char *pb_completion_name(enum pb_completion c)
{
	return (unsigned)c < ARRAY_LEN(completion_names) ? completion_names[c] : "none";
}

int pb_completion_parse(const char *s, enum pb_completion *out)
{
	for (size_t i = 0; i < ARRAY_LEN(completion_names); i++)
		if (str_eq(s, completion_names[i])) {
			*out = (enum pb_completion)i;
			return 0;
		}
	return ERR_INVALID;
}

int pb_tie_cmp(const struct pb_instance *in, enum pb_tiebreak t, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	switch (t) {
	case PB_TIE_FILE:
		return a < b ? -1 : 1;
	case PB_TIE_COST: {
		int c = mpz_cmp(in->projects[a].cost, in->projects[b].cost);
		if (c)
			return c;
		uint64_t sa = in->projects[a].supporters, sb = in->projects[b].supporters;
		if (sa != sb)
			return sa > sb ? -1 : 1;
		break;
	}
	case PB_TIE_ID:
		break;
	}
	int c = pb_id_cmp(in, a, b);
	return c ? c : (a < b ? -1 : 1);
}

void pb_outcome_init(struct pb_outcome *o)
{
	memset(o, 0, sizeof *o);
	mpz_init(o->total_cost);
	mpq_init(o->endowment);
}

void pb_outcome_release(struct pb_outcome *o)
{
	free(o->order);
	free(o->reason);
	free(o->tie);
	mpz_clear(o->total_cost);
	mpq_clear(o->endowment);
	memset(o, 0, sizeof *o);
}

void pb_outcome_reset(struct pb_outcome *o, const struct pb_instance *in)
{
	if (o->nprojects != in->nprojects || !o->order) {
		free(o->order);
		free(o->reason);
		free(o->tie);
		o->nprojects = in->nprojects;
		o->order = xcalloc(in->nprojects + 1, sizeof *o->order);
		o->reason = xcalloc(in->nprojects + 1, sizeof *o->reason);
		o->tie = xcalloc(in->nprojects + 1, sizeof *o->tie);
	} else {
		memset(o->reason, 0, in->nprojects);
		memset(o->tie, 0, in->nprojects * sizeof *o->tie);
	}
	o->nselected = 0;
	o->nmes = 0;
	o->add1_steps = 0;
	o->add1_last = 0;
	o->mes_runs = 0;
	o->tie_used = false;
	o->exhaustive = false;
	mpz_set_ui(o->total_cost, 0);
	mpq_set_ui(o->endowment, 0, 1);
}

void pb_outcome_push(struct pb_outcome *o, const struct pb_instance *in, uint32_t p, enum pb_reason r)
{
	o->order[o->nselected++] = p;
	o->reason[p] = (uint8_t)r;
	mpz_add(o->total_cost, o->total_cost, in->projects[p].cost);
}

bool pb_outcome_selected(const struct pb_outcome *o, uint32_t p)
{
	enum pb_reason r = p < o->nprojects ? (enum pb_reason)o->reason[p] : PB_WHY_UNDECIDED;
	return r == PB_WHY_SELECTED || r == PB_WHY_COMPLETION || r == PB_WHY_FREE;
}

bool pb_is_withdrawn(const struct pb_instance *in, uint32_t p)
{
	mpz_t w;
	mpz_init(w);
	mpz_ui_pow_ui(w, 10, in->scale);
	mpz_mul_ui(w, w, PB_WITHDRAWN_COST);
	bool r = mpz_cmp(in->projects[p].cost, w) == 0;
	mpz_clear(w);
	return r;
}

bool pb_outcome_exhaustive(const struct pb_instance *in, const struct pb_outcome *o)
{
	mpz_t left;
	mpz_init(left);
	mpz_sub(left, in->budget, o->total_cost);
	bool ex = true;
	for (uint32_t p = 0; p < in->nprojects && ex; p++)
		if (!pb_outcome_selected(o, p) && in->projects[p].supporters > 0 &&
		    mpz_cmp(in->projects[p].cost, left) <= 0)
			ex = false;
	mpz_clear(left);
	return ex;
}

/* ---- greedy ---- */

struct greedy_sort {
	const struct pb_instance *in;
	const struct pb_greedy_opts *o;
};

static int64_t greedy_value(const struct pb_instance *in, const struct pb_greedy_opts *o, uint32_t p)
{
	if (o->by_supporters)
		return in->projects[p].supporters > INT64_MAX ? INT64_MAX : (int64_t)in->projects[p].supporters;
	return in->projects[p].support;
}

/* Compares the ordering keys only: < 0 when a comes first, 0 when tied. */
static int greedy_key_cmp(const struct pb_instance *in, const struct pb_greedy_opts *o, uint32_t a, uint32_t b)
{
	int64_t va = greedy_value(in, o, a), vb = greedy_value(in, o, b);
	/* projects that cost nothing and have support come first (infinite density) */
	bool fa = va > 0 && mpz_sgn(in->projects[a].cost) == 0, fb = vb > 0 && mpz_sgn(in->projects[b].cost) == 0;
	if (fa != fb)
		return fa ? -1 : 1;
	if (fa)
		return 0;
	if (!o->per_cost)
		return va > vb ? -1 : va < vb ? 1 : 0;
	/* va/ca vs vb/cb, exactly: va*cb vs vb*ca; non-positive support counts as 0 */
	if (va <= 0 || vb <= 0)
		return va > 0 ? -1 : vb > 0 ? 1 : 0;
	mpz_t x, y;
	mpz_init(x);
	mpz_init(y);
	mpz_set_si(x, va);
	mpz_mul(x, x, in->projects[b].cost);
	mpz_set_si(y, vb);
	mpz_mul(y, y, in->projects[a].cost);
	int c = mpz_cmp(y, x);
	mpz_clear(x);
	mpz_clear(y);
	return c > 0 ? 1 : c < 0 ? -1 : 0;
}

/* Stable, deterministic order of all projects for the greedy rules. */
static uint32_t *greedy_order(const struct pb_instance *in, const struct pb_greedy_opts *o)
{
	uint32_t *ord = xmalloc((in->nprojects + 1) * sizeof *ord);
	for (uint32_t p = 0; p < in->nprojects; p++)
		ord[p] = p;
	/* a bottom-up merge sort: stable, and no static context (rules may run in threads) */
	struct greedy_sort ctx = { in, o };
	uint32_t *tmp = xmalloc((in->nprojects + 1) * sizeof *tmp);
	for (uint32_t width = 1; width < in->nprojects; width *= 2) {
		for (uint32_t lo = 0; lo < in->nprojects; lo += 2 * width) {
			uint32_t mid = lo + width < in->nprojects ? lo + width : in->nprojects;
			uint32_t hi = lo + 2 * width < in->nprojects ? lo + 2 * width : in->nprojects;
			uint32_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				int c = greedy_key_cmp(ctx.in, ctx.o, ord[i], ord[j]);
				if (!c)
					c = pb_tie_cmp(ctx.in, ctx.o->tie, ord[i], ord[j]);
				tmp[k++] = c <= 0 ? ord[i++] : ord[j++];
			}
			while (i < mid)
				tmp[k++] = ord[i++];
			while (j < hi)
				tmp[k++] = ord[j++];
		}
		memcpy(ord, tmp, in->nprojects * sizeof *ord);
	}
	free(tmp);
	return ord;
}

struct greedy_state {
	mpz_t left;          /* budget not yet spent */
	bool stopped;
	uint8_t *group_used; /* per exclusive group: a member is funded */
};

/* Which groups contain p (linear scan: groups are few and small). */
static bool excluded_by_group(const struct pb_instance *in, const uint8_t *used, uint32_t p)
{
	for (uint32_t g = 0; g < in->ngroups; g++) {
		if (!used[g])
			continue;
		for (uint32_t k = in->group_off[g]; k < in->group_off[g + 1]; k++)
			if (in->group_items[k] == p)
				return true;
	}
	return false;
}

static void mark_groups(const struct pb_instance *in, uint8_t *used, uint32_t p)
{
	for (uint32_t g = 0; g < in->ngroups; g++)
		for (uint32_t k = in->group_off[g]; k < in->group_off[g + 1]; k++)
			if (in->group_items[k] == p)
				used[g] = 1;
}

/* Decides one project; updates the state. */
static enum pb_reason greedy_step(const struct pb_instance *in, const struct pb_greedy_opts *o,
				  struct greedy_state *s, uint32_t p, enum pb_reason fund)
{
	const struct pb_project *pr = &in->projects[p];
	if (o->withdrawn && pb_is_withdrawn(in, p))
		return PB_WHY_WITHDRAWN;
	if (o->threshold && in->has_threshold && pr->support < in->threshold)
		return PB_WHY_BELOW_THRESHOLD;
	if (s->stopped)
		return PB_WHY_STOPPED;
	if (o->exclusive && excluded_by_group(in, s->group_used, p))
		return PB_WHY_EXCLUDED;
	if (mpz_cmp(pr->cost, s->left) <= 0) {
		mpz_sub(s->left, s->left, pr->cost);
		if (o->exclusive)
			mark_groups(in, s->group_used, p);
		return fund;
	}
	if (o->no_skip)
		s->stopped = true;
	return mpz_cmp(pr->cost, in->budget) > 0 ? PB_WHY_OVER_BUDGET : PB_WHY_NO_FIT;
}

static bool is_funded(enum pb_reason r)
{
	return r == PB_WHY_SELECTED || r == PB_WHY_COMPLETION || r == PB_WHY_FREE;
}

/* Runs the greedy pass over `ord` for the projects not yet decided in out. */
static void greedy_pass(const struct pb_instance *in, const struct pb_greedy_opts *o, const uint32_t *ord,
			struct pb_outcome *out, enum pb_reason fund)
{
	struct greedy_state s, alt;
	mpz_init(s.left);
	mpz_init(alt.left);
	mpz_sub(s.left, in->budget, out->total_cost);
	s.stopped = false;
	s.group_used = xcalloc(in->ngroups + 1, 1);
	alt.group_used = xcalloc(in->ngroups + 1, 1);
	for (uint32_t k = 0; k < out->nselected; k++)
		mark_groups(in, s.group_used, out->order[k]);
	uint8_t *fate = xcalloc(in->nprojects + 1, 1);
	uint32_t n = in->nprojects;
	for (uint32_t i = 0; i < n;) {
		/* the run of projects tied with ord[i] */
		uint32_t j = i + 1;
		while (j < n && greedy_key_cmp(in, o, ord[i], ord[j]) == 0)
			j++;
		bool group = j - i > 1;
		if (group) { /* the same group in reverse order, to see what the tie-break decided */
			mpz_set(alt.left, s.left);
			alt.stopped = s.stopped;
			memcpy(alt.group_used, s.group_used, in->ngroups);
			for (uint32_t k = j; k-- > i;)
				if (!out->reason[ord[k]])
					fate[ord[k]] = (uint8_t)greedy_step(in, o, &alt, ord[k], fund);
		}
		for (uint32_t k = i; k < j; k++) {
			uint32_t p = ord[k];
			if (out->reason[p])
				continue;
			enum pb_reason r = greedy_step(in, o, &s, p, fund);
			if (is_funded(r))
				pb_outcome_push(out, in, p, r);
			else
				out->reason[p] = (uint8_t)r;
			if (group && is_funded(r) != is_funded((enum pb_reason)fate[p])) {
				out->tie[p] = true;
				out->tie_used = true;
			}
		}
		i = j;
	}
	free(fate);
	free(s.group_used);
	free(alt.group_used);
	mpz_clear(s.left);
	mpz_clear(alt.left);
}

int pb_greedy_run(const struct pb_instance *in, const struct pb_greedy_opts *opts, struct pb_outcome *out,
		  struct err *e)
{
	if (!in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is not complete");
	pb_outcome_reset(out, in);
	uint32_t *ord = greedy_order(in, opts);
	greedy_pass(in, opts, ord, out, PB_WHY_SELECTED);
	free(ord);
	out->nmes = 0;
	out->exhaustive = pb_outcome_exhaustive(in, out);
	return 0;
}

int pb_greedy_complete(const struct pb_instance *in, const struct pb_greedy_opts *opts, struct pb_outcome *out,
		       struct err *e)
{
	(void)e;
	/* forget the reasons of the projects not funded so far: the completion decides them */
	for (uint32_t p = 0; p < in->nprojects; p++)
		if (!pb_outcome_selected(out, p)) {
			out->reason[p] = 0;
			out->tie[p] = false;
		}
	uint32_t *ord = greedy_order(in, opts);
	greedy_pass(in, opts, ord, out, PB_WHY_COMPLETION);
	free(ord);
	out->exhaustive = pb_outcome_exhaustive(in, out);
	return 0;
}

int pb_greedy(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e)
{
	struct pb_greedy_opts o = { .tie = tie };
	return pb_greedy_run(in, &o, out, e);
}

int pb_greedy_cost(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e)
{
	struct pb_greedy_opts o = { .tie = tie, .per_cost = true };
	return pb_greedy_run(in, &o, out, e);
}

int pb_greedy_no_skip(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out, struct err *e)
{
	struct pb_greedy_opts o = { .tie = tie, .no_skip = true };
	return pb_greedy_run(in, &o, out, e);
}

int pb_greedy_threshold(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out,
			struct err *e)
{
	struct pb_greedy_opts o = { .tie = tie, .threshold = true };
	return pb_greedy_run(in, &o, out, e);
}

int pb_greedy_exclusive(const struct pb_instance *in, enum pb_tiebreak tie, struct pb_outcome *out,
			struct err *e)
{
	struct pb_greedy_opts o = { .tie = tie, .exclusive = true };
	return pb_greedy_run(in, &o, out, e);
}

/* ---- the META rule ---- */

enum official_kind { OFF_NONE, OFF_GREEDY, OFF_NO_SKIP, OFF_EXCLUSIVE, OFF_MES, OFF_MES_ADD1 };

static enum official_kind official_kind(const struct pb_instance *in)
{
	const char *r = in->rule;
	if (!r)
		return OFF_NONE;
	if (str_eq(r, "greedy") || str_eq(r, "greedy-threshold"))
		return OFF_GREEDY;
	if (str_eq(r, "greedy-no-skip"))
		return OFF_NO_SKIP;
	if (str_eq(r, "greedy-exclusive"))
		return OFF_EXCLUSIVE;
	if (str_eq(r, "equalshares"))
		return OFF_MES;
	if (str_eq(r, "equalshares/add1") || str_eq(r, "equalshares/add1-comparison"))
		return OFF_MES_ADD1;
	return OFF_NONE;
}

const char *pb_official_describe(const struct pb_instance *in)
{
	switch (official_kind(in)) {
	case OFF_GREEDY:
		return N_("greedy by support, skipping projects that do not fit; ties in the order of the file; "
			  "projects under the META threshold and withdrawn projects are not eligible");
	case OFF_NO_SKIP:
		return N_("greedy by support, stopping at the first project that does not fit; ties in the order of "
			  "the file; projects under the META threshold and withdrawn projects are not eligible");
	case OFF_EXCLUSIVE:
		return N_("greedy by support, skipping projects that do not fit and projects that exclude a funded "
			  "one; ties in the order of the file");
	case OFF_MES:
		return N_("Method of Equal Shares without completion; ties by lower cost, more supporters, id");
	case OFF_MES_ADD1:
		return N_("Method of Equal Shares with Pabulib's Add1 completion (from floor(budget/voters) per voter, "
			  "+1 while the outcome fits); ties by lower cost, more supporters, id");
	case OFF_NONE:
		break;
	}
	return N_("no rule minka knows");
}

int pb_official(const struct pb_instance *in, struct pb_outcome *out, struct err *e)
{
	struct pb_greedy_opts o = { .tie = PB_TIE_FILE, .threshold = true, .withdrawn = true };
	switch (official_kind(in)) {
	case OFF_GREEDY:
		return pb_greedy_run(in, &o, out, e);
	case OFF_NO_SKIP:
		o.no_skip = true;
		return pb_greedy_run(in, &o, out, e);
	case OFF_EXCLUSIVE:
		o.exclusive = true;
		return pb_greedy_run(in, &o, out, e);
	case OFF_MES:
		return pb_mes(in, PB_COMPLETION_NONE, PB_TIE_COST, out, e);
	case OFF_MES_ADD1:
		return pb_mes(in, PB_COMPLETION_ADD1_PABULIB, PB_TIE_COST, out, e);
	case OFF_NONE:
		break;
	}
	if (!in->rule)
		return err_set(e, ERR_INVALID, "the file names no rule (META rule); choose one with --rule");
	return err_set(e, ERR_INVALID, "the META rule \"%.60s\" is not one minka knows; choose one with --rule", in->rule);
}
