/* indicator_rules.c — values, periods, expectations, attainment, status,
 * roll-up, disaggregation, formulas and overdue periods (see the header). */
#include "core/compat.h"
#include "rules/indicator_rules.h"
#include "core/i18n.h"

typedef __int128 i128;

static const int64_t pow10_tab[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
				     1000000000, INT64_C(10000000000), INT64_C(100000000000),
				     INT64_C(1000000000000) };

/* a / b rounded half away from zero; b != 0. */
static i128 div_round(i128 a, i128 b)
{
	if (b < 0) {
		a = -a;
		b = -b;
	}
	i128 q = a / b, r = a % b;
	if (r < 0)
		r = -r;
	if (2 * r >= b)
		q += a < 0 ? -1 : 1;
	return q;
}

/* ---- values ---- */

enum ind_parse ind_value_parse(const char *s, int decimals, int64_t *out)
{
	if (!s)
		return IND_PARSE_EMPTY;
	if (decimals < 0 || decimals > IND_DECIMALS_MAX)
		return IND_PARSE_NOT_NUMBER;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		return IND_PARSE_EMPTY;
	size_t i = 0;
	bool neg = false;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	/* integer part: digits, optionally in comma groups of three */
	i128 v = 0;
	size_t int_digits = 0, group = 0;
	bool grouped = false, too_big = false;
	for (; i < len; i++) {
		char ch = s[i];
		if (isdigit((unsigned char)ch)) {
			v = v * 10 + (ch - '0');
			if (v > (i128)IND_VALUE_MAX * 10)
				too_big = true, v = (i128)IND_VALUE_MAX * 10;
			int_digits++;
			group++;
		} else if (ch == ',') {
			if (int_digits == 0 || (grouped && group != 3) || (!grouped && group > 3))
				return IND_PARSE_NOT_NUMBER;
			grouped = true;
			group = 0;
		} else {
			break;
		}
	}
	if (int_digits == 0 || (grouped && group != 3))
		return IND_PARSE_NOT_NUMBER;
	/* fraction */
	int frac_digits = 0;
	bool extra_nonzero = false;
	if (i < len && s[i] == '.') {
		i++;
		size_t start = i;
		for (; i < len && isdigit((unsigned char)s[i]); i++) {
			if (frac_digits < decimals) {
				v = v * 10 + (s[i] - '0');
				frac_digits++;
			} else if (s[i] != '0') {
				extra_nonzero = true;
			}
		}
		if (i == start)
			return IND_PARSE_NOT_NUMBER;
	}
	if (i != len)
		return IND_PARSE_NOT_NUMBER;
	if (extra_nonzero)
		return IND_PARSE_DECIMALS;
	for (; frac_digits < decimals; frac_digits++)
		v *= 10;
	if (too_big || v > IND_VALUE_MAX)
		return IND_PARSE_RANGE;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return IND_PARSE_OK;
}

const char *ind_value_format(int64_t v, int decimals, bool grouped, char out[IND_VALUE_TEXT_MAX])
{
	if (decimals < 0 || decimals > IND_DECIMALS_MAX)
		decimals = 0;
	uint64_t a = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	uint64_t p = (uint64_t)pow10_tab[decimals];
	uint64_t ip = a / p, fp = a % p;
	char digits[32];
	snprintf(digits, sizeof digits, "%" PRIu64, ip);
	char intpart[48];
	size_t n = strlen(digits), j = 0;
	for (size_t k = 0; k < n; k++) {
		if (grouped && k && (n - k) % 3 == 0)
			intpart[j++] = ',';
		intpart[j++] = digits[k];
	}
	intpart[j] = '\0';
	char whole[96];   /* at most 1 + 26 + 1 + 6 bytes: always fits IND_VALUE_TEXT_MAX */
	if (decimals)
		snprintf(whole, sizeof whole, "%s%s.%0*" PRIu64, v < 0 ? "-" : "", intpart, decimals, fp);
	else
		snprintf(whole, sizeof whole, "%s%s", v < 0 ? "-" : "", intpart);
	snprintf(out, IND_VALUE_TEXT_MAX, "%.39s", whole);
	return out;
}

double ind_value_double(int64_t v, int decimals)
{
	if (decimals < 0 || decimals > IND_DECIMALS_MAX)
		decimals = 0;
	return (double)v / (double)pow10_tab[decimals];
}

int ind_value_add(int64_t a, int64_t b, int64_t *out)
{
	i128 s = (i128)a + b;
	if (s > IND_VALUE_MAX || s < -IND_VALUE_MAX)
		return -1;
	*out = (int64_t)s;
	return 0;
}

