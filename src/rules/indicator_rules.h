/* indicator_rules.h — the arithmetic of monitoring and evaluation, pure (no I/O,
 * no clock: "today" is passed in): indicator values as scaled integers parsed
 * exactly from decimal text, periods (year, quarter, month), the expected value
 * of a period (a target, or the trajectory between the baseline and the next
 * target), direction-aware attainment, status against the installation's
 * thresholds, weighted roll-up, disaggregation sums, formula indicators and
 * overdue periods. docs/monitoring.md states every rule with its reasons;
 * tests/unit/test_indicator_rules.c checks them, edge cases first.
 *
 * VALUES. An indicator declares `decimals` (0..IND_DECIMALS_MAX); each value is
 * the int64 value × 10^decimals ("12.5" with 2 decimals is 1250). Money
 * indicators have 2 decimals: integer cents, like every amount in minka. Sums
 * and comparisons are exact integer arithmetic; the few divisions (attainment,
 * formulas, trajectories) are made in 128-bit integers and rounded half away
 * from zero, so a figure is the same on every machine and every run. Doubles
 * appear only where a chart needs a length. */
#ifndef MINKA_INDICATOR_RULES_H
#define MINKA_INDICATOR_RULES_H

#include "core/compat.h"
#include "core/date.h"

#define IND_DECIMALS_MAX 6
/* The largest magnitude of a stored (scaled) value: 10^15 - 1. With 6 decimals
 * that is a billion; with none, a quadrillion. Products stay inside 128 bits. */
#define IND_VALUE_MAX INT64_C(999999999999999)
#define IND_VALUE_TEXT_MAX 40
#define IND_FACTOR_MAX 1000000
#define IND_WEIGHT_MAX 100

/* ---- values ---- */

enum ind_parse {
	IND_PARSE_OK = 0,
	IND_PARSE_EMPTY,          /* nothing but spaces */
	IND_PARSE_NOT_NUMBER,     /* not a decimal number */
	IND_PARSE_DECIMALS,       /* more decimals than the indicator keeps (non-zero ones) */
	IND_PARSE_RANGE,          /* beyond IND_VALUE_MAX once scaled */
};
/* Parses "1234.5", "-3", "+0.25", "1,234,567.89" (comma groups of three) into
 * value × 10^decimals. Surrounding spaces are ignored; exponents, a decimal comma,
 * "%", currency signs and anything else are refused. Extra decimals are accepted
 * only when they are zeros ("12.500" with 2 decimals). */
enum ind_parse ind_value_parse(const char *s, int decimals, int64_t *out);
/* "1234.50" (grouped false) or "1,234.50", always `decimals` places. */
const char *ind_value_format(int64_t v, int decimals, bool grouped, char out[IND_VALUE_TEXT_MAX]);
/* For chart geometry only. */
double ind_value_double(int64_t v, int decimals);
/* Overflow- and bound-checked a + b: 0, or -1 when the result leaves ±IND_VALUE_MAX. */
int ind_value_add(int64_t a, int64_t b, int64_t *out);
/* a × 10^(to - from), rounded half away from zero when decimals are dropped.
 * -1 when out of range. */
int ind_value_rescale(int64_t v, int from, int to, int64_t *out);

/* ---- enumerations ---- */

enum ind_direction { IND_INCREASE, IND_DECREASE, IND_MAINTAIN };
extern const char *const ind_direction_names[];   /* "increase", "decrease", "maintain", NULL */
const char *ind_direction_label(const char *name);  /* message id */

/* CEPLAN's units of measure, plus money. */
extern const char *const ind_unit_names[];   /* NULL-terminated */
const char *ind_unit_label(const char *name);   /* message id */
/* Do parts of a value add up to it? Quantities, numbers and money do;
 * percentages, ratios, rates, indexes and rates of change do not (women's and
 * men's anaemia rates are not summands of the total rate). */
bool ind_unit_additive(const char *name);

enum ind_freq { IND_YEAR, IND_QUARTER, IND_MONTH };
extern const char *const ind_freq_names[];   /* "year", "quarter", "month", NULL */
const char *ind_freq_label(const char *name);   /* message id */

extern const char *const ind_subject_names[];   /* "element", "project", "programme", "territory", NULL */
extern const char *const ind_scope_names[];     /* "general", "specific", NULL */
const char *ind_scope_label(const char *name);

