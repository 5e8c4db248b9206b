/* pb_process.c — calendar gates, the criteria matrix and ballot checks of a
 * participatory-budget process (see pb_process.h). */
#include "core/compat.h"
#include "core/i18n.h"
#include "rules/pb_process.h"

#include <math.h>

const char *const pb_phase_names[] = { "preparation", "concertation", "coordination", "formalization", NULL };

const char *pb_phase_label(enum pb_phase p)
{
	switch (p) {
	case PB_PHASE_PREPARATION: return N_("Preparation");
	case PB_PHASE_CONCERTATION: return N_("Concertation");
	case PB_PHASE_COORDINATION: return N_("Coordination between levels of government");
	case PB_PHASE_FORMALIZATION: return N_("Formalization");
	default: return "";
	}
}

static int parse_name(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int pb_phase_parse(const char *name) { return parse_name(pb_phase_names, name); }

const char *const pb_step_names[] = { "convocation", "registration", "training", "workshops", "evaluation",
				      "prioritization", "voting", "coordination", "formalization", NULL };

const char *pb_step_label(enum pb_step_kind k)
{
	switch (k) {
	case PB_STEP_CONVOCATION: return N_("Convocation");
	case PB_STEP_REGISTRATION: return N_("Registration of participating agents");
	case PB_STEP_TRAINING: return N_("Training of agents");
	case PB_STEP_WORKSHOPS: return N_("Workshops and filing of proposals");
	case PB_STEP_EVALUATION: return N_("Technical evaluation");
	case PB_STEP_PRIORITIZATION: return N_("Prioritization with the criteria matrix");
	case PB_STEP_VOTING: return N_("Citizen vote");
	case PB_STEP_COORDINATION: return N_("Coordination with the other levels of government");
	case PB_STEP_FORMALIZATION: return N_("Formalization of agreements and commitments");
	default: return "";
	}
}

int pb_step_parse(const char *name) { return parse_name(pb_step_names, name); }

enum pb_phase pb_step_phase(enum pb_step_kind k)
{
	switch (k) {
	case PB_STEP_CONVOCATION:
	case PB_STEP_REGISTRATION:
	case PB_STEP_TRAINING:
		return PB_PHASE_PREPARATION;
	case PB_STEP_COORDINATION:
		return PB_PHASE_COORDINATION;
	case PB_STEP_FORMALIZATION:
		return PB_PHASE_FORMALIZATION;
	default:
		return PB_PHASE_CONCERTATION;
	}
}

/* ---- the calendar ---- */

/* The step kinds whose window allows an act (bit mask). */
static unsigned window_kinds(enum pb_act act)
{
	switch (act) {
	case PB_ACT_REGISTER: return 1u << PB_STEP_REGISTRATION;
	case PB_ACT_PROPOSE: return 1u << PB_STEP_WORKSHOPS;
	case PB_ACT_INTAKE: return 1u << PB_STEP_WORKSHOPS | 1u << PB_STEP_COORDINATION;
	case PB_ACT_REVIEW: return 1u << PB_STEP_EVALUATION;
	case PB_ACT_SCORE: return 1u << PB_STEP_PRIORITIZATION;
	case PB_ACT_VOTE: return 1u << PB_STEP_VOTING;
	default: return 0;
	}
}

static const struct pb_step *find_kind(const struct pb_step *steps, size_t n, enum pb_step_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (steps[i].kind == k)
			return &steps[i];
	return NULL;
}

/* Open from a step's start, never closing (paper ballots: until the acta). */
static enum pb_gate from_start(const struct pb_step *s, enum pb_step_kind kind, int64_t now, struct pb_gate_info *info)
{
	info->kind = kind;
	if (!s)
		return info->gate = PB_GATE_NO_STEP;
	info->at = s->starts;
	return info->gate = now >= s->starts ? PB_GATE_OPEN : PB_GATE_NOT_YET;
}

enum pb_gate pb_gate_check(const struct pb_step *steps, size_t n, enum pb_act act, int64_t now,
			   struct pb_gate_info *info)
{
	memset(info, 0, sizeof *info);
	if (act == PB_ACT_PAPER)
		return from_start(find_kind(steps, n, PB_STEP_VOTING), PB_STEP_VOTING, now, info);
	if (act == PB_ACT_RESULTS || act == PB_ACT_FORMALIZE) {
		/* after the vote (or, without one, after the prioritization) */
		const struct pb_step *v = find_kind(steps, n, PB_STEP_VOTING);
		enum pb_step_kind k = PB_STEP_VOTING;
		if (!v) {
			v = find_kind(steps, n, PB_STEP_PRIORITIZATION);
			k = PB_STEP_PRIORITIZATION;
		}
		info->kind = k;
		if (!v)
			return info->gate = PB_GATE_NO_STEP;
		info->at = v->ends;
		if (now < v->ends)
			return info->gate = PB_GATE_NOT_YET;
		if (act == PB_ACT_FORMALIZE) {
			const struct pb_step *f = find_kind(steps, n, PB_STEP_FORMALIZATION);
			if (f)
				return from_start(f, PB_STEP_FORMALIZATION, now, info);
		}
		return info->gate = PB_GATE_OPEN;
	}
	unsigned kinds = window_kinds(act);
	bool any = false;
	int64_t opens = INT64_MAX, closed = INT64_MIN;
	enum pb_step_kind kopen = PB_STEP_COUNT, kclosed = PB_STEP_COUNT;
	for (size_t i = 0; i < n; i++) {
		const struct pb_step *s = &steps[i];
		if (!(kinds & (1u << s->kind)))
			continue;
		any = true;
		if (now >= s->starts && now < s->ends) {
			info->kind = s->kind;
			info->at = s->ends;
			return info->gate = PB_GATE_OPEN;
		}
		if (s->starts > now && s->starts < opens) {
			opens = s->starts;
			kopen = s->kind;
		}
		if (s->ends <= now && s->ends > closed) {
			closed = s->ends;
			kclosed = s->kind;
		}
	}
	if (!any) {
		for (int k = 0; k < PB_STEP_COUNT; k++)
			if (kinds & (1u << k)) {
				info->kind = (enum pb_step_kind)k;
				break;
			}
		return info->gate = PB_GATE_NO_STEP;
	}
	if (kopen != PB_STEP_COUNT) {
		info->kind = kopen;
		info->at = opens;
		return info->gate = PB_GATE_NOT_YET;
	}
	info->kind = kclosed;
	info->at = closed;
	return info->gate = PB_GATE_CLOSED;
}

int pb_calendar_now(const struct pb_step *steps, size_t n, int64_t now, int *open, int *next)
{
	*open = -1;
	*next = -1;
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct pb_step *s = &steps[i];
		if (now >= s->starts && now < s->ends && (*open < 0 || s->starts >= steps[*open].starts))
			*open = (int)i;
		if (s->starts > now && (*next < 0 || s->starts < steps[*next].starts))
			*next = (int)i;
	}
	if (*open >= 0)
		return (int)pb_step_phase(steps[*open].kind);
	if (*next >= 0)
		return (int)pb_step_phase(steps[*next].kind);
	return PB_PHASE_COUNT;
}

