/* h_pb_manage.c — the technical team's side of a participatory budget: create a
 * process, its settings, calendar (dates, open now, close now), zone budgets,
 * category caps, criteria matrix and committee; accredit or refuse agents;
 * review proposals; take in districts' proposals; publish the results; draft,
 * sign and send the acta; elect the vigilance committee. */
#include "core/compat.h"
#include "web/h_pb.h"
#include "web/handlers.h"
#include "web/server.h"
#include "web/view.h"
#include "core/date.h"
#include "core/json.h"
#include "core/money.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/territory.h"
#include "rules/project_rules.h"

/* The process of the path, with `action` checked on its government. */
static int guard(struct req *r, struct pb_process *p, const char *action)
{
	int rc = pb_path_process(r, p);
	if (!rc)
		rc = req_authorize(r, action, p->government);
	return rc;
}

static const char *method_label_of(const char *m)
{
	int k = pb_method_parse(m);
	return k >= 0 ? pb_method_label((enum pb_method)k) : "";
}

static const char *rule_label_of(const char *m)
{
	int k = pb_rule_parse(m);
	return k >= 0 ? pb_rule_label((enum pb_rule_kind)k) : "";
}

static const char *kind_label_of(const char *m)
{
	int k = pb_criterion_kind_parse(m);
	return k >= 0 ? pb_criterion_kind_label((enum pb_criterion_kind)k) : "";
}

/* The districts of a government's territory as options. */
static json_t *district_options(struct req *r, const char *government, const char *selected)
{
	json_t *arr = json_array();
	struct territory_query tq = { .parent = government, .limit = 5000 };
	json_t *items = NULL;
	int64_t total;
	if (strlen(government) == 6) {
		struct territory t;
		if (territory_get(req_db(r), government, &t, &r->err) == 0) {
			json_t *o = json_object();
			json_set_str(o, "value", t.code);
			json_set_str(o, "label", t.name);
			json_set_bool(o, "selected", true);
			json_array_append_new(arr, o);
		}
	} else if (territory_list(req_db(r), &tq, &items, &total, &r->err) == 0) {
		size_t i;
		json_t *d;
		json_array_foreach(items, i, d) {
			json_t *o = json_object();
			json_set_str(o, "value", json_get_str(d, "code", ""));
			json_set_str(o, "label", json_get_str(d, "name", ""));
			json_set_bool(o, "selected", str_eq(json_get_str(d, "code", ""), selected));
			json_array_append_new(arr, o);
		}
		json_decref(items);
	}
	err_init(&r->err, r->lang);
	return arr;
}

/* ---- creating a process ---- */

static int new_form(struct req *r, const struct pb_form_error *fe)
{
	json_t *ctx = json_object();
	const char *gov = view_government(r);
	struct government g;
	if (government_get(req_db(r), gov, &g, &r->err)) {
		json_decref(ctx);
		return r->err.code;
	}
	json_object_set_new(ctx, "government", government_to_json(&g));
	struct date today = pb_local_date(r->now);
	char d[DATE_FMT_MAX];
	json_t *v = json_object();
	json_set_int(v, "year", today.year + 1);
	json_set_str(v, "first_day", date_format(today, d));
	json_set_str(v, "max_choices", "3");
	json_set_str(v, "points", "10");
	json_object_set_new(ctx, "v", v);
	json_object_set_new(ctx, "method_options", view_options(r, pb_method_names, method_label_of,
								  fe ? req_param(r, "method") : "approval", NULL));
	json_object_set_new(ctx, "rule_options", view_options(r, pb_rule_names, rule_label_of,
								fe ? req_param(r, "rule") : "greedy", NULL));
	pb_form_error_put(r, ctx, fe);
	return page(r, "pb_new", ctx, req_tr(r, "New participatory budget"));
}

int h_pb_new(struct req *r)
{
	int rc = req_authorize(r, "pb.manage", view_government(r));
	return rc ? rc : new_form(r, NULL);
}

