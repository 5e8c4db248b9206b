/* project_import.c — the real Invierte.pe extract into the bank.
 *
 * One row per project and location (../shared/data/peru-inversion-publica):
 * the first row of a CUI makes the project, later rows of the same CUI add a
 * location. A CUI already in the bank has its Invierte.pe figures refreshed and
 * keeps its minka status (its lifecycle here is the municipality's own). Every
 * row is checked; a refused row is reported with its line and column, and then
 * nothing is written unless the caller asked to skip refused rows. One
 * transaction, one audit entry. */
#include "core/compat.h"
#include "domain/project.h"
#include "domain/project_int.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/map.h"
#include "core/money.h"
#include "core/str.h"
#include "core/utf8.h"
#include "store/search.h"
#include "core/xalloc.h"

#include <sodium.h>

#define REJECTED_LISTED 100

enum col {
	C_CUI, C_TITLE, C_AMOUNT, C_ESTADO, C_SECTOR, C_ENTITY, C_UNIT, C_REGISTERED, C_VIABLE, C_UPDATED,
	C_DESCRIPTION, C_BENEFICIARIES, C_DEPARTMENT, C_PROVINCE, C_DISTRICT, C_UBIGEO, C_COUNT
};

static const struct {
	const char *name;
	bool required;
} columns[C_COUNT] = {
	[C_CUI] = { "cui", true },
	[C_TITLE] = { "nombre_inversion", true },
	[C_AMOUNT] = { "monto_viable", true },
	[C_ESTADO] = { "estado", true },
	[C_SECTOR] = { "sector", false },
	[C_ENTITY] = { "entidad", false },
	[C_UNIT] = { "unidad_ejecutora", false },
	[C_REGISTERED] = { "fecha_registro", false },
	[C_VIABLE] = { "fecha_viabilidad", false },
	[C_UPDATED] = { "costo_actualizado", false },
	[C_DESCRIPTION] = { "descripcion_alternativa", false },
	[C_BENEFICIARIES] = { "beneficiarios", false },
	[C_DEPARTMENT] = { "departamento", false },
	[C_PROVINCE] = { "provincia", false },
	[C_DISTRICT] = { "distrito", false },
	[C_UBIGEO] = { "ubigeo", true },
};

#define AMBIGUOUS ((void *)1)

struct importer {
	struct db_conn *c;
	const struct actor *who;
	int64_t now;
	char now_text[DATETIME_FMT_MAX];
	char today[DATE_FMT_MAX];
	const char *name;
	int col[C_COUNT];
	struct map territories;   /* code -> folded name */
	struct map governments;   /* "folded name|region" and "folded name" -> code (or AMBIGUOUS) */
	struct map entities;      /* "entidad|region" -> resolved government code ("" = none) */
	struct map keys;          /* source_key -> project id (existing and new) */
	struct map touched;       /* source_key -> 1 once written by this import */
	struct project_import_stats st;
	json_t *rejected;
	struct err *e;
};

/* One parsed row. */
struct row {
	const char *f[C_COUNT];
	char territory[7];
	int64_t amount, updated, beneficiaries;
	enum project_status status;
};

static const char *field(const struct csv_row *r, int idx) { return idx >= 0 && (size_t)idx < r->nfields ? r->fields[idx] : ""; }

static void free_value(void *v)
{
	if (v != AMBIGUOUS)
		free(v);
}

static void map_put_owned(struct map *m, const char *key, char *value)
{
	void *old = map_put(m, key, value);
	if (old && old != value)
		free_value(old);
}

