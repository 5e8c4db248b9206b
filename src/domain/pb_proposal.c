/* pb_proposal.c — proposals of a participatory budget: filed by accredited
 * agents (new, or chosen from the project bank), traced to an objective of the
 * concerted development plan (or flagged as untraced), reviewed by the
 * technical team, and — for a province — taken in from its districts'
 * processes (Ley 27972, art. 97). */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "domain/territory.h"
#include "rules/project_rules.h"

#define PROPOSAL_DESCRIPTION_MAX 8000

#define PROPOSAL_COLS \
	"x.id, x.number, x.pabulib_id, x.origin, x.agent_id, a.name, x.project_id, pr.code, x.source_proposal_id," \
	" x.title, x.description, x.territory_code, t.name, x.zone_id, z.name, x.sector, x.cost, x.cofinancing," \
	" x.beneficiaries, x.element_id, x.review, x.observations, x.validated_cost, x.provincial_impact," \
	" x.reviewed_by, x.reviewed_at, x.filed_by, x.created_at, r.selected, r.reason, x.process_id"
#define PROPOSAL_FROM \
	" FROM pb_proposal x LEFT JOIN pb_agent a ON a.id = x.agent_id LEFT JOIN territory t ON t.code = x.territory_code" \
	" LEFT JOIN pb_zone z ON z.id = x.zone_id LEFT JOIN project pr ON pr.id = x.project_id" \
	" LEFT JOIN pb_result r ON r.process_id = x.process_id AND r.proposal_id = x.id"

/* The element a proposal traces to, as {id, code, title, kind, plan: {id, title}}, or null. */
static json_t *element_json(struct db_conn *c, int64_t id)
{
	if (id <= 0)
		return json_null();
	struct plan_element el;
	struct plan pl;
	struct err e;
	err_init(&e, NULL);
	if (plan_element_get(c, id, &el, &e))
		return json_null();
	json_t *o = json_object();
	json_set_int(o, "id", el.id);
	json_set_str(o, "code", el.code);
	json_set_str(o, "title", el.title);
	json_set_str(o, "kind", el.kind);
	if (plan_get(c, el.plan_id, &pl, &e) == 0) {
		json_t *p = json_object();
		json_set_int(p, "id", pl.id);
		json_set_str(p, "title", pl.title);
		json_set_str(p, "government", pl.government);
		json_object_set_new(o, "plan", p);
		plan_release(&pl);
	}
	plan_element_release(&el);
	return o;
}

static json_t *row_json(struct db_conn *c, struct db_stmt *st)
{
	json_t *o = json_object();
	int i = 0;
	json_set_int(o, "id", db_col_int64(st, i++));
	json_set_int(o, "number", db_col_int64(st, i++));
	pb_set_text(o, "pabulib_id", st, i++);
	pb_set_text(o, "origin", st, i++);
	if (db_col_null(st, i)) {
		json_object_set_new(o, "agent", json_null());
		i += 2;
	} else {
		json_t *a = json_object();
		json_set_int(a, "id", db_col_int64(st, i++));
		pb_set_text(a, "name", st, i++);
		json_object_set_new(o, "agent", a);
	}
	if (db_col_null(st, i)) {
		json_object_set_new(o, "project", json_null());
		i += 2;
	} else {
		json_t *p = json_object();
		json_set_int(p, "id", db_col_int64(st, i++));
		pb_set_text(p, "code", st, i++);
		json_object_set_new(o, "project", p);
	}
	pb_set_int_or_null(o, "source_proposal", st, i++);
	pb_set_text(o, "title", st, i++);
	pb_set_text(o, "description", st, i++);
	if (db_col_null(st, i)) {
		json_object_set_new(o, "territory", json_null());
		i += 2;
	} else {
		json_t *t = json_object();
		pb_set_text(t, "code", st, i++);
		pb_set_text(t, "name", st, i++);
		json_object_set_new(o, "territory", t);
	}
	if (db_col_null(st, i)) {
		json_object_set_new(o, "zone", json_null());
		i += 2;
	} else {
		json_t *z = json_object();
		json_set_int(z, "id", db_col_int64(st, i++));
		pb_set_text(z, "name", st, i++);
		json_object_set_new(o, "zone", z);
	}
	pb_set_text(o, "sector", st, i++);
	json_set_int(o, "cost_cents", db_col_int64(st, i++));
	json_set_int(o, "cofinancing_cents", db_col_int64(st, i++));
	pb_set_int_or_null(o, "beneficiaries", st, i++);
	int64_t element = db_col_null(st, i) ? 0 : db_col_int64(st, i);
	i++;
	pb_set_text(o, "review", st, i++);
	pb_set_text(o, "observations", st, i++);
	pb_set_int_or_null(o, "validated_cost_cents", st, i++);
	json_set_bool(o, "provincial_impact", db_col_int64(st, i++) != 0);
	pb_set_text(o, "reviewed_by", st, i++);
	pb_set_text(o, "reviewed_at", st, i++);
	pb_set_text(o, "filed_by", st, i++);
	pb_set_text(o, "filed_at", st, i++);
	if (db_col_null(st, i)) {
		json_object_set_new(o, "result", json_null());
		i += 2;
	} else {
		json_t *r = json_object();
		json_set_bool(r, "selected", db_col_int64(st, i++) != 0);
		pb_set_text(r, "reason", st, i++);
		json_object_set_new(o, "result", r);
	}
	json_set_int(o, "process_id", db_col_int64(st, i++));
	json_t *v = json_object_get(o, "validated_cost_cents");
	json_set_int(o, "amount_cents", json_is_integer(v) ? json_integer_value(v) : json_get_int(o, "cost_cents", 0));
	json_set_bool(o, "traced", element > 0);
	json_object_set_new(o, "element", element_json(c, element));
	return o;
}

