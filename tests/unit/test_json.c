/* test_json.c — jansson helpers. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"

TEST(dump_compact_in_order)
{
	json_t *o = json_object();
	json_set_str(o, "code", "010101");
	json_set_int(o, "population", 41843);
	json_set_real(o, "idh", 0.6424);
	json_set_str(o, "missing", NULL);
	json_set_bool(o, "ok", true);
	struct buf b;
	buf_init(&b, 0);
	CHECK_INT(json_to_buf(&b, o), 0);
	CHECK_STR(buf_cstr(&b), "{\"code\":\"010101\",\"population\":41843,\"idh\":0.6424,\"missing\":null,\"ok\":true}");
	CHECK_STR(json_get_str(o, "code", "x"), "010101");
	CHECK_STR(json_get_str(o, "nope", "x"), "x");
	CHECK_INT(json_get_int(o, "population", 0), 41843);
	json_decref(o);
	buf_release(&b);
}

TEST(invalid_utf8_becomes_null)
{
	json_t *j = json_str_or_null("a\xff");
	CHECK(json_is_null(j));
	json_decref(j);
}

TEST(parse_bounded_and_errors)
{
	struct err e;
	err_init(&e, NULL);
	json_t *j = json_parse("{\"a\":1}", 7, 100, &e);
	REQUIRE(j);
	CHECK_INT(json_get_int(j, "a", 0), 1);
	json_decref(j);
	CHECK(json_parse("{\"a\":1}", 7, 3, &e) == NULL);
	CHECK_INT(e.code, ERR_TOOBIG);
	CHECK(json_parse("{\"a\":", 5, 100, &e) == NULL);
	CHECK_INT(e.code, ERR_INVALID);
	CHECK_CONTAINS(e.msg, "line 1");
	CHECK(json_parse("{\"a\":1,\"a\":2}", 13, 100, &e) == NULL); /* duplicate keys refused */
}

TEST(list_shape)
{
	json_t *l = json_list(json_array(), 7);
	struct buf b;
	buf_init(&b, 0);
	json_to_buf(&b, l);
	CHECK_STR(buf_cstr(&b), "{\"items\":[],\"total\":7}");
	json_decref(l);
	buf_release(&b);
}
