/* pb_score.c — the committee and the criteria matrix: members with the
 * organization they belong to, their scores within each criterion's scale, the
 * conflicts of interest (own organization, declared recusals: recorded and
 * enforced, seed 000: "con excepción del trabajo presentado por el propio
 * grupo"), and the tabulation (rules/pb_process.h). */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "domain/account.h"
#include "domain/territory.h"

#include <math.h>

/* ---- the committee ---- */

int pb_committee_member_of(struct db_conn *c, int64_t process, int64_t account, int64_t *member, struct err *e)
{
	*member = 0;
	struct db_stmt *st = db_prepare(c, "SELECT id FROM pb_committee WHERE process_id = ? AND account_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	db_bind_int64(st, 2, account);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*member = db_col_int64(st, 0);
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int pb_committee_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *email,
		     int64_t agent, struct err *e)
{
	if (pb_blank(email))
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "email");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	struct account a;
	if (!rc) {
		struct err probe;
		err_init(&probe, e->lang);
		if (account_find_email(c, email, &a, &probe))
			rc = err_set(e, ERR_INVALID, "No account has the e-mail %s", email);
		else if (!perm_allows(true, a.grants, a.ngrants, "pb.score", p.government))
			rc = err_set(e, ERR_INVALID, "%s cannot score in %s: give the account the planner or council role there first",
				     a.name, p.government_name);
	}
	if (!rc && agent > 0) {
		int64_t owner = 0;
		rc = pb_int_query(c, "SELECT process_id FROM pb_agent WHERE id = ?", agent, 0, &owner, e);
		if (!rc && owner != process)
			rc = err_set(e, ERR_INVALID, "No participating agent with number %lld in this process", (long long)agent);
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_committee (process_id, account_id, agent_id, created_at) VALUES (?, ?, ?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, a.id);
			pb_bind_id_or_null(st, 3, agent);
			db_bind_text(st, 4, pb_now_text(now, ts));
			rc = db_step_done(st, e);
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "%s is already a member of the committee", a.name);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.committee.add", process, NULL,
			      json_pack("{sssI}", "member", a.email, "agent", (json_int_t)agent), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_committee_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t member,
			struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	int64_t owner = 0, scores = 0;
	if (!rc)
		rc = pb_int_query(c, "SELECT process_id FROM pb_committee WHERE id = ?", member, 0, &owner, e);
	if (!rc && owner != process)
		rc = err_set(e, ERR_NOTFOUND, "The committee has no such member");
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_score WHERE member_id = ?", member, 0, &scores, e);
	if (!rc && scores)
		rc = err_set(e, ERR_CONFLICT, "The member has already scored (%lld scores): they stay in the record", (long long)scores);
	static const char *const sqls[] = { "DELETE FROM pb_recusal WHERE member_id = ?", "DELETE FROM pb_committee WHERE id = ?" };
	for (size_t i = 0; i < ARRAY_LEN(sqls) && !rc; i++) {
		struct db_stmt *st = db_prepare(c, sqls[i], e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, member);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.committee.remove", process, json_pack("{sI}", "member", (json_int_t)member), NULL, e);
	return db_tx_leave(c, own, rc, e);
}

/* Why a member may not score a proposal: 0 = may; 1 = own organization (as a
 * member of it or as one of its representatives); 2 = a declared recusal. */
static int conflict_of(struct db_conn *c, int64_t member, int64_t proposal, char *org, size_t n, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT a.name,"
		" (CASE WHEN m.agent_id IS NOT NULL AND m.agent_id = x.agent_id THEN 1 ELSE 0 END),"
		" (SELECT COUNT(*) FROM pb_representative r WHERE r.agent_id = x.agent_id AND r.account_id = m.account_id),"
		" (SELECT COUNT(*) FROM pb_recusal u WHERE u.member_id = m.id AND u.proposal_id = x.id)"
		" FROM pb_committee m, pb_proposal x LEFT JOIN pb_agent a ON a.id = x.agent_id WHERE m.id = ? AND x.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, member);
	db_bind_int64(st, 2, proposal);
	int rc = db_step(st, e), why = 0;
	if (rc == DB_ROW) {
		snprintf(org, n, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
		why = db_col_int64(st, 1) || db_col_int64(st, 2) ? 1 : db_col_int64(st, 3) ? 2 : 0;
	}
	db_finish(st);
	return rc < 0 ? rc : why;
}

struct member_check {
	struct pb_process p;
	int64_t member, number;
	char review[16];
};

/* The process open for scoring, the signed-in member, the proposal. */
static int score_context(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
			 struct member_check *m, struct err *e)
{
	int rc = pb_process_get(c, process, &m->p, e);
	if (!rc)
		rc = pb_gate(&m->p, PB_ACT_SCORE, now, e);
	if (!rc)
		rc = pb_committee_member_of(c, process, who ? who->account_id : 0, &m->member, e);
	if (!rc && !m->member)
		rc = err_set(e, ERR_FORBIDDEN, "You are not a member of the committee that scores this process");
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c, "SELECT number, review FROM pb_proposal WHERE id = ? AND process_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, proposal);
	db_bind_int64(st, 2, process);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		m->number = db_col_int64(st, 0);
		snprintf(m->review, sizeof m->review, "%s", db_col_text(st, 1));
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW)
		return err_set(e, ERR_NOTFOUND, "No proposal with number %lld in this process", (long long)proposal);
	return 0;
}

int pb_score_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		 const int64_t *criterion_ids, const int64_t *values, size_t n, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct member_check m;
	rc = score_context(c, who, now, process, proposal, &m, e);
	if (!rc && !str_eq(m.review, "viable"))
		rc = err_set(e, ERR_CONFLICT, "Only proposals the technical team found viable are scored (proposal %lld is not)",
			     (long long)m.number);
	char org[PB_NAME_MAX * 4 + 1] = "";
	if (!rc) {
		int why = conflict_of(c, m.member, proposal, org, sizeof org, e);
		if (why < 0)
			rc = why;
		else if (why == 1)
			rc = err_set(e, ERR_FORBIDDEN,
				     "You cannot score proposal %lld: it was filed by your own organization (%s); the conflict of interest is on record",
				     (long long)m.number, org);
		else if (why == 2)
			rc = err_set(e, ERR_FORBIDDEN, "You declared a conflict of interest on proposal %lld: you do not score it",
				     (long long)m.number);
	}
	/* every committee criterion once, within its scale */
	struct db_stmt *st = rc ? NULL : db_prepare(c,
		"SELECT id, name, scale_min, scale_max FROM pb_criterion WHERE process_id = ? AND kind = 'committee'"
		" ORDER BY position, id", e);
	if (!rc && !st)
		rc = e->code;
	size_t given = 0;
	if (st) {
		db_bind_int64(st, 1, process);
		while (!rc && (rc = db_step(st, e)) == DB_ROW) {
			rc = 0;
			int64_t cid = db_col_int64(st, 0), lo = db_col_int64(st, 2), hi = db_col_int64(st, 3);
			size_t k;
			for (k = 0; k < n && criterion_ids[k] != cid; k++)
				;
			if (k == n)
				rc = err_set(e, ERR_INVALID, "Score every criterion of the committee (missing: \"%s\")", db_col_text(st, 1));
			else if (values[k] < lo || values[k] > hi)
				rc = err_set(e, ERR_INVALID, "The score for \"%s\" must be a whole number between %lld and %lld (not %lld)",
					     db_col_text(st, 1), (long long)lo, (long long)hi, (long long)values[k]);
			else
				given++;
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc && given != n)
		rc = err_set(e, ERR_INVALID, "A score names a criterion that the committee does not score");
	json_t *after = json_object();
	for (size_t k = 0; k < n && !rc; k++) {
		char ts[DATETIME_FMT_MAX];
		st = db_prepare(c,
			"INSERT INTO pb_score (member_id, proposal_id, criterion_id, value, updated_at) VALUES (?, ?, ?, ?, ?)"
			" ON CONFLICT (member_id, proposal_id, criterion_id) DO UPDATE SET value = excluded.value,"
			" updated_at = excluded.updated_at", e);
		if (!st) {
			rc = e->code;
			break;
		}
		db_bind_int64(st, 1, m.member);
		db_bind_int64(st, 2, proposal);
		db_bind_int64(st, 3, criterion_ids[k]);
		db_bind_int64(st, 4, values[k]);
		db_bind_text(st, 5, pb_now_text(now, ts));
		rc = db_step_done(st, e);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)criterion_ids[k]);
		json_set_int(after, key, values[k]);
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.score", process, NULL,
			      json_pack("{sIsIsO}", "member", (json_int_t)m.member, "proposal", (json_int_t)proposal, "scores", after), e);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

