/* db.c — the backend-independent half: connection pool, statement cache,
 * transactions with retry, and dispatch to the backend. */
#include "core/compat.h"
#include "store/db_int.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

bool db_url_is_pg(const char *url)
{
	return url && (str_starts(url, "postgres://") || str_starts(url, "postgresql://"));
}

static const struct db_backend *backend_for(const char *url)
{
	return db_url_is_pg(url) ? &db_pg_backend : &db_sqlite_backend;
}

void db_redact_url(const char *url, char *out, size_t n)
{
	struct buf b;
	buf_init(&b, 0);
	const char *s = url ? url : "";
	const char *scheme = strstr(s, "://");
	if (scheme) {
		/* user:password@ in the authority */
		const char *auth = scheme + 3;
		size_t alen = strcspn(auth, "/?");
		const char *at = NULL;
		for (const char *p = auth; p < auth + alen; p++)
			if (*p == '@')
				at = p;
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon) {
			buf_append(&b, s, (size_t)(colon + 1 - s));
			buf_appends(&b, "***");
			s = at;
		}
	}
	/* password=... among the query parameters */
	while (*s) {
		const char *q = strstr(s, "password=");
		if (!q || (q > url && q[-1] != '?' && q[-1] != '&')) {
			size_t k = q ? (size_t)(q - s) + 9 : strlen(s);
			buf_append(&b, s, k);
			s += k;
			continue;
		}
		buf_append(&b, s, (size_t)(q + 9 - s));
		buf_appends(&b, "***");
		s = q + 9 + strcspn(q + 9, "&");
	}
	snprintf(out, n, "%s", buf_cstr(&b));
	buf_release(&b);
}

static struct db_conn *acquire(struct db *db, bool opening, struct err *e);

int db_open(const char *url, int pool_size, struct db **out, struct err *e)
{
	*out = NULL;
	struct db *db = xcalloc(1, sizeof *db);
	db->url = xstrdup(url && *url ? url : "minka.db");
	db->be = backend_for(db->url);
	char red[1024];
	db_redact_url(db->url, red, sizeof red);
	db->url_redacted = xstrdup(red);
	db->pool_size = pool_size < 1 ? 1 : pool_size;
	db->conns = xcalloc((size_t)db->pool_size, sizeof *db->conns);
	db->free_list = xcalloc((size_t)db->pool_size, sizeof *db->free_list);
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv, NULL);
	/* Open one connection now so that a wrong path, URL or password fails at start. */
	struct db_conn *c = acquire(db, true, e);
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
	search_bulk_forget(c);
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
	free(db->url_redacted);
	free(db);
}

enum db_kind db_kind(const struct db *db) { return db->be->kind; }
const char *db_kind_name(const struct db *db) { return db->be->name; }
const char *db_url_redacted(const struct db *db) { return db->url_redacted; }
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

/* opening: from db_open, where the caller (a command at start) needs the whole
 * reason; later a failure reaches a web page, which gets a plain message and
 * leaves the details (host, user, database) to the log. */
static struct db_conn *acquire(struct db *db, bool opening, struct err *e)
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
	if (!c->handle) {
		struct err detail;
		err_init(&detail, e ? e->lang : NULL);
		if (conn_connect(c, &detail)) {
			db_release(c);
			if (opening) {
				if (e)
					*e = detail;
				return NULL;
			}
			log_error("%s", detail.msg);
			err_set(e, ERR_UNAVAILABLE, "The database is not available at the moment; please try again in a moment");
			return NULL;
		}
	}
	c->in_pool_use = true;
	return c;
}

struct db_conn *db_acquire(struct db *db, struct err *e) { return acquire(db, false, e); }

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

/* Every backend result passes here: a lost connection is remembered (the pool
 * reopens it), and the first error of a transaction is kept (see tx_error). */
static int check_conn(struct db_conn *c, int rc, const struct err *e)
{
	if (rc == ERR_UNAVAILABLE)
		c->broken = true;
	if (rc < 0 && c->in_tx && !c->tx_error) {
		c->tx_error = rc;
		snprintf(c->tx_error_msg, sizeof c->tx_error_msg, "%s", e ? e->msg : "");
	}
	return rc;
}

/* Refuses a statement after an earlier error in the same transaction, repeating
 * that error (0 if there was none). */
static int tx_aborted(struct db_conn *c, struct err *e)
{
	if (!c->in_tx || !c->tx_error)
		return 0;
	if (e) {
		e->code = c->tx_error;
		snprintf(e->msg, sizeof e->msg, "%s", c->tx_error_msg);
	}
	return c->tx_error;
}

static int begin(struct db_conn *c, const char *sql, bool read, struct err *e)
{
	if (c->in_tx)
		return err_set(e, ERR_INTERNAL, "nested transaction");
	int rc = check_conn(c, c->db->be->exec(c->handle, sql, e), e);
	if (!rc) {
		c->in_tx = true;
		c->tx_read = read;
		c->tx_error = 0;
		c->tx_error_msg[0] = '\0';
	}
	return rc;
}

int db_begin(struct db_conn *c, struct err *e) { return begin(c, c->db->be->begin_sql, false, e); }
int db_begin_read(struct db_conn *c, struct err *e) { return begin(c, c->db->be->begin_read_sql, true, e); }

