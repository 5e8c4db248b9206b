/* test_pb.c — the participatory budget over a real database with the demo
 * municipality: a whole process with the clock passed in (what each step allows
 * and the precise refusals outside it), accreditation, proposals from agents and
 * from the project bank, conflicts of interest in the committee, the criteria
 * matrix, ballots (method limits, one per voter and editable, residence, paper
 * double entry), results with zone budgets and explanations, the acta that
 * prioritizes projects in the bank and sends them to the investment plan, the
 * bottom-up flow of art. 97, the vigilance committee, and the Pabulib round
 * trip — with a real election imported and its official outcome reproduced.
 * Every refusal leaves nothing half-written. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/account.h"
#include "domain/demo.h"
#include "domain/invest.h"
#include "domain/pb.h"
#include "domain/project.h"

#include <sys/stat.h>

#define DAY 86400
#define NOW 1795000000   /* 2026-11-18 */

static const struct actor sys = { .name = "test" };
static struct db *shared_db;

static struct db_conn *conn(void)
{
	struct err e;
	err_init(&e, NULL);
	if (!shared_db) {
		shared_db = test_db_territory();
		struct db_conn *c = db_acquire(shared_db, &e);
		REQUIRE(c && demo_seed(c, &sys, NOW, &e) == 0);
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

static int64_t count1(struct db_conn *c, const char *sql, int64_t id)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, sql, &e);
	REQUIRE(st);
	db_bind_int64(st, 1, id);
	int64_t n = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : -1;
	db_finish(st);
	return n;
}

#define OK(call)                                                                        \
	do {                                                                            \
		err_init(&e, NULL);                                                     \
		int rc_ = (call);                                                       \
		if (rc_)                                                                \
			test_fail(__FILE__, __LINE__, "%s: %d %s", #call, rc_, e.msg);  \
	} while (0)

#define REFUSED(call, code, text)                                                          \
	do {                                                                               \
		err_init(&e, NULL);                                                        \
		int rc_ = (call);                                                          \
		if (rc_ != (code))                                                         \
			test_fail(__FILE__, __LINE__, "%s: %d (%s), expected %d", #call, rc_, \
				  e.msg, (int)(code));                                     \
		else if (!strstr(e.msg, text))                                             \
			test_fail(__FILE__, __LINE__, "%s: \"%s\" lacks \"%s\"", #call, e.msg, text); \
	} while (0)

static struct actor as_account(struct db_conn *c, const char *email)
{
	struct account a;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(account_find_email(c, email, &a, &e) == 0);
	struct actor who = { .account_id = a.id };
	snprintf(who.name, sizeof who.name, "%s", email);
	return who;
}

/* A citizen of `residence` with the citizen role there. */
static struct actor citizen(struct db_conn *c, const char *email, const char *residence)
{
	struct err e;
	err_init(&e, NULL);
	int64_t id;
	REQUIRE(account_create(c, &sys, NOW, email, "Vecino", "clave-de-prueba-1", residence, &id, &e) == 0);
	REQUIRE(account_grant(c, &sys, NOW, id, ROLE_CITIZEN, residence, &e) == 0);
	struct actor who = { .account_id = id };
	snprintf(who.name, sizeof who.name, "%s", email);
	return who;
}

static int64_t objective(struct db_conn *c, const char *government)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c,
		"SELECT el.id FROM plan_element el JOIN plan p ON p.id = el.plan_id WHERE p.government_code = ?"
		" AND p.instrument = 'pdc' AND el.kind = 'objective' ORDER BY el.id", &e);
	REQUIRE(st);
	db_bind_text(st, 1, government);
	int64_t id = db_step(st, &e) == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	REQUIRE(id > 0);
	return id;
}

struct times {
	int64_t at[PB_STEP_COUNT];   /* a moment inside each step */
	int64_t before[PB_STEP_COUNT], after[PB_STEP_COUNT];
};

static struct times times_of(struct db_conn *c, int64_t process)
{
	struct pb_process p;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_process_get(c, process, &p, &e) == 0);
	REQUIRE(p.nsteps == PB_STEP_COUNT);
	struct times t;
	for (size_t i = 0; i < p.nsteps; i++) {
		t.at[p.steps[i].kind] = p.steps[i].starts + 3600;
		t.before[p.steps[i].kind] = p.steps[i].starts - 1;
		t.after[p.steps[i].kind] = p.steps[i].ends;
	}
	return t;
}

static int64_t new_process(struct db_conn *c, const char *gov, int64_t year, const char *method, const char *rule,
			   int64_t k, int64_t ceiling, int64_t first_day)
{
	struct err e;
	err_init(&e, NULL);
	struct pb_process_input in = { .title = "Presupuesto Participativo de prueba", .year = year, .ceiling = ceiling,
				       .method = method, .rule = rule, .max_choices = k, .points = 10 };
	int64_t id = 0;
	if (pb_process_create(c, &sys, NOW, gov, &in, first_day, &id, &e))
		test_fail(__FILE__, __LINE__, "create: %s", e.msg);
	return id;
}

static int64_t agent(struct db_conn *c, int64_t process, int64_t when, const char *name, const struct actor *who,
		     bool accredit)
{
	struct err e;
	err_init(&e, NULL);
	struct pb_agent_input in = { .name = name, .kind = "neighbourhood_board", .representative = "Ana Tuesta" };
	int64_t id = 0;
	if (pb_agent_register(c, who ? who : &sys, when, process, &in, who != NULL, &id, &e))
		test_fail(__FILE__, __LINE__, "register %s: %s", name, e.msg);
	if (accredit && pb_agent_accredit(c, &sys, when, process, id, &e))
		test_fail(__FILE__, __LINE__, "accredit %s: %s", name, e.msg);
	return id;
}

static int64_t proposal(struct db_conn *c, int64_t process, int64_t when, int64_t ag, const char *title, int64_t cost,
			int64_t element, int64_t zone)
{
	struct err e;
	err_init(&e, NULL);
	struct pb_proposal_input in = { .agent_id = ag, .title = title, .territory = "010101", .sector = "sanitation",
					.cost = cost, .beneficiaries = 300, .element_id = element, .zone_id = zone };
	int64_t id = 0;
	if (pb_proposal_file(c, &sys, when, process, &in, true, &id, &e))
		test_fail(__FILE__, __LINE__, "file %s: %s", title, e.msg);
	return id;
}

static int64_t first_day(int y, int m, int d) { return pb_local_midnight((struct date){ y, m, d }); }

