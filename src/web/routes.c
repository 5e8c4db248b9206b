/* routes.c — every route of minka: method, path, handler, accepted parameters.
 * A parameter not listed here never reaches a handler. */
#include "core/compat.h"
#include "web/handlers.h"
#include "web/server.h"
#include "rules/project_rules.h"
#include "rules/invest_rules.h"
#include "domain/project.h"
#include "domain/pb.h"
#include "domain/indicator.h"
#include "rules/indicator_rules.h"

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

/* ---- plans (h_plan.c, h_articulation.c) ---- */

static const char *const instruments[] = { "pdc", "pde", "pdi", "pei", "poi", "capacity", "custom", NULL };
static const char *const plan_statuses[] = { "draft", "approved", "superseded", NULL };
static const char *const plan_kinds[] = { "axis", "line", "objective", "component", "program", "strategy", "action",
					  "activity", "product", "indicator", NULL };
static const char *const import_formats[] = { "json", "csv", NULL };
static const char *const directions[] = { "up", "down", NULL };

static const struct param_spec p_plans[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ NULL },
};

static const struct param_spec p_plan_form[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "instrument", .type = PARAM_STR, .max_len = 16 },
	{ .name = "kind_name", .type = PARAM_STR, .max_len = 300 },
	{ .name = "horizon", .type = PARAM_STR, .max_len = 8 },
	{ .name = "title", .type = PARAM_STR, .max_len = 300 },
	{ .name = "start_year", .type = PARAM_STR, .max_len = 8 },
	{ .name = "end_year", .type = PARAM_STR, .max_len = 8 },
	{ .name = "vision", .type = PARAM_TEXT, .max_len = 20000 },
	{ .name = "mission", .type = PARAM_TEXT, .max_len = 20000 },
	{ .name = "participants", .type = PARAM_TEXT, .max_len = 20000 },
	{ .name = "levels", .type = PARAM_STR, .max_len = 199 },
	{ .name = "supersedes", .type = PARAM_ID },
	{ NULL },
};

static const struct param_spec p_approve[] = {
	{ .name = "act_kind", .type = PARAM_STR, .max_len = 16 },
	{ .name = "act_number", .type = PARAM_STR, .max_len = 120 },
	{ .name = "act_date", .type = PARAM_STR, .max_len = 10 },
	{ NULL },
};

static const struct param_spec p_diff[] = {
	{ .name = "from", .type = PARAM_INT, .min = 1, .max = 100000 },
	{ .name = "to", .type = PARAM_INT, .min = 1, .max = 100000 },
	{ NULL },
};

static const struct param_spec p_element_new[] = {
	{ .name = "parent", .type = PARAM_ID },
	{ NULL },
};

static const struct param_spec p_element_form[] = {
	{ .name = "kind", .type = PARAM_STR, .max_len = 16 },
	{ .name = "parent", .type = PARAM_ID },
	{ .name = "title", .type = PARAM_STR, .max_len = 500 },
	{ .name = "code", .type = PARAM_STR, .max_len = 40 },
	{ .name = "description", .type = PARAM_TEXT, .max_len = 4000 },
	{ .name = "office", .type = PARAM_STR, .max_len = 200 },
	{ NULL },
};

static const struct param_spec p_move[] = {
	{ .name = "parent", .type = PARAM_INT, .min = 0, .max = INT32_MAX },
	{ .name = "position", .type = PARAM_INT, .min = 1, .max = 100000 },
	{ .name = "direction", .type = PARAM_ENUM, .choices = directions },
	{ NULL },
};

static const struct param_spec p_align_search[] = {
	{ .name = "q", .type = PARAM_STR, .max_len = 100 },
	{ NULL },
};

static const struct param_spec p_align[] = {
	{ .name = "target", .type = PARAM_ID, .required = true },
	{ NULL },
};

#define MAP_PARAM(n) { .name = "map" #n, .type = PARAM_STR, .max_len = 40 }
static const struct param_spec p_plan_import[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "format", .type = PARAM_ENUM, .choices = import_formats },
	{ .name = "text", .type = PARAM_TEXT, .max_len = 900000 },
	{ .name = "instrument", .type = PARAM_STR, .max_len = 16 },
	{ .name = "kind_name", .type = PARAM_STR, .max_len = 300 },
	{ .name = "horizon", .type = PARAM_STR, .max_len = 8 },
	{ .name = "title", .type = PARAM_STR, .max_len = 300 },
	{ .name = "start_year", .type = PARAM_STR, .max_len = 8 },
	{ .name = "end_year", .type = PARAM_STR, .max_len = 8 },
	{ .name = "skip_missing", .type = PARAM_BOOL },
	{ .name = "confirm", .type = PARAM_BOOL },
	MAP_PARAM(1), MAP_PARAM(2), MAP_PARAM(3), MAP_PARAM(4), MAP_PARAM(5), MAP_PARAM(6), MAP_PARAM(7),
	MAP_PARAM(8), MAP_PARAM(9), MAP_PARAM(10), MAP_PARAM(11), MAP_PARAM(12), MAP_PARAM(13), MAP_PARAM(14),
	MAP_PARAM(15), MAP_PARAM(16), MAP_PARAM(17), MAP_PARAM(18), MAP_PARAM(19), MAP_PARAM(20), MAP_PARAM(21),
	MAP_PARAM(22), MAP_PARAM(23), MAP_PARAM(24), MAP_PARAM(25), MAP_PARAM(26), MAP_PARAM(27), MAP_PARAM(28),
	MAP_PARAM(29), MAP_PARAM(30),
	{ NULL },
};

