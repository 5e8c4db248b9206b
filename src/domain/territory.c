/* territory.c — import and queries over Peru's UBIGEO territory. */
#include "core/compat.h"
#include "domain/territory.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <math.h>

enum field_type { F_TEXT, F_INT, F_REAL };

struct column {
	const char *csv;        /* header in the INEI-derived files */
	enum field_type type;
	size_t off, size;
	bool required;
};

#define TXT(name, field, req) { name, F_TEXT, offsetof(struct territory, field), sizeof(((struct territory *)0)->field), req }
#define INT(name, field) { name, F_INT, offsetof(struct territory, field), 0, false }
#define REAL(name, field) { name, F_REAL, offsetof(struct territory, field), 0, false }

static const struct column region_cols[] = {
	TXT("code", code, true), TXT("department", name, true), TXT("capital", capital, false),
	TXT("iso_3166_2", iso_code, false), INT("population_2025_proj", population),
	INT("population_1993_census", census_1993), INT("population_2007_census", census_2007),
	INT("population_2017_census", census_2017), REAL("area_km2", area_km2),
	REAL("latitude", latitude), REAL("longitude", longitude), REAL("altitude_m", altitude_m),
	REAL("idh_2019", idh), REAL("pct_poverty_total_2020", poverty_pct),
	REAL("pct_poverty_extreme_2020", extreme_poverty_pct), REAL("state_density_index", state_density),
};

static const struct column province_cols[] = {
	TXT("code", code, true), TXT("province", name, true), TXT("department_code", parent_code, true),
	TXT("capital", capital, false), INT("population_2025_proj", population),
	REAL("area_km2", area_km2), REAL("latitude", latitude), REAL("longitude", longitude),
	REAL("altitude_m", altitude_m), REAL("idh_2019", idh),
	REAL("pct_poverty_total_2018", poverty_pct), REAL("pct_poverty_extreme_2013", extreme_poverty_pct),
	REAL("state_density_index", state_density), TXT("macroregion_inei", macroregion, false),
	TXT("reniec_code", reniec_code, false),
};

static const struct column district_cols[] = {
	TXT("code", code, true), TXT("district", name, true), TXT("province_code", parent_code, true),
	TXT("capital", capital, false), TXT("capital_category", capital_category, false),
	REAL("altitude_m", altitude_m), REAL("latitude", latitude), REAL("longitude", longitude),
	INT("population_2025_proj", population), REAL("area_km2", area_km2), REAL("idh_2019", idh),
	REAL("pct_poverty_total_2018", poverty_pct), REAL("pct_poverty_extreme_2013", extreme_poverty_pct),
	REAL("food_vulnerability_index", food_vulnerability), TXT("macroregion_inei", macroregion, false),
	TXT("reniec_code", reniec_code, false),
};

enum territory_level territory_level_of(const char *code)
{
	if (!code || !str_all_digits(code))
		return 0;
	switch (strlen(code)) {
	case 2: return TERR_REGION;
	case 4: return TERR_PROVINCE;
	case 6: return TERR_DISTRICT;
	default: return 0;
	}
}

const char *territory_level_name(enum territory_level level)
{
	switch (level) {
	case TERR_REGION: return "region";
	case TERR_PROVINCE: return "province";
	case TERR_DISTRICT: return "district";
	default: return "";
	}
}

static enum territory_level level_from_name(const char *s)
{
	if (str_eq(s, "region")) return TERR_REGION;
	if (str_eq(s, "province")) return TERR_PROVINCE;
	if (str_eq(s, "district")) return TERR_DISTRICT;
	return 0;
}

static void territory_clear(struct territory *t)
{
	memset(t, 0, sizeof *t);
	t->population = t->population_year = t->census_1993 = t->census_2007 = t->census_2017 = -1;
	t->poverty_year = t->extreme_poverty_year = -1;
	t->area_km2 = t->latitude = t->longitude = t->altitude_m = NAN;
	t->idh = t->poverty_pct = t->extreme_poverty_pct = t->food_vulnerability = t->state_density = NAN;
}

/* ---- import ---- */

