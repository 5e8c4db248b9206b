/* h_project.c — the project bank's pages and API: the portfolio list with
 * search, filters, sorting, paging and CSV/XLSX export; the map of projects by
 * district; the public initiative form ("cartera abierta"); the project page
 * with its lifecycle, committee, documents and finances, and the forms that
 * change them. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/export.h"
#include "web/geomap.h"
#include "web/http.h"
#include "web/server.h"
#include "web/view.h"
#include "core/date.h"
#include "core/json.h"
#include "core/money.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/invest.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "domain/territory.h"

#define PAGE_SIZE 25

/* The message id of a plan element's kind ("Objective"). */
static const char *plan_kind_label(const char *kind)
{
	const struct plan_kind *k = plan_kind_find(kind);
	return k ? k->name : kind;
}
#define EXPORT_MAX 100000

/* ---- the query of every list, map and export ---- */

static int query_from(struct req *r, struct project_query *q)
{
	project_query_init(q);
	q->q = req_param(r, "q");
	q->status = req_param(r, "status");
	q->sector = req_param(r, "sector");
	q->district = req_param(r, "district");
	q->province = req_param(r, "province");
	q->region = req_param(r, "region");
	q->government = req_param(r, "government");
	q->source_kind = req_param(r, "source");
	q->cost_min = req_param(r, "cost_min") ? req_param_int(r, "cost_min", -1) : -1;
	q->cost_max = req_param(r, "cost_max") ? req_param_int(r, "cost_max", -1) : -1;
	q->plan_element = req_param_int(r, "element", 0);
	const char *sort = req_param(r, "sort");
	q->sort = PSORT_RECENT;
	for (int i = 0; project_sort_names[i]; i++)
		if (str_eq(sort, project_sort_names[i]))
			q->sort = (enum project_sort)i;
	q->limit = req_param_int(r, "limit", PAGE_SIZE);
	q->offset = req_param_int(r, "offset", 0);
	if (q->cost_min >= 0 && q->cost_max >= 0 && q->cost_min > q->cost_max)
		return err_set(&r->err, ERR_INVALID, "The lowest cost is above the highest");
	return 0;
}

/* The filters as a query string (without offset), for links that keep them. */
static void query_string(const struct req *r, struct buf *qs)
{
	static const char *const keys[] = { "q", "status", "sector", "district", "province", "region", "government",
					    "source", "cost_min", "cost_max", "sort", "element", NULL };
	for (const char *const *k = keys; *k; k++) {
		const char *v = req_param(r, *k);
		if (!v || !*v)
			continue;
		if (qs->len)
			buf_appendc(qs, '&');
		buf_appends(qs, *k);
		buf_appendc(qs, '=');
		buf_append_urlenc(qs, v);
	}
}

static const char *sort_label(const char *name)
{
	if (str_eq(name, "title")) return N_("Title");
	if (str_eq(name, "cost_desc")) return N_("Cost, highest first");
	if (str_eq(name, "cost_asc")) return N_("Cost, lowest first");
	if (str_eq(name, "status")) return N_("Status");
	if (str_eq(name, "code")) return N_("Code");
	return N_("Most recent");
}

static const char *status_label_of(const char *name) { return project_status_label(project_status_parse(name)); }

static void filter_context(struct req *r, json_t *ctx)
{
	json_object_set_new(ctx, "status_options",
			    view_options(r, project_status_names, status_label_of, req_param(r, "status"), N_("Any status")));
	json_object_set_new(ctx, "sector_options",
			    view_options(r, project_sector_names, project_sector_label, req_param(r, "sector"), N_("Any sector")));
	json_object_set_new(ctx, "source_options",
			    view_options(r, funding_kind_names, funding_kind_label, req_param(r, "source"), N_("Any source")));
	json_object_set_new(ctx, "sort_options",
			    view_options(r, project_sort_names, sort_label, req_param(r, "sort"), NULL));
	const char *keys[] = { "q", "district", "province", "region", "government", "cost_min", "cost_max" };
	json_t *f = json_object();
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		json_set_str(f, keys[i], req_param(r, keys[i]));
	/* amounts back as typed, in soles */
	for (size_t i = 5; i < 7; i++) {
		const char *v = req_param(r, keys[i]);
		if (v) {
			char m[MONEY_FMT_MAX];
			json_set_str(f, keys[i], money_format(req_param_int(r, keys[i], 0), false, m));
		}
	}
	json_object_set_new(ctx, "filter", f);
}

/* The list's plan-element filter: the element chosen (with a link that drops
 * it), and the picker's results for element_q (links that choose one). */
