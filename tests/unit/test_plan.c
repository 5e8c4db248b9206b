/* test_plan.c — plans on a real database: creating and validating them, the
 * tree (codes renumbered when elements are added, moved or deleted), deletion
 * refused while something depends on an element, approval with its act,
 * versions (editing an approved plan opens a new one; old ones readable and
 * comparable), alignments through the rules, search without accents, and
 * import/export: JSON that round-trips exactly, CSV in spreadsheet shape, and
 * bad files refused with line and column and nothing written. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/demo.h"
#include "domain/plan.h"

static const struct actor who = { .account_id = 0, .name = "test" };
#define NOW 1795000000   /* 2026-11-18 */

static struct db *demo_db(void)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c && demo_seed(c, &who, NOW, &e) == 0);
	db_release(c);
	return db;
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

static int64_t add(struct db_conn *c, int64_t plan, int64_t parent, const char *kind, const char *title, const char *code)
{
	struct err e;
	err_init(&e, NULL);
	struct plan_element_input in = { .kind = kind, .parent_id = parent, .title = title, .code = code };
	int64_t id = 0;
	if (plan_element_add(c, &who, NOW, plan, &in, &id, &e))
		test_fail(__FILE__, __LINE__, "add %s: %s", title, e.msg);
	return id;
}

static const char *code_of(struct db_conn *c, int64_t id)
{
	static char code[PLAN_CODE_MAX];
	struct plan_element el;
	struct err e;
	err_init(&e, NULL);
	if (plan_element_get(c, id, &el, &e))
		return "?";
	snprintf(code, sizeof code, "%s", el.code);
	plan_element_release(&el);
	return code;
}

static int64_t new_plan(struct db_conn *c, const char *gov, const char *instrument, const char *title)
{
	struct err e;
	err_init(&e, NULL);
	struct plan_input in = { .instrument = instrument, .title = title, .start_year = 2025, .end_year = 2030,
				 .vision = "Una *visión*" };
	int64_t id = 0;
	if (plan_create(c, &who, NOW, gov, &in, &id, &e))
		test_fail(__FILE__, __LINE__, "create %s: %s", title, e.msg);
	return id;
}