int pb_proposal_list(struct db_conn *c, int64_t process, json_t **items, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT " PROPOSAL_COLS PROPOSAL_FROM " WHERE x.process_id = ? ORDER BY x.number", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, row_json(c, st));
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	return 0;
}

int pb_proposal_json(struct db_conn *c, int64_t process, int64_t proposal, json_t **out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT " PROPOSAL_COLS PROPOSAL_FROM " WHERE x.id = ? AND x.process_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, proposal);
	db_bind_int64(st, 2, process);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = row_json(c, st);
	db_finish(st);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW)
		return err_set(e, ERR_NOTFOUND, "No proposal with number %lld in this process", (long long)proposal);
	return 0;
}

int pb_proposal_process(struct db_conn *c, int64_t proposal, int64_t *process, struct err *e)
{
	int rc = pb_int_query(c, "SELECT process_id FROM pb_proposal WHERE id = ?", proposal, 0, process, e);
	if (!rc && !*process)
		rc = err_set(e, ERR_NOTFOUND, "No proposal with number %lld", (long long)proposal);
	return rc;
}

/* ---- filing ---- */

/* Is `code` the government's territory or inside it? */
static bool inside(const char *code, const char *government)
{
	return code && strncmp(code, government, strlen(government)) == 0;
}

/* The element must be in a concerted development plan of the government or of a
 * territory that contains it. */
static int check_element(struct db_conn *c, const struct pb_process *p, int64_t id, struct err *e)
{
	struct plan_element el;
	struct err probe;
	err_init(&probe, e->lang);
	if (plan_element_get(c, id, &el, &probe))
		return err_set(e, ERR_INVALID, "No plan element with number %lld", (long long)id);
	struct plan pl;
	int rc = plan_get(c, el.plan_id, &pl, e);
	if (!rc) {
		if (!str_eq(pl.instrument, "pdc") || strncmp(p->government, pl.government, strlen(pl.government)) != 0)
			rc = err_set(e, ERR_INVALID,
				     "The element %s does not belong to a concerted development plan of %s or of the territories that contain it",
				     el.code, p->government_name);
		else if (str_eq(pl.status, "superseded"))
			rc = err_set(e, ERR_INVALID, "The element %s belongs to a plan that was superseded", el.code);
		plan_release(&pl);
	}
	plan_element_release(&el);
	return rc;
}

struct filing {
	const char *title, *description, *territory, *sector;
	int64_t cost;
	char *owned_description;
	char owned_title[PROJECT_TITLE_MAX * 4 + 1];
	char owned_territory[7];
	char owned_sector[32];
};

