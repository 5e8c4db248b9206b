/* cmd_plan.c — minka import plan, minka export plan. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/str.h"
#include "domain/plan.h"
#include "domain/plan_pdf.h"
#include "domain/territory.h"
#include "store/db.h"

#include <sys/stat.h>

static const char import_plan_usage[] =
	"usage: minka import plan FILE --territory CODE [--db PATH|URL] [--format json|csv]\n"
	"                         [--skip-missing-targets]\n"
	"       CSV also needs: --instrument pdc|pde|pdi|pei|poi|capacity|custom --title TITLE\n"
	"                       --start YEAR --end YEAR [--name NAME] [--horizon short|medium|long]\n"
	"                       [--map \"COLUMN=ROLE,...\"]\n"
	"Imports a plan for the government of territory CODE (a province's capital\n"
	"district belongs to the provincial municipality). JSON is minka's plan format\n"
	"(what `minka export plan` writes); its alignments must find their target plans\n"
	"in this installation unless --skip-missing-targets. CSV is the spreadsheet\n"
	"shape: one column per level (\"Eje\", \"Objetivo\", \"Programa\", \"Producto /\n"
	"Indicador\"...), codes, description and responsible office recognized by their\n"
	"headers; --map sets or corrects a column's role: a kind (axis, objective,\n"
	"line, component, program, strategy, action, activity, product, indicator),\n"
	"title:KIND, code:KIND, description, office or ignore. All or nothing: a bad\n"
	"row is reported with its line and column, and nothing is written.\n";

/* Reads a whole file (bounded). Caller frees. */
static char *read_file(const char *path, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(e, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct buf b;
	buf_init(&b, PLAN_JSON_MAX);
	char chunk[65536];
	size_t n;
	int rc = 0;
	while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = buf_append(&b, chunk, n);
	fclose(f);
	if (rc) {
		buf_release(&b);
		err_set(e, ERR_TOOBIG, "%s: file too large (%lld bytes)", path, (long long)PLAN_JSON_MAX);
		return NULL;
	}
	return buf_detach(&b, len);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static int open_db(const char *url, struct db **db, struct err *e)
{
	if (db_open(url, 1, db, e))
		return 1;
	int version;
	if (db_migrate(*db, &version, e)) {
		db_close(*db);
		return 1;
	}
	return 0;
}

int cmd_import_plan(int argc, char **argv)
{
	const char *dbv = NULL, *territory = NULL, *format = NULL, *instrument = NULL, *title = NULL, *start = NULL,
		   *end = NULL, *name = NULL, *horizon = NULL, *map = NULL;
	bool skip = false;
	const struct cli_flag flags[] = {
		{ "--db", &dbv, NULL }, { "--territory", &territory, NULL }, { "--format", &format, NULL },
		{ "--instrument", &instrument, NULL }, { "--title", &title, NULL }, { "--start", &start, NULL },
		{ "--end", &end, NULL }, { "--name", &name, NULL }, { "--horizon", &horizon, NULL },
		{ "--map", &map, NULL }, { "--skip-missing-targets", NULL, &skip },
	};
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 2, import_plan_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 2 || !territory) {
		cli_error("import plan needs a file and --territory CODE");
		fputs(import_plan_usage, stderr);
		return EXIT_USAGE;
	}
	const char *file = pos[1];
	bool csv = format ? str_eq(format, "csv") : ends_with(file, ".csv");
	if (format && !str_eq(format, "csv") && !str_eq(format, "json")) {
		cli_error("unknown format \"%s\" (json or csv)", format);
		return EXIT_USAGE;
	}
	int64_t sy = 0, ey = 0;
	if (csv && (!instrument || !title || !start || !end || str_to_int64(start, &sy) || str_to_int64(end, &ey))) {
		cli_error("a CSV plan needs --instrument, --title, --start YEAR and --end YEAR");
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	size_t len = 0;
	char *text = read_file(file, &len, &e);
	if (!text) {
		cli_error("%s", e.msg);
		return 1;
	}
	struct plan_doc doc;
	plan_doc_init(&doc);
	if (csv) {
		snprintf(doc.instrument, sizeof doc.instrument, "%s", instrument);
		plan_doc_set(&doc.kind_name, name);
		snprintf(doc.horizon, sizeof doc.horizon, "%s", horizon ? horizon : "");
		plan_doc_set(&doc.title, title);
		doc.start_year = sy;
		doc.end_year = ey;
		struct plan_csv_map m;
		rc = plan_csv_guess(text, len, &m, &e);
		if (!rc && map)
			rc = plan_csv_map_apply(&m, map, &e);
		if (!rc)
			rc = plan_doc_from_csv(text, len, &m, &doc, &e);
	} else {
		rc = plan_doc_parse_json(text, len, &doc, &e);
	}
	free(text);
	struct db *db = NULL;
	int64_t id = 0;
	if (!rc && open_db(cli_db_url(dbv), &db, &e))
		rc = e.code ? e.code : ERR_DB;
	if (!rc) {
		struct db_conn *c = db_acquire(db, &e);
		struct government g;
		struct actor who;
		actor_cli(&who);
		rc = c ? government_for(c, territory, &g, &e) : e.code;
		if (!rc)
			rc = plan_import_doc(c, &who, clock_now(), g.code, &doc, skip ? PLAN_IMPORT_SKIP_MISSING_TARGETS : 0,
					     &id, &e);
		db_release(c);
	}
	if (rc) {
		cli_error("%s: %s", file, e.msg);
		cli_error("%s", tr(e.lang, "nothing was imported"));
	} else {
		char msg[400];
		printf("%s\n", trf(e.lang, msg, sizeof msg, "plan %lld imported: %zu elements (%s)", (long long)id, doc.nels,
				   doc.title));
	}
	plan_doc_release(&doc);
	db_close(db);
	return rc ? 1 : 0;
}

static const char export_usage[] =
	"usage: minka export plan ID [--db PATH|URL] [--format json|csv|pdf] [--out FILE]\n"
	"Writes a plan as minka's JSON (imported again it gives the same plan), as CSV\n"
	"in spreadsheet shape, or as a PDF document; to standard output unless --out.\n";

int cmd_export(int argc, char **argv)
{
	const char *dbv = NULL, *format = NULL, *outp = NULL;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL }, { "--format", &format, NULL }, { "--out", &outp, NULL } };
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 2, export_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	int64_t id = 0;
	if (npos < 2 || !str_eq(pos[0], "plan") || str_to_id(pos[1], &id)) {
		fputs(export_usage, stderr);
		return EXIT_USAGE;
	}
	if (!format)
		format = outp && ends_with(outp, ".csv") ? "csv" : outp && ends_with(outp, ".pdf") ? "pdf" : "json";
	if (!str_eq(format, "json") && !str_eq(format, "csv") && !str_eq(format, "pdf")) {
		cli_error("unknown format \"%s\" (json, csv or pdf)", format);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = NULL;
	if (open_db(cli_db_url(dbv), &db, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	struct db_conn *c = db_acquire(db, &e);
	struct plan_doc doc;
	plan_doc_init(&doc);
	struct buf out;
	buf_init(&out, (size_t)256 << 20);
	rc = c ? plan_doc_load(c, id, str_eq(format, "pdf"), &doc, &e) : e.code;
	if (!rc && str_eq(format, "json"))
		rc = plan_doc_write_json(&doc, &out);
	else if (!rc && str_eq(format, "csv"))
		rc = plan_doc_write_csv(&doc, e.lang, &out);
	else if (!rc) {
		struct plan p;
		json_t *versions = NULL;
		rc = plan_get(c, id, &p, &e);
		if (!rc) {
			rc = plan_versions(c, id, &versions, &e);
			if (!rc)
				rc = plan_pdf(&doc, p.government_name, versions, e.lang, clock_now(), &out, &e);
			plan_release(&p);
		}
		json_decref(versions);
	}
	db_release(c);
	db_close(db);
	plan_doc_release(&doc);
	if (rc) {
		cli_error("%s", e.msg[0] ? e.msg : "export failed");
		buf_release(&out);
		return 1;
	}
	FILE *f = outp ? fopen(outp, "wb") : stdout;
	if (!f) {
		cli_error("%s: cannot open: %s", outp, strerror(errno));
		buf_release(&out);
		return 1;
	}
	bool ok = fwrite(out.data ? out.data : "", 1, out.len, f) == out.len;
	if (outp)
		ok = fclose(f) == 0 && ok;
	buf_release(&out);
	if (!ok) {
		cli_error("%s: cannot write: %s", outp ? outp : "stdout", strerror(errno));
		return 1;
	}
	return 0;
}
