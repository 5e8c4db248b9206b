/* h_pb.c — the participatory budget's public pages (readable without an
 * account, on a phone): the processes, a process's calendar and current phase,
 * the accredited agents, the proposals with their status, the scoring matrix,
 * the results with their explanations, the acta (page and PDF), the vigilance
 * committee and its yearly report, the Pabulib export; the JSON API; and the
 * helpers the other pb handlers share. */
#include "core/compat.h"
#include "web/h_pb.h"
#include "web/handlers.h"
#include "web/server.h"
#include "web/view.h"
#include "core/json.h"
#include "core/money.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/invest.h"
#include "web/tmpl.h"
#include "rules/invest_rules.h"
#include "rules/project_rules.h"

/* ---- shared ---- */

int pb_path_id(struct req *r, int n, int64_t *id)
{
	if (str_to_id(req_arg(r, n), id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	return 0;
}

int pb_path_process(struct req *r, struct pb_process *p)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	if (rc)
		return rc;
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	return pb_process_get(c, id, p, &r->err);
}

void pb_view_money(json_t *o, const char *key, const char *currency, int64_t cents)
{
	char m[64];
	json_set_str(o, key, pb_money(currency, cents, m, sizeof m));
}

size_t pb_multi(const struct req *r, const char *name, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->params.n && n < max; i++)
		if (str_eq(r->params.items[i].name, name))
			out[n++] = r->params.items[i].value;
	return n;
}

int pb_amount(struct req *r, const char *name, const char *label, bool required, int64_t *out)
{
	const char *v = req_param(r, name);
	*out = -1;
	if (!v || !*v) {
		if (required)
			return err_set(&r->err, ERR_INVALID, "\"%s\" is required", req_tr(r, label));
		return 0;
	}
	if (money_parse(v, out))
		return err_set(&r->err, ERR_INVALID, "\"%s\" must be an amount such as 1234.56 or S/ 1,234.56 (not \"%.40s\")",
			       req_tr(r, label), v);
	if (*out < 0)
		return err_set(&r->err, ERR_INVALID, "\"%s\" cannot be negative", req_tr(r, label));
	return 0;
}

static const char *review_label(const char *review)
{
	if (str_eq(review, "viable"))
		return N_("Viable");
	if (str_eq(review, "not_viable"))
		return N_("Not viable");
	return N_("Awaiting technical review");
}

static const char *origin_label(const char *origin)
{
	if (str_eq(origin, "bank"))
		return N_("From the project bank");
	if (str_eq(origin, "district"))
		return N_("Taken in from a district (art. 97)");
	if (str_eq(origin, "pabulib"))
		return N_("Imported from Pabulib");
	return N_("New proposal of an agent");
}

void pb_view_proposal(const struct req *r, const char *currency, json_t *x)
{
	const char *review = json_get_str(x, "review", "");
	json_set_str(x, "review_label", req_tr(r, review_label(review)));
	json_set_bool(x, "viable", str_eq(review, "viable"));
	json_set_bool(x, "not_viable", str_eq(review, "not_viable"));
	json_set_str(x, "origin_label", req_tr(r, origin_label(json_get_str(x, "origin", ""))));
	json_set_str(x, "sector_label", req_tr(r, project_sector_label(json_get_str(x, "sector", ""))));
	pb_view_money(x, "cost_text", currency, json_get_int(x, "cost_cents", 0));
	pb_view_money(x, "amount_text", currency, json_get_int(x, "amount_cents", 0));
	if (json_get_int(x, "cofinancing_cents", 0))
		pb_view_money(x, "cofinancing_text", currency, json_get_int(x, "cofinancing_cents", 0));
	json_t *v = json_object_get(x, "validated_cost_cents");
	if (json_is_integer(v))
		pb_view_money(x, "validated_text", currency, json_integer_value(v));
	json_t *res = json_object_get(x, "result");
	if (json_is_object(res)) {
		bool sel = json_is_true(json_object_get(res, "selected"));
		json_set_str(x, "status_label", req_tr(r, sel ? N_("Selected") : N_("Not selected")));
		json_set_str(x, "status_class", sel ? "s-programmed" : "s-not_viable");
	} else {
		json_set_str(x, "status_label", req_tr(r, review_label(review)));
		json_set_str(x, "status_class", str_eq(review, "viable") ? "s-viable" : str_eq(review, "not_viable") ? "s-not_viable" : "s-received");
	}
}