/* Fills the missing fields from the bank's project. */
static int from_bank(struct db_conn *c, const struct pb_process *p, int64_t project, struct filing *f, struct err *e)
{
	struct project_core core;
	int rc = project_core_get(c, project, &core, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_INVALID, "No project with number %lld in the bank", (long long)project);
	if (rc)
		return rc;
	if (!str_eq(core.government, p->government) && !inside(core.territory, p->government))
		return err_set(e, ERR_INVALID, "The project %s is not in the bank of %s", core.code, p->government_name);
	if (core.status != PS_RECEIVED && core.status != PS_UNDER_EVALUATION && core.status != PS_VIABLE &&
	    core.status != PS_PRIORITIZED)
		return err_set(e, ERR_CONFLICT, "The project %s is \"%s\" in the bank: only projects not yet programmed can be proposed",
			       core.code, tr(e->lang, project_status_label(core.status)));
	if (!str_eq(core.currency, p->currency))
		return err_set(e, ERR_INVALID, "The project %s is in %s, the process in %s", core.code, core.currency, p->currency);
	json_t *j = NULL;
	if ((rc = project_get_json(c, project, &j, e)))
		return rc;
	if (pb_blank(f->title)) {
		snprintf(f->owned_title, sizeof f->owned_title, "%s", json_get_str(j, "title", ""));
		f->title = f->owned_title;
	}
	if (pb_blank(f->description)) {
		const char *d = json_get_str(j, "description", "");
		size_t nb = utf8_prefix_bytes(d, PROPOSAL_DESCRIPTION_MAX);
		f->owned_description = xstrndup(d, nb);
		f->description = f->owned_description;
	}
	if (pb_blank(f->territory)) {
		snprintf(f->owned_territory, sizeof f->owned_territory, "%s", core.territory);
		f->territory = f->owned_territory;
	}
	if (pb_blank(f->sector)) {
		snprintf(f->owned_sector, sizeof f->owned_sector, "%s", json_get_str(j, "sector", "other"));
		f->sector = f->owned_sector;
	}
	if (f->cost < 0)
		f->cost = core.cost;
	json_decref(j);
	return 0;
}

static int next_number(struct db_conn *c, int64_t process, int64_t *n, struct err *e)
{
	return pb_int_query(c, "SELECT COALESCE(MAX(number), 0) + 1 FROM pb_proposal WHERE process_id = ?", process, 1, n, e);
}

/* The checks common to every proposal; *zone_territory receives the zone's. */
static int check_fields(struct db_conn *c, const struct pb_process *p, const struct filing *f, int64_t zone,
			int64_t cofinancing, int64_t beneficiaries, struct err *e)
{
	int rc = pb_text_check("title", f->title, PROJECT_TITLE_MAX, true, e);
	if (!rc)
		rc = pb_text_check("description", f->description, PROPOSAL_DESCRIPTION_MAX, false, e);
	if (rc)
		return rc;
	if (!project_sector_valid(f->sector))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "sector");
	if (pb_blank(f->territory))
		return err_set(e, ERR_INVALID, "Say which district the proposal benefits");
	struct territory t;
	struct err probe;
	err_init(&probe, e->lang);
	if (territory_get(c, f->territory, &t, &probe))
		return err_set(e, ERR_INVALID, "No district with code %s", f->territory);
	if (!inside(f->territory, p->government))
		return err_set(e, ERR_INVALID, "%s is outside the territory of %s", t.name, p->government_name);
	if (f->cost <= 0)
		return err_set(e, ERR_INVALID, "The estimated cost must be greater than zero");
	if (f->cost > p->ceiling) {
		char a[64], b[64];
		return err_set(e, ERR_INVALID, "The cost (%s) exceeds the whole budget of the process (%s)",
			       pb_money(p->currency, f->cost, a, sizeof a), pb_money(p->currency, p->ceiling, b, sizeof b));
	}
	if (cofinancing < 0)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	if (cofinancing > f->cost)
		return err_set(e, ERR_INVALID, "The cofinancing cannot exceed the cost");
	if (beneficiaries > 100000000)
		return err_set(e, ERR_INVALID, "\"%s\" must be a whole number of people (not \"%lld\")", "beneficiaries",
			       (long long)beneficiaries);
	if (zone > 0) {
		int64_t owner = 0;
		char zt[7] = "";
		struct db_stmt *st = db_prepare(c, "SELECT process_id, territory_code, name FROM pb_zone WHERE id = ?", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, zone);
		char zname[PB_NAME_MAX * 4 + 1] = "";
		if ((rc = db_step(st, e)) == DB_ROW) {
			owner = db_col_int64(st, 0);
			snprintf(zt, sizeof zt, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
			snprintf(zname, sizeof zname, "%s", db_col_text(st, 2));
		}
		db_finish(st);
		if (rc < 0)
			return rc;
		if (owner != p->id)
			return err_set(e, ERR_INVALID, "The process has no such zone");
		if (zt[0] && !inside(f->territory, zt))
			return err_set(e, ERR_INVALID, "%s is not in the zone \"%s\"", t.name, zname);
	}
	return 0;
}