void pb_calendar_default(int64_t first_day, struct pb_step out[PB_STEP_COUNT])
{
	static const int days[PB_STEP_COUNT] = { 14, 14, 7, 21, 14, 7, 14, 7, 14 };
	int64_t t = first_day;
	for (int k = 0; k < PB_STEP_COUNT; k++) {
		out[k].kind = (enum pb_step_kind)k;
		out[k].starts = t;
		t += (int64_t)days[k] * 86400;
		out[k].ends = t;
	}
}

int64_t pb_local_midnight(struct date d) { return date_to_days(d) * 86400 - PB_TZ_OFFSET; }

struct date pb_local_date(int64_t epoch)
{
	int64_t local = epoch + PB_TZ_OFFSET;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	return date_from_days(days);
}

const char *pb_local_format(int64_t epoch, char out[24])
{
	struct date d = pb_local_date(epoch);
	int64_t secs = epoch + PB_TZ_OFFSET - date_to_days(d) * 86400;
	char day[DATE_FMT_MAX];
	date_format(d, day);
	if (secs == 0)
		snprintf(out, 24, "%s", day);
	else
		snprintf(out, 24, "%s %02d:%02d", day, (int)(secs / 3600), (int)(secs / 60 % 60));
	return out;
}

struct date pb_local_last_day(int64_t ends) { return pb_local_date(ends - 1); }

