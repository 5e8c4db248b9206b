/* indicator.c — indicators: definition, dimensions, targets, settings,
 * programmes, the evaluated sets that lists and dashboards share, the record
 * page's JSON and the articulation source. Measurements are in measurement.c. */
#include "core/compat.h"
#include "domain/indicator.h"
#include "domain/indicator_int.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "domain/setting.h"
#include "domain/territory.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* ---- shared helpers ---- */

void ind_bind_text_or_null(struct db_stmt *st, int idx, const char *s)
{
	if (s && *s)
		db_bind_text(st, idx, s);
	else
		db_bind_null(st, idx);
}

const char *ind_col(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	return s ? s : "";
}

const char *ind_actor_name(const struct actor *who) { return who && who->name[0] ? who->name : "system"; }

const char *ind_bp_text(int64_t bp, char *out, size_t n)
{
	uint64_t v = bp < 0 ? (uint64_t)(-(bp + 1)) + 1 : (uint64_t)bp;
	snprintf(out, n, "%s%" PRIu64 ".%02" PRIu64 " %%", bp < 0 ? "-" : "", v / 100, v % 100);
	return out;
}

int ind_parse_field(const char *s, int decimals, const char *label, bool required, int64_t *out, bool *given,
		    struct err *e)
{
	*out = 0;
	if (given)
		*given = false;
	switch (ind_value_parse(s, decimals, out)) {
	case IND_PARSE_OK:
		if (given)
			*given = true;
		return 0;
	case IND_PARSE_EMPTY:
		return required ? err_set(e, ERR_INVALID, "Field \"%s\" is required", label) : 0;
	case IND_PARSE_NOT_NUMBER:
		return err_set(e, ERR_INVALID, "\"%s\" must be a number such as 1234.5 or 1,234.5 (not \"%.40s\")", label,
			       s ? s : "");
	case IND_PARSE_DECIMALS:
		return err_set(e, ERR_INVALID, "\"%s\" has more decimals than this indicator keeps (%d): \"%.40s\"", label,
			       decimals, s);
	case IND_PARSE_RANGE:
		return err_set(e, ERR_INVALID, "\"%s\" is too large (\"%.40s\")", label, s);
	}
	return err_set(e, ERR_INVALID, "\"%s\" must be a number such as 1234.5 or 1,234.5 (not \"%.40s\")", label,
		       s ? s : "");
}

static const char *freq_example(enum ind_freq f)
{
	return f == IND_QUARTER ? "2026-Q2" : f == IND_MONTH ? "2026-05" : "2026";
}

int ind_parse_measured_period(const struct indicator_core *core, const char *s, struct ind_period *p, struct err *e)
{
	if (!s || !*s)
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", tr(e->lang, "Period"));
	if (ind_period_parse(s, p))
		return err_set(e, ERR_INVALID, "\"%.20s\" is not a period: write a year (2026), a quarter (2026-Q2) or a month (2026-05)",
			       s);
	if (p->freq != core->frequency)
		return err_set(e, ERR_INVALID, "This indicator is measured %s: give a period such as %s (not %.20s)",
			       tr(e->lang, ind_freq_label(ind_freq_names[core->frequency])), freq_example(core->frequency), s);
	if (!ind_period_within(*p, core->start, core->end)) {
		char a[IND_PERIOD_TEXT], b[IND_PERIOD_TEXT], x[IND_PERIOD_TEXT];
		return err_set(e, ERR_INVALID, "The period %s is outside the indicator's range (%s to %s)",
			       ind_period_format(*p, x), ind_period_format(core->start, a), ind_period_format(core->end, b));
	}
	return 0;
}

static int text_ok(const char *s, size_t max_chars, const char *label, bool required, struct err *e)
{
	if (required && (!s || !*s))
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", label);
	if (s && utf8_len(s) > max_chars)
		return err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", label, max_chars);
	return 0;
}

static int name_index(const char *const *names, const char *v)
{
	for (int i = 0; names[i]; i++)
		if (str_eq(names[i], v))
			return i;
	return -1;
}

/* ---- settings ---- */

static int64_t setting_int(struct db_conn *c, const char *key, int64_t def)
{
	char v[64];
	struct err ignore;
	err_init(&ignore, NULL);
	int64_t n;
	if (setting_get(c, key, v, sizeof v, &ignore) == 0 && str_to_int64(v, &n) == 0)
		return n;
	return def;
}

int indicator_settings_get(struct db_conn *c, struct ind_settings *out, struct err *e)
{
	(void)e;
	out->th.on_track_bp = setting_int(c, "indicator_on_track_bp", IND_ON_TRACK_DEFAULT);
	out->th.at_risk_bp = setting_int(c, "indicator_at_risk_bp", IND_AT_RISK_DEFAULT);
	out->grace_days = (int)setting_int(c, "indicator_grace_days", IND_GRACE_DAYS_DEFAULT);
	if (!ind_thresholds_valid(&out->th))
		ind_thresholds_default(&out->th);
	if (out->grace_days < 0 || out->grace_days > 366)
		out->grace_days = IND_GRACE_DAYS_DEFAULT;
	return 0;
}

int indicator_settings_set(struct db_conn *c, const struct actor *who, int64_t now, const struct ind_settings *s,
			   struct err *e)
{
	if (!ind_thresholds_valid(&s->th))
		return err_set(e, ERR_INVALID,
			       "The thresholds must satisfy 0 %% < at risk < on track <= 100 %% (at risk %lld.%02lld %%, on track %lld.%02lld %%)",
			       (long long)(s->th.at_risk_bp / 100), (long long)(llabs(s->th.at_risk_bp) % 100),
			       (long long)(s->th.on_track_bp / 100), (long long)(llabs(s->th.on_track_bp) % 100));
	if (s->grace_days < 0 || s->grace_days > 366)
		return err_set(e, ERR_INVALID, "The days of grace must be between 0 and 366");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)s->th.on_track_bp);
	rc = setting_set(c, who, now, "indicator_on_track_bp", v, e);
	snprintf(v, sizeof v, "%lld", (long long)s->th.at_risk_bp);
	if (!rc)
		rc = setting_set(c, who, now, "indicator_at_risk_bp", v, e);
	snprintf(v, sizeof v, "%d", s->grace_days);
	if (!rc)
		rc = setting_set(c, who, now, "indicator_grace_days", v, e);
	return db_tx_leave(c, own, rc, e);
}

/* ---- dimensions ---- */

/* The names migration 0007 gives the dimensions and categories are message ids:
 * listed here so that the catalog carries their translations. */
MINKA_UNUSED static const char *const dimension_msgids[] = {
	N_("Sex"), N_("Women"), N_("Men"), N_("Indigenous status"), N_("Indigenous"), N_("Non-indigenous"),
	N_("Age group"), N_("0 to 14 years"), N_("15 to 29 years"), N_("30 to 59 years"), N_("60 years and over"),
	N_("Area of residence"), N_("Urban"), N_("Rural"),
};

int disagg_dimensions(struct db_conn *c, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c,
		"SELECT d.code, d.name, c.code, c.name FROM disagg_dimension d"
		" JOIN disagg_category c ON c.dimension_code = d.code ORDER BY d.position, d.code, c.position, c.code", e);
	if (!st)
		return e->code;
	int rc;
	json_t *cur = NULL;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (!cur || !str_eq(json_get_str(cur, "code", ""), ind_col(st, 0))) {
			cur = json_object();
			json_set_str(cur, "code", ind_col(st, 0));
			json_set_str(cur, "name", ind_col(st, 1));
			json_object_set_new(cur, "categories", json_array());
			json_array_append_new(arr, cur);
		}
		json_t *cat = json_object();
		json_set_str(cat, "code", ind_col(st, 2));
		json_set_str(cat, "name", ind_col(st, 3));
		json_array_append_new(json_object_get(cur, "categories"), cat);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- the core record ---- */

#define CORE_COLS \
	"i.id, i.government_code, i.territory_code, i.code, i.subject, i.element_id, i.project_id, i.programme_id," \
	" i.decimals, i.direction, i.frequency, i.start_period, i.end_period, i.numerator_id, i.denominator_id," \
	" i.factor, i.baseline_value, i.baseline_date, i.final_target, i.final_target_high, i.weight, i.unit"
#define CORE_NCOLS 22