static int upsert(struct db_conn *c, const struct territory *t, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO territory (code, level, parent_code, name, name_fold, capital, capital_category,"
		" population, population_year, census_1993, census_2007, census_2017, area_km2, latitude,"
		" longitude, altitude_m, idh, poverty_pct, poverty_year, extreme_poverty_pct,"
		" extreme_poverty_year, food_vulnerability, state_density, macroregion, iso_code, reniec_code)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (code) DO UPDATE SET level = excluded.level, parent_code = excluded.parent_code,"
		" name = excluded.name, name_fold = excluded.name_fold, capital = excluded.capital,"
		" capital_category = excluded.capital_category, population = excluded.population,"
		" population_year = excluded.population_year, census_1993 = excluded.census_1993,"
		" census_2007 = excluded.census_2007, census_2017 = excluded.census_2017,"
		" area_km2 = excluded.area_km2, latitude = excluded.latitude, longitude = excluded.longitude,"
		" altitude_m = excluded.altitude_m, idh = excluded.idh, poverty_pct = excluded.poverty_pct,"
		" poverty_year = excluded.poverty_year, extreme_poverty_pct = excluded.extreme_poverty_pct,"
		" extreme_poverty_year = excluded.extreme_poverty_year,"
		" food_vulnerability = excluded.food_vulnerability, state_density = excluded.state_density,"
		" macroregion = excluded.macroregion, iso_code = excluded.iso_code,"
		" reniec_code = excluded.reniec_code", e);
	if (!st)
		return e->code;
	char *fold = utf8_fold(t->name);
	int i = 1;
#define BT(s) db_bind_text(st, i++, (s)[0] ? (s) : NULL)
#define BI(v) do { if ((v) < 0) db_bind_null(st, i++); else db_bind_int64(st, i++, (v)); } while (0)
#define BR(v) do { if (isnan(v)) db_bind_null(st, i++); else db_bind_double(st, i++, (v)); } while (0)
	db_bind_text(st, i++, t->code);
	db_bind_text(st, i++, territory_level_name(t->level));
	BT(t->parent_code);
	db_bind_text(st, i++, t->name);
	db_bind_text(st, i++, fold ? fold : "");
	BT(t->capital);
	BT(t->capital_category);
	BI(t->population);
	BI(t->population_year);
	BI(t->census_1993);
	BI(t->census_2007);
	BI(t->census_2017);
	BR(t->area_km2);
	BR(t->latitude);
	BR(t->longitude);
	BR(t->altitude_m);
	BR(t->idh);
	BR(t->poverty_pct);
	BI(t->poverty_year);
	BR(t->extreme_poverty_pct);
	BI(t->extreme_poverty_year);
	BR(t->food_vulnerability);
	BR(t->state_density);
	BT(t->macroregion);
	BT(t->iso_code);
	BT(t->reniec_code);
#undef BT
#undef BI
#undef BR
	free(fold);
	return db_step_done(st, e);
}

static bool exists(struct db_conn *c, const char *code, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT 1 FROM territory WHERE code = ?", e);
	if (!st)
		return false;
	db_bind_text(st, 1, code);
	bool found = db_step(st, e) == DB_ROW;
	db_finish(st);
	return found;
}

