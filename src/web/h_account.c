/* h_account.c — signing in and out, one's own account (password, sessions, API
 * tokens), sign-up for citizens, password reset by one-time link, and the
 * administrators' pages for accounts, roles and the audit log. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/auth.h"
#include "web/http.h"
#include "web/server.h"
#include "web/throttle.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/setting.h"
#include "domain/territory.h"

/* A local path to go back to after signing in; anything else becomes "/". */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/";
	return next;
}

static int login_page(struct req *r, const char *error, const char *email)
{
	json_t *ctx = json_object();
	json_set_str(ctx, "next", safe_next(req_param(r, "next")));
	json_set_str(ctx, "email", email);
	json_set_str(ctx, "error", error);
	json_set_bool(ctx, "expired", req_param_int(r, "expired", 0) == 1);
	char allow[8] = "";
	struct db_conn *c = req_db(r);
	if (c && setting_get(c, "allow_signup", allow, sizeof allow, &r->err) == 0)
		json_set_bool(ctx, "signup", str_eq(allow, "1"));
	err_init(&r->err, r->lang);
	return page(r, "login", ctx, req_tr(r, "Sign in"));
}

int h_login_form(struct req *r)
{
	if (r->signed_in)
		return redirect(r, safe_next(req_param(r, "next")));
	return login_page(r, NULL, NULL);
}

int h_login(struct req *r)
{
	const char *email = req_param(r, "email");
	const char *password = req_param(r, "password");
	char akey[200], ikey[100];
	snprintf(akey, sizeof akey, "a:%s", email);
	for (char *p = akey; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	snprintf(ikey, sizeof ikey, "i:%s", r->address);
	int64_t wait = 0, w2 = 0;
	if (!throttle_allowed(akey, r->now, &wait) | !throttle_allowed(ikey, r->now, &w2)) {
		if (w2 > wait)
			wait = w2;
		char msg[200];
		trf(r->lang, msg, sizeof msg, "Too many failed attempts; try again in %lld seconds", (long long)wait);
		r->status = 429;
		char ra[24];
		snprintf(ra, sizeof ra, "%lld", (long long)wait);
		req_add_header(r, "Retry-After", ra);
		return login_page(r, msg, email);
	}
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct account a;
	int rc = account_authenticate(c, email, password, r->now, &a, &r->err);
	if (rc == ERR_UNAUTH) {
		throttle_failure(akey, r->now);
		throttle_failure(ikey, r->now);
		r->status = 401;
		char msg[ERR_MSG_MAX];
		snprintf(msg, sizeof msg, "%s", r->err.msg);
		err_init(&r->err, r->lang);
		return login_page(r, msg, email);
	}
	if (rc)
		return rc;
	throttle_success(akey);
	throttle_success(ikey);
	char token[TOKEN_TEXT_MAX];
	struct session s;
	if ((rc = session_start(c, &a, r->now, r->address, token, &s, &r->err)))
		return rc;
	auth_set_session_cookie(r, token);
	return redirect(r, safe_next(req_param(r, "next")));
}

int h_logout(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	if (r->session_token[0]) {
		int rc = session_end(c, &r->actor, r->now, r->session_token, &r->err);
		if (rc)
			return rc;
	}
	auth_clear_session_cookie(r);
	return redirect(r, "/");
}

int h_logout_all(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int rc = session_end_all(c, &r->actor, r->now, r->user.id, &r->err);
	if (rc)
		return rc;
	auth_clear_session_cookie(r);
	return redirect(r, "/login");
}

static int account_page(struct req *r, const char *notice, const char *error, const char *new_token)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	json_t *ctx = json_object();
	json_object_set_new(ctx, "account", account_to_json(&r->user));
	json_t *tokens = NULL;
	if (api_token_list(c, r->user.id, &tokens, &r->err) == 0)
		json_object_set_new(ctx, "tokens", tokens);
	int64_t n = 0;
	if (session_count(c, r->user.id, r->now, &n, &r->err) == 0)
		json_set_int(ctx, "sessions", n);
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, r->user.id);
	if (audit_history(c, "account", sid, 20, &hist, &r->err) == 0)
		json_object_set_new(ctx, "history", hist);
	err_init(&r->err, r->lang);
	json_set_str(ctx, "notice", notice);
	json_set_str(ctx, "error", error);
	json_set_str(ctx, "new_token", new_token);
	json_set_bool(ctx, "via_token", r->via_token);
	return page(r, "account", ctx, req_tr(r, "My account"));
}

