/* h_plan.c — plans on the web: the list per territory, the plan page with its
 * tree, forms to create, edit and approve plans and to add, edit, move, delete
 * and align elements, versions and their comparison, the printable document,
 * PDF/JSON/CSV exports, import with a column-mapping step, and the plan API. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "core/json.h"
#include "core/markdown.h"
#include "core/str.h"
#include "domain/articulation.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "domain/plan_pdf.h"
#include "domain/territory.h"
#include "rules/permission.h"
#include "web/view.h"

/* ---- helpers ---- */

static bool can(struct req *r, const char *action, const char *territory)
{
	return perm_allows(r->signed_in, r->user.grants, r->signed_in ? r->user.ngrants : 0, action, territory);
}

static int64_t arg_id(struct req *r, int i)
{
	int64_t id = 0;
	return str_to_id(req_arg(r, i), &id) == 0 ? id : 0;
}

static int load_plan(struct req *r, struct db_conn *c, struct plan *p)
{
	int64_t id = arg_id(r, 0);
	if (!id)
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	return plan_get(c, id, p, &r->err);
}

/* The element {eid} of plan p (404 if it belongs to another plan). */
static int load_element(struct req *r, struct db_conn *c, const struct plan *p, struct plan_element *el)
{
	int64_t id = arg_id(r, 1);
	int rc = plan_element_get(c, id, el, &r->err);
	if (rc)
		return rc;
	if (el->plan_id != p->id) {
		plan_element_release(el);
		return err_set(&r->err, ERR_NOTFOUND, "No plan element with number %lld", (long long)id);
	}
	return 0;
}

static const char *kind_label(struct req *r, const char *kind)
{
	const struct plan_kind *k = plan_kind_find(kind);
	return k ? req_tr(r, k->name) : kind;
}

/* Adds kind_label to every node of a tree (and to alignment targets' plans). */
static void label_tree(struct req *r, json_t *arr)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		json_set_str(o, "kind_label", kind_label(r, json_get_str(o, "kind", "")));
		json_t *ch = json_object_get(o, "children");
		if (!ch) {
			ch = json_array();
			json_object_set_new(o, "children", ch);
		}
		json_set_bool(o, "has_children", json_array_size(ch) > 0);
		if (!json_object_get(o, "aligns_to"))
			json_object_set_new(o, "aligns_to", json_array());
		label_tree(r, ch);
	}
}

static const char *instrument_label(struct req *r, const char *instrument, const char *kind_name)
{
	const struct plan_instrument *ins = plan_instrument_find(instrument);
	if (str_eq(instrument, "custom") && kind_name && *kind_name)
		return kind_name;
	return ins ? req_tr(r, ins->name) : instrument;
}

static void set_html(json_t *o, const char *key, const char *md)
{
	char *html = md_to_html(md);
	json_set_str(o, key, html);
	free(html);
}

/* Labels and flags the templates use, on a plan object (plan_to_json). */
static void decorate_plan(struct req *r, json_t *pj)
{
	const char *status = json_get_str(pj, "status", "");
	json_set_str(pj, "instrument_label", instrument_label(r, json_get_str(pj, "instrument", ""),
							      json_get_str(pj, "instrument_name", "")));
	json_set_str(pj, "status_label", req_tr(r, plan_status_name(status)));
	json_set_bool(pj, "is_draft", str_eq(status, "draft"));
	json_set_bool(pj, "is_approved", str_eq(status, "approved"));
	json_set_bool(pj, "is_superseded", str_eq(status, "superseded"));
	json_set_str(pj, "horizon_label", req_tr(r, plan_horizon_name(plan_horizon_parse(json_get_str(pj, "horizon", "")))));
	const json_t *ap = json_object_get(pj, "approval");
	if (json_is_object(ap))
		json_set_str((json_t *)ap, "kind_label", req_tr(r, plan_act_name(json_get_str(ap, "kind", ""))));
	if (json_object_get(pj, "vision")) {
		set_html(pj, "vision_html", json_get_str(pj, "vision", ""));
		set_html(pj, "mission_html", json_get_str(pj, "mission", ""));
		set_html(pj, "participants_html", json_get_str(pj, "participants", ""));
	}
}

static void decorate_list(struct req *r, json_t *arr)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
		decorate_plan(r, o);
}

