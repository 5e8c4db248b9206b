/* cmd_user.c — minka user add|passwd|role|list and minka audit verify|log. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "store/db.h"

static const char user_usage[] =
	"usage: minka user add EMAIL --name NAME [--role ROLE [--territory CODE]] [--residence CODE] [--db URL]\n"
	"       minka user passwd EMAIL [--db URL]\n"
	"       minka user role EMAIL ROLE [--territory CODE] [--remove] [--db URL]\n"
	"       minka user list [--db URL]\n"
	"Passwords are read from standard input (one line); when standard input is a\n"
	"terminal and empty, a random password is generated and printed once.\n"
	"Roles: admin, planner, council, agent, vigilance, citizen. A role without\n"
	"--territory covers the whole installation.\n";

static struct db *open_migrated(const char *url, struct err *e)
{
	struct db *db = NULL;
	int v;
	if (db_open(url, 1, &db, e) || db_migrate(db, &v, e)) {
		cli_error("%s", e->msg);
		db_close(db);
		return NULL;
	}
	return db;
}

/* Reads a password line from stdin, or makes one. Returns true if generated. */
static bool read_password(char *out, size_t n)
{
	out[0] = '\0';
	if (!isatty(STDIN_FILENO) && fgets(out, (int)n, stdin)) {
		out[strcspn(out, "\r\n")] = '\0';
		if (*out)
			return false;
	}
	char t[TOKEN_TEXT_MAX];
	token_new("", t);
	snprintf(out, n, "%.20s", t);
	return true;
}

int cmd_user(int argc, char **argv)
{
	const char *dbv = NULL, *name = NULL, *role = NULL, *territory = NULL, *residence = NULL;
	bool remove = false;
	const struct cli_flag flags[] = {
		{ "--db", &dbv, NULL }, { "--name", &name, NULL }, { "--role", &role, NULL },
		{ "--territory", &territory, NULL }, { "--residence", &residence, NULL }, { "--remove", NULL, &remove },
	};
	const char *pos[3];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 3, user_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 1) {
		fputs(user_usage, stderr);
		return EXIT_USAGE;
	}
	const char *sub = pos[0];
	bool known = str_eq(sub, "add") || str_eq(sub, "passwd") || str_eq(sub, "role") || str_eq(sub, "list");
	if (!known) {
		cli_error("unknown user command \"%s\"", sub);
		fputs(user_usage, stderr);
		return EXIT_USAGE;
	}
	if ((!str_eq(sub, "list") && npos < 2) || (str_eq(sub, "role") && npos < 3) || (str_eq(sub, "add") && !name)) {
		fputs(user_usage, stderr);
		return EXIT_USAGE;
	}
	int rolev = -1;
	const char *role_text = str_eq(sub, "role") ? pos[2] : role;
	if (role_text && (rolev = role_parse(role_text)) < 0) {
		cli_error("unknown role \"%s\"", role_text);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = open_migrated(cli_db_url(dbv), &e);
	if (!db)
		return 1;
	struct db_conn *c = db_acquire(db, &e);
	struct actor who;
	actor_cli(&who);
	int64_t now = clock_now();
	rc = 0;
	if (!c) {
		rc = e.code;
	} else if (str_eq(sub, "list")) {
		json_t *items;
		int64_t total;
		rc = account_list(c, 500, 0, &items, &total, &e);
		size_t i;
		json_t *a;
		if (!rc) {
			json_array_foreach(items, i, a) {
				printf("%-6" JSON_INTEGER_FORMAT " %-32s %-28s", json_integer_value(json_object_get(a, "id")),
				       json_get_str(a, "email", ""), json_get_str(a, "name", ""));
				size_t k;
				json_t *g;
				json_array_foreach(json_object_get(a, "roles"), k, g)
					printf(" %s:%s", json_get_str(g, "role", ""), json_get_str(g, "territory", "*"));
				printf("%s\n", json_is_true(json_object_get(a, "active")) ? "" : " (inactive)");
			}
			json_decref(items);
		}
	} else if (str_eq(sub, "add")) {
		char pw[PASSWORD_MAX + 2];
		bool generated = read_password(pw, sizeof pw);
		int64_t id;
		bool own;
		rc = db_tx_enter(c, &own, &e);
		if (!rc)
			rc = account_create(c, &who, now, pos[1], name, pw, residence, &id, &e);
		if (!rc && rolev >= 0)
			rc = account_grant(c, &who, now, id, (enum role)rolev, territory, &e);
		rc = db_tx_leave(c, own, rc, &e);
		if (!rc) {
			printf("%s %" PRId64 "\n", pos[1], id);
			if (generated)
				printf("password: %s\n", pw);
		}
	} else {
		struct account a;
		rc = account_find_email(c, pos[1], &a, &e);
		if (!rc && str_eq(sub, "passwd")) {
			char pw[PASSWORD_MAX + 2];
			bool generated = read_password(pw, sizeof pw);
			rc = account_set_password(c, &who, now, a.id, pw, &e);
			if (!rc && generated)
				printf("password: %s\n", pw);
		} else if (!rc) {
			rc = remove ? account_revoke(c, &who, now, a.id, (enum role)rolev, territory, &e)
				    : account_grant(c, &who, now, a.id, (enum role)rolev, territory, &e);
		}
	}
	db_release(c);
	db_close(db);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	return 0;
}

static const char audit_usage[] =
	"usage: minka audit verify [--db URL]\n"
	"       minka audit log [--entity KIND] [--limit N] [--db URL]\n"
	"verify walks the hash chain of the audit log and names the first entry that\n"
	"was altered, removed or inserted (exit status 1 if any).\n";

int cmd_audit(int argc, char **argv)
{
	const char *dbv = NULL, *entity = NULL, *limitv = NULL;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL }, { "--entity", &entity, NULL }, { "--limit", &limitv, NULL } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, audit_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	int64_t limit = 50;
	if (npos != 1 || !(str_eq(pos[0], "verify") || str_eq(pos[0], "log")) ||
	    (limitv && (str_to_int64(limitv, &limit) || limit < 1 || limit > 100000))) {
		fputs(audit_usage, stderr);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = open_migrated(cli_db_url(dbv), &e);
	if (!db)
		return 1;
	struct db_conn *c = db_acquire(db, &e);
	if (!c) {
		cli_error("%s", e.msg);
		db_close(db);
		return 1;
	}
	int status = 0;
	if (str_eq(pos[0], "verify")) {
		struct audit_report rep;
		rc = audit_verify(c, &rep, &e);
		if (!rc && rep.bad_seq) {
			char msg[400];
			fprintf(stderr, "%s\n", trf(e.lang, msg, sizeof msg, "audit log NOT intact: %s", rep.problem));
			status = 1;
		} else if (!rc) {
			char msg[400];
			printf("%s\n", trf(e.lang, msg, sizeof msg, "audit log intact: %lld entries, head %s",
					  (long long)rep.entries, rep.head));
		}
	} else {
		json_t *items;
		int64_t total;
		rc = audit_list(c, entity, limit, 0, &items, &total, &e);
		if (!rc) {
			size_t i;
			json_t *it;
			json_array_foreach(items, i, it)
				printf("%6" JSON_INTEGER_FORMAT "  %s  %-24s %-22s %s %s\n",
				       json_integer_value(json_object_get(it, "seq")), json_get_str(it, "at", ""),
				       json_get_str(it, "actor", ""), json_get_str(it, "action", ""),
				       json_get_str(it, "entity", ""), json_get_str(it, "entity_id", ""));
			json_decref(items);
		}
	}
	db_release(c);
	db_close(db);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	return status;
}
