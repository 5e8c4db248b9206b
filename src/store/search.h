/* search.h — accent-insensitive full-text search over some text columns of a
 * table, with the same results on SQLite and PostgreSQL.
 *
 * Declaring: a migration names the table and its searchable columns, after
 * creating the table, which needs an `id @ID@` primary key:
 *
 *     CREATE TABLE project (id @ID@, title TEXT NOT NULL, description TEXT, ...);
 *     @SEARCH project (title, description)@
 *
 * or, for a table keyed by another integer column (one row per row of another
 * table, say), names that column after KEY:
 *
 *     CREATE TABLE project_text (project_id BIGINT PRIMARY KEY REFERENCES project(id), ...);
 *     @SEARCH project_text (heading, description) KEY project_id@
 *
 * Rows already in the table are indexed when the declaration runs. To remove an
 * index's triggers in a later migration, `@DROP TRIGGER name ON table@` is the
 * portable DROP TRIGGER IF EXISTS (SQLite names no table, PostgreSQL needs it).
 *
 * SQLite gets an FTS5 index, project_search (tokenize 'unicode61 remove_diacritics
 * 2'), kept current by triggers. PostgreSQL gets a generated column
 * project.search_vector (to_tsvector with the simple dictionary over the text
 * with its diacritics removed as FTS5 does: see search.c) and a GIN index on it. Neither is part of the table's data: minka copy and its
 * checksums skip them and the target rebuilds its own.
 *
 * Querying: db_search_init turns what a person typed into a join that keeps the
 * matching rows (it holds the query's one parameter, s.arg) and a ranking for
 * ORDER BY, both built from literals only:
 *
 *     struct db_search s;
 *     if ((rc = db_search_init(db, "project", "p", text, &s, e))) return rc;
 *     if (!s.nwords) ...nothing to search for...
 *     snprintf(sql, sizeof sql, "SELECT p.id, p.title FROM project p%s"
 *              " WHERE p.status = ? ORDER BY %s, p.id LIMIT 20", s.join, s.rank);
 *     st = db_prepare(c, sql, e);
 *     db_bind_text(st, 1, s.arg);    (the join comes before WHERE: bind it first)
 *     db_bind_text(st, 2, status);
 *     ...
 *     db_search_release(&s);
 *
 * Matching: the text is cut into words at every character that is not a letter, a
 * combining mark or a digit. A row matches when every word occurs in one of its
 * searchable columns, ignoring case and accents ("saneamiento basico" finds
 * "SANEAMIENTO BÁSICO"); the last word may also begin a longer word ("agua pot"
 * finds "AGUA POTABLE"), which makes search-as-you-type work. There is no
 * stemming and there are no stop words, on either backend. The ranking is each
 * backend's own (bm25, ts_rank): the same rows, but near ties may come in another
 * order, so end ORDER BY with a unique column. */
#ifndef MINKA_SEARCH_H
#define MINKA_SEARCH_H

#include "core/compat.h"
#include "core/err.h"

struct db;
struct db_conn;

#define DB_SEARCH_MAX_WORDS 16
#define DB_SEARCH_MAX_TEXT 400 /* bytes */

struct db_search {
	char join[256];   /* " JOIN ... ON ...", with one ? */
	char rank[160];   /* for ORDER BY: best matches first */
	char *arg;        /* the value for the join's ?; NULL when nwords is 0 */
	int nwords;
};

/* Fills s for searching `text` in table (aliased as alias in the caller's FROM).
 * table and alias are identifiers written in the code ([a-z_][a-z0-9_]*).
 * ERR_INVALID for text that is not UTF-8, longer than DB_SEARCH_MAX_TEXT or with
 * more than DB_SEARCH_MAX_WORDS words. Release with db_search_release. */
int db_search_init(struct db *db, const char *table, const char *alias, const char *text, struct db_search *s,
		   struct err *e);
/* The same for a table declared with KEY column (the join matches on alias.key). */
int db_search_init_key(struct db *db, const char *table, const char *key, const char *alias, const char *text,
		       struct db_search *s, struct err *e);
void db_search_release(struct db_search *s);

/* Bulk loading. Between db_search_bulk_begin and db_search_bulk_end, inside one
 * write transaction of c, the rows written to `table` are not indexed one by one;
 * the end brings the index up to date in one pass. For imports that write
 * thousands of rows at once: on SQLite, keeping an FTS5 index row by row costs
 * several times more than building it once.
 *
 * SQLite: begin drops the index's three triggers (DDL is transactional there, so
 * a rollback brings them back and no other connection ever sees the table
 * without them); end re-creates them and rebuilds the index from the whole table
 * (FTS5 'rebuild'): its cost grows with the table, not with the load, so use it
 * when the load is a large part of the table. PostgreSQL: both are no-ops (the
 * search vector is a generated column, computed with each row).
 *
 * ERR_INTERNAL outside a write transaction, for a table without @SEARCH, for a
 * second begin before the end, or for an end without a begin. Committing with a
 * bulk load still open is refused (the transaction is rolled back): the
 * triggers are never lost. */
int db_search_bulk_begin(struct db_conn *c, const char *table, struct err *e);
int db_search_bulk_end(struct db_conn *c, const char *table, struct err *e);

/* A word as both backends compare it: Latin letters without their diacritics
 * (á, Á, ñ to a, a, n; æ, ø, ß kept), lower case. Caller frees; NULL if the word
 * is not valid UTF-8. */
char *db_search_fold(const char *word, size_t len);

/* Calls fn for each word of text as db_search_init cuts it (len bytes at word).
 * Returns the number of words, or -1 if text is not valid UTF-8. */
int db_search_words(const char *text, void (*fn)(const char *word, size_t len, void *arg), void *arg);

#endif