static int settings_from(struct req *r, struct pb_process_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = req_param(r, "title");
	in->description = req_param(r, "description");
	in->year = req_param_int(r, "year", 0);
	in->method = req_param(r, "method");
	in->rule = req_param(r, "rule");
	in->max_choices = req_param_int(r, "max_choices", 0);
	in->points = req_param_int(r, "points", 0);
	return pb_amount(r, "ceiling", N_("Budget ceiling"), true, &in->ceiling);
}

static int again_new(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	(void)id;
	return new_form(r, fe);
}

int h_pb_create(struct req *r)
{
	const char *gov = view_government(r);
	int rc = req_authorize(r, "pb.manage", gov);
	if (rc)
		return rc;
	if (!req_db(r))
		return r->err.code;
	struct pb_process_input in;
	rc = settings_from(r, &in);
	struct date first;
	if (!rc && date_parse(req_param(r, "first_day"), &first))
		rc = err_set(&r->err, ERR_INVALID, "Field \"%s\" must be a date YYYY-MM-DD", "first_day");
	int64_t id = 0;
	if (!rc)
		rc = pb_process_create(r->db, &r->actor, r->now, gov, &in, pb_local_midnight(first), &id, &r->err);
	char loc[64];
	snprintf(loc, sizeof loc, "/pb/processes/%lld?created=1", (long long)id);
	return pb_after(r, rc, 0, again_new, "form_error", loc);
}

/* ---- the management page ---- */

int pb_manage_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (!rc)
		rc = req_authorize(r, "pb.manage", p.government);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "manage");
	if (!ctx)
		return r->err.code;
	json_t *proc = json_object_get(ctx, "proc");
	json_object_set_new(ctx, "method_options",
			    view_options(r, pb_method_names, method_label_of, json_get_str(proc, "method", ""), NULL));
	json_object_set_new(ctx, "rule_options", view_options(r, pb_rule_names, rule_label_of, json_get_str(proc, "rule", ""), NULL));
	json_object_set_new(ctx, "sector_options", view_options(r, project_sector_names, project_sector_label, NULL, NULL));
	json_object_set_new(ctx, "district_options", district_options(r, p.government, NULL));
	char m[MONEY_FMT_MAX];
	json_set_str(ctx, "ceiling_value", money_format(p.ceiling, false, m));
	/* the matrix: the criteria and two empty rows */
	json_t *rows = json_array();
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(proc, "criteria"), i, k) {
		json_t *o = json_deep_copy(k);
		json_object_set_new(o, "kind_options", view_options(r, pb_criterion_kind_names, kind_label_of, json_get_str(k, "kind", ""), NULL));
		json_array_append_new(rows, o);
	}
	for (int n = 0; n < 2; n++) {
		json_t *o = json_object();
		json_set_int(o, "scale_min", 0);
		json_set_int(o, "scale_max", 4);
		json_object_set_new(o, "kind_options", view_options(r, pb_criterion_kind_names, kind_label_of, "committee", NULL));
		json_array_append_new(rows, o);
	}
	json_object_set_new(ctx, "criteria_rows", rows);
	/* the committee */
	json_t *mx = NULL, *agents = NULL, *cands = NULL, *paper = NULL;
	if (pb_matrix(c, id, &mx, &r->err) == 0) {
		json_object_set(ctx, "committee", json_object_get(mx, "members"));
		json_decref(mx);
	}
	err_init(&r->err, r->lang);
	if (pb_agent_list(c, id, true, &agents, &r->err) == 0)
		json_object_set_new(ctx, "agents", agents);
	err_init(&r->err, r->lang);
	if (pb_intake_candidates(c, id, &cands, &r->err) == 0) {
		json_array_foreach(cands, i, k)
			pb_view_money(k, "amount_text", p.currency, json_get_int(k, "amount_cents", 0));
		json_set_bool(ctx, "has_intake", json_array_size(cands) > 0);
		json_object_set_new(ctx, "intake", cands);
	}
	err_init(&r->err, r->lang);
	if (pb_paper_status(c, id, &paper, &r->err) == 0) {
		json_set_bool(paper, "has_pending", json_array_size(json_object_get(paper, "pending")) > 0);
		json_object_set_new(ctx, "paper", paper);
	}
	err_init(&r->err, r->lang);
	json_set_bool(ctx, "is_wide", strlen(p.government) < 6);
	/* the record's history: on this page only, since it names who voted (never what) */
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if (audit_history(c, "pb_process", sid, 50, &hist, &r->err) == 0)
		json_object_set_new(ctx, "history", hist);
	err_init(&r->err, r->lang);
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Manage"), p.title);
	return page(r, "pb_manage", ctx, title);
}

