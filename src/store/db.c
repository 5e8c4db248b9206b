/* db.c — the backend-independent half: connection pool, statement cache,
 * transactions with retry, and dispatch to the backend. */
#include "core/compat.h"
#include "store/db_int.h"
#include "core/log.h"
#include "core/xalloc.h"

static const struct db_backend *backend_for(const char *url)
{
	if (url && (str_starts(url, "postgres://") || str_starts(url, "postgresql://")))
		return NULL; /* the PostgreSQL backend (db_pg.c) is not part of this build yet */
	return &db_sqlite_backend;
}

int db_open(const char *url, int pool_size, struct db **out, struct err *e)
{
	*out = NULL;
	const struct db_backend *be = backend_for(url);
	if (!be)
		return err_set(e, ERR_INVALID, "this build of minka has no PostgreSQL support");
	struct db *db = xcalloc(1, sizeof *db);
	db->be = be;
	db->url = xstrdup(url && *url ? url : "minka.db");
	db->pool_size = pool_size < 1 ? 1 : pool_size;
	db->conns = xcalloc((size_t)db->pool_size, sizeof *db->conns);
	db->free_list = xcalloc((size_t)db->pool_size, sizeof *db->free_list);
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv, NULL);
	/* Open one connection now so that a wrong path, URL or password fails at start. */
	struct db_conn *c = db_acquire(db, e);
	if (!c) {
		db_close(db);
		return e ? e->code : ERR_UNAVAILABLE;
	}
	db_release(c);
	*out = db;
	return 0;
}

static void stmt_free(struct db_conn *c, struct db_stmt *st)
{
	if (st->handle)
		c->db->be->finalize(c->handle, st->handle);
	free(st);
}

static void conn_close(struct db_conn *c)
{
	for (size_t i = 0; i < c->cache.cap; i++)
		if (c->cache.slots[i].key)
			stmt_free(c, c->cache.slots[i].value);
	map_release(&c->cache, NULL);
	if (c->handle)
		c->db->be->disconnect(c->handle);
	c->handle = NULL;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->nconns; i++) {
		conn_close(db->conns[i]);
		free(db->conns[i]);
	}
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv);
	free(db->conns);
	free(db->free_list);
	free(db->url);
	free(db);
}

enum db_kind db_kind(const struct db *db) { return db->be->kind; }
const char *db_kind_name(const struct db *db) { return db->be->name; }
struct db *db_of(struct db_conn *c) { return c->db; }

static int conn_connect(struct db_conn *c, struct err *e)
{
	void *h = NULL;
	int rc = c->db->be->connect(c->db->url, &h, e);
	if (rc)
		return rc;
	c->handle = h;
	c->broken = false;
	map_init(&c->cache);
	return 0;
}

struct db_conn *db_acquire(struct db *db, struct err *e)
{
	pthread_mutex_lock(&db->mu);
	struct db_conn *c = NULL;
	for (;;) {
		if (db->nfree > 0) {
			c = db->free_list[--db->nfree];
			break;
		}
		if (db->nconns < db->pool_size) {
			c = xcalloc(1, sizeof *c);
			c->db = db;
			db->conns[db->nconns++] = c;
			break;
		}
		pthread_cond_wait(&db->cv, &db->mu);
	}
	pthread_mutex_unlock(&db->mu);
	if (c->handle && (c->broken || (db->be->alive && !db->be->alive(c->handle)))) {
		log_warn("database connection lost; reconnecting");
		conn_close(c);
	}
	if (!c->handle && conn_connect(c, e)) {
		db_release(c);
		if (e && e->code != ERR_UNAVAILABLE && e->code != ERR_INVALID)
			e->code = ERR_UNAVAILABLE;
		return NULL;
	}
	c->in_pool_use = true;
	return c;
}

void db_release(struct db_conn *c)
{
	if (!c)
		return;
	if (c->in_tx) {
		log_warn("connection released inside a transaction; rolling back");
		db_rollback(c);
	}
	struct db *db = c->db;
	c->in_pool_use = false;
	pthread_mutex_lock(&db->mu);
	db->free_list[db->nfree++] = c;
	pthread_cond_signal(&db->cv);
	pthread_mutex_unlock(&db->mu);
}

static int check_conn(struct db_conn *c, int rc)
{
	if (rc == ERR_UNAVAILABLE)
		c->broken = true;
	return rc;
}

int db_begin(struct db_conn *c, struct err *e)
{
	if (c->in_tx)
		return err_set(e, ERR_INTERNAL, "nested transaction");
	int rc = check_conn(c, c->db->be->exec(c->handle, c->db->be->begin_sql, e));
	if (!rc)
		c->in_tx = true;
	return rc;
}