static void read_core(struct db_stmt *st, struct indicator_core *k)
{
	memset(k, 0, sizeof *k);
	k->id = db_col_int64(st, 0);
	snprintf(k->government, sizeof k->government, "%s", ind_col(st, 1));
	snprintf(k->territory, sizeof k->territory, "%s", ind_col(st, 2));
	snprintf(k->code, sizeof k->code, "%s", ind_col(st, 3));
	snprintf(k->subject, sizeof k->subject, "%s", ind_col(st, 4));
	k->element_id = db_col_null(st, 5) ? 0 : db_col_int64(st, 5);
	k->project_id = db_col_null(st, 6) ? 0 : db_col_int64(st, 6);
	k->programme_id = db_col_null(st, 7) ? 0 : db_col_int64(st, 7);
	k->decimals = (int)db_col_int64(st, 8);
	int d = name_index(ind_direction_names, ind_col(st, 9));
	k->direction = d < 0 ? IND_INCREASE : (enum ind_direction)d;
	int f = name_index(ind_freq_names, ind_col(st, 10));
	k->frequency = f < 0 ? IND_YEAR : (enum ind_freq)f;
	ind_period_parse(ind_col(st, 11), &k->start);
	ind_period_parse(ind_col(st, 12), &k->end);
	k->numerator_id = db_col_null(st, 13) ? 0 : db_col_int64(st, 13);
	k->denominator_id = db_col_null(st, 14) ? 0 : db_col_int64(st, 14);
	k->factor = db_col_int64(st, 15);
	k->has_baseline = !db_col_null(st, 16);
	k->baseline = k->has_baseline ? db_col_int64(st, 16) : 0;
	if (date_parse(ind_col(st, 17), &k->baseline_date))
		k->baseline_date = ind_period_start(k->start);
	k->has_final = !db_col_null(st, 18);
	k->final_target = k->has_final ? db_col_int64(st, 18) : 0;
	k->final_high = db_col_null(st, 19) ? k->final_target : db_col_int64(st, 19);
	k->weight = db_col_int64(st, 20);
	snprintf(k->unit, sizeof k->unit, "%s", ind_col(st, 21));
	k->additive = ind_unit_additive(k->unit);
}

int indicator_core_get(struct db_conn *c, int64_t id, struct indicator_core *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT " CORE_COLS " FROM indicator i WHERE i.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		read_core(st, out);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No indicator with number %lld", (long long)id);
	if (rc < 0)
		return rc;
	st = db_prepare(c, "SELECT d.code FROM indicator_dimension x JOIN disagg_dimension d ON d.code = x.dimension_code"
			   " WHERE x.indicator_id = ? ORDER BY d.position, d.code", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st, e)) == DB_ROW && out->ndims < IND_MAX_DIMS)
		snprintf(out->dims[out->ndims++], sizeof out->dims[0], "%s", ind_col(st, 0));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- create and update ---- */

/* The input checked and normalized. */
struct ind_valid {
	char government[7], territory[7], province[5], region[3];
	char subject[12];
	int64_t element_id, project_id, programme_id;
	char code[IND_CODE_MAX];
	int unit, direction, frequency, decimals;
	char currency[4];
	struct ind_period start, end;
	char start_text[IND_PERIOD_TEXT], end_text[IND_PERIOD_TEXT];
	int64_t factor, weight;
	bool has_baseline, has_final, has_high;
	int64_t baseline, final_target, final_high;
	char baseline_date[DATE_FMT_MAX];
	const char *dims[IND_MAX_DIMS + 1];
	size_t ndims;
};

static bool within_territory(const char *inner, const char *outer)
{
	return strncmp(inner, outer, strlen(outer)) == 0;
}

static int subject_government(struct db_conn *c, const struct indicator_input *in, struct ind_valid *v, struct err *e)
{
	int s = name_index(ind_subject_names, in->subject ? in->subject : "territory");
	if (s < 0)
		return err_set(e, ERR_INVALID, "An indicator belongs to a plan element, a project, a programme or a territory (not \"%.20s\")",
			       in->subject);
	snprintf(v->subject, sizeof v->subject, "%s", ind_subject_names[s]);
	char gov[7] = "", terr[7] = "";
	int rc = 0;
	if (str_eq(v->subject, "element")) {
		struct plan_element el;
		struct plan p;
		if (in->element_id <= 0)
			return err_set(e, ERR_INVALID, "Choose the plan element the indicator measures");
		if ((rc = plan_element_get(c, in->element_id, &el, e)))
			return rc == ERR_NOTFOUND ? (e->code = ERR_INVALID) : rc;
		rc = plan_get(c, el.plan_id, &p, e);
		plan_element_release(&el);
		if (rc)
			return rc;
		snprintf(gov, sizeof gov, "%s", p.government);
		plan_release(&p);
		v->element_id = in->element_id;
	} else if (str_eq(v->subject, "project")) {
		struct project_core pc;
		if (in->project_id <= 0)
			return err_set(e, ERR_INVALID, "Choose the project the indicator measures");
		if ((rc = project_core_get(c, in->project_id, &pc, e)))
			return rc == ERR_NOTFOUND ? (e->code = ERR_INVALID) : rc;
		if (!pc.government[0])
			return err_set(e, ERR_INVALID, "The project %s belongs to no government of the territory", pc.code);
		snprintf(gov, sizeof gov, "%s", pc.government);
		snprintf(terr, sizeof terr, "%s", pc.territory);
		v->project_id = in->project_id;
	} else if (str_eq(v->subject, "programme")) {
		if (in->programme_id <= 0)
			return err_set(e, ERR_INVALID, "Choose the programme the indicator measures");
		struct db_stmt *st = db_prepare(c, "SELECT government_code FROM programme WHERE id = ?", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, in->programme_id);
		rc = db_step(st, e);
		if (rc == DB_ROW)
			snprintf(gov, sizeof gov, "%s", ind_col(st, 0));
		db_finish(st);
		if (rc == DB_DONE)
			return err_set(e, ERR_INVALID, "No programme with number %lld", (long long)in->programme_id);
		if (rc < 0)
			return rc;
		v->programme_id = in->programme_id;
	} else {
		if (!in->government || !*in->government)
			return err_set(e, ERR_INVALID, "Choose the government that measures the indicator");
		snprintf(gov, sizeof gov, "%s", in->government);
	}
	if (in->government && *in->government && !str_eq(in->government, gov))
		return err_set(e, ERR_INVALID, "The indicator belongs to the government of what it measures (%s), not to %s", gov,
			       in->government);
	struct government g;
	if ((rc = government_get(c, gov, &g, e)))
		return rc == ERR_NOTFOUND ? (e->code = ERR_INVALID) : rc;
	snprintf(v->government, sizeof v->government, "%s", g.code);
	const char *t = in->territory && *in->territory ? in->territory : terr[0] ? terr : g.code;
	struct territory tt;
	if ((rc = territory_get(c, t, &tt, e)))
		return rc == ERR_NOTFOUND ? (e->code = ERR_INVALID) : rc;
	/* a government measures inside its own territory (a province's capital district is its own) */
	char gterr[7];
	snprintf(gterr, sizeof gterr, "%s", g.code);
	if (!within_territory(tt.code, gterr))
		return err_set(e, ERR_INVALID, "%s is outside the territory of %s", tt.name, g.name);
	snprintf(v->territory, sizeof v->territory, "%s", tt.code);
	snprintf(v->region, sizeof v->region, "%.2s", tt.code);
	v->province[0] = '\0';
	if (strlen(tt.code) >= 4)
		snprintf(v->province, sizeof v->province, "%.4s", tt.code);
	return 0;
}