/* Measurement workflow: draft → submitted → approved | returned (→ submitted again). */
extern const char *const ind_mstatus_names[];   /* "draft", "submitted", "approved", "returned", NULL */
const char *ind_mstatus_label(const char *name);
/* May a measurement move from `from` to `to`? ("approve" and "return" only from submitted.) */
bool ind_mstatus_allowed(const char *from, const char *to);
/* May its values and evidence still change? (draft and returned) */
bool ind_mstatus_editable(const char *status);

/* ---- periods ---- */

#define IND_PERIOD_TEXT 9   /* "2026-Q2", "2026-05", "2026" */
#define IND_YEAR_MIN 1990
#define IND_YEAR_MAX 2100

struct ind_period {
	enum ind_freq freq;
	int year;
	int sub;         /* 0 for a year, 1..4 for a quarter, 1..12 for a month */
};

/* "2026", "2026-Q2" (or "2026-q2"), "2026-05". 0 or -1. */
int ind_period_parse(const char *s, struct ind_period *p);
const char *ind_period_format(struct ind_period p, char out[IND_PERIOD_TEXT]);
struct date ind_period_start(struct ind_period p);
struct date ind_period_end(struct ind_period p);
/* The next period of the same frequency. */
struct ind_period ind_period_next(struct ind_period p);
/* Ordering by end date, then by start date (a year after its last quarter). */
int ind_period_cmp(struct ind_period a, struct ind_period b);
/* Is `inner` inside [first.start, last.end]? */
bool ind_period_within(struct ind_period inner, struct ind_period first, struct ind_period last);
/* The period of frequency f that contains a day. */
struct ind_period ind_period_of(enum ind_freq f, struct date d);
/* Number of periods of a frequency from first to last inclusive (same frequency). */
int64_t ind_period_count(struct ind_period first, struct ind_period last);

/* ---- expected value of a period ---- */

struct ind_target_pt {
	struct ind_period period;
	int64_t lo, hi;          /* a value (lo == hi) or, for "maintain", a band */
};

enum ind_expect_kind {
	IND_EXPECT_NONE,         /* nothing to compare with */
	IND_EXPECT_TARGET,       /* a target set for a period ending when this one ends */
	IND_EXPECT_TRAJECTORY,   /* on the straight line from the previous point to the next target */
	IND_EXPECT_NEXT,         /* the next target (no earlier point to draw a line from) */
};

struct ind_expect {
	enum ind_expect_kind kind;
	int64_t lo, hi;
};

/* What a period should reach. targets need not be sorted. The baseline (value at
 * baseline_date) is the first point of the trajectory when it is known.
 *   1. a target whose period ends when p ends (the same period, or the year of
 *      a last quarter, ...) is the expectation;
 *   2. "maintain": the band of the first target ending after p;
 *   3. otherwise the straight line, by days, from the last point before p's end
 *      (an earlier target, or the baseline) to the first target after it;
 *   4. with no earlier point, that next target itself;
 *   5. with no target at or after p: nothing. */
void ind_expected(struct ind_period p, const struct ind_target_pt *targets, size_t n, enum ind_direction dir,
		  bool has_baseline, int64_t baseline, struct date baseline_date, struct ind_expect *out);

/* ---- attainment and status ---- */

struct ind_attain_in {
	enum ind_direction dir;
	bool has_baseline;
	int64_t baseline;
	int64_t target_lo, target_hi;   /* hi == lo except for a "maintain" band */
	int64_t actual;
};
/* Attainment in hundredths of a percent (9000 = 90.00 %), may exceed 10000 or be
 * negative, bounded to ±IND_ATTAIN_BOUND:
 *   increase  (actual − baseline) / (target − baseline) when the target is above
 *             the baseline; without a baseline, actual / target (target > 0);
 *   decrease  (baseline − actual) / (baseline − target) when the target is below
 *             the baseline; without a baseline, target / actual (both > 0);
 *   both, when there is no room between baseline and target (target equal to the
 *             baseline, or on its wrong side, or a target of zero or less without
 *             a baseline): 100 % when the target is met, otherwise actual/target
 *             (increase) or target/actual (decrease) when both are positive, else 0;
 *   maintain  100 % inside the band; outside, 100 % minus the distance to the
 *             nearest bound relative to that bound (to the baseline when the bound
 *             is 0; 0 % when both are 0), never below 0. */
#define IND_ATTAIN_BOUND INT64_C(1000000)
int64_t ind_attainment_bp(const struct ind_attain_in *in);

enum ind_status {
	IND_ST_NO_DATA,      /* no approved measurement */
	IND_ST_NO_TARGET,    /* measured, nothing to compare with */
	IND_ST_OFF_TRACK,
	IND_ST_AT_RISK,
	IND_ST_ON_TRACK,
	IND_ST_COUNT
};
extern const char *const ind_status_names[];   /* "no_data", "no_target", "off_track", "at_risk", "on_track", NULL */
const char *ind_status_label(enum ind_status s);   /* message id */
int ind_status_parse(const char *name);            /* -1 if unknown */

