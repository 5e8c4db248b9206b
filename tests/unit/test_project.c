/* test_project.c — the project bank over a real database: initiatives and their
 * lifecycle with history, refusals that leave nothing half-written, the import
 * of a real Invierte.pe sample (tests/data/invierte_pe_sample.csv: 38 real rows
 * of the shared extract, chosen for their cases), accent-insensitive search,
 * filters and sorting, committee and documents. */
#include "core/compat.h"
#include "test.h"
#include "core/assets.h"
#include "core/json.h"
#include "domain/project.h"
#include "domain/stored_file.h"
#include "domain/territory.h"

#include <sys/stat.h>

static const struct actor who = { .account_id = 0, .name = "test" };

static struct db *shared_db;

/* One database with the territory for the whole file (tests use their own records). */
static struct db_conn *conn(void)
{
	if (!shared_db)
		shared_db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(shared_db, &e);
	REQUIRE(c);
	return c;
}

static int64_t count(struct db_conn *c, const char *sql)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, sql, &e);
	REQUIRE(st);
	int64_t n = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : -1;
	db_finish(st);
	return n;
}

static struct project_input initiative(const char *title, const char *territory)
{
	return (struct project_input){
		.title = title,
		.description = "Las familias del barrio acarrean agua del puquio; se propone una red con reservorio.",
		.territory = territory,
		.government = "0101",
		.proposer = "Junta Vecinal del Barrio Higos Urco",
		.sector = "sanitation",
		.estimated_cost = 48500000,
		.updated_cost = -1,
		.beneficiaries = 320,
		.beneficiaries_women = 170,
		.beneficiaries_men = 150,
		.responsible_office = "Gerencia de Desarrollo Urbano",
	};
}

TEST(sqlite_migration_variant_extends_the_common_one)
{
	const struct asset *common = asset_find("migrations/0004_projects.sql");
	const struct asset *lite = asset_find("migrations/0004_projects.sqlite.sql");
	REQUIRE(common && lite);
	CHECK(lite->len > common->len);
	CHECK(memcmp(lite->data, common->data, common->len) == 0);
	CHECK(strstr((const char *)lite->data + common->len, "fts5") != NULL);
}