/* Committing and the data generation. A write transaction must advance the
 * generation so that every process drops the pages it cached, and no process may
 * keep serving a page built before a committed write. The web cache tags an entry
 * with the generation it read before building the page, and serves it only while
 * the generation still has that value (web/server.c dispatch()).
 *
 * SQLite has one writer at a time: the bump is an UPDATE inside the transaction,
 * atomic with the write, and costs no concurrency.
 *
 * PostgreSQL runs writers concurrently: one hot row updated inside every
 * transaction would make every two writers conflict. The generation is a sequence
 * instead, advanced right after COMMIT in the same round trip ("COMMIT; SELECT
 * nextval(...)"): nextval takes no row lock and is never rolled back or reused.
 * Why no reader keeps a stale page: say write W becomes visible at time tC and the
 * generation moves to g' at tB > tC. A page that misses W was built from
 * snapshots taken before tC; its tag was read even earlier, so it is some g < g'
 * (sequence values only grow). Any reader after tB reads a generation >= g' and
 * never matches that tag. db_commit returns to the writer only after tB, so the
 * writer's next page (from any process) shows the write. Between tC and tB — one
 * statement on the server — a reader may still get the page of a moment before,
 * exactly as if it had come a moment earlier. The server runs both statements of
 * the string even if minka dies after sending it; if the server itself dies in
 * between, every process reconnects, and the backend advances the generation on
 * every new connection, so caches are dropped then too. */
int db_commit(struct db_conn *c, struct err *e)
{
	if (!c->in_tx)
		return err_set(e, ERR_INTERNAL, "commit outside a transaction");
	int rc = tx_aborted(c, e);
	if (!rc && c->bulk_table[0])   /* the index's triggers would stay dropped */
		rc = err_set(e, ERR_INTERNAL, "the bulk load of %s was not ended before the commit", c->bulk_table);
	if (rc) {
		db_rollback(c);
		return rc;
	}
	rc = c->db->be->commit(c->handle, c->db->generation_ready && !c->tx_read, e);
	if (rc == ERR_UNAVAILABLE)
		c->broken = true;
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
	c->tx_error = 0;
	search_bulk_forget(c);
	/* reset every cached statement so none holds a read on the old snapshot */
	for (size_t i = 0; i < c->cache.cap; i++)
		if (c->cache.slots[i].key)
			c->db->be->reset(((struct db_stmt *)c->cache.slots[i].value)->handle);
	if (c->broken)
		return;
	struct err e2;
	err_init(&e2, NULL);
	int rc = c->db->be->rollback ? c->db->be->rollback(c->handle, &e2) : c->db->be->exec(c->handle, "ROLLBACK", &e2);
	if (check_conn(c, rc, &e2))
		log_warn("rollback failed: %s", e2.msg);
}

bool db_in_transaction(const struct db_conn *c) { return c->in_tx; }

/* Waits a little before retrying a conflict, longer each time and at random, so
 * that two transactions that collided do not collide again in step. */
static void retry_pause(int attempt)
{
	static _Thread_local uint64_t seed;
	if (!seed)
		seed = (uint64_t)clock() ^ (uint64_t)(uintptr_t)&seed ^ (uint64_t)time(NULL) << 20;
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	long max_us = 1000L << (attempt < 6 ? attempt : 6); /* 1 ms .. 64 ms */
	long us = (long)(seed % (uint64_t)max_us) + 200;
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	nanosleep(&ts, NULL);
}

#define DB_TRANSACT_ATTEMPTS 10

int db_transact(struct db_conn *c, int (*fn)(struct db_conn *, void *, struct err *), void *arg,
		struct err *e)
{
	int rc = 0;
	for (int attempt = 0; attempt < DB_TRANSACT_ATTEMPTS; attempt++) {
		if (attempt) {
			log_info("transaction conflict; retrying (attempt %d)", attempt + 1);
			retry_pause(attempt);
		}
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
	if (tx_aborted(c, e))
		return NULL;
	struct db_stmt *st = map_get(&c->cache, sql);
	if (st && !st->in_use) {
		st->in_use = true;
		return st;
	}
	bool persistent = !st && c->cache.len < DB_STMT_CACHE_MAX;
	void *h = NULL;
	int rc = check_conn(c, c->db->be->prepare(c->handle, sql, persistent, &h, e), e);
	if (rc) {
		log_error("prepare failed: %s", e ? e->msg : "");
		return NULL;
	}
	struct db_stmt *n = xcalloc(1, sizeof *n);
	n->conn = c;
	n->handle = h;
	n->in_use = true;
	if (persistent) {
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
	int rc = tx_aborted(st->conn, e);
	if (rc)
		return rc;
	return check_conn(st->conn, st->conn->db->be->step(st->conn->handle, st->handle, e), e);
}

int db_col_count(struct db_stmt *st) { return st->conn->db->be->col_count(st->handle); }
const char *db_col_name(struct db_stmt *st, int col) { return st->conn->db->be->col_name(st->handle, col); }
enum db_type db_col_type(struct db_stmt *st, int col) { return st->conn->db->be->col_type(st->handle, col); }
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
	int rc = tx_aborted(c, e);
	if (rc)
		return rc;
	return check_conn(c, c->db->be->exec(c->handle, sql, e), e);
}

int db_exec_schema(struct db_conn *c, const char *sql, struct err *e)
{
	char *expanded = search_expand(c->db->be->kind, sql, e);
	if (!expanded)
		return e ? e->code : ERR_INVALID;
	char *text = c->db->be->dialect_sql(expanded);
	free(expanded);
	int rc = db_exec_script(c, text, e);
	free(text);
	return rc;
}

int db_generation(struct db_conn *c, int64_t *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, c->db->be->generation_sql, e);
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	*out = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}
