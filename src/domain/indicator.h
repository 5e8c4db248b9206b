/* indicator.h — monitoring and evaluation: indicators attached to a plan
 * element, a project, a programme or a territory; their targets per period;
 * measurements per period and per disaggregation cell with evidence and a
 * workflow (draft → submitted → approved | returned, with who and when); status
 * against the installation's thresholds and its roll-up to elements, plans and
 * territories; feedback (the corrective decision taken when something is off
 * track); the live dashboards' data; the quarterly report (indicator_report.c);
 * and the import of MINAM's district indicators (indicator_import.c).
 *
 * Owns tables disagg_dimension, disagg_category, programme, indicator,
 * indicator_dimension, indicator_target, measurement, measurement_cell,
 * measurement_file, measurement_event and indicator_feedback. Reaches plans,
 * projects and money through plan.h, project.h and invest.h.
 *
 * Values cross this interface as text ("12.5", "1,234.50"), parsed exactly by
 * rules/indicator_rules.c into integers scaled by the indicator's decimals; JSON
 * gives both the scaled integer (`*_scaled`) and the text. Reads return the JSON
 * objects the API answers and the templates render. */
#ifndef MINKA_INDICATOR_H
#define MINKA_INDICATOR_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "domain/articulation.h"
#include "domain/audit.h"
#include "rules/indicator_rules.h"
#include "store/db.h"

#include <jansson.h>

#define IND_NAME_MAX 300
#define IND_TEXT_MAX 4000             /* definition, comments, decisions */
#define IND_SHORT_MAX 300             /* office, sources, labels */
#define IND_CODE_MAX 24
#define IND_FILE_MAX ((size_t)5 << 20)   /* uploaded evidence: 5 MiB each */
#define IND_MAX_DIMS 8
#define IND_MAX_CELLS 64

/* What the module needs to decide about an indicator (rules, permissions). */
struct indicator_core {
	int64_t id;
	char government[7];
	char territory[7];
	char code[IND_CODE_MAX];
	char subject[12];
	int64_t element_id, project_id, programme_id;
	int decimals;
	char unit[16];
	bool additive;           /* quantities, numbers, money: cells add up to the total */
	enum ind_direction direction;
	enum ind_freq frequency;
	struct ind_period start, end;
	int64_t numerator_id, denominator_id, factor;
	bool has_baseline;
	int64_t baseline;
	struct date baseline_date;
	bool has_final;
	int64_t final_target, final_high;
	int64_t weight;
	char dims[IND_MAX_DIMS][16];
	size_t ndims;
};

/* What a person fills in. Text NULL = ""; values as typed. */
struct indicator_input {
	const char *government;        /* NULL: the element's, project's or programme's */
	const char *territory;         /* NULL: the government's */
	const char *subject;           /* element, project, programme, territory */
	int64_t element_id, project_id, programme_id;
	const char *code;              /* NULL or "": IND-001, IND-002 ... per government */
	const char *scope;             /* general, specific (default) */
	const char *name, *definition;
	const char *unit;              /* ind_unit_names */
	const char *unit_label;
	int decimals;                  /* money: forced to 2 */
	const char *currency;          /* money: NULL = PEN */
	const char *direction;         /* ind_direction_names */
	const char *frequency;         /* ind_freq_names */
	const char *start_period, *end_period;
	int64_t numerator_id, denominator_id;   /* formula (both or none) */
	int64_t factor;                /* formula factor; 0 = 1 */
	const char *baseline, *baseline_date, *baseline_source;
	const char *final_target, *final_target_high;
	int64_t weight;                /* 0 = 1 */
	const char *responsible_office, *data_source, *verification;
	const char *const *dimensions; /* dimension codes, NULL-terminated (or NULL) */
	const char *series, *source_key;   /* imports */
};

int indicator_create(struct db_conn *c, const struct actor *who, int64_t now, const struct indicator_input *in,
		     int64_t *id, struct err *e);
/* Changes the definition. The range and the dimensions cannot drop what
 * measurements already use; decimals cannot change once measured. */
int indicator_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		     const struct indicator_input *in, struct err *e);
int indicator_core_get(struct db_conn *c, int64_t id, struct indicator_core *out, struct err *e);

