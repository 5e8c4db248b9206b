/* pb.c — the participatory-budget process: settings, calendar, zone budgets,
 * category caps, the criteria matrix, and the helpers the module shares. */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/invest.h"
#include "domain/territory.h"
#include "rules/project_rules.h"

/* ---- shared helpers (pb_int.h) ---- */

int pb_text_check(const char *field, const char *s, size_t max, bool required, struct err *e)
{
	if (pb_blank(s)) {
		if (required)
			return err_set(e, ERR_INVALID, "Field \"%s\" is required", field);
		return 0;
	}
	if (!utf8_valid(s, strlen(s)) || utf8_len(s) > max)
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", field, max);
	return 0;
}

const char *pb_when(int64_t epoch, bool is_end, char out[24])
{
	int64_t t = is_end ? epoch - 1 : epoch;
	struct date d = pb_local_date(t);
	int64_t secs = t + PB_TZ_OFFSET - date_to_days(d) * 86400;
	char day[DATE_FMT_MAX];
	snprintf(out, 24, "%s %02d:%02d", date_format(d, day), (int)(secs / 3600), (int)(secs / 60 % 60));
	return out;
}

const char *pb_money(const char *currency, int64_t cents, char *out, size_t n)
{
	return amount_format(currency, cents, out, n);
}

int pb_open_check(const struct pb_process *p, struct err *e)
{
	if (p->formalized)
		return err_set(e, ERR_CONFLICT, "The acta of this process is signed: it can no longer change");
	return 0;
}

int pb_gate(const struct pb_process *p, enum pb_act act, int64_t now, struct err *e)
{
	int rc = pb_open_check(p, e);
	if (rc)
		return rc;
	struct pb_gate_info g;
	if (pb_gate_check(p->steps, p->nsteps, act, now, &g) == PB_GATE_OPEN)
		return 0;
	char when[24];
	const char *step = tr(e->lang, pb_step_label(g.kind));
	if (g.gate == PB_GATE_NO_STEP)
		return err_set(e, ERR_CONFLICT, "The calendar has no step \"%s\"", step);
	bool later = g.gate == PB_GATE_NOT_YET;
	switch (act) {
	case PB_ACT_REGISTER:
		return later ? err_set(e, ERR_CONFLICT, "Registration of agents opens on %s", pb_when(g.at, false, when))
			     : err_set(e, ERR_CONFLICT, "Registration of agents closed on %s", pb_when(g.at, true, when));
	case PB_ACT_PROPOSE:
		return later ? err_set(e, ERR_CONFLICT, "Proposals are received from %s", pb_when(g.at, false, when))
			     : err_set(e, ERR_CONFLICT, "Proposals are no longer received: the deadline was %s",
				       pb_when(g.at, true, when));
	case PB_ACT_VOTE:
		return later ? err_set(e, ERR_CONFLICT, "Voting has not opened yet: it opens on %s", pb_when(g.at, false, when))
			     : err_set(e, ERR_CONFLICT, "Voting closed on %s: ballots can no longer be cast or changed",
				       pb_when(g.at, true, when));
	case PB_ACT_PAPER:
		return err_set(e, ERR_CONFLICT, "Paper ballots are entered once voting opens, on %s", pb_when(g.at, false, when));
	case PB_ACT_RESULTS:
		return err_set(e, ERR_CONFLICT, "Results are computed once the step \"%s\" ends, on %s", step,
			       pb_when(g.at, true, when));
	case PB_ACT_FORMALIZE:
		if (g.kind == PB_STEP_FORMALIZATION)
			return err_set(e, ERR_CONFLICT, "The acta is signed once the step \"%s\" opens, on %s", step,
				       pb_when(g.at, false, when));
		return err_set(e, ERR_CONFLICT, "The acta is signed once the step \"%s\" ends, on %s", step,
			       pb_when(g.at, true, when));
	default:
		return later ? err_set(e, ERR_CONFLICT, "This is done during the step \"%s\", which opens on %s", step,
				       pb_when(g.at, false, when))
			     : err_set(e, ERR_CONFLICT, "This is done during the step \"%s\", which closed on %s", step,
				       pb_when(g.at, true, when));
	}
}

int pb_audit(struct db_conn *c, const struct actor *who, int64_t now, const char *action, int64_t process,
	     json_t *before, json_t *after, struct err *e)
{
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)process);
	int rc = audit_record(c, who, now, action, "pb_process", sid, before, after, e);
	json_decref(before);
	json_decref(after);
	return rc;
}

