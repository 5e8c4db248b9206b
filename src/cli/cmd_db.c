/* cmd_db.c — minka migrate and minka copy: the database itself, whichever the
 * backend. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "store/copy.h"
#include "store/db.h"

static const char migrate_usage[] =
	"usage: minka migrate [--db PATH|URL]\n"
	"Brings the database's schema up to date with this minka (the migrations it\n"
	"carries) and prints the version reached. The database is --db, else\n"
	"$MINKA_DB, else ./minka.db (SQLite); postgres://user@host/dbname for PostgreSQL.\n"
	"Safe to run from several machines at once: each migration is applied once.\n";

int cmd_migrate(int argc, char **argv)
{
	const char *dbv = NULL;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 0, migrate_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = NULL;
	if (db_open(cli_db_url(dbv), 1, &db, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	int version = 0;
	rc = db_migrate(db, &version, &e);
	if (rc) {
		cli_error("%s", e.msg);
	} else {
		char msg[600];
		printf("%s\n", trf(e.lang, msg, sizeof msg, "%s (%s): schema version %d", db_url_redacted(db),
				   db_kind_name(db), version));
	}
	db_close(db);
	return rc ? 1 : 0;
}

static const char copy_usage[] =
	"usage: minka copy --from SOURCE --to TARGET [--replace]\n"
	"Copies a whole minka database into another, between SQLite and PostgreSQL\n"
	"in either direction (a path for SQLite, postgres://user@host/dbname for\n"
	"PostgreSQL): every table in dependency order, ids included, in one\n"
	"transaction; then compares each table's row count and checksum on both\n"
	"sides and commits only if all match. The target must be new (an empty\n"
	"database) unless --replace is given, which empties it first. The source is\n"
	"only read, from one consistent snapshot; both must be at the schema version\n"
	"of this minka (minka migrate).\n";

static void print_report(const struct db_copy_report *rep, const struct i18n_lang *lang)
{
	char msg[200];
	printf("%-28s %10s  %-32s  %s\n", tr(lang, "table"), tr(lang, "rows"), tr(lang, "checksum"), "");
	for (size_t i = 0; i < rep->ntables; i++) {
		const struct db_table_sum *a = &rep->from[i], *b = &rep->to[i];
		bool same = a->rows == b->rows && str_eq(a->checksum, b->checksum);
		printf("%-28s %10" PRId64 "  %-32s  %s\n", a->name, a->rows, a->checksum,
		       same ? "=" : trf(lang, msg, sizeof msg, "copy: %lld rows, %s", (long long)b->rows, b->checksum));
	}
}

int cmd_copy(int argc, char **argv)
{
	const char *fromv = NULL, *tov = NULL;
	bool replace = false;
	const struct cli_flag flags[] = { { "--from", &fromv, NULL }, { "--to", &tov, NULL }, { "--replace", NULL, &replace } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 0, copy_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (!fromv || !*fromv || !tov || !*tov) {
		cli_error("copy needs --from and --to");
		fputs(copy_usage, stderr);
		return EXIT_USAGE;
	}
	if (str_eq(fromv, tov)) {
		cli_error("--from and --to name the same database");
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *from = NULL, *to = NULL;
	if (db_open(fromv, 1, &from, &e) || db_open(tov, 1, &to, &e)) {
		cli_error("%s", e.msg);
		db_close(from);
		return 1;
	}
	struct db_copy_report rep;
	rc = db_copy(from, to, replace, &rep, &e);
	if (rep.ntables)
		print_report(&rep, e.lang);
	char msg[1200];
	if (rc) {
		cli_error("%s", e.msg);
	} else {
		printf("%s\n", trf(e.lang, msg, sizeof msg,
				   "copied %zu tables, %lld rows, schema version %d: %s (%s) to %s (%s); counts and"
				   " checksums match",
				   rep.ntables, (long long)rep.rows, rep.version, db_url_redacted(from), db_kind_name(from),
				   db_url_redacted(to), db_kind_name(to)));
	}
	db_copy_report_release(&rep);
	db_close(from);
	db_close(to);
	return rc ? 1 : 0;
}