static int load_territories(struct importer *im)
{
	struct db_stmt *st = db_prepare(im->c, "SELECT code, name FROM territory", im->e);
	if (!st)
		return im->e->code;
	int rc;
	while ((rc = db_step(st, im->e)) == DB_ROW) {
		char *fold = utf8_fold(db_col_text(st, 1));
		map_put_owned(&im->territories, db_col_text(st, 0), fold ? fold : xstrdup(""));
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int load_governments(struct importer *im)
{
	struct db_stmt *st = db_prepare(im->c, "SELECT code, name FROM government", im->e);
	if (!st)
		return im->e->code;
	int rc;
	while ((rc = db_step(st, im->e)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		char *fold = utf8_fold(db_col_text(st, 1));
		if (!fold)
			continue;
		char key[600];
		snprintf(key, sizeof key, "%s|%.2s", fold, code);
		map_put_owned(&im->governments, key, xstrdup(code));
		void *prev = map_get(&im->governments, fold);
		if (prev)
			map_put_owned(&im->governments, fold, AMBIGUOUS);
		else
			map_put_owned(&im->governments, fold, xstrdup(code));
		free(fold);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int load_keys(struct importer *im)
{
	struct db_stmt *st = db_prepare(im->c, "SELECT source_key, id FROM project WHERE source_key IS NOT NULL", im->e);
	if (!st)
		return im->e->code;
	int rc;
	while ((rc = db_step(st, im->e)) == DB_ROW)
		map_put(&im->keys, db_col_text(st, 0), (void *)(intptr_t)db_col_int64(st, 1));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* "GOBIERNO REGIONAL AMAZONAS" is the government named "Gobierno Regional de
 * Amazonas"; provincial and district municipalities match by name within the
 * project's region. "" when no government of the territory matches (a
 * ministry, a university, a company...). */
static const char *resolve_entity(struct importer *im, const char *entity, const char *territory)
{
	char ckey[700];
	snprintf(ckey, sizeof ckey, "%s|%.2s", entity, territory);
	const char *cached = map_get(&im->entities, ckey);
	if (cached)
		return cached;
	char *fold = utf8_fold(entity);
	const char *found = NULL;
	if (fold) {
		char name[600];
		const char *gr = "gobierno regional ";
		if (str_starts(fold, gr) && !str_starts(fold + strlen(gr), "de ") && !str_starts(fold + strlen(gr), "del "))
			snprintf(name, sizeof name, "%sde %s", gr, fold + strlen(gr));
		else
			snprintf(name, sizeof name, "%s", fold);
		char key[700];
		snprintf(key, sizeof key, "%s|%.2s", name, territory);
		found = map_get(&im->governments, key);
		if (!found) {
			const char *any = map_get(&im->governments, name);
			found = any != AMBIGUOUS ? any : NULL;
		}
		free(fold);
	}
	char *v = xstrdup(found ? found : "");
	map_put_owned(&im->entities, ckey, v);
	return v;
}

/* Records a refused row; always returns 1 (the row is skipped). */
static int reject(struct importer *im, const struct csv_row *r, int col, const char *fmt, ...) MINKA_PRINTF(4, 5);
static int reject(struct importer *im, const struct csv_row *r, int col, const char *fmt, ...)
{
	im->st.rejected++;
	if (json_array_size(im->rejected) >= REJECTED_LISTED)
		return 1;
	char what[300], msg[500];
	va_list ap;
	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(what, sizeof what, i18n_get(im->e->lang, fmt), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	if (col >= 0)
		trf(im->e->lang, msg, sizeof msg, "line %zu, column %d (%s): %s", r->line, im->col[col] + 1,
		    columns[col].name, what);
	else
		trf(im->e->lang, msg, sizeof msg, "line %zu: %s", r->line, what);
	json_t *o = json_object();
	json_set_int(o, "line", (int64_t)r->line);
	json_set_str(o, "message", msg);
	json_array_append_new(im->rejected, o);
	return 1;
}

/* Parses and checks one row; 0 = good, 1 = refused (recorded). */
static int parse_row(struct importer *im, const struct csv_row *r, struct row *out)
{
	memset(out, 0, sizeof *out);
	for (int k = 0; k < C_COUNT; k++)
		out->f[k] = field(r, im->col[k]);
	const char *cui = out->f[C_CUI];
	if (*cui && (!str_all_digits(cui) || strlen(cui) > 10))
		return reject(im, r, C_CUI, N_("\"%.20s\" is not a CUI (digits only)"), cui);
	const char *title = out->f[C_TITLE];
	if (!*title)
		return reject(im, r, C_TITLE, N_("the project name is missing"));
	if (utf8_len(title) > PROJECT_TITLE_MAX)
		return reject(im, r, C_TITLE, N_("the name is longer than %d characters"), PROJECT_TITLE_MAX);
	if (utf8_len(out->f[C_DESCRIPTION]) > PROJECT_DESCRIPTION_MAX)
		return reject(im, r, C_DESCRIPTION, N_("the description is longer than %d characters"), PROJECT_DESCRIPTION_MAX);
	if (money_parse(out->f[C_AMOUNT], &out->amount))
		return reject(im, r, C_AMOUNT, N_("\"%.20s\" is not an amount"), out->f[C_AMOUNT]);
	if (out->amount < 0)
		return reject(im, r, C_AMOUNT, N_("negative amount %.20s"), out->f[C_AMOUNT]);
	out->updated = -1;
	if (*out->f[C_UPDATED]) {
		if (money_parse(out->f[C_UPDATED], &out->updated))
			return reject(im, r, C_UPDATED, N_("\"%.20s\" is not an amount"), out->f[C_UPDATED]);
		if (out->updated < 0)
			return reject(im, r, C_UPDATED, N_("negative amount %.20s"), out->f[C_UPDATED]);
	}
	out->beneficiaries = -1;
	if (*out->f[C_BENEFICIARIES] &&
	    (str_to_int64(out->f[C_BENEFICIARIES], &out->beneficiaries) || out->beneficiaries < 0))
		return reject(im, r, C_BENEFICIARIES, N_("\"%.20s\" is not a number of people"), out->f[C_BENEFICIARIES]);
	struct date d;
	if (*out->f[C_REGISTERED] && date_parse(out->f[C_REGISTERED], &d))
		return reject(im, r, C_REGISTERED, N_("\"%.20s\" is not a date YYYY-MM-DD"), out->f[C_REGISTERED]);
	if (*out->f[C_VIABLE] && date_parse(out->f[C_VIABLE], &d))
		return reject(im, r, C_VIABLE, N_("\"%.20s\" is not a date YYYY-MM-DD"), out->f[C_VIABLE]);
	out->status = project_status_from_invierte(out->f[C_ESTADO], *out->f[C_VIABLE] != '\0');
	if (out->status == PS_NONE)
		return reject(im, r, C_ESTADO, N_("unknown status \"%.20s\" (ACTIVO or CERRADO)"), out->f[C_ESTADO]);
	/* UBIGEO: DDPPdd district, DDPP00 province-wide, DD0000 region-wide; the
	 * extract writes 0000DD for some national projects in department DD */
	const char *u = out->f[C_UBIGEO];
	if (strlen(u) != 6 || !str_all_digits(u))
		return reject(im, r, C_UBIGEO, N_("unknown UBIGEO \"%.12s\" (6 digits)"), u);
	if (str_starts(u, "0000")) {
		snprintf(out->territory, sizeof out->territory, "%.2s", u + 4);
		const char *region = map_get(&im->territories, out->territory);
		char *dep = utf8_fold(out->f[C_DEPARTMENT]);
		bool same = region && dep && *dep && str_eq(region, dep);
		free(dep);
		if (!same)
			return reject(im, r, C_UBIGEO, N_("unknown UBIGEO \"%.12s\""), u);
	} else if (str_eq(u + 2, "0000")) {
		snprintf(out->territory, sizeof out->territory, "%.2s", u);
	} else if (str_eq(u + 4, "00")) {
		snprintf(out->territory, sizeof out->territory, "%.4s", u);
	} else {
		snprintf(out->territory, sizeof out->territory, "%s", u);
	}
	if (!map_get(&im->territories, out->territory))
		return reject(im, r, C_UBIGEO, N_("unknown UBIGEO \"%.12s\""), u);
	return 0;
}

/* The key that identifies a source row's project across imports. */
static char *source_key(const struct row *row)
{
	if (*row->f[C_CUI])
		return xasprintf("cui:%s", row->f[C_CUI]);
	char *fold = utf8_fold(row->f[C_TITLE]);
	char *k = xasprintf("row:%s:%s:%.200s", row->f[C_UBIGEO], row->f[C_REGISTERED], fold ? fold : "");
	free(fold);
	return k;
}

static int insert_new(struct importer *im, const struct row *row, const char *key, int64_t *id)
{
	struct err *e = im->e;
	/* the code: CUI-<cui>, or IMP-<hash of the source key> for the old records
	 * without a CUI (stable across imports; the key is unique) */
	char code[PROJECT_CODE_MAX];
	bool has_cui = *row->f[C_CUI] != '\0';
	if (has_cui) {
		snprintf(code, sizeof code, "CUI-%s", row->f[C_CUI]);
	} else {
		unsigned char h[5];
		crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
		char hex[11];
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		snprintf(code, sizeof code, "IMP-%s", hex);
	}
	char *title_fold = utf8_fold(row->f[C_TITLE]);
	char *sector_fold = utf8_fold(row->f[C_SECTOR]);
	const char *sector = project_sector_classify(title_fold, sector_fold);
	free(title_fold);
	free(sector_fold);
	const char *entity = *row->f[C_ENTITY] ? row->f[C_ENTITY] : "Invierte.pe";
	const char *gov = resolve_entity(im, entity, row->territory);
	char *fold = project_heading(code, row->f[C_CUI], row->f[C_TITLE]);
	struct db_stmt *st = db_prepare(im->c,
		"INSERT INTO project (code, cui, title, territory_code, government_code, proposer,"
		" sector, invierte_sector, currency, estimated_cost, updated_cost, cost, beneficiaries,"
		" responsible_office, executing_unit, status, physical_progress, origin, source_key, source_status,"
		" registered_on, viable_on, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PEN', ?, ?, ?, ?, '', ?, ?, 0, 'import', ?, ?, ?, ?, ?, ?)"
		" RETURNING id", e);
	if (!st) {
		free(fold);
		return e->code;
	}
	int i = 1;
	db_bind_text(st, i++, code);
	project_bind_text_or_null(st, i++, row->f[C_CUI]);
	db_bind_text(st, i++, row->f[C_TITLE]);
	db_bind_text(st, i++, row->territory);
	project_bind_text_or_null(st, i++, gov);
	db_bind_text(st, i++, entity);
	db_bind_text(st, i++, sector);
	project_bind_text_or_null(st, i++, row->f[C_SECTOR]);
	db_bind_int64(st, i++, row->amount);
	project_bind_count(st, i++, row->updated);
	db_bind_int64(st, i++, row->updated >= 0 ? row->updated : row->amount);
	project_bind_count(st, i++, row->beneficiaries);
	project_bind_text_or_null(st, i++, row->f[C_UNIT]);
	db_bind_text(st, i++, project_status_name(row->status));
	db_bind_text(st, i++, key);
	db_bind_text(st, i++, row->f[C_ESTADO]);
	db_bind_text(st, i++, *row->f[C_REGISTERED] ? row->f[C_REGISTERED] : im->today);
	project_bind_text_or_null(st, i++, row->f[C_VIABLE]);
	db_bind_text(st, i++, im->now_text);
	db_bind_text(st, i++, im->now_text);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_finish(st);
	if (rc == ERR_CONFLICT) {
		free(fold);
		return err_set(e, ERR_CONFLICT, "%s: CUI %s is already in the bank under another record", im->name, row->f[C_CUI]);
	}
	if (rc >= 0)
		rc = project_set_text(im->c, *id, row->f[C_DESCRIPTION], fold, true, e);
	free(fold);
	if (rc < 0)
		return rc;
	return project_record_transition(im->c, im->who, im->now, *id, PS_NONE, row->status,
					 N_("Imported from the Invierte.pe bank"), e);
}

/* A CUI the bank already had: refresh what Invierte.pe says, keep the status. */
static int refresh(struct importer *im, const struct row *row, int64_t id)
{
	struct db_stmt *st = db_prepare(im->c,
		"UPDATE project SET estimated_cost = ?, updated_cost = ?, cost = ?, beneficiaries = ?,"
		" invierte_sector = ?, executing_unit = ?, source_status = ?, viable_on = COALESCE(?, viable_on),"
		" updated_at = ? WHERE id = ?", im->e);
	if (!st)
		return im->e->code;
	int i = 1;
	db_bind_int64(st, i++, row->amount);
	project_bind_count(st, i++, row->updated);
	db_bind_int64(st, i++, row->updated >= 0 ? row->updated : row->amount);
	project_bind_count(st, i++, row->beneficiaries);
	project_bind_text_or_null(st, i++, row->f[C_SECTOR]);
	project_bind_text_or_null(st, i++, row->f[C_UNIT]);
	db_bind_text(st, i++, row->f[C_ESTADO]);
	project_bind_text_or_null(st, i++, row->f[C_VIABLE]);
	db_bind_text(st, i++, im->now_text);
	db_bind_int64(st, i++, id);
	return db_step_done(st, im->e);
}

static int import_row(struct importer *im, const struct row *row)
{
	char *key = source_key(row);
	int rc = 0;
	void *known = map_get(&im->keys, key);
	int64_t id = (int64_t)(intptr_t)known;
	if (known && map_get(&im->touched, key)) {
		im->st.merged++;               /* one more location of a project of this file */
	} else if (known) {
		rc = refresh(im, row, id);
		im->st.updated++;
	} else {
		rc = insert_new(im, row, key, &id);
		if (!rc) {
			map_put(&im->keys, key, (void *)(intptr_t)id);
			im->st.created++;
		}
	}
	if (!rc) {
		map_put(&im->touched, key, (void *)1);
		rc = project_add_location(im->c, id, row->territory, im->e);
		if (!rc && db_changes(im->c) > 0)
			im->st.locations++;
	}
	free(key);
	return rc;
}

/* Whether to index the search in one pass at the end (store/search.h) rather
 * than row by row: when the file adds about as many rows as the bank holds (its
 * size at ~500 bytes a row against the projects already there). The whole
 * extract into an empty bank: 1.6 s instead of 3.2 s; a few rows into a full
 * bank keep the per-row path, whose cost does not grow with the bank. */
static bool bulk_load(struct importer *im, struct csv_reader *rd)
{
	size_t rows = csv_size(rd) / 500;
	return rows >= 1000 && (int64_t)rows >= (int64_t)im->keys.len / 2;
}

static int run(struct importer *im, struct csv_reader *rd, const struct project_import_opts *opts)
{
	struct err *e = im->e;
	struct csv_row r;
	int rc = csv_next(rd, &r, e);
	if (rc == 0)
		return err_set(e, ERR_INVALID, "%s: empty file", im->name);
	if (rc < 0)
		return rc;
	for (int k = 0; k < C_COUNT; k++) {
		im->col[k] = csv_find_column(&r, columns[k].name);
		if (im->col[k] < 0 && columns[k].required)
			return err_set(e, ERR_INVALID,
				       "%s is not an Invierte.pe project file (CSV): line 1 has no column \"%s\"", im->name,
				       columns[k].name);
	}
	rc = load_territories(im);
	if (!rc)
		rc = load_governments(im);
	if (!rc)
		rc = load_keys(im);
	bool bulk = bulk_load(im, rd);
	if (!rc && bulk)
		rc = db_search_bulk_begin(im->c, "project_text", e);
	while (!rc && (rc = csv_next(rd, &r, e)) == 1) {
		rc = 0;
		im->st.rows++;
		struct row row;
		if (parse_row(im, &r, &row) == 0 && (im->st.rejected == 0 || opts->skip_rejected))
			rc = import_row(im, &row);
		if (rc)
			err_prefix(e, "%s: line %zu", im->name, r.line);
		if (opts->progress && im->st.rows % 256 == 0)
			opts->progress(csv_offset(rd), csv_size(rd), opts->progress_arg);
	}
	if (rc < 0)
		return rc;
	if (opts->progress)
		opts->progress(csv_size(rd), csv_size(rd), opts->progress_arg);
	if (im->st.rejected && !opts->skip_rejected)
		return err_set(e, ERR_INVALID, "%s: %lld of %lld rows were refused; nothing was imported", im->name,
			       (long long)im->st.rejected, (long long)im->st.rows);
	if (bulk && (rc = db_search_bulk_end(im->c, "project_text", e)))
		return rc;
	json_t *after = json_pack("{sssIsIsIsIsIsI}", "file", im->name, "rows", (json_int_t)im->st.rows, "created",
				  (json_int_t)im->st.created, "updated", (json_int_t)im->st.updated, "merged",
				  (json_int_t)im->st.merged, "locations", (json_int_t)im->st.locations, "rejected",
				  (json_int_t)im->st.rejected);
	rc = audit_record(im->c, im->who, im->now, "project.import", "project", "invierte.pe", NULL, after, e);
	json_decref(after);
	return rc;
}

static int import_reader(struct db_conn *c, const struct actor *who, int64_t now, struct csv_reader *rd,
			 const char *name, const struct project_import_opts *opts, struct project_import_stats *stats,
			 json_t **rejected, struct err *e)
{
	struct project_import_opts none = { 0 };
	struct importer im = { .c = c, .who = who, .now = now, .name = name, .e = e };
	datetime_format(now, im.now_text);
	date_format(date_from_epoch(now), im.today);
	map_init(&im.territories);
	map_init(&im.governments);
	map_init(&im.entities);
	map_init(&im.keys);
	map_init(&im.touched);
	im.rejected = json_array();
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (!rc) {
		rc = run(&im, rd, opts ? opts : &none);
		rc = db_tx_leave(c, own, rc, e);
	}
	map_release(&im.territories, free);
	map_release(&im.governments, free_value);
	map_release(&im.entities, free);
	map_release(&im.keys, NULL);
	map_release(&im.touched, NULL);
	if (stats)
		*stats = im.st;
	if (rejected)
		*rejected = im.rejected;
	else
		json_decref(im.rejected);
	return rc;
}

int project_import_csv(struct db_conn *c, const struct actor *who, int64_t now, const char *path,
		       const struct project_import_opts *opts, struct project_import_stats *stats, json_t **rejected,
		       struct err *e)
{
	if (stats)
		memset(stats, 0, sizeof *stats);
	if (rejected)
		*rejected = NULL;
	struct csv_reader *rd = NULL;
	int rc = csv_open_file(path, ',', 0, &rd, e);
	if (rc)
		return rc;
	rc = import_reader(c, who, now, rd, path, opts, stats, rejected, e);
	csv_close(rd);
	return rc;
}

int project_import_mem(struct db_conn *c, const struct actor *who, int64_t now, const char *data, size_t len,
		       const char *name, const struct project_import_opts *opts, struct project_import_stats *stats,
		       json_t **rejected, struct err *e)
{
	if (stats)
		memset(stats, 0, sizeof *stats);
	if (rejected)
		*rejected = NULL;
	struct csv_reader *rd = csv_open_mem(data, len, name, ',', 0);
	if (!rd)
		return err_set(e, ERR_NOMEM, "out of memory");
	int rc = import_reader(c, who, now, rd, name, opts, stats, rejected, e);
	csv_close(rd);
	return rc;
}