TEST(process_settings_calendar_zones_caps_and_criteria)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2031, "approval", "greedy", 3, 100000000, first_day(2030, 3, 2));
	struct pb_process_input dup = { .title = "Otro", .year = 2031, .ceiling = 1, .method = "approval", .rule = "greedy" };
	int64_t other;
	REFUSED(pb_process_create(c, &sys, NOW, "0101", &dup, 0, &other, &e), ERR_CONFLICT, "already has a participatory budget for 2031");
	struct pb_process_input bad = dup;
	bad.year = 2032;
	bad.ceiling = 0;
	REFUSED(pb_process_create(c, &sys, NOW, "0101", &bad, 0, &other, &e), ERR_INVALID, "ceiling must be greater than zero");
	bad.ceiling = 5;
	bad.method = "lottery";
	REFUSED(pb_process_create(c, &sys, NOW, "0101", &bad, 0, &other, &e), ERR_INVALID, "\"method\"");
	bad.method = "cumulative";
	bad.points = 10;
	bad.rule = "phragmen";
	REFUSED(pb_process_create(c, &sys, NOW, "0101", &bad, 0, &other, &e), ERR_INVALID, "Phragmén");
	bad.rule = "greedy";
	REFUSED(pb_process_create(c, &sys, NOW, "9999", &bad, 0, &other, &e), ERR_NOTFOUND, "");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM pb_process WHERE year = 2032"), 0);
	/* the default calendar and matrix */
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_step WHERE process_id = ?", id), 9);
	CHECK_INT(count1(c, "SELECT SUM(weight) FROM pb_criterion WHERE process_id = ?", id), 100);
	json_t *j = NULL;
	OK(pb_process_json(c, id, first_day(2030, 3, 2) + 3600, &j, &e));
	CHECK_STR(json_get_str(j, "phase", ""), "preparation");
	CHECK_STR(json_get_str(j, "open_step", ""), "convocation");
	CHECK_INT(json_array_size(json_object_get(j, "steps")), 9);
	json_decref(j);
	/* a step's dates; open now and close now */
	int64_t voting = count1(c, "SELECT id FROM pb_step WHERE process_id = ? AND kind = 'voting'", id);
	REFUSED(pb_step_set(c, &sys, NOW, id, voting, 1000, 1000, "", &e), ERR_INVALID, "end after it starts");
	OK(pb_step_set(c, &sys, NOW, id, voting, first_day(2030, 6, 1), first_day(2030, 6, 15), "Votación en las plazas", &e));
	int64_t t = first_day(2030, 5, 1);
	OK(pb_step_open_now(c, &sys, t, id, voting, &e));
	REFUSED(pb_step_open_now(c, &sys, t + 10, id, voting, &e), ERR_CONFLICT, "already open");
	OK(pb_step_close_now(c, &sys, t + 60, id, voting, &e));
	REFUSED(pb_step_close_now(c, &sys, t + 120, id, voting, &e), ERR_CONFLICT, "already closed");
	/* opened again a moment later: open to the end of the next day, not for the minute it had lasted */
	OK(pb_step_open_now(c, &sys, t + 130, id, voting, &e));
	OK(pb_process_json(c, id, t + 86400 + 3600, &j, &e));
	CHECK_STR(json_get_str(j, "open_step", ""), "voting");
	json_decref(j);
	OK(pb_step_close_now(c, &sys, t + 200, id, voting, &e));
	REFUSED(pb_step_set(c, &sys, NOW, id, 999999, 1, 2, "", &e), ERR_NOTFOUND, "");
	/* zones within the ceiling */
	int64_t z1, z2;
	OK(pb_zone_add(c, &sys, NOW, id, "Cercado", "010101", 60000000, &z1, &e));
	REFUSED(pb_zone_add(c, &sys, NOW, id, "Huancas", "010108", 50000000, &z2, &e), ERR_INVALID, "more than the ceiling");
	REFUSED(pb_zone_add(c, &sys, NOW, id, "Lima", "150101", 1, &z2, &e), ERR_INVALID, "outside the territory");
	REFUSED(pb_zone_add(c, &sys, NOW, id, "Cercado", NULL, 1, &z2, &e), ERR_CONFLICT, "already a zone");
	OK(pb_zone_add(c, &sys, NOW, id, "Huancas", "010108", 30000000, &z2, &e));
	OK(pb_zone_remove(c, &sys, NOW, id, z2, &e));
	/* caps */
	OK(pb_cap_set(c, &sys, NOW, id, "transport", 40000000, &e));
	REFUSED(pb_cap_set(c, &sys, NOW, id, "lottery", 1, &e), ERR_INVALID, "category");
	REFUSED(pb_cap_set(c, &sys, NOW, id, "health", 200000000, &e), ERR_INVALID, "cannot exceed the ceiling");
	/* the matrix: weights must total 100 */
	struct pb_criterion_input crit[] = {
		{ "Pobreza", "poverty", 40, 0, 1, "" }, { "Brecha", "committee", 55, 0, 4, "0 a 4" },
	};
	REFUSED(pb_criteria_set(c, &sys, NOW, id, crit, 2, &e), ERR_INVALID, "The weights total 95; they must total 100");
	crit[1].weight = 60;
	crit[1].scale_min = 5;
	REFUSED(pb_criteria_set(c, &sys, NOW, id, crit, 2, &e), ERR_INVALID, "scale");
	crit[1].scale_min = 0;
	OK(pb_criteria_set(c, &sys, NOW, id, crit, 2, &e));
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_criterion WHERE process_id = ?", id), 2);
	/* settings */
	struct pb_process_input up = { .title = "Presupuesto Participativo 2031", .year = 2031, .ceiling = 50000000,
				       .method = "knapsack", .rule = "mes" };
	REFUSED(pb_process_update(c, &sys, NOW, id, &up, &e), ERR_INVALID, "more than the ceiling");
	up.ceiling = 120000000;
	OK(pb_process_update(c, &sys, NOW, id, &up, &e));
	up.year = 2035;
	REFUSED(pb_process_update(c, &sys, NOW, id, &up, &e), ERR_INVALID, "year of a process does not change");
	db_release(c);
}