static int validate(struct db_conn *c, const struct indicator_input *in, int64_t self_id, struct ind_valid *v,
		    struct err *e)
{
	memset(v, 0, sizeof *v);
	const struct i18n_lang *L = e->lang;
	int rc = subject_government(c, in, v, e);
	if (rc)
		return rc;
	if ((rc = text_ok(in->name, IND_NAME_MAX, tr(L, "Name"), true, e)) ||
	    (rc = text_ok(in->definition, IND_TEXT_MAX, tr(L, "Definition"), false, e)) ||
	    (rc = text_ok(in->unit_label, 60, tr(L, "Unit label"), false, e)) ||
	    (rc = text_ok(in->baseline_source, IND_SHORT_MAX, tr(L, "Source of the baseline"), false, e)) ||
	    (rc = text_ok(in->responsible_office, IND_SHORT_MAX, tr(L, "Responsible office"), false, e)) ||
	    (rc = text_ok(in->data_source, IND_SHORT_MAX, tr(L, "Data source"), false, e)) ||
	    (rc = text_ok(in->verification, IND_TEXT_MAX, tr(L, "Means of verification"), false, e)))
		return rc;
	if (in->code && *in->code) {
		size_t n = strlen(in->code);
		if (n >= IND_CODE_MAX)
			return err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", tr(L, "Code"), (size_t)IND_CODE_MAX - 1);
		for (size_t i = 0; i < n; i++)
			if (!(isalnum((unsigned char)in->code[i]) || strchr("-._/", in->code[i])))
				return err_set(e, ERR_INVALID, "A code has letters, digits and - . _ / only (not \"%.30s\")", in->code);
		snprintf(v->code, sizeof v->code, "%s", in->code);
	}
	if ((v->unit = name_index(ind_unit_names, in->unit)) < 0)
		return err_set(e, ERR_INVALID, "Choose the unit of measure");
	if ((v->direction = name_index(ind_direction_names, in->direction)) < 0)
		return err_set(e, ERR_INVALID, "Choose whether the indicator should increase, decrease or stay within a band");
	if ((v->frequency = name_index(ind_freq_names, in->frequency)) < 0)
		return err_set(e, ERR_INVALID, "Choose how often it is measured (yearly, quarterly, monthly)");
	bool money = str_eq(ind_unit_names[v->unit], "money");
	v->decimals = money ? 2 : in->decimals;
	if (v->decimals < 0 || v->decimals > IND_DECIMALS_MAX)
		return err_set(e, ERR_INVALID, "An indicator keeps between 0 and %d decimals", IND_DECIMALS_MAX);
	if (money) {
		const char *cur = in->currency && *in->currency ? in->currency : "PEN";
		if (strlen(cur) != 3 || !isupper((unsigned char)cur[0]) || !isupper((unsigned char)cur[1]) ||
		    !isupper((unsigned char)cur[2]))
			return err_set(e, ERR_INVALID, "A currency is a three-letter ISO code such as PEN or USD (not \"%.10s\")", cur);
		snprintf(v->currency, sizeof v->currency, "%s", cur);
	}
	/* the range */
	enum ind_freq f = (enum ind_freq)v->frequency;
	for (int k = 0; k < 2; k++) {
		const char *s = k ? in->end_period : in->start_period;
		const char *label = tr(L, k ? N_("Last period") : N_("First period"));
		struct ind_period *p = k ? &v->end : &v->start;
		if (!s || !*s)
			return err_set(e, ERR_INVALID, "Field \"%s\" is required", label);
		if (ind_period_parse(s, p) || p->freq != f)
			return err_set(e, ERR_INVALID, "\"%s\" must be a period of the indicator's frequency, such as %s (not \"%.20s\")",
				       label, freq_example(f), s);
		ind_period_format(*p, k ? v->end_text : v->start_text);
	}
	if (ind_period_cmp(v->start, v->end) > 0)
		return err_set(e, ERR_INVALID, "The first period (%s) is after the last one (%s)", v->start_text, v->end_text);
	if (ind_period_count(v->start, v->end) > 600)
		return err_set(e, ERR_INVALID, "An indicator covers at most 600 periods");
	/* formula */
	v->factor = in->factor ? in->factor : 1;
	if (v->factor < 1 || v->factor > IND_FACTOR_MAX)
		return err_set(e, ERR_INVALID, "The factor of a formula is between 1 and %d", IND_FACTOR_MAX);
	if ((in->numerator_id > 0) != (in->denominator_id > 0))
		return err_set(e, ERR_INVALID, "A formula needs both a numerator and a denominator");
	if (in->numerator_id > 0) {
		int64_t ids[2] = { in->numerator_id, in->denominator_id };
		for (int k = 0; k < 2; k++) {
			struct indicator_core part;
			if (ids[k] == self_id)
				return err_set(e, ERR_INVALID, "An indicator cannot be computed from itself");
			if ((rc = indicator_core_get(c, ids[k], &part, e)))
				return rc == ERR_NOTFOUND ? (e->code = ERR_INVALID) : rc;
			if (part.frequency != f)
				return err_set(e, ERR_INVALID, "The indicators of a formula are measured as often as it is (%s is not)", part.code);
			/* no cycle: the parts must not be computed from this one */
			for (int64_t up = part.numerator_id, guard = 0; self_id && up && guard < 8; guard++) {
				if (up == self_id)
					return err_set(e, ERR_INVALID, "%s is computed from this indicator: that would be a cycle", part.code);
				struct indicator_core u;
				if (indicator_core_get(c, up, &u, e))
					break;
				up = u.numerator_id;
			}
			if (self_id && (part.numerator_id == self_id || part.denominator_id == self_id))
				return err_set(e, ERR_INVALID, "%s is computed from this indicator: that would be a cycle", part.code);
		}
	}
	/* baseline and final target */
	bool given;
	if ((rc = ind_parse_field(in->baseline, v->decimals, tr(L, "Baseline"), false, &v->baseline, &given, e)))
		return rc;
	v->has_baseline = given;
	if (in->baseline_date && *in->baseline_date) {
		struct date d;
		if (date_parse(in->baseline_date, &d))
			return err_set(e, ERR_INVALID, "\"%s\" must be a date YYYY-MM-DD (not \"%.20s\")", tr(L, "Date of the baseline"),
				       in->baseline_date);
		snprintf(v->baseline_date, sizeof v->baseline_date, "%s", in->baseline_date);
	}
	if (v->has_baseline && !v->baseline_date[0])
		return err_set(e, ERR_INVALID, "Give the date of the baseline");
	if ((rc = ind_parse_field(in->final_target, v->decimals, tr(L, "Final target"), false, &v->final_target, &given, e)))
		return rc;
	v->has_final = given;
	if ((rc = ind_parse_field(in->final_target_high, v->decimals, tr(L, "Upper bound of the band"), false, &v->final_high,
				  &given, e)))
		return rc;
	v->has_high = given;
	if (v->has_high && v->direction != IND_MAINTAIN)
		return err_set(e, ERR_INVALID, "Only an indicator to maintain within a band has an upper bound");
	if (v->has_high && !v->has_final)
		return err_set(e, ERR_INVALID, "Give the final target (the band's lower bound) with its upper bound");
	if (v->has_final && v->has_baseline) {
		char b1[IND_VALUE_TEXT_MAX], b2[IND_VALUE_TEXT_MAX];
		if (v->direction == IND_INCREASE && v->final_target < v->baseline)
			return err_set(e, ERR_INVALID, "For an indicator that should increase, the final target (%s) cannot be below the baseline (%s)",
				       ind_value_format(v->final_target, v->decimals, true, b1),
				       ind_value_format(v->baseline, v->decimals, true, b2));
		if (v->direction == IND_DECREASE && v->final_target > v->baseline)
			return err_set(e, ERR_INVALID, "For an indicator that should decrease, the final target (%s) cannot be above the baseline (%s)",
				       ind_value_format(v->final_target, v->decimals, true, b1),
				       ind_value_format(v->baseline, v->decimals, true, b2));
	}
	v->weight = in->weight ? in->weight : 1;
	if (v->weight < 1 || v->weight > IND_WEIGHT_MAX)
		return err_set(e, ERR_INVALID, "The weight of an indicator is between 1 and %d", IND_WEIGHT_MAX);
	/* dimensions */
	for (const char *const *d = in->dimensions; d && *d; d++) {
		if (!**d)
			continue;
		if (v->ndims == IND_MAX_DIMS)
			return err_set(e, ERR_INVALID, "An indicator reports at most %d disaggregations", IND_MAX_DIMS);
		struct db_stmt *st = db_prepare(c, "SELECT 1 FROM disagg_dimension WHERE code = ?", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, *d);
		rc = db_step(st, e);
		db_finish(st);
		if (rc < 0)
			return rc;
		if (rc == DB_DONE)
			return err_set(e, ERR_INVALID, "Unknown disaggregation \"%.30s\"", *d);
		bool dup = false;
		for (size_t k = 0; k < v->ndims; k++)
			dup |= str_eq(v->dims[k], *d);
		if (!dup)
			v->dims[v->ndims++] = *d;
	}
	if (v->ndims && in->numerator_id > 0)
		return err_set(e, ERR_INVALID, "An indicator computed from a formula is not disaggregated");
	return 0;
}

static int next_code(struct db_conn *c, const char *gov, char out[IND_CODE_MAX], struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM indicator WHERE government_code = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, gov);
	int rc = db_step(st, e);
	int64_t n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc < 0)
		return rc;
	for (int64_t k = n + 1; k < n + 10000; k++) {
		snprintf(out, IND_CODE_MAX, "IND-%03u", (unsigned)(k % 100000000));
		st = db_prepare(c, "SELECT 1 FROM indicator WHERE government_code = ? AND code = ?", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, gov);
		db_bind_text(st, 2, out);
		rc = db_step(st, e);
		db_finish(st);
		if (rc < 0)
			return rc;
		if (rc == DB_DONE)
			return 0;
	}
	return err_set(e, ERR_CONFLICT, "No free indicator code");
}

static int write_dims(struct db_conn *c, int64_t id, const struct ind_valid *v, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "DELETE FROM indicator_dimension WHERE indicator_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step_done(st, e);
	for (size_t k = 0; k < v->ndims && !rc; k++) {
		st = db_prepare(c, "INSERT INTO indicator_dimension (indicator_id, dimension_code) VALUES (?, ?)", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, id);
		db_bind_text(st, 2, v->dims[k]);
		rc = db_step_done(st, e);
	}
	return rc;
}

static void bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		db_bind_int64(st, idx, id);
	else
		db_bind_null(st, idx);
}

