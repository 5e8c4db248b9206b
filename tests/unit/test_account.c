/* test_account.c — accounts, roles, sessions, API tokens, reset links: the rules
 * and that every change lands in the audit log. */
#include "core/compat.h"
#include "test.h"
#include "domain/account.h"
#include "domain/audit.h"

static const struct actor admin = { .account_id = 0, .name = "test-admin" };

static struct db_conn *conn(struct db *db)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	return c;
}

static int64_t make(struct db_conn *c, const char *email)
{
	struct err e;
	err_init(&e, NULL);
	int64_t id = 0;
	if (account_create(c, &admin, 1000, email, "Ana Quispe", "una clave larga", "010101", &id, &e))
		test_fail(__FILE__, __LINE__, "create %s: %s", email, e.msg);
	return id;
}

TEST(create_and_refuse_bad_input)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t id = make(c, "Ana@Muni.gob.pe");
	REQUIRE(id > 0);
	struct account a;
	REQUIRE(account_get(c, id, &a, &e) == 0);
	CHECK_STR(a.email, "ana@muni.gob.pe"); /* stored lower-case */
	CHECK_STR(a.residence, "010101");
	CHECK(a.active);
	int64_t x;
	CHECK_INT(account_create(c, &admin, 1000, "ANA@muni.gob.pe", "Otra", "una clave larga", NULL, &x, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "already an account");
	CHECK_INT(account_create(c, &admin, 1000, "not-an-email", "X", "una clave larga", NULL, &x, &e), ERR_INVALID);
	CHECK_INT(account_create(c, &admin, 1000, "b@x.pe", "X", "corta", NULL, &x, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "at least 10");
	CHECK_INT(account_create(c, &admin, 1000, "c@x.pe", "", "una clave larga", NULL, &x, &e), ERR_INVALID);
	CHECK_INT(account_create(c, &admin, 1000, "d@x.pe", "D", "una clave larga", "999999", &x, &e), ERR_INVALID);
	CHECK_INT(account_create(c, &admin, 1000, "e@x.pe", "E", "e@x.pe", NULL, &x, &e), ERR_INVALID);
	char big[300];
	memset(big, 'k', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_INT(account_create(c, &admin, 1000, "f@x.pe", "F", big, NULL, &x, &e), ERR_INVALID);
	CHECK_INT(account_get(c, 999, &a, &e), ERR_NOTFOUND);
	db_release(c);
	db_close(db);
}

TEST(authenticate_says_one_thing_for_every_failure)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	make(c, "ana@muni.gob.pe");
	struct account a;
	CHECK_INT(account_authenticate(c, "ANA@muni.gob.pe", "una clave larga", 2000, &a, &e), 0);
	CHECK_STR(a.name, "Ana Quispe");
	CHECK_INT(account_authenticate(c, "ana@muni.gob.pe", "otra clave larga", 2000, &a, &e), ERR_UNAUTH);
	char wrong[ERR_MSG_MAX];
	snprintf(wrong, sizeof wrong, "%s", e.msg);
	CHECK_INT(account_authenticate(c, "nobody@muni.gob.pe", "una clave larga", 2000, &a, &e), ERR_UNAUTH);
	CHECK_STR(e.msg, wrong);
	CHECK_INT(account_authenticate(c, "ana@muni.gob.pe", "", 2000, &a, &e), ERR_UNAUTH);
	CHECK_STR(e.msg, wrong);
	/* a deactivated account cannot sign in, with the same message */
	CHECK_INT(account_set_active(c, &admin, 2100, a.id, false, &e), 0);
	CHECK_INT(account_authenticate(c, "ana@muni.gob.pe", "una clave larga", 2200, &a, &e), ERR_UNAUTH);
	CHECK_STR(e.msg, wrong);
	db_release(c);
	db_close(db);
}

static int64_t count(struct db_conn *c, const char *sql)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, sql, &e);
	REQUIRE(st);
	int64_t n = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : -1;
	db_finish(st);
	return n;
}

static void stored_hash(struct db_conn *c, char *out, size_t n)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, "SELECT password_hash FROM account WHERE email = 'ana@muni.gob.pe'", &e);
	REQUIRE(st && db_step(st, &e) == DB_ROW);
	snprintf(out, n, "%s", db_col_text(st, 0));
	db_finish(st);
}

