/* articulation.c — the articulation report's figures (see articulation.h). */
#include "core/compat.h"
#include "rules/articulation.h"
#include "core/money.h"
#include "core/xalloc.h"

static bool is_prefix(const char *outer, const char *inner)
{
	return strncmp(outer, inner, strlen(outer)) == 0;
}

static void set_groups(struct art_input *in)
{
	for (size_t p = 0; p < in->nplans; p++) {
		struct art_plan *pl = &in->plans[p];
		if (str_eq(pl->government, in->focus))
			pl->group = ART_FOCUS;
		else if (is_prefix(pl->government, in->focus))
			pl->group = ART_HIGHER;
		else if (is_prefix(in->focus, pl->government))
			pl->group = ART_INNER;
		else
			pl->group = ART_OTHER;
	}
	for (size_t p = 0; p < in->nplans; p++) {
		struct art_plan *pl = &in->plans[p];
		pl->expects = false;
		for (size_t q = 0; q < in->nplans && !pl->expects; q++) {
			const struct art_plan *o = &in->plans[q];
			if (q == p || !is_prefix(o->government, pl->government) || o->horizon < pl->horizon)
				continue;
			if (str_eq(o->government, pl->government) && str_eq(o->instrument, pl->instrument))
				continue;
			pl->expects = true;
		}
	}
}

/* Adjacency of the serving graph: parent and alignment targets of each element. */
struct graph {
	size_t *start;   /* start[e]..start[e+1] in to[] */
	int *to;
};

static void graph_build(const struct art_input *in, struct graph *g)
{
	size_t n = in->nels;
	g->start = xcalloc(n + 1, sizeof *g->start);
	for (size_t e = 0; e < n; e++)
		g->start[e + 1] += in->els[e].parent >= 0;
	for (size_t l = 0; l < in->nlinks; l++)
		g->start[in->links[l].from + 1]++;
	for (size_t e = 0; e < n; e++)
		g->start[e + 1] += g->start[e];
	size_t total = g->start[n];
	g->to = xcalloc(total ? total : 1, sizeof *g->to);
	size_t *fill = xcalloc(n ? n : 1, sizeof *fill);
	for (size_t e = 0; e < n; e++)
		if (in->els[e].parent >= 0)
			g->to[g->start[e] + fill[e]++] = in->els[e].parent;
	for (size_t l = 0; l < in->nlinks; l++) {
		int f = in->links[l].from;
		g->to[g->start[f] + fill[f]++] = in->links[l].to;
	}
	free(fill);
}

/* For every element, the set of focus objectives it traces to (bitsets of
 * `words` words), by an iterative depth-first walk of the serving graph. A
 * link back into an element still being walked (a cycle, which the alignment
 * check prevents) contributes nothing. */
static void reach(const struct art_input *in, const struct graph *g, const int *obj, size_t words, uint64_t *bits)
{
	size_t n = in->nels;
	unsigned char *state = xcalloc(n ? n : 1, 1); /* 0 new, 1 walking, 2 done */
	int *stack = xcalloc(2 * (g->start[n] + n) + 2, sizeof *stack);
	for (size_t root = 0; root < n; root++) {
		if (state[root])
			continue;
		size_t top = 0;
		stack[top++] = (int)root;
		while (top) {
			int e = stack[top - 1];
			if (state[e] == 0) {
				state[e] = 1;
				if (obj[e] >= 0)
					bits[(size_t)e * words + (size_t)obj[e] / 64] |= 1ull << (obj[e] % 64);
				for (size_t k = g->start[e]; k < g->start[e + 1]; k++)
					if (state[g->to[k]] == 0)
						stack[top++] = g->to[k];
				continue;
			}
			top--;
			if (state[e] == 2)
				continue;
			for (size_t k = g->start[e]; k < g->start[e + 1]; k++) {
				int t = g->to[k];
				if (state[t] == 2)
					for (size_t w = 0; w < words; w++)
						bits[(size_t)e * words + w] |= bits[(size_t)t * words + w];
			}
			state[e] = 2;
		}
	}
	free(stack);
	free(state);
}

static bool any_bit(const uint64_t *b, size_t words)
{
	for (size_t w = 0; w < words; w++)
		if (b[w])
			return true;
	return false;
}

