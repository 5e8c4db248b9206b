/* invest.h — where the money comes from and where it goes: funding sources of a
 * government with their yearly ceilings, the annual investment plan (seed 003:
 * "el plan de inversiones anual, que especificará cronogramas y presupuestos de
 * cada uno de los proyectos"), and financial entries per project and source
 * (IATI-like: planned, approved, transferred, committed, disbursed,
 * expenditure) with the execution table by source or agency of seed 002,
 * section IV. Amounts are int64 cents; arithmetic in rules/invest_rules.c.
 *
 * Owns tables funding_source, funding_ceiling, invest_plan, invest_line,
 * finance_entry. Moves projects through project.h (programmed, in execution). */
#ifndef MINKA_INVEST_H
#define MINKA_INVEST_H

#include "core/compat.h"
#include "core/err.h"
#include "domain/audit.h"
#include "rules/invest_rules.h"
#include "store/db.h"

#include <jansson.h>

#define FUNDING_NAME_MAX 160
#define FINANCE_REF_MAX 200

/* Project ids with a plan line or a live entry from a source of a given kind
 * (two ? for the kind): the project list's "funding source" filter. */
#define INVEST_PROJECTS_FUNDED_BY_KIND_SQL \
	"SELECT il.project_id FROM invest_line il JOIN funding_source fs ON fs.id = il.source_id WHERE fs.kind = ?" \
	" UNION SELECT fe.project_id FROM finance_entry fe JOIN funding_source fs2 ON fs2.id = fe.source_id" \
	" WHERE fs2.kind = ? AND fe.voided_at IS NULL"

/* Project ids with a line in an investment plan of a year (one ? for the year):
 * the projects of a year's articulation report. */
#define INVEST_PROJECTS_OF_YEAR_SQL \
	"SELECT yl.project_id FROM invest_line yl JOIN invest_plan yp ON yp.id = yl.plan_id WHERE yp.year = ?"

/* The investment plan as an articulation source (domain/articulation.h): the
 * lines of the governments' plans of the year (draft or approved), each with
 * its amount and tracing to the plan elements its project serves. Amounts are
 * summed in soles: a line from a source in another currency is listed with no
 * amount. Lines reach an element only through their project, so a query for one
 * element (the delete check) lists none: the project bank lists the project. */
struct artic_source;
extern const struct artic_source invest_artic_source;

/* ---- funding sources ---- */

struct funding_source {
	int64_t id;
	char government[7];
	char kind[20];
	char name[FUNDING_NAME_MAX * 4 + 1];
	char currency[4];
};

/* kind: funding_kind_names; currency NULL = PEN. Names are unique per government. */
int funding_source_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
			  const char *kind, const char *name, const char *currency, int64_t *id, struct err *e);
int funding_source_get(struct db_conn *c, int64_t id, struct funding_source *out, struct err *e);
/* Sets (or changes) what a source may put into the plans of a year. A ceiling
 * below what is already programmed is refused. */
int funding_ceiling_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t source_id, int64_t year,
			int64_t amount, struct err *e);
/* The government's sources with, for `year`, ceiling_cents (null if unset),
 * programmed_cents and left_cents. */
int funding_source_list(struct db_conn *c, const char *government, int64_t year, json_t **out, struct err *e);

/* ---- the annual investment plan ---- */

struct invest_plan_core {
	int64_t id;
	char government[7];
	int64_t year;
	bool approved;
};

int invest_plan_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government, int64_t year,
		       int64_t *id, struct err *e);
int invest_plan_core_get(struct db_conn *c, int64_t id, struct invest_plan_core *out, struct err *e);
/* The draft or approved plan of a government for a year; ERR_NOTFOUND if none. */
int invest_plan_find(struct db_conn *c, const char *government, int64_t year, struct invest_plan_core *out,
		     struct err *e);
/* Plans of a government, newest year first. */
int invest_plan_list(struct db_conn *c, const char *government, json_t **out, struct err *e);
/* The plan with its lines (project, source, amount, quarters) and, per source,
 * programmed against the ceiling; quarter totals. */