/* Binds the 32 shared columns (from government_code to verification) starting at idx. */
static int bind_fields(struct db_stmt *st, int i, const struct indicator_input *in, const struct ind_valid *v)
{
	db_bind_text(st, i++, v->government);
	db_bind_text(st, i++, v->territory);
	ind_bind_text_or_null(st, i++, v->province);
	db_bind_text(st, i++, v->region);
	db_bind_text(st, i++, v->code);
	db_bind_text(st, i++, v->subject);
	bind_id_or_null(st, i++, v->element_id);
	bind_id_or_null(st, i++, v->project_id);
	bind_id_or_null(st, i++, v->programme_id);
	db_bind_text(st, i++, str_eq(in->scope, "general") ? "general" : "specific");
	db_bind_text(st, i++, in->name);
	char *fold = utf8_fold(in->name);
	db_bind_text(st, i++, fold ? fold : "");
	free(fold);
	db_bind_text(st, i++, in->definition ? in->definition : "");
	db_bind_text(st, i++, ind_unit_names[v->unit]);
	db_bind_text(st, i++, in->unit_label && *in->unit_label ? in->unit_label
			       : str_eq(ind_unit_names[v->unit], "money") ? v->currency : "");
	db_bind_int64(st, i++, v->decimals);
	ind_bind_text_or_null(st, i++, v->currency);
	db_bind_text(st, i++, ind_direction_names[v->direction]);
	db_bind_text(st, i++, ind_freq_names[v->frequency]);
	db_bind_text(st, i++, v->start_text);
	db_bind_text(st, i++, v->end_text);
	bind_id_or_null(st, i++, in->numerator_id);
	bind_id_or_null(st, i++, in->denominator_id);
	db_bind_int64(st, i++, v->factor);
	if (v->has_baseline)
		db_bind_int64(st, i++, v->baseline);
	else
		db_bind_null(st, i++);
	ind_bind_text_or_null(st, i++, v->baseline_date);
	db_bind_text(st, i++, in->baseline_source ? in->baseline_source : "");
	if (v->has_final)
		db_bind_int64(st, i++, v->final_target);
	else
		db_bind_null(st, i++);
	if (v->has_high)
		db_bind_int64(st, i++, v->final_high);
	else
		db_bind_null(st, i++);
	db_bind_int64(st, i++, v->weight);
	db_bind_text(st, i++, in->responsible_office ? in->responsible_office : "");
	db_bind_text(st, i++, in->data_source ? in->data_source : "");
	db_bind_text(st, i++, in->verification ? in->verification : "");
	return i;
}

static json_t *audit_json(const struct indicator_input *in, const struct ind_valid *v)
{
	json_t *o = json_object();
	json_set_str(o, "government", v->government);
	json_set_str(o, "territory", v->territory);
	json_set_str(o, "code", v->code);
	json_set_str(o, "subject", v->subject);
	json_set_int(o, "element_id", v->element_id);
	json_set_int(o, "project_id", v->project_id);
	json_set_int(o, "programme_id", v->programme_id);
	json_set_str(o, "name", in->name);
	json_set_str(o, "unit", ind_unit_names[v->unit]);
	json_set_int(o, "decimals", v->decimals);
	json_set_str(o, "direction", ind_direction_names[v->direction]);
	json_set_str(o, "frequency", ind_freq_names[v->frequency]);
	json_set_str(o, "range", v->start_text);
	json_set_str(o, "range_end", v->end_text);
	if (v->has_baseline)
		json_set_int(o, "baseline", v->baseline);
	if (v->has_final)
		json_set_int(o, "final_target", v->final_target);
	json_set_int(o, "weight", v->weight);
	json_t *d = json_array();
	for (size_t k = 0; k < v->ndims; k++)
		json_array_append_new(d, json_string(v->dims[k]));
	json_object_set_new(o, "dimensions", d);
	return o;
}

