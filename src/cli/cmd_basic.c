/* cmd_basic.c — minka init, minka import, minka version. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/demo.h"
#include "domain/territory.h"
#include "store/db.h"
#include "core/version.h"

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("minka %s\n", MINKA_VERSION);
	return 0;
}

/* Opens and migrates the database; prints the error and returns NULL on failure. */
static struct db *open_db(const char *url, struct err *e)
{
	struct db *db = NULL;
	if (db_open(url, 1, &db, e)) {
		cli_error("%s", e->msg);
		return NULL;
	}
	int version;
	if (db_migrate(db, &version, e)) {
		cli_error("%s", e->msg);
		db_close(db);
		return NULL;
	}
	return db;
}

static int import_territories(struct db *db, const char *dir, struct err *e)
{
	struct db_conn *c = db_acquire(db, e);
	if (!c) {
		cli_error("%s", e->msg);
		return 1;
	}
	struct territory_import_stats s;
	int rc = territory_import_dir(c, dir, &s, e);
	db_release(c);
	if (rc) {
		cli_error("%s", e->msg);
		cli_error("%s", tr(e->lang, "nothing was imported"));
		return 1;
	}
	char msg[256];
	printf("%s\n", trf(e->lang, msg, sizeof msg, "territory: %d regions, %d provinces, %d districts, %d governments",
			   s.regions, s.provinces, s.districts, s.governments));
	return 0;
}

static const char init_usage[] =
	"usage: minka init [--db PATH|URL] [--demo] [--data DIR]\n"
	"Creates the database (or brings its schema up to date) and imports the\n"
	"territory of Peru from DIR/peru-ubigeo. --demo also seeds the demo\n"
	"municipality (Municipalidad Provincial de Chachapoyas).\n";

int cmd_init(int argc, char **argv)
{
	const char *dbv = NULL, *data = NULL;
	bool demo = false;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL }, { "--data", &data, NULL }, { "--demo", NULL, &demo } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 0, init_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = open_db(cli_db_url(dbv), &e);
	if (!db)
		return 1;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/peru-ubigeo", data ? data : cli_data_dir());
	rc = import_territories(db, dir, &e);
	if (!rc && demo) {
		struct db_conn *c = db_acquire(db, &e);
		if (!c || demo_seed(c, &e)) {
			cli_error("%s", e.msg);
			rc = 1;
		} else {
			printf("%s\n", tr(e.lang, "demo municipality: Municipalidad Provincial de Chachapoyas (0101)"));
		}
		db_release(c);
	}
	db_close(db);
	return rc;
}

static const char import_usage[] =
	"usage: minka import territories DIR [--db PATH|URL]\n"
	"Imports departamentos.csv, provincias.csv and distritos.csv from DIR\n"
	"(the layout of data/peru-ubigeo). All or nothing: a bad row is reported\n"
	"with its file, line and column, and nothing is written.\n";

int cmd_import(int argc, char **argv)
{
	const char *dbv = NULL;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL } };
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 2, import_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 1) {
		fputs(import_usage, stderr);
		return EXIT_USAGE;
	}
	if (!str_eq(pos[0], "territories")) {
		cli_error("unknown import kind \"%s\"", pos[0]);
		fputs(import_usage, stderr);
		return EXIT_USAGE;
	}
	if (npos < 2) {
		cli_error("import territories needs a directory");
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = open_db(cli_db_url(dbv), &e);
	if (!db)
		return 1;
	rc = import_territories(db, pos[1], &e);
	db_close(db);
	return rc;
}
