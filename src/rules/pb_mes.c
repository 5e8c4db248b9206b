/* pb_mes.c — the Method of Equal Shares (MES), exact, and its completions.
 *
 * Exactness. A voter's budget is never stored as a rational. Every budget is
 * E/D − Σ u_j·T_j/D over the projects j she paid for as a "rich" supporter (u_j her
 * utility, T_j/D the payment per unit of utility in round j), or 0 once she paid
 * everything she had. D is one common denominator: choosing a project multiplies D,
 * E and the few T_j by an integer, never the budgets. So an exact budget costs a few
 * mpz operations when needed, and the exact sum over many voters is E·W − Σ T_j·n_j
 * with integer counts n_j.
 *
 * Speed. Each voter (distinct ballot) also keeps a double approximation of her budget
 * with a proven error bound `delta`. A project's price is found in doubles; an error
 * bound says which projects may still tie with or beat the best; only those (and the
 * winner) are computed exactly, with an exact check of every voter whose side of
 * the price the doubles could get wrong. Projects are visited in the order of a lower
 * bound of their price (prices only rise during a run), so most are never evaluated.
 *
 * Add1 (the endowment raised by 1 per voter until the outcome is exhaustive). For a
 * fixed sequence of winners every budget is non-decreasing in the endowment e and
 * every price non-increasing (min(b, t·u) is monotone in both). So if the winners of
 * the run at e_a also win, round by round, against every other project's price at
 * e_b (price at e_b > winner's price at e_a, or equal and the tie-break prefers the
 * winner) and nothing more is affordable at e_b, the outcome is the same for every
 * endowment in [e_a, e_b]. One run at e_b checks that interval: the Add1 loop jumps
 * over intervals it has proven constant, doubling the jump while proofs succeed and
 * halving it when one fails, and runs MES itself only where the outcome can change. */
#include "core/compat.h"
#include "rules/pb_alloc_int.h"
#include "core/xalloc.h"

#include <math.h>

#define EPS 0x1p-50

enum { P_NONCAND, P_ALIVE, P_SELECTED, P_GONE, P_FREE };

struct ent {
	double b;       /* budget (double) */
	double wu;      /* weight × utility */
	double w;       /* weight */
	uint32_t ballot;
	uint32_t u;     /* utility per unit price (1 under cost utilities) */
	uint8_t poor;
};

struct mes_ctx {
	const struct pb_instance *in;
	enum pb_tiebreak tie;
	bool cardinal;
	uint32_t np, nb;
	uint32_t *soff, *sb, *su; /* supporters of each project (CSR) */
	uint64_t *utot;           /* Σ weight × utility over supporters */
	double *cost_d, *w_d;
	uint8_t *kind;            /* P_NONCAND, P_ALIVE (candidate) or P_FREE */
	uint32_t *free_list, nfree;
	uint32_t ncand;
	struct ent *ent;          /* supporters of the project being priced */
	struct ent *held;         /* supporters of the best project so far (swapped, not copied) */
	uint32_t ent_cap;
	uint32_t *order;          /* scratch: projects by lower bound */
	double *evk, *eve;
	uint32_t *evp;
	uint64_t *nacc;           /* per round: Σ w·u over the poor supporters who paid that round */
	uint64_t Wp;              /* Σ w over the poor supporters of the last project priced */
	mpz_t *slope;             /* certificates: slope of each round winner's price per unit with */
	mpz_t slope_den;          /* respect to the endowment = slope[k] / slope_den */
	mpz_t *zs;                /* scratch exact budgets */
	uint32_t zs_cap;
	uint32_t *idx, *idx2;
	mpz_t z1, z2, z3, X, Y, Xwin;
	mpq_t q1;
	uint64_t runs;
};

struct mes_run {
	mpz_t D, E;
	mpz_t *T;       /* per round */
	mpq_t *key;     /* per round: exact price of the winner (per unit of key) */
	uint64_t *up;   /* per round: utility weight of the winner's rich supporters */
	uint32_t *sel;  /* per round */
	bool *tie;      /* per round: a tie-break decided the winner */
	uint32_t rounds;
	int32_t *round_of;
	uint8_t *st;
	double *lb;
	double *bud;
	uint8_t *dead;
	double e_d, delta;
	mpz_t total;    /* cost of free projects + winners */
};

/* ---- setup ---- */

