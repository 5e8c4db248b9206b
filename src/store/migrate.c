/* migrate.c — numbered schema migrations, embedded from src/store/migrations/.
 * A migration is NNNN_name.sql; where the two databases need different text,
 * NNNN_name.sqlite.sql and NNNN_name.pg.sql replace it for that backend. Each is
 * applied in its own transaction and recorded in schema_version; the version is
 * re-read inside the transaction so that two processes starting together apply
 * each migration once (PostgreSQL: under a session advisory lock, since a
 * transaction's snapshot would predate a lock taken inside it). Schema text goes
 * through db_exec_schema: @ID@ and @SEARCH ...@ become each dialect's own. */
#include "core/compat.h"
#include "store/db_int.h"
#include "core/assets.h"
#include "core/date.h"
#include "core/log.h"
#include "core/xalloc.h"

struct migration {
	int version;
	char name[96];
	const struct asset *asset;
};

static int current_version(struct db_conn *c, int *v, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", e);
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	*v = rc == DB_ROW ? (int)db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* Collects the migrations for this backend, ordered by version. */
static size_t collect(const struct db *db, struct migration *out, size_t max)
{
	size_t n = 0;
	const char *kind = db->be->kind == DB_PG ? "pg" : "sqlite";
	for (size_t i = 0; i < minka_assets_count; i++) {
		const struct asset *a = &minka_assets[i];
		if (!str_starts(a->name, "migrations/"))
			continue;
		const char *base = a->name + strlen("migrations/");
		if (strlen(base) < 6 || !isdigit((unsigned char)base[0]) || base[4] != '_')
			continue;
		int version = (base[0] - '0') * 1000 + (base[1] - '0') * 100 + (base[2] - '0') * 10 + (base[3] - '0');
		/* name without extension(s) */
		char name[96];
		snprintf(name, sizeof name, "%s", base);
		char *dot = strchr(name, '.');
		const char *variant = NULL;
		if (dot) {
			*dot = '\0';
			const char *rest = dot + 1;
			if (!str_eq(rest, "sql")) {
				variant = rest; /* "pg.sql" or "sqlite.sql" */
				if (!(str_starts(variant, kind) && str_eq(variant + strlen(kind), ".sql")))
					continue;
			}
		}
		size_t k;
		for (k = 0; k < n && out[k].version != version; k++)
			;
		if (k == n) {
			if (n == max)
				break;
			out[n].version = version;
			out[n].asset = a;
			snprintf(out[n].name, sizeof out[n].name, "%s", name);
			n++;
		} else if (variant) {
			out[k].asset = a; /* a dialect variant wins over the common file */
		}
	}
	for (size_t i = 1; i < n; i++) /* insertion sort: a few dozen entries */
		for (size_t j = i; j > 0 && out[j - 1].version > out[j].version; j--) {
			struct migration t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

int db_migrate(struct db *db, int *version, struct err *e)
{
	struct db_conn *c = db_acquire(db, e);
	if (!c)
		return e->code;
	const struct db_backend *be = db->be;
	int rc = be->migrate_lock_sql ? db_exec_script(c, be->migrate_lock_sql, e) : 0;
	bool locked = rc == 0 && be->migrate_lock_sql;
	if (!rc)
		rc = db_exec_script(c,
				    "CREATE TABLE IF NOT EXISTS schema_version ("
				    " version BIGINT PRIMARY KEY,"
				    " name TEXT NOT NULL,"
				    " applied_at TEXT NOT NULL)",
				    e);
	if (!rc && be->setup_sql) {
		rc = db_exec_script(c, be->setup_sql, e);
		if (rc)
			err_prefix(e, "preparing the database");
	}
	struct migration ms[256];
	size_t n = collect(db, ms, ARRAY_LEN(ms));
	int v = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = db_begin(c, e);
		if (rc)
			break;
		rc = current_version(c, &v, e);
		if (rc || ms[i].version <= v) {
			db_rollback(c);
			continue;
		}
		rc = db_exec_schema(c, (const char *)ms[i].asset->data, e);
		if (rc) {
			err_prefix(e, "migration %s", ms[i].name);
			db_rollback(c);
			break;
		}
		struct db_stmt *st = db_prepare(c, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", e);
		if (!st) {
			rc = e->code;
			db_rollback(c);
			break;
		}
		char now[DATETIME_FMT_MAX];
		db_bind_int64(st, 1, ms[i].version);
		db_bind_text(st, 2, ms[i].name);
		db_bind_text(st, 3, datetime_format(clock_now(), now));
		rc = db_step_done(st, e);
		if (!rc)
			rc = db_commit(c, e);
		else
			db_rollback(c);
		if (!rc)
			log_info("applied migration %s", ms[i].name);
	}
	if (!rc)
		rc = current_version(c, &v, e);
	if (locked) {
		struct err e2;
		err_init(&e2, NULL);
		if (db_exec_script(c, be->migrate_unlock_sql, &e2))
			log_warn("releasing the migration lock: %s", e2.msg);
	}
	db_release(c);
	if (!rc && v >= 1)
		db->generation_ready = true;
	if (version)
		*version = v;
	return rc;
}