int h_account(struct req *r) { return account_page(r, NULL, NULL, NULL); }

int h_account_password(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *cur = req_param(r, "current"), *pw = req_param(r, "password"), *pw2 = req_param(r, "password2");
	struct account check;
	struct err e;
	err_init(&e, r->lang);
	if (account_authenticate(c, r->user.email, cur, r->now, &check, &e) != 0) {
		r->status = 400;
		return account_page(r, NULL, req_tr(r, "The current password is not right"), NULL);
	}
	if (!str_eq(pw, pw2)) {
		r->status = 400;
		return account_page(r, NULL, req_tr(r, "The two new passwords are not the same"), NULL);
	}
	int rc = account_set_password(c, &r->actor, r->now, r->user.id, pw, &e);
	if (rc == ERR_INVALID) {
		r->status = 400;
		return account_page(r, NULL, e.msg, NULL);
	}
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	/* every session ended with the change; start a new one for this browser */
	char token[TOKEN_TEXT_MAX];
	struct session s;
	if ((rc = session_start(c, &r->user, r->now, r->address, token, &s, &r->err)))
		return rc;
	auth_set_session_cookie(r, token);
	snprintf(r->csrf, sizeof r->csrf, "%s", s.csrf);
	return account_page(r, req_tr(r, "Your password was changed; other sessions were closed"), NULL, NULL);
}

int h_token_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	char token[TOKEN_TEXT_MAX];
	int64_t id;
	int rc = api_token_create(c, &r->actor, r->now, r->user.id, req_param(r, "name"), token, &id, &r->err);
	if (rc)
		return rc;
	return account_page(r, req_tr(r, "Copy the token now: it will not be shown again"), NULL, token);
}

int h_token_revoke(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id = 0;
	if (str_to_id(req_arg(r, 0), &id))
		return err_set(&r->err, ERR_NOTFOUND, "No such token");
	int rc = api_token_revoke(c, &r->actor, r->now, r->user.id, id, &r->err);
	if (rc)
		return rc;
	return redirect(r, "/account");
}

int h_api_me(struct req *r)
{
	json_t *o = account_to_json(&r->user);
	json_set_bool(o, "via_token", r->via_token);
	return api_json(r, 200, o);
}

/* ---- sign-up ---- */

static bool signup_allowed(struct req *r)
{
	char allow[8] = "";
	struct db_conn *c = req_db(r);
	bool ok = c && setting_get(c, "allow_signup", allow, sizeof allow, &r->err) == 0 && str_eq(allow, "1");
	err_init(&r->err, r->lang);
	return ok;
}

static int signup_page(struct req *r, const char *error)
{
	json_t *ctx = json_object();
	json_set_str(ctx, "error", error);
	json_set_str(ctx, "name", req_param(r, "name"));
	json_set_str(ctx, "email", req_param(r, "email"));
	json_set_str(ctx, "residence", req_param(r, "residence"));
	return page(r, "signup", ctx, req_tr(r, "Create a citizen account"));
}

int h_signup_form(struct req *r)
{
	if (!signup_allowed(r))
		return err_set(&r->err, ERR_NOTFOUND, "Sign-up is not open on this installation");
	return signup_page(r, NULL);
}

int h_signup(struct req *r)
{
	if (!signup_allowed(r))
		return err_set(&r->err, ERR_NOTFOUND, "Sign-up is not open on this installation");
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *residence = req_param(r, "residence");
	struct territory t;
	struct err e;
	err_init(&e, r->lang);
	if (territory_get(c, residence, &t, &e) || t.level != TERR_DISTRICT) {
		r->status = 400;
		return signup_page(r, req_tr(r, "Give the UBIGEO code of the district where you live (6 digits)"));
	}
	if (!str_eq(req_param(r, "password"), req_param(r, "password2"))) {
		r->status = 400;
		return signup_page(r, req_tr(r, "The two passwords are not the same"));
	}
	int64_t id;
	bool own;
	int rc = db_tx_enter(c, &own, &e);
	if (!rc)
		rc = account_create(c, &r->actor, r->now, req_param(r, "email"), req_param(r, "name"),
				    req_param(r, "password"), residence, &id, &e);
	if (!rc)
		rc = account_grant(c, &r->actor, r->now, id, ROLE_CITIZEN, residence, &e);
	rc = db_tx_leave(c, own, rc, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		r->status = rc == ERR_CONFLICT ? 409 : 400;
		return signup_page(r, e.msg);
	}
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	struct account a;
	if ((rc = account_get(c, id, &a, &r->err)))
		return rc;
	char token[TOKEN_TEXT_MAX];
	struct session s;
	if ((rc = session_start(c, &a, r->now, r->address, token, &s, &r->err)))
		return rc;
	auth_set_session_cookie(r, token);
	return redirect(r, "/account");
}

