/* cmd_basic.c — minka init, minka import, minka version. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/account.h"
#include "domain/demo.h"
#include "domain/territory.h"
#include "store/db.h"
#include "core/date.h"
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
	struct actor who;
	actor_cli(&who);
	int rc = territory_import_dir(c, &who, clock_now(), dir, &s, e);
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
	"usage: minka init [--db PATH|URL] [--demo] [--data DIR] [--admin EMAIL]\n"
	"Creates the database (or brings its schema up to date) and imports the\n"
	"territory of Peru from DIR/peru-ubigeo. If there is no administrator yet,\n"
	"creates one (--admin EMAIL, default admin@minka.local) with a random password\n"
	"printed once. --demo also seeds the demo municipality (Municipalidad\n"
	"Provincial de Chachapoyas) and one demo account per role, and imports the\n"
	"real Invierte.pe projects of its province (DIR/" DEMO_PROJECTS_CSV ")\n"
	"and MINAM's district indicators of its region (DIR/" DEMO_MEASUREMENTS_DIR ").\n";

/* Creates the first administrator unless one exists. */
static int first_admin(struct db *db, const char *email, struct err *e)
{
	struct db_conn *c = db_acquire(db, e);
	if (!c) {
		cli_error("%s", e->msg);
		return 1;
	}
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM role_grant WHERE role = 'admin'", e);
	int rc = st ? db_step(st, e) : e->code;
	int64_t admins = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc < 0 || admins > 0) {
		db_release(c);
		return rc < 0 ? (cli_error("%s", e->msg), 1) : 0;
	}
	char password[TOKEN_TEXT_MAX];
	token_new("", password);
	password[20] = '\0';
	struct actor who;
	actor_cli(&who);
	int64_t id;
	bool own;
	int64_t now = clock_now();
	rc = db_tx_enter(c, &own, e);
	if (!rc)
		rc = account_create(c, &who, now, email, "Administrador", password, NULL, &id, e);
	if (!rc)
		rc = account_grant(c, &who, now, id, ROLE_ADMIN, NULL, e);
	rc = db_tx_leave(c, own, rc, e);
	db_release(c);
	if (rc) {
		cli_error("%s", e->msg);
		return 1;
	}
	char msg[300];
	printf("%s\n", trf(e->lang, msg, sizeof msg, "administrator: %s  password: %s  (shown once: change it after signing in)",
			   email, password));
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *dbv = NULL, *data = NULL, *admin = NULL;
	bool demo = false;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL }, { "--data", &data, NULL }, { "--demo", NULL, &demo },
					  { "--admin", &admin, NULL } };
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
		struct actor who;
		actor_cli(&who);
		if (!c || demo_seed(c, &who, clock_now(), &e)) {
			cli_error("%s", e.msg);
			rc = 1;
		}
		db_release(c);
		c = NULL;
		char csv[4096];
		snprintf(csv, sizeof csv, "%s/%s", data ? data : cli_data_dir(), DEMO_PROJECTS_CSV);
		if (!rc)
			rc = project_import_projects_cli(db, csv, false, true, &e);
		char minam[4096];
		snprintf(minam, sizeof minam, "%s/%s", data ? data : cli_data_dir(), DEMO_MEASUREMENTS_DIR);
		if (!rc)
			rc = indicator_import_cli(db, minam, true, &e);
		if (!rc) {
			/* the imported projects serve the demo plans where their titles say so,
			 * then the participatory budget draws proposals from them */
			c = db_acquire(db, &e);
			if (!c || demo_align_projects(c, &who, clock_now(), NULL, &e) ||
			    demo_seed_pb(c, &who, clock_now(), &e)) {
				cli_error("%s", e.msg);
				rc = 1;
			}
			db_release(c);
			c = NULL;
		}
		if (!rc) {
			printf("%s\n", tr(e.lang, "demo municipality: Municipalidad Provincial de Chachapoyas (0101)"));
			char msg[300];
			printf("%s\n", trf(e.lang, msg, sizeof msg, "demo accounts (password %s):", DEMO_PASSWORD));
			for (size_t i = 0; i < demo_accounts_count; i++)
				printf("  %-30s %-10s %s\n", demo_accounts[i].email, demo_accounts[i].role,
				       demo_accounts[i].territory ? demo_accounts[i].territory : "*");
		}
		db_release(c);
	} else if (!rc) {
		rc = first_admin(db, admin ? admin : "admin@minka.local", &e);
	}
	db_close(db);
	return rc;
}

static const char import_usage[] =
	"usage: minka import territories DIR [--db PATH|URL]\n"
	"       minka import plan FILE --territory CODE [...]   (minka import plan --help)\n"
	"       minka import projects FILE.csv [--db PATH|URL] [--skip-rejected]\n"
	"       minka import measurements DIR [--db PATH|URL]\n"
	"territories: departamentos.csv, provincias.csv and distritos.csv from DIR\n"
	"(the layout of data/peru-ubigeo). plan: a plan as minka JSON or a spreadsheet\n"
	"CSV. projects: an Invierte.pe extract (see 'minka import projects --help').\n"
	"measurements: MINAM's district indicators (see 'minka import measurements --help').\n"
	"All or nothing: a bad row is reported with its file, line and column, and\n"
	"nothing is written.\n";

int cmd_import(int argc, char **argv)
{
	if (argc >= 2 && str_eq(argv[1], "plan"))
		return cmd_import_plan(argc, argv);
	if (argc >= 2 && str_eq(argv[1], "projects"))
		return cmd_import_projects(argc - 1, argv + 1);
	if (argc >= 2 && str_eq(argv[1], "measurements"))
		return cmd_import_measurements(argc - 1, argv + 1);
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