int pb_int_query(struct db_conn *c, const char *sql, int64_t id, int64_t def, int64_t *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	*out = rc == DB_ROW && !db_col_null(st, 0) ? db_col_int64(st, 0) : def;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

void pb_bind_text_or_null(struct db_stmt *st, int idx, const char *s)
{
	if (pb_blank(s))
		db_bind_null(st, idx);
	else
		db_bind_text(st, idx, s);
}

void pb_bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		db_bind_int64(st, idx, id);
	else
		db_bind_null(st, idx);
}

void pb_set_text(json_t *o, const char *key, struct db_stmt *st, int col)
{
	json_set_str(o, key, db_col_text(st, col));
}

void pb_set_int_or_null(json_t *o, const char *key, struct db_stmt *st, int col)
{
	json_object_set_new(o, key, db_col_null(st, col) ? json_null() : json_integer(db_col_int64(st, col)));
}

const char *pb_now_text(int64_t now, char out[DATETIME_FMT_MAX]) { return datetime_format(now, out); }

int64_t pb_time_of(const char *s)
{
	int64_t t = 0;
	if (!s || datetime_parse(s, &t))
		return 0;
	return t;
}

const char *pb_actor_name(const struct actor *who) { return who && who->name[0] ? who->name : "system"; }

/* ---- reading a process ---- */

int pb_process_get(struct db_conn *c, int64_t id, struct pb_process *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT p.id, p.government_code, g.name, p.year, p.title, p.currency, p.ceiling, p.vote_method,"
		" p.max_choices, p.points, p.rule, p.origin, p.results_rule, p.formalized_at, p.invest_plan_id"
		" FROM pb_process p JOIN government g ON g.code = p.government_code WHERE p.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof *out);
		out->id = db_col_int64(st, 0);
		snprintf(out->government, sizeof out->government, "%s", db_col_text(st, 1));
		snprintf(out->government_name, sizeof out->government_name, "%s", db_col_text(st, 2));
		out->year = db_col_int64(st, 3);
		snprintf(out->title, sizeof out->title, "%s", db_col_text(st, 4));
		snprintf(out->currency, sizeof out->currency, "%s", db_col_text(st, 5));
		out->ceiling = db_col_int64(st, 6);
		int m = pb_method_parse(db_col_text(st, 7));
		out->method = m < 0 ? PB_METHOD_APPROVAL : (enum pb_method)m;
		out->max_choices = db_col_int64(st, 8);
		out->points = db_col_int64(st, 9);
		int r = pb_rule_parse(db_col_text(st, 10));
		out->rule = r < 0 ? PB_RULE_GREEDY : (enum pb_rule_kind)r;
		snprintf(out->origin, sizeof out->origin, "%s", db_col_text(st, 11));
		out->has_results = !db_col_null(st, 12);
		r = pb_rule_parse(db_col_text(st, 12));
		out->results_rule = r < 0 ? out->rule : (enum pb_rule_kind)r;
		out->formalized = !db_col_null(st, 13);
		out->invest_plan_id = db_col_null(st, 14) ? 0 : db_col_int64(st, 14);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW)
		return err_set(e, ERR_NOTFOUND, "No participatory budget with number %lld", (long long)id);
	st = db_prepare(c, "SELECT id, kind, starts_at, ends_at FROM pb_step WHERE process_id = ? ORDER BY starts_at, id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st, e)) == DB_ROW && out->nsteps < PB_STEP_COUNT) {
		int k = pb_step_parse(db_col_text(st, 1));
		if (k < 0)
			continue;
		struct pb_step *s = &out->steps[out->nsteps];
		out->step_ids[out->nsteps++] = db_col_int64(st, 0);
		s->kind = (enum pb_step_kind)k;
		s->starts = pb_time_of(db_col_text(st, 2));
		s->ends = pb_time_of(db_col_text(st, 3));
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- creating and changing a process ---- */

static const struct {
	const char *name, *kind;
	int64_t weight, min, max;
	const char *scale;
} default_criteria[] = {
	{ "Pobreza del distrito beneficiado", "poverty", 25, 0, 1, "Porcentaje de pobreza monetaria del distrito (INEI)" },
	{ "Población beneficiada", "beneficiaries", 20, 0, 1, "Relativa a la propuesta que beneficia a más personas" },
	{ "Articulación con el Plan de Desarrollo Concertado", "alignment", 20, 0, 1,
	  "La propuesta sirve a un objetivo del PDC" },
	{ "Cofinanciamiento de los agentes participantes", "cofinancing", 10, 0, 1,
	  "Parte del costo que aportan las organizaciones (mano de obra, materiales, dinero)" },
	{ "Brecha de cobertura del servicio", "committee", 25, 0, 4,
	  "0: no hay brecha; 1: baja; 2: media; 3: alta; 4: la población no tiene el servicio" },
};

static int check_input(const struct pb_process_input *in, struct err *e)
{
	int rc = pb_text_check("title", in->title, PB_TITLE_MAX, true, e);
	if (!rc)
		rc = pb_text_check("description", in->description, PB_TEXT_MAX, false, e);
	if (rc)
		return rc;
	if (in->year < PB_YEAR_MIN || in->year > PB_YEAR_MAX)
		return err_set(e, ERR_INVALID, "The year must be between %d and %d", PB_YEAR_MIN, PB_YEAR_MAX);
	if (in->ceiling <= 0)
		return err_set(e, ERR_INVALID, "The budget ceiling must be greater than zero");
	int m = pb_method_parse(in->method);
	if (m < 0)
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "method");
	int r = pb_rule_parse(in->rule);
	if (r < 0)
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "rule");
	if (in->max_choices < 0 || in->max_choices > 1000)
		return err_set(e, ERR_INVALID, "The number of proposals a voter may choose must be between 0 (no limit) and 1000");
	if (m == PB_METHOD_CUMULATIVE && (in->points < 1 || in->points > 1000))
		return err_set(e, ERR_INVALID, "With cumulative voting, each voter distributes between 1 and 1000 points");
	if (m == PB_METHOD_CUMULATIVE && r == PB_RULE_PHRAGMEN)
		return err_set(e, ERR_INVALID, "Phragmén's rule takes approval, knapsack or ranked ballots, not cumulative points");
	if (in->currency && *in->currency && !currency_valid(in->currency))
		return err_set(e, ERR_INVALID, "Field \"%s\" must be a currency code such as PEN", "currency");
	return 0;
}