int db_commit(struct db_conn *c, struct err *e)
{
	if (!c->in_tx)
		return err_set(e, ERR_INTERNAL, "commit outside a transaction");
	int rc = 0;
	if (c->db->be->bump_generation_sql && c->db->generation_ready)
		rc = check_conn(c, c->db->be->exec(c->handle, c->db->be->bump_generation_sql, e));
	if (rc) {
		db_rollback(c);
		return rc;
	}
	rc = check_conn(c, c->db->be->exec(c->handle, "COMMIT", e));
	if (rc) {
		db_rollback(c);
		return rc;
	}
	c->in_tx = false;
	return 0;
}

void db_rollback(struct db_conn *c)
{
	if (!c->in_tx)
		return;
	c->in_tx = false;
	/* reset every cached statement so none holds a read on the old snapshot */
	for (size_t i = 0; i < c->cache.cap; i++)
		if (c->cache.slots[i].key)
			c->db->be->reset(((struct db_stmt *)c->cache.slots[i].value)->handle);
	if (c->broken)
		return;
	struct err e2;
	err_init(&e2, NULL);
	if (check_conn(c, c->db->be->exec(c->handle, "ROLLBACK", &e2)))
		log_warn("rollback failed: %s", e2.msg);
}

bool db_in_transaction(const struct db_conn *c) { return c->in_tx; }

int db_transact(struct db_conn *c, int (*fn)(struct db_conn *, void *, struct err *), void *arg,
		struct err *e)
{
	int rc = 0;
	for (int attempt = 0; attempt < 5; attempt++) {
		rc = db_begin(c, e);
		if (rc)
			return rc;
		rc = fn(c, arg, e);
		if (rc == 0) {
			rc = db_commit(c, e);
			if (rc != ERR_RETRY)
				return rc;
		} else {
			db_rollback(c);
			if (rc != ERR_RETRY)
				return rc;
		}
		log_info("transaction conflict; retrying (attempt %d)", attempt + 2);
	}
	return rc;
}

int db_tx_enter(struct db_conn *c, bool *own, struct err *e)
{
	*own = !c->in_tx;
	return *own ? db_begin(c, e) : 0;
}

int db_tx_leave(struct db_conn *c, bool own, int rc, struct err *e)
{
	if (!own)
		return rc;
	if (rc) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c, e);
}

struct db_stmt *db_prepare(struct db_conn *c, const char *sql, struct err *e)
{
	struct db_stmt *st = map_get(&c->cache, sql);
	if (st && !st->in_use) {
		st->in_use = true;
		return st;
	}
	void *h = NULL;
	int rc = check_conn(c, c->db->be->prepare(c->handle, sql, &h, e));
	if (rc) {
		log_error("prepare failed: %s", e ? e->msg : "");
		return NULL;
	}
	struct db_stmt *n = xcalloc(1, sizeof *n);
	n->conn = c;
	n->handle = h;
	n->in_use = true;
	if (!st && c->cache.len < DB_STMT_CACHE_MAX) {
		n->cached = true;
		map_put(&c->cache, sql, n);
	}
	return n;
}

void db_bind_int64(struct db_stmt *st, int idx, int64_t v) { st->conn->db->be->bind_int64(st->handle, idx, v); }
void db_bind_double(struct db_stmt *st, int idx, double v) { st->conn->db->be->bind_double(st->handle, idx, v); }
void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s)
		st->conn->db->be->bind_text(st->handle, idx, s);
	else
		st->conn->db->be->bind_null(st->handle, idx);
}
void db_bind_null(struct db_stmt *st, int idx) { st->conn->db->be->bind_null(st->handle, idx); }

int db_step(struct db_stmt *st, struct err *e)
{
	return check_conn(st->conn, st->conn->db->be->step(st->conn->handle, st->handle, e));
}

int db_col_count(struct db_stmt *st) { return st->conn->db->be->col_count(st->handle); }
const char *db_col_name(struct db_stmt *st, int col) { return st->conn->db->be->col_name(st->handle, col); }
bool db_col_null(struct db_stmt *st, int col) { return st->conn->db->be->col_null(st->handle, col); }
int64_t db_col_int64(struct db_stmt *st, int col) { return st->conn->db->be->col_int64(st->handle, col); }
double db_col_double(struct db_stmt *st, int col) { return st->conn->db->be->col_double(st->handle, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->conn->db->be->col_text(st->handle, col); }

void db_finish(struct db_stmt *st)
{
	if (!st)
		return;
	struct db_conn *c = st->conn;
	c->db->be->reset(st->handle);
	if (st->cached)
		st->in_use = false;
	else
		stmt_free(c, st);
}

int db_step_done(struct db_stmt *st, struct err *e)
{
	int rc = db_step(st, e);
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int64_t db_changes(struct db_conn *c) { return c->db->be->changes(c->handle); }

int db_exec_script(struct db_conn *c, const char *sql, struct err *e)
{
	return check_conn(c, c->db->be->exec(c->handle, sql, e));
}

int db_generation(struct db_conn *c, int64_t *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT n FROM data_generation WHERE id = 1", e);
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	*out = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}