static json_t *instrument_choices(struct req *r, const char *selected)
{
	json_t *arr = json_array();
	size_t n;
	const struct plan_instrument *ins = plan_instruments(&n);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_set_str(o, "key", ins[i].key);
		char label[200];
		snprintf(label, sizeof label, "%s%s%s%s", req_tr(r, ins[i].name), ins[i].abbr[0] ? " (" : "", ins[i].abbr,
			 ins[i].abbr[0] ? ")" : "");
		json_set_str(o, "label", label);
		json_set_bool(o, "selected", str_eq(ins[i].key, selected));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *horizon_choices(struct req *r, const char *selected)
{
	json_t *arr = json_array();
	for (int h = HORIZON_SHORT; h <= HORIZON_LONG; h++) {
		json_t *o = json_object();
		json_set_str(o, "key", plan_horizon_key((enum plan_horizon)h));
		json_set_str(o, "label", req_tr(r, plan_horizon_name((enum plan_horizon)h)));
		json_set_bool(o, "selected", str_eq(plan_horizon_key((enum plan_horizon)h), selected));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *kind_choices(struct req *r, const char *levels, const char *selected)
{
	json_t *arr = json_array();
	struct plan_levels lv;
	struct err e;
	err_init(&e, NULL);
	if (plan_levels_parse(levels, &lv, &e))
		return arr;
	for (int i = 0; i < lv.n; i++) {
		json_t *o = json_object();
		json_set_str(o, "key", lv.l[i].kind);
		json_set_str(o, "label", kind_label(r, lv.l[i].kind));
		json_set_str(o, "prefix", lv.l[i].prefix);
		json_set_bool(o, "selected", str_eq(lv.l[i].kind, selected));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* Flattens a tree into [{id, label (indented by depth), selected}] for a select,
 * leaving out `skip` and everything under it. */
static void flatten(const json_t *arr, int depth, int64_t skip, int64_t selected, json_t *out)
{
	size_t i;
	const json_t *o;
	json_array_foreach(arr, i, o) {
		int64_t id = json_get_int(o, "id", 0);
		if (id == skip)
			continue;
		json_t *it = json_object();
		char label[700];
		snprintf(label, sizeof label, "%*s%s %.200s", depth * 2, "", json_get_str(o, "code", ""),
			 json_get_str(o, "title", ""));
		json_set_int(it, "id", id);
		json_set_str(it, "label", label);
		json_set_bool(it, "selected", id == selected);
		json_array_append_new(out, it);
		flatten(json_object_get(o, "children"), depth + 1, skip, selected, out);
	}
}

static void set_download(struct req *r, const char *type, const char *disposition, const char *name)
{
	r->content_type = type;
	char cd[200];
	snprintf(cd, sizeof cd, "%s; filename=\"%s\"", disposition, name);
	req_add_header(r, "Content-Disposition", cd);
}

/* The government for a territory given in the request, or the installation's own. */
static int government_param(struct req *r, struct db_conn *c, struct government *g)
{
	const char *t = req_param(r, "territory");
	if (!t || !*t)
		t = r->app->home_government[0] ? r->app->home_government : "";
	if (!*t)
		return err_set(&r->err, ERR_NOTFOUND, "Choose a territory");
	return government_for(c, t, g, &r->err);
}

static json_t *history_of(struct req *r, struct db_conn *c, int64_t plan_id)
{
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, plan_id);
	if (audit_history(c, "plan", sid, 50, &hist, &r->err)) {
		err_init(&r->err, r->lang);
		return json_array();
	}
	return hist;
}

/* ---- the list ---- */

int h_plans(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	int rc = government_param(r, c, &g);
	if (rc)
		return rc;
	struct territory chain[3];
	int depth;
	if ((rc = territory_get_chain(c, g.code, chain, &depth, &r->err)))
		return rc;
	struct plan_query q = { .government = g.code, .limit = 200 };
	json_t *items;
	int64_t total;
	if ((rc = plan_list(c, &q, &items, &total, &r->err)))
		return rc;
	decorate_list(r, items);
	json_t *ctx = json_object();
	json_object_set_new(ctx, "government", government_to_json(&g));
	json_object_set_new(ctx, "plans", items);
	json_set_int(ctx, "total", total);
	json_t *higher = json_array();
	for (int i = 0; i < depth - 1; i++) {
		struct government hg;
		if (government_get(c, chain[i].code, &hg, &r->err) == 0)
			json_array_append_new(higher, government_to_json(&hg));
	}
	err_init(&r->err, r->lang);
	json_object_set_new(ctx, "higher", higher);
	if (chain[depth - 1].level != TERR_DISTRICT) {
		struct territory_query tq = { .parent = g.code, .limit = 500 };
		json_t *kids;
		int64_t nk;
		if (territory_list(c, &tq, &kids, &nk, &r->err) == 0) {
			/* the capital district belongs to the province's own government */
			json_t *inner = json_array();
			size_t i;
			json_t *k;
			json_array_foreach(kids, i, k) {
				const char *code = json_get_str(k, "code", "");
				if (strlen(code) == 6 && str_eq(code + 4, "01"))
					continue;
				json_array_append(inner, k);
			}
			json_decref(kids);
			json_set_bool(ctx, "has_inner", json_array_size(inner) > 0);
			json_object_set_new(ctx, "inner", inner);
		}
		err_init(&r->err, r->lang);
	}
	json_set_bool(ctx, "can_write", can(r, "plan.write", g.code));
	char title[300];
	snprintf(title, sizeof title, "%s — %s", req_tr(r, "Plans"), g.name);
	return page(r, "plans", ctx, title);
}

/* ---- create and edit ---- */

static int64_t year_param(struct req *r, const char *name)
{
	int64_t y = 0;
	const char *v = req_param(r, name);
	return v && str_to_int64(v, &y) == 0 ? y : 0;
}

static void input_from_params(struct req *r, struct plan_input *in)
{
	*in = (struct plan_input){
		.instrument = req_param(r, "instrument"), .kind_name = req_param(r, "kind_name"),
		.horizon = req_param(r, "horizon"), .title = req_param(r, "title"),
		.start_year = year_param(r, "start_year"), .end_year = year_param(r, "end_year"),
		.vision = req_param(r, "vision"), .mission = req_param(r, "mission"),
		.participants = req_param(r, "participants"), .levels = req_param(r, "levels"),
		.supersedes_id = req_param_int(r, "supersedes", 0),
	};
}

/* The plan form, filled from `values` (a plan object or what was typed). */
static int plan_form(struct req *r, struct db_conn *c, const struct government *g, json_t *values, int64_t id,
		     const char *error)
{
	json_t *ctx = json_object();
	json_object_set_new(ctx, "government", government_to_json(g));
	const char *ins = json_get_str(values, "instrument", "pdc");
	json_object_set_new(ctx, "instruments", instrument_choices(r, ins));
	json_object_set_new(ctx, "horizons", horizon_choices(r, json_get_str(values, "horizon", "medium")));
	json_object_set_new(ctx, "plan", values);
	json_set_str(ctx, "error", error);
	json_set_int(ctx, "id", id);
	json_set_bool(ctx, "editing", id > 0);
	/* the plans this one may replace */
	struct plan_query q = { .government = g->code, .limit = 200 };
	json_t *others;
	int64_t total;
	if (plan_list(c, &q, &others, &total, &r->err) == 0) {
		json_t *opts = json_array();
		size_t i;
		json_t *o;
		int64_t sel = json_get_int(values, "supersedes_id", 0);
		json_array_foreach(others, i, o) {
			if (json_get_int(o, "id", 0) == id)
				continue;
			json_t *it = json_object();
			json_set_int(it, "id", json_get_int(o, "id", 0));
			json_set_str(it, "label", json_get_str(o, "label", ""));
			json_set_str(it, "title", json_get_str(o, "title", ""));
			json_set_bool(it, "selected", json_get_int(o, "id", 0) == sel);
			json_array_append_new(opts, it);
		}
		json_decref(others);
		json_object_set_new(ctx, "others", opts);
	}
	err_init(&r->err, r->lang);
	json_t *kinds = json_array();
	size_t n;
	const struct plan_kind *k = plan_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_set_str(o, "key", k[i].key);
		json_set_str(o, "label", req_tr(r, k[i].name));
		json_array_append_new(kinds, o);
	}
	json_object_set_new(ctx, "kinds", kinds);
	return page(r, "plan_form", ctx, req_tr(r, id ? N_("Edit the plan") : N_("New plan")));
}

static json_t *typed_values(struct req *r)
{
	json_t *v = json_object();
	static const char *const keys[] = { "instrument", "kind_name", "horizon", "title", "start_year", "end_year",
					    "vision", "mission", "participants", "levels", NULL };
	for (const char *const *k = keys; *k; k++)
		json_set_str(v, *k, req_param(r, *k) ? req_param(r, *k) : "");
	json_set_str(v, "instrument_name", req_param(r, "kind_name"));
	json_set_int(v, "supersedes_id", req_param_int(r, "supersedes", 0));
	return v;
}

int h_plan_new_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	int rc = government_param(r, c, &g);
	if (!rc)
		rc = req_authorize(r, "plan.write", g.code);
	if (rc)
		return rc;
	json_t *v = json_object();
	int year = date_from_epoch(r->now).year;
	json_set_str(v, "instrument", "pdc");
	json_set_int(v, "start_year", year);
	json_set_int(v, "end_year", year + 8);
	return plan_form(r, c, &g, v, 0, NULL);
}

int h_plan_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	int rc = government_param(r, c, &g);
	if (!rc)
		rc = req_authorize(r, "plan.write", g.code);
	if (rc)
		return rc;
	struct plan_input in;
	input_from_params(r, &in);
	struct err e;
	err_init(&e, r->lang);
	int64_t id = 0;
	rc = plan_create(c, &r->actor, r->now, g.code, &in, &id, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		r->status = rc == ERR_CONFLICT ? 409 : 400;
		return plan_form(r, c, &g, typed_values(r), 0, e.msg);
	}
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	char loc[64];
	snprintf(loc, sizeof loc, "/plans/%" PRId64, id);
	return redirect(r, loc);
}

int h_plan_edit_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct government g;
	rc = req_authorize(r, "plan.write", p.government);
	if (!rc)
		rc = government_get(c, p.government, &g, &r->err);
	json_t *v = plan_to_json(&p);
	int64_t id = p.id;
	plan_release(&p);
	if (rc) {
		json_decref(v);
		return rc;
	}
	return plan_form(r, c, &g, v, id, NULL);
}

