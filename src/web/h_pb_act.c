/* h_pb_act.c — what the participants do in a participatory budget: an
 * organization registers; an accredited agent files a proposal (new or from the
 * project bank); a committee member scores or declares a conflict of interest;
 * a resident votes (and changes the ballot while voting is open); officers
 * enter paper ballots twice; the vigilance committee records observations. */
#include "core/compat.h"
#include "web/h_pb.h"
#include "web/handlers.h"
#include "web/server.h"
#include "web/view.h"
#include "core/date.h"
#include "core/json.h"
#include "core/money.h"
#include "core/str.h"
#include "domain/territory.h"
#include "rules/project_rules.h"

/* ---- registering an organization ---- */

static json_t *districts(struct req *r, const char *government, const char *selected)
{
	json_t *arr = json_array();
	struct territory t;
	if (territory_get(req_db(r), government, &t, &r->err) == 0) {
		json_t *o = json_object();
		json_set_str(o, "value", t.code);
		json_set_str(o, "label", t.name);
		json_set_bool(o, "selected", !selected || str_eq(selected, t.code));
		json_array_append_new(arr, o);
	}
	struct territory_query tq = { .parent = government, .limit = 5000 };
	json_t *items = NULL;
	int64_t total;
	if (strlen(government) < 6 && territory_list(req_db(r), &tq, &items, &total, &r->err) == 0) {
		size_t i;
		json_t *d;
		json_array_foreach(items, i, d) {
			json_t *o = json_object();
			json_set_str(o, "value", json_get_str(d, "code", ""));
			char label[TERR_NAME_MAX + 8];
			snprintf(label, sizeof label, "— %s", json_get_str(d, "name", ""));
			json_set_str(o, "label", label);
			json_set_bool(o, "selected", str_eq(selected, json_get_str(d, "code", "")));
			json_array_append_new(arr, o);
		}
		json_decref(items);
	}
	err_init(&r->err, r->lang);
	return arr;
}

int pb_register_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "agents");
	if (!ctx)
		return r->err.code;
	json_object_set_new(ctx, "kind_options", view_options(r, pb_agent_kind_names, pb_agent_kind_label,
								fe ? req_param(r, "kind") : NULL, N_("Choose the kind of organization")));
	json_object_set_new(ctx, "district_options", districts(r, p.government, fe ? req_param(r, "territory") : NULL));
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Register an organization"), p.title);
	return page(r, "pb_register", ctx, title);
}

int h_pb_register_form(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_register_page(r, id, NULL);
}

int h_pb_register(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	const char *where = req_param(r, "territory");
	if ((rc = req_authorize(r, "pb.register", where && *where ? where : p.government)))
		return rc;
	struct pb_agent_input in = { .name = req_param(r, "name"), .kind = req_param(r, "kind"), .territory = where,
				     .representative = req_param(r, "representative"), .alternate = req_param(r, "alternate") };
	/* the technical team registering one brought on paper does not become its representative */
	bool staff = view_can(r, "pb.manage", p.government);
	int64_t aid = 0;
	rc = pb_agent_register(r->db, &r->actor, r->now, p.id, &in, !staff, &aid, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/agents?registered=1#agent-%lld", (long long)p.id, (long long)aid);
	return pb_after(r, rc, p.id, pb_register_page, "form_error", loc);
}

/* ---- filing a proposal ---- */

int pb_file_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "proposals");
	if (!ctx)
		return r->err.code;
	bool staff = view_can(r, "pb.manage", p.government);
	json_t *agents = NULL, *objectives = NULL, *bank = NULL;
	if (staff)
		rc = pb_agent_list(c, id, true, &agents, &r->err);
	else
		rc = pb_agents_of_account(c, id, r->user.id, &agents, &r->err);
	if (!rc)
		rc = pb_objective_options(c, id, &objectives, &r->err);
	if (!rc)
		rc = pb_bank_options(c, id, &bank, &r->err);
	if (rc) {
		json_decref(ctx);
		json_decref(agents);
		json_decref(objectives);
		return rc;
	}
	const char *sel_agent = fe ? req_param(r, "agent") : NULL;
	size_t i;
	json_t *x;
	json_array_foreach(agents, i, x) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)json_get_int(x, "id", 0));
		json_set_bool(x, "selected", sel_agent && str_eq(sel_agent, v));
	}
	json_array_foreach(objectives, i, x) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)json_get_int(x, "id", 0));
		json_set_bool(x, "selected", fe && str_eq(req_param(r, "element"), v));
	}
	json_array_foreach(bank, i, x) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)json_get_int(x, "id", 0));
		json_set_bool(x, "selected", fe && str_eq(req_param(r, "project"), v));
		pb_view_money(x, "cost_text", p.currency, json_get_int(x, "cost_cents", 0));
	}
	json_set_bool(ctx, "has_agents", json_array_size(agents) > 0);
	json_object_set_new(ctx, "agents", agents);
	json_object_set_new(ctx, "objectives", objectives);
	json_object_set_new(ctx, "bank", bank);
	json_set_bool(ctx, "staff", staff);
	json_object_set_new(ctx, "sector_options", view_options(r, project_sector_names, project_sector_label,
								  fe ? req_param(r, "sector") : NULL, N_("Choose a sector")));
	json_object_set_new(ctx, "district_options", districts(r, p.government, fe ? req_param(r, "territory") : NULL));
	json_t *zones = json_object_get(json_object_get(ctx, "proc"), "zones");
	json_array_foreach(zones, i, x) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)json_get_int(x, "id", 0));
		json_set_bool(x, "selected", fe && str_eq(req_param(r, "zone"), v));
	}
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "File a proposal"), p.title);
	return page(r, "pb_proposal_form", ctx, title);
}

