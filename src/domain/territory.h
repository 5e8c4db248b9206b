/* territory.h — Peru's territory (INEI UBIGEO): regions (2 digits), provinces
 * (4) and districts (6), with their public figures, and the government that plans
 * for each. Owns the tables territory and government. */
#ifndef MINKA_TERRITORY_H
#define MINKA_TERRITORY_H

#include "core/compat.h"
#include "core/err.h"
#include "domain/audit.h"
#include "store/db.h"

#include <jansson.h>

enum territory_level { TERR_REGION = 1, TERR_PROVINCE = 2, TERR_DISTRICT = 3 };

#define TERR_CODE_MAX 7
#define TERR_NAME_MAX 128

/* Missing numbers are -1 (counts) or NAN (measures). */
struct territory {
	char code[TERR_CODE_MAX];
	enum territory_level level;
	char parent_code[TERR_CODE_MAX];
	char name[TERR_NAME_MAX];
	char capital[TERR_NAME_MAX];
	char capital_category[32];
	int64_t population, population_year;
	int64_t census_1993, census_2007, census_2017;
	double area_km2, latitude, longitude, altitude_m;
	double idh, poverty_pct, extreme_poverty_pct, food_vulnerability, state_density;
	int64_t poverty_year, extreme_poverty_year;
	char macroregion[48];
	char iso_code[12];
	char reniec_code[TERR_CODE_MAX];
};

struct territory_import_stats {
	int regions, provinces, districts, governments;
};

/* Level implied by a code's length (2/4/6 digits), or 0 if it is not a code. */
enum territory_level territory_level_of(const char *code);
const char *territory_level_name(enum territory_level level); /* "region", ... */

/* Reads departamentos.csv, provincias.csv and distritos.csv from dir (the layout of
 * data/peru-ubigeo) and inserts or updates every row, and one government per
 * region, province and non-capital district, all in one transaction: a bad row
 * (reported with file, line and column) leaves the database unchanged. */
int territory_import_dir(struct db_conn *c, const struct actor *who, int64_t now, const char *dir,
			 struct territory_import_stats *stats, struct err *e);

/* ERR_NOTFOUND if there is no such code. */
int territory_get(struct db_conn *c, const char *code, struct territory *out, struct err *e);

struct territory_query {
	const char *parent;   /* children of this code; "" or NULL = any */
	const char *q;        /* accent- and case-insensitive name search */
	enum territory_level level; /* 0 = any */
	int64_t limit, offset;
};

/* Fills *items (new JSON array of territory objects) and *total (matches before
 * paging). Ordered by code. */
int territory_list(struct db_conn *c, const struct territory_query *q, json_t **items, int64_t *total,
		   struct err *e);

/* A territory as JSON: code, level, name, parent, figures (null when missing). */
json_t *territory_to_json(const struct territory *t);

/* The territory and its ancestors in one query: chain[0] is the region, then the
 * province, then the district, as deep as the code goes; *n is 1..3.
 * ERR_NOTFOUND if the code itself does not exist. */
int territory_get_chain(struct db_conn *c, const char *code, struct territory chain[3], int *n, struct err *e);

/* The chain region → province → district for a code (inclusive), as a JSON array of
 * {code, name, level}, outermost first. */
int territory_ancestors(struct db_conn *c, const char *code, json_t **out, struct err *e);
/* The same array from a chain already read. */
json_t *territory_chain_json(const struct territory *chain, int n);

/* The government that plans for a territory: for a province's capital district
 * (code DDPP01) that is the provincial municipality. */
struct government {
	char code[TERR_CODE_MAX];   /* territory code of its jurisdiction */
	char kind[16];              /* regional, provincial, district */
	char name[TERR_NAME_MAX + 40];
};
int government_for(struct db_conn *c, const char *territory_code, struct government *out, struct err *e);
int government_get(struct db_conn *c, const char *code, struct government *out, struct err *e);
json_t *government_to_json(const struct government *g);

#endif