static int import_file(struct db_conn *c, const char *dir, const char *file, enum territory_level level,
		       const struct column *cols, size_t ncols, int *count, struct err *e)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	struct csv_reader *r = NULL;
	int rc = csv_open_file(path, ',', 0, &r, e);
	if (rc)
		return rc;
	struct csv_row row;
	int idx[64];
	rc = csv_next(r, &row, e);
	if (rc == 0)
		rc = err_set(e, ERR_INVALID, "%s: empty file", path);
	if (rc < 0)
		goto out;
	for (size_t k = 0; k < ncols; k++) {
		idx[k] = csv_find_column(&row, cols[k].csv);
		if (idx[k] < 0 && cols[k].required) {
			rc = err_set(e, ERR_INVALID, "%s: line 1: missing column \"%s\"", path, cols[k].csv);
			goto out;
		}
	}
	while ((rc = csv_next(r, &row, e)) == 1) {
		struct territory t;
		territory_clear(&t);
		t.level = level;
		for (size_t k = 0; k < ncols; k++) {
			if (idx[k] < 0)
				continue;
			if ((size_t)idx[k] >= row.nfields) {
				rc = err_set(e, ERR_INVALID, "%s: line %zu: %zu fields, expected at least %d", path,
					     row.line, row.nfields, idx[k] + 1);
				goto out;
			}
			const char *v = row.fields[idx[k]];
			char *field = (char *)&t + cols[k].off;
			if (!*v) {
				if (cols[k].required) {
					rc = err_set(e, ERR_INVALID, "%s: line %zu, column %d (%s): required value missing",
						     path, row.line, idx[k] + 1, cols[k].csv);
					goto out;
				}
				continue;
			}
			bool ok = true;
			if (cols[k].type == F_TEXT) {
				ok = strlen(v) < cols[k].size;
				if (ok)
					memcpy(field, v, strlen(v) + 1);
			} else if (cols[k].type == F_INT) {
				int64_t n;
				double dv;
				ok = str_to_int64(v, &n) == 0 || (str_to_double(v, &dv) == 0 && dv == floor(dv) &&
								  (n = (int64_t)dv, true));
				ok = ok && n >= 0;
				if (ok)
					memcpy(field, &n, sizeof n);
			} else {
				double d;
				ok = str_to_double(v, &d) == 0;
				if (ok)
					memcpy(field, &d, sizeof d);
			}
			if (!ok) {
				rc = err_set(e, ERR_INVALID, "%s: line %zu, column %d (%s): invalid value \"%.40s\"",
					     path, row.line, idx[k] + 1, cols[k].csv, v);
				goto out;
			}
		}
		if (territory_level_of(t.code) != level) {
			rc = err_set(e, ERR_INVALID, "%s: line %zu, column %d (code): \"%s\" is not a %s code", path,
				     row.line, idx[0] + 1, t.code, territory_level_name(level));
			goto out;
		}
		if (level != TERR_REGION) {
			size_t plen = level == TERR_PROVINCE ? 2 : 4;
			if (!t.parent_code[0])
				memcpy(t.parent_code, t.code, plen), t.parent_code[plen] = '\0';
			if (strlen(t.parent_code) != plen || strncmp(t.parent_code, t.code, plen) != 0 ||
			    !exists(c, t.parent_code, e)) {
				rc = err_set(e, ERR_INVALID, "%s: line %zu: parent \"%s\" of %s is unknown or does not match",
					     path, row.line, t.parent_code, t.code);
				goto out;
			}
		}
		if (t.population >= 0)
			t.population_year = 2025;
		if (!isnan(t.poverty_pct))
			t.poverty_year = level == TERR_REGION ? 2020 : 2018;
		if (!isnan(t.extreme_poverty_pct))
			t.extreme_poverty_year = level == TERR_REGION ? 2020 : 2013;
		rc = upsert(c, &t, e);
		if (rc) {
			err_prefix(e, "%s: line %zu", path, row.line);
			goto out;
		}
		(*count)++;
	}
out:
	csv_close(r);
	return rc < 0 ? rc : 0;
}

static int government_upsert(struct db_conn *c, const char *code, const char *kind, const char *name, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO government (code, kind, name) VALUES (?, ?, ?)"
		" ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, name);
	return db_step_done(st, e);
}

/* Names follow Peruvian usage: Gobierno Regional de X, Municipalidad Provincial de X,
 * Municipalidad Distrital de X; Lima's province is the Metropolitan Municipality,
 * and Callao takes the article ("del Callao"). */
