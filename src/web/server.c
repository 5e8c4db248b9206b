/* server.c — libmicrohttpd glue: collects the request (body bounded by
 * app->max_body; past it, 413), picks the language, matches the route, validates
 * parameters, calls the handler, and sends the response built in one buffer. */
#include "core/compat.h"
#include "web/server.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/tmpl.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/setting.h"

#include <microhttpd.h>
#include <time.h>

struct server {
	struct MHD_Daemon *daemon;
	struct app *app;
	int port;
};

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
	{ "X-Frame-Options", "DENY" },
};

static struct req *req_new(const struct app *app, struct MHD_Connection *conn)
{
	struct req *r = xcalloc(1, sizeof *r);
	r->conn = conn;
	r->app = app;
	r->status = 200;
	kv_list_init(&r->raw);
	kv_list_init(&r->params);
	r->body_limit = app->max_body;
	buf_init(&r->body, app->max_body);
	buf_init(&r->out, (size_t)256 << 20);
	r->lang = i18n_default();
	err_init(&r->err, r->lang);
	r->now = clock_now();
	return r;
}

static void req_free(struct req *r)
{
	if (r->db)
		db_release(r->db);
	kv_list_release(&r->raw);
	kv_list_release(&r->params);
	multipart_release(&r->upload);
	buf_release(&r->body);
	buf_release(&r->out);
	for (int i = 0; i < r->nheaders; i++)
		free(r->headers[i].value);
	free(r);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct req *r = cls;
	if (r->raw.n < PARAM_MAX_PAIRS && key)
		kv_list_add(&r->raw, key, strlen(key), value ? value : "", value ? strlen(value) : 0);
	return MHD_YES;
}

static void choose_language(struct req *r)
{
	const struct kv *q = kv_list_get(&r->raw, "lang");
	const struct i18n_lang *l = q ? i18n_find(q->value) : NULL;
	if (l) {
		r->lang_from_query = true;
	} else {
		l = i18n_find(req_cookie(r, "lang"));
		if (!l)
			l = i18n_negotiate(req_header(r, "Accept-Language"));
	}
	r->lang = l ? l : i18n_default();
	r->err.lang = r->lang;
}