int h_plan_update(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct government g;
	rc = req_authorize(r, "plan.write", p.government);
	if (!rc)
		rc = government_get(c, p.government, &g, &r->err);
	int64_t id = p.id;
	plan_release(&p);
	if (rc)
		return rc;
	struct plan_input in;
	input_from_params(r, &in);
	struct err e;
	err_init(&e, r->lang);
	rc = plan_update(c, &r->actor, r->now, id, &in, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		r->status = rc == ERR_CONFLICT ? 409 : 400;
		return plan_form(r, c, &g, typed_values(r), id, e.msg);
	}
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	char loc[64];
	snprintf(loc, sizeof loc, "/plans/%" PRId64, id);
	return redirect(r, loc);
}

/* ---- the plan page ---- */

static int plan_page(struct req *r, struct db_conn *c, const struct plan *p, const char *tmpl, const char *error,
		     const char *notice)
{
	json_t *tree;
	int64_t count;
	int rc = plan_tree(c, p->id, &tree, &count, &r->err);
	if (rc)
		return rc;
	label_tree(r, tree);
	json_t *versions;
	if ((rc = plan_versions(c, p->id, &versions, &r->err))) {
		json_decref(tree);
		return rc;
	}
	size_t i;
	json_t *v;
	json_array_foreach(versions, i, v) {
		json_set_str(v, "status_label", req_tr(r, plan_status_name(json_get_str(v, "status", ""))));
		json_set_str(v, "act_label", req_tr(r, plan_act_name(json_get_str(v, "act_kind", ""))));
		json_set_bool(v, "is_current", json_get_int(v, "version", 0) == p->version);
	}
	json_t *ctx = json_object();
	json_t *pj = plan_to_json(p);
	decorate_plan(r, pj);
	json_object_set_new(ctx, "plan", pj);
	json_object_set_new(ctx, "tree", tree);
	json_set_int(ctx, "element_count", count);
	json_set_bool(ctx, "has_versions", json_array_size(versions) > 0);
	json_object_set_new(ctx, "versions", versions);
	bool editable = !str_eq(p->status, "superseded");
	json_set_bool(ctx, "can_write", editable && can(r, "plan.write", p->government));
	json_set_bool(ctx, "can_approve", str_eq(p->status, "draft") && can(r, "plan.approve", p->government));
	json_object_set_new(ctx, "history", history_of(r, c, p->id));
	json_set_str(ctx, "error", error);
	json_set_str(ctx, "notice", notice);
	json_set_str(ctx, "act_kind", req_param(r, "act_kind"));
	json_set_bool(ctx, "act_agreement", str_eq(req_param(r, "act_kind"), "agreement"));
	json_set_str(ctx, "act_number", req_param(r, "act_number"));
	json_set_str(ctx, "act_date", req_param(r, "act_date"));
	char day[DATE_FMT_MAX];
	date_format(date_from_epoch(r->now), day);
	json_set_str(ctx, "today", day);
	json_set_int(ctx, "report_year", p->start_year <= date_from_epoch(r->now).year && p->end_year >= date_from_epoch(r->now).year
						   ? date_from_epoch(r->now).year : p->start_year);
	return page(r, tmpl, ctx, p->title);
}

int h_plan(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	rc = plan_page(r, c, &p, "plan", NULL, NULL);
	plan_release(&p);
	return rc;
}

int h_plan_document(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	rc = plan_page(r, c, &p, "plan_document", NULL, NULL);
	plan_release(&p);
	return rc;
}

int h_plan_approve(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	if ((rc = req_authorize(r, "plan.approve", p.government))) {
		plan_release(&p);
		return rc;
	}
	struct err e;
	err_init(&e, r->lang);
	rc = plan_approve(c, &r->actor, r->now, p.id, req_param(r, "act_kind"), req_param(r, "act_number"),
			  req_param(r, "act_date"), &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		r->status = rc == ERR_CONFLICT ? 409 : 400;
		rc = plan_page(r, c, &p, "plan", e.msg, NULL);
		plan_release(&p);
		return rc;
	}
	int64_t id = p.id;
	plan_release(&p);
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	char loc[64];
	snprintf(loc, sizeof loc, "/plans/%" PRId64, id);
	return redirect(r, loc);
}

int h_plan_renumber(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	rc = req_authorize(r, "plan.write", p.government);
	if (!rc) {
		struct err e;
		err_init(&e, r->lang);
		rc = plan_renumber(c, &r->actor, r->now, p.id, &e);
		if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
			r->status = rc == ERR_CONFLICT ? 409 : 400;
			rc = plan_page(r, c, &p, "plan", e.msg, NULL);
			plan_release(&p);
			return rc;
		}
		if (rc)
			rc = err_set(&r->err, rc, "%s", e.msg);
	}
	int64_t id = p.id;
	plan_release(&p);
	if (rc)
		return rc;
	char loc[64];
	snprintf(loc, sizeof loc, "/plans/%" PRId64, id);
	return redirect(r, loc);
}

/* ---- exports ---- */