static int ctx_init(struct mes_ctx *c, const struct pb_instance *in, enum pb_tiebreak tie, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->in = in;
	c->tie = tie;
	c->cardinal = pb_vote_type_cardinal(in->vote_type);
	c->np = in->nprojects;
	c->nb = in->nballots;
	mpz_inits(c->z1, c->z2, c->z3, c->X, c->Y, c->Xwin, NULL);
	mpq_init(c->q1);
	uint32_t np = c->np;
	c->soff = xcalloc(np + 1, sizeof *c->soff);
	c->utot = xcalloc(np + 1, sizeof *c->utot);
	c->cost_d = xcalloc(np + 1, sizeof *c->cost_d);
	c->kind = xcalloc(np + 1, 1);
	c->free_list = xcalloc(np + 1, sizeof *c->free_list);
	c->order = xcalloc(np + 1, sizeof *c->order);
	c->evk = xcalloc(np + 1, sizeof *c->evk);
	c->eve = xcalloc(np + 1, sizeof *c->eve);
	c->evp = xcalloc(np + 1, sizeof *c->evp);
	c->nacc = xcalloc(np + 1, sizeof *c->nacc);
	c->slope = xmalloc((np + 1) * sizeof *c->slope);
	for (uint32_t i = 0; i <= np; i++)
		mpz_init(c->slope[i]);
	mpz_init_set_ui(c->slope_den, 1);
	c->w_d = xcalloc(c->nb + 1, sizeof *c->w_d);
	for (uint32_t b = 0; b < c->nb; b++) {
		const struct pb_ballot *bl = &in->ballots[b];
		c->w_d[b] = (double)bl->weight;
		for (uint32_t i = 0; i < bl->len; i++) {
			if (c->cardinal) {
				int64_t pt = in->points[bl->off + i];
				if (pt <= 0)
					continue;
				if (pt > UINT32_MAX)
					return err_set(e, ERR_TOOBIG, "points above %u are not supported by MES", UINT32_MAX);
			}
			c->soff[in->items[bl->off + i] + 1]++;
		}
	}
	for (uint32_t p = 0; p < np; p++)
		c->soff[p + 1] += c->soff[p];
	uint32_t n = c->soff[np];
	c->sb = xmalloc((n + 1) * sizeof *c->sb);
	c->su = xmalloc((n + 1) * sizeof *c->su);
	uint32_t *fill = xmalloc((np + 1) * sizeof *fill);
	memcpy(fill, c->soff, np * sizeof *fill);
	uint32_t maxs = 0;
	for (uint32_t b = 0; b < c->nb; b++) {
		const struct pb_ballot *bl = &in->ballots[b];
		for (uint32_t i = 0; i < bl->len; i++) {
			uint32_t p = in->items[bl->off + i];
			uint32_t u = 1;
			if (c->cardinal) {
				int64_t pt = in->points[bl->off + i];
				if (pt <= 0)
					continue;
				u = (uint32_t)pt;
			}
			uint32_t k = fill[p]++;
			c->sb[k] = b;
			c->su[k] = u;
			uint64_t add;
			if (__builtin_mul_overflow(bl->weight, (uint64_t)u, &add) ||
			    __builtin_add_overflow(c->utot[p], add, &c->utot[p])) {
				free(fill);
				return err_set(e, ERR_TOOBIG, "too many voters or points for MES");
			}
		}
	}
	free(fill);
	mpz_set_ui(c->z1, 1);
	mpz_mul_2exp(c->z1, c->z1, 1000);
	for (uint32_t p = 0; p < np; p++) {
		const struct pb_project *pr = &in->projects[p];
		if (mpz_cmp(pr->cost, c->z1) >= 0)
			return err_set(e, ERR_TOOBIG, "project \"%.60s\" costs too much for MES", pr->id);
		c->cost_d[p] = mpz_get_d(pr->cost);
		uint32_t ns = c->soff[p + 1] - c->soff[p];
		if (ns > maxs)
			maxs = ns;
		if (c->utot[p] == 0)
			c->kind[p] = P_NONCAND;
		else if (mpz_sgn(pr->cost) == 0)
			c->kind[p] = P_FREE;
		else {
			c->kind[p] = P_ALIVE;
			c->ncand++;
		}
	}
	/* free projects in tie-break order */
	for (uint32_t p = 0; p < np; p++)
		if (c->kind[p] == P_FREE) {
			uint32_t k = c->nfree++;
			while (k > 0 && pb_tie_cmp(in, tie, p, c->free_list[k - 1]) < 0) {
				c->free_list[k] = c->free_list[k - 1];
				k--;
			}
			c->free_list[k] = p;
		}
	c->ent_cap = maxs + 1;
	c->ent = xmalloc(c->ent_cap * sizeof *c->ent);
	c->held = xmalloc(c->ent_cap * sizeof *c->held);
	c->idx = xmalloc(c->ent_cap * sizeof *c->idx);
	c->idx2 = xmalloc(c->ent_cap * sizeof *c->idx2);
	return 0;
}

static void ctx_release(struct mes_ctx *c)
{
	free(c->soff);
	free(c->sb);
	free(c->su);
	free(c->utot);
	free(c->cost_d);
	free(c->w_d);
	free(c->kind);
	free(c->free_list);
	free(c->ent);
	free(c->held);
	free(c->order);
	free(c->evk);
	free(c->eve);
	free(c->evp);
	free(c->nacc);
	for (uint32_t i = 0; i <= c->np; i++)
		mpz_clear(c->slope[i]);
	free(c->slope);
	mpz_clear(c->slope_den);
	free(c->idx);
	free(c->idx2);
	for (uint32_t i = 0; i < c->zs_cap; i++)
		mpz_clear(c->zs[i]);
	free(c->zs);
	mpz_clears(c->z1, c->z2, c->z3, c->X, c->Y, c->Xwin, NULL);
	mpq_clear(c->q1);
}

static void run_init(struct mes_run *r, const struct mes_ctx *c)
{
	memset(r, 0, sizeof *r);
	mpz_inits(r->D, r->E, r->total, NULL);
	uint32_t np = c->np;
	r->T = xmalloc((np + 1) * sizeof *r->T);
	r->key = xmalloc((np + 1) * sizeof *r->key);
	for (uint32_t i = 0; i <= np; i++) {
		mpz_init(r->T[i]);
		mpq_init(r->key[i]);
	}
	r->sel = xcalloc(np + 1, sizeof *r->sel);
	r->up = xcalloc(np + 1, sizeof *r->up);
	r->tie = xcalloc(np + 1, sizeof *r->tie);
	r->round_of = xcalloc(np + 1, sizeof *r->round_of);
	r->st = xcalloc(np + 1, 1);
	r->lb = xcalloc(np + 1, sizeof *r->lb);
	r->bud = xcalloc(c->nb + 1, sizeof *r->bud);
	r->dead = xcalloc(c->nb + 1, 1);
}

static void run_release(struct mes_run *r, const struct mes_ctx *c)
{
	for (uint32_t i = 0; i <= c->np; i++) {
		mpz_clear(r->T[i]);
		mpq_clear(r->key[i]);
	}
	free(r->T);
	free(r->key);
	free(r->sel);
	free(r->up);
	free(r->tie);
	free(r->round_of);
	free(r->st);
	free(r->lb);
	free(r->bud);
	free(r->dead);
	mpz_clears(r->D, r->E, r->total, NULL);
}

static void run_swap(struct mes_run *a, struct mes_run *b)
{
	struct mes_run t = *a;
	*a = *b;
	*b = t;
}

