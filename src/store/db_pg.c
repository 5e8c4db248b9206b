/* db_pg.c — the PostgreSQL backend over libpq: several stateless minka processes
 * share one database server.
 *
 * Statements: `?` placeholders become $1, $2, ... (db_pg_placeholders); a cached
 * statement is prepared once per connection under a name ("m1", "m2", ...) and
 * lives as long as the connection; a one-off statement (the same SQL already in
 * use on this connection, or a full cache) is checked with the unnamed statement
 * and run with PQexecParams. Every parameter travels as text and PostgreSQL infers
 * its type from the context. The first db_step runs the statement and keeps the
 * whole result; later steps walk its rows, so statements can be interleaved on one
 * connection as on SQLite. Values come back as text and are parsed here. (A
 * migration that changes a table under running servers is fine for statements
 * that name their columns: the server plans them again. `SELECT *` would fail
 * with "cached plan must not change result type": one more reason not to write it.)
 *
 * Transactions: db_begin is SERIALIZABLE (the guarantee SQLite's single writer
 * gives); serialization failures and deadlocks (SQLSTATE 40001, 40P01) become
 * ERR_RETRY for db_transact to retry; integrity violations (class 23) ERR_CONFLICT;
 * a lost connection or a server shutting down ERR_UNAVAILABLE (503), after which
 * db.c reopens the connection on its next use. A connection that the server closed
 * while it sat in the pool is noticed by pg_alive before it is handed out.
 *
 * The data generation is a sequence advanced right after each write's COMMIT and
 * on every new connection; why that is enough for the page cache: db_commit in
 * db.c. */
#include "core/compat.h"
#include "store/db_int.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <libpq-fe.h>
#include <math.h>
#include <poll.h>

/* Type OIDs (catalog/pg_type_d.h, stable since PostgreSQL 7). */
enum {
	OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_OID = 26,
	OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700,
};

#define PG_MIN_VERSION 130000 /* trusted extensions (unaccent), generated columns */

struct pg {
	PGconn *conn;
	unsigned next_name;
	int64_t changes;
};

struct pg_stmt {
	struct pg *pg;
	char name[16];      /* server-side name; "" for a one-off statement */
	char *sql;          /* translated text, kept for one-off statements */
	PGresult *desc;     /* parameter and column descriptions */
	int nparams, ncols;
	char **values;      /* bound parameters as text; NULL is SQL NULL */
	PGresult *res;      /* after the first step */
	int row, nrows;
};

/* ---- placeholders ---- */

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80; }

/* Length of a dollar-quote tag at p ("$$" or "$tag$"), 0 if p does not start one. */
static size_t dollar_tag(const char *p)
{
	if (p[0] != '$')
		return 0;
	size_t i = 1;
	if (isdigit((unsigned char)p[1]))
		return 0; /* $1: a positional parameter */
	while (ident_char(p[i]) && p[i] != '$')
		i++;
	return p[i] == '$' ? i + 1 : 0;
}

char *db_pg_placeholders(const char *sql, int *nparams)
{
	struct buf b;
	buf_init(&b, 0);
	int n = 0;
	const char *p = sql;
	while (*p) {
		const char *q = p;
		if (*p == '\'' || *p == '"') {
			char quote = *p;
			/* E'...' strings take backslash escapes */
			bool esc = quote == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
				   (p - 1 == sql || !ident_char(p[-2]));
			for (q = p + 1; *q; q++) {
				if (esc && *q == '\\' && q[1]) {
					q++;
				} else if (*q == quote) {
					if (q[1] == quote)
						q++;
					else
						break;
				}
			}
			q = *q ? q + 1 : q;
		} else if (p[0] == '-' && p[1] == '-') {
			q = p + strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			int depth = 0;
			for (q = p; *q; q++) {
				if (q[0] == '/' && q[1] == '*') {
					depth++;
					q++;
				} else if (q[0] == '*' && q[1] == '/') {
					q++;
					if (--depth == 0) {
						q++;
						break;
					}
				}
			}
		} else if (*p == '$' && (p == sql || !ident_char(p[-1])) && dollar_tag(p)) {
			size_t tl = dollar_tag(p);
			const char *end = p + tl;
			for (;;) {
				end = strchr(end, '$');
				if (!end || strncmp(end, p, tl) == 0)
					break;
				end++;
			}
			q = end ? end + tl : p + strlen(p);
		} else if (*p == '?') {
			buf_appendf(&b, "$%d", ++n);
			p++;
			continue;
		} else {
			q = p + 1;
		}
		buf_append(&b, p, (size_t)(q - p));
		p = q;
	}
	if (nparams)
		*nparams = n;
	size_t len;
	char *out = buf_detach(&b, &len);
	return out ? out : xstrdup("");
}