int h_plan_json(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id = arg_id(r, 0);
	struct plan_doc d;
	plan_doc_init(&d);
	int rc = plan_doc_load(c, id, false, &d, &r->err);
	if (!rc && plan_doc_write_json(&d, &r->out))
		rc = err_set(&r->err, ERR_INTERNAL, "The answer could not be built");
	plan_doc_release(&d);
	if (rc)
		return rc;
	char name[64];
	snprintf(name, sizeof name, "plan-%" PRId64 ".json", id);
	set_download(r, "application/json; charset=utf-8", "attachment", name);
	return 200;
}

int h_plan_csv(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id = arg_id(r, 0);
	struct plan_doc d;
	plan_doc_init(&d);
	int rc = plan_doc_load(c, id, false, &d, &r->err);
	if (!rc && plan_doc_write_csv(&d, r->lang, &r->out))
		rc = err_set(&r->err, ERR_INTERNAL, "The answer could not be built");
	plan_doc_release(&d);
	if (rc)
		return rc;
	char name[64];
	snprintf(name, sizeof name, "plan-%" PRId64 ".csv", id);
	set_download(r, "text/csv; charset=utf-8", "attachment", name);
	return 200;
}

int h_plan_pdf(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct plan_doc d;
	plan_doc_init(&d);
	json_t *versions = NULL;
	rc = plan_doc_load(c, p.id, false, &d, &r->err);
	if (!rc)
		rc = plan_versions(c, p.id, &versions, &r->err);
	if (!rc)
		rc = plan_pdf(&d, p.government_name, versions, r->lang, r->now, &r->out, &r->err);
	json_decref(versions);
	plan_doc_release(&d);
	int64_t id = p.id;
	plan_release(&p);
	if (rc)
		return rc;
	char name[64];
	snprintf(name, sizeof name, "plan-%" PRId64 ".pdf", id);
	set_download(r, "application/pdf", "inline", name);
	return 200;
}

/* ---- versions ---- */

/* A version's document as a tree for the templates. */
static json_t *doc_tree(struct req *r, const struct plan_doc *d)
{
	json_t *j = plan_doc_to_json(d, true);
	json_t *tree = json_object_get(j, "elements");
	json_incref(tree);
	json_decref(j);
	label_tree(r, tree);
	return tree;
}

static int load_version(struct req *r, struct db_conn *c, const struct plan *p, int64_t v, struct plan_doc *d)
{
	if (v == p->version && !str_eq(p->status, "approved"))
		return plan_doc_load(c, p->id, true, d, &r->err);
	return plan_version_doc(c, p->id, v, d, &r->err);
}

int h_plan_version(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	int64_t v = arg_id(r, 1);
	struct plan_doc d;
	plan_doc_init(&d);
	rc = plan_version_doc(c, p.id, v, &d, &r->err);
	if (rc) {
		plan_release(&p);
		plan_doc_release(&d);
		return rc;
	}
	json_t *ctx = json_object();
	json_t *pj = plan_to_json(&p);
	decorate_plan(r, pj);
	json_object_set_new(ctx, "plan", pj);
	json_t *vj = plan_doc_to_json(&d, false);
	json_object_del(vj, "elements");
	decorate_plan(r, vj);
	json_object_set_new(ctx, "version", vj);
	json_set_int(ctx, "number", v);
	json_object_set_new(ctx, "tree", doc_tree(r, &d));
	json_set_bool(ctx, "has_previous", v > 1);
	json_set_int(ctx, "previous", v - 1);
	char title[400];
	snprintf(title, sizeof title, "%s — %s %lld", p.title, req_tr(r, "version"), (long long)v);
	plan_doc_release(&d);
	plan_release(&p);
	return page(r, "plan_version", ctx, title);
}

static const char *field_label(struct req *r, const char *field)
{
	static const struct { const char *key, *label; } labels[] = {
		{ "title", N_("Title") }, { "instrument", N_("Instrument") }, { "instrument_name", N_("Name of the instrument") },
		{ "horizon", N_("Horizon") }, { "period", N_("Period") }, { "vision", N_("Vision") },
		{ "mission", N_("Mission") }, { "participants", N_("Who took part") }, { "levels", N_("Element kinds") },
		{ "code", N_("Code") }, { "kind", N_("Kind") }, { "description", N_("Description") },
		{ "office", N_("Responsible office") }, { "parent", N_("Placed under") }, { "aligns_to", N_("Serves") },
	};
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		if (str_eq(labels[i].key, field))
			return req_tr(r, labels[i].label);
	return field;
}

static void label_fields(struct req *r, json_t *arr)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
		json_set_str(o, "label", field_label(r, json_get_str(o, "field", "")));
}

int h_plan_diff(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	int64_t to = req_param_int(r, "to", p.version);
	int64_t from = req_param_int(r, "from", to > 1 ? to - 1 : 1);
	if (from > p.version || to > p.version) {
		plan_release(&p);
		return err_set(&r->err, ERR_NOTFOUND, "Plan %lld has no approved version %lld", (long long)arg_id(r, 0),
			       (long long)(from > p.version ? from : to));
	}
	struct plan_doc a, b;
	plan_doc_init(&a);
	plan_doc_init(&b);
	rc = load_version(r, c, &p, from, &a);
	if (!rc)
		rc = load_version(r, c, &p, to, &b);
	json_t *ctx = NULL;
	if (!rc) {
		json_t *d = plan_doc_diff(&a, &b);
		label_fields(r, json_object_get(d, "plan"));
		size_t i;
		json_t *el;
		json_array_foreach(json_object_get(d, "elements"), i, el) {
			const char *ch = json_get_str(el, "change", "");
			json_set_str(el, "change_label", req_tr(r, str_eq(ch, "added") ? N_("added") : str_eq(ch, "removed") ? N_("removed") : N_("changed")));
			label_fields(r, json_object_get(el, "fields"));
		}
		ctx = json_object();
		json_t *pj = plan_to_json(&p);
		decorate_plan(r, pj);
		json_object_set_new(ctx, "plan", pj);
		json_set_int(ctx, "from", from);
		json_set_int(ctx, "to", to);
		json_set_bool(ctx, "to_current", to == p.version);
		json_set_bool(ctx, "same", json_array_size(json_object_get(d, "plan")) + json_array_size(json_object_get(d, "elements")) == 0);
		json_set_bool(ctx, "has_plan_changes", json_array_size(json_object_get(d, "plan")) > 0);
		json_set_bool(ctx, "has_element_changes", json_array_size(json_object_get(d, "elements")) > 0);
		json_object_set(ctx, "plan_changes", json_object_get(d, "plan"));
		json_object_set(ctx, "element_changes", json_object_get(d, "elements"));
		json_decref(d);
	}
	char title[400];
	snprintf(title, sizeof title, "%s — %s", p.title, req_tr(r, "Changes between versions"));
	plan_doc_release(&a);
	plan_doc_release(&b);
	plan_release(&p);
	if (rc)
		return rc;
	return page(r, "plan_diff", ctx, title);
}