int indicator_create(struct db_conn *c, const struct actor *who, int64_t now, const struct indicator_input *in,
		     int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct ind_valid v;
	rc = validate(c, in, 0, &v, e);
	if (!rc && !v.code[0])
		rc = next_code(c, v.government, v.code, e);
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO indicator (government_code, territory_code, province_code, region_code, code, subject,"
			" element_id, project_id, programme_id, scope, name, name_fold, definition, unit, unit_label, decimals,"
			" currency, direction, frequency, start_period, end_period, numerator_id, denominator_id, factor,"
			" baseline_value, baseline_date, baseline_source, final_target, final_target_high, weight,"
			" responsible_office, data_source, verification, series, source_key, created_at, updated_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
			" ?, ?, ?, ?) RETURNING id", e);
		rc = st ? 0 : e->code;
		if (st) {
			int i = bind_fields(st, 1, in, &v);
			ind_bind_text_or_null(st, i++, in->series);
			ind_bind_text_or_null(st, i++, in->source_key);
			char at[DATETIME_FMT_MAX];
			datetime_format(now, at);
			db_bind_text(st, i++, at);
			db_bind_text(st, i++, at);
			rc = db_step(st, e);
			if (rc == DB_ROW) {
				*id = db_col_int64(st, 0);
				rc = 0;
			} else if (rc == DB_DONE) {
				rc = err_set(e, ERR_DB, "The indicator was not created");
			}
			db_finish(st);
			if (rc == ERR_CONFLICT)
				err_set(e, ERR_CONFLICT, "The code %s is already used by another indicator of this government", v.code);
		}
	}
	if (!rc)
		rc = write_dims(c, *id, &v, e);
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)*id);
		json_t *after = audit_json(in, &v);
		rc = audit_record(c, who, now, "indicator.create", "indicator", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

/* What measurements and targets already use, so that an edit cannot strand them. */
static int check_used(struct db_conn *c, int64_t id, const struct indicator_core *old, const struct ind_valid *v,
		      struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT period FROM measurement WHERE indicator_id = ?"
					   " UNION SELECT period FROM indicator_target WHERE indicator_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, id);
	int rc;
	bool any = false;
	char bad[IND_PERIOD_TEXT] = "";
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct ind_period p;
		any = true;
		if (ind_period_parse(ind_col(st, 0), &p) == 0 && !ind_period_within(p, v->start, v->end) && !bad[0])
			snprintf(bad, sizeof bad, "%s", ind_col(st, 0));
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	if (bad[0])
		return err_set(e, ERR_CONFLICT, "The period %s already has a target or a measurement: the range must include it", bad);
	if (!any)
		return 0;
	if (old->decimals != v->decimals)
		return err_set(e, ERR_CONFLICT, "The decimals cannot change once the indicator has targets or measurements");
	if (old->frequency != (enum ind_freq)v->frequency)
		return err_set(e, ERR_CONFLICT, "The frequency cannot change once the indicator has targets or measurements");
	st = db_prepare(c, "SELECT DISTINCT x.dimension_code FROM measurement_cell x JOIN measurement m ON m.id = x.measurement_id"
			   " WHERE m.indicator_id = ? ORDER BY x.dimension_code", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st, e)) == DB_ROW) {
		bool kept = false;
		for (size_t k = 0; k < v->ndims; k++)
			kept |= str_eq(v->dims[k], ind_col(st, 0));
		if (!kept) {
			rc = err_set(e, ERR_CONFLICT, "Measurements already report by %s: that disaggregation cannot be removed",
				     tr(e->lang, ind_col(st, 0)));
			break;
		}
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int indicator_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		     const struct indicator_input *in, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct indicator_core old;
	struct ind_valid v;
	rc = indicator_core_get(c, id, &old, e);
	if (!rc)
		rc = validate(c, in, id, &v, e);
	if (!rc && !v.code[0])
		snprintf(v.code, sizeof v.code, "%s", old.code);
	if (!rc && !str_eq(v.government, old.government))
		rc = err_set(e, ERR_INVALID, "An indicator stays with its government (%s)", old.government);
	if (!rc)
		rc = check_used(c, id, &old, &v, e);
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"UPDATE indicator SET government_code = ?, territory_code = ?, province_code = ?, region_code = ?, code = ?,"
			" subject = ?, element_id = ?, project_id = ?, programme_id = ?, scope = ?, name = ?, name_fold = ?,"
			" definition = ?, unit = ?, unit_label = ?, decimals = ?, currency = ?, direction = ?, frequency = ?,"
			" start_period = ?, end_period = ?, numerator_id = ?, denominator_id = ?, factor = ?, baseline_value = ?,"
			" baseline_date = ?, baseline_source = ?, final_target = ?, final_target_high = ?, weight = ?,"
			" responsible_office = ?, data_source = ?, verification = ?, updated_at = ? WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			int i = bind_fields(st, 1, in, &v);
			char at[DATETIME_FMT_MAX];
			db_bind_text(st, i++, datetime_format(now, at));
			db_bind_int64(st, i++, id);
			rc = db_step_done(st, e);
			if (rc == ERR_CONFLICT)
				err_set(e, ERR_CONFLICT, "The code %s is already used by another indicator of this government", v.code);
		}
	}
	if (!rc)
		rc = write_dims(c, id, &v, e);
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		json_t *after = audit_json(in, &v);
		rc = audit_record(c, who, now, "indicator.update", "indicator", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

/* ---- targets ---- */

int indicator_target_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *period,
			 const char *value, const char *high, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct indicator_core k;
	struct ind_period p;
	char ptext[IND_PERIOD_TEXT];
	int64_t v = 0, h = 0;
	bool has_v = false, has_h = false;
	rc = indicator_core_get(c, id, &k, e);
	if (!rc && (!period || ind_period_parse(period, &p)))
		rc = err_set(e, ERR_INVALID, "\"%.20s\" is not a period: write a year (2026), a quarter (2026-Q2) or a month (2026-05)",
			     period ? period : "");
	if (!rc && p.freq > k.frequency)
		rc = err_set(e, ERR_INVALID, "A target is set for a period at least as long as the indicator's (%s): not %s",
			     tr(e->lang, ind_freq_label(ind_freq_names[k.frequency])), period);
	if (!rc && !ind_period_within(p, k.start, k.end)) {
		char a[IND_PERIOD_TEXT], b[IND_PERIOD_TEXT];
		rc = err_set(e, ERR_INVALID, "The period %s is outside the indicator's range (%s to %s)", period,
			     ind_period_format(k.start, a), ind_period_format(k.end, b));
	}
	if (!rc)
		ind_period_format(p, ptext);
	if (!rc)
		rc = ind_parse_field(value, k.decimals, tr(e->lang, "Target"), false, &v, &has_v, e);
	if (!rc)
		rc = ind_parse_field(high, k.decimals, tr(e->lang, "Upper bound of the band"), false, &h, &has_h, e);
	if (!rc && has_h && k.direction != IND_MAINTAIN)
		rc = err_set(e, ERR_INVALID, "Only an indicator to maintain within a band has an upper bound");
	if (!rc && has_h && !has_v)
		rc = err_set(e, ERR_INVALID, "Give the target (the band's lower bound) with its upper bound");
	if (!rc && has_v && k.has_baseline) {
		char b1[IND_VALUE_TEXT_MAX], b2[IND_VALUE_TEXT_MAX];
		if (k.direction == IND_INCREASE && v < k.baseline)
			rc = err_set(e, ERR_INVALID, "For an indicator that should increase, the target (%s) cannot be below the baseline (%s)",
				     ind_value_format(v, k.decimals, true, b1), ind_value_format(k.baseline, k.decimals, true, b2));
		else if (k.direction == IND_DECREASE && v > k.baseline)
			rc = err_set(e, ERR_INVALID, "For an indicator that should decrease, the target (%s) cannot be above the baseline (%s)",
				     ind_value_format(v, k.decimals, true, b1), ind_value_format(k.baseline, k.decimals, true, b2));
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, has_v
			? "INSERT INTO indicator_target (indicator_id, period, value, value_high) VALUES (?, ?, ?, ?)"
			  " ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value, value_high = excluded.value_high"
			: "DELETE FROM indicator_target WHERE indicator_id = ? AND period = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, id);
			db_bind_text(st, 2, ptext);
			if (has_v) {
				db_bind_int64(st, 3, v);
				if (has_h)
					db_bind_int64(st, 4, h);
				else
					db_bind_null(st, 4);
			}
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		json_t *after = json_object();
		json_set_str(after, "period", ptext);
		if (has_v)
			json_set_int(after, "value", v);
		else
			json_object_set_new(after, "value", json_null());
		if (has_h)
			json_set_int(after, "value_high", h);
		rc = audit_record(c, who, now, "indicator.target", "indicator", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

/* ---- evaluated sets ---- */

#define SET_COLS CORE_COLS ", i.name, i.unit, i.unit_label, i.currency, i.scope, i.series, t.name, g.name"
#define SET_FROM " FROM indicator i JOIN territory t ON t.code = i.territory_code JOIN government g ON g.code = i.government_code"

static void bind_all(struct db_stmt *st, const struct ind_bind *b, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (b[k].type == IND_BIND_INT)
			db_bind_int64(st, (int)k + 1, b[k].i);
		else
			db_bind_text(st, (int)k + 1, b[k].text);
	}
}

long ind_set_find(const struct ind_set *set, int64_t id)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (set->items[mid].core.id == id)
			return (long)mid;
		if (set->items[mid].core.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void add_target(struct ind_item *it, struct ind_period p, int64_t lo, int64_t hi)
{
	if (it->ntargets == it->cap_targets) {
		it->cap_targets = it->cap_targets ? it->cap_targets * 2 : 4;
		it->targets = xrealloc(it->targets, it->cap_targets * sizeof *it->targets);
	}
	it->targets[it->ntargets++] = (struct ind_target_pt){ p, lo, hi };
}

static void add_value(struct ind_item *it, struct ind_period p, int64_t v, int64_t mid)
{
	if (it->nvalues == it->cap_values) {
		it->cap_values = it->cap_values ? it->cap_values * 2 : 8;
		it->periods = xrealloc(it->periods, it->cap_values * sizeof *it->periods);
		it->values = xrealloc(it->values, it->cap_values * sizeof *it->values);
		it->mids = xrealloc(it->mids, it->cap_values * sizeof *it->mids);
	}
	it->periods[it->nvalues] = p;
	it->values[it->nvalues] = v;
	it->mids[it->nvalues] = mid;
	it->nvalues++;
}

int ind_set_load(struct db_conn *c, const char *where, const struct ind_bind *binds, size_t nbinds,
		 struct ind_set *set, struct err *e)
{
	memset(set, 0, sizeof *set);
	struct buf sql;
	buf_init(&sql, 8192);
	buf_appendf(&sql, "SELECT " SET_COLS SET_FROM " WHERE %s ORDER BY i.id", where);
	struct db_stmt *st = db_prepare(c, buf_cstr(&sql), e);
	if (!st) {
		buf_release(&sql);
		return e->code;
	}
	bind_all(st, binds, nbinds);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (set->n == set->cap) {
			set->cap = set->cap ? set->cap * 2 : 64;
			set->items = xrealloc(set->items, set->cap * sizeof *set->items);
		}
		struct ind_item *it = &set->items[set->n++];
		memset(it, 0, sizeof *it);
		read_core(st, &it->core);
		int i = CORE_NCOLS;
		it->name = xstrdup(ind_col(st, i++));
		snprintf(it->unit, sizeof it->unit, "%s", ind_col(st, i++));
		snprintf(it->unit_label, sizeof it->unit_label, "%s", ind_col(st, i++));
		snprintf(it->currency, sizeof it->currency, "%s", ind_col(st, i++));
		snprintf(it->scope, sizeof it->scope, "%s", ind_col(st, i++));
		snprintf(it->series, sizeof it->series, "%s", ind_col(st, i++));
		snprintf(it->territory_name, sizeof it->territory_name, "%s", ind_col(st, i++));
		snprintf(it->government_name, sizeof it->government_name, "%s", ind_col(st, i++));
	}
	db_finish(st);
	if (rc < 0 || !set->n) {
		buf_release(&sql);
		return rc < 0 ? rc : 0;
	}
	/* targets */
	buf_reset(&sql);
	buf_appendf(&sql, "SELECT x.indicator_id, x.period, x.value, x.value_high FROM indicator_target x"
			  " JOIN indicator i ON i.id = x.indicator_id WHERE %s ORDER BY x.indicator_id", where);
	st = db_prepare(c, buf_cstr(&sql), e);
	rc = st ? 0 : e->code;
	if (st) {
		bind_all(st, binds, nbinds);
		while ((rc = db_step(st, e)) == DB_ROW) {
			long k = ind_set_find(set, db_col_int64(st, 0));
			struct ind_period p;
			if (k < 0 || ind_period_parse(ind_col(st, 1), &p))
				continue;
			int64_t lo = db_col_int64(st, 2);
			add_target(&set->items[k], p, lo, db_col_null(st, 3) ? lo : db_col_int64(st, 3));
		}
		db_finish(st);
	}
	/* approved values, and how many measurements wait for a review */
	if (rc >= 0) {
		buf_reset(&sql);
		buf_appendf(&sql, "SELECT m.indicator_id, m.period, m.value, m.id, m.status FROM measurement m"
				  " JOIN indicator i ON i.id = m.indicator_id WHERE m.status IN ('approved', 'submitted') AND %s"
				  " ORDER BY m.indicator_id, m.period", where);
		st = db_prepare(c, buf_cstr(&sql), e);
		rc = st ? 0 : e->code;
		if (st) {
			bind_all(st, binds, nbinds);
			long k = -1;
			int64_t last = -1;
			while ((rc = db_step(st, e)) == DB_ROW) {
				int64_t iid = db_col_int64(st, 0);
				if (iid != last) {
					k = ind_set_find(set, iid);
					last = iid;
				}
				struct ind_period p;
				if (k < 0 || ind_period_parse(ind_col(st, 1), &p))
					continue;
				if (str_eq(ind_col(st, 4), "submitted"))
					set->items[k].pending++;
				else
					add_value(&set->items[k], p, db_col_int64(st, 2), db_col_int64(st, 3));
			}
			db_finish(st);
		}
	}
	buf_release(&sql);
	/* the final target is the target of the last period, unless one is set */
	for (size_t k = 0; k < set->n; k++) {
		struct ind_item *it = &set->items[k];
		if (!it->core.has_final)
			continue;
		bool set_already = false;
		for (size_t t = 0; t < it->ntargets; t++)
			set_already |= ind_period_cmp(it->targets[t].period, it->core.end) == 0;
		if (!set_already)
			add_target(it, it->core.end, it->core.final_target, it->core.final_high);
	}
	return rc < 0 ? rc : 0;
}

void ind_eval_item(struct ind_item *it, const struct ind_settings *s, struct date today, const struct ind_period *as_of)
{
	it->has_latest = false;
	it->status = IND_ST_NO_DATA;
	it->attainment = 0;
	it->expect.kind = IND_EXPECT_NONE;
	for (size_t v = 0; v < it->nvalues; v++) {
		if (as_of && date_cmp(ind_period_end(it->periods[v]), ind_period_end(*as_of)) > 0)
			continue;
		if (!it->has_latest || ind_period_cmp(it->periods[v], it->latest) > 0) {
			it->has_latest = true;
			it->latest = it->periods[v];
			it->latest_value = it->values[v];
			it->latest_mid = it->mids[v];
		}
	}
	struct ind_period last = it->core.end;
	if (as_of) {
		/* overdue as of the report's quarter: only periods due by its end */
		struct ind_period q = ind_period_of(it->core.frequency, ind_period_end(*as_of));
		if (ind_period_cmp(q, last) < 0)
			last = q;
	}
	struct ind_period first_missing[1];
	it->overdue = ind_period_cmp(it->core.start, last) <= 0
			      ? ind_overdue(it->core.start, last, it->periods, it->nvalues, today, s->grace_days, first_missing, 1)
			      : 0;
	if (it->overdue)
		it->first_overdue = first_missing[0];
	if (!it->has_latest)
		return;
	ind_expected(it->latest, it->targets, it->ntargets, it->core.direction, it->core.has_baseline, it->core.baseline,
		     it->core.baseline_date, &it->expect);
	if (it->expect.kind == IND_EXPECT_NONE) {
		it->status = IND_ST_NO_TARGET;
		return;
	}
	struct ind_attain_in in = { it->core.direction, it->core.has_baseline, it->core.baseline, it->expect.lo,
				    it->expect.hi, it->latest_value };
	it->attainment = ind_attainment_bp(&in);
	it->status = ind_status_of(it->attainment, &s->th);
}

void ind_set_eval(struct ind_set *set, const struct ind_settings *s, struct date today, const struct ind_period *as_of)
{
	for (size_t k = 0; k < set->n; k++)
		ind_eval_item(&set->items[k], s, today, as_of);
}

void ind_set_release(struct ind_set *set)
{
	for (size_t k = 0; k < set->n; k++) {
		free(set->items[k].name);
		free(set->items[k].targets);
		free(set->items[k].periods);
		free(set->items[k].values);
		free(set->items[k].mids);
	}
	free(set->items);
	memset(set, 0, sizeof *set);
}

struct ind_score ind_item_score(const struct ind_item *it)
{
	return (struct ind_score){ it->status, it->attainment, it->core.weight };
}

json_t *ind_rollup_json(const struct ind_rollup *r)
{
	json_t *o = json_object();
	json_t *cnt = json_object();
	for (int s = 0; s < IND_ST_COUNT; s++)
		json_set_int(cnt, ind_status_names[s], r->count[s]);
	json_object_set_new(o, "count", cnt);
	json_set_int(o, "total", r->total);
	json_set_int(o, "assessed", r->assessed);
	if (r->assessed) {
		char b[40];
		json_set_int(o, "attainment_bp", r->attainment_bp);
		json_set_str(o, "attainment_text", ind_bp_text(r->attainment_bp, b, sizeof b));
	} else {
		json_object_set_new(o, "attainment_bp", json_null());
		json_object_set_new(o, "attainment_text", json_null());
	}
	json_set_str(o, "status", ind_status_names[r->status]);
	return o;
}

static json_t *value_json(int64_t v, int decimals)
{
	char b[IND_VALUE_TEXT_MAX];
	json_t *o = json_object();
	json_set_int(o, "scaled", v);
	json_set_str(o, "text", ind_value_format(v, decimals, true, b));
	return o;
}

static const char *expect_kind_name(enum ind_expect_kind k)
{
	switch (k) {
	case IND_EXPECT_TARGET: return "target";
	case IND_EXPECT_TRAJECTORY: return "trajectory";
	case IND_EXPECT_NEXT: return "next_target";
	case IND_EXPECT_NONE: break;
	}
	return "none";
}

static void set_expect(json_t *o, const struct ind_expect *x, int decimals, enum ind_direction dir)
{
	if (x->kind == IND_EXPECT_NONE) {
		json_object_set_new(o, "expected", json_null());
		return;
	}
	json_t *ex = value_json(x->lo, decimals);
	if (dir == IND_MAINTAIN && x->hi != x->lo) {
		char b1[IND_VALUE_TEXT_MAX], b2[IND_VALUE_TEXT_MAX], t[2 * IND_VALUE_TEXT_MAX + 8];
		snprintf(t, sizeof t, "%s – %s", ind_value_format(x->lo, decimals, true, b1),
			 ind_value_format(x->hi, decimals, true, b2));
		json_set_str(ex, "text", t);
		json_set_int(ex, "high", x->hi);
	}
	json_set_str(ex, "kind", expect_kind_name(x->kind));
	json_object_set_new(o, "expected", ex);
}

json_t *ind_item_json(const struct ind_item *it)
{
	const struct indicator_core *k = &it->core;
	json_t *o = json_object();
	char b[IND_VALUE_TEXT_MAX], p[IND_PERIOD_TEXT];
	json_set_int(o, "id", k->id);
	json_set_str(o, "code", k->code);
	json_set_str(o, "name", it->name);
	json_set_str(o, "government", k->government);
	json_set_str(o, "government_name", it->government_name);
	json_set_str(o, "territory", k->territory);
	json_set_str(o, "territory_name", it->territory_name);
	json_set_str(o, "subject", k->subject);
	if (k->element_id)
		json_set_int(o, "element_id", k->element_id);
	if (k->project_id)
		json_set_int(o, "project_id", k->project_id);
	if (k->programme_id)
		json_set_int(o, "programme_id", k->programme_id);
	json_set_str(o, "scope", it->scope);
	json_set_str(o, "unit", it->unit);
	json_set_str(o, "unit_label", it->unit_label);
	json_set_int(o, "decimals", k->decimals);
	if (it->currency[0])
		json_set_str(o, "currency", it->currency);
	json_set_str(o, "direction", ind_direction_names[k->direction]);
	json_set_str(o, "frequency", ind_freq_names[k->frequency]);
	json_set_str(o, "start_period", ind_period_format(k->start, p));
	json_set_str(o, "end_period", ind_period_format(k->end, p));
	json_set_bool(o, "formula", k->numerator_id > 0);
	json_set_int(o, "weight", k->weight);
	json_set_str(o, "series", it->series[0] ? it->series : NULL);
	json_object_set_new(o, "baseline", k->has_baseline ? value_json(k->baseline, k->decimals) : json_null());
	json_object_set_new(o, "final_target", k->has_final ? value_json(k->final_target, k->decimals) : json_null());
	if (it->has_latest) {
		json_t *l = value_json(it->latest_value, k->decimals);
		json_set_str(l, "period", ind_period_format(it->latest, p));
		json_set_int(l, "measurement_id", it->latest_mid);
		json_object_set_new(o, "latest", l);
	} else {
		json_object_set_new(o, "latest", json_null());
	}
	set_expect(o, &it->expect, k->decimals, k->direction);
	if (it->status >= IND_ST_OFF_TRACK) {
		json_set_int(o, "attainment_bp", it->attainment);
		json_set_str(o, "attainment_text", ind_bp_text(it->attainment, b, sizeof b));
	} else {
		json_object_set_new(o, "attainment_bp", json_null());
		json_object_set_new(o, "attainment_text", json_null());
	}
	json_set_str(o, "status", ind_status_names[it->status]);
	json_set_int(o, "overdue", (int64_t)it->overdue);
	if (it->overdue)
		json_set_str(o, "first_overdue", ind_period_format(it->first_overdue, p));
	json_set_int(o, "pending", it->pending);
	char href[48];
	snprintf(href, sizeof href, "/indicators/%lld", (long long)k->id);
	json_set_str(o, "href", href);
	return o;
}

/* ---- lists ---- */

int indicator_list(struct db_conn *c, const struct indicator_query *q, const struct ind_settings *s,
		   struct date today, json_t **items, int64_t *total, struct err *e)
{
	*items = NULL;
	*total = 0;
	struct buf where;
	buf_init(&where, 4096);
	buf_appends(&where, "1 = 1");
	struct ind_bind b[16];
	size_t nb = 0;
	char terr_like[16];
	if (q->territory && *q->territory) {
		size_t n = strlen(q->territory);
		if (n == 2) {
			buf_appends(&where, " AND i.region_code = ?");
			b[nb++] = (struct ind_bind){ IND_BIND_TEXT, q->territory, 0 };
		} else if (n == 4) {
			buf_appends(&where, " AND i.province_code = ?");
			b[nb++] = (struct ind_bind){ IND_BIND_TEXT, q->territory, 0 };
		} else {
			snprintf(terr_like, sizeof terr_like, "%s", q->territory);
			buf_appends(&where, " AND i.territory_code = ?");
			b[nb++] = (struct ind_bind){ IND_BIND_TEXT, terr_like, 0 };
		}
	}
	if (q->government && *q->government) {
		buf_appends(&where, " AND i.government_code = ?");
		b[nb++] = (struct ind_bind){ IND_BIND_TEXT, q->government, 0 };
	}
	if (q->subject && *q->subject) {
		buf_appends(&where, " AND i.subject = ?");
		b[nb++] = (struct ind_bind){ IND_BIND_TEXT, q->subject, 0 };
	}
	if (q->element_id > 0) {
		buf_appends(&where, " AND i.element_id = ?");
		b[nb++] = (struct ind_bind){ IND_BIND_INT, NULL, q->element_id };
	}
	if (q->project_id > 0) {
		buf_appends(&where, " AND i.project_id = ?");
		b[nb++] = (struct ind_bind){ IND_BIND_INT, NULL, q->project_id };
	}
	if (q->programme_id > 0) {
		buf_appends(&where, " AND i.programme_id = ?");
		b[nb++] = (struct ind_bind){ IND_BIND_INT, NULL, q->programme_id };
	}
	if (q->plan_id > 0) {
		buf_appends(&where, " AND i.element_id IN (SELECT id FROM plan_element WHERE plan_id = ?)");
		b[nb++] = (struct ind_bind){ IND_BIND_INT, NULL, q->plan_id };
	}
	if (q->series && *q->series) {
		buf_appends(&where, " AND i.series = ?");
		b[nb++] = (struct ind_bind){ IND_BIND_TEXT, q->series, 0 };
	}
	/* words: each must occur in the folded name or the code */
	char *fold = q->q && *q->q ? utf8_fold(q->q) : NULL;
	char words[6][104];
	size_t nw = 0;
	if (fold) {
		char *save = NULL;
		for (char *w = strtok_r(fold, " \t", &save); w && nw < 6; w = strtok_r(NULL, " \t", &save)) {
			snprintf(words[nw], sizeof words[nw], "%%%.100s%%", w);
			buf_appends(&where, " AND (i.name_fold LIKE ? OR lower(i.code) LIKE ?)");
			b[nb++] = (struct ind_bind){ IND_BIND_TEXT, words[nw], 0 };
			b[nb++] = (struct ind_bind){ IND_BIND_TEXT, words[nw], 0 };
			nw++;
		}
	}
	struct ind_set set;
	int rc = ind_set_load(c, buf_cstr(&where), b, nb, &set, e);
	free(fold);
	buf_release(&where);
	if (rc) {
		ind_set_release(&set);
		return rc;
	}
	ind_set_eval(&set, s, today, NULL);
	int want = q->status && *q->status ? ind_status_parse(q->status) : -1;
	json_t *arr = json_array();
	int64_t limit = q->limit > 0 ? q->limit : 100, offset = q->offset > 0 ? q->offset : 0, n = 0;
	for (size_t k = 0; k < set.n; k++) {
		if (want >= 0 && set.items[k].status != (enum ind_status)want)
			continue;
		if (n >= offset && n < offset + limit)
			json_array_append_new(arr, ind_item_json(&set.items[k]));
		n++;
	}
	ind_set_release(&set);
	*items = arr;
	*total = n;
	return 0;
}

/* ---- the record ---- */

static int load_targets_json(struct db_conn *c, int64_t id, int decimals, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c, "SELECT period, value, value_high FROM indicator_target WHERE indicator_id = ?"
					   " ORDER BY period", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = value_json(db_col_int64(st, 1), decimals);
		json_set_str(o, "period", ind_col(st, 0));
		if (!db_col_null(st, 2)) {
			char b[IND_VALUE_TEXT_MAX];
			json_set_int(o, "high", db_col_int64(st, 2));
			json_set_str(o, "high_text", ind_value_format(db_col_int64(st, 2), decimals, true, b));
		}
		json_array_append_new(arr, o);
	}
	db_finish(st);
	/* periods sort as text within a frequency; mixed ones by their end */
	size_t n = json_array_size(arr);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			struct ind_period a, b;
			ind_period_parse(json_get_str(json_array_get(arr, j - 1), "period", ""), &a);
			ind_period_parse(json_get_str(json_array_get(arr, j), "period", ""), &b);
			if (ind_period_cmp(a, b) <= 0)
				break;
			json_t *x = json_incref(json_array_get(arr, j - 1));
			json_array_set(arr, j - 1, json_array_get(arr, j));
			json_array_set_new(arr, j, x);
		}
	return rc < 0 ? rc : 0;
}

