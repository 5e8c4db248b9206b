/* test_indicator.c — indicators over a real database: definitions on the demo's
 * plan elements and projects, targets, measurements with disaggregation cells
 * and the workflow (who and when), formulas recomputed on approval, the refusals
 * that write nothing (a period outside the range, an undeclared cell, a
 * non-numeric value, a file over the cap), status and roll-up to plans and
 * axes, the articulation report's count, feedback, the province view, the
 * quarterly report in its three formats, and the MINAM import (real rows, all
 * or nothing). */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/articulation.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "store/db.h"

static const struct actor who = { .account_id = 0, .name = "test" };
static struct db *shared_db;
/* 2026-07-20: measurements of the first quarter are overdue after April 30 */
#define NOW INT64_C(1784505600)
static const struct date today = { 2026, 7, 20 };

static struct db_conn *conn(void)
{
	struct err e;
	err_init(&e, NULL);
	if (!shared_db) {
		shared_db = test_db_territory();
		struct db_conn *c = db_acquire(shared_db, &e);
		REQUIRE(c);
		REQUIRE(demo_seed(c, &who, NOW, &e) == 0);
		db_release(c);
	}
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

static int64_t element_id(struct db_conn *c, const char *gov, const char *instrument, const char *code)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, "SELECT x.id FROM plan_element x JOIN plan p ON p.id = x.plan_id"
					   " WHERE p.government_code = ? AND p.instrument = ? AND x.code = ?", &e);
	REQUIRE(st);
	db_bind_text(st, 1, gov);
	db_bind_text(st, 2, instrument);
	db_bind_text(st, 3, code);
	int64_t id = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	REQUIRE(id > 0);
	return id;
}

static struct ind_settings settings(void)
{
	struct ind_settings s = { { IND_ON_TRACK_DEFAULT, IND_AT_RISK_DEFAULT }, IND_GRACE_DAYS_DEFAULT };
	return s;
}

/* A quarterly indicator of beneficiaries by sex and indigenous status on an
 * objective of the provincial PDC (OE6: participation). */
static int64_t participation_indicator(struct db_conn *c, const char *code)
{
	struct err e;
	err_init(&e, NULL);
	static const char *const dims[] = { "sex", "ethnicity", NULL };
	struct indicator_input in = {
		.subject = "element", .element_id = element_id(c, "0101", "pdc", "OE6"), .code = code,
		.name = "Personas que participan en los talleres", .unit = "number", .unit_label = "personas",
		.direction = "increase", .frequency = "quarter", .start_period = "2026-Q1", .end_period = "2026-Q4",
		.baseline = "0", .baseline_date = "2025-12-31", .baseline_source = "Registro de asistencia 2025",
		.final_target = "400", .dimensions = dims, .responsible_office = "Gerencia de Planeamiento",
		.verification = "Listas de asistencia firmadas",
	};
	int64_t id = 0;
	int rc = indicator_create(c, &who, NOW, &in, &id, &e);
	if (rc)
		test_fail(__FILE__, __LINE__, "indicator_create: %s", e.msg);
	REQUIRE(rc == 0);
	return id;
}