static const struct param_spec p_articulation[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "year", .type = PARAM_INT, .min = 1990, .max = 2100 },
	{ NULL },
};

static const struct param_spec p_api_plans[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "status", .type = PARAM_ENUM, .choices = plan_statuses },
	{ .name = "instrument", .type = PARAM_ENUM, .choices = instruments },
	{ .name = "year", .type = PARAM_INT, .min = 1990, .max = 2100 },
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 500 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

static const struct param_spec p_api_elements[] = {
	{ .name = "q", .type = PARAM_STR, .max_len = 100 },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "with_ancestors", .type = PARAM_BOOL },
	{ .name = "plan", .type = PARAM_ID },
	{ .name = "kind", .type = PARAM_ENUM, .choices = plan_kinds },
	{ .name = "instrument", .type = PARAM_ENUM, .choices = instruments },
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 500 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

/* ---- project bank, investment plan, execution ---- */

#define PROJECT_FILTERS \
	{ .name = "q", .type = PARAM_STR, .max_len = 200 }, \
	{ .name = "status", .type = PARAM_ENUM, .choices = project_status_names }, \
	{ .name = "sector", .type = PARAM_ENUM, .choices = project_sector_names }, \
	{ .name = "district", .type = PARAM_CODE, .max_len = 6 }, \
	{ .name = "province", .type = PARAM_CODE, .max_len = 4 }, \
	{ .name = "region", .type = PARAM_CODE, .max_len = 2 }, \
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 }, \
	{ .name = "source", .type = PARAM_ENUM, .choices = funding_kind_names }, \
	{ .name = "cost_min", .type = PARAM_MONEY, .max_len = 40, .min = 0, .max = INT64_MAX }, \
	{ .name = "cost_max", .type = PARAM_MONEY, .max_len = 40, .min = 0, .max = INT64_MAX }, \
	{ .name = "sort", .type = PARAM_ENUM, .choices = project_sort_names }, \
	{ .name = "element", .type = PARAM_ID }

static const struct param_spec p_projects[] = {
	PROJECT_FILTERS,
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ .name = "element_q", .type = PARAM_STR, .max_len = 100 },
	{ NULL },
};

static const struct param_spec p_serve_search[] = {
	{ .name = "q", .type = PARAM_STR, .max_len = 100 },
	{ NULL },
};

static const struct param_spec p_serve[] = {
	{ .name = "element", .type = PARAM_ID, .required = true },
	{ .name = "q", .type = PARAM_STR, .max_len = 100 },
	{ NULL },
};

static const struct param_spec p_projects_export[] = {
	PROJECT_FILTERS,
	{ NULL },
};

static const struct param_spec p_api_projects[] = {
	PROJECT_FILTERS,
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 500 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

static const struct param_spec p_projects_map[] = {
	PROJECT_FILTERS,
	{ .name = "territory", .type = PARAM_CODE, .max_len = 4 },
	{ NULL },
};

static const struct param_spec p_project_page[] = {
	{ .name = "submitted", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_project_new[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ NULL },
};

/* amounts and counts are parsed by the handler, so that a mistake shows the
 * form again with a precise message and everything typed */
static const struct param_spec p_project_form[] = {
	{ .name = "title", .type = PARAM_STR, .max_len = 2000, .required = true },
	{ .name = "description", .type = PARAM_TEXT, .max_len = 32000 },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6, .required = true },
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "proposer", .type = PARAM_STR, .max_len = 800, .required = true },
	{ .name = "sector", .type = PARAM_ENUM, .choices = project_sector_names, .required = true },
	{ .name = "estimated_cost", .type = PARAM_STR, .max_len = 40 },
	{ .name = "updated_cost", .type = PARAM_STR, .max_len = 40 },
	{ .name = "beneficiaries", .type = PARAM_STR, .max_len = 20 },
	{ .name = "beneficiaries_women", .type = PARAM_STR, .max_len = 20 },
	{ .name = "beneficiaries_men", .type = PARAM_STR, .max_len = 20 },
	{ .name = "responsible_office", .type = PARAM_STR, .max_len = 800 },
	{ .name = "executing_unit", .type = PARAM_STR, .max_len = 800 },
	{ .name = "cui", .type = PARAM_STR, .max_len = 20 },
	{ .name = "currency", .type = PARAM_STR, .max_len = 10 },
	{ NULL },
};

static const struct param_spec p_transition[] = {
	{ .name = "to", .type = PARAM_ENUM, .choices = project_status_names, .required = true },
	{ .name = "reason", .type = PARAM_TEXT, .max_len = 4000 },
	{ NULL },
};

static const struct param_spec p_progress[] = {
	{ .name = "progress", .type = PARAM_STR, .max_len = 10, .required = true },
	{ NULL },
};

static const struct param_spec p_member[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 480, .required = true },
	{ .name = "role", .type = PARAM_ENUM, .choices = project_member_roles, .required = true },
	{ .name = "organization", .type = PARAM_STR, .max_len = 800 },
	{ NULL },
};

static const struct param_spec p_document[] = {
	{ .name = "title", .type = PARAM_STR, .max_len = 800, .required = true },
	{ .name = "reference", .type = PARAM_STR, .max_len = 2000 },
	{ NULL },
};