/* The subject's reference: {kind, id, code, title, href, plan: {...}}. */
static int subject_json(struct db_conn *c, const struct indicator_core *k, json_t **out, struct err *e)
{
	json_t *o = json_object();
	*out = o;
	json_set_str(o, "kind", k->subject);
	char href[96];
	int rc = 0;
	if (k->element_id) {
		struct plan_element el;
		if ((rc = plan_element_get(c, k->element_id, &el, e)))
			return rc;
		struct plan p;
		rc = plan_get(c, el.plan_id, &p, e);
		if (!rc) {
			json_set_int(o, "id", el.id);
			json_set_str(o, "code", el.code);
			json_set_str(o, "title", el.title);
			json_set_str(o, "element_kind", el.kind);
			snprintf(href, sizeof href, "/plans/%lld/elements/%lld", (long long)el.plan_id, (long long)el.id);
			json_set_str(o, "href", href);
			json_object_set_new(o, "plan", plan_to_json(&p));
			plan_release(&p);
		}
		plan_element_release(&el);
	} else if (k->project_id) {
		json_t *p = NULL;
		if ((rc = project_get_json(c, k->project_id, &p, e)))
			return rc;
		json_set_int(o, "id", k->project_id);
		json_set_str(o, "code", json_get_str(p, "code", ""));
		json_set_str(o, "title", json_get_str(p, "title", ""));
		snprintf(href, sizeof href, "/projects/%lld", (long long)k->project_id);
		json_set_str(o, "href", href);
		json_decref(p);
	} else if (k->programme_id) {
		json_t *p = NULL;
		if ((rc = programme_get_json(c, k->programme_id, &p, e)))
			return rc;
		json_set_int(o, "id", k->programme_id);
		json_set_str(o, "code", json_get_str(p, "code", ""));
		json_set_str(o, "title", json_get_str(p, "name", ""));
		snprintf(href, sizeof href, "/programmes/%lld", (long long)k->programme_id);
		json_set_str(o, "href", href);
		json_decref(p);
	}
	return rc;
}