struct ind_thresholds {
	int64_t on_track_bp;   /* at or above: on track (default 9000) */
	int64_t at_risk_bp;    /* at or above: at risk; below: off track (default 6000) */
};
#define IND_ON_TRACK_DEFAULT 9000
#define IND_AT_RISK_DEFAULT 6000
#define IND_GRACE_DAYS_DEFAULT 30
void ind_thresholds_default(struct ind_thresholds *t);
/* 0 < at_risk < on_track <= 10000. */
bool ind_thresholds_valid(const struct ind_thresholds *t);
enum ind_status ind_status_of(int64_t attainment_bp, const struct ind_thresholds *t);

/* ---- roll-up ---- */

struct ind_score {
	enum ind_status status;
	int64_t attainment_bp;   /* meaningful for off track, at risk, on track */
	int64_t weight;          /* >= 1 */
};

struct ind_rollup {
	int64_t count[IND_ST_COUNT];   /* indicators per status */
	int64_t total;
	int64_t assessed;              /* with an attainment */
	int64_t weight;                /* sum of the weights of the assessed ones */
	int64_t attainment_bp;         /* weighted mean of attainments capped to 0..100 % */
	enum ind_status status;        /* of that mean; when nothing is assessed, NO_TARGET if some
					* indicator was measured, else NO_DATA */
	int64_t acc;                   /* running sum of weight × capped attainment */
};
/* Weighted mean of the assessed indicators' attainments, each capped to
 * 0..10000 first (over-achieving one target does not hide another missed one),
 * rounded half away from zero. */
void ind_rollup(const struct ind_score *s, size_t n, const struct ind_thresholds *t, struct ind_rollup *out);
/* Adds one score to a running roll-up (ind_rollup_finish computes the mean). */
void ind_rollup_init(struct ind_rollup *r);
void ind_rollup_add(struct ind_rollup *r, const struct ind_score *s);
void ind_rollup_finish(struct ind_rollup *r, const struct ind_thresholds *t);

/* ---- disaggregation ---- */

struct ind_cell {
	int dim;                 /* index among the indicator's dimensions */
	int cat;                 /* index among that dimension's categories */
	int64_t value;
};

struct ind_disagg {
	int64_t total;           /* the total given, or the sum of the first complete dimension */
	bool derived_total;      /* no total was given: it is a sum of cells */
	bool mismatch;           /* some complete dimension does not add up to the total,
				  * or a partial one exceeds it */
	int mismatch_dim;        /* the first such dimension (-1 = none) */
	int64_t mismatch_sum;
};

enum ind_disagg_rc {
	IND_DISAGG_OK = 0,
	IND_DISAGG_NO_TOTAL,     /* no total and no dimension with all its categories */
	IND_DISAGG_DUPLICATE,    /* the same cell twice */
	IND_DISAGG_RANGE,        /* a sum beyond IND_VALUE_MAX */
};
/* Checks cells (single-dimension breakdowns: women and men; indigenous and not;
 * urban and rural; age groups) against the total. ncat[d] = categories of
 * dimension d. A total that disagrees with a dimension that has all its cells is
 * flagged, not refused: real reports do not always add up (seed 002's own table
 * has 700 + 600 against a total of 1,301), and the flag travels with the figure. */
enum ind_disagg_rc ind_disagg_check(const size_t *ncat, size_t ndims, const struct ind_cell *cells, size_t ncells,
				    bool has_total, int64_t total, struct ind_disagg *out);

/* ---- formulas ---- */

/* value = numerator / denominator × factor, in out_decimals, rounded half away
 * from zero; each input in its own decimals. -1 when the denominator is 0 or the
 * result is out of range. */
int ind_formula(int64_t num, int num_dec, int64_t den, int den_dec, int64_t factor, int out_dec, int64_t *out);

/* ---- overdue ---- */

/* The date a period's measurement is due: its last day plus grace days. */
struct date ind_period_due(struct ind_period p, int grace_days);
/* Periods of the indicator's frequency from first to last whose due date is
 * before today and which are not in `have` (sorted or not). Writes at most max
 * into out; returns how many there are. */
size_t ind_overdue(struct ind_period first, struct ind_period last, const struct ind_period *have, size_t nhave,
		   struct date today, int grace_days, struct ind_period *out, size_t max);

#endif