TEST(each_step_allows_what_it_should_and_refuses_the_rest_precisely)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2032, "approval", "greedy", 2, 50000000, first_day(2031, 3, 2));
	struct times t = times_of(c, id);
	struct actor agente = as_account(c, "agente@demo.minka.pe");
	struct pb_agent_input in = { .name = "Asociación de Productores de Huancas", .kind = "producers",
				     .representative = "Asociación de Productores de Huancas" };
	int64_t ag;
	REFUSED(pb_agent_register(c, &agente, t.before[PB_STEP_REGISTRATION], id, &in, true, &ag, &e), ERR_CONFLICT,
		"Registration of agents opens on 2031-03-16 00:00");
	REFUSED(pb_agent_register(c, &agente, t.after[PB_STEP_REGISTRATION], id, &in, true, &ag, &e), ERR_CONFLICT,
		"Registration of agents closed on 2031-03-29 23:59");
	OK(pb_agent_register(c, &agente, t.at[PB_STEP_REGISTRATION], id, &in, true, &ag, &e));
	REFUSED(pb_agent_register(c, &agente, t.at[PB_STEP_REGISTRATION], id, &in, true, &ag, &e), ERR_CONFLICT,
		"already registered");
	in.kind = "secret_society";
	REFUSED(pb_agent_register(c, &agente, t.at[PB_STEP_REGISTRATION], id, &in, true, &ag, &e), ERR_INVALID, "\"kind\"");
	/* an unaccredited agent files: refused, nothing written */
	struct pb_proposal_input p = { .agent_id = ag, .title = "Centro de acopio de cerámica", .territory = "010108",
				       .sector = "trade", .cost = 9000000, .beneficiaries = 120 };
	int64_t pid;
	REFUSED(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &p, false, &pid, &e), ERR_CONFLICT,
		"is not accredited in this process: only accredited agents file proposals");
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_proposal WHERE process_id = ?", id), 0);
	REFUSED(pb_agent_refuse(c, &sys, NOW, id, ag, "", &e), ERR_INVALID, "Say why");
	OK(pb_agent_accredit(c, &sys, NOW, id, ag, &e));
	REFUSED(pb_agent_accredit(c, &sys, NOW, id, ag, &e), ERR_CONFLICT, "already accredited");
	/* proposals only during the workshops */
	REFUSED(pb_proposal_file(c, &agente, t.before[PB_STEP_WORKSHOPS], id, &p, false, &pid, &e), ERR_CONFLICT,
		"Proposals are received from");
	REFUSED(pb_proposal_file(c, &agente, t.after[PB_STEP_WORKSHOPS], id, &p, false, &pid, &e), ERR_CONFLICT,
		"Proposals are no longer received: the deadline was 2031-04-26 23:59");
	p.element_id = objective(c, "0101");
	OK(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &p, false, &pid, &e));
	/* someone who does not represent it */
	struct actor other = citizen(c, "otro.vecino@demo.minka.pe", "010101");
	REFUSED(pb_proposal_file(c, &other, t.at[PB_STEP_WORKSHOPS], id, &p, false, &pid, &e), ERR_FORBIDDEN,
		"You do not represent");
	/* bad fields */
	struct pb_proposal_input q = p;
	q.cost = 0;
	REFUSED(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &q, false, &pid, &e), ERR_INVALID, "greater than zero");
	q.cost = 60000000;
	REFUSED(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &q, false, &pid, &e), ERR_INVALID,
		"exceeds the whole budget");
	q.cost = 100;
	q.cofinancing = 200;
	REFUSED(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &q, false, &pid, &e), ERR_INVALID, "cofinancing");
	q.cofinancing = 0;
	q.territory = "150101";
	REFUSED(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &q, false, &pid, &e), ERR_INVALID, "outside the territory");
	q.territory = "010108";
	q.element_id = objective(c, "0101") + 100000;
	REFUSED(pb_proposal_file(c, &agente, t.at[PB_STEP_WORKSHOPS], id, &q, false, &pid, &e), ERR_INVALID, "No plan element");
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_proposal WHERE process_id = ?", id), 1);
	/* review only during the technical evaluation */
	REFUSED(pb_proposal_review(c, &sys, t.at[PB_STEP_WORKSHOPS], id, pid, true, "", -1, false, &e), ERR_CONFLICT,
		"Technical evaluation");
	REFUSED(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, pid, false, "", -1, false, &e), ERR_INVALID,
		"observations");
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, pid, true, "Conforme", 8500000, false, &e));
	/* votes only while voting is open */
	struct actor vecina = citizen(c, "vecina.prueba@demo.minka.pe", "010101");
	struct pb_vote_item v[] = { { pid, 0 } };
	REFUSED(pb_ballot_cast(c, &vecina, t.before[PB_STEP_VOTING], id, "010101", v, 1, &e), ERR_CONFLICT,
		"Voting has not opened yet: it opens on");
	REFUSED(pb_ballot_cast(c, &vecina, t.after[PB_STEP_VOTING], id, "010101", v, 1, &e), ERR_CONFLICT, "Voting closed on");
	OK(pb_ballot_cast(c, &vecina, t.at[PB_STEP_VOTING], id, "010101", v, 1, &e));
	/* results once voting closes; the acta once the formalization opens */
	REFUSED(pb_results_publish(c, &sys, t.at[PB_STEP_VOTING], id, &e), ERR_CONFLICT, "once the step");
	OK(pb_results_publish(c, &sys, t.after[PB_STEP_VOTING], id, &e));
	REFUSED(pb_formalize(c, &sys, t.after[PB_STEP_VOTING], id, &e), ERR_CONFLICT, "once the step");
	/* the acta needs a place and a signatory */
	REFUSED(pb_formalize(c, &sys, t.at[PB_STEP_FORMALIZATION], id, &e), ERR_CONFLICT, "where and when");
	OK(pb_acta_update(c, &sys, NOW, id, "Auditorio municipal", "2031-06-20", "Se aprueban los proyectos priorizados.", &e));
	REFUSED(pb_formalize(c, &sys, t.at[PB_STEP_FORMALIZATION], id, &e), ERR_CONFLICT, "signatory");
	OK(pb_signatory_add(c, &sys, NOW, id, "Víctor Culqui", "Alcalde provincial", "Municipalidad Provincial de Chachapoyas", &e));
	OK(pb_formalize(c, &sys, t.at[PB_STEP_FORMALIZATION], id, &e));
	/* then nothing changes */
	REFUSED(pb_ballot_cast(c, &vecina, t.at[PB_STEP_VOTING], id, "010101", v, 1, &e), ERR_CONFLICT, "signed");
	REFUSED(pb_signatory_add(c, &sys, NOW, id, "X", "Y", "", &e), ERR_CONFLICT, "signed");
	/* the new proposal entered the bank, prioritized */
	int64_t project = count1(c, "SELECT project_id FROM pb_proposal WHERE id = ?", pid);
	REQUIRE(project > 0);
	struct project_core core;
	OK(project_core_get(c, project, &core, &e));
	CHECK_INT(core.status, PS_PRIORITIZED);
	CHECK_INT(core.cost, 8500000);
	/* and serves the objective the proposal traced to */
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM project_plan_element pe JOIN pb_proposal pp ON pp.project_id = pe.project_id"
			    " AND pp.element_id = pe.element_id WHERE pp.id = ?", pid), 1);
	db_release(c);
}

