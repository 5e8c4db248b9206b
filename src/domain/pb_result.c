/* pb_result.c — the results of a process: everything the allocation needs,
 * loaded from the database in tie-break order; the results computed with the
 * engine (rules/pb_results.h), explained in words, published and read back. */
#include "core/compat.h"
#include "core/date.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "rules/project_rules.h"

/* ---- loading ---- */

struct idx {
	int64_t id;
	uint32_t cand;
};

static int idx_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct idx *)a)->id, y = ((const struct idx *)b)->id;
	return x < y ? -1 : x > y;
}

void pb_load_release(struct pb_loaded *L)
{
	if (L->ids)
		for (uint32_t i = 0; i < L->in.ncand; i++)
			free(L->ids[i]);
	free(L->ids);
	free(L->cand);
	free(L->proposal_ids);
	json_decref(L->items);
	free(L->zone_ids);
	json_decref(L->zones);
	free(L->zone_budget);
	free(L->caps);
	free(L->cap_names);
	free(L->casts);
	free(L->cast_items);
	free(L->cast_points);
	memset(L, 0, sizeof *L);
}

static int load_zones_caps(struct db_conn *c, struct pb_loaded *L, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id, name, budget FROM pb_zone WHERE process_id = ? ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, L->proc.id);
	L->zones = json_array();
	size_t cap = 0;
	int rc;
	int64_t zones = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (L->in.nzones == cap) {
			cap = cap ? cap * 2 : 8;
			L->zone_ids = xrealloc(L->zone_ids, cap * sizeof *L->zone_ids);
			L->zone_budget = xrealloc(L->zone_budget, cap * sizeof *L->zone_budget);
		}
		L->zone_ids[L->in.nzones] = db_col_int64(st, 0);
		L->zone_budget[L->in.nzones++] = db_col_int64(st, 2);
		zones += db_col_int64(st, 2);
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		pb_set_text(o, "name", st, 1);
		json_set_int(o, "budget_cents", db_col_int64(st, 2));
		json_array_append_new(L->zones, o);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	L->in.zone_budget = L->zone_budget;
	L->in.general_budget = L->proc.ceiling - zones;
	st = db_prepare(c, "SELECT category, amount FROM pb_cap WHERE process_id = ? ORDER BY category", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, L->proc.id);
	cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (L->in.ncaps == cap) {
			cap = cap ? cap * 2 : 8;
			L->caps = xrealloc(L->caps, cap * sizeof *L->caps);
			L->cap_names = xrealloc(L->cap_names, cap * sizeof *L->cap_names);
		}
		/* the names are the sector list's own strings */
		const char *name = db_col_text(st, 0);
		for (const char *const *s = project_sector_names; *s; s++)
			if (str_eq(*s, name))
				L->cap_names[L->in.ncaps] = *s;
		L->caps[L->in.ncaps++] = db_col_int64(st, 1);
	}
	db_finish(st);
	L->in.caps = L->caps;
	return rc < 0 ? rc : 0;
}