static bool is_form(const struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	return ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

static bool is_multipart(const struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	return ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
}

/* Text parts become parameters like any form field; file parts stay in r->upload. */
static int parse_upload(struct req *r)
{
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	if (multipart_boundary(req_header(r, "Content-Type"), boundary))
		return err_set(&r->err, ERR_INVALID, "The uploaded form is malformed (%s)", req_tr(r, N_("boundary")));
	int rc = multipart_parse(r->body.data ? r->body.data : "", r->body.len, boundary, &r->upload, &r->err);
	if (rc)
		return rc;
	for (size_t i = 0; i < r->upload.n; i++) {
		const struct mp_part *p = &r->upload.parts[i];
		if (p->filename)
			continue;
		if (r->raw.n >= PARAM_MAX_PAIRS)
			return err_set(&r->err, ERR_TOOBIG, "Too many parameters (limit %d)", PARAM_MAX_PAIRS);
		kv_list_add(&r->raw, p->name, strlen(p->name), p->data, p->len);
	}
	return 0;
}

static int dispatch(struct server *s, struct req *r)
{
	const struct app *app = s->app;
	bool path_matched;
	r->route = router_match(app->routes, app->nroutes, r->method, r->path, r->args, &r->nargs, &path_matched);
	if (!r->route) {
		if (path_matched) {
			req_add_header(r, "Allow", "GET, POST");
			return err_set(&r->err, ERR_METHOD, "This address does not accept that method");
		}
		return err_set(&r->err, ERR_NOTFOUND, "The page you asked for does not exist");
	}
	if (r->body_too_big)
		return err_set(&r->err, ERR_TOOBIG, "The request is too large (limit %zu bytes)", r->body_limit);
	if (r->body.len && is_form(r)) {
		int rc = form_parse_urlencoded(buf_cstr(&r->body), r->body.len, &r->raw, &r->err);
		if (rc)
			return rc;
	} else if (r->body.len && (r->route->flags & ROUTE_UPLOAD) && is_multipart(r)) {
		int rc = parse_upload(r);
		if (rc)
			return rc;
	}
	auth_identify(r);
	int rc = auth_check_route(r);
	if (!rc)
		rc = auth_check_csrf(r);
	if (!rc)
		rc = params_validate(r->route->params, &r->raw, &r->params, &r->err);
	if (rc)
		return rc;
	if (!(r->route->flags & ROUTE_CACHE) || !str_eq(r->route->method, "GET") || !req_anonymous(r))
		return r->route->handler(r);
	/* key: language, path and the validated parameters (canonical order) */
	struct buf key;
	buf_init(&key, 4096);
	int krc = buf_appendf(&key, "%s\n%s", i18n_code(r->lang), r->path);
	for (size_t i = 0; i < r->params.n && !krc; i++)
		krc = buf_appendf(&key, "\n%s=%s", r->params.items[i].name, r->params.items[i].value);
	int64_t gen = 0;
	struct db_conn *c = krc ? NULL : req_db(r);
	if (!c || db_generation(c, &gen, &r->err)) {
		buf_release(&key);
		err_init(&r->err, r->lang);
		return r->route->handler(r);
	}
	char ctype[64];
	if (cache_get(buf_cstr(&key), gen, r->now, &r->out, ctype)) {
		buf_release(&key);
		r->content_type = str_starts(ctype, "application/json") ? "application/json; charset=utf-8"
									 : "text/html; charset=utf-8";
		req_add_header(r, "X-Minka-Cache", "hit");
		return 200;
	}
	rc = r->route->handler(r);
	if (rc == 200 && r->content_type)
		cache_put(buf_cstr(&key), gen, r->now, r->out.data ? r->out.data : "", r->out.len, r->content_type);
	buf_release(&key);
	return rc;
}

static enum MHD_Result send_response(struct req *r, struct MHD_Connection *conn)
{
	size_t len;
	char *data = buf_detach(&r->out, &len);
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(data);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/html; charset=utf-8");
	for (size_t i = 0; i < ARRAY_LEN(security_headers); i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	if (r->lang_from_query) {
		char cookie[96];
		snprintf(cookie, sizeof cookie, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s",
			 i18n_code(r->lang), r->app->behind_tls ? "; Secure" : "");
		MHD_add_response_header(resp, "Set-Cookie", cookie);
	}
	MHD_add_response_header(resp, "Content-Language", i18n_code(r->lang));
	MHD_add_response_header(resp, "Vary", "Accept-Language, Cookie");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static bool is_api(const struct req *r)
{
	return (r->route && (r->route->flags & ROUTE_API)) || str_starts(r->path ? r->path : "", "/api/");
}

static void finish(struct req *r, int rc)
{
	if (rc == ERR_UNAUTH && !is_api(r) && (str_eq(r->method, "GET") || str_eq(r->method, "HEAD"))) {
		/* a page that needs a signed-in visitor: go and sign in, then come back */
		struct buf loc;
		buf_init(&loc, 4096);
		buf_appends(&loc, "/login?next=");
		buf_append_urlenc(&loc, r->path);
		if (r->session_expired)
			buf_appends(&loc, "&expired=1");
		buf_reset(&r->out);
		r->status = redirect(r, buf_cstr(&loc));
		buf_release(&loc);
		return;
	}
	if (rc < 0) {
		int code = rc;
		buf_reset(&r->out);
		r->content_type = NULL;
		render_error(r, code, r->err.msg[0] ? r->err.msg : NULL);
		if (err_http_status(code) >= 500)
			log_error("%s %s: %s", r->method, r->path, r->err.msg);
	} else {
		r->status = rc ? rc : 200;
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct req *r = *con_cls;
	if (!r) {
		r = req_new(s->app, conn);
		*con_cls = r;
		r->method = method;
		r->path = url;
		/* the body cap: the route's own (uploads) or the server's */
		char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX];
		int nargs;
		bool pm;
		const struct route *rt = router_match(s->app->routes, s->app->nroutes, method, url, args, &nargs, &pm);
		if (rt && rt->max_body) {
			r->body_limit = rt->max_body;
			buf_release(&r->body);
			buf_init(&r->body, rt->max_body);
		}
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl) {
			char *end;
			unsigned long long n = strtoull(cl, &end, 10);
			if (*end || n > r->body_limit) {
				/* refuse before reading the body */
				MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
				choose_language(r);
				err_set(&r->err, ERR_TOOBIG, "The request is too large (limit %zu bytes)", r->body_limit);
				finish(r, ERR_TOOBIG);
				return send_response(r, conn);
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!r->body_too_big && buf_append(&r->body, upload_data, *upload_data_size))
			r->body_too_big = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
	choose_language(r);
	int rc = dispatch(s, r);
	/* Give the connection back before the response goes out: a worker thread
	 * serves many connections, and one still sending must not hold a database
	 * connection that the next request on the same thread waits for. */
	if (r->db) {
		db_release(r->db);
		r->db = NULL;
	}
	finish(r, rc);
	/* for HEAD, MHD sends the headers of this response and omits the body */
	return send_response(r, conn);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	if (*con_cls)
		req_free(*con_cls);
	*con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char line[512];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(line, sizeof line, fmt, ap);
#pragma GCC diagnostic pop
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	log_warn("http: %s", line);
}

int server_start(struct app *app, int port, int threads, struct server **out, struct err *e)
{
	struct server *s = xcalloc(1, sizeof *s);
	s->app = app;
	if (threads < 1)
		threads = 1;
	s->daemon = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
				     on_request, s,
				     MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
				     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
				     MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
				     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
				     app->listen_fd > 0 ? MHD_OPTION_LISTEN_SOCKET : MHD_OPTION_END, app->listen_fd,
				     MHD_OPTION_END);
	if (!s->daemon) {
		free(s);
		return err_set(e, ERR_IO, "cannot listen on port %d (in use?)", port);
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : port;
	*out = s;
	return 0;
}

int server_port(const struct server *s) { return s->port; }

void server_stop(struct server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	free(s);
}

int app_init(struct app *app, struct db *db, struct err *e)
{
	app->db = db;
	app->routes = minka_routes;
	app->nroutes = minka_routes_count;
	if (!app->max_body)
		app->max_body = (size_t)1 << 20;
	if (!i18n_count()) {
		int rc = i18n_init(e);
		if (rc)
			return rc;
	}
	if (!tmpl_exists("layout")) {
		int rc = tmpl_init(e);
		if (rc)
			return rc;
	}
	struct db_conn *c = db_acquire(db, e);
	if (!c)
		return e->code;
	if (setting_get(c, "installation_name", app->installation, sizeof app->installation, e))
		snprintf(app->installation, sizeof app->installation, "minka");
	if (setting_get(c, "home_government", app->home_government, sizeof app->home_government, e))
		app->home_government[0] = '\0';
	db_release(c);
	err_init(e, e->lang);
	return 0;
}

/* ---- request accessors (http.h) ---- */

struct db_conn *req_db(struct req *r)
{
	if (!r->db)
		r->db = db_acquire(r->app->db, &r->err);
	return r->db;
}

const char *req_arg(const struct req *r, int i) { return i < r->nargs ? r->args[i] : ""; }

const char *req_param(const struct req *r, const char *name)
{
	const struct kv *kv = kv_list_get(&r->params, name);
	return kv ? kv->value : NULL;
}

int64_t req_param_int(const struct req *r, const char *name, int64_t def)
{
	const struct kv *kv = kv_list_get(&r->params, name);
	return kv ? kv->ival : def;
}

const struct mp_part *req_file(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->upload.n; i++) {
		const struct mp_part *p = &r->upload.parts[i];
		if (p->filename && str_eq(p->name, name))
			return p->len || *p->filename ? p : NULL;
	}
	return NULL;
}

const char *req_header(const struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

const char *req_cookie(const struct req *r, const char *name)
{
	return r->conn ? MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name) : NULL;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == REQ_MAX_HEADERS) {
		log_error("too many response headers; dropping %s", name);
		return;
	}
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = xstrdup(value);
	r->nheaders++;
}

const char *req_tr(const struct req *r, const char *msgid) { return i18n_get(r->lang, msgid); }

bool req_anonymous(const struct req *r)
{
	return !r->signed_in;
}