/* ---- criteria ---- */

const char *const pb_criterion_kind_names[] = { "committee", "poverty", "beneficiaries", "alignment", "cofinancing", NULL };

const char *pb_criterion_kind_label(enum pb_criterion_kind k)
{
	switch (k) {
	case PB_CRIT_COMMITTEE: return N_("Scored by the committee");
	case PB_CRIT_POVERTY: return N_("Poverty of the benefited district");
	case PB_CRIT_BENEFICIARIES: return N_("Population benefited");
	case PB_CRIT_ALIGNMENT: return N_("Alignment to the concerted development plan");
	case PB_CRIT_COFINANCING: return N_("Cofinancing by the agents");
	default: return "";
	}
}

int pb_criterion_kind_parse(const char *name) { return parse_name(pb_criterion_kind_names, name); }

enum pb_criteria_problem pb_criteria_check(const struct pb_criterion *c, size_t n, int64_t *total, size_t *bad)
{
	*total = 0;
	*bad = 0;
	if (n == 0)
		return PB_CRITERIA_EMPTY;
	bool seen[PB_CRIT_COUNT] = { false };
	for (size_t i = 0; i < n; i++) {
		*bad = i;
		if (c[i].weight < 0 || c[i].weight > 100)
			return PB_CRITERIA_WEIGHT;
		if (c[i].min >= c[i].max || c[i].min < -1000 || c[i].max > 1000)
			return PB_CRITERIA_SCALE;
		if (c[i].kind != PB_CRIT_COMMITTEE) {
			if (seen[c[i].kind])
				return PB_CRITERIA_TWICE;
			seen[c[i].kind] = true;
		}
		*total += c[i].weight;
	}
	*bad = 0;
	return *total == 100 ? PB_CRITERIA_OK : PB_CRITERIA_TOTAL;
}

/* floor(a × PB_MICRO / b) for 0 <= a <= b, b > 0, without overflow. */
static int64_t micro_ratio(int64_t a, int64_t b)
{
	if (b <= 0 || a <= 0)
		return 0;
	if (a >= b)
		return PB_MICRO;
	return (int64_t)((__int128)a * PB_MICRO / b);
}

void pb_tabulate(const struct pb_criterion *crit, size_t nc, const struct pb_tab_proposal *props, size_t np,
		 const int64_t *scores, const bool *conflict, size_t nm, struct pb_tab_cell *cells,
		 struct pb_tab_row *rows)
{
	int64_t most = 0;
	for (size_t p = 0; p < np; p++)
		if (props[p].beneficiaries > most)
			most = props[p].beneficiaries;
	for (size_t p = 0; p < np; p++) {
		const struct pb_tab_proposal *pr = &props[p];
		rows[p].total = 0;
		for (size_t k = 0; k < nc; k++) {
			struct pb_tab_cell *cell = &cells[p * nc + k];
			memset(cell, 0, sizeof *cell);
			switch (crit[k].kind) {
			case PB_CRIT_COMMITTEE:
				for (size_t m = 0; m < nm; m++) {
					int64_t v = scores[(m * np + p) * nc + k];
					if (v == PB_NO_SCORE || (conflict && conflict[m * np + p]))
						continue;
					if (v < crit[k].min)
						v = crit[k].min;
					if (v > crit[k].max)
						v = crit[k].max;
					cell->n++;
					cell->sum += v;
				}
				cell->missing = cell->n == 0;
				/* mean brought to 0..1: (sum - n × min) / (n × (max - min)) */
				if (cell->n)
					cell->norm = micro_ratio(cell->sum - cell->n * crit[k].min, cell->n * (crit[k].max - crit[k].min));
				break;
			case PB_CRIT_POVERTY:
				cell->missing = isnan(pr->poverty_pct);
				if (!cell->missing) {
					double pct = pr->poverty_pct < 0 ? 0 : pr->poverty_pct > 100 ? 100 : pr->poverty_pct;
					cell->norm = (int64_t)llround(pct * (PB_MICRO / 100));
				}
				break;
			case PB_CRIT_BENEFICIARIES:
				cell->missing = pr->beneficiaries < 0;
				if (!cell->missing)
					cell->norm = micro_ratio(pr->beneficiaries, most);
				break;
			case PB_CRIT_ALIGNMENT:
				cell->norm = pr->traced ? PB_MICRO : 0;
				break;
			case PB_CRIT_COFINANCING:
				cell->norm = pr->cost > 0 ? micro_ratio(pr->cofinancing, pr->cost) : 0;
				break;
			default:
				break;
			}
			cell->points = crit[k].weight * cell->norm;
			rows[p].total += cell->points;
		}
	}
	/* ranks: higher total first, then the order of filing */
	for (size_t p = 0; p < np; p++) {
		uint32_t above = 0;
		bool tie = false;
		for (size_t q = 0; q < np; q++) {
			if (q == p)
				continue;
			if (rows[q].total > rows[p].total || (rows[q].total == rows[p].total && q < p))
				above++;
			if (rows[q].total == rows[p].total)
				tie = true;
		}
		rows[p].rank = above + 1;
		rows[p].tie = tie;
	}
}