static void element_filter_context(struct req *r, struct db_conn *c, json_t *ctx)
{
	int64_t eid = req_param_int(r, "element", 0);
	struct buf qs;
	buf_init(&qs, 8192);
	if (eid > 0) {
		struct plan_element el;
		struct plan pl;
		struct err e;
		err_init(&e, r->lang);
		if (plan_element_get(c, eid, &el, &e) == 0) {
			if (plan_get(c, el.plan_id, &pl, &e) == 0) {
				json_t *o = plan_element_to_json(&el);
				char label[400];
				plan_label(&pl, label, sizeof label);
				json_set_str(o, "plan_label", label);
				json_object_set_new(ctx, "element", o);
				plan_release(&pl);
			}
			plan_element_release(&el);
		} else {
			json_t *o = json_object();
			json_set_int(o, "id", eid);
			json_set_bool(o, "missing", true);
			json_object_set_new(ctx, "element", o);
		}
		/* the same filters without the element */
		static const char *const keys[] = { "q", "status", "sector", "district", "province", "region",
						    "government", "source", "cost_min", "cost_max", "sort", NULL };
		for (const char *const *k = keys; *k; k++) {
			const char *v = req_param(r, *k);
			if (!v || !*v)
				continue;
			buf_appendf(&qs, "%s%s=", qs.len ? "&" : "", *k);
			buf_append_urlenc(&qs, v);
		}
		json_set_str(ctx, "qs_without_element", buf_cstr(&qs));
	}
	const char *eq = req_param(r, "element_q");
	if (eq && *eq) {
		struct plan_element_query pq = { .q = eq, .exclude_superseded = true, .limit = 20 };
		json_t *items = NULL;
		int64_t total = 0;
		struct err e;
		err_init(&e, r->lang);
		if (plan_element_search(c, &pq, &items, &total, &e) == 0) {
			buf_reset(&qs);
			static const char *const keys[] = { "q", "status", "sector", "district", "province", "region",
							    "government", "source", "cost_min", "cost_max", "sort", NULL };
			for (const char *const *k = keys; *k; k++) {
				const char *v = req_param(r, *k);
				if (!v || !*v)
					continue;
				buf_appendf(&qs, "%s%s=", qs.len ? "&" : "", *k);
				buf_append_urlenc(&qs, v);
			}
			size_t i;
			json_t *o;
			json_array_foreach(items, i, o) {
				char href[8400];
				snprintf(href, sizeof href, "/projects?%s%selement=%lld", buf_cstr(&qs), qs.len ? "&" : "",
					 (long long)json_get_int(o, "id", 0));
				json_set_str(o, "href", href);
			}
			json_set_str(ctx, "element_q", eq);
			json_set_int(ctx, "element_total", total);
			json_set_bool(ctx, "has_element_results", json_array_size(items) > 0);
			json_object_set_new(ctx, "element_results", items);
			json_set_bool(ctx, "element_searched", true);
		} else {
			json_set_str(ctx, "element_error", e.msg);
		}
	}
	buf_release(&qs);
}

int h_projects(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct project_query q;
	int rc = query_from(r, &q);
	if (rc)
		return rc;
	q.limit = PAGE_SIZE;
	json_t *items;
	int64_t total;
	if ((rc = project_list(c, &q, false, &items, &total, &r->err)))
		return rc;
	size_t i;
	json_t *p;
	json_array_foreach(items, i, p)
		view_project(r, p);
	json_t *ctx = json_object();
	filter_context(r, ctx);
	element_filter_context(r, c, ctx);
	json_object_set_new(ctx, "projects", items);
	json_set_int(ctx, "total", total);
	json_set_int(ctx, "first", total ? q.offset + 1 : 0);
	json_set_int(ctx, "last", q.offset + (int64_t)json_array_size(items));
	struct buf qs;
	buf_init(&qs, 8192);
	query_string(r, &qs);
	json_set_str(ctx, "qs", buf_cstr(&qs));
	buf_release(&qs);
	if (q.offset + PAGE_SIZE < total)
		json_set_int(ctx, "next_offset", q.offset + PAGE_SIZE);
	if (q.offset > 0) {
		json_set_bool(ctx, "has_prev", true);
		json_set_int(ctx, "prev_offset", q.offset > PAGE_SIZE ? q.offset - PAGE_SIZE : 0);
	}
	json_set_bool(ctx, "can_submit", r->signed_in && view_can(r, "project.submit", NULL));
	return page(r, "projects", ctx, req_tr(r, "Project bank"));
}

int h_api_projects(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct project_query q;
	int rc = query_from(r, &q);
	if (rc)
		return rc;
	q.limit = req_param_int(r, "limit", 50);
	json_t *items;
	int64_t total;
	if ((rc = project_list(c, &q, true, &items, &total, &r->err)))
		return rc;
	json_t *o = json_list(items, total);
	json_set_int(o, "limit", q.limit);
	json_set_int(o, "offset", q.offset);
	return api_json(r, 200, o);
}

/* ---- exports: the same list, every match ---- */

static const struct export_col export_cols[] = {
	{ N_("Code"), EXPORT_TEXT, 14 }, { N_("CUI"), EXPORT_TEXT, 10 }, { N_("Title"), EXPORT_TEXT, 60 },
	{ N_("Status"), EXPORT_TEXT, 16 }, { N_("Sector"), EXPORT_TEXT, 22 }, { N_("UBIGEO"), EXPORT_TEXT, 8 },
	{ N_("Place"), EXPORT_TEXT, 20 }, { N_("Government"), EXPORT_TEXT, 36 }, { N_("Proposed by"), EXPORT_TEXT, 36 },
	{ N_("Currency"), EXPORT_TEXT, 8 }, { N_("Estimated cost"), EXPORT_MONEY, 16 },
	{ N_("Updated cost"), EXPORT_MONEY, 16 }, { N_("Beneficiaries"), EXPORT_INT, 12 },
	{ N_("Registered on"), EXPORT_TEXT, 12 }, { N_("Viable since"), EXPORT_TEXT, 12 },
	{ N_("Description"), EXPORT_TEXT, 80 },
};