TEST(define_an_indicator_with_its_code_and_dimensions)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t id = participation_indicator(c, NULL);
	struct indicator_core k;
	REQUIRE(indicator_core_get(c, id, &k, &e) == 0);
	CHECK_STR(k.government, "0101");
	CHECK_STR(k.territory, "0101");
	CHECK(str_starts(k.code, "IND-"));
	CHECK_INT(k.ndims, 2);
	CHECK_STR(k.dims[0], "sex");
	CHECK_STR(k.dims[1], "ethnicity");
	CHECK(k.has_baseline && k.baseline == 0 && k.final_target == 400);
	/* refusals with their reason, nothing written */
	int64_t before = count(c, "SELECT COUNT(*) FROM indicator");
	static const char *const bad_dims[] = { "religion", NULL };
	struct indicator_input in = { .subject = "element", .element_id = k.element_id, .name = "X", .unit = "number",
				      .direction = "increase", .frequency = "quarter", .start_period = "2026-Q1",
				      .end_period = "2026-Q4", .dimensions = bad_dims };
	int64_t nid;
	CHECK(indicator_create(c, &who, NOW, &in, &nid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "religion");
	in.dimensions = NULL;
	in.end_period = "2026";
	CHECK(indicator_create(c, &who, NOW, &in, &nid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "2026-Q2");
	in.end_period = "2026-Q4";
	in.baseline = "50";
	in.baseline_date = "2025-12-31";
	in.final_target = "40";
	CHECK(indicator_create(c, &who, NOW, &in, &nid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cannot be below the baseline");
	in.final_target = "cuarenta";
	CHECK(indicator_create(c, &who, NOW, &in, &nid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cuarenta");
	in.final_target = NULL;
	in.baseline_date = NULL;
	CHECK(indicator_create(c, &who, NOW, &in, &nid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "date of the baseline");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM indicator"), before);
	db_release(c);
}

static struct measurement_cell_input cells4[] = {
	{ "sex", "female", "120" }, { "sex", "male", "80" }, { "ethnicity", "indigenous", "150" },
	{ "ethnicity", "non_indigenous", "50" },
};

TEST(measurements_with_cells_and_workflow)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t id = participation_indicator(c, "PART-1");
	int64_t mid;
	/* Q1 without a total: the sum of a complete dimension is the total */
	struct measurement_input in = { .period = "2026-Q1", .cells = cells4, .ncells = 4, .comment = "Talleres de marzo",
					.evidence_ref = "Acta 003-2026" };
	REQUIRE(measurement_save(c, &who, NOW, id, &in, &mid, &e) == 0);
	json_t *m;
	REQUIRE(measurement_get_json(c, mid, &m, &e) == 0);
	CHECK_INT(json_get_int(m, "scaled", 0), 200);
	CHECK_STR(json_get_str(m, "status", ""), "draft");
	CHECK(!json_is_true(json_object_get(m, "sum_mismatch")));
	CHECK_INT(json_array_size(json_object_get(m, "cells")), 4);
	json_decref(m);
	/* a total that does not add up is kept and flagged (seed 002's own table) */
	struct measurement_cell_input off[] = { { "sex", "female", "600" }, { "sex", "male", "700" } };
	struct measurement_input q2 = { .period = "2026-Q2", .value = "1301", .cells = off, .ncells = 2 };
	int64_t mid2;
	REQUIRE(measurement_save(c, &who, NOW, id, &q2, &mid2, &e) == 0);
	REQUIRE(measurement_get_json(c, mid2, &m, &e) == 0);
	CHECK(json_is_true(json_object_get(m, "sum_mismatch")));
	CHECK_INT(json_get_int(m, "scaled", 0), 1301);
	json_decref(m);
	/* the workflow: draft → submitted → returned → submitted → approved */
	CHECK(measurement_approve(c, &who, NOW, mid, NULL, &e) == ERR_CONFLICT);
	REQUIRE(measurement_submit(c, &who, NOW, mid, &e) == 0);
	CHECK(measurement_save(c, &who, NOW, id, &in, &mid, &e) == ERR_CONFLICT);    /* submitted: frozen */
	CHECK(measurement_return(c, &who, NOW, mid, "", &e) == ERR_INVALID);          /* a reason is due */
	REQUIRE(measurement_return(c, &who, NOW, mid, "Falta el acta de Quinjalca", &e) == 0);
	in.evidence_ref = "Actas 003 y 004-2026";
	REQUIRE(measurement_save(c, &who, NOW, id, &in, &mid, &e) == 0);
	REQUIRE(measurement_submit(c, &who, NOW, mid, &e) == 0);
	struct actor boss = { .name = "jefa@demo" };
	REQUIRE(measurement_approve(c, &boss, NOW + 60, mid, "Conforme", &e) == 0);
	REQUIRE(measurement_get_json(c, mid, &m, &e) == 0);
	CHECK_STR(json_get_str(m, "status", ""), "approved");
	CHECK_STR(json_get_str(m, "reviewed_by", ""), "jefa@demo");
	CHECK_STR(json_get_str(m, "submitted_by", ""), "test");
	CHECK_INT(json_array_size(json_object_get(m, "events")), 5);
	json_decref(m);
	CHECK(measurement_save(c, &who, NOW, id, &in, &mid, &e) == ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "can no longer change");
	/* status: 200 of 400 by the end of the year, from 0 at the end of 2025:
	 * the trajectory expects 99 by the end of March (89 of 365 days... 90) */
	struct ind_settings s = settings();
	json_t *ind;
	REQUIRE(indicator_get_json(c, id, &s, today, &ind, &e) == 0);
	CHECK_STR(json_get_str(ind, "status", ""), "on_track");
	CHECK_STR(json_get_str(json_object_get(ind, "expected"), "kind", ""), "trajectory");
	CHECK_INT(json_get_int(json_object_get(ind, "expected"), "scaled", 0), 99);
	/* Q2 is not approved and was due on July 30: not overdue on July 20 */
	CHECK_INT(json_get_int(ind, "overdue", -1), 0);
	json_decref(ind);
	json_t *later;
	REQUIRE(indicator_get_json(c, id, &s, (struct date){ 2026, 8, 15 }, &later, &e) == 0);
	CHECK_INT(json_get_int(later, "overdue", -1), 1);
	CHECK_STR(json_get_str(later, "first_overdue", ""), "2026-Q2");
	json_decref(later);
	db_release(c);
}

TEST(bad_input_writes_nothing)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t id = participation_indicator(c, "PART-2");
	int64_t before = count(c, "SELECT COUNT(*) FROM measurement") + count(c, "SELECT COUNT(*) FROM measurement_cell") +
			 count(c, "SELECT COUNT(*) FROM measurement_file") + count(c, "SELECT COUNT(*) FROM audit_log");
	int64_t mid;
	/* a period outside the range */
	struct measurement_input in = { .period = "2027-Q1", .value = "10" };
	CHECK(measurement_save(c, &who, NOW, id, &in, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "The period 2027-Q1 is outside the indicator's range (2026-Q1 to 2026-Q4)");
	/* a period of another frequency */
	in.period = "2026-05";
	CHECK(measurement_save(c, &who, NOW, id, &in, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "2026-Q2");
	/* a cell of a dimension the indicator does not declare */
	struct measurement_cell_input age[] = { { "age_group", "15_29", "10" } };
	struct measurement_input bad = { .period = "2026-Q1", .value = "10", .cells = age, .ncells = 1 };
	CHECK(measurement_save(c, &who, NOW, id, &bad, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "not disaggregated by Age group");
	/* a category that does not exist */
	struct measurement_cell_input other[] = { { "sex", "other", "10" } };
	bad.cells = other;
	CHECK(measurement_save(c, &who, NOW, id, &bad, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "\"other\" is not a category of Sex");
	/* a non-numeric value, in the total and in a cell */
	struct measurement_input text = { .period = "2026-Q1", .value = "doce" };
	CHECK(measurement_save(c, &who, NOW, id, &text, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "\"Value\" must be a number such as 1234.5 or 1,234.5 (not \"doce\")");
	struct measurement_cell_input word[] = { { "sex", "female", "muchas" } };
	bad.cells = word;
	CHECK(measurement_save(c, &who, NOW, id, &bad, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "\"Women (Sex)\" must be a number");
	struct measurement_input dec = { .period = "2026-Q1", .value = "10.5" };
	CHECK(measurement_save(c, &who, NOW, id, &dec, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "more decimals");
	/* a file over the cap, and a file of a kind not accepted */
	size_t big = IND_FILE_MAX + 1;
	char *data = calloc(1, big);
	memcpy(data, "%PDF-1.4\n", 9);
	struct measurement_input file = { .period = "2026-Q1", .value = "10", .file_name = "acta.pdf", .file_data = data,
					  .file_len = big };
	CHECK(measurement_save(c, &who, NOW, id, &file, &mid, &e) == ERR_TOOBIG);
	CHECK_CONTAINS(e.msg, "larger than 5 MiB");
	file.file_len = 100;
	memcpy(data, "MZ", 2);
	CHECK(measurement_save(c, &who, NOW, id, &file, &mid, &e) == ERR_INVALID);
	free(data);
	int64_t after = count(c, "SELECT COUNT(*) FROM measurement") + count(c, "SELECT COUNT(*) FROM measurement_cell") +
			count(c, "SELECT COUNT(*) FROM measurement_file") + count(c, "SELECT COUNT(*) FROM audit_log");
	CHECK_INT(after, before);
	/* and a good file is kept with its hash */
	const char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
	struct measurement_input ok = { .period = "2026-Q1", .value = "10", .file_name = "acta/../marzo.pdf",
					.file_data = pdf, .file_len = sizeof pdf - 1 };
	REQUIRE(measurement_save(c, &who, NOW, id, &ok, &mid, &e) == 0);
	json_t *m;
	REQUIRE(measurement_get_json(c, mid, &m, &e) == 0);
	json_t *f = json_array_get(json_object_get(m, "files"), 0);
	CHECK_STR(json_get_str(f, "file_name", ""), "marzo.pdf");
	void *back;
	size_t len;
	json_t *meta;
	int frc = measurement_file(c, mid, json_get_int(f, "id", 0), &back, &len, &meta, &e);
	if (frc)
		test_fail(__FILE__, __LINE__, "%d %s", frc, e.msg);
	REQUIRE(frc == 0);
	CHECK(len == sizeof pdf - 1 && memcmp(back, pdf, len) == 0);
	CHECK_STR(json_get_str(meta, "content_type", ""), "application/pdf");
	free(back);
	json_decref(meta);
	json_decref(m);
	db_release(c);
}

TEST(targets_formulas_and_directions)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	struct ind_settings s = settings();
	/* anaemia: lower is better; quarterly targets on the way from 45.2 % to 30 % */
	struct indicator_input a = {
		.subject = "element", .element_id = element_id(c, "0101", "pdc", "OE4"), .code = "ANEMIA",
		.name = "Anemia en niñas y niños de 6 a 35 meses", .unit = "percentage", .unit_label = "%", .decimals = 1,
		.direction = "decrease", .frequency = "quarter", .start_period = "2026-Q1", .end_period = "2026-Q4",
		.baseline = "45.2", .baseline_date = "2025-12-31", .final_target = "30",
	};
	int64_t id, mid;
	REQUIRE(indicator_create(c, &who, NOW, &a, &id, &e) == 0);
	CHECK(indicator_target_set(c, &who, NOW, id, "2026-Q1", "50", NULL, &e) == ERR_INVALID);   /* above the baseline */
	CHECK(indicator_target_set(c, &who, NOW, id, "2027-Q1", "40", NULL, &e) == ERR_INVALID);   /* outside the range */
	CHECK(indicator_target_set(c, &who, NOW, id, "2026-03", "40", NULL, &e) == ERR_INVALID);   /* finer than quarterly */
	CHECK(indicator_target_set(c, &who, NOW, id, "2026-Q1", "41.2", "43", &e) == ERR_INVALID); /* a band on "decrease" */
	REQUIRE(indicator_target_set(c, &who, NOW, id, "2026-Q1", "41.2", NULL, &e) == 0);
	struct measurement_input in = { .period = "2026-Q1", .value = "44.4" };
	REQUIRE(measurement_save(c, &who, NOW, id, &in, &mid, &e) == 0);
	REQUIRE(measurement_submit(c, &who, NOW, mid, &e) == 0);
	REQUIRE(measurement_approve(c, &who, NOW, mid, NULL, &e) == 0);
	json_t *o;
	REQUIRE(indicator_get_json(c, id, &s, today, &o, &e) == 0);
	/* (45.2 − 44.4) / (45.2 − 41.2) = 20 %: off track */
	CHECK_INT(json_get_int(o, "attainment_bp", 0), 2000);
	CHECK_STR(json_get_str(o, "status", ""), "off_track");
	CHECK_STR(json_get_str(json_object_get(o, "expected"), "kind", ""), "target");
	json_decref(o);
	/* the same figure with a lower threshold set for the installation */
	struct ind_settings low = { { 1500, 1000 }, 30 };
	REQUIRE(indicator_settings_set(c, &who, NOW, &low, &e) == 0);
	struct ind_settings got;
	REQUIRE(indicator_settings_get(c, &got, &e) == 0);
	CHECK_INT(got.th.on_track_bp, 1500);
	REQUIRE(indicator_get_json(c, id, &got, today, &o, &e) == 0);
	CHECK_STR(json_get_str(o, "status", ""), "on_track");
	json_decref(o);
	struct ind_settings wrong = { { 5000, 7000 }, 30 };
	CHECK(indicator_settings_set(c, &who, NOW, &wrong, &e) == ERR_INVALID);
	REQUIRE(indicator_settings_set(c, &who, NOW, &s, &e) == 0);

	/* a formula: women's share of the participants, recomputed on approval */
	struct indicator_input w = { .subject = "element", .element_id = a.element_id, .code = "MUJ",
				     .name = "Mujeres participantes", .unit = "number", .direction = "increase",
				     .frequency = "quarter", .start_period = "2026-Q1", .end_period = "2026-Q4" };
	struct indicator_input t = w;
	t.code = "TOT";
	t.name = "Participantes";
	int64_t wid, tid, sid;
	REQUIRE(indicator_create(c, &who, NOW, &w, &wid, &e) == 0);
	REQUIRE(indicator_create(c, &who, NOW, &t, &tid, &e) == 0);
	struct indicator_input share = { .subject = "element", .element_id = a.element_id, .code = "SHARE",
					 .name = "Proporción de mujeres", .unit = "percentage", .decimals = 2,
					 .direction = "maintain", .frequency = "quarter", .start_period = "2026-Q1",
					 .end_period = "2026-Q4", .numerator_id = wid, .denominator_id = tid, .factor = 100,
					 .final_target = "45", .final_target_high = "55" };
	REQUIRE(indicator_create(c, &who, NOW, &share, &sid, &e) == 0);
	struct measurement_input f = { .period = "2026-Q1", .value = "25" };
	CHECK(measurement_save(c, &who, NOW, sid, &f, &mid, &e) == ERR_INVALID);   /* computed, not entered */
	int64_t m1, m2;
	REQUIRE(measurement_save(c, &who, NOW, wid, &(struct measurement_input){ .period = "2026-Q1", .value = "76" }, &m1, &e) == 0);
	REQUIRE(measurement_save(c, &who, NOW, tid, &(struct measurement_input){ .period = "2026-Q1", .value = "190" }, &m2, &e) == 0);
	REQUIRE(measurement_submit(c, &who, NOW, m1, &e) == 0);
	REQUIRE(measurement_approve(c, &who, NOW, m1, NULL, &e) == 0);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM measurement m JOIN indicator i ON i.id = m.indicator_id WHERE i.code = 'SHARE'"), 0);
	REQUIRE(measurement_submit(c, &who, NOW, m2, &e) == 0);
	REQUIRE(measurement_approve(c, &who, NOW, m2, NULL, &e) == 0);
	REQUIRE(indicator_get_json(c, sid, &s, today, &o, &e) == 0);
	/* 76 / 190 = 40 %, 5 points below the band 45–55: 1 − 5/45 = 88.89 % */
	CHECK_INT(json_get_int(json_object_get(o, "latest"), "scaled", 0), 4000);
	CHECK_STR(json_get_str(json_object_get(o, "expected"), "text", ""), "45.00 – 55.00");
	CHECK_INT(json_get_int(o, "attainment_bp", 0), 8889);
	CHECK_STR(json_get_str(o, "status", ""), "at_risk");
	json_decref(o);
	/* a cycle is refused */
	struct indicator_input cyc = w;
	cyc.numerator_id = sid;
	cyc.denominator_id = tid;
	CHECK(indicator_update(c, &who, NOW, wid, &cyc, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cycle");
	db_release(c);
}

TEST(rollup_feedback_and_articulation)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	struct ind_settings s = settings();
	json_t *dash;
	REQUIRE(monitoring_dashboard(c, "0101", &s, today, &dash, &e) == 0);
	json_t *roll = json_object_get(dash, "rollup");
	CHECK(json_get_int(roll, "total", 0) >= 3);
	/* the PDC's axes carry the roll-up of the indicators under them */
	json_t *pdc = NULL;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(dash, "plans"), i, p)
		if (str_eq(json_get_str(p, "instrument", ""), "pdc"))
			pdc = p;
	REQUIRE(pdc);
	CHECK(json_get_int(json_object_get(pdc, "rollup"), "total", 0) >= 3);
	CHECK_INT(json_array_size(json_object_get(pdc, "top")), 5);   /* the demo PDC's five axes */
	json_t *areas = json_object_get(dash, "areas");
	REQUIRE(json_is_object(areas));
	CHECK_INT(json_array_size(json_object_get(areas, "areas")), 21 + 1);
	json_decref(dash);
	/* feedback on the off-track anaemia indicator */
	int64_t id = 0;
	struct db_stmt *st = db_prepare(c, "SELECT id FROM indicator WHERE code = 'ANEMIA'", &e);
	REQUIRE(st);
	if (db_step(st, &e) == DB_ROW)
		id = db_col_int64(st, 0);
	db_finish(st);
	REQUIRE(id);
	struct feedback_input fb = { .period = "2026-Q1", .finding = "La anemia bajó menos de lo previsto",
				     .decision = "Visitas domiciliarias con los agentes comunitarios de salud",
				     .decided_by = "Consejo de Coordinación Local", .decided_on = "2026-05-10",
				     .responsible = "Gerencia de Desarrollo Social", .due_on = "2026-04-30" };
	int64_t fid;
	CHECK(feedback_add(c, &who, NOW, id, &fb, &fid, &e) == ERR_INVALID);   /* the deadline before the decision */
	fb.due_on = "2026-09-30";
	fb.period = "2027-Q1";
	CHECK(feedback_add(c, &who, NOW, id, &fb, &fid, &e) == ERR_INVALID);
	fb.period = "2026-Q1";
	REQUIRE(feedback_add(c, &who, NOW, id, &fb, &fid, &e) == 0);
	json_t *rep;
	REQUIRE(monitoring_report(c, "0101", "2026-Q2", &s, today, &rep, &e) == 0);
	bool found = false;
	json_array_foreach(json_object_get(rep, "feedback"), i, p)
		found |= str_eq(json_get_str(p, "decision", ""), fb.decision);
	CHECK(found);
	struct buf pdf, xlsx;
	buf_init(&pdf, 16 << 20);
	buf_init(&xlsx, 16 << 20);
	REQUIRE(monitoring_report_pdf(rep, NULL, NOW, &pdf, &e) == 0);
	CHECK(pdf.len > 1000 && memcmp(buf_cstr(&pdf), "%PDF", 4) == 0);
	REQUIRE(monitoring_report_xlsx(rep, NULL, &xlsx, &e) == 0);
	CHECK(xlsx.len > 1000 && memcmp(buf_cstr(&xlsx), "PK", 2) == 0);
	buf_release(&pdf);
	buf_release(&xlsx);
	json_decref(rep);
	REQUIRE(feedback_done(c, &who, NOW, fid, "2026-07-01", "Hecho", &e) == 0);
	CHECK(feedback_done(c, &who, NOW, fid, "2026-07-01", "Otra vez", &e) == ERR_CONFLICT);
	/* the articulation report counts the indicators that serve each objective */
	json_t *art;
	REQUIRE(articulation_report(c, "0101", 2026, &art, &e) == 0);
	int64_t oe4 = element_id(c, "0101", "pdc", "OE4"), n = -1;
	json_array_foreach(json_object_get(art, "coverage"), i, p)
		if (json_get_int(p, "id", 0) == oe4)
			n = json_get_int(p, "indicators", -1);
	CHECK(n >= 4);   /* ANEMIA, MUJ, TOT, SHARE and the demo's own */
	json_decref(art);
	/* an element with indicators cannot be deleted */
	CHECK(plan_element_delete(c, &who, NOW, oe4, &e) == ERR_CONFLICT);
	db_release(c);
}

TEST(import_minam_all_or_nothing)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	struct indicator_import_stats st;
	json_t *rej;
	/* refused rows: nothing written, each named by line and column */
	const char bad[] = "periodo,ubigeo,pob_total,pob_urbana,pob_rural,residuos_municipales_generados,"
			   "residuos_inorganicos_valorizados\n"
			   "2019,010101,37870,37125,745,9872.60,140.6\n"
			   "2019,999999,10,5,5,1,0\n"
			   "2020,010101,mil,1,1,1,0\n"
			   "2021,010101,10,5,5,1.234,0\n";
	int64_t before = count(c, "SELECT COUNT(*) FROM indicator");
	CHECK(indicator_import_mem(c, &who, NOW, bad, sizeof bad - 1, "bad.csv", &st, &rej, &e) == ERR_INVALID);
	CHECK_INT(st.rejected, 3);
	CHECK_CONTAINS(json_get_str(json_array_get(rej, 0), "message", ""), "line 3, column ubigeo");
	CHECK_CONTAINS(json_get_str(json_array_get(rej, 1), "message", ""), "line 4, column pob_total");
	CHECK_CONTAINS(json_get_str(json_array_get(rej, 2), "message", ""), "at most two decimals");
	json_decref(rej);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM indicator"), before);
	const char notit[] = "a,b\n1,2\n";
	CHECK(indicator_import_mem(c, &who, NOW, notit, sizeof notit - 1, "x.csv", &st, &rej, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "no column \"periodo\"");
	json_decref(rej);
	/* the real rows of three districts */
	char dir[512];
	snprintf(dir, sizeof dir, "tests/data");
	const char *name = MINAM_CSV;
	(void)name;
	FILE *f = fopen("tests/data/minam_sample.csv", "rb");
	REQUIRE(f);
	char data[8192];
	size_t n = fread(data, 1, sizeof data, f);
	fclose(f);
	REQUIRE(indicator_import_mem(c, &who, NOW, data, n, "minam_sample.csv", &st, &rej, &e) == 0);
	json_decref(rej);
	CHECK_INT(st.rows, 15);
	CHECK_INT(st.districts, 3);
	CHECK_INT(st.indicators_created, 15);
	CHECK_INT(st.measurements, 75);
	/* again: nothing new */
	REQUIRE(indicator_import_mem(c, &who, NOW, data, n, "minam_sample.csv", &st, &rej, &e) == 0);
	json_decref(rej);
	CHECK_INT(st.indicators_created, 0);
	/* Chachapoyas (the provincial municipality's cercado): 2019 recovery rate 1.42 % */
	struct ind_settings s = settings();
	struct indicator_query q = { .territory = "010101", .series = "minam.tasa_valorizacion" };
	json_t *items;
	int64_t total;
	REQUIRE(indicator_list(c, &q, &s, today, &items, &total, &e) == 0);
	REQUIRE(total == 1);
	json_t *it = json_array_get(items, 0);
	CHECK_STR(json_get_str(it, "government", ""), "0101");
	CHECK_STR(json_get_str(json_object_get(it, "baseline"), "text", ""), "1.42");
	CHECK_STR(json_get_str(json_object_get(it, "latest"), "period", ""), "2023");
	CHECK_STR(json_get_str(json_object_get(it, "latest"), "text", ""), "0.33");   /* 34.55 / 10,391.81 */
	json_t *ms;
	REQUIRE(measurement_list(c, json_get_int(it, "id", 0), &ms, &e) == 0);
	CHECK_INT(json_array_size(ms), 5);
	json_decref(ms);
	json_decref(items);
	/* population with its urban and rural cells */
	q.series = "minam.pob_total";
	REQUIRE(indicator_list(c, &q, &s, today, &items, &total, &e) == 0);
	REQUIRE(total == 1);
	REQUIRE(measurement_list(c, json_get_int(json_array_get(items, 0), "id", 0), &ms, &e) == 0);
	json_t *m2023 = json_array_get(ms, 4);
	CHECK_INT(json_get_int(m2023, "scaled", 0), 40824);
	CHECK_INT(json_array_size(json_object_get(m2023, "cells")), 2);
	CHECK(!json_is_true(json_object_get(m2023, "sum_mismatch")));
	json_decref(ms);
	json_decref(items);
	/* the province adds its districts up: recovery from the summed tonnes */
	json_t *areas;
	REQUIRE(monitoring_areas(c, "0101", &s, today, &areas, &e) == 0);
	json_t *series = json_object_get(areas, "series");
	int rate = -1, pop = -1;
	size_t i;
	json_t *x;
	json_array_foreach(series, i, x) {
		if (str_eq(json_get_str(x, "code", ""), "minam.tasa_valorizacion"))
			rate = (int)i;
		if (str_eq(json_get_str(x, "code", ""), "minam.pob_total"))
			pop = (int)i;
	}
	REQUIRE(rate >= 0 && pop >= 0);
	json_t *whole = NULL;
	json_array_foreach(json_object_get(areas, "areas"), i, x)
		if (json_is_true(json_object_get(x, "whole")))
			whole = x;
	REQUIRE(whole);
	/* 2023: 40,824 + 1,515 + 3,759 people; (34.55 + 0 + 0) / (10,391.81 + 363.87 + 373.93) */
	CHECK_INT(json_get_int(json_array_get(json_object_get(whole, "values"), (size_t)pop), "scaled", 0), 46098);
	CHECK_STR(json_get_str(json_array_get(json_object_get(whole, "values"), (size_t)rate), "text", ""), "0.31");
	json_decref(areas);
	db_release(c);
}

TEST(rates_by_category_are_not_summands)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	static const char *const dims[] = { "sex", NULL };
	struct indicator_input in = { .subject = "element", .element_id = element_id(c, "0101", "pdc", "OE4"),
				      .code = "ANEMIA-SEXO", .name = "Anemia por sexo", .unit = "percentage", .decimals = 1,
				      .direction = "decrease", .frequency = "year", .start_period = "2025",
				      .end_period = "2026", .dimensions = dims };
	int64_t id, mid;
	REQUIRE(indicator_create(c, &who, NOW, &in, &id, &e) == 0);
	struct measurement_cell_input cells[] = { { "sex", "female", "42.0" }, { "sex", "male", "43.8" } };
	/* the rate of each sex does not make the total: it must be given */
	struct measurement_input m = { .period = "2025", .cells = cells, .ncells = 2 };
	CHECK(measurement_save(c, &who, NOW, id, &m, &mid, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "Value");
	m.value = "42.9";
	REQUIRE(measurement_save(c, &who, NOW, id, &m, &mid, &e) == 0);
	json_t *o;
	REQUIRE(measurement_get_json(c, mid, &o, &e) == 0);
	CHECK(!json_is_true(json_object_get(o, "sum_mismatch")));
	CHECK_INT(json_get_int(o, "scaled", 0), 429);
	json_decref(o);
	db_release(c);
}
