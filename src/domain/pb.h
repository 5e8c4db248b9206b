/* pb.h — the participatory-budget process of a government for a year (PRODES
 * guide, seed 004), end to end:
 *
 *   preparación     the process (ceiling, zone budgets, category caps, voting
 *                   method, allocation rule), its calendar, the call; agents
 *                   register and the technical team accredits or refuses them
 *   concertación    accredited agents file proposals (new, or from the project
 *                   bank) that trace to an objective of the concerted plan; the
 *                   team reviews them; the committee scores the criteria matrix
 *                   (never a proposal of its own organization); citizens vote
 *   coordinación    a province takes in its districts' prioritized proposals of
 *                   provincial impact (Ley 27972, art. 97)
 *   formalización   results computed with the allocation engine; the acta of
 *                   agreements and commitments, signed; the selected projects
 *                   prioritized in the project bank and sent to the investment
 *                   plan; the vigilance committee follows them
 *
 * What each step allows and when is decided by rules/pb_process.h with the
 * clock passed in; the results by rules/pb_results.h (the engine of pb_alloc.h).
 * Every change is one transaction with one audit entry. Reads return JSON, the
 * objects the API answers and the templates render (codes, not labels).
 *
 * Owns tables pb_process, pb_step, pb_zone, pb_cap, pb_criterion, pb_agent,
 * pb_representative, pb_proposal, pb_committee, pb_recusal, pb_score, pb_ballot,
 * pb_ballot_item, pb_paper_entry, pb_result, pb_acta, pb_acta_line,
 * pb_commitment, pb_signatory, pb_vigilance_member, pb_observation.
 * Reaches the project bank (project.h), the investment plan (invest.h), plans
 * (plan.h), territory and accounts through their functions. */
#ifndef MINKA_PB_H
#define MINKA_PB_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "domain/audit.h"
#include "rules/pabulib.h"
#include "rules/pb_process.h"
#include "rules/pb_results.h"
#include "store/db.h"

#include <jansson.h>

#define PB_TITLE_MAX 200
#define PB_TEXT_MAX 4000        /* descriptions, observations, agreements */
#define PB_NAME_MAX 200         /* organizations, people, places */

/* What the rules need to know about a process. */
struct pb_process {
	int64_t id;
	char government[7];
	char government_name[200];
	int64_t year;
	char title[PB_TITLE_MAX * 4 + 1];
	char currency[4];
	int64_t ceiling;                 /* cents */
	enum pb_method method;
	int64_t max_choices, points;
	enum pb_rule_kind rule;
	char origin[8];                  /* minka, pabulib */
	bool has_results, formalized;
	enum pb_rule_kind results_rule;
	int64_t invest_plan_id;          /* 0 = not sent yet */
	struct pb_step steps[PB_STEP_COUNT];
	int64_t step_ids[PB_STEP_COUNT];
	size_t nsteps;
};

int pb_process_get(struct db_conn *c, int64_t id, struct pb_process *out, struct err *e);

/* ---- the process ---- */

struct pb_process_input {
	const char *title, *description;
	int64_t year;
	int64_t ceiling;                 /* cents */
	const char *method;              /* pb_method_names */
	const char *rule;                /* pb_rule_names */
	int64_t max_choices, points;
	const char *currency;            /* NULL = PEN */
};

/* Creates the process of `government` for `year` with the usual calendar from
 * first_day (local midnight, epoch seconds; see pb_calendar_default) and the
 * default criteria matrix (poverty 25, population 20, alignment 20, cofinancing
 * 10, coverage gap scored by the committee 25). One per government and year. */
int pb_process_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		      const struct pb_process_input *in, int64_t first_day, int64_t *id, struct err *e);
/* Changes the settings. The voting method cannot change once ballots exist,
 * nor anything once the acta is signed. */
int pb_process_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		      const struct pb_process_input *in, struct err *e);
/* The process with its calendar (and where it stands at `now`), zones, caps,
 * criteria, counts, results and acta status. */