static json_t *settings_json(const struct pb_process_input *in)
{
	json_t *o = json_object();
	json_set_str(o, "title", in->title);
	json_set_int(o, "year", in->year);
	json_set_int(o, "ceiling_cents", in->ceiling);
	json_set_str(o, "method", in->method);
	json_set_str(o, "rule", in->rule);
	json_set_int(o, "max_choices", in->max_choices);
	json_set_int(o, "points", in->points);
	return o;
}

static int insert_step(struct db_conn *c, int64_t process, const struct pb_step *s, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO pb_step (process_id, kind, phase, title, starts_at, ends_at) VALUES (?, ?, ?, '', ?, ?)", e);
	if (!st)
		return e->code;
	char a[DATETIME_FMT_MAX], b[DATETIME_FMT_MAX];
	db_bind_int64(st, 1, process);
	db_bind_text(st, 2, pb_step_names[s->kind]);
	db_bind_text(st, 3, pb_phase_names[pb_step_phase(s->kind)]);
	db_bind_text(st, 4, datetime_format(s->starts, a));
	db_bind_text(st, 5, datetime_format(s->ends, b));
	return db_step_done(st, e);
}

static int insert_criterion(struct db_conn *c, int64_t process, int64_t position, const struct pb_criterion_input *in,
			    struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO pb_criterion (process_id, position, name, kind, weight, scale_min, scale_max, scale_text)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	db_bind_int64(st, 2, position);
	db_bind_text(st, 3, in->name);
	db_bind_text(st, 4, in->kind);
	db_bind_int64(st, 5, in->weight);
	db_bind_int64(st, 6, in->scale_min);
	db_bind_int64(st, 7, in->scale_max);
	db_bind_text(st, 8, in->scale_text ? in->scale_text : "");
	return db_step_done(st, e);
}

