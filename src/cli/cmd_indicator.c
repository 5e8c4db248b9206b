/* cmd_indicator.c — minka import measurements DIR: MINAM's district
 * population and solid-waste table as indicators with their yearly series. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "domain/indicator.h"
#include "store/db.h"

static const char usage[] =
	"usage: minka import measurements DIR [--db PATH|URL]\n"
	"Loads DIR/" MINAM_CSV "\n"
	"(the layout of ../shared/data/municipal-indicators/peru-minam-residuos-poblacion:\n"
	"district population total/urban/rural and municipal solid waste 2019-2023) as\n"
	"five indicators per district with their yearly series: population (with its\n"
	"urban and rural cells), waste generated, inorganic waste recovered, the share\n"
	"recovered and the waste per inhabitant. Importing again refreshes the values.\n"
	"All or nothing: refused rows are listed with their line and column and nothing\n"
	"is written.\n";

int indicator_import_cli(struct db *db, const char *dir, bool quiet, struct err *e)
{
	struct db_conn *c = db_acquire(db, e);
	if (!c) {
		cli_error("%s", e->msg);
		return 1;
	}
	struct actor who;
	actor_cli(&who);
	struct indicator_import_stats st;
	json_t *rejected = NULL;
	int rc = indicator_import_dir(c, &who, clock_now(), dir, &st, &rejected, e);
	db_release(c);
	size_t i;
	json_t *r;
	json_array_foreach(rejected, i, r)
		cli_error("%s", json_get_str(r, "message", ""));
	if (st.rejected > (int64_t)json_array_size(rejected)) {
		char more[200];
		cli_error("%s", trf(e->lang, more, sizeof more, "... and %lld more refused rows",
				    (long long)(st.rejected - (int64_t)json_array_size(rejected))));
	}
	json_decref(rejected);
	if (rc) {
		cli_error("%s", e->msg);
		if (st.rejected == 0)
			cli_error("%s", tr(e->lang, "nothing was imported"));
		return 1;
	}
	if (!quiet) {
		char msg[400];
		printf("%s\n", trf(e->lang, msg, sizeof msg,
				   "measurements: %lld rows, %lld districts, %lld new indicators, %lld values written",
				   (long long)st.rows, (long long)st.districts, (long long)st.indicators_created,
				   (long long)st.measurements));
	}
	return 0;
}

int cmd_import_measurements(int argc, char **argv)
{
	const char *dbv = NULL;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 1) {
		cli_error("import measurements needs a directory");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = NULL;
	int version;
	if (db_open(cli_db_url(dbv), 1, &db, &e) || db_migrate(db, &version, &e)) {
		cli_error("%s", e.msg);
		db_close(db);
		return 1;
	}
	rc = indicator_import_cli(db, pos[0], false, &e);
	db_close(db);
	return rc;
}
