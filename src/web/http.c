/* http.c — answering: pages through the layout, JSON, redirects, errors. */
#include "core/compat.h"
#include "web/http.h"
#include "web/server.h"
#include "web/tmpl.h"
#include "core/json.h"
#include "core/log.h"
#include "core/date.h"
#include "rules/permission.h"

/* The main navigation; each area of minka adds its entry here. */
static const struct { const char *href; const char *label; } nav_items[] = {
	{ "/", N_("Home") },
	{ "/territories", N_("Territory") },
	{ "/plans", N_("Plans") },
	{ "/articulation", N_("Articulation") },
	{ "/projects", N_("Project bank") },
	{ "/invest", N_("Investment plan") },
	{ "/execution", N_("Execution") },
	{ "/pb", N_("Participatory budget") },
	{ "/monitoring", N_("Monitoring") },
};

static const struct { const char *code; const char *label; } lang_labels[] = {
	{ "es", "Español" },
	{ "en", "English" },
};

static bool path_under(const char *path, const char *href)
{
	if (str_eq(href, "/"))
		return str_eq(path, "/");
	size_t n = strlen(href);
	return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

json_t *page_context(struct req *r, const char *title)
{
	json_t *ctx = json_object();
	json_set_str(ctx, "lang", i18n_code(r->lang));
	json_set_str(ctx, "title", title);
	json_set_str(ctx, "installation", r->app->installation);
	json_set_str(ctx, "home_government", r->app->home_government);
	json_set_str(ctx, "path", r->path);
	json_t *nav = json_array();
	for (size_t i = 0; i < ARRAY_LEN(nav_items); i++) {
		json_t *it = json_object();
		json_set_str(it, "href", nav_items[i].href);
		json_set_str(it, "label", req_tr(r, nav_items[i].label));
		json_set_bool(it, "current", path_under(r->path, nav_items[i].href));
		json_array_append_new(nav, it);
	}
	json_object_set_new(ctx, "nav", nav);
	json_t *langs = json_array();
	for (size_t i = 0; i < ARRAY_LEN(lang_labels); i++) {
		json_t *it = json_object();
		json_set_str(it, "code", lang_labels[i].code);
		json_set_str(it, "label", lang_labels[i].label);
		json_set_bool(it, "current", str_eq(lang_labels[i].code, i18n_code(r->lang)));
		json_array_append_new(langs, it);
	}
	json_object_set_new(ctx, "langs", langs);
	json_set_str(ctx, "csrf", r->csrf);
	if (r->signed_in) {
		json_t *u = json_object();
		json_set_int(u, "id", r->user.id);
		json_set_str(u, "name", r->user.name);
		json_set_str(u, "email", r->user.email);
		json_set_bool(u, "can_admin", perm_allows(true, r->user.grants, r->user.ngrants, "admin.users", NULL));
		json_set_bool(u, "can_audit", perm_allows(true, r->user.grants, r->user.ngrants, "audit.read", NULL));
		json_object_set_new(ctx, "user", u);
	}
	json_set_int(ctx, "year", date_from_epoch(r->now).year);
	return ctx;
}

int page(struct req *r, const char *tmpl, json_t *ctx, const char *title)
{
	json_t *full = page_context(r, title);
	json_object_update(full, ctx);
	json_decref(ctx);
	struct buf body;
	buf_init(&body, r->out.max);
	int rc = tmpl_render(tmpl, full, r->lang, &body);
	if (!rc) {
		json_object_set_new(full, "body", json_stringn_nocheck(buf_cstr(&body), body.len));
		rc = tmpl_render("layout", full, r->lang, &r->out);
	}
	buf_release(&body);
	json_decref(full);
	if (rc) {
		log_error("rendering %s failed (%d)", tmpl, rc);
		return err_set(&r->err, ERR_INTERNAL, "The page could not be built");
	}
	r->content_type = "text/html; charset=utf-8";
	return r->status ? r->status : 200;
}

int api_json(struct req *r, int status, json_t *j)
{
	int rc = json_to_buf(&r->out, j);
	json_decref(j);
	if (rc)
		return err_set(&r->err, ERR_INTERNAL, "The answer could not be built");
	if (buf_appendc(&r->out, '\n'))
		return err_set(&r->err, ERR_INTERNAL, "The answer could not be built");
	r->content_type = "application/json; charset=utf-8";
	return status;
}

int redirect(struct req *r, const char *location)
{
	req_add_header(r, "Location", location);
	r->content_type = "text/plain; charset=utf-8";
	buf_appends(&r->out, location);
	return 303;
}

static const char *default_message(int status)
{
	switch (status) {
	case 400: return N_("The request is not valid");
	case 401: return N_("You need to sign in to do this");
	case 403: return N_("You are not allowed to do this");
	case 404: return N_("The page you asked for does not exist");
	case 405: return N_("This address does not accept that method");
	case 409: return N_("This conflicts with the current state of the record");
	case 413: return N_("The request is too large");
	case 429: return N_("Too many attempts; please wait and try again");
	case 503: return N_("The service is temporarily unavailable; please try again");
	default: return N_("Something went wrong on our side; the error has been logged");
	}
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return N_("Invalid request");
	case 401: return N_("Sign in required");
	case 403: return N_("Not allowed");
	case 404: return N_("Page not found");
	case 405: return N_("Method not allowed");
	case 409: return N_("Conflict");
	case 413: return N_("Request too large");
	case 429: return N_("Too many attempts");
	case 503: return N_("Service unavailable");
	default: return N_("Server error");
	}
}

void render_error(struct req *r, int code, const char *message)
{
	int status = err_http_status(code);
	/* internal details stay in the log, not on the page */
	if (status == 500 || !message)
		message = req_tr(r, default_message(status));
	r->status = status;
	buf_reset(&r->out);
	bool api = (r->route && (r->route->flags & ROUTE_API)) || str_starts(r->path ? r->path : "", "/api/");
	if (api) {
		json_t *err = json_object();
		json_set_str(err, "code", err_code_name(code));
		json_set_str(err, "message", message);
		json_t *o = json_object();
		json_object_set_new(o, "error", err);
		json_to_buf(&r->out, o);
		buf_appendc(&r->out, '\n');
		json_decref(o);
		r->content_type = "application/json; charset=utf-8";
		return;
	}
	json_t *ctx = json_object();
	json_set_int(ctx, "status", status);
	json_set_str(ctx, "message", message);
	const char *title = req_tr(r, status_title(status));
	if (page(r, "error", ctx, title) < 0) {
		buf_reset(&r->out);
		buf_appendf(&r->out, "<!doctype html><title>%d</title><p>%d</p>", status, status);
		r->content_type = "text/html; charset=utf-8";
	}
	r->status = status;
}