TEST(initiative_enters_received_and_moves_with_history)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	struct project_input in = initiative("Agua potable para el barrio Higos Urco", "010101");
	int64_t id = 0;
	REQUIRE(project_submit(c, &(struct actor){ .name = "Carmen Tafur" }, 1000, &in, &id, &e) == 0);
	struct project_core p;
	REQUIRE(project_core_get(c, id, &p, &e) == 0);
	CHECK_INT(p.status, PS_RECEIVED);
	CHECK_STR(p.government, "0101");
	CHECK_INT(p.cost, 48500000);
	CHECK_STR(p.currency, "PEN");
	char code[32];
	snprintf(code, sizeof code, "BP-%06lld", (long long)id);
	CHECK_STR(p.code, code);
	/* the lifecycle, step by step */
	CHECK_INT(project_transition(c, &who, 1100, id, PS_UNDER_EVALUATION, NULL, &e), 0);
	/* a move the lifecycle does not allow: precise message, nothing written */
	err_init(&e, NULL);
	CHECK_INT(project_transition(c, &who, 1200, id, PS_IN_EXECUTION, "apurados", &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "\"Under evaluation\" to \"In execution\"");
	CHECK_INT(project_transition(c, &who, 1200, id, PS_PROGRAMMED, NULL, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "\"Under evaluation\" to \"Programmed\"");
	CHECK_INT(project_transition(c, &who, 1200, id, PS_NOT_VIABLE, "", &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "reason");
	REQUIRE(project_core_get(c, id, &p, &e) == 0);
	CHECK_INT(p.status, PS_UNDER_EVALUATION);
	CHECK_INT(project_transition(c, &who, 1300, id, PS_VIABLE, "Expediente técnico conforme", &e), 0);
	CHECK_INT(project_transition(c, &who, 1400, id, PS_PRIORITIZED, NULL, &e), 0);
	CHECK_INT(project_transition(c, &who, 1500, id, PS_PROGRAMMED, NULL, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "through the investment plan");
	json_t *j = NULL;
	REQUIRE(project_get_json(c, id, &j, &e) == 0);
	json_t *hist = json_object_get(j, "history");
	REQUIRE(json_array_size(hist) == 4);
	CHECK(json_is_null(json_object_get(json_array_get(hist, 0), "from")));
	CHECK_STR(json_get_str(json_array_get(hist, 0), "to", ""), "received");
	CHECK_STR(json_get_str(json_array_get(hist, 0), "actor", ""), "Carmen Tafur");
	CHECK_STR(json_get_str(json_array_get(hist, 2), "to", ""), "viable");
	CHECK_STR(json_get_str(json_array_get(hist, 2), "reason", ""), "Expediente técnico conforme");
	CHECK_STR(json_get_str(j, "viable_on", ""), "1970-01-01");
	CHECK_INT(json_get_int(json_object_get(j, "beneficiaries"), "women", 0), 170);
	CHECK_STR(json_get_str(json_object_get(j, "territory"), "name", ""), "Chachapoyas");
	json_decref(j);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit_log WHERE entity = 'project' AND entity_id = '%lld'", (long long)id);
	CHECK_INT(count(c, sql), 4); /* submit + three moves; refusals left no trace */
	db_release(c);
}

TEST(bad_input_is_refused_and_nothing_is_written)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t before = count(c, "SELECT COUNT(*) FROM project");
	int64_t audit = count(c, "SELECT COUNT(*) FROM audit_log");
	int64_t id;
	struct project_input in = initiative("Losa deportiva", "019999");
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "Unknown UBIGEO code \"019999\"");
	in = initiative("Losa deportiva", "020101"); /* Huaraz: not the province's */
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "outside the territory of Municipalidad Provincial de Chachapoyas");
	in = initiative("Losa deportiva", "010101");
	in.estimated_cost = -500;
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "negative");
	in = initiative("Losa deportiva", "010101");
	in.beneficiaries_women = 300;
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "more than the total");
	in = initiative("", "010101");
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	in = initiative("Losa deportiva", "010101");
	in.sector = "mining";
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	in = initiative("Losa deportiva", "010101");
	in.currency = "soles";
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	in = initiative("Losa deportiva", "010101");
	in.government = "9999";
	CHECK_INT(project_submit(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project"), before);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log"), audit);
	CHECK_INT(project_transition(c, &who, 1000, 999999, PS_VIABLE, NULL, &e), ERR_NOTFOUND);
	db_release(c);
}

/* The sample in a database of its own (the import is all the bank has). */
static struct db *sample_db(void)
{
	static struct db *db;
	if (db)
		return db;
	db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	struct project_import_stats st;
	json_t *rej = NULL;
	if (project_import_csv(c, &who, 5000, "tests/data/invierte_pe_sample.csv", NULL, &st, &rej, &e))
		test_fail(__FILE__, __LINE__, "import: %s", e.msg);
	json_decref(rej);
	db_release(c);
	return db;
}

