/* h_indicator.c — monitoring and evaluation on the web: the indicators of a
 * government, the indicator page (definition, targets, the chart of target
 * against actual, measurements, feedback), the measurement page with its
 * evidence and workflow, programmes, the live dashboards (a government; a
 * province over its districts; a region over its provinces), the quarterly
 * report (print view, PDF, XLSX), the thresholds, and the API. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "web/svg.h"
#include "web/view.h"
#include "core/date.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "domain/territory.h"
#include "rules/project_rules.h"

#define PAGE_SIZE 50

static struct date today_of(const struct req *r) { return date_from_epoch(r->now); }

static int settings(struct req *r, struct ind_settings *s)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	return indicator_settings_get(c, s, &r->err);
}

static int arg_id(struct req *r, int i, int64_t *id)
{
	if (str_to_id(req_arg(r, i), id))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	return 0;
}

static const char *status_text(const struct req *r, const char *status)
{
	int s = ind_status_parse(status);
	return req_tr(r, s < 0 ? "" : ind_status_label((enum ind_status)s));
}

static const char *subject_label(const char *s)
{
	if (str_eq(s, "element")) return N_("Plan element");
	if (str_eq(s, "project")) return N_("Project");
	if (str_eq(s, "programme")) return N_("Programme");
	return N_("Territory");
}

/* Labels in the request's language for an indicator's codes. */
static void decorate(const struct req *r, json_t *o)
{
	json_set_str(o, "status_label", status_text(r, json_get_str(o, "status", "")));
	json_set_str(o, "unit_name", req_tr(r, ind_unit_label(json_get_str(o, "unit", ""))));
	json_set_str(o, "direction_label", req_tr(r, ind_direction_label(json_get_str(o, "direction", ""))));
	json_set_str(o, "frequency_label", req_tr(r, ind_freq_label(json_get_str(o, "frequency", ""))));
	json_set_str(o, "subject_label", req_tr(r, subject_label(json_get_str(o, "subject", ""))));
	json_set_str(o, "scope_label", req_tr(r, ind_scope_label(json_get_str(o, "scope", ""))));
	const json_t *x = json_object_get(o, "expected");
	if (json_is_object(x))
		json_set_bool(o, "expected_is_trajectory", str_eq(json_get_str(x, "kind", ""), "trajectory"));
	json_set_bool(o, "is_off_track", str_eq(json_get_str(o, "status", ""), "off_track"));
}

static void decorate_all(const struct req *r, json_t *arr)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
		decorate(r, o);
}

static void decorate_rollup(const struct req *r, json_t *roll)
{
	if (json_is_object(roll))
		json_set_str(roll, "status_label", status_text(r, json_get_str(roll, "status", "")));
}

static void posted(const struct req *r, json_t *ctx)
{
	json_t *v = json_object();
	for (size_t k = 0; k < r->params.n; k++)
		if (!json_object_get(v, r->params.items[k].name))
			json_set_str(v, r->params.items[k].name, r->params.items[k].value);
	json_object_set_new(ctx, "posted", v);
}

/* An SVG string into ctx[key] (dropped silently if it cannot be drawn). */
static void put_svg(json_t *ctx, const char *key, struct buf *svg, int rc)
{
	if (!rc)
		json_object_set_new(ctx, key, json_stringn_nocheck(buf_cstr(svg), svg->len));
	buf_release(svg);
}

/* ---- the list of a government's indicators ---- */

static const char *const subjects_any[] = { "element", "project", "programme", "territory", NULL };

static const char *status_label_of(const char *name)
{
	int s = ind_status_parse(name);
	return s < 0 ? name : ind_status_label((enum ind_status)s);
}

static int list_page(struct req *r, const char *error)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	const char *gov = view_government(r);
	struct government g;
	int rc = government_get(c, gov, &g, &r->err);
	if (rc)
		return rc;
	struct indicator_query q = { .government = g.code, .subject = req_param(r, "subject"), .q = req_param(r, "q"),
				     .status = req_param(r, "status"), .limit = PAGE_SIZE,
				     .offset = req_param_int(r, "offset", 0) };
	json_t *items = NULL, *progs = NULL;
	int64_t total;
	if ((rc = indicator_list(c, &q, &s, today_of(r), &items, &total, &r->err)) ||
	    (rc = programme_list(c, g.code, &progs, &r->err))) {
		json_decref(items);
		return rc;
	}
	decorate_all(r, items);
	json_t *ctx = json_object();
	json_object_set_new(ctx, "government", government_to_json(&g));
	json_object_set_new(ctx, "indicators", items);
	json_set_int(ctx, "total", total);
	json_set_bool(ctx, "has_indicators", total > 0);
	json_object_set_new(ctx, "programmes", progs);
	json_set_bool(ctx, "has_programmes", json_array_size(progs) > 0);
	json_set_bool(ctx, "can_write", r->signed_in && view_can(r, "indicator.write", g.code));
	json_object_set_new(ctx, "status_options", view_options(r, ind_status_names, status_label_of, req_param(r, "status"), N_("Any status")));
	json_object_set_new(ctx, "subject_options", view_options(r, subjects_any, subject_label, req_param(r, "subject"),
								 N_("Anything")));
	json_t *f = json_object();
	json_set_str(f, "q", req_param(r, "q"));
	json_object_set_new(ctx, "filter", f);
	int64_t off = q.offset;
	if (off + PAGE_SIZE < total)
		json_set_int(ctx, "next_offset", off + PAGE_SIZE);
	json_set_int(ctx, "this_year", today_of(r).year);
	if (error) {
		json_set_str(ctx, "programme_error", error);
		posted(r, ctx);
	}
	char title[TERR_NAME_MAX + 80];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Indicators"), g.name);
	return page(r, "indicators", ctx, title);
}

int h_indicators(struct req *r) { return list_page(r, NULL); }

/* ---- programmes ---- */

int h_programme_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *gov = view_government(r);
	int rc = req_authorize(r, "indicator.write", gov);
	if (rc)
		return rc;
	int64_t id;
	rc = programme_create(c, &r->actor, r->now, gov, req_param(r, "code"), req_param(r, "name"),
			      req_param(r, "description"), req_param_int(r, "start_year", 0), req_param_int(r, "end_year", 0),
			      &id, &r->err);
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		return list_page(r, msg);
	}
	char loc[48];
	snprintf(loc, sizeof loc, "/programmes/%lld", (long long)id);
	return redirect(r, loc);
}

int h_programme(struct req *r)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	int64_t id;
	json_t *p = NULL, *items = NULL;
	int rc = arg_id(r, 0, &id);
	if (!rc)
		rc = programme_get_json(c, id, &p, &r->err);
	if (rc)
		return rc;
	struct indicator_query q = { .programme_id = id, .limit = 500 };
	int64_t total;
	if ((rc = indicator_list(c, &q, &s, today_of(r), &items, &total, &r->err))) {
		json_decref(p);
		return rc;
	}
	decorate_all(r, items);
	const char *gov = json_get_str(json_object_get(p, "government"), "code", "");
	json_t *ctx = json_object();
	json_set_bool(ctx, "can_write", r->signed_in && view_can(r, "indicator.write", gov));
	json_set_bool(ctx, "has_indicators", total > 0);
	json_object_set_new(ctx, "indicators", items);
	char title[700];
	snprintf(title, sizeof title, "%s %s", json_get_str(p, "code", ""), json_get_str(p, "name", ""));
	json_object_set_new(ctx, "programme", p);
	return page(r, "programme", ctx, title);
}

/* ---- the form of an indicator ---- */

static const char *unit_label_of(const char *n) { return ind_unit_label(n); }
static const char *direction_label_of(const char *n) { return ind_direction_label(n); }
static const char *freq_label_of(const char *n) { return ind_freq_label(n); }
static const char *scope_label_of(const char *n) { return ind_scope_label(n); }

