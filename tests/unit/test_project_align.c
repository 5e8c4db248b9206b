/* test_project_align.c — projects serving plan elements, over the demo (the
 * province of Chachapoyas, its PDC, PDI and POI, Huancas' and Leimebamba's
 * PDCs, the region's PDRC, the six demo initiatives): each rule of
 * project_serve_check with its message, through the domain and as a pure
 * function; the audit; unlinking; the plan module's delete check listing the
 * projects; the list filter by element following the thread; the picker's
 * candidates; the demo's own alignment. On SQLite, or PostgreSQL when
 * $MINKA_TEST_DB is set. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/demo.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "rules/project_rules.h"

static const struct actor who = { .account_id = 0, .name = "test" };
#define NOW 1795000000

static struct db *db;

static struct db_conn *demo_conn(void)
{
	struct err e;
	err_init(&e, NULL);
	if (!db) {
		db = test_db_territory();
		struct db_conn *c = db_acquire(db, &e);
		REQUIRE(c && demo_seed(c, &who, NOW, &e) == 0);
		db_release(c);
	}
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	return c;
}

/* The element `code` of the government's plan of `instrument`. */
static int64_t element(struct db_conn *c, const char *government, const char *instrument, const char *code)
{
	struct err e;
	err_init(&e, NULL);
	struct plan_element_query q = { .q = code, .government = government, .instrument = instrument, .limit = 50 };
	json_t *items;
	int64_t total, id = 0;
	REQUIRE(plan_element_search(c, &q, &items, &total, &e) == 0);
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o)
		if (!id && str_eq(json_get_str(o, "code", ""), code))
			id = json_get_int(o, "id", 0);
	json_decref(items);
	if (!id)
		test_fail(__FILE__, __LINE__, "no element %s in the %s of %s", code, instrument, government);
	return id;
}

static int64_t project(struct db_conn *c, const char *title)
{
	struct err e;
	err_init(&e, NULL);
	struct project_query q;
	project_query_init(&q);
	q.q = title;
	json_t *items;
	int64_t total;
	REQUIRE(project_list(c, &q, false, &items, &total, &e) == 0);
	int64_t id = total ? json_get_int(json_array_get(items, 0), "id", 0) : 0;
	json_decref(items);
	REQUIRE(id);
	return id;
}

static int64_t count(struct db_conn *c, const char *sql, int64_t arg)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, sql, &e);
	REQUIRE(st);
	db_bind_int64(st, 1, arg);
	int64_t n = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : -1;
	db_finish(st);
	return n;
}

static int64_t huancas_project(struct db_conn *c, const char *title)
{
	struct err e;
	err_init(&e, NULL);
	struct project_input in = { .title = title, .description = "Una obra del distrito de Huancas.",
				    .territory = "010108", .government = "010108",
				    .proposer = "Municipalidad Distrital de Huancas", .sector = "sanitation",
				    .estimated_cost = 30000000, .updated_cost = -1, .beneficiaries = -1,
				    .beneficiaries_women = -1, .beneficiaries_men = -1, .responsible_office = "Área Técnica" };
	int64_t id;
	REQUIRE(project_create(c, &who, NOW, &in, &id, &e) == 0);
	return id;
}