static const struct param_spec p_finance[] = {
	{ .name = "source", .type = PARAM_ID, .required = true },
	{ .name = "kind", .type = PARAM_ENUM, .choices = finance_kind_names, .required = true },
	{ .name = "amount", .type = PARAM_STR, .max_len = 40, .required = true },
	{ .name = "date", .type = PARAM_STR, .max_len = 20, .required = true },
	{ .name = "document_ref", .type = PARAM_STR, .max_len = 800 },
	{ .name = "note", .type = PARAM_TEXT, .max_len = 4000 },
	{ NULL },
};

static const struct param_spec p_reason[] = {
	{ .name = "reason", .type = PARAM_TEXT, .max_len = 4000 },
	{ NULL },
};

static const struct param_spec p_invest_index[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "year", .type = PARAM_INT, .min = 2000, .max = 2100 },
	{ NULL },
};

static const struct param_spec p_plan_create[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "year", .type = PARAM_INT, .min = 2000, .max = 2100, .required = true },
	{ NULL },
};

static const struct param_spec p_source_create[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "year", .type = PARAM_INT, .min = 2000, .max = 2100 },
	{ .name = "kind", .type = PARAM_ENUM, .choices = funding_kind_names, .required = true },
	{ .name = "name", .type = PARAM_STR, .max_len = 640, .required = true },
	{ .name = "currency", .type = PARAM_STR, .max_len = 10 },
	{ NULL },
};

static const struct param_spec p_ceiling[] = {
	{ .name = "year", .type = PARAM_INT, .min = 2000, .max = 2100, .required = true },
	{ .name = "amount", .type = PARAM_STR, .max_len = 40, .required = true },
	{ NULL },
};

static const struct param_spec p_line[] = {
	{ .name = "project", .type = PARAM_STR, .max_len = 40, .required = true },
	{ .name = "source", .type = PARAM_ID, .required = true },
	{ .name = "amount", .type = PARAM_STR, .max_len = 40, .required = true },
	{ .name = "q1", .type = PARAM_STR, .max_len = 40 },
	{ .name = "q2", .type = PARAM_STR, .max_len = 40 },
	{ .name = "q3", .type = PARAM_STR, .max_len = 40 },
	{ .name = "q4", .type = PARAM_STR, .max_len = 40 },
	{ NULL },
};

static const struct param_spec p_invest_approve[] = {
	{ .name = "reference", .type = PARAM_STR, .max_len = 800, .required = true },
	{ NULL },
};

/* ---- participatory budget ---- */

static const char *const pb_decisions[] = { "viable", "not_viable", NULL };
static const char *const pb_rep_roles[] = { "titular", "alternate", NULL };
static const char *const pb_vig_roles[] = { "coordinator", "member", NULL };

static const struct param_spec p_pb_government[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ NULL },
};

static const struct param_spec p_pb_settings[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "title", .type = PARAM_STR, .max_len = 1000 },
	{ .name = "description", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "year", .type = PARAM_INT, .min = 1990, .max = 2100 },
	{ .name = "ceiling", .type = PARAM_STR, .max_len = 40 },
	{ .name = "method", .type = PARAM_ENUM, .choices = pb_method_names, .required = true },
	{ .name = "rule", .type = PARAM_ENUM, .choices = pb_rule_names, .required = true },
	{ .name = "max_choices", .type = PARAM_INT, .min = 0, .max = 1000 },
	{ .name = "points", .type = PARAM_INT, .min = 0, .max = 1000 },
	{ .name = "first_day", .type = PARAM_STR, .max_len = 10 },
	{ NULL },
};

static const struct param_spec p_pb_created[] = {
	{ .name = "created", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_pb_step[] = {
	{ .name = "first_day", .type = PARAM_STR, .max_len = 10 },
	{ .name = "last_day", .type = PARAM_STR, .max_len = 10 },
	{ .name = "title", .type = PARAM_STR, .max_len = 1000 },
	{ NULL },
};

static const struct param_spec p_pb_zone[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 800 },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "budget", .type = PARAM_STR, .max_len = 40 },
	{ NULL },
};

static const struct param_spec p_pb_cap[] = {
	{ .name = "category", .type = PARAM_ENUM, .choices = project_sector_names, .required = true },
	{ .name = "amount", .type = PARAM_STR, .max_len = 40 },
	{ NULL },
};

static const struct param_spec p_pb_criteria[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 800, .multi = true },
	{ .name = "kind", .type = PARAM_STR, .max_len = 20, .multi = true },
	{ .name = "weight", .type = PARAM_STR, .max_len = 12, .multi = true },
	{ .name = "scale_min", .type = PARAM_STR, .max_len = 12, .multi = true },
	{ .name = "scale_max", .type = PARAM_STR, .max_len = 12, .multi = true },
	{ .name = "scale_text", .type = PARAM_STR, .max_len = 2000, .multi = true },
	{ NULL },
};

static const struct param_spec p_pb_committee[] = {
	{ .name = "email", .type = PARAM_STR, .max_len = 160 },
	{ .name = "agent", .type = PARAM_ID },
	{ NULL },
};

static const struct param_spec p_pb_agent[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 800 },
	{ .name = "kind", .type = PARAM_STR, .max_len = 40 },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "representative", .type = PARAM_STR, .max_len = 800 },
	{ .name = "alternate", .type = PARAM_STR, .max_len = 800 },
	{ NULL },
};