TEST(import_of_the_real_sample)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	struct project_import_stats st;
	json_t *rej = NULL;
	REQUIRE(project_import_csv(c, &who, 5000, "tests/data/invierte_pe_sample.csv", NULL, &st, &rej, &e) == 0);
	CHECK_INT(st.rows, 38);
	CHECK_INT(st.created, 29);      /* 5 CUIs have several rows */
	CHECK_INT(st.merged, 9);
	CHECK_INT(st.locations, 38);
	CHECK_INT(st.rejected, 0);
	CHECK_INT(json_array_size(rej), 0);
	json_decref(rej);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project"), 29);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project_location"), 38);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project_transition"), 29);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.import'"), 1);
	/* one CUI, three districts (rows 855-857 of the extract) */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project_location l JOIN project p ON p.id = l.project_id"
			   " WHERE p.cui = '2322219'"), 3);
	/* costs to the cent, status and sector mapped */
	CHECK_INT(count(c, "SELECT estimated_cost FROM project WHERE cui = '2088578'"), 45792012800);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2088578' AND territory_code = '01'"
			   " AND sector = 'health' AND status = 'viable'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2322219' AND status = 'under_evaluation'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2551769' AND status = 'closed'"
			   " AND sector = 'public_order'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2326387' AND sector = 'agriculture'"), 1);
	/* 0000DD: a national project in departments 01 and 17 (checked against the names) */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project_location l JOIN project p ON p.id = l.project_id"
			   " WHERE p.cui = '2381070' AND l.territory_code IN ('01', '17')"), 2);
	/* DDPP00: province-wide */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2355820' AND territory_code = '0104'"), 1);
	/* the formulating entity linked to its government */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2226480' AND government_code = '0101'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2196451' AND government_code = '01'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2652971' AND government_code = '010103'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2556459' AND government_code IS NULL"), 1);
	/* records without a CUI get a stable code */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui IS NULL AND code LIKE 'IMP-%'"), 2);
	/* again: nothing new, figures refreshed, a status moved here is kept */
	int64_t id = count(c, "SELECT id FROM project WHERE cui = '2226480'");
	REQUIRE(project_transition(c, &who, 6000, id, PS_PRIORITIZED, NULL, &e) == 0);
	REQUIRE(project_import_csv(c, &who, 7000, "tests/data/invierte_pe_sample.csv", NULL, &st, NULL, &e) == 0);
	CHECK_INT(st.created, 0);
	CHECK_INT(st.updated, 29);
	CHECK_INT(st.locations, 0);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project"), 29);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project WHERE cui = '2226480' AND status = 'prioritized'"), 1);
	db_release(c);
	db_close(db);
}

TEST(import_refuses_bad_rows_with_their_lines)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t before = count(c, "SELECT COUNT(*) FROM project");
	int64_t audit = count(c, "SELECT COUNT(*) FROM audit_log");
	const char *csv =
		"cui,nombre_inversion,monto_viable,estado,sector,entidad,unidad_ejecutora,fecha_registro,fecha_viabilidad,"
		"costo_actualizado,descripcion_alternativa,beneficiarios,departamento,provincia,distrito,ubigeo\n"
		"9000001,CREACION DEL PUENTE CARROZABLE,100.00,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,2024-02-03,,,10,AMAZONAS,CHACHAPOYAS,CHACHAPOYAS,010101\n"
		"9000002,MEJORAMIENTO DEL CANAL,-50.00,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,,,,,AMAZONAS,CHACHAPOYAS,CHACHAPOYAS,010101\n"
		"9000003,MEJORAMIENTO DEL CANAL,cien,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,,,,,AMAZONAS,CHACHAPOYAS,CHACHAPOYAS,010101\n"
		"9000004,MEJORAMIENTO DEL CANAL,10.00,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,,,,,AMAZONAS,X,X,019999\n"
		"9000005,MEJORAMIENTO DEL CANAL,10.00,SUSPENDIDO,GOBIERNOS LOCALES,X,,2024-01-02,,,,,AMAZONAS,X,X,010101\n"
		"9000006,MEJORAMIENTO DEL CANAL,10.00,ACTIVO,GOBIERNOS LOCALES,X,,02/01/2024,,,,,AMAZONAS,X,X,010101\n"
		"9000007,MEJORAMIENTO DEL CANAL,10.00,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,,,,muchos,AMAZONAS,X,X,010101\n"
		"9000008,MAPEO,10.00,ACTIVO,AMBIENTAL,X,,2024-01-02,,,,,TUMBES,,,000001\n";
	struct project_import_stats st;
	json_t *rej = NULL;
	CHECK_INT(project_import_mem(c, &who, 8000, csv, strlen(csv), "malo.csv", NULL, &st, &rej, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "malo.csv: 7 of 8 rows were refused; nothing was imported");
	CHECK_INT(st.rejected, 7);
	REQUIRE(json_array_size(rej) == 7);
	const char *want[] = {
		"line 3, column 3 (monto_viable): negative amount -50.00",
		"line 4, column 3 (monto_viable): \"cien\" is not an amount",
		"line 5, column 16 (ubigeo): unknown UBIGEO \"019999\"",
		"line 6, column 4 (estado): unknown status \"SUSPENDIDO\"",
		"line 7, column 8 (fecha_registro): \"02/01/2024\" is not a date",
		"line 8, column 12 (beneficiarios): \"muchos\" is not a number of people",
		"line 9, column 16 (ubigeo): unknown UBIGEO \"000001\"", /* 01 is Amazonas, not Tumbes */
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		CHECK_CONTAINS(json_get_str(json_array_get(rej, i), "message", ""), want[i]);
	json_decref(rej);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project"), before);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log"), audit);
	/* the operator may choose to import the good row and leave the rest */
	struct project_import_opts skip = { .skip_rejected = true };
	CHECK_INT(project_import_mem(c, &who, 8000, csv, strlen(csv), "malo.csv", &skip, &st, NULL, &e), 0);
	CHECK_INT(st.created, 1);
	CHECK_INT(st.rejected, 7);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project"), before + 1);
	db_release(c);
}

