/* test_router.c — route matching, form decoding and parameter validation. */
#include "core/compat.h"
#include "test.h"
#include "core/buf.h"
#include "web/router.h"

static int h_dummy(struct req *r)
{
	(void)r;
	return 200;
}

static const struct route routes[] = {
	{ "GET", "/", h_dummy, NULL, 0, NULL },
	{ "GET", "/territories/{code}", h_dummy, NULL, 0, NULL },
	{ "POST", "/territories/{code}", h_dummy, NULL, 0, NULL },
	{ "GET", "/api/v1/plans/{id}/elements/{eid}", h_dummy, NULL, 0, NULL },
};

TEST(matching)
{
	char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX];
	int n;
	bool pm;
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/", args, &n, &pm) == &routes[0]);
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/territories/010101", args, &n, &pm) == &routes[1]);
	CHECK_INT(n, 1);
	CHECK_STR(args[0], "010101");
	CHECK(router_match(routes, ARRAY_LEN(routes), "HEAD", "/territories/01", args, &n, &pm) == &routes[1]);
	CHECK(router_match(routes, ARRAY_LEN(routes), "POST", "/territories/01", args, &n, &pm) == &routes[2]);
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/api/v1/plans/7/elements/12", args, &n, &pm) == &routes[3]);
	CHECK_INT(n, 2);
	CHECK_STR(args[1], "12");
}

TEST(no_match_and_method_mismatch)
{
	char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX];
	int n;
	bool pm;
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/territories/", args, &n, &pm) == NULL);
	CHECK(!pm);
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/territories/01/x", args, &n, &pm) == NULL);
	CHECK(router_match(routes, ARRAY_LEN(routes), "DELETE", "/territories/01", args, &n, &pm) == NULL);
	CHECK(pm);
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/nope", args, &n, &pm) == NULL);
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", "/territories/\xff", args, &n, &pm) == NULL);
	char longpath[400] = "/territories/";
	memset(longpath + 13, '1', 300);
	longpath[313] = '\0';
	CHECK(router_match(routes, ARRAY_LEN(routes), "GET", longpath, args, &n, &pm) == NULL);
}

TEST(urlencoded)
{
	struct kv_list l;
	kv_list_init(&l);
	struct err e;
	err_init(&e, NULL);
	const char *body = "q=agua+potable&name=%C3%91u%C3%B1oa&empty=&flag&&x=1%262";
	CHECK_INT(form_parse_urlencoded(body, strlen(body), &l, &e), 0);
	CHECK_INT(l.n, 5);
	CHECK_STR(kv_list_get(&l, "q")->value, "agua potable");
	CHECK_STR(kv_list_get(&l, "name")->value, "Ñuñoa");
	CHECK_STR(kv_list_get(&l, "empty")->value, "");
	CHECK_STR(kv_list_get(&l, "flag")->value, "");
	CHECK_STR(kv_list_get(&l, "x")->value, "1&2");
	kv_list_release(&l);
	CHECK_INT(form_parse_urlencoded("a=%zz", 5, &l, &e), ERR_INVALID);
	kv_list_release(&l);
	CHECK_INT(form_parse_urlencoded("a=%2", 4, &l, &e), ERR_INVALID);
	kv_list_release(&l);
}

static const char *const kinds[] = { "region", "province", NULL };
static const struct param_spec spec[] = {
	{ .name = "q", .type = PARAM_STR, .max_len = 10 },
	{ .name = "limit", .type = PARAM_INT, .min = 1, .max = 100 },
	{ .name = "code", .type = PARAM_CODE, .max_len = 6 },
	{ .name = "kind", .type = PARAM_ENUM, .choices = kinds },
	{ .name = "amount", .type = PARAM_MONEY },
	{ .name = "day", .type = PARAM_DATE },
	{ .name = "ok", .type = PARAM_BOOL },
	{ .name = "title", .type = PARAM_STR, .required = true },
	{ .name = "notes", .type = PARAM_TEXT },
	{ .name = "email", .type = PARAM_EMAIL },
	{ NULL },
};

static int validate(const char *form, struct kv_list *out, struct err *e)
{
	struct kv_list raw;
	kv_list_init(&raw);
	kv_list_init(out);
	int rc = form_parse_urlencoded(form, strlen(form), &raw, e);
	if (!rc)
		rc = params_validate(spec, &raw, out, e);
	kv_list_release(&raw);
	return rc;
}

TEST(validation_keeps_declared_and_drops_the_rest)
{
	struct kv_list out;
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(validate("title=Agua&limit=20&amount=S%2F+1%2C234.56&ok=on&day=2026-03-01&evil=1&kind=region"
			   "&notes=l%C3%ADnea+1%0Al%C3%ADnea+2&email=ana%40muni.gob.pe",
			   &out, &e), 0);
	CHECK(kv_list_get(&out, "evil") == NULL);
	CHECK_INT(kv_list_get(&out, "limit")->ival, 20);
	CHECK_INT(kv_list_get(&out, "amount")->ival, 123456);
	CHECK_INT(kv_list_get(&out, "ok")->ival, 1);
	CHECK_STR(kv_list_get(&out, "notes")->value, "línea 1\nlínea 2");
	kv_list_release(&out);
}

static void refused(const char *form, const char *msg)
{
	struct kv_list out;
	struct err e;
	err_init(&e, NULL);
	int rc = validate(form, &out, &e);
	if (rc != ERR_INVALID)
		test_fail(__FILE__, __LINE__, "accepted %s", form);
	CHECK_STR(e.msg, msg);
	kv_list_release(&out);
}

TEST(validation_errors_are_precise)
{
	refused("limit=5", "Field \"title\" is required");
	refused("title=", "Field \"title\" is required");
	refused("title=x&limit=0", "Field \"limit\" must be between 1 and 100");
	refused("title=x&limit=abc", "Field \"limit\" must be a whole number");
	refused("title=x&q=12345678901", "Field \"q\" is too long (10 characters at most)");
	refused("title=x&code=01a", "Field \"code\" must contain only digits");
	refused("title=x&kind=city", "Field \"kind\" has a value that is not allowed");
	refused("title=x&amount=12%2C34", "Field \"amount\" must be an amount such as 1234.56 or S/ 1,234.56");
	refused("title=x&day=2026-02-30", "Field \"day\" must be a date YYYY-MM-DD");
	refused("title=x&ok=maybe", "Field \"ok\" must be yes or no");
	refused("title=a%0Ab", "Field \"title\" contains control characters");
	refused("title=%FF", "Field \"title\" is not valid UTF-8 text");
	refused("title=x&email=nobody", "Field \"email\" must be an e-mail address");
}

TEST(too_many_pairs)
{
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < PARAM_MAX_PAIRS + 5; i++)
		buf_appendf(&b, "a%d=1&", i);
	struct kv_list l;
	kv_list_init(&l);
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(form_parse_urlencoded(b.data, b.len, &l, &e), ERR_TOOBIG);
	kv_list_release(&l);
	buf_release(&b);
}