int h_pb_manage(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_manage_page(r, id, NULL);
}

static int manage_after(struct req *r, int rc, int64_t id, const char *slot, const char *anchor)
{
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/manage#%s", (long long)id, anchor);
	return pb_after(r, rc, id, pb_manage_page, slot, loc);
}

int h_pb_update(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	struct pb_process_input in;
	rc = settings_from(r, &in);
	in.year = p.year;
	if (!rc)
		rc = pb_process_update(r->db, &r->actor, r->now, p.id, &in, &r->err);
	return manage_after(r, rc, p.id, "settings_error", "settings");
}

static int step_id(struct req *r, int64_t *sid) { return pb_path_id(r, 1, sid); }

int h_pb_step(struct req *r)
{
	struct pb_process p;
	int64_t sid;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = step_id(r, &sid);
	if (rc)
		return rc;
	struct date a, b;
	if (date_parse(req_param(r, "first_day"), &a) || date_parse(req_param(r, "last_day"), &b))
		rc = err_set(&r->err, ERR_INVALID, "Give the first and the last day of the step (YYYY-MM-DD)");
	else if (date_cmp(b, a) < 0)
		rc = err_set(&r->err, ERR_INVALID, "The last day of a step cannot come before its first day");
	else
		rc = pb_step_set(r->db, &r->actor, r->now, p.id, sid, pb_local_midnight(a), pb_local_midnight(b) + 86400,
				 req_param(r, "title"), &r->err);
	return manage_after(r, rc, p.id, "calendar_error", "calendar");
}

int h_pb_step_open(struct req *r)
{
	struct pb_process p;
	int64_t sid;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = step_id(r, &sid);
	if (rc)
		return rc;
	rc = pb_step_open_now(r->db, &r->actor, r->now, p.id, sid, &r->err);
	return manage_after(r, rc, p.id, "calendar_error", "calendar");
}

int h_pb_step_close(struct req *r)
{
	struct pb_process p;
	int64_t sid;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = step_id(r, &sid);
	if (rc)
		return rc;
	rc = pb_step_close_now(r->db, &r->actor, r->now, p.id, sid, &r->err);
	return manage_after(r, rc, p.id, "calendar_error", "calendar");
}

int h_pb_zone_add(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	int64_t budget, zid;
	rc = pb_amount(r, "budget", N_("Budget of the zone"), true, &budget);
	if (!rc)
		rc = pb_zone_add(r->db, &r->actor, r->now, p.id, req_param(r, "name"), req_param(r, "territory"), budget, &zid,
				 &r->err);
	return manage_after(r, rc, p.id, "zone_error", "zones");
}

int h_pb_zone_remove(struct req *r)
{
	struct pb_process p;
	int64_t zid;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &zid);
	if (rc)
		return rc;
	rc = pb_zone_remove(r->db, &r->actor, r->now, p.id, zid, &r->err);
	return manage_after(r, rc, p.id, "zone_error", "zones");
}

int h_pb_cap(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	int64_t amount;
	rc = pb_amount(r, "amount", N_("Cap"), false, &amount);
	if (!rc)
		rc = pb_cap_set(r->db, &r->actor, r->now, p.id, req_param(r, "category"), amount, &r->err);
	return manage_after(r, rc, p.id, "cap_error", "caps");
}

/* Whole numbers typed in a table of the form. */
static int whole(struct req *r, const char *v, const char *field, const char *row, int64_t *out)
{
	if (!v || !*v || str_to_int64(v, out))
		return err_set(&r->err, ERR_INVALID, "Criterion \"%s\": \"%s\" must be a whole number (not \"%.20s\")", row,
			       field, v ? v : "");
	return 0;
}

