/* cli.h — the git-style command table and small option parsing shared by the
 * subcommands. Errors go to stderr; exit status 2 for usage, 1 for failure. */
#ifndef MINKA_CLI_H
#define MINKA_CLI_H

#include "core/compat.h"

#define EXIT_USAGE 2

struct i18n_lang;

struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);  /* argv[0] is the subcommand name */
	const char *summary;
};

struct cli_flag {
	const char *name;        /* "--db" */
	const char **value;      /* set for flags that take a value */
	bool *set;               /* set for boolean flags */
};

/* Parses argv[1..]: known flags ("--x v" or "--x=v"), "--help", and up to maxpos
 * positional arguments. Returns 0, 1 when --help was given (usage printed to stdout),
 * or EXIT_USAGE with a message on stderr. */
int cli_parse(int argc, char **argv, const struct cli_flag *flags, size_t nflags, const char **pos, int *npos,
	      int maxpos, const char *usage);

/* The database to use: --db value, else $MINKA_DB, else "minka.db". */
const char *cli_db_url(const char *flag_value);
/* Directory of the bundled data (data/): $MINKA_DATA, ./data, or the build-time path. */
const char *cli_data_dir(void);
/* Prints "minka: <msg>" to stderr. */
void cli_error(const char *fmt, ...) MINKA_PRINTF(1, 2);
/* The CLI's language for messages (from $LANG; Spanish by default). */
const struct i18n_lang *cli_lang(void);

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_pb(int argc, char **argv);
int cmd_import_plan(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_copy(int argc, char **argv);
/* minka import projects (cmd_project.c) */
int cmd_import_projects(int argc, char **argv);
struct db;
struct err;
/* Imports an Invierte.pe CSV into the bank with the CLI's progress bar and
 * messages (also used by `minka init --demo`). 0, or 1 after printing why. */
int project_import_projects_cli(struct db *db, const char *path, bool skip_rejected, bool quiet, struct err *e);

/* minka import measurements (cmd_indicator.c) */
int cmd_import_measurements(int argc, char **argv);
/* Imports MINAM's district indicators from DIR (also used by `minka init
 * --demo` with the bundled subset). 0, or 1 after printing why. */
int indicator_import_cli(struct db *db, const char *dir, bool quiet, struct err *e);

/* Entry point: dispatches argv[1] through the table. */
int cli_main(int argc, char **argv);

#endif
