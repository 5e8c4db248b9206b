/* project_align.c — the plan elements a project serves (issue 6's "hilo
 * conductor" meets issue 7's project bank): linking and unlinking, checked by
 * project_serve_check (rules/project_rules.c) and audited; what a project
 * serves and which projects serve an element; the picker's candidates; and the
 * project bank's articulation source, through which the articulation report,
 * the element page and the plan module's delete check see the projects.
 * Owns project_plan_element (migration 0005). */
#include "core/compat.h"
#include "domain/project.h"
#include "domain/project_int.h"
#include "domain/articulation.h"
#include "domain/invest.h"
#include "domain/plan.h"
#include "domain/territory.h"
#include "core/date.h"
#include "core/json.h"
#include "core/xalloc.h"

#define MAX_LOCATIONS 64

/* The element with its plan: what the check and the messages need. */
struct target {
	struct plan_element el;
	struct plan plan;
	char label[400];
	char government_name[200];
};

static void target_release(struct target *t)
{
	plan_element_release(&t->el);
	plan_release(&t->plan);
}

static int target_load(struct db_conn *c, int64_t element_id, struct target *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	struct err quiet;
	err_init(&quiet, NULL);
	int rc = plan_element_get(c, element_id, &t->el, &quiet);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "There is no plan element %lld", (long long)element_id);
	if (rc)
		return err_set(e, rc, "%s", quiet.msg);
	if ((rc = plan_get(c, t->el.plan_id, &t->plan, e))) {
		plan_element_release(&t->el);
		return rc;
	}
	plan_label(&t->plan, t->label, sizeof t->label);
	snprintf(t->government_name, sizeof t->government_name, "%s", t->plan.government_name);
	return 0;
}

static int load_locations(struct db_conn *c, int64_t project_id, char locs[][7], size_t *n, struct err *e)
{
	*n = 0;
	struct db_stmt *st = db_prepare(c, "SELECT territory_code FROM project_location WHERE project_id = ?"
					   " ORDER BY territory_code", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, project_id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW && *n < MAX_LOCATIONS)
		snprintf(locs[(*n)++], 7, "%s", db_col_text(st, 0));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int link_exists(struct db_conn *c, int64_t project_id, int64_t element_id, bool *yes, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM project_plan_element WHERE project_id = ? AND element_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, project_id);
	db_bind_int64(st, 2, element_id);
	int rc = db_step(st, e);
	*yes = rc == DB_ROW && db_col_int64(st, 0) > 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* What the audit log keeps of a link. */
static json_t *link_json(const struct project_core *p, const struct target *t)
{
	json_t *o = json_object();
	json_set_str(o, "project", p->code);
	json_set_int(o, "element_id", t->el.id);
	json_set_str(o, "element_code", t->el.code);
	json_set_int(o, "plan_id", t->plan.id);
	json_set_str(o, "plan", t->label);
	return o;
}

int project_serve(struct db_conn *c, const struct actor *who, int64_t now, int64_t project_id, int64_t element_id,
		  struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core p;
	struct target t;
	bool have_target = false, already = false;
	char locs[MAX_LOCATIONS][7];
	size_t nlocs = 0;
	struct government g = { 0 };
	rc = project_core_get(c, project_id, &p, e);
	if (!rc) {
		rc = target_load(c, element_id, &t, e);
		have_target = rc == 0;
	}
	if (!rc)
		rc = load_locations(c, project_id, locs, &nlocs, e);
	if (!rc && p.government[0])
		rc = government_get(c, p.government, &g, e);
	if (!rc)
		rc = link_exists(c, project_id, element_id, &already, e);
	if (!rc) {
		const char *lp[MAX_LOCATIONS];
		for (size_t i = 0; i < nlocs; i++)
			lp[i] = locs[i];
		struct serve_project sp = { p.code, p.government, g.name, lp, nlocs };
		struct serve_target st = { t.el.code, t.el.kind, t.label, t.plan.status, t.plan.instrument,
					   t.plan.government, t.government_name };
		rc = project_serve_check(&sp, &st, already, e);
	}
	if (!rc) {
		struct db_stmt *ins = db_prepare(c, "INSERT INTO project_plan_element (project_id, element_id, account_id,"
						    " actor, created_at) VALUES (?, ?, ?, ?, ?)", e);
		rc = ins ? 0 : e->code;
		if (ins) {
			char at[DATETIME_FMT_MAX];
			db_bind_int64(ins, 1, project_id);
			db_bind_int64(ins, 2, element_id);
			if (who->account_id > 0)
				db_bind_int64(ins, 3, who->account_id);
			else
				db_bind_null(ins, 3);
			db_bind_text(ins, 4, who->name);
			db_bind_text(ins, 5, datetime_format(now, at));
			rc = db_step_done(ins, e);
		}
	}
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)project_id);
		json_t *after = link_json(&p, &t);
		rc = audit_record(c, who, now, "project.serve", "project", sid, NULL, after, e);
		json_decref(after);
	}
	if (have_target)
		target_release(&t);
	return db_tx_leave(c, own, rc, e);
}