int h_pb_criteria(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	enum { MAXC = 20 };
	const char *name[MAXC + 1], *kind[MAXC + 1], *weight[MAXC + 1], *lo[MAXC + 1], *hi[MAXC + 1], *text[MAXC + 1];
	size_t n = pb_multi(r, "name", name, MAXC + 1);
	size_t nk = pb_multi(r, "kind", kind, MAXC + 1), nw = pb_multi(r, "weight", weight, MAXC + 1),
	       nl = pb_multi(r, "scale_min", lo, MAXC + 1), nh = pb_multi(r, "scale_max", hi, MAXC + 1),
	       nt = pb_multi(r, "scale_text", text, MAXC + 1);
	struct pb_criterion_input in[MAXC];
	size_t m = 0;
	if (n != nk || n != nw || n != nl || n != nh || n != nt)
		rc = err_set(&r->err, ERR_INVALID, "Every row of the matrix needs its name, kind, weight and scale");
	for (size_t i = 0; i < n && !rc; i++) {
		if (!*name[i])
			continue;   /* an empty row */
		if (m == MAXC) {
			rc = err_set(&r->err, ERR_INVALID, "A matrix can have at most %d criteria", MAXC);
			break;
		}
		struct pb_criterion_input *c = &in[m++];
		c->name = name[i];
		c->kind = kind[i];
		c->scale_text = text[i];
		rc = whole(r, weight[i], "weight", name[i], &c->weight);
		if (!rc)
			rc = whole(r, lo[i], "scale_min", name[i], &c->scale_min);
		if (!rc)
			rc = whole(r, hi[i], "scale_max", name[i], &c->scale_max);
	}
	if (!rc)
		rc = pb_criteria_set(r->db, &r->actor, r->now, p.id, in, m, &r->err);
	return manage_after(r, rc, p.id, "criteria_error", "criteria");
}

int h_pb_committee_add(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_committee_add(r->db, &r->actor, r->now, p.id, req_param(r, "email"), req_param_int(r, "agent", 0), &r->err);
	return manage_after(r, rc, p.id, "committee_error", "committee");
}

int h_pb_committee_remove(struct req *r)
{
	struct pb_process p;
	int64_t mid;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &mid);
	if (rc)
		return rc;
	rc = pb_committee_remove(r->db, &r->actor, r->now, p.id, mid, &r->err);
	return manage_after(r, rc, p.id, "committee_error", "committee");
}

int h_pb_intake(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	int64_t id;
	rc = pb_intake(r->db, &r->actor, r->now, p.id, req_param_int(r, "proposal", 0), &id, &r->err);
	return manage_after(r, rc, p.id, "intake_error", "intake");
}

int h_pb_publish(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_results_publish(r->db, &r->actor, r->now, p.id, &r->err);
	char loc[64];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/results", (long long)p.id);
	if (rc)
		return manage_after(r, rc, p.id, "results_error", "results");
	return redirect(r, loc);
}

/* ---- agents ---- */

static int agents_after(struct req *r, int rc, int64_t id, int64_t aid)
{
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/agents#agent-%lld", (long long)id, (long long)aid);
	return pb_after(r, rc, id, pb_agents_page, "agent_error", loc);
}

int h_pb_accredit(struct req *r)
{
	struct pb_process p;
	int64_t aid = 0;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &aid);
	if (rc)
		return rc;
	rc = pb_agent_accredit(r->db, &r->actor, r->now, p.id, aid, &r->err);
	return agents_after(r, rc, p.id, aid);
}

int h_pb_refuse(struct req *r)
{
	struct pb_process p;
	int64_t aid = 0;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &aid);
	if (rc)
		return rc;
	rc = pb_agent_refuse(r->db, &r->actor, r->now, p.id, aid, req_param(r, "reason"), &r->err);
	return agents_after(r, rc, p.id, aid);
}

int h_pb_representative(struct req *r)
{
	struct pb_process p;
	int64_t aid = 0;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &aid);
	if (rc)
		return rc;
	rc = pb_agent_add_representative(r->db, &r->actor, r->now, p.id, aid, req_param(r, "name"), req_param(r, "role"),
					 req_param(r, "email"), &r->err);
	return agents_after(r, rc, p.id, aid);
}

