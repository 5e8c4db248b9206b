/* h_articulation.c — the articulation report ("hilo conductor") of a government
 * for a year, as a page, a spreadsheet and JSON: one code path
 * (articulation_report) for the three. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "core/date.h"
#include "core/json.h"
#include "domain/articulation.h"
#include "domain/plan.h"
#include "rules/plan_rules.h"

static int report(struct req *r, json_t **out)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *t = req_param(r, "territory");
	if (!t || !*t)
		t = r->app->home_government;
	if (!t || !*t)
		return err_set(&r->err, ERR_NOTFOUND, "Choose a territory");
	int64_t year = req_param_int(r, "year", date_from_epoch(r->now).year);
	return articulation_report(c, t, year, out, &r->err);
}

static void label_plans(struct req *r, json_t *arr)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		const struct plan_instrument *ins = plan_instrument_find(json_get_str(o, "instrument", ""));
		const char *name = json_get_str(o, "instrument_name", "");
		json_set_str(o, "instrument_label", str_eq(json_get_str(o, "instrument", ""), "custom") && *name
							     ? name : ins ? req_tr(r, ins->name) : "");
		json_set_str(o, "status_label", req_tr(r, plan_status_name(json_get_str(o, "status", ""))));
		json_set_bool(o, "is_draft", str_eq(json_get_str(o, "status", ""), "draft"));
	}
}

int h_articulation(struct req *r)
{
	json_t *rep;
	int rc = report(r, &rep);
	if (rc)
		return rc;
	label_plans(r, json_object_get(rep, "plans"));
	label_plans(r, json_object_get(rep, "higher_plans"));
	size_t ui;
	json_t *u;
	json_t *inner = json_object_get(rep, "inner");
	json_t *with_plans = json_array(), *with_money = json_array();
	bool inner_budget = false;
	if (json_is_object(inner)) {
		size_t i;
		json_t *g;
		json_array_foreach(json_object_get(inner, "governments"), i, g) {
			label_plans(r, json_object_get(g, "plans"));
			json_set_bool(g, "has_plans", json_array_size(json_object_get(g, "plans")) > 0);
			if (json_array_size(json_object_get(g, "plans")))
				json_array_append(with_plans, g);
		}
		json_set_bool(inner, "is_province", str_eq(json_get_str(inner, "level", ""), "province"));
		/* the governments with projects or budget, for the tables of money */
		json_array_foreach(json_object_get(inner, "governments"), i, g)
			if (json_get_int(g, "projects", 0) > 0 || json_get_int(g, "budget", 0) > 0) {
				json_array_append(with_money, g);
				inner_budget |= json_get_int(g, "budget", 0) > 0;
			}
		/* the matrix keeps only the columns of governments with plans */
		json_t *rows = json_object_get(inner, "matrix");
		json_array_foreach(rows, i, g) {
			json_t *cells = json_array();
			size_t k;
			json_t *gv;
			json_array_foreach(json_object_get(inner, "governments"), k, gv)
				if (json_array_size(json_object_get(gv, "plans")))
					json_array_append(cells, json_array_get(json_object_get(g, "counts"), k));
			json_object_set_new(g, "cells", cells);
			/* projects and budget of the governments with money: "3 · S/ 1,200.00" */
			json_t *mcells = json_array();
			json_array_foreach(json_object_get(inner, "governments"), k, gv) {
				if (json_get_int(gv, "projects", 0) <= 0 && json_get_int(gv, "budget", 0) <= 0)
					continue;
				json_t *cell = json_object();
				json_object_set(cell, "projects", json_array_get(json_object_get(g, "projects"), k));
				json_object_set(cell, "budget", json_array_get(json_object_get(g, "budget"), k));
				json_array_append_new(mcells, cell);
			}
			json_object_set_new(g, "money_cells", mcells);
		}
		/* the share of each one's budget per axis: rows are the report's axes, then no axis, untraced */
		json_t *axis_rows = json_array();
		size_t nrows = json_array_size(json_object_get(rep, "axes")) + 2;
		for (size_t a = 0; a < nrows; a++) {
			json_t *row = json_object(), *cells = json_array();
			const json_t *ax = json_array_get(json_object_get(rep, "axes"), a);
			if (ax) {
				json_set_str(row, "code", json_get_str(ax, "code", ""));
				json_set_str(row, "title", json_get_str(ax, "title", ""));
			} else {
				json_set_str(row, "title", req_tr(r, a == nrows - 2 ? N_("Objectives under no axis")
									 : N_("Tracing to no objective")));
			}
			size_t k;
			json_t *gv;
			json_array_foreach(with_money, k, gv)
				json_array_append(cells, json_array_get(json_object_get(gv, "budget_by_axis"), a));
			json_object_set_new(row, "cells", cells);
			json_array_append_new(axis_rows, row);
		}
		json_object_set_new(inner, "axis_rows", axis_rows);
	}
	json_array_foreach(json_object_get(rep, "unaligned"), ui, u)
		json_set_int(u, "below", json_get_int(u, "inside", 1) - 1);
	json_t *ctx = json_object();
	json_set_bool(ctx, "has_with_plans", json_array_size(with_plans) > 0);
	json_object_set_new(ctx, "with_plans", with_plans);
	json_set_bool(ctx, "has_with_money", json_array_size(with_money) > 0);
	json_set_bool(ctx, "has_inner_budget", inner_budget);
	json_object_set_new(ctx, "with_money", with_money);
	/* the untraced items: what each is */
	json_array_foreach(json_object_get(rep, "untraced_items"), ui, u)
		json_set_str(u, "kind_label", req_tr(r, str_eq(json_get_str(u, "kind", ""), "project") ? N_("project")
						      : str_eq(json_get_str(u, "kind", ""), "budget_line") ? N_("budget line")
						      : N_("indicator")));
	json_set_bool(ctx, "has_untraced", json_array_size(json_object_get(rep, "untraced_items")) > 0);
	json_set_bool(ctx, "has_unaligned", json_array_size(json_object_get(rep, "unaligned")) > 0);
	json_set_bool(ctx, "has_coverage", json_array_size(json_object_get(rep, "coverage")) > 0);
	json_set_bool(ctx, "has_plans", json_array_size(json_object_get(rep, "plans")) > 0);
	json_set_bool(ctx, "has_sources", json_array_size(json_object_get(rep, "sources")) > 0);
	json_object_set_new(ctx, "report", rep);
	const json_t *g = json_object_get(rep, "government");
	char title[300];
	snprintf(title, sizeof title, "%s — %s %lld", req_tr(r, "Articulation of the plans"), json_get_str(g, "name", ""),
		 (long long)json_get_int(rep, "year", 0));
	return page(r, "articulation", ctx, title);
}

int h_articulation_xlsx(struct req *r)
{
	json_t *rep;
	int rc = report(r, &rep);
	if (rc)
		return rc;
	rc = articulation_xlsx(rep, r->lang, &r->out, &r->err);
	char name[80];
	snprintf(name, sizeof name, "articulacion-%s-%lld.xlsx",
		 json_get_str(json_object_get(rep, "government"), "code", ""), (long long)json_get_int(rep, "year", 0));
	json_decref(rep);
	if (rc)
		return rc;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	char cd[120];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", name);
	req_add_header(r, "Content-Disposition", cd);
	return 200;
}

int h_api_articulation(struct req *r)
{
	json_t *rep;
	int rc = report(r, &rep);
	if (rc)
		return rc;
	return api_json(r, 200, rep);
}