TEST(committee_members_never_score_their_own_organization)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2033, "approval", "greedy-score", 0, 100000000, first_day(2032, 3, 1));
	struct times t = times_of(c, id);
	int64_t a = agent(c, id, t.at[PB_STEP_REGISTRATION], "Comunidad Campesina de Levanto", NULL, true);
	int64_t b = agent(c, id, t.at[PB_STEP_REGISTRATION], "Junta Vecinal Higos Urco", NULL, true);
	int64_t el = objective(c, "0101");
	int64_t p1 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Reforestación con aliso", 20000000, el, 0);
	int64_t p2 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], b, "Reservorio de agua", 30000000, 0, 0);
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p1, true, "", -1, false, &e));
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p2, true, "", -1, false, &e));
	/* the council member belongs to Levanto's community; the planner to none */
	OK(pb_committee_add(c, &sys, NOW, id, "consejo@demo.minka.pe", a, &e));
	OK(pb_committee_add(c, &sys, NOW, id, "planificacion@demo.minka.pe", 0, &e));
	REFUSED(pb_committee_add(c, &sys, NOW, id, "vecina@demo.minka.pe", 0, &e), ERR_INVALID, "cannot score");
	REFUSED(pb_committee_add(c, &sys, NOW, id, "consejo@demo.minka.pe", 0, &e), ERR_CONFLICT, "already a member");
	struct actor consejo = as_account(c, "consejo@demo.minka.pe"), plan = as_account(c, "planificacion@demo.minka.pe"),
		     agente = as_account(c, "agente@demo.minka.pe");
	int64_t gap = count1(c, "SELECT id FROM pb_criterion WHERE process_id = ? AND kind = 'committee'", id);
	int64_t ids[] = { gap }, v4[] = { 4 }, v9[] = { 9 }, v2[] = { 2 };
	REFUSED(pb_score_set(c, &consejo, t.before[PB_STEP_PRIORITIZATION], id, p2, ids, v4, 1, &e), ERR_CONFLICT, "");
	REFUSED(pb_score_set(c, &consejo, t.at[PB_STEP_PRIORITIZATION], id, p1, ids, v4, 1, &e), ERR_FORBIDDEN,
		"it was filed by your own organization (Comunidad Campesina de Levanto)");
	REFUSED(pb_score_set(c, &agente, t.at[PB_STEP_PRIORITIZATION], id, p1, ids, v4, 1, &e), ERR_FORBIDDEN,
		"not a member of the committee");
	REFUSED(pb_score_set(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p1, ids, v9, 1, &e), ERR_INVALID,
		"must be a whole number between 0 and 4 (not 9)");
	REFUSED(pb_score_set(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p1, ids, v4, 0, &e), ERR_INVALID, "Score every criterion");
	CHECK_INT(count(c, "SELECT COUNT(*) FROM pb_score"), 0);
	OK(pb_score_set(c, &consejo, t.at[PB_STEP_PRIORITIZATION], id, p2, ids, v2, 1, &e));
	OK(pb_score_set(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p1, ids, v4, 1, &e));
	OK(pb_score_set(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p2, ids, v4, 1, &e));
	/* a declared conflict removes the member's scores and stops them scoring */
	REFUSED(pb_recuse(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p2, "", &e), ERR_INVALID, "conflict of interest");
	OK(pb_recuse(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p2, "Mi hermano preside la junta vecinal", &e));
	REFUSED(pb_score_set(c, &plan, t.at[PB_STEP_PRIORITIZATION], id, p2, ids, v4, 1, &e), ERR_FORBIDDEN, "declared a conflict");
	/* the matrix once scored cannot change */
	struct pb_criterion_input crit[] = { { "Brecha", "committee", 100, 0, 4, "" } };
	REFUSED(pb_criteria_set(c, &sys, NOW, id, crit, 1, &e), ERR_CONFLICT, "already scored");
	json_t *m = NULL;
	OK(pb_matrix(c, id, &m, &e));
	json_t *rows = json_object_get(m, "rows");
	REQUIRE(json_array_size(rows) == 2);
	/* p1: traced, scored 4 by the planner only (the council member is conflicted); p2: 2 by the council member */
	json_t *r1 = json_array_get(rows, 0), *r2 = json_array_get(rows, 1);
	CHECK_INT(json_get_int(json_object_get(r1, "proposal"), "id", 0), p1);
	CHECK_INT(json_get_int(r1, "rank", 0), 1);
	json_t *conf1 = json_object_get(r1, "conflicts"), *conf2 = json_object_get(r2, "conflicts");
	CHECK_INT(json_array_size(conf1), 1);
	CHECK_STR(json_get_str(json_array_get(conf1, 0), "why", ""), "own_organization");
	CHECK_STR(json_get_str(json_array_get(conf2, 0), "why", ""), "declared");
	json_t *gapcell = json_array_get(json_object_get(r2, "cells"), 4);
	CHECK_INT(json_get_int(gapcell, "n", 0), 1);
	json_decref(m);
	/* greedy by score funds p1 first */
	OK(pb_results_publish(c, &sys, t.after[PB_STEP_VOTING], id, &e));
	json_t *res = NULL;
	OK(pb_results_json(c, id, NULL, &res, &e));
	json_t *first = json_array_get(json_object_get(res, "items"), 0);
	CHECK_INT(json_get_int(first, "proposal", 0), p1);
	CHECK_CONTAINS(json_get_str(first, "explanation", ""), "1st by score in the criteria matrix");
	json_decref(res);
	db_release(c);
}

TEST(ballots_are_checked_one_per_voter_editable_and_paper_needs_two_officers)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2034, "approval", "greedy", 2, 50000000, first_day(2033, 3, 1));
	struct times t = times_of(c, id);
	int64_t a = agent(c, id, t.at[PB_STEP_REGISTRATION], "Club de Madres Santa Rosa", NULL, true);
	int64_t p[4];
	for (int i = 0; i < 4; i++) {
		char title[64];
		snprintf(title, sizeof title, "Propuesta %d", i + 1);
		p[i] = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, title, 10000000 * (i + 1), 0, 0);
		if (i < 3)
			OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p[i], true, "", -1, false, &e));
	}
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p[3], false, "Terreno sin saneamiento físico legal", -1,
			      false, &e));
	int64_t when = t.at[PB_STEP_VOTING];
	struct actor v1 = citizen(c, "v1.prueba@demo.minka.pe", "010101"), far = citizen(c, "lejos@demo.minka.pe", "150101");
	struct pb_vote_item three[] = { { p[0], 0 }, { p[1], 0 }, { p[2], 0 } }, twice[] = { { p[0], 0 }, { p[0], 0 } },
			    bad[] = { { p[3], 0 } };
	REFUSED(pb_ballot_cast(c, &v1, when, id, "010101", three, 3, &e), ERR_INVALID,
		"The ballot chooses 3 proposals; this vote allows at most 2");
	REFUSED(pb_ballot_cast(c, &v1, when, id, "010101", twice, 2, &e), ERR_INVALID, "Proposal 1 appears twice in the ballot");
	REFUSED(pb_ballot_cast(c, &v1, when, id, "010101", bad, 1, &e), ERR_INVALID, "is not on the ballot");
	REFUSED(pb_ballot_cast(c, &v1, when, id, "010101", three, 0, &e), ERR_INVALID, "Choose at least one proposal");
	REFUSED(pb_ballot_cast(c, &far, when, id, "150101", three, 1, &e), ERR_FORBIDDEN, "outside");
	REFUSED(pb_ballot_cast(c, &v1, when, id, "", three, 1, &e), ERR_FORBIDDEN, "no district of residence");
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?", id), 0);
	OK(pb_ballot_cast(c, &v1, when, id, "010101", three, 2, &e));
	/* the same voter again: the ballot changes, there is still one */
	OK(pb_ballot_cast(c, &v1, when + 60, id, "010101", three + 2, 1, &e));
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?", id), 1);
	json_t *mine = NULL;
	OK(pb_ballot_of(c, id, v1.account_id, &mine, &e));
	CHECK_INT(json_array_size(json_object_get(mine, "items")), 1);
	CHECK_INT(json_get_int(json_array_get(json_object_get(mine, "items"), 0), "proposal", 0), p[2]);
	json_decref(mine);
	/* the audit log says a ballot was cast, not what it says */
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log WHERE action = 'pb.vote.change' AND after_json LIKE '%proposal%'"), 0);
	/* paper: two officers, the same choices */
	struct actor o1 = as_account(c, "planificacion@demo.minka.pe"), o2 = as_account(c, "admin@demo.minka.pe");
	bool counted;
	struct pb_vote_item paper[] = { { p[1], 0 }, { p[0], 0 } }, paper_sorted[] = { { p[0], 0 }, { p[1], 0 } },
			    wrong[] = { { p[0], 0 }, { p[2], 0 } };
	REFUSED(pb_paper_enter(c, &o1, t.before[PB_STEP_VOTING], id, "M1-001", paper, 2, &counted, &e), ERR_CONFLICT,
		"once voting opens");
	REFUSED(pb_paper_enter(c, &o1, when, id, "M1 001!", paper, 2, &counted, &e), ERR_INVALID, "serial number");
	OK(pb_paper_enter(c, &o1, when, id, "M1-001", paper, 2, &counted, &e));
	CHECK(!counted);
	REFUSED(pb_paper_enter(c, &o1, when, id, "M1-001", paper, 2, &counted, &e), ERR_CONFLICT, "another officer");
	REFUSED(pb_paper_enter(c, &o2, when, id, "M1-001", wrong, 2, &counted, &e), ERR_CONFLICT,
		"The two entries of paper ballot M1-001 differ (first: 1, 2; second: 1, 3)");
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?", id), 1);
	/* typed in another order, the same ballot: counted, after voting closed too */
	OK(pb_paper_enter(c, &o2, t.after[PB_STEP_VOTING], id, "M1-001", paper_sorted, 2, &counted, &e));
	CHECK(counted);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ? AND channel = 'paper'", id), 1);
	REFUSED(pb_paper_enter(c, &o1, when, id, "M1-001", paper, 2, &counted, &e), ERR_CONFLICT, "already counted");
	OK(pb_paper_enter(c, &o1, when, id, "M1-002", wrong, 2, &counted, &e));
	REFUSED(pb_paper_discard(c, &o1, when, id, "M1-003", &e), ERR_NOTFOUND, "waiting");
	OK(pb_paper_discard(c, &o2, when, id, "M1-002", &e));
	json_t *st = NULL;
	OK(pb_paper_status(c, id, &st, &e));
	CHECK_INT(json_get_int(st, "counted", 0), 1);
	CHECK_INT(json_array_size(json_object_get(st, "pending")), 0);
	json_decref(st);
	db_release(c);
}