/* Starts a run with endowment num/den per voter. */
static void run_start(struct mes_run *r, struct mes_ctx *c, const mpz_t num, const mpz_t den)
{
	mpz_gcd(r->D, num, den);
	if (mpz_sgn(r->D) == 0)
		mpz_set_ui(r->D, 1);
	mpz_divexact(r->E, num, r->D);
	mpz_divexact(r->D, den, r->D);
	r->rounds = 0;
	mpz_set_ui(r->total, 0);
	for (uint32_t f = 0; f < c->nfree; f++)
		mpz_add(r->total, r->total, c->in->projects[c->free_list[f]].cost);
	for (uint32_t p = 0; p < c->np; p++) {
		r->st[p] = c->kind[p] == P_ALIVE ? P_ALIVE : c->kind[p];
		r->round_of[p] = -1;
		r->lb[p] = 0;
	}
	mpq_set_num(c->q1, r->E);
	mpq_set_den(c->q1, r->D);
	mpq_canonicalize(c->q1);
	r->e_d = mpq_get_d(c->q1);
	for (uint32_t b = 0; b < c->nb; b++) {
		r->bud[b] = r->e_d;
		r->dead[b] = 0;
	}
	r->delta = ldexp(r->e_d, -48) + 1e-300;
}

/* ---- pricing one project ---- */

static void mpz_set_u64(mpz_t z, uint64_t v)
{
	mpz_set_ui(z, (unsigned long)(v >> 32));
	mpz_mul_2exp(z, z, 32);
	mpz_add_ui(z, z, (unsigned long)(v & 0xffffffffu));
}


/* Utility of ballot b for project j (0 when it does not support j). */
static uint32_t ballot_util(const struct mes_ctx *c, uint32_t b, uint32_t i)
{
	if (!c->cardinal)
		return 1;
	int64_t pt = c->in->points[c->in->ballots[b].off + i];
	return pt > 0 ? (uint32_t)pt : 0;
}

/* out = exact budget of ballot b, as a numerator over r->D. */
static void exact_budget(const struct mes_ctx *c, const struct mes_run *r, uint32_t b, mpz_t out)
{
	if (r->dead[b]) {
		mpz_set_ui(out, 0);
		return;
	}
	mpz_set(out, r->E);
	const struct pb_ballot *bl = &c->in->ballots[b];
	for (uint32_t i = 0; i < bl->len; i++) {
		int32_t k = r->round_of[c->in->items[bl->off + i]];
		if (k >= 0)
			mpz_submul_ui(out, r->T[k], ballot_util(c, b, i));
	}
}

struct price {
	bool gone;      /* certainly unaffordable */
	double key, err;
	uint32_t n;     /* entries in c->ent */
	uint64_t U;     /* Σ w u of alive supporters */
	bool shaky;     /* the doubles could not settle the price */
};

static int ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	double kx = x->b / x->u, ky = y->b / y->u;
	return kx < ky ? -1 : kx > ky;
}

/* The price of p in doubles, with an error bound; leaves p's supporters in c->ent,
 * classified poor (pay all they have) or rich (pay the price). */
static void price_approx(struct mes_ctx *c, const struct mes_run *r, uint32_t p, struct price *pr)
{
	memset(pr, 0, sizeof *pr);
	uint32_t n = 0;
	uint64_t U = 0;
	double total = 0, tot_err = 0;
	for (uint32_t k = c->soff[p]; k < c->soff[p + 1]; k++) {
		uint32_t b = c->sb[k];
		if (r->dead[b])
			continue;
		struct ent *x = &c->ent[n++];
		x->b = r->bud[b];
		x->w = c->w_d[b];
		x->u = c->su[k];
		x->wu = x->w * x->u;
		x->ballot = b;
		x->poor = 0;
		U += c->in->ballots[b].weight * (uint64_t)x->u;
		total += x->w * x->b;
		tot_err += x->w * (r->delta + x->b * EPS);
	}
	pr->n = n;
	pr->U = U;
	double cost = c->cost_d[p];
	if (n == 0 || total + 4 * tot_err + total * n * EPS < cost * (1 - EPS)) {
		pr->gone = true;
		return;
	}
	/* fixed point: the poor pay all they have, the rich the price t per unit */
	double poor_sum = 0, urich = (double)U;
	double t = cost / urich;
	uint32_t npoor = 0;
	int it;
	for (it = 0; it < 16; it++) {
		uint32_t moved = 0;
		for (uint32_t i = 0; i < n; i++) {
			struct ent *x = &c->ent[i];
			if (!x->poor && x->b < t * x->u) {
				x->poor = 1;
				poor_sum += x->w * x->b;
				urich -= x->wu;
				moved++;
			}
		}
		npoor += moved;
		if (!moved || npoor == n)
			break;
		t = (cost - poor_sum) / urich;
	}
	if (npoor < n && it == 16) {
		/* slow convergence: sort by budget per utility and scan */
		qsort(c->ent, n, sizeof *c->ent, ent_cmp);
		poor_sum = 0;
		urich = (double)U;
		npoor = 0;
		for (uint32_t i = 0; i < n; i++)
			c->ent[i].poor = 0;
		for (uint32_t i = 0; i < n; i++) {
			struct ent *x = &c->ent[i];
			t = (cost - poor_sum) / urich;
			if (t * x->u <= x->b)
				break;
			x->poor = 1;
			poor_sum += x->w * x->b;
			urich -= x->wu;
			npoor++;
		}
		if (npoor < n)
			t = (cost - poor_sum) / urich;
	}
	double dp = c->cardinal ? 1.0 : cost;
	if (npoor == n || urich <= 0.5) {
		/* everybody pays all: affordable only if the budgets add up exactly */
		double mx = 0;
		for (uint32_t i = 0; i < n; i++)
			if (c->ent[i].b / c->ent[i].u > mx)
				mx = c->ent[i].b / c->ent[i].u;
		pr->key = mx / dp;
		pr->err = pr->key + 1;
		pr->shaky = true;
		return;
	}
	double errS = 0;
	for (uint32_t i = 0; i < n; i++)
		if (c->ent[i].poor)
			errS += c->ent[i].w * (r->delta + c->ent[i].b * EPS);
	errS += poor_sum * (npoor + 2) * EPS;
	double base = (errS + cost * EPS) / urich + t * EPS;
	/* voters close to the price may sit on the wrong side; widen until consistent */
	double win = base * 4 + t * EPS;
	double err_t = base;
	for (int round = 0; round < 4; round++) {
		double near = 0;
		for (uint32_t i = 0; i < n; i++) {
			const struct ent *x = &c->ent[i];
			double m = r->delta + win * x->u;
			if (fabs(x->b - t * x->u) <= m)
				near += x->w * m;
		}
		err_t = base + near / urich;
		if (err_t * 4 <= win)
			break;
		win = err_t * 8;
	}
	if (err_t * 4 > win)
		pr->shaky = true;
	pr->key = t / dp;
	pr->err = 4 * (err_t / dp + pr->key * EPS) + (pr->shaky ? pr->key : 0);
}