/* What the indicator will be about, from ?element= / ?project= / ?programme=. */
static int about_from_params(struct req *r, json_t *ctx, char gov[7])
{
	struct db_conn *c = r->db;
	int64_t el = req_param_int(r, "element", 0), pr = req_param_int(r, "project", 0), pg = req_param_int(r, "programme", 0);
	json_t *about = json_object();
	int rc = 0;
	if (el) {
		struct plan_element e;
		struct plan p;
		if (!(rc = plan_element_get(c, el, &e, &r->err))) {
			if (!(rc = plan_get(c, e.plan_id, &p, &r->err))) {
				json_set_str(about, "subject", "element");
				json_set_int(about, "element", el);
				char label[1200];
				snprintf(label, sizeof label, "%s %s — %s", e.code, e.title, p.title);
				json_set_str(about, "label", label);
				snprintf(gov, 7, "%.6s", p.government);
				plan_release(&p);
			}
			plan_element_release(&e);
		}
	} else if (pr) {
		struct project_core k;
		json_t *pj = NULL;
		if (!(rc = project_core_get(c, pr, &k, &r->err)) && !(rc = project_get_json(c, pr, &pj, &r->err))) {
			json_set_str(about, "subject", "project");
			json_set_int(about, "project", pr);
			char label[1200];
			snprintf(label, sizeof label, "%s %s", k.code, json_get_str(pj, "title", ""));
			json_set_str(about, "label", label);
			snprintf(gov, 7, "%.6s", k.government[0] ? k.government : r->app->home_government);
		}
		json_decref(pj);
	} else if (pg) {
		json_t *pj = NULL;
		if (!(rc = programme_get_json(c, pg, &pj, &r->err))) {
			json_set_str(about, "subject", "programme");
			json_set_int(about, "programme", pg);
			char label[1200];
			snprintf(label, sizeof label, "%s %s", json_get_str(pj, "code", ""), json_get_str(pj, "name", ""));
			json_set_str(about, "label", label);
			snprintf(gov, 7, "%.6s", json_get_str(json_object_get(pj, "government"), "code", ""));
		}
		json_decref(pj);
	} else {
		json_set_str(about, "subject", "territory");
		snprintf(gov, 7, "%.6s", view_government(r));
	}
	if (rc == ERR_NOTFOUND)
		rc = r->err.code = ERR_INVALID;
	json_object_set_new(ctx, "about", about);
	return rc;
}

/* Options and values of the form; `ind` holds the values to show (posted or stored). */
static void form_context(struct req *r, json_t *ctx, const json_t *ind, const char *gov)
{
	json_object_set_new(ctx, "unit_options", view_options(r, ind_unit_names, unit_label_of, json_get_str(ind, "unit", "number"), NULL));
	json_object_set_new(ctx, "direction_options",
			    view_options(r, ind_direction_names, direction_label_of, json_get_str(ind, "direction", "increase"), NULL));
	json_object_set_new(ctx, "frequency_options",
			    view_options(r, ind_freq_names, freq_label_of, json_get_str(ind, "frequency", "quarter"), NULL));
	json_object_set_new(ctx, "scope_options",
			    view_options(r, ind_scope_names, scope_label_of, json_get_str(ind, "scope", "specific"), NULL));
	/* dimensions as checkboxes */
	json_t *dims = NULL;
	if (disagg_dimensions(r->db, &dims, &r->err) == 0) {
		size_t i, k;
		json_t *d, *x;
		json_array_foreach(dims, i, d) {
			json_set_str(d, "label", req_tr(r, json_get_str(d, "name", "")));
			bool on = false;
			json_array_foreach(json_object_get(ind, "dimensions"), k, x)
				on |= str_eq(json_string_value(x), json_get_str(d, "code", ""));
			json_set_bool(d, "checked", on);
			json_t *names = json_array();
			json_array_foreach(json_object_get(d, "categories"), k, x)
				json_array_append_new(names, json_string(req_tr(r, json_get_str(x, "name", ""))));
			json_object_set_new(d, "category_names", names);
		}
		json_object_set_new(ctx, "dimensions", dims);
	}
	err_init(&r->err, r->lang);
	/* the government's other indicators, for a formula */
	struct ind_settings s;
	indicator_settings_get(r->db, &s, &r->err);
	struct indicator_query q = { .government = gov, .limit = 500 };
	json_t *items = NULL;
	int64_t total;
	if (indicator_list(r->db, &q, &s, today_of(r), &items, &total, &r->err) == 0) {
		json_t *num = json_array(), *den = json_array();
		int64_t self = json_get_int(ind, "id", 0);
		int64_t n_sel = json_get_int(json_object_get(ind, "numerator"), "id", json_get_int(ind, "numerator_id", 0));
		int64_t d_sel = json_get_int(json_object_get(ind, "denominator"), "id", json_get_int(ind, "denominator_id", 0));
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it) {
			int64_t id = json_get_int(it, "id", 0);
			if (id == self)
				continue;
			for (int k = 0; k < 2; k++) {
				json_t *o = json_object();
				json_set_int(o, "id", id);
				char label[600];
				snprintf(label, sizeof label, "%s %s", json_get_str(it, "code", ""), json_get_str(it, "name", ""));
				json_set_str(o, "label", label);
				json_set_bool(o, "selected", id == (k ? d_sel : n_sel));
				json_array_append_new(k ? den : num, o);
			}
		}
		json_object_set_new(ctx, "numerator_options", num);
		json_object_set_new(ctx, "denominator_options", den);
	}
	json_decref(items);
	err_init(&r->err, r->lang);
}

int h_indicator_new(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *ctx = json_object();
	char gov[7] = "";
	int rc = about_from_params(r, ctx, gov);
	if (!rc)
		rc = req_authorize(r, "indicator.write", gov);
	if (rc) {
		json_decref(ctx);
		return rc;
	}
	struct government g;
	if ((rc = government_get(c, gov, &g, &r->err))) {
		json_decref(ctx);
		return rc;
	}
	json_t *ind = json_object();
	json_set_int(ind, "weight", 1);
	json_set_str(ind, "baseline_source", "");
	char y[16];
	snprintf(y, sizeof y, "%04d-Q1", today_of(r).year);
	json_set_str(ind, "start_period", y);
	snprintf(y, sizeof y, "%04d-Q4", today_of(r).year);
	json_set_str(ind, "end_period", y);
	form_context(r, ctx, ind, g.code);
	json_object_set_new(ctx, "government", government_to_json(&g));
	json_object_set_new(ctx, "ind", ind);
	json_set_str(ctx, "action", "/indicators");
	json_set_bool(ctx, "is_new", true);
	return page(r, "indicator_form", ctx, req_tr(r, "New indicator"));
}

/* The input from the form's parameters; dims points into r->params. */
static void input_from(struct req *r, struct indicator_input *in, const char **dims, size_t maxdims)
{
	size_t nd = 0;
	for (size_t k = 0; k < r->params.n && nd + 1 < maxdims; k++)
		if (str_eq(r->params.items[k].name, "dimension"))
			dims[nd++] = r->params.items[k].value;
	dims[nd] = NULL;
	const char *dec = req_param(r, "decimals");
	*in = (struct indicator_input){
		.government = req_param(r, "government"), .territory = req_param(r, "territory"),
		.subject = req_param(r, "subject"), .element_id = req_param_int(r, "element", 0),
		.project_id = req_param_int(r, "project", 0), .programme_id = req_param_int(r, "programme", 0),
		.code = req_param(r, "code"), .scope = req_param(r, "scope"), .name = req_param(r, "name"),
		.definition = req_param(r, "definition"), .unit = req_param(r, "unit"), .unit_label = req_param(r, "unit_label"),
		.decimals = dec ? (int)req_param_int(r, "decimals", 0) : 0, .currency = req_param(r, "currency"),
		.direction = req_param(r, "direction"), .frequency = req_param(r, "frequency"),
		.start_period = req_param(r, "start_period"), .end_period = req_param(r, "end_period"),
		.numerator_id = req_param_int(r, "numerator", 0), .denominator_id = req_param_int(r, "denominator", 0),
		.factor = req_param_int(r, "factor", 0), .baseline = req_param(r, "baseline"),
		.baseline_date = req_param(r, "baseline_date"), .baseline_source = req_param(r, "baseline_source"),
		.final_target = req_param(r, "final_target"), .final_target_high = req_param(r, "final_target_high"),
		.weight = req_param_int(r, "weight", 0), .responsible_office = req_param(r, "responsible_office"),
		.data_source = req_param(r, "data_source"), .verification = req_param(r, "verification"), .dimensions = dims,
	};
}

