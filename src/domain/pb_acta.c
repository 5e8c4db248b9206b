/* pb_acta.c — formalization: the acta of agreements and commitments (the
 * prioritized projects with their amounts, funding and responsible parties, the
 * agents' commitments, the signatories), its signature, which prioritizes the
 * projects in the bank, and the one step that sends them to the investment plan. */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "domain/invest.h"
#include "domain/project.h"

#define ACTA_PLACE_MAX 200

int pb_acta_json(struct db_conn *c, int64_t process, const struct i18n_lang *lang, json_t **out, struct err *e)
{
	(void)lang;
	struct pb_process p;
	int rc = pb_process_get(c, process, &p, e);
	if (rc)
		return rc;
	json_t *o = json_object();
	struct db_stmt *st = db_prepare(c, "SELECT place, held_on, agreements, updated_at FROM pb_acta WHERE process_id = ?", e);
	if (!st) {
		json_decref(o);
		return e->code;
	}
	db_bind_int64(st, 1, process);
	if ((rc = db_step(st, e)) == DB_ROW) {
		pb_set_text(o, "place", st, 0);
		pb_set_text(o, "held_on", st, 1);
		pb_set_text(o, "agreements", st, 2);
		pb_set_text(o, "updated_at", st, 3);
	}
	db_finish(st);
	/* the prioritized projects: the selected proposals of the published results */
	json_t *lines = json_array();
	int64_t total = 0;
	st = rc < 0 ? NULL : db_prepare(c,
		"SELECT x.id, x.number, x.title, COALESCE(x.validated_cost, x.cost), x.cofinancing, a.name, x.project_id, pr.code,"
		" l.source_id, fs.name, fs.kind, l.responsible, z.name, t.name, pr.status, x.element_id"
		" FROM pb_result r JOIN pb_proposal x ON x.id = r.proposal_id LEFT JOIN pb_agent a ON a.id = x.agent_id"
		" LEFT JOIN project pr ON pr.id = x.project_id"
		" LEFT JOIN pb_acta_line l ON l.process_id = r.process_id AND l.proposal_id = x.id"
		" LEFT JOIN funding_source fs ON fs.id = l.source_id LEFT JOIN pb_zone z ON z.id = x.zone_id"
		" LEFT JOIN territory t ON t.code = x.territory_code"
		" WHERE r.process_id = ? AND r.selected = 1 ORDER BY x.number", e);
	if (rc >= 0 && !st)
		rc = e->code;
	if (st) {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *l = json_object();
			json_set_int(l, "proposal", db_col_int64(st, 0));
			json_set_int(l, "number", db_col_int64(st, 1));
			pb_set_text(l, "title", st, 2);
			json_set_int(l, "amount_cents", db_col_int64(st, 3));
			json_set_int(l, "cofinancing_cents", db_col_int64(st, 4));
			pb_set_text(l, "agent", st, 5);
			if (db_col_null(st, 6))
				json_object_set_new(l, "project", json_null());
			else {
				json_t *pj = json_object();
				json_set_int(pj, "id", db_col_int64(st, 6));
				pb_set_text(pj, "code", st, 7);
				pb_set_text(pj, "status", st, 14);
				json_object_set_new(l, "project", pj);
			}
			if (db_col_null(st, 8))
				json_object_set_new(l, "source", json_null());
			else {
				json_t *s = json_object();
				json_set_int(s, "id", db_col_int64(st, 8));
				pb_set_text(s, "name", st, 9);
				pb_set_text(s, "kind", st, 10);
				json_object_set_new(l, "source", s);
			}
			pb_set_text(l, "responsible", st, 11);
			pb_set_text(l, "zone", st, 12);
			pb_set_text(l, "territory", st, 13);
			json_set_bool(l, "traced", !db_col_null(st, 15));
			total += db_col_int64(st, 3);
			json_array_append_new(lines, l);
		}
		db_finish(st);
	}
	json_object_set_new(o, "lines", lines);
	json_set_int(o, "total_cents", total);
	json_t *commitments = json_array(), *signatories = json_array();
	st = rc < 0 ? NULL : db_prepare(c, "SELECT id, agent_id, party, text FROM pb_commitment WHERE process_id = ? ORDER BY id", e);
	if (rc >= 0 && !st)
		rc = e->code;
	if (st) {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *x = json_object();
			json_set_int(x, "id", db_col_int64(st, 0));
			pb_set_int_or_null(x, "agent", st, 1);
			pb_set_text(x, "party", st, 2);
			pb_set_text(x, "text", st, 3);
			json_array_append_new(commitments, x);
		}
		db_finish(st);
	}
	st = rc < 0 ? NULL : db_prepare(c, "SELECT id, name, role, organization FROM pb_signatory WHERE process_id = ? ORDER BY id", e);
	if (rc >= 0 && !st)
		rc = e->code;
	if (st) {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *x = json_object();
			json_set_int(x, "id", db_col_int64(st, 0));
			pb_set_text(x, "name", st, 1);
			pb_set_text(x, "role", st, 2);
			pb_set_text(x, "organization", st, 3);
			json_array_append_new(signatories, x);
		}
		db_finish(st);
	}
	json_object_set_new(o, "commitments", commitments);
	json_object_set_new(o, "signatories", signatories);
	json_set_bool(o, "formalized", p.formalized);
	json_set_bool(o, "has_results", p.has_results);
	if (rc < 0) {
		json_decref(o);
		return rc;
	}
	st = db_prepare(c, "SELECT formalized_at FROM pb_process WHERE id = ?", e);
	if (st) {
		db_bind_int64(st, 1, process);
		if (db_step(st, e) == DB_ROW)
			pb_set_text(o, "formalized_at", st, 0);
		db_finish(st);
	}
	if (p.invest_plan_id)
		json_set_int(o, "invest_plan_id", p.invest_plan_id);
	*out = o;
	return 0;
}