TEST(knapsack_and_cumulative_ballots)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2035, "knapsack", "greedy", 0, 30000000, first_day(2034, 3, 1));
	struct times t = times_of(c, id);
	int64_t a = agent(c, id, t.at[PB_STEP_REGISTRATION], "Gremio de Mototaxistas", NULL, true);
	int64_t p1 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Paradero techado", 20000000, 0, 0);
	int64_t p2 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Señalización", 15000000, 0, 0);
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p1, true, "", -1, false, &e));
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p2, true, "", -1, false, &e));
	struct actor v = citizen(c, "v.knap@demo.minka.pe", "010103");
	struct pb_vote_item both[] = { { p1, 0 }, { p2, 0 } };
	REFUSED(pb_ballot_cast(c, &v, t.at[PB_STEP_VOTING], id, "010103", both, 2, &e), ERR_INVALID,
		"The proposals chosen cost S/ 350,000.00, more than the budget of S/ 300,000.00");
	OK(pb_ballot_cast(c, &v, t.at[PB_STEP_VOTING], id, "010103", both, 1, &e));
	/* the method cannot change once ballots exist */
	struct pb_process_input up = { .title = "X", .year = 2035, .ceiling = 30000000, .method = "cumulative", .rule = "greedy",
				       .points = 5 };
	REFUSED(pb_process_update(c, &sys, NOW, id, &up, &e), ERR_CONFLICT, "ballots were already cast");
	int64_t id2 = new_process(c, "0101", 2036, "cumulative", "greedy", 0, 30000000, first_day(2035, 3, 1));
	t = times_of(c, id2);
	a = agent(c, id2, t.at[PB_STEP_REGISTRATION], "Gremio de Mototaxistas", NULL, true);
	p1 = proposal(c, id2, t.at[PB_STEP_WORKSHOPS], a, "Paradero techado", 20000000, 0, 0);
	OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id2, p1, true, "", -1, false, &e));
	struct pb_vote_item pts[] = { { p1, 11 } };
	REFUSED(pb_ballot_cast(c, &v, t.at[PB_STEP_VOTING], id2, "010103", pts, 1, &e), ERR_INVALID,
		"The ballot gives 11 points; each voter has 10 to distribute");
	pts[0].points = 0;
	REFUSED(pb_ballot_cast(c, &v, t.at[PB_STEP_VOTING], id2, "010103", pts, 1, &e), ERR_INVALID, "at least 1 point");
	pts[0].points = 7;
	OK(pb_ballot_cast(c, &v, t.at[PB_STEP_VOTING], id2, "010103", pts, 1, &e));
	CHECK_INT(count1(c, "SELECT SUM(i.points) FROM pb_ballot_item i JOIN pb_ballot b ON b.id = i.ballot_id WHERE b.process_id = ?", id2), 7);
	db_release(c);
}