int pb_proposal_file(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
		     const struct pb_proposal_input *in, bool staff, int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_gate(&p, PB_ACT_PROPOSE, now, e);
	/* the organization: accredited in this process, and represented by the filer */
	char agent_name[PB_NAME_MAX * 4 + 1] = "", status[16] = "";
	int64_t agent_process = 0;
	if (!rc && in->agent_id <= 0)
		rc = err_set(e, ERR_INVALID, "Choose the accredited organization that files the proposal");
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT process_id, name, status FROM pb_agent WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, in->agent_id);
			if ((rc = db_step(st, e)) == DB_ROW) {
				agent_process = db_col_int64(st, 0);
				snprintf(agent_name, sizeof agent_name, "%s", db_col_text(st, 1));
				snprintf(status, sizeof status, "%s", db_col_text(st, 2));
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && agent_process != process)
			rc = err_set(e, ERR_INVALID, "No participating agent with number %lld in this process", (long long)in->agent_id);
		else if (!rc && !str_eq(status, "accredited"))
			rc = err_set(e, ERR_CONFLICT,
				     "%s is not accredited in this process: only accredited agents file proposals", agent_name);
	}
	if (!rc && !staff) {
		int64_t reps = 0;
		struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM pb_representative WHERE agent_id = ? AND account_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, in->agent_id);
			db_bind_int64(st, 2, who ? who->account_id : 0);
			rc = db_step(st, e);
			reps = rc == DB_ROW ? db_col_int64(st, 0) : 0;
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && !reps)
			rc = err_set(e, ERR_FORBIDDEN, "You do not represent %s in this process", agent_name);
	}
	struct filing f = { .title = in->title, .description = in->description, .territory = in->territory,
			    .sector = in->sector, .cost = in->cost };
	if (!rc && in->project_id > 0) {
		int64_t dup = 0;
		struct db_stmt *st = db_prepare(c, "SELECT number FROM pb_proposal WHERE process_id = ? AND project_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, in->project_id);
			rc = db_step(st, e);
			dup = rc == DB_ROW ? db_col_int64(st, 0) : 0;
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && dup)
			rc = err_set(e, ERR_CONFLICT, "That project of the bank is already proposal %lld of this process", (long long)dup);
		if (!rc)
			rc = from_bank(c, &p, in->project_id, &f, e);
	}
	if (!rc)
		rc = check_fields(c, &p, &f, in->zone_id, in->cofinancing, in->beneficiaries, e);
	if (!rc && in->element_id > 0)
		rc = check_element(c, &p, in->element_id, e);
	int64_t number = 0;
	if (!rc)
		rc = next_number(c, process, &number, e);
	if (!rc) {
		char ts[DATETIME_FMT_MAX], pid[24];
		snprintf(pid, sizeof pid, "%lld", (long long)number);
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_proposal (process_id, number, pabulib_id, origin, agent_id, project_id, title, description,"
			" territory_code, zone_id, sector, cost, cofinancing, beneficiaries, element_id, review, observations,"
			" provincial_impact, filed_by, created_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', '', 0, ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, number);
			db_bind_text(st, 3, pid);
			db_bind_text(st, 4, in->project_id > 0 ? "bank" : "agent");
			db_bind_int64(st, 5, in->agent_id);
			pb_bind_id_or_null(st, 6, in->project_id);
			db_bind_text(st, 7, f.title);
			db_bind_text(st, 8, f.description ? f.description : "");
			db_bind_text(st, 9, f.territory);
			pb_bind_id_or_null(st, 10, in->zone_id);
			db_bind_text(st, 11, f.sector);
			db_bind_int64(st, 12, f.cost);
			db_bind_int64(st, 13, in->cofinancing);
			if (in->beneficiaries >= 0)
				db_bind_int64(st, 14, in->beneficiaries);
			else
				db_bind_null(st, 14);
			pb_bind_id_or_null(st, 15, in->element_id);
			db_bind_text(st, 16, pb_actor_name(who));
			db_bind_text(st, 17, pb_now_text(now, ts));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.proposal.file", process, NULL,
			      json_pack("{sIsIsssIsIsb}", "proposal", (json_int_t)*id, "number", (json_int_t)number, "title", f.title,
					"agent", (json_int_t)in->agent_id, "cost_cents", (json_int_t)f.cost, "traced",
					in->element_id > 0), e);
	free(f.owned_description);
	return db_tx_leave(c, own, rc, e);
}

/* ---- the technical review ---- */