static const char *state_label(const char *state)
{
	if (str_eq(state, "open"))
		return N_("In progress");
	if (str_eq(state, "done"))
		return N_("Done");
	return N_("Upcoming");
}

/* Labels and texts for the process JSON. */
static void view_process(const struct req *r, json_t *p)
{
	const char *cur = json_get_str(p, "currency", "PEN");
	int phase = pb_phase_parse(json_get_str(p, "phase", ""));
	const char *ph = json_get_str(p, "phase", NULL);
	json_set_str(p, "phase_label", phase >= 0 ? req_tr(r, pb_phase_label((enum pb_phase)phase))
				       : ph && str_eq(ph, "closed") ? req_tr(r, "Closed: every step has ended")
				       : req_tr(r, "No calendar yet"));
	int open = pb_step_parse(json_get_str(p, "open_step", ""));
	if (open >= 0)
		json_set_str(p, "open_step_label", req_tr(r, pb_step_label((enum pb_step_kind)open)));
	int next = pb_step_parse(json_get_str(p, "next_step", ""));
	if (next >= 0)
		json_set_str(p, "next_step_label", req_tr(r, pb_step_label((enum pb_step_kind)next)));
	int m = pb_method_parse(json_get_str(p, "method", ""));
	json_set_str(p, "method_label", m >= 0 ? req_tr(r, pb_method_label((enum pb_method)m)) : "");
	int ru = pb_rule_parse(json_get_str(p, "rule", ""));
	json_set_str(p, "rule_label", ru >= 0 ? req_tr(r, pb_rule_label((enum pb_rule_kind)ru)) : "");
	json_set_bool(p, "is_cumulative", m == PB_METHOD_CUMULATIVE);
	json_set_bool(p, "is_ranked", m == PB_METHOD_RANKED);
	json_set_bool(p, "is_knapsack", m == PB_METHOD_KNAPSACK);
	json_set_bool(p, "is_approval", m == PB_METHOD_APPROVAL);
	pb_view_money(p, "ceiling_text", cur, json_get_int(p, "ceiling_cents", 0));
	pb_view_money(p, "general_budget_text", cur, json_get_int(p, "general_budget_cents", 0));
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(p, "steps"), i, s) {
		int k = pb_step_parse(json_get_str(s, "kind", ""));
		json_set_str(s, "label", k >= 0 ? req_tr(r, pb_step_label((enum pb_step_kind)k)) : "");
		int sp = pb_phase_parse(json_get_str(s, "phase", ""));
		json_set_str(s, "phase_label", sp >= 0 ? req_tr(r, pb_phase_label((enum pb_phase)sp)) : "");
		json_set_str(s, "state_label", req_tr(r, state_label(json_get_str(s, "state", ""))));
		json_set_bool(s, "is_open", str_eq(json_get_str(s, "state", ""), "open"));
		json_set_bool(s, "is_done", str_eq(json_get_str(s, "state", ""), "done"));
	}
	json_array_foreach(json_object_get(p, "zones"), i, s)
		pb_view_money(s, "budget_text", cur, json_get_int(s, "budget_cents", 0));
	json_array_foreach(json_object_get(p, "caps"), i, s) {
		pb_view_money(s, "amount_text", cur, json_get_int(s, "amount_cents", 0));
		json_set_str(s, "label", req_tr(r, project_sector_label(json_get_str(s, "category", ""))));
	}
	json_array_foreach(json_object_get(p, "criteria"), i, s) {
		int k = pb_criterion_kind_parse(json_get_str(s, "kind", ""));
		json_set_str(s, "kind_label", k >= 0 ? req_tr(r, pb_criterion_kind_label((enum pb_criterion_kind)k)) : "");
	}
	json_set_bool(p, "has_results", json_get_str(p, "results_at", NULL) != NULL);
	json_set_bool(p, "formalized", json_get_str(p, "formalized_at", NULL) != NULL);
	json_set_bool(p, "has_zones", json_array_size(json_object_get(p, "zones")) > 0);
	json_set_bool(p, "has_caps", json_array_size(json_object_get(p, "caps")) > 0);
}