static int export_list(struct req *r, bool xlsx)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct project_query q;
	int rc = query_from(r, &q);
	if (rc)
		return rc;
	q.limit = EXPORT_MAX;
	q.offset = 0;
	json_t *items;
	int64_t total;
	if ((rc = project_list(c, &q, true, &items, &total, &r->err)))
		return rc;
	struct export_col cols[ARRAY_LEN(export_cols)];
	for (size_t i = 0; i < ARRAY_LEN(cols); i++) {
		cols[i] = export_cols[i];
		cols[i].title = req_tr(r, export_cols[i].title);
	}
	struct export_table t;
	export_table_init(&t, cols, ARRAY_LEN(cols));
	size_t i;
	json_t *p;
	json_array_foreach(items, i, p) {
		char est[MONEY_FMT_MAX], upd[MONEY_FMT_MAX] = "", ben[32] = "";
		money_format(json_get_int(p, "estimated_cost_cents", 0), false, est);
		json_t *u = json_object_get(p, "updated_cost_cents");
		if (json_is_integer(u))
			money_format(json_integer_value(u), false, upd);
		json_t *b = json_object_get(json_object_get(p, "beneficiaries"), "total");
		if (json_is_integer(b))
			snprintf(ben, sizeof ben, "%" JSON_INTEGER_FORMAT, json_integer_value(b));
		json_t *terr = json_object_get(p, "territory"), *gov = json_object_get(p, "government");
		const char *row[] = {
			json_get_str(p, "code", ""), json_get_str(p, "cui", ""), json_get_str(p, "title", ""),
			req_tr(r, status_label_of(json_get_str(p, "status", ""))),
			req_tr(r, project_sector_label(json_get_str(p, "sector", ""))), json_get_str(terr, "code", ""),
			json_get_str(terr, "name", ""), json_get_str(gov, "name", ""), json_get_str(p, "proposer", ""),
			json_get_str(p, "currency", ""), est, upd, ben, json_get_str(p, "registered_on", ""),
			json_get_str(p, "viable_on", ""), json_get_str(p, "description", ""),
		};
		export_table_add(&t, row);
	}
	json_decref(items);
	if (xlsx) {
		rc = export_xlsx(&t, req_tr(r, "Projects"), &r->out, &r->err);
		r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	} else {
		rc = export_csv(&t, &r->out);
		if (rc)
			rc = err_set(&r->err, rc, "The export is too large");
		r->content_type = "text/csv; charset=utf-8";
	}
	export_table_release(&t);
	if (rc)
		return rc;
	char name[64];
	snprintf(name, sizeof name, "%s.%s", req_tr(r, "projects"), xlsx ? "xlsx" : "csv");
	view_attachment(r, name);
	char n[32];
	snprintf(n, sizeof n, "%lld", (long long)total);
	req_add_header(r, "X-Total-Count", n);
	return 200;
}

int h_projects_csv(struct req *r) { return export_list(r, false); }
int h_projects_xlsx(struct req *r) { return export_list(r, true); }

/* ---- the map ---- */

static const char *map_territory(const struct req *r)
{
	static __thread char code[5];
	const char *t = req_param(r, "territory");
	if (t && (strlen(t) == 2 || strlen(t) == 4))
		return t;
	const char *g = r->app->home_government;
	snprintf(code, sizeof code, "%.4s", g && *g ? g : "01");
	return code;
}

int h_projects_map(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *within = map_territory(r);
	struct territory t;
	int rc = territory_get(c, within, &t, &r->err);
	if (rc)
		return rc;
	struct project_query q;
	if ((rc = query_from(r, &q)))
		return rc;
	json_t *counts;
	if ((rc = project_count_by_territory(c, &q, within, &counts, &r->err)))
		return rc;
	/* the districts inside, with their names and counts */
	json_t *districts = json_array(), *wide = json_array();
	struct territory_query tq = { .parent = within, .limit = 5000 };
	json_t *children = NULL;
	int64_t total;
	if ((rc = territory_list(c, &tq, &children, &total, &r->err))) {
		json_decref(counts);
		json_decref(districts);
		json_decref(wide);
		return rc;
	}
	if (t.level == TERR_REGION) {
		/* a region: the districts of each province */
		json_t *all = json_array();
		size_t i;
		json_t *prov;
		json_array_foreach(children, i, prov) {
			struct territory_query dq = { .parent = json_get_str(prov, "code", ""), .limit = 5000 };
			json_t *ds = NULL;
			if (territory_list(c, &dq, &ds, &total, &r->err) == 0)
				json_array_extend(all, ds);
			json_decref(ds);
		}
		json_decref(children);
		children = all;
	}
	size_t i;
	json_t *d;
	struct buf qs;
	buf_init(&qs, 8192);
	query_string(r, &qs);
	int64_t with_projects = 0;
	json_array_foreach(children, i, d) {
		const char *code = json_get_str(d, "code", "");
		json_t *o = json_object();
		json_set_str(o, "code", code);
		json_set_str(o, "name", json_get_str(d, "name", ""));
		int64_t n = json_integer_value(json_object_get(counts, code));
		json_set_int(o, "count", n);
		with_projects += n > 0;
		json_array_append_new(districts, o);
	}
	const char *key;
	json_t *v;
	json_object_foreach(counts, key, v) {
		if (strlen(key) == 6)
			continue;
		struct territory wt;
		json_t *o = json_object();
		json_set_str(o, "code", key);
		json_set_str(o, "name", territory_get(c, key, &wt, &r->err) == 0 ? wt.name : key);
		json_set_int(o, "count", json_integer_value(v));
		json_set_bool(o, "is_province", strlen(key) == 4);
		json_array_append_new(wide, o);
	}
	err_init(&r->err, r->lang);
	/* the SVG */
	size_t n = json_array_size(districts);
	struct geo_value *vals = calloc(n ? n : 1, sizeof *vals);
	char (*labels)[200] = calloc(n ? n : 1, sizeof *labels);
	char (*hrefs)[8300] = calloc(n ? n : 1, sizeof *hrefs);
	json_array_foreach(districts, i, d) {
		vals[i].code = json_get_str(d, "code", "");
		vals[i].value = json_get_int(d, "count", 0);
		char num[32];
		snprintf(num, sizeof num, "%lld", (long long)vals[i].value);
		snprintf(labels[i], sizeof labels[i], "%s: %s %s", json_get_str(d, "name", ""), num,
			 req_tr(r, vals[i].value == 1 ? N_("project") : N_("projects")));
		vals[i].label = labels[i];
		snprintf(hrefs[i], sizeof hrefs[i], "/projects?district=%s%s%s", vals[i].code, qs.len ? "&" : "", buf_cstr(&qs));
		vals[i].href = hrefs[i];
	}
	json_t *ctx = json_object();
	struct buf svg;
	buf_init(&svg, 4 << 20);
	char title[300], desc[400];
	snprintf(title, sizeof title, "%s: %s", req_tr(r, "Projects by district"), t.name);
	snprintf(desc, sizeof desc, "%s", req_tr(r, "Each district is shaded by the number of projects of the bank located there; darker is more."));
	struct err me;
	err_init(&me, r->lang);
	if (geomap_svg(&svg, "pmap", title, desc, within, vals, n, &me) == 0)
		json_object_set_new(ctx, "map", json_stringn_nocheck(buf_cstr(&svg), svg.len));
	else
		json_set_str(ctx, "map_missing", me.msg);
	buf_release(&svg);
	free(vals);
	free(labels);
	free(hrefs);
	json_decref(children);
	json_decref(counts);
	json_object_set_new(ctx, "territory", territory_to_json(&t));
	json_object_set_new(ctx, "districts", districts);
	json_set_bool(ctx, "has_wide", json_array_size(wide) > 0);
	json_object_set_new(ctx, "wide", wide);
	json_set_int(ctx, "with_projects", with_projects);
	json_set_str(ctx, "qs", buf_cstr(&qs));
	buf_release(&qs);
	filter_context(r, ctx);
	char ptitle[300];
	snprintf(ptitle, sizeof ptitle, "%s — %s", req_tr(r, "Map of projects"), t.name);
	return page(r, "project_map", ctx, ptitle);
}