int ind_value_rescale(int64_t v, int from, int to, int64_t *out)
{
	if (from < 0 || to < 0 || from > IND_DECIMALS_MAX || to > IND_DECIMALS_MAX)
		return -1;
	i128 r = to >= from ? (i128)v * pow10_tab[to - from] : div_round(v, pow10_tab[from - to]);
	if (r > IND_VALUE_MAX || r < -IND_VALUE_MAX)
		return -1;
	*out = (int64_t)r;
	return 0;
}

/* ---- enumerations ---- */

const char *const ind_direction_names[] = { "increase", "decrease", "maintain", NULL };

const char *ind_direction_label(const char *name)
{
	if (str_eq(name, "increase")) return N_("Increase (higher is better)");
	if (str_eq(name, "decrease")) return N_("Decrease (lower is better)");
	if (str_eq(name, "maintain")) return N_("Maintain (stay within the band)");
	return name ? name : "";
}

const char *const ind_unit_names[] = { "quantity", "number", "percentage", "ratio", "rate", "index", "rate_of_change",
				       "money", NULL };

const char *ind_unit_label(const char *name)
{
	if (str_eq(name, "quantity")) return N_("Quantity");
	if (str_eq(name, "number")) return N_("Number");
	if (str_eq(name, "percentage")) return N_("Percentage");
	if (str_eq(name, "ratio")) return N_("Ratio");
	if (str_eq(name, "rate")) return N_("Rate");
	if (str_eq(name, "index")) return N_("Index");
	if (str_eq(name, "rate_of_change")) return N_("Rate of change");
	if (str_eq(name, "money")) return N_("Money");
	return name ? name : "";
}

bool ind_unit_additive(const char *name)
{
	return str_eq(name, "quantity") || str_eq(name, "number") || str_eq(name, "money");
}

const char *const ind_freq_names[] = { "year", "quarter", "month", NULL };

const char *ind_freq_label(const char *name)
{
	if (str_eq(name, "year")) return N_("Yearly");
	if (str_eq(name, "quarter")) return N_("Quarterly");
	if (str_eq(name, "month")) return N_("Monthly");
	return name ? name : "";
}

const char *const ind_subject_names[] = { "element", "project", "programme", "territory", NULL };
const char *const ind_scope_names[] = { "specific", "general", NULL };

const char *ind_scope_label(const char *name)
{
	if (str_eq(name, "general")) return N_("General (the plan's process)");
	return N_("Specific (a result of a strategy, programme or project)");
}

const char *const ind_mstatus_names[] = { "draft", "submitted", "approved", "returned", NULL };

const char *ind_mstatus_label(const char *name)
{
	if (str_eq(name, "draft")) return N_("Draft");
	if (str_eq(name, "submitted")) return N_("Submitted");
	if (str_eq(name, "approved")) return N_("Approved");
	if (str_eq(name, "returned")) return N_("Returned");
	return name ? name : "";
}

bool ind_mstatus_allowed(const char *from, const char *to)
{
	if (str_eq(to, "submitted"))
		return str_eq(from, "draft") || str_eq(from, "returned");
	if (str_eq(to, "approved") || str_eq(to, "returned"))
		return str_eq(from, "submitted");
	return false;
}

bool ind_mstatus_editable(const char *status) { return str_eq(status, "draft") || str_eq(status, "returned"); }

/* ---- periods ---- */

int ind_period_parse(const char *s, struct ind_period *p)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	if (year < IND_YEAR_MIN || year > IND_YEAR_MAX)
		return -1;
	struct ind_period r = { IND_YEAR, year, 0 };
	if (n == 4) {
		*p = r;
		return 0;
	}
	if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4') {
		r.freq = IND_QUARTER;
		r.sub = s[6] - '0';
		*p = r;
		return 0;
	}
	if (n == 7 && s[4] == '-' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6])) {
		int m = (s[5] - '0') * 10 + (s[6] - '0');
		if (m < 1 || m > 12)
			return -1;
		r.freq = IND_MONTH;
		r.sub = m;
		*p = r;
		return 0;
	}
	return -1;
}

const char *ind_period_format(struct ind_period p, char out[IND_PERIOD_TEXT])
{
	unsigned y = (unsigned)p.year % 10000u, s = (unsigned)p.sub % 100u;
	if (p.freq == IND_QUARTER)
		snprintf(out, IND_PERIOD_TEXT, "%04u-Q%u", y, s % 10u);
	else if (p.freq == IND_MONTH)
		snprintf(out, IND_PERIOD_TEXT, "%04u-%02u", y, s);
	else
		snprintf(out, IND_PERIOD_TEXT, "%04u", y);
	return out;
}