/* ---- errors ---- */

/* Copies a libpq message onto one line, without the "ERROR:  " prefix. */
static void one_line(const char *msg, char *out, size_t n)
{
	const char *s = msg ? msg : "";
	if (str_starts(s, "ERROR:  ") || str_starts(s, "FATAL:  "))
		s += 8;
	size_t j = 0;
	for (; *s && j + 1 < n; s++) {
		char c = *s == '\n' || *s == '\t' ? ' ' : *s;
		if (c == ' ' && (j == 0 || out[j - 1] == ' '))
			continue;
		out[j++] = c;
	}
	while (j && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
}

static int pg_error(struct pg *pg, const PGresult *r, struct err *e, const char *what)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	char msg[400];
	one_line(r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(pg->conn), msg, sizeof msg);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		log_warn("database connection lost (%s): %s", what, msg);
		return err_set(e, ERR_UNAVAILABLE, "The database connection was lost; please try again in a moment");
	}
	int code = ERR_DB;
	if (!state)
		code = ERR_DB;
	else if (str_eq(state, "40001") || str_eq(state, "40P01"))
		code = ERR_RETRY;
	else if (str_starts(state, "23"))
		code = ERR_CONFLICT;
	else if (str_starts(state, "08") || str_starts(state, "53") || str_starts(state, "57"))
		code = ERR_UNAVAILABLE;
	else if (str_starts(state, "54"))
		code = ERR_TOOBIG;
	if (code == ERR_UNAVAILABLE) {
		log_warn("database unavailable (%s): %s", what, msg);
		return err_set(e, ERR_UNAVAILABLE, "The database is not available at the moment (%s)", msg);
	}
	return err_set(e, code, "database: %s: %s", what, msg);
}

static void note_changes(struct pg *pg, const PGresult *r)
{
	const char *cmd = PQcmdStatus((PGresult *)r);
	if (str_starts(cmd, "INSERT ") || str_starts(cmd, "UPDATE ") || str_starts(cmd, "DELETE ") ||
	    str_starts(cmd, "MERGE "))
		pg->changes = strtoll(PQcmdTuples((PGresult *)r), NULL, 10);
}

static int result_ok(struct pg *pg, const PGresult *r, struct err *e, const char *what)
{
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) {
		note_changes(pg, r);
		return 0;
	}
	return pg_error(pg, r, e, what);
}

/* ---- connections ---- */

/* Server messages below ERROR: warnings go to the log, the rest to debug. */
static void on_notice(void *arg, const PGresult *r)
{
	(void)arg;
	const char *sev = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
	char msg[400];
	one_line(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), msg, sizeof msg);
	if (sev && (str_eq(sev, "WARNING") || str_eq(sev, "FATAL") || str_eq(sev, "PANIC")))
		log_warn("postgresql: %s", msg);
	else
		log_debug("postgresql: %s", msg);
}

static int pg_exec(void *h, const char *sql, struct err *e)
{
	struct pg *pg = h;
	PGresult *r = PQexec(pg->conn, sql);
	int rc = result_ok(pg, r, e, "exec");
	PQclear(r);
	return rc;
}