/* ---- password reset by one-time link ---- */

static int reset_page(struct req *r, const char *error, bool done)
{
	json_t *ctx = json_object();
	json_set_str(ctx, "token", req_arg(r, 0));
	json_set_str(ctx, "error", error);
	json_set_bool(ctx, "done", done);
	return page(r, "reset", ctx, req_tr(r, "Choose a new password"));
}

int h_reset_form(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t id;
	int rc = reset_check(c, req_arg(r, 0), r->now, &id, &r->err);
	if (rc)
		return rc;
	return reset_page(r, NULL, false);
}

int h_reset(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	if (!str_eq(req_param(r, "password"), req_param(r, "password2"))) {
		r->status = 400;
		return reset_page(r, req_tr(r, "The two passwords are not the same"), false);
	}
	struct err e;
	err_init(&e, r->lang);
	int rc = reset_use(c, req_arg(r, 0), r->now, req_param(r, "password"), &e);
	if (rc == ERR_INVALID) {
		r->status = 400;
		return reset_page(r, e.msg, false);
	}
	if (rc)
		return err_set(&r->err, rc, "%s", e.msg);
	return reset_page(r, NULL, true);
}

/* ---- administration ---- */

int h_admin_users(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t offset = req_param_int(r, "offset", 0), total;
	json_t *items;
	int rc = account_list(c, 100, offset, &items, &total, &r->err);
	if (rc)
		return rc;
	json_t *ctx = json_object();
	json_object_set_new(ctx, "accounts", items);
	json_set_int(ctx, "total", total);
	json_t *roles = json_array();
	for (int i = 0; i < ROLE_COUNT; i++)
		json_array_append_new(roles, json_string(role_name((enum role)i)));
	json_object_set_new(ctx, "role_names", roles);
	return page(r, "admin_users", ctx, req_tr(r, "Accounts"));
}

int h_api_accounts(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t total;
	json_t *items;
	int rc = account_list(c, req_param_int(r, "limit", 100), req_param_int(r, "offset", 0), &items, &total, &r->err);
	if (rc)
		return rc;
	return api_json(r, 200, json_list(items, total));
}

static int user_page(struct req *r, int64_t id, const char *notice, const char *secret_link)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct account a;
	int rc = account_get(c, id, &a, &r->err);
	if (rc)
		return rc;
	json_t *ctx = json_object();
	json_object_set_new(ctx, "account", account_to_json(&a));
	json_t *hist = NULL;
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, id);
	if (audit_history(c, "account", sid, 50, &hist, &r->err) == 0)
		json_object_set_new(ctx, "history", hist);
	err_init(&r->err, r->lang);
	json_t *roles = json_array();
	for (int i = 0; i < ROLE_COUNT; i++)
		json_array_append_new(roles, json_string(role_name((enum role)i)));
	json_object_set_new(ctx, "role_names", roles);
	json_set_str(ctx, "notice", notice);
	json_set_str(ctx, "reset_link", secret_link);
	return page(r, "admin_user", ctx, a.name);
}

static int64_t arg_id(struct req *r)
{
	int64_t id = 0;
	return str_to_id(req_arg(r, 0), &id) == 0 ? id : 0;
}

int h_admin_user(struct req *r)
{
	int64_t id = arg_id(r);
	if (!id)
		return err_set(&r->err, ERR_NOTFOUND, "No account with number %s", req_arg(r, 0));
	return user_page(r, id, NULL, NULL);
}

/* The territory a grant form names ("" = whole installation), checked against the
 * administrator's own scope. */
static int grant_scope(struct req *r, const char **territory)
{
	const char *t = req_param(r, "territory");
	*territory = t && *t ? t : "";
	return req_authorize(r, "admin.users", *territory);
}

static int issue_link(struct req *r, struct db_conn *c, int64_t id, char *link, size_t n)
{
	char token[TOKEN_TEXT_MAX];
	int rc = reset_issue(c, &r->actor, r->now, id, token, &r->err);
	if (rc)
		return rc;
	const char *host = req_header(r, "Host");
	snprintf(link, n, "%s://%s/reset/%s", auth_secure(r) ? "https" : "http", host ? host : "localhost", token);
	return 0;
}

