/* pb_vigilance.c — the vigilance committee: members elected from the
 * participating agents, a log of observations with their evidence and the
 * municipality's answers, and the yearly report with the execution of the
 * acta's projects. It works after the acta is signed (that is when it starts). */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "domain/invest.h"
#include "domain/project.h"

int pb_vigilance_elect(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		       const char *name, const char *role, const char *elected_on, struct err *e)
{
	int rc = pb_text_check("name", name, PB_NAME_MAX, true, e);
	if (rc)
		return rc;
	if (!role || (!str_eq(role, "coordinator") && !str_eq(role, "member")))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "role");
	struct date d;
	if (!elected_on || date_parse(elected_on, &d))
		return err_set(e, ERR_INVALID, "Field \"%s\" must be a date YYYY-MM-DD", "elected_on");
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	char status[16] = "", agent_name[PB_NAME_MAX * 4 + 1] = "";
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT status, name FROM pb_agent WHERE id = ? AND process_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, agent);
			db_bind_int64(st, 2, process);
			if ((rc = db_step(st, e)) == DB_ROW) {
				snprintf(status, sizeof status, "%s", db_col_text(st, 0));
				snprintf(agent_name, sizeof agent_name, "%s", db_col_text(st, 1));
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && !status[0])
			rc = err_set(e, ERR_INVALID, "No participating agent with number %lld in this process", (long long)agent);
		else if (!rc && !str_eq(status, "accredited"))
			rc = err_set(e, ERR_INVALID, "The vigilance committee is elected from the accredited agents (%s is not)", agent_name);
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_vigilance_member (process_id, agent_id, name, role, elected_on, created_at)"
			" VALUES (?, ?, ?, ?, ?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, agent);
			db_bind_text(st, 3, name);
			db_bind_text(st, 4, role);
			db_bind_text(st, 5, elected_on);
			db_bind_text(st, 6, pb_now_text(now, ts));
			rc = db_step_done(st, e);
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "%s is already a member of the vigilance committee", name);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.vigilance.elect", process, NULL,
			      json_pack("{sssssI}", "name", name, "role", role, "agent", (json_int_t)agent), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_observation_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		       const char *observed_on, const char *text, const char *evidence, int64_t *id, struct err *e)
{
	int rc = pb_text_check("text", text, PB_TEXT_MAX, true, e);
	if (!rc && pb_blank(evidence))
		rc = err_set(e, ERR_INVALID, "Describe the evidence of the observation (a photo, a document, a visit with witnesses)");
	if (!rc)
		rc = pb_text_check("evidence", evidence, 1000, true, e);
	if (rc)
		return rc;
	struct date d;
	if (!observed_on || date_parse(observed_on, &d))
		return err_set(e, ERR_INVALID, "Field \"%s\" must be a date YYYY-MM-DD", "observed_on");
	if (date_to_days(d) > date_to_days(pb_local_date(now)))
		return err_set(e, ERR_INVALID, "An observation cannot be dated in the future (%s)", observed_on);
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc && proposal > 0) {
		int64_t owner = 0;
		rc = pb_int_query(c, "SELECT process_id FROM pb_proposal WHERE id = ?", proposal, 0, &owner, e);
		if (!rc && owner != process)
			rc = err_set(e, ERR_INVALID, "No proposal with number %lld in this process", (long long)proposal);
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_observation (process_id, proposal_id, author_account_id, author, observed_on, text, evidence,"
			" status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			pb_bind_id_or_null(st, 2, proposal);
			pb_bind_id_or_null(st, 3, who ? who->account_id : 0);
			db_bind_text(st, 4, pb_actor_name(who));
			db_bind_text(st, 5, observed_on);
			db_bind_text(st, 6, text);
			db_bind_text(st, 7, evidence);
			db_bind_text(st, 8, pb_now_text(now, ts));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.vigilance.observe", process, NULL,
			      json_pack("{sIsIss}", "observation", (json_int_t)*id, "proposal", (json_int_t)proposal, "text", text), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_observation_answer(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
			  int64_t observation, const char *answer, struct err *e)
{
	int rc = pb_text_check("answer", answer, PB_TEXT_MAX, true, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	int64_t owner = 0;
	rc = pb_int_query(c, "SELECT process_id FROM pb_observation WHERE id = ?", observation, 0, &owner, e);
	if (!rc && owner != process)
		rc = err_set(e, ERR_NOTFOUND, "No observation with number %lld in this process", (long long)observation);
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"UPDATE pb_observation SET status = 'answered', answer = ?, answered_by = ?, answered_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, answer);
			db_bind_text(st, 2, pb_actor_name(who));
			db_bind_text(st, 3, pb_now_text(now, ts));
			db_bind_int64(st, 4, observation);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.vigilance.answer", process, NULL,
			      json_pack("{sIss}", "observation", (json_int_t)observation, "answer", answer), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_vigilance_json(struct db_conn *c, int64_t process, json_t **out, struct err *e)
{
	struct pb_process p;
	int rc = pb_process_get(c, process, &p, e);
	if (rc)
		return rc;
	json_t *members = json_array(), *obs = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT m.id, m.name, m.role, m.elected_on, a.name FROM pb_vigilance_member m JOIN pb_agent a ON a.id = m.agent_id"
		" WHERE m.process_id = ? ORDER BY m.role, m.id", e);
	if (!st)
		rc = e->code;
	else {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *o = json_object();
			json_set_int(o, "id", db_col_int64(st, 0));
			pb_set_text(o, "name", st, 1);
			pb_set_text(o, "role", st, 2);
			pb_set_text(o, "elected_on", st, 3);
			pb_set_text(o, "organization", st, 4);
			json_array_append_new(members, o);
		}
		db_finish(st);
	}
	st = rc < 0 ? NULL : db_prepare(c,
		"SELECT o.id, o.proposal_id, x.number, x.title, o.author, o.observed_on, o.text, o.evidence, o.status, o.answer,"
		" o.answered_by, o.answered_at, o.created_at FROM pb_observation o LEFT JOIN pb_proposal x ON x.id = o.proposal_id"
		" WHERE o.process_id = ? ORDER BY o.observed_on DESC, o.id DESC", e);
	if (rc >= 0 && !st)
		rc = e->code;
	if (st) {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *o = json_object();
			json_set_int(o, "id", db_col_int64(st, 0));
			if (db_col_null(st, 1))
				json_object_set_new(o, "proposal", json_null());
			else {
				json_t *x = json_object();
				json_set_int(x, "id", db_col_int64(st, 1));
				json_set_int(x, "number", db_col_int64(st, 2));
				pb_set_text(x, "title", st, 3);
				json_object_set_new(o, "proposal", x);
			}
			pb_set_text(o, "author", st, 4);
			pb_set_text(o, "observed_on", st, 5);
			pb_set_text(o, "text", st, 6);
			pb_set_text(o, "evidence", st, 7);
			pb_set_text(o, "status", st, 8);
			pb_set_text(o, "answer", st, 9);
			pb_set_text(o, "answered_by", st, 10);
			pb_set_text(o, "answered_at", st, 11);
			pb_set_text(o, "created_at", st, 12);
			json_set_bool(o, "answered", str_eq(db_col_text(st, 8), "answered"));
			json_array_append_new(obs, o);
		}
		db_finish(st);
	}
	if (rc < 0) {
		json_decref(members);
		json_decref(obs);
		return rc;
	}
	json_t *o = json_object();
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "observations", obs);
	*out = o;
	return 0;
}

