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
	/* Several statements, no parameters, no rows. */
	int (*exec)(void *handle, const char *sql, struct err *e);
	int (*prepare)(void *handle, const char *sql, void **stmt, struct err *e);
	void (*finalize)(void *handle, void *stmt);
	void (*bind_int64)(void *stmt, int idx, int64_t v);
	void (*bind_double)(void *stmt, int idx, double v);
	void (*bind_text)(void *stmt, int idx, const char *s);
	void (*bind_null)(void *stmt, int idx);
	int (*step)(void *handle, void *stmt, struct err *e);
	void (*reset)(void *stmt);
	int (*col_count)(void *stmt);
	const char *(*col_name)(void *stmt, int col);
	bool (*col_null)(void *stmt, int col);
	int64_t (*col_int64)(void *stmt, int col);
	double (*col_double)(void *stmt, int col);
	const char *(*col_text)(void *stmt, int col);
	int64_t (*changes)(void *handle);
	const char *begin_sql;
	/* Run inside every write transaction just before COMMIT (or NULL). */
	const char *bump_generation_sql;
	/* True if the connection is still usable (after an error). */
	bool (*alive)(void *handle);
	/* Migration text rewriting for this dialect (e.g. @ID@). Caller frees. */
	char *(*dialect_sql)(const char *sql);
};

extern const struct db_backend db_sqlite_backend;

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
	bool in_pool_use;
	struct map cache;  /* sql text -> struct db_stmt* */
	bool broken;       /* lost connection: reopen before next use */
};

struct db {
	const struct db_backend *be;
	char *url;
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