/* Exact budgets of the entries into c->zs. */
static void ent_exact(struct mes_ctx *c, const struct mes_run *r, uint32_t n)
{
	if (n > c->zs_cap) {
		c->zs = xrealloc(c->zs, n * sizeof *c->zs);
		for (uint32_t i = c->zs_cap; i < n; i++)
			mpz_init(c->zs[i]);
		c->zs_cap = n;
	}
	for (uint32_t i = 0; i < n; i++)
		exact_budget(c, r, c->ent[i].ballot, c->zs[i]);
}

/* Exact price by sorting every supporter (the slow, sure path). Sets X (price per
 * unit = X / (D × U'), *Up = U') and the poor flags. false when unaffordable. */
static bool price_sorted(struct mes_ctx *c, const struct mes_run *r, uint32_t p, const struct price *pr,
			 uint64_t *Up)
{
	uint32_t n = pr->n;
	ent_exact(c, r, n);
	/* merge sort of indices by budget per utility: N_a·u_b vs N_b·u_a */
	for (uint32_t i = 0; i < n; i++)
		c->idx[i] = i;
	for (uint32_t width = 1; width < n; width *= 2) {
		for (uint32_t lo = 0; lo < n; lo += 2 * width) {
			uint32_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			uint32_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				uint32_t a = c->idx[i], b = c->idx[j];
				mpz_mul_ui(c->z1, c->zs[a], c->ent[b].u);
				mpz_mul_ui(c->z2, c->zs[b], c->ent[a].u);
				c->idx2[k++] = mpz_cmp(c->z1, c->z2) <= 0 ? c->idx[i++] : c->idx[j++];
			}
			while (i < mid)
				c->idx2[k++] = c->idx[i++];
			while (j < hi)
				c->idx2[k++] = c->idx[j++];
		}
		memcpy(c->idx, c->idx2, n * sizeof *c->idx);
	}
	mpz_srcptr cost = c->in->projects[p].cost;
	mpz_set_ui(c->z3, 0); /* Σ w·N of the poor */
	uint64_t denom = pr->U;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = c->idx[k];
		const struct ent *x = &c->ent[i];
		mpz_mul(c->X, cost, r->D);
		mpz_sub(c->X, c->X, c->z3);
		/* rich iff X·u <= N·denom */
		mpz_mul_ui(c->z1, c->X, x->u);
		mpz_set_u64(c->Y, denom);
		mpz_mul(c->z2, c->zs[i], c->Y);
		if (mpz_cmp(c->z1, c->z2) <= 0) {
			for (uint32_t q = 0; q < n; q++)
				c->ent[q].poor = 0;
			for (uint32_t q = 0; q < k; q++)
				c->ent[c->idx[q]].poor = 1;
			*Up = denom;
			return true;
		}
		uint64_t w = c->in->ballots[x->ballot].weight;
		mpz_addmul_ui(c->z3, c->zs[i], (unsigned long)w);
		denom -= w * x->u;
	}
	return false;
}

/* Sums over the supporters marked poor in c->ent: their weight (c->Wp), what they
 * paid in each round (c->nacc, weighted by utility); returns their utility weight. */
static uint64_t poor_sums(struct mes_ctx *c, const struct mes_run *r, uint32_t n)
{
	const struct pb_instance *in = c->in;
	uint64_t Wp = 0, Upoor = 0;
	for (uint32_t k = 0; k < r->rounds; k++)
		c->nacc[k] = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct ent *x = &c->ent[i];
		if (!x->poor)
			continue;
		uint64_t w = in->ballots[x->ballot].weight;
		Wp += w;
		Upoor += w * x->u;
		const struct pb_ballot *bl = &in->ballots[x->ballot];
		for (uint32_t j = 0; j < bl->len; j++) {
			int32_t k = r->round_of[in->items[bl->off + j]];
			if (k >= 0)
				c->nacc[k] += w * ballot_util(c, x->ballot, j);
		}
	}
	c->Wp = Wp;
	return Upoor;
}

/* Exact price of p from the classification left by price_approx (checked voter by
 * voter where the doubles are not sure; sorted exactly when they were wrong).
 * Sets c->X and *Up (price per unit of utility = X / (D·U')), and `key` = the price
 * per unit of the selection criterion (ρ). false when p is unaffordable. */
static bool price_exact(struct mes_ctx *c, const struct mes_run *r, uint32_t p, const struct price *pr,
			uint64_t *Up, mpq_t key)
{
	uint32_t n = pr->n;
	const struct pb_instance *in = c->in;
	if (n == 0)
		return false;
	uint64_t Upoor = poor_sums(c, r, n);
	uint64_t Wp = c->Wp;
	/* X = cost·D − (E·Wp − Σ T_k·n_k) */
	mpz_mul(c->X, in->projects[p].cost, r->D);
	mpz_set_u64(c->z1, Wp);
	mpz_submul(c->X, r->E, c->z1);
	for (uint32_t k = 0; k < r->rounds; k++)
		if (c->nacc[k]) {
			mpz_set_u64(c->z1, c->nacc[k]);
			mpz_addmul(c->X, r->T[k], c->z1);
		}
	uint64_t up = pr->U - Upoor;
	bool ok = up > 0 && mpz_sgn(c->X) > 0;
	if (up == 0 && mpz_sgn(c->X) > 0)
		return false; /* everybody pays all and it is not enough */
	if (ok) {
		/* check each voter's side of the price t = X / (D·U') */
		mpz_set_u64(c->Y, up);
		mpq_set_num(c->q1, c->X);
		mpz_mul(c->z1, r->D, c->Y);
		mpq_set_den(c->q1, c->z1);
		mpq_canonicalize(c->q1);
		double t = mpq_get_d(c->q1);
		for (uint32_t i = 0; i < n && ok; i++) {
			const struct ent *x = &c->ent[i];
			double tu = t * x->u, m = r->delta + 4 * tu * EPS;
			if (x->poor ? x->b + m < tu : x->b - m > tu)
				continue;
			exact_budget(c, r, x->ballot, c->z2);
			mpz_mul(c->z2, c->z2, c->Y);  /* N·U' */
			mpz_mul_ui(c->z3, c->X, x->u); /* X·u */
			int cmp = mpz_cmp(c->z2, c->z3);
			if (x->poor ? cmp > 0 : cmp < 0)
				ok = false;
		}
	}
	if (!ok) {
		if (!price_sorted(c, r, p, pr, &up))
			return false;
		poor_sums(c, r, n); /* for the slope: the sums of the final classification */
	}
	*Up = up;
	/* key = X / (D · U' · dp) */
	mpz_set_u64(c->Y, up);
	mpz_mul(c->z1, r->D, c->Y);
	if (!c->cardinal)
		mpz_mul(c->z1, c->z1, in->projects[p].cost);
	mpq_set_num(key, c->X);
	mpq_set_den(key, c->z1);
	mpq_canonicalize(key);
	return true;
}