struct date ind_period_start(struct ind_period p)
{
	int m = p.freq == IND_QUARTER ? (p.sub - 1) * 3 + 1 : p.freq == IND_MONTH ? p.sub : 1;
	return (struct date){ p.year, m, 1 };
}

struct date ind_period_end(struct ind_period p)
{
	int m = p.freq == IND_QUARTER ? p.sub * 3 : p.freq == IND_MONTH ? p.sub : 12;
	return (struct date){ p.year, m, date_days_in_month(p.year, m) };
}

struct ind_period ind_period_next(struct ind_period p)
{
	int per_year = p.freq == IND_QUARTER ? 4 : p.freq == IND_MONTH ? 12 : 1;
	if (p.freq == IND_YEAR || p.sub == per_year) {
		p.year++;
		p.sub = p.freq == IND_YEAR ? 0 : 1;
	} else {
		p.sub++;
	}
	return p;
}

int ind_period_cmp(struct ind_period a, struct ind_period b)
{
	int c = date_cmp(ind_period_end(a), ind_period_end(b));
	if (c)
		return c;
	return date_cmp(ind_period_start(b), ind_period_start(a));
}

bool ind_period_within(struct ind_period inner, struct ind_period first, struct ind_period last)
{
	return date_cmp(ind_period_start(inner), ind_period_start(first)) >= 0 &&
	       date_cmp(ind_period_end(inner), ind_period_end(last)) <= 0;
}

struct ind_period ind_period_of(enum ind_freq f, struct date d)
{
	struct ind_period p = { f, d.year, 0 };
	if (f == IND_QUARTER)
		p.sub = (d.month - 1) / 3 + 1;
	else if (f == IND_MONTH)
		p.sub = d.month;
	return p;
}

static int64_t ordinal(struct ind_period p)
{
	return p.freq == IND_QUARTER ? (int64_t)p.year * 4 + p.sub - 1
	     : p.freq == IND_MONTH   ? (int64_t)p.year * 12 + p.sub - 1
				     : p.year;
}

int64_t ind_period_count(struct ind_period first, struct ind_period last)
{
	if (first.freq != last.freq)
		return 0;
	int64_t n = ordinal(last) - ordinal(first) + 1;
	return n > 0 ? n : 0;
}

/* ---- expected value ---- */

void ind_expected(struct ind_period p, const struct ind_target_pt *targets, size_t n, enum ind_direction dir,
		  bool has_baseline, int64_t baseline, struct date baseline_date, struct ind_expect *out)
{
	*out = (struct ind_expect){ IND_EXPECT_NONE, 0, 0 };
	struct date pend = ind_period_end(p);
	const struct ind_target_pt *exact = NULL, *next = NULL, *prev = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct ind_target_pt *t = &targets[i];
		struct date tend = ind_period_end(t->period);
		int c = date_cmp(tend, pend);
		if (c == 0) {
			/* the finest period ending with p wins (the quarter over its year) */
			if (!exact || date_cmp(ind_period_start(t->period), ind_period_start(exact->period)) > 0)
				exact = t;
		} else if (c > 0) {
			if (!next || date_cmp(tend, ind_period_end(next->period)) < 0)
				next = t;
		} else {
			if (!prev || date_cmp(tend, ind_period_end(prev->period)) > 0)
				prev = t;
		}
	}
	if (exact) {
		*out = (struct ind_expect){ IND_EXPECT_TARGET, exact->lo, exact->hi };
		return;
	}
	if (!next)
		return;
	if (dir == IND_MAINTAIN) {
		*out = (struct ind_expect){ IND_EXPECT_TARGET, next->lo, next->hi };
		return;
	}
	/* the last point before p's end: an earlier target or the baseline */
	int64_t from_v = 0;
	struct date from_d = { 0, 0, 0 };
	bool have_from = false;
	if (prev) {
		from_v = prev->lo;
		from_d = ind_period_end(prev->period);
		have_from = true;
	}
	if (has_baseline && date_cmp(baseline_date, pend) < 0 && (!have_from || date_cmp(baseline_date, from_d) > 0)) {
		from_v = baseline;
		from_d = baseline_date;
		have_from = true;
	}
	if (!have_from) {
		*out = (struct ind_expect){ IND_EXPECT_NEXT, next->lo, next->hi };
		return;
	}
	int64_t d0 = date_to_days(from_d), d1 = date_to_days(ind_period_end(next->period)), d = date_to_days(pend);
	i128 v = (i128)from_v + div_round((i128)(next->lo - from_v) * (d - d0), d1 - d0);
	out->kind = IND_EXPECT_TRAJECTORY;
	out->lo = out->hi = (int64_t)v;
}