json_t *pb_page_ctx(struct req *r, const struct pb_process *p, const char *tab)
{
	json_t *proc = NULL;
	if (pb_process_json(req_db(r), p->id, r->now, &proc, &r->err))
		return NULL;
	view_process(r, proc);
	json_t *ctx = json_object();
	json_object_set_new(ctx, "proc", proc);
	json_t *can = json_object();
	static const struct { const char *key, *action; } flags[] = {
		{ "manage", "pb.manage" }, { "register", "pb.register" }, { "propose", "pb.propose" }, { "score", "pb.score" },
		{ "vote", "pb.vote" }, { "officer", "pb.officer" }, { "observe", "vigilance.write" },
		{ "answer", "vigilance.answer" },
	};
	for (size_t i = 0; i < ARRAY_LEN(flags); i++)
		json_set_bool(can, flags[i].key, r->signed_in && view_can(r, flags[i].action, p->government));
	/* voting is decided by where one lives: the permission on one's residence */
	if (r->signed_in && r->user.residence[0] && strncmp(r->user.residence, p->government, strlen(p->government)) == 0)
		json_set_bool(can, "vote", view_can(r, "pb.vote", r->user.residence));
	json_object_set_new(ctx, "can", can);
	char key[40];
	snprintf(key, sizeof key, "tab_%s", tab);
	json_set_bool(ctx, key, true);
	/* what is open now, for the actions on offer */
	struct pb_gate_info g;
	static const struct { const char *key; enum pb_act act; } acts[] = {
		{ "register", PB_ACT_REGISTER }, { "propose", PB_ACT_PROPOSE }, { "review", PB_ACT_REVIEW },
		{ "score", PB_ACT_SCORE }, { "vote", PB_ACT_VOTE }, { "paper", PB_ACT_PAPER }, { "results", PB_ACT_RESULTS },
		{ "formalize", PB_ACT_FORMALIZE }, { "intake", PB_ACT_INTAKE },
	};
	json_t *open = json_object();
	for (size_t i = 0; i < ARRAY_LEN(acts); i++)
		json_set_bool(open, acts[i].key, !p->formalized && pb_gate_check(p->steps, p->nsteps, acts[i].act, r->now, &g) == PB_GATE_OPEN);
	json_object_set_new(ctx, "open", open);
	return ctx;
}

void pb_form_error_put(struct req *r, json_t *ctx, const struct pb_form_error *fe)
{
	if (!fe)
		return;
	json_t *f = json_object();
	json_set_str(f, "message", fe->message);
	json_object_set_new(ctx, fe->slot, f);
	json_t *v = json_object();
	for (size_t k = 0; k < r->params.n; k++)
		if (!json_object_get(v, r->params.items[k].name))
			json_set_str(v, r->params.items[k].name, r->params.items[k].value);
	json_object_set_new(ctx, "posted", v);
}


int pb_after(struct req *r, int rc, int64_t id, int (*again)(struct req *r, int64_t id, const struct pb_form_error *fe),
	     const char *slot, const char *location)
{
	if (!rc)
		return redirect(r, location);
	if (!view_shows_form(rc) || !again)
		return rc;
	char msg[ERR_MSG_MAX];
	view_take_refusal(r, rc, msg);
	struct pb_form_error fe = { slot, msg };
	return again(r, id, &fe);
}

static int page_title(struct req *r, const struct pb_process *p, const char *what, char *out, size_t n)
{
	snprintf(out, n, "%s — %s", req_tr(r, what), p->title);
	return 0;
}

/* ---- the list and a process's overview ---- */

int h_pb_index(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *items = NULL;
	int rc = pb_process_list(c, NULL, r->now, &items, &r->err);
	if (rc)
		return rc;
	size_t i;
	json_t *p;
	json_array_foreach(items, i, p)
		view_process(r, p);
	json_t *ctx = json_object();
	json_object_set_new(ctx, "processes", items);
	json_set_bool(ctx, "can_create", r->signed_in && view_can(r, "pb.manage", NULL));
	return page(r, "pb_index", ctx, req_tr(r, "Participatory budget"));
}