/* ---- the initiative form and the edit form ---- */

/* Amount fields are parsed here so that a mistake shows the form again with
 * everything typed and a precise message. */
static int amount_field(struct req *r, const char *name, const char *label, bool required, int64_t *out)
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

static int count_field(struct req *r, const char *name, const char *label, int64_t *out)
{
	const char *v = req_param(r, name);
	*out = -1;
	if (!v || !*v)
		return 0;
	if (str_to_int64(v, out) || *out < 0)
		return err_set(&r->err, ERR_INVALID, "\"%s\" must be a whole number of people (not \"%.40s\")",
			       req_tr(r, label), v);
	return 0;
}

static const char *const form_fields[] = { "title", "description", "territory", "proposer", "sector",
					   "estimated_cost", "updated_cost", "beneficiaries", "beneficiaries_women",
					   "beneficiaries_men", "responsible_office", "executing_unit", "cui", "currency",
					   NULL };

/* The districts a government's bank receives initiatives for. */
static json_t *district_options(struct req *r, struct db_conn *c, const char *government, const char *selected)
{
	json_t *arr = json_array();
	struct territory_query tq = { .parent = strlen(government) == 6 ? NULL : government, .limit = 5000 };
	json_t *items = NULL;
	int64_t total;
	if (strlen(government) == 6) {
		struct territory t;
		if (territory_get(c, government, &t, &r->err) == 0) {
			json_t *o = json_object();
			json_set_str(o, "value", t.code);
			json_set_str(o, "label", t.name);
			json_set_bool(o, "selected", true);
			json_array_append_new(arr, o);
		}
	} else if (territory_list(c, &tq, &items, &total, &r->err) == 0) {
		size_t i;
		json_t *d;
		json_array_foreach(items, i, d) {
			json_t *o = json_object();
			json_set_str(o, "value", json_get_str(d, "code", ""));
			char label[TERR_NAME_MAX + 16];
			snprintf(label, sizeof label, "%s (%s)", json_get_str(d, "name", ""), json_get_str(d, "code", ""));
			json_set_str(o, "label", label);
			json_set_bool(o, "selected", str_eq(json_get_str(d, "code", ""), selected));
			json_array_append_new(arr, o);
		}
		json_decref(items);
	}
	err_init(&r->err, r->lang);
	return arr;
}

/* Shows the initiative form (id 0) or the edit form, with values and an error. */
static int project_form(struct req *r, int64_t id, json_t *values, const char *error)
{
	struct db_conn *c = req_db(r);
	if (!c) {
		json_decref(values);
		return r->err.code;
	}
	const char *gov = json_get_str(values, "government", view_government(r));
	struct government g;
	if (government_get(c, gov, &g, &r->err)) {
		json_decref(values);
		return r->err.code;
	}
	json_t *ctx = json_object();
	json_object_set_new(ctx, "government", government_to_json(&g));
	json_object_set_new(ctx, "district_options", district_options(r, c, g.code, json_get_str(values, "territory", "")));
	json_object_set_new(ctx, "sector_options",
			    view_options(r, project_sector_names, project_sector_label, json_get_str(values, "sector", ""),
					 N_("Choose a sector")));
	json_object_set_new(ctx, "v", values);
	json_set_str(ctx, "error", error);
	json_set_int(ctx, "project_id", id);
	json_set_bool(ctx, "editing", id > 0);
	if (error && !r->status)
		r->status = 400;
	return page(r, "project_form", ctx,
		    req_tr(r, id ? N_("Edit project") : N_("Submit an initiative to the open portfolio")));
}