static int create_governments(struct db_conn *c, int *count, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT code, level, name FROM territory ORDER BY code", e);
	if (!st)
		return e->code;
	struct { char code[TERR_CODE_MAX]; char level[12]; char name[TERR_NAME_MAX]; } *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		snprintf(rows[n].code, sizeof rows[n].code, "%s", db_col_text(st, 0));
		snprintf(rows[n].level, sizeof rows[n].level, "%s", db_col_text(st, 1));
		snprintf(rows[n].name, sizeof rows[n].name, "%s", db_col_text(st, 2));
		n++;
	}
	db_finish(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *code = rows[i].code, *nm = rows[i].name;
		bool callao = str_eq(nm, "Callao");
		char name[TERR_NAME_MAX + 40];
		const char *kind;
		if (str_eq(rows[i].level, "region")) {
			kind = "regional";
			snprintf(name, sizeof name, "Gobierno Regional %s%s", callao ? "del " : "de ", nm);
		} else if (str_eq(rows[i].level, "province")) {
			kind = "provincial";
			if (str_eq(code, "1501"))
				snprintf(name, sizeof name, "Municipalidad Metropolitana de Lima");
			else
				snprintf(name, sizeof name, "Municipalidad Provincial %s%s", callao ? "del " : "de ", nm);
		} else {
			if (str_eq(code + 4, "01"))
				continue; /* the cercado: governed by the provincial municipality */
			kind = "district";
			snprintf(name, sizeof name, "Municipalidad Distrital de %s", nm);
		}
		rc = government_upsert(c, code, kind, name, e);
		if (!rc)
			(*count)++;
	}
	free(rows);
	return rc < 0 ? rc : 0;
}

int territory_import_dir(struct db_conn *c, const struct actor *who, int64_t now, const char *dir,
			 struct territory_import_stats *stats, struct err *e)
{
	struct territory_import_stats s = { 0 };
	int rc = db_begin(c, e);
	if (rc)
		return rc;
	rc = import_file(c, dir, "departamentos.csv", TERR_REGION, region_cols, ARRAY_LEN(region_cols), &s.regions, e);
	if (!rc)
		rc = import_file(c, dir, "provincias.csv", TERR_PROVINCE, province_cols, ARRAY_LEN(province_cols),
				 &s.provinces, e);
	if (!rc)
		rc = import_file(c, dir, "distritos.csv", TERR_DISTRICT, district_cols, ARRAY_LEN(district_cols),
				 &s.districts, e);
	if (!rc)
		rc = create_governments(c, &s.governments, e);
	if (!rc) {
		json_t *after = json_pack("{sisisisiss}", "regions", s.regions, "provinces", s.provinces, "districts",
					  s.districts, "governments", s.governments, "source", dir);
		rc = audit_record(c, who, now, "territory.import", "territory", "PE", NULL, after, e);
		json_decref(after);
	}
	if (!rc)
		rc = db_commit(c, e);
	else
		db_rollback(c);
	if (!rc && stats)
		*stats = s;
	return rc;
}

/* ---- queries ---- */

#define TERR_COLUMNS \
	"code, level, parent_code, name, capital, capital_category, population, population_year," \
	" census_1993, census_2007, census_2017, area_km2, latitude, longitude, altitude_m, idh," \
	" poverty_pct, poverty_year, extreme_poverty_pct, extreme_poverty_year, food_vulnerability," \
	" state_density, macroregion, iso_code, reniec_code"

static void copy_text(char *dst, size_t n, const char *s) { snprintf(dst, n, "%s", s ? s : ""); }

static void read_row(struct db_stmt *st, struct territory *t)
{
	territory_clear(t);
	int i = 0;
#define RT(f) copy_text(t->f, sizeof t->f, db_col_text(st, i++))
#define RI(f) do { t->f = db_col_null(st, i) ? -1 : db_col_int64(st, i); i++; } while (0)
#define RR(f) do { t->f = db_col_null(st, i) ? NAN : db_col_double(st, i); i++; } while (0)
	RT(code);
	t->level = level_from_name(db_col_text(st, i++));
	RT(parent_code);
	RT(name);
	RT(capital);
	RT(capital_category);
	RI(population);
	RI(population_year);
	RI(census_1993);
	RI(census_2007);
	RI(census_2017);
	RR(area_km2);
	RR(latitude);
	RR(longitude);
	RR(altitude_m);
	RR(idh);
	RR(poverty_pct);
	RI(poverty_year);
	RR(extreme_poverty_pct);
	RI(extreme_poverty_year);
	RR(food_vulnerability);
	RR(state_density);
	RT(macroregion);
	RT(iso_code);
	RT(reniec_code);
#undef RT
#undef RI
#undef RR
}