static const struct param_spec p_pb_agents_page[] = {
	{ .name = "registered", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_pb_reason[] = {
	{ .name = "reason", .type = PARAM_STR, .max_len = 4000 },
	{ NULL },
};

static const struct param_spec p_pb_rep[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 800 },
	{ .name = "role", .type = PARAM_ENUM, .choices = pb_rep_roles, .required = true },
	{ .name = "email", .type = PARAM_STR, .max_len = 160 },
	{ NULL },
};

static const struct param_spec p_pb_proposal[] = {
	{ .name = "agent", .type = PARAM_ID },
	{ .name = "project", .type = PARAM_ID },
	{ .name = "title", .type = PARAM_STR, .max_len = 2000 },
	{ .name = "description", .type = PARAM_TEXT, .max_len = 32000 },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "zone", .type = PARAM_ID },
	{ .name = "sector", .type = PARAM_STR, .max_len = 40 },
	{ .name = "cost", .type = PARAM_STR, .max_len = 40 },
	{ .name = "cofinancing", .type = PARAM_STR, .max_len = 40 },
	{ .name = "beneficiaries", .type = PARAM_STR, .max_len = 20 },
	{ .name = "element", .type = PARAM_ID },
	{ NULL },
};

static const struct param_spec p_pb_proposal_page[] = {
	{ .name = "filed", .type = PARAM_BOOL },
	{ .name = "scored", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_pb_review[] = {
	{ .name = "decision", .type = PARAM_ENUM, .choices = pb_decisions, .required = true },
	{ .name = "observations", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "validated_cost", .type = PARAM_STR, .max_len = 40 },
	{ .name = "provincial_impact", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_pb_score[] = {
	{ .name = "criterion", .type = PARAM_STR, .max_len = 24, .multi = true },
	{ .name = "score", .type = PARAM_STR, .max_len = 24, .multi = true },
	{ NULL },
};

static const struct param_spec p_pb_intake[] = {
	{ .name = "proposal", .type = PARAM_ID, .required = true },
	{ NULL },
};

#define PB_BALLOT_PARAMS \
	{ .name = "choice", .type = PARAM_STR, .max_len = 24, .multi = true }, \
	{ .name = "item", .type = PARAM_STR, .max_len = 24, .multi = true }, \
	{ .name = "rank", .type = PARAM_STR, .max_len = 8, .multi = true }, \
	{ .name = "points", .type = PARAM_STR, .max_len = 12, .multi = true }

static const struct param_spec p_pb_ballot[] = {
	PB_BALLOT_PARAMS,
	{ NULL },
};

static const struct param_spec p_pb_vote_page[] = {
	{ .name = "voted", .type = PARAM_BOOL },
	{ NULL },
};

static const struct param_spec p_pb_paper[] = {
	PB_BALLOT_PARAMS,
	{ .name = "serial", .type = PARAM_STR, .max_len = 100 },
	{ NULL },
};

static const struct param_spec p_pb_paper_page[] = {
	{ .name = "counted", .type = PARAM_INT, .min = 0, .max = 1 },
	{ NULL },
};

static const struct param_spec p_pb_discard[] = {
	{ .name = "serial", .type = PARAM_STR, .max_len = 100 },
	{ NULL },
};

static const struct param_spec p_pb_acta[] = {
	{ .name = "place", .type = PARAM_STR, .max_len = 800 },
	{ .name = "held_on", .type = PARAM_STR, .max_len = 10 },
	{ .name = "agreements", .type = PARAM_TEXT, .max_len = 16000 },
	{ NULL },
};

static const struct param_spec p_pb_line[] = {
	{ .name = "source", .type = PARAM_ID },
	{ .name = "responsible", .type = PARAM_STR, .max_len = 800 },
	{ NULL },
};

static const struct param_spec p_pb_commitment[] = {
	{ .name = "agent", .type = PARAM_ID },
	{ .name = "party", .type = PARAM_STR, .max_len = 800 },
	{ .name = "text", .type = PARAM_STR, .max_len = 4000 },
	{ NULL },
};

static const struct param_spec p_pb_signatory[] = {
	{ .name = "name", .type = PARAM_STR, .max_len = 800 },
	{ .name = "role", .type = PARAM_STR, .max_len = 800 },
	{ .name = "organization", .type = PARAM_STR, .max_len = 800 },
	{ NULL },
};

static const struct param_spec p_pb_elect[] = {
	{ .name = "agent", .type = PARAM_ID },
	{ .name = "name", .type = PARAM_STR, .max_len = 800 },
	{ .name = "role", .type = PARAM_ENUM, .choices = pb_vig_roles, .required = true },
	{ .name = "elected_on", .type = PARAM_STR, .max_len = 10 },
	{ NULL },
};

static const struct param_spec p_pb_observe[] = {
	{ .name = "proposal", .type = PARAM_ID },
	{ .name = "observed_on", .type = PARAM_STR, .max_len = 10 },
	{ .name = "text", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "evidence", .type = PARAM_STR, .max_len = 4000 },
	{ NULL },
};

static const struct param_spec p_pb_answer[] = {
	{ .name = "answer", .type = PARAM_TEXT, .max_len = 16000 },
	{ NULL },
};

static const struct param_spec p_pb_results[] = {
	{ .name = "rule", .type = PARAM_ENUM, .choices = pb_rule_names },
	{ NULL },
};

/* an uploaded document and the form's fields, with room for the framing */
#define UPLOAD_MAX (PROJECT_FILE_MAX + ((size_t)64 << 10))


/* ---- monitoring and evaluation (h_indicator.c) ---- */

static const char *const ind_subjects[] = { "element", "project", "programme", "territory", NULL };

static const struct param_spec p_indicators[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "subject", .type = PARAM_ENUM, .choices = ind_subjects },
	{ .name = "status", .type = PARAM_ENUM, .choices = ind_status_names },
	{ .name = "q", .type = PARAM_STR, .max_len = 200 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

static const struct param_spec p_indicator_new[] = {
	{ .name = "element", .type = PARAM_ID },
	{ .name = "project", .type = PARAM_ID },
	{ .name = "programme", .type = PARAM_ID },
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ NULL },
};

/* values are text, parsed exactly by the domain so that a mistake is shown
 * again with a precise message and everything typed */
static const struct param_spec p_indicator_form[] = {
	{ .name = "subject", .type = PARAM_ENUM, .choices = ind_subjects },
	{ .name = "element", .type = PARAM_ID },
	{ .name = "project", .type = PARAM_ID },
	{ .name = "programme", .type = PARAM_ID },
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "code", .type = PARAM_STR, .max_len = 40 },
	{ .name = "scope", .type = PARAM_ENUM, .choices = ind_scope_names },
	{ .name = "name", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "definition", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "unit", .type = PARAM_STR, .max_len = 20 },
	{ .name = "unit_label", .type = PARAM_STR, .max_len = 240 },
	{ .name = "decimals", .type = PARAM_INT, .min = 0, .max = IND_DECIMALS_MAX },
	{ .name = "currency", .type = PARAM_STR, .max_len = 10 },
	{ .name = "direction", .type = PARAM_STR, .max_len = 20 },
	{ .name = "frequency", .type = PARAM_STR, .max_len = 20 },
	{ .name = "start_period", .type = PARAM_STR, .max_len = 20 },
	{ .name = "end_period", .type = PARAM_STR, .max_len = 20 },
	{ .name = "numerator", .type = PARAM_ID },
	{ .name = "denominator", .type = PARAM_ID },
	{ .name = "factor", .type = PARAM_INT, .min = 1, .max = IND_FACTOR_MAX },
	{ .name = "baseline", .type = PARAM_STR, .max_len = 40 },
	{ .name = "baseline_date", .type = PARAM_STR, .max_len = 20 },
	{ .name = "baseline_source", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "final_target", .type = PARAM_STR, .max_len = 40 },
	{ .name = "final_target_high", .type = PARAM_STR, .max_len = 40 },
	{ .name = "weight", .type = PARAM_INT, .min = 1, .max = IND_WEIGHT_MAX },
	{ .name = "responsible_office", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "data_source", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "verification", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "dimension", .type = PARAM_STR, .max_len = 20, .multi = true },
	{ NULL },
};

static const struct param_spec p_ind_target[] = {
	{ .name = "period", .type = PARAM_STR, .max_len = 20, .required = true },
	{ .name = "value", .type = PARAM_STR, .max_len = 40 },
	{ .name = "high", .type = PARAM_STR, .max_len = 40 },
	{ NULL },
};

static const struct param_spec p_measurement[] = {
	{ .name = "period", .type = PARAM_STR, .max_len = 20, .required = true },
	{ .name = "value", .type = PARAM_STR, .max_len = 40 },
	{ .name = "cell_key", .type = PARAM_STR, .max_len = 40, .multi = true },
	{ .name = "cell_value", .type = PARAM_STR, .max_len = 40, .multi = true },
	{ .name = "comment", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "evidence_ref", .type = PARAM_STR, .max_len = 1200 },
	{ NULL },
};

static const struct param_spec p_m_note[] = {
	{ .name = "note", .type = PARAM_TEXT, .max_len = 16000 },
	{ NULL },
};

static const struct param_spec p_m_reason[] = {
	{ .name = "reason", .type = PARAM_TEXT, .max_len = 16000 },
	{ NULL },
};

static const struct param_spec p_m_evidence[] = {
	{ .name = "reference", .type = PARAM_STR, .max_len = 1200 },
	{ NULL },
};

static const struct param_spec p_feedback[] = {
	{ .name = "period", .type = PARAM_STR, .max_len = 20, .required = true },
	{ .name = "finding", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "decision", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "decided_by", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "decided_on", .type = PARAM_STR, .max_len = 20 },
	{ .name = "responsible", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "due_on", .type = PARAM_STR, .max_len = 20 },
	{ NULL },
};

static const struct param_spec p_feedback_done[] = {
	{ .name = "done_on", .type = PARAM_STR, .max_len = 20 },
	{ .name = "note", .type = PARAM_TEXT, .max_len = 16000 },
	{ NULL },
};

static const struct param_spec p_programme[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "code", .type = PARAM_STR, .max_len = 96 },
	{ .name = "name", .type = PARAM_STR, .max_len = 1200 },
	{ .name = "description", .type = PARAM_TEXT, .max_len = 16000 },
	{ .name = "start_year", .type = PARAM_INT, .min = IND_YEAR_MIN, .max = IND_YEAR_MAX, .required = true },
	{ .name = "end_year", .type = PARAM_INT, .min = IND_YEAR_MIN, .max = IND_YEAR_MAX, .required = true },
	{ NULL },
};

static const struct param_spec p_monitoring[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ NULL },
};

static const struct param_spec p_report[] = {
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "quarter", .type = PARAM_STR, .max_len = 10 },
	{ NULL },
};

