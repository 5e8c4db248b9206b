/* indicator_dash.c — the live dashboards' data: a government's indicators
 * rolled up to its plans (and their axes), projects and programmes; and the
 * view over the places inside a province or a region, with the aggregable
 * series summed per place. Computed on every request from the tables (no batch
 * rebuild): three queries load a whole region's indicators, targets and
 * approved values; the rest is arithmetic in rules/indicator_rules.c. */
#include "core/compat.h"
#include "domain/indicator.h"
#include "domain/indicator_int.h"
#include "domain/invest.h"
#include "domain/plan.h"
#include "domain/territory.h"
#include "core/json.h"
#include "core/xalloc.h"

/* ---- roll-up to plans ---- */

struct el_node {
	int64_t id;
	int parent;                 /* index, -1 at the top */
	int plan;                   /* index of its plan */
	json_t *json;               /* the tree object (borrowed) */
	struct ind_rollup roll;     /* indicators on it or under it */
};

struct el_map {
	struct el_node *n;
	size_t count, cap;
};

static void walk(struct el_map *m, int plan, int parent, json_t *o)
{
	if (m->count == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 128;
		m->n = xrealloc(m->n, m->cap * sizeof *m->n);
	}
	size_t i = m->count++;
	m->n[i] = (struct el_node){ .id = json_get_int(o, "id", 0), .parent = parent, .plan = plan, .json = o };
	ind_rollup_init(&m->n[i].roll);
	size_t k;
	json_t *ch;
	json_array_foreach(json_object_get(o, "children"), k, ch)
		walk(m, plan, (int)i, ch);
}

static json_t *element_json(const struct el_node *n, int64_t plan_id, const struct ind_thresholds *th)
{
	struct ind_rollup r = n->roll;
	ind_rollup_finish(&r, th);
	json_t *o = json_object();
	json_set_int(o, "id", n->id);
	json_set_int(o, "plan_id", plan_id);
	json_set_str(o, "code", json_get_str(n->json, "code", ""));
	json_set_str(o, "kind", json_get_str(n->json, "kind", ""));
	json_set_str(o, "title", json_get_str(n->json, "title", ""));
	json_object_set_new(o, "rollup", ind_rollup_json(&r));
	return o;
}

int ind_plans_part(struct db_conn *c, const char *gov, const struct ind_set *set, const struct ind_settings *s,
		      struct date today, json_t **out, struct err *e)
{
	*out = json_array();
	struct plan_query q = { .government = gov, .year = today.year, .limit = 100 };
	json_t *plans = NULL, *trees = json_array();
	int64_t total;
	int rc = plan_list(c, &q, &plans, &total, e);
	struct el_map m = { 0 };
	size_t np = json_array_size(plans);
	struct ind_rollup *proll = xcalloc(np ? np : 1, sizeof *proll);
	for (size_t p = 0; p < np && !rc; p++) {
		json_t *tree;
		if ((rc = plan_tree(c, json_get_int(json_array_get(plans, p), "id", 0), &tree, NULL, e)))
			break;
		json_array_append_new(trees, tree);
		size_t k;
		json_t *root;
		json_array_foreach(tree, k, root)
			walk(&m, (int)p, -1, root);
	}
	if (!rc) {
		for (size_t k = 0; k < set->n; k++) {
			const struct ind_item *it = &set->items[k];
			if (!it->core.element_id)
				continue;
			struct ind_score sc = ind_item_score(it);
			for (size_t x = 0; x < m.count; x++) {
				if (m.n[x].id != it->core.element_id)
					continue;
				ind_rollup_add(&proll[m.n[x].plan], &sc);
				for (int a = (int)x; a >= 0; a = m.n[a].parent)
					ind_rollup_add(&m.n[a].roll, &sc);
				break;
			}
		}
		for (size_t p = 0; p < np; p++) {
			json_t *pj = json_array_get(plans, p);
			if (str_eq(json_get_str(pj, "status", ""), "superseded"))
				continue;
			json_t *o = json_object();
			static const char *const keys[] = { "id", "label", "title", "instrument", "instrument_abbr", "status",
							    "start_year", "end_year", NULL };
			for (const char *const *key = keys; *key; key++)
				json_object_set(o, *key, json_object_get(pj, *key));
			ind_rollup_finish(&proll[p], &s->th);
			json_object_set_new(o, "rollup", ind_rollup_json(&proll[p]));
			json_t *tops = json_array(), *objectives = json_array();
			for (size_t x = 0; x < m.count; x++) {
				if (m.n[x].plan != (int)p)
					continue;
				if (m.n[x].parent < 0)
					json_array_append_new(tops, element_json(&m.n[x], json_get_int(pj, "id", 0), &s->th));
				else if (m.n[x].roll.total && str_eq(json_get_str(m.n[x].json, "kind", ""), "objective"))
					json_array_append_new(objectives, element_json(&m.n[x], json_get_int(pj, "id", 0), &s->th));
			}
			json_object_set_new(o, "top", tops);
			json_set_bool(o, "has_objectives", json_array_size(objectives) > 0);
			json_object_set_new(o, "objectives", objectives);
			json_array_append_new(*out, o);
		}
	}
	free(proll);
	free(m.n);
	json_decref(trees);
	json_decref(plans);
	return rc;
}