int pb_recuse(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
	      const char *reason, struct err *e)
{
	if (pb_blank(reason))
		return err_set(e, ERR_INVALID, "Say what the conflict of interest is");
	int rc = pb_text_check("reason", reason, 1000, true, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct member_check m;
	rc = score_context(c, who, now, process, proposal, &m, e);
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_recusal (member_id, proposal_id, reason, created_at) VALUES (?, ?, ?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, m.member);
			db_bind_int64(st, 2, proposal);
			db_bind_text(st, 3, reason);
			db_bind_text(st, 4, pb_now_text(now, ts));
			rc = db_step_done(st, e);
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "You already declared a conflict of interest on proposal %lld",
					     (long long)m.number);
		}
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM pb_score WHERE member_id = ? AND proposal_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, m.member);
			db_bind_int64(st, 2, proposal);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.recuse", process, NULL,
			      json_pack("{sIsIss}", "member", (json_int_t)m.member, "proposal", (json_int_t)proposal, "reason",
					reason), e);
	return db_tx_leave(c, own, rc, e);
}

/* ---- tabulation ---- */

struct tab {
	size_t nc, np, nm;
	struct pb_criterion *crit;
	int64_t *crit_ids;
	json_t *criteria, *members, *proposals;   /* JSON of each, in order */
	int64_t *prop_ids, *member_ids, *member_agent, *prop_agent;
	struct pb_tab_proposal *props;
	int64_t *scores;
	bool *conflict;
	uint8_t *why;                              /* per member × proposal: 0, 1 own organization, 2 declared */
	struct pb_tab_cell *cells;
	struct pb_tab_row *rows;
};