static int pg_connect(const char *url, void **handle, struct err *e)
{
	char red[1024];
	db_redact_url(url, red, sizeof red);
	char *perr = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &perr);
	if (!opts) {
		char msg[400];
		one_line(perr ? perr : "out of memory", msg, sizeof msg);
		PQfreemem(perr);
		return err_set(e, ERR_INVALID, "invalid database URL %s: %s", red, msg);
	}
	PQconninfoFree(opts);
	/* Defaults first: the URL's own parameters override them. */
	const char *const keys[] = { "fallback_application_name", "connect_timeout", "keepalives_idle",
				     "keepalives_interval", "keepalives_count", "dbname", NULL };
	const char *const vals[] = { "minka", "10", "60", "10", "3", url, NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	if (!c)
		return err_set(e, ERR_UNAVAILABLE, "cannot connect to the database %s: %s", red, "out of memory");
	if (PQstatus(c) != CONNECTION_OK) {
		char msg[400];
		one_line(PQerrorMessage(c), msg, sizeof msg);
		PQfinish(c);
		return err_set(e, ERR_UNAVAILABLE, "cannot connect to the database %s: %s", red, msg);
	}
	if (PQserverVersion(c) < PG_MIN_VERSION) {
		int v = PQserverVersion(c);
		PQfinish(c);
		return err_set(e, ERR_UNAVAILABLE, "%s: PostgreSQL %d.%d is too old (minka needs 13 or later)", red,
			       v / 10000, v % 10000);
	}
	PQsetNoticeReceiver(c, on_notice, NULL);
	struct pg *pg = xcalloc(1, sizeof *pg);
	pg->conn = c;
	/* UTF-8 whatever the URL says; a new connection may follow a server crash that
	 * lost a generation bump, so it advances the generation (see db_commit). */
	int rc = PQsetClientEncoding(c, "UTF8") ? err_set(e, ERR_UNAVAILABLE, "cannot connect to the database %s: %s",
							   red, "client_encoding UTF8") : 0;
	if (!rc)
		rc = pg_exec(pg, "SELECT nextval(to_regclass('minka_generation'))"
				 " WHERE to_regclass('minka_generation') IS NOT NULL", e);
	if (rc) {
		PQfinish(c);
		free(pg);
		return rc;
	}
	*handle = pg;
	return 0;
}

static void pg_disconnect(void *h)
{
	struct pg *pg = h;
	PQfinish(pg->conn);
	free(pg);
}

/* A connection idle in the pool has nothing to read. If the socket is readable,
 * the server has said something on its own: almost always a FATAL message before
 * it closed the connection (shutdown, pg_terminate_backend, idle timeout). Read it
 * and see whether the connection survived. */
static bool pg_alive(void *h)
{
	struct pg *pg = h;
	for (int i = 0; i < 4; i++) {
		if (PQstatus(pg->conn) != CONNECTION_OK)
			return false;
		struct pollfd p = { .fd = PQsocket(pg->conn), .events = POLLIN };
		if (p.fd < 0)
			return false;
		if (poll(&p, 1, 0) <= 0)
			return true;
		if (!PQconsumeInput(pg->conn))
			return false;
		PGresult *r;
		while (!PQisBusy(pg->conn) && (r = PQgetResult(pg->conn)))
			PQclear(r);
	}
	return PQstatus(pg->conn) == CONNECTION_OK;
}

/* ---- statements ---- */

static void stmt_clear_values(struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

static void pg_reset(void *p)
{
	struct pg_stmt *st = p;
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	stmt_clear_values(st);
}

/* Named statements are not deallocated one by one: db.c finalizes a cached
 * statement only when it closes the connection, which drops them all. */
static void pg_finalize(void *h, void *p)
{
	(void)h;
	struct pg_stmt *st = p;
	pg_reset(st);
	PQclear(st->desc);
	free(st->values);
	free(st->sql);
	free(st);
}

static int pg_prepare(void *h, const char *sql, bool persistent, void **out, struct err *e)
{
	struct pg *pg = h;
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->pg = pg;
	st->row = -1;
	st->sql = db_pg_placeholders(sql, NULL);
	if (persistent)
		snprintf(st->name, sizeof st->name, "m%u", ++pg->next_name);
	PGresult *r = PQprepare(pg->conn, st->name, st->sql, 0, NULL);
	int rc = result_ok(pg, r, e, "prepare");
	PQclear(r);
	if (!rc) {
		st->desc = PQdescribePrepared(pg->conn, st->name);
		rc = result_ok(pg, st->desc, e, "prepare");
	}
	if (rc) {
		pg_finalize(pg, st);
		return rc;
	}
	st->nparams = PQnparams(st->desc);
	st->ncols = PQnfields(st->desc);
	st->values = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->values);
	if (persistent) {
		free(st->sql);
		st->sql = NULL;
	}
	*out = st;
	return 0;
}