/* ---- a government's dashboard ---- */

static int feedback_open(struct db_conn *c, const char *gov, json_t **out, struct err *e)
{
	*out = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT f.id, f.period, f.decision, f.decided_by, f.decided_on, f.responsible, f.due_on, i.id, i.code, i.name"
		" FROM indicator_feedback f JOIN indicator i ON i.id = f.indicator_id"
		" WHERE i.government_code = ? AND f.status = 'open' ORDER BY f.due_on, f.id", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, gov);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		static const char *const keys[] = { "period", "decision", "decided_by", "decided_on", "responsible", "due_on" };
		for (size_t k = 0; k < ARRAY_LEN(keys); k++)
			json_set_str(o, keys[k], ind_col(st, 1 + (int)k));
		json_set_int(o, "indicator_id", db_col_int64(st, 7));
		json_set_str(o, "indicator_code", ind_col(st, 8));
		json_set_str(o, "indicator_name", ind_col(st, 9));
		json_array_append_new(*out, o);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static json_t *group_rollups(const struct ind_set *set, bool projects, const struct ind_thresholds *th)
{
	/* per project or programme id, in the order of first appearance */
	json_t *arr = json_array();
	int64_t seen[256];
	size_t nseen = 0;
	for (size_t k = 0; k < set->n; k++) {
		int64_t id = projects ? set->items[k].core.project_id : set->items[k].core.programme_id;
		if (!id)
			continue;
		bool dup = false;
		for (size_t j = 0; j < nseen; j++)
			dup |= seen[j] == id;
		if (dup || nseen == ARRAY_LEN(seen))
			continue;
		seen[nseen++] = id;
		struct ind_rollup r;
		ind_rollup_init(&r);
		for (size_t j = k; j < set->n; j++) {
			int64_t jd = projects ? set->items[j].core.project_id : set->items[j].core.programme_id;
			if (jd == id) {
				struct ind_score sc = ind_item_score(&set->items[j]);
				ind_rollup_add(&r, &sc);
			}
		}
		ind_rollup_finish(&r, th);
		json_t *o = json_object();
		json_set_int(o, "id", id);
		json_object_set_new(o, "rollup", ind_rollup_json(&r));
		json_array_append_new(arr, o);
	}
	return arr;
}