int pb_vigilance_report(struct db_conn *c, int64_t process, json_t **out, struct err *e)
{
	json_t *v = NULL, *acta = NULL, *progress = NULL;
	struct pb_process p;
	int rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_vigilance_json(c, process, &v, e);
	if (!rc)
		rc = pb_acta_json(c, process, e->lang, &acta, e);
	if (!rc)
		rc = finance_progress(c, p.government, &progress, e);
	if (rc) {
		json_decref(v);
		json_decref(acta);
		return rc;
	}
	/* the acta's projects as the bank and the investment plan see them now */
	json_t *projects = json_array();
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(acta, "lines"), i, l) {
		json_t *o = json_object();
		json_set_int(o, "number", json_get_int(l, "number", 0));
		json_set_str(o, "title", json_get_str(l, "title", ""));
		json_set_int(o, "amount_cents", json_get_int(l, "amount_cents", 0));
		json_object_set(o, "source", json_object_get(l, "source"));
		json_set_str(o, "responsible", json_get_str(l, "responsible", ""));
		int64_t pid = json_get_int(json_object_get(l, "project"), "id", 0);
		json_object_set_new(o, "project", json_null());
		struct project_core core;
		struct err probe;
		err_init(&probe, e->lang);
		if (pid && project_core_get(c, pid, &core, &probe) == 0) {
			json_t *pj = json_object();
			json_set_int(pj, "id", pid);
			json_set_str(pj, "code", core.code);
			json_set_str(pj, "status", project_status_name(core.status));
			size_t k;
			json_t *f;
			json_array_foreach(progress, k, f)
				if (json_get_int(f, "id", 0) == pid) {
					json_set_int(pj, "physical_progress_bp", json_get_int(f, "physical_progress_bp", 0));
					json_set_int(pj, "financial_progress_bp", json_get_int(f, "financial_progress_bp", 0));
				}
			json_object_set_new(o, "project", pj);
		}
		int64_t nobs = 0;
		size_t k;
		json_t *ob;
		json_array_foreach(json_object_get(v, "observations"), k, ob)
			nobs += json_get_int(json_object_get(ob, "proposal"), "id", 0) == json_get_int(l, "proposal", -1);
		json_set_int(o, "observations", nobs);
		json_array_append_new(projects, o);
	}
	int64_t open = 0, answered = 0;
	json_t *ob;
	json_array_foreach(json_object_get(v, "observations"), i, ob) {
		if (json_is_true(json_object_get(ob, "answered")))
			answered++;
		else
			open++;
	}
	json_t *o = json_object();
	json_object_set(o, "members", json_object_get(v, "members"));
	json_object_set(o, "observations", json_object_get(v, "observations"));
	json_object_set_new(o, "projects", projects);
	json_set_int(o, "open", open);
	json_set_int(o, "answered", answered);
	json_set_int(o, "total_cents", json_get_int(acta, "total_cents", 0));
	json_set_str(o, "formalized_at", json_get_str(acta, "formalized_at", NULL));
	json_decref(v);
	json_decref(acta);
	json_decref(progress);
	*out = o;
	return 0;
}
