/* db_int.h — what a backend implements; only src/store sees this. */
#ifndef MINKA_DB_INT_H
#define MINKA_DB_INT_H

#include "store/db.h"

#include "core/map.h"

#include <pthread.h>

struct db_backend {
	const char *name;
	enum db_kind kind;
	int (*connect)(const char *url, void **handle, struct err *e);
	void (*disconnect)(void *handle);
	/* Several statements, no parameters; rows are discarded. */
	int (*exec)(void *handle, const char *sql, struct err *e);
	/* persistent: the statement goes into the connection's cache and lives as
	 * long as the connection (PostgreSQL: a named server-side statement). */
	int (*prepare)(void *handle, const char *sql, bool persistent, void **stmt, struct err *e);
	void (*finalize)(void *handle, void *stmt);
	void (*bind_int64)(void *stmt, int idx, int64_t v);
	void (*bind_double)(void *stmt, int idx, double v);
	void (*bind_text)(void *stmt, int idx, const char *s);
	void (*bind_null)(void *stmt, int idx);
	int (*step)(void *handle, void *stmt, struct err *e);
	void (*reset)(void *stmt);
	int (*col_count)(void *stmt);
	const char *(*col_name)(void *stmt, int col);
	enum db_type (*col_type)(void *stmt, int col);
	bool (*col_null)(void *stmt, int col);
	int64_t (*col_int64)(void *stmt, int col);
	double (*col_double)(void *stmt, int col);
	const char *(*col_text)(void *stmt, int col);
	int64_t (*changes)(void *handle);
	const char *begin_sql;        /* a write transaction */
	const char *begin_read_sql;   /* a read-only transaction over one snapshot */
	/* Ends a write transaction; bump: also advance the data generation (the
	 * backend chooses where: see db_commit). */
	int (*commit)(void *handle, bool bump, struct err *e);
	/* Ends a transaction without keeping it (NULL: exec "ROLLBACK"). */
	int (*rollback)(void *handle, struct err *e);
	/* One row, one column: the current data generation. */
	const char *generation_sql;
	/* Objects the store itself needs, created by db_migrate before any migration
	 * (idempotent), or NULL. */
	const char *setup_sql;
	/* Taken and released around db_migrate so that two processes starting at once
	 * apply each migration once (NULL: BEGIN IMMEDIATE already serializes). */
	const char *migrate_lock_sql;
	const char *migrate_unlock_sql;
	/* False if the connection is known to be unusable (the server closed it while
	 * it sat in the pool). NULL: always usable. */
	bool (*alive)(void *handle);
	/* Rewrites @ID@ for this dialect. Caller frees. */
	char *(*dialect_sql)(const char *sql);
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

/* db_pg.c: rewrites the ? placeholders of sql as $1, $2, ... outside string
 * literals, quoted identifiers, dollar quotes and comments. Caller frees; *nparams
 * (if not NULL) receives the count. */
char *db_pg_placeholders(const char *sql, int *nparams);

/* search.c: expands the @SEARCH table (col, ...)@ directives of schema text for a
 * backend. Returns a new string (caller frees) or NULL with e set. */
char *search_expand(enum db_kind kind, const char *sql, struct err *e);

#define DB_STMT_CACHE_MAX 512

struct db_stmt {
	struct db_conn *conn;
	void *handle;
	const char *sql;   /* cached statements: key (owned by the cache) */
	bool cached;
	bool in_use;
};

struct db_conn {
	struct db *db;
	void *handle;
	bool in_tx;
	bool tx_read;      /* the transaction is db_begin_read's */
	bool in_pool_use;
	struct map cache;  /* sql text -> struct db_stmt* */
	bool broken;       /* lost connection: reopen before next use */
	/* The first error inside the current transaction: PostgreSQL refuses every
	 * later statement until ROLLBACK; the store makes SQLite do the same, so that
	 * code tested on one backend behaves alike on the other. */
	int tx_error;
	char tx_error_msg[ERR_MSG_MAX];
	/* A bulk load of a full-text index in progress (search.c): the table, and on
	 * SQLite the CREATE TRIGGER statements to run again at its end. */
	char bulk_table[64];
	char *bulk_triggers;
};

/* search.c: forgets a bulk load when its transaction ends. */
void search_bulk_forget(struct db_conn *c);

struct db {
	const struct db_backend *be;
	char *url;
	char *url_redacted;
	int pool_size;
	struct db_conn **conns;
	int nconns;        /* opened so far */
	int nfree;
	struct db_conn **free_list;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool generation_ready;   /* data_generation exists: commits bump it */
};

#endif
