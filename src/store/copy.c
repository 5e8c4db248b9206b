/* copy.c — minka copy (see copy.h): the schema read from each backend's catalog,
 * tables in dependency order, rows copied with their types, and checksums that
 * do not depend on the order rows come back in. Table and column names come from
 * the catalog, never from a person, and are checked to be plain identifiers
 * before they go into SQL. */
#include "core/compat.h"
#include "store/copy.h"
#include "store/db.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <sodium.h>

#define NAME_MAX_LEN 64
#define MAX_COLS 256
#define MAX_REFS 32
#define MAX_PK 8

struct table {
	char name[NAME_MAX_LEN];
	char (*cols)[NAME_MAX_LEN];
	int ncols;
	char pk[MAX_PK][NAME_MAX_LEN];
	int npk;
	char refs[MAX_REFS][NAME_MAX_LEN]; /* tables it references, itself excluded */
	int nrefs;
	char identity[NAME_MAX_LEN];       /* PostgreSQL identity column, or "" */
};

static bool plain_identifier(const char *s)
{
	if (!s || !*s || strlen(s) >= NAME_MAX_LEN || !(islower((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

/* Runs sql with up to one text parameter and calls fn for each row. */
static int each_row(struct db_conn *c, const char *sql, const char *param,
		    int (*fn)(struct db_stmt *st, void *arg, struct err *e), void *arg, struct err *e)
{
	struct db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return e->code;
	if (param)
		db_bind_text(st, 1, param);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		rc = fn(st, arg, e);
		if (rc)
			break;
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- the catalog ---- */

struct table_list {
	struct table *t;
	size_t n, cap;
};

static int add_table(struct db_stmt *st, void *arg, struct err *e)
{
	struct table_list *l = arg;
	const char *name = db_col_text(st, 0);
	/* the target's migrations wrote its own; and the generation is per database */
	if (str_eq(name, "schema_version") || str_eq(name, "data_generation"))
		return 0;
	if (!plain_identifier(name))
		return err_set(e, ERR_DB, "table \"%s\": minka copy handles only lower-case names", name ? name : "");
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->t = xrealloc(l->t, l->cap * sizeof *l->t);
	}
	struct table *t = &l->t[l->n++];
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", name);
	t->cols = xcalloc(MAX_COLS, sizeof *t->cols);
	return 0;
}

static int add_column(struct db_stmt *st, void *arg, struct err *e)
{
	struct table *t = arg;
	const char *name = db_col_text(st, 0);
	if (!plain_identifier(name) || t->ncols == MAX_COLS)
		return err_set(e, ERR_DB, "table %s: column \"%s\" cannot be copied", t->name, name ? name : "");
	snprintf(t->cols[t->ncols++], NAME_MAX_LEN, "%s", name);
	return 0;
}

static int add_pk(struct db_stmt *st, void *arg, struct err *e)
{
	struct table *t = arg;
	const char *name = db_col_text(st, 0);
	if (!plain_identifier(name) || t->npk == MAX_PK)
		return err_set(e, ERR_DB, "table %s: column \"%s\" cannot be copied", t->name, name ? name : "");
	snprintf(t->pk[t->npk++], NAME_MAX_LEN, "%s", name);
	return 0;
}

static int add_ref(struct db_stmt *st, void *arg, struct err *e)
{
	(void)e;
	struct table *t = arg;
	const char *name = db_col_text(st, 0);
	if (!name || str_eq(name, t->name) || t->nrefs == MAX_REFS)
		return 0;
	snprintf(t->refs[t->nrefs++], NAME_MAX_LEN, "%s", name);
	return 0;
}

static int set_identity(struct db_stmt *st, void *arg, struct err *e)
{
	(void)e;
	struct table *t = arg;
	const char *name = db_col_text(st, 0);
	if (plain_identifier(name))
		snprintf(t->identity, sizeof t->identity, "%s", name);
	return 0;
}

struct catalog_sql {
	const char *tables, *columns, *pk, *refs, *identity;
};

/* SQLite: pragma table-valued functions (type 'shadow' and 'virtual' are the
 * FTS5 index; hidden columns are generated ones). */
static const struct catalog_sql sqlite_catalog = {
	"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
	" AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
	"SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid",
	"SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
	"SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)",
	NULL,
};

/* PostgreSQL: ordinary tables of the current schema; generated columns (the
 * search vector) are not data. */
static const struct catalog_sql pg_catalog = {
	"SELECT relname FROM pg_class WHERE relnamespace = CAST(current_schema() AS regnamespace)"
	" AND relkind IN ('r', 'p') ORDER BY relname",
	"SELECT attname FROM pg_attribute WHERE attrelid = CAST(CAST(? AS TEXT) AS regclass) AND attnum > 0"
	" AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
	"SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
	" WHERE i.indrelid = CAST(CAST(? AS TEXT) AS regclass) AND i.indisprimary"
	" ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)",
	"SELECT DISTINCT CAST(CAST(confrelid AS regclass) AS TEXT) FROM pg_constraint"
	" WHERE conrelid = CAST(CAST(? AS TEXT) AS regclass) AND contype = 'f'",
	"SELECT attname FROM pg_attribute WHERE attrelid = CAST(CAST(? AS TEXT) AS regclass) AND attidentity <> ''",
};

static void tables_free(struct table_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->t[i].cols);
	free(l->t);
	memset(l, 0, sizeof *l);
}

/* Orders l so that every table comes after the tables it references. */
static int order_tables(struct table_list *l, struct err *e)
{
	struct table *out = xcalloc(l->n ? l->n : 1, sizeof *out);
	bool *placed = xcalloc(l->n ? l->n : 1, sizeof *placed);
	size_t k = 0;
	while (k < l->n) {
		size_t before = k;
		for (size_t i = 0; i < l->n; i++) {
			if (placed[i])
				continue;
			bool ready = true;
			for (int r = 0; r < l->t[i].nrefs && ready; r++)
				for (size_t j = 0; j < l->n; j++)
					if (!placed[j] && str_eq(l->t[j].name, l->t[i].refs[r]))
						ready = false;
			if (ready) {
				out[k++] = l->t[i];
				placed[i] = true;
			}
		}
		if (k == before) {
			free(out);
			free(placed);
			return err_set(e, ERR_DB, "the tables reference each other in a cycle: no order to copy them in");
		}
	}
	free(l->t);
	l->t = out;
	l->cap = l->n;
	free(placed);
	return 0;
}

static int read_catalog(struct db_conn *c, struct table_list *l, struct err *e)
{
	const struct catalog_sql *q = db_kind(db_of(c)) == DB_PG ? &pg_catalog : &sqlite_catalog;
	memset(l, 0, sizeof *l);
	int rc = each_row(c, q->tables, NULL, add_table, l, e);
	for (size_t i = 0; i < l->n && !rc; i++) {
		struct table *t = &l->t[i];
		rc = each_row(c, q->columns, t->name, add_column, t, e);
		if (!rc)
			rc = each_row(c, q->pk, t->name, add_pk, t, e);
		if (!rc)
			rc = each_row(c, q->refs, t->name, add_ref, t, e);
		if (!rc && q->identity)
			rc = each_row(c, q->identity, t->name, set_identity, t, e);
	}
	if (!rc)
		rc = order_tables(l, e);
	if (rc)
		tables_free(l);
	return rc;
}

/* ---- checksums ---- */

struct sum {
	uint64_t acc[2];
	int64_t rows;
	struct buf row;
};

static void sum_init(struct sum *s)
{
	memset(s, 0, sizeof *s);
	buf_init(&s->row, 0);
}

/* Adds the current row of st (ncols columns) to s. Each value is written with
 * its type, so that 1, 1.0 and '1' differ, and hashed: the same row gives the
 * same hash whichever backend it came from. */
static int sum_row(struct sum *s, struct db_stmt *st, int ncols, const char *table, struct err *e)
{
	buf_reset(&s->row);
	for (int i = 0; i < ncols; i++) {
		switch (db_col_type(st, i)) {
		case DB_TYPE_NULL:
			buf_appendc(&s->row, 'N');
			break;
		case DB_TYPE_INT:
			buf_appendf(&s->row, "I%" PRId64 ";", db_col_int64(st, i));
			break;
		case DB_TYPE_FLOAT:
			buf_appendf(&s->row, "F%.17g;", db_col_double(st, i));
			break;
		case DB_TYPE_TEXT: {
			const char *t = db_col_text(st, i);
			buf_appendf(&s->row, "T%zu:", strlen(t));
			buf_appends(&s->row, t);
			break;
		}
		default:
			return err_set(e, ERR_DB, "table %s, column %s: binary values cannot be copied", table,
				       db_col_name(st, i));
		}
	}
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)buf_cstr(&s->row), s->row.len, NULL, 0);
	for (int k = 0; k < 2; k++) {
		uint64_t v = 0;
		for (int b = 0; b < 8; b++)
			v |= (uint64_t)h[k * 8 + b] << (8 * b);
		s->acc[k] += v;
	}
	s->rows++;
	return 0;
}

static void sum_finish(struct sum *s, const char *table, struct db_table_sum *out)
{
	snprintf(out->name, sizeof out->name, "%s", table);
	out->rows = s->rows;
	snprintf(out->checksum, sizeof out->checksum, "%016" PRIx64 "%016" PRIx64, s->acc[0], s->acc[1]);
	buf_release(&s->row);
}

static void select_sql(struct buf *b, const struct table *t)
{
	buf_appends(b, "SELECT ");
	for (int i = 0; i < t->ncols; i++)
		buf_appendf(b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	buf_appendf(b, " FROM \"%s\"", t->name);
	for (int i = 0; i < t->npk; i++)
		buf_appendf(b, "%s\"%s\"", i ? ", " : " ORDER BY ", t->pk[i]);
}

static int table_sum(struct db_conn *c, const struct table *t, struct db_table_sum *out, struct err *e)
{
	struct buf sql;
	buf_init(&sql, 0);
	select_sql(&sql, t);
	struct db_stmt *st = db_prepare(c, buf_cstr(&sql), e);
	buf_release(&sql);
	if (!st)
		return e->code;
	struct sum s;
	sum_init(&s);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW && !(rc = sum_row(&s, st, t->ncols, t->name, e)))
		;
	db_finish(st);
	sum_finish(&s, t->name, out);
	return rc < 0 ? rc : 0;
}

/* ---- copying ---- */

static int copy_table(struct db_conn *src, struct db_conn *dst, const struct table *t, struct db_table_sum *out,
		      struct err *e)
{
	struct buf sql, ins;
	buf_init(&sql, 0);
	buf_init(&ins, 0);
	select_sql(&sql, t);
	buf_appendf(&ins, "INSERT INTO \"%s\" (", t->name);
	for (int i = 0; i < t->ncols; i++)
		buf_appendf(&ins, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	buf_appends(&ins, ") VALUES (");
	for (int i = 0; i < t->ncols; i++)
		buf_appends(&ins, i ? ", ?" : "?");
	buf_appends(&ins, ")");
	struct db_stmt *st = db_prepare(src, buf_cstr(&sql), e);
	struct sum s;
	sum_init(&s);
	int rc = st ? 0 : e->code;
	while (!rc && (rc = db_step(st, e)) == DB_ROW) {
		rc = sum_row(&s, st, t->ncols, t->name, e);
		struct db_stmt *w = rc ? NULL : db_prepare(dst, buf_cstr(&ins), e);
		if (!rc && !w)
			rc = e->code;
		for (int i = 0; w && i < t->ncols; i++) {
			switch (db_col_type(st, i)) {
			case DB_TYPE_INT: db_bind_int64(w, i + 1, db_col_int64(st, i)); break;
			case DB_TYPE_FLOAT: db_bind_double(w, i + 1, db_col_double(st, i)); break;
			case DB_TYPE_TEXT: db_bind_text(w, i + 1, db_col_text(st, i)); break;
			default: db_bind_null(w, i + 1); break;
			}
		}
		if (w)
			rc = db_step_done(w, e);
		if (rc)
			err_prefix(e, "table %s, row %lld", t->name, (long long)s.rows);
	}
	db_finish(st);
	sum_finish(&s, t->name, out);
	buf_release(&sql);
	buf_release(&ins);
	return rc < 0 ? rc : 0;
}

/* After rows were copied with their ids, the identity must continue past them. */
static int reset_identity(struct db_conn *dst, const struct table *t, struct err *e)
{
	if (!t->identity[0])
		return 0;
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT setval(pg_get_serial_sequence('\"%s\"', '%s'), COALESCE(MAX(\"%s\"), 1), MAX(\"%s\") IS NOT NULL)"
		 " FROM \"%s\"",
		 t->name, t->identity, t->identity, t->identity, t->name);
	return db_exec_script(dst, sql, e);
}

static int schema_version_of(struct db_conn *c, int *v, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", e);
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	*v = rc == DB_ROW ? (int)db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* The first table of l in which c has a row, or NULL. */
/* Tables whose rows a migration writes (reference data such as the
 * disaggregation dimensions of 0007): a freshly migrated target already has them,
 * and the copy replaces them with the source's like any other rows. */
static bool seeded_by_migration(const char *table)
{
	return str_eq(table, "disagg_dimension") || str_eq(table, "disagg_category");
}

static const char *first_table_with_rows(struct db_conn *c, const struct table_list *l, struct err *e, int *rc)
{
	*rc = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (seeded_by_migration(l->t[i].name))
			continue;
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" LIMIT 1", l->t[i].name);
		struct db_stmt *st = db_prepare(c, sql, e);
		int r = st ? db_step(st, e) : e->code;
		db_finish(st);
		if (r < 0) {
			*rc = r;
			return NULL;
		}
		if (r == DB_ROW)
			return l->t[i].name;
	}
	return NULL;
}

static bool same_columns(const struct table *a, const struct table *b)
{
	if (a->ncols != b->ncols)
		return false;
	for (int i = 0; i < a->ncols; i++)
		if (!str_eq(a->cols[i], b->cols[i]))
			return false;
	return true;
}

void db_copy_report_release(struct db_copy_report *rep)
{
	free(rep->from);
	free(rep->to);
	memset(rep, 0, sizeof *rep);
}

/* SQLite: 'rebuild' every FTS5 index from its content table. */
static int rebuild_fts(struct db_conn *c, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT name FROM sqlite_master WHERE type = 'table'"
					   " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name", e);
	if (!st)
		return e->code;
	char names[32][64];
	int n = 0, rc;
	while ((rc = db_step(st, e)) == DB_ROW && n < 32) {
		const char *name = db_col_text(st, 0);
		if (plain_identifier(name))
			snprintf(names[n++], sizeof names[0], "%s", name);
	}
	db_finish(st);
	for (int i = 0; i < n && rc >= 0; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "INSERT INTO \"%.63s\" (\"%.63s\") VALUES ('rebuild')", names[i], names[i]);
		rc = db_exec_script(c, sql, e);
	}
	return rc < 0 ? rc : 0;
}

int db_copy(struct db *from, struct db *to, bool replace, struct db_copy_report *rep, struct err *e)
{
	memset(rep, 0, sizeof *rep);
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium failed to start");
	int vto = 0, vfrom = 0;
	int rc = db_migrate(to, &vto, e);
	if (rc)
		return rc;
	struct db_conn *src = db_acquire(from, e), *dst = src ? db_acquire(to, e) : NULL;
	struct table_list ts = { 0 }, td = { 0 };
	if (!src || !dst) {
		rc = e->code;
		goto out;
	}
	/* one snapshot of the source for the whole copy */
	rc = db_begin_read(src, e);
	if (!rc)
		rc = schema_version_of(src, &vfrom, e);
	if (rc) {
		err_prefix(e, "%s is not a minka database", db_url_redacted(from));
		goto out;
	}
	if (vfrom != vto) {
		rc = vfrom < vto ? err_set(e, ERR_CONFLICT, "the source is at schema version %d and this minka at %d: run"
						  " \"minka migrate --db SOURCE\" first", vfrom, vto)
				 : err_set(e, ERR_CONFLICT, "the source is at schema version %d, newer than this minka (%d)",
					   vfrom, vto);
		goto out;
	}
	rep->version = vto;
	rc = read_catalog(src, &ts, e);
	if (!rc)
		rc = read_catalog(dst, &td, e);
	if (rc)
		goto out;
	/* the same tables with the same columns on both sides (names; order may differ) */
	for (size_t i = 0; i < ts.n && !rc; i++) {
		size_t j;
		for (j = 0; j < td.n && !str_eq(td.t[j].name, ts.t[i].name); j++)
			;
		if (j == td.n || !same_columns(&ts.t[i], &td.t[j]))
			rc = err_set(e, ERR_CONFLICT, "table %s differs between the source and the target", ts.t[i].name);
		else
			snprintf(ts.t[i].identity, sizeof ts.t[i].identity, "%s", td.t[j].identity);
	}
	if (!rc && td.n != ts.n)
		rc = err_set(e, ERR_CONFLICT, "the target has %zu tables and the source %zu", td.n, ts.n);
	if (!rc && !replace) {
		/* a target that a failed copy left migrated and empty is still new */
		const char *used = first_table_with_rows(dst, &td, e, &rc);
		if (used)
			rc = err_set(e, ERR_CONFLICT, "%s already holds data (table %s); to overwrite it, add --replace",
				     db_url_redacted(to), used);
	}
	if (rc)
		goto out;
	rep->ntables = ts.n;
	rep->from = xcalloc(ts.n ? ts.n : 1, sizeof *rep->from);
	rep->to = xcalloc(ts.n ? ts.n : 1, sizeof *rep->to);
	rc = db_begin(dst, e);
	if (rc)
		goto out;
	/* SQLite checks foreign keys at COMMIT then, so a row may precede its parent */
	if (db_kind(to) == DB_SQLITE)
		rc = db_exec_script(dst, "PRAGMA defer_foreign_keys = ON", e);
	/* full-text indexes follow their tables through triggers, and a module may
	 * also fill one in bulk; bring them in step before rows are deleted through
	 * those triggers, and rebuild them from the copied rows at the end */
	if (!rc && db_kind(to) == DB_SQLITE)
		rc = rebuild_fts(dst, e);
	for (size_t i = ts.n; i-- > 0 && !rc;) {
		char sql[128];
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", ts.t[i].name);
		rc = db_exec_script(dst, sql, e);
	}
	for (size_t i = 0; i < ts.n && !rc; i++) {
		rc = copy_table(src, dst, &ts.t[i], &rep->from[i], e);
		if (!rc && db_kind(to) == DB_PG)
			rc = reset_identity(dst, &ts.t[i], e);
		if (!rc)
			log_info("copied %s: %" PRId64 " rows", ts.t[i].name, rep->from[i].rows);
	}
	if (!rc && db_kind(to) == DB_SQLITE)
		rc = rebuild_fts(dst, e);
	/* read it all back inside the same transaction: commit only a perfect copy */
	for (size_t i = 0; i < ts.n && !rc; i++)
		rc = table_sum(dst, &ts.t[i], &rep->to[i], e);
	for (size_t i = 0; i < ts.n && !rc; i++) {
		rep->rows += rep->from[i].rows;
		if (rep->from[i].rows != rep->to[i].rows || !str_eq(rep->from[i].checksum, rep->to[i].checksum))
			rc = err_set(e, ERR_DB, "table %s: the copy does not match the source (%lld rows, %lld copied);"
				     " nothing was written", ts.t[i].name, (long long)rep->from[i].rows,
				     (long long)rep->to[i].rows);
	}
	if (!rc)
		rc = db_commit(dst, e);
	else
		db_rollback(dst);
out:
	if (src && db_in_transaction(src))
		db_rollback(src);
	tables_free(&ts);
	tables_free(&td);
	db_release(dst);
	db_release(src);
	return rc;
}

int db_table_sums(struct db *db, struct db_table_sum **sums, size_t *n, struct err *e)
{
	*sums = NULL;
	*n = 0;
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium failed to start");
	struct db_conn *c = db_acquire(db, e);
	if (!c)
		return e->code;
	struct table_list l;
	int rc = db_begin_read(c, e);
	if (!rc)
		rc = read_catalog(c, &l, e);
	if (!rc) {
		*sums = xcalloc(l.n ? l.n : 1, sizeof **sums);
		for (size_t i = 0; i < l.n && !rc; i++)
			rc = table_sum(c, &l.t[i], &(*sums)[i], e);
		*n = l.n;
		tables_free(&l);
	}
	if (db_in_transaction(c))
		db_rollback(c);
	db_release(c);
	if (rc) {
		free(*sums);
		*sums = NULL;
		*n = 0;
	}
	return rc;
}