int territory_get(struct db_conn *c, const char *code, struct territory *out, struct err *e)
{
	if (!territory_level_of(code))
		return err_set(e, ERR_NOTFOUND, "No territory with code %.12s", code ? code : "");
	struct db_stmt *st = db_prepare(c, "SELECT " TERR_COLUMNS " FROM territory WHERE code = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, code);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		read_row(st, out);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No territory with code %.12s", code);
	return rc < 0 ? rc : 0;
}

static void set_num(json_t *o, const char *k, int64_t v)
{
	json_object_set_new(o, k, v < 0 ? json_null() : json_integer(v));
}

static void set_real(json_t *o, const char *k, double v)
{
	json_object_set_new(o, k, isnan(v) ? json_null() : json_real(v));
}

json_t *territory_to_json(const struct territory *t)
{
	json_t *o = json_object();
	json_set_str(o, "code", t->code);
	json_set_str(o, "level", territory_level_name(t->level));
	json_set_str(o, "parent", t->parent_code[0] ? t->parent_code : NULL);
	json_set_str(o, "name", t->name);
	json_set_str(o, "capital", t->capital[0] ? t->capital : NULL);
	json_set_str(o, "capital_category", t->capital_category[0] ? t->capital_category : NULL);
	set_num(o, "population", t->population);
	set_num(o, "population_year", t->population_year);
	if (t->level == TERR_REGION) {
		set_num(o, "census_1993", t->census_1993);
		set_num(o, "census_2007", t->census_2007);
		set_num(o, "census_2017", t->census_2017);
	}
	set_real(o, "area_km2", t->area_km2);
	if (t->population >= 0 && !isnan(t->area_km2) && t->area_km2 > 0)
		json_set_real(o, "density", (double)t->population / t->area_km2);
	else
		json_object_set_new(o, "density", json_null());
	set_real(o, "latitude", t->latitude);
	set_real(o, "longitude", t->longitude);
	set_real(o, "altitude_m", t->altitude_m);
	set_real(o, "idh", t->idh);
	set_real(o, "poverty_pct", t->poverty_pct);
	set_num(o, "poverty_year", t->poverty_year);
	set_real(o, "extreme_poverty_pct", t->extreme_poverty_pct);
	set_num(o, "extreme_poverty_year", t->extreme_poverty_year);
	set_real(o, "food_vulnerability", t->food_vulnerability);
	set_real(o, "state_density", t->state_density);
	json_set_str(o, "macroregion", t->macroregion[0] ? t->macroregion : NULL);
	json_set_str(o, "iso_code", t->iso_code[0] ? t->iso_code : NULL);
	json_set_str(o, "reniec_code", t->reniec_code[0] ? t->reniec_code : NULL);
	return o;
}

