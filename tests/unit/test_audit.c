/* test_audit.c — the hash chain: intact logs verify, and altering, removing or
 * inserting any entry is detected and named. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/audit.h"

static struct db_conn *conn(struct db *db)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	return c;
}

static void fill(struct db_conn *c, int n)
{
	struct err e;
	err_init(&e, NULL);
	struct actor who = { .account_id = 7, .name = "Rosa Chávez" };
	for (int i = 1; i <= n; i++) {
		REQUIRE(db_begin(c, &e) == 0);
		json_t *before = i > 1 ? json_pack("{si}", "value", i - 1) : NULL;
		json_t *after = json_pack("{sis[s]}", "value", i, "tags", "ñandú");
		char id[16];
		snprintf(id, sizeof id, "%d", i % 3);
		REQUIRE(audit_record(c, &who, 1000 + i, "thing.update", "thing", id, before, after, &e) == 0);
		json_decref(before);
		json_decref(after);
		REQUIRE(db_commit(c, &e) == 0);
	}
}

static void exec(struct db_conn *c, const char *sql)
{
	struct err e;
	err_init(&e, NULL);
	if (db_exec_script(c, sql, &e))
		test_fail(__FILE__, __LINE__, "%s: %s", sql, e.msg);
}

static struct audit_report verify(struct db_conn *c)
{
	struct err e;
	err_init(&e, NULL);
	struct audit_report rep;
	REQUIRE(audit_verify(c, &rep, &e) == 0);
	return rep;
}

TEST(intact_chain_and_history)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct audit_report rep = verify(c);
	CHECK_INT(rep.entries, 0);
	CHECK_INT(rep.bad_seq, 0);
	fill(c, 10);
	rep = verify(c);
	CHECK_INT(rep.entries, 10);
	CHECK_INT(rep.bad_seq, 0);
	CHECK_INT(strlen(rep.head), 64);
	struct err e;
	err_init(&e, NULL);
	json_t *h;
	REQUIRE(audit_history(c, "thing", "1", 100, &h, &e) == 0);
	CHECK_INT(json_array_size(h), 4); /* entries 1, 4, 7, 10 */
	json_t *first = json_array_get(h, 0);
	CHECK_INT(json_get_int(first, "seq", 0), 10);
	CHECK_STR(json_get_str(first, "actor", ""), "Rosa Chávez");
	CHECK_STR(json_get_str(first, "at", ""), "1970-01-01T00:16:50Z");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(first, "after"), "value")), 10);
	json_decref(h);
	json_t *items;
	int64_t total;
	REQUIRE(audit_list(c, NULL, 3, 0, &items, &total, &e) == 0);
	CHECK_INT(total, 10);
	CHECK_INT(json_array_size(items), 3);
	json_decref(items);
	db_release(c);
	db_close(db);
}

TEST(outside_a_transaction_is_refused)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	struct actor who = { .name = "x" };
	CHECK_INT(audit_record(c, &who, 1, "a", "b", "c", NULL, NULL, &e), ERR_INTERNAL);
	db_release(c);
	db_close(db);
}

TEST(altered_entry_is_named)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	fill(c, 8);
	exec(c, "UPDATE audit_log SET after_json = '{\"value\":999}' WHERE seq = 5");
	struct audit_report rep = verify(c);
	CHECK_INT(rep.bad_seq, 5);
	CHECK_CONTAINS(rep.problem, "entry 5 was altered");
	db_release(c);
	db_close(db);
}

TEST(every_field_is_covered)
{
	const char *edits[] = {
		"UPDATE audit_log SET at = '2030-01-01T00:00:00Z' WHERE seq = 3",
		"UPDATE audit_log SET account_id = 8 WHERE seq = 3",
		"UPDATE audit_log SET actor = 'Otra persona' WHERE seq = 3",
		"UPDATE audit_log SET action = 'thing.delete' WHERE seq = 3",
		"UPDATE audit_log SET entity = 'other' WHERE seq = 3",
		"UPDATE audit_log SET entity_id = '99' WHERE seq = 3",
		"UPDATE audit_log SET before_json = NULL WHERE seq = 3",
	};
	for (size_t i = 0; i < ARRAY_LEN(edits); i++) {
		struct db *db = test_db_fresh();
		struct db_conn *c = conn(db);
		fill(c, 5);
		exec(c, edits[i]);
		struct audit_report rep = verify(c);
		if (rep.bad_seq != 3)
			test_fail(__FILE__, __LINE__, "not detected: %s", edits[i]);
		db_release(c);
		db_close(db);
	}
}

TEST(removed_entry_is_named)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	fill(c, 8);
	exec(c, "DELETE FROM audit_log WHERE seq = 4");
	struct audit_report rep = verify(c);
	CHECK_INT(rep.bad_seq, 4);
	CHECK_CONTAINS(rep.problem, "entry 4 is missing");
	db_release(c);
	db_close(db);
}

TEST(removed_entry_with_renumbering_is_named)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	fill(c, 8);
	/* a careful forger removes 4 and renumbers the rest */
	exec(c, "DELETE FROM audit_log WHERE seq = 4");
	for (int s = 5; s <= 8; s++) {
		char sql[120];
		snprintf(sql, sizeof sql, "UPDATE audit_log SET seq = %d WHERE seq = %d", s - 1, s);
		exec(c, sql);
	}
	struct audit_report rep = verify(c);
	CHECK_INT(rep.bad_seq, 4);
	db_release(c);
	db_close(db);
}

TEST(inserted_entry_is_named)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	fill(c, 6);
	/* shift 4..6 up and slip a forged entry in at 4, with a made-up hash */
	for (int s = 6; s >= 4; s--) {
		char sql[120];
		snprintf(sql, sizeof sql, "UPDATE audit_log SET seq = %d WHERE seq = %d", s + 1, s);
		exec(c, sql);
	}
	exec(c, "INSERT INTO audit_log (seq, at, account_id, actor, action, entity, entity_id, before_json, after_json,"
		" prev_hash, hash) SELECT 4, at, account_id, actor, 'thing.forged', entity, entity_id, before_json,"
		" after_json, hash, hash FROM audit_log WHERE seq = 3");
	struct audit_report rep = verify(c);
	CHECK_INT(rep.bad_seq, 4);
	db_release(c);
	db_close(db);
}

TEST(rewritten_hash_breaks_the_next_link)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	fill(c, 6);
	/* alter entry 2 and recompute nothing but its own stored hash: entry 3 no longer follows */
	exec(c, "UPDATE audit_log SET actor = 'x', hash = '1111111111111111111111111111111111111111111111111111111111111111' WHERE seq = 2");
	struct audit_report rep = verify(c);
	CHECK_INT(rep.bad_seq, 2);
	db_release(c);
	db_close(db);
}
