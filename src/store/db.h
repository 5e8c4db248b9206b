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
 * db_transact, which also retries transient conflicts).
 *
 * The portable subset, and what the PostgreSQL backend translates:
 * - `?` placeholders become $1, $2, ... (a `?` inside a string literal, a quoted
 *   identifier or a comment is left alone). PostgreSQL infers each parameter's type
 *   from its context; where there is none (`? IS NULL`, `SELECT ?`), write
 *   `CAST(? AS TEXT)` or `CAST(? AS BIGINT)`.
 * - Results are read through db_col_*: integers, booleans (1/0 on both) and
 *   doubles are parsed from PostgreSQL's text; SUM() of BIGINT gives NUMERIC there,
 *   which db_col_int64 still reads exactly.
 * - An error inside a transaction aborts it on both backends (PostgreSQL's rule):
 *   later statements fail with the first error until db_rollback. Write
 *   "insert or update" as INSERT ... ON CONFLICT, never as "try, catch, retry".
 * - ORDER BY on text compares bytes on SQLite and follows the database's collation
 *   on PostgreSQL; order by codes and numbers where the order must be the same. */
#ifndef MINKA_DB_H
#define MINKA_DB_H

#include "core/compat.h"
#include "core/err.h"

struct db;
struct db_conn;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };
enum { DB_DONE = 0, DB_ROW = 1 };
/* The type of one value in a result row (SQLite: its storage class; PostgreSQL:
 * the column's type: int2/4/8 and bool are INT, float4/8 and numeric FLOAT). */
enum db_type { DB_TYPE_NULL, DB_TYPE_INT, DB_TYPE_FLOAT, DB_TYPE_TEXT, DB_TYPE_BLOB };

/* Opens a database. `url`: NULL or a path for SQLite ("minka.db"), or
 * "postgres://user@host/dbname" / "postgresql://..." for PostgreSQL.
 * pool_size connections (at least 1) are opened lazily. */
int db_open(const char *url, int pool_size, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
const char *db_kind_name(const struct db *db);   /* "sqlite" or "postgresql" */
/* The URL or path the database was opened with, any password replaced by "***". */
const char *db_url_redacted(const struct db *db);
/* True if url names a PostgreSQL database (postgres:// or postgresql://). */
bool db_url_is_pg(const char *url);
/* Writes url into out with its password (user:PASSWORD@, password=...) masked. */
void db_redact_url(const char *url, char *out, size_t n);

/* Takes a connection from the pool (waits if all are in use). NULL, with e set,
 * if a new connection cannot be made (503). */
struct db_conn *db_acquire(struct db *db, struct err *e);
void db_release(struct db_conn *c);
struct db *db_of(struct db_conn *c);

/* Transactions. db_begin starts a write transaction, serializable on both
 * backends: SQLite's BEGIN IMMEDIATE takes the one write lock; PostgreSQL's
 * SERIALIZABLE lets writers run together and aborts one of two that conflict with
 * ERR_RETRY (which db_transact retries), so every committed history is one that
 * could have happened one transaction at a time, as on SQLite.
 * db_begin_read starts a read-only transaction that sees one snapshot for all its
 * statements (a report made of several queries); it commits or rolls back alike. */
int db_begin(struct db_conn *c, struct err *e);
int db_begin_read(struct db_conn *c, struct err *e);
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
enum db_type db_col_type(struct db_stmt *st, int col);
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
/* The same after the dialect's rewriting of schema text: @ID@ (an auto-assigned
 * BIGINT primary key) and @SEARCH table (col, ...)@ (see store/search.h). */
int db_exec_schema(struct db_conn *c, const char *sql, struct err *e);

/* The data generation: a number that changes after every committed write
 * transaction, in any process. Caches of rendered pages key on it: an entry is
 * tagged with the generation read *before* the page was built, and served only
 * while the generation still has that value. Why that never serves a page older
 * than a committed write, on each backend: see db_commit in db.c. */
int db_generation(struct db_conn *c, int64_t *out, struct err *e);

/* Applies pending migrations (embedded src/store/migrations). Returns the schema
 * version reached in *version. */
int db_migrate(struct db *db, int *version, struct err *e);

#endif