int territory_list(struct db_conn *c, const struct territory_query *q, json_t **items, int64_t *total,
		   struct err *e)
{
	*items = NULL;
	*total = 0;
	char *fold = NULL;
	if (q->q && *q->q) {
		fold = utf8_fold(q->q);
		if (!fold)
			return err_set(e, ERR_INVALID, "The search text is not valid UTF-8");
	}
	const char *parent = q->parent && *q->parent ? q->parent : NULL;
	const char *level = q->level ? territory_level_name(q->level) : NULL;
	/* The WHERE clause is assembled from literal fragments only (so that SQLite
	 * and PostgreSQL can use the indexes); every value is a bound parameter. */
	char where[200] = " WHERE 1 = 1";
	if (parent)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND parent_code = ?");
	if (level)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND level = ?");
	if (fold)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND name_fold LIKE ? ESCAPE '\\'");
	/* %, _ and \ typed by a person are text: escaped, they mean the same on
	 * SQLite and PostgreSQL (whose LIKE would otherwise take \ as an escape) */
	char like[600] = "%";
	for (const char *p = fold; p && *p && strlen(like) < sizeof like - 4; p++) {
		size_t n = strlen(like);
		if (*p == '%' || *p == '_' || *p == '\\')
			like[n++] = '\\';
		like[n++] = *p;
		like[n] = '\0';
	}
	snprintf(like + strlen(like), sizeof like - strlen(like), "%%");
	char sql[700];
	int rc = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM territory%s", where);
		else
			snprintf(sql, sizeof sql, "SELECT " TERR_COLUMNS " FROM territory%s ORDER BY code LIMIT ? OFFSET ?", where);
		struct db_stmt *st = db_prepare(c, sql, e);
		if (!st) {
			rc = e->code;
			goto out;
		}
		int i = 1;
		if (parent)
			db_bind_text(st, i++, parent);
		if (level)
			db_bind_text(st, i++, level);
		if (fold)
			db_bind_text(st, i++, like);
		if (pass == 0) {
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*total = db_col_int64(st, 0);
			db_finish(st);
			if (rc < 0)
				goto out;
			rc = 0;
			continue;
		}
		db_bind_int64(st, i++, q->limit);
		db_bind_int64(st, i++, q->offset);
		json_t *arr = json_array();
		while ((rc = db_step(st, e)) == DB_ROW) {
			struct territory t;
			read_row(st, &t);
			json_array_append_new(arr, territory_to_json(&t));
		}
		db_finish(st);
		if (rc < 0) {
			json_decref(arr);
			goto out;
		}
		*items = arr;
		rc = 0;
	}
out:
	free(fold);
	return rc;
}

int territory_get_chain(struct db_conn *c, const char *code, struct territory chain[3], int *n, struct err *e)
{
	*n = 0;
	enum territory_level level = territory_level_of(code);
	if (!level)
		return err_set(e, ERR_NOTFOUND, "No territory with code %.12s", code ? code : "");
	/* one primary-key lookup per level: cheaper than "code IN (...)" */
	for (int l = 0; l < (int)level; l++) {
		char part[TERR_CODE_MAX];
		snprintf(part, sizeof part, "%.*s", 2 * (l + 1), code);
		int rc = territory_get(c, part, &chain[l], e);
		if (rc)
			return rc == ERR_NOTFOUND ? err_set(e, ERR_NOTFOUND, "No territory with code %.12s", code) : rc;
		(*n)++;
	}
	return 0;
}

json_t *territory_chain_json(const struct territory *chain, int n)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_object();
		json_set_str(o, "code", chain[i].code);
		json_set_str(o, "name", chain[i].name);
		json_set_str(o, "level", territory_level_name(chain[i].level));
		json_array_append_new(arr, o);
	}
	return arr;
}

int territory_ancestors(struct db_conn *c, const char *code, json_t **out, struct err *e)
{
	struct territory chain[3];
	int n;
	*out = NULL;
	int rc = territory_get_chain(c, code, chain, &n, e);
	if (rc)
		return rc;
	*out = territory_chain_json(chain, n);
	return 0;
}

int government_get(struct db_conn *c, const char *code, struct government *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT code, kind, name FROM government WHERE code = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, code);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		copy_text(out->code, sizeof out->code, db_col_text(st, 0));
		copy_text(out->kind, sizeof out->kind, db_col_text(st, 1));
		copy_text(out->name, sizeof out->name, db_col_text(st, 2));
	}
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No government for territory %.12s", code);
	return rc < 0 ? rc : 0;
}

int government_for(struct db_conn *c, const char *territory_code, struct government *out, struct err *e)
{
	if (territory_level_of(territory_code) == TERR_DISTRICT && str_eq(territory_code + 4, "01")) {
		char prov[5];
		snprintf(prov, sizeof prov, "%.4s", territory_code);
		return government_get(c, prov, out, e);
	}
	return government_get(c, territory_code, out, e);
}

json_t *government_to_json(const struct government *g)
{
	json_t *o = json_object();
	json_set_str(o, "code", g->code);
	json_set_str(o, "kind", g->kind);
	json_set_str(o, "name", g->name);
	return o;
}