/* ---- elements ---- */

static int element_new_page(struct req *r, struct db_conn *c, const struct plan *p, int64_t parent, const char *kind,
			    const char *error)
{
	json_t *tree;
	int rc = plan_tree(c, p->id, &tree, NULL, &r->err);
	if (rc)
		return rc;
	json_t *parents = json_array();
	flatten(tree, 0, 0, parent, parents);
	json_decref(tree);
	/* the kind that usually goes under the parent: the next level */
	struct plan_levels lv;
	struct err e;
	err_init(&e, NULL);
	char def[PLAN_KIND_MAX] = "";
	if (plan_levels_parse(p->levels, &lv, &e) == 0 && lv.n) {
		snprintf(def, sizeof def, "%s", lv.l[0].kind);
		struct plan_element par;
		if (parent && plan_element_get(c, parent, &par, &e) == 0) {
			int k = plan_levels_index(&lv, par.kind);
			if (k >= 0 && k + 1 < lv.n)
				snprintf(def, sizeof def, "%s", lv.l[k + 1].kind);
			plan_element_release(&par);
		}
	}
	json_t *ctx = json_object();
	json_t *pj = plan_to_json(p);
	decorate_plan(r, pj);
	json_object_set_new(ctx, "plan", pj);
	json_object_set_new(ctx, "parents", parents);
	json_object_set_new(ctx, "kinds", kind_choices(r, p->levels, kind && *kind ? kind : def));
	json_set_str(ctx, "error", error);
	json_t *input = json_object();
	json_set_str(input, "title", req_param(r, "title"));
	json_set_str(input, "code", req_param(r, "code"));
	json_set_str(input, "description", req_param(r, "description"));
	json_set_str(input, "office", req_param(r, "office"));
	json_object_set_new(ctx, "input", input);
	return page(r, "element_new", ctx, req_tr(r, "New element"));
}

int h_element_new_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	rc = req_authorize(r, "plan.write", p.government);
	if (!rc)
		rc = element_new_page(r, c, &p, req_param_int(r, "parent", 0), NULL, NULL);
	plan_release(&p);
	return rc;
}

static void element_input(struct req *r, struct plan_element_input *in)
{
	*in = (struct plan_element_input){ .kind = req_param(r, "kind"), .parent_id = req_param_int(r, "parent", 0),
					   .title = req_param(r, "title"), .description = req_param(r, "description"),
					   .office = req_param(r, "office"), .code = req_param(r, "code") };
}

int h_element_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	if ((rc = req_authorize(r, "plan.write", p.government))) {
		plan_release(&p);
		return rc;
	}
	struct plan_element_input in;
	element_input(r, &in);
	struct err e;
	err_init(&e, r->lang);
	int64_t id = 0;
	rc = plan_element_add(c, &r->actor, r->now, p.id, &in, &id, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		r->status = rc == ERR_CONFLICT ? 409 : 400;
		rc = element_new_page(r, c, &p, in.parent_id, in.kind, e.msg);
		plan_release(&p);
		return rc;
	}
	int64_t pid = p.id;
	plan_release(&p);
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	char loc[80];
	snprintf(loc, sizeof loc, "/plans/%" PRId64 "#e%" PRId64, pid, id);
	return redirect(r, loc);
}

static void label_targets(struct req *r, json_t *arr)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		json_t *pl = json_object_get(o, "plan");
		json_set_str(pl, "status_label", req_tr(r, plan_status_name(json_get_str(pl, "status", ""))));
	}
}

/* The element page; `typed` true shows what was typed (after a refusal). */
static int element_page(struct req *r, struct db_conn *c, const struct plan *p, const struct plan_element *el,
			const char *error, bool typed)
{
	json_t *ctx = json_object();
	json_t *pj = plan_to_json(p);
	decorate_plan(r, pj);
	json_object_set_new(ctx, "plan", pj);
	json_t *ej = plan_element_to_json(el);
	json_set_str(ej, "kind_label", kind_label(r, el->kind));
	if (typed) {
		json_set_str(ej, "title", req_param(r, "title") ? req_param(r, "title") : "");
		json_set_str(ej, "description", req_param(r, "description") ? req_param(r, "description") : "");
		json_set_str(ej, "office", req_param(r, "office") ? req_param(r, "office") : "");
	}
	const char *code_typed = typed ? req_param(r, "code") : NULL;
	json_set_str(ej, "code_input", typed ? (code_typed ? code_typed : "") : el->code_auto ? "" : el->code);
	json_object_set_new(ctx, "element", ej);
	/* where it sits */
	json_t *crumbs = json_array();
	for (int64_t pid = el->parent_id, guard = 0; pid && guard < PLAN_MAX_DEPTH + 1; guard++) {
		struct plan_element a;
		struct err e;
		err_init(&e, NULL);
		if (plan_element_get(c, pid, &a, &e))
			break;
		json_t *o = json_object();
		json_set_int(o, "id", a.id);
		json_set_str(o, "code", a.code);
		json_set_str(o, "title", a.title);
		json_array_insert_new(crumbs, 0, o);
		pid = a.parent_id;
		plan_element_release(&a);
	}
	json_object_set_new(ctx, "crumbs", crumbs);
	json_t *targets = NULL, *served = NULL, *deps = NULL, *tree = NULL;
	int rc = plan_element_targets(c, el->id, &targets, &r->err);
	if (!rc)
		rc = plan_served_by(c, el->id, &served, &r->err);
	if (!rc)
		rc = plan_element_dependents(c, el->id, &deps, &r->err);
	if (!rc)
		rc = plan_tree(c, p->id, &tree, NULL, &r->err);
	if (rc) {
		json_decref(targets);
		json_decref(served);
		json_decref(deps);
		json_decref(ctx);
		return rc;
	}
	label_targets(r, targets);
	label_targets(r, served);
	json_t *children = json_array(), *items = json_array();
	size_t i;
	json_t *d;
	json_array_foreach(deps, i, d) {
		const char *what = json_get_str(d, "what", "");
		if (str_eq(what, "child"))
			json_array_append(children, d);
		else if (!str_eq(what, "alignment") && !str_eq(what, "project"))
			json_array_append(items, d);   /* the projects have their own list */
		json_set_str(d, "what_label", req_tr(r, str_eq(what, "child") ? N_("under it")
							   : str_eq(what, "alignment") ? N_("aligned to it")
							   : str_eq(what, "project") ? N_("serves it") : N_("traces to it")));
	}
	/* the projects that serve it (linked to it itself) */
	json_t *projects = NULL;
	if ((rc = project_serving_element(c, el->id, &projects, &r->err))) {
		json_decref(children);
		json_decref(items);
		json_decref(targets);
		json_decref(served);
		json_decref(deps);
		json_decref(ctx);
		return rc;
	}
	json_array_foreach(projects, i, d) {
		json_set_str(d, "status_label", req_tr(r, project_status_label(project_status_parse(json_get_str(d, "status", "")))));
		view_amount(d, "cost_text", json_get_str(d, "currency", "PEN"), json_object_get(d, "cost_cents"));
	}
	json_set_bool(ctx, "has_projects", json_array_size(projects) > 0);
	/* the first 50 here; the list filtered by the element has them all */
	if (json_array_size(projects) > 50) {
		json_set_int(ctx, "projects_more", (int64_t)json_array_size(projects) - 50);
		while (json_array_size(projects) > 50)
			json_array_remove(projects, json_array_size(projects) - 1);
	}
	json_object_set_new(ctx, "projects", projects);
	json_set_bool(ctx, "has_targets", json_array_size(targets) > 0);
	json_set_bool(ctx, "has_served", json_array_size(served) > 0);
	json_set_bool(ctx, "has_children", json_array_size(children) > 0);
	json_set_bool(ctx, "has_items", json_array_size(items) > 0);
	json_object_set_new(ctx, "targets", targets);
	json_object_set_new(ctx, "served_by", served);
	json_object_set_new(ctx, "children", children);
	json_object_set_new(ctx, "items", items);
	json_set_bool(ctx, "has_dependents", json_array_size(deps) > 0);
	json_object_set_new(ctx, "dependents", deps);
	json_t *parents = json_array();
	json_t *top = json_object();
	json_set_int(top, "id", 0);
	json_set_str(top, "label", req_tr(r, "— top level —"));
	json_set_bool(top, "selected", el->parent_id == 0);
	json_array_append_new(parents, top);
	flatten(tree, 0, el->id, el->parent_id, parents);
	json_decref(tree);
	json_object_set_new(ctx, "parents", parents);
	json_object_set_new(ctx, "kinds", kind_choices(r, p->levels, typed && req_param(r, "kind") ? req_param(r, "kind") : el->kind));
	json_set_bool(ctx, "can_write", !str_eq(p->status, "superseded") && can(r, "plan.write", p->government));
	json_set_str(ctx, "error", error);
	char title[700];
	snprintf(title, sizeof title, "%s %s", el->code, el->title);
	return page(r, "element", ctx, title);
}

