/* indicator_import.c — MINAM's district population and municipal solid-waste
 * table (../shared/data/municipal-indicators/peru-minam-residuos-poblacion) as
 * indicators with their yearly series.
 *
 * Per district, five indicators of the district's government (a province's
 * capital district belongs to the provincial municipality): total population
 * (with its urban and rural cells), municipal solid waste generated, inorganic
 * waste recovered, and two formulas — the share recovered (recovered /
 * generated × 100) and the waste per inhabitant (generated / population ×
 * 1000, kg per year). Each carries a `series` code so that a province or a
 * region adds them up per place. Values are approved (official statistics),
 * with MINAM's dataset as their evidence; the first year is the baseline.
 *
 * Every row is checked first; a refused row is reported with its line and
 * column and then nothing is written. One transaction, one audit entry. The
 * indicator rows are written directly (not through indicator_create): the
 * import knows every field is valid, and 9,455 indicators would otherwise take
 * many times longer. */
#include "core/compat.h"
#include "domain/indicator.h"
#include "domain/indicator_int.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/map.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define REJECTED_LISTED 100
#define MINAM_SOURCE "MINAM, Dataset Valorización de Residuos Sólidos Inorgánicos a Nivel Distrital (Plataforma Nacional de Datos Abiertos)"

enum col { C_YEAR, C_UBIGEO, C_POP, C_URBAN, C_RURAL, C_WASTE, C_RECOVERED, C_CUTOFF, C_COUNT };
static const struct {
	const char *name;
	bool required;
} columns[C_COUNT] = {
	[C_YEAR] = { "periodo", true },
	[C_UBIGEO] = { "ubigeo", true },
	[C_POP] = { "pob_total", true },
	[C_URBAN] = { "pob_urbana", true },
	[C_RURAL] = { "pob_rural", true },
	[C_WASTE] = { "residuos_municipales_generados", true },
	[C_RECOVERED] = { "residuos_inorganicos_valorizados", true },
	[C_CUTOFF] = { "fecha_corte", false },
};

/* The five series: three measured, two computed. */
enum { S_POP, S_WASTE, S_RECOVERED, S_RATE, S_PER_CAPITA, S_COUNT };
static const struct {
	const char *series, *code, *name, *definition, *unit, *unit_label, *direction;
	int decimals;
	int num, den;           /* formula components (-1) */
	int64_t factor;
} series[S_COUNT] = {
	[S_POP] = { "minam.pob_total", "MINAM-POB", "Población total",
		    "Población del distrito en el año, total y por área urbana y rural (estimaciones basadas en el INEI).",
		    "number", "habitantes", "increase", 0, -1, -1, 1 },
	[S_WASTE] = { "minam.residuos_generados", "MINAM-RSG", "Residuos sólidos municipales generados",
		      "Toneladas de residuos sólidos municipales generados en el año (QRESIDUOS_MUN).",
		      "quantity", "t/año", "decrease", 2, -1, -1, 1 },
	[S_RECOVERED] = { "minam.residuos_valorizados", "MINAM-RSV", "Residuos inorgánicos valorizados",
			  "Toneladas de residuos sólidos inorgánicos valorizados (reciclados) en el año (QRESIDUOS_VAL_INORGAN).",
			  "quantity", "t/año", "increase", 2, -1, -1, 1 },
	[S_RATE] = { "minam.tasa_valorizacion", "MINAM-TVR", "Residuos inorgánicos valorizados respecto de los generados",
		     "Residuos inorgánicos valorizados / residuos municipales generados × 100.",
		     "percentage", "%", "increase", 2, S_RECOVERED, S_WASTE, 100 },
	[S_PER_CAPITA] = { "minam.generacion_per_capita", "MINAM-GPC", "Residuos generados por habitante",
			   "Residuos municipales generados / población total × 1000: kilogramos por habitante al año.",
			   "rate", "kg/hab/año", "decrease", 2, S_WASTE, S_POP, 1000 },
};

struct row {
	int year;
	char ubigeo[7];
	int64_t v[C_COUNT];      /* pop, urban, rural: whole; waste: 2 decimals */
	char cutoff[12];
	size_t line;
};