static void bind_owned(struct pg_stmt *st, int idx, char *v)
{
	if (idx < 1 || idx > st->nparams) {
		free(v);
		return;
	}
	free(st->values[idx - 1]);
	st->values[idx - 1] = v;
}

static void pg_bind_int64(void *p, int i, int64_t v) { bind_owned(p, i, xasprintf("%" PRId64, v)); }
static void pg_bind_text(void *p, int i, const char *s) { bind_owned(p, i, xstrdup(s)); }
static void pg_bind_null(void *p, int i) { bind_owned(p, i, NULL); }
static void pg_bind_double(void *p, int i, double v)
{
	if (isnan(v))
		bind_owned(p, i, xstrdup("NaN"));
	else if (isinf(v))
		bind_owned(p, i, xstrdup(v > 0 ? "Infinity" : "-Infinity"));
	else
		bind_owned(p, i, xasprintf("%.17g", v)); /* round-trips exactly */
}

static int pg_step(void *h, void *p, struct err *e)
{
	struct pg *pg = h;
	struct pg_stmt *st = p;
	if (!st->res) {
		const char *const *values = (const char *const *)st->values;
		PGresult *r = st->name[0] ? PQexecPrepared(pg->conn, st->name, st->nparams, values, NULL, NULL, 0)
					  : PQexecParams(pg->conn, st->sql, st->nparams, NULL, values, NULL, NULL, 0);
		int rc = result_ok(pg, r, e, "step");
		if (rc) {
			PQclear(r);
			return rc;
		}
		st->res = r;
		st->nrows = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) : 0;
		st->row = -1;
	}
	if (st->row < st->nrows)
		st->row++;
	return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static bool have_value(const struct pg_stmt *st, int c)
{
	return st->res && st->row >= 0 && st->row < st->nrows && c >= 0 && c < st->ncols;
}

static int pg_col_count(void *p) { return ((struct pg_stmt *)p)->ncols; }

static const char *pg_col_name(void *p, int c)
{
	struct pg_stmt *st = p;
	return c >= 0 && c < st->ncols ? PQfname(st->desc, c) : NULL;
}

static bool pg_col_null(void *p, int c)
{
	struct pg_stmt *st = p;
	return !have_value(st, c) || PQgetisnull(st->res, st->row, c);
}

static Oid col_oid(const struct pg_stmt *st, int c) { return PQftype(st->desc, c); }

static enum db_type pg_col_type(void *p, int c)
{
	struct pg_stmt *st = p;
	if (pg_col_null(st, c))
		return DB_TYPE_NULL;
	switch (col_oid(st, c)) {
	case OID_BOOL: case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID: return DB_TYPE_INT;
	case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: return DB_TYPE_FLOAT;
	case OID_BYTEA: return DB_TYPE_BLOB;
	default: return DB_TYPE_TEXT;
	}
}

static const char *pg_col_text(void *p, int c)
{
	struct pg_stmt *st = p;
	if (pg_col_null(st, c))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, c);
	if (col_oid(st, c) == OID_BOOL)
		return v[0] == 't' ? "1" : "0"; /* as SQLite shows a comparison */
	return v;
}

static int64_t pg_col_int64(void *p, int c)
{
	const char *v = pg_col_text(p, c);
	if (!v)
		return 0;
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (*end == '\0' && errno == 0)
		return n;
	/* a float or numeric with a fraction: truncate, as SQLite does */
	double d = strtod(v, NULL);
	if (isnan(d))
		return 0;
	if (d >= 9223372036854775807.0)
		return INT64_MAX;
	if (d <= -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t)d;
}

static double pg_col_double(void *p, int c)
{
	const char *v = pg_col_text(p, c);
	return v ? strtod(v, NULL) : 0.0; /* strtod reads "Infinity" and "NaN" too */
}

static int64_t pg_changes(void *h) { return ((struct pg *)h)->changes; }

/* COMMIT and, for a write, the generation bump in one round trip (two statements
 * in one query string: the server runs the second in its own transaction right
 * after the first succeeds, whether or not minka is still there to read it). */