int pb_process_json(struct db_conn *c, int64_t id, int64_t now, json_t **out, struct err *e);
/* Processes, newest year first; government NULL = all. */
int pb_process_list(struct db_conn *c, const char *government, int64_t now, json_t **items, struct err *e);

/* The calendar. starts < ends; a step's new dates are checked like any. */
int pb_step_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t step,
		int64_t starts, int64_t ends, const char *title, struct err *e);
/* Opens a step now (keeping its end when still ahead, else its length), or
 * closes it now. */
int pb_step_open_now(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t step,
		     struct err *e);
int pb_step_close_now(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t step,
		      struct err *e);

/* Zone budgets: they may not total more than the ceiling. territory optional
 * (a district of the government). */
int pb_zone_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *name,
		const char *territory, int64_t budget, int64_t *id, struct err *e);
int pb_zone_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t zone,
		   struct err *e);
/* A category (project sector) cap; amount < 0 removes it. */
int pb_cap_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *category,
	       int64_t amount, struct err *e);

/* The criteria matrix, replaced as a whole: weights must total 100. Refused once
 * the committee has scored. */
struct pb_criterion_input {
	const char *name;
	const char *kind;                /* pb_criterion_kind_names */
	int64_t weight;
	int64_t scale_min, scale_max;
	const char *scale_text;
};
int pb_criteria_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
		    const struct pb_criterion_input *in, size_t n, struct err *e);

/* ---- participating agents ---- */

extern const char *const pb_agent_kind_names[];     /* NULL-terminated */
const char *pb_agent_kind_label(const char *kind);

struct pb_agent_input {
	const char *name;
	const char *kind;
	const char *territory;           /* where it acts; NULL = the government's territory */
	const char *representative;      /* the titular representative's name */
	const char *alternate;           /* optional */
};
/* Registers an organization during the registration step. With link_account the
 * registering account becomes the titular representative's account (a
 * technical team registering one on paper does not link itself). */
int pb_agent_register(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
		      const struct pb_agent_input *in, bool link_account, int64_t *id, struct err *e);
/* Adds a representative; email (optional) links an existing account. */
int pb_agent_add_representative(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
				int64_t agent, const char *name, const char *role, const char *email, struct err *e);
/* The technical team's decision. Accrediting gives the representatives'
 * accounts the agent role on the government; refusing needs a reason. */
int pb_agent_accredit(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		      struct err *e);
int pb_agent_refuse(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		    const char *reason, struct err *e);
/* [{id, name, kind, territory, status, reason, representatives: [...], proposals}]. */
int pb_agent_list(struct db_conn *c, int64_t process, bool accredited_only, json_t **items, struct err *e);
/* The accredited agents an account represents in a process: [{id, name}]. */
int pb_agents_of_account(struct db_conn *c, int64_t process, int64_t account, json_t **items, struct err *e);

/* ---- proposals ---- */

struct pb_proposal_input {
	int64_t agent_id;                /* the accredited organization that files it */
	int64_t project_id;              /* chosen from the project bank (0 = a new one) */
	const char *title, *description;
	const char *territory;           /* the district it benefits */
	int64_t zone_id;                 /* 0 = none (the general pool) */
	const char *sector;
	int64_t cost, cofinancing;       /* cents; cost < 0 = the bank project's cost */
	int64_t beneficiaries;           /* < 0 = unknown */
	int64_t element_id;              /* the concerted plan's objective it serves; 0 = none (flagged) */
};
/* Files a proposal while the workshops are open. Staff (the technical team,
 * entering a proposal brought on paper) may file for any accredited agent;
 * others only for an organization they represent. */
int pb_proposal_file(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
		     const struct pb_proposal_input *in, bool staff, int64_t *id, struct err *e);
/* The technical review: viable (with the cost the team validates; < 0 = the
 * estimate) or not viable (observations required). provincial_impact marks a
 * district's proposal the province may take in. */
int pb_proposal_review(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		       bool viable, const char *observations, int64_t validated_cost, bool provincial_impact,
		       struct err *e);