/* The process open for the acta: results published, not signed yet. */
static int acta_open(struct db_conn *c, int64_t process, struct pb_process *p, struct err *e)
{
	int rc = pb_process_get(c, process, p, e);
	if (!rc)
		rc = pb_open_check(p, e);
	if (!rc && !p->has_results)
		rc = err_set(e, ERR_CONFLICT, "Publish the results before drafting the acta");
	return rc;
}

int pb_acta_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *place,
		   const char *held_on, const char *agreements, struct err *e)
{
	int rc = pb_text_check("place", place, ACTA_PLACE_MAX, true, e);
	if (!rc)
		rc = pb_text_check("agreements", agreements, PB_TEXT_MAX, false, e);
	if (rc)
		return rc;
	struct date d;
	if (!held_on || date_parse(held_on, &d))
		return err_set(e, ERR_INVALID, "Field \"%s\" must be a date YYYY-MM-DD", "held_on");
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = acta_open(c, process, &p, e);
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_acta (process_id, place, held_on, agreements, updated_at) VALUES (?, ?, ?, ?, ?)"
			" ON CONFLICT (process_id) DO UPDATE SET place = excluded.place, held_on = excluded.held_on,"
			" agreements = excluded.agreements, updated_at = excluded.updated_at", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, place);
			db_bind_text(st, 3, held_on);
			db_bind_text(st, 4, agreements ? agreements : "");
			db_bind_text(st, 5, pb_now_text(now, ts));
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.acta.update", process, NULL,
			      json_pack("{ssss}", "place", place, "held_on", held_on), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_acta_line_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		     int64_t source, const char *responsible, struct err *e)
{
	int rc = pb_text_check("responsible", responsible, PB_NAME_MAX, true, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = acta_open(c, process, &p, e);
	int64_t selected = 0;
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT selected FROM pb_result WHERE process_id = ? AND proposal_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, proposal);
			rc = db_step(st, e);
			selected = rc == DB_ROW ? db_col_int64(st, 0) : 0;
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && !selected)
			rc = err_set(e, ERR_INVALID, "Only the selected proposals are in the acta");
	}
	if (!rc && source > 0) {
		struct funding_source s;
		rc = funding_source_get(c, source, &s, e);
		if (rc == ERR_NOTFOUND)
			rc = e->code = ERR_INVALID;
		else if (!rc && !str_eq(s.government, p.government))
			rc = err_set(e, ERR_INVALID, "The funding source \"%s\" belongs to another government", s.name);
		else if (!rc && !str_eq(s.currency, p.currency))
			rc = err_set(e, ERR_INVALID, "The source pays in %s but the process is in %s", s.currency, p.currency);
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_acta_line (process_id, proposal_id, source_id, responsible) VALUES (?, ?, ?, ?)"
			" ON CONFLICT (process_id, proposal_id) DO UPDATE SET source_id = excluded.source_id,"
			" responsible = excluded.responsible", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, proposal);
			pb_bind_id_or_null(st, 3, source);
			db_bind_text(st, 4, responsible);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.acta.line", process, NULL,
			      json_pack("{sIsIss}", "proposal", (json_int_t)proposal, "source", (json_int_t)source, "responsible",
					responsible), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_commitment_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		      const char *party, const char *text, struct err *e)
{
	int rc = pb_text_check("text", text, 1000, true, e);
	if (!rc && agent <= 0)
		rc = pb_text_check("party", party, PB_NAME_MAX, true, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = acta_open(c, process, &p, e);
	char name[PB_NAME_MAX * 4 + 1] = "";
	if (!rc && agent > 0) {
		struct db_stmt *st = db_prepare(c, "SELECT name FROM pb_agent WHERE id = ? AND process_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, agent);
			db_bind_int64(st, 2, process);
			if ((rc = db_step(st, e)) == DB_ROW)
				snprintf(name, sizeof name, "%s", db_col_text(st, 0));
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && !name[0])
			rc = err_set(e, ERR_INVALID, "No participating agent with number %lld in this process", (long long)agent);
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_commitment (process_id, agent_id, party, text, created_at) VALUES (?, ?, ?, ?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			pb_bind_id_or_null(st, 2, agent);
			db_bind_text(st, 3, agent > 0 ? name : party);
			db_bind_text(st, 4, text);
			db_bind_text(st, 5, pb_now_text(now, ts));
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.acta.commitment", process, NULL,
			      json_pack("{ssss}", "party", agent > 0 ? name : party, "text", text), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_signatory_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *name,
		     const char *role, const char *organization, struct err *e)
{
	int rc = pb_text_check("name", name, PB_NAME_MAX, true, e);
	if (!rc)
		rc = pb_text_check("role", role, PB_NAME_MAX, true, e);
	if (!rc)
		rc = pb_text_check("organization", organization, PB_NAME_MAX, false, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = acta_open(c, process, &p, e);
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_signatory (process_id, name, role, organization, created_at) VALUES (?, ?, ?, ?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, name);
			db_bind_text(st, 3, role);
			db_bind_text(st, 4, organization ? organization : "");
			db_bind_text(st, 5, pb_now_text(now, ts));
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.acta.signatory", process, NULL, json_pack("{ssss}", "name", name, "role", role), e);
	return db_tx_leave(c, own, rc, e);
}

/* The project serves the objective its proposal traced to, unless it already
 * does or the link's rules refuse it now (a plan superseded since the proposal
 * was filed: the proposal keeps its trace, the team links the project by hand). */
static int serve_objective(struct db_conn *c, const struct actor *who, int64_t now, int64_t project, int64_t element,
			   struct err *e)
{
	if (element <= 0)
		return 0;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = project_element_ids(c, project, &ids, &n, e);
	bool already = false;
	for (size_t i = 0; !rc && i < n; i++)
		already = already || ids[i] == element;
	free(ids);
	if (rc || already)
		return rc;
	rc = project_serve(c, who, now, project, element, e);
	if (rc == ERR_INVALID) {
		err_init(e, e->lang);
		rc = 0;
	}
	return rc;
}

/* Brings a selected proposal's project in the bank to "viable": a new proposal
 * enters the bank first; either serves the objective the proposal traced to.
 * *project receives its id. */
static int to_bank(struct db_conn *c, const struct actor *who, int64_t now, const struct pb_process *p, json_t *line,
		   int64_t *project, struct err *e)
{
	char reason[300];
	trf(e->lang, reason, sizeof reason, "Found viable in the technical review of the participatory budget %lld",
	    (long long)p->year);
	*project = json_get_int(json_object_get(line, "project"), "id", 0);
	int rc = 0;
	if (!*project) {
		json_t *x = NULL;
		rc = pb_proposal_json(c, p->id, json_get_int(line, "proposal", 0), &x, e);
		if (rc)
			return rc;
		json_t *b = json_object_get(x, "beneficiaries");
		const char *agent = json_get_str(line, "agent", NULL);
		struct project_input in = {
			.title = json_get_str(x, "title", ""),
			.description = json_get_str(x, "description", ""),
			.territory = json_get_str(json_object_get(x, "territory"), "code", p->government),
			.government = p->government,
			.proposer = agent && *agent ? agent : p->government_name,
			.sector = json_get_str(x, "sector", "other"),
			.currency = p->currency,
			.responsible_office = json_get_str(line, "responsible", ""),
			.estimated_cost = json_get_int(line, "amount_cents", 0),
			.updated_cost = -1,
			.beneficiaries = json_is_integer(b) ? json_integer_value(b) : -1,
			.beneficiaries_women = -1,
			.beneficiaries_men = -1,
		};
		rc = project_create(c, who, now, &in, project, e);
		json_decref(x);
		if (!rc) {
			struct db_stmt *st = db_prepare(c, "UPDATE pb_proposal SET project_id = ? WHERE id = ?", e);
			if (!st)
				return e->code;
			db_bind_int64(st, 1, *project);
			db_bind_int64(st, 2, json_get_int(line, "proposal", 0));
			rc = db_step_done(st, e);
		}
		if (rc)
			return rc;
	}
	json_t *x = NULL;
	if ((rc = pb_proposal_json(c, p->id, json_get_int(line, "proposal", 0), &x, e)))
		return rc;
	rc = serve_objective(c, who, now, *project, json_get_int(json_object_get(x, "element"), "id", 0), e);
	json_decref(x);
	if (rc)
		return rc;
	struct project_core core;
	if ((rc = project_core_get(c, *project, &core, e)))
		return rc;
	if (core.status == PS_RECEIVED)
		rc = project_transition(c, who, now, *project, PS_UNDER_EVALUATION, reason, e);
	if (!rc && (core.status == PS_RECEIVED || core.status == PS_UNDER_EVALUATION))
		rc = project_transition(c, who, now, *project, PS_VIABLE, reason, e);
	else if (!rc && core.status != PS_VIABLE && core.status != PS_PRIORITIZED)
		rc = err_set(e, ERR_CONFLICT, "The project %s is \"%s\" in the bank: it cannot be prioritized", core.code,
			     tr(e->lang, project_status_label(core.status)));
	return rc;
}

int pb_formalize(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_gate(&p, PB_ACT_FORMALIZE, now, e);
	if (!rc && !p.has_results)
		rc = err_set(e, ERR_CONFLICT, "Publish the results before signing the acta");
	json_t *acta = NULL;
	if (!rc)
		rc = pb_acta_json(c, process, e->lang, &acta, e);
	if (!rc && pb_blank(json_get_str(acta, "place", NULL)))
		rc = err_set(e, ERR_CONFLICT, "Write where and when the acta was agreed before signing it");
	if (!rc && json_array_size(json_object_get(acta, "signatories")) == 0)
		rc = err_set(e, ERR_CONFLICT, "The acta needs at least one signatory");
	json_t *lines = json_object_get(acta, "lines");
	size_t n = json_array_size(lines);
	int64_t *ids = xcalloc(n + 1, sizeof *ids);
	size_t i;
	json_t *l;
	json_array_foreach(lines, i, l) {
		if (rc)
			break;
		rc = to_bank(c, who, now, &p, l, &ids[i], e);
		if (rc)
			err_prefix(e, "Proposal %lld", (long long)json_get_int(l, "number", 0));
	}
	if (!rc && n) {
		char reason[300];
		trf(e->lang, reason, sizeof reason, "Prioritized in the participatory budget %lld (acta of %s)", (long long)p.year,
		    json_get_str(acta, "held_on", ""));
		rc = project_prioritize(c, who, now, ids, n, reason, e);
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c, "UPDATE pb_process SET formalized_at = ?, updated_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			pb_now_text(now, ts);
			db_bind_text(st, 1, ts);
			db_bind_text(st, 2, ts);
			db_bind_int64(st, 3, process);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *pj = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(pj, json_integer(ids[k]));
		rc = pb_audit(c, who, now, "pb.formalize", process, NULL, json_pack("{so}", "projects", pj), e);
	}
	free(ids);
	json_decref(acta);
	return db_tx_leave(c, own, rc, e);
}

int pb_send_to_invest(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t *plan_id,
		      struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc && !p.formalized)
		rc = err_set(e, ERR_CONFLICT, "Sign the acta before sending its projects to the investment plan");
	if (!rc && p.invest_plan_id)
		rc = err_set(e, ERR_CONFLICT, "The projects of this acta were already sent to the investment plan %lld",
			     (long long)p.invest_plan_id);
	json_t *acta = NULL;
	if (!rc)
		rc = pb_acta_json(c, process, e->lang, &acta, e);
	json_t *lines = json_object_get(acta, "lines");
	size_t n = json_array_size(lines);
	if (!rc && !n)
		rc = err_set(e, ERR_CONFLICT, "The acta has no projects to send");
	struct invest_pick *picks = xcalloc(n + 1, sizeof *picks);
	size_t i;
	json_t *l;
	json_array_foreach(lines, i, l) {
		if (rc)
			break;
		int64_t source = json_get_int(json_object_get(l, "source"), "id", 0);
		if (!source)
			rc = err_set(e, ERR_CONFLICT, "Choose the funding source of \"%s\" in the acta first", json_get_str(l, "title", ""));
		picks[i] = (struct invest_pick){ json_get_int(json_object_get(l, "project"), "id", 0), source,
						 json_get_int(l, "amount_cents", 0) };
	}
	if (!rc) {
		char reason[300];
		trf(e->lang, reason, sizeof reason, "Prioritized in the participatory budget %lld", (long long)p.year);
		rc = invest_program(c, who, now, p.government, p.year, picks, n, reason, plan_id, e);
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "UPDATE pb_process SET invest_plan_id = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, *plan_id);
			db_bind_int64(st, 2, process);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.invest", process, NULL, json_pack("{sI}", "invest_plan", (json_int_t)*plan_id), e);
	free(picks);
	json_decref(acta);
	return db_tx_leave(c, own, rc, e);
}