int pb_process_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		      const struct pb_process_input *in, int64_t first_day, int64_t *id, struct err *e)
{
	int rc = check_input(in, e);
	if (rc)
		return rc;
	struct government g;
	if ((rc = government_get(c, government ? government : "", &g, e)))
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	int64_t n = 0;
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM pb_process WHERE government_code = ? AND year = ?", e);
	if (!st)
		rc = e->code;
	else {
		db_bind_text(st, 1, g.code);
		db_bind_int64(st, 2, in->year);
		rc = db_step(st, e);
		n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc && n)
		rc = err_set(e, ERR_CONFLICT, "%s already has a participatory budget for %lld", g.name, (long long)in->year);
	char ts[DATETIME_FMT_MAX];
	pb_now_text(now, ts);
	if (!rc) {
		st = db_prepare(c,
			"INSERT INTO pb_process (government_code, year, title, description, currency, ceiling, vote_method,"
			" max_choices, points, rule, origin, created_at, updated_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'minka', ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, g.code);
			db_bind_int64(st, 2, in->year);
			db_bind_text(st, 3, in->title);
			db_bind_text(st, 4, in->description ? in->description : "");
			db_bind_text(st, 5, in->currency && *in->currency ? in->currency : "PEN");
			db_bind_int64(st, 6, in->ceiling);
			db_bind_text(st, 7, in->method);
			db_bind_int64(st, 8, in->max_choices);
			db_bind_int64(st, 9, pb_method_parse(in->method) == PB_METHOD_CUMULATIVE ? in->points : 0);
			db_bind_text(st, 10, in->rule);
			db_bind_text(st, 11, ts);
			db_bind_text(st, 12, ts);
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	struct pb_step steps[PB_STEP_COUNT];
	pb_calendar_default(first_day, steps);
	for (int k = 0; k < PB_STEP_COUNT && !rc; k++)
		rc = insert_step(c, *id, &steps[k], e);
	for (size_t i = 0; i < ARRAY_LEN(default_criteria) && !rc; i++) {
		struct pb_criterion_input ci = { default_criteria[i].name, default_criteria[i].kind, default_criteria[i].weight,
						 default_criteria[i].min, default_criteria[i].max, default_criteria[i].scale };
		rc = insert_criterion(c, *id, (int64_t)i + 1, &ci, e);
	}
	if (!rc) {
		json_t *after = settings_json(in);
		json_set_str(after, "government", g.code);
		rc = pb_audit(c, who, now, "pb.process.create", *id, NULL, after, e);
	}
	return db_tx_leave(c, own, rc, e);
}

int pb_process_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		      const struct pb_process_input *in, struct err *e)
{
	int rc = check_input(in, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, id, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc && in->year != p.year)
		rc = err_set(e, ERR_INVALID, "The year of a process does not change; create the process of another year instead");
	int64_t ballots = 0;
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?", id, 0, &ballots, e);
	if (!rc && ballots && pb_method_parse(in->method) != (int)p.method)
		rc = err_set(e, ERR_CONFLICT, "The voting method cannot change: %lld ballots were already cast", (long long)ballots);
	int64_t zones = 0;
	if (!rc)
		rc = pb_int_query(c, "SELECT COALESCE(SUM(budget), 0) FROM pb_zone WHERE process_id = ?", id, 0, &zones, e);
	if (!rc && zones > in->ceiling) {
		char a[64], b[64];
		rc = err_set(e, ERR_INVALID, "The zone budgets add up to %s, more than the ceiling of %s",
			     pb_money(p.currency, zones, a, sizeof a), pb_money(p.currency, in->ceiling, b, sizeof b));
	}
	if (!rc) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"UPDATE pb_process SET title = ?, description = ?, ceiling = ?, vote_method = ?, max_choices = ?,"
			" points = ?, rule = ?, updated_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, in->title);
			db_bind_text(st, 2, in->description ? in->description : "");
			db_bind_int64(st, 3, in->ceiling);
			db_bind_text(st, 4, in->method);
			db_bind_int64(st, 5, in->max_choices);
			db_bind_int64(st, 6, pb_method_parse(in->method) == PB_METHOD_CUMULATIVE ? in->points : 0);
			db_bind_text(st, 7, in->rule);
			db_bind_text(st, 8, pb_now_text(now, ts));
			db_bind_int64(st, 9, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *before = json_object();
		json_set_str(before, "title", p.title);
		json_set_int(before, "ceiling_cents", p.ceiling);
		json_set_str(before, "method", pb_method_names[p.method]);
		json_set_str(before, "rule", pb_rule_names[p.rule]);
		json_set_int(before, "max_choices", p.max_choices);
		json_set_int(before, "points", p.points);
		rc = pb_audit(c, who, now, "pb.process.update", id, before, settings_json(in), e);
	}
	return db_tx_leave(c, own, rc, e);
}

/* ---- the calendar ---- */

static int step_index(const struct pb_process *p, int64_t step, struct err *e)
{
	for (size_t i = 0; i < p->nsteps; i++)
		if (p->step_ids[i] == step)
			return (int)i;
	return err_set(e, ERR_NOTFOUND, "The calendar has no such step");
}

static int write_step(struct db_conn *c, const struct actor *who, int64_t now, const struct pb_process *p, int i,
		      int64_t starts, int64_t ends, const char *title, const char *action, struct err *e)
{
	if (ends <= starts)
		return err_set(e, ERR_INVALID, "A step must end after it starts");
	char a[DATETIME_FMT_MAX], b[DATETIME_FMT_MAX];
	struct db_stmt *st = db_prepare(c, title
		? "UPDATE pb_step SET starts_at = ?, ends_at = ?, title = ? WHERE id = ?"
		: "UPDATE pb_step SET starts_at = ?, ends_at = ? WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, datetime_format(starts, a));
	db_bind_text(st, 2, datetime_format(ends, b));
	if (title) {
		db_bind_text(st, 3, title);
		db_bind_int64(st, 4, p->step_ids[i]);
	} else {
		db_bind_int64(st, 3, p->step_ids[i]);
	}
	int rc = db_step_done(st, e);
	if (!rc) {
		char x[DATETIME_FMT_MAX], y[DATETIME_FMT_MAX];
		json_t *before = json_pack("{ssssss}", "step", pb_step_names[p->steps[i].kind], "starts_at",
					   datetime_format(p->steps[i].starts, x), "ends_at", datetime_format(p->steps[i].ends, y));
		json_t *after = json_pack("{ssssss}", "step", pb_step_names[p->steps[i].kind], "starts_at", a, "ends_at", b);
		rc = pb_audit(c, who, now, action, p->id, before, after, e);
	}
	return rc;
}

int pb_step_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t step,
		int64_t starts, int64_t ends, const char *title, struct err *e)
{
	int rc = pb_text_check("title", title, PB_TITLE_MAX, false, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	int i = -1;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc && (i = step_index(&p, step, e)) < 0)
		rc = i;
	if (!rc)
		rc = write_step(c, who, now, &p, i, starts, ends, title ? title : "", "pb.step.update", e);
	return db_tx_leave(c, own, rc, e);
}

int pb_step_open_now(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t step,
		     struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	int i = -1;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc && (i = step_index(&p, step, e)) < 0)
		rc = i;
	if (!rc) {
		const struct pb_step *s = &p.steps[i];
		if (s->starts <= now && now < s->ends)
			rc = err_set(e, ERR_CONFLICT, "The step \"%s\" is already open", tr(e->lang, pb_step_label(s->kind)));
		else {
			/* it keeps its end if still ahead, else its length; never less than
			 * to the end of the next day in Peru (a step closed early and opened
			 * again would otherwise be open for the second it had lasted) */
			int64_t ends = s->ends > now ? s->ends : now + (s->ends - s->starts);
			int64_t local = now + PB_TZ_OFFSET;
			int64_t min_end = (local - (local % 86400 + 86400) % 86400) + 2 * 86400 - PB_TZ_OFFSET;
			if (ends < min_end)
				ends = min_end;
			rc = write_step(c, who, now, &p, i, now, ends, NULL, "pb.step.open", e);
		}
	}
	return db_tx_leave(c, own, rc, e);
}