/* Funds p at the price just computed (c->X, Up, poor flags in c->ent). */
static void apply(struct mes_ctx *c, struct mes_run *r, uint32_t p, uint64_t up, const mpq_t key, uint32_t n,
		  bool tie)
{
	uint32_t k = r->rounds++;
	mpz_set_u64(c->Y, up);
	mpz_gcd(c->z1, c->X, c->Y);
	mpz_divexact(c->X, c->X, c->z1);
	mpz_divexact(c->Y, c->Y, c->z1);
	if (mpz_cmp_ui(c->Y, 1) != 0) {
		mpz_mul(r->D, r->D, c->Y);
		mpz_mul(r->E, r->E, c->Y);
		for (uint32_t j = 0; j < k; j++)
			mpz_mul(r->T[j], r->T[j], c->Y);
	}
	mpz_set(r->T[k], c->X);
	mpq_set(r->key[k], key);
	r->sel[k] = p;
	r->up[k] = up;
	r->tie[k] = tie;
	r->round_of[p] = (int32_t)k;
	r->st[p] = P_SELECTED;
	mpz_add(r->total, r->total, c->in->projects[p].cost);
	mpq_set_num(c->q1, r->T[k]);
	mpq_set_den(c->q1, r->D);
	mpq_canonicalize(c->q1);
	double t = mpq_get_d(c->q1);
	for (uint32_t i = 0; i < n; i++) {
		const struct ent *x = &c->ent[i];
		uint32_t b = x->ballot;
		if (x->poor) {
			r->dead[b] = 1;
			r->bud[b] = 0;
		} else {
			double nb = r->bud[b] - t * x->u;
			r->bud[b] = nb > 0 ? nb : 0;
		}
	}
	r->delta += ldexp(r->e_d, -47);
}

/* ---- one run ---- */

static void swap_ent(struct mes_ctx *c)
{
	struct ent *t = c->ent;
	c->ent = c->held;
	c->held = t;
}

/* One round of MES: finds the cheapest project per unit (exactly, ties by the
 * tie-break) and funds it. false when nothing is affordable any more. */
static bool normal_round(struct mes_ctx *c, struct mes_run *r, mpq_t key, mpq_t best)
{
	/* a normal round: visit projects by lower bound of their price */
	uint32_t m = 0;
	for (uint32_t p = 0; p < c->np; p++)
		if (r->st[p] == P_ALIVE) {
			uint32_t k = m++;
			while (k > 0 && r->lb[c->order[k - 1]] > r->lb[p]) {
				c->order[k] = c->order[k - 1];
				k--;
			}
			c->order[k] = p;
		}
	double best_hi = INFINITY;
	uint32_t nev = 0;
	int64_t held = -1; /* the project whose supporters are in c->held */
	struct price held_pr;
	for (uint32_t i = 0; i < m; i++) {
		uint32_t p = c->order[i];
		if (r->lb[p] > best_hi)
			break;
		struct price pr;
		price_approx(c, r, p, &pr);
		if (pr.gone) {
			r->st[p] = P_GONE;
			continue;
		}
		if (pr.key - pr.err > r->lb[p])
			r->lb[p] = pr.key - pr.err;
		c->evp[nev] = p;
		c->evk[nev] = pr.key;
		c->eve[nev] = pr.err;
		nev++;
		if (pr.key + pr.err < best_hi) {
			best_hi = pr.key + pr.err;
			swap_ent(c);
			held = p;
			held_pr = pr;
		}
	}
	if (nev == 0)
		return false;
	/* exact prices of the projects the doubles cannot tell from the best */
	int64_t win = -1;
	uint32_t ntied = 0;
	uint64_t win_up = 0;
	uint32_t win_n = 0;
	/* the held project first: its supporters are in c->held only until the
	 * first swap below */
	for (uint32_t i = 0; i < nev; i++)
		if ((int64_t)c->evp[i] == held && i > 0) {
			uint32_t tp = c->evp[0];
			double tk = c->evk[0], te = c->eve[0];
			c->evp[0] = c->evp[i], c->evk[0] = c->evk[i], c->eve[0] = c->eve[i];
			c->evp[i] = tp, c->evk[i] = tk, c->eve[i] = te;
		}
	for (uint32_t i = 0; i < nev; i++) {
		if (c->evk[i] - c->eve[i] > best_hi)
			continue;
		uint32_t p = c->evp[i];
		struct price pr;
		uint64_t up;
		if ((int64_t)p == held) {
			swap_ent(c);
			pr = held_pr;
			held = -1;
		} else {
			price_approx(c, r, p, &pr);
		}
		if (pr.gone || !price_exact(c, r, p, &pr, &up, key)) {
			r->st[p] = P_GONE;
			continue;
		}
		int cmp = win < 0 ? -1 : mpq_cmp(key, best);
		bool better = cmp < 0;
		if (cmp == 0) {
			ntied++;
			better = pb_tie_cmp(c->in, c->tie, p, (uint32_t)win) < 0;
		} else if (cmp < 0) {
			ntied = 1;
		}
		if (better) {
			win = p;
			mpq_set(best, key);
			mpz_set(c->Xwin, c->X);
			win_up = up;
			win_n = pr.n;
			swap_ent(c); /* keep the winner's supporters */
		}
	}
	if (win < 0)
		return true; /* the candidates turned out unaffordable: look again */
	swap_ent(c);
	mpz_set(c->X, c->Xwin);
	apply(c, r, (uint32_t)win, win_up, best, win_n, ntied > 1);
	return true;
}