int h_admin_user_create(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *territory;
	int rc = grant_scope(r, &territory);
	if (rc)
		return rc;
	int role = role_parse(req_param(r, "role"));
	if (role < 0)
		return err_set(&r->err, ERR_INVALID, "Unknown role");
	const char *pw = req_param(r, "password");
	char generated[TOKEN_TEXT_MAX];
	if (!pw || !*pw) {
		token_new("", generated); /* unusable until reset: the link is the way in */
		pw = generated;
	}
	int64_t id;
	bool own;
	rc = db_tx_enter(c, &own, &r->err);
	if (!rc)
		rc = account_create(c, &r->actor, r->now, req_param(r, "email"), req_param(r, "name"), pw,
				    req_param(r, "residence"), &id, &r->err);
	if (!rc)
		rc = account_grant(c, &r->actor, r->now, id, (enum role)role, territory, &r->err);
	char link[256] = "";
	if (!rc && pw == generated)
		rc = issue_link(r, c, id, link, sizeof link);
	rc = db_tx_leave(c, own, rc, &r->err);
	if (rc)
		return rc;
	return user_page(r, id, req_tr(r, "The account was created"), link[0] ? link : NULL);
}

int h_admin_grant(struct req *r)
{
	int64_t id = arg_id(r);
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *territory;
	int rc = grant_scope(r, &territory);
	if (rc)
		return rc;
	int role = role_parse(req_param(r, "role"));
	if (role < 0)
		return err_set(&r->err, ERR_INVALID, "Unknown role");
	rc = req_param(r, "revoke") && req_param_int(r, "revoke", 0)
		? account_revoke(c, &r->actor, r->now, id, (enum role)role, territory, &r->err)
		: account_grant(c, &r->actor, r->now, id, (enum role)role, territory, &r->err);
	if (rc)
		return rc;
	return user_page(r, id, req_tr(r, "The roles were updated"), NULL);
}

int h_admin_reset(struct req *r)
{
	int64_t id = arg_id(r);
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	char link[256];
	int rc = issue_link(r, c, id, link, sizeof link);
	if (rc)
		return rc;
	return user_page(r, id, req_tr(r, "Give this one-time link to the person; it works once, for 24 hours"), link);
}

int h_admin_active(struct req *r)
{
	int64_t id = arg_id(r);
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	if (id == r->user.id)
		return err_set(&r->err, ERR_CONFLICT, "You cannot deactivate your own account");
	int rc = account_set_active(c, &r->actor, r->now, id, req_param_int(r, "active", 0) == 1, &r->err);
	if (rc)
		return rc;
	return user_page(r, id, req_tr(r, "The account was updated"), NULL);
}

int h_admin_audit(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	const char *entity = req_param(r, "entity");
	int64_t offset = req_param_int(r, "offset", 0), total;
	json_t *items;
	int rc = audit_list(c, entity, 100, offset, &items, &total, &r->err);
	if (rc)
		return rc;
	struct audit_report rep;
	if ((rc = audit_verify(c, &rep, &r->err)))
		return rc;
	json_t *ctx = json_object();
	json_object_set_new(ctx, "entries", items);
	json_set_int(ctx, "total", total);
	json_set_str(ctx, "entity", entity);
	json_set_bool(ctx, "intact", rep.bad_seq == 0);
	json_set_str(ctx, "problem", rep.problem);
	json_set_str(ctx, "head", rep.head);
	if (offset + 100 < total)
		json_set_int(ctx, "next_offset", offset + 100);
	return page(r, "admin_audit", ctx, req_tr(r, "Audit log"));
}

int h_api_audit(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	int64_t total;
	json_t *items;
	int rc = audit_list(c, req_param(r, "entity"), req_param_int(r, "limit", 100), req_param_int(r, "offset", 0),
			    &items, &total, &r->err);
	if (rc)
		return rc;
	return api_json(r, 200, json_list(items, total));
}

int h_api_audit_verify(struct req *r)
{
	struct db_conn *c = req_db(r);
	if (!c)
		return r->err.code;
	struct audit_report rep;
	int rc = audit_verify(c, &rep, &r->err);
	if (rc)
		return rc;
	json_t *o = json_object();
	json_set_bool(o, "intact", rep.bad_seq == 0);
	json_set_int(o, "entries", rep.entries);
	if (rep.bad_seq)
		json_set_int(o, "first_bad_entry", rep.bad_seq);
	json_set_str(o, "problem", rep.bad_seq ? rep.problem : NULL);
	json_set_str(o, "head", rep.head);
	return api_json(r, 200, o);
}