TEST(import_refuses_a_file_that_is_not_csv)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t before = count(c, "SELECT COUNT(*) FROM project");
	const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\xff\xfe\x00\x01";
	CHECK(project_import_mem(c, &who, 9000, pdf, sizeof pdf - 1, "acta.pdf", NULL, NULL, NULL, &e) < 0);
	CHECK_CONTAINS(e.msg, "acta.pdf");
	const char text[] = "Estimados vecinos,\nles escribimos para...\n";
	CHECK_INT(project_import_mem(c, &who, 9000, text, sizeof text - 1, "carta.txt", NULL, NULL, NULL, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "carta.txt is not an Invierte.pe project file (CSV): line 1 has no column \"cui\"");
	CHECK_INT(project_import_mem(c, &who, 9000, "", 0, "vacio.csv", NULL, NULL, NULL, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "empty");
	CHECK_INT(project_import_csv(c, &who, 9000, "tests/data/no-such-file.csv", NULL, NULL, NULL, &e) < 0, 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM project"), before);
	db_release(c);
}

static int64_t search(struct db_conn *c, struct project_query q, json_t **items)
{
	struct err e;
	err_init(&e, NULL);
	int64_t total = -1;
	json_t *it = NULL;
	if (project_list(c, &q, false, &it, &total, &e))
		test_fail(__FILE__, __LINE__, "%s", e.msg);
	if (items)
		*items = it;
	else
		json_decref(it);
	return total;
}

TEST(search_is_accent_insensitive_and_filters_combine)
{
	struct db *db = sample_db();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	struct project_query q;
	project_query_init(&q);
	json_t *items;
	/* "saneamiento basico" finds the titles written "SANEAMIENTO BÁSICO" and "BASICO" */
	q.q = "saneamiento basico";
	int64_t n = search(c, q, &items);
	CHECK_INT(n, 5);
	bool accented = false;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		accented |= strstr(json_get_str(it, "title", ""), "SANEAMIENTO BÁSICO") != NULL;
	CHECK(accented);
	json_decref(items);
	q.q = "SANEAMIENTO BÁSICO";
	CHECK_INT(search(c, q, NULL), 5);
	q.q = "agua potable";
	CHECK_INT(search(c, q, NULL), 10);
	q.q = "2322219"; /* by CUI */
	CHECK_INT(search(c, q, NULL), 1);
	q.q = "\"agua\" OR NEAR(x)*"; /* search syntax is not passed through */
	CHECK(search(c, q, NULL) >= 0);
	q.q = "zzzzqqq";
	CHECK_INT(search(c, q, NULL), 0);
	q.q = NULL;
	CHECK_INT(search(c, q, NULL), 29);
	q.district = "010101";
	CHECK_INT(search(c, q, NULL), 9);
	q.district = NULL;
	q.province = "0104";
	CHECK_INT(search(c, q, NULL), 4);
	q.province = NULL;
	q.region = "17";
	CHECK_INT(search(c, q, NULL), 1);
	q.region = NULL;
	q.status = "closed";
	CHECK_INT(search(c, q, NULL), 4);
	q.status = NULL;
	q.sector = "sanitation";
	q.q = "agua";
	CHECK(search(c, q, NULL) >= 5);
	q.sector = NULL;
	q.q = NULL;
	q.government = "0101";
	CHECK_INT(search(c, q, NULL), 8);
	q.government = NULL;
	q.cost_min = 30000000000; /* S/ 300 million or more */
	CHECK_INT(search(c, q, NULL), 2);
	q.cost_min = -1;
	q.cost_max = 10000000; /* at most S/ 100,000 */
	n = search(c, q, &items);
	json_array_foreach(items, i, it)
		CHECK(json_get_int(it, "cost_cents", 0) <= 10000000);
	json_decref(items);
	q.cost_max = -1;
	/* sorting and paging */
	q.sort = PSORT_COST_DESC;
	q.limit = 3;
	CHECK_INT(search(c, q, &items), 29);
	CHECK_INT(json_array_size(items), 3);
	CHECK_STR(json_get_str(json_array_get(items, 0), "cui", ""), "2088578");
	CHECK(json_get_int(json_array_get(items, 0), "cost_cents", 0) >= json_get_int(json_array_get(items, 1), "cost_cents", 0));
	json_decref(items);
	q.offset = 27;
	search(c, q, &items);
	CHECK_INT(json_array_size(items), 2);
	json_decref(items);
	q.offset = 0;
	q.plan_element = 7; /* an element nothing serves (test_project_align.c has the links) */
	CHECK_INT(search(c, q, NULL), 0);
	/* counts by place for the map */
	project_query_init(&q);
	json_t *counts = NULL;
	REQUIRE(project_count_by_territory(c, &q, "0101", &counts, &e) == 0);
	CHECK_INT(json_integer_value(json_object_get(counts, "010101")), 9);
	CHECK_INT(json_integer_value(json_object_get(counts, "010110")), 3);
	json_decref(counts);
	CHECK_INT(project_count_by_territory(c, &q, "010101", &counts, &e), ERR_INVALID);
	db_release(c);
}

TEST(committee_and_documents)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	struct project_input in = initiative("Mejoramiento del mercado de abastos", "010101");
	in.sector = "trade";
	int64_t id, m1, m2, d1, d2;
	REQUIRE(project_submit(c, &who, 1000, &in, &id, &e) == 0);
	CHECK_INT(project_member_add(c, &who, 1000, id, "Rosa Huamán", "president", "Asociación de Comerciantes", &m1, &e), 0);
	CHECK_INT(project_member_add(c, &who, 1000, id, "Luis Chuquizuta", "treasurer", "", &m2, &e), 0);
	CHECK_INT(project_member_add(c, &who, 1000, id, "X", "mayor", "", &m2, &e), ERR_INVALID);
	CHECK_INT(project_member_add(c, &who, 1000, id, "", "member", "", &m2, &e), ERR_INVALID);
	CHECK_INT(project_member_remove(c, &who, 1000, id, m1, &e), 0);
	CHECK_INT(project_member_remove(c, &who, 1000, id, m1, &e), ERR_NOTFOUND);
	CHECK_INT(project_document_add_reference(c, &who, 1000, id, "Acta de priorización", "Acta 012-2026-CCLP", &d1, &e), 0);
	const char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
	CHECK_INT(project_document_add_file(c, &who, 1000, id, "Perfil", "C:\\docs\\perfil.pdf", pdf, sizeof pdf - 1, &d2, &e), 0);
	CHECK_INT(project_document_add_file(c, &who, 1000, id, "Programa", "setup.exe", "MZ\x90\x00", 4, &d2, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "not accepted");
	CHECK_INT(project_document_add_file(c, &who, 1000, id, "Vacío", "a.pdf", "", 0, &d2, &e), ERR_INVALID);
	char *big = calloc(1, PROJECT_FILE_MAX + 1);
	memcpy(big, "%PDF-", 5);
	CHECK_INT(project_document_add_file(c, &who, 1000, id, "Grande", "g.pdf", big, PROJECT_FILE_MAX + 1, &d2, &e), ERR_TOOBIG);
	free(big);
	json_t *j;
	REQUIRE(project_get_json(c, id, &j, &e) == 0);
	CHECK_INT(json_array_size(json_object_get(j, "committee")), 1);
	json_t *docs = json_object_get(j, "documents");
	REQUIRE(json_array_size(docs) == 2);
	CHECK_STR(json_get_str(json_array_get(docs, 1), "file_name", ""), "perfil.pdf");
	CHECK_STR(json_get_str(json_array_get(docs, 1), "content_type", ""), "application/pdf");
	int64_t fid = json_get_int(json_array_get(docs, 1), "id", 0);
	json_decref(j);
	void *data;
	size_t len;
	json_t *meta;
	REQUIRE(project_document_file(c, id, fid, &data, &len, &meta, &e) == 0);
	CHECK_INT(len, sizeof pdf - 1);
	CHECK(memcmp(data, pdf, len) == 0);
	free(data);
	json_decref(meta);
	CHECK_INT(project_document_file(c, id, d1, &data, &len, &meta, &e), ERR_NOTFOUND); /* a reference has no file */
	CHECK_INT(project_document_remove(c, &who, 1000, id, fid, &e), 0);
	CHECK_INT(project_document_file(c, id, fid, &data, &len, &meta, &e), ERR_NOTFOUND);
	CHECK_STR(stored_file_type("\x89PNG\r\n\x1a\n....", 12, "x"), "image/png");
	CHECK(stored_file_type("PK\x03\x04zzz", 7, "informe.docx") != NULL);
	CHECK(stored_file_type("PK\x03\x04zzz", 7, "informe.zip") == NULL);
	CHECK(stored_file_type("a,b\n1,2\n", 8, "datos.csv") != NULL);
	CHECK(stored_file_type("<html>", 6, "x.html") == NULL);
	db_release(c);
}

TEST(prioritize_for_the_participatory_budget_is_all_or_nothing)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t a, b;
	struct project_input in = initiative("Reservorio en Pencapampa", "010101");
	REQUIRE(project_submit(c, &who, 1000, &in, &a, &e) == 0);
	in = initiative("Canal de riego Taquia", "010101");
	REQUIRE(project_submit(c, &who, 1000, &in, &b, &e) == 0);
	REQUIRE(project_transition(c, &who, 1000, a, PS_UNDER_EVALUATION, NULL, &e) == 0);
	REQUIRE(project_transition(c, &who, 1000, a, PS_VIABLE, NULL, &e) == 0);
	int64_t ids[2] = { a, b };
	/* b is only received: nothing moves */
	CHECK_INT(project_prioritize(c, &who, 2000, ids, 2, "Seleccionado en el PP 2027", &e), ERR_CONFLICT);
	struct project_core p;
	REQUIRE(project_core_get(c, a, &p, &e) == 0);
	CHECK_INT(p.status, PS_VIABLE);
	REQUIRE(project_transition(c, &who, 1000, b, PS_UNDER_EVALUATION, NULL, &e) == 0);
	REQUIRE(project_transition(c, &who, 1000, b, PS_VIABLE, NULL, &e) == 0);
	CHECK_INT(project_prioritize(c, &who, 2000, ids, 2, "Seleccionado en el PP 2027", &e), 0);
	REQUIRE(project_core_get(c, b, &p, &e) == 0);
	CHECK_INT(p.status, PS_PRIORITIZED);
	/* again: already prioritized is fine */
	CHECK_INT(project_prioritize(c, &who, 2000, ids, 2, "otra vez", &e), 0);
	db_release(c);
}
