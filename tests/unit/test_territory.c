/* test_territory.c — importing the real UBIGEO territory, queries, governments,
 * and all-or-nothing refusal of bad files. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/territory.h"

static const struct actor who = { .name = "test" };

#include <sys/stat.h>

#include <math.h>

static struct db_conn *conn(struct db *db)
{
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	return c;
}

TEST(real_import_counts_and_figures)
{
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	char dir[512];
	snprintf(dir, sizeof dir, "%s/peru-ubigeo", test_data_dir());
	struct territory_import_stats s;
	REQUIRE(territory_import_dir(c, &who, 1000, dir, &s, &e) == 0);
	CHECK_INT(s.regions, 25);
	CHECK_INT(s.provinces, 196);
	CHECK_INT(s.districts, 1891);
	CHECK_INT(s.governments, 25 + 196 + 1891 - 196);
	struct territory t;
	REQUIRE(territory_get(c, "010101", &t, &e) == 0);
	CHECK_STR(t.name, "Chachapoyas");
	CHECK_INT(t.population, 41843);
	CHECK_INT(t.level, TERR_DISTRICT);
	CHECK_STR(t.parent_code, "0101");
	CHECK(fabs(t.poverty_pct - 9.03) < 1e-9);
	CHECK_INT(t.poverty_year, 2018);
	REQUIRE(territory_get(c, "02", &t, &e) == 0);
	CHECK_STR(t.name, "Áncash");
	CHECK_INT(t.census_2017, 1083519);
	CHECK_INT(t.poverty_year, 2020);
	/* re-import updates in place: same counts */
	REQUIRE(territory_import_dir(c, &who, 1000, dir, &s, &e) == 0);
	CHECK_INT(s.districts, 1891);
	CHECK_INT(territory_get(c, "999999", &t, &e), ERR_NOTFOUND);
	CHECK_INT(territory_get(c, "abc", &t, &e), ERR_NOTFOUND);
	db_release(c);
	db_close(db);
}

static int64_t list_total(struct db_conn *c, struct territory_query q, json_t **items)
{
	struct err e;
	err_init(&e, NULL);
	int64_t total = -1;
	if (territory_list(c, &q, items, &total, &e))
		test_fail(__FILE__, __LINE__, "%s", e.msg);
	return total;
}

TEST(search_is_accent_and_case_insensitive)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	json_t *items;
	CHECK_INT(list_total(c, (struct territory_query){ .q = "nunoa", .limit = 10 }, &items), 1);
	CHECK_STR(json_get_str(json_array_get(items, 0), "name", ""), "Nuñoa");
	json_decref(items);
	int64_t n = list_total(c, (struct territory_query){ .q = "ANCASH", .limit = 10 }, &items);
	CHECK(n >= 1);
	CHECK_STR(json_get_str(json_array_get(items, 0), "code", ""), "02");
	json_decref(items);
	CHECK_INT(list_total(c, (struct territory_query){ .q = "Ñuñoa", .limit = 10 }, &items), 1);
	json_decref(items);
	CHECK_INT(list_total(c, (struct territory_query){ .q = "zzzz", .limit = 10 }, &items), 0);
	CHECK_INT(json_array_size(items), 0);
	json_decref(items);
	/* LIKE's wildcards and escape are text, alike on both backends */
	static const char *const literal[] = { "%", "_", "\\", "a\\%", "n_noa" };
	for (size_t i = 0; i < ARRAY_LEN(literal); i++) {
		CHECK_INT(list_total(c, (struct territory_query){ .q = literal[i], .limit = 10 }, &items), 0);
		json_decref(items);
	}
	db_release(c);
	db_close(db);
}

TEST(children_levels_and_paging)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	json_t *items;
	CHECK_INT(list_total(c, (struct territory_query){ .parent = "0101", .limit = 5 }, &items), 21);
	CHECK_INT(json_array_size(items), 5);
	CHECK_STR(json_get_str(json_array_get(items, 0), "code", ""), "010101");
	json_decref(items);
	CHECK_INT(list_total(c, (struct territory_query){ .parent = "0101", .limit = 5, .offset = 20 }, &items), 21);
	CHECK_INT(json_array_size(items), 1);
	json_decref(items);
	CHECK_INT(list_total(c, (struct territory_query){ .level = TERR_REGION, .limit = 100 }, &items), 25);
	json_decref(items);
	CHECK_INT(list_total(c, (struct territory_query){ .level = TERR_PROVINCE, .limit = 1 }, &items), 196);
	json_decref(items);
	struct err e;
	err_init(&e, NULL);
	json_t *anc;
	REQUIRE(territory_ancestors(c, "010101", &anc, &e) == 0);
	CHECK_INT(json_array_size(anc), 3);
	CHECK_STR(json_get_str(json_array_get(anc, 0), "name", ""), "Amazonas");
	json_decref(anc);
	db_release(c);
	db_close(db);
}

