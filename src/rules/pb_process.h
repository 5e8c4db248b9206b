/* pb_process.h — the rules of a participatory-budget process that need no
 * database: the calendar (phases, steps, what each step allows at a given
 * moment), the criteria matrix (weights that total 100, scales, the tabulation
 * with the committee's eligible scores), and the check of a ballot against the
 * process's voting method. Pure functions: the clock is passed in. Unit tested
 * in tests/unit/test_pb_process.c.
 *
 * The four phases follow the PRODES guide (seed 004): preparación,
 * concertación, coordinación (between levels of government: art. 97 of Ley
 * 27972), formalización. Each phase holds steps; a step is open from `starts`
 * (inclusive) to `ends` (exclusive). What a step allows:
 *
 *   registration     organizations register as participating agents
 *   workshops        accredited agents file proposals; the province takes in
 *                    its districts' proposals of provincial impact
 *   coordination     ... and takes them in here too
 *   evaluation       the technical team reviews proposals
 *   prioritization   the committee scores the criteria matrix
 *   voting           citizens vote (online); paper ballots from its opening
 *                    until the acta is signed
 *   (after voting)   results are computed and published
 *   formalization    from its opening, the acta is signed
 *
 * Dates are shown and entered in Peru's time (UTC-5, no daylight saving). */
#ifndef MINKA_PB_PROCESS_H
#define MINKA_PB_PROCESS_H

#include "core/compat.h"
#include "core/date.h"

/* Peru's offset from UTC, in seconds. */
#define PB_TZ_OFFSET (-5 * 3600)

enum pb_phase { PB_PHASE_PREPARATION, PB_PHASE_CONCERTATION, PB_PHASE_COORDINATION, PB_PHASE_FORMALIZATION, PB_PHASE_COUNT };
extern const char *const pb_phase_names[];      /* "preparation", ... NULL-terminated */
const char *pb_phase_label(enum pb_phase p);     /* message id: "Preparation" */
int pb_phase_parse(const char *name);            /* -1 if unknown */

enum pb_step_kind {
	PB_STEP_CONVOCATION,
	PB_STEP_REGISTRATION,
	PB_STEP_TRAINING,
	PB_STEP_WORKSHOPS,
	PB_STEP_EVALUATION,
	PB_STEP_PRIORITIZATION,
	PB_STEP_VOTING,
	PB_STEP_COORDINATION,
	PB_STEP_FORMALIZATION,
	PB_STEP_COUNT
};
extern const char *const pb_step_names[];       /* "convocation", ... NULL-terminated */
const char *pb_step_label(enum pb_step_kind k);  /* message id: "Registration of agents" */
int pb_step_parse(const char *name);             /* -1 if unknown */
enum pb_phase pb_step_phase(enum pb_step_kind k);

struct pb_step {
	enum pb_step_kind kind;
	int64_t starts, ends;    /* epoch seconds, [starts, ends) */
};

/* What someone wants to do, checked against the calendar. */
enum pb_act {
	PB_ACT_REGISTER,   /* register an organization */
	PB_ACT_PROPOSE,    /* file a proposal */
	PB_ACT_INTAKE,     /* take in a district's proposal */
	PB_ACT_REVIEW,     /* technical review */
	PB_ACT_SCORE,      /* score the matrix */
	PB_ACT_VOTE,       /* cast or change an online ballot */
	PB_ACT_PAPER,      /* enter a paper ballot */
	PB_ACT_RESULTS,    /* compute and publish the results */
	PB_ACT_FORMALIZE,  /* sign the acta */
};

enum pb_gate {
	PB_GATE_OPEN,
	PB_GATE_NOT_YET,   /* info.at: when it opens */
	PB_GATE_CLOSED,    /* info.at: when it closed */
	PB_GATE_NO_STEP,   /* the calendar has no step for it (info.kind: the missing one) */
};

struct pb_gate_info {
	enum pb_gate gate;
	int64_t at;
	enum pb_step_kind kind;   /* the step that decides */
};

/* May `act` be done at `now`? */
enum pb_gate pb_gate_check(const struct pb_step *steps, size_t n, enum pb_act act, int64_t now,
			   struct pb_gate_info *info);

/* Where the calendar stands at `now`: the phase of the open step that started
 * last (several may be open), or of the next step when none is open.
 * *open = index of that open step or -1; *next = the next step to open or -1.
 * Returns the phase, -1 before any step is set, or PB_PHASE_COUNT when every
 * step has ended. */
int pb_calendar_now(const struct pb_step *steps, size_t n, int64_t now, int *open, int *next);

/* The usual calendar from a first day (local midnight, epoch seconds): every
 * step once, one after the other (days: convocation 14, registration 14,
 * training 7, workshops 21, evaluation 14, prioritization 7, voting 14,
 * coordination 7, formalization 14). Fills out[PB_STEP_COUNT]. */
void pb_calendar_default(int64_t first_day, struct pb_step out[PB_STEP_COUNT]);

/* Local (Peru) days and epoch seconds. */
int64_t pb_local_midnight(struct date d);      /* the epoch of 00:00 local on d */
struct date pb_local_date(int64_t epoch);
/* "2026-03-01" for a step that starts at local midnight, else "2026-03-01 08:30". */
const char *pb_local_format(int64_t epoch, char out[24]);
/* The last local day of a step ending at `ends` (exclusive): the day before when
 * it ends at midnight. */
struct date pb_local_last_day(int64_t ends);