int h_project_new(struct req *r)
{
	json_t *v = json_object();
	json_set_str(v, "government", view_government(r));
	json_set_str(v, "currency", "PEN");
	return project_form(r, 0, v, NULL);
}

/* The posted fields as entered (to show the form again). */
static json_t *posted(const struct req *r)
{
	json_t *v = json_object();
	for (const char *const *f = form_fields; *f; f++)
		json_set_str(v, *f, req_param(r, *f));
	json_set_str(v, "government", view_government(r));
	return v;
}

static int input_from(struct req *r, struct project_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = req_param(r, "title");
	in->description = req_param(r, "description");
	in->territory = req_param(r, "territory");
	in->government = view_government(r);
	in->proposer = req_param(r, "proposer");
	in->sector = req_param(r, "sector");
	in->currency = req_param(r, "currency");
	in->cui = req_param(r, "cui");
	in->responsible_office = req_param(r, "responsible_office");
	in->executing_unit = req_param(r, "executing_unit");
	int64_t est;
	int rc = amount_field(r, "estimated_cost", N_("Estimated cost"), false, &est);
	in->estimated_cost = est < 0 ? 0 : est;
	if (!rc)
		rc = amount_field(r, "updated_cost", N_("Updated cost"), false, &in->updated_cost);
	if (!rc)
		rc = count_field(r, "beneficiaries", N_("Beneficiaries"), &in->beneficiaries);
	if (!rc)
		rc = count_field(r, "beneficiaries_women", N_("Women"), &in->beneficiaries_women);
	if (!rc)
		rc = count_field(r, "beneficiaries_men", N_("Men"), &in->beneficiaries_men);
	return rc;
}

/* A 4xx from the domain: the form again with the message; 5xx: the error page. */

int h_project_submit(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct project_input in;
	int rc = input_from(r, &in);
	/* the right is over the bank that receives it; the place is checked by the domain */
	if (!rc && (rc = req_authorize(r, "project.submit", in.government)))
		return rc;
	int64_t id = 0;
	if (!rc)
		rc = project_submit(c, &r->actor, r->now, &in, &id, &r->err);
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		return project_form(r, 0, posted(r), msg);
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/projects/%lld?submitted=1", (long long)id);
	return redirect(r, loc);
}

