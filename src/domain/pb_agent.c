/* pb_agent.c — participating agents: organizations register for a process,
 * name their representatives, and are accredited or refused (with a reason) by
 * the technical team; accrediting gives the representatives' accounts the
 * agent role on the government. */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/account.h"
#include "domain/territory.h"

/* The kinds the PRODES guide (seed 004) lists among the members of the
 * coordination councils and the participatory process. */
const char *const pb_agent_kind_names[] = { "community_organization", "peasant_community", "native_community",
					    "producers", "business_guild", "ngo", "university", "neighbourhood_board",
					    "professional_association", "public_institution", "other", NULL };

const char *pb_agent_kind_label(const char *kind)
{
	static const struct { const char *k, *label; } labels[] = {
		{ "community_organization", N_("Community-based social organization") },
		{ "peasant_community", N_("Peasant community") },
		{ "native_community", N_("Native community") },
		{ "producers", N_("Producers' association") },
		{ "business_guild", N_("Business guild") },
		{ "ngo", N_("Non-governmental organization") },
		{ "university", N_("University") },
		{ "neighbourhood_board", N_("Neighbourhood board") },
		{ "professional_association", N_("Professional association") },
		{ "public_institution", N_("Public institution") },
	};
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		if (kind && str_eq(kind, labels[i].k))
			return labels[i].label;
	return N_("Other organization");
}

static bool kind_ok(const char *kind)
{
	for (const char *const *k = pb_agent_kind_names; *k; k++)
		if (kind && str_eq(kind, *k))
			return true;
	return false;
}

static int insert_rep(struct db_conn *c, int64_t agent, const char *name, const char *role, int64_t account,
		      int64_t now, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO pb_representative (agent_id, name, role, account_id, created_at) VALUES (?, ?, ?, ?, ?)", e);
	if (!st)
		return e->code;
	char ts[DATETIME_FMT_MAX];
	db_bind_int64(st, 1, agent);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, role);
	pb_bind_id_or_null(st, 4, account);
	db_bind_text(st, 5, pb_now_text(now, ts));
	int rc = db_step_done(st, e);
	if (rc == ERR_CONFLICT)
		rc = err_set(e, ERR_CONFLICT, "That account already represents this organization");
	return rc;
}

int pb_agent_register(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
		      const struct pb_agent_input *in, bool link_account, int64_t *id, struct err *e)
{
	int rc = pb_text_check("name", in->name, PB_NAME_MAX, true, e);
	if (!rc)
		rc = pb_text_check("representative", in->representative, PB_NAME_MAX, true, e);
	if (!rc)
		rc = pb_text_check("alternate", in->alternate, PB_NAME_MAX, false, e);
	if (rc)
		return rc;
	if (!kind_ok(in->kind))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "kind");
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_gate(&p, PB_ACT_REGISTER, now, e);
	const char *where = pb_blank(in->territory) ? p.government : in->territory;
	if (!rc) {
		struct territory t;
		rc = territory_get(c, where, &t, e);
		if (rc == ERR_NOTFOUND)
			rc = e->code = ERR_INVALID;
		if (!rc && strncmp(where, p.government, strlen(p.government)) != 0)
			rc = err_set(e, ERR_INVALID, "%s is outside the territory of %s", t.name, p.government_name);
	}
	char *key = utf8_fold(in->name);
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_agent (process_id, name, name_key, kind, territory_code, registered_by, status, created_at)"
			" VALUES (?, ?, ?, ?, ?, ?, 'registered', ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, in->name);
			db_bind_text(st, 3, key ? key : in->name);
			db_bind_text(st, 4, in->kind);
			db_bind_text(st, 5, where);
			pb_bind_id_or_null(st, 6, who ? who->account_id : 0);
			db_bind_text(st, 7, pb_now_text(now, ts));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "\"%s\" is already registered in this process", in->name);
		}
	}
	free(key);
	if (!rc)
		rc = insert_rep(c, *id, in->representative, "titular", link_account && who ? who->account_id : 0, now, e);
	if (!rc && !pb_blank(in->alternate))
		rc = insert_rep(c, *id, in->alternate, "alternate", 0, now, e);
	if (!rc)
		rc = pb_audit(c, who, now, "pb.agent.register", process, NULL,
			      json_pack("{sIssssss}", "agent", (json_int_t)*id, "name", in->name, "kind", in->kind,
					"representative", in->representative), e);
	return db_tx_leave(c, own, rc, e);
}

