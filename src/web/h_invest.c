/* h_invest.c — the annual investment plan (plans, funding sources and their
 * ceilings, the plan editor with its quarterly schedule) and the execution
 * dashboard (the table by source or agency of seed 002 and the bars of
 * physical against financial progress), with their API. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "web/svg.h"
#include "web/view.h"
#include "core/date.h"
#include "core/json.h"
#include "core/money.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/invest.h"
#include "domain/project.h"
#include "domain/territory.h"


static int64_t this_year(const struct req *r) { return date_from_epoch(r->now).year; }

static void decorate_sources(const struct req *r, json_t *sources)
{
	size_t i;
	json_t *s;
	json_array_foreach(sources, i, s) {
		const char *cur = json_get_str(s, "currency", "PEN");
		json_set_str(s, "kind_label", req_tr(r, funding_kind_label(json_get_str(s, "kind", ""))));
		view_amount(s, "ceiling_text", cur, json_object_get(s, "ceiling_cents"));
		view_amount(s, "programmed_text", cur, json_object_get(s, "programmed_cents"));
		view_amount(s, "left_text", cur, json_object_get(s, "left_cents"));
		view_amount(s, "in_plan_text", cur, json_object_get(s, "in_plan_cents"));
		json_t *q = json_object_get(s, "quarters_cents");
		if (q) {
			json_t *qt = json_array();
			size_t k;
			json_t *v;
			json_array_foreach(q, k, v) {
				char m[MONEY_FMT_MAX];
				json_array_append_new(qt, json_string(money_format_grouped(json_integer_value(v), m)));
			}
			json_object_set_new(s, "quarters_text", qt);
		}
	}
}

/* ---- /invest: plans and sources of a government ---- */

static int invest_index(struct req *r, const char *error, const char *form)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *gov = view_government(r);
	struct government g;
	int rc = government_get(c, gov, &g, &r->err);
	if (rc)
		return rc;
	int64_t year = req_param_int(r, "year", this_year(r));
	json_t *plans = NULL, *sources = NULL;
	if ((rc = invest_plan_list(c, g.code, &plans, &r->err)) ||
	    (rc = funding_source_list(c, g.code, year, &sources, &r->err))) {
		json_decref(plans);
		return rc;
	}
	size_t i;
	json_t *p;
	json_array_foreach(plans, i, p)
		json_set_bool(p, "approved", str_eq(json_get_str(p, "status", ""), "approved"));
	decorate_sources(r, sources);
	json_t *ctx = json_object();
	json_object_set_new(ctx, "government", government_to_json(&g));
	json_set_bool(ctx, "has_plans", json_array_size(plans) > 0);
	json_set_bool(ctx, "has_sources", json_array_size(sources) > 0);
	json_object_set_new(ctx, "plans", plans);
	json_object_set_new(ctx, "sources", sources);
	json_set_int(ctx, "year", year);
	json_set_int(ctx, "next_year", year + 1);
	json_set_bool(ctx, "can_manage", r->signed_in && view_can(r, "invest.manage", g.code));
	json_object_set_new(ctx, "kind_options", view_options(r, funding_kind_names, funding_kind_label, NULL, NULL));
	if (error) {
		json_t *f = json_object();
		json_set_str(f, "message", error);
		json_object_set_new(ctx, form, f);
		json_t *v = json_object();
		for (size_t k = 0; k < r->params.n; k++)
			json_set_str(v, r->params.items[k].name, r->params.items[k].value);
		json_object_set_new(ctx, "posted", v);
	}
	char title[TERR_NAME_MAX + 80];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Investment plan"), g.name);
	return page(r, "invest_index", ctx, title);
}

int h_invest_index(struct req *r) { return invest_index(r, NULL, NULL); }

static int back_to_index(struct req *r, int rc, const char *form)
{
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		return invest_index(r, msg, form);
	}
	struct buf loc;
	buf_init(&loc, 1024);
	buf_appends(&loc, "/invest?government=");
	buf_append_urlenc(&loc, view_government(r));
	if (req_param(r, "year"))
		buf_appendf(&loc, "&year=%lld", (long long)req_param_int(r, "year", 0));
	rc = redirect(r, buf_cstr(&loc));
	buf_release(&loc);
	return rc;
}

