/* auth.h — identifying who makes a request (session cookie or bearer API
 * token), the CSRF check on every state-changing request, the coarse permission
 * check before a handler runs, and the cookies that go with it. */
#ifndef MINKA_AUTH_H
#define MINKA_AUTH_H

#include "web/http.h"

/* Fills r->signed_in, r->user, r->csrf... from the request. Never fails the
 * request: a bad token is simply nobody (and r->session_expired is set). */
void auth_identify(struct req *r);
/* For POST and other unsafe methods not authenticated by a bearer token: the
 * form field "csrf" or header X-CSRF-Token must match. 0 or ERR_FORBIDDEN. */
int auth_check_csrf(struct req *r);
/* The route's action allowed for this visitor somewhere? 0, ERR_UNAUTH, ERR_FORBIDDEN. */
int auth_check_route(struct req *r);
/* Set-Cookie for a new session, and for ending it. */
void auth_set_session_cookie(struct req *r, const char *token);
void auth_clear_session_cookie(struct req *r);
/* True if the request came over TLS (directly or, with --behind-proxy, per
 * X-Forwarded-Proto): cookies are then marked Secure. */
bool auth_secure(const struct req *r);

#endif