int h_pb_process(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "overview");
	if (!ctx)
		return r->err.code;
	json_t *mine = NULL;
	if (r->signed_in && pb_agents_of_account(req_db(r), p.id, r->user.id, &mine, &r->err) == 0)
		json_object_set_new(ctx, "my_agents", mine);
	err_init(&r->err, r->lang);
	json_set_bool(ctx, "created", req_param_int(r, "created", 0) == 1);
	return page(r, "pb_process", ctx, p.title);
}

/* ---- agents ---- */

static void view_agents(struct req *r, json_t *agents)
{
	size_t i;
	json_t *a;
	json_array_foreach(agents, i, a) {
		json_set_str(a, "kind_label", req_tr(r, pb_agent_kind_label(json_get_str(a, "kind", ""))));
		const char *st = json_get_str(a, "status", "");
		json_set_bool(a, "accredited", str_eq(st, "accredited"));
		json_set_bool(a, "refused", str_eq(st, "refused"));
		json_set_bool(a, "pending", str_eq(st, "registered"));
		json_set_str(a, "status_label", req_tr(r, str_eq(st, "accredited") ? N_("Accredited")
							 : str_eq(st, "refused") ? N_("Refused")
										  : N_("Registered, awaiting accreditation")));
		size_t k;
		json_t *rep;
		json_array_foreach(json_object_get(a, "representatives"), k, rep)
			json_set_str(rep, "role_label", req_tr(r, str_eq(json_get_str(rep, "role", ""), "titular") ? N_("Titular") : N_("Alternate")));
	}
}