/* Runs MES at the run's endowment (run_start first). */
static void run_mes(struct mes_ctx *c, struct mes_run *r)
{
	mpq_t key, best;
	mpq_inits(key, best, NULL);
	c->runs++;
	while (normal_round(c, r, key, best))
		;
	mpq_clears(key, best, NULL);
}

/* x = a + b·h (rationals). */
static void affine(mpq_t x, const mpq_t a, const mpq_t b, const mpq_t h)
{
	mpq_mul(x, b, h);
	mpq_add(x, x, a);
}

/* The subgradient of a project's price per unit of utility with respect to the
 * endowment, from the poor/rich split of the last exact pricing in run r:
 * −(Σ_poor w·b′)/U′ with b′ = 1 − Σ_k u·slope_k for a voter who paid rounds k.
 * Returns the numerator in `num`; the denominator is slope_den·U′. */
static void price_slope_num(struct mes_ctx *c, const struct mes_run *r, mpz_t num)
{
	mpz_set_u64(c->z1, c->Wp);
	mpz_mul(num, c->z1, c->slope_den);
	for (uint32_t k = 0; k < r->rounds; k++)
		if (c->nacc[k]) {
			mpz_set_u64(c->z1, c->nacc[k]);
			mpz_submul(num, c->slope[k], c->z1);
		}
	mpz_neg(num, num);
}

/* The same as a rational. */
static void price_slope(struct mes_ctx *c, const struct mes_run *r, uint64_t up, mpq_t out)
{
	price_slope_num(c, r, mpq_numref(out));
	mpz_set_u64(c->z1, up);
	mpz_mul(mpq_denref(out), c->slope_den, c->z1);
	mpq_canonicalize(out);
}

/* Records the slope of round k's winner (priced last, U′ = up). */
static void keep_slope(struct mes_ctx *c, const struct mes_run *r, uint32_t k, uint64_t up)
{
	price_slope_num(c, r, c->slope[k]);
	mpz_set_u64(c->z1, up);
	for (uint32_t j = 0; j < k; j++)
		mpz_mul(c->slope[j], c->slope[j], c->z1);
	mpz_mul(c->slope_den, c->slope_den, c->z1);
}

struct cert {
	mpq_t H;          /* e_b − e_a */
	mpq_t wb;         /* winner's price at e_b */
	mpq_t pa, pb, ps; /* competitor: price at e_a, at e_b, slope at e_a */
	mpq_t h, lo, hi, x;
};

/* Is max(pa + ps·h, pb) above the winner's chord K + (wb − K)·h/H at h (or equal
 * with the tie-break on the winner's side)? */
static bool above_chord(struct cert *ct, const mpq_t K, const mpq_t h, bool tie_ok)
{
	affine(ct->lo, ct->pa, ct->ps, h);
	if (mpq_cmp(ct->lo, ct->pb) < 0)
		mpq_set(ct->lo, ct->pb);
	mpq_sub(ct->x, ct->wb, K);
	mpq_div(ct->x, ct->x, ct->H);
	affine(ct->hi, K, ct->x, h);
	int cmp = mpq_cmp(ct->lo, ct->hi);
	return cmp > 0 || (cmp == 0 && tie_ok);
}

/* Certifies that for every endowment in [e_a, e_b] the winners of the reference
 * run (at e_a) win round after round and nothing else is affordable at the end, so
 * the outcome is the reference's all along. B is a fresh run at e_b, A at e_a; they
 * advance together. Two exact arguments, for a competitor p of the winner w:
 *  - prices never rise with the endowment (for the same winners before), so p is
 *    beaten all along if its price at e_b is above w's price at e_a;
 *  - while every earlier winner splits its supporters into poor and rich the same
 *    way at e_a and at e_b (by monotonicity, then all along), budgets are concave
 *    and prices convex in the endowment: w's price lies under its chord between
 *    e_a and e_b, and p's above its tangent at e_a (slope computed exactly from the
 *    same per-round sums as the price) and above its price at e_b.
 * Whatever the answer, B ends as the complete run at e_b. */