int h_element(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct plan_element el;
	if (!(rc = load_element(r, c, &p, &el))) {
		rc = element_page(r, c, &p, &el, NULL, false);
		plan_element_release(&el);
	}
	plan_release(&p);
	return rc;
}

/* Runs a change on the element {eid} of plan {id}: authorizes, calls fn, and
 * either redirects (to `after`: "plan" or "element") or shows the element page
 * again with the refusal. */
typedef int (*element_change_fn)(struct req *r, struct db_conn *c, const struct plan_element *el, struct err *e);

static int element_change(struct req *r, element_change_fn fn, const char *after)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct plan_element el;
	if ((rc = load_element(r, c, &p, &el))) {
		plan_release(&p);
		return rc;
	}
	rc = req_authorize(r, "plan.write", p.government);
	if (!rc) {
		struct err e;
		err_init(&e, r->lang);
		rc = fn(r, c, &el, &e);
		if (rc == ERR_INVALID || rc == ERR_CONFLICT || rc == ERR_NOTFOUND) {
			r->status = rc == ERR_CONFLICT ? 409 : rc == ERR_NOTFOUND ? 404 : 400;
			struct plan fresh;
			struct plan_element fel;
			/* the page as it stands now (nothing was written) */
			if (plan_get(c, p.id, &fresh, &r->err) == 0) {
				if (plan_element_get(c, el.id, &fel, &r->err) == 0) {
					rc = element_page(r, c, &fresh, &fel, e.msg, str_eq(after, "element-typed"));
					plan_element_release(&fel);
				} else {
					rc = r->err.code;
				}
				plan_release(&fresh);
			} else {
				rc = r->err.code;
			}
		} else if (rc) {
			rc = err_set(&r->err, rc, "%s", e.msg);
		} else {
			char loc[96];
			if (str_eq(after, "plan"))
				snprintf(loc, sizeof loc, "/plans/%" PRId64 "#e%" PRId64, p.id, el.id);
			else if (str_eq(after, "plan-top"))
				snprintf(loc, sizeof loc, "/plans/%" PRId64, p.id);
			else
				snprintf(loc, sizeof loc, "/plans/%" PRId64 "/elements/%" PRId64, p.id, el.id);
			rc = redirect(r, loc);
		}
	}
	plan_element_release(&el);
	plan_release(&p);
	return rc;
}

static int do_update(struct req *r, struct db_conn *c, const struct plan_element *el, struct err *e)
{
	struct plan_element_input in;
	element_input(r, &in);
	return plan_element_update(c, &r->actor, r->now, el->id, &in, e);
}

int h_element_update(struct req *r) { return element_change(r, do_update, "element-typed"); }

static int do_move(struct req *r, struct db_conn *c, const struct plan_element *el, struct err *e)
{
	const char *dir = req_param(r, "direction");
	if (dir) {
		int64_t pos = str_eq(dir, "up") ? el->position - 1 : el->position + 1;
		if (pos < 1)
			return err_set(e, ERR_INVALID, "%s is already the first of its level", el->code);
		return plan_element_move(c, &r->actor, r->now, el->id, el->parent_id, pos, e);
	}
	if (!req_param(r, "parent"))
		return err_set(e, ERR_INVALID, "Choose where to move it");
	return plan_element_move(c, &r->actor, r->now, el->id, req_param_int(r, "parent", 0),
				 req_param_int(r, "position", INT32_MAX / 2), e);
}

int h_element_move(struct req *r) { return element_change(r, do_move, "plan"); }

static int do_delete(struct req *r, struct db_conn *c, const struct plan_element *el, struct err *e)
{
	return plan_element_delete(c, &r->actor, r->now, el->id, e);
}

int h_element_delete(struct req *r) { return element_change(r, do_delete, "plan-top"); }

static int do_unalign(struct req *r, struct db_conn *c, const struct plan_element *el, struct err *e)
{
	return plan_unalign(c, &r->actor, r->now, el->id, req_param_int(r, "target", 0), e);
}

int h_element_unalign(struct req *r) { return element_change(r, do_unalign, "element"); }

/* ---- the alignment picker ---- */