static void tab_release(struct tab *t)
{
	free(t->crit);
	free(t->crit_ids);
	json_decref(t->criteria);
	json_decref(t->members);
	json_decref(t->proposals);
	free(t->prop_ids);
	free(t->member_ids);
	free(t->member_agent);
	free(t->prop_agent);
	free(t->props);
	free(t->scores);
	free(t->conflict);
	free(t->why);
	free(t->cells);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

static int tab_load(struct db_conn *c, int64_t process, struct tab *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	t->criteria = json_array();
	t->members = json_array();
	t->proposals = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT id, name, kind, weight, scale_min, scale_max, scale_text FROM pb_criterion WHERE process_id = ?"
		" ORDER BY position, id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	int rc;
	size_t cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (t->nc == cap) {
			cap = cap ? cap * 2 : 8;
			t->crit = xrealloc(t->crit, cap * sizeof *t->crit);
			t->crit_ids = xrealloc(t->crit_ids, cap * sizeof *t->crit_ids);
		}
		int k = pb_criterion_kind_parse(db_col_text(st, 2));
		t->crit_ids[t->nc] = db_col_int64(st, 0);
		t->crit[t->nc++] = (struct pb_criterion){ k < 0 ? PB_CRIT_COMMITTEE : (enum pb_criterion_kind)k,
							  db_col_int64(st, 3), db_col_int64(st, 4), db_col_int64(st, 5) };
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		pb_set_text(o, "name", st, 1);
		pb_set_text(o, "kind", st, 2);
		json_set_int(o, "weight", db_col_int64(st, 3));
		json_set_int(o, "scale_min", db_col_int64(st, 4));
		json_set_int(o, "scale_max", db_col_int64(st, 5));
		pb_set_text(o, "scale_text", st, 6);
		json_set_bool(o, "committee", k == PB_CRIT_COMMITTEE);
		json_array_append_new(t->criteria, o);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	/* members */
	st = db_prepare(c,
		"SELECT m.id, m.agent_id, ac.name, a.name FROM pb_committee m JOIN account ac ON ac.id = m.account_id"
		" LEFT JOIN pb_agent a ON a.id = m.agent_id WHERE m.process_id = ? ORDER BY m.id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (t->nm == cap) {
			cap = cap ? cap * 2 : 8;
			t->member_ids = xrealloc(t->member_ids, cap * sizeof *t->member_ids);
			t->member_agent = xrealloc(t->member_agent, cap * sizeof *t->member_agent);
		}
		t->member_ids[t->nm] = db_col_int64(st, 0);
		t->member_agent[t->nm++] = db_col_null(st, 1) ? 0 : db_col_int64(st, 1);
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		pb_set_text(o, "name", st, 2);
		pb_set_text(o, "organization", st, 3);
		json_array_append_new(t->members, o);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	/* the viable proposals, with what the automatic criteria read */
	st = db_prepare(c,
		"SELECT x.id, x.number, x.title, x.agent_id, a.name, x.territory_code, x.beneficiaries, x.element_id,"
		" x.cofinancing, COALESCE(x.validated_cost, x.cost) FROM pb_proposal x LEFT JOIN pb_agent a ON a.id = x.agent_id"
		" WHERE x.process_id = ? AND x.review = 'viable' ORDER BY x.number", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (t->np == cap) {
			cap = cap ? cap * 2 : 16;
			t->prop_ids = xrealloc(t->prop_ids, cap * sizeof *t->prop_ids);
			t->prop_agent = xrealloc(t->prop_agent, cap * sizeof *t->prop_agent);
			t->props = xrealloc(t->props, cap * sizeof *t->props);
		}
		size_t p = t->np++;
		t->prop_ids[p] = db_col_int64(st, 0);
		t->prop_agent[p] = db_col_null(st, 3) ? 0 : db_col_int64(st, 3);
		t->props[p] = (struct pb_tab_proposal){
			.poverty_pct = NAN,
			.beneficiaries = db_col_null(st, 6) ? -1 : db_col_int64(st, 6),
			.traced = !db_col_null(st, 7),
			.cofinancing = db_col_int64(st, 8),
			.cost = db_col_int64(st, 9),
		};
		json_t *o = json_object();
		json_set_int(o, "id", t->prop_ids[p]);
		json_set_int(o, "number", db_col_int64(st, 1));
		pb_set_text(o, "title", st, 2);
		pb_set_text(o, "agent", st, 4);
		pb_set_text(o, "territory", st, 5);
		json_set_bool(o, "traced", t->props[p].traced);
		json_array_append_new(t->proposals, o);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	/* poverty of each benefited district (territory data) */
	for (size_t p = 0; p < t->np; p++) {
		const char *code = json_get_str(json_array_get(t->proposals, p), "territory", NULL);
		struct territory terr;
		struct err probe;
		err_init(&probe, NULL);
		if (code && territory_get(c, code, &terr, &probe) == 0) {
			t->props[p].poverty_pct = terr.poverty_pct;
			json_set_str(json_array_get(t->proposals, p), "territory_name", terr.name);
		}
	}
	/* scores and conflicts */
	size_t ns = t->nm * t->np * t->nc, nmp = t->nm * t->np;
	t->scores = xmalloc((ns + 1) * sizeof *t->scores);
	for (size_t i = 0; i < ns; i++)
		t->scores[i] = PB_NO_SCORE;
	t->conflict = xcalloc(nmp + 1, sizeof *t->conflict);
	t->why = xcalloc(nmp + 1, 1);
	st = db_prepare(c,
		"SELECT s.member_id, s.proposal_id, s.criterion_id, s.value FROM pb_score s JOIN pb_committee m ON m.id = s.member_id"
		" WHERE m.process_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	while ((rc = db_step(st, e)) == DB_ROW) {
		size_t m, p, k;
		for (m = 0; m < t->nm && t->member_ids[m] != db_col_int64(st, 0); m++)
			;
		for (p = 0; p < t->np && t->prop_ids[p] != db_col_int64(st, 1); p++)
			;
		for (k = 0; k < t->nc && t->crit_ids[k] != db_col_int64(st, 2); k++)
			;
		if (m < t->nm && p < t->np && k < t->nc)
			t->scores[(m * t->np + p) * t->nc + k] = db_col_int64(st, 3);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	st = db_prepare(c,
		"SELECT m.id, x.id, 1 FROM pb_committee m JOIN pb_proposal x ON x.process_id = m.process_id"
		" WHERE m.process_id = ? AND x.agent_id IS NOT NULL AND (x.agent_id = m.agent_id OR EXISTS"
		" (SELECT 1 FROM pb_representative r WHERE r.agent_id = x.agent_id AND r.account_id = m.account_id))"
		" UNION ALL SELECT u.member_id, u.proposal_id, 2 FROM pb_recusal u JOIN pb_committee m ON m.id = u.member_id"
		" WHERE m.process_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	db_bind_int64(st, 2, process);
	while ((rc = db_step(st, e)) == DB_ROW) {
		size_t m, p;
		for (m = 0; m < t->nm && t->member_ids[m] != db_col_int64(st, 0); m++)
			;
		for (p = 0; p < t->np && t->prop_ids[p] != db_col_int64(st, 1); p++)
			;
		if (m < t->nm && p < t->np) {
			t->conflict[m * t->np + p] = true;
			if (!t->why[m * t->np + p])
				t->why[m * t->np + p] = (uint8_t)db_col_int64(st, 2);
		}
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	t->cells = xcalloc(t->np * t->nc + 1, sizeof *t->cells);
	t->rows = xcalloc(t->np + 1, sizeof *t->rows);
	pb_tabulate(t->crit, t->nc, t->props, t->np, t->scores, t->conflict, t->nm, t->cells, t->rows);
	return 0;
}

int pb_scores(struct db_conn *c, int64_t process, json_t **totals, struct err *e)
{
	struct tab t;
	int rc = tab_load(c, process, &t, e);
	if (!rc) {
		json_t *o = json_object();
		for (size_t p = 0; p < t.np; p++) {
			char key[24];
			snprintf(key, sizeof key, "%lld", (long long)t.prop_ids[p]);
			json_set_int(o, key, t.rows[p].total);
		}
		*totals = o;
	}
	tab_release(&t);
	return rc;
}

static double micro(int64_t v) { return (double)v / PB_MICRO; }

int pb_matrix(struct db_conn *c, int64_t process, json_t **out, struct err *e)
{
	struct tab t;
	int rc = tab_load(c, process, &t, e);
	if (rc) {
		tab_release(&t);
		return rc;
	}
	json_t *rows = json_array();
	for (size_t p = 0; p < t.np; p++) {
		json_t *r = json_object();
		json_object_set(r, "proposal", json_array_get(t.proposals, p));
		json_t *cells = json_array();
		for (size_t k = 0; k < t.nc; k++) {
			const struct pb_tab_cell *cell = &t.cells[p * t.nc + k];
			const struct pb_tab_proposal *pr = &t.props[p];
			json_t *o = json_object();
			json_set_str(o, "kind", pb_criterion_kind_names[t.crit[k].kind]);
			json_set_bool(o, "missing", cell->missing);
			json_set_int(o, "n", cell->n);
			switch (t.crit[k].kind) {
			case PB_CRIT_COMMITTEE:
				if (cell->n)
					json_set_real(o, "value", (double)cell->sum / (double)cell->n);
				break;
			case PB_CRIT_POVERTY:
				if (!isnan(pr->poverty_pct))
					json_set_real(o, "value", pr->poverty_pct);
				break;
			case PB_CRIT_BENEFICIARIES:
				if (pr->beneficiaries >= 0)
					json_set_int(o, "value", pr->beneficiaries);
				break;
			case PB_CRIT_ALIGNMENT:
				json_set_bool(o, "value", pr->traced);
				break;
			case PB_CRIT_COFINANCING:
				json_set_real(o, "value", pr->cost > 0 ? 100.0 * (double)pr->cofinancing / (double)pr->cost : 0);
				break;
			default:
				break;
			}
			json_set_real(o, "norm", micro(cell->norm));
			json_set_real(o, "points", (double)cell->points / PB_MICRO);
			json_array_append_new(cells, o);
		}
		json_object_set_new(r, "cells", cells);
		json_set_real(r, "total", (double)t.rows[p].total / PB_MICRO);
		json_set_int(r, "total_micro", t.rows[p].total);
		json_set_int(r, "rank", t.rows[p].rank);
		json_set_bool(r, "tie", t.rows[p].tie);
		/* who may not score it, and why */
		json_t *conf = json_array();
		for (size_t m = 0; m < t.nm; m++) {
			uint8_t why = t.why[m * t.np + p];
			if (!why)
				continue;
			json_t *o = json_object();
			json_set_str(o, "member", json_get_str(json_array_get(t.members, m), "name", ""));
			json_set_str(o, "why", why == 1 ? "own_organization" : "declared");
			json_array_append_new(conf, o);
		}
		json_object_set_new(r, "conflicts", conf);
		/* every member's scores of it */
		json_t *by = json_array();
		for (size_t m = 0; m < t.nm; m++) {
			json_t *o = json_object();
			json_set_str(o, "member", json_get_str(json_array_get(t.members, m), "name", ""));
			json_set_bool(o, "conflict", t.conflict[m * t.np + p]);
			json_t *vals = json_array();
			bool any = false;
			for (size_t k = 0; k < t.nc; k++) {
				if (t.crit[k].kind != PB_CRIT_COMMITTEE)
					continue;
				int64_t v = t.scores[(m * t.np + p) * t.nc + k];
				json_array_append_new(vals, v == PB_NO_SCORE ? json_null() : json_integer(v));
				any |= v != PB_NO_SCORE;
			}
			json_object_set_new(o, "values", vals);
			json_set_bool(o, "scored", any);
			json_array_append_new(by, o);
		}
		json_object_set_new(r, "by_member", by);
		json_array_append_new(rows, r);
	}
	/* rows by rank */
	size_t n = json_array_size(rows);
	json_t *sorted = json_array();
	for (uint32_t rank = 1; rank <= n; rank++)
		for (size_t p = 0; p < n; p++)
			if (t.rows[p].rank == rank)
				json_array_append(sorted, json_array_get(rows, p));
	json_decref(rows);
	json_t *o = json_object();
	json_object_set(o, "criteria", t.criteria);
	json_object_set(o, "members", t.members);
	json_object_set_new(o, "rows", sorted);
	int64_t weights = 0;
	for (size_t k = 0; k < t.nc; k++)
		weights += t.crit[k].weight;
	json_set_int(o, "weights_total", weights);
	tab_release(&t);
	*out = o;
	return 0;
}
