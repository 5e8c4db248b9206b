/* test_err.c — error records (translated at the source), status mapping, and
 * leveled logging. */
#include "core/compat.h"
#include "test.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"

TEST(messages_are_translated_where_they_are_made)
{
	struct err e;
	err_init(&e, NULL);
	if (!i18n_count())
		REQUIRE(i18n_init(&e) == 0);
	err_init(&e, i18n_find("es"));
	CHECK_INT(err_set(&e, ERR_INVALID, "Too many parameters (limit %d)", 7), ERR_INVALID);
	CHECK_STR(e.msg, "Demasiados parámetros (límite 7)");
	err_init(&e, i18n_find("en"));
	err_set(&e, ERR_NOTFOUND, "No territory with code %.12s", "99");
	CHECK_STR(e.msg, "No territory with code 99");
	err_prefix(&e, "migration %s", "0001_x");
	CHECK_STR(e.msg, "migration 0001_x: No territory with code 99");
	err_init(&e, NULL);
	err_set(&e, ERR_IO, "plain %s", "text");
	CHECK_STR(e.msg, "plain text");
	CHECK_INT(err_set(NULL, ERR_IO, "ignored"), ERR_IO); /* a NULL err is allowed */
}

TEST(long_messages_are_cut_not_overflowed)
{
	struct err e;
	err_init(&e, NULL);
	char big[2000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err_set(&e, ERR_INVALID, "%s", big);
	CHECK_INT(strlen(e.msg), ERR_MSG_MAX - 1);
	err_prefix(&e, "%s", "prefix");
	CHECK_INT(strlen(e.msg), ERR_MSG_MAX - 1);
	CHECK(str_starts(e.msg, "prefix: xxx"));
}

TEST(codes_map_to_statuses_and_names)
{
	struct { int code, status; const char *name; } m[] = {
		{ ERR_OK, 200, "ok" }, { ERR_INVALID, 400, "invalid" }, { ERR_UNAUTH, 401, "unauthorized" },
		{ ERR_FORBIDDEN, 403, "forbidden" }, { ERR_NOTFOUND, 404, "not_found" },
		{ ERR_METHOD, 405, "method_not_allowed" }, { ERR_CONFLICT, 409, "conflict" },
		{ ERR_TOOBIG, 413, "too_large" }, { ERR_TOOMANY, 429, "too_many_attempts" },
		{ ERR_DB, 500, "database" }, { ERR_UNAVAILABLE, 503, "unavailable" }, { ERR_RETRY, 503, "retry" },
		{ ERR_INTERNAL, 500, "internal" },
	};
	for (size_t i = 0; i < ARRAY_LEN(m); i++) {
		CHECK_INT(err_http_status(m[i].code), m[i].status);
		CHECK_STR(err_code_name(m[i].code), m[i].name);
	}
}

TEST(log_levels)
{
	CHECK_INT(log_level_parse("debug"), LOG_DEBUG);
	CHECK_INT(log_level_parse("error"), LOG_ERROR);
	CHECK_INT(log_level_parse("off"), LOG_OFF);
	CHECK_INT(log_level_parse("loud"), -1);
	enum log_level saved = log_get_level();
	log_set_level(LOG_OFF);
	log_error("this must not appear %d", 1);
	CHECK_INT(log_get_level(), LOG_OFF);
	log_set_level(saved);
}