static int project_id(struct req *r, int64_t *id)
{
	if (str_to_id(req_arg(r, 0), id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	return 0;
}

/* The territory whose grants decide over a project: its owner government, or
 * where it is when no government of the installation owns it. */
static const char *manage_territory(const struct project_core *p)
{
	return p->government[0] ? p->government : p->territory;
}

int h_project_edit_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	struct project_core core;
	int rc = project_id(r, &id);
	if (!rc)
		rc = project_core_get(c, id, &core, &r->err);
	if (!rc)
		rc = req_authorize(r, "project.manage", manage_territory(&core));
	json_t *p = NULL;
	if (!rc)
		rc = project_get_json(c, id, &p, &r->err);
	if (rc)
		return rc;
	json_t *v = json_object();
	json_set_str(v, "title", json_get_str(p, "title", ""));
	json_set_str(v, "description", json_get_str(p, "description", ""));
	json_set_str(v, "territory", json_get_str(json_object_get(p, "territory"), "code", ""));
	json_set_str(v, "government", core.government[0] ? core.government : r->app->home_government);
	json_set_str(v, "proposer", json_get_str(p, "proposer", ""));
	json_set_str(v, "sector", json_get_str(p, "sector", ""));
	json_set_str(v, "cui", json_get_str(p, "cui", ""));
	json_set_str(v, "currency", json_get_str(p, "currency", "PEN"));
	json_set_str(v, "responsible_office", json_get_str(p, "responsible_office", ""));
	json_set_str(v, "executing_unit", json_get_str(p, "executing_unit", ""));
	char m[MONEY_FMT_MAX];
	json_set_str(v, "estimated_cost", money_format(json_get_int(p, "estimated_cost_cents", 0), false, m));
	json_t *u = json_object_get(p, "updated_cost_cents");
	json_set_str(v, "updated_cost", json_is_integer(u) ? money_format(json_integer_value(u), false, m) : NULL);
	json_t *b = json_object_get(p, "beneficiaries");
	const char *bk[][2] = { { "total", "beneficiaries" }, { "women", "beneficiaries_women" }, { "men", "beneficiaries_men" } };
	for (size_t i = 0; i < ARRAY_LEN(bk); i++) {
		json_t *x = json_object_get(b, bk[i][0]);
		char n[32] = "";
		if (json_is_integer(x))
			snprintf(n, sizeof n, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
		json_set_str(v, bk[i][1], n);
	}
	json_set_str(v, "code", json_get_str(p, "code", ""));
	json_decref(p);
	return project_form(r, id, v, NULL);
}

int h_project_update(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	struct project_core core;
	int rc = project_id(r, &id);
	if (!rc)
		rc = project_core_get(c, id, &core, &r->err);
	if (!rc)
		rc = req_authorize(r, "project.manage", manage_territory(&core));
	if (rc)
		return rc;
	struct project_input in;
	rc = input_from(r, &in);
	in.government = core.government;
	if (!rc)
		rc = project_update(c, &r->actor, r->now, id, &in, &r->err);
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		json_t *v = posted(r);
		json_set_str(v, "government", core.government[0] ? core.government : r->app->home_government);
		return project_form(r, id, v, msg);
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/projects/%lld", (long long)id);
	return redirect(r, loc);
}

/* ---- the project page ---- */

static const char *const main_path[] = { "received", "under_evaluation", "viable", "prioritized", "programmed",
					 "in_execution", "completed", "closed", NULL };

static json_t *stepper(const struct req *r, enum project_status now)
{
	json_t *arr = json_array();
	int at = -1;
	for (int i = 0; main_path[i]; i++)
		if (project_status_parse(main_path[i]) == now)
			at = i;
	for (int i = 0; main_path[i]; i++) {
		json_t *o = json_object();
		json_set_str(o, "label", req_tr(r, project_status_label(project_status_parse(main_path[i]))));
		json_set_bool(o, "done", at >= 0 && i < at);
		json_set_bool(o, "current", i == at);
		json_array_append_new(arr, o);
	}
	return arr;
}

static void decorate_history(const struct req *r, json_t *hist)
{
	size_t i;
	json_t *h;
	json_array_foreach(hist, i, h) {
		const char *from = json_get_str(h, "from", NULL);
		if (from)
			json_set_str(h, "from_label", req_tr(r, status_label_of(from)));
		json_set_str(h, "to_label", req_tr(r, status_label_of(json_get_str(h, "to", ""))));
		const char *reason = json_get_str(h, "reason", "");
		if (*reason)
			json_set_str(h, "reason", req_tr(r, reason)); /* system reasons are message ids */
	}
}

static const char *member_role_label(const char *role)
{
	if (str_eq(role, "president")) return N_("President");
	if (str_eq(role, "secretary")) return N_("Secretary");
	if (str_eq(role, "treasurer")) return N_("Treasurer");
	if (str_eq(role, "technical")) return N_("Technical adviser");
	return N_("Member");
}

static const char *finance_kind_label_of(const char *k) { return finance_kind_label((enum finance_kind)finance_kind_parse(k)); }


static int project_page(struct req *r, int64_t id, const struct form_error *fe)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct project_core core;
	json_t *p = NULL;
	int rc = project_core_get(c, id, &core, &r->err);
	if (!rc)
		rc = project_get_json(c, id, &p, &r->err);
	if (rc)
		return rc;
	view_project(r, p);
	decorate_history(r, json_object_get(p, "history"));
	json_t *ctx = json_object();
	const char *mt = manage_territory(&core);
	const char *gov = core.government[0] ? core.government : r->app->home_government;
	bool manage = r->signed_in && view_can(r, "project.manage", mt);
	bool finance = r->signed_in && view_can(r, "finance.write", gov);
	json_set_bool(ctx, "can_manage", manage);
	json_set_bool(ctx, "can_finance", finance && project_status_takes_money(core.status));
	json_object_set_new(ctx, "steps", stepper(r, core.status));
	/* next moves by hand */
	enum project_status next[PS_COUNT];
	size_t nn = project_next_statuses(core.status, next);
	json_t *moves = json_array();
	for (size_t i = 0; i < nn; i++) {
		json_t *o = json_object();
		json_set_str(o, "value", project_status_name(next[i]));
		json_set_str(o, "label", req_tr(r, project_status_label(next[i])));
		json_array_append_new(moves, o);
	}
	json_set_bool(ctx, "has_moves", json_array_size(moves) > 0);
	json_object_set_new(ctx, "moves", moves);
	json_set_bool(ctx, "can_progress", manage && (core.status == PS_PROGRAMMED || core.status == PS_IN_EXECUTION ||
						     core.status == PS_COMPLETED));
	json_set_bool(ctx, "is_prioritized", core.status == PS_PRIORITIZED || core.status == PS_VIABLE);
	/* committee */
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(p, "committee"), i, m)
		json_set_str(m, "role_label", req_tr(r, member_role_label(json_get_str(m, "role", ""))));
	json_object_set_new(ctx, "role_options", view_options(r, project_member_roles, member_role_label, "member", NULL));
	/* documents: sizes in KiB */
	json_array_foreach(json_object_get(p, "documents"), i, m) {
		json_t *sz = json_object_get(m, "size");
		if (json_is_integer(sz)) {
			char kib[32];
			snprintf(kib, sizeof kib, "%lld KiB", (long long)((json_integer_value(sz) + 1023) / 1024));
			json_set_str(m, "size_text", kib);
		}
		json_set_bool(m, "is_file", str_eq(json_get_str(m, "kind", ""), "file"));
	}
	/* finances */
	json_t *table = NULL, *entries = NULL, *sources = NULL;
	if ((rc = finance_execution_table(c, NULL, id, 0, &table, &r->err)) ||
	    (rc = finance_entries(c, id, &entries, &r->err))) {
		json_decref(p);
		json_decref(ctx);
		json_decref(table);
		return rc;
	}
	view_execution(r, table);
	json_array_foreach(entries, i, m) {
		json_set_str(m, "kind_label", req_tr(r, finance_kind_label_of(json_get_str(m, "kind", ""))));
		view_amount(m, "amount_text", json_get_str(json_object_get(m, "source"), "currency", "PEN"),
			    json_object_get(m, "amount_cents"));
		json_set_bool(m, "voided", json_get_str(m, "voided_at", NULL) != NULL);
	}
	json_set_bool(ctx, "has_finance", json_array_size(entries) > 0);
	json_object_set_new(ctx, "finance", table);
	json_object_set_new(ctx, "entries", entries);
	if (finance && funding_source_list(c, gov, 0, &sources, &r->err) == 0) {
		json_set_bool(ctx, "has_sources", json_array_size(sources) > 0);
		json_object_set_new(ctx, "sources", sources);
	}
	err_init(&r->err, r->lang);
	json_object_set_new(ctx, "kind_options", view_options(r, finance_kind_names, finance_kind_label_of, "disbursed", NULL));
	char today[DATE_FMT_MAX];
	json_set_str(ctx, "today", date_format(date_from_epoch(r->now), today));
	/* the plan lines that program it */
	json_t *plines = NULL;
	if (invest_lines_of_project(c, id, &plines, &r->err) == 0) {
		json_array_foreach(plines, i, m) {
			const char *cur = json_get_str(json_object_get(m, "source"), "currency", "PEN");
			view_amount(m, "amount_text", cur, json_object_get(m, "amount_cents"));
			json_t *qt = json_array();
			size_t k;
			json_t *qv;
			json_array_foreach(json_object_get(m, "quarters_cents"), k, qv) {
				char qm[MONEY_FMT_MAX];
				json_array_append_new(qt, json_string(money_format_grouped(json_integer_value(qv), qm)));
			}
			json_object_set_new(m, "quarters_text", qt);
			json_set_bool(m, "approved", str_eq(json_get_str(m, "status", ""), "approved"));
		}
		json_set_bool(ctx, "has_plan_lines", json_array_size(plines) > 0);
		json_object_set_new(ctx, "plan_lines", plines);
	}
	err_init(&r->err, r->lang);
	json_set_bool(ctx, "has_serves", json_array_size(json_object_get(p, "serves")) > 0);
	json_array_foreach(json_object_get(p, "serves"), i, m) {
		json_t *pl = json_object_get(m, "plan");
		json_set_str(m, "kind_label", req_tr(r, plan_kind_label(json_get_str(m, "kind", ""))));
		json_set_str(pl, "status_label", req_tr(r, plan_status_name(json_get_str(pl, "status", ""))));
	}
	json_set_bool(ctx, "submitted", req_param_int(r, "submitted", 0) == 1);
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if (audit_history(c, "project", sid, 30, &hist, &r->err) == 0) {
		json_set_bool(ctx, "has_audit", json_array_size(hist) > 0);
		json_object_set_new(ctx, "audit", hist);
	}
	err_init(&r->err, r->lang);
	if (fe) {
		json_t *f = json_object();
		json_set_str(f, "message", fe->message);
		json_object_set_new(ctx, fe->form, f);
		json_t *v = json_object();
		for (size_t k = 0; k < r->params.n; k++)
			json_set_str(v, r->params.items[k].name, r->params.items[k].value);
		json_object_set_new(ctx, "posted", v);
	}
	json_object_set_new(ctx, "project", p);
	char title[PROJECT_CODE_MAX + 8];
	snprintf(title, sizeof title, "%s", core.code);
	return page(r, "project", ctx, title);
}

