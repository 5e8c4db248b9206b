/* cli.c — command dispatch and option parsing. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/account.h"

#include <sys/stat.h>

#ifndef MINKA_DATA_DIR
#define MINKA_DATA_DIR "data"
#endif

static const struct cli_cmd commands[] = {
	{ "serve", cmd_serve, "run the web server" },
	{ "init", cmd_init, "create the database (--demo: with the demo municipality)" },
	{ "import", cmd_import, "import data (territories, a plan)" },
	{ "export", cmd_export, "export a plan (JSON, CSV, PDF)" },
	{ "user", cmd_user, "manage accounts and roles (add, passwd, role, list)" },
	{ "audit", cmd_audit, "verify or read the audit log" },
	{ "pb", cmd_pb, "participatory-budgeting allocation rules on Pabulib files" },
	{ "migrate", cmd_migrate, "bring the database schema up to date" },
	{ "copy", cmd_copy, "copy a whole database (SQLite <-> PostgreSQL), verified" },
	{ "version", cmd_version, "print the version" },
};

void cli_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	/* the format is a catalog id (English); the translation keeps its conversions */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(msg, sizeof msg, i18n_get(cli_lang(), fmt), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	fprintf(stderr, "minka: %s\n", msg);
}

int cli_parse(int argc, char **argv, const struct cli_flag *flags, size_t nflags, const char **pos, int *npos,
	      int maxpos, const char *usage)
{
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (str_eq(a, "--help") || str_eq(a, "-h")) {
			fputs(usage, stdout);
			return 1;
		}
		if (str_starts(a, "--")) {
			const char *eq = strchr(a, '=');
			size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
			size_t k;
			for (k = 0; k < nflags; k++)
				if (strlen(flags[k].name) == nlen && strncmp(flags[k].name, a, nlen) == 0)
					break;
			if (k == nflags) {
				cli_error("unknown option %.*s", (int)nlen, a);
				fputs(usage, stderr);
				return EXIT_USAGE;
			}
			if (flags[k].value) {
				if (eq) {
					*flags[k].value = eq + 1;
				} else if (i + 1 < argc) {
					*flags[k].value = argv[++i];
				} else {
					cli_error("option %s needs a value", flags[k].name);
					return EXIT_USAGE;
				}
			} else {
				if (eq) {
					cli_error("option %s takes no value", flags[k].name);
					return EXIT_USAGE;
				}
				*flags[k].set = true;
			}
			continue;
		}
		if (*npos == maxpos) {
			cli_error("unexpected argument \"%s\"", a);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
		pos[(*npos)++] = a;
	}
	return 0;
}

const char *cli_db_url(const char *flag_value)
{
	if (flag_value && *flag_value)
		return flag_value;
	const char *env = getenv("MINKA_DB");
	return env && *env ? env : "minka.db";
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_data_dir(void)
{
	const char *env = getenv("MINKA_DATA");
	if (env && *env)
		return env;
	if (is_dir("data/peru-ubigeo"))
		return "data";
	return MINKA_DATA_DIR;
}

const struct i18n_lang *cli_lang(void)
{
	const char *l = getenv("MINKA_LANG");
	if (!l || !*l)
		l = getenv("LANG");
	const struct i18n_lang *lang = NULL;
	if (l && strlen(l) >= 2) {
		char code[3] = { l[0], l[1], 0 };
		lang = i18n_find(code);
	}
	return lang ? lang : i18n_default();
}

static void usage(FILE *f)
{
	fputs("usage: minka <command> [options]\n\ncommands:\n", f);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'minka <command> --help' describes each command.\n", f);
}

int cli_main(int argc, char **argv)
{
	const char *lvl = getenv("MINKA_LOG");
	if (lvl && log_level_parse(lvl) >= 0)
		log_set_level((enum log_level)log_level_parse(lvl));
	const char *fast = getenv("MINKA_PWHASH_FAST");
	if (fast && str_eq(fast, "1"))
		account_set_hash_cost(true); /* tests only: the minimum argon2id cost */
	struct err e;
	err_init(&e, NULL);
	if (i18n_init(&e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (str_eq(argv[1], "--help") || str_eq(argv[1], "-h") || str_eq(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (str_eq(argv[1], "--version"))
		return cmd_version(1, argv + 1);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (str_eq(argv[1], commands[i].name)) {
			int rc = commands[i].fn(argc - 1, argv + 1);
			i18n_shutdown();
			return rc;
		}
	cli_error("unknown command \"%s\"", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
