/* h_territory.c — browsing Peru's territory: regions → provinces → districts,
 * with population, poverty and human development, and the territory API. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/svg.h"
#include "web/tmpl.h"
#include "core/json.h"
#include "domain/territory.h"

#include <math.h>

#define PAGE_SIZE 50

static int list_children(struct req *r, struct db_conn *c, const char *parent, json_t **items)
{
	struct territory_query q = { .parent = parent, .limit = 5000 };
	int64_t total;
	return territory_list(c, &q, items, &total, &r->err);
}

static double jreal(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* A bar chart over children: population for regions and provinces lists. */
static void chart_children(json_t *ctx, json_t *children, const char *key, const char *title,
			   const char *desc, int places, double max)
{
	size_t n = json_array_size(children);
	if (n == 0)
		return;
	struct svg_bar *bars = calloc(n, sizeof *bars);
	char (*texts)[40] = calloc(n, sizeof *texts);
	char (*hrefs)[40] = calloc(n, sizeof *hrefs);
	if (!bars || !texts || !hrefs)
		goto out;
	size_t i;
	json_t *ch;
	size_t k = 0;
	json_array_foreach(children, i, ch) {
		double v = jreal(ch, key);
		if (isnan(v))
			continue;
		const char *code = json_get_str(ch, "code", "");
		bars[k].label = json_get_str(ch, "name", "");
		bars[k].value = v;
		if (places == 0)
			fmt_int_grouped((int64_t)v, texts[k], sizeof texts[k]);
		else
			fmt_real_grouped(v, places, texts[k], sizeof texts[k]);
		bars[k].value_text = texts[k];
		snprintf(hrefs[k], sizeof hrefs[k], "/territories/%s", code);
		bars[k].href = hrefs[k];
		k++;
	}
	struct buf svg;
	buf_init(&svg, 1 << 20);
	if (svg_hbars(&svg, key, title, desc, bars, k, max) == 0)
		json_object_set_new(ctx, "chart", json_stringn_nocheck(buf_cstr(&svg), svg.len));
	buf_release(&svg);
out:
	free(bars);
	free(texts);
	free(hrefs);
}

int h_territories(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *ctx = json_object();
	const char *q = req_param(r, "q");
	int64_t offset = req_param_int(r, "offset", 0);
	json_t *items = NULL;
	int rc;
	if (q && *q) {
		struct territory_query tq = { .q = q, .limit = PAGE_SIZE, .offset = offset };
		int64_t total;
		rc = territory_list(c, &tq, &items, &total, &r->err);
		if (rc) {
			json_decref(ctx);
			return rc;
		}
		json_set_str(ctx, "q", q);
		json_set_int(ctx, "total", total);
		json_set_bool(ctx, "has_results", json_array_size(items) > 0);
		json_object_set_new(ctx, "results", items);
		if (offset + PAGE_SIZE < total)
			json_set_int(ctx, "next_offset", offset + PAGE_SIZE);
		if (offset > 0) {
			json_set_bool(ctx, "has_prev", true);
			json_set_int(ctx, "prev_offset", offset > PAGE_SIZE ? offset - PAGE_SIZE : 0);
		}
		json_set_bool(ctx, "searching", true);
	} else {
		struct territory_query tq = { .level = TERR_REGION, .limit = 100 };
		int64_t total;
		rc = territory_list(c, &tq, &items, &total, &r->err);
		if (rc) {
			json_decref(ctx);
			return rc;
		}
		chart_children(ctx, items, "population", req_tr(r, "Population by region"),
			       req_tr(r, "Projected population 2025 of each region (INEI)"), 0, 0);
		json_object_set_new(ctx, "regions", items);
	}
	return page(r, "territories", ctx, req_tr(r, "Territory of Peru"));
}

static void compare_row(json_t *arr, const struct territory *t, const char *label, bool self)
{
	json_t *o = json_object();
	json_set_str(o, "code", t->code);
	json_set_str(o, "name", t->name);
	json_set_str(o, "level", label);
	json_object_set_new(o, "poverty_pct", isnan(t->poverty_pct) ? json_null() : json_real(t->poverty_pct));
	json_object_set_new(o, "poverty_year", t->poverty_year < 0 ? json_null() : json_integer(t->poverty_year));
	json_object_set_new(o, "idh", isnan(t->idh) ? json_null() : json_real(t->idh));
	json_set_bool(o, "self", self);
	json_array_append_new(arr, o);
}