static int load_ballots(struct db_conn *c, struct pb_loaded *L, struct err *e)
{
	uint32_t nc = L->in.ncand;
	struct idx *map = xmalloc(((size_t)nc + 1) * sizeof *map);
	for (uint32_t i = 0; i < nc; i++)
		map[i] = (struct idx){ L->proposal_ids[i], i };
	qsort(map, nc, sizeof *map, idx_cmp);
	struct db_stmt *st = db_prepare(c,
		"SELECT b.id, i.proposal_id, i.points FROM pb_ballot b LEFT JOIN pb_ballot_item i ON i.ballot_id = b.id"
		" WHERE b.process_id = ? ORDER BY b.id, i.position", e);
	if (!st) {
		free(map);
		return e->code;
	}
	db_bind_int64(st, 1, L->proc.id);
	size_t ncap = 0, icap = 0, nitems = 0;
	size_t *starts = NULL;
	int64_t last = -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t b = db_col_int64(st, 0);
		if (b != last) {
			if (L->ncasts == ncap) {
				ncap = ncap ? ncap * 2 : 256;
				L->casts = xrealloc(L->casts, ncap * sizeof *L->casts);
				starts = xrealloc(starts, ncap * sizeof *starts);
			}
			starts[L->ncasts] = nitems;
			L->casts[L->ncasts++] = (struct pb_cast){ .weight = 1 };
			last = b;
		}
		if (db_col_null(st, 1))
			continue;
		struct idx key = { db_col_int64(st, 1), 0 };
		struct idx *hit = bsearch(&key, map, nc, sizeof *map, idx_cmp);
		if (!hit)
			continue;
		if (nitems == icap) {
			icap = icap ? icap * 2 : 1024;
			L->cast_items = xrealloc(L->cast_items, icap * sizeof *L->cast_items);
			L->cast_points = xrealloc(L->cast_points, icap * sizeof *L->cast_points);
		}
		L->cast_items[nitems] = hit->cand;
		L->cast_points[nitems++] = db_col_int64(st, 2);
		L->casts[L->ncasts - 1].n++;
	}
	db_finish(st);
	free(map);
	/* the item arrays may have moved while growing: point into them at the end */
	for (size_t k = 0; k < L->ncasts; k++) {
		L->casts[k].items = L->cast_items ? L->cast_items + starts[k] : NULL;
		L->casts[k].points = L->cast_points ? L->cast_points + starts[k] : NULL;
	}
	free(starts);
	L->in.ballots = L->casts;
	L->in.nballots = L->ncasts;
	return rc < 0 ? rc : 0;
}

struct order {
	int64_t score, number;
	json_t *item;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->number < y->number ? -1 : x->number > y->number;
}

int pb_load(struct db_conn *c, int64_t process, bool only_viable, struct pb_loaded *L, struct err *e)
{
	memset(L, 0, sizeof *L);
	L->only_viable = only_viable;
	int rc = pb_process_get(c, process, &L->proc, e);
	if (!rc)
		rc = load_zones_caps(c, L, e);
	json_t *all = NULL, *totals = NULL;
	if (!rc)
		rc = pb_proposal_list(c, process, &all, e);
	if (!rc)
		rc = pb_scores(c, process, &totals, e);
	if (rc) {
		json_decref(all);
		return rc;
	}
	size_t n = json_array_size(all), k = 0;
	struct order *ord = xcalloc(n + 1, sizeof *ord);
	size_t i;
	json_t *x;
	json_array_foreach(all, i, x) {
		if (only_viable && !str_eq(json_get_str(x, "review", ""), "viable"))
			continue;
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)json_get_int(x, "id", 0));
		ord[k++] = (struct order){ json_get_int(totals, key, 0), json_get_int(x, "number", 0), x };
	}
	qsort(ord, k, sizeof *ord, order_cmp);
	L->in.ncand = (uint32_t)k;
	L->cand = xcalloc(k + 1, sizeof *L->cand);
	L->ids = xcalloc(k + 1, sizeof *L->ids);
	L->proposal_ids = xcalloc(k + 1, sizeof *L->proposal_ids);
	L->items = json_array();
	for (size_t j = 0; j < k; j++) {
		x = ord[j].item;
		L->ids[j] = xstrdup(json_get_str(x, "pabulib_id", ""));
		L->proposal_ids[j] = json_get_int(x, "id", 0);
		int pool = -1, category = -1;
		int64_t zid = json_get_int(json_object_get(x, "zone"), "id", 0);
		for (size_t z = 0; z < L->in.nzones; z++)
			if (L->zone_ids[z] == zid)
				pool = (int)z;
		for (size_t q = 0; q < L->in.ncaps; q++)
			if (L->cap_names[q] && str_eq(L->cap_names[q], json_get_str(x, "sector", "")))
				category = (int)q;
		L->cand[j] = (struct pb_candidate){ L->ids[j], json_get_int(x, "amount_cents", 0), pool, category, ord[j].score,
						    str_eq(json_get_str(x, "review", ""), "viable") };
		json_set_int(x, "score_micro", ord[j].score);
		json_array_append(L->items, x);
	}
	free(ord);
	json_decref(all);
	json_decref(totals);
	L->in.cand = L->cand;
	L->in.method = L->proc.method;
	L->in.rule = L->proc.rule;
	rc = load_ballots(c, L, e);
	if (rc)
		pb_load_release(L);
	return rc;
}

