/* db.h — the one interface to minka's database, whatever is underneath.
 *
 * A `struct db` is a pool of connections to one database: an SQLite file (the
 * default; one municipality on one machine) or PostgreSQL (a region or a country;
 * several stateless servers). Callers write SQL in the portable subset of both,
 * with `?` placeholders; the backend translates what differs. Every value goes
 * through a bind call: there is no way to run SQL built from user input.
 *
 *   struct db_conn *c = db_acquire(db);
 *   struct db_stmt *st = db_prepare(c, "SELECT name FROM territory WHERE code = ?", e);
 *   db_bind_text(st, 1, code);
 *   while ((rc = db_step(st, e)) == DB_ROW) use(db_col_text(st, 0));
 *   db_finish(st);
 *   db_release(c);
 *
 * Statements are cached per connection, keyed by their SQL text, so preparing the
 * same literal again is cheap. Writes happen inside db_begin/db_commit (or
 * db_transact, which also retries transient conflicts). */
#ifndef MINKA_DB_H
#define MINKA_DB_H

#include "core/compat.h"
#include "core/err.h"

struct db;
struct db_conn;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };
enum { DB_DONE = 0, DB_ROW = 1 };

/* Opens a database. `url`: NULL or a path for SQLite ("minka.db"), or
 * "postgres://user@host/dbname" / "postgresql://..." for PostgreSQL.
 * pool_size connections (at least 1) are opened lazily. */
int db_open(const char *url, int pool_size, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
const char *db_kind_name(const struct db *db);   /* "sqlite" or "postgresql" */

/* Takes a connection from the pool (waits if all are in use). NULL, with e set,
 * if a new connection cannot be made (503). */
struct db_conn *db_acquire(struct db *db, struct err *e);
void db_release(struct db_conn *c);
struct db *db_of(struct db_conn *c);

/* Transactions. db_begin starts a write transaction (SQLite: BEGIN IMMEDIATE). */
int db_begin(struct db_conn *c, struct err *e);
int db_commit(struct db_conn *c, struct err *e);
void db_rollback(struct db_conn *c);
bool db_in_transaction(const struct db_conn *c);
/* Runs fn inside a transaction: commits on 0, rolls back otherwise; retries up to
 * a few times when the backend reports a serialization conflict (ERR_RETRY). */
int db_transact(struct db_conn *c, int (*fn)(struct db_conn *c, void *arg, struct err *e),
		void *arg, struct err *e);

/* For domain functions that may run alone or inside a caller's transaction:
 * db_tx_enter begins one only if none is open (*own tells), db_tx_leave commits
 * it when rc == 0 and it was ours, rolls back otherwise, and returns the result.
 *   bool own; int rc = db_tx_enter(c, &own, e); if (rc) return rc;
 *   rc = ...work...;
 *   return db_tx_leave(c, own, rc, e);
 * A failure inside a caller's transaction is returned for the caller to roll back. */
int db_tx_enter(struct db_conn *c, bool *own, struct err *e);
int db_tx_leave(struct db_conn *c, bool own, int rc, struct err *e);

/* Prepares SQL (a literal, or built only from literals) with ? placeholders.
 * NULL on error (e set). Release with db_finish. */
struct db_stmt *db_prepare(struct db_conn *c, const char *sql, struct err *e);
/* Parameters are numbered from 1. text NULL binds NULL. */
void db_bind_int64(struct db_stmt *st, int idx, int64_t v);
void db_bind_double(struct db_stmt *st, int idx, double v);
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_null(struct db_stmt *st, int idx);
/* DB_ROW, DB_DONE, or a negative error (e set). Constraint violations give
 * ERR_CONFLICT; a lost connection ERR_UNAVAILABLE. */
int db_step(struct db_stmt *st, struct err *e);
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);
bool db_col_null(struct db_stmt *st, int col);
int64_t db_col_int64(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* NULL for SQL NULL. Valid until the next step/finish. */
const char *db_col_text(struct db_stmt *st, int col);
/* Resets and returns the statement to the cache. Safe on NULL. */
void db_finish(struct db_stmt *st);

/* Runs a statement with no result rows and finishes it: convenience for writes.
 * Returns 0 or an error. */
int db_step_done(struct db_stmt *st, struct err *e);
/* Rows changed by the last write on this connection. */
int64_t db_changes(struct db_conn *c);
/* Runs trusted SQL text (several statements; migrations only). */
int db_exec_script(struct db_conn *c, const char *sql, struct err *e);

/* The data generation: a number that changes after every committed write
 * transaction, in any process. Caches of rendered pages key on it. */
int db_generation(struct db_conn *c, int64_t *out, struct err *e);

/* Applies pending migrations (embedded src/store/migrations). Returns the schema
 * version reached in *version. */
int db_migrate(struct db *db, int *version, struct err *e);

#endif