int h_project(struct req *r)
{
	int64_t id;
	int rc = project_id(r, &id);
	return rc ? rc : project_page(r, id, NULL);
}

int h_api_project(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	json_t *p = NULL, *table = NULL, *entries = NULL;
	int rc = project_id(r, &id);
	if (!rc)
		rc = project_get_json(c, id, &p, &r->err);
	if (!rc)
		rc = finance_execution_table(c, NULL, id, 0, &table, &r->err);
	if (!rc)
		rc = finance_entries(c, id, &entries, &r->err);
	if (rc) {
		json_decref(p);
		json_decref(table);
		return rc;
	}
	json_object_set_new(p, "finance", table);
	json_object_set_new(p, "finance_entries", entries);
	return api_json(r, 200, p);
}

static int after_form(struct req *r, int64_t id, int rc, const char *form, const char *anchor)
{
	return view_after_form(r, id, rc, form, anchor, "/projects", project_page);
}

/* Loads the project of the path and checks `action` on it. */
static int guarded(struct req *r, const char *action, int64_t *id, struct project_core *core)
{
	if (!req_db(r))
		return r->err.code;
	int rc = project_id(r, id);
	if (!rc)
		rc = project_core_get(r->db, *id, core, &r->err);
	if (!rc) {
		const char *t = str_eq(action, "project.manage") ? manage_territory(core)
				: core->government[0]                     ? core->government
									  : r->app->home_government;
		rc = req_authorize(r, action, t);
	}
	return rc;
}

int h_project_transition(struct req *r)
{
	int64_t id;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	rc = project_transition(r->db, &r->actor, r->now, id, project_status_parse(req_param(r, "to")),
				req_param(r, "reason"), &r->err);
	return after_form(r, id, rc, "transition_error", "lifecycle");
}

int h_project_progress(struct req *r)
{
	int64_t id;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	int64_t bp;
	if (progress_parse(req_param(r, "progress"), &bp))
		rc = err_set(&r->err, ERR_INVALID, "Physical progress is a percentage between 0 and 100, such as 45 or 45.5");
	else
		rc = project_set_progress(r->db, &r->actor, r->now, id, bp, &r->err);
	return after_form(r, id, rc, "progress_error", "execution");
}

int h_project_member_add(struct req *r)
{
	int64_t id, mid;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	rc = project_member_add(r->db, &r->actor, r->now, id, req_param(r, "name"), req_param(r, "role"),
				req_param(r, "organization"), &mid, &r->err);
	return after_form(r, id, rc, "member_error", "committee");
}

int h_project_member_remove(struct req *r)
{
	int64_t id, mid;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	if (str_to_id(req_arg(r, 1), &mid))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	rc = project_member_remove(r->db, &r->actor, r->now, id, mid, &r->err);
	return after_form(r, id, rc, "member_error", "committee");
}