TEST(governments_follow_peruvian_law)
{
	struct db *db = test_db_territory();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	struct government g;
	REQUIRE(government_for(c, "010101", &g, &e) == 0); /* the cercado: provincial municipality */
	CHECK_STR(g.name, "Municipalidad Provincial de Chachapoyas");
	CHECK_STR(g.kind, "provincial");
	REQUIRE(government_for(c, "010102", &g, &e) == 0);
	CHECK_STR(g.name, "Municipalidad Distrital de Asunción");
	REQUIRE(government_for(c, "1501", &g, &e) == 0);
	CHECK_STR(g.name, "Municipalidad Metropolitana de Lima");
	REQUIRE(government_for(c, "07", &g, &e) == 0);
	CHECK_STR(g.name, "Gobierno Regional del Callao");
	REQUIRE(government_for(c, "01", &g, &e) == 0);
	CHECK_STR(g.name, "Gobierno Regional de Amazonas");
	db_release(c);
	db_close(db);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	REQUIRE(f);
	fputs(text, f);
	fclose(f);
}

TEST(bad_row_is_reported_and_nothing_is_written)
{
	char dir[512];
	snprintf(dir, sizeof dir, "%s/bad-ubigeo", test_tmpdir());
	mkdir(dir, 0700);
	write_file(dir, "departamentos.csv", "code,department,capital\n01,Amazonas,Chachapoyas\n");
	write_file(dir, "provincias.csv", "code,province,department_code\n0101,Chachapoyas,01\n");
	write_file(dir, "distritos.csv",
		   "code,district,province_code,population_2025_proj\n010101,Chachapoyas,0101,41843\n"
		   "010102,Asunción,0101,muchos\n");
	struct db *db = test_db_fresh();
	struct db_conn *c = conn(db);
	struct err e;
	err_init(&e, NULL);
	struct territory_import_stats s;
	CHECK_INT(territory_import_dir(c, &who, 1000, dir, &s, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "distritos.csv: line 3, column 4 (population_2025_proj): invalid value \"muchos\"");
	struct territory t;
	CHECK_INT(territory_get(c, "01", &t, &e), ERR_NOTFOUND); /* the region was rolled back too */
	/* a district whose province does not exist */
	write_file(dir, "distritos.csv", "code,district,province_code\n019901,Nowhere,0199\n");
	CHECK_INT(territory_import_dir(c, &who, 1000, dir, &s, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "line 2: parent \"0199\"");
	/* a missing required column */
	write_file(dir, "distritos.csv", "code,province_code\n010101,0101\n");
	CHECK_INT(territory_import_dir(c, &who, 1000, dir, &s, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "missing column \"district\"");
	/* invalid UTF-8 */
	write_file(dir, "distritos.csv", "code,district,province_code\n010101,Chacha\xff,0101\n");
	CHECK_INT(territory_import_dir(c, &who, 1000, dir, &s, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "line 2, column 2: invalid UTF-8");
	/* a code of the wrong level */
	write_file(dir, "distritos.csv", "code,district,province_code\n0101,Chachapoyas,0101\n");
	CHECK_INT(territory_import_dir(c, &who, 1000, dir, &s, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "is not a district code");
	/* a missing file */
	char nodir[600];
	snprintf(nodir, sizeof nodir, "%s/none", test_tmpdir());
	CHECK_INT(territory_import_dir(c, &who, 1000, nodir, &s, &e), ERR_IO);
	CHECK_CONTAINS(e.msg, "departamentos.csv");
	db_release(c);
	db_close(db);
}

TEST(levels)
{
	CHECK_INT(territory_level_of("01"), TERR_REGION);
	CHECK_INT(territory_level_of("0101"), TERR_PROVINCE);
	CHECK_INT(territory_level_of("010101"), TERR_DISTRICT);
	CHECK_INT(territory_level_of("010"), 0);
	CHECK_INT(territory_level_of("01a1"), 0);
	CHECK_INT(territory_level_of(""), 0);
	CHECK_INT(territory_level_of(NULL), 0);
}