TEST(password_is_rehashed_when_the_cost_changes)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	make(c, "ana@muni.gob.pe"); /* made at the test cost */
	char before[200], after[200];
	stored_hash(c, before, sizeof before);
	CHECK_CONTAINS(before, "$argon2id$");
	account_set_hash_cost(false); /* the production cost */
	struct account a;
	CHECK_INT(account_authenticate(c, "ana@muni.gob.pe", "una clave larga", 3000, &a, &e), 0);
	account_set_hash_cost(true);
	stored_hash(c, after, sizeof after);
	CHECK(strcmp(before, after) != 0);
	CHECK_CONTAINS(after, "m=65536");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.rehash'"), 1);
	/* the new hash still opens the door */
	CHECK_INT(account_authenticate(c, "ana@muni.gob.pe", "una clave larga", 3001, &a, &e), 0);
	db_release(c);
	db_close(db);
}

TEST(grants_and_revocations)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t id = make(c, "ana@muni.gob.pe");
	CHECK_INT(account_grant(c, &admin, 1, id, ROLE_PLANNER, "0101", &e), 0);
	CHECK_INT(account_grant(c, &admin, 1, id, ROLE_CITIZEN, NULL, &e), 0);
	CHECK_INT(account_grant(c, &admin, 1, id, ROLE_PLANNER, "0101", &e), ERR_CONFLICT);
	CHECK_INT(account_grant(c, &admin, 1, id, ROLE_PLANNER, "9999", &e), ERR_NOTFOUND);
	struct account a;
	REQUIRE(account_get(c, id, &a, &e) == 0);
	CHECK_INT(a.ngrants, 2);
	CHECK(perm_allows(true, a.grants, a.ngrants, "plan.write", "0101"));
	CHECK_INT(account_revoke(c, &admin, 2, id, ROLE_PLANNER, "0101", &e), 0);
	CHECK_INT(account_revoke(c, &admin, 2, id, ROLE_PLANNER, "0101", &e), ERR_NOTFOUND);
	REQUIRE(account_get(c, id, &a, &e) == 0);
	CHECK_INT(a.ngrants, 1);
	CHECK(!perm_allows(true, a.grants, a.ngrants, "plan.write", "0101"));
	json_t *h;
	REQUIRE(audit_history(c, "account", "1", 10, &h, &e) == 0);
	CHECK_INT(json_array_size(h), 4); /* create, grant, grant, revoke */
	CHECK_STR(json_string_value(json_object_get(json_array_get(h, 0), "action")), "account.revoke");
	json_decref(h);
	db_release(c);
	db_close(db);
}

TEST(sessions_expire_idle_and_absolute)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t id = make(c, "ana@muni.gob.pe");
	struct account a;
	REQUIRE(account_get(c, id, &a, &e) == 0);
	char tok[TOKEN_TEXT_MAX];
	struct session s, f;
	int64_t t0 = 100000;
	REQUIRE(session_start(c, &a, t0, "10.0.0.1", tok, &s, &e) == 0);
	CHECK(strlen(tok) >= 43);
	CHECK_INT(strlen(s.csrf), 64);
	/* only the hash is stored */
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM session WHERE token_hash = '%s'", tok);
	CHECK_INT(count(c, sql), 0);
	CHECK_INT(session_find(c, tok, t0 + 10, &f, &e), 0);
	CHECK_INT(f.account_id, id);
	CHECK_STR(f.csrf, s.csrf);
	CHECK_INT(session_find(c, "made-up-token", t0 + 10, &f, &e), ERR_UNAUTH);
	/* idle: kept alive by use, expired after SESSION_IDLE_SECONDS without */
	int64_t t = t0;
	for (int i = 0; i < 5; i++) {
		t += SESSION_IDLE_SECONDS - 60;
		if (t >= t0 + SESSION_ABSOLUTE_SECONDS)
			break;
		CHECK_INT(session_find(c, tok, t, &f, &e), 0);
	}
	CHECK_INT(session_find(c, tok, t0 + SESSION_ABSOLUTE_SECONDS, &f, &e), ERR_UNAUTH); /* absolute */
	char tok2[TOKEN_TEXT_MAX];
	REQUIRE(session_start(c, &a, t0, NULL, tok2, &s, &e) == 0);
	CHECK_INT(session_find(c, tok2, t0 + SESSION_IDLE_SECONDS, &f, &e), ERR_UNAUTH); /* idle */
	/* end one, end all */
	char t3[TOKEN_TEXT_MAX], t4[TOKEN_TEXT_MAX];
	REQUIRE(session_start(c, &a, t0, NULL, t3, &s, &e) == 0);
	REQUIRE(session_start(c, &a, t0, NULL, t4, &s, &e) == 0);
	struct actor me = { .account_id = id, .name = "Ana" };
	CHECK_INT(session_end(c, &me, t0 + 1, t3, &e), 0);
	CHECK_INT(session_find(c, t3, t0 + 2, &f, &e), ERR_UNAUTH);
	CHECK_INT(session_find(c, t4, t0 + 2, &f, &e), 0);
	CHECK_INT(session_end_all(c, &me, t0 + 3, id, &e), 0);
	CHECK_INT(session_find(c, t4, t0 + 4, &f, &e), ERR_UNAUTH);
	/* a password change ends every session */
	REQUIRE(session_start(c, &a, t0, NULL, t4, &s, &e) == 0);
	CHECK_INT(account_set_password(c, &me, t0 + 5, id, "nueva clave segura", &e), 0);
	CHECK_INT(session_find(c, t4, t0 + 6, &f, &e), ERR_UNAUTH);
	db_release(c);
	db_close(db);
}