int invest_plan_get_json(struct db_conn *c, int64_t id, json_t **out, struct err *e);

struct invest_line_input {
	int64_t project_id;
	int64_t source_id;
	int64_t amount;          /* cents, > 0 */
	int64_t q[4];            /* quarterly schedule; all < 0 = spread evenly */
};

/* Adds a line to a draft plan: the project must be viable or prioritized and in
 * the government's territory (or owned by it), the source the government's and
 * in the project's currency, the schedule must add up to the amount, and the
 * source's ceiling for the year must not be exceeded (over-commitment is
 * refused with what is left). The project becomes "programmed" (through
 * "prioritized" when it was viable). */
int invest_line_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
		    const struct invest_line_input *in, int64_t *line_id, struct err *e);
/* Removes a line of a draft plan; the project goes back to "prioritized" when
 * no other line programs it. */
int invest_line_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id, int64_t line_id,
		       struct err *e);
/* The plan lines that program a project: [{plan_id, year, status, source, amount_cents,
 * quarters_cents}], newest plan first. */
int invest_lines_of_project(struct db_conn *c, int64_t project_id, json_t **out, struct err *e);
/* draft → approved, with the reference of the act that approved it. */
int invest_plan_approve(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
			const char *reference, struct err *e);

/* For the participatory budget (issue 8): lines generated from prioritized (or
 * viable) projects in one step, all or none. amount 0 = the project's whole
 * cost; the schedule is spread evenly over the four quarters. */
struct invest_pick {
	int64_t project_id;
	int64_t source_id;
	int64_t amount;
};
int invest_lines_from_projects(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
			       const struct invest_pick *picks, size_t n, struct err *e);
/* The whole step: the government's draft plan for `year` (created if missing),
 * each project marked prioritized with `reason`, and its line added. *plan_id
 * receives the plan. All or none. */
int invest_program(struct db_conn *c, const struct actor *who, int64_t now, const char *government, int64_t year,
		   const struct invest_pick *picks, size_t n, const char *reason, int64_t *plan_id, struct err *e);

/* ---- financial entries and execution ---- */

struct finance_input {
	int64_t project_id;
	int64_t source_id;
	const char *kind;        /* finance_kind_names */
	int64_t amount;          /* cents, > 0 */
	const char *date;        /* YYYY-MM-DD */
	const char *document_ref;
	const char *note;
};

/* Records an entry against a programmed (in execution, completed) project. The
 * first disbursement or expenditure moves a programmed project to "in
 * execution". */
int finance_entry_add(struct db_conn *c, const struct actor *who, int64_t now, const struct finance_input *in,
		      int64_t *id, struct err *e);
/* Voids a mistaken entry (kept, marked, excluded from every total). */
int finance_entry_void(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *reason,
		       struct err *e);
/* The government that owns an entry's source (for the permission check). */
int finance_entry_government(struct db_conn *c, int64_t id, char government[7], int64_t *project_id, struct err *e);
/* Entries of a project, newest first (voided ones included, marked). */
int finance_entries(struct db_conn *c, int64_t project_id, json_t **out, struct err *e);

/* The execution table by source or agency (seed 002, section IV): one row per
 * source with planned, approved, transferred, committed, disbursed and
 * expenditure cents and committed_bp / disbursed_bp (hundredths of a percent of
 * what was transferred); totals per currency computed from the summed cents.
 * project_id 0 = every project of the government; year 0 = all years. */
int finance_execution_table(struct db_conn *c, const char *government, int64_t project_id, int64_t year,
			    json_t **out, struct err *e);
/* Projects of a government being executed (programmed, in execution, completed)
 * with cost, physical_progress_bp and financial_progress_bp ((disbursed +
 * expenditure) / cost, in the project's currency). */
int finance_progress(struct db_conn *c, const char *government, json_t **out, struct err *e);

/* "S/ 1,234.56" for PEN, "USD 1,234.56" otherwise. */
const char *amount_format(const char *currency, int64_t cents, char *out, size_t n);

#endif