TEST(results_with_zone_budgets_explained_and_sent_to_the_investment_plan)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2037, "approval", "greedy", 0, 100000000, first_day(2036, 3, 2));
	struct times t = times_of(c, id);
	int64_t zc, zh;
	OK(pb_zone_add(c, &sys, NOW, id, "Cercado de Chachapoyas", "010101", 50000000, &zc, &e));
	OK(pb_zone_add(c, &sys, NOW, id, "Huancas", "010108", 30000000, &zh, &e));
	int64_t a = agent(c, id, t.at[PB_STEP_REGISTRATION], "Federación de Barrios", NULL, true);
	int64_t el = objective(c, "0101");
	int64_t c1 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Veredas del jirón Ayacucho", 30000000, el, zc);
	int64_t c2 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Parque infantil Luya Urco", 25000000, el, zc);
	int64_t c3 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Alumbrado del pasaje Hermosura", 15000000, 0, zc);
	struct pb_proposal_input hin = { .agent_id = a, .title = "Mejoramiento de la plaza de Huancas", .territory = "010108",
					 .sector = "culture_sport", .cost = 28000000, .zone_id = zh, .beneficiaries = -1 };
	int64_t h1;
	OK(pb_proposal_file(c, &sys, t.at[PB_STEP_WORKSHOPS], id, &hin, true, &h1, &e));
	struct pb_proposal_input wrong = hin;
	wrong.territory = "010101";
	int64_t x;
	REFUSED(pb_proposal_file(c, &sys, t.at[PB_STEP_WORKSHOPS], id, &wrong, true, &x, &e), ERR_INVALID, "is not in the zone");
	int64_t g1 = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, "Camino vecinal Levanto", 18000000, el, 0);
	int64_t all[] = { c1, c2, c3, h1, g1 };
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, all[i], true, "", -1, false, &e));
	/* votes: c1 6, c2 5, c3 4, h1 3, g1 2 */
	int64_t when = t.at[PB_STEP_VOTING];
	for (int i = 0; i < 6; i++) {
		char email[64];
		snprintf(email, sizeof email, "zona%d@demo.minka.pe", i);
		struct actor v = citizen(c, email, "010101");
		struct pb_vote_item items[5];
		size_t n = 0;
		items[n++] = (struct pb_vote_item){ c1, 0 };
		if (i < 5)
			items[n++] = (struct pb_vote_item){ c2, 0 };
		if (i < 4)
			items[n++] = (struct pb_vote_item){ c3, 0 };
		if (i < 3)
			items[n++] = (struct pb_vote_item){ h1, 0 };
		if (i < 2)
			items[n++] = (struct pb_vote_item){ g1, 0 };
		OK(pb_ballot_cast(c, &v, when, id, "010101", items, n, &e));
	}
	OK(pb_results_publish(c, &sys, t.after[PB_STEP_VOTING], id, &e));
	json_t *r = NULL;
	const struct i18n_lang *en = i18n_find("en");
	OK(pb_results_json(c, id, en, &r, &e));
	/* the Cercado (S/ 500,000): c1 300,000 fits; c2 250,000 does not fit the 200,000 left; c3 150,000 fits */
	json_t *sel = json_object_get(r, "selected");
	CHECK_INT(json_array_size(sel), 4);
	CHECK_INT(json_get_int(r, "total_cost_cents", 0), 30000000 + 15000000 + 28000000 + 18000000);
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(r, "items"), i, it) {
		int64_t pid = json_get_int(it, "proposal", 0);
		const char *why = json_get_str(it, "explanation", "");
		if (pid == c1)
			CHECK_STR(why, "Selected: 1st by votes; it fits the remaining S/ 500,000.00");
		if (pid == c2)
			CHECK_STR(why, "Not selected: 2nd by votes; its cost of S/ 250,000.00 exceeds the remaining S/ 200,000.00");
		if (pid == c3)
			CHECK_STR(why, "Selected: 3rd by votes; it fits the remaining S/ 200,000.00");
		if (pid == h1) {
			CHECK_STR(why, "Selected: 1st by votes; it fits the remaining S/ 300,000.00");
			CHECK_INT(json_get_int(it, "pool_budget_cents", 0), 30000000);
		}
		if (pid == g1)
			CHECK_INT(json_get_int(it, "pool_budget_cents", 0), 20000000);
	}
	json_decref(r);
	/* another rule, live, not stored */
	OK(pb_results_live(c, id, PB_RULE_OPTIMAL, t.after[PB_STEP_VOTING], en, &r, &e));
	json_decref(r);
	REFUSED(pb_results_live(c, id, PB_RULE_OPTIMAL, t.at[PB_STEP_VOTING], en, &r, &e), ERR_CONFLICT, "once the step");
	OK(pb_results_live(c, id, PB_RULE_OPTIMAL, t.after[PB_STEP_VOTING], en, &r, &e));
	CHECK_STR(json_get_str(r, "rule", ""), "optimal");
	json_decref(r);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_result WHERE process_id = ? AND selected = 1", id), 4);
	/* the acta: funding and responsible parties, commitments, signatories */
	OK(pb_acta_update(c, &sys, NOW, id, "Local comunal de Luya Urco", "2036-07-10", "", &e));
	int64_t fon = count(c, "SELECT id FROM funding_source WHERE government_code = '0101' AND kind = 'foncomun'");
	REFUSED(pb_acta_line_set(c, &sys, NOW, id, c2, fon, "Gerencia de Infraestructura", &e), ERR_INVALID, "Only the selected");
	REFUSED(pb_acta_line_set(c, &sys, NOW, id, c1, 999999, "Gerencia de Infraestructura", &e), ERR_INVALID, "");
	int64_t sel_ids[] = { c1, c3, h1, g1 };
	for (size_t k = 0; k < ARRAY_LEN(sel_ids); k++)
		OK(pb_acta_line_set(c, &sys, NOW, id, sel_ids[k], fon, "Gerencia de Infraestructura y Desarrollo Urbano", &e));
	OK(pb_commitment_add(c, &sys, NOW, id, a, NULL, "Aporta la mano de obra no calificada en faenas comunales", &e));
	REFUSED(pb_commitment_add(c, &sys, NOW, id, 0, "", "Algo", &e), ERR_INVALID, "\"party\"");
	OK(pb_signatory_add(c, &sys, NOW, id, "Rosa Chávez", "Jefa de la Oficina de Planeamiento", "Municipalidad", &e));
	REFUSED(pb_send_to_invest(c, &sys, NOW, id, &x, &e), ERR_CONFLICT, "Sign the acta");
	OK(pb_formalize(c, &sys, t.at[PB_STEP_FORMALIZATION], id, &e));
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM project p JOIN pb_proposal x ON x.project_id = p.id WHERE x.process_id = ?"
			    " AND p.status = 'prioritized'", id), 4);
	struct buf pdf;
	buf_init(&pdf, 0);
	OK(pb_acta_pdf(c, id, en, NOW, &pdf, &e));
	CHECK(pdf.len > 1000 && memcmp(pdf.data, "%PDF", 4) == 0);
	buf_release(&pdf);
	/* the investment plan of 2037 needs the source's ceiling for that year */
	REFUSED(pb_send_to_invest(c, &sys, NOW, id, &x, &e), ERR_CONFLICT, "no ceiling for 2037");
	OK(funding_ceiling_set(c, &sys, NOW, fon, 2037, 200000000, &e));
	int64_t plan = 0;
	OK(pb_send_to_invest(c, &sys, NOW, id, &plan, &e));
	CHECK(plan > 0);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM invest_line WHERE plan_id = ?", plan), 4);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM project p JOIN pb_proposal x ON x.project_id = p.id WHERE x.process_id = ?"
			    " AND p.status = 'programmed'", id), 4);
	REFUSED(pb_send_to_invest(c, &sys, NOW, id, &x, &e), ERR_CONFLICT, "already sent");
	/* the vigilance committee */
	REFUSED(pb_vigilance_elect(c, &sys, NOW, id, a, "Luz Mas", "chair", "2036-07-10", &e), ERR_INVALID, "\"role\"");
	OK(pb_vigilance_elect(c, &sys, NOW, id, a, "Luz Mas", "coordinator", "2036-07-10", &e));
	int64_t obs;
	REFUSED(pb_observation_add(c, &sys, NOW, id, c1, "2026-11-01", "La obra está paralizada", "", &obs, &e), ERR_INVALID,
		"evidence");
	REFUSED(pb_observation_add(c, &sys, NOW, id, c1, "2099-01-01", "La obra está paralizada", "Foto", &obs, &e),
		ERR_INVALID, "future");
	OK(pb_observation_add(c, &sys, NOW, id, c1, "2026-11-01", "La obra está paralizada desde octubre",
			      "Fotografías del 1 de noviembre y acta de visita con dos testigos", &obs, &e));
	OK(pb_observation_answer(c, &sys, NOW, id, obs, "La empresa reanudó los trabajos el 5 de noviembre", &e));
	json_t *rep = NULL;
	OK(pb_vigilance_report(c, id, &rep, &e));
	CHECK_INT(json_array_size(json_object_get(rep, "projects")), 4);
	CHECK_INT(json_get_int(rep, "answered", 0), 1);
	json_decref(rep);
	db_release(c);
}