struct agent_core {
	int64_t id, process;
	char name[PB_NAME_MAX * 4 + 1];
	char status[16];
};

static int agent_get(struct db_conn *c, int64_t process, int64_t agent, struct agent_core *a, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id, process_id, name, status FROM pb_agent WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, agent);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		a->id = db_col_int64(st, 0);
		a->process = db_col_int64(st, 1);
		snprintf(a->name, sizeof a->name, "%s", db_col_text(st, 2));
		snprintf(a->status, sizeof a->status, "%s", db_col_text(st, 3));
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW || a->process != process)
		return err_set(e, ERR_NOTFOUND, "No participating agent with number %lld in this process", (long long)agent);
	return 0;
}

/* Gives an account the agent role on the government unless it may already file there. */
static int grant_agent(struct db_conn *c, const struct actor *who, int64_t now, int64_t account, const char *government,
		       struct err *e)
{
	struct account a;
	int rc = account_get(c, account, &a, e);
	if (rc)
		return rc;
	if (perm_allows(true, a.grants, a.ngrants, "pb.propose", government))
		return 0;
	return account_grant(c, who, now, account, ROLE_AGENT, government, e);
}

int pb_agent_add_representative(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
				int64_t agent, const char *name, const char *role, const char *email, struct err *e)
{
	int rc = pb_text_check("name", name, PB_NAME_MAX, true, e);
	if (rc)
		return rc;
	if (!role || (!str_eq(role, "titular") && !str_eq(role, "alternate")))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "role");
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	struct agent_core a;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc)
		rc = agent_get(c, process, agent, &a, e);
	int64_t account = 0;
	if (!rc && !pb_blank(email)) {
		struct account acc;
		struct err probe;
		err_init(&probe, e->lang);
		if (account_find_email(c, email, &acc, &probe))
			rc = err_set(e, ERR_INVALID, "No account has the e-mail %s", email);
		else
			account = acc.id;
	}
	if (!rc)
		rc = insert_rep(c, agent, name, role, account, now, e);
	if (!rc && account && str_eq(a.status, "accredited"))
		rc = grant_agent(c, who, now, account, p.government, e);
	if (!rc)
		rc = pb_audit(c, who, now, "pb.agent.representative", process, NULL,
			      json_pack("{sIssss}", "agent", (json_int_t)agent, "name", name, "role", role), e);
	return db_tx_leave(c, own, rc, e);
}