static int component_json(struct db_conn *c, int64_t id, json_t **out, struct err *e)
{
	*out = json_null();
	if (!id)
		return 0;
	struct db_stmt *st = db_prepare(c, "SELECT code, name FROM indicator WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		json_decref(*out);
		*out = json_object();
		json_set_int(*out, "id", id);
		json_set_str(*out, "code", ind_col(st, 0));
		json_set_str(*out, "name", ind_col(st, 1));
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int feedback_json(struct db_conn *c, int64_t id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c,
		"SELECT id, period, finding, decision, decided_by, decided_on, responsible, due_on, status, done_on, done_note,"
		" created_at, created_by FROM indicator_feedback WHERE indicator_id = ? ORDER BY decided_on DESC, id DESC", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		int i = 0;
		json_set_int(o, "id", db_col_int64(st, i++));
		static const char *const keys[] = { "period", "finding", "decision", "decided_by", "decided_on", "responsible",
						    "due_on", "status", "done_on", "done_note", "created_at", "created_by" };
		for (size_t k = 0; k < ARRAY_LEN(keys); k++, i++)
			json_set_str(o, keys[k], db_col_text(st, i));
		json_set_bool(o, "open", str_eq(json_get_str(o, "status", ""), "open"));
		json_array_append_new(arr, o);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int indicator_get_json(struct db_conn *c, int64_t id, const struct ind_settings *s, struct date today, json_t **out,
		       struct err *e)
{
	*out = NULL;
	struct ind_set set;
	struct ind_bind b = { IND_BIND_INT, NULL, id };
	int rc = ind_set_load(c, "i.id = ?", &b, 1, &set, e);
	if (rc) {
		ind_set_release(&set);
		return rc;
	}
	if (!set.n) {
		ind_set_release(&set);
		return err_set(e, ERR_NOTFOUND, "No indicator with number %lld", (long long)id);
	}
	struct ind_item *it = &set.items[0];
	ind_eval_item(it, s, today, NULL);
	json_t *o = ind_item_json(it);
	struct indicator_core k;
	json_t *tmp = NULL;
	rc = indicator_core_get(c, id, &k, e);
	/* the long fields */
	struct db_stmt *st = rc ? NULL : db_prepare(c,
		"SELECT definition, baseline_date, baseline_source, responsible_office, data_source, verification,"
		" final_target_high, created_at, updated_at, numerator_id, denominator_id, factor FROM indicator WHERE id = ?", e);
	if (!rc && !st)
		rc = e->code;
	if (st) {
		db_bind_int64(st, 1, id);
		if ((rc = db_step(st, e)) == DB_ROW) {
			static const char *const keys[] = { "definition", "baseline_date", "baseline_source", "responsible_office",
							    "data_source", "verification" };
			for (size_t i = 0; i < ARRAY_LEN(keys); i++)
				json_set_str(o, keys[i], ind_col(st, (int)i));
			if (!db_col_null(st, 6)) {
				json_t *ft = json_object_get(o, "final_target");
				char b1[IND_VALUE_TEXT_MAX], b2[IND_VALUE_TEXT_MAX], t[100];
				json_set_int(ft, "high", db_col_int64(st, 6));
				snprintf(t, sizeof t, "%s – %s", ind_value_format(k.final_target, k.decimals, true, b1),
					 ind_value_format(db_col_int64(st, 6), k.decimals, true, b2));
				json_set_str(ft, "text", t);
				json_set_str(ft, "high_text", b2);
				json_set_str(ft, "low_text", b1);
			}
			json_set_str(o, "created_at", ind_col(st, 7));
			json_set_str(o, "updated_at", ind_col(st, 8));
			json_set_int(o, "factor", db_col_int64(st, 11));
			rc = 0;
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc) {
		json_t *dims = json_array();
		for (size_t d = 0; d < k.ndims; d++)
			json_array_append_new(dims, json_string(k.dims[d]));
		json_object_set_new(o, "dimensions", dims);
	}
	/* each part takes its reference, or frees what it built on failure */
	for (int part = 0; part < 5 && !rc; part++) {
		tmp = NULL;
		static const char *const keys[] = { "numerator", "denominator", "about", "targets", "feedback" };
		rc = part == 0 ? component_json(c, k.numerator_id, &tmp, e)
		   : part == 1 ? component_json(c, k.denominator_id, &tmp, e)
		   : part == 2 ? subject_json(c, &k, &tmp, e)
		   : part == 3 ? load_targets_json(c, id, k.decimals, &tmp, e)
			       : feedback_json(c, id, &tmp, e);
		if (rc)
			json_decref(tmp);
		else
			json_object_set_new(o, keys[part], tmp);
	}
	/* the series: every period with a measurement or a target, what was expected then, attainment */
	if (!rc) {
		json_t *series = json_array();
		struct ind_period p = k.start;
		int64_t n = ind_period_count(k.start, k.end);
		for (int64_t x = 0; x < n; x++, p = ind_period_next(p)) {
			long v = -1;
			for (size_t j = 0; j < it->nvalues; j++)
				if (ind_period_cmp(it->periods[j], p) == 0)
					v = (long)j;
			struct ind_expect ex;
			ind_expected(p, it->targets, it->ntargets, k.direction, k.has_baseline, k.baseline, k.baseline_date, &ex);
			bool own_target = false;
			for (size_t t = 0; t < it->ntargets; t++)
				own_target |= date_cmp(ind_period_end(it->targets[t].period), ind_period_end(p)) == 0;
			bool due = date_cmp(ind_period_due(p, s->grace_days), today) < 0;
			if (v < 0 && !own_target && !due)
				continue;   /* future periods without a target of their own */
			char pt[IND_PERIOD_TEXT];
			json_t *row = json_object();
			json_set_str(row, "period", ind_period_format(p, pt));
			set_expect(row, &ex, k.decimals, k.direction);
			if (v >= 0) {
				json_object_set_new(row, "actual", value_json(it->values[v], k.decimals));
				json_set_int(row, "measurement_id", it->mids[v]);
				if (ex.kind != IND_EXPECT_NONE) {
					struct ind_attain_in ai = { k.direction, k.has_baseline, k.baseline, ex.lo, ex.hi, it->values[v] };
					int64_t a = ind_attainment_bp(&ai);
					char bt[40];
					json_set_int(row, "attainment_bp", a);
					json_set_str(row, "attainment_text", ind_bp_text(a, bt, sizeof bt));
					json_set_str(row, "status", ind_status_names[ind_status_of(a, &s->th)]);
				} else {
					json_set_str(row, "status", ind_status_names[IND_ST_NO_TARGET]);
				}
			} else {
				json_object_set_new(row, "actual", json_null());
				json_set_bool(row, "overdue", due);
			}
			json_array_append_new(series, row);
		}
		json_object_set_new(o, "series", series);
	}
	ind_set_release(&set);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

/* ---- programmes ---- */

int programme_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		     const char *code, const char *name, const char *description, int64_t start_year,
		     int64_t end_year, int64_t *id, struct err *e)
{
	const struct i18n_lang *L = e->lang;
	int rc;
	if ((rc = text_ok(code, 24, tr(L, "Code"), true, e)) || (rc = text_ok(name, IND_NAME_MAX, tr(L, "Name"), true, e)) ||
	    (rc = text_ok(description, IND_TEXT_MAX, tr(L, "Description"), false, e)))
		return rc;
	if (start_year < IND_YEAR_MIN || end_year > IND_YEAR_MAX || end_year < start_year)
		return err_set(e, ERR_INVALID, "The years of a programme go from %d to %d, the first not after the last",
			       IND_YEAR_MIN, IND_YEAR_MAX);
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct government g;
	rc = government_get(c, government ? government : "", &g, e);
	if (rc == ERR_NOTFOUND)
		e->code = rc = ERR_INVALID;
	struct db_stmt *st = rc ? NULL : db_prepare(c,
		"INSERT INTO programme (government_code, code, name, description, start_year, end_year, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", e);
	if (!rc && !st)
		rc = e->code;
	if (st) {
		char at[DATETIME_FMT_MAX];
		db_bind_text(st, 1, g.code);
		db_bind_text(st, 2, code);
		db_bind_text(st, 3, name);
		db_bind_text(st, 4, description ? description : "");
		db_bind_int64(st, 5, start_year);
		db_bind_int64(st, 6, end_year);
		db_bind_text(st, 7, datetime_format(now, at));
		rc = db_step(st, e);
		if (rc == DB_ROW) {
			*id = db_col_int64(st, 0);
			rc = 0;
		}
		db_finish(st);
		if (rc == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "The code %s is already used by another programme of this government", code);
	}
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)*id);
		json_t *after = json_object();
		json_set_str(after, "government", g.code);
		json_set_str(after, "code", code);
		json_set_str(after, "name", name);
		json_set_int(after, "start_year", start_year);
		json_set_int(after, "end_year", end_year);
		rc = audit_record(c, who, now, "programme.create", "programme", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

static json_t *programme_row(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_int(o, "id", db_col_int64(st, 0));
	json_set_str(o, "code", ind_col(st, 1));
	json_set_str(o, "name", ind_col(st, 2));
	json_set_str(o, "description", ind_col(st, 3));
	json_set_int(o, "start_year", db_col_int64(st, 4));
	json_set_int(o, "end_year", db_col_int64(st, 5));
	json_t *g = json_object();
	json_set_str(g, "code", ind_col(st, 6));
	json_set_str(g, "name", ind_col(st, 7));
	json_object_set_new(o, "government", g);
	return o;
}

#define PROGRAMME_SQL \
	"SELECT p.id, p.code, p.name, p.description, p.start_year, p.end_year, p.government_code, g.name" \
	" FROM programme p JOIN government g ON g.code = p.government_code"

int programme_get_json(struct db_conn *c, int64_t id, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c, PROGRAMME_SQL " WHERE p.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = programme_row(st);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No programme with number %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

int programme_list(struct db_conn *c, const char *government, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c, PROGRAMME_SQL " WHERE p.government_code = ? ORDER BY p.code", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, government ? government : "");
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, programme_row(st));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- the articulation source ---- */

static int artic_items(struct db_conn *c, const struct artic_query *q, artic_item_cb cb, void *arg, struct err *e)
{
	struct buf sql;
	buf_init(&sql, 4096);
	buf_appends(&sql, "SELECT id, code, name, government_code, element_id FROM indicator WHERE subject = 'element'");
	if (q->element_id > 0)
		buf_appends(&sql, " AND element_id = ?");
	else {
		buf_appends(&sql, " AND government_code IN (");
		for (size_t k = 0; k < q->ngovernments; k++)
			buf_appends(&sql, k ? ", ?" : "?");
		if (!q->ngovernments)
			buf_appends(&sql, "''");
		buf_appends(&sql, ")");
	}
	buf_appends(&sql, " ORDER BY id");
	struct db_stmt *st = db_prepare(c, buf_cstr(&sql), e);
	buf_release(&sql);
	if (!st)
		return e->code;
	if (q->element_id > 0)
		db_bind_int64(st, 1, q->element_id);
	else
		for (size_t k = 0; k < q->ngovernments; k++)
			db_bind_text(st, (int)k + 1, q->governments[k]);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		char href[48];
		snprintf(href, sizeof href, "/indicators/%lld", (long long)db_col_int64(st, 0));
		struct artic_item it = { .kind = "indicator", .id = db_col_int64(st, 0), .code = ind_col(st, 1),
					 .title = ind_col(st, 2), .href = href, .government = ind_col(st, 3),
					 .element_id = db_col_int64(st, 4), .budget = -1 };
		if ((rc = cb(&it, arg)))
			break;
	}
	db_finish(st);
	return rc < 0 ? rc : rc > 0 ? rc : 0;
}

const struct artic_source indicator_artic_source = { N_("Indicators"), "indicator", artic_items };