static int pg_commit(void *h, bool bump, struct err *e)
{
	struct pg *pg = h;
	if (!PQsendQuery(pg->conn, bump ? "COMMIT; SELECT nextval('minka_generation')" : "COMMIT"))
		return pg_error(pg, NULL, e, "commit");
	int rc = 0, i = 0;
	PGresult *r;
	while ((r = PQgetResult(pg->conn))) {
		if (i++ == 0) {
			rc = result_ok(pg, r, e, "commit");
			/* COMMIT of a transaction that had failed answers ROLLBACK */
			if (!rc && !str_eq(PQcmdStatus(r), "COMMIT"))
				rc = err_set(e, ERR_DB, "database: %s: %s", "commit", "the transaction was rolled back");
		} else if (!rc && PQresultStatus(r) != PGRES_TUPLES_OK) {
			char msg[400];
			one_line(PQresultErrorMessage(r), msg, sizeof msg);
			log_warn("committed, but the data generation was not advanced: %s", msg);
		}
		PQclear(r);
	}
	if (i == 0 && !rc)
		rc = pg_error(pg, NULL, e, "commit");
	return rc;
}

/* A COMMIT that failed (a serialization failure) already ended the transaction:
 * a ROLLBACK then would only earn a warning. */
static int pg_rollback(void *h, struct err *e)
{
	struct pg *pg = h;
	if (PQtransactionStatus(pg->conn) == PQTRANS_IDLE)
		return 0;
	return pg_exec(pg, "ROLLBACK", e);
}

/* BIGINT identity: assigned by default, but an explicit id (minka copy) is kept. */
static char *pg_dialect(const char *sql)
{
	static const char from[] = "@ID@", to[] = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
	struct buf b;
	buf_init(&b, 0);
	const char *p = sql, *q;
	while ((q = strstr(p, from))) {
		buf_append(&b, p, (size_t)(q - p));
		buf_appends(&b, to);
		p = q + strlen(from);
	}
	buf_appends(&b, p);
	size_t len;
	char *out = buf_detach(&b, &len);
	return out ? out : xstrdup("");
}

/* What the store needs in every database, created before the first migration:
 * the generation sequence, started at the clock in milliseconds so that a
 * database recreated under running servers never repeats a generation they
 * cached. And a warning for a database whose LC_CTYPE is C, where the text-search
 * parser takes non-ASCII punctuation for letters (store/search.c). */
static const char pg_setup[] =
	"DO $minka$\n"
	"BEGIN\n"
	"  IF to_regclass('minka_generation') IS NULL THEN\n"
	"    CREATE SEQUENCE minka_generation;\n"
	"    PERFORM setval('minka_generation', (extract(epoch FROM clock_timestamp()) * 1000)::bigint);\n"
	"  END IF;\n"
	"  IF (SELECT datctype FROM pg_database WHERE datname = current_database()) IN ('C', 'POSIX') THEN\n"
	"    RAISE WARNING 'database % has LC_CTYPE C: full-text search will not cut words at non-ASCII"
	" punctuation; create it with a UTF-8 locale (C.UTF-8)', current_database();\n"
	"  END IF;\n"
	"END\n"
	"$minka$;\n";

const struct db_backend db_pg_backend = {
	.name = "postgresql",
	.kind = DB_PG,
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_int64 = pg_bind_int64,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.reset = pg_reset,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_null = pg_col_null,
	.col_int64 = pg_col_int64,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.changes = pg_changes,
	.begin_sql = "BEGIN ISOLATION LEVEL SERIALIZABLE",
	.begin_read_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	.commit = pg_commit,
	.rollback = pg_rollback,
	.generation_sql = "SELECT last_value FROM minka_generation",
	.setup_sql = pg_setup,
	/* a session lock, taken before any transaction: a transaction-level lock would
	 * be taken after the transaction's snapshot, which could then miss the
	 * migration that the lock's previous holder just committed */
	.migrate_lock_sql = "SELECT pg_advisory_lock(7346)",
	.migrate_unlock_sql = "SELECT pg_advisory_unlock(7346)",
	.alive = pg_alive,
	.dialect_sql = pg_dialect,
};