int pb_step_close_now(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t step,
		      struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	int i = -1;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc && (i = step_index(&p, step, e)) < 0)
		rc = i;
	if (!rc) {
		const struct pb_step *s = &p.steps[i];
		if (s->ends <= now)
			rc = err_set(e, ERR_CONFLICT, "The step \"%s\" is already closed", tr(e->lang, pb_step_label(s->kind)));
		else
			rc = write_step(c, who, now, &p, i, s->starts < now ? s->starts : now - 1, now, NULL, "pb.step.close", e);
	}
	return db_tx_leave(c, own, rc, e);
}

/* ---- zones and caps ---- */

int pb_zone_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *name,
		const char *territory, int64_t budget, int64_t *id, struct err *e)
{
	int rc = pb_text_check("name", name, PB_NAME_MAX, true, e);
	if (rc)
		return rc;
	if (budget < 0)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc && !pb_blank(territory)) {
		struct territory t;
		rc = territory_get(c, territory, &t, e);
		if (rc == ERR_NOTFOUND)
			rc = e->code = ERR_INVALID;
		if (!rc && strncmp(territory, p.government, strlen(p.government)) != 0)
			rc = err_set(e, ERR_INVALID, "%s is outside the territory of %s", t.name, p.government_name);
	}
	int64_t used = 0, n = 0, ballots = 0;
	if (!rc)
		rc = pb_int_query(c, "SELECT COALESCE(SUM(budget), 0) FROM pb_zone WHERE process_id = ?", process, 0, &used, e);
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_zone WHERE process_id = ?", process, 0, &n, e);
	if (!rc && n >= 100)
		rc = err_set(e, ERR_INVALID, "A process can have at most %d zones", 100);
	if (!rc && used + budget > p.ceiling) {
		char a[64], b[64];
		rc = err_set(e, ERR_INVALID, "The zone budgets would add up to %s, more than the ceiling of %s",
			     pb_money(p.currency, used + budget, a, sizeof a), pb_money(p.currency, p.ceiling, b, sizeof b));
	}
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?", process, 0, &ballots, e);
	if (!rc && ballots)
		rc = err_set(e, ERR_CONFLICT, "Zones cannot change once voting has begun (%lld ballots)", (long long)ballots);
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_zone (process_id, name, territory_code, budget) VALUES (?, ?, ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, name);
			pb_bind_text_or_null(st, 3, territory);
			db_bind_int64(st, 4, budget);
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "There is already a zone named \"%s\"", name);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.zone.add", process, NULL,
			      json_pack("{sssIss?}", "zone", name, "budget_cents", (json_int_t)budget, "territory",
					pb_blank(territory) ? NULL : territory), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_zone_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, int64_t zone,
		   struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	int64_t owner = 0, used = 0, ballots = 0;
	if (!rc)
		rc = pb_int_query(c, "SELECT process_id FROM pb_zone WHERE id = ?", zone, 0, &owner, e);
	if (!rc && owner != process)
		rc = err_set(e, ERR_NOTFOUND, "The process has no such zone");
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_proposal WHERE zone_id = ?", zone, 0, &used, e);
	if (!rc && used)
		rc = err_set(e, ERR_CONFLICT, "%lld proposals belong to this zone: it cannot be removed", (long long)used);
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?", process, 0, &ballots, e);
	if (!rc && ballots)
		rc = err_set(e, ERR_CONFLICT, "Zones cannot change once voting has begun (%lld ballots)", (long long)ballots);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM pb_zone WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, zone);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.zone.remove", process, json_pack("{sI}", "zone", (json_int_t)zone), NULL, e);
	return db_tx_leave(c, own, rc, e);
}

