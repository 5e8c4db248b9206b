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

const struct route minka_routes[] = {
	{ "GET", "/", h_home, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/healthz", h_healthz, NULL, ROUTE_API, "public.read" },
	{ "GET", "/static/{file}", h_static, NULL, ROUTE_RAW, "public.read" },
	{ "GET", "/territories", h_territories, p_territories, ROUTE_CACHE, "public.read" },
	{ "GET", "/territories/{code}", h_territory, NULL, ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1", h_api_index, NULL, ROUTE_API, "public.read" },
	{ "GET", "/api/v1/territories", h_api_territories, p_api_territories, ROUTE_API | ROUTE_CACHE, "public.read" },
	{ "GET", "/api/v1/territories/{code}", h_api_territory, NULL, ROUTE_API | ROUTE_CACHE, "public.read" },
};

const size_t minka_routes_count = ARRAY_LEN(minka_routes);