int pb_proposal_review(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		       bool viable, const char *observations, int64_t validated_cost, bool provincial_impact,
		       struct err *e)
{
	int rc = pb_text_check("observations", observations, PB_TEXT_MAX, !viable, e);
	if (rc) {
		if (!viable && pb_blank(observations))
			return err_set(e, ERR_INVALID, "Write the observations that make the proposal not viable");
		return rc;
	}
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	json_t *x = NULL;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_gate(&p, PB_ACT_REVIEW, now, e);
	if (!rc)
		rc = pb_proposal_json(c, process, proposal, &x, e);
	int64_t cost = json_get_int(x, "cost_cents", 0);
	if (!rc && viable && validated_cost < 0)
		validated_cost = cost;
	if (!rc && viable && validated_cost == 0)
		rc = err_set(e, ERR_INVALID, "The validated cost must be greater than zero");
	if (!rc && viable && validated_cost > p.ceiling) {
		char a[64], b[64];
		rc = err_set(e, ERR_INVALID, "The validated cost (%s) exceeds the whole budget of the process (%s)",
			     pb_money(p.currency, validated_cost, a, sizeof a), pb_money(p.currency, p.ceiling, b, sizeof b));
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"UPDATE pb_proposal SET review = ?, observations = ?, validated_cost = ?, provincial_impact = ?,"
			" reviewed_by = ?, reviewed_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, viable ? "viable" : "not_viable");
			db_bind_text(st, 2, observations ? observations : "");
			if (viable)
				db_bind_int64(st, 3, validated_cost);
			else
				db_bind_null(st, 3);
			db_bind_int64(st, 4, provincial_impact ? 1 : 0);
			db_bind_text(st, 5, pb_actor_name(who));
			db_bind_text(st, 6, pb_now_text(now, ts));
			db_bind_int64(st, 7, proposal);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.proposal.review", process,
			      json_pack("{sIss}", "proposal", (json_int_t)proposal, "review", json_get_str(x, "review", "")),
			      json_pack("{sIsssIsb}", "proposal", (json_int_t)proposal, "review", viable ? "viable" : "not_viable",
					"validated_cost_cents", (json_int_t)(viable ? validated_cost : 0), "provincial_impact",
					provincial_impact), e);
	json_decref(x);
	return db_tx_leave(c, own, rc, e);
}

/* ---- art. 97: a province takes in its districts' proposals ---- */

#define INTAKE_FROM \
	" FROM pb_proposal x JOIN pb_process q ON q.id = x.process_id JOIN pb_result r ON r.process_id = q.id" \
	" AND r.proposal_id = x.id JOIN government g ON g.code = q.government_code" \
	" WHERE q.year = ? AND q.formalized_at IS NOT NULL AND r.selected = 1 AND x.provincial_impact = 1" \
	" AND q.government_code LIKE ? AND q.government_code <> ? AND LENGTH(q.government_code) = ?" \
	" AND NOT EXISTS (SELECT 1 FROM pb_proposal y WHERE y.process_id = ? AND y.source_proposal_id = x.id)"

int pb_intake_candidates(struct db_conn *c, int64_t process, json_t **items, struct err *e)
{
	struct pb_process p;
	int rc = pb_process_get(c, process, &p, e);
	if (rc)
		return rc;
	json_t *arr = json_array();
	if (strlen(p.government) < 6) {
		char like[16];
		snprintf(like, sizeof like, "%s%%", p.government);
		struct db_stmt *st = db_prepare(c,
			"SELECT x.id, x.number, x.title, x.cost, x.validated_cost, g.name, q.id, x.territory_code" INTAKE_FROM
			" ORDER BY q.government_code, x.number", e);
		if (!st) {
			json_decref(arr);
			return e->code;
		}
		db_bind_int64(st, 1, p.year);
		db_bind_text(st, 2, like);
		db_bind_text(st, 3, p.government);
		db_bind_int64(st, 4, (int64_t)strlen(p.government) + 2);
		db_bind_int64(st, 5, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *o = json_object();
			json_set_int(o, "id", db_col_int64(st, 0));
			json_set_int(o, "number", db_col_int64(st, 1));
			pb_set_text(o, "title", st, 2);
			json_set_int(o, "amount_cents", db_col_null(st, 4) ? db_col_int64(st, 3) : db_col_int64(st, 4));
			pb_set_text(o, "government", st, 5);
			json_set_int(o, "process_id", db_col_int64(st, 6));
			pb_set_text(o, "territory", st, 7);
			json_array_append_new(arr, o);
		}
		db_finish(st);
	}
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	return 0;
}