/* ---- attainment ---- */

static int64_t ratio_bp(i128 num, i128 den)
{
	i128 r = div_round(num * 10000, den);
	if (r > IND_ATTAIN_BOUND)
		return IND_ATTAIN_BOUND;
	if (r < -IND_ATTAIN_BOUND)
		return -IND_ATTAIN_BOUND;
	return (int64_t)r;
}

static i128 abs128(i128 v) { return v < 0 ? -v : v; }

int64_t ind_attainment_bp(const struct ind_attain_in *in)
{
	int64_t a = in->actual, b = in->baseline, t = in->target_lo;
	switch (in->dir) {
	case IND_INCREASE:
		if (in->has_baseline && t > b)
			return ratio_bp((i128)a - b, (i128)t - b);
		if (!in->has_baseline && t > 0)
			return ratio_bp(a, t);
		if (a >= t)
			return 10000;
		return a > 0 && t > 0 ? ratio_bp(a, t) : 0;
	case IND_DECREASE:
		if (in->has_baseline && t < b)
			return ratio_bp((i128)b - a, (i128)b - t);
		if (!in->has_baseline && t > 0 && a > 0)
			return ratio_bp(t, a);
		if (a <= t)
			return 10000;
		return a > 0 && t > 0 ? ratio_bp(t, a) : 0;
	case IND_MAINTAIN: {
		int64_t lo = in->target_lo < in->target_hi ? in->target_lo : in->target_hi;
		int64_t hi = in->target_lo < in->target_hi ? in->target_hi : in->target_lo;
		if (a >= lo && a <= hi)
			return 10000;
		i128 dist = a < lo ? (i128)lo - a : (i128)a - hi;
		i128 ref = abs128(a < lo ? lo : hi);
		if (ref == 0 && in->has_baseline)
			ref = abs128(b);
		if (ref == 0)
			return 0;
		int64_t off = ratio_bp(dist, ref);
		return off >= 10000 ? 0 : 10000 - off;
	}
	}
	return 0;
}

/* ---- status ---- */

const char *const ind_status_names[] = { "no_data", "no_target", "off_track", "at_risk", "on_track", NULL };

const char *ind_status_label(enum ind_status s)
{
	switch (s) {
	case IND_ST_NO_DATA: return N_("No data");
	case IND_ST_NO_TARGET: return N_("No target");
	case IND_ST_OFF_TRACK: return N_("Off track");
	case IND_ST_AT_RISK: return N_("At risk");
	case IND_ST_ON_TRACK: return N_("On track");
	case IND_ST_COUNT: break;
	}
	return "";
}

int ind_status_parse(const char *name)
{
	for (int i = 0; ind_status_names[i]; i++)
		if (str_eq(name, ind_status_names[i]))
			return i;
	return -1;
}

void ind_thresholds_default(struct ind_thresholds *t)
{
	t->on_track_bp = IND_ON_TRACK_DEFAULT;
	t->at_risk_bp = IND_AT_RISK_DEFAULT;
}

bool ind_thresholds_valid(const struct ind_thresholds *t)
{
	return t->at_risk_bp > 0 && t->at_risk_bp < t->on_track_bp && t->on_track_bp <= 10000;
}

enum ind_status ind_status_of(int64_t attainment_bp, const struct ind_thresholds *t)
{
	if (attainment_bp >= t->on_track_bp)
		return IND_ST_ON_TRACK;
	if (attainment_bp >= t->at_risk_bp)
		return IND_ST_AT_RISK;
	return IND_ST_OFF_TRACK;
}

/* ---- roll-up ---- */

void ind_rollup_init(struct ind_rollup *r) { memset(r, 0, sizeof *r); }

void ind_rollup_add(struct ind_rollup *r, const struct ind_score *s)
{
	if ((unsigned)s->status >= IND_ST_COUNT)
		return;
	r->count[s->status]++;
	r->total++;
	if (s->status == IND_ST_NO_DATA || s->status == IND_ST_NO_TARGET)
		return;
	int64_t w = s->weight < 1 ? 1 : s->weight > IND_WEIGHT_MAX ? IND_WEIGHT_MAX : s->weight;
	int64_t a = s->attainment_bp < 0 ? 0 : s->attainment_bp > 10000 ? 10000 : s->attainment_bp;
	r->assessed++;
	r->weight += w;
	r->acc += w * a;
}

