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

int setting_set(struct db_conn *c, const char *key, const char *value, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO setting (key, value) VALUES (?, ?)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_step_done(st, e);
}