/* The installation's thresholds and the days after a period's end before its
 * measurement is overdue (settings; defaults 90 %, 60 %, 30 days). */
struct ind_settings {
	struct ind_thresholds th;
	int grace_days;
};
int indicator_settings_get(struct db_conn *c, struct ind_settings *out, struct err *e);
int indicator_settings_set(struct db_conn *c, const struct actor *who, int64_t now, const struct ind_settings *s,
			   struct err *e);

/* A target for a period of the range (year, quarter or month, not finer than
 * the indicator's frequency). value NULL or "" removes it. high: the upper bound
 * of a "maintain" band. */
int indicator_target_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *period,
			 const char *value, const char *high, struct err *e);

/* The whole record: definition, dimensions, targets, the series per period
 * (actual, expected, attainment, status), the current status, overdue periods,
 * measurements (without cells), feedback. `today` for overdue periods. */
int indicator_get_json(struct db_conn *c, int64_t id, const struct ind_settings *s, struct date today, json_t **out,
		       struct err *e);

struct indicator_query {
	const char *territory;     /* measured in this territory or inside it (code prefix) */
	const char *government;    /* owned by this government */
	const char *subject;
	int64_t element_id, project_id, programme_id;
	int64_t plan_id;           /* on elements of this plan */
	const char *series;
	const char *q;             /* words in the name or code, accent-insensitive */
	const char *status;        /* only this status (computed) */
	int64_t limit, offset;
};
/* Items: {id, code, name, unit, ..., latest: {period, value, value_text}, expected, attainment_bp,
 * status, overdue}. *total counts every match. */
int indicator_list(struct db_conn *c, const struct indicator_query *q, const struct ind_settings *s,
		   struct date today, json_t **items, int64_t *total, struct err *e);

/* Dimensions and categories: [{code, name, categories: [{code, name}]}]. */
int disagg_dimensions(struct db_conn *c, json_t **out, struct err *e);

/* "12.34 %" for 1234 hundredths of a percent. */
const char *ind_bp_text(int64_t bp, char *out, size_t n);

/* ---- measurements ---- */

struct measurement_cell_input {
	const char *dimension, *category;
	const char *value;
};

struct measurement_input {
	const char *period;
	const char *value;             /* the total; NULL or "" = the sum of a complete dimension */
	const struct measurement_cell_input *cells;
	size_t ncells;
	const char *comment;           /* NULL when changing one: kept as it was */
	const char *evidence_ref;      /* a document reference (NULL: kept) */
	const char *file_name;         /* an uploaded file (optional) */
	const void *file_data;
	size_t file_len;
};

/* Records (or changes, while draft or returned) the measurement of a period.
 * Refused, naming the problem and writing nothing: a period outside the
 * indicator's range or not of its frequency, a cell of a dimension or category
 * the indicator does not declare, a value that is not a number (or has too many
 * decimals), a file over IND_FILE_MAX or of a type not accepted, a formula
 * indicator (computed, not entered). Totals that disagree with their cells are
 * kept and flagged. *mid receives the measurement. */
int measurement_save(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
		     const struct measurement_input *in, int64_t *mid, struct err *e);
/* Workflow. submit: draft/returned → submitted; approve: submitted → approved;
 * return: submitted → returned (a reason is required). Approving recomputes the
 * formula indicators that use this one. */
int measurement_submit(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, struct err *e);
int measurement_approve(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const char *note,
			struct err *e);
int measurement_return(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const char *reason,
		       struct err *e);
/* Adds evidence to a measurement not yet approved: a reference or a file. */
int measurement_evidence_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid,
			     const char *reference, const char *file_name, const void *data, size_t len,
			     struct err *e);
/* The indicator a measurement belongs to (for permission checks). */
int measurement_indicator(struct db_conn *c, int64_t mid, int64_t *indicator_id, struct err *e);
/* One measurement: value, cells, flags, evidence (files without contents),
 * workflow history. */
int measurement_get_json(struct db_conn *c, int64_t mid, json_t **out, struct err *e);
/* The measurements of an indicator, oldest period first, with their cells. */
int measurement_list(struct db_conn *c, int64_t indicator_id, json_t **out, struct err *e);
/* A file's contents (caller frees *data) and {file_name, content_type, size}. */
int measurement_file(struct db_conn *c, int64_t mid, int64_t file_id, void **data, size_t *len, json_t **meta,
		     struct err *e);