static bool certify(struct mes_ctx *c, const struct mes_run *ref, struct mes_run *A, struct mes_run *B,
		    struct cert *ct)
{
	mpq_t key, best;
	mpq_inits(key, best, NULL);
	c->runs++;
	bool ok = true;
	mpq_set_num(ct->H, B->E);
	mpq_set_den(ct->H, B->D);
	mpq_canonicalize(ct->H);
	mpq_set_num(ct->x, A->E);
	mpq_set_den(ct->x, A->D);
	mpq_canonicalize(ct->x);
	mpq_sub(ct->H, ct->H, ct->x);
	bool convex = true; /* every winner so far split its supporters alike at e_a and e_b */
	mpz_set_ui(c->slope_den, 1);
	while (ok && B->rounds < ref->rounds) {
		uint32_t k = B->rounds, w = ref->sel[k];
		const mpq_ptr K = (mpq_ptr)ref->key[k];
		struct price pr;
		uint64_t upb, upa;
		if (B->st[w] != P_ALIVE) {
			ok = false;
			break;
		}
		/* the winner's price at e_b */
		price_approx(c, B, w, &pr);
		if (pr.gone || !price_exact(c, B, w, &pr, &upb, key)) {
			ok = false;
			break;
		}
		mpq_set(ct->wb, key);
		double Kd = mpq_get_d(K), Khi = Kd + Kd * 4 * EPS;
		for (uint32_t p = 0; p < c->np && ok; p++) {
			if (p == w || B->st[p] != P_ALIVE || B->lb[p] > Khi)
				continue;
			price_approx(c, B, p, &pr);
			if (pr.gone) {
				B->st[p] = P_GONE;
				continue;
			}
			if (pr.key - pr.err > B->lb[p])
				B->lb[p] = pr.key - pr.err;
			if (pr.key - pr.err > Khi)
				continue;
			uint64_t up;
			if (!price_exact(c, B, p, &pr, &up, key)) {
				B->st[p] = P_GONE;
				continue;
			}
			bool tie_ok = pb_tie_cmp(c->in, c->tie, w, p) < 0;
			int cmp = mpq_cmp(key, K);
			if (cmp > 0 || (cmp == 0 && tie_ok))
				continue; /* above the winner's price at e_a, hence all along */
			if (!convex) {
				ok = false;
				break;
			}
			/* the tangent at e_a */
			mpq_set(ct->pb, key);
			price_approx(c, A, p, &pr);
			if (pr.gone || A->st[p] != P_ALIVE || !price_exact(c, A, p, &pr, &up, ct->pa)) {
				ok = false; /* affordable at e_b only: no tangent at e_a */
				break;
			}
			price_slope(c, A, up, ct->ps);
			if (!c->cardinal) { /* per unit of cost */
				mpq_set_z(ct->x, c->in->projects[p].cost);
				mpq_div(ct->ps, ct->ps, ct->x);
			}
			/* max(tangent, pb) − chord is convex: check h = 0, H and the kink */
			mpq_set_ui(ct->h, 0, 1);
			ok = above_chord(ct, K, ct->h, tie_ok) && above_chord(ct, K, ct->H, tie_ok);
			if (ok && mpq_sgn(ct->ps) < 0) {
				mpq_sub(ct->h, ct->pb, ct->pa);
				mpq_div(ct->h, ct->h, ct->ps);
				if (mpq_sgn(ct->h) > 0 && mpq_cmp(ct->h, ct->H) < 0)
					ok = above_chord(ct, K, ct->h, tie_ok);
			}
		}
		if (!ok)
			break;
		/* fund w in both runs; at e_a also keep its slope for the later tangents */
		if (convex) {
			price_approx(c, A, w, &pr);
			if (pr.gone || A->st[w] != P_ALIVE || !price_exact(c, A, w, &pr, &upa, key) || upa != upb) {
				convex = false; /* the split changed inside the interval: monotone bounds only */
			} else {
				keep_slope(c, A, k, upa);
				apply(c, A, w, upa, key, pr.n, ref->tie[k]);
			}
		}
		price_approx(c, B, w, &pr);
		if (pr.gone || !price_exact(c, B, w, &pr, &upb, key)) {
			ok = false;
			break;
		}
		apply(c, B, w, upb, key, pr.n, ref->tie[k]);
	}
	/* then B goes on alone: certified only if nothing more is affordable */
	if (ok && normal_round(c, B, key, best))
		ok = false;
	while (normal_round(c, B, key, best))
		;
	mpq_clears(key, best, NULL);
	return ok;
}

/* ---- outcomes ---- */

static bool run_feasible(const struct mes_ctx *c, const struct mes_run *r)
{
	return mpz_cmp(r->total, c->in->budget) <= 0;
}

/* pabutools' exhaustiveness: no unfunded candidate fits in what is left. */
static bool run_exhaustive(const struct mes_ctx *c, const struct mes_run *r)
{
	mpz_t left;
	mpz_init(left);
	mpz_sub(left, c->in->budget, r->total);
	bool ex = true;
	for (uint32_t p = 0; p < c->np && ex; p++)
		if (c->kind[p] == P_ALIVE && r->st[p] != P_SELECTED && mpz_cmp(c->in->projects[p].cost, left) <= 0)
			ex = false;
	mpz_clear(left);
	return ex;
}

static bool run_all_funded(const struct mes_ctx *c, const struct mes_run *r)
{
	return r->rounds == c->ncand;
}

static void fill_outcome(const struct mes_ctx *c, const struct mes_run *r, struct pb_outcome *o)
{
	const struct pb_instance *in = c->in;
	pb_outcome_reset(o, in);
	for (uint32_t f = 0; f < c->nfree; f++)
		pb_outcome_push(o, in, c->free_list[f], PB_WHY_FREE);
	for (uint32_t k = 0; k < r->rounds; k++) {
		pb_outcome_push(o, in, r->sel[k], PB_WHY_SELECTED);
		if (r->tie[k]) {
			o->tie[r->sel[k]] = true;
			o->tie_used = true;
		}
	}
	o->nmes = o->nselected;
	for (uint32_t p = 0; p < c->np; p++) {
		if (o->reason[p])
			continue;
		if (c->kind[p] == P_NONCAND)
			o->reason[p] = PB_WHY_NO_SUPPORT;
		else
			o->reason[p] = mpz_cmp(in->projects[p].cost, in->budget) > 0 ? PB_WHY_OVER_BUDGET
										 : PB_WHY_UNAFFORDABLE;
	}
	mpq_set_num(o->endowment, r->E);
	mpq_set_den(o->endowment, r->D);
	mpq_canonicalize(o->endowment);
	o->exhaustive = pb_outcome_exhaustive(in, o);
}

/* Outcome made of the free projects only (what pabutools returns when even the
 * first Add1 run overspends). */
static void fill_free_only(const struct mes_ctx *c, struct pb_outcome *o)
{
	pb_outcome_reset(o, c->in);
	for (uint32_t f = 0; f < c->nfree; f++)
		pb_outcome_push(o, c->in, c->free_list[f], PB_WHY_FREE);
	o->nmes = o->nselected;
	for (uint32_t p = 0; p < c->np; p++)
		if (!o->reason[p])
			o->reason[p] = c->kind[p] == P_NONCAND ? PB_WHY_NO_SUPPORT : PB_WHY_UNAFFORDABLE;
	o->exhaustive = pb_outcome_exhaustive(c->in, o);
}

/* True if two runs chose the same projects in the same order. */
static bool same_winners(const struct mes_run *a, const struct mes_run *b)
{
	return a->rounds == b->rounds && memcmp(a->sel, b->sel, a->rounds * sizeof *a->sel) == 0;
}

/* Endowment of step k: (base + k·inc) / den, all integers. */
static void step_endowment(mpz_t num, const mpz_t base, const mpz_t inc, uint64_t k)
{
	mpz_set_u64(num, k);
	mpz_mul(num, num, inc);
	mpz_add(num, num, base);
}

