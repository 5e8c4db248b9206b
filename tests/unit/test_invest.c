/* test_invest.c — funding sources, the annual investment plan and financial
 * execution over a real database: lines move projects to "programmed", the
 * ceiling refuses over-commitment with nothing written, an approved plan is
 * frozen, the participatory budget's one-step hook, and seed 002's execution
 * table entered as financial entries and read back to the cent. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/invest.h"
#include "domain/project.h"

static const struct actor who = { .name = "test" };
static struct db *shared_db;

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

/* A project of the province moved to `status` (viable or beyond evaluation). */
static int64_t project(struct db_conn *c, const char *title, int64_t cost, const char *currency, const char *gov,
		       const char *territory)
{
	struct err e;
	err_init(&e, NULL);
	struct project_input in = {
		.title = title, .territory = territory, .government = gov, .proposer = "Municipalidad",
		.sector = "transport", .currency = currency, .estimated_cost = cost, .updated_cost = -1,
		.beneficiaries = -1, .beneficiaries_women = -1, .beneficiaries_men = -1,
	};
	int64_t id;
	REQUIRE(project_create(c, &who, 1000, &in, &id, &e) == 0);
	REQUIRE(project_transition(c, &who, 1000, id, PS_UNDER_EVALUATION, NULL, &e) == 0);
	REQUIRE(project_transition(c, &who, 1000, id, PS_VIABLE, NULL, &e) == 0);
	return id;
}

static enum project_status status_of(struct db_conn *c, int64_t id)
{
	struct err e;
	err_init(&e, NULL);
	struct project_core p;
	REQUIRE(project_core_get(c, id, &p, &e) == 0);
	return p.status;
}