int h_pb_file_form(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "pb.propose", p.government);
	return rc ? rc : pb_file_page(r, p.id, NULL);
}

static int count_of(struct req *r, const char *name, int64_t *out)
{
	const char *v = req_param(r, name);
	*out = -1;
	if (!v || !*v)
		return 0;
	if (str_to_int64(v, out) || *out < 0)
		return err_set(&r->err, ERR_INVALID, "\"%s\" must be a whole number of people (not \"%.40s\")",
			       req_tr(r, "Beneficiaries"), v);
	return 0;
}

int h_pb_file(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "pb.propose", p.government);
	if (rc)
		return rc;
	struct pb_proposal_input in = {
		.agent_id = req_param_int(r, "agent", 0),
		.project_id = req_param_int(r, "project", 0),
		.title = req_param(r, "title"),
		.description = req_param(r, "description"),
		.territory = req_param(r, "territory"),
		.zone_id = req_param_int(r, "zone", 0),
		.sector = req_param(r, "sector"),
		.element_id = req_param_int(r, "element", 0),
	};
	int64_t cofin = -1;
	rc = pb_amount(r, "cost", N_("Estimated cost"), in.project_id <= 0, &in.cost);
	if (!rc)
		rc = pb_amount(r, "cofinancing", N_("Cofinancing by the agents"), false, &cofin);
	in.cofinancing = cofin < 0 ? 0 : cofin;
	if (!rc)
		rc = count_of(r, "beneficiaries", &in.beneficiaries);
	int64_t pid = 0;
	if (!rc)
		rc = pb_proposal_file(r->db, &r->actor, r->now, p.id, &in, view_can(r, "pb.manage", p.government), &pid, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/proposals/%lld?filed=1", (long long)p.id, (long long)pid);
	return pb_after(r, rc, p.id, pb_file_page, "form_error", loc);
}

/* ---- scoring ---- */

int h_pb_score(struct req *r)
{
	struct pb_process p;
	int64_t pid = 0;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "pb.score", p.government);
	if (!rc)
		rc = pb_path_id(r, 1, &pid);
	if (rc)
		return rc;
	enum { MAXC = 20 };
	const char *crit[MAXC], *vals[MAXC];
	size_t n = pb_multi(r, "criterion", crit, MAXC), nv = pb_multi(r, "score", vals, MAXC);
	int64_t ids[MAXC], values[MAXC];
	if (n != nv)
		rc = err_set(&r->err, ERR_INVALID, "Give a score for every criterion");
	for (size_t i = 0; i < n && !rc; i++) {
		if (str_to_id(crit[i], &ids[i]))
			rc = err_set(&r->err, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "criterion");
		else if (!*vals[i])
			rc = err_set(&r->err, ERR_INVALID, "Give a score for every criterion");
		else if (str_to_int64(vals[i], &values[i]))
			rc = err_set(&r->err, ERR_INVALID, "A score is a whole number (not \"%.20s\")", vals[i]);
	}
	if (!rc)
		rc = pb_score_set(r->db, &r->actor, r->now, p.id, pid, ids, values, n, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/proposals/%lld?scored=1#score", (long long)p.id, (long long)pid);
	return pb_after(r, rc, p.id, pb_proposal_page, "score_error", loc);
}