/* ---- feedback ---- */

struct feedback_input {
	const char *period;            /* the measurement it answers */
	const char *finding, *decision, *decided_by, *decided_on, *responsible, *due_on;
};
int feedback_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
		 const struct feedback_input *in, int64_t *id, struct err *e);
/* Marks a decision carried out (date and note). */
int feedback_done(struct db_conn *c, const struct actor *who, int64_t now, int64_t feedback_id, const char *done_on,
		  const char *note, struct err *e);
int feedback_indicator(struct db_conn *c, int64_t feedback_id, int64_t *indicator_id, struct err *e);

/* ---- programmes ---- */

int programme_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		     const char *code, const char *name, const char *description, int64_t start_year,
		     int64_t end_year, int64_t *id, struct err *e);
/* {id, code, name, description, start_year, end_year, government: {...}}. */
int programme_get_json(struct db_conn *c, int64_t id, json_t **out, struct err *e);
int programme_list(struct db_conn *c, const char *government, json_t **out, struct err *e);

/* ---- dashboards (indicator_dash.c) ---- */

/* The live dashboard of a territory's government: the roll-up of its
 * indicators, each indicator's status and attainment, traffic lights per axis of
 * its Concerted Development Plan, the roll-up per plan, physical against
 * financial progress of its projects, and — for a province or a region — the
 * same roll-up for each district or province inside it, with the aggregable
 * series (imported statistics) summed per place. */
int monitoring_dashboard(struct db_conn *c, const char *territory, const struct ind_settings *s, struct date today,
			 json_t **out, struct err *e);
/* Only the part over the places inside a territory (region or province view). */
int monitoring_areas(struct db_conn *c, const char *territory, const struct ind_settings *s, struct date today,
		     json_t **out, struct err *e);

/* ---- the quarterly report (indicator_report.c) ---- */

/* The report of a government for a quarter ("2026-Q2"): every indicator with
 * its value for the quarter (the latest approved measurement of a period ending
 * by the quarter's end), expected value, attainment, status and overdue periods,
 * disaggregations, feedback decisions, the roll-ups, and the finance summary
 * (the execution table of the year and the progress of projects). */
int monitoring_report(struct db_conn *c, const char *government, const char *quarter, const struct ind_settings *s,
		      struct date today, json_t **out, struct err *e);
int monitoring_report_pdf(const json_t *report, const struct i18n_lang *lang, int64_t now, struct buf *out,
			  struct err *e);
int monitoring_report_xlsx(const json_t *report, const struct i18n_lang *lang, struct buf *out, struct err *e);

/* ---- import (indicator_import.c) ---- */

struct indicator_import_stats {
	int64_t rows;
	int64_t districts;
	int64_t indicators_created;
	int64_t measurements;        /* written (new or refreshed) */
	int64_t rejected;
};
/* Loads MINAM's district population and solid-waste table (the layout of
 * ../shared/data/municipal-indicators/peru-minam-residuos-poblacion:
 * minam_residuos_poblacion_distrital_2019_2023.csv) as five indicators per
 * district (population with its urban/rural cells, waste generated, inorganic
 * waste recovered, recovery rate and waste per inhabitant as formulas) with
 * their yearly series, approved, with MINAM as evidence. Re-importing refreshes
 * values. All or nothing: a refused row is listed with its line and column
 * (*rejected: [{line, message}], at most 100) and nothing is written. */
int indicator_import_dir(struct db_conn *c, const struct actor *who, int64_t now, const char *dir,
			 struct indicator_import_stats *st, json_t **rejected, struct err *e);
int indicator_import_mem(struct db_conn *c, const struct actor *who, int64_t now, const char *data, size_t len,
			 const char *name, struct indicator_import_stats *st, json_t **rejected, struct err *e);
#define MINAM_CSV "minam_residuos_poblacion_distrital_2019_2023.csv"

/* The articulation source: indicators attached to plan elements. */
extern const struct artic_source indicator_artic_source;

#endif