/* Add1: raise the endowment by 1 (currency unit) per voter from base/den until
 * pabutools' stop (first exhaustive outcome; the previous one if it overspends) or,
 * for Pabulib's variant, while the outcome fits. Returns the step of the answer in
 * *step and the answer in `out` (a normal run, so its ties are right). */
static void add1(struct mes_ctx *c, const mpz_t base, const mpz_t den, bool pabulib, struct mes_run *out,
		 uint64_t *step, uint64_t *tried, bool *free_only)
{
	const struct pb_instance *in = c->in;
	mpz_t inc, num;
	mpz_inits(inc, num, NULL);
	mpz_ui_pow_ui(inc, 10, in->scale);
	mpz_mul(inc, inc, den);
	struct mes_run cur, nxt, aux;
	run_init(&cur, c);
	run_init(&nxt, c);
	run_init(&aux, c);
	struct cert ct;
	mpq_inits(ct.H, ct.wb, ct.pa, ct.pb, ct.ps, ct.h, ct.lo, ct.hi, ct.x, NULL);
	*free_only = false;
	uint64_t k = 0;
	run_start(&cur, c, base, den);
	run_mes(c, &cur);
	uint64_t answer = 0;
	*tried = 0;
	if (!run_feasible(c, &cur)) {
		*free_only = !pabulib;
		goto done;
	}
	if ((!pabulib && run_exhaustive(c, &cur)) || run_all_funded(c, &cur))
		goto done;
	/* s: the jump the next certificate tries; 1 = a plain run of the next step.
	 * Certificates are tried once the winners stayed the same for two steps. */
	uint64_t s = 1;
	int streak = 0;
	for (;;) {
		if (s == 1) {
			step_endowment(num, base, inc, k + 1);
			run_start(&nxt, c, num, den);
			run_mes(c, &nxt);
			if (!run_feasible(c, &nxt)) {
				*tried = k + 1;
				break; /* answer: cur, step k */
			}
			streak = same_winners(&cur, &nxt) ? streak + 1 : 0;
			k += 1;
			*tried = k;
			run_swap(&cur, &nxt);
			if ((!pabulib && run_exhaustive(c, &cur)) || run_all_funded(c, &cur))
				break;
			if (streak >= 2)
				s = 2;
			continue;
		}
		step_endowment(num, base, inc, k + s);
		run_start(&nxt, c, num, den);
		step_endowment(num, base, inc, k);
		run_start(&aux, c, num, den);
		if (certify(c, &cur, &aux, &nxt, &ct)) {
			/* steps k+1 .. k+s give cur's outcome: feasible, not the stop;
			 * the run at k+s (same winners) is the next reference */
			k += s;
			run_swap(&cur, &nxt);
			if (s < ((uint64_t)1 << 62))
				s *= 2;
			continue;
		}
		s /= 2;
		streak = 0;
	}
	answer = k;
done:
	/* recompute the answer plainly, so that its tie flags are its own */
	step_endowment(num, base, inc, answer);
	run_start(out, c, num, den);
	run_mes(c, out);
	*step = answer;
	run_release(&cur, c);
	run_release(&nxt, c);
	run_release(&aux, c);
	mpq_clears(ct.H, ct.wb, ct.pa, ct.pb, ct.ps, ct.h, ct.lo, ct.hi, ct.x, NULL);
	mpz_clears(inc, num, NULL);
}

int pb_mes(const struct pb_instance *in, enum pb_completion completion, enum pb_tiebreak tie,
	   struct pb_outcome *out, struct err *e)
{
	if (!in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is not complete");
	struct mes_ctx c;
	int rc = ctx_init(&c, in, tie, e);
	if (rc) {
		ctx_release(&c);
		return rc;
	}
	struct mes_run r;
	run_init(&r, &c);
	mpz_t num, den;
	mpz_inits(num, den, NULL);
	mpz_set_u64(den, in->nvoters ? in->nvoters : 1);
	uint64_t step = 0, tried = 0;
	bool free_only = false;
	switch (completion) {
	case PB_COMPLETION_NONE:
		mpz_set(num, in->budget);
		run_start(&r, &c, num, den);
		run_mes(&c, &r);
		break;
	case PB_COMPLETION_ADD1:
	case PB_COMPLETION_ADD1U:
		mpz_set(num, in->budget);
		add1(&c, num, den, false, &r, &step, &tried, &free_only);
		break;
	case PB_COMPLETION_ADD1_PABULIB: {
		/* floor(budget / n) in currency units, back in 10^-scale units */
		mpz_t unit;
		mpz_init(unit);
		mpz_ui_pow_ui(unit, 10, in->scale);
		mpz_mul(num, den, unit);
		mpz_fdiv_q(num, in->budget, num);
		mpz_mul(num, num, unit);
		mpz_set_ui(den, 1);
		mpz_clear(unit);
		add1(&c, num, den, true, &r, &step, &tried, &free_only);
		break;
	}
	}
	if (free_only)
		fill_free_only(&c, out);
	else
		fill_outcome(&c, &r, out);
	out->add1_steps = step;
	out->add1_last = tried;
	out->mes_runs = c.runs;
	if (completion == PB_COMPLETION_ADD1U) {
		struct pb_greedy_opts g = { .tie = tie, .by_supporters = in->vote_type == PB_VOTE_ORDINAL };
		rc = pb_greedy_complete(in, &g, out, e);
	}
	run_release(&r, &c);
	mpz_clears(num, den, NULL);
	ctx_release(&c);
	return rc;
}

int pb_mes_at(const struct pb_instance *in, const mpq_t endowment, enum pb_tiebreak tie, struct pb_outcome *out,
	      struct err *e)
{
	if (!in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is not complete");
	if (mpq_sgn(endowment) < 0)
		return err_set(e, ERR_INVALID, "negative endowment");
	struct mes_ctx c;
	int rc = ctx_init(&c, in, tie, e);
	if (!rc) {
		struct mes_run r;
		run_init(&r, &c);
		run_start(&r, &c, mpq_numref(endowment), mpq_denref(endowment));
		run_mes(&c, &r);
		fill_outcome(&c, &r, out);
		out->mes_runs = c.runs;
		run_release(&r, &c);
	}
	ctx_release(&c);
	return rc;
}