/* ---- explanations ---- */

static void explain(const struct i18n_lang *lang, const char *currency, enum pb_rule_kind rule, const struct pb_result *r,
		    int64_t cost, const char *category, char *out, size_t n)
{
	char ord[16], pick[16], rem[64], price[64], budget[64];
	const char *code = lang ? i18n_code(lang) : "en";
	pb_ordinal(code, r->rank, ord);
	pb_ordinal(code, r->pick, pick);
	pb_money(currency, r->remaining, rem, sizeof rem);
	pb_money(currency, cost, price, sizeof price);
	pb_money(currency, r->pool_budget, budget, sizeof budget);
	bool score = rule == PB_RULE_GREEDY_SCORE;
	switch (r->reason) {
	case PB_WHY_SELECTED:
		if (rule == PB_RULE_MES)
			trf(lang, out, n, "Selected: %s by votes; chosen %s by the Method of Equal Shares: its supporters' equal shares pay for it", ord, pick);
		else if (rule == PB_RULE_PHRAGMEN)
			trf(lang, out, n, "Selected: %s by votes; chosen %s by Phragmén's rule", ord, pick);
		else if (rule == PB_RULE_OPTIMAL)
			trf(lang, out, n, "Selected: %s by votes; part of the combination with the most votes that fits the budget", ord);
		else if (score)
			trf(lang, out, n, "Selected: %s by score in the criteria matrix; it fits the remaining %s", ord, rem);
		else
			trf(lang, out, n, "Selected: %s by votes; it fits the remaining %s", ord, rem);
		break;
	case PB_WHY_COMPLETION:
		trf(lang, out, n, "Selected: %s by votes; added after the equal shares by the completion, it fits the remaining %s", ord, rem);
		break;
	case PB_WHY_FREE:
		trf(lang, out, n, "Selected: it costs nothing and has supporters");
		break;
	case PB_WHY_NO_FIT:
		if (score)
			trf(lang, out, n, "Not selected: %s by score in the criteria matrix; its cost of %s exceeds the remaining %s", ord, price, rem);
		else
			trf(lang, out, n, "Not selected: %s by votes; its cost of %s exceeds the remaining %s", ord, price, rem);
		break;
	case PB_WHY_STOPPED:
		trf(lang, out, n, "Not selected: %s by votes; the rule stopped when a proposal no longer fit (%s left)", ord, rem);
		break;
	case PB_WHY_NO_SUPPORT:
		if (score)
			trf(lang, out, n, "Not selected: it has no score in the criteria matrix and does not fit the remaining %s", rem);
		else
			trf(lang, out, n, "Not selected: nobody voted for it");
		break;
	case PB_WHY_UNAFFORDABLE:
		trf(lang, out, n, "Not selected: %s by votes; its supporters' equal shares cannot pay its cost of %s", ord, price);
		break;
	case PB_WHY_NOT_OPTIMAL:
		trf(lang, out, n, "Not selected: %s by votes; the combination with the most votes that fits the budget leaves it out", ord);
		break;
	case PB_WHY_OVER_BUDGET:
		trf(lang, out, n, "Not selected: its cost of %s exceeds the whole budget of %s", price, budget);
		break;
	case PB_WHY_NOT_VIABLE:
		trf(lang, out, n, "Not selected: the technical review found it not viable");
		break;
	case PB_WHY_CAP:
		trf(lang, out, n, "Not selected: %s by votes; the cap for %s would be exceeded", ord, category);
		break;
	default:
		snprintf(out, n, "%s", tr(lang, pb_reason_text((enum pb_reason)(r->reason < PB_WHY_COUNT ? r->reason : 0))));
		break;
	}
	if (r->tie) {
		size_t len = strlen(out);
		char t[200];
		snprintf(out + len, n - len, " %s", trf(lang, t, sizeof t, "(a tie, decided by the tie rule)"));
	}
}

