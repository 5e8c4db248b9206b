/* setting.c — installation settings. */
#include "core/compat.h"
#include "domain/setting.h"

int setting_get(struct db_conn *c, const char *key, char *out, size_t n, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT value FROM setting WHERE key = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, key);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		snprintf(out, n, "%s", db_col_text(st, 0));
	db_finish(st);
	if (rc == DB_DONE)
		return ERR_NOTFOUND;
	return rc < 0 ? rc : 0;
}

int setting_set(struct db_conn *c, const struct actor *who, int64_t now, const char *key, const char *value,
		struct err *e)
{
	char old[1024];
	struct err ignore;
	err_init(&ignore, NULL);
	bool had = setting_get(c, key, old, sizeof old, &ignore) == 0;
	if (had && str_eq(old, value))
		return 0;
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO setting (key, value) VALUES (?, ?)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, value);
		rc = db_step_done(st, e);
	}
	json_t *before = had ? json_pack("{ss}", "value", old) : NULL;
	json_t *after = json_pack("{ss}", "value", value);
	if (!rc)
		rc = audit_record(c, who, now, "setting.set", "setting", key, before, after, e);
	json_decref(before);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}