/* The form again with the message and what was typed. */
static int form_again(struct req *r, int rc, int64_t id, const char *gov)
{
	char msg[ERR_MSG_MAX];
	view_take_refusal(r, rc, msg);
	json_t *ctx = json_object();
	char g2[7] = "";
	if (!id)
		about_from_params(r, ctx, g2);
	err_init(&r->err, r->lang);
	json_t *ind = json_object();
	for (size_t k = 0; k < r->params.n; k++) {
		const char *n = r->params.items[k].name;
		if (str_eq(n, "dimension")) {
			json_t *d = json_object_get(ind, "dimensions");
			if (!d)
				json_object_set_new(ind, "dimensions", d = json_array());
			json_array_append_new(d, json_string(r->params.items[k].value));
		} else if (!json_object_get(ind, n)) {
			json_set_str(ind, n, r->params.items[k].value);
		}
	}
	json_set_int(ind, "numerator_id", req_param_int(r, "numerator", 0));
	json_set_int(ind, "denominator_id", req_param_int(r, "denominator", 0));
	if (id)
		json_set_int(ind, "id", id);
	form_context(r, ctx, ind, gov);
	struct government g;
	if (government_get(r->db, gov, &g, &r->err) == 0)
		json_object_set_new(ctx, "government", government_to_json(&g));
	err_init(&r->err, r->lang);
	json_object_set_new(ctx, "ind", ind);
	json_set_str(ctx, "error", msg);
	char action[48];
	snprintf(action, sizeof action, id ? "/indicators/%lld" : "/indicators", (long long)id);
	json_set_str(ctx, "action", action);
	json_set_bool(ctx, "is_new", id == 0);
	return page(r, "indicator_form", ctx, req_tr(r, id ? N_("Edit the indicator") : N_("New indicator")));
}

int h_indicator_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *tmp = json_object();
	char gov[7] = "";
	int rc = about_from_params(r, tmp, gov);
	json_decref(tmp);
	if (!rc)
		rc = req_authorize(r, "indicator.write", gov);
	if (rc)
		return rc;
	const char *dims[IND_MAX_DIMS + 2];
	struct indicator_input in;
	input_from(r, &in, dims, ARRAY_LEN(dims));
	if (!in.subject)
		in.subject = req_param_int(r, "element", 0) ? "element" : req_param_int(r, "project", 0) ? "project"
			   : req_param_int(r, "programme", 0) ? "programme" : "territory";
	if (str_eq(in.subject, "territory") && !in.government)
		in.government = gov;
	int64_t id;
	rc = indicator_create(c, &r->actor, r->now, &in, &id, &r->err);
	if (rc)
		return view_shows_form(rc) ? form_again(r, rc, 0, gov) : rc;
	char loc[48];
	snprintf(loc, sizeof loc, "/indicators/%lld", (long long)id);
	return redirect(r, loc);
}

/* Loads the indicator of the path and checks `action` over its government. */
static int guarded(struct req *r, const char *action, int64_t *id, struct indicator_core *k)
{
	if (!req_db(r))
		return r->err.code;
	int rc = arg_id(r, 0, id);
	if (!rc)
		rc = indicator_core_get(r->db, *id, k, &r->err);
	return rc ? rc : req_authorize(r, action, k->government);
}

int h_indicator_edit(struct req *r)
{
	int64_t id;
	struct indicator_core k;
	struct ind_settings s;
	int rc = guarded(r, "indicator.write", &id, &k);
	if (rc || (rc = settings(r, &s)))
		return rc;
	json_t *ind = NULL;
	if ((rc = indicator_get_json(r->db, id, &s, today_of(r), &ind, &r->err)))
		return rc;
	/* the stored values as they are typed */
	struct db_stmt *st = db_prepare(r->db, "SELECT baseline_value, final_target, final_target_high, territory_code FROM indicator"
					       " WHERE id = ?", &r->err);
	if (st) {
		db_bind_int64(st, 1, id);
		if (db_step(st, &r->err) == DB_ROW) {
			static const char *const keys[] = { "baseline", "final_target", "final_target_high" };
			for (int c2 = 0; c2 < 3; c2++) {
				char b[IND_VALUE_TEXT_MAX];
				json_set_str(ind, keys[c2], db_col_null(st, c2) ? "" : ind_value_format(db_col_int64(st, c2), k.decimals, false, b));
			}
			json_set_str(ind, "territory", db_col_text(st, 3));
		}
		db_finish(st);
	}
	err_init(&r->err, r->lang);
	json_t *ctx = json_object();
	form_context(r, ctx, ind, k.government);
	struct government g;
	if (government_get(r->db, k.government, &g, &r->err) == 0)
		json_object_set_new(ctx, "government", government_to_json(&g));
	err_init(&r->err, r->lang);
	json_t *about = json_object();
	json_set_str(about, "subject", k.subject);
	json_set_int(about, "element", k.element_id);
	json_set_int(about, "project", k.project_id);
	json_set_int(about, "programme", k.programme_id);
	const json_t *ab = json_object_get(ind, "about");
	char label[1200];
	snprintf(label, sizeof label, "%s %s", json_get_str(ab, "code", ""), json_get_str(ab, "title", ""));
	json_set_str(about, "label", label);
	json_object_set_new(ctx, "about", about);
	char action[48];
	snprintf(action, sizeof action, "/indicators/%lld", (long long)id);
	json_set_str(ctx, "action", action);
	json_object_set_new(ctx, "ind", ind);
	return page(r, "indicator_form", ctx, req_tr(r, "Edit the indicator"));
}

int h_indicator_update(struct req *r)
{
	int64_t id;
	struct indicator_core k;
	int rc = guarded(r, "indicator.write", &id, &k);
	if (rc)
		return rc;
	const char *dims[IND_MAX_DIMS + 2];
	struct indicator_input in;
	input_from(r, &in, dims, ARRAY_LEN(dims));
	in.subject = k.subject;
	in.element_id = k.element_id;
	in.project_id = k.project_id;
	in.programme_id = k.programme_id;
	in.government = k.government;
	rc = indicator_update(r->db, &r->actor, r->now, id, &in, &r->err);
	if (rc)
		return view_shows_form(rc) ? form_again(r, rc, id, k.government) : rc;
	char loc[48];
	snprintf(loc, sizeof loc, "/indicators/%lld", (long long)id);
	return redirect(r, loc);
}

/* ---- the indicator page ---- */