TEST(api_tokens)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t id = make(c, "ana@muni.gob.pe");
	char tok[TOKEN_TEXT_MAX];
	int64_t tid, who;
	REQUIRE(api_token_create(c, &admin, 10, id, "tablero", tok, &tid, &e) == 0);
	CHECK(str_starts(tok, "mk_"));
	CHECK_INT(api_token_find(c, tok, 20, &who, &e), 0);
	CHECK_INT(who, id);
	CHECK_INT(api_token_find(c, "mk_nope", 20, &who, &e), ERR_UNAUTH);
	CHECK_INT(api_token_create(c, &admin, 10, id, "", tok, &tid, &e), ERR_INVALID);
	json_t *list;
	REQUIRE(api_token_list(c, id, &list, &e) == 0);
	CHECK_INT(json_array_size(list), 1);
	CHECK(json_object_get(json_array_get(list, 0), "token_hash") == NULL); /* never shown */
	json_decref(list);
	CHECK_INT(api_token_revoke(c, &admin, 30, id, tid, &e), 0);
	CHECK_INT(api_token_find(c, tok, 40, &who, &e), ERR_UNAUTH);
	CHECK_INT(api_token_revoke(c, &admin, 30, id, tid, &e), ERR_NOTFOUND);
	CHECK_INT(api_token_revoke(c, &admin, 30, id + 1, tid, &e), ERR_NOTFOUND); /* not someone else's */
	db_release(c);
	db_close(db);
}

TEST(reset_links_work_once_and_expire)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	int64_t id = make(c, "ana@muni.gob.pe");
	char tok[TOKEN_TEXT_MAX];
	REQUIRE(reset_issue(c, &admin, 1000, id, tok, &e) == 0);
	int64_t who;
	CHECK_INT(reset_check(c, tok, 1001, &who, &e), 0);
	CHECK_INT(who, id);
	CHECK_INT(reset_use(c, tok, 1002, "corta", &e), ERR_INVALID);     /* policy first, token kept */
	CHECK_INT(reset_use(c, tok, 1003, "nueva clave segura", &e), 0);
	CHECK_INT(reset_use(c, tok, 1004, "otra clave segura", &e), ERR_NOTFOUND); /* once */
	struct account a;
	CHECK_INT(account_authenticate(c, "ana@muni.gob.pe", "nueva clave segura", 1005, &a, &e), 0);
	REQUIRE(reset_issue(c, &admin, 1000, id, tok, &e) == 0);
	CHECK_INT(reset_check(c, tok, 1000 + RESET_SECONDS, &who, &e), ERR_NOTFOUND); /* expired */
	CHECK_INT(reset_check(c, "rs_made_up", 1000, &who, &e), ERR_NOTFOUND);
	struct audit_report rep;
	REQUIRE(audit_verify(c, &rep, &e) == 0);
	CHECK_INT(rep.bad_seq, 0);
	CHECK(rep.entries >= 5);
	db_release(c);
	db_close(db);
}
