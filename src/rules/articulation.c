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
	out->untraced_items = xcalloc(in->nitems ? in->nitems : 1, sizeof *out->untraced_items);
	bool *axis_seen = xcalloc(out->naxes ? out->naxes : 1, sizeof *axis_seen);
	for (size_t i = 0; i < in->nitems; i++) {
		const struct art_item *it = &in->items[i];
		bool money = it->budget >= 0;
		if (money) {
			out->have_budget = true;
			money_add(out->budget_total, it->budget, &out->budget_total);
		}
		const uint64_t *b = it->element >= 0 ? &bits[(size_t)it->element * words] : NULL;
		if (!b || !any_bit(b, words)) {
			out->untraced_items[out->nuntraced++] = (int)i;
			if (money)
				money_add(out->budget_untraced, it->budget, &out->budget_untraced);
			continue;
		}
		/* a measured indicator attached to an indicator element is that
		 * element, already counted: not a second indicator */
		bool same_as_element = it->indicator && str_eq(els[it->element].kind, "indicator");
		memset(axis_seen, 0, (out->naxes ? out->naxes : 1) * sizeof *axis_seen);
		for (size_t x = 0; x < out->nobjectives; x++) {
			if (!(b[x / 64] & (1ull << (x % 64))))
				continue;
			struct art_objective *o = &out->objectives[x];
			o->projects += it->project;
			o->indicators += it->indicator && !same_as_element;
			if (money) {
				money_add(o->budget, it->budget, &o->budget);
				if (o->axis >= 0 && !axis_seen[o->axis]) {
					axis_seen[o->axis] = true;
					money_add(out->axes[o->axis].budget, it->budget, &out->axes[o->axis].budget);
				}
			}
		}
	}
	for (size_t a = 0; a < out->naxes; a++)
		out->axes[a].share_bp = money_percent_bp(out->axes[a].budget, out->budget_total);

	free(axis_seen);
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
	free(r->inner);
	free(r->matrix);
	memset(r, 0, sizeof *r);
}