static void series_chart(const struct req *r, json_t *ind, json_t *ctx)
{
	json_t *series = json_object_get(ind, "series");
	size_t n = json_array_size(series), i;
	if (!n)
		return;
	int dec = (int)json_get_int(ind, "decimals", 0);
	struct svg_period *pts = calloc(n, sizeof *pts);
	json_t *row;
	json_array_foreach(series, i, row) {
		const json_t *a = json_object_get(row, "actual"), *x = json_object_get(row, "expected");
		pts[i].period = json_get_str(row, "period", "");
		if (json_is_object(a)) {
			pts[i].has_actual = true;
			pts[i].actual = ind_value_double(json_get_int(a, "scaled", 0), dec);
			pts[i].actual_text = json_get_str(a, "text", "");
		}
		if (json_is_object(x)) {
			pts[i].has_expected = true;
			pts[i].expected = ind_value_double(json_get_int(x, "scaled", 0), dec);
			pts[i].expected_high = ind_value_double(json_get_int(x, "high", json_get_int(x, "scaled", 0)), dec);
			pts[i].expected_text = json_get_str(x, "text", "");
			pts[i].trajectory = !str_eq(json_get_str(x, "kind", ""), "target");
			json_set_bool(row, "trajectory", pts[i].trajectory);
		}
		pts[i].status = json_get_str(row, "status", "no_data");
		json_set_str(row, "status_label", status_text(r, pts[i].status));
	}
	struct buf svg;
	buf_init(&svg, 1 << 20);
	char title[600];
	snprintf(title, sizeof title, "%s: %s", json_get_str(ind, "name", ""), req_tr(r, "target and actual per period"));
	int rc = svg_target_actual(&svg, "series", title,
				   req_tr(r, "For each period, a column with the approved value, coloured by its status, and a line at what was expected: solid for a target set for the period, dashed for a point on the way from the baseline to the next target. The table below gives the same figures."),
				   req_tr(r, "Approved value"), req_tr(r, "Expected"), pts, n);
	put_svg(ctx, "chart", &svg, rc);
	free(pts);
}

static int indicator_page(struct req *r, int64_t id, const struct form_error *fe)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	json_t *ind = NULL, *ms = NULL;
	int rc = indicator_get_json(c, id, &s, today_of(r), &ind, &r->err);
	if (!rc)
		rc = measurement_list(c, id, &ms, &r->err);
	if (rc) {
		json_decref(ind);
		return rc;
	}
	decorate(r, ind);
	const char *gov = json_get_str(ind, "government", "");
	json_t *ctx = json_object();
	series_chart(r, ind, ctx);
	size_t i, k;
	json_t *m, *x;
	json_array_foreach(ms, i, m) {
		json_set_str(m, "status_label", req_tr(r, ind_mstatus_label(json_get_str(m, "status", ""))));
		json_array_foreach(json_object_get(m, "cells"), k, x) {
			json_set_str(x, "category_label", req_tr(r, json_get_str(x, "category_name", "")));
			json_set_str(x, "dimension_label", req_tr(r, json_get_str(x, "dimension_name", "")));
		}
	}
	json_array_foreach(json_object_get(ind, "feedback"), i, m)
		json_set_str(m, "status_label", req_tr(r, json_is_true(json_object_get(m, "open")) ? N_("open") : N_("done")));
	bool can_write = r->signed_in && view_can(r, "indicator.write", gov);
	json_set_bool(ctx, "can_write", can_write);
	json_set_bool(ctx, "can_measure", can_write && !json_is_true(json_object_get(ind, "formula")));
	json_set_bool(ctx, "has_measurements", json_array_size(ms) > 0);
	json_set_bool(ctx, "has_targets", json_array_size(json_object_get(ind, "targets")) > 0);
	json_set_bool(ctx, "has_feedback", json_array_size(json_object_get(ind, "feedback")) > 0);
	json_object_set_new(ctx, "measurements", ms);
	/* the measurement form: one input per category of each declared dimension */
	json_t *dims = NULL;
	if (disagg_dimensions(c, &dims, &r->err) == 0) {
		json_t *declared = json_array();
		json_array_foreach(dims, i, m) {
			bool on = false;
			json_array_foreach(json_object_get(ind, "dimensions"), k, x)
				on |= str_eq(json_string_value(x), json_get_str(m, "code", ""));
			if (!on)
				continue;
			json_set_str(m, "label", req_tr(r, json_get_str(m, "name", "")));
			json_array_foreach(json_object_get(m, "categories"), k, x) {
				char key[40];
				snprintf(key, sizeof key, "%s.%s", json_get_str(m, "code", ""), json_get_str(x, "code", ""));
				json_set_str(x, "key", key);
				json_set_str(x, "label", req_tr(r, json_get_str(x, "name", "")));
			}
			json_array_append(declared, m);
		}
		json_set_bool(ctx, "has_dimensions", json_array_size(declared) > 0);
		json_object_set_new(ctx, "dimensions", declared);
		json_t *labels = json_array();
		json_array_foreach(declared, i, m)
			json_array_append_new(labels, json_string(json_get_str(m, "label", "")));
		json_object_set_new(ctx, "dimension_labels", labels);
	}
	json_decref(dims);
	err_init(&r->err, r->lang);
	/* the latest period, proposed for feedback */
	const json_t *latest = json_object_get(ind, "latest");
	json_set_str(ctx, "feedback_period", json_is_object(latest) ? json_get_str(latest, "period", "") : "");
	char today[DATE_FMT_MAX];
	json_set_str(ctx, "today", date_format(today_of(r), today));
	if (fe) {
		json_set_str(ctx, fe->form, fe->message);
		posted(r, ctx);
	}
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if (audit_history(c, "indicator", sid, 30, &hist, &r->err) == 0)
		json_object_set_new(ctx, "history", hist);
	err_init(&r->err, r->lang);
	char title[700];
	snprintf(title, sizeof title, "%s %s", json_get_str(ind, "code", ""), json_get_str(ind, "name", ""));
	json_object_set_new(ctx, "ind", ind);
	return page(r, "indicator", ctx, title);
}

int h_indicator(struct req *r)
{
	int64_t id;
	int rc = arg_id(r, 0, &id);
	return rc ? rc : indicator_page(r, id, NULL);
}

static int after_form(struct req *r, int64_t id, int rc, const char *form, const char *anchor)
{
	return view_after_form(r, id, rc, form, anchor, "/indicators", indicator_page);
}

int h_indicator_target(struct req *r)
{
	int64_t id;
	struct indicator_core k;
	int rc = guarded(r, "indicator.write", &id, &k);
	if (rc)
		return rc;
	rc = indicator_target_set(r->db, &r->actor, r->now, id, req_param(r, "period"), req_param(r, "value"),
				  req_param(r, "high"), &r->err);
	return after_form(r, id, rc, "target_error", "targets");
}

/* The cells typed in a measurement form: cell_key "sex.female" and cell_value,
 * in the same order. Returns how many keys came (more than max: refused by the
 * caller, never dropped). */
static size_t cells_from(struct req *r, struct measurement_cell_input *cells, size_t max, char (*keys)[40])
{
	size_t nk = 0, nv = 0, seen = 0;
	for (size_t i = 0; i < r->params.n; i++) {
		const struct kv *kv = &r->params.items[i];
		if (str_eq(kv->name, "cell_key"))
			seen++;
		if (str_eq(kv->name, "cell_key") && nk < max) {
			snprintf(keys[nk], 40, "%s", kv->value);
			char *dot = strchr(keys[nk], '.');
			if (dot)
				*dot = '\0';
			cells[nk].dimension = keys[nk];
			cells[nk].category = dot ? dot + 1 : "";
			cells[nk].value = "";
			nk++;
		}
	}
	for (size_t i = 0; i < r->params.n; i++) {
		const struct kv *kv = &r->params.items[i];
		if (str_eq(kv->name, "cell_value") && nv < nk)
			cells[nv++].value = kv->value;
	}
	return seen;
}