/* [{id, number, pabulib_id, origin, title, agent, territory, zone, sector, cost_cents, validated_cost_cents,
 *   cofinancing_cents, beneficiaries, element (or null), traced, review, observations, provincial_impact,
 *   project, source, result}] in filing order. */
int pb_proposal_list(struct db_conn *c, int64_t process, json_t **items, struct err *e);
int pb_proposal_json(struct db_conn *c, int64_t process, int64_t proposal, json_t **out, struct err *e);
/* The process a proposal belongs to (for permission checks). */
int pb_proposal_process(struct db_conn *c, int64_t proposal, int64_t *process, struct err *e);
/* Art. 97: the proposals of the districts' processes of the same year, selected
 * in their signed acta and marked of provincial impact, not taken in yet. */
int pb_intake_candidates(struct db_conn *c, int64_t process, json_t **items, struct err *e);
int pb_intake(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t source_proposal,
	      int64_t *id, struct err *e);
/* Plan objectives a proposal may trace to (the government's and its
 * ancestors' concerted development plans), matching q. */
int pb_objective_options(struct db_conn *c, int64_t process, json_t **items, struct err *e);
/* Projects of the government's bank a proposal may come from. */
int pb_bank_options(struct db_conn *c, int64_t process, json_t **items, struct err *e);

/* ---- the committee and the criteria matrix ---- */

/* Adds a member by e-mail: an account that may score (planner or council role on
 * the government), with the organization (an agent of the process) it belongs
 * to, if any. */
int pb_committee_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *email,
		     int64_t agent, struct err *e);
int pb_committee_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t member,
			struct err *e);
/* The signed-in member's scores of one viable proposal, one per committee
 * criterion (criterion_ids[i] → values[i]), all within their scales, all or none.
 * A member never scores a proposal of their own organization or one they
 * declared a conflict on. */
int pb_score_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		 const int64_t *criterion_ids, const int64_t *values, size_t n, struct err *e);
/* A member declares a conflict of interest on a proposal (their scores of it, if
 * any, are removed). */
int pb_recuse(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
	      const char *reason, struct err *e);
/* The tabulated matrix: criteria, members (with organization), and per proposal
 * each criterion's mean of eligible scores, value brought to 0..1, weighted
 * points, total, rank, ties, conflicts; and every member's scores. */
int pb_matrix(struct db_conn *c, int64_t process, json_t **out, struct err *e);
/* The committee member record of an account in a process, or 0. */
int pb_committee_member_of(struct db_conn *c, int64_t process, int64_t account, int64_t *member, struct err *e);

/* ---- voting ---- */

struct pb_vote_item {
	int64_t proposal;                /* proposal id */
	int64_t points;                  /* cumulative */
};
/* Casts or replaces the voter's ballot while voting is open. The voter must
 * live in the government's territory (residence); the ballot must follow the
 * method (at most K, within the budget, the points). */
int pb_ballot_cast(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *residence,
		   const struct pb_vote_item *items, size_t n, struct err *e);
/* The account's ballot ({items: [{proposal, points}], updated_at}) or null. */
int pb_ballot_of(struct db_conn *c, int64_t process, int64_t account, json_t **out, struct err *e);
/* A paper ballot entered by an officer. The first entry waits; a second
 * officer's identical entry counts it (*counted = true); a different one is
 * refused with the differences; the same serial counted before is refused. */
int pb_paper_enter(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *serial,
		   const struct pb_vote_item *items, size_t n, bool *counted, struct err *e);
int pb_paper_discard(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *serial,
		     struct err *e);
/* {pending: [{serial, officer, created_at}], counted: N}. */
int pb_paper_status(struct db_conn *c, int64_t process, json_t **out, struct err *e);
/* The candidates of the ballot: the viable proposals ({id, number, title, cost_cents, zone, sector}). */
int pb_candidates(struct db_conn *c, int64_t process, json_t **items, struct err *e);

/* ---- results ---- */