TEST(create_validates_and_refuses_duplicates)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	struct plan_input in = { .instrument = "pdc", .title = "PDC de Balsas", .start_year = 2024, .end_year = 2032 };
	int64_t id;
	REQUIRE(plan_create(c, &who, NOW, "010103", &in, &id, &e) == 0);
	struct plan p;
	REQUIRE(plan_get(c, id, &p, &e) == 0);
	CHECK_STR(p.status, "draft");
	CHECK_INT(p.version, 1);
	CHECK_INT(p.horizon, HORIZON_LONG);
	CHECK_STR(p.levels, "axis:EJE objective:OE strategy:ES action:AE indicator:IND");
	CHECK_STR(p.government_name, "Municipalidad Distrital de Balsas");
	plan_release(&p);
	/* the same title (any accents or case), instrument and first year */
	in.title = "pdc de BALSAS";
	CHECK(plan_create(c, &who, NOW, "010103", &in, &id, &e) == ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "already has a plan");
	in.title = "";
	CHECK(plan_create(c, &who, NOW, "010103", &in, &id, &e) == ERR_INVALID);
	in.title = "Otro";
	in.end_year = 2020;
	CHECK(plan_create(c, &who, NOW, "010103", &in, &id, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "comes before");
	in.end_year = 2030;
	in.instrument = "custom";
	CHECK(plan_create(c, &who, NOW, "010103", &in, &id, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "name of the instrument");
	in.kind_name = "Plan de Desarrollo Turístico";
	in.horizon = "short";
	in.levels = "line:LT program";
	REQUIRE(plan_create(c, &who, NOW, "010103", &in, &id, &e) == 0);
	REQUIRE(plan_get(c, id, &p, &e) == 0);
	CHECK_INT(p.horizon, HORIZON_SHORT);
	CHECK_STR(p.levels, "line:LT program:PRG");
	plan_release(&p);
	in.instrument = "budget";
	CHECK(plan_create(c, &who, NOW, "010103", &in, &id, &e) == ERR_INVALID);
	in.instrument = "pdc";
	CHECK(plan_create(c, &who, NOW, "999999", &in, &id, &e) == ERR_NOTFOUND);
	/* the capital district has no government of its own */
	CHECK(plan_create(c, &who, NOW, "010101", &in, &id, &e) == ERR_NOTFOUND);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.create'"), 2);
	db_release(c);
	db_close(db);
}

TEST(tree_codes_follow_adds_moves_and_deletes)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	int64_t plan = new_plan(c, "010103", "pdc", "PDC de Balsas");
	int64_t ax1 = add(c, plan, 0, "axis", "Economía", NULL);
	int64_t o1 = add(c, plan, ax1, "objective", "Café", NULL);
	int64_t o2 = add(c, plan, ax1, "objective", "Turismo", NULL);
	int64_t ax2 = add(c, plan, 0, "axis", "Servicios", NULL);
	int64_t o3 = add(c, plan, ax2, "objective", "Agua", NULL);
	int64_t a31 = add(c, plan, o3, "action", "Cloración", NULL);
	CHECK_STR(code_of(c, o1), "OE1");
	CHECK_STR(code_of(c, o3), "OE3");
	CHECK_STR(code_of(c, a31), "AE3.1");
	/* move Agua (with its action) to the first axis, first place */
	REQUIRE(plan_element_move(c, &who, NOW, o3, ax1, 1, &e) == 0);
	CHECK_STR(code_of(c, o3), "OE1");
	CHECK_STR(code_of(c, a31), "AE1.1");
	CHECK_STR(code_of(c, o1), "OE2");
	CHECK_STR(code_of(c, o2), "OE3");
	/* into its own action: refused, nothing changes */
	CHECK(plan_element_move(c, &who, NOW, o3, a31, 1, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "inside itself");
	CHECK_STR(code_of(c, a31), "AE1.1");
	/* an axis under an objective: refused */
	CHECK(plan_element_move(c, &who, NOW, ax2, o1, 1, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cannot go under");
	/* a typed code, then a clash with it */
	struct plan_element_input in = { .kind = "objective", .parent_id = ax2, .title = "Salud", .code = "OE-S" };
	int64_t o4;
	REQUIRE(plan_element_add(c, &who, NOW, plan, &in, &o4, &e) == 0);
	CHECK_STR(code_of(c, o4), "OE-S");
	in.code = "OE-S";
	in.title = "Educación";
	int64_t before = count(c, "SELECT COUNT(*) FROM plan_element");
	CHECK(plan_element_add(c, &who, NOW, plan, &in, &o4, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "Duplicate code OE-S");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element"), before);
	in.code = "OE 1";
	CHECK(plan_element_add(c, &who, NOW, plan, &in, &o4, &e) == ERR_INVALID);
	in.code = NULL;
	in.kind = "program";
	CHECK(plan_element_add(c, &who, NOW, plan, &in, &o4, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "kind of element");
	/* delete: refused while something sits under it; fine for a leaf */
	CHECK(plan_element_delete(c, &who, NOW, o3, &e) == ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "AE1.1 Cloración");
	REQUIRE(plan_element_delete(c, &who, NOW, a31, &e) == 0);
	REQUIRE(plan_element_delete(c, &who, NOW, o3, &e) == 0);
	CHECK_STR(code_of(c, o1), "OE1");
	CHECK_STR(code_of(c, o2), "OE2");
	/* renumber turns typed codes back to automatic ones */
	REQUIRE(plan_renumber(c, &who, NOW, plan, &e) == 0);
	CHECK_STR(code_of(c, o1), "OE1");
	int64_t n = count(c, "SELECT COUNT(*) FROM plan_element WHERE code = 'OE3'");
	CHECK_INT(n, 1);
	json_t *tree;
	int64_t total;
	REQUIRE(plan_tree(c, plan, &tree, &total, &e) == 0);
	CHECK_INT(total, 5);
	CHECK_INT(json_array_size(tree), 2);
	CHECK_STR(json_get_str(json_array_get(json_object_get(json_array_get(tree, 0), "children"), 0), "code", ""), "OE1");
	json_decref(tree);
	db_release(c);
	db_close(db);
}

TEST(approval_versions_and_superseding)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	int64_t plan = new_plan(c, "010103", "pdc", "PDC de Balsas");
	/* nothing to approve yet */
	CHECK(plan_approve(c, &who, NOW, plan, "ordinance", "OM 1-2025", "2025-03-01", &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "without elements");
	int64_t ax = add(c, plan, 0, "axis", "Economía", NULL);
	int64_t ob = add(c, plan, ax, "objective", "Café de altura", NULL);
	/* approval without its act */
	CHECK(plan_approve(c, &who, NOW, plan, "", "OM 1-2025", "2025-03-01", &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "ordinance or a council agreement");
	CHECK(plan_approve(c, &who, NOW, plan, "ordinance", "", "2025-03-01", &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "number");
	CHECK(plan_approve(c, &who, NOW, plan, "ordinance", "OM 1-2025", "", &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "date");
	CHECK(plan_approve(c, &who, NOW, plan, "ordinance", "OM 1-2025", "2031-01-01", &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "future");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_version"), 0);
	REQUIRE(plan_approve(c, &who, NOW, plan, "ordinance", "OM 1-2025", "2025-03-01", &e) == 0);
	CHECK(plan_approve(c, &who, NOW, plan, "ordinance", "OM 2-2025", "2025-03-01", &e) == ERR_CONFLICT);
	struct plan p;
	REQUIRE(plan_get(c, plan, &p, &e) == 0);
	CHECK_STR(p.status, "approved");
	CHECK_STR(p.act_number, "OM 1-2025");
	plan_release(&p);
	/* editing the approved plan opens version 2 as a draft */
	struct plan_element_input in = { .kind = "objective", .parent_id = ax, .title = "Café especial de altura" };
	REQUIRE(plan_element_update(c, &who, NOW, ob, &in, &e) == 0);
	add(c, plan, ax, "objective", "Turismo", NULL);
	REQUIRE(plan_get(c, plan, &p, &e) == 0);
	CHECK_STR(p.status, "draft");
	CHECK_INT(p.version, 2);
	CHECK_STR(p.act_number, "");
	plan_release(&p);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.new_version'"), 1);
	/* version 1 stays readable, and the change shows */
	struct plan_doc v1, now_doc;
	plan_doc_init(&v1);
	plan_doc_init(&now_doc);
	REQUIRE(plan_version_doc(c, plan, 1, &v1, &e) == 0);
	CHECK_STR(v1.status, "approved");
	CHECK_INT(v1.nels, 2);
	CHECK_STR(v1.els[1].title, "Café de altura");
	REQUIRE(plan_doc_load(c, plan, true, &now_doc, &e) == 0);
	json_t *d = plan_doc_diff(&v1, &now_doc);
	char *txt = json_dumps(d, JSON_COMPACT);
	CHECK_CONTAINS(txt, "\"change\":\"changed\",\"code\":\"OE1\"");
	CHECK_CONTAINS(txt, "\"before\":\"Café de altura\",\"after\":\"Café especial de altura\"");
	CHECK_CONTAINS(txt, "\"change\":\"added\",\"code\":\"OE2\"");
	free(txt);
	json_decref(d);
	plan_doc_release(&v1);
	plan_doc_release(&now_doc);
	CHECK(plan_version_doc(c, plan, 7, &v1, &e) == ERR_NOTFOUND);
	/* version 2 approved: version 1 superseded */
	REQUIRE(plan_approve(c, &who, NOW, plan, "agreement", "AC 9-2026", "2026-02-01", &e) == 0);
	json_t *vs;
	REQUIRE(plan_versions(c, plan, &vs, &e) == 0);
	REQUIRE(json_array_size(vs) == 2);
	CHECK_STR(json_get_str(json_array_get(vs, 0), "status", ""), "approved");
	CHECK_STR(json_get_str(json_array_get(vs, 1), "status", ""), "superseded");
	json_decref(vs);
	/* a new plan replaces it: on approval the old one is superseded and frozen */
	struct plan_input pi = { .instrument = "pdc", .title = "PDC de Balsas al 2035", .start_year = 2027,
				 .end_year = 2035, .supersedes_id = plan };
	int64_t next;
	REQUIRE(plan_create(c, &who, NOW, "010103", &pi, &next, &e) == 0);
	add(c, next, 0, "objective", "Agua", NULL);
	REQUIRE(plan_approve(c, &who, NOW, next, "ordinance", "OM 3-2026", "2026-06-01", &e) == 0);
	REQUIRE(plan_get(c, plan, &p, &e) == 0);
	CHECK_STR(p.status, "superseded");
	plan_release(&p);
	CHECK(plan_element_add(c, &who, NOW, plan, &(struct plan_element_input){ .kind = "axis", .title = "x" }, &next, &e) ==
	      ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "superseded");
	pi.supersedes_id = 99999;
	pi.title = "Otro";
	CHECK(plan_create(c, &who, NOW, "010103", &pi, &next, &e) == ERR_INVALID);
	db_release(c);
	db_close(db);
}

TEST(alignment_through_the_domain)
{
	struct db *db = demo_db();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	/* the demo: Huancas (plan 3) aligned to the province (plan 1) aligned to the region (plan 2) */
	int64_t prov_oe1 = count(c, "SELECT id FROM plan_element WHERE plan_id = 1 AND code = 'OE1'");
	int64_t hua_oe1 = count(c, "SELECT id FROM plan_element WHERE plan_id = 3 AND code = 'OE1'");
	int64_t reg_oe1 = count(c, "SELECT id FROM plan_element WHERE plan_id = 2 AND code = 'OE1'");
	int64_t pdi_oei5 = count(c, "SELECT id FROM plan_element WHERE plan_id = 5 AND code = 'OEI5'");
	int64_t leime_oe2 = count(c, "SELECT id FROM plan_element WHERE plan_id = 4 AND code = 'OE2'");
	int64_t links = count(c, "SELECT COUNT(*) FROM plan_alignment");
	/* to a lower level, and sideways to another district */
	CHECK(plan_align(c, &who, NOW, prov_oe1, hua_oe1, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "lower");
	CHECK(plan_align(c, &who, NOW, leime_oe2, hua_oe1, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "province and region that contain it");
	/* the region's plan back to the province's: a lower level, and the PDI to the POI: shorter */
	CHECK(plan_align(c, &who, NOW, reg_oe1, prov_oe1, &e) == ERR_INVALID);
	int64_t poi_oi1 = count(c, "SELECT id FROM plan_element WHERE plan_id = 6 AND code = 'OI1'");
	CHECK(plan_align(c, &who, NOW, pdi_oei5, poi_oi1, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "horizon");
	CHECK(plan_align(c, &who, NOW, hua_oe1, prov_oe1, &e) == 0);   /* a second target is fine */
	CHECK(plan_align(c, &who, NOW, leime_oe2, 999999, &e) == ERR_INVALID);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_alignment"), links + 1);
	/* a new provincial PDC that the old one serves cannot serve it back */
	int64_t other = new_plan(c, "0101", "pdc", "PDC provincial (borrador alternativo)");
	int64_t other_oe = add(c, other, 0, "objective", "Turismo", NULL);
	REQUIRE(plan_align(c, &who, NOW, prov_oe1, other_oe, &e) == 0);
	CHECK(plan_align(c, &who, NOW, other_oe, prov_oe1, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cycle");
	CHECK(plan_align(c, &who, NOW, prov_oe1, other_oe, &e) == ERR_CONFLICT);
	/* aligning the approved provincial PDC opened its version 2 */
	struct plan p;
	REQUIRE(plan_get(c, 1, &p, &e) == 0);
	CHECK_INT(p.version, 2);
	CHECK_STR(p.status, "draft");
	plan_release(&p);
	/* deleting what others align to: refused, naming them */
	int64_t prov_oe3 = count(c, "SELECT id FROM plan_element WHERE plan_id = 1 AND code = 'OE3'");
	CHECK(plan_element_delete(c, &who, NOW, prov_oe3, &e) == ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "OEI1");
	CHECK_CONTAINS(e.msg, "aligned to it");
	json_t *deps;
	REQUIRE(plan_element_dependents(c, prov_oe3, &deps, &e) == 0);
	CHECK(json_array_size(deps) >= 4);   /* 2 children, the PDI's OEI1 and Huancas' OE3 */
	json_decref(deps);
	REQUIRE(plan_unalign(c, &who, NOW, prov_oe1, other_oe, &e) == 0);
	CHECK(plan_unalign(c, &who, NOW, prov_oe1, other_oe, &e) == ERR_NOTFOUND);
	/* candidates: the PDI's objective may serve the province's and the region's PDCs */
	json_t *items;
	int64_t total;
	REQUIRE(plan_align_candidates(c, pdi_oei5, "agua", 50, &items, &total, &e) == 0);
	CHECK(total >= 1);
	CHECK_STR(json_get_str(json_array_get(items, 0), "code", ""), "OE3");
	json_decref(items);
	db_release(c);
	db_close(db);
}

TEST(search_ignores_accents_and_case)
{
	struct db *db = demo_db();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	json_t *items;
	int64_t total;
	struct plan_element_query q = { .q = "ALFARERIA sonche", .limit = 10 };
	REQUIRE(plan_element_search(c, &q, &items, &total, &e) == 0);
	CHECK_INT(total, 1);
	CHECK_CONTAINS(json_get_str(json_array_get(items, 0), "title", ""), "alfarería");
	CHECK_STR(json_get_str(json_object_get(json_array_get(items, 0), "plan"), "government", ""), "010108");
	json_decref(items);
	/* by code, within a government and those containing it */
	q = (struct plan_element_query){ .q = "oe3", .government = "010108", .with_ancestors = true, .kind = "objective",
					 .limit = 10 };
	REQUIRE(plan_element_search(c, &q, &items, &total, &e) == 0);
	CHECK_INT(total, 3);   /* Huancas, the province and the region */
	json_decref(items);
	q = (struct plan_element_query){ .q = "100%_", .limit = 10 };
	REQUIRE(plan_element_search(c, &q, &items, &total, &e) == 0);
	CHECK_INT(total, 0);
	json_decref(items);
	db_release(c);
	db_close(db);
}

static char *export_json(struct db_conn *c, int64_t id)
{
	struct plan_doc d;
	struct err e;
	err_init(&e, NULL);
	plan_doc_init(&d);
	if (plan_doc_load(c, id, false, &d, &e) != 0) {
		test_fail(__FILE__, __LINE__, "plan_doc_load: %s", e.msg);
		plan_doc_release(&d);
		test_abort();
	}
	struct buf b;
	buf_init(&b, 0);
	REQUIRE(plan_doc_write_json(&d, &b) == 0);
	plan_doc_release(&d);
	return buf_detach(&b, NULL);
}

static int64_t import_json(struct db_conn *c, const char *gov, const char *text, struct err *e)
{
	struct plan_doc d;
	plan_doc_init(&d);
	int64_t id = 0;
	int rc = plan_doc_parse_json(text, strlen(text), &d, e);
	if (!rc)
		rc = plan_import_doc(c, &who, NOW, gov, &d, 0, &id, e);
	plan_doc_release(&d);
	return rc ? rc : id;
}

TEST(json_round_trips_exactly)
{
	struct db *a = demo_db(), *b = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *ca = db_acquire(a, &e), *cb = db_acquire(b, &e);
	char *region = export_json(ca, 2), *prov = export_json(ca, 1), *huancas = export_json(ca, 3);
	CHECK_CONTAINS(huancas, "\"aligns_to\": [");
	CHECK_CONTAINS(huancas, "\"approval\": {");
	/* Huancas first: the province's plan it serves is not there yet */
	int64_t before = count(cb, "SELECT COUNT(*) FROM plan_element");
	CHECK(import_json(cb, "010108", huancas, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "not in this installation");
	CHECK_INT(count(cb, "SELECT COUNT(*) FROM plan_element"), before);
	CHECK_INT(count(cb, "SELECT COUNT(*) FROM plan"), 0);
	int64_t r = import_json(cb, "01", region, &e), p = import_json(cb, "0101", prov, &e),
		h = import_json(cb, "010108", huancas, &e);
	REQUIRE(r > 0 && p > 0 && h > 0);
	char *r2 = export_json(cb, r), *p2 = export_json(cb, p), *h2 = export_json(cb, h);
	CHECK_STR(r2, region);
	CHECK_STR(p2, prov);
	CHECK_STR(h2, huancas);
	/* the approved version came along */
	CHECK_INT(count(cb, "SELECT COUNT(*) FROM plan_version"), 3);
	/* and importing it again is a duplicate */
	CHECK(import_json(cb, "010108", huancas, &e) == ERR_CONFLICT);
	free(region);
	free(prov);
	free(huancas);
	free(r2);
	free(p2);
	free(h2);
	db_release(ca);
	db_release(cb);
	db_close(a);
	db_close(b);
}

TEST(json_files_are_checked)
{
	struct plan_doc d;
	struct err e;
	err_init(&e, NULL);
	static const char *const bad[][2] = {
		{ "[]", "JSON object" },
		{ "{\"format\":\"other\"}", "not a minka plan file" },
		{ "{\"format\":\"minka.plan\",\"format_version\":1,\"colour\":1}", "unknown field \"colour\"" },
		{ "{", "invalid JSON" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		plan_doc_init(&d);
		CHECK(plan_doc_parse_json(bad[i][0], strlen(bad[i][0]), &d, &e) == ERR_INVALID);
		CHECK_CONTAINS(e.msg, bad[i][1]);
		plan_doc_release(&d);
	}
#define HEAD "{\"format\":\"minka.plan\",\"format_version\":1,\"government\":\"0101\",\"instrument\":\"pdc\"," \
			   "\"instrument_name\":\"\",\"horizon\":\"long\",\"title\":\"T\",\"start_year\":2022,\"end_year\":2030," \
			   "\"status\":\"%s\",\"version\":1,\"approval\":%s,\"vision\":\"\",\"mission\":\"\",\"participants\":\"\"," \
			   "\"levels\":\"axis:EJE objective:OE\",\"elements\":%s}"
	char text[2000];
	/* an approved plan without its act */
	snprintf(text, sizeof text, HEAD, "approved", "null", "[]");
	plan_doc_init(&d);
	CHECK(plan_doc_parse_json(text, strlen(text), &d, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "approving act");
	plan_doc_release(&d);
	/* an element with a kind the plan does not have, one level down */
	snprintf(text, sizeof text, HEAD, "draft", "null",
		 "[{\"code\":\"EJE1\",\"auto_code\":true,\"kind\":\"axis\",\"title\":\"A\",\"description\":\"\",\"office\":\"\","
		 "\"aligns_to\":[],\"children\":[{\"code\":\"X1\",\"auto_code\":true,\"kind\":\"program\",\"title\":\"B\","
		 "\"description\":\"\",\"office\":\"\",\"aligns_to\":[],\"children\":[]}]}]");
	plan_doc_init(&d);
	CHECK(plan_doc_parse_json(text, strlen(text), &d, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "elements 1.1");
	CHECK_CONTAINS(e.msg, "program");
	plan_doc_release(&d);
	/* a code with a space */
	snprintf(text, sizeof text, HEAD, "draft", "null",
		 "[{\"code\":\"EJE 1\",\"auto_code\":false,\"kind\":\"axis\",\"title\":\"A\",\"description\":\"\",\"office\":\"\","
		 "\"aligns_to\":[],\"children\":[]}]");
	plan_doc_init(&d);
	CHECK(plan_doc_parse_json(text, strlen(text), &d, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "elements 1");
	plan_doc_release(&d);
}

static const char sheet[] =
	"Línea estratégica,Componente,Programa,Producto / Indicador,Responsable\n"
	"Desarrollo económico,Turismo,Circuito Kuélap,Visitantes atendidos por año,Subgerencia de Turismo\n"
	",,,Guías locales capacitados,Subgerencia de Turismo\n"
	",Agro,Café de altura,Productores con certificación orgánica,\n"
	"Servicios básicos,Agua,JASS fortalecidas,Centros poblados con agua clorada,ATM\n";

static int csv_import(struct db_conn *c, const char *text, const char *map, int64_t *id, struct err *e)
{
	struct plan_doc d;
	plan_doc_init(&d);
	snprintf(d.instrument, sizeof d.instrument, "custom");
	plan_doc_set(&d.kind_name, "Plan de Desarrollo Económico Local");
	snprintf(d.horizon, sizeof d.horizon, "medium");
	plan_doc_set(&d.title, "Plan de la hoja de cálculo");
	d.start_year = 2025;
	d.end_year = 2028;
	struct plan_csv_map m;
	int rc = plan_csv_guess(text, strlen(text), &m, e);
	if (!rc && map)
		rc = plan_csv_map_apply(&m, map, e);
	if (!rc)
		rc = plan_doc_from_csv(text, strlen(text), &m, &d, e);
	if (!rc)
		rc = plan_import_doc(c, &who, NOW, "010103", &d, 0, id, e);
	plan_doc_release(&d);
	return rc;
}

TEST(csv_in_spreadsheet_shape)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	struct plan_csv_map m;
	REQUIRE(plan_csv_guess(sheet, strlen(sheet), &m, &e) == 0);
	CHECK_INT(m.ncols, 5);
	char role[40];
	plan_csv_role_text(&m.col[0], role, sizeof role);
	CHECK_STR(role, "title:line");
	plan_csv_role_text(&m.col[3], role, sizeof role);
	CHECK_STR(role, "title:product");
	plan_csv_role_text(&m.col[4], role, sizeof role);
	CHECK_STR(role, "office");
	int64_t id;
	REQUIRE(csv_import(c, sheet, NULL, &id, &e) == 0);
	struct plan p;
	REQUIRE(plan_get(c, id, &p, &e) == 0);
	CHECK_STR(p.levels, "line:LIN component:COM program:PRG product:PRD");
	plan_release(&p);
	/* 2 lines, 3 components, 3 programs, 4 products */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element"), 12);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element WHERE code = 'PRD1.1.1.2'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element WHERE code = 'COM1.2'"), 1);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element WHERE office = 'ATM'"), 1);
	/* the export has the same shape, and reads back the same way */
	struct plan_doc d;
	plan_doc_init(&d);
	if (plan_doc_load(c, id, false, &d, &e) != 0) {
		test_fail(__FILE__, __LINE__, "plan_doc_load: %s", e.msg);
		plan_doc_release(&d);
		test_abort();
	}
	struct buf out;
	buf_init(&out, 0);
	REQUIRE(plan_doc_write_csv(&d, NULL, &out) == 0);
	CHECK_CONTAINS(buf_cstr(&out), "Code Strategic line,Strategic line,Code Component,Component");
	CHECK_CONTAINS(buf_cstr(&out), "LIN1,Desarrollo económico,COM1.1,Turismo,PRG1.1.1,Circuito Kuélap,PRD1.1.1.1,Visitantes");
	struct plan_csv_map m2;
	REQUIRE(plan_csv_guess(out.data, out.len, &m2, &e) == 0);
	struct plan_doc d2;
	plan_doc_init(&d2);
	snprintf(d2.instrument, sizeof d2.instrument, "custom");
	REQUIRE(plan_doc_from_csv(out.data, out.len, &m2, &d2, &e) == 0);
	CHECK_INT(d2.nels, 12);
	CHECK(d2.els[0].code_auto);
	plan_doc_release(&d2);
	plan_doc_release(&d);
	buf_release(&out);
	db_release(c);
	db_close(db);
}

TEST(bad_csv_files_write_nothing)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	int64_t id;
	static const char *const bad[][3] = {
		/* file, mapping, expected message */
		{ "Eje,Objetivo,Presupuesto\nA,B,100\n", NULL, "line 1, column 3 (Presupuesto): unknown column" },
		{ "Eje,Objetivo\nA,B,C\n", NULL, "line 2: 3 fields, but the header has 2" },
		{ "Eje,Objetivo\n,B\n", NULL, "line 2, column 1 (Eje): empty, and there is no row above to repeat" },
		{ "Eje,Código,Objetivo\nA,OE 1,B\n", NULL, "line 2, column 2 (Código)" },
		{ "Eje,Código,Objetivo\nA,OE1,B\nA,OE1,C\n", NULL, "line 3, column 3 (Objetivo): code OE1 is \"B\" on line 2 and \"C\" here" },
		{ "Eje,Objetivo,Nota\nA,B,x\n", "Nota=galaxy", "\"galaxy\" is not a role" },
		{ "Eje,Objetivo,Nota\nA,B,x\n", "9=ignore", "no column \"9\"" },
		{ "Eje,Objetivo\n\"A,B\n", NULL, "line 2" },
		{ "Nota\nx\n", "1=ignore", "no column holds element titles" },
		{ "", NULL, "empty" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK(csv_import(c, bad[i][0], bad[i][1], &id, &e) == ERR_INVALID);
		CHECK_CONTAINS(e.msg, bad[i][2]);
	}
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan"), 0);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element"), 0);
	/* the unknown column, once ignored, is fine */
	REQUIRE(csv_import(c, "Eje,Objetivo,Presupuesto\nA,B,100\n", "Presupuesto=ignore", &id, &e) == 0);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM plan_element"), 2);
	db_release(c);
	db_close(db);
}