void ind_rollup_finish(struct ind_rollup *r, const struct ind_thresholds *t)
{
	if (!r->weight) {
		/* nothing assessed: measured without targets, or nothing measured */
		r->attainment_bp = 0;
		r->status = r->count[IND_ST_NO_TARGET] ? IND_ST_NO_TARGET : IND_ST_NO_DATA;
		return;
	}
	r->attainment_bp = (int64_t)div_round(r->acc, r->weight);
	r->status = ind_status_of(r->attainment_bp, t);
}

void ind_rollup(const struct ind_score *s, size_t n, const struct ind_thresholds *t, struct ind_rollup *out)
{
	ind_rollup_init(out);
	for (size_t i = 0; i < n; i++)
		ind_rollup_add(out, &s[i]);
	ind_rollup_finish(out, t);
}

/* ---- disaggregation ---- */

enum ind_disagg_rc ind_disagg_check(const size_t *ncat, size_t ndims, const struct ind_cell *cells, size_t ncells,
				    bool has_total, int64_t total, struct ind_disagg *out)
{
	*out = (struct ind_disagg){ .total = total, .derived_total = !has_total, .mismatch_dim = -1 };
	for (size_t i = 0; i < ncells; i++)
		for (size_t j = 0; j < i; j++)
			if (cells[i].dim == cells[j].dim && cells[i].cat == cells[j].cat)
				return IND_DISAGG_DUPLICATE;
	bool found_total = has_total;
	for (int pass = 0; pass < 2; pass++) {
		/* pass 0 finds a total when none was given; pass 1 compares */
		for (size_t d = 0; d < ndims; d++) {
			size_t seen = 0;
			int64_t sum = 0;
			for (size_t i = 0; i < ncells; i++) {
				if (cells[i].dim != (int)d)
					continue;
				seen++;
				if (ind_value_add(sum, cells[i].value, &sum))
					return IND_DISAGG_RANGE;
			}
			if (!seen)
				continue;
			bool complete = seen == ncat[d];
			if (pass == 0) {
				if (!found_total && complete) {
					out->total = sum;
					found_total = true;
				}
				continue;
			}
			bool bad = complete ? sum != out->total : sum > out->total && out->total >= 0;
			if (bad && !out->mismatch) {
				out->mismatch = true;
				out->mismatch_dim = (int)d;
				out->mismatch_sum = sum;
			}
		}
		if (pass == 0 && !found_total)
			return IND_DISAGG_NO_TOTAL;
	}
	return IND_DISAGG_OK;
}

/* ---- formulas ---- */

int ind_formula(int64_t num, int num_dec, int64_t den, int den_dec, int64_t factor, int out_dec, int64_t *out)
{
	if (den == 0 || num_dec < 0 || den_dec < 0 || out_dec < 0 || num_dec > IND_DECIMALS_MAX ||
	    den_dec > IND_DECIMALS_MAX || out_dec > IND_DECIMALS_MAX || factor < 1 || factor > IND_FACTOR_MAX)
		return -1;
	/* (num / 10^nd) / (den / 10^dd) × factor × 10^od */
	i128 a = (i128)num * pow10_tab[den_dec] * factor * pow10_tab[out_dec];
	i128 b = (i128)den * pow10_tab[num_dec];
	i128 r = div_round(a, b);
	if (r > IND_VALUE_MAX || r < -IND_VALUE_MAX)
		return -1;
	*out = (int64_t)r;
	return 0;
}

/* ---- overdue ---- */

struct date ind_period_due(struct ind_period p, int grace_days)
{
	return date_from_days(date_to_days(ind_period_end(p)) + (grace_days > 0 ? grace_days : 0));
}

size_t ind_overdue(struct ind_period first, struct ind_period last, const struct ind_period *have, size_t nhave,
		   struct date today, int grace_days, struct ind_period *out, size_t max)
{
	size_t count = 0;
	int64_t n = ind_period_count(first, last);
	struct ind_period p = first;
	for (int64_t k = 0; k < n; k++, p = ind_period_next(p)) {
		if (date_cmp(ind_period_due(p, grace_days), today) >= 0)
			break;   /* this one and the later ones are not due yet */
		bool got = false;
		for (size_t i = 0; i < nhave && !got; i++)
			got = have[i].freq == p.freq && have[i].year == p.year && have[i].sub == p.sub;
		if (got)
			continue;
		if (count < max)
			out[count] = p;
		count++;
	}
	return count;
}