static const struct param_spec p_settings_page[] = {
	{ .name = "saved", .type = PARAM_BOOL },
	{ NULL },
};

/* checked by the handler, after the permission (installation-wide) */
static const struct param_spec p_settings[] = {
	{ .name = "on_track", .type = PARAM_STR, .max_len = 10 },
	{ .name = "at_risk", .type = PARAM_STR, .max_len = 10 },
	{ .name = "grace_days", .type = PARAM_INT, .min = 0, .max = 366 },
	{ NULL },
};

static const struct param_spec p_api_indicators[] = {
	{ .name = "territory", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "government", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "subject", .type = PARAM_ENUM, .choices = ind_subjects },
	{ .name = "series", .type = PARAM_STR, .max_len = 64 },
	{ .name = "q", .type = PARAM_STR, .max_len = 200 },
	{ .name = "status", .type = PARAM_ENUM, .choices = ind_status_names },
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 1000 },
	{ .name = "offset", .type = PARAM_INT, .min = 0, .max = 10000000 },
	{ NULL },
};

/* evidence for a measurement and the form's fields, with room for the framing */
#define IND_UPLOAD_MAX (IND_FILE_MAX + ((size_t)64 << 10))

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

	/* plans (h_plan.c); literal paths before /plans/{id} */
	{ "GET", "/plans", h_plans, p_plans, ROUTE_CACHE, "public.read" },
	{ "GET", "/plans/new", h_plan_new_form, p_plans, 0, "plan.write" },
	{ "POST", "/plans", h_plan_create, p_plan_form, 0, "plan.write" },
	{ "GET", "/plans/import", h_plan_import_form, p_plans, 0, "plan.write" },
	{ "POST", "/plans/import", h_plan_import, p_plan_import, 0, "plan.write" },
	{ "GET", "/plans/{id}", h_plan, NULL, ROUTE_CACHE, "public.read" },
	{ "POST", "/plans/{id}", h_plan_update, p_plan_form, 0, "plan.write" },
	{ "GET", "/plans/{id}/edit", h_plan_edit_form, NULL, 0, "plan.write" },
	{ "POST", "/plans/{id}/approve", h_plan_approve, p_approve, 0, "plan.approve" },
	{ "POST", "/plans/{id}/renumber", h_plan_renumber, NULL, 0, "plan.write" },
	{ "GET", "/plans/{id}/document", h_plan_document, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/plans/{id}/pdf", h_plan_pdf, NULL, 0, "public.read" },
	{ "GET", "/plans/{id}/json", h_plan_json, NULL, 0, "public.read" },
	{ "GET", "/plans/{id}/csv", h_plan_csv, NULL, 0, "public.read" },
	{ "GET", "/plans/{id}/versions/{v}", h_plan_version, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/plans/{id}/diff", h_plan_diff, p_diff, ROUTE_CACHE, "public.read" },
	{ "GET", "/plans/{id}/elements/new", h_element_new_form, p_element_new, 0, "plan.write" },
	{ "POST", "/plans/{id}/elements", h_element_create, p_element_form, 0, "plan.write" },
	{ "GET", "/plans/{id}/elements/{eid}", h_element, NULL, ROUTE_CACHE, "public.read" },
	{ "POST", "/plans/{id}/elements/{eid}", h_element_update, p_element_form, 0, "plan.write" },
	{ "POST", "/plans/{id}/elements/{eid}/move", h_element_move, p_move, 0, "plan.write" },
	{ "POST", "/plans/{id}/elements/{eid}/delete", h_element_delete, NULL, 0, "plan.write" },
	{ "GET", "/plans/{id}/elements/{eid}/align", h_element_align_form, p_align_search, 0, "plan.write" },
	{ "POST", "/plans/{id}/elements/{eid}/align", h_element_align, p_align, 0, "plan.write" },
	{ "POST", "/plans/{id}/elements/{eid}/unalign", h_element_unalign, p_align, 0, "plan.write" },
	{ "GET", "/api/v1/plans", h_api_plans, p_api_plans, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/plans/{id}", h_api_plan, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/plans/{id}/versions/{v}", h_api_plan_version, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/plan-elements", h_api_plan_elements, p_api_elements, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/plan-elements/{id}", h_api_plan_element, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },

	/* the articulation report (h_articulation.c) */
	{ "GET", "/articulation", h_articulation, p_articulation, ROUTE_CACHE, "public.read" },
	{ "GET", "/articulation/xlsx", h_articulation_xlsx, p_articulation, 0, "public.read" },
	{ "GET", "/api/v1/articulation", h_api_articulation, p_articulation, ROUTE_API | ROUTE_CACHE, "public.read" },

	/* project bank (h_project.c); fixed paths before /projects/{id} */
	{ "GET", "/projects", h_projects, p_projects, ROUTE_CACHE, "public.read" },
	{ "GET", "/projects.csv", h_projects_csv, p_projects_export, 0, "public.read" },
	{ "GET", "/projects.xlsx", h_projects_xlsx, p_projects_export, 0, "public.read" },
	{ "GET", "/projects/map", h_projects_map, p_projects_map, ROUTE_CACHE, "public.read" },
	{ "GET", "/projects/new", h_project_new, p_project_new, 0, "project.submit" },
	{ "POST", "/projects", h_project_submit, p_project_form, 0, "project.submit" },
	{ "GET", "/projects/{id}", h_project, p_project_page, ROUTE_CACHE, "public.read" },
	{ "GET", "/projects/{id}/edit", h_project_edit_form, NULL, 0, "project.manage" },
	{ "POST", "/projects/{id}", h_project_update, p_project_form, 0, "project.manage" },
	{ "POST", "/projects/{id}/transition", h_project_transition, p_transition, 0, "project.manage" },
	{ "POST", "/projects/{id}/progress", h_project_progress, p_progress, 0, "project.manage" },
	{ "POST", "/projects/{id}/members", h_project_member_add, p_member, 0, "project.manage" },
	{ "POST", "/projects/{id}/members/{member}/remove", h_project_member_remove, NULL, 0, "project.manage" },
	{ "POST", "/projects/{id}/documents", h_project_document_add, p_document, ROUTE_UPLOAD, "project.manage", UPLOAD_MAX },
	{ "GET", "/projects/{id}/documents/{doc}", h_project_document, NULL, 0, "public.read" },
	{ "POST", "/projects/{id}/documents/{doc}/remove", h_project_document_remove, NULL, 0, "project.manage" },
	{ "GET", "/projects/{id}/serves", h_project_serves_form, p_serve_search, 0, "project.manage" },
	{ "POST", "/projects/{id}/serves", h_project_serve, p_serve, 0, "project.manage" },
	{ "POST", "/projects/{id}/serves/{element}/remove", h_project_unserve, NULL, 0, "project.manage" },
	{ "POST", "/projects/{id}/finance", h_finance_add, p_finance, 0, "finance.write" },
	{ "POST", "/finance/entries/{id}/void", h_finance_void, p_reason, 0, "finance.write" },
	{ "GET", "/api/v1/projects", h_api_projects, p_api_projects, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/projects/{id}", h_api_project, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },

	/* investment plan and execution (h_invest.c) */
	{ "GET", "/invest", h_invest_index, p_invest_index, ROUTE_CACHE, "public.read" },
	{ "POST", "/invest/plans", h_invest_plan_create, p_plan_create, 0, "invest.manage" },
	{ "POST", "/invest/sources", h_funding_create, p_source_create, 0, "invest.manage" },
	{ "POST", "/invest/sources/{id}/ceiling", h_funding_ceiling, p_ceiling, 0, "invest.manage" },
	{ "GET", "/invest/{id}", h_invest_plan, NULL, ROUTE_CACHE, "public.read" },
	{ "POST", "/invest/{id}/lines", h_invest_line_add, p_line, 0, "invest.manage" },
	{ "POST", "/invest/{id}/lines/{line}/remove", h_invest_line_remove, NULL, 0, "invest.manage" },
	{ "POST", "/invest/{id}/approve", h_invest_approve, p_invest_approve, 0, "invest.manage" },
	{ "GET", "/api/v1/invest/{id}", h_api_invest_plan, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/execution", h_execution, p_invest_index, ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/execution", h_api_execution, p_invest_index, ROUTE_API | ROUTE_CACHE, "public.read" },

	/* participatory budget (h_pb.c public, h_pb_manage.c team, h_pb_act.c participants) */
	{ "GET", "/pb", h_pb_index, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/new", h_pb_new, p_pb_government, 0, "pb.manage" },
	{ "POST", "/pb/processes", h_pb_create, p_pb_settings, 0, "pb.manage" },
	{ "GET", "/pb/processes/{id}", h_pb_process, p_pb_created, ROUTE_CACHE, "public.read" },
	{ "POST", "/pb/processes/{id}", h_pb_update, p_pb_settings, 0, "pb.manage" },
	{ "GET", "/pb/processes/{id}/manage", h_pb_manage, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/steps/{sid}", h_pb_step, p_pb_step, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/steps/{sid}/open", h_pb_step_open, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/steps/{sid}/close", h_pb_step_close, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/zones", h_pb_zone_add, p_pb_zone, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/zones/{zid}/remove", h_pb_zone_remove, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/caps", h_pb_cap, p_pb_cap, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/criteria", h_pb_criteria, p_pb_criteria, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/committee", h_pb_committee_add, p_pb_committee, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/committee/{mid}/remove", h_pb_committee_remove, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/intake", h_pb_intake, p_pb_intake, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/results", h_pb_publish, NULL, 0, "pb.manage" },
	{ "GET", "/pb/processes/{id}/agents", h_pb_agents, p_pb_agents_page, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/processes/{id}/register", h_pb_register_form, NULL, 0, "pb.register" },
	{ "POST", "/pb/processes/{id}/agents", h_pb_register, p_pb_agent, 0, "pb.register" },
	{ "POST", "/pb/processes/{id}/agents/{aid}/accredit", h_pb_accredit, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/agents/{aid}/refuse", h_pb_refuse, p_pb_reason, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/agents/{aid}/representatives", h_pb_representative, p_pb_rep, 0, "pb.manage" },
	{ "GET", "/pb/processes/{id}/proposals", h_pb_proposals, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/processes/{id}/proposals/new", h_pb_file_form, NULL, 0, "pb.propose" },
	{ "POST", "/pb/processes/{id}/proposals", h_pb_file, p_pb_proposal, 0, "pb.propose" },
	{ "GET", "/pb/processes/{id}/proposals/{pid}", h_pb_proposal, p_pb_proposal_page, ROUTE_CACHE, "public.read" },
	{ "POST", "/pb/processes/{id}/proposals/{pid}/review", h_pb_review, p_pb_review, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/proposals/{pid}/scores", h_pb_score, p_pb_score, 0, "pb.score" },
	{ "POST", "/pb/processes/{id}/proposals/{pid}/recuse", h_pb_recuse, p_pb_reason, 0, "pb.score" },
	{ "GET", "/pb/processes/{id}/matrix", h_pb_matrix, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/processes/{id}/vote", h_pb_vote_form, p_pb_vote_page, 0, "pb.vote" },
	{ "POST", "/pb/processes/{id}/ballot", h_pb_ballot, p_pb_ballot, 0, "pb.vote" },
	{ "GET", "/pb/processes/{id}/paper", h_pb_paper_form, p_pb_paper_page, 0, "pb.officer" },
	{ "POST", "/pb/processes/{id}/paper", h_pb_paper, p_pb_paper, 0, "pb.officer" },
	{ "POST", "/pb/processes/{id}/paper/discard", h_pb_paper_discard, p_pb_discard, 0, "pb.officer" },
	{ "GET", "/pb/processes/{id}/results", h_pb_results, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/processes/{id}/acta", h_pb_acta, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/processes/{id}/acta.pdf", h_pb_acta_pdf, NULL, 0, "public.read" },
	{ "POST", "/pb/processes/{id}/acta", h_pb_acta_save, p_pb_acta, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/acta/lines/{pid}", h_pb_acta_line, p_pb_line, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/acta/commitments", h_pb_commitment, p_pb_commitment, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/acta/signatories", h_pb_signatory, p_pb_signatory, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/formalize", h_pb_formalize, NULL, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/invest", h_pb_invest, NULL, 0, "pb.manage" },
	{ "GET", "/pb/processes/{id}/vigilance", h_pb_vigilance, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/pb/processes/{id}/vigilance/report", h_pb_vigilance_report, NULL, ROUTE_CACHE, "public.read" },
	{ "POST", "/pb/processes/{id}/vigilance/members", h_pb_vigilance_elect, p_pb_elect, 0, "pb.manage" },
	{ "POST", "/pb/processes/{id}/vigilance/observations", h_pb_observe, p_pb_observe, 0, "vigilance.write" },
	{ "POST", "/pb/processes/{id}/vigilance/observations/{oid}/answer", h_pb_answer, p_pb_answer, 0, "vigilance.answer" },
	{ "GET", "/pb/processes/{id}/export.pb", h_pb_export, NULL, 0, "public.read" },
	{ "GET", "/api/v1/pb/processes", h_api_pb_processes, p_pb_government, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/pb/processes/{id}", h_api_pb_process, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/pb/processes/{id}/agents", h_api_pb_agents, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/pb/processes/{id}/proposals", h_api_pb_proposals, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/pb/processes/{id}/matrix", h_api_pb_matrix, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/pb/processes/{id}/results", h_api_pb_results, p_pb_results, ROUTE_API | ROUTE_CACHE, "public.read" },
	/* monitoring and evaluation (h_indicator.c); literal paths before {id} */
	{ "GET", "/indicators", h_indicators, p_indicators, ROUTE_CACHE, "public.read" },
	{ "GET", "/indicators/new", h_indicator_new, p_indicator_new, 0, "indicator.write" },
	{ "POST", "/indicators", h_indicator_create, p_indicator_form, 0, "indicator.write" },
	{ "GET", "/indicators/{id}", h_indicator, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/indicators/{id}/edit", h_indicator_edit, NULL, 0, "indicator.write" },
	{ "POST", "/indicators/{id}", h_indicator_update, p_indicator_form, 0, "indicator.write" },
	{ "POST", "/indicators/{id}/targets", h_indicator_target, p_ind_target, 0, "indicator.write" },
	{ "POST", "/indicators/{id}/measurements", h_measurement_save, p_measurement, ROUTE_UPLOAD, "indicator.write", IND_UPLOAD_MAX },
	{ "GET", "/indicators/{id}/measurements/{mid}", h_measurement, NULL, ROUTE_CACHE, "public.read" },
	{ "POST", "/indicators/{id}/measurements/{mid}/submit", h_measurement_submit, NULL, 0, "indicator.write" },
	{ "POST", "/indicators/{id}/measurements/{mid}/approve", h_measurement_approve, p_m_note, 0, "indicator.approve" },
	{ "POST", "/indicators/{id}/measurements/{mid}/return", h_measurement_return, p_m_reason, 0, "indicator.approve" },
	{ "POST", "/indicators/{id}/measurements/{mid}/evidence", h_measurement_evidence, p_m_evidence, ROUTE_UPLOAD, "indicator.write", IND_UPLOAD_MAX },
	{ "GET", "/indicators/{id}/measurements/{mid}/files/{fid}", h_measurement_file, NULL, 0, "public.read" },
	{ "POST", "/indicators/{id}/feedback", h_feedback_add, p_feedback, 0, "indicator.write" },
	{ "POST", "/indicators/{id}/feedback/{fid}/done", h_feedback_done, p_feedback_done, 0, "indicator.write" },
	{ "POST", "/programmes", h_programme_create, p_programme, 0, "indicator.write" },
	{ "GET", "/programmes/{id}", h_programme, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/monitoring", h_monitoring, p_monitoring, ROUTE_CACHE, "public.read" },
	{ "GET", "/monitoring/report", h_report, p_report, ROUTE_CACHE, "public.read" },
	{ "GET", "/monitoring/report.pdf", h_report_pdf, p_report, 0, "public.read" },
	{ "GET", "/monitoring/report.xlsx", h_report_xlsx, p_report, 0, "public.read" },
	{ "GET", "/monitoring/settings", h_monitoring_settings, p_settings_page, 0, "indicator.approve" },
	{ "POST", "/monitoring/settings", h_monitoring_settings_save, p_settings, 0, "indicator.approve" },
	{ "GET", "/api/v1/indicators", h_api_indicators, p_api_indicators, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/indicators/{id}", h_api_indicator, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/indicators/{id}/measurements", h_api_measurements, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/monitoring", h_api_monitoring, p_monitoring, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/monitoring/report", h_api_report, p_report, ROUTE_API | ROUTE_CACHE, "public.read" },
};

const size_t minka_routes_count = ARRAY_LEN(minka_routes);