int h_pb_recuse(struct req *r)
{
	struct pb_process p;
	int64_t pid = 0;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "pb.score", p.government);
	if (!rc)
		rc = pb_path_id(r, 1, &pid);
	if (rc)
		return rc;
	rc = pb_recuse(r->db, &r->actor, r->now, p.id, pid, req_param(r, "reason"), &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/proposals/%lld#score", (long long)p.id, (long long)pid);
	return pb_after(r, rc, p.id, pb_proposal_page, "score_error", loc);
}

/* ---- ballots ---- */

/* The ballot as posted, by the process's method: checkboxes (choice), or rows
 * of item with rank (ranked) or points (cumulative). */
static int ballot_from(struct req *r, const struct pb_process *p, struct pb_vote_item *items, size_t max, size_t *n)
{
	*n = 0;
	const char *ids[1000], *vals[1000];
	if (p->method == PB_METHOD_APPROVAL || p->method == PB_METHOD_KNAPSACK) {
		size_t k = pb_multi(r, "choice", ids, max < 1000 ? max : 1000);
		for (size_t i = 0; i < k; i++) {
			if (str_to_id(ids[i], &items[*n].proposal))
				return err_set(&r->err, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "choice");
			items[(*n)++].points = 0;
		}
		return 0;
	}
	size_t k = pb_multi(r, "item", ids, 1000);
	size_t kv = pb_multi(r, p->method == PB_METHOD_RANKED ? "rank" : "points", vals, 1000);
	if (k != kv)
		return err_set(&r->err, ERR_INVALID, "The ballot form is incomplete; load it again");
	int64_t ranks[1000];
	for (size_t i = 0; i < k && *n < max; i++) {
		if (!*vals[i])
			continue;
		int64_t v;
		if (str_to_int64(vals[i], &v) || v < 0)
			return err_set(&r->err, ERR_INVALID, "\"%.20s\" is not a whole number", vals[i]);
		if (p->method == PB_METHOD_CUMULATIVE && v == 0)
			continue;
		if (str_to_id(ids[i], &items[*n].proposal))
			return err_set(&r->err, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "item");
		items[*n].points = p->method == PB_METHOD_CUMULATIVE ? v : 0;
		ranks[*n] = v;
		(*n)++;
	}
	if (p->method == PB_METHOD_RANKED) {
		/* by rank; two proposals cannot share one */
		for (size_t i = 1; i < *n; i++)
			for (size_t j = i; j > 0 && ranks[j - 1] >= ranks[j]; j--) {
				if (ranks[j - 1] == ranks[j])
					return err_set(&r->err, ERR_INVALID, "Two proposals have the place %lld; give each a different place",
						       (long long)ranks[j]);
				int64_t tr_ = ranks[j];
				ranks[j] = ranks[j - 1];
				ranks[j - 1] = tr_;
				struct pb_vote_item ti = items[j];
				items[j] = items[j - 1];
				items[j - 1] = ti;
			}
	}
	return 0;
}

/* Candidates with what the voter (or the officer's form) chose. */
static json_t *ballot_rows(struct req *r, const struct pb_process *p, json_t *mine, bool from_post)
{
	json_t *cands = NULL;
	if (pb_candidates(req_db(r), p->id, &cands, &r->err)) {
		err_init(&r->err, r->lang);
		return json_array();
	}
	size_t n = json_array_size(cands);
	size_t i;
	json_t *x;
	json_array_foreach(cands, i, x) {
		pb_view_proposal(r, p->currency, x);
		int64_t id = json_get_int(x, "id", 0);
		int64_t pts = 0, rank = 0;
		if (from_post) {
			struct pb_vote_item items[1000];
			size_t k = 0;
			struct err keep = r->err;
			if (ballot_from(r, p, items, ARRAY_LEN(items), &k) == 0)
				for (size_t j = 0; j < k; j++)
					if (items[j].proposal == id) {
						pts = items[j].points ? items[j].points : 1;
						rank = (int64_t)j + 1;
					}
			r->err = keep;
		} else {
			size_t j;
			json_t *it;
			json_array_foreach(json_object_get(mine, "items"), j, it)
				if (json_get_int(it, "proposal", 0) == id) {
					pts = json_get_int(it, "points", 0) ? json_get_int(it, "points", 0) : 1;
					rank = (int64_t)j + 1;
				}
		}
		json_set_bool(x, "checked", pts > 0);
		if (p->method == PB_METHOD_CUMULATIVE && pts > 0)
			json_set_int(x, "points_value", pts);
		json_t *opts = json_array();
		uint32_t places = p->max_choices > 0 && (size_t)p->max_choices < n ? (uint32_t)p->max_choices : (uint32_t)n;
		for (uint32_t k = 1; k <= places; k++) {
			json_t *o = json_object();
			json_set_int(o, "value", k);
			json_set_bool(o, "selected", rank == k);
			json_array_append_new(opts, o);
		}
		json_object_set_new(x, "rank_options", opts);
	}
	return cands;
}