int h_invest_plan_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *gov = view_government(r);
	int rc = req_authorize(r, "invest.manage", gov);
	if (rc)
		return rc;
	int64_t id;
	rc = invest_plan_create(c, &r->actor, r->now, gov, req_param_int(r, "year", 0), &id, &r->err);
	if (rc)
		return back_to_index(r, rc, "plan_error");
	char loc[48];
	snprintf(loc, sizeof loc, "/invest/%lld", (long long)id);
	return redirect(r, loc);
}

int h_funding_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *gov = view_government(r);
	int rc = req_authorize(r, "invest.manage", gov);
	if (rc)
		return rc;
	int64_t id;
	rc = funding_source_create(c, &r->actor, r->now, gov, req_param(r, "kind"), req_param(r, "name"),
				   req_param(r, "currency"), &id, &r->err);
	return back_to_index(r, rc, "source_error");
}

int h_funding_ceiling(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	struct funding_source s;
	if (str_to_id(req_arg(r, 0), &id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	int rc = funding_source_get(c, id, &s, &r->err);
	if (!rc)
		rc = req_authorize(r, "invest.manage", s.government);
	if (rc)
		return rc;
	int64_t amount = 0;
	const char *v = req_param(r, "amount");
	if (money_parse(v, &amount))
		rc = err_set(&r->err, ERR_INVALID, "\"%s\" must be an amount such as 1234.56 or S/ 1,234.56 (not \"%.40s\")",
			     req_tr(r, "Ceiling"), v ? v : "");
	else
		rc = funding_ceiling_set(c, &r->actor, r->now, id, req_param_int(r, "year", 0), amount, &r->err);
	/* the page of the source's government */
	kv_list_add(&r->params, "government", 10, s.government, strlen(s.government));
	return back_to_index(r, rc, "ceiling_error");
}

/* ---- the plan editor ---- */

static int plan_page(struct req *r, int64_t id, const char *error)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *plan = NULL;
	int rc = invest_plan_get_json(c, id, &plan, &r->err);
	if (rc)
		return rc;
	const char *gov = json_get_str(json_object_get(plan, "government"), "code", "");
	bool approved = str_eq(json_get_str(plan, "status", ""), "approved");
	json_set_bool(plan, "approved", approved);
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(plan, "lines"), i, l) {
		const char *cur = json_get_str(json_object_get(l, "source"), "currency", "PEN");
		view_amount(l, "amount_text", cur, json_object_get(l, "amount_cents"));
		json_t *qt = json_array();
		size_t k;
		json_t *v;
		json_array_foreach(json_object_get(l, "quarters_cents"), k, v) {
			char m[MONEY_FMT_MAX];
			json_array_append_new(qt, json_string(money_format_grouped(json_integer_value(v), m)));
		}
		json_object_set_new(l, "quarters_text", qt);
		json_t *p = json_object_get(l, "project");
		json_set_str(p, "status_label", req_tr(r, project_status_label(project_status_parse(json_get_str(p, "status", "")))));
	}
	decorate_sources(r, json_object_get(plan, "sources"));
	json_t *ctx = json_object();
	bool manage = r->signed_in && view_can(r, "invest.manage", gov);
	json_set_bool(ctx, "can_edit", manage && !approved);
	/* projects waiting to be programmed: prioritized ones of the government's territory */
	if (manage && !approved) {
		struct project_query q;
		project_query_init(&q);
		q.status = "prioritized";
		q.limit = 200;
		if (strlen(gov) == 2)
			q.region = gov;
		else if (strlen(gov) == 4)
			q.province = gov;
		else
			q.district = gov;
		json_t *waiting = NULL;
		int64_t total;
		if (project_list(c, &q, false, &waiting, &total, &r->err) == 0) {
			json_t *p;
			json_array_foreach(waiting, i, p)
				view_project(r, p);
			json_set_bool(ctx, "has_waiting", json_array_size(waiting) > 0);
			json_object_set_new(ctx, "waiting", waiting);
		}
		err_init(&r->err, r->lang);
	}
	json_set_str(ctx, "error", error);
	if (error) {
		json_t *v = json_object();
		for (size_t k = 0; k < r->params.n; k++)
			json_set_str(v, r->params.items[k].name, r->params.items[k].value);
		json_object_set_new(ctx, "posted", v);
	}
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if (audit_history(c, "invest_plan", sid, 30, &hist, &r->err) == 0) {
		json_set_bool(ctx, "has_history", json_array_size(hist) > 0);
		json_object_set_new(ctx, "history", hist);
	}
	err_init(&r->err, r->lang);
	char title[TERR_NAME_MAX + 80];
	snprintf(title, sizeof title, "%s %lld — %s", req_tr(r, "Investment plan"), (long long)json_get_int(plan, "year", 0),
		 json_get_str(json_object_get(plan, "government"), "name", ""));
	json_object_set_new(ctx, "plan", plan);
	return page(r, "invest_plan", ctx, title);
}

