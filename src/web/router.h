/* router.h — routes declare their method, path pattern and the parameters they
 * accept, each with a type and bounds. Anything undeclared is dropped before the
 * handler runs; anything declared but invalid is a 400 with a precise message.
 * This file has no HTTP library in it, so it can be fuzzed on its own. */
#ifndef MINKA_ROUTER_H
#define MINKA_ROUTER_H

#include "core/compat.h"
#include "core/err.h"

struct req;
typedef int (*route_handler)(struct req *r);

enum param_type {
	PARAM_STR,    /* one line of text (no control characters) */
	PARAM_TEXT,   /* multi-line text */
	PARAM_INT,    /* integer within [min, max] */
	PARAM_CODE,   /* digits only (UBIGEO codes, CUIs) */
	PARAM_ENUM,   /* one of choices */
	PARAM_MONEY,  /* "S/ 1,234.56" or "1234.56": stored as cents in ival */
	PARAM_DATE,   /* YYYY-MM-DD */
	PARAM_BOOL,   /* "1", "0", "on", "true", "false": ival 0/1 */
	PARAM_ID,     /* a positive integer id */
	PARAM_EMAIL,  /* something@somewhere */
};

struct param_spec {
	const char *name;
	enum param_type type;
	size_t max_len;              /* bytes; 0 = type default */
	int64_t min, max;            /* PARAM_INT / PARAM_MONEY bounds (both 0 = none) */
	bool required;
	const char *const *choices;  /* PARAM_ENUM: NULL-terminated */
	bool multi;                  /* may repeat (checkbox lists) */
};

enum route_flags {
	ROUTE_API = 1 << 0,     /* JSON in and out; errors in the API shape */
	ROUTE_RAW = 1 << 1,     /* the handler writes the whole response itself (static files) */
	ROUTE_CACHE = 1 << 2,   /* public, same for every anonymous visitor: responses may be
				 * served from web/cache.c while the data generation holds */
	ROUTE_UPLOAD = 1 << 3,  /* accepts multipart/form-data: text parts become parameters,
				 * file parts are read with req_file() (web/multipart.h) */
};

struct route {
	const char *method;          /* "GET", "POST", ... */
	const char *pattern;         /* "/territories/{code}" */
	route_handler handler;
	const struct param_spec *params; /* terminated by { NULL } ; NULL = none */
	unsigned flags;
	const char *action;          /* permission action checked before the handler */
	size_t max_body;             /* request body cap for this route; 0 = the server's
				      * --max-body (upload routes raise it for themselves only) */
};

#define ROUTE_MAX_ARGS 4
#define ROUTE_ARG_MAX 128
#define PARAM_MAX_PAIRS 512
#define PARAM_DEFAULT_STR 1000
#define PARAM_DEFAULT_TEXT 20000

/* A name=value pair from a query string or form body. */
struct kv {
	char *name;
	char *value;
	int64_t ival;   /* parsed value for INT/MONEY/BOOL/ID */
};

struct kv_list {
	struct kv *items;
	size_t n, cap;
};

void kv_list_init(struct kv_list *l);
void kv_list_release(struct kv_list *l);
void kv_list_add(struct kv_list *l, const char *name, size_t nlen, const char *value, size_t vlen);
/* First value for name, or NULL. */
const struct kv *kv_list_get(const struct kv_list *l, const char *name);

/* Splits application/x-www-form-urlencoded text into pairs (%XX and '+' decoded).
 * ERR_INVALID on a bad escape, ERR_TOOBIG past PARAM_MAX_PAIRS. */
int form_parse_urlencoded(const char *s, size_t len, struct kv_list *out, struct err *e);

/* Keeps only the declared parameters of `raw`, validated, in `out`. A required
 * parameter that is missing or empty, or any invalid value, is an error naming it. */
int params_validate(const struct param_spec *spec, const struct kv_list *raw, struct kv_list *out,
		    struct err *e);

/* Finds the route for method + path. Fills args with the {placeholders} in order.
 * Returns the route, or NULL with *path_matched telling whether some route had the
 * path (then the answer is 405, not 404). HEAD matches GET routes. */
const struct route *router_match(const struct route *routes, size_t n, const char *method, const char *path,
				 char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX], int *nargs, bool *path_matched);

#endif