/* ---- the criteria matrix ---- */

enum pb_criterion_kind {
	PB_CRIT_COMMITTEE,      /* scored by the committee on its scale */
	PB_CRIT_POVERTY,        /* poverty of the benefited district (territory.poverty_pct) */
	PB_CRIT_BENEFICIARIES,  /* people benefited, relative to the proposal that benefits most */
	PB_CRIT_ALIGNMENT,      /* traces to an objective of the concerted development plan */
	PB_CRIT_COFINANCING,    /* share of the cost the agents contribute */
	PB_CRIT_COUNT
};
extern const char *const pb_criterion_kind_names[];   /* NULL-terminated */
const char *pb_criterion_kind_label(enum pb_criterion_kind k);
int pb_criterion_kind_parse(const char *name);

struct pb_criterion {
	enum pb_criterion_kind kind;
	int64_t weight;          /* 0..100; all weights total 100 */
	int64_t min, max;        /* the committee's scale (min < max) */
};

enum pb_criteria_problem {
	PB_CRITERIA_OK,
	PB_CRITERIA_EMPTY,        /* no criteria */
	PB_CRITERIA_WEIGHT,       /* a weight outside 0..100 (at *bad) */
	PB_CRITERIA_TOTAL,        /* weights do not total 100 (*total) */
	PB_CRITERIA_SCALE,        /* min >= max, or a scale wider than 0..1000 (at *bad) */
	PB_CRITERIA_TWICE,        /* an automatic kind used twice (at *bad) */
};
enum pb_criteria_problem pb_criteria_check(const struct pb_criterion *c, size_t n, int64_t *total, size_t *bad);

/* What the automatic criteria read of a proposal. */
struct pb_tab_proposal {
	double poverty_pct;      /* NAN when unknown */
	int64_t beneficiaries;   /* < 0 when unknown */
	bool traced;
	int64_t cofinancing, cost;  /* cents */
};

#define PB_NO_SCORE INT64_MIN
#define PB_MICRO 1000000

struct pb_tab_cell {
	int64_t n;               /* eligible scores (committee) */
	int64_t sum;             /* their sum */
	int64_t norm;            /* 0..PB_MICRO: the value brought to 0..1 */
	int64_t points;          /* weight × norm, in millionths of a point */
	bool missing;            /* no eligible score, or the datum is unknown */
};

struct pb_tab_row {
	int64_t total;           /* millionths of a point, 0..100 × PB_MICRO */
	uint32_t rank;           /* 1.. */
	bool tie;                /* the same total as another proposal */
};

/* Tabulates the matrix. scores[(m * np + p) * nc + k] is member m's score of
 * proposal p on criterion k, or PB_NO_SCORE; conflict[m * np + p] marks the
 * members who may not score a proposal (their own organization's, or a declared
 * recusal): their scores, if any, are ignored. A committee criterion's value is
 * the mean of the eligible scores brought to 0..1 over its scale; the others
 * follow from the data (see pb_criterion_kind). Ranks: higher total first; equal
 * totals keep the order of filing (proposals are given in that order) and are
 * marked as ties. cells has np × nc entries, rows np. */
void pb_tabulate(const struct pb_criterion *crit, size_t nc, const struct pb_tab_proposal *props, size_t np,
		 const int64_t *scores, const bool *conflict, size_t nm, struct pb_tab_cell *cells,
		 struct pb_tab_row *rows);

/* ---- ballots ---- */

enum pb_method { PB_METHOD_APPROVAL, PB_METHOD_RANKED, PB_METHOD_CUMULATIVE, PB_METHOD_KNAPSACK, PB_METHOD_COUNT };
extern const char *const pb_method_names[];     /* "approval", "ranked", "cumulative", "knapsack" */
const char *pb_method_label(enum pb_method m);
int pb_method_parse(const char *name);

struct pb_vote_rules {
	enum pb_method method;
	int64_t max_choices;     /* approval, ranked: at most K proposals (0 = no limit) */
	int64_t points;          /* cumulative: points to distribute */
	int64_t budget;          /* knapsack: the ballot's proposals may cost this much (cents) */
};

struct pb_choice {
	uint32_t candidate;      /* index into the costs given to pb_ballot_check */
	int64_t points;          /* cumulative only */
};

enum pb_ballot_problem {
	PB_BALLOT_OK,
	PB_BALLOT_EMPTY,         /* nothing chosen */
	PB_BALLOT_UNKNOWN,       /* a candidate index out of range (at item) */
	PB_BALLOT_TWICE,         /* the same proposal twice (at item) */
	PB_BALLOT_TOO_MANY,      /* more than K (value = how many) */
	PB_BALLOT_OVER_BUDGET,   /* knapsack: value = the total cost */
	PB_BALLOT_POINTS,        /* cumulative: points < 1 on an item (at item) */
	PB_BALLOT_POINTS_OVER,   /* cumulative: value = points used */
};

struct pb_ballot_verdict {
	enum pb_ballot_problem problem;
	size_t item;
	int64_t value;
};

enum pb_ballot_problem pb_ballot_check(const struct pb_vote_rules *rules, const int64_t *costs, uint32_t ncand,
				       const struct pb_choice *items, size_t n, struct pb_ballot_verdict *v);

/* "1st", "2nd", "23rd" (English) or "1.º" (Spanish, lang "es") into out. */
const char *pb_ordinal(const char *lang, uint32_t n, char out[16]);

#endif
