/* handlers.h — every HTTP handler, one line each; web/routes.c wires them to paths. */
#ifndef MINKA_HANDLERS_H
#define MINKA_HANDLERS_H

struct req;


/* h_core.c */
int h_home(struct req *r);
int h_healthz(struct req *r);
int h_api_index(struct req *r);
int h_static(struct req *r);

/* h_territory.c */
int h_territories(struct req *r);
int h_territory(struct req *r);
int h_api_territories(struct req *r);
int h_api_territory(struct req *r);

/* h_account.c */
int h_login_form(struct req *r);
int h_login(struct req *r);
int h_logout(struct req *r);
int h_logout_all(struct req *r);
int h_account(struct req *r);
int h_account_password(struct req *r);
int h_token_create(struct req *r);
int h_token_revoke(struct req *r);
int h_api_me(struct req *r);
int h_signup_form(struct req *r);
int h_signup(struct req *r);
int h_reset_form(struct req *r);
int h_reset(struct req *r);
int h_admin_users(struct req *r);
int h_api_accounts(struct req *r);
int h_admin_user(struct req *r);
int h_admin_user_create(struct req *r);
int h_admin_grant(struct req *r);
int h_admin_reset(struct req *r);
int h_admin_active(struct req *r);
int h_admin_audit(struct req *r);
int h_api_audit(struct req *r);
int h_api_audit_verify(struct req *r);

#endif