/* Adds amount to the rows it falls in (hit), split as the top of
 * articulation.h says: amount / k each, the first (amount mod k) one cent more. */
static void split_add(int64_t *rows, const bool *hit, size_t nrows, int64_t amount)
{
	int64_t k = 0;
	for (size_t r = 0; r < nrows; r++)
		k += hit[r];
	if (k == 0)
		return;
	int64_t part = amount / k, extra = amount % k;
	for (size_t r = 0; r < nrows; r++)
		if (hit[r]) {
			money_add(rows[r], part + (extra > 0), &rows[r]);
			extra -= extra > 0;
		}
}

void articulation_shares_bp(const int64_t *rows, size_t n, int64_t total, int64_t *bp)
{
	memset(bp, 0, n * sizeof *bp);
	if (total <= 0 || n == 0)
		return;
	__int128 *rem = xcalloc(n, sizeof *rem);
	int64_t given = 0;
	for (size_t i = 0; i < n; i++) {
		__int128 num = (__int128)rows[i] * 10000;
		bp[i] = (int64_t)(num / total);
		rem[i] = num % total;
		given += bp[i];
	}
	/* the hundredths still to give, one each to the largest remainders */
	for (int64_t left = 10000 - given; left > 0; left--) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (rem[i] > 0 && (best == n || rem[i] > rem[best]))
				best = i;
		if (best == n)
			break;
		bp[best]++;
		rem[best] = 0;
	}
	free(rem);
}

