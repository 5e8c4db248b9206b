/* cmd_project.c — minka import projects FILE.csv: the Invierte.pe extract into
 * the project bank, with a progress bar on a terminal and the refused rows
 * listed by line. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "domain/project.h"
#include "store/db.h"

static const char usage[] =
	"usage: minka import projects FILE.csv [--db PATH|URL] [--skip-rejected]\n"
	"Imports Invierte.pe investment projects (the layout of\n"
	"../shared/data/peru-inversion-publica) into the project bank: rows of one CUI\n"
	"become one project with several locations; a CUI already in the bank gets its\n"
	"figures refreshed and keeps its status. All or nothing: refused rows are listed\n"
	"with their line and nothing is written, unless --skip-rejected imports the rest.\n";

struct bar {
	bool tty;
	int last;
	const char *label;
};

static void progress(size_t done, size_t total, void *arg)
{
	struct bar *b = arg;
	if (!b->tty || total == 0)
		return;
	int pct = (int)(done * 100 / total);
	if (pct == b->last)
		return;
	b->last = pct;
	char bar[41];
	int fill = pct * 40 / 100;
	for (int i = 0; i < 40; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[40] = '\0';
	fprintf(stderr, "\r%s [%s] %3d %%", b->label, bar, pct);
	if (pct == 100)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Shared with `minka init --demo` (the bundled subset). 0 or 1 (message printed). */
int project_import_projects_cli(struct db *db, const char *path, bool skip_rejected, bool quiet, struct err *e)
{
	struct db_conn *c = db_acquire(db, e);
	if (!c) {
		cli_error("%s", e->msg);
		return 1;
	}
	struct actor who;
	actor_cli(&who);
	struct bar b = { .tty = !quiet && isatty(STDERR_FILENO), .last = -1, .label = tr(e->lang, "importing projects") };
	struct project_import_opts opts = { .skip_rejected = skip_rejected, .progress = progress, .progress_arg = &b };
	struct project_import_stats st;
	json_t *rejected = NULL;
	int rc = project_import_csv(c, &who, clock_now(), path, &opts, &st, &rejected, e);
	db_release(c);
	if (b.tty && b.last >= 0 && b.last < 100)
		fputc('\n', stderr);
	size_t i;
	json_t *r;
	json_array_foreach(rejected, i, r)
		cli_error("%s: %s", path, json_get_str(r, "message", ""));
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
				   "projects: %lld rows, %lld new, %lld updated, %lld more locations of the same CUI, %lld refused",
				   (long long)st.rows, (long long)st.created, (long long)st.updated, (long long)st.merged,
				   (long long)st.rejected));
	}
	return 0;
}

int cmd_import_projects(int argc, char **argv)
{
	const char *dbv = NULL;
	bool skip = false;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL }, { "--skip-rejected", NULL, &skip } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 1) {
		cli_error("import projects needs a CSV file");
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
	rc = project_import_projects_cli(db, pos[0], skip, false, &e);
	db_close(db);
	return rc;
}
