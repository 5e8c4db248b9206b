/* articulation.c — loads the plans in force, their elements and alignments and
 * the items of the articulation sources, computes the report's figures
 * (rules/articulation.c) and writes them as JSON and XLSX. */
#include "core/compat.h"
#include "domain/articulation.h"
#include "domain/xlsx_doc.h"
#include "domain/plan.h"
#include "domain/territory.h"
#include "core/json.h"
#include "core/map.h"
#include "core/money.h"
#include "core/xalloc.h"
#include "rules/articulation.h"

#include <sys/stat.h>
#include <xlsxwriter.h>

/* ---- items of other areas ---- */

struct element_filter {
	int64_t element_id;
	artic_item_cb cb;
	void *arg;
};

static int only_element(const struct artic_item *it, void *arg)
{
	struct element_filter *f = arg;
	return it->element_id == f->element_id ? f->cb(it, f->arg) : 0;
}

int articulation_items_for_element(struct db_conn *c, int64_t element_id, artic_item_cb cb, void *arg,
				   struct err *e)
{
	struct artic_query q = { .element_id = element_id };
	struct element_filter f = { element_id, cb, arg };
	for (const struct artic_source *const *s = artic_sources; *s; s++) {
		int rc = (*s)->items(c, &q, only_element, &f, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- loading ---- */

struct load {
	struct art_plan *plans;
	json_t **plan_json;           /* plan_to_json of each plan */
	size_t nplans, cap_plans;
	struct art_element *els;
	json_t **el_json;             /* the tree objects (borrowed from the trees) */
	size_t nels, cap_els;
	json_t *trees;                /* keeps the trees alive */
	struct art_link *links;
	size_t nlinks, cap_links;
	struct art_item *items;
	json_t *item_json;            /* array of item objects */
	size_t nitems, cap_items;
	struct map item_index;        /* "kind:id" -> index + 1: an item reported for several elements */
	int64_t **item_els;           /* per item: the element ids it serves (0 = none) */
	size_t *item_nels;
	int **item_at;                /* per item: their indices among the loaded elements */
	char (*govs)[7];              /* governments loaded (for the sources) */
	size_t ngovs;
};

static void add_element(struct load *L, int plan, int parent, json_t *o)
{
	if (L->nels == L->cap_els) {
		L->cap_els = L->cap_els ? L->cap_els * 2 : 256;
		L->els = xrealloc(L->els, L->cap_els * sizeof *L->els);
		L->el_json = xrealloc(L->el_json, L->cap_els * sizeof *L->el_json);
	}
	size_t i = L->nels++;
	L->els[i] = (struct art_element){ .id = json_get_int(o, "id", 0), .plan = plan, .parent = parent,
					  .kind = json_get_str(o, "kind", ""),
					  .aligned = json_array_size(json_object_get(o, "aligns_to")) > 0 };
	L->el_json[i] = o;
	size_t k;
	json_t *ch;
	json_array_foreach(json_object_get(o, "children"), k, ch)
		add_element(L, plan, (int)i, ch);
}

struct id_at {
	int64_t id;
	int at;
};

static int cmp_id_at(const void *a, const void *b)
{
	const struct id_at *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int find_at(const struct id_at *ix, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix[mid].id == id)
			return ix[mid].at;
		if (ix[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int load_plans(struct db_conn *c, struct load *L, const char *gov, int64_t year, struct err *e)
{
	struct plan_query q = { .government = gov, .year = year, .limit = 500 };
	json_t *items;
	int64_t total;
	int rc = plan_list(c, &q, &items, &total, e);
	if (rc)
		return rc;
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		if (str_eq(json_get_str(o, "status", ""), "superseded"))
			continue;
		if (L->nplans == L->cap_plans) {
			L->cap_plans = L->cap_plans ? L->cap_plans * 2 : 16;
			L->plans = xrealloc(L->plans, L->cap_plans * sizeof *L->plans);
			L->plan_json = xrealloc(L->plan_json, L->cap_plans * sizeof *L->plan_json);
		}
		size_t p = L->nplans++;
		json_incref(o);
		L->plan_json[p] = o;
		L->plans[p] = (struct art_plan){ .id = json_get_int(o, "id", 0), .government = json_get_str(o, "government", ""),
						 .instrument = json_get_str(o, "instrument", ""),
						 .horizon = plan_horizon_parse(json_get_str(o, "horizon", "")) };
		json_t *tree;
		if ((rc = plan_tree(c, L->plans[p].id, &tree, NULL, e)))
			break;
		json_array_append_new(L->trees, tree);
		size_t k;
		json_t *root;
		json_array_foreach(tree, k, root)
			add_element(L, (int)p, -1, root);
	}
	json_decref(items);
	return rc;
}

static int collect_item(const struct artic_item *it, void *arg)
{
	struct load *L = arg;
	char key[80];
	snprintf(key, sizeof key, "%s:%lld", it->kind, (long long)it->id);
	size_t at = (size_t)(uintptr_t)map_get(&L->item_index, key);
	if (at) { /* the same item again: one more element it serves */
		at--;
		if (it->element_id) {
			L->item_els[at] = xrealloc(L->item_els[at], (L->item_nels[at] + 1) * sizeof **L->item_els);
			L->item_els[at][L->item_nels[at]++] = it->element_id;
			json_array_append_new(json_object_get(json_array_get(L->item_json, at), "element_ids"),
					      json_integer(it->element_id));
		}
		return 0;
	}
	if (L->nitems == L->cap_items) {
		L->cap_items = L->cap_items ? L->cap_items * 2 : 64;
		L->items = xrealloc(L->items, L->cap_items * sizeof *L->items);
		L->item_els = xrealloc(L->item_els, L->cap_items * sizeof *L->item_els);
		L->item_nels = xrealloc(L->item_nels, L->cap_items * sizeof *L->item_nels);
		L->item_at = xrealloc(L->item_at, L->cap_items * sizeof *L->item_at);
	}
	size_t i = L->nitems++;
	map_put(&L->item_index, key, (void *)(uintptr_t)(i + 1));
	L->items[i] = (struct art_item){ .budget = it->budget, .project = str_eq(it->kind, "project"),
					 .indicator = str_eq(it->kind, "indicator") };
	L->item_els[i] = NULL;
	L->item_nels[i] = 0;
	L->item_at[i] = NULL;
	json_t *o = json_object();
	json_t *ids = json_array();
	if (it->element_id) {
		L->item_els[i] = xmalloc(sizeof **L->item_els);
		L->item_els[i][0] = it->element_id;
		L->item_nels[i] = 1;
		json_array_append_new(ids, json_integer(it->element_id));
	}
	json_set_str(o, "kind", it->kind);
	json_set_int(o, "id", it->id);
	json_set_str(o, "code", it->code);
	json_set_str(o, "title", it->title);
	json_set_str(o, "href", it->href);
	json_set_str(o, "government", it->government);
	json_object_set_new(o, "element_ids", ids);
	if (it->budget >= 0)
		json_set_int(o, "budget", it->budget);
	else
		json_object_set_new(o, "budget", json_null());
	json_array_append_new(L->item_json, o);
	return 0;
}

static void load_free(struct load *L)
{
	for (size_t p = 0; p < L->nplans; p++)
		json_decref(L->plan_json[p]);
	free(L->plans);
	free(L->plan_json);
	free(L->els);
	free(L->el_json);
	json_decref(L->trees);
	free(L->links);
	for (size_t i = 0; i < L->nitems; i++) {
		free(L->item_els[i]);
		free(L->item_at[i]);
	}
	free(L->items);
	free(L->item_els);
	free(L->item_nels);
	free(L->item_at);
	map_release(&L->item_index, NULL);
	json_decref(L->item_json);
	free(L->govs);
}

/* ---- the report ---- */

static json_t *element_ref(const struct load *L, int e)
{
	const json_t *src = L->el_json[e];
	json_t *o = json_object();
	json_set_int(o, "id", json_get_int(src, "id", 0));
	json_set_str(o, "code", json_get_str(src, "code", ""));
	json_set_str(o, "kind", json_get_str(src, "kind", ""));
	json_set_str(o, "title", json_get_str(src, "title", ""));
	json_set_int(o, "plan_id", L->plans[L->els[e].plan].id);
	json_set_str(o, "plan", json_get_str(L->plan_json[L->els[e].plan], "label", ""));
	return o;
}

static json_t *money_or_null(bool connected, int64_t cents)
{
	return connected ? json_integer(cents) : json_null();
}

/* "share_pct" (a number with two decimals: 12.34) and "share_bp" (1234), or nulls. */
static void set_share(json_t *o, bool known, int64_t bp)
{
	json_object_set_new(o, "share_pct", known ? json_real((double)bp / 100.0) : json_null());
	json_object_set_new(o, "share_bp", known ? json_integer(bp) : json_null());
}

static json_t *plan_summary(const struct load *L, const struct art_result *r, size_t p)
{
	json_t *o = json_object();
	const json_t *pj = L->plan_json[p];
	static const char *const keys[] = { "id", "label", "title", "instrument", "instrument_abbr", "instrument_name",
					    "government", "government_name", "status", "version", "start_year",
					    "end_year", "horizon", NULL };
	for (const char *const *k = keys; *k; k++)
		json_object_set(o, *k, json_object_get(pj, *k));
	int64_t n = 0, aligned = 0, unaligned = 0;
	for (size_t e = 0; e < L->nels; e++) {
		if (L->els[e].plan != (int)p)
			continue;
		n++;
		aligned += L->els[e].aligned;
	}
	for (size_t u = 0; u < r->nunaligned; u++)
		unaligned += L->els[r->unaligned[u]].plan == (int)p;
	json_set_int(o, "elements", n);
	json_set_int(o, "aligned", aligned);
	json_set_bool(o, "expects_alignment", L->plans[p].expects);
	json_set_int(o, "unaligned", unaligned);
	return o;
}

int articulation_report(struct db_conn *c, const char *territory, int64_t year, json_t **out, struct err *e)
{
	*out = NULL;
	struct government g;
	struct territory t;
	int rc = government_for(c, territory, &g, e);
	if (!rc)
		rc = territory_get(c, g.code, &t, e);
	if (rc)
		return rc;
	if (year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX)
		return err_set(e, ERR_INVALID, "The year must be between %d and %d", PLAN_YEAR_MIN, PLAN_YEAR_MAX);

	struct load L = { 0 };
	L.trees = json_array();
	L.item_json = json_array();
	map_init(&L.item_index);
	/* the focus government, the ones containing it, and the ones inside it */
	size_t glen = strlen(g.code);
	L.govs = xcalloc(4 + 256, sizeof *L.govs);
	for (size_t l = 2; l < glen; l += 2)
		snprintf(L.govs[L.ngovs++], 7, "%.*s", (int)l, g.code);
	snprintf(L.govs[L.ngovs++], 7, "%s", g.code);
	size_t first_inner = L.ngovs;
	json_t *inner_govs = json_array();
	if (t.level != TERR_DISTRICT) {
		struct db_stmt *st = db_prepare(c,
			"SELECT g.code, g.name FROM government g JOIN territory t ON t.code = g.code WHERE t.parent_code = ?"
			" ORDER BY g.code", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_text(st, 1, g.code);
			while ((rc = db_step(st, e)) == DB_ROW && L.ngovs < 4 + 256) {
				snprintf(L.govs[L.ngovs++], 7, "%s", db_col_text(st, 0));
				json_t *o = json_object();
				json_set_str(o, "code", db_col_text(st, 0));
				json_set_str(o, "name", db_col_text(st, 1));
				json_array_append_new(inner_govs, o);
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	for (size_t k = 0; k < L.ngovs && !rc; k++)
		rc = load_plans(c, &L, L.govs[k], year, e);

	/* alignments between loaded elements */
	struct id_at *ix = xcalloc(L.nels ? L.nels : 1, sizeof *ix);
	for (size_t i = 0; i < L.nels; i++)
		ix[i] = (struct id_at){ L.els[i].id, (int)i };
	qsort(ix, L.nels, sizeof *ix, cmp_id_at);
	for (size_t i = 0; i < L.nels && !rc; i++) {
		size_t k;
		json_t *tg;
		json_array_foreach(json_object_get(L.el_json[i], "aligns_to"), k, tg) {
			int to = find_at(ix, L.nels, json_get_int(tg, "id", 0));
			if (to < 0)
				continue;
			if (L.nlinks == L.cap_links) {
				L.cap_links = L.cap_links ? L.cap_links * 2 : 128;
				L.links = xrealloc(L.links, L.cap_links * sizeof *L.links);
			}
			L.links[L.nlinks++] = (struct art_link){ (int)i, to };
		}
	}
	/* items of the other areas */
	/* the items of the focus government and of the inner ones (the report counts no others) */
	const char **govp = xcalloc(L.ngovs ? L.ngovs : 1, sizeof *govp);
	size_t ngovp = 0;
	for (size_t k = first_inner - 1; k < L.ngovs; k++)
		govp[ngovp++] = L.govs[k];
	bool projects_connected = false, budget_connected = false;
	json_t *sources = json_array();
	for (const struct artic_source *const *s = artic_sources; *s && !rc; s++) {
		struct artic_query q = { .governments = govp, .ngovernments = ngovp, .year = year };
		rc = (*s)->items(c, &q, collect_item, &L, e);
		json_t *so = json_object();
		json_set_str(so, "name", tr(e->lang, (*s)->name));
		json_set_str(so, "kinds", (*s)->kinds);
		json_array_append_new(sources, so);
		projects_connected |= strstr((*s)->kinds, "project") != NULL;
		budget_connected |= strstr((*s)->kinds, "budget_line") != NULL || strstr((*s)->kinds, "project") != NULL;
	}
	free(govp);
	for (size_t i = 0; i < L.nitems; i++) {
		/* the elements it serves among those loaded (others: plans not in force) */
		L.item_at[i] = xcalloc(L.item_nels[i] ? L.item_nels[i] : 1, sizeof **L.item_at);
		size_t k = 0;
		for (size_t j = 0; j < L.item_nels[i]; j++) {
			int at = find_at(ix, L.nels, L.item_els[i][j]);
			if (at >= 0)
				L.item_at[i][k++] = at;
		}
		L.items[i].elements = L.item_at[i];
		L.items[i].nelements = k;
		L.items[i].government = json_get_str(json_array_get(L.item_json, i), "government", "");
	}
	free(ix);
	if (rc) {
		json_decref(sources);
		json_decref(inner_govs);
		load_free(&L);
		return rc;
	}

	const char **inner = xcalloc(L.ngovs ? L.ngovs : 1, sizeof *inner);
	size_t ninner = 0;
	for (size_t k = first_inner; k < L.ngovs; k++)
		inner[ninner++] = L.govs[k];
	struct art_input in = { .focus = g.code, .plans = L.plans, .nplans = L.nplans, .els = L.els, .nels = L.nels,
				.links = L.links, .nlinks = L.nlinks, .items = L.items, .nitems = L.nitems,
				.inner = inner, .ninner = ninner };
	struct art_result r;
	articulation_compute(&in, &r);

	json_t *o = json_object();
	json_t *terr = json_object();
	json_set_str(terr, "code", t.code);
	json_set_str(terr, "name", t.name);
	json_set_str(terr, "level", territory_level_name(t.level));
	json_object_set_new(o, "territory", terr);
	json_object_set_new(o, "government", government_to_json(&g));
	json_set_int(o, "year", year);
	json_t *plans = json_array(), *context = json_array();
	int64_t n_elements = 0, n_unaligned = (int64_t)r.nunaligned;
	enum plan_horizon shortest = HORIZON_LONG;
	for (size_t p = 0; p < L.nplans; p++)
		if (L.plans[p].group == ART_FOCUS && L.plans[p].horizon < shortest)
			shortest = L.plans[p].horizon;
	for (size_t p = 0; p < L.nplans; p++) {
		if (L.plans[p].group == ART_FOCUS) {
			json_array_append_new(plans, plan_summary(&L, &r, p));
			for (size_t x = 0; x < L.nels; x++)
				n_elements += L.els[x].plan == (int)p;
		} else if (L.plans[p].group == ART_HIGHER && L.plans[p].horizon >= shortest) {
			/* the plans above that the government's plans may serve */
			json_array_append_new(context, plan_summary(&L, &r, p));
		}
	}
	json_object_set_new(o, "plans", plans);
	json_object_set_new(o, "higher_plans", context);
	json_object_set_new(o, "sources", sources);
	json_set_bool(o, "projects_connected", projects_connected);
	json_set_bool(o, "budget_connected", budget_connected);

	json_t *cov = json_array();
	int64_t served = 0;
	for (size_t x = 0; x < r.nobjectives; x++) {
		const struct art_objective *ob = &r.objectives[x];
		json_t *co = element_ref(&L, ob->element);
		if (ob->axis >= 0) {
			const json_t *ax = L.el_json[r.axes[ob->axis].element];
			json_set_str(co, "axis_code", json_get_str(ax, "code", ""));
			json_set_str(co, "axis_title", json_get_str(ax, "title", ""));
		} else {
			json_object_set_new(co, "axis_code", json_null());
			json_object_set_new(co, "axis_title", json_null());
		}
		json_set_int(co, "institutional", ob->institutional);
		json_set_int(co, "inner", ob->inner);
		json_set_int(co, "indicators", ob->indicators);
		json_object_set_new(co, "projects", projects_connected ? json_integer(ob->projects) : json_null());
		json_object_set_new(co, "budget", money_or_null(budget_connected, ob->budget));
		json_set_bool(co, "served", ob->institutional + ob->inner + ob->projects > 0);
		served += ob->institutional + ob->inner + ob->projects > 0;
		json_array_append_new(cov, co);
	}
	json_object_set_new(o, "coverage", cov);

	json_t *axes = json_array();
	for (size_t a = 0; a < r.naxes; a++) {
		json_t *ao = element_ref(&L, r.axes[a].element);
		json_object_set_new(ao, "budget", money_or_null(budget_connected, r.axes[a].budget));
		set_share(ao, budget_connected && r.budget_total > 0, r.axes[a].share_bp);
		json_array_append_new(axes, ao);
	}
	json_object_set_new(o, "axes", axes);

	json_t *un = json_array();
	for (size_t u = 0; u < r.nunaligned; u++) {
		json_t *uo = element_ref(&L, r.unaligned[u]);
		json_set_int(uo, "inside", r.inside[r.unaligned[u]]);
		json_array_append_new(un, uo);
	}
	json_object_set_new(o, "unaligned", un);

	json_t *ut = json_array();
	for (size_t i = 0; i < r.nuntraced; i++)
		json_array_append(ut, json_array_get(L.item_json, (size_t)r.untraced_items[i]));
	json_object_set_new(o, "untraced_items", L.nitems || artic_sources[0] ? ut : (json_decref(ut), json_null()));
	/* the partition's other two rows: axes + no axis + untraced = total */
	json_t *budget = json_object();
	bool shares = budget_connected && r.budget_total > 0;
	json_object_set_new(budget, "total", money_or_null(budget_connected, r.budget_total));
	json_object_set_new(budget, "no_axis", money_or_null(budget_connected, r.budget_no_axis));
	json_t *nx = json_object();
	set_share(nx, shares, r.share_no_axis_bp);
	json_object_set_new(budget, "no_axis_share", nx);
	json_object_set_new(budget, "untraced", money_or_null(budget_connected, r.budget_untraced));
	json_t *ux = json_object();
	set_share(ux, shares, r.share_untraced_bp);
	json_object_set_new(budget, "untraced_share", ux);
	json_object_set_new(o, "budget", budget);

	json_t *summary = json_object();
	json_set_int(summary, "plans", (int64_t)json_array_size(plans));
	json_set_int(summary, "elements", n_elements);
	json_set_int(summary, "unaligned", n_unaligned);
	json_set_int(summary, "objectives", (int64_t)r.nobjectives);
	json_set_int(summary, "objectives_served", served);
	json_object_set_new(summary, "projects", projects_connected ? json_integer(r.projects) : json_null());
	json_object_set_new(summary, "projects_untraced", projects_connected ? json_integer(r.projects_untraced) : json_null());
	json_object_set_new(o, "summary", summary);

	if (t.level != TERR_DISTRICT) {
		json_t *io = json_object();
		json_set_str(io, "level", t.level == TERR_REGION ? "province" : "district");
		size_t k;
		json_t *gj;
		json_array_foreach(inner_govs, k, gj) {
			const struct art_inner *ai = &r.inner[k];
			json_t *pl = json_array();
			for (size_t p = 0; p < L.nplans; p++)
				if (str_eq(L.plans[p].government, inner[k]))
					json_array_append_new(pl, plan_summary(&L, &r, p));
			json_object_set_new(gj, "plans", pl);
			json_set_int(gj, "elements", ai->elements);
			json_set_int(gj, "objectives", ai->objectives);
			json_set_int(gj, "traced", ai->traced);
			json_set_int(gj, "unaligned", ai->unaligned);
			json_object_set_new(gj, "traced_pct", ai->objectives
				? json_real((double)money_percent_bp(ai->traced, ai->objectives) / 100.0) : json_null());
			/* its projects and budget, and how they reach the focus PDC */
			json_object_set_new(gj, "projects", projects_connected ? json_integer(ai->projects) : json_null());
			json_object_set_new(gj, "projects_traced", projects_connected ? json_integer(ai->projects_traced) : json_null());
			json_object_set_new(gj, "budget", money_or_null(budget_connected, ai->budget));
			json_object_set_new(gj, "budget_traced", money_or_null(budget_connected, ai->budget_traced));
			json_object_set_new(gj, "budget_traced_pct", budget_connected && ai->budget > 0
				? json_real((double)money_percent_bp(ai->budget_traced, ai->budget) / 100.0) : json_null());
			json_t *rows = json_array();
			for (size_t a = 0; a < ART_ROWS(r.naxes); a++) {
				json_t *ro = json_object();
				json_set_str(ro, "axis", a < r.naxes ? json_get_str(L.el_json[r.axes[a].element], "code", "")
						      : a == ART_ROW_NO_AXIS(r.naxes) ? "no_axis" : "untraced");
				json_object_set_new(ro, "budget", money_or_null(budget_connected, ai->rows[a]));
				set_share(ro, budget_connected && ai->budget > 0, ai->rows_bp[a]);
				json_array_append_new(rows, ro);
			}
			json_object_set_new(gj, "budget_by_axis", rows);
		}
		json_object_set(io, "governments", inner_govs);
		json_t *matrix = json_array();
		for (size_t x = 0; x < r.nobjectives; x++) {
			json_t *row = element_ref(&L, r.objectives[x].element);
			json_t *counts = json_array(), *mp = json_array(), *mb = json_array();
			for (size_t kk = 0; kk < ninner; kk++) {
				json_array_append_new(counts, json_integer(r.matrix[x * ninner + kk]));
				json_array_append_new(mp, projects_connected ? json_integer(r.matrix_projects[x * ninner + kk])
									     : json_null());
				json_array_append_new(mb, money_or_null(budget_connected, r.matrix_budget[x * ninner + kk]));
			}
			json_object_set_new(row, "counts", counts);
			json_object_set_new(row, "projects", mp);
			json_object_set_new(row, "budget", mb);
			json_array_append_new(matrix, row);
		}
		json_object_set_new(io, "matrix", matrix);
		json_object_set_new(o, "inner", io);
	} else {
		json_object_set_new(o, "inner", json_null());
	}
	json_decref(inner_govs);
	free(inner);
	articulation_release(&r);
	load_free(&L);
	*out = o;
	return 0;
}

/* ---- XLSX ---- */

int articulation_xlsx(const json_t *rep, const struct i18n_lang *lang, struct buf *out, struct err *e)
{
	struct xlsx_doc d;
	int rc = xlsx_doc_open(&d, false, e);
	if (rc)
		return rc;
	lxw_workbook *wb = d.wb;
	lxw_format *bold = d.bold;
	lxw_format *money = d.money;
	lxw_format *pct = d.pct;
	const json_t *gov = json_object_get(rep, "government");

	/* summary */
	lxw_worksheet *ws = workbook_add_worksheet(wb, tr(lang, "Summary"));
	worksheet_set_column(ws, 0, 0, 38, NULL);
	worksheet_set_column(ws, 1, 1, 60, NULL);
	int row = 0;
	xlsx_text(ws, row, 0, tr(lang, "Articulation report"), bold);
	xlsx_text(ws, row++, 1, json_get_str(gov, "name", ""), bold);
	xlsx_text(ws, row, 0, tr(lang, "Year"), NULL);
	xlsx_number(ws, row++, 1, json_object_get(rep, "year"), NULL);
	const json_t *sum = json_object_get(rep, "summary");
	static const struct { const char *key, *label; } sums[] = {
		{ "plans", N_("Plans in force") }, { "elements", N_("Elements") },
		{ "unaligned", N_("Unaligned elements") }, { "objectives", N_("Objectives of the Concerted Development Plan") },
		{ "objectives_served", N_("Objectives served") },
	};
	for (size_t i = 0; i < ARRAY_LEN(sums); i++) {
		xlsx_text(ws, row, 0, i18n_get(lang, sums[i].label), NULL);
		xlsx_number(ws, row++, 1, json_object_get(sum, sums[i].key), NULL);
	}
	xlsx_text(ws, row, 0, tr(lang, "Total budget (S/)"), NULL);
	xlsx_hundredths(ws, row++, 1, json_object_get(json_object_get(rep, "budget"), "total"), money);
	row++;
	static const char *const plan_cols[] = { N_("Plan"), N_("Status"), N_("Version"), N_("Elements"),
						 N_("Aligned elements"), N_("Unaligned elements"), NULL };
	for (int i = 0; plan_cols[i]; i++)
		xlsx_text(ws, row, i, i18n_get(lang, plan_cols[i]), bold);
	row++;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(rep, "plans"), i, p) {
		xlsx_text(ws, row, 0, json_get_str(p, "label", ""), NULL);
		xlsx_text(ws, row, 1, i18n_get(lang, plan_status_name(json_get_str(p, "status", ""))), NULL);
		xlsx_number(ws, row, 2, json_object_get(p, "version"), NULL);
		xlsx_number(ws, row, 3, json_object_get(p, "elements"), NULL);
		xlsx_number(ws, row, 4, json_object_get(p, "aligned"), NULL);
		xlsx_number(ws, row, 5, json_object_get(p, "unaligned"), NULL);
		row++;
	}
	static const struct { const char *key, *label; } psum[] = {
		{ "projects", N_("Projects of the year") }, { "projects_untraced", N_("Projects tracing to no objective") },
	};
	for (size_t k = 0; k < ARRAY_LEN(psum); k++)
		if (json_is_integer(json_object_get(sum, psum[k].key))) {
			xlsx_text(ws, row, 0, i18n_get(lang, psum[k].label), NULL);
			xlsx_number(ws, row++, 1, json_object_get(sum, psum[k].key), NULL);
		}
	xlsx_text(ws, row, 0, tr(lang, "Budget tracing to no objective (S/)"), NULL);
	xlsx_hundredths(ws, row++, 1, json_object_get(json_object_get(rep, "budget"), "untraced"), money);
	if (!json_array_size(json_object_get(rep, "sources"))) {
		row++;
		xlsx_text(ws, row, 0, tr(lang, "Projects and budget lines are not connected yet: they appear here once the project bank and the investment plan link them to plan elements."), NULL);
	}

	/* coverage */
	ws = workbook_add_worksheet(wb, tr(lang, "Coverage"));
	static const char *const cov_cols[] = { N_("Axis"), N_("Code"), N_("Objective"), N_("Institutional objectives"),
						N_("Objectives of inner governments"), N_("Indicators"), N_("Projects"),
						N_("Budget (S/)"), NULL };
	xlsx_header(ws, bold, lang, cov_cols);
	worksheet_set_column(ws, 2, 2, 60, NULL);
	row = 1;
	json_array_foreach(json_object_get(rep, "coverage"), i, p) {
		xlsx_text(ws, row, 0, json_get_str(p, "axis_code", ""), NULL);
		xlsx_text(ws, row, 1, json_get_str(p, "code", ""), NULL);
		xlsx_text(ws, row, 2, json_get_str(p, "title", ""), NULL);
		xlsx_number(ws, row, 3, json_object_get(p, "institutional"), NULL);
		xlsx_number(ws, row, 4, json_object_get(p, "inner"), NULL);
		xlsx_number(ws, row, 5, json_object_get(p, "indicators"), NULL);
		xlsx_number(ws, row, 6, json_object_get(p, "projects"), NULL);
		xlsx_hundredths(ws, row, 7, json_object_get(p, "budget"), money);
		row++;
	}

	/* budget by axis: the partition, adding up to the total and to 100 % */
	ws = workbook_add_worksheet(wb, tr(lang, "Budget by axis"));
	static const char *const ax_cols[] = { N_("Code"), N_("Strategic axis"), N_("Budget (S/)"), N_("Share (%)"), NULL };
	xlsx_header(ws, bold, lang, ax_cols);
	worksheet_set_column(ws, 1, 1, 60, NULL);
	row = 1;
	json_array_foreach(json_object_get(rep, "axes"), i, p) {
		xlsx_text(ws, row, 0, json_get_str(p, "code", ""), NULL);
		xlsx_text(ws, row, 1, json_get_str(p, "title", ""), NULL);
		xlsx_hundredths(ws, row, 2, json_object_get(p, "budget"), money);
		xlsx_number(ws, row, 3, json_object_get(p, "share_pct"), pct);
		row++;
	}
	const json_t *bud = json_object_get(rep, "budget");
	xlsx_text(ws, row, 1, tr(lang, "Objectives under no axis"), NULL);
	xlsx_hundredths(ws, row, 2, json_object_get(bud, "no_axis"), money);
	xlsx_number(ws, row++, 3, json_object_get(json_object_get(bud, "no_axis_share"), "share_pct"), pct);
	xlsx_text(ws, row, 1, tr(lang, "Tracing to no objective"), NULL);
	xlsx_hundredths(ws, row, 2, json_object_get(bud, "untraced"), money);
	xlsx_number(ws, row++, 3, json_object_get(json_object_get(bud, "untraced_share"), "share_pct"), pct);
	xlsx_text(ws, row, 1, tr(lang, "Total"), bold);
	xlsx_hundredths(ws, row, 2, json_object_get(bud, "total"), money);
	if (json_integer_value(json_object_get(bud, "total")) > 0)
		worksheet_write_number(ws, (lxw_row_t)row, 3, 100.0, pct);
	row++;

	/* what traces to no objective */
	if (json_is_array(json_object_get(rep, "untraced_items"))) {
		ws = workbook_add_worksheet(wb, tr(lang, "Tracing to no objective"));
		static const char *const ut_cols[] = { N_("Code"), N_("Kind"), N_("Title"), N_("Budget (S/)"), NULL };
		xlsx_header(ws, bold, lang, ut_cols);
		worksheet_set_column(ws, 0, 0, 16, NULL);
		worksheet_set_column(ws, 2, 2, 80, NULL);
		row = 1;
		json_array_foreach(json_object_get(rep, "untraced_items"), i, p) {
			const char *kind = json_get_str(p, "kind", "");
			xlsx_text(ws, row, 0, json_get_str(p, "code", ""), NULL);
			xlsx_text(ws, row, 1, tr(lang, str_eq(kind, "project") ? N_("project") : str_eq(kind, "budget_line")
							 ? N_("budget line") : N_("indicator")), NULL);
			xlsx_text(ws, row, 2, json_get_str(p, "title", ""), NULL);
			if (json_is_integer(json_object_get(p, "budget")))
				xlsx_hundredths(ws, row, 3, json_object_get(p, "budget"), money);
			row++;
		}
	}

	/* unaligned */
	ws = workbook_add_worksheet(wb, tr(lang, "Unaligned"));
	static const char *const un_cols[] = { N_("Plan"), N_("Code"), N_("Element"), N_("Elements inside"), NULL };
	xlsx_header(ws, bold, lang, un_cols);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 2, 2, 60, NULL);
	row = 1;
	json_array_foreach(json_object_get(rep, "unaligned"), i, p) {
		xlsx_text(ws, row, 0, json_get_str(p, "plan", ""), NULL);
		xlsx_text(ws, row, 1, json_get_str(p, "code", ""), NULL);
		xlsx_text(ws, row, 2, json_get_str(p, "title", ""), NULL);
		xlsx_number(ws, row, 3, json_object_get(p, "inside"), NULL);
		row++;
	}

	/* inner governments side by side */
	const json_t *inner = json_object_get(rep, "inner");
	if (json_is_object(inner)) {
		ws = workbook_add_worksheet(wb, i18n_get(lang, str_eq(json_get_str(inner, "level", ""), "province")
									? "Provinces" : "Districts"));
		const json_t *govs = json_object_get(inner, "governments");
		xlsx_text(ws, 0, 0, tr(lang, "Code"), bold);
		xlsx_text(ws, 0, 1, tr(lang, "Objective"), bold);
		worksheet_set_column(ws, 1, 1, 50, NULL);
		static const struct { const char *key, *label; bool money; } rows[] = {
			{ "elements", N_("Elements"), false }, { "objectives", N_("Objectives"), false },
			{ "traced", N_("Objectives tracing to the PDC"), false }, { "unaligned", N_("Unaligned elements"), false },
			{ "projects", N_("Projects"), false }, { "projects_traced", N_("Projects tracing to the PDC"), false },
			{ "budget", N_("Budget (S/)"), true }, { "budget_traced", N_("Budget tracing to the PDC (S/)"), true },
		};
		size_t k;
		json_t *g;
		json_array_foreach(govs, k, g)
			xlsx_text(ws, 0, (int)k + 2, json_get_str(g, "name", ""), bold);
		row = 1;
		for (size_t r = 0; r < ARRAY_LEN(rows); r++, row++) {
			xlsx_text(ws, row, 1, i18n_get(lang, rows[r].label), bold);
			json_array_foreach(govs, k, g) {
				if (rows[r].money)
					xlsx_hundredths(ws, row, (int)k + 2, json_object_get(g, rows[r].key), money);
				else
					xlsx_number(ws, row, (int)k + 2, json_object_get(g, rows[r].key), NULL);
			}
		}
		/* per objective: the inner governments' objectives, projects and budget serving it */
		static const struct { const char *key, *label; bool money; } blocks[] = {
			{ "counts", N_("Objectives tracing to the PDC"), false }, { "projects", N_("Projects"), false },
			{ "budget", N_("Budget (S/)"), true },
		};
		for (size_t bl = 0; bl < ARRAY_LEN(blocks); bl++) {
			row++;
			xlsx_text(ws, row++, 1, i18n_get(lang, blocks[bl].label), bold);
			json_array_foreach(json_object_get(inner, "matrix"), i, p) {
				xlsx_text(ws, row, 0, json_get_str(p, "code", ""), NULL);
				xlsx_text(ws, row, 1, json_get_str(p, "title", ""), NULL);
				json_array_foreach(json_object_get(p, blocks[bl].key), k, g) {
					if (blocks[bl].money)
						xlsx_hundredths(ws, row, (int)k + 2, g, money);
					else
						xlsx_number(ws, row, (int)k + 2, g, NULL);
				}
				row++;
			}
		}
		/* each one's budget per axis (%) */
		row++;
		xlsx_text(ws, row++, 1, tr(lang, "Share of the budget per strategic axis"), bold);
		size_t naxes = json_array_size(json_object_get(rep, "axes"));
		for (size_t a = 0; a < naxes + 2; a++) {
			const json_t *ax = json_array_get(json_object_get(rep, "axes"), a);
			xlsx_text(ws, row, 0, ax ? json_get_str(ax, "code", "") : "", NULL);
			xlsx_text(ws, row, 1, ax ? json_get_str(ax, "title", "") : tr(lang, a == naxes ? N_("Objectives under no axis")
												 : N_("Tracing to no objective")), NULL);
			json_array_foreach(govs, k, g)
				xlsx_number(ws, row, (int)k + 2,
				   json_object_get(json_array_get(json_object_get(g, "budget_by_axis"), a), "share_pct"), pct);
			row++;
		}
	}

	return xlsx_doc_finish(&d, out, e);
}