struct district {
	char code[7];
	char government[7];
	int first, last;         /* years */
	int64_t ids[S_COUNT];    /* indicator ids */
	bool existed[S_COUNT];
};

static void reject(json_t *rejected, int64_t *count, size_t line, const char *msg)
{
	(*count)++;
	if (json_array_size(rejected) >= REJECTED_LISTED)
		return;
	json_t *o = json_object();
	json_set_int(o, "line", (int64_t)line);
	json_set_str(o, "message", msg);
	json_array_append_new(rejected, o);
}

static int cmp_str7(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* Sorted codes of a query's first column (7 bytes each). */
static int load_codes(struct db_conn *c, const char *sql, char (**out)[7], size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return e->code;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 2048;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		snprintf((*out)[(*n)++], 7, "%s", ind_col(st, 0));
	}
	db_finish(st);
	if (*n)
		qsort(*out, *n, 7, cmp_str7);
	return rc < 0 ? rc : 0;
}

static bool has_code(char (*codes)[7], size_t n, const char *code)
{
	return n && bsearch(code, codes, n, 7, cmp_str7) != NULL;
}

struct importer {
	struct db_conn *c;
	const struct actor *who;
	int64_t now;
	char at[DATETIME_FMT_MAX];
	struct indicator_import_stats *st;
	const struct i18n_lang *lang;
};