int h_measurement_save(struct req *r)
{
	int64_t id;
	struct indicator_core k;
	int rc = guarded(r, "indicator.write", &id, &k);
	if (rc)
		return rc;
	struct measurement_cell_input cells[IND_MAX_CELLS];
	char keys[IND_MAX_CELLS][40];
	const struct mp_part *f = req_file(r, "file");
	size_t ncells = cells_from(r, cells, IND_MAX_CELLS, keys);
	if (ncells > IND_MAX_CELLS)
		return after_form(r, id, err_set(&r->err, ERR_INVALID, "Too many disaggregated values (limit %d)", IND_MAX_CELLS),
				  "measurement_error", "measure");
	struct measurement_input in = { .period = req_param(r, "period"), .value = req_param(r, "value"),
					.cells = cells, .ncells = ncells,
					.comment = req_param(r, "comment"), .evidence_ref = req_param(r, "evidence_ref"),
					.file_name = f ? f->filename : NULL, .file_data = f ? f->data : NULL,
					.file_len = f ? f->len : 0 };
	int64_t mid;
	rc = measurement_save(r->db, &r->actor, r->now, id, &in, &mid, &r->err);
	if (rc)
		return after_form(r, id, rc, "measurement_error", "measure");
	char loc[80];
	snprintf(loc, sizeof loc, "/indicators/%lld/measurements/%lld", (long long)id, (long long)mid);
	return redirect(r, loc);
}

int h_feedback_add(struct req *r)
{
	int64_t id, fid;
	struct indicator_core k;
	int rc = guarded(r, "indicator.write", &id, &k);
	if (rc)
		return rc;
	struct feedback_input in = { .period = req_param(r, "period"), .finding = req_param(r, "finding"),
				     .decision = req_param(r, "decision"), .decided_by = req_param(r, "decided_by"),
				     .decided_on = req_param(r, "decided_on"), .responsible = req_param(r, "responsible"),
				     .due_on = req_param(r, "due_on") };
	rc = feedback_add(r->db, &r->actor, r->now, id, &in, &fid, &r->err);
	return after_form(r, id, rc, "feedback_error", "feedback");
}

int h_feedback_done(struct req *r)
{
	int64_t id, fid, owner;
	struct indicator_core k;
	int rc = guarded(r, "indicator.write", &id, &k);
	if (!rc)
		rc = arg_id(r, 1, &fid);
	if (!rc)
		rc = feedback_indicator(r->db, fid, &owner, &r->err);
	if (!rc && owner != id)
		rc = err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	if (rc)
		return rc;
	rc = feedback_done(r->db, &r->actor, r->now, fid, req_param(r, "done_on"), req_param(r, "note"), &r->err);
	return after_form(r, id, rc, "feedback_error", "feedback");
}

/* ---- the measurement page ---- */

static int measurement_guard(struct req *r, const char *action, int64_t *id, int64_t *mid, struct indicator_core *k)
{
	int rc = guarded(r, action, id, k);
	int64_t owner;
	if (!rc)
		rc = arg_id(r, 1, mid);
	if (!rc)
		rc = measurement_indicator(r->db, *mid, &owner, &r->err);
	if (!rc && owner != *id)
		rc = err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	return rc;
}

static int measurement_page(struct req *r, int64_t id, int64_t mid, const struct form_error *fe)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct indicator_core k;
	json_t *m = NULL;
	int rc = indicator_core_get(c, id, &k, &r->err);
	if (!rc)
		rc = measurement_get_json(c, mid, &m, &r->err);
	if (!rc && json_get_int(m, "indicator_id", 0) != id)
		rc = err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	if (rc) {
		json_decref(m);
		return rc;
	}
	const char *status = json_get_str(m, "status", "");
	json_set_str(m, "status_label", req_tr(r, ind_mstatus_label(status)));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(m, "cells"), i, x) {
		json_set_str(x, "category_label", req_tr(r, json_get_str(x, "category_name", "")));
		json_set_str(x, "dimension_label", req_tr(r, json_get_str(x, "dimension_name", "")));
	}
	json_array_foreach(json_object_get(m, "events"), i, x) {
		const char *from = json_get_str(x, "from", NULL);
		if (from)
			json_set_str(x, "from_label", req_tr(r, ind_mstatus_label(from)));
		json_set_str(x, "to_label", req_tr(r, ind_mstatus_label(json_get_str(x, "to", ""))));
	}
	bool can_write = r->signed_in && view_can(r, "indicator.write", k.government);
	bool can_approve = r->signed_in && view_can(r, "indicator.approve", k.government);
	bool editable = ind_mstatus_editable(status) && str_eq(json_get_str(m, "origin", ""), "entry");
	json_t *ctx = json_object();
	json_set_bool(ctx, "can_edit", can_write && editable);
	json_set_bool(ctx, "can_submit", can_write && editable);
	json_set_bool(ctx, "can_review", can_approve && str_eq(status, "submitted"));
	json_set_bool(ctx, "can_add_evidence", can_write && !str_eq(status, "approved") && str_eq(json_get_str(m, "origin", ""), "entry"));
	json_set_bool(ctx, "has_cells", json_array_size(json_object_get(m, "cells")) > 0);
	json_set_bool(ctx, "has_files", json_array_size(json_object_get(m, "files")) > 0);
	/* the edit form: the declared categories with their values */
	if (can_write && editable) {
		json_t *dims = NULL;
		if (disagg_dimensions(c, &dims, &r->err) == 0) {
			json_t *declared = json_array();
			size_t j, q;
			json_t *d, *cat, *cell;
			json_array_foreach(dims, j, d) {
				bool on = false;
				for (size_t z = 0; z < k.ndims; z++)
					on |= str_eq(k.dims[z], json_get_str(d, "code", ""));
				if (!on)
					continue;
				json_set_str(d, "label", req_tr(r, json_get_str(d, "name", "")));
				json_array_foreach(json_object_get(d, "categories"), q, cat) {
					char key[40];
					snprintf(key, sizeof key, "%s.%s", json_get_str(d, "code", ""), json_get_str(cat, "code", ""));
					json_set_str(cat, "key", key);
					json_set_str(cat, "label", req_tr(r, json_get_str(cat, "name", "")));
					json_array_foreach(json_object_get(m, "cells"), i, cell)
						if (str_eq(json_get_str(cell, "dimension", ""), json_get_str(d, "code", "")) &&
						    str_eq(json_get_str(cell, "category", ""), json_get_str(cat, "code", ""))) {
							char b[IND_VALUE_TEXT_MAX];
							json_set_str(cat, "value", ind_value_format(json_get_int(cell, "scaled", 0), k.decimals,
												false, b));
						}
				}
				json_array_append(declared, d);
			}
			json_object_set_new(ctx, "dimensions", declared);
		}
		json_decref(dims);
		err_init(&r->err, r->lang);
		char b[IND_VALUE_TEXT_MAX];
		json_set_str(m, "value_input", json_is_true(json_object_get(m, "total_given"))
			     ? ind_value_format(json_get_int(m, "scaled", 0), k.decimals, false, b) : "");
	}
	if (fe) {
		json_set_str(ctx, fe->form, fe->message);
		posted(r, ctx);
	}
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)mid);
	if (audit_history(c, "measurement", sid, 30, &hist, &r->err) == 0)
		json_object_set_new(ctx, "history", hist);
	err_init(&r->err, r->lang);
	char title[700];
	snprintf(title, sizeof title, "%s %s — %s", req_tr(r, "Measurement"), json_get_str(m, "period", ""),
		 json_get_str(json_object_get(m, "indicator"), "name", ""));
	json_object_set_new(ctx, "m", m);
	return page(r, "measurement", ctx, title);
}

int h_measurement(struct req *r)
{
	int64_t id, mid;
	int rc = arg_id(r, 0, &id);
	if (!rc)
		rc = arg_id(r, 1, &mid);
	return rc ? rc : measurement_page(r, id, mid, NULL);
}