/* ---- ballots ---- */

const char *const pb_method_names[] = { "approval", "ranked", "cumulative", "knapsack", NULL };

const char *pb_method_label(enum pb_method m)
{
	switch (m) {
	case PB_METHOD_APPROVAL: return N_("Approval: mark up to K proposals");
	case PB_METHOD_RANKED: return N_("Ranked: order up to K proposals");
	case PB_METHOD_CUMULATIVE: return N_("Cumulative: distribute points");
	case PB_METHOD_KNAPSACK: return N_("Knapsack: choose within the budget");
	default: return "";
	}
}

int pb_method_parse(const char *name) { return parse_name(pb_method_names, name); }

enum pb_ballot_problem pb_ballot_check(const struct pb_vote_rules *rules, const int64_t *costs, uint32_t ncand,
				       const struct pb_choice *items, size_t n, struct pb_ballot_verdict *v)
{
	memset(v, 0, sizeof *v);
	if (n == 0)
		return v->problem = PB_BALLOT_EMPTY;
	int64_t cost = 0, points = 0;
	for (size_t i = 0; i < n; i++) {
		v->item = i;
		if (items[i].candidate >= ncand)
			return v->problem = PB_BALLOT_UNKNOWN;
		for (size_t j = 0; j < i; j++)
			if (items[j].candidate == items[i].candidate)
				return v->problem = PB_BALLOT_TWICE;
		if (rules->method == PB_METHOD_CUMULATIVE) {
			if (items[i].points < 1)
				return v->problem = PB_BALLOT_POINTS;
			if (items[i].points > rules->points || points > rules->points - items[i].points) {
				v->value = points > INT64_MAX - items[i].points ? INT64_MAX : points + items[i].points;
				return v->problem = PB_BALLOT_POINTS_OVER;
			}
			points += items[i].points;
		}
		int64_t c = costs[items[i].candidate];
		cost = c > INT64_MAX - cost ? INT64_MAX : cost + c;
	}
	v->item = 0;
	if ((rules->method == PB_METHOD_APPROVAL || rules->method == PB_METHOD_RANKED) && rules->max_choices > 0 &&
	    (int64_t)n > rules->max_choices) {
		v->value = (int64_t)n;
		return v->problem = PB_BALLOT_TOO_MANY;
	}
	if (rules->method == PB_METHOD_KNAPSACK && cost > rules->budget) {
		v->value = cost;
		return v->problem = PB_BALLOT_OVER_BUDGET;
	}
	v->value = rules->method == PB_METHOD_CUMULATIVE ? points : cost;
	return v->problem = PB_BALLOT_OK;
}

const char *pb_ordinal(const char *lang, uint32_t n, char out[16])
{
	if (lang && strcmp(lang, "es") == 0) {
		snprintf(out, 16, "%u.º", n);
		return out;
	}
	const char *suf = "th";
	if (n % 100 < 11 || n % 100 > 13) {
		if (n % 10 == 1)
			suf = "st";
		else if (n % 10 == 2)
			suf = "nd";
		else if (n % 10 == 3)
			suf = "rd";
	}
	snprintf(out, 16, "%u%s", n, suf);
	return out;
}
