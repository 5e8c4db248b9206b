/* auth.c — sessions, bearer tokens, CSRF and the route-level permission check. */
#include "core/compat.h"
#include "web/auth.h"
#include "web/server.h"
#include "core/log.h"
#include "rules/permission.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <sodium.h>

bool auth_secure(const struct req *r)
{
	if (r->app->behind_tls)
		return true;
	if (r->app->behind_proxy) {
		const char *p = req_header(r, "X-Forwarded-Proto");
		return p && strcasecmp(p, "https") == 0;
	}
	return false;
}

static void client_address(struct req *r)
{
	if (r->app->behind_proxy) {
		const char *xff = req_header(r, "X-Forwarded-For");
		if (xff && *xff) {
			/* the proxy appends the real client last */
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			snprintf(r->address, sizeof r->address, "%.63s", last);
			return;
		}
	}
	if (!r->conn)
		return;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->address, sizeof r->address);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->address, sizeof r->address);
}

static void set_actor(struct req *r)
{
	memset(&r->actor, 0, sizeof r->actor);
	if (r->signed_in) {
		r->actor.account_id = r->user.id;
		snprintf(r->actor.name, sizeof r->actor.name, "%s", r->user.name);
	} else {
		snprintf(r->actor.name, sizeof r->actor.name, "%s", "anonymous");
	}
	snprintf(r->actor.address, sizeof r->actor.address, "%s", r->address);
}

/* The anonymous visitor's CSRF token (double-submit cookie): reuse the cookie,
 * or make one and send it. */
static void anonymous_csrf(struct req *r)
{
	const char *c = req_cookie(r, CSRF_COOKIE);
	if (c && strlen(c) == 64 && strspn(c, "0123456789abcdef") == 64) {
		snprintf(r->csrf, sizeof r->csrf, "%s", c);
		return;
	}
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(r->csrf, sizeof r->csrf, raw, sizeof raw);
	char cookie[160];
	snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", CSRF_COOKIE, r->csrf,
		 auth_secure(r) ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", cookie);
}

void auth_identify(struct req *r)
{
	client_address(r);
	r->signed_in = r->via_token = r->session_expired = false;
	const char *authz = req_header(r, "Authorization");
	const char *cookie = req_cookie(r, SESSION_COOKIE);
	if ((!authz || !str_starts(authz, "Bearer ")) && (!cookie || !*cookie)) {
		anonymous_csrf(r);
		set_actor(r);
		return;
	}
	struct db_conn *c = req_db(r);
	if (!c) {
		err_init(&r->err, r->lang); /* the handler will meet the same error */
		anonymous_csrf(r);
		set_actor(r);
		return;
	}
	int64_t account_id = 0;
	struct err e;
	err_init(&e, r->lang);
	if (authz && str_starts(authz, "Bearer ")) {
		if (api_token_find(c, authz + 7, r->now, &account_id, &e) == 0 && account_get(c, account_id, &r->user, &e) == 0 &&
		    r->user.active) {
			r->signed_in = r->via_token = true;
		}
	} else {
		struct session s;
		if (session_find(c, cookie, r->now, &s, &e) == 0 && account_get(c, s.account_id, &r->user, &e) == 0 &&
		    r->user.active) {
			r->signed_in = true;
			snprintf(r->csrf, sizeof r->csrf, "%s", s.csrf);
			snprintf(r->session_token, sizeof r->session_token, "%s", cookie);
		} else {
			r->session_expired = true;
			auth_clear_session_cookie(r);
		}
	}
	if (!r->signed_in && !r->via_token)
		anonymous_csrf(r);
	set_actor(r);
}

int auth_check_csrf(struct req *r)
{
	if (str_eq(r->method, "GET") || str_eq(r->method, "HEAD") || r->via_token)
		return 0;
	const struct kv *f = kv_list_get(&r->raw, "csrf");
	const char *sent = f ? f->value : req_header(r, "X-CSRF-Token");
	const char *want = r->csrf;
	if (!r->signed_in) {
		/* anonymous: the field must match the cookie that came with the request */
		want = req_cookie(r, CSRF_COOKIE);
	}
	if (!sent || !want || strlen(want) != 64 || strlen(sent) != 64 || sodium_memcmp(sent, want, 64) != 0)
		return err_set(&r->err, ERR_FORBIDDEN,
			       "This form has expired or did not come from this site; reload the page and try again");
	return 0;
}

int auth_check_route(struct req *r)
{
	const char *action = r->route->action;
	if (perm_allows(r->signed_in, r->user.grants, r->signed_in ? r->user.ngrants : 0, action, NULL))
		return 0;
	if (!r->signed_in)
		return err_set(&r->err, ERR_UNAUTH, r->session_expired ? "Your session has expired; please sign in again"
								     : "You need to sign in to do this");
	return err_set(&r->err, ERR_FORBIDDEN, "You are not allowed to do this");
}

int req_authorize(struct req *r, const char *action, const char *territory)
{
	if (perm_allows(r->signed_in, r->user.grants, r->signed_in ? r->user.ngrants : 0, action, territory))
		return 0;
	if (!r->signed_in)
		return err_set(&r->err, ERR_UNAUTH, "You need to sign in to do this");
	return err_set(&r->err, ERR_FORBIDDEN, "You are not allowed to do this here");
}

void auth_set_session_cookie(struct req *r, const char *token)
{
	char cookie[200];
	snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", SESSION_COOKIE, token,
		 SESSION_ABSOLUTE_SECONDS, auth_secure(r) ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", cookie);
}

void auth_clear_session_cookie(struct req *r)
{
	char cookie[160];
	snprintf(cookie, sizeof cookie, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", SESSION_COOKIE,
		 auth_secure(r) ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", cookie);
}