static int after_measurement(struct req *r, int64_t id, int64_t mid, int rc, const char *form)
{
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		struct form_error fe = { form, msg };
		return measurement_page(r, id, mid, &fe);
	}
	char loc[80];
	snprintf(loc, sizeof loc, "/indicators/%lld/measurements/%lld", (long long)id, (long long)mid);
	return redirect(r, loc);
}

int h_measurement_submit(struct req *r)
{
	int64_t id, mid;
	struct indicator_core k;
	int rc = measurement_guard(r, "indicator.write", &id, &mid, &k);
	if (rc)
		return rc;
	rc = measurement_submit(r->db, &r->actor, r->now, mid, &r->err);
	return after_measurement(r, id, mid, rc, "workflow_error");
}

int h_measurement_approve(struct req *r)
{
	int64_t id, mid;
	struct indicator_core k;
	int rc = measurement_guard(r, "indicator.approve", &id, &mid, &k);
	if (rc)
		return rc;
	rc = measurement_approve(r->db, &r->actor, r->now, mid, req_param(r, "note"), &r->err);
	return after_measurement(r, id, mid, rc, "workflow_error");
}

int h_measurement_return(struct req *r)
{
	int64_t id, mid;
	struct indicator_core k;
	int rc = measurement_guard(r, "indicator.approve", &id, &mid, &k);
	if (rc)
		return rc;
	rc = measurement_return(r->db, &r->actor, r->now, mid, req_param(r, "reason"), &r->err);
	return after_measurement(r, id, mid, rc, "workflow_error");
}

int h_measurement_evidence(struct req *r)
{
	int64_t id, mid;
	struct indicator_core k;
	int rc = measurement_guard(r, "indicator.write", &id, &mid, &k);
	if (rc)
		return rc;
	const struct mp_part *f = req_file(r, "file");
	rc = measurement_evidence_add(r->db, &r->actor, r->now, mid, req_param(r, "reference"), f ? f->filename : NULL,
				      f ? f->data : NULL, f ? f->len : 0, &r->err);
	return after_measurement(r, id, mid, rc, "evidence_error");
}

int h_measurement_file(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id, mid, fid, owner;
	int rc = arg_id(r, 0, &id);
	if (!rc)
		rc = arg_id(r, 1, &mid);
	if (!rc)
		rc = arg_id(r, 2, &fid);
	if (!rc)
		rc = measurement_indicator(c, mid, &owner, &r->err);
	if (!rc && owner != id)
		rc = err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	void *data = NULL;
	size_t len = 0;
	json_t *meta = NULL;
	if (!rc)
		rc = measurement_file(c, mid, fid, &data, &len, &meta, &r->err);
	if (rc)
		return rc;
	return view_send_file(r, data, len, meta);
}

/* ---- dashboards ---- */

static const char *view_territory(const struct req *r)
{
	const char *t = req_param(r, "territory");
	return t && *t ? t : r->app->home_government;
}

static void attainment_chart(const struct req *r, json_t *ctx, const char *key, const char *id, json_t *items,
			     const char *title, const char *desc, const struct ind_settings *s, bool areas)
{
	size_t n = json_array_size(items), i;
	if (!n)
		return;
	struct svg_attain *rows = calloc(n, sizeof *rows);
	char (*texts)[120] = calloc(n, sizeof *texts);
	char (*labels)[400] = calloc(n, sizeof *labels);
	char (*hrefs)[64] = calloc(n, sizeof *hrefs);
	json_t *o;
	json_array_foreach(items, i, o) {
		const json_t *roll = areas ? json_object_get(o, "rollup") : o;
		const char *st = json_get_str(roll, "status", "no_data");
		rows[i].status = st;
		rows[i].has = json_is_integer(json_object_get(roll, "attainment_bp"));
		rows[i].bp = json_get_int(roll, "attainment_bp", 0);
		if (areas) {
			snprintf(labels[i], sizeof labels[i], "%s (%lld)", json_get_str(o, "name", ""),
				 (long long)json_get_int(roll, "total", 0));
			snprintf(hrefs[i], sizeof hrefs[i], "/monitoring?territory=%s", json_get_str(o, "code", ""));
		} else {
			snprintf(labels[i], sizeof labels[i], "%s %s", json_get_str(o, "code", ""), json_get_str(o, "name", ""));
			snprintf(hrefs[i], sizeof hrefs[i], "/indicators/%lld", (long long)json_get_int(o, "id", 0));
		}
		rows[i].label = labels[i];
		rows[i].href = hrefs[i];
		if (rows[i].has)
			snprintf(texts[i], sizeof texts[i], "%s · %s", json_get_str(roll, "attainment_text", ""), status_text(r, st));
		else
			snprintf(texts[i], sizeof texts[i], "%s", status_text(r, st));
		rows[i].text = texts[i];
	}
	struct buf svg;
	buf_init(&svg, 4 << 20);
	char on[64], risk[64], b1[40], b2[40];
	snprintf(on, sizeof on, "%s %s", req_tr(r, "On track"), ind_bp_text(s->th.on_track_bp, b1, sizeof b1));
	snprintf(risk, sizeof risk, "%s %s", req_tr(r, "At risk"), ind_bp_text(s->th.at_risk_bp, b2, sizeof b2));
	int rc = svg_attainment(&svg, id, title, desc, rows, n, s->th.on_track_bp, s->th.at_risk_bp, on, risk);
	put_svg(ctx, key, &svg, rc);
	free(rows);
	free(texts);
	free(labels);
	free(hrefs);
}

static void lights_chart(const struct req *r, json_t *plan, int index)
{
	json_t *tops = json_object_get(plan, "top");
	size_t n = json_array_size(tops), i;
	if (!n)
		return;
	struct svg_light *rows = calloc(n, sizeof *rows);
	char (*labels)[400] = calloc(n, sizeof *labels);
	char (*texts)[160] = calloc(n, sizeof *texts);
	char (*hrefs)[64] = calloc(n, sizeof *hrefs);
	json_t *o;
	json_array_foreach(tops, i, o) {
		const json_t *roll = json_object_get(o, "rollup");
		decorate_rollup(r, (json_t *)roll);
		snprintf(labels[i], sizeof labels[i], "%s %s", json_get_str(o, "code", ""), json_get_str(o, "title", ""));
		snprintf(hrefs[i], sizeof hrefs[i], "/plans/%lld/elements/%lld", (long long)json_get_int(plan, "id", 0),
			 (long long)json_get_int(o, "id", 0));
		const char *st = json_get_str(roll, "status", "no_data");
		char n_ind[80];
		trf(r->lang, n_ind, sizeof n_ind, "%lld indicators", (long long)json_get_int(roll, "total", 0));
		if (json_get_int(roll, "assessed", 0))
			snprintf(texts[i], sizeof texts[i], "%s · %s · %s", status_text(r, st), json_get_str(roll, "attainment_text", ""), n_ind);
		else
			snprintf(texts[i], sizeof texts[i], "%s · %s", status_text(r, st), n_ind);
		rows[i] = (struct svg_light){ labels[i], hrefs[i], st, texts[i] };
	}
	struct buf svg;
	buf_init(&svg, 1 << 20);
	char id[24], title[600];
	snprintf(id, sizeof id, "lights-%d", index);
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Traffic lights by axis"), json_get_str(plan, "label", ""));
	int rc = svg_traffic_lights(&svg, id, title,
				    req_tr(r, "For each top-level element of the plan (the axes of a Concerted Development Plan), the status of the weighted attainment of the indicators under it, in words and colour."),
				    rows, n);
	put_svg(plan, "lights", &svg, rc);
	free(rows);
	free(labels);
	free(texts);
	free(hrefs);
}