static int align_page(struct req *r, struct db_conn *c, const struct plan *p, const struct plan_element *el,
		      const char *error)
{
	const char *q = req_param(r, "q");
	json_t *items;
	int64_t total;
	int rc = plan_align_candidates(c, el->id, q, 60, &items, &total, &r->err);
	if (rc)
		return rc;
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		json_set_str(o, "kind_label", kind_label(r, json_get_str(o, "kind", "")));
		json_t *pl = json_object_get(o, "plan");
		json_set_str(pl, "status_label", req_tr(r, plan_status_name(json_get_str(pl, "status", ""))));
	}
	json_t *ctx = json_object();
	json_t *pj = plan_to_json(p);
	decorate_plan(r, pj);
	json_object_set_new(ctx, "plan", pj);
	json_t *ej = plan_element_to_json(el);
	json_set_str(ej, "kind_label", kind_label(r, el->kind));
	json_object_set_new(ctx, "element", ej);
	json_set_str(ctx, "q", q);
	json_set_int(ctx, "total", total);
	json_set_bool(ctx, "has_results", json_array_size(items) > 0);
	json_object_set_new(ctx, "results", items);
	json_set_str(ctx, "error", error);
	char title[700];
	snprintf(title, sizeof title, "%s: %s %s", req_tr(r, "Align"), el->code, el->title);
	return page(r, "element_align", ctx, title);
}

int h_element_align_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct plan_element el;
	if (!(rc = load_element(r, c, &p, &el))) {
		rc = req_authorize(r, "plan.write", p.government);
		if (!rc)
			rc = align_page(r, c, &p, &el, NULL);
		plan_element_release(&el);
	}
	plan_release(&p);
	return rc;
}

int h_element_align(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	struct plan_element el;
	if ((rc = load_element(r, c, &p, &el))) {
		plan_release(&p);
		return rc;
	}
	rc = req_authorize(r, "plan.write", p.government);
	if (!rc) {
		struct err e;
		err_init(&e, r->lang);
		rc = plan_align(c, &r->actor, r->now, el.id, req_param_int(r, "target", 0), &e);
		if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
			r->status = rc == ERR_CONFLICT ? 409 : 400;
			rc = align_page(r, c, &p, &el, e.msg);
		} else if (rc) {
			rc = err_set(&r->err, rc, "%s", e.msg);
		} else {
			char loc[96];
			snprintf(loc, sizeof loc, "/plans/%" PRId64 "/elements/%" PRId64, p.id, el.id);
			rc = redirect(r, loc);
		}
	}
	plan_element_release(&el);
	plan_release(&p);
	return rc;
}

/* ---- import ---- */

static int import_page(struct req *r, const struct government *g, const char *tmpl, json_t *ctx, const char *error)
{
	if (!ctx)
		ctx = json_object();
	json_object_set_new(ctx, "government", government_to_json(g));
	json_object_set_new(ctx, "instruments", instrument_choices(r, req_param(r, "instrument") ? req_param(r, "instrument") : "pdc"));
	json_object_set_new(ctx, "horizons", horizon_choices(r, req_param(r, "horizon") ? req_param(r, "horizon") : "medium"));
	static const char *const keys[] = { "text", "kind_name", "start_year", "end_year", "format", NULL };
	for (const char *const *k = keys; *k; k++)
		json_set_str(ctx, *k, req_param(r, *k));
	json_set_str(ctx, "plan_title", req_param(r, "title"));
	json_set_bool(ctx, "is_csv", str_eq(req_param(r, "format"), "csv"));
	json_set_bool(ctx, "skip_missing", req_param_int(r, "skip_missing", 0) == 1);
	json_set_str(ctx, "error", error);
	return page(r, tmpl, ctx, req_tr(r, "Import a plan"));
}

int h_plan_import_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	int rc = government_param(r, c, &g);
	if (!rc)
		rc = req_authorize(r, "plan.write", g.code);
	if (rc)
		return rc;
	return import_page(r, &g, "plan_import", NULL, NULL);
}

static json_t *role_choices(struct req *r, const struct plan_csv_col *col)
{
	json_t *arr = json_array();
	char cur[40];
	plan_csv_role_text(col, cur, sizeof cur);
	json_t *o = json_object();
	json_set_str(o, "value", "");
	json_set_str(o, "label", req_tr(r, "— choose —"));
	json_set_bool(o, "selected", !cur[0]);
	json_array_append_new(arr, o);
	static const struct { const char *value, *label; } fixed[] = {
		{ "ignore", N_("ignore this column") }, { "description", N_("description") }, { "office", N_("responsible office") },
	};
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++) {
		o = json_object();
		json_set_str(o, "value", fixed[i].value);
		json_set_str(o, "label", req_tr(r, fixed[i].label));
		json_set_bool(o, "selected", str_eq(cur, fixed[i].value));
		json_array_append_new(arr, o);
	}
	size_t n;
	const struct plan_kind *k = plan_kinds(&n);
	for (int what = 0; what < 2; what++)
		for (size_t i = 0; i < n; i++) {
			char value[40], label[160];
			snprintf(value, sizeof value, "%s:%s", what ? "code" : "title", k[i].key);
			snprintf(label, sizeof label, "%s: %s", req_tr(r, what ? N_("code of") : N_("title of")), req_tr(r, k[i].name));
			o = json_object();
			json_set_str(o, "value", value);
			json_set_str(o, "label", label);
			json_set_bool(o, "selected", str_eq(cur, value));
			json_array_append_new(arr, o);
		}
	return arr;
}

/* The preview: the first elements, indented. */
static json_t *preview(const struct plan_doc *d, size_t max)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->nels && i < max; i++) {
		int depth = 0;
		for (int p = d->els[i].parent; p >= 0; p = d->els[p].parent)
			depth++;
		json_t *o = json_object();
		json_set_int(o, "depth", depth > 7 ? 7 : depth);
		json_set_str(o, "code", d->els[i].code);
		json_set_str(o, "title", d->els[i].title);
		json_set_str(o, "kind", d->els[i].kind);
		json_array_append_new(arr, o);
	}
	return arr;
}