int monitoring_dashboard(struct db_conn *c, const char *territory, const struct ind_settings *s, struct date today,
			 json_t **out, struct err *e)
{
	*out = NULL;
	struct government g;
	struct territory t;
	int rc = territory_get(c, territory, &t, e);
	if (!rc)
		rc = government_for(c, territory, &g, e);
	if (rc)
		return rc;
	struct ind_set set;
	struct ind_bind b = { IND_BIND_TEXT, g.code, 0 };
	if ((rc = ind_set_load(c, "i.government_code = ?", &b, 1, &set, e))) {
		ind_set_release(&set);
		return rc;
	}
	ind_set_eval(&set, s, today, NULL);
	json_t *o = json_object();
	json_object_set_new(o, "territory", territory_to_json(&t));
	json_object_set_new(o, "government", government_to_json(&g));
	char day[DATE_FMT_MAX];
	json_set_str(o, "today", date_format(today, day));
	struct ind_rollup all;
	ind_rollup_init(&all);
	json_t *items = json_array();
	int64_t overdue = 0, pending = 0;
	for (size_t k = 0; k < set.n; k++) {
		struct ind_score sc = ind_item_score(&set.items[k]);
		ind_rollup_add(&all, &sc);
		json_array_append_new(items, ind_item_json(&set.items[k]));
		overdue += set.items[k].overdue > 0;
		pending += set.items[k].pending;
	}
	ind_rollup_finish(&all, &s->th);
	json_object_set_new(o, "rollup", ind_rollup_json(&all));
	json_object_set_new(o, "indicators", items);
	json_set_int(o, "overdue_indicators", overdue);
	json_set_int(o, "pending_reviews", pending);
	json_t *thr = json_object();
	json_set_int(thr, "on_track_bp", s->th.on_track_bp);
	json_set_int(thr, "at_risk_bp", s->th.at_risk_bp);
	json_set_int(thr, "grace_days", s->grace_days);
	json_object_set_new(o, "thresholds", thr);
	json_t *part = NULL;
	if (!rc && !(rc = ind_plans_part(c, g.code, &set, s, today, &part, e)))
		json_object_set_new(o, "plans", part);
	else
		json_decref(part);
	part = NULL;
	if (!rc && !(rc = finance_progress(c, g.code, &part, e))) {
		/* each project's indicators beside its progress */
		json_t *groups = group_rollups(&set, true, &s->th);
		size_t i, j;
		json_t *p, *gr;
		json_array_foreach(part, i, p)
			json_array_foreach(groups, j, gr)
				if (json_get_int(gr, "id", 0) == json_get_int(p, "id", 0))
					json_object_set(p, "rollup", json_object_get(gr, "rollup"));
		json_decref(groups);
		json_object_set_new(o, "projects", part);
	} else {
		json_decref(part);
	}
	part = NULL;
	if (!rc && !(rc = programme_list(c, g.code, &part, e))) {
		json_t *groups = group_rollups(&set, false, &s->th);
		size_t i, j;
		json_t *p, *gr;
		json_array_foreach(part, i, p)
			json_array_foreach(groups, j, gr)
				if (json_get_int(gr, "id", 0) == json_get_int(p, "id", 0))
					json_object_set(p, "rollup", json_object_get(gr, "rollup"));
		json_decref(groups);
		json_object_set_new(o, "programmes", part);
	} else {
		json_decref(part);
	}
	part = NULL;
	if (!rc && !(rc = feedback_open(c, g.code, &part, e)))
		json_object_set_new(o, "feedback", part);
	else
		json_decref(part);
	part = NULL;
	if (!rc && t.level != TERR_DISTRICT && !(rc = monitoring_areas(c, t.code, s, today, &part, e)))
		json_object_set_new(o, "areas", part);
	else
		json_decref(part);
	ind_set_release(&set);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

/* ---- the places inside a province or region ---- */

struct area {
	char code[7];
	char name[128];
	struct ind_rollup roll;
	int64_t overdue, indicators;
};

struct series {
	char code[64];
	const struct ind_item *sample;    /* name, unit, decimals, formula */
	int num, den;                     /* component series (index), -1 */
	struct ind_period period;         /* the latest period with a value */
	bool has_period;
	int64_t *sum;                     /* per area (last = the whole territory) */
	int64_t *count;
	bool *overflow;
};

static int find_series(const struct series *sv, size_t n, const char *code)
{
	for (size_t k = 0; k < n; k++)
		if (str_eq(sv[k].code, code))
			return (int)k;
	return -1;
}

static int area_of(const struct area *areas, size_t n, const char *territory, size_t len)
{
	for (size_t k = 0; k < n; k++)
		if (strncmp(areas[k].code, territory, len) == 0)
			return (int)k;
	return -1;
}

int monitoring_areas(struct db_conn *c, const char *territory, const struct ind_settings *s, struct date today,
		     json_t **out, struct err *e)
{
	*out = NULL;
	struct territory t;
	int rc = territory_get(c, territory, &t, e);
	if (rc)
		return rc;
	if (t.level == TERR_DISTRICT)
		return err_set(e, ERR_INVALID, "A district has no places inside it to compare");
	size_t child_len = t.level == TERR_REGION ? 4 : 6;
	/* the places inside */
	struct area *areas = NULL;
	size_t na = 0, cap = 0;
	struct db_stmt *st = db_prepare(c, "SELECT code, name FROM territory WHERE parent_code = ? ORDER BY code", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, t.code);
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (na == cap) {
			cap = cap ? cap * 2 : 32;
			areas = xrealloc(areas, (cap + 1) * sizeof *areas);
		}
		memset(&areas[na], 0, sizeof areas[na]);
		snprintf(areas[na].code, sizeof areas[na].code, "%s", ind_col(st, 0));
		snprintf(areas[na].name, sizeof areas[na].name, "%s", ind_col(st, 1));
		ind_rollup_init(&areas[na].roll);
		na++;
	}
	db_finish(st);
	if (rc < 0) {
		free(areas);
		return rc;
	}
	if (!areas)
		areas = xcalloc(1, sizeof *areas);
	/* the last slot: indicators of the whole territory itself */
	memset(&areas[na], 0, sizeof areas[na]);
	snprintf(areas[na].code, sizeof areas[na].code, "%s", t.code);
	snprintf(areas[na].name, sizeof areas[na].name, "%s", t.name);
	ind_rollup_init(&areas[na].roll);

	struct ind_set set;
	struct ind_bind b = { IND_BIND_TEXT, t.code, 0 };
	rc = ind_set_load(c, t.level == TERR_REGION ? "i.region_code = ?" : "i.province_code = ?", &b, 1, &set, e);
	if (rc) {
		ind_set_release(&set);
		free(areas);
		return rc;
	}
	ind_set_eval(&set, s, today, NULL);
	int *item_area = xcalloc(set.n ? set.n : 1, sizeof *item_area);
	struct series *sv = NULL;
	size_t ns = 0, scap = 0;
	for (size_t k = 0; k < set.n; k++) {
		const struct ind_item *it = &set.items[k];
		int a = strlen(it->core.territory) >= child_len ? area_of(areas, na, it->core.territory, child_len) : -1;
		item_area[k] = a < 0 ? (int)na : a;
		struct area *ar = &areas[item_area[k]];
		struct ind_score sc = ind_item_score(it);
		ind_rollup_add(&ar->roll, &sc);
		ar->indicators++;
		ar->overdue += it->overdue > 0;
		if (!it->series[0] || find_series(sv, ns, it->series) >= 0)
			continue;
		if (ns == scap) {
			scap = scap ? scap * 2 : 8;
			sv = xrealloc(sv, scap * sizeof *sv);
		}
		memset(&sv[ns], 0, sizeof sv[ns]);
		snprintf(sv[ns].code, sizeof sv[ns].code, "%s", it->series);
		sv[ns].sample = it;
		sv[ns].num = sv[ns].den = -1;
		sv[ns].sum = xcalloc(na + 1, sizeof *sv[ns].sum);
		sv[ns].count = xcalloc(na + 1, sizeof *sv[ns].count);
		sv[ns].overflow = xcalloc(na + 1, sizeof *sv[ns].overflow);
		ns++;
	}
	/* the latest period of each series, and the components of formula series */
	for (size_t k = 0; k < set.n; k++) {
		const struct ind_item *it = &set.items[k];
		int x = it->series[0] ? find_series(sv, ns, it->series) : -1;
		if (x < 0)
			continue;
		for (size_t v = 0; v < it->nvalues; v++)
			if (!sv[x].has_period || ind_period_cmp(it->periods[v], sv[x].period) > 0) {
				sv[x].period = it->periods[v];
				sv[x].has_period = true;
			}
		if (it->core.numerator_id && sv[x].num < 0) {
			long pn = ind_set_find(&set, it->core.numerator_id), pd = ind_set_find(&set, it->core.denominator_id);
			if (pn >= 0 && pd >= 0) {
				sv[x].num = find_series(sv, ns, set.items[pn].series);
				sv[x].den = find_series(sv, ns, set.items[pd].series);
			}
		}
	}
	/* sums per place of the additive series at their latest period */
	for (size_t k = 0; k < set.n; k++) {
		const struct ind_item *it = &set.items[k];
		int x = it->series[0] ? find_series(sv, ns, it->series) : -1;
		if (x < 0 || !sv[x].has_period || it->core.numerator_id)
			continue;
		for (size_t v = 0; v < it->nvalues; v++) {
			if (ind_period_cmp(it->periods[v], sv[x].period) != 0)
				continue;
			for (int slot = 0; slot < 2; slot++) {
				size_t a = slot ? na : (size_t)item_area[k];
				if (slot && a == (size_t)item_area[k])
					break;   /* already counted in the whole */
				if (ind_value_add(sv[x].sum[a], it->values[v], &sv[x].sum[a]))
					sv[x].overflow[a] = true;
				sv[x].count[a]++;
			}
		}
	}
	/* the whole territory: every place, and what is measured for the whole */
	json_t *series_json = json_array();
	for (size_t x = 0; x < ns; x++) {
		const struct ind_item *smp = sv[x].sample;
		json_t *so = json_object();
		char p[IND_PERIOD_TEXT];
		json_set_str(so, "code", sv[x].code);
		json_set_str(so, "name", smp->name);
		json_set_str(so, "unit", smp->unit);
		json_set_str(so, "unit_label", smp->unit_label);
		json_set_int(so, "decimals", smp->core.decimals);
		json_set_bool(so, "formula", smp->core.numerator_id > 0);
		json_set_str(so, "period", sv[x].has_period ? ind_period_format(sv[x].period, p) : NULL);
		json_array_append_new(series_json, so);
	}
	/* values of a series for an area: a sum, or the formula over the summed components */
	json_t *areas_json = json_array();
	for (size_t a = 0; a <= na; a++) {
		struct area *ar = &areas[a];
		if (a == na && !ar->indicators && !ns)
			continue;
		ind_rollup_finish(&ar->roll, &s->th);
		json_t *o = json_object();
		json_set_str(o, "code", ar->code);
		json_set_str(o, "name", ar->name);
		json_set_bool(o, "whole", a == na);
		json_object_set_new(o, "rollup", ind_rollup_json(&ar->roll));
		json_set_int(o, "indicators", ar->indicators);
		json_set_int(o, "overdue", ar->overdue);
		json_t *vals = json_array();
		for (size_t x = 0; x < ns; x++) {
			const struct ind_item *smp = sv[x].sample;
			json_t *v = json_object();
			json_set_str(v, "series", sv[x].code);
			int64_t val = 0;
			bool ok;
			/* the whole: all places plus the territory's own (slot na holds them all) */
			if (smp->core.numerator_id) {
				int n = sv[x].num, d = sv[x].den;
				ok = n >= 0 && d >= 0 && sv[n].count[a] && sv[d].count[a] && !sv[n].overflow[a] &&
				     !sv[d].overflow[a] &&
				     ind_formula(sv[n].sum[a], sv[n].sample->core.decimals, sv[d].sum[a],
						 sv[d].sample->core.decimals, smp->core.factor, smp->core.decimals, &val) == 0;
			} else {
				ok = sv[x].count[a] > 0 && !sv[x].overflow[a];
				val = sv[x].sum[a];
			}
			if (ok) {
				char bt[IND_VALUE_TEXT_MAX];
				json_set_int(v, "scaled", val);
				json_set_str(v, "text", ind_value_format(val, smp->core.decimals, true, bt));
				json_set_int(v, "places", smp->core.numerator_id ? sv[sv[x].num].count[a] : sv[x].count[a]);
			} else {
				json_object_set_new(v, "scaled", json_null());
				json_object_set_new(v, "text", json_null());
			}
			json_array_append_new(vals, v);
		}
		json_object_set_new(o, "values", vals);
		json_array_append_new(areas_json, o);
	}
	json_t *res = json_object();
	json_object_set_new(res, "territory", territory_to_json(&t));
	json_set_str(res, "level", t.level == TERR_REGION ? "province" : "district");
	json_object_set_new(res, "series", series_json);
	json_object_set_new(res, "areas", areas_json);
	json_set_int(res, "indicators", (int64_t)set.n);
	for (size_t x = 0; x < ns; x++) {
		free(sv[x].sum);
		free(sv[x].count);
		free(sv[x].overflow);
	}
	free(sv);
	free(item_area);
	ind_set_release(&set);
	free(areas);
	*out = res;
	return 0;
}