TEST(a_province_takes_in_its_districts_prioritized_proposals_art_97)
{
	struct db_conn *c = conn();
	struct err e;
	/* Huancas' own process, formalized with a proposal of provincial impact */
	int64_t d = new_process(c, "010108", 2038, "approval", "greedy", 0, 20000000, first_day(2037, 1, 5));
	struct times td = times_of(c, d);
	int64_t a = agent(c, d, td.at[PB_STEP_REGISTRATION], "Asociación de Ceramistas de Huancas", NULL, true);
	struct pb_proposal_input in = { .agent_id = a, .title = "Mirador del cañón del Sonche", .territory = "010108",
					.sector = "tourism", .cost = 15000000, .beneficiaries = 1200 };
	int64_t dp;
	OK(pb_proposal_file(c, &sys, td.at[PB_STEP_WORKSHOPS], d, &in, true, &dp, &e));
	OK(pb_proposal_review(c, &sys, td.at[PB_STEP_EVALUATION], d, dp, true, "De impacto provincial: circuito turístico", -1,
			      true, &e));
	struct actor v = citizen(c, "huancas97@demo.minka.pe", "010108");
	struct pb_vote_item it[] = { { dp, 0 } };
	OK(pb_ballot_cast(c, &v, td.at[PB_STEP_VOTING], d, "010108", it, 1, &e));
	/* the province's process, same year */
	int64_t p = new_process(c, "0101", 2038, "approval", "greedy", 0, 80000000, first_day(2037, 3, 2));
	struct times tp = times_of(c, p);
	json_t *cands = NULL;
	OK(pb_intake_candidates(c, p, &cands, &e));
	CHECK_INT(json_array_size(cands), 0);   /* not yet formalized in the district */
	json_decref(cands);
	OK(pb_results_publish(c, &sys, td.after[PB_STEP_VOTING], d, &e));
	OK(pb_acta_update(c, &sys, NOW, d, "Huancas", "2037-04-20", "", &e));
	OK(pb_signatory_add(c, &sys, NOW, d, "Alcalde de Huancas", "Alcalde distrital", "", &e));
	OK(pb_formalize(c, &sys, td.at[PB_STEP_FORMALIZATION], d, &e));
	OK(pb_intake_candidates(c, p, &cands, &e));
	REQUIRE(json_array_size(cands) == 1);
	CHECK_INT(json_get_int(json_array_get(cands, 0), "id", 0), dp);
	json_decref(cands);
	int64_t taken;
	REFUSED(pb_intake(c, &sys, tp.at[PB_STEP_EVALUATION], p, dp, &taken, &e), ERR_CONFLICT, "");
	OK(pb_intake(c, &sys, tp.at[PB_STEP_WORKSHOPS], p, dp, &taken, &e));
	REFUSED(pb_intake(c, &sys, tp.at[PB_STEP_WORKSHOPS], p, dp, &taken, &e), ERR_INVALID, "already taken in");
	json_t *x = NULL;
	OK(pb_proposal_json(c, p, taken, &x, &e));
	CHECK_STR(json_get_str(x, "origin", ""), "district");
	CHECK_STR(json_get_str(x, "title", ""), "Mirador del cañón del Sonche");
	CHECK(json_get_int(json_object_get(x, "project"), "id", 0) > 0);
	json_decref(x);
	db_release(c);
}

TEST(proposals_chosen_from_the_project_bank)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2039, "approval", "greedy", 0, 100000000, first_day(2038, 3, 1));
	struct times t = times_of(c, id);
	int64_t a = agent(c, id, t.at[PB_STEP_REGISTRATION], "Comunidad Campesina de Levanto", NULL, true);
	/* the demo's "Reforestación de la microcuenca de Levanto", viable in the bank */
	int64_t project = count(c, "SELECT id FROM project WHERE title LIKE 'Reforestación de la microcuenca%'");
	REQUIRE(project > 0);
	struct pb_proposal_input in = { .agent_id = a, .project_id = project, .cost = -1, .beneficiaries = -1,
					.element_id = objective(c, "0101") };
	int64_t pid;
	OK(pb_proposal_file(c, &sys, t.at[PB_STEP_WORKSHOPS], id, &in, true, &pid, &e));
	json_t *x = NULL;
	OK(pb_proposal_json(c, id, pid, &x, &e));
	CHECK_STR(json_get_str(x, "origin", ""), "bank");
	CHECK_STR(json_get_str(x, "title", ""), "Reforestación de la microcuenca de Levanto con especies nativas");
	CHECK_INT(json_get_int(x, "cost_cents", 0), 22000000);
	CHECK(json_is_true(json_object_get(x, "traced")));
	json_decref(x);
	REFUSED(pb_proposal_file(c, &sys, t.at[PB_STEP_WORKSHOPS], id, &in, true, &pid, &e), ERR_CONFLICT, "already proposal 1");
	/* a programmed project cannot be proposed */
	in.project_id = count(c, "SELECT id FROM project WHERE status = 'programmed' ORDER BY id");
	REFUSED(pb_proposal_file(c, &sys, t.at[PB_STEP_WORKSHOPS], id, &in, true, &pid, &e), ERR_CONFLICT, "not yet programmed");
	json_t *opts = NULL;
	OK(pb_bank_options(c, id, &opts, &e));
	CHECK(json_array_size(opts) >= 2);
	json_decref(opts);
	OK(pb_objective_options(c, id, &opts, &e));
	CHECK(json_array_size(opts) >= 4);
	json_decref(opts);
	db_release(c);
}

