/* http.h — one HTTP request being handled, and the helpers handlers use to answer.
 * A handler reads validated parameters with req_param*(), does its work through
 * the domain, and answers with page() (HTML through the layout), api_json(),
 * redirect() or by returning a negative ERR_ code after err_set(&r->err, ...):
 * the server turns that into an error page or the API error shape. */
#ifndef MINKA_HTTP_H
#define MINKA_HTTP_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "domain/account.h"
#include "store/db.h"
#include "web/multipart.h"
#include "web/router.h"

#include <jansson.h>

#define REQ_MAX_HEADERS 12

struct app;   /* server-wide configuration (web/server.h) */

struct req {
	/* input */
	void *conn;                     /* the MHD connection */
	const struct app *app;
	const char *method;
	const char *path;
	const struct route *route;
	char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX];
	int nargs;
	struct kv_list raw;             /* query and form pairs as received */
	struct kv_list params;          /* declared and validated */
	struct buf body;
	size_t body_limit;              /* the cap that applied to this request's body */
	bool body_too_big;
	struct multipart upload;        /* ROUTE_UPLOAD routes: the parts (into body) */
	const struct i18n_lang *lang;
	bool lang_from_query;
	int64_t now;
	struct err err;
	struct db_conn *db;             /* acquired on first use by req_db() */
	/* who is asking (web/auth.c) */
	bool signed_in;
	bool via_token;                 /* Authorization: Bearer mk_... */
	bool session_expired;           /* came with a session cookie that is no longer valid */
	struct account user;            /* when signed_in */
	char session_token[TOKEN_TEXT_MAX];
	char csrf[CSRF_TEXT_MAX];       /* the token forms must carry back */
	char address[64];               /* client address */
	struct actor actor;             /* for the audit log */
	/* output */
	int status;
	struct buf out;
	const char *content_type;
	struct { const char *name; char *value; } headers[REQ_MAX_HEADERS];
	int nheaders;
};

/* The database connection for this request (acquired lazily, released by the
 * server as soon as the handler returns). NULL with r->err set (503) if the
 * database is unreachable. */
struct db_conn *req_db(struct req *r);
/* i-th path argument ({code} in the pattern). */
const char *req_arg(const struct req *r, int i);
/* Validated parameter value, or NULL when absent. */
const char *req_param(const struct req *r, const char *name);
int64_t req_param_int(const struct req *r, const char *name, int64_t def);
/* A file part of an upload form (ROUTE_UPLOAD), or NULL when absent or empty
 * (a file input left blank sends a part with no file name and no contents). */
const struct mp_part *req_file(const struct req *r, const char *name);
/* Request header value, or NULL. */
const char *req_header(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);
/* Adds a response header (value copied). */
void req_add_header(struct req *r, const char *name, const char *value);
/* The session cookie's name, and the anonymous visitor's CSRF cookie. */
#define SESSION_COOKIE "minka_session"
#define CSRF_COOKIE "minka_csrf"
/* True when nobody is signed in: what it sees is what everyone sees. */
bool req_anonymous(const struct req *r);
/* The precise permission check, once the handler knows the territory the action
 * touches (the server already checked the action is allowed somewhere). 0, or
 * ERR_UNAUTH / ERR_FORBIDDEN with a message. */
int req_authorize(struct req *r, const char *action, const char *territory);
/* Translation in the request's language. */
const char *req_tr(const struct req *r, const char *msgid);

/* Renders template `tmpl` with ctx (taken) inside the layout; title is translated
 * by the caller. Returns the status to send (200) or an error. */
int page(struct req *r, const char *tmpl, json_t *ctx, const char *title);
/* Sends j (taken) as JSON with the given status. */
int api_json(struct req *r, int status, json_t *j);
/* 303 See Other to a local path. */
int redirect(struct req *r, const char *location);
/* Fills r->out with the error page or the API error for code/message. */
void render_error(struct req *r, int code, const char *message);

/* The context every page gets: language, installation, navigation. New reference. */
json_t *page_context(struct req *r, const char *title);

#endif
