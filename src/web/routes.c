/* routes.c — every route of minka: method, path, handler, accepted parameters.
 * A parameter not listed here never reaches a handler. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/server.h"

static const char *const levels[] = { "region", "province", "district", NULL };

static const struct param_spec p_territories[] = {
	{ .name = "q", .type = PARAM_STR, .max_len = 100 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 100000 },
	{ NULL },
};

static const struct param_spec p_api_territories[] = {
	{ .name = "parent", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "q", .type = PARAM_STR, .max_len = 100 },
	{ .name = "level", .type = PARAM_ENUM, .choices = levels },
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 5000 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 100000 },
	{ NULL },
};

static const char *const role_names[] = { "admin", "planner", "council", "agent", "vigilance", "citizen", NULL };

static const struct param_spec p_login_form[] = {
	{ .name = "next", .type = PARAM_STR, .max_len = 500 },
	{ .name = "expired", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_login[] = {
	{ .name = "email", .type = PARAM_STR, .max_len = 160, .required = true },
	{ .name = "password", .type = PARAM_STR, .max_len = 200, .required = true },
	{ .name = "next", .type = PARAM_STR, .max_len = 500 },
	{ NULL },
};

static const struct param_spec p_password[] = {
	{ .name = "current", .type = PARAM_STR, .max_len = 200, .required = true },
	{ .name = "password", .type = PARAM_STR, .max_len = 200, .required = true },
	{ .name = "password2", .type = PARAM_STR, .max_len = 200, .required = true },
	{ NULL },
};

static const struct param_spec p_token[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 80, .required = true },
	{ NULL },
};

static const struct param_spec p_signup[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 120, .required = true },
	{ .name = "email", .type = PARAM_EMAIL, .max_len = 160, .required = true },
	{ .name = "password", .type = PARAM_STR, .max_len = 200, .required = true },
	{ .name = "password2", .type = PARAM_STR, .max_len = 200, .required = true },
	{ .name = "residence", .type = PARAM_CODE, .max_len = 6, .required = true },
	{ NULL },
};

static const struct param_spec p_reset[] = {
	{ .name = "password", .type = PARAM_STR, .max_len = 200, .required = true },
	{ .name = "password2", .type = PARAM_STR, .max_len = 200, .required = true },
	{ NULL },
};

static const struct param_spec p_page[] = {
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

static const struct param_spec p_list[] = {
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 500 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

static const struct param_spec p_user_create[] = {
	{ .name = "email", .type = PARAM_EMAIL, .max_len = 160, .required = true },
	{ .name = "name", .type = PARAM_STR, .max_len = 120, .required = true },
	{ .name = "role", .type = PARAM_ENUM, .choices = role_names, .required = true },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "residence", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "password", .type = PARAM_STR, .max_len = 200 },
	{ NULL },
};

static const struct param_spec p_grant[] = {
	{ .name = "role", .type = PARAM_ENUM, .choices = role_names, .required = true },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "revoke", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_active[] = {
	{ .name = "active", .type = PARAM_BOOL, .required = true },
	{ NULL },
};

static const struct param_spec p_audit[] = {
	{ .name = "entity", .type = PARAM_STR, .max_len = 40 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 100000000 },
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 1000 },
	{ NULL },
};

const struct route minka_routes[] = {
	{ "GET", "/", h_home, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/healthz", h_healthz, NULL, ROUTE_API, "public.read" },
	{ "GET", "/static/{file}", h_static, NULL, ROUTE_RAW, "public.read" },
	{ "GET", "/territories", h_territories, p_territories, ROUTE_CACHE, "public.read" },
	{ "GET", "/territories/{code}", h_territory, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1", h_api_index, NULL, ROUTE_API, "public.read" },
	{ "GET", "/api/v1/territories", h_api_territories, p_api_territories, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/territories/{code}", h_api_territory, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },

	/* accounts (h_account.c) */
	{ "GET", "/login", h_login_form, p_login_form, 0, "public.read" },
	{ "POST", "/login", h_login, p_login, 0, "public.read" },
	{ "POST", "/logout", h_logout, NULL, 0, "account.self" },
	{ "GET", "/signup", h_signup_form, NULL, 0, "public.read" },
	{ "POST", "/signup", h_signup, p_signup, 0, "public.read" },
	{ "GET", "/reset/{token}", h_reset_form, NULL, 0, "public.read" },
	{ "POST", "/reset/{token}", h_reset, p_reset, 0, "public.read" },
	{ "GET", "/account", h_account, NULL, 0, "account.self" },
	{ "POST", "/account/password", h_account_password, p_password, 0, "account.self" },
	{ "POST", "/account/logout-all", h_logout_all, NULL, 0, "account.self" },
	{ "POST", "/account/tokens", h_token_create, p_token, 0, "account.self" },
	{ "POST", "/account/tokens/{id}/revoke", h_token_revoke, NULL, 0, "account.self" },
	{ "GET", "/api/v1/me", h_api_me, NULL, ROUTE_API, "account.self" },
	{ "GET", "/admin/users", h_admin_users, p_page, 0, "admin.users" },
	{ "POST", "/admin/users", h_admin_user_create, p_user_create, 0, "admin.users" },
	{ "GET", "/admin/users/{id}", h_admin_user, NULL, 0, "admin.users" },
	{ "POST", "/admin/users/{id}/roles", h_admin_grant, p_grant, 0, "admin.users" },
	{ "POST", "/admin/users/{id}/reset", h_admin_reset, NULL, 0, "admin.users" },
	{ "POST", "/admin/users/{id}/active", h_admin_active, p_active, 0, "admin.users" },
	{ "GET", "/api/v1/accounts", h_api_accounts, p_list, ROUTE_API, "admin.users" },
	{ "GET", "/admin/audit", h_admin_audit, p_audit, 0, "audit.read" },
	{ "GET", "/api/v1/audit", h_api_audit, p_audit, ROUTE_API, "audit.read" },
	{ "GET", "/api/v1/audit/verify", h_api_audit_verify, NULL, ROUTE_API, "audit.read" },
};

const size_t minka_routes_count = ARRAY_LEN(minka_routes);