/* ---- Pabulib ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	REQUIRE(fstat(fileno(f), &st) == 0);
	char *d = malloc((size_t)st.st_size + 1);
	*len = fread(d, 1, (size_t)st.st_size, f);
	fclose(f);
	return d;
}

TEST(pabulib_round_trip_keeps_the_whole_instance)
{
	struct db_conn *c = conn();
	struct err e;
	int64_t id = new_process(c, "0101", 2040, "ranked", "greedy", 3, 60000000, first_day(2039, 3, 1));
	struct times t = times_of(c, id);
	int64_t a = agent(c, id, t.at[PB_STEP_REGISTRATION], "Junta Vecinal Santo Toribio", NULL, true);
	int64_t p[3];
	for (int i = 0; i < 3; i++) {
		char title[64];
		snprintf(title, sizeof title, "Obra %c; con \"comillas\"", 'A' + i);
		p[i] = proposal(c, id, t.at[PB_STEP_WORKSHOPS], a, title, 12345600 + i * 100000, 0, 0);
		OK(pb_proposal_review(c, &sys, t.at[PB_STEP_EVALUATION], id, p[i], true, "", -1, false, &e));
	}
	for (int i = 0; i < 4; i++) {
		char email[64];
		snprintf(email, sizeof email, "rank%d@demo.minka.pe", i);
		struct actor v = citizen(c, email, "010101");
		struct pb_vote_item items[] = { { p[(i + 2) % 3], 0 }, { p[i % 3], 0 } };
		OK(pb_ballot_cast(c, &v, t.at[PB_STEP_VOTING], id, "010101", items, i == 3 ? 1 : 2, &e));
	}
	OK(pb_results_publish(c, &sys, t.after[PB_STEP_VOTING], id, &e));
	struct buf out;
	buf_init(&out, 0);
	OK(pb_export_pabulib(c, id, &out, &e));
	struct pabulib_file *f = NULL;
	OK(pabulib_parse(out.data, out.len, &f, &e));
	REQUIRE(f);
	CHECK_INT(f->inst->vote_type, PB_VOTE_ORDINAL);
	CHECK_INT(f->inst->nprojects, 3);
	CHECK_INT(f->inst->nvoters, 4);
	CHECK_STR(pabulib_meta(f, "budget"), "600000");
	CHECK_STR(pabulib_meta(f, "max_length"), "3");
	CHECK_STR(pabulib_meta(f, "currency"), "PEN");
	CHECK_STR(pabulib_meta(f, "unit"), "Municipalidad Provincial de Chachapoyas");
	CHECK(pabulib_column(&f->projects, "selected") >= 0);
	/* import it into another government and export again: the same file but META's unit */
	int64_t back;
	struct pb_import_stats stats;
	OK(pb_import_pabulib(c, &sys, NOW, "010108", 2040, f, &back, &stats, &e));
	CHECK_INT(stats.proposals, 3);
	CHECK_INT(stats.ballots, 4);
	struct pb_process bp;
	OK(pb_process_get(c, back, &bp, &e));
	CHECK_INT(bp.method, PB_METHOD_RANKED);
	CHECK_INT(bp.max_choices, 3);
	CHECK_INT(bp.ceiling, 60000000);
	struct buf again;
	buf_init(&again, 0);
	OK(pb_export_pabulib(c, back, &again, &e));
	struct pabulib_file *g = NULL;
	OK(pabulib_parse(again.data, again.len, &g, &e));
	REQUIRE(g);
	CHECK_INT(g->projects.nrows, f->projects.nrows);
	for (uint32_t r = 0; r < f->projects.nrows; r++)
		for (uint32_t k = 0; k < 5; k++)   /* project_id, cost, score, name, category */
			CHECK_STR(g->projects.cells[r * g->projects.ncols + k], f->projects.cells[r * f->projects.ncols + k]);
	CHECK_INT(g->votes.nrows, f->votes.nrows);
	for (uint32_t r = 0; r < f->votes.nrows; r++)
		CHECK_STR(g->votes.cells[r * 2 + 1], f->votes.cells[r * 2 + 1]);
	CHECK_STR(pabulib_meta(g, "budget"), pabulib_meta(f, "budget"));
	CHECK_STR(pabulib_meta(g, "vote_type"), "ordinal");
	pabulib_free(g);
	pabulib_free(f);
	buf_release(&out);
	buf_release(&again);
	/* refused: scoring ballots, more than two decimals; nothing written */
	const char *scoring = "META\nkey;value\nbudget;10\nvote_type;scoring\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote;points\n1;1;3\n";
	OK(pabulib_parse(scoring, strlen(scoring), &f, &e));
	int64_t before = count(c, "SELECT COUNT(*) FROM pb_process");
	REFUSED(pb_import_pabulib(c, &sys, NOW, "010108", 2041, f, &back, &stats, &e), ERR_INVALID, "scoring ballots");
	pabulib_free(f);
	const char *cents = "META\nkey;value\nbudget;10.125\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\n1;1\n";
	OK(pabulib_parse(cents, strlen(cents), &f, &e));
	REFUSED(pb_import_pabulib(c, &sys, NOW, "010108", 2041, f, &back, &stats, &e), ERR_INVALID, "3 decimals");
	pabulib_free(f);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM pb_process"), before);
	db_release(c);
}

TEST(a_real_election_imported_reproduces_its_official_outcome)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/pabulib-official/Poland_Warszawa_2017_CentrumWola_GrzybowskaGroszowka.pb",
		 test_shared_dir());
	size_t len = 0;
	char *data = slurp(path, &len);
	if (!data) {
		printf("  (skipped: %s not found)\n", path);
		return;
	}
	struct db_conn *c = conn();
	struct err e;
	struct pabulib_file *f = NULL;
	OK(pabulib_parse(data, len, &f, &e));
	free(data);
	REQUIRE(f);
	int64_t id;
	struct pb_import_stats stats;
	OK(pb_import_pabulib(c, &sys, NOW, "0101", 2017, f, &id, &stats, &e));
	CHECK_INT(stats.proposals, f->inst->nprojects);
	CHECK_INT(stats.ballots, (int64_t)f->inst->nvoters);
	OK(pb_results_publish(c, &sys, NOW, id, &e));
	json_t *r = NULL;
	OK(pb_results_json(c, id, NULL, &r, &e));
	/* the city's outcome: the `selected` column */
	int sel = pabulib_column(&f->projects, "selected");
	REQUIRE(sel >= 0);
	size_t nsel = 0;
	for (uint32_t p = 0; p < f->projects.nrows; p++) {
		const char *pid = f->projects.cells[p * f->projects.ncols];
		bool official = str_eq(f->projects.cells[p * f->projects.ncols + (uint32_t)sel], "1");
		bool ours = false;
		size_t i;
		json_t *s;
		json_array_foreach(json_object_get(r, "selected"), i, s)
			ours |= str_eq(json_string_value(s), pid);
		if (official != ours)
			test_fail(__FILE__, __LINE__, "project %s: official %d, minka %d", pid, official, ours);
		nsel += official;
	}
	CHECK_INT(json_array_size(json_object_get(r, "selected")), nsel);
	json_decref(r);
	pabulib_free(f);
	db_release(c);
}

/* The demo: next year's process with its vote open, then this year's completed
 * (results, signed acta, vigilance), seeded through the domain; seeding again
 * changes nothing. A database of its own (the shared one holds other years). */
TEST(the_demo_seeds_an_open_process_and_a_completed_one_once)
{
	struct err e;
	err_init(&e, NULL);
	struct db *db = test_db_territory();
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c && demo_seed(c, &sys, NOW, &e) == 0);
	OK(demo_seed_pb(c, &sys, NOW, &e));
	CHECK_INT(count(c, "SELECT COUNT(*) FROM pb_process"), 2);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM pb_process WHERE year = 2027 AND formalized_at IS NULL"), 1);
	int64_t done = count(c, "SELECT id FROM pb_process WHERE year = 2026 AND formalized_at IS NOT NULL");
	CHECK(done > 0);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_proposal WHERE process_id = ?", done), 7);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ? AND channel = 'online'", done), 5);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ? AND channel = 'paper'", done), 36);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_result WHERE process_id = ? AND selected = 1", done), 4);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_signatory WHERE process_id = ?", done), 6);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_vigilance_member WHERE process_id = ?", done), 3);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_observation WHERE process_id = ? AND answer IS NOT NULL", done), 2);
	CHECK_INT(count1(c, "SELECT COUNT(*) FROM pb_process WHERE id = ? AND invest_plan_id IS NULL", done), 1);
	int64_t audit = count(c, "SELECT COUNT(*) FROM audit_log");
	OK(demo_seed_pb(c, &sys, NOW, &e));
	CHECK_INT(count(c, "SELECT COUNT(*) FROM pb_process"), 2);
	CHECK_INT(count(c, "SELECT COUNT(*) FROM audit_log"), audit);
	db_release(c);
	db_close(db);
}