/* ---- the technical review ---- */

int h_pb_review(struct req *r)
{
	struct pb_process p;
	int64_t pid = 0;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &pid);
	if (rc)
		return rc;
	int64_t validated = -1;
	bool viable = str_eq(req_param(r, "decision"), "viable");
	if (viable)
		rc = pb_amount(r, "validated_cost", N_("Validated cost"), false, &validated);
	if (!rc)
		rc = pb_proposal_review(r->db, &r->actor, r->now, p.id, pid, viable, req_param(r, "observations"), validated,
					req_param_int(r, "provincial_impact", 0) == 1, &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/proposals/%lld#review", (long long)p.id, (long long)pid);
	return pb_after(r, rc, p.id, pb_proposal_page, "review_error", loc);
}

/* ---- the acta ---- */

static int acta_after(struct req *r, int rc, int64_t id, const char *anchor)
{
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/acta#%s", (long long)id, anchor);
	return pb_after(r, rc, id, pb_acta_page, "acta_error", loc);
}

int h_pb_acta_save(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_acta_update(r->db, &r->actor, r->now, p.id, req_param(r, "place"), req_param(r, "held_on"),
			    req_param(r, "agreements"), &r->err);
	return acta_after(r, rc, p.id, "acta");
}

int h_pb_acta_line(struct req *r)
{
	struct pb_process p;
	int64_t pid = 0;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = pb_path_id(r, 1, &pid);
	if (rc)
		return rc;
	rc = pb_acta_line_set(r->db, &r->actor, r->now, p.id, pid, req_param_int(r, "source", 0), req_param(r, "responsible"),
			      &r->err);
	return acta_after(r, rc, p.id, "projects");
}

int h_pb_commitment(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_commitment_add(r->db, &r->actor, r->now, p.id, req_param_int(r, "agent", 0), req_param(r, "party"),
			       req_param(r, "text"), &r->err);
	return acta_after(r, rc, p.id, "commitments");
}

int h_pb_signatory(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_signatory_add(r->db, &r->actor, r->now, p.id, req_param(r, "name"), req_param(r, "role"),
			      req_param(r, "organization"), &r->err);
	return acta_after(r, rc, p.id, "signatories");
}

int h_pb_formalize(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_formalize(r->db, &r->actor, r->now, p.id, &r->err);
	return acta_after(r, rc, p.id, "acta");
}

int h_pb_invest(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (!rc)
		rc = req_authorize(r, "invest.manage", p.government);
	if (rc)
		return rc;
	int64_t plan = 0;
	rc = pb_send_to_invest(r->db, &r->actor, r->now, p.id, &plan, &r->err);
	if (rc)
		return acta_after(r, rc, p.id, "invest");
	char loc[64];
	snprintf(loc, sizeof loc, "/invest/%lld", (long long)plan);
	return redirect(r, loc);
}

/* ---- the vigilance committee ---- */

int h_pb_vigilance_elect(struct req *r)
{
	struct pb_process p;
	int rc = guard(r, &p, "pb.manage");
	if (rc)
		return rc;
	rc = pb_vigilance_elect(r->db, &r->actor, r->now, p.id, req_param_int(r, "agent", 0), req_param(r, "name"),
				req_param(r, "role"), req_param(r, "elected_on"), &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/vigilance#members", (long long)p.id);
	return pb_after(r, rc, p.id, pb_vigilance_page, "member_error", loc);
}

int h_pb_answer(struct req *r)
{
	struct pb_process p;
	int64_t oid = 0;
	int rc = guard(r, &p, "vigilance.answer");
	if (!rc)
		rc = pb_path_id(r, 1, &oid);
	if (rc)
		return rc;
	rc = pb_observation_answer(r->db, &r->actor, r->now, p.id, oid, req_param(r, "answer"), &r->err);
	char loc[96];
	snprintf(loc, sizeof loc, "/pb/processes/%lld/vigilance#obs-%lld", (long long)p.id, (long long)oid);
	return pb_after(r, rc, p.id, pb_vigilance_page, "answer_error", loc);
}