int h_project_document_add(struct req *r)
{
	int64_t id, doc;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	const struct mp_part *f = req_file(r, "file");
	const char *ref = req_param(r, "reference");
	if (f)
		rc = project_document_add_file(r->db, &r->actor, r->now, id, req_param(r, "title"), f->filename, f->data,
					       f->len, &doc, &r->err);
	else if (ref && *ref)
		rc = project_document_add_reference(r->db, &r->actor, r->now, id, req_param(r, "title"), ref, &doc, &r->err);
	else
		rc = err_set(&r->err, ERR_INVALID, "Attach a file or give a reference (a resolution number, a link)");
	return after_form(r, id, rc, "document_error", "documents");
}

int h_project_document(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id, doc;
	if (project_id(r, &id) || str_to_id(req_arg(r, 1), &doc))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	void *data;
	size_t len;
	json_t *meta;
	int rc = project_document_file(c, id, doc, &data, &len, &meta, &r->err);
	if (rc)
		return rc;
	return view_send_file(r, data, len, meta);
}

int h_project_document_remove(struct req *r)
{
	int64_t id, doc;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	if (str_to_id(req_arg(r, 1), &doc))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	rc = project_document_remove(r->db, &r->actor, r->now, id, doc, &r->err);
	return after_form(r, id, rc, "document_error", "documents");
}

int h_finance_add(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	struct project_core core;
	struct funding_source s;
	int rc = project_id(r, &id);
	if (!rc)
		rc = project_core_get(c, id, &core, &r->err);
	if (rc)
		return rc;
	/* the right to record money is over the source's government */
	rc = funding_source_get(c, req_param_int(r, "source", 0), &s, &r->err);
	if (rc == ERR_NOTFOUND)
		return after_form(r, id, ERR_INVALID, "finance_error", "finance");
	if (rc)
		return rc;
	if ((rc = req_authorize(r, "finance.write", s.government)))
		return rc;
	int64_t amount = -1, entry;
	rc = amount_field(r, "amount", N_("Amount"), true, &amount);
	struct finance_input in = { .project_id = id, .source_id = s.id, .kind = req_param(r, "kind"), .amount = amount,
				    .date = req_param(r, "date"), .document_ref = req_param(r, "document_ref"),
				    .note = req_param(r, "note") };
	if (!rc)
		rc = finance_entry_add(c, &r->actor, r->now, &in, &entry, &r->err);
	return after_form(r, id, rc, "finance_error", "finance");
}

int h_finance_void(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t entry, project;
	char gov[7];
	if (str_to_id(req_arg(r, 0), &entry))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	int rc = finance_entry_government(c, entry, gov, &project, &r->err);
	if (!rc)
		rc = req_authorize(r, "finance.write", gov);
	if (rc)
		return rc;
	rc = finance_entry_void(c, &r->actor, r->now, entry, req_param(r, "reason"), &r->err);
	return after_form(r, project, rc, "finance_error", "finance");
}

/* ---- the plan elements a project serves ---- */

/* The picker: what it serves, and the elements of its plans matching q. */
static int serves_page(struct req *r, int64_t id, const char *error)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *p = NULL, *items = NULL;
	int64_t total = 0;
	const char *q = req_param(r, "q");
	int rc = project_get_json(c, id, &p, &r->err);
	if (!rc)
		rc = project_serve_candidates(c, id, q, 60, &items, &total, &r->err);
	if (rc) {
		json_decref(p);
		return rc;
	}
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		json_set_str(o, "kind_label", req_tr(r, plan_kind_label(json_get_str(o, "kind", ""))));
		json_t *pl = json_object_get(o, "plan");
		json_set_str(pl, "status_label", req_tr(r, plan_status_name(json_get_str(pl, "status", ""))));
	}
	json_array_foreach(json_object_get(p, "serves"), i, o)
		json_set_str(o, "kind_label", req_tr(r, plan_kind_label(json_get_str(o, "kind", ""))));
	json_t *ctx = json_object();
	json_set_bool(ctx, "has_serves", json_array_size(json_object_get(p, "serves")) > 0);
	json_object_set_new(ctx, "project", p);
	json_set_str(ctx, "q", q);
	json_set_int(ctx, "total", total);
	json_set_bool(ctx, "has_results", json_array_size(items) > 0);
	json_object_set_new(ctx, "results", items);
	json_set_str(ctx, "error", error);
	char title[PROJECT_TITLE_MAX + 80];
	snprintf(title, sizeof title, "%s: %s", req_tr(r, "Plan elements this project serves"),
		 json_get_str(p, "code", ""));
	return page(r, "project_serves", ctx, title);
}

int h_project_serves_form(struct req *r)
{
	int64_t id;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	return rc ? rc : serves_page(r, id, NULL);
}

int h_project_serve(struct req *r)
{
	int64_t id;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	rc = project_serve(r->db, &r->actor, r->now, id, req_param_int(r, "element", 0), &r->err);
	if (rc && view_shows_form(rc)) {
		/* the picker again, with the refusal and the search as it was */
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		return serves_page(r, id, msg);
	}
	if (rc)
		return rc;
	char loc[64];
	snprintf(loc, sizeof loc, "/projects/%lld#serves", (long long)id);
	return redirect(r, loc);
}

int h_project_unserve(struct req *r)
{
	int64_t id, element;
	struct project_core core;
	int rc = guarded(r, "project.manage", &id, &core);
	if (rc)
		return rc;
	if (str_to_id(req_arg(r, 1), &element))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	rc = project_unserve(r->db, &r->actor, r->now, id, element, &r->err);
	return after_form(r, id, rc, "serves_error", "serves");
}