int pb_cap_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *category,
	       int64_t amount, struct err *e)
{
	if (!project_sector_valid(category))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "category");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc && amount > p.ceiling) {
		char a[64];
		rc = err_set(e, ERR_INVALID, "A category cap cannot exceed the ceiling of %s", pb_money(p.currency, p.ceiling, a, sizeof a));
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, amount < 0
			? "DELETE FROM pb_cap WHERE process_id = ? AND category = ?"
			: "INSERT INTO pb_cap (process_id, category, amount) VALUES (?, ?, ?)"
			  " ON CONFLICT (process_id, category) DO UPDATE SET amount = excluded.amount", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, category);
			if (amount >= 0)
				db_bind_int64(st, 3, amount);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, amount < 0 ? "pb.cap.remove" : "pb.cap.set", process, NULL,
			      json_pack("{sssI}", "category", category, "amount_cents", (json_int_t)amount), e);
	return db_tx_leave(c, own, rc, e);
}

/* ---- criteria ---- */

int pb_criteria_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t process,
		    const struct pb_criterion_input *in, size_t n, struct err *e)
{
	if (n > 20)
		return err_set(e, ERR_INVALID, "A matrix can have at most %d criteria", 20);
	struct pb_criterion crit[20];
	for (size_t i = 0; i < n; i++) {
		int rc = pb_text_check("name", in[i].name, PB_NAME_MAX, true, e);
		if (!rc)
			rc = pb_text_check("scale_text", in[i].scale_text, 500, false, e);
		if (rc)
			return rc;
		int k = pb_criterion_kind_parse(in[i].kind);
		if (k < 0)
			return err_set(e, ERR_INVALID, "Criterion \"%s\": unknown kind \"%s\"", in[i].name, in[i].kind ? in[i].kind : "");
		crit[i] = (struct pb_criterion){ (enum pb_criterion_kind)k, in[i].weight, in[i].scale_min, in[i].scale_max };
	}
	int64_t total;
	size_t bad;
	switch (pb_criteria_check(crit, n, &total, &bad)) {
	case PB_CRITERIA_OK: break;
	case PB_CRITERIA_EMPTY: return err_set(e, ERR_INVALID, "The matrix needs at least one criterion");
	case PB_CRITERIA_WEIGHT:
		return err_set(e, ERR_INVALID, "Criterion \"%s\": a weight is between 0 and 100 (not %lld)", in[bad].name,
			       (long long)in[bad].weight);
	case PB_CRITERIA_TOTAL:
		return err_set(e, ERR_INVALID, "The weights total %lld; they must total 100", (long long)total);
	case PB_CRITERIA_SCALE:
		return err_set(e, ERR_INVALID, "Criterion \"%s\": the scale goes from a lower to a higher whole number, within -1000..1000",
			       in[bad].name);
	case PB_CRITERIA_TWICE:
		return err_set(e, ERR_INVALID, "Criterion \"%s\": the kind \"%s\" is already in the matrix", in[bad].name,
			       tr(e->lang, pb_criterion_kind_label(crit[bad].kind)));
	}
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	int64_t scored = 0;
	if (!rc)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_score s JOIN pb_criterion k ON k.id = s.criterion_id"
				     " WHERE k.process_id = ?", process, 0, &scored, e);
	if (!rc && scored)
		rc = err_set(e, ERR_CONFLICT, "The committee has already scored (%lld scores): the matrix cannot change",
			     (long long)scored);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM pb_criterion WHERE process_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			rc = db_step_done(st, e);
		}
	}
	json_t *after = json_array();
	for (size_t i = 0; i < n && !rc; i++) {
		rc = insert_criterion(c, process, (int64_t)i + 1, &in[i], e);
		json_array_append_new(after, json_pack("{sssssI}", "name", in[i].name, "kind", in[i].kind, "weight",
						       (json_int_t)in[i].weight));
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.criteria.set", process, NULL, json_pack("{so}", "criteria", after), e);
	else
		json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

/* ---- the process as JSON ---- */

static int steps_json(const struct pb_process *p, struct db_conn *c, int64_t now, json_t *o, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT id, kind, phase, title, starts_at, ends_at FROM pb_step WHERE process_id = ? ORDER BY starts_at, id", e);
	if (!st) {
		json_decref(arr);
		return e->code;
	}
	db_bind_int64(st, 1, p->id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *s = json_object();
		int64_t a = pb_time_of(db_col_text(st, 4)), b = pb_time_of(db_col_text(st, 5));
		json_set_int(s, "id", db_col_int64(st, 0));
		pb_set_text(s, "kind", st, 1);
		pb_set_text(s, "phase", st, 2);
		pb_set_text(s, "title", st, 3);
		pb_set_text(s, "starts_at", st, 4);
		pb_set_text(s, "ends_at", st, 5);
		char x[24], y[24], d[DATE_FMT_MAX];
		json_set_str(s, "starts_local", pb_when(a, false, x));
		json_set_str(s, "ends_local", pb_when(b, true, y));
		json_set_str(s, "first_day", date_format(pb_local_date(a), d));
		json_set_str(s, "last_day", date_format(pb_local_last_day(b), d));
		json_set_str(s, "state", now < a ? "upcoming" : now < b ? "open" : "done");
		json_array_append_new(arr, s);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	int open, next;
	int phase = pb_calendar_now(p->steps, p->nsteps, now, &open, &next);
	json_set_str(o, "phase", phase >= 0 && phase < PB_PHASE_COUNT ? pb_phase_names[phase] : phase < 0 ? NULL : "closed");
	json_set_str(o, "open_step", open >= 0 ? pb_step_names[p->steps[open].kind] : NULL);
	json_set_str(o, "next_step", next >= 0 ? pb_step_names[p->steps[next].kind] : NULL);
	json_object_set_new(o, "steps", arr);
	return 0;
}

static json_t *core_json(const struct pb_process *p)
{
	json_t *o = json_object();
	json_set_int(o, "id", p->id);
	json_t *g = json_object();
	json_set_str(g, "code", p->government);
	json_set_str(g, "name", p->government_name);
	json_object_set_new(o, "government", g);
	json_set_int(o, "year", p->year);
	json_set_str(o, "title", p->title);
	json_set_str(o, "currency", p->currency);
	json_set_int(o, "ceiling_cents", p->ceiling);
	json_set_str(o, "method", pb_method_names[p->method]);
	json_set_int(o, "max_choices", p->max_choices);
	json_set_int(o, "points", p->points);
	json_set_str(o, "rule", pb_rule_names[p->rule]);
	json_set_str(o, "origin", p->origin);
	return o;
}

static int rows_json(struct db_conn *c, const char *sql, int64_t id, json_t **out, struct err *e,
		     void (*row)(json_t *o, struct db_stmt *st))
{
	struct db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		row(o, st);
		json_array_append_new(arr, o);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

static void zone_row(json_t *o, struct db_stmt *st)
{
	json_set_int(o, "id", db_col_int64(st, 0));
	pb_set_text(o, "name", st, 1);
	pb_set_text(o, "territory", st, 2);
	json_set_int(o, "budget_cents", db_col_int64(st, 3));
	json_set_int(o, "proposals", db_col_int64(st, 4));
}

static void cap_row(json_t *o, struct db_stmt *st)
{
	pb_set_text(o, "category", st, 0);
	json_set_int(o, "amount_cents", db_col_int64(st, 1));
}

static void criterion_row(json_t *o, struct db_stmt *st)
{
	json_set_int(o, "id", db_col_int64(st, 0));
	pb_set_text(o, "name", st, 1);
	pb_set_text(o, "kind", st, 2);
	json_set_int(o, "weight", db_col_int64(st, 3));
	json_set_int(o, "scale_min", db_col_int64(st, 4));
	json_set_int(o, "scale_max", db_col_int64(st, 5));
	pb_set_text(o, "scale_text", st, 6);
	json_set_bool(o, "committee", str_eq(db_col_text(st, 2), "committee"));
}

int pb_process_json(struct db_conn *c, int64_t id, int64_t now, json_t **out, struct err *e)
{
	struct pb_process p;
	int rc = pb_process_get(c, id, &p, e);
	if (rc)
		return rc;
	json_t *o = core_json(&p), *zones = NULL, *caps = NULL, *crit = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT description, results_rule, results_at, formalized_at, created_at FROM pb_process WHERE id = ?", e);
	if (!st)
		rc = e->code;
	else {
		db_bind_int64(st, 1, id);
		if ((rc = db_step(st, e)) == DB_ROW) {
			pb_set_text(o, "description", st, 0);
			pb_set_text(o, "results_rule", st, 1);
			pb_set_text(o, "results_at", st, 2);
			pb_set_text(o, "formalized_at", st, 3);
			pb_set_text(o, "created_at", st, 4);
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc)
		rc = steps_json(&p, c, now, o, e);
	if (!rc)
		rc = rows_json(c,
			"SELECT z.id, z.name, z.territory_code, z.budget,"
			" (SELECT COUNT(*) FROM pb_proposal x WHERE x.zone_id = z.id) FROM pb_zone z WHERE z.process_id = ? ORDER BY z.id",
			id, &zones, e, zone_row);
	if (!rc)
		rc = rows_json(c, "SELECT category, amount FROM pb_cap WHERE process_id = ? ORDER BY category", id, &caps, e,
			       cap_row);
	if (!rc)
		rc = rows_json(c,
			"SELECT id, name, kind, weight, scale_min, scale_max, scale_text FROM pb_criterion"
			" WHERE process_id = ? ORDER BY position, id", id, &crit, e, criterion_row);
	if (rc) {
		json_decref(o);
		json_decref(zones);
		json_decref(caps);
		json_decref(crit);
		return rc;
	}
	int64_t zone_total = 0, weights = 0;
	size_t i;
	json_t *x;
	json_array_foreach(zones, i, x)
		zone_total += json_get_int(x, "budget_cents", 0);
	json_array_foreach(crit, i, x)
		weights += json_get_int(x, "weight", 0);
	json_set_int(o, "general_budget_cents", p.ceiling - zone_total);
	json_set_int(o, "weights_total", weights);
	json_object_set_new(o, "zones", zones);
	json_object_set_new(o, "caps", caps);
	json_object_set_new(o, "criteria", crit);
	/* counts */
	static const struct { const char *key, *sql; } counts[] = {
		{ "agents", "SELECT COUNT(*) FROM pb_agent WHERE process_id = ?" },
		{ "accredited", "SELECT COUNT(*) FROM pb_agent WHERE process_id = ? AND status = 'accredited'" },
		{ "proposals", "SELECT COUNT(*) FROM pb_proposal WHERE process_id = ?" },
		{ "viable", "SELECT COUNT(*) FROM pb_proposal WHERE process_id = ? AND review = 'viable'" },
		{ "untraced", "SELECT COUNT(*) FROM pb_proposal WHERE process_id = ? AND element_id IS NULL" },
		{ "ballots", "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ?" },
		{ "selected", "SELECT COUNT(*) FROM pb_result WHERE process_id = ? AND selected = 1" },
		{ "committee", "SELECT COUNT(*) FROM pb_committee WHERE process_id = ?" },
		{ "observations", "SELECT COUNT(*) FROM pb_observation WHERE process_id = ?" },
	};
	json_t *cnt = json_object();
	for (size_t k = 0; k < ARRAY_LEN(counts) && !rc; k++) {
		int64_t n;
		rc = pb_int_query(c, counts[k].sql, id, 0, &n, e);
		json_set_int(cnt, counts[k].key, n);
	}
	json_object_set_new(o, "counts", cnt);
	if (p.invest_plan_id)
		json_set_int(o, "invest_plan_id", p.invest_plan_id);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

int pb_process_list(struct db_conn *c, const char *government, int64_t now, json_t **items, struct err *e)
{
	struct db_stmt *st = db_prepare(c, government
		? "SELECT id FROM pb_process WHERE government_code = ? ORDER BY year DESC, id DESC"
		: "SELECT id FROM pb_process WHERE CAST(? AS TEXT) IS NULL ORDER BY year DESC, id DESC", e);
	if (!st)
		return e->code;
	pb_bind_text_or_null(st, 1, government);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = db_col_int64(st, 0);
	}
	db_finish(st);
	if (rc < 0) {
		free(ids);
		return rc;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = NULL;
		if ((rc = pb_process_json(c, ids[i], now, &o, e))) {
			json_decref(arr);
			free(ids);
			return rc;
		}
		json_array_append_new(arr, o);
	}
	free(ids);
	*items = arr;
	return 0;
}