int project_unserve(struct db_conn *c, const struct actor *who, int64_t now, int64_t project_id, int64_t element_id,
		    struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core p;
	struct target t;
	bool have_target = false, linked = false;
	rc = project_core_get(c, project_id, &p, e);
	if (!rc) {
		rc = target_load(c, element_id, &t, e);
		have_target = rc == 0;
	}
	if (!rc)
		rc = link_exists(c, project_id, element_id, &linked, e);
	if (!rc && !linked)
		rc = err_set(e, ERR_NOTFOUND, "Project %s does not serve %s of %s", p.code, t.el.code, t.label);
	if (!rc) {
		struct db_stmt *del = db_prepare(c, "DELETE FROM project_plan_element WHERE project_id = ? AND element_id = ?", e);
		rc = del ? 0 : e->code;
		if (del) {
			db_bind_int64(del, 1, project_id);
			db_bind_int64(del, 2, element_id);
			rc = db_step_done(del, e);
		}
	}
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)project_id);
		json_t *before = link_json(&p, &t);
		rc = audit_record(c, who, now, "project.unserve", "project", sid, before, NULL, e);
		json_decref(before);
	}
	if (have_target)
		target_release(&t);
	return db_tx_leave(c, own, rc, e);
}

int project_element_ids(struct db_conn *c, int64_t project_id, int64_t **ids, size_t *n, struct err *e)
{
	*ids = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(c, "SELECT element_id FROM project_plan_element WHERE project_id = ?"
					   " ORDER BY element_id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, project_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (*n == cap)
			*ids = xrealloc(*ids, (cap = cap ? cap * 2 : 4) * sizeof **ids);
		(*ids)[(*n)++] = db_col_int64(st, 0);
	}
	db_finish(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

/* An element as the project page and the API show it. */
static json_t *element_json(const struct target *t)
{
	json_t *o = json_object();
	json_set_int(o, "id", t->el.id);
	json_set_str(o, "code", t->el.code);
	json_set_str(o, "kind", t->el.kind);
	json_set_str(o, "title", t->el.title);
	json_t *pl = json_object();
	json_set_int(pl, "id", t->plan.id);
	json_set_str(pl, "label", t->label);
	json_set_str(pl, "title", t->plan.title);
	json_set_str(pl, "instrument", t->plan.instrument);
	json_set_str(pl, "government", t->plan.government);
	json_set_str(pl, "government_name", t->plan.government_name);
	json_set_str(pl, "status", t->plan.status);
	json_object_set_new(o, "plan", pl);
	return o;
}

int project_served_elements(struct db_conn *c, int64_t project_id, json_t **items, struct err *e)
{
	*items = NULL;
	int64_t *ids;
	size_t n;
	int rc = project_element_ids(c, project_id, &ids, &n, e);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n && !rc; i++) {
		struct target t;
		if ((rc = target_load(c, ids[i], &t, e)))
			break;
		json_array_append_new(arr, element_json(&t));
		target_release(&t);
	}
	free(ids);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	return 0;
}

int project_serving_element(struct db_conn *c, int64_t element_id, json_t **items, struct err *e)
{
	*items = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT p.id, p.code, p.title, p.status, p.government_code, p.cost, p.currency FROM project_plan_element pe"
		" JOIN project p ON p.id = pe.project_id WHERE pe.element_id = ? ORDER BY p.code", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, element_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		json_set_str(o, "code", db_col_text(st, 1));
		json_set_str(o, "title", db_col_text(st, 2));
		json_set_str(o, "status", db_col_text(st, 3));
		json_set_str(o, "government", db_col_text(st, 4));
		json_set_int(o, "cost_cents", db_col_int64(st, 5));
		json_set_str(o, "currency", db_col_text(st, 6));
		json_array_append_new(arr, o);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	return 0;
}

int project_serve_candidates(struct db_conn *c, int64_t project_id, const char *q, int64_t limit, json_t **items,
			     int64_t *total, struct err *e)
{
	*items = NULL;
	*total = 0;
	struct project_core p;
	int rc = project_core_get(c, project_id, &p, e);
	if (rc)
		return rc;
	/* the plans of its government and of those containing it; a project of no
	 * government: of the government of its place, concerted plans only */
	struct government g;
	const char *gov = p.government;
	if (!*gov) {
		if ((rc = government_for(c, p.territory, &g, e)))
			return rc;
		gov = g.code;
	}
	struct plan_element_query eq = { .q = q, .government = gov, .with_ancestors = true, .exclude_superseded = true,
					 .project_targets = true, .own_institutional = p.government[0] != '\0',
					 .limit = limit > 0 ? limit : 50 };
	if ((rc = plan_element_search(c, &eq, items, total, e)))
		return rc;
	/* mark those it already serves */
	int64_t *ids;
	size_t n;
	if ((rc = project_element_ids(c, project_id, &ids, &n, e))) {
		json_decref(*items);
		*items = NULL;
		return rc;
	}
	size_t i;
	json_t *o;
	json_array_foreach(*items, i, o) {
		bool served = false;
		for (size_t k = 0; k < n && !served; k++)
			served = ids[k] == json_get_int(o, "id", 0);
		json_set_bool(o, "served", served);
	}
	free(ids);
	return 0;
}

/* ---- the project bank as an articulation source ---- */

/* Which projects belong to a year's report (docs/projects.md): those with a line
 * in an investment plan of that year, and the open portfolio registered by the
 * end of it (from received to in execution). Closed, completed, discarded and
 * not viable projects without a line that year are history, not the year's
 * portfolio. */
#define YEAR_PROJECTS_SQL                                                                          \
	" AND ((p.status IN ('received', 'under_evaluation', 'viable', 'prioritized', 'programmed',"  \
	" 'in_execution') AND p.registered_on <= ?) OR p.id IN (" INVEST_PROJECTS_OF_YEAR_SQL "))"

static int emit(struct db_stmt *st, int64_t fixed_element, artic_item_cb cb, void *arg, struct err *e)
{
	int rc, stop = 0;
	while (!stop && (rc = db_step(st, e)) == DB_ROW) {
		char href[48];
		snprintf(href, sizeof href, "/projects/%lld", (long long)db_col_int64(st, 0));
		struct artic_item it = { .kind = "project", .id = db_col_int64(st, 0), .code = db_col_text(st, 1),
					 .title = db_col_text(st, 2), .href = href, .government = db_col_text(st, 3),
					 .element_id = fixed_element ? fixed_element : (db_col_null(st, 4) ? 0 : db_col_int64(st, 4)),
					 .budget = -1 };
		stop = cb(&it, arg);
	}
	db_finish(st);
	if (stop)
		return stop;
	return rc < 0 ? rc : 0;
}

static int bank_items(struct db_conn *c, const struct artic_query *q, artic_item_cb cb, void *arg, struct err *e)
{
	if (q->element_id > 0) {
		struct db_stmt *st = db_prepare(c,
			"SELECT p.id, p.code, p.title, COALESCE(p.government_code, ''), pe.element_id FROM project_plan_element pe"
			" JOIN project p ON p.id = pe.project_id WHERE pe.element_id = ? ORDER BY p.code", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, q->element_id);
		return emit(st, q->element_id, cb, arg, e);
	}
	char year_end[16];
	snprintf(year_end, sizeof year_end, "%04lld-12-31", (long long)q->year);
	for (size_t g = 0; g < q->ngovernments; g++) {
		/* one row per project and element it serves (one with NULL when none) */
		struct db_stmt *st = db_prepare(c, q->year
			? "SELECT p.id, p.code, p.title, p.government_code, pe.element_id FROM project p"
			  " LEFT JOIN project_plan_element pe ON pe.project_id = p.id WHERE p.government_code = ?"
			  YEAR_PROJECTS_SQL " ORDER BY p.id, pe.element_id"
			: "SELECT p.id, p.code, p.title, p.government_code, pe.element_id FROM project p"
			  " LEFT JOIN project_plan_element pe ON pe.project_id = p.id WHERE p.government_code = ?"
			  " ORDER BY p.id, pe.element_id", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, q->governments[g]);
		if (q->year) {
			db_bind_text(st, 2, year_end);
			db_bind_int64(st, 3, q->year);
		}
		int rc = emit(st, 0, cb, arg, e);
		if (rc)
			return rc;
	}
	return 0;
}

const struct artic_source project_artic_source = { N_("Project bank"), "project", bank_items };