static int find_existing(struct importer *im, struct district *d, struct err *e)
{
	for (int s = 0; s < S_COUNT; s++) {
		char key[64];
		snprintf(key, sizeof key, "%s:%s", series[s].series, d->code);
		struct db_stmt *st = db_prepare(im->c, "SELECT id, start_period, end_period FROM indicator WHERE source_key = ?", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, key);
		int rc = db_step(st, e);
		if (rc == DB_ROW) {
			d->ids[s] = db_col_int64(st, 0);
			d->existed[s] = true;
			struct ind_period a, b;
			if (ind_period_parse(ind_col(st, 1), &a) == 0 && a.year < d->first)
				d->first = a.year;
			if (ind_period_parse(ind_col(st, 2), &b) == 0 && b.year > d->last)
				d->last = b.year;
		}
		db_finish(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int create_indicator(struct importer *im, struct district *d, int s, bool has_baseline, int64_t baseline,
			    struct err *e)
{
	char key[64], start[8], end[8], bdate[12], code[IND_CODE_MAX];
	snprintf(key, sizeof key, "%s:%s", series[s].series, d->code);
	snprintf(start, sizeof start, "%04d", d->first);
	snprintf(end, sizeof end, "%04d", d->last);
	snprintf(bdate, sizeof bdate, "%04d-12-31", d->first);
	/* a province governs its capital district: the codes stay unique per government */
	snprintf(code, sizeof code, "%s", series[s].code);
	char province[5];
	snprintf(province, sizeof province, "%.4s", d->code);
	char *fold = utf8_fold(series[s].name);
	struct db_stmt *st = db_prepare(im->c,
		"INSERT INTO indicator (government_code, territory_code, province_code, region_code, code, subject, scope, name,"
		" name_fold, definition, unit, unit_label, decimals, direction, frequency, start_period, end_period,"
		" numerator_id, denominator_id, factor, baseline_value, baseline_date, baseline_source, weight,"
		" responsible_office, data_source, verification, series, source_key, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, 'territory', 'specific', ?, ?, ?, ?, ?, ?, ?, 'year', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?,"
		" ?, ?, ?, ?) RETURNING id", e);
	int rc = st ? 0 : e->code;
	if (st) {
		int i = 1;
		char region[3];
		snprintf(region, sizeof region, "%.2s", d->code);
		db_bind_text(st, i++, d->government);
		db_bind_text(st, i++, d->code);
		db_bind_text(st, i++, province);
		db_bind_text(st, i++, region);
		db_bind_text(st, i++, code);
		db_bind_text(st, i++, series[s].name);
		db_bind_text(st, i++, fold ? fold : "");
		db_bind_text(st, i++, series[s].definition);
		db_bind_text(st, i++, series[s].unit);
		db_bind_text(st, i++, series[s].unit_label);
		db_bind_int64(st, i++, series[s].decimals);
		db_bind_text(st, i++, series[s].direction);
		db_bind_text(st, i++, start);
		db_bind_text(st, i++, end);
		if (series[s].num >= 0) {
			db_bind_int64(st, i++, d->ids[series[s].num]);
			db_bind_int64(st, i++, d->ids[series[s].den]);
		} else {
			db_bind_null(st, i++);
			db_bind_null(st, i++);
		}
		db_bind_int64(st, i++, series[s].factor);
		if (has_baseline) {
			db_bind_int64(st, i++, baseline);
			db_bind_text(st, i++, bdate);
		} else {
			db_bind_null(st, i++);
			db_bind_null(st, i++);
		}
		db_bind_text(st, i++, MINAM_SOURCE);
		db_bind_text(st, i++, "Gerencia de Gestión Ambiental");
		db_bind_text(st, i++, "MINAM");
		db_bind_text(st, i++, "Dataset publicado por el MINAM en la Plataforma Nacional de Datos Abiertos");
		db_bind_text(st, i++, series[s].series);
		db_bind_text(st, i++, key);
		db_bind_text(st, i++, im->at);
		db_bind_text(st, i++, im->at);
		rc = db_step(st, e);
		if (rc == DB_ROW) {
			d->ids[s] = db_col_int64(st, 0);
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = err_set(e, ERR_DB, "The indicator was not created");
		}
		db_finish(st);
	}
	free(fold);
	if (!rc && s == S_POP) {
		st = db_prepare(im->c, "INSERT INTO indicator_dimension (indicator_id, dimension_code) VALUES (?, 'area')", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, d->ids[s]);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		im->st->indicators_created++;
	return rc;
}

static int widen_range(struct importer *im, const struct district *d, int s, struct err *e)
{
	char start[8], end[8];
	snprintf(start, sizeof start, "%04d", d->first);
	snprintf(end, sizeof end, "%04d", d->last);
	struct db_stmt *st = db_prepare(im->c, "UPDATE indicator SET start_period = ?, end_period = ?, updated_at = ?"
					       " WHERE id = ? AND (start_period <> ? OR end_period <> ?)", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, start);
	db_bind_text(st, 2, end);
	db_bind_text(st, 3, im->at);
	db_bind_int64(st, 4, d->ids[s]);
	db_bind_text(st, 5, start);
	db_bind_text(st, 6, end);
	return db_step_done(st, e);
}

/* The value of a series in a row (formulas computed). -1 when it has none. */
static int series_value(const struct row *r, int s, int64_t *out)
{
	switch (s) {
	case S_POP: *out = r->v[C_POP]; return 0;
	case S_WASTE: *out = r->v[C_WASTE]; return 0;
	case S_RECOVERED: *out = r->v[C_RECOVERED]; return 0;
	case S_RATE: return ind_formula(r->v[C_RECOVERED], 2, r->v[C_WASTE], 2, 100, 2, out);
	case S_PER_CAPITA: return ind_formula(r->v[C_WASTE], 2, r->v[C_POP], 0, 1000, 2, out);
	}
	return -1;
}

static int write_district(struct importer *im, struct district *d, const struct row *const *idx, size_t n,
			  struct err *e)
{
	int rc = find_existing(im, d, e);
	/* the first year's row, for the baseline */
	const struct row *first = NULL;
	for (size_t k = 0; k < n; k++)
		if (!first || idx[k]->year < first->year)
			first = idx[k];
	for (int s = 0; s < S_COUNT && !rc; s++) {
		if (d->existed[s]) {
			rc = widen_range(im, d, s, e);
			continue;
		}
		int64_t b = 0;
		bool has_b = first && first->year == d->first && series_value(first, s, &b) == 0;
		rc = create_indicator(im, d, s, has_b, b, e);
	}
	char ref[120];
	for (size_t k = 0; k < n && !rc; k++) {
		const struct row *r = idx[k];
		char period[8];
		snprintf(period, sizeof period, "%04d", r->year);
		snprintf(ref, sizeof ref, "MINAM, datos abiertos (corte %s)", r->cutoff[0] ? r->cutoff : "s/f");
		for (int s = 0; s < S_COUNT && !rc; s++) {
			int64_t v;
			if (series_value(r, s, &v))
				continue;   /* a formula over zero generated waste or population */
			struct ind_cell_row cells[2] = { { "area", "urban", r->v[C_URBAN] }, { "area", "rural", r->v[C_RURAL] } };
			bool changed;
			rc = ind_measurement_put(im->c, im->who, im->now, d->ids[s], period, v,
						 series[s].num >= 0 ? "formula" : "import", ref, s == S_POP ? cells : NULL,
						 s == S_POP ? 2 : 0, &changed, e);
			im->st->measurements += changed;
		}
	}
	return rc;
}

static int parse_rows(struct csv_reader *rd, const char *name, char (*districts)[7], size_t ndistricts,
		      struct row **rows_out, size_t *nrows, struct indicator_import_stats *st, json_t *rejected,
		      const struct i18n_lang *lang, struct err *e)
{
	struct csv_row row;
	int rc = csv_next(rd, &row, e);
	if (rc <= 0)
		return rc < 0 ? rc : err_set(e, ERR_INVALID, "%s is empty", name);
	int col[C_COUNT];
	for (int k = 0; k < C_COUNT; k++) {
		col[k] = csv_find_column(&row, columns[k].name);
		if (col[k] < 0 && columns[k].required)
			return err_set(e, ERR_INVALID, "%s is not MINAM's district indicator table (CSV): line 1 has no column \"%s\"",
				       name, columns[k].name);
	}
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	struct map seen;
	map_init(&seen);
	while ((rc = csv_next(rd, &row, e)) == 1) {
		st->rows++;
		struct row r = { .line = row.line };
		char msg[400];
		const char *bad = NULL;
		int bad_col = -1;
		for (int k = 0; k < C_COUNT && !bad; k++) {
			if (col[k] < 0)
				continue;
			const char *v = (size_t)col[k] < row.nfields ? row.fields[col[k]] : "";
			switch (k) {
			case C_YEAR: {
				int64_t y;
				if (str_to_int64(v, &y) || y < IND_YEAR_MIN || y > IND_YEAR_MAX)
					bad = trf(lang, msg, sizeof msg, "\"%.20s\" is not a year", v), bad_col = k;
				r.year = (int)y;
				break;
			}
			case C_UBIGEO:
				if (strlen(v) != 6 || !str_all_digits(v))
					bad = trf(lang, msg, sizeof msg, "\"%.20s\" is not a 6-digit district code", v), bad_col = k;
				else if (!has_code(districts, ndistricts, v))
					bad = trf(lang, msg, sizeof msg, "no district has the code %s", v), bad_col = k;
				snprintf(r.ubigeo, sizeof r.ubigeo, "%.6s", v);
				break;
			case C_CUTOFF:
				snprintf(r.cutoff, sizeof r.cutoff, "%.10s", v);
				break;
			default: {
				int dec = k == C_WASTE || k == C_RECOVERED ? 2 : 0;
				enum ind_parse p = ind_value_parse(v, dec, &r.v[k]);
				if (p == IND_PARSE_OK && r.v[k] < 0)
					bad = trf(lang, msg, sizeof msg, "\"%.30s\" is negative", v), bad_col = k;
				else if (p != IND_PARSE_OK)
					bad = dec ? trf(lang, msg, sizeof msg, "\"%.30s\" is not a number with at most two decimals", v)
						  : trf(lang, msg, sizeof msg, "\"%.30s\" is not a whole number", v);
				if (bad && bad_col < 0)
					bad_col = k;
			}
			}
		}
		if (!bad) {
			char key[16];
			snprintf(key, sizeof key, "%s:%04d", r.ubigeo, r.year);
			if (map_get(&seen, key))
				bad = trf(lang, msg, sizeof msg, "district %s appears twice for %d", r.ubigeo, r.year), bad_col = C_UBIGEO;
			else
				map_put(&seen, key, (void *)1);
		}
		if (bad) {
			char full[600];
			trf(lang, full, sizeof full, "line %zu, column %s: %s", row.line, columns[bad_col].name, bad);
			reject(rejected, &st->rejected, row.line, full);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[n++] = r;
	}
	map_release(&seen, NULL);
	*rows_out = rows;
	*nrows = n;
	return rc < 0 ? rc : 0;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int c = strcmp(x->ubigeo, y->ubigeo);
	return c ? c : x->year - y->year;
}

static int import(struct db_conn *c, const struct actor *who, int64_t now, struct csv_reader *rd, const char *name,
		  struct indicator_import_stats *st, json_t **rejected_out, struct err *e)
{
	memset(st, 0, sizeof *st);
	json_t *rejected = json_array();
	*rejected_out = rejected;
	char (*districts)[7] = NULL, (*govs)[7] = NULL;
	size_t nd = 0, ng = 0;
	int rc = load_codes(c, "SELECT code FROM territory WHERE level = 'district'", &districts, &nd, e);
	if (!rc)
		rc = load_codes(c, "SELECT code FROM government", &govs, &ng, e);
	struct row *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = parse_rows(rd, name, districts, nd, &rows, &n, st, rejected, e->lang, e);
	if (!rc && st->rejected)
		rc = err_set(e, ERR_INVALID, "%lld rows of %s were refused: nothing was imported", (long long)st->rejected, name);
	if (!rc && !n)
		rc = err_set(e, ERR_INVALID, "%s has no rows", name);
	bool own = false;
	if (!rc)
		rc = db_tx_enter(c, &own, e);
	else {
		free(rows);
		free(districts);
		free(govs);
		return rc;
	}
	if (rc) {
		free(rows);
		free(districts);
		free(govs);
		return rc;
	}
	const struct row **idx = xcalloc(n, sizeof *idx);
	for (size_t k = 0; k < n; k++)
		idx[k] = &rows[k];
	qsort(idx, n, sizeof *idx, cmp_rows);
	struct importer im = { c, who, now, "", st, e->lang };
	datetime_format(now, im.at);
	for (size_t k = 0; k < n && !rc;) {
		size_t j = k;
		while (j < n && str_eq(idx[j]->ubigeo, idx[k]->ubigeo))
			j++;
		struct district d = { .first = idx[k]->year, .last = idx[j - 1]->year };
		snprintf(d.code, sizeof d.code, "%s", idx[k]->ubigeo);
		/* the cercado (capital district) is governed by the provincial municipality */
		if (str_eq(d.code + 4, "01"))
			snprintf(d.government, sizeof d.government, "%.4s", d.code);
		else
			snprintf(d.government, sizeof d.government, "%s", d.code);
		if (!has_code(govs, ng, d.government))
			rc = err_set(e, ERR_INVALID, "No government for territory %.12s", d.government);
		if (!rc)
			rc = write_district(&im, &d, idx + k, j - k, e);
		st->districts++;
		k = j;
	}
	if (!rc) {
		json_t *after = json_object();
		json_set_str(after, "file", name);
		json_set_int(after, "rows", st->rows);
		json_set_int(after, "districts", st->districts);
		json_set_int(after, "indicators_created", st->indicators_created);
		json_set_int(after, "measurements", st->measurements);
		rc = audit_record(c, who, now, "indicator.import", "indicator", "minam", NULL, after, e);
		json_decref(after);
	}
	free(idx);
	free(rows);
	free(districts);
	free(govs);
	return db_tx_leave(c, own, rc, e);
}

int indicator_import_mem(struct db_conn *c, const struct actor *who, int64_t now, const char *data, size_t len,
			 const char *name, struct indicator_import_stats *st, json_t **rejected, struct err *e)
{
	struct csv_reader *rd = csv_open_mem(data, len, name, ',', 0);
	if (!rd) {
		memset(st, 0, sizeof *st);
		*rejected = json_array();
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	int rc = import(c, who, now, rd, name, st, rejected, e);
	csv_close(rd);
	return rc;
}

int indicator_import_dir(struct db_conn *c, const struct actor *who, int64_t now, const char *dir,
			 struct indicator_import_stats *st, json_t **rejected, struct err *e)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, MINAM_CSV);
	struct csv_reader *rd = NULL;
	int rc = csv_open_file(path, ',', 0, &rd, e);
	if (rc) {
		memset(st, 0, sizeof *st);
		*rejected = json_array();
		return rc;
	}
	rc = import(c, who, now, rd, path, st, rejected, e);
	csv_close(rd);
	return rc;
}