int pb_intake(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t source_proposal,
	      int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_gate(&p, PB_ACT_INTAKE, now, e);
	json_t *cands = NULL, *src = NULL;
	if (!rc)
		rc = pb_intake_candidates(c, process, &cands, e);
	size_t i;
	json_t *o;
	json_array_foreach(cands, i, o)
		if (json_get_int(o, "id", 0) == source_proposal)
			src = o;
	if (!rc && !src)
		rc = err_set(e, ERR_INVALID,
			     "Proposal %lld is not a prioritized proposal of provincial impact of a district of %s, or it was already taken in",
			     (long long)source_proposal, p.government_name);
	json_t *x = NULL;
	if (!rc)
		rc = pb_proposal_json(c, json_get_int(src, "process_id", 0), source_proposal, &x, e);
	int64_t number = 0;
	if (!rc)
		rc = next_number(c, process, &number, e);
	int64_t amount = json_get_int(src, "amount_cents", 0);
	if (!rc && amount > p.ceiling) {
		char a[64], b[64];
		rc = err_set(e, ERR_INVALID, "The cost (%s) exceeds the whole budget of the process (%s)",
			     pb_money(p.currency, amount, a, sizeof a), pb_money(p.currency, p.ceiling, b, sizeof b));
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX], pid[24];
		snprintf(pid, sizeof pid, "%lld", (long long)number);
		json_t *proj = json_object_get(x, "project"), *terr = json_object_get(x, "territory");
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_proposal (process_id, number, pabulib_id, origin, project_id, source_proposal_id, title,"
			" description, territory_code, sector, cost, cofinancing, beneficiaries, review, observations,"
			" provincial_impact, filed_by, created_at)"
			" VALUES (?, ?, ?, 'district', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', '', 1, ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, number);
			db_bind_text(st, 3, pid);
			pb_bind_id_or_null(st, 4, json_get_int(proj, "id", 0));
			db_bind_int64(st, 5, source_proposal);
			db_bind_text(st, 6, json_get_str(x, "title", ""));
			db_bind_text(st, 7, json_get_str(x, "description", ""));
			pb_bind_text_or_null(st, 8, json_get_str(terr, "code", NULL));
			db_bind_text(st, 9, json_get_str(x, "sector", "other"));
			db_bind_int64(st, 10, amount);
			db_bind_int64(st, 11, json_get_int(x, "cofinancing_cents", 0));
			json_t *b = json_object_get(x, "beneficiaries");
			if (json_is_integer(b))
				db_bind_int64(st, 12, json_integer_value(b));
			else
				db_bind_null(st, 12);
			db_bind_text(st, 13, pb_actor_name(who));
			db_bind_text(st, 14, pb_now_text(now, ts));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.proposal.intake", process, NULL,
			      json_pack("{sIsIsI}", "proposal", (json_int_t)*id, "number", (json_int_t)number, "source",
					(json_int_t)source_proposal), e);
	json_decref(x);
	json_decref(cands);
	return db_tx_leave(c, own, rc, e);
}

/* ---- what the filing form offers ---- */

int pb_objective_options(struct db_conn *c, int64_t process, json_t **items, struct err *e)
{
	struct pb_process p;
	int rc = pb_process_get(c, process, &p, e);
	if (rc)
		return rc;
	struct plan_element_query q = { .government = p.government, .with_ancestors = true, .kind = "objective",
					 .instrument = "pdc", .exclude_superseded = true, .limit = 500 };
	int64_t total;
	return plan_element_search(c, &q, items, &total, e);
}

int pb_bank_options(struct db_conn *c, int64_t process, json_t **items, struct err *e)
{
	struct pb_process p;
	int rc = pb_process_get(c, process, &p, e);
	if (rc)
		return rc;
	static const char *const statuses[] = { "viable", "prioritized", "under_evaluation", "received" };
	json_t *all = json_array();
	for (size_t i = 0; i < ARRAY_LEN(statuses) && !rc; i++) {
		struct project_query q;
		project_query_init(&q);
		q.government = p.government;
		q.status = statuses[i];
		q.sort = PSORT_TITLE;
		q.limit = 300;
		json_t *part = NULL;
		int64_t total;
		rc = project_list(c, &q, false, &part, &total, e);
		if (!rc)
			json_array_extend(all, part);
		json_decref(part);
	}
	if (rc) {
		json_decref(all);
		return rc;
	}
	*items = all;
	return 0;
}