static const char *sector_label_of(const char *s) { return project_sector_label(s); }

/* One item of the results. */
static json_t *item_json(const struct pb_loaded *L, uint32_t cand, const struct pb_result *r, enum pb_rule_kind rule,
			 const struct i18n_lang *lang)
{
	json_t *x = json_array_get(L->items, cand);
	json_t *o = json_object();
	json_set_int(o, "proposal", json_get_int(x, "id", 0));
	json_set_int(o, "number", json_get_int(x, "number", 0));
	json_set_str(o, "pabulib_id", L->cand[cand].id);
	json_set_str(o, "title", json_get_str(x, "title", ""));
	json_object_set(o, "agent", json_object_get(x, "agent"));
	json_object_set(o, "zone", json_object_get(x, "zone"));
	json_set_str(o, "sector", json_get_str(x, "sector", ""));
	json_set_bool(o, "traced", json_is_true(json_object_get(x, "traced")));
	json_set_int(o, "cost_cents", L->cand[cand].cost);
	json_set_bool(o, "selected", r->selected);
	json_set_str(o, "reason", pb_result_reason_name(r->reason));
	json_set_int(o, "rank", r->rank);
	json_set_int(o, "pick", r->pick);
	json_set_int(o, "support", r->support);
	json_set_int(o, "supporters", (int64_t)r->supporters);
	json_set_int(o, "remaining_cents", r->remaining);
	json_set_int(o, "pool_budget_cents", r->pool_budget);
	json_set_bool(o, "tie", r->tie);
	char text[600];
	explain(lang, L->proc.currency, rule, r, L->cand[cand].cost, tr(lang, sector_label_of(L->cand[cand].category >= 0
		? L->cap_names[L->cand[cand].category] : "")), text, sizeof text);
	json_set_str(o, "explanation", text);
	return o;
}

/* Selected first (by pool, then in the order chosen), then the rest by pool and rank. */
static json_t *results_json(const struct pb_loaded *L, const struct pb_result *res, enum pb_rule_kind rule,
			    uint64_t voters, const struct i18n_lang *lang)
{
	uint32_t n = L->in.ncand;
	uint32_t *ord = xmalloc(((size_t)n + 1) * sizeof *ord);
	for (uint32_t i = 0; i < n; i++)
		ord[i] = i;
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0; j--) {
			const struct pb_result *a = &res[ord[j - 1]], *b = &res[ord[j]];
			int pa = L->cand[ord[j - 1]].pool, pbl = L->cand[ord[j]].pool;
			bool swap;
			if (a->selected != b->selected)
				swap = !a->selected;
			else if (pa != pbl)
				swap = pa > pbl;
			else if (a->selected)
				swap = a->pick > b->pick;
			else
				swap = (a->rank ? a->rank : UINT32_MAX) > (b->rank ? b->rank : UINT32_MAX);
			if (!swap)
				break;
			uint32_t t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	json_t *items = json_array(), *sel = json_array(), *selp = json_array();
	int64_t total = 0;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = ord[k];
		json_t *it = item_json(L, i, &res[i], rule, lang);
		if (res[i].selected) {
			total += L->cand[i].cost;
			json_array_append_new(sel, json_string(L->cand[i].id));
			json_t *s = json_object();
			json_set_str(s, "pabulib_id", L->cand[i].id);
			json_set_int(s, "number", json_get_int(it, "number", 0));
			json_set_str(s, "title", json_get_str(it, "title", ""));
			json_set_int(s, "cost_cents", L->cand[i].cost);
			json_array_append_new(selp, s);
		}
		json_array_append_new(items, it);
	}
	free(ord);
	json_t *o = json_object();
	json_set_int(o, "process", L->proc.id);
	json_set_str(o, "rule", pb_rule_names[rule]);
	json_set_str(o, "rule_label", tr(lang, pb_rule_label(rule)));
	json_set_str(o, "currency", L->proc.currency);
	json_set_int(o, "budget_cents", L->proc.ceiling);
	json_set_int(o, "general_budget_cents", L->in.general_budget);
	json_object_set(o, "zones", L->zones);
	json_set_int(o, "voters", (int64_t)voters);
	json_set_int(o, "total_cost_cents", total);
	json_set_int(o, "left_cents", L->proc.ceiling - total);
	json_object_set_new(o, "selected", sel);
	json_object_set_new(o, "selected_proposals", selp);
	json_object_set_new(o, "items", items);
	json_set_str(o, "tie_rule", tr(lang, "Ties are broken by the score in the criteria matrix (higher first), then by the order of filing (earlier first)."));
	return o;
}