int articulation_compute(struct art_input *in, struct art_result *out)
{
	memset(out, 0, sizeof *out);
	set_groups(in);
	size_t n = in->nels;
	const struct art_element *els = in->els;

	/* the focus PDC's objectives and axes */
	int *obj = xcalloc(n ? n : 1, sizeof *obj);
	for (size_t e = 0; e < n; e++) {
		const struct art_plan *pl = &in->plans[els[e].plan];
		obj[e] = -1;
		if (pl->group != ART_FOCUS || !str_eq(pl->instrument, "pdc"))
			continue;
		if (str_eq(els[e].kind, "objective"))
			obj[e] = (int)out->nobjectives++;
		else if (str_eq(els[e].kind, "axis"))
			out->naxes++;
	}
	out->objectives = xcalloc(out->nobjectives ? out->nobjectives : 1, sizeof *out->objectives);
	out->axes = xcalloc(out->naxes ? out->naxes : 1, sizeof *out->axes);
	int *axis_index = xcalloc(n ? n : 1, sizeof *axis_index);
	size_t na = 0;
	for (size_t e = 0; e < n; e++) {
		axis_index[e] = -1;
		const struct art_plan *pl = &in->plans[els[e].plan];
		if (pl->group == ART_FOCUS && str_eq(pl->instrument, "pdc") && str_eq(els[e].kind, "axis")) {
			axis_index[e] = (int)na;
			out->axes[na++].element = (int)e;
		}
		if (obj[e] >= 0) {
			struct art_objective *o = &out->objectives[obj[e]];
			o->element = (int)e;
			o->axis = -1;
			for (int p = els[e].parent; p >= 0; p = els[p].parent)
				if (str_eq(els[p].kind, "axis")) {
					o->axis = axis_index[p] >= 0 ? axis_index[p] : -1;
					break;
				}
		}
	}

	/* what each element traces to */
	size_t words = (out->nobjectives + 63) / 64;
	if (words == 0)
		words = 1;
	uint64_t *bits = xcalloc(n ? n * words : 1, sizeof *bits);
	struct graph g;
	graph_build(in, &g);
	reach(in, &g, obj, words, bits);
	out->traces = xcalloc(n ? n : 1, sizeof *out->traces);
	for (size_t e = 0; e < n; e++)
		out->traces[e] = any_bit(&bits[e * words], words);

	/* unaligned: no alignment on the element, above it or below it */
	bool *has = xcalloc(n ? n : 1, sizeof *has), *below = xcalloc(n ? n : 1, sizeof *below);
	for (size_t e = 0; e < n; e++)
		has[e] = els[e].aligned;
	for (size_t l = 0; l < in->nlinks; l++)
		has[in->links[l].from] = true;
	out->inside = xcalloc(n ? n : 1, sizeof *out->inside);
	for (size_t e = 0; e < n; e++) {
		out->inside[e]++;
		int depth = 0;
		for (int p = els[e].parent; p >= 0 && depth < PLAN_MAX_DEPTH * 4; p = els[p].parent, depth++) {
			out->inside[p]++;
			if (has[e])
				below[p] = true;
		}
	}
	bool *covered = xcalloc(n ? n : 1, sizeof *covered);
	for (size_t e = 0; e < n; e++) {
		bool above = false;
		int depth = 0;
		for (int p = els[e].parent; p >= 0 && !above && depth < PLAN_MAX_DEPTH * 4; p = els[p].parent, depth++)
			above = has[p];
		covered[e] = has[e] || below[e] || above;
	}
	out->unaligned = xcalloc(n ? n : 1, sizeof *out->unaligned);
	out->inner = xcalloc(in->ninner ? in->ninner : 1, sizeof *out->inner);
	out->ninner = in->ninner;
	int *plan_inner = xcalloc(in->nplans ? in->nplans : 1, sizeof *plan_inner);
	for (size_t p = 0; p < in->nplans; p++) {
		plan_inner[p] = -1;
		for (size_t k = 0; k < in->ninner; k++)
			if (str_eq(in->plans[p].government, in->inner[k]))
				plan_inner[p] = (int)k;
		if (plan_inner[p] >= 0)
			out->inner[plan_inner[p]].plans++;
	}
	size_t cells = out->nobjectives * in->ninner;
	out->matrix = xcalloc(cells ? cells : 1, sizeof *out->matrix);
	for (size_t e = 0; e < n; e++) {
		const struct art_plan *pl = &in->plans[els[e].plan];
		int ig = plan_inner[els[e].plan];
		bool top_unaligned = pl->expects && !covered[e] && (els[e].parent < 0 || covered[els[e].parent]);
		if (top_unaligned && pl->group == ART_FOCUS)
			out->unaligned[out->nunaligned++] = (int)e;
		if (ig >= 0) {
			out->inner[ig].elements++;
			out->inner[ig].unaligned += top_unaligned;
		}
		bool objective = str_eq(els[e].kind, "objective"), indicator = str_eq(els[e].kind, "indicator");
		if (objective && ig >= 0) {
			out->inner[ig].objectives++;
			out->inner[ig].traced += out->traces[e];
		}
		for (size_t x = 0; x < out->nobjectives; x++) {
			if (!(bits[e * words + x / 64] & (1ull << (x % 64))))
				continue;
			struct art_objective *o = &out->objectives[x];
			if (objective && pl->group == ART_FOCUS && !str_eq(pl->instrument, "pdc"))
				o->institutional++;
			if (objective && pl->group == ART_INNER) {
				o->inner++;
				if (ig >= 0)
					out->matrix[x * in->ninner + (size_t)ig]++;
			}
			if (indicator)
				o->indicators++;
		}
	}

	/* items of other areas: projects, budget lines, indicators */
	size_t nrows = ART_ROWS(out->naxes);
	int64_t *rows = xcalloc(nrows, sizeof *rows);
	out->untraced_items = xcalloc(in->nitems ? in->nitems : 1, sizeof *out->untraced_items);
	size_t ninner = in->ninner, cellsn = out->nobjectives * ninner;
	out->matrix_projects = xcalloc(cellsn ? cellsn : 1, sizeof *out->matrix_projects);
	out->matrix_budget = xcalloc(cellsn ? cellsn : 1, sizeof *out->matrix_budget);
	for (size_t k = 0; k < ninner; k++) {
		out->inner[k].rows = xcalloc(nrows, sizeof *out->inner[k].rows);
		out->inner[k].rows_bp = xcalloc(nrows, sizeof *out->inner[k].rows_bp);
	}
	uint64_t *ib = xcalloc(words, sizeof *ib);
	bool *row_hit = xcalloc(nrows, sizeof *row_hit);
	for (size_t i = 0; i < in->nitems; i++) {
		const struct art_item *it = &in->items[i];
		int ig = -1;
		bool focus = !it->government || str_eq(it->government, in->focus);
		for (size_t k = 0; !focus && k < ninner && ig < 0; k++)
			if (str_eq(it->government, in->inner[k]))
				ig = (int)k;
		if (!focus && ig < 0)
			continue; /* a higher or unrelated government's item */
		memset(ib, 0, words * sizeof *ib);
		for (size_t k = 0; k < it->nelements; k++) {
			int el = it->elements[k];
			if (el >= 0 && (size_t)el < n)
				for (size_t w = 0; w < words; w++)
					ib[w] |= bits[(size_t)el * words + w];
		}
		bool traced = any_bit(ib, words), money = it->budget >= 0;
		/* which rows of the partition it falls in */
		memset(row_hit, 0, nrows * sizeof *row_hit);
		if (!traced)
			row_hit[ART_ROW_UNTRACED(out->naxes)] = true;
		for (size_t x = 0; x < out->nobjectives && traced; x++)
			if (ib[x / 64] & (1ull << (x % 64))) {
				int ax = out->objectives[x].axis;
				row_hit[ax >= 0 ? (size_t)ax : ART_ROW_NO_AXIS(out->naxes)] = true;
			}
		struct art_inner *gi = ig >= 0 ? &out->inner[ig] : NULL;
		if (money) {
			out->have_budget = true;
			split_add(gi ? gi->rows : rows, row_hit, nrows, it->budget);
		}
		if (gi) {
			gi->projects += it->project;
			gi->projects_traced += it->project && traced;
			if (money) {
				money_add(gi->budget, it->budget, &gi->budget);
				if (traced)
					money_add(gi->budget_traced, it->budget, &gi->budget_traced);
			}
			for (size_t x = 0; x < out->nobjectives && traced; x++)
				if (ib[x / 64] & (1ull << (x % 64))) {
					size_t cell = x * ninner + (size_t)ig;
					out->matrix_projects[cell] += it->project;
					if (money)
						money_add(out->matrix_budget[cell], it->budget, &out->matrix_budget[cell]);
				}
			continue;
		}
		out->projects += it->project;
		if (money)
			money_add(out->budget_total, it->budget, &out->budget_total);
		if (!traced) {
			out->untraced_items[out->nuntraced++] = (int)i;
			out->projects_untraced += it->project;
			if (money)
				money_add(out->budget_untraced, it->budget, &out->budget_untraced);
			continue;
		}
		/* a measured indicator attached to an indicator element is that
		 * element, already counted: not a second indicator */
		bool same_as_element = false;
		for (size_t k = 0; it->indicator && k < it->nelements; k++) {
			int el = it->elements[k];
			if (el >= 0 && (size_t)el < n && str_eq(els[el].kind, "indicator"))
				same_as_element = true;
		}
		for (size_t x = 0; x < out->nobjectives; x++) {
			if (!(ib[x / 64] & (1ull << (x % 64))))
				continue;
			struct art_objective *o = &out->objectives[x];
			o->projects += it->project;
			o->indicators += it->indicator && !same_as_element;
			if (money)
				money_add(o->budget, it->budget, &o->budget);
		}
	}
	for (size_t a = 0; a < out->naxes; a++)
		out->axes[a].budget = rows[a];
	out->budget_no_axis = rows[ART_ROW_NO_AXIS(out->naxes)];
	int64_t *bp = xcalloc(nrows, sizeof *bp);
	articulation_shares_bp(rows, nrows, out->budget_total, bp);
	for (size_t a = 0; a < out->naxes; a++)
		out->axes[a].share_bp = bp[a];
	out->share_no_axis_bp = bp[ART_ROW_NO_AXIS(out->naxes)];
	out->share_untraced_bp = bp[ART_ROW_UNTRACED(out->naxes)];
	for (size_t k = 0; k < ninner; k++)
		articulation_shares_bp(out->inner[k].rows, nrows, out->inner[k].budget, out->inner[k].rows_bp);
	free(bp);
	free(rows);
	free(row_hit);
	free(ib);

	free(plan_inner);
	free(covered);
	free(has);
	free(below);
	free(g.start);
	free(g.to);
	free(bits);
	free(axis_index);
	free(obj);
	return 0;
}

void articulation_release(struct art_result *r)
{
	free(r->objectives);
	free(r->axes);
	free(r->unaligned);
	free(r->inside);
	free(r->traces);
	free(r->untraced_items);
	for (size_t k = 0; r->inner && k < r->ninner; k++) {
		free(r->inner[k].rows);
		free(r->inner[k].rows_bp);
	}
	free(r->inner);
	free(r->matrix);
	free(r->matrix_projects);
	free(r->matrix_budget);
	memset(r, 0, sizeof *r);
}