TEST(each_rule_refuses_with_its_message)
{
	struct db_conn *c = demo_conn();
	struct err e;
	err_init(&e, NULL);
	int64_t water = project(c, "agua potable Higos Urco");      /* the province's, in 010101 */
	int64_t market = project(c, "mercado de productores");      /* the province's, in Huancas */
	int64_t oe6 = element(c, "0101", "pdc", "OE6"), oe3 = element(c, "0101", "pdc", "OE3");
	/* the demo linked the water to OE3 already */
	CHECK_INT(project_serve(c, &who, NOW, water, oe3, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "already serves OE3");
	/* the province's own PDC: yes, and audited */
	int64_t audits = count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.serve' AND entity_id = CAST(? AS TEXT)",
			       water);
	REQUIRE(project_serve(c, &who, NOW, water, oe6, &e) == 0);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.serve' AND entity_id = CAST(? AS TEXT)",
			water), audits + 1);
	/* an indicator */
	int64_t ind = element(c, "0101", "pdc", "IND1.1");
	CHECK_INT(project_serve(c, &who, NOW, water, ind, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "IND1.1 is an indicator");
	/* a neighbouring district's plan: the project is not there */
	int64_t h_oe3 = element(c, "010108", "pdc", "OE3");
	CHECK_INT(project_serve(c, &who, NOW, water, h_oe3, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "is not located in the territory of Municipalidad Distrital de Huancas");
	/* a district's plan, for the province's project built there: the thread runs up */
	CHECK_INT(project_serve(c, &who, NOW, market, element(c, "010108", "pdc", "OE2"), &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "belongs to Municipalidad Provincial de Chachapoyas: it serves the plans of its own"
			      " government and of those that contain it");
	/* the region's PDRC contains it: yes */
	CHECK_INT(project_serve(c, &who, NOW, water, element(c, "01", "pdc", "OE2"), &e), 0);
	/* a district's project: its own PDC, the province's PDC, not the province's PDI */
	int64_t hp = huancas_project(c, "Cloración del agua de los anexos de Huancas");
	CHECK_INT(project_serve(c, &who, NOW, hp, h_oe3, &e), 0);
	CHECK_INT(project_serve(c, &who, NOW, hp, oe3, &e), 0);
	CHECK_INT(project_serve(c, &who, NOW, hp, element(c, "0101", "pdi", "AEI1.2"), &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "is an institutional plan of Municipalidad Provincial de Chachapoyas: only its own projects"
			      " can serve it, and project");
	CHECK_CONTAINS(e.msg, "belongs to Municipalidad Distrital de Huancas");
	/* the province's project and the province's PDI: yes */
	CHECK_INT(project_serve(c, &who, NOW, water, element(c, "0101", "pdi", "AEI1.2"), &e), 0);
	/* a plan of an instrument that programs no projects */
	int64_t cap_plan, cap_el;
	struct plan_input pin = { .instrument = "capacity", .title = "Plan de Desarrollo de Capacidades 2026-2028",
				  .start_year = 2026, .end_year = 2028 };
	REQUIRE(plan_create(c, &who, NOW, "0101", &pin, &cap_plan, &e) == 0);
	struct plan_element_input ein = { .kind = "objective", .title = "Funcionarios capacitados en inversión pública" };
	REQUIRE(plan_element_add(c, &who, NOW, cap_plan, &ein, &cap_el, &e) == 0);
	CHECK_INT(project_serve(c, &who, NOW, water, cap_el, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "programs no investment projects");
	/* nothing there */
	CHECK_INT(project_serve(c, &who, NOW, water, 99999999, &e), ERR_NOTFOUND);
	CHECK_CONTAINS(e.msg, "There is no plan element 99999999");
	CHECK_INT(project_serve(c, &who, NOW, 99999999, oe3, &e), ERR_NOTFOUND);
	/* unlinking */
	CHECK_INT(project_unserve(c, &who, NOW, water, oe6, &e), 0);
	CHECK_INT(project_unserve(c, &who, NOW, water, oe6, &e), ERR_NOTFOUND);
	CHECK_CONTAINS(e.msg, "does not serve OE6");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.unserve' AND entity_id = CAST(? AS TEXT)",
			water), 1);
	/* what the project serves, as the page and the API show it */
	json_t *pj;
	REQUIRE(project_get_json(c, water, &pj, &e) == 0);
	const json_t *serves = json_object_get(pj, "serves");
	CHECK_INT(json_array_size(serves), 3);   /* OE3 and the PDRC's OE2, the PDI's AEI1.2 */
	CHECK_STR(json_get_str(json_array_get(serves, 0), "code", ""), "OE3");
	CHECK_CONTAINS(json_get_str(json_object_get(json_array_get(serves, 0), "plan"), "label", ""), "PDC 2022-2030");
	json_decref(pj);
	db_release(c);
}

TEST(a_superseded_plan_is_refused)
{
	/* a database of its own: Huancas' PDC stays in force for the other tests */
	struct db *own = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(own, &e);
	REQUIRE(c && demo_seed(c, &who, NOW, &e) == 0);
	int64_t h_oe1 = element(c, "010108", "pdc", "OE1");
	int64_t hp = huancas_project(c, "Horno comunal para las alfareras de Huancas");
	/* Huancas approves a new PDC that replaces the one in force */
	struct plan pl;
	struct plan_element el;
	REQUIRE(plan_element_get(c, h_oe1, &el, &e) == 0);
	int64_t old_plan = el.plan_id, next, next_el;
	plan_element_release(&el);
	struct plan_input pin = { .instrument = "pdc", .title = "Plan de Desarrollo Local Concertado de Huancas al 2035",
				  .start_year = 2026, .end_year = 2035, .supersedes_id = old_plan };
	REQUIRE(plan_create(c, &who, NOW, "010108", &pin, &next, &e) == 0);
	struct plan_element_input ein = { .kind = "objective", .title = "Huancas, capital de la alfarería amazónica" };
	REQUIRE(plan_element_add(c, &who, NOW, next, &ein, &next_el, &e) == 0);
	REQUIRE(plan_approve(c, &who, NOW, next, "ordinance", "Ordenanza Municipal N.° 010-2026-MDH", "2026-10-01", &e) == 0);
	REQUIRE(plan_get(c, old_plan, &pl, &e) == 0);
	CHECK_STR(pl.status, "superseded");
	plan_release(&pl);
	CHECK_INT(project_serve(c, &who, NOW, hp, h_oe1, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "has been superseded");
	CHECK_INT(project_serve(c, &who, NOW, hp, next_el, &e), 0);
	db_release(c);
	db_close(own);
}

TEST(an_element_a_project_serves_cannot_be_deleted_and_lists_it)
{
	struct db_conn *c = demo_conn();
	struct err e;
	err_init(&e, NULL);
	/* a leaf nothing else depends on: the PDI's transparency portal, served by a new project of the province */
	int64_t aei = element(c, "0101", "pdi", "AEI3.2");
	struct project_input in = { .title = "Portal municipal de transparencia y datos abiertos", .territory = "010101",
				    .government = "0101", .proposer = "Subgerencia de Gestión Ambiental",
				    .sector = "environment", .estimated_cost = 45000000, .updated_cost = -1,
				    .beneficiaries = -1, .beneficiaries_women = -1, .beneficiaries_men = -1,
				    .responsible_office = "Subgerencia de Gestión Ambiental" };
	int64_t id;
	REQUIRE(project_create(c, &who, NOW, &in, &id, &e) == 0);
	REQUIRE(project_serve(c, &who, NOW, id, aei, &e) == 0);
	json_t *pj;
	REQUIRE(project_get_json(c, id, &pj, &e) == 0);
	char code[32];
	snprintf(code, sizeof code, "%s", json_get_str(pj, "code", ""));
	json_decref(pj);
	CHECK_INT(plan_element_delete(c, &who, NOW, aei, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "AEI3.2 cannot be deleted while other records depend on it");
	CHECK_CONTAINS(e.msg, code);
	CHECK_CONTAINS(e.msg, "Portal municipal de transparencia");
	CHECK_CONTAINS(e.msg, "serves it");
	json_t *deps;
	REQUIRE(plan_element_dependents(c, aei, &deps, &e) == 0);
	REQUIRE(json_array_size(deps) == 1);
	CHECK_STR(json_get_str(json_array_get(deps, 0), "what", ""), "project");
	json_decref(deps);
	json_t *serving;
	REQUIRE(project_serving_element(c, aei, &serving, &e) == 0);
	CHECK_INT(json_array_size(serving), 1);
	json_decref(serving);
	/* once it serves something else, the element goes */
	REQUIRE(project_unserve(c, &who, NOW, id, aei, &e) == 0);
	CHECK_INT(plan_element_delete(c, &who, NOW, aei, &e), 0);
	db_release(c);
}

/* The codes of the projects the list finds serving an element. */
static char *serving_codes(struct db_conn *c, int64_t element_id, int64_t *total)
{
	struct err e;
	err_init(&e, NULL);
	struct project_query q;
	project_query_init(&q);
	q.plan_element = element_id;
	q.sort = PSORT_CODE;
	json_t *items;
	REQUIRE(project_list(c, &q, false, &items, total, &e) == 0);
	char buf[2000] = "";
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s ", json_get_str(o, "title", ""));
	json_decref(items);
	return strdup(buf);
}

TEST(the_list_filters_by_element_following_the_thread)
{
	struct db_conn *c = demo_conn();
	struct err e;
	err_init(&e, NULL);
	int64_t oe3 = element(c, "0101", "pdc", "OE3"), es31 = element(c, "0101", "pdc", "ES3.1"),
		poi_act = element(c, "0101", "poi", "ACT1.2"), h_oe3 = element(c, "010108", "pdc", "OE3");
	/* three projects: one on the strategy under OE3, one on the POI's chlorination
	 * activity (-> PDI AEI1.2 -> OEI1 -> OE3), one of Huancas on its own OE3 (-> OE3) */
	struct project_input in = { .title = "Fortalecimiento de las JASS de Taquia", .territory = "010101",
				    .government = "0101", .proposer = "Área Técnica Municipal", .sector = "sanitation",
				    .estimated_cost = 5000000, .updated_cost = -1, .beneficiaries = -1,
				    .beneficiaries_women = -1, .beneficiaries_men = -1, .responsible_office = "ATM" };
	int64_t a, b;
	REQUIRE(project_create(c, &who, NOW, &in, &a, &e) == 0);
	REQUIRE(project_serve(c, &who, NOW, a, es31, &e) == 0);
	in.title = "Cloradores por goteo en doce centros poblados";
	REQUIRE(project_create(c, &who, NOW, &in, &b, &e) == 0);
	REQUIRE(project_serve(c, &who, NOW, b, poi_act, &e) == 0);
	int64_t h = huancas_project(c, "Reservorio y cloración en el anexo de Cruzpata");
	REQUIRE(project_serve(c, &who, NOW, h, h_oe3, &e) == 0);
	int64_t total;
	char *found = serving_codes(c, oe3, &total);
	CHECK_CONTAINS(found, "Fortalecimiento de las JASS de Taquia");
	CHECK_CONTAINS(found, "Cloradores por goteo");
	CHECK_CONTAINS(found, "Reservorio y cloración en el anexo de Cruzpata");
	CHECK_CONTAINS(found, "agua potable en el barrio Higos Urco");   /* the demo's own link */
	int64_t oe3_total = total;
	free(found);
	/* the strategy alone: only what serves it */
	found = serving_codes(c, es31, &total);
	CHECK_INT(total, 1);
	CHECK_CONTAINS(found, "JASS de Taquia");
	free(found);
	/* Huancas' OE3: its project, not the province's */
	found = serving_codes(c, h_oe3, &total);
	CHECK_CONTAINS(found, "Cruzpata");
	CHECK(strstr(found, "Higos Urco") == NULL);
	free(found);
	/* the filter combines with the others and the search */
	struct project_query q;
	project_query_init(&q);
	q.plan_element = oe3;
	q.q = "cloracion";
	json_t *items;
	REQUIRE(project_list(c, &q, false, &items, &total, &e) == 0);
	CHECK_INT(total, 2);
	json_decref(items);
	q.q = NULL;
	q.government = "010108";
	REQUIRE(project_list(c, &q, false, &items, &total, &e) == 0);
	CHECK(total >= 1 && total < oe3_total);
	json_decref(items);
	db_release(c);
}

TEST(the_picker_offers_what_a_project_may_serve)
{
	struct db_conn *c = demo_conn();
	struct err e;
	err_init(&e, NULL);
	int64_t hp = huancas_project(c, "Mirador turístico del cañón del Sonche");
	json_t *items;
	int64_t total;
	/* accent-insensitive, by words: Huancas' own PDC and the province's */
	REQUIRE(project_serve_candidates(c, hp, "turismo", 50, &items, &total, &e) == 0);
	bool huancas = false, province = false, pdi = false, served = false;
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		const json_t *pl = json_object_get(o, "plan");
		huancas |= str_eq(json_get_str(pl, "government", ""), "010108");
		province |= str_eq(json_get_str(pl, "government", ""), "0101") && str_eq(json_get_str(pl, "instrument", ""), "pdc");
		pdi |= str_eq(json_get_str(pl, "instrument", ""), "pdi");
		served |= json_is_true(json_object_get(o, "served"));
	}
	CHECK(huancas && province);
	CHECK(!pdi);       /* the province's institutional plan is not the district's */
	CHECK(!served);
	json_decref(items);
	/* by code, and no indicators */
	REQUIRE(project_serve_candidates(c, hp, "kuelap", 50, &items, &total, &e) == 0);
	CHECK(total >= 1);
	json_decref(items);
	REQUIRE(project_serve_candidates(c, hp, "IND", 50, &items, &total, &e) == 0);
	json_array_foreach(items, i, o)
		CHECK(!str_eq(json_get_str(o, "kind", ""), "indicator"));
	json_decref(items);
	REQUIRE(project_serve(c, &who, NOW, hp, element(c, "010108", "pdc", "OE1"), &e) == 0);
	REQUIRE(project_serve_candidates(c, hp, "alfareria", 50, &items, &total, &e) == 0);
	REQUIRE(total >= 1);
	CHECK(json_is_true(json_object_get(json_array_get(items, 0), "served")));
	json_decref(items);
	/* the province's own project sees its PDI too */
	int64_t water = project(c, "agua potable Higos Urco");
	REQUIRE(project_serve_candidates(c, water, "residuos", 50, &items, &total, &e) == 0);
	CHECK(total >= 1);
	CHECK_STR(json_get_str(json_object_get(json_array_get(items, 0), "plan"), "instrument", ""), "pdi");
	json_decref(items);
	db_release(c);
}

TEST(the_demo_aligns_by_theme_and_leaves_the_rest)
{
	struct db_conn *c = demo_conn();
	struct err e;
	err_init(&e, NULL);
	int64_t sports = project(c, "Losa deportiva multiuso en Pencapampa"), street = project(c, "jirón Libertad"),
		canal = project(c, "Canal de riego Taquia");
	int64_t *ids;
	size_t n;
	REQUIRE(project_element_ids(c, sports, &ids, &n, &e) == 0);
	CHECK_INT(n, 0);           /* no objective of the demo's plans is about sport */
	free(ids);
	REQUIRE(project_element_ids(c, street, &ids, &n, &e) == 0);
	REQUIRE(n == 1);
	CHECK_INT(ids[0], element(c, "0101", "pdc", "OE7"));
	free(ids);
	REQUIRE(project_element_ids(c, canal, &ids, &n, &e) == 0);
	REQUIRE(n == 1);
	CHECK_INT(ids[0], element(c, "0101", "pdc", "OE1"));
	free(ids);
	/* idempotent: run it (other tests of this file added projects), then again: nothing new */
	int64_t linked = -1;
	REQUIRE(demo_align_projects(c, &who, NOW, &linked, &e) == 0);
	REQUIRE(demo_align_projects(c, &who, NOW, &linked, &e) == 0);
	CHECK_INT(linked, 0);
	db_release(c);
}

TEST(serve_check_as_a_pure_function)
{
	struct err e;
	err_init(&e, NULL);
	const char *in_huancas[] = { "010108" }, *two[] = { "010101", "010108" }, *region[] = { "01" };
	struct serve_project prov = { "BP-000001", "0101", "Municipalidad Provincial de Chachapoyas", in_huancas, 1 };
	struct serve_project ministry = { "CUI-1", "", "", two, 2 };
	struct serve_project gore = { "CUI-2", "01", "Gobierno Regional de Amazonas", region, 1 };
	struct serve_target h_pdc = { "OE1", "objective", "PDC Huancas", "approved", "pdc", "010108",
				      "Municipalidad Distrital de Huancas" };
	struct serve_target p_pdc = { "OE3", "objective", "PDC Chachapoyas", "approved", "pdc", "0101",
				      "Municipalidad Provincial de Chachapoyas" };
	struct serve_target p_poi = { "ACT1", "activity", "POI 2026", "draft", "poi", "0101",
				      "Municipalidad Provincial de Chachapoyas" };
	struct serve_target custom = { "LIN1", "line", "Plan de turismo", "approved", "custom", "0101",
				       "Municipalidad Provincial de Chachapoyas" };
	/* a province's project built in Huancas: the province's PDC, not Huancas' */
	CHECK_INT(project_serve_check(&prov, &p_pdc, false, &e), 0);
	CHECK_INT(project_serve_check(&prov, &h_pdc, false, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "not OE1 of PDC Huancas");
	CHECK_INT(project_serve_check(&prov, &p_poi, false, &e), 0);      /* a draft POI of its own: yes */
	CHECK_INT(project_serve_check(&prov, &custom, false, &e), 0);
	/* a ministry's project in two districts: the concerted plans of where it is */
	CHECK_INT(project_serve_check(&ministry, &h_pdc, false, &e), 0);
	CHECK_INT(project_serve_check(&ministry, &p_pdc, false, &e), 0);
	CHECK_INT(project_serve_check(&ministry, &p_poi, false, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "belongs to no government");
	CHECK_INT(project_serve_check(&ministry, &custom, false, &e), ERR_INVALID);   /* another instrument is the municipality's */
	/* a region-wide project of the regional government: not the province's PDC (below it, and not inside) */
	CHECK_INT(project_serve_check(&gore, &p_pdc, false, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "is not located in the territory of Municipalidad Provincial de Chachapoyas");
	CHECK_INT(project_serve_check(&prov, &p_pdc, true, &e), ERR_CONFLICT);
	struct serve_target gone = p_pdc;
	gone.plan_status = "superseded";
	CHECK_INT(project_serve_check(&prov, &gone, false, &e), ERR_INVALID);
	struct serve_target unknown = p_pdc;
	unknown.instrument = "nonsense";
	CHECK_INT(project_serve_check(&prov, &unknown, false, &e), ERR_INVALID);
}