int h_territory(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *code = req_arg(r, 0);
	struct territory chain[3];
	int depth;
	int rc = territory_get_chain(c, code, chain, &depth, &r->err);
	if (rc)
		return rc;
	const struct territory t = chain[depth - 1];
	json_t *ctx = json_object();
	json_object_set_new(ctx, "territory", territory_to_json(&t));
	json_object_set_new(ctx, "ancestors", territory_chain_json(chain, depth - 1));
	struct government g;
	if (government_for(c, code, &g, &r->err) == 0)
		json_object_set_new(ctx, "government", government_to_json(&g));
	err_init(&r->err, r->lang);
	json_set_bool(ctx, "is_region", t.level == TERR_REGION);
	json_set_bool(ctx, "is_province", t.level == TERR_PROVINCE);
	json_set_bool(ctx, "is_district", t.level == TERR_DISTRICT);
	json_set_str(ctx, "level_label", req_tr(r, t.level == TERR_REGION ? "Region" : t.level == TERR_PROVINCE ? "Province" : "District"));

	if (t.level != TERR_DISTRICT) {
		json_t *children = NULL;
		rc = list_children(r, c, code, &children);
		if (rc) {
			json_decref(ctx);
			return rc;
		}
		if (t.level == TERR_REGION)
			chart_children(ctx, children, "population", req_tr(r, "Population by province"),
				       req_tr(r, "Projected population 2025 of each province (INEI)"), 0, 0);
		else
			chart_children(ctx, children, "poverty_pct", req_tr(r, "Monetary poverty by district"),
				       req_tr(r, "Share of the population in monetary poverty, 2018 (INEI)"), 1, 100);
		json_set_int(ctx, "children_count", (int64_t)json_array_size(children));
		json_object_set_new(ctx, "children", children);
	} else {
		/* the district against its province and region */
		json_t *cmp = json_array();
		compare_row(cmp, &chain[2], req_tr(r, "District"), true);
		compare_row(cmp, &chain[1], req_tr(r, "Province"), false);
		compare_row(cmp, &chain[0], req_tr(r, "Region"), false);
		struct svg_bar bars[3];
		char texts[3][32], labels[3][TERR_NAME_MAX + 24];
		size_t nb = 0, i;
		json_t *row;
		json_array_foreach(cmp, i, row) {
			double v = jreal(row, "poverty_pct");
			if (isnan(v) || nb == 3)
				continue;
			snprintf(texts[nb], sizeof texts[nb], "%.1f %%", v);
			snprintf(labels[nb], sizeof labels[nb], "%s (%s)", json_get_str(row, "name", ""),
				 json_get_str(row, "level", ""));
			bars[nb] = (struct svg_bar){ .label = labels[nb], .value = v,
						     .value_text = texts[nb], .highlight = json_is_true(json_object_get(row, "self")) };
			nb++;
		}
		if (nb) {
			struct buf svg;
			buf_init(&svg, 1 << 16);
			if (svg_hbars(&svg, "poverty", req_tr(r, "Monetary poverty compared"),
				      req_tr(r, "Share of the population in monetary poverty in the district, its province and its region (INEI)"),
				      bars, nb, 100) == 0)
				json_object_set_new(ctx, "chart", json_stringn_nocheck(buf_cstr(&svg), svg.len));
			buf_release(&svg);
		}
		json_object_set_new(ctx, "compare", cmp);
	}
	char title[TERR_NAME_MAX + 32];
	snprintf(title, sizeof title, "%s (%s)", t.name, t.code);
	return page(r, "territory", ctx, title);
}

int h_api_territories(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *level = req_param(r, "level");
	struct territory_query q = {
		.parent = req_param(r, "parent"),
		.q = req_param(r, "q"),
		.level = !level ? 0 : str_eq(level, "region") ? TERR_REGION : str_eq(level, "province") ? TERR_PROVINCE : TERR_DISTRICT,
		.limit = req_param_int(r, "limit", 100),
		.offset = req_param_int(r, "offset", 0),
	};
	json_t *items;
	int64_t total;
	int rc = territory_list(c, &q, &items, &total, &r->err);
	if (rc)
		return rc;
	json_t *o = json_list(items, total);
	json_set_int(o, "limit", q.limit);
	json_set_int(o, "offset", q.offset);
	return api_json(r, 200, o);
}

int h_api_territory(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct territory chain[3];
	int depth;
	int rc = territory_get_chain(c, req_arg(r, 0), chain, &depth, &r->err);
	if (rc)
		return rc;
	const struct territory t = chain[depth - 1];
	json_t *o = territory_to_json(&t);
	struct government g;
	if (government_for(c, t.code, &g, &r->err) == 0)
		json_object_set_new(o, "government", government_to_json(&g));
	json_object_set_new(o, "ancestors", territory_chain_json(chain, depth));
	err_init(&r->err, r->lang);
	if (t.level != TERR_DISTRICT) {
		struct territory_query q = { .parent = t.code, .limit = 1 };
		json_t *items;
		int64_t total;
		if (territory_list(c, &q, &items, &total, &r->err) == 0) {
			json_decref(items);
			json_set_int(o, "children", total);
		}
	}
	return api_json(r, 200, o);
}
