/* indicator_int.h — what the files of the indicator module share (indicator.c,
 * measurement.c, indicator_dash.c, indicator_report.c, indicator_import.c);
 * nothing outside the module includes it. */
#ifndef MINKA_INDICATOR_INT_H
#define MINKA_INDICATOR_INT_H

#include "domain/indicator.h"

/* Binds NULL for NULL or "". */
void ind_bind_text_or_null(struct db_stmt *st, int idx, const char *s);
/* Column text or "" for NULL. */
const char *ind_col(struct db_stmt *st, int col);
/* The actor's name for who/when columns. */
const char *ind_actor_name(const struct actor *who);

/* Parses a value typed for `label` (a translated field name). required: empty
 * is an error; otherwise *given tells. Precise messages for each refusal. */
int ind_parse_field(const char *s, int decimals, const char *label, bool required, int64_t *out, bool *given,
		    struct err *e);
/* "2026-Q2" of the indicator's frequency inside its range, or a precise error. */
int ind_parse_measured_period(const struct indicator_core *core, const char *s, struct ind_period *p, struct err *e);

/* ---- a set of indicators evaluated together (lists, dashboards, report) ---- */

enum ind_bind_type { IND_BIND_TEXT, IND_BIND_INT };
struct ind_bind {
	enum ind_bind_type type;
	const char *text;
	int64_t i;
};

struct ind_item {
	struct indicator_core core;        /* dims not loaded */
	char *name;
	char unit[16];
	char unit_label[IND_SHORT_MAX * 4 + 1];
	char currency[4];
	char scope[12];
	char series[64];
	char territory_name[128];
	char government_name[180];
	/* targets (the final target included) and approved values, by period */
	struct ind_target_pt *targets;
	size_t ntargets, cap_targets;
	struct ind_period *periods;
	int64_t *values;
	int64_t *mids;                     /* measurement ids */
	size_t nvalues, cap_values;
	/* evaluation */
	bool has_latest;
	struct ind_period latest;
	int64_t latest_value;
	int64_t latest_mid;
	struct ind_expect expect;
	int64_t attainment;
	enum ind_status status;
	size_t overdue;
	struct ind_period first_overdue;
	int64_t pending;                   /* measurements submitted, waiting for review */
};

struct ind_set {
	struct ind_item *items;            /* ordered by id */
	size_t n, cap;
};

/* Loads the indicators matching `where` (a literal SQL fragment over alias i,
 * with ? for binds), their targets and approved measurements. */
int ind_set_load(struct db_conn *c, const char *where, const struct ind_bind *binds, size_t nbinds,
		 struct ind_set *set, struct err *e);
/* Evaluates each indicator: the latest approved value (of a period ending by
 * as_of's end when as_of is given), what was expected then, attainment, status,
 * overdue periods as of today. */
void ind_set_eval(struct ind_set *set, const struct ind_settings *s, struct date today, const struct ind_period *as_of);
void ind_set_release(struct ind_set *set);
/* The index of an id in the set, or -1. */
long ind_set_find(const struct ind_set *set, int64_t id);
/* The list JSON of one evaluated indicator. */
json_t *ind_item_json(const struct ind_item *it);
/* The roll-up score of an evaluated indicator. */
struct ind_score ind_item_score(const struct ind_item *it);
/* {count: {on_track: n, ...}, total, assessed, attainment_bp, attainment_text, status} */
json_t *ind_rollup_json(const struct ind_rollup *r);

/* Fills the evaluation from the item's targets and values. */
void ind_eval_item(struct ind_item *it, const struct ind_settings *s, struct date today, const struct ind_period *as_of);

/* The plans of a government in force in today's year, each with the roll-up of
 * the set's indicators on its elements, its top-level elements (a PDC's axes)
 * and its objectives that have indicators, each with their roll-up. */
int ind_plans_part(struct db_conn *c, const char *gov, const struct ind_set *set, const struct ind_settings *s,
		   struct date today, json_t **out, struct err *e);

/* Recomputes the formula indicators that use `indicator_id` for `period`
 * (measurement.c), after an approval or an import. */
int ind_formula_refresh(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
			const char *period, int depth, struct err *e);
/* Writes an approved measurement directly (imports and formulas): inserts or
 * replaces the value of a period that is not entered by hand; cells replaced
 * when given. *changed tells whether anything was written. */
struct ind_cell_row {
	const char *dimension, *category;
	int64_t value;
};
int ind_measurement_put(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
			const char *period, int64_t value, const char *origin, const char *evidence_ref,
			const struct ind_cell_row *cells, size_t ncells, bool *changed, struct err *e);

#endif