int h_invest_plan(struct req *r)
{
	int64_t id;
	if (str_to_id(req_arg(r, 0), &id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	return plan_page(r, id, NULL);
}

int h_api_invest_plan(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	if (str_to_id(req_arg(r, 0), &id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	json_t *plan = NULL;
	int rc = invest_plan_get_json(c, id, &plan, &r->err);
	return rc ? rc : api_json(r, 200, plan);
}

/* Loads the plan of the path and checks invest.manage over its government. */
static int plan_guard(struct req *r, int64_t *id, struct invest_plan_core *plan)
{
	if (!req_db(r))
		return r->err.code;
	if (str_to_id(req_arg(r, 0), id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	int rc = invest_plan_core_get(r->db, *id, plan, &r->err);
	return rc ? rc : req_authorize(r, "invest.manage", plan->government);
}

static int after_plan_form(struct req *r, int64_t id, int rc)
{
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		return plan_page(r, id, msg);
	}
	char loc[48];
	snprintf(loc, sizeof loc, "/invest/%lld", (long long)id);
	return redirect(r, loc);
}

static int quarter(struct req *r, const char *name, const char *label, int64_t *out)
{
	const char *v = req_param(r, name);
	*out = -1;
	if (!v || !*v)
		return 0;
	if (money_parse(v, out))
		return err_set(&r->err, ERR_INVALID, "\"%s\" must be an amount such as 1234.56 or S/ 1,234.56 (not \"%.40s\")",
			       label, v);
	if (*out < 0)
		return err_set(&r->err, ERR_INVALID, "Amounts cannot be negative");
	return 0;
}

int h_invest_line_add(struct req *r)
{
	int64_t id;
	struct invest_plan_core plan;
	int rc = plan_guard(r, &id, &plan);
	if (rc)
		return rc;
	struct invest_line_input in = { .source_id = req_param_int(r, "source", 0) };
	rc = project_find_code(r->db, req_param(r, "project"), &in.project_id, &r->err);
	if (rc == ERR_NOTFOUND)
		rc = r->err.code = ERR_INVALID;
	const char *amount = req_param(r, "amount");
	if (!rc && money_parse(amount, &in.amount))
		rc = err_set(&r->err, ERR_INVALID, "\"%s\" must be an amount such as 1234.56 or S/ 1,234.56 (not \"%.40s\")",
			     req_tr(r, "Amount"), amount ? amount : "");
	static const char *const qs[4] = { "q1", "q2", "q3", "q4" };
	bool any = false;
	for (int k = 0; k < 4 && !rc; k++) {
		char label[16];
		snprintf(label, sizeof label, "%s%d", req_tr(r, "Q"), k + 1);
		rc = quarter(r, qs[k], label, &in.q[k]);
		any |= in.q[k] >= 0;
	}
	/* quarters left blank next to filled ones count as zero */
	for (int k = 0; k < 4 && any; k++)
		if (in.q[k] < 0)
			in.q[k] = 0;
	int64_t line;
	if (!rc)
		rc = invest_line_add(r->db, &r->actor, r->now, id, &in, &line, &r->err);
	return after_plan_form(r, id, rc);
}

int h_invest_line_remove(struct req *r)
{
	int64_t id, line;
	struct invest_plan_core plan;
	int rc = plan_guard(r, &id, &plan);
	if (rc)
		return rc;
	if (str_to_id(req_arg(r, 1), &line))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	rc = invest_line_remove(r->db, &r->actor, r->now, id, line, &r->err);
	return after_plan_form(r, id, rc);
}

int h_invest_approve(struct req *r)
{
	int64_t id;
	struct invest_plan_core plan;
	int rc = plan_guard(r, &id, &plan);
	if (rc)
		return rc;
	rc = invest_plan_approve(r->db, &r->actor, r->now, id, req_param(r, "reference"), &r->err);
	return after_plan_form(r, id, rc);
}

/* ---- execution ---- */

static int execution_data(struct req *r, const char *gov, int64_t year, json_t **table, json_t **progress)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	*table = *progress = NULL;
	int rc = finance_execution_table(c, gov, 0, year, table, &r->err);
	if (!rc)
		rc = finance_progress(c, gov, progress, &r->err);
	if (rc) {
		json_decref(*table);
		*table = NULL;
	}
	return rc;
}

int h_execution(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *gov = view_government(r);
	struct government g;
	int rc = government_get(c, gov, &g, &r->err);
	if (rc)
		return rc;
	int64_t year = req_param_int(r, "year", 0);
	json_t *table, *progress;
	if ((rc = execution_data(r, g.code, year, &table, &progress)))
		return rc;
	view_execution(r, table);
	size_t n = json_array_size(progress), i;
	struct svg_progress *bars = calloc(n ? n : 1, sizeof *bars);
	char (*texts)[2][24] = calloc(n ? n : 1, sizeof *texts);
	char (*hrefs)[40] = calloc(n ? n : 1, sizeof *hrefs);
	json_t *p;
	json_array_foreach(progress, i, p) {
		view_amount(p, "cost_text", json_get_str(p, "currency", "PEN"), json_object_get(p, "cost_cents"));
		view_amount(p, "spent_text", json_get_str(p, "currency", "PEN"), json_object_get(p, "spent_cents"));
		view_percent(p, "physical_pct", json_get_int(p, "physical_progress_bp", 0));
		view_percent(p, "financial_pct", json_get_int(p, "financial_progress_bp", 0));
		json_set_str(p, "status_label", req_tr(r, project_status_label(project_status_parse(json_get_str(p, "status", "")))));
		bars[i].label = json_get_str(p, "title", "");
		snprintf(hrefs[i], sizeof hrefs[i], "/projects/%lld", (long long)json_get_int(p, "id", 0));
		bars[i].href = hrefs[i];
		bars[i].physical_bp = json_get_int(p, "physical_progress_bp", 0);
		bars[i].financial_bp = json_get_int(p, "financial_progress_bp", 0);
		snprintf(texts[i][0], sizeof texts[i][0], "%s", json_get_str(p, "physical_pct", ""));
		snprintf(texts[i][1], sizeof texts[i][1], "%s", json_get_str(p, "financial_pct", ""));
		bars[i].physical_text = texts[i][0];
		bars[i].financial_text = texts[i][1];
	}
	json_t *ctx = json_object();
	if (n) {
		struct buf svg;
		buf_init(&svg, 4 << 20);
		if (svg_progress_pairs(&svg, "progress", req_tr(r, "Physical and financial progress"),
				       req_tr(r, "For each project being executed, the share of the work done and the share of its cost disbursed or spent"),
				       req_tr(r, "Physical"), req_tr(r, "Financial"), bars, n) == 0)
			json_object_set_new(ctx, "chart", json_stringn_nocheck(buf_cstr(&svg), svg.len));
		buf_release(&svg);
	}
	free(bars);
	free(texts);
	free(hrefs);
	json_object_set_new(ctx, "government", government_to_json(&g));
	json_object_set_new(ctx, "finance", table);
	json_set_bool(ctx, "has_progress", json_array_size(progress) > 0);
	json_object_set_new(ctx, "progress", progress);
	json_object_set_new(ctx, "year", year ? json_integer(year) : json_null());
	char title[TERR_NAME_MAX + 80];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Financial execution"), g.name);
	return page(r, "execution", ctx, title);
}

int h_api_execution(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *gov = view_government(r);
	struct government g;
	int rc = government_get(c, gov, &g, &r->err);
	if (rc)
		return rc;
	json_t *table, *progress;
	if ((rc = execution_data(r, g.code, req_param_int(r, "year", 0), &table, &progress)))
		return rc;
	json_object_set_new(table, "government", government_to_json(&g));
	json_object_set_new(table, "projects", progress);
	return api_json(r, 200, table);
}