int pb_vote_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "vote");
	if (!ctx)
		return r->err.code;
	json_t *mine = NULL;
	if (r->signed_in && pb_ballot_of(c, id, r->user.id, &mine, &r->err) == 0 && json_is_object(mine))
		json_object_set(ctx, "my_ballot", mine);
	err_init(&r->err, r->lang);
	json_object_set_new(ctx, "candidates", ballot_rows(r, &p, mine, fe != NULL));
	json_decref(mine);
	/* who may vote here */
	const char *res = r->user.residence;
	if (!res[0])
		json_set_str(ctx, "not_eligible", req_tr(r, "Your account has no district of residence, which decides where you vote: ask the municipality to record it"));
	else if (strncmp(res, p.government, strlen(p.government)) != 0)
		json_set_str(ctx, "not_eligible", req_tr(r, "You live outside the territory of this participatory budget"));
	json_set_bool(ctx, "voted", req_param_int(r, "voted", 0) == 1);
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Vote"), p.title);
	return page(r, "pb_vote", ctx, title);
}

int h_pb_vote_form(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_vote_page(r, id, NULL);
}

int h_pb_ballot(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	/* the right to vote is on where one lives */
	const char *res = r->user.residence[0] ? r->user.residence : p.government;
	if ((rc = req_authorize(r, "pb.vote", res)))
		return rc;
	struct pb_vote_item items[1000];
	size_t n = 0;
	rc = ballot_from(r, &p, items, ARRAY_LEN(items), &n);
	if (!rc)
		rc = pb_ballot_cast(r->db, &r->actor, r->now, p.id, r->user.residence, items, n, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/vote?voted=1", (long long)p.id);
	return pb_after(r, rc, p.id, pb_vote_page, "vote_error", loc);
}

/* ---- paper ballots ---- */

int pb_paper_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (!rc)
		rc = req_authorize(r, "pb.officer", p.government);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "paper");
	if (!ctx)
		return r->err.code;
	json_object_set_new(ctx, "candidates", ballot_rows(r, &p, NULL, fe != NULL));
	json_t *st = NULL;
	if (pb_paper_status(c, id, &st, &r->err) == 0)
		json_object_set_new(ctx, "paper", st);
	err_init(&r->err, r->lang);
	json_set_bool(ctx, "counted", req_param_int(r, "counted", 0) == 1);
	json_set_bool(ctx, "pending", req_param_int(r, "counted", -1) == 0);
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Paper ballots"), p.title);
	return page(r, "pb_paper", ctx, title);
}

int h_pb_paper_form(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_paper_page(r, id, NULL);
}

int h_pb_paper(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "pb.officer", p.government);
	if (rc)
		return rc;
	struct pb_vote_item items[1000];
	size_t n = 0;
	bool counted = false;
	rc = ballot_from(r, &p, items, ARRAY_LEN(items), &n);
	if (!rc)
		rc = pb_paper_enter(r->db, &r->actor, r->now, p.id, req_param(r, "serial"), items, n, &counted, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/paper?counted=%d", (long long)p.id, counted ? 1 : 0);
	return pb_after(r, rc, p.id, pb_paper_page, "paper_error", loc);
}

int h_pb_paper_discard(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "pb.officer", p.government);
	if (rc)
		return rc;
	rc = pb_paper_discard(r->db, &r->actor, r->now, p.id, req_param(r, "serial"), &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/paper", (long long)p.id);
	return pb_after(r, rc, p.id, pb_paper_page, "paper_error", loc);
}

/* ---- vigilance observations ---- */

int h_pb_observe(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (!rc)
		rc = req_authorize(r, "vigilance.write", p.government);
	if (rc)
		return rc;
	int64_t oid = 0;
	rc = pb_observation_add(r->db, &r->actor, r->now, p.id, req_param_int(r, "proposal", 0), req_param(r, "observed_on"),
				req_param(r, "text"), req_param(r, "evidence"), &oid, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/vigilance#obs-%lld", (long long)p.id, (long long)oid);
	return pb_after(r, rc, p.id, pb_vigilance_page, "observation_error", loc);
}