static void progress_chart(const struct req *r, json_t *ctx, json_t *projects)
{
	size_t n = json_array_size(projects), i;
	if (!n)
		return;
	struct svg_progress *bars = calloc(n, sizeof *bars);
	char (*texts)[2][24] = calloc(n, sizeof *texts);
	char (*hrefs)[40] = calloc(n, sizeof *hrefs);
	json_t *p;
	json_array_foreach(projects, i, p) {
		view_percent(p, "physical_pct", json_get_int(p, "physical_progress_bp", 0));
		view_percent(p, "financial_pct", json_get_int(p, "financial_progress_bp", 0));
		json_set_str(p, "status_label", req_tr(r, project_status_label(project_status_parse(json_get_str(p, "status", "")))));
		decorate_rollup(r, json_object_get(p, "rollup"));
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
	struct buf svg;
	buf_init(&svg, 4 << 20);
	int rc = svg_progress_pairs(&svg, "progress", req_tr(r, "Physical and financial progress"),
				    req_tr(r, "For each project being executed, the share of the work done and the share of its cost disbursed or spent"),
				    req_tr(r, "Physical"), req_tr(r, "Financial"), bars, n);
	put_svg(ctx, "progress_chart", &svg, rc);
	free(bars);
	free(texts);
	free(hrefs);
}

/* The view over the places inside a province or a region. */
static void areas_view(const struct req *r, json_t *ctx, json_t *areas, const struct ind_settings *s)
{
	if (!json_is_object(areas))
		return;
	json_t *list = json_object_get(areas, "areas");
	size_t i;
	json_t *a;
	json_t *places = json_array();
	json_array_foreach(list, i, a) {
		decorate_rollup(r, json_object_get(a, "rollup"));
		json_set_bool(a, "has_indicators", json_get_int(a, "indicators", 0) > 0);
		if (!json_is_true(json_object_get(a, "whole")))
			json_array_append(places, a);
	}
	bool region = str_eq(json_get_str(areas, "level", ""), "province");
	json_set_bool(areas, "by_province", region);
	attainment_chart(r, ctx, "areas_chart", "areas", places,
			 req_tr(r, region ? N_("Attainment of the indicators of each province") : N_("Attainment of the indicators of each district")),
			 req_tr(r, "For each place, the weighted attainment of the indicators measured there, with the number of indicators; places without assessed indicators show no bar."),
			 s, true);
	/* one chart per series: the value of each place */
	json_t *series = json_object_get(areas, "series");
	json_t *charts = json_array();
	json_array_foreach(series, i, a) {
		size_t n = json_array_size(places), k;
		struct svg_bar *bars = calloc(n ? n : 1, sizeof *bars);
		char (*hrefs)[48] = calloc(n ? n : 1, sizeof *hrefs);
		json_t *pl;
		json_array_foreach(places, k, pl) {
			const json_t *v = json_array_get(json_object_get(pl, "values"), i);
			bars[k].label = json_get_str(pl, "name", "");
			bars[k].value = json_is_integer(json_object_get(v, "scaled"))
				? ind_value_double(json_get_int(v, "scaled", 0), (int)json_get_int(a, "decimals", 0)) : 0;
			bars[k].value_text = json_get_str(v, "text", "—") ? json_get_str(v, "text", "—") : "—";
			snprintf(hrefs[k], sizeof hrefs[k], "/monitoring?territory=%s", json_get_str(pl, "code", ""));
			bars[k].href = hrefs[k];
		}
		struct buf svg;
		buf_init(&svg, 4 << 20);
		char id[32], title[600], desc[800];
		snprintf(id, sizeof id, "series-%zu", i);
		snprintf(title, sizeof title, "%s (%s), %s", json_get_str(a, "name", ""), json_get_str(a, "unit_label", ""),
			 json_get_str(a, "period", ""));
		snprintf(desc, sizeof desc, "%s", req_tr(r, json_is_true(json_object_get(a, "formula"))
						 ? N_("For each place, the value computed from the sums of its districts' figures.")
						 : N_("For each place, the sum of its districts' figures.")));
		json_t *ch = json_object();
		json_set_str(ch, "title", title);
		if (svg_hbars(&svg, id, title, desc, bars, n, 0) == 0)
			json_object_set_new(ch, "svg", json_stringn_nocheck(buf_cstr(&svg), svg.len));
		buf_release(&svg);
		json_array_append_new(charts, ch);
		free(bars);
		free(hrefs);
	}
	json_object_set_new(ctx, "series_charts", charts);
	json_decref(places);
}

int h_monitoring(struct req *r)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	json_t *d = NULL;
	int rc = monitoring_dashboard(c, view_territory(r), &s, today_of(r), &d, &r->err);
	if (rc)
		return rc;
	json_t *ctx = json_object();
	json_t *items = json_object_get(d, "indicators");
	decorate_all(r, items);
	decorate_rollup(r, json_object_get(d, "rollup"));
	attainment_chart(r, ctx, "attainment_chart", "attainment", items, req_tr(r, "Attainment of each indicator"),
			 req_tr(r, "For each indicator, its latest approved value against what was expected then, on a scale to 120 %, with the thresholds of the installation; the status is written after each bar."),
			 &s, false);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(d, "plans"), i, p) {
		decorate_rollup(r, json_object_get(p, "rollup"));
		lights_chart(r, p, (int)i);
		size_t k;
		json_t *o;
		json_array_foreach(json_object_get(p, "objectives"), k, o)
			decorate_rollup(r, json_object_get(o, "rollup"));
		json_set_bool(p, "has_indicators", json_get_int(json_object_get(p, "rollup"), "total", 0) > 0);
	}
	json_array_foreach(json_object_get(d, "programmes"), i, p)
		decorate_rollup(r, json_object_get(p, "rollup"));
	progress_chart(r, ctx, json_object_get(d, "projects"));
	areas_view(r, ctx, json_object_get(d, "areas"), &s);
	const char *gov = json_get_str(json_object_get(d, "government"), "code", "");
	json_set_bool(ctx, "has_indicators", json_array_size(items) > 0);
	json_set_bool(ctx, "has_projects", json_array_size(json_object_get(d, "projects")) > 0);
	json_set_bool(ctx, "has_feedback", json_array_size(json_object_get(d, "feedback")) > 0);
	json_set_bool(ctx, "has_programmes", json_array_size(json_object_get(d, "programmes")) > 0);
	json_set_bool(ctx, "can_write", r->signed_in && view_can(r, "indicator.write", gov));
	struct date t = today_of(r);
	char q[16];
	snprintf(q, sizeof q, "%04d-Q%d", t.year, date_quarter(t));
	json_set_str(ctx, "quarter", q);
	char title[TERR_NAME_MAX + 80];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Monitoring"),
		 json_get_str(json_object_get(d, "territory"), "name", ""));
	json_object_set_new(ctx, "d", d);
	return page(r, "monitoring", ctx, title);
}

int h_api_monitoring(struct req *r)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	json_t *d = NULL;
	int rc = monitoring_dashboard(c, view_territory(r), &s, today_of(r), &d, &r->err);
	return rc ? rc : api_json(r, 200, d);
}

/* ---- the quarterly report ---- */

static int report_json(struct req *r, json_t **out)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	const char *q = req_param(r, "quarter");
	char def[32];
	if (!q || !*q) {
		/* the last quarter that has ended */
		struct date t = today_of(r);
		int qn = date_quarter(t) - 1, y = t.year;
		if (qn == 0) {
			qn = 4;
			y--;
		}
		snprintf(def, sizeof def, "%04d-Q%d", y, qn);
		q = def;
	}
	return monitoring_report(c, view_government(r), q, &s, today_of(r), out, &r->err);
}

