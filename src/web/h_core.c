/* h_core.c — the home page, health check, API index and static files. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/http.h"
#include "web/server.h"
#include "core/assets.h"
#include "core/json.h"
#include "core/version.h"
#include "domain/territory.h"

int h_home(struct req *r)
{
	json_t *ctx = json_object();
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	if (r->app->home_government[0]) {
		struct government g;
		struct territory t;
		if (government_get(c, r->app->home_government, &g, &r->err) == 0 &&
		    territory_get(c, g.code, &t, &r->err) == 0) {
			json_object_set_new(ctx, "government", government_to_json(&g));
			json_object_set_new(ctx, "territory", territory_to_json(&t));
		}
		err_init(&r->err, r->lang);
	}
	return page(r, "home", ctx, req_tr(r, "Concerted planning with citizens"));
}

int h_healthz(struct req *r)
{
	json_t *o = json_object();
	struct db_conn *c = req_db(r);
	bool ok = false;
	if (c) {
		struct db_stmt *st = db_prepare(c, "SELECT 1", &r->err);
		ok = st && db_step(st, &r->err) == DB_ROW;
		db_finish(st);
	}
	json_set_str(o, "status", ok ? "ok" : "unavailable");
	json_set_str(o, "database", db_kind_name(r->app->db));
	return api_json(r, ok ? 200 : 503, o);
}

int h_api_index(struct req *r)
{
	json_t *routes = json_array();
	for (size_t i = 0; i < r->app->nroutes; i++) {
		const struct route *rt = &r->app->routes[i];
		if (!str_starts(rt->pattern, "/api/"))
			continue;
		json_t *o = json_object();
		json_set_str(o, "method", rt->method);
		json_set_str(o, "path", rt->pattern);
		json_t *params = json_array();
		for (const struct param_spec *p = rt->params; p && p->name; p++)
			json_array_append_new(params, json_string(p->name));
		json_object_set_new(o, "params", params);
		json_array_append_new(routes, o);
	}
	json_t *o = json_object();
	json_set_str(o, "name", "minka");
	json_set_str(o, "version", MINKA_VERSION);
	json_object_set_new(o, "endpoints", routes);
	return api_json(r, 200, o);
}

static const char *mime_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (str_eq(dot, ".css")) return "text/css; charset=utf-8";
	if (str_eq(dot, ".js")) return "text/javascript; charset=utf-8";
	if (str_eq(dot, ".svg")) return "image/svg+xml";
	if (str_eq(dot, ".png")) return "image/png";
	if (str_eq(dot, ".ico")) return "image/x-icon";
	if (str_eq(dot, ".txt")) return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

int h_static(struct req *r)
{
	char name[ROUTE_ARG_MAX + 16];
	snprintf(name, sizeof name, "static/%s", req_arg(r, 0));
	const struct asset *a = asset_find(name);
	if (!a || strstr(name, ".."))
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	req_add_header(r, "ETag", a->etag);
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	r->content_type = mime_for(name);
	const char *inm = req_header(r, "If-None-Match");
	if (inm && str_eq(inm, a->etag))
		return 304;
	if (buf_append(&r->out, a->data, a->len))
		return err_set(&r->err, ERR_INTERNAL, "out of memory");
	return 200;
}
