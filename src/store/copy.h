/* copy.h — moves a whole minka database into another one, of either backend
 * (minka copy): a district that outgrows its SQLite file moves to PostgreSQL, or
 * back. Every table of the source's schema, in dependency order (a table after
 * the tables it references), every row as it is, ids included, all in one
 * transaction on the target; then each table's row count and checksum is
 * computed on both sides, inside that transaction, and anything but a perfect
 * match rolls the whole copy back. The source is only read, through one
 * snapshot, so it may stay in use meanwhile (writes made after the snapshot are
 * not copied).
 *
 * Not copied: schema_version (the target's own migrations write it),
 * data_generation (each database counts its own writes; the copy's commit
 * advances the target's) and the search indexes (store/search.h), which the
 * target builds as the rows arrive. */
#ifndef MINKA_COPY_H
#define MINKA_COPY_H

#include "core/compat.h"
#include "core/err.h"

struct db;

struct db_table_sum {
	char name[64];
	int64_t rows;
	/* order-independent: the sum of a 128-bit BLAKE2b hash of each row, written
	 * in hex (row order differs between backends; the multiset of rows must not) */
	char checksum[33];
};

struct db_copy_report {
	int version;                 /* schema version of both */
	struct db_table_sum *from;   /* per table, in copy order */
	struct db_table_sum *to;
	size_t ntables;
	int64_t rows;                /* total */
};

/* Copies from into to. The target is migrated first; it must hold no rows yet
 * (a new database, or one that a failed copy left empty), unless replace: then
 * its tables are emptied first. Both must be at the
 * schema version of this minka (minka migrate). Fills rep (release it with
 * db_copy_report_release) even on a checksum mismatch, so that it can be shown. */
int db_copy(struct db *from, struct db *to, bool replace, struct db_copy_report *rep, struct err *e);
void db_copy_report_release(struct db_copy_report *rep);

/* Row count and checksum of every table of db (the same tables as db_copy). The
 * caller frees *sums. */
int db_table_sums(struct db *db, struct db_table_sum **sums, size_t *n, struct err *e);

#endif