int h_plan_import(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	int rc = government_param(r, c, &g);
	if (!rc)
		rc = req_authorize(r, "plan.write", g.code);
	if (rc)
		return rc;
	const char *text = req_param(r, "text");
	const char *format = req_param(r, "format");
	if (!text || !*text || !format) {
		r->status = 400;
		return import_page(r, &g, "plan_import", NULL, req_tr(r, "Paste the plan (JSON or CSV) or choose its file"));
	}
	struct err e;
	err_init(&e, r->lang);
	struct plan_doc d;
	plan_doc_init(&d);
	int64_t id = 0;
	int flags = req_param_int(r, "skip_missing", 0) ? PLAN_IMPORT_SKIP_MISSING_TARGETS : 0;
	if (str_eq(format, "json")) {
		rc = plan_doc_parse_json(text, strlen(text), &d, &e);
		if (!rc)
			rc = plan_import_doc(c, &r->actor, r->now, g.code, &d, flags, &id, &e);
		plan_doc_release(&d);
		if (rc == ERR_INVALID || rc == ERR_CONFLICT || rc == ERR_TOOBIG) {
			r->status = rc == ERR_CONFLICT ? 409 : 400;
			return import_page(r, &g, "plan_import", NULL, e.msg);
		}
	} else {
		/* CSV: the mapping step, then (confirm) the import */
		struct plan_csv_map m;
		rc = plan_csv_guess(text, strlen(text), &m, &e);
		if (rc) {
			plan_doc_release(&d);
			r->status = 400;
			return import_page(r, &g, "plan_import", NULL, e.msg);
		}
		/* the mapping step's choices, over the guess */
		for (int i = 0; i < m.ncols; i++) {
			char name[16];
			snprintf(name, sizeof name, "map%d", i + 1);
			const char *v = req_param(r, name);
			if (!v)
				continue;
			struct plan_csv_col tmp = m.col[i];
			if (!*v || plan_csv_role_parse(v, &tmp))
				tmp.role = CSV_UNKNOWN;
			m.col[i].role = tmp.role;
			snprintf(m.col[i].kind, sizeof m.col[i].kind, "%s", tmp.kind);
		}
		snprintf(d.instrument, sizeof d.instrument, "%s", req_param(r, "instrument") ? req_param(r, "instrument") : "");
		plan_doc_set(&d.kind_name, req_param(r, "kind_name"));
		snprintf(d.horizon, sizeof d.horizon, "%s", req_param(r, "horizon") ? req_param(r, "horizon") : "");
		plan_doc_set(&d.title, req_param(r, "title"));
		d.start_year = year_param(r, "start_year");
		d.end_year = year_param(r, "end_year");
		rc = plan_doc_from_csv(text, strlen(text), &m, &d, &e);
		bool confirm = req_param_int(r, "confirm", 0) == 1;
		if (!rc && confirm)
			rc = plan_import_doc(c, &r->actor, r->now, g.code, &d, flags, &id, &e);
		if (rc || !confirm) {
			json_t *ctx = json_object();
			json_t *cols = json_array();
			for (int i = 0; i < m.ncols; i++) {
				json_t *o = json_object();
				json_set_int(o, "n", i + 1);
				json_set_str(o, "header", m.col[i].header);
				json_object_set_new(o, "roles", role_choices(r, &m.col[i]));
				json_array_append_new(cols, o);
			}
			json_object_set_new(ctx, "columns", cols);
			if (!rc) {
				json_object_set_new(ctx, "preview", preview(&d, 300));
				json_set_int(ctx, "element_count", (int64_t)d.nels);
				json_set_bool(ctx, "more", d.nels > 300);
			}
			plan_doc_release(&d);
			if (rc && rc != ERR_INVALID && rc != ERR_CONFLICT)
				return err_set(&r->err, rc, "%s", e.msg);
			if (rc)
				r->status = rc == ERR_CONFLICT ? 409 : 400;
			return import_page(r, &g, "plan_import_map", ctx, rc ? e.msg : NULL);
		}
		plan_doc_release(&d);
	}
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	char loc[64];
	snprintf(loc, sizeof loc, "/plans/%" PRId64, id);
	return redirect(r, loc);
}

/* ---- API ---- */

int h_api_plans(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	const char *t = req_param(r, "territory");
	if (t && government_for(c, t, &g, &r->err))
		return r->err.code;
	struct plan_query q = { .government = t ? g.code : NULL, .status = req_param(r, "status"),
				.instrument = req_param(r, "instrument"), .year = req_param_int(r, "year", 0),
				.limit = req_param_int(r, "limit", 100), .offset = req_param_int(r, "offset", 0) };
	json_t *items;
	int64_t total;
	int rc = plan_list(c, &q, &items, &total, &r->err);
	if (rc)
		return rc;
	json_t *o = json_list(items, total);
	json_set_int(o, "limit", q.limit);
	json_set_int(o, "offset", q.offset);
	return api_json(r, 200, o);
}

int h_api_plan(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan p;
	int rc = load_plan(r, c, &p);
	if (rc)
		return rc;
	json_t *o = plan_to_json(&p);
	plan_release(&p);
	json_t *tree = NULL, *versions = NULL;
	rc = plan_tree(c, json_get_int(o, "id", 0), &tree, NULL, &r->err);
	if (!rc)
		rc = plan_versions(c, json_get_int(o, "id", 0), &versions, &r->err);
	if (rc) {
		json_decref(o);
		json_decref(tree);
		return rc;
	}
	json_object_set_new(o, "elements", tree);
	json_object_set_new(o, "versions", versions);
	return api_json(r, 200, o);
}

int h_api_plan_version(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan_doc d;
	plan_doc_init(&d);
	int rc = plan_version_doc(c, arg_id(r, 0), arg_id(r, 1), &d, &r->err);
	json_t *o = rc ? NULL : plan_doc_to_json(&d, true);
	plan_doc_release(&d);
	return rc ? rc : api_json(r, 200, o);
}

int h_api_plan_elements(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct government g;
	const char *t = req_param(r, "territory");
	if (t && government_for(c, t, &g, &r->err))
		return r->err.code;
	struct plan_element_query q = { .q = req_param(r, "q"), .government = t ? g.code : NULL,
					.with_ancestors = req_param_int(r, "with_ancestors", 0) == 1,
					.plan_id = req_param_int(r, "plan", 0), .kind = req_param(r, "kind"),
					.instrument = req_param(r, "instrument"), .limit = req_param_int(r, "limit", 50),
					.offset = req_param_int(r, "offset", 0) };
	json_t *items;
	int64_t total;
	int rc = plan_element_search(c, &q, &items, &total, &r->err);
	if (rc)
		return rc;
	json_t *o = json_list(items, total);
	json_set_int(o, "limit", q.limit);
	json_set_int(o, "offset", q.offset);
	return api_json(r, 200, o);
}

int h_api_plan_element(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct plan_element el;
	int rc = plan_element_get(c, arg_id(r, 0), &el, &r->err);
	if (rc)
		return rc;
	json_t *o = plan_element_to_json(&el);
	plan_element_release(&el);
	json_t *targets = NULL, *served = NULL;
	rc = plan_element_targets(c, json_get_int(o, "id", 0), &targets, &r->err);
	if (!rc)
		rc = plan_served_by(c, json_get_int(o, "id", 0), &served, &r->err);
	if (rc) {
		json_decref(o);
		json_decref(targets);
		return rc;
	}
	json_object_set_new(o, "aligns_to", targets);
	json_object_set_new(o, "served_by", served);
	return api_json(r, 200, o);
}