int h_report(struct req *r)
{
	json_t *rep = NULL;
	int rc = report_json(r, &rep);
	if (rc)
		return rc;
	decorate_all(r, json_object_get(rep, "indicators"));
	decorate_rollup(r, json_object_get(rep, "rollup"));
	size_t i, k;
	json_t *p, *x;
	json_array_foreach(json_object_get(rep, "indicators"), i, p)
		json_array_foreach(json_object_get(p, "cells"), k, x) {
			json_set_str(x, "category_label", req_tr(r, json_get_str(x, "category_name", "")));
			json_set_str(x, "dimension_label", req_tr(r, json_get_str(x, "dimension_name", "")));
		}
	json_array_foreach(json_object_get(rep, "feedback"), i, p)
		json_set_str(p, "status_label", req_tr(r, json_is_true(json_object_get(p, "open")) ? N_("open") : N_("done")));
	json_array_foreach(json_object_get(rep, "plans"), i, p) {
		decorate_rollup(r, json_object_get(p, "rollup"));
		json_array_foreach(json_object_get(p, "top"), k, x)
			decorate_rollup(r, json_object_get(x, "rollup"));
		json_set_bool(p, "has_indicators", json_get_int(json_object_get(p, "rollup"), "total", 0) > 0);
	}
	view_execution(r, json_object_get(rep, "finance"));
	json_array_foreach(json_object_get(rep, "projects"), i, p) {
		view_percent(p, "physical_pct", json_get_int(p, "physical_progress_bp", 0));
		view_percent(p, "financial_pct", json_get_int(p, "financial_progress_bp", 0));
		json_set_str(p, "status_label", req_tr(r, project_status_label(project_status_parse(json_get_str(p, "status", "")))));
	}
	json_t *ctx = json_object();
	json_set_bool(ctx, "has_feedback", json_array_size(json_object_get(rep, "feedback")) > 0);
	json_set_bool(ctx, "has_projects", json_array_size(json_object_get(rep, "projects")) > 0);
	json_set_bool(ctx, "has_overdue", json_array_size(json_object_get(rep, "overdue")) > 0);
	char title[400];
	snprintf(title, sizeof title, "%s %s — %s", req_tr(r, "Monitoring report"), json_get_str(rep, "quarter", ""),
		 json_get_str(json_object_get(rep, "government"), "name", ""));
	json_object_set_new(ctx, "finance", json_incref(json_object_get(rep, "finance")));
	json_object_set_new(ctx, "rep", rep);
	return page(r, "monitoring_report", ctx, title);
}

static void report_file_name(const json_t *rep, const char *ext, char *out, size_t n)
{
	snprintf(out, n, "seguimiento-%s-%s.%s", json_get_str(json_object_get(rep, "government"), "code", ""),
		 json_get_str(rep, "quarter", ""), ext);
}

int h_report_pdf(struct req *r)
{
	json_t *rep = NULL;
	int rc = report_json(r, &rep);
	if (rc)
		return rc;
	rc = monitoring_report_pdf(rep, r->lang, r->now, &r->out, &r->err);
	if (!rc) {
		r->content_type = "application/pdf";
		char name[80];
		report_file_name(rep, "pdf", name, sizeof name);
		view_attachment(r, name);
	}
	json_decref(rep);
	return rc ? rc : 200;
}

int h_report_xlsx(struct req *r)
{
	json_t *rep = NULL;
	int rc = report_json(r, &rep);
	if (rc)
		return rc;
	rc = monitoring_report_xlsx(rep, r->lang, &r->out, &r->err);
	if (!rc) {
		r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		char name[80];
		report_file_name(rep, "xlsx", name, sizeof name);
		view_attachment(r, name);
	}
	json_decref(rep);
	return rc ? rc : 200;
}

int h_api_report(struct req *r)
{
	json_t *rep = NULL;
	int rc = report_json(r, &rep);
	return rc ? rc : api_json(r, 200, rep);
}

/* ---- thresholds ---- */

static int settings_page(struct req *r, const char *error)
{
	struct ind_settings s;
	if (settings(r, &s))
		return r->err.code;
	json_t *ctx = json_object();
	char b[40];
	uint64_t v;
	v = (uint64_t)s.th.on_track_bp;
	snprintf(b, sizeof b, "%" PRIu64 ".%02" PRIu64, v / 100, v % 100);
	json_set_str(ctx, "on_track", b);
	v = (uint64_t)s.th.at_risk_bp;
	snprintf(b, sizeof b, "%" PRIu64 ".%02" PRIu64, v / 100, v % 100);
	json_set_str(ctx, "at_risk", b);
	json_set_int(ctx, "grace_days", s.grace_days);
	json_set_bool(ctx, "saved", req_param_int(r, "saved", 0) != 0 && !error);
	if (error) {
		json_set_str(ctx, "error", error);
		posted(r, ctx);
	}
	return page(r, "monitoring_settings", ctx, req_tr(r, "Thresholds of the indicators"));
}

int h_monitoring_settings(struct req *r)
{
	int rc = req_authorize(r, "indicator.approve", "");
	return rc ? rc : settings_page(r, NULL);
}

int h_monitoring_settings_save(struct req *r)
{
	int rc = req_authorize(r, "indicator.approve", "");
	if (rc)
		return rc;
	struct ind_settings s = { .grace_days = (int)req_param_int(r, "grace_days", IND_GRACE_DAYS_DEFAULT) };
	int64_t on = 0, risk = 0;
	const char *a = req_param(r, "on_track"), *b = req_param(r, "at_risk");
	if (ind_value_parse(a, 2, &on) != IND_PARSE_OK)
		rc = err_set(&r->err, ERR_INVALID, "\"%s\" must be a percentage such as 90 or 87.5 (not \"%.20s\")",
			     req_tr(r, "On track from (%)"), a ? a : "");
	else if (ind_value_parse(b, 2, &risk) != IND_PARSE_OK)
		rc = err_set(&r->err, ERR_INVALID, "\"%s\" must be a percentage such as 90 or 87.5 (not \"%.20s\")",
			     req_tr(r, "At risk from (%)"), b ? b : "");
	s.th.on_track_bp = on;
	s.th.at_risk_bp = risk;
	if (!rc)
		rc = indicator_settings_set(r->db, &r->actor, r->now, &s, &r->err);
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		view_take_refusal(r, rc, msg);
		return settings_page(r, msg);
	}
	return redirect(r, "/monitoring/settings?saved=1");
}

/* ---- API ---- */

int h_api_indicators(struct req *r)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	struct indicator_query q = { .territory = req_param(r, "territory"), .government = req_param(r, "government"),
				     .subject = req_param(r, "subject"), .series = req_param(r, "series"),
				     .q = req_param(r, "q"), .status = req_param(r, "status"),
				     .limit = req_param_int(r, "limit", 100), .offset = req_param_int(r, "offset", 0) };
	json_t *items;
	int64_t total;
	int rc = indicator_list(c, &q, &s, today_of(r), &items, &total, &r->err);
	if (rc)
		return rc;
	json_t *o = json_list(items, total);
	json_set_int(o, "limit", q.limit);
	json_set_int(o, "offset", q.offset);
	return api_json(r, 200, o);
}

int h_api_indicator(struct req *r)
{
	struct db_conn *c = req_db(r);
	struct ind_settings s;
	if (!c || settings(r, &s))
		return r->err.code;
	int64_t id;
	json_t *o = NULL;
	int rc = arg_id(r, 0, &id);
	if (!rc)
		rc = indicator_get_json(c, id, &s, today_of(r), &o, &r->err);
	return rc ? rc : api_json(r, 200, o);
}

int h_api_measurements(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	struct indicator_core k;
	json_t *items = NULL;
	int rc = arg_id(r, 0, &id);
	if (!rc)
		rc = indicator_core_get(c, id, &k, &r->err);
	if (!rc)
		rc = measurement_list(c, id, &items, &r->err);
	if (rc) {
		json_decref(items);
		return rc;
	}
	return api_json(r, 200, json_list(items, (int64_t)json_array_size(items)));
}