TEST(plan_lines_ceilings_and_approval)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t foncomun, canon, plan, line, line2;
	REQUIRE(funding_source_create(c, &who, 1000, "0101", "foncomun", "FONCOMUN", NULL, &foncomun, &e) == 0);
	REQUIRE(funding_source_create(c, &who, 1000, "0101", "canon", "Canon minero", "PEN", &canon, &e) == 0);
	CHECK_INT(funding_source_create(c, &who, 1000, "0101", "canon", "Canon minero", "PEN", &canon, &e), ERR_CONFLICT);
	CHECK_INT(funding_source_create(c, &who, 1000, "0101", "lottery", "Lotería", "PEN", &line, &e), ERR_INVALID);
	CHECK_INT(funding_source_create(c, &who, 1000, "9999", "canon", "X", "PEN", &line, &e), ERR_NOTFOUND);
	REQUIRE(funding_ceiling_set(c, &who, 1000, foncomun, 2026, 100000000, &e) == 0); /* S/ 1,000,000.00 */
	CHECK_INT(funding_ceiling_set(c, &who, 1000, foncomun, 2026, -1, &e), ERR_INVALID);
	CHECK_INT(funding_ceiling_set(c, &who, 1000, foncomun, 1900, 1, &e), ERR_INVALID);
	REQUIRE(invest_plan_create(c, &who, 1000, "0101", 2026, &plan, &e) == 0);
	CHECK_INT(invest_plan_create(c, &who, 1000, "0101", 2026, &line, &e), ERR_CONFLICT);
	int64_t a = project(c, "Mejoramiento del jirón Amazonas", 70000000, NULL, "0101", "010101");
	int64_t b = project(c, "Puente peatonal en Pencapampa", 40000000, NULL, "0101", "010101");
	/* a line with its schedule: the project becomes programmed, through prioritized */
	struct invest_line_input in = { .project_id = a, .source_id = foncomun, .amount = 70000000,
					.q = { 10000000, 30000000, 30000000, 0 } };
	REQUIRE(invest_line_add(c, &who, 2000, plan, &in, &line, &e) == 0);
	CHECK_INT(status_of(c, a), PS_PROGRAMMED);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM project_transition WHERE project_id = %lld", (long long)a);
	CHECK_INT(count(c, sql), 5); /* received, evaluation, viable, prioritized, programmed */
	int64_t lines_before = count(c, "SELECT COUNT(*) FROM invest_line");
	int64_t audit_before = count(c, "SELECT COUNT(*) FROM audit_log");
	/* over the ceiling: refused, with what is left, nothing written */
	in = (struct invest_line_input){ .project_id = b, .source_id = foncomun, .amount = 40000000, .q = { -1, -1, -1, -1 } };
	CHECK_INT(invest_line_add(c, &who, 2000, plan, &in, &line2, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "Over the ceiling: \"FONCOMUN\" has S/ 300,000.00 left for 2026 and this line needs S/ 400,000.00");
	CHECK_INT(status_of(c, b), PS_VIABLE);
	/* a source without a ceiling for the year */
	in.source_id = canon;
	CHECK_INT(invest_line_add(c, &who, 2000, plan, &in, &line2, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "no ceiling for 2026");
	/* a schedule that does not add up; negative amounts */
	REQUIRE(funding_ceiling_set(c, &who, 1000, canon, 2026, 50000000, &e) == 0);
	in.q[0] = 10000000, in.q[1] = 10000000, in.q[2] = 10000000, in.q[3] = 0;
	CHECK_INT(invest_line_add(c, &who, 2000, plan, &in, &line2, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "adds up to S/ 300,000.00, not to the amount S/ 400,000.00");
	in.amount = -5;
	CHECK_INT(invest_line_add(c, &who, 2000, plan, &in, &line2, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "negative");
	/* a project that is not viable yet */
	int64_t fresh;
	struct project_input pin = { .title = "Nuevo", .territory = "010101", .government = "0101", .proposer = "X",
				     .sector = "other", .estimated_cost = 1, .updated_cost = -1, .beneficiaries = -1,
				     .beneficiaries_women = -1, .beneficiaries_men = -1 };
	REQUIRE(project_submit(c, &who, 1000, &pin, &fresh, &e) == 0);
	in = (struct invest_line_input){ .project_id = fresh, .source_id = canon, .amount = 1, .q = { -1, -1, -1, -1 } };
	CHECK_INT(invest_line_add(c, &who, 2000, plan, &in, &line2, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "Only viable or prioritized projects");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM invest_line"), lines_before);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log") - audit_before, 2); /* the canon ceiling and the new project only */
	/* the ceiling cannot go below what is programmed */
	CHECK_INT(funding_ceiling_set(c, &who, 1000, foncomun, 2026, 69999999, &e), ERR_CONFLICT);
	/* cofinancing: the same project, a second source */
	in = (struct invest_line_input){ .project_id = b, .source_id = canon, .amount = 40000000, .q = { -1, -1, -1, -1 } };
	REQUIRE(invest_line_add(c, &who, 2000, plan, &in, &line2, &e) == 0);
	json_t *pj = NULL;
	REQUIRE(invest_plan_get_json(c, plan, &pj, &e) == 0);
	CHECK_INT(json_array_size(json_object_get(pj, "lines")), 2);
	json_t *srcs = json_object_get(pj, "sources");
	size_t i;
	json_t *s;
	json_array_foreach(srcs, i, s) {
		if (str_eq(json_get_str(s, "name", ""), "FONCOMUN")) {
			CHECK_INT(json_get_int(s, "ceiling_cents", 0), 100000000);
			CHECK_INT(json_get_int(s, "programmed_cents", 0), 70000000);
			CHECK_INT(json_get_int(s, "left_cents", 0), 30000000);
			CHECK_INT(json_integer_value(json_array_get(json_object_get(s, "quarters_cents"), 1)), 30000000);
		}
	}
	json_decref(pj);
	/* removing a line sends the project back to prioritized */
	CHECK_INT(invest_line_remove(c, &who, 3000, plan, line2, &e), 0);
	CHECK_INT(status_of(c, b), PS_PRIORITIZED);
	CHECK_INT(invest_line_remove(c, &who, 3000, plan, line2, &e), ERR_NOTFOUND);
	/* approval: needs its reference, freezes the plan */
	CHECK_INT(invest_plan_approve(c, &who, 4000, plan, "", &e), ERR_INVALID);
	CHECK_INT(invest_plan_approve(c, &who, 4000, plan, "Acuerdo de Concejo N° 045-2025-MPCH", &e), 0);
	CHECK_INT(invest_plan_approve(c, &who, 4000, plan, "otra vez", &e), ERR_CONFLICT);
	in = (struct invest_line_input){ .project_id = b, .source_id = canon, .amount = 100, .q = { -1, -1, -1, -1 } };
	CHECK_INT(invest_line_add(c, &who, 5000, plan, &in, &line2, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "was approved");
	CHECK_INT(invest_line_remove(c, &who, 5000, plan, line, &e), ERR_CONFLICT);
	db_release(c);
}

TEST(participatory_budget_programs_in_one_step)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t src, plan;
	REQUIRE(funding_source_create(c, &who, 1000, "0101", "own_revenue", "Recursos directamente recaudados", NULL, &src, &e) == 0);
	REQUIRE(funding_ceiling_set(c, &who, 1000, src, 2027, 50000000, &e) == 0);
	int64_t a = project(c, "Loza multiuso en Taquia", 20000001, NULL, "0101", "010101");
	int64_t b = project(c, "Cerco perimétrico del estadio", 25000000, NULL, "0101", "010101");
	int64_t x = project(c, "Terminal terrestre", 90000000, NULL, "0101", "010101");
	/* over the ceiling together: nothing happens, not even the prioritization */
	struct invest_pick too_much[] = { { a, src, 0 }, { b, src, 0 }, { x, src, 0 } };
	CHECK_INT(invest_program(c, &who, 2000, "0101", 2027, too_much, 3, "Resultado del PP 2027", &plan, &e), ERR_CONFLICT);
	CHECK_INT(status_of(c, a), PS_VIABLE);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM invest_plan WHERE year = 2027"), 0);
	struct invest_pick picks[] = { { a, src, 0 }, { b, src, 0 } };
	REQUIRE(invest_program(c, &who, 2000, "0101", 2027, picks, 2, "Resultado del PP 2027", &plan, &e) == 0);
	CHECK_INT(status_of(c, a), PS_PROGRAMMED);
	CHECK_INT(status_of(c, b), PS_PROGRAMMED);
	json_t *pj = NULL;
	REQUIRE(invest_plan_get_json(c, plan, &pj, &e) == 0);
	json_t *l0 = json_array_get(json_object_get(pj, "lines"), 0);
	int64_t q[4], sum = 0;
	for (int k = 0; k < 4; k++)
		sum += q[k] = json_integer_value(json_array_get(json_object_get(l0, "quarters_cents"), (size_t)k));
	CHECK_INT(sum, json_get_int(l0, "amount_cents", 0));
	json_decref(pj);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM project_transition WHERE project_id = %lld AND reason = 'Resultado del PP 2027'",
		 (long long)a);
	CHECK_INT(count(c, sql), 1);
	db_release(c);
}

struct agency {
	const char *name;
	int64_t planned, approved, transferred, committed, disbursed;
	int64_t committed_bp, disbursed_bp;
};

/* Seed 002, section IV (US$; see test_invest_rules.c on the printed totals). */
static const struct agency seed002[] = {
	{ "FAO", 779634, 777595, 777595, 777396, 774574, 9997, 9961 },
	{ "OIT", 625364, 518765, 518765, 518765, 518765, 10000, 10000 },
	{ "OMT", 623810, 623810, 623810, 623810, 623810, 10000, 10000 },
	{ "ONUDI", 670890, 670890, 670890, 670890, 639860, 10000, 9537 },
	{ "PNUD", 1691082, 1799660, 1799660, 1799660, 1770047, 10000, 9835 },
	{ "UNESCO", 609280, 609280, 609280, 609102, 609102, 9997, 9997 },
};

TEST(seed_002_financial_table_from_entries)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	/* the joint programme as a project of the province, in dollars */
	int64_t prog = project(c, "Programa Conjunto Industrias Creativas Inclusivas (MDGF 2081)", 500006000, "USD", "0101",
			       "0101");
	int64_t src[ARRAY_LEN(seed002)], plan, line;
	REQUIRE(invest_plan_create(c, &who, 1000, "0101", 2010, &plan, &e) == 0);
	for (size_t i = 0; i < ARRAY_LEN(seed002); i++) {
		REQUIRE(funding_source_create(c, &who, 1000, "0101", "cooperation", seed002[i].name, "USD", &src[i], &e) == 0);
		REQUIRE(funding_ceiling_set(c, &who, 1000, src[i], 2010, seed002[i].planned * 100, &e) == 0);
		struct invest_line_input in = { .project_id = prog, .source_id = src[i], .amount = seed002[i].planned * 100,
						.q = { -1, -1, -1, -1 } };
		REQUIRE(invest_line_add(c, &who, 1000, plan, &in, &line, &e) == 0);
	}
	CHECK_INT(status_of(c, prog), PS_PROGRAMMED);
	int64_t id;
	/* bad entries: refused with a precise message */
	struct finance_input bad = { .project_id = prog, .source_id = src[0], .kind = "disbursed", .amount = -100,
				     .date = "2013-06-30", .document_ref = "Informe final" };
	CHECK_INT(finance_entry_add(c, &who, 1000, &bad, &id, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "negative");
	bad.amount = 100, bad.kind = "refund";
	CHECK_INT(finance_entry_add(c, &who, 1000, &bad, &id, &e), ERR_INVALID);
	bad.kind = "disbursed", bad.date = "30/06/2013";
	CHECK_INT(finance_entry_add(c, &who, 1000, &bad, &id, &e), ERR_INVALID);
	bad.date = "2013-06-30", bad.document_ref = "";
	CHECK_INT(finance_entry_add(c, &who, 1000, &bad, &id, &e), ERR_INVALID);
	CHECK_INT(status_of(c, prog), PS_PROGRAMMED);
	for (size_t i = 0; i < ARRAY_LEN(seed002); i++) {
		const struct agency *a = &seed002[i];
		const struct { const char *kind; int64_t usd; const char *date; } entries[] = {
			{ "budgeted", a->planned, "2009-12-01" }, { "approved", a->approved, "2012-03-01" },
			{ "transferred", a->transferred, "2012-04-01" }, { "committed", a->committed, "2013-03-01" },
			{ "disbursed", a->disbursed, "2013-06-30" },
		};
		for (size_t k = 0; k < ARRAY_LEN(entries); k++) {
			struct finance_input in = { .project_id = prog, .source_id = src[i], .kind = entries[k].kind,
						    .amount = entries[k].usd * 100, .date = entries[k].date,
						    .document_ref = "Informe final narrativo MDGF 2081, sección IV" };
			REQUIRE(finance_entry_add(c, &who, 2000, &in, &id, &e) == 0);
		}
	}
	/* the first disbursement started the execution */
	CHECK_INT(status_of(c, prog), PS_IN_EXECUTION);
	/* a mistaken entry, voided: it counts nowhere */
	struct finance_input oops = { .project_id = prog, .source_id = src[0], .kind = "disbursed", .amount = 99999999,
				      .date = "2013-06-30", .document_ref = "error de digitación" };
	REQUIRE(finance_entry_add(c, &who, 2000, &oops, &id, &e) == 0);
	CHECK_INT(finance_entry_void(c, &who, 2100, id, "", &e), ERR_INVALID);
	REQUIRE(finance_entry_void(c, &who, 2100, id, "Monto digitado dos veces", &e) == 0);
	CHECK_INT(finance_entry_void(c, &who, 2100, id, "otra vez", &e), ERR_CONFLICT);
	json_t *t = NULL;
	REQUIRE(finance_execution_table(c, NULL, prog, 0, &t, &e) == 0);
	json_t *rows = json_object_get(t, "rows");
	REQUIRE(json_array_size(rows) == ARRAY_LEN(seed002));
	for (size_t i = 0; i < ARRAY_LEN(seed002); i++) {
		json_t *r = json_array_get(rows, i);
		const struct agency *a = &seed002[i];
		CHECK_STR(json_get_str(json_object_get(r, "source"), "name", ""), a->name);
		CHECK_INT(json_get_int(r, "budgeted_cents", -1), a->planned * 100);
		CHECK_INT(json_get_int(r, "approved_cents", -1), a->approved * 100);
		CHECK_INT(json_get_int(r, "transferred_cents", -1), a->transferred * 100);
		CHECK_INT(json_get_int(r, "committed_cents", -1), a->committed * 100);
		CHECK_INT(json_get_int(r, "disbursed_cents", -1), a->disbursed * 100);
		CHECK_INT(json_get_int(r, "committed_bp", -1), a->committed_bp);
		CHECK_INT(json_get_int(r, "disbursed_bp", -1), a->disbursed_bp);
	}
	json_t *totals = json_object_get(t, "totals");
	REQUIRE(json_array_size(totals) == 1);
	json_t *tot = json_array_get(totals, 0);
	CHECK_STR(json_get_str(tot, "currency", ""), "USD");
	CHECK_INT(json_get_int(tot, "budgeted_cents", -1), 500006000);
	CHECK_INT(json_get_int(tot, "approved_cents", -1), 500000000);
	CHECK_INT(json_get_int(tot, "transferred_cents", -1), 500000000);
	CHECK_INT(json_get_int(tot, "committed_cents", -1), 499962300);
	CHECK_INT(json_get_int(tot, "disbursed_cents", -1), 493615800);
	CHECK_INT(json_get_int(tot, "committed_bp", -1), 9999);
	CHECK_INT(json_get_int(tot, "disbursed_bp", -1), 9872);
	json_decref(t);
	/* by year: only 2013's commitments and disbursements */
	REQUIRE(finance_execution_table(c, NULL, prog, 2013, &t, &e) == 0);
	tot = json_array_get(json_object_get(t, "totals"), 0);
	CHECK_INT(json_get_int(tot, "transferred_cents", -1), 0);
	CHECK_INT(json_get_int(tot, "disbursed_cents", -1), 493615800);
	json_decref(t);
	/* physical and financial progress */
	REQUIRE(project_set_progress(c, &who, 3000, prog, 9500, &e) == 0);
	CHECK_INT(project_set_progress(c, &who, 3000, prog, 10001, &e), ERR_INVALID);
	json_t *progress = NULL;
	REQUIRE(finance_progress(c, "0101", &progress, &e) == 0);
	size_t i;
	json_t *p;
	bool found = false;
	json_array_foreach(progress, i, p) {
		if (json_get_int(p, "id", 0) != prog)
			continue;
		found = true;
		CHECK_INT(json_get_int(p, "physical_progress_bp", -1), 9500);
		CHECK_INT(json_get_int(p, "spent_cents", -1), 493615800);
		CHECK_INT(json_get_int(p, "financial_progress_bp", -1), 9872); /* 4,936,158 / 5,000,060 */
	}
	CHECK(found);
	json_decref(progress);
	db_release(c);
}

TEST(entries_need_a_programmed_project_of_the_sources_government)
{
	struct db_conn *c = conn();
	struct err e;
	err_init(&e, NULL);
	int64_t own, other, id;
	REQUIRE(funding_source_create(c, &who, 1000, "0101", "central_transfer", "Transferencia MVCS", NULL, &own, &e) == 0);
	REQUIRE(funding_source_create(c, &who, 1000, "0102", "foncomun", "FONCOMUN Bagua", NULL, &other, &e) == 0);
	int64_t v = project(c, "Agua potable en Levanto", 30000000, NULL, "0101", "010101");
	struct finance_input in = { .project_id = v, .source_id = own, .kind = "committed", .amount = 100,
				    .date = "2026-02-01", .document_ref = "Orden de servicio 001" };
	CHECK_INT(finance_entry_add(c, &who, 1000, &in, &id, &e), ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "programmed, in execution or completed");
	in.source_id = other;
	CHECK_INT(finance_entry_add(c, &who, 1000, &in, &id, &e), ERR_CONFLICT);
	in.source_id = 999999;
	CHECK_INT(finance_entry_add(c, &who, 1000, &in, &id, &e), ERR_INVALID);
	char gov[7];
	int64_t pid;
	CHECK_INT(finance_entry_government(c, 999999, gov, &pid, &e), ERR_NOTFOUND);
	char txt[64];
	CHECK_STR(amount_format("PEN", 123456, txt, sizeof txt), "S/ 1,234.56");
	CHECK_STR(amount_format("USD", -5, txt, sizeof txt), "USD -0.05");
	db_release(c);
}