int pb_results_live(struct db_conn *c, int64_t process, int rule, int64_t now, const struct i18n_lang *lang,
		    json_t **out, struct err *e)
{
	struct pb_loaded L;
	int rc = pb_load(c, process, false, &L, e);
	if (rc)
		return rc;
	if (!L.proc.formalized && (rc = pb_gate(&L.proc, PB_ACT_RESULTS, now, e))) {
		pb_load_release(&L);
		return rc;
	}
	if (rule >= 0 && rule < PB_RULE_COUNT)
		L.in.rule = (enum pb_rule_kind)rule;
	if (L.in.rule == PB_RULE_PHRAGMEN && L.proc.method == PB_METHOD_CUMULATIVE) {
		pb_load_release(&L);
		return err_set(e, ERR_INVALID, "Phragmén's rule takes approval, knapsack or ranked ballots, not cumulative points");
	}
	struct pb_result *res = xcalloc((size_t)L.in.ncand + 1, sizeof *res);
	struct pb_results_summary sum;
	rc = pb_results_compute(&L.in, res, &sum, e);
	if (!rc)
		*out = results_json(&L, res, L.in.rule, L.ncasts, lang);
	free(res);
	pb_load_release(&L);
	return rc;
}

int pb_results_publish(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_loaded L;
	memset(&L, 0, sizeof L);
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_gate(&p, PB_ACT_RESULTS, now, e);
	if (!rc)
		rc = pb_load(c, process, false, &L, e);
	struct pb_result *res = NULL;
	struct pb_results_summary sum = { 0 };
	int64_t viable = 0;
	for (uint32_t i = 0; i < L.in.ncand; i++)
		viable += L.cand[i].eligible;
	if (!rc && !viable)
		rc = err_set(e, ERR_CONFLICT, "No proposal was found viable: there is nothing to allocate");
	if (!rc) {
		res = xcalloc((size_t)L.in.ncand + 1, sizeof *res);
		rc = pb_results_compute(&L.in, res, &sum, e);
	}
	static const char *const clear[] = { "DELETE FROM pb_acta_line WHERE process_id = ?", "DELETE FROM pb_result WHERE process_id = ?" };
	for (size_t k = 0; k < ARRAY_LEN(clear) && !rc; k++) {
		struct db_stmt *st = db_prepare(c, clear[k], e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			rc = db_step_done(st, e);
		}
	}
	json_t *sel = json_array();
	for (uint32_t i = 0; i < L.in.ncand && !rc; i++) {
		const struct pb_result *r = &res[i];
		int pool = L.cand[i].pool;
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_result (process_id, proposal_id, selected, reason, zone_id, vote_rank, pick, support,"
			" supporters, remaining, pool_budget, tie) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
		if (!st) {
			rc = e->code;
			break;
		}
		db_bind_int64(st, 1, process);
		db_bind_int64(st, 2, L.proposal_ids[i]);
		db_bind_int64(st, 3, r->selected);
		db_bind_text(st, 4, pb_result_reason_name(r->reason));
		pb_bind_id_or_null(st, 5, pool >= 0 ? L.zone_ids[pool] : 0);
		db_bind_int64(st, 6, r->rank);
		db_bind_int64(st, 7, r->pick);
		db_bind_int64(st, 8, r->support);
		db_bind_int64(st, 9, (int64_t)r->supporters);
		db_bind_int64(st, 10, r->remaining);
		db_bind_int64(st, 11, r->pool_budget);
		db_bind_int64(st, 12, r->tie);
		rc = db_step_done(st, e);
		if (r->selected)
			json_array_append_new(sel, json_string(L.cand[i].id));
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"UPDATE pb_process SET results_rule = ?, results_at = ?, results_by = ?, updated_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			pb_now_text(now, ts);
			db_bind_text(st, 1, pb_rule_names[L.in.rule]);
			db_bind_text(st, 2, ts);
			db_bind_text(st, 3, pb_actor_name(who));
			db_bind_text(st, 4, ts);
			db_bind_int64(st, 5, process);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.results.publish", process, NULL,
			      json_pack("{sssOsIsIsI}", "rule", pb_rule_names[L.in.rule], "selected", sel, "total_cost_cents",
					(json_int_t)sum.total_cost, "ballots", (json_int_t)L.ncasts, "cap_reruns",
					(json_int_t)sum.reruns), e);
	json_decref(sel);
	free(res);
	pb_load_release(&L);
	return db_tx_leave(c, own, rc, e);
}

int pb_results_json(struct db_conn *c, int64_t process, const struct i18n_lang *lang, json_t **out, struct err *e)
{
	struct pb_loaded L;
	int rc = pb_load(c, process, false, &L, e);
	if (rc)
		return rc;
	if (!L.proc.has_results) {
		pb_load_release(&L);
		*out = json_null();
		return 0;
	}
	struct pb_result *res = xcalloc((size_t)L.in.ncand + 1, sizeof *res);
	struct db_stmt *st = db_prepare(c,
		"SELECT proposal_id, selected, reason, vote_rank, pick, support, supporters, remaining, pool_budget, tie"
		" FROM pb_result WHERE process_id = ?", e);
	if (!st)
		rc = e->code;
	else {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			int64_t pid = db_col_int64(st, 0);
			for (uint32_t i = 0; i < L.in.ncand; i++)
				if (L.proposal_ids[i] == pid) {
					struct pb_result *r = &res[i];
					r->selected = db_col_int64(st, 1) != 0;
					int reason = pb_result_reason_parse(db_col_text(st, 2));
					r->reason = reason < 0 ? 0 : reason;
					r->rank = (uint32_t)db_col_int64(st, 3);
					r->pick = (uint32_t)db_col_int64(st, 4);
					r->support = db_col_int64(st, 5);
					r->supporters = (uint64_t)db_col_int64(st, 6);
					r->remaining = db_col_int64(st, 7);
					r->pool_budget = db_col_int64(st, 8);
					r->tie = db_col_int64(st, 9) != 0;
				}
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc) {
		json_t *o = results_json(&L, res, L.proc.results_rule, L.ncasts, lang);
		struct db_stmt *q = db_prepare(c, "SELECT results_at, results_by FROM pb_process WHERE id = ?", e);
		if (q) {
			db_bind_int64(q, 1, process);
			if (db_step(q, e) == DB_ROW) {
				pb_set_text(o, "published_at", q, 0);
				pb_set_text(o, "published_by", q, 1);
				/* for people: Peru's local time ("2025-06-30 10:00") */
				int64_t at;
				char when[24];
				if (datetime_parse(json_get_str(o, "published_at", ""), &at) == 0)
					json_set_str(o, "published_local", pb_when(at, false, when));
			}
			db_finish(q);
		}
		*out = o;
	}
	free(res);
	pb_load_release(&L);
	return rc;
}