int pb_agents_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "agents");
	if (!ctx)
		return r->err.code;
	bool manage = json_is_true(json_object_get(json_object_get(ctx, "can"), "manage"));
	json_t *agents = NULL;
	if ((rc = pb_agent_list(c, id, !manage, &agents, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	view_agents(r, agents);
	json_object_set_new(ctx, "agents", agents);
	json_set_bool(ctx, "registered", req_param_int(r, "registered", 0) == 1);
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	page_title(r, &p, N_("Participating agents"), title, sizeof title);
	return page(r, "pb_agents", ctx, title);
}

int h_pb_agents(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_agents_page(r, id, NULL);
}

/* ---- proposals ---- */

int h_pb_proposals(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "proposals");
	if (!ctx)
		return r->err.code;
	json_t *items = NULL;
	if ((rc = pb_proposal_list(req_db(r), p.id, &items, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	size_t i;
	json_t *x;
	int64_t untraced = 0;
	json_array_foreach(items, i, x) {
		pb_view_proposal(r, p.currency, x);
		untraced += !json_is_true(json_object_get(x, "traced"));
	}
	json_object_set_new(ctx, "proposals", items);
	json_set_int(ctx, "untraced", untraced);
	char title[1200];
	page_title(r, &p, N_("Proposals"), title, sizeof title);
	return page(r, "pb_proposals", ctx, title);
}

int pb_proposal_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int64_t pid;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (!rc)
		rc = pb_path_id(r, 1, &pid);
	json_t *x = NULL;
	if (!rc)
		rc = pb_proposal_json(c, id, pid, &x, &r->err);
	if (rc)
		return rc;
	pb_view_proposal(r, p.currency, x);
	json_t *ctx = pb_page_ctx(r, &p, "proposals");
	if (!ctx) {
		json_decref(x);
		return r->err.code;
	}
	json_object_set_new(ctx, "proposal", x);
	/* the committee's sheet for this proposal */
	int64_t member = 0;
	if (r->signed_in && pb_committee_member_of(c, id, r->user.id, &member, &r->err) == 0 && member) {
		json_t *m = NULL;
		if (pb_matrix(c, id, &m, &r->err) == 0) {
			json_t *crit = json_array();
			size_t i;
			json_t *k;
			json_array_foreach(json_object_get(m, "criteria"), i, k)
				if (json_is_true(json_object_get(k, "committee")))
					json_array_append(crit, k);
			json_object_set_new(ctx, "score_criteria", crit);
			json_array_foreach(json_object_get(m, "rows"), i, k)
				if (json_get_int(json_object_get(k, "proposal"), "id", 0) == pid) {
					size_t j;
					json_t *cf;
					json_array_foreach(json_object_get(k, "conflicts"), j, cf)
						if (str_eq(json_get_str(cf, "member", ""), r->user.name))
							json_set_bool(ctx, "my_conflict", true);
				}
			json_decref(m);
		}
		json_set_bool(ctx, "is_member", true);
	}
	err_init(&r->err, r->lang);
	json_t *res = NULL;
	if (pb_results_json(c, id, r->lang, &res, &r->err) == 0 && json_is_object(res)) {
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(res, "items"), i, it)
			if (json_get_int(it, "proposal", 0) == pid)
				json_object_set(ctx, "result", it);
	}
	json_decref(res);
	err_init(&r->err, r->lang);
	json_set_bool(ctx, "filed", req_param_int(r, "filed", 0) == 1);
	json_set_bool(ctx, "scored", req_param_int(r, "scored", 0) == 1);
	pb_form_error_put(r, ctx, fe);
	char title[700];
	snprintf(title, sizeof title, "%s %lld — %s", req_tr(r, "Proposal"), (long long)json_get_int(x, "number", 0),
		 json_get_str(x, "title", ""));
	return page(r, "pb_proposal", ctx, title);
}

int h_pb_proposal(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_proposal_page(r, id, NULL);
}

/* ---- the matrix ---- */

static void view_matrix(const struct req *r, json_t *m)
{
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(m, "criteria"), i, k) {
		int kind = pb_criterion_kind_parse(json_get_str(k, "kind", ""));
		json_set_str(k, "kind_label", kind >= 0 ? req_tr(r, pb_criterion_kind_label((enum pb_criterion_kind)kind)) : "");
	}
	json_t *row;
	json_array_foreach(json_object_get(m, "rows"), i, row) {
		size_t j;
		json_t *cell;
		json_array_foreach(json_object_get(row, "cells"), j, cell) {
			const char *kind = json_get_str(cell, "kind", "");
			json_t *v = json_object_get(cell, "value");
			char text[64] = "—";
			if (str_eq(kind, "alignment"))
				snprintf(text, sizeof text, "%s", req_tr(r, json_is_true(v) ? N_("Yes") : N_("No")));
			else if (json_is_real(v) && str_eq(kind, "committee"))
				snprintf(text, sizeof text, "%.2f (%lld)", json_real_value(v), (long long)json_get_int(cell, "n", 0));
			else if (json_is_real(v))
				snprintf(text, sizeof text, "%.1f %%", json_real_value(v));
			else if (json_is_integer(v))
				fmt_int_grouped(json_integer_value(v), text, sizeof text);
			json_set_str(cell, "value_text", text);
			char pts[32];
			snprintf(pts, sizeof pts, "%.2f", json_real_value(json_object_get(cell, "points")));
			json_set_str(cell, "points_text", pts);
		}
		char total[32];
		snprintf(total, sizeof total, "%.2f", json_real_value(json_object_get(row, "total")));
		json_set_str(row, "total_text", total);
		json_t *cf;
		json_array_foreach(json_object_get(row, "conflicts"), j, cf)
			json_set_str(cf, "why_label", req_tr(r, str_eq(json_get_str(cf, "why", ""), "declared")
							? N_("declared a conflict of interest") : N_("belongs to the proposing organization")));
		json_t *bm;
		json_array_foreach(json_object_get(row, "by_member"), j, bm) {
			json_t *txt = json_array();
			size_t q;
			json_t *v;
			json_array_foreach(json_object_get(bm, "values"), q, v) {
				char t[24] = "—";
				if (json_is_integer(v))
					snprintf(t, sizeof t, "%lld", (long long)json_integer_value(v));
				json_array_append_new(txt, json_string(t));
			}
			json_object_set_new(bm, "values_text", txt);
		}
	}
}

int h_pb_matrix(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "matrix");
	if (!ctx)
		return r->err.code;
	json_t *m = NULL;
	if ((rc = pb_matrix(req_db(r), p.id, &m, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	view_matrix(r, m);
	json_t *committee = json_array();
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(m, "criteria"), i, k)
		if (json_is_true(json_object_get(k, "committee")))
			json_array_append(committee, k);
	json_object_set_new(ctx, "committee_criteria", committee);
	json_object_set_new(ctx, "matrix", m);
	char title[1200];
	page_title(r, &p, N_("Criteria matrix"), title, sizeof title);
	return page(r, "pb_matrix", ctx, title);
}

/* ---- results ---- */

static void view_results(const struct req *r, const char *currency, json_t *res)
{
	pb_view_money(res, "total_text", currency, json_get_int(res, "total_cost_cents", 0));
	pb_view_money(res, "left_text", currency, json_get_int(res, "left_cents", 0));
	pb_view_money(res, "budget_text", currency, json_get_int(res, "budget_cents", 0));
	json_set_int(res, "selected_count", (int64_t)json_array_size(json_object_get(res, "selected")));
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(res, "items"), i, it) {
		pb_view_money(it, "cost_text", currency, json_get_int(it, "cost_cents", 0));
		json_set_str(it, "sector_label", req_tr(r, project_sector_label(json_get_str(it, "sector", ""))));
	}
}

int h_pb_results(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "results");
	if (!ctx)
		return r->err.code;
	json_t *res = NULL;
	if ((rc = pb_results_json(req_db(r), p.id, r->lang, &res, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	if (json_is_object(res))
		view_results(r, p.currency, res);
	json_object_set_new(ctx, "results", res);
	char title[1200];
	page_title(r, &p, N_("Results"), title, sizeof title);
	return page(r, "pb_results", ctx, title);
}

/* ---- the acta ---- */

int pb_acta_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "acta");
	if (!ctx)
		return r->err.code;
	json_t *acta = NULL;
	if ((rc = pb_acta_json(c, id, r->lang, &acta, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(acta, "lines"), i, l)
		pb_view_money(l, "amount_text", p.currency, json_get_int(l, "amount_cents", 0));
	pb_view_money(acta, "total_text", p.currency, json_get_int(acta, "total_cents", 0));
	bool manage = json_is_true(json_object_get(json_object_get(ctx, "can"), "manage"));
	if (manage && !p.formalized) {
		json_t *sources = NULL, *agents = NULL;
		if (funding_source_list(c, p.government, p.year, &sources, &r->err) == 0)
			json_object_set_new(ctx, "sources", sources);
		err_init(&r->err, r->lang);
		if (pb_agent_list(c, id, true, &agents, &r->err) == 0)
			json_object_set_new(ctx, "agents", agents);
		err_init(&r->err, r->lang);
		json_set_bool(ctx, "editing", p.has_results);
	}
	json_set_bool(ctx, "can_invest", manage && p.formalized && !p.invest_plan_id && view_can(r, "invest.manage", p.government));
	json_object_set_new(ctx, "acta", acta);
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	page_title(r, &p, N_("Acta of agreements and commitments"), title, sizeof title);
	return page(r, "pb_acta", ctx, title);
}

int h_pb_acta(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_acta_page(r, id, NULL);
}

int h_pb_acta_pdf(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	if ((rc = pb_acta_pdf(req_db(r), p.id, r->lang, r->now, &r->out, &r->err)))
		return rc;
	r->content_type = "application/pdf";
	char name[80];
	snprintf(name, sizeof name, "acta-pp-%s-%lld.pdf", p.government, (long long)p.year);
	view_attachment(r, name);
	return 200;
}

/* ---- vigilance ---- */

int pb_vigilance_page(struct req *r, int64_t id, const struct pb_form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct pb_process p;
	int rc = c ? pb_process_get(c, id, &p, &r->err) : r->err.code;
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "vigilance");
	if (!ctx)
		return r->err.code;
	json_t *v = NULL;
	if ((rc = pb_vigilance_json(c, id, &v, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(v, "members"), i, m)
		json_set_str(m, "role_label", req_tr(r, str_eq(json_get_str(m, "role", ""), "coordinator") ? N_("Coordinator") : N_("Member")));
	json_object_set_new(ctx, "vigilance", v);
	json_t *props = NULL, *agents = NULL;
	if (pb_proposal_list(c, id, &props, &r->err) == 0)
		json_object_set_new(ctx, "proposals", props);
	err_init(&r->err, r->lang);
	if (r->signed_in && view_can(r, "pb.manage", p.government) && pb_agent_list(c, id, true, &agents, &r->err) == 0)
		json_object_set_new(ctx, "agents", agents);
	err_init(&r->err, r->lang);
	char today[DATE_FMT_MAX];
	json_set_str(ctx, "today", date_format(pb_local_date(r->now), today));
	pb_form_error_put(r, ctx, fe);
	char title[1200];
	page_title(r, &p, N_("Vigilance committee"), title, sizeof title);
	return page(r, "pb_vigilance", ctx, title);
}

int h_pb_vigilance(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	return rc ? rc : pb_vigilance_page(r, id, NULL);
}

int h_pb_vigilance_report(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	json_t *ctx = pb_page_ctx(r, &p, "vigilance");
	if (!ctx)
		return r->err.code;
	json_t *rep = NULL;
	if ((rc = pb_vigilance_report(req_db(r), p.id, &rep, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(rep, "projects"), i, x) {
		pb_view_money(x, "amount_text", p.currency, json_get_int(x, "amount_cents", 0));
		json_t *pj = json_object_get(x, "project");
		if (json_is_object(pj)) {
			json_set_str(pj, "status_label", req_tr(r, project_status_label(project_status_parse(json_get_str(pj, "status", "")))));
			view_percent(pj, "physical_text", json_get_int(pj, "physical_progress_bp", 0));
			view_percent(pj, "financial_text", json_get_int(pj, "financial_progress_bp", 0));
		}
	}
	json_array_foreach(json_object_get(rep, "members"), i, x)
		json_set_str(x, "role_label", req_tr(r, str_eq(json_get_str(x, "role", ""), "coordinator") ? N_("Coordinator") : N_("Member")));
	pb_view_money(rep, "total_text", p.currency, json_get_int(rep, "total_cents", 0));
	json_object_set_new(ctx, "report", rep);
	char day[DATE_FMT_MAX];
	json_set_str(ctx, "today", date_format(pb_local_date(r->now), day));
	char title[1200];
	page_title(r, &p, N_("Vigilance report"), title, sizeof title);
	return page(r, "pb_vigilance_report", ctx, title);
}

/* ---- Pabulib ---- */

int h_pb_export(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	if ((rc = pb_export_pabulib(req_db(r), p.id, &r->out, &r->err)))
		return rc;
	r->content_type = "text/plain; charset=utf-8";
	char name[80];
	snprintf(name, sizeof name, "minka_%s_%lld.pb", p.government, (long long)p.year);
	view_attachment(r, name);
	return 200;
}

/* ---- API ---- */

int h_api_pb_processes(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *items = NULL;
	int rc = pb_process_list(c, req_param(r, "government"), r->now, &items, &r->err);
	if (rc)
		return rc;
	return api_json(r, 200, json_list(items, (int64_t)json_array_size(items)));
}

int h_api_pb_process(struct req *r)
{
	int64_t id;
	int rc = pb_path_id(r, 0, &id);
	json_t *o = NULL;
	if (!rc && req_db(r))
		rc = pb_process_json(r->db, id, r->now, &o, &r->err);
	else if (!rc)
		rc = r->err.code;
	return rc ? rc : api_json(r, 200, o);
}

int h_api_pb_proposals(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	json_t *items = NULL;
	if (!rc)
		rc = pb_proposal_list(r->db, p.id, &items, &r->err);
	return rc ? rc : api_json(r, 200, json_list(items, (int64_t)json_array_size(items)));
}

int h_api_pb_agents(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	json_t *items = NULL;
	if (!rc)
		rc = pb_agent_list(r->db, p.id, true, &items, &r->err);
	return rc ? rc : api_json(r, 200, json_list(items, (int64_t)json_array_size(items)));
}

int h_api_pb_matrix(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	json_t *m = NULL;
	if (!rc)
		rc = pb_matrix(r->db, p.id, &m, &r->err);
	return rc ? rc : api_json(r, 200, m);
}

/* Published results, or computed with ?rule= (once voting has closed). */
int h_api_pb_results(struct req *r)
{
	struct pb_process p;
	int rc = pb_path_process(r, &p);
	if (rc)
		return rc;
	const char *rule = req_param(r, "rule");
	json_t *res = NULL;
	if (!rule && p.has_results) {
		rc = pb_results_json(r->db, p.id, r->lang, &res, &r->err);
		if (!rc)
			json_set_bool(res, "published", true);
	} else {
		rc = pb_results_live(r->db, p.id, rule ? pb_rule_parse(rule) : -1, r->now, r->lang, &res, &r->err);
		if (!rc)
			json_set_bool(res, "published", false);
	}
	return rc ? rc : api_json(r, 200, res);
}
