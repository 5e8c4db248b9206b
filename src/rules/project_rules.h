/* project_rules.h — the rules of the project bank that need no database: the
 * lifecycle (which status may follow which, and what each move requires), the
 * thematic sectors and how an Invierte.pe record maps onto them, and the
 * beneficiary and progress checks. Pure functions; unit tested in
 * tests/unit/test_project_rules.c.
 *
 * Lifecycle (seed 003: the open portfolio receives initiatives, which are
 * evaluated, prioritized and programmed into the annual investment plan):
 *
 *   received → under_evaluation → viable → prioritized → programmed → in_execution
 *            ↘                   ↘ not_viable ↺ (back to evaluation)   → completed → closed
 *   any status before in_execution → discarded (with a reason)
 *
 * "programmed" is reached only through the investment plan (invest.c adds the
 * line and moves the project); removing the line from a draft plan moves it back
 * to "prioritized". */
#ifndef MINKA_PROJECT_RULES_H
#define MINKA_PROJECT_RULES_H

#include "core/compat.h"
#include "core/err.h"

enum project_status {
	PS_NONE = 0,
	PS_RECEIVED,
	PS_UNDER_EVALUATION,
	PS_VIABLE,
	PS_NOT_VIABLE,
	PS_PRIORITIZED,
	PS_PROGRAMMED,
	PS_IN_EXECUTION,
	PS_COMPLETED,
	PS_CLOSED,
	PS_DISCARDED,
	PS_COUNT
};

/* "received", "under_evaluation", ... ("" for PS_NONE). */
const char *project_status_name(enum project_status s);
/* PS_NONE if unknown. */
enum project_status project_status_parse(const char *name);
/* The English label (a message id): "Under evaluation". */
const char *project_status_label(enum project_status s);
/* NULL-terminated list of every status name, in lifecycle order (route enums). */
extern const char *const project_status_names[];

/* Who causes a transition. */
enum transition_via {
	VIA_MANUAL,   /* a person, through the project page or the API */
	VIA_PLAN,     /* the investment plan (a line added or removed) */
	VIA_FINANCE,  /* the first disbursement or expenditure recorded */
};

enum transition_verdict {
	TRANSITION_OK = 0,
	TRANSITION_NOT_ALLOWED,   /* no such move in the lifecycle */
	TRANSITION_ONLY_BY_PLAN,  /* to or from "programmed": only through the investment plan */
	TRANSITION_NEEDS_REASON,  /* not viable, discarded, evaluated again: say why */
};

/* May `from` move to `to` through `via` with this reason (NULL or "" = none)? */
enum transition_verdict project_transition_check(enum project_status from, enum project_status to,
						 enum transition_via via, const char *reason);
/* The statuses reachable from `from` by hand (for the form), in order; returns the count. */
size_t project_next_statuses(enum project_status from, enum project_status out[PS_COUNT]);
/* True when financial entries may be recorded (programmed, in execution, completed). */
bool project_status_takes_money(enum project_status s);
/* True when the project may be put into an investment plan (viable or prioritized). */
bool project_status_programmable(enum project_status s);

/* Thematic sectors (a simplification of Peru's functional classification). */
extern const char *const project_sector_names[];   /* NULL-terminated */
const char *project_sector_label(const char *sector); /* message id; "Other" if unknown */
bool project_sector_valid(const char *sector);

/* The sector of an Invierte.pe record from its (folded) title and its "sector"
 * column: specific words in the title first ("agua potable" → sanitation,
 * "camino vecinal" → transport), then the ministry, then "other". Both
 * arguments folded with utf8_fold() (lower case, no accents). */
const char *project_sector_classify(const char *title_fold, const char *invierte_sector_fold);

/* Invierte.pe "estado" (ACTIVO/CERRADO) and whether it has a viability date →
 * a status. PS_NONE for an unknown estado. */
enum project_status project_status_from_invierte(const char *estado, bool has_viability_date);

/* Beneficiaries: women + men may not exceed the total (when all are known;
 * negative = unknown). */
bool project_beneficiaries_ok(int64_t total, int64_t women, int64_t men);

/* A percentage with up to two decimals ("45", "45.5", "45.25", "100") in
 * hundredths (4525), 0..10000. 0 or -1 on anything else. No floating point. */
int progress_parse(const char *s, int64_t *hundredths);
/* "45.25" / "100" / "0.5" into out (at least 16 bytes). */
const char *progress_format(int64_t hundredths, char *out, size_t n);

/* A currency code: three upper-case ASCII letters ("PEN", "USD"). */
bool currency_valid(const char *code);

/* ---- which plan elements a project may serve ---- */

/* The project's side, for project_serve_check(). */
struct serve_project {
	const char *code;                 /* "BP-000012", for messages */
	const char *government;           /* code of the government whose bank holds it; "" = none */
	const char *government_name;      /* for messages ("" = none) */
	const char *const *locations;     /* territory codes of its places */
	size_t nlocations;
};

/* The element's side. */
struct serve_target {
	const char *code;                 /* element code, for messages */
	const char *kind;                 /* "objective", "indicator", ... */
	const char *plan_label;           /* "PDC 2022-2030 (Municipalidad ...)", for messages */
	const char *plan_status;          /* draft, approved, superseded */
	const char *instrument;           /* "pdc", "pdi", ... */
	const char *government;           /* code of the plan's government */
	const char *government_name;      /* for messages */
};

/* May the project serve the element? `already`: the link exists. In order:
 *   - the same link twice (ERR_CONFLICT);
 *   - a plan that has been superseded (a project serves the plans in force or
 *     in preparation);
 *   - an indicator (it measures; projects serve objectives, strategies, actions,
 *     programs, products, activities);
 *   - a plan whose instrument programs no projects (plan_instrument_takes_projects);
 *   - an institutional plan (PDI, PEI, POI or another instrument of the
 *     municipality: what the municipality itself will do, seed 004) of another
 *     government than the project's;
 *   - a concerted plan (PDC, PDE) of a government that is not the project's and
 *     whose territory holds none of the project's places, or that sits below the
 *     project's government: as plans align only upward (a province's plan never
 *     serves a district's), a province's project serves the province's and the
 *     region's PDC, not a district's, even when it is built in that district. A
 *     project of no government of the installation (a ministry's) may serve the
 *     PDC of any government whose territory holds one of its places.
 * Each refusal (ERR_INVALID) names the project, the element and the plan. */
int project_serve_check(const struct serve_project *p, const struct serve_target *t, bool already, struct err *e);

#endif