static int decide(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		  bool accredit, const char *reason, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	struct agent_core a;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc)
		rc = agent_get(c, process, agent, &a, e);
	if (!rc && accredit && str_eq(a.status, "accredited"))
		rc = err_set(e, ERR_CONFLICT, "%s is already accredited", a.name);
	if (!rc && !accredit && str_eq(a.status, "refused"))
		rc = err_set(e, ERR_CONFLICT, "%s was already refused", a.name);
	int64_t filed = 0;
	if (!rc && !accredit)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_proposal WHERE agent_id = ?", agent, 0, &filed, e);
	if (!rc && filed)
		rc = err_set(e, ERR_CONFLICT, "%s has already filed %lld proposals: it cannot be refused now", a.name,
			     (long long)filed);
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"UPDATE pb_agent SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, accredit ? "accredited" : "refused");
			pb_bind_text_or_null(st, 2, accredit ? NULL : reason);
			db_bind_text(st, 3, pb_actor_name(who));
			db_bind_text(st, 4, pb_now_text(now, ts));
			db_bind_int64(st, 5, agent);
			rc = db_step_done(st, e);
		}
	}
	if (!rc && accredit) {
		/* the representatives with an account may now file proposals */
		struct db_stmt *st = db_prepare(c,
			"SELECT account_id FROM pb_representative WHERE agent_id = ? AND account_id IS NOT NULL ORDER BY id", e);
		int64_t accounts[64];
		size_t n = 0;
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, agent);
			while ((rc = db_step(st, e)) == DB_ROW && n < ARRAY_LEN(accounts))
				accounts[n++] = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		for (size_t i = 0; i < n && !rc; i++)
			rc = grant_agent(c, who, now, accounts[i], p.government, e);
	}
	if (!rc)
		rc = pb_audit(c, who, now, accredit ? "pb.agent.accredit" : "pb.agent.refuse", process,
			      json_pack("{sIss}", "agent", (json_int_t)agent, "status", a.status),
			      json_pack("{sIsss?}", "agent", (json_int_t)agent, "status", accredit ? "accredited" : "refused",
					"reason", accredit ? NULL : reason), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_agent_accredit(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		      struct err *e)
{
	return decide(c, who, now, process, agent, true, NULL, e);
}

int pb_agent_refuse(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		    const char *reason, struct err *e)
{
	if (pb_blank(reason))
		return err_set(e, ERR_INVALID, "Say why the organization is refused");
	int rc = pb_text_check("reason", reason, 1000, true, e);
	return rc ? rc : decide(c, who, now, process, agent, false, reason, e);
}

int pb_agent_list(struct db_conn *c, int64_t process, bool accredited_only, json_t **items, struct err *e)
{
	struct db_stmt *st = db_prepare(c, accredited_only
		? "SELECT a.id, a.name, a.kind, a.territory_code, t.name, a.status, a.reason, a.decided_at, a.created_at,"
		  " (SELECT COUNT(*) FROM pb_proposal x WHERE x.agent_id = a.id)"
		  " FROM pb_agent a JOIN territory t ON t.code = a.territory_code"
		  " WHERE a.process_id = ? AND a.status = 'accredited' ORDER BY a.name_key, a.id"
		: "SELECT a.id, a.name, a.kind, a.territory_code, t.name, a.status, a.reason, a.decided_at, a.created_at,"
		  " (SELECT COUNT(*) FROM pb_proposal x WHERE x.agent_id = a.id)"
		  " FROM pb_agent a JOIN territory t ON t.code = a.territory_code"
		  " WHERE a.process_id = ? ORDER BY a.name_key, a.id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		pb_set_text(o, "name", st, 1);
		pb_set_text(o, "kind", st, 2);
		json_t *t = json_object();
		pb_set_text(t, "code", st, 3);
		pb_set_text(t, "name", st, 4);
		json_object_set_new(o, "territory", t);
		pb_set_text(o, "status", st, 5);
		pb_set_text(o, "reason", st, 6);
		pb_set_text(o, "decided_at", st, 7);
		pb_set_text(o, "registered_at", st, 8);
		json_set_int(o, "proposals", db_col_int64(st, 9));
		json_array_append_new(arr, o);
	}
	db_finish(st);
	/* representatives (names and roles only: no contact data is public) */
	st = rc < 0 ? NULL : db_prepare(c,
		"SELECT r.agent_id, r.name, r.role, r.account_id FROM pb_representative r JOIN pb_agent a ON a.id = r.agent_id"
		" WHERE a.process_id = ? ORDER BY r.agent_id, r.role DESC, r.id", e);
	if (rc >= 0 && !st)
		rc = e->code;
	if (st) {
		db_bind_int64(st, 1, process);
		while ((rc = db_step(st, e)) == DB_ROW) {
			int64_t aid = db_col_int64(st, 0);
			size_t i;
			json_t *o;
			json_array_foreach(arr, i, o)
				if (json_get_int(o, "id", 0) == aid) {
					json_t *reps = json_object_get(o, "representatives");
					if (!reps) {
						reps = json_array();
						json_object_set_new(o, "representatives", reps);
					}
					json_t *r = json_object();
					pb_set_text(r, "name", st, 1);
					pb_set_text(r, "role", st, 2);
					json_set_bool(r, "has_account", !db_col_null(st, 3));
					json_array_append_new(reps, r);
				}
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

int pb_agents_of_account(struct db_conn *c, int64_t process, int64_t account, json_t **items, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT DISTINCT a.id, a.name, a.name_key FROM pb_agent a JOIN pb_representative r ON r.agent_id = a.id"
		" WHERE a.process_id = ? AND r.account_id = ? AND a.status = 'accredited' ORDER BY a.name_key, a.id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	db_bind_int64(st, 2, account);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		pb_set_text(o, "name", st, 1);
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