/* Computes the results with `rule` (< 0 = the process's) without storing them,
 * once voting has closed (never while people vote: no running tallies): {rule, budget, voters, total_cost_cents, selected: [pabulib ids],
 * items: [{proposal, number, pabulib_id, title, cost_cents, zone, selected, reason,
 * rank, pick, support, supporters, remaining_cents, tie, explanation}]}.
 * Explanations in `lang`. */
int pb_results_live(struct db_conn *c, int64_t process, int rule, int64_t now, const struct i18n_lang *lang,
		    json_t **out, struct err *e);
/* Computes and publishes the results with the process's rule, once voting has
 * closed and until the acta is signed. */
int pb_results_publish(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, struct err *e);
/* The published results (same shape as pb_results_live), or null when none. */
int pb_results_json(struct db_conn *c, int64_t process, const struct i18n_lang *lang, json_t **out,
		    struct err *e);

/* ---- formalization: the acta ---- */

int pb_acta_json(struct db_conn *c, int64_t process, const struct i18n_lang *lang, json_t **out, struct err *e);
int pb_acta_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *place,
		   const char *held_on, const char *agreements, struct err *e);
/* The funding source (of the government) and the responsible party of a selected proposal. */
int pb_acta_line_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		     int64_t source, const char *responsible, struct err *e);
int pb_commitment_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		      const char *party, const char *text, struct err *e);
int pb_signatory_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *name,
		     const char *role, const char *organization, struct err *e);
/* Signs the acta: it needs published results, a place and date, and at least
 * one signatory. The selected proposals enter the project bank when they came
 * from none, and become "prioritized" there. */
int pb_formalize(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, struct err *e);
/* Sends the acta's projects to the government's investment plan of the
 * process's year in one step (each with its funding source). */
int pb_send_to_invest(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t *plan_id,
		      struct err *e);
/* The acta as a PDF (libharu, DejaVu Sans embedded). */
int pb_acta_pdf(struct db_conn *c, int64_t process, const struct i18n_lang *lang, int64_t now, struct buf *out,
		struct err *e);

/* ---- vigilance committee ---- */

int pb_vigilance_elect(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t agent,
		       const char *name, const char *role, const char *elected_on, struct err *e);
int pb_observation_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t proposal,
		       const char *observed_on, const char *text, const char *evidence, int64_t *id, struct err *e);
int pb_observation_answer(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
			  int64_t observation, const char *answer, struct err *e);
/* {members, observations} */
int pb_vigilance_json(struct db_conn *c, int64_t process, json_t **out, struct err *e);
/* The yearly report: members, observations and answers, and the execution of
 * the acta's projects (status, physical and financial progress). */
int pb_vigilance_report(struct db_conn *c, int64_t process, json_t **out, struct err *e);

/* ---- Pabulib (pb_pabulib.c) ---- */

struct pb_import_stats {
	int64_t proposals, ballots, voters;
};
/* Creates a process of `government` for `year` from a Pabulib file: its budget,
 * voting method and rule from META, its projects as viable proposals (ids
 * kept), its votes as ballots, the voting step ending when the file says (or
 * now). Amounts with more than two decimals and scoring ballots are refused.
 * One transaction. */
int pb_import_pabulib(struct db_conn *c, const struct actor *who, int64_t now, const char *government, int64_t year,
		      const struct pabulib_file *f, int64_t *process, struct pb_import_stats *stats, struct err *e);
/* Writes the process as a Pabulib file: the viable proposals, every ballot,
 * META with the budget, method and rule, `selected` when results are published. */
int pb_export_pabulib(struct db_conn *c, int64_t process, struct buf *out, struct err *e);

/* ---- formatting shared by the faces ---- */

/* "S/ 120,000.00" in the process's currency. */
const char *pb_money(const char *currency, int64_t cents, char *out, size_t n);
/* A local time for messages: "2026-05-31 23:59" (ends: the last minute). */
const char *pb_when(int64_t epoch, bool is_end, char out[24]);

#endif
