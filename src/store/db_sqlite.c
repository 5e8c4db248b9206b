/* db_sqlite.c — the embedded backend: one SQLite file in WAL mode, foreign keys
 * on, a busy timeout so concurrent writers wait instead of failing, and full
 * fsync at commit (a municipality's records are never lost to a power cut). */
#include "core/compat.h"
#include "store/db_int.h"
#include "core/xalloc.h"

#include <sqlite3.h>

static int map_rc(sqlite3 *h, int rc, struct err *e, const char *what)
{
	int code;
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT: code = ERR_CONFLICT; break;
	case SQLITE_BUSY: case SQLITE_LOCKED: code = ERR_RETRY; break;
	case SQLITE_NOMEM: code = ERR_NOMEM; break;
	case SQLITE_TOOBIG: code = ERR_TOOBIG; break;
	case SQLITE_CANTOPEN: case SQLITE_IOERR: case SQLITE_FULL: code = ERR_IO; break;
	default: code = ERR_DB; break;
	}
	return err_set(e, code, "database: %s: %s", what, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
}

static int sq_connect(const char *url, void **handle, struct err *e)
{
	const char *path = url;
	if (str_starts(path, "sqlite://"))
		path += 9;
	else if (str_starts(path, "sqlite:"))
		path += 7;
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_UNAVAILABLE, "cannot open database %s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return ERR_UNAVAILABLE;
	}
	sqlite3_busy_timeout(h, 10000);
	sqlite3_extended_result_codes(h, 1);
	char *msg = NULL;
	rc = sqlite3_exec(h,
			  "PRAGMA journal_mode=WAL;"
			  "PRAGMA foreign_keys=ON;"
			  "PRAGMA synchronous=FULL;"
			  "PRAGMA temp_store=MEMORY;"
			  "PRAGMA cache_size=-16000;",
			  NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_UNAVAILABLE, "cannot open database %s: %s", path, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_close(h);
		return ERR_UNAVAILABLE;
	}
	*handle = h;
	return 0;
}

static void sq_disconnect(void *h) { sqlite3_close_v2(h); }

static int sq_exec(void *h, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? 0 : map_rc(h, rc, e, "exec");
}

static int sq_prepare(void *h, const char *sql, bool persistent, void **stmt, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(h, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
	if (rc != SQLITE_OK)
		return map_rc(h, rc, e, "prepare");
	*stmt = st;
	return 0;
}

static void sq_finalize(void *h, void *stmt)
{
	(void)h;
	sqlite3_finalize(stmt);
}

static void sq_bind_int64(void *st, int i, int64_t v) { sqlite3_bind_int64(st, i, v); }
static void sq_bind_double(void *st, int i, double v) { sqlite3_bind_double(st, i, v); }
static void sq_bind_text(void *st, int i, const char *s) { sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT); }
static void sq_bind_null(void *st, int i) { sqlite3_bind_null(st, i); }

static int sq_step(void *h, void *st, struct err *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return map_rc(h, rc, e, "step");
}

static void sq_reset(void *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static int sq_col_count(void *st) { return sqlite3_column_count(st); }
static const char *sq_col_name(void *st, int c) { return sqlite3_column_name(st, c); }
static bool sq_col_null(void *st, int c) { return sqlite3_column_type(st, c) == SQLITE_NULL; }
static enum db_type sq_col_type(void *st, int c)
{
	switch (sqlite3_column_type(st, c)) {
	case SQLITE_INTEGER: return DB_TYPE_INT;
	case SQLITE_FLOAT: return DB_TYPE_FLOAT;
	case SQLITE_TEXT: return DB_TYPE_TEXT;
	case SQLITE_BLOB: return DB_TYPE_BLOB;
	default: return DB_TYPE_NULL;
	}
}
static int64_t sq_col_int64(void *st, int c) { return sqlite3_column_int64(st, c); }
static double sq_col_double(void *st, int c) { return sqlite3_column_double(st, c); }
static const char *sq_col_text(void *st, int c) { return (const char *)sqlite3_column_text(st, c); }
static int64_t sq_changes(void *h) { return sqlite3_changes64(h); }

/* One writer at a time (BEGIN IMMEDIATE): bumping the generation inside the
 * transaction cannot conflict with anyone, and commits atomically with the write. */
static int sq_commit(void *h, bool bump, struct err *e)
{
	int rc = bump ? sq_exec(h, "UPDATE data_generation SET n = n + 1", e) : 0;
	return rc ? rc : sq_exec(h, "COMMIT", e);
}

/* SQLite needs "INTEGER PRIMARY KEY" for an auto-assigned row id. */
static char *sq_dialect(const char *sql)
{
	struct { const char *from, *to; } reps[] = {
		{ "@ID@", "INTEGER PRIMARY KEY" },
	};
	char *out = xstrdup(sql);
	for (size_t r = 0; r < ARRAY_LEN(reps); r++) {
		char *p;
		while ((p = strstr(out, reps[r].from))) {
			*p = '\0';
			char *n = xasprintf("%s%s%s", out, reps[r].to, p + strlen(reps[r].from));
			free(out);
			out = n;
		}
	}
	return out;
}

const struct db_backend db_sqlite_backend = {
	.name = "sqlite",
	.kind = DB_SQLITE,
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_int64 = sq_bind_int64,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.reset = sq_reset,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.col_type = sq_col_type,
	.col_null = sq_col_null,
	.col_int64 = sq_col_int64,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.changes = sq_changes,
	.begin_sql = "BEGIN IMMEDIATE",
	/* WAL: a deferred transaction reads one snapshot from its first read on */
	.begin_read_sql = "BEGIN",
	.commit = sq_commit,
	.generation_sql = "SELECT n FROM data_generation WHERE id = 1",
	.alive = NULL,
	.dialect_sql = sq_dialect,
};
