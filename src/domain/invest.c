/* invest.c — funding sources, the annual investment plan, financial entries and
 * the execution table. Sums are made here in C with overflow-checked integer
 * arithmetic (rules/invest_rules.c), never by the database. */
#include "core/compat.h"
#include "domain/invest.h"
#include "domain/articulation.h"
#include "domain/project.h"
#include "domain/territory.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/money.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define YEAR_MIN 2000
#define YEAR_MAX 2100

const char *amount_format(const char *currency, int64_t cents, char *out, size_t n)
{
	char num[MONEY_FMT_MAX];
	money_format_grouped(cents, num);
	if (!currency || str_eq(currency, "PEN"))
		snprintf(out, n, "S/ %s", num);
	else
		snprintf(out, n, "%s %s", currency, num);
	return out;
}

static void id_text(int64_t id, char out[24]) { snprintf(out, 24, "%lld", (long long)id); }

static bool text_ok(const char *s, size_t max_chars) { return !s || (utf8_valid(s, strlen(s)) && utf8_len(s) <= max_chars); }

static int year_ok(int64_t year, struct err *e)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return err_set(e, ERR_INVALID, "The year must be between %d and %d", YEAR_MIN, YEAR_MAX);
	return 0;
}

/* ---- funding sources ---- */

int funding_source_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
			  const char *kind, const char *name, const char *currency, int64_t *id, struct err *e)
{
	if (!funding_kind_valid(kind))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "kind");
	if (!name || !*name)
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "name");
	if (!text_ok(name, FUNDING_NAME_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "name",
			       (size_t)FUNDING_NAME_MAX);
	const char *cur = currency && *currency ? currency : "PEN";
	if (!currency_valid(cur))
		return err_set(e, ERR_INVALID, "The currency must be a three-letter ISO code such as PEN or USD");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct government g;
	rc = government_get(c, government ? government : "", &g, e);
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO funding_source (government_code, kind, name, currency, created_at)"
			" VALUES (?, ?, ?, ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, government);
			db_bind_text(st, 2, kind);
			db_bind_text(st, 3, name);
			db_bind_text(st, 4, cur);
			db_bind_text(st, 5, datetime_format(now, at));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "%s already has a funding source named \"%s\"", g.name, name);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc) {
		json_t *after = json_pack("{sssssss}", "government", government, "kind", kind, "name", name, "currency", cur);
		char sid[24];
		id_text(*id, sid);
		rc = audit_record(c, who, now, "funding.create", "funding_source", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

int funding_source_get(struct db_conn *c, int64_t id, struct funding_source *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id, government_code, kind, name, currency FROM funding_source WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		out->id = db_col_int64(st, 0);
		snprintf(out->government, sizeof out->government, "%s", db_col_text(st, 1));
		snprintf(out->kind, sizeof out->kind, "%s", db_col_text(st, 2));
		snprintf(out->name, sizeof out->name, "%s", db_col_text(st, 3));
		snprintf(out->currency, sizeof out->currency, "%s", db_col_text(st, 4));
	}
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No funding source with number %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

/* What a source's lines program in a year (all plans of that year). */
static int programmed_in(struct db_conn *c, int64_t source_id, int64_t year, int64_t *out, struct err *e)
{
	*out = 0;
	struct db_stmt *st = db_prepare(c,
		"SELECT l.amount FROM invest_line l JOIN invest_plan p ON p.id = l.plan_id"
		" WHERE l.source_id = ? AND p.year = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, source_id);
	db_bind_int64(st, 2, year);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		if (money_add(*out, db_col_int64(st, 0), out)) {
			rc = err_set(e, ERR_INVALID, "Amounts too large to add up");
			break;
		}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* The ceiling of a source for a year; *has = false when unset. */
static int ceiling_of(struct db_conn *c, int64_t source_id, int64_t year, int64_t *amount, bool *has, struct err *e)
{
	*amount = 0;
	*has = false;
	struct db_stmt *st = db_prepare(c, "SELECT amount FROM funding_ceiling WHERE source_id = ? AND year = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, source_id);
	db_bind_int64(st, 2, year);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		*amount = db_col_int64(st, 0);
		*has = true;
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int funding_ceiling_set(struct db_conn *c, const struct actor *who, int64_t now, int64_t source_id, int64_t year,
			int64_t amount, struct err *e)
{
	int rc = year_ok(year, e);
	if (rc)
		return rc;
	if (amount < 0)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	bool own;
	rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct funding_source s;
	int64_t programmed = 0, before = 0;
	bool had = false;
	rc = funding_source_get(c, source_id, &s, e);
	if (!rc)
		rc = programmed_in(c, source_id, year, &programmed, e);
	if (!rc)
		rc = ceiling_of(c, source_id, year, &before, &had, e);
	if (!rc && amount < programmed) {
		char p[64];
		rc = err_set(e, ERR_CONFLICT, "Lines already program %s from \"%s\" in %lld: the ceiling cannot be lower",
			     amount_format(s.currency, programmed, p, sizeof p), s.name, (long long)year);
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO funding_ceiling (source_id, year, amount) VALUES (?, ?, ?)"
			" ON CONFLICT (source_id, year) DO UPDATE SET amount = excluded.amount", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, source_id);
			db_bind_int64(st, 2, year);
			db_bind_int64(st, 3, amount);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *b = had ? json_pack("{sIsI}", "year", (json_int_t)year, "ceiling_cents", (json_int_t)before) : NULL;
		json_t *a = json_pack("{sIsI}", "year", (json_int_t)year, "ceiling_cents", (json_int_t)amount);
		char sid[24];
		id_text(source_id, sid);
		rc = audit_record(c, who, now, "funding.ceiling", "funding_source", sid, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return db_tx_leave(c, own, rc, e);
}

static json_t *source_json(int64_t id, const char *name, const char *kind, const char *currency)
{
	json_t *o = json_object();
	json_set_int(o, "id", id);
	json_set_str(o, "name", name);
	json_set_str(o, "kind", kind);
	json_set_str(o, "currency", currency);
	return o;
}

/* Adds ceiling/programmed/left for `year` to a source object. */
static int source_figures(struct db_conn *c, json_t *o, int64_t id, int64_t year, struct err *e)
{
	int64_t ceiling, programmed;
	bool has;
	int rc = ceiling_of(c, id, year, &ceiling, &has, e);
	if (!rc)
		rc = programmed_in(c, id, year, &programmed, e);
	if (rc)
		return rc;
	json_object_set_new(o, "ceiling_cents", has ? json_integer(ceiling) : json_null());
	json_set_int(o, "programmed_cents", programmed);
	int64_t left;
	invest_fits(programmed, ceiling, 0, &left);
	json_object_set_new(o, "left_cents", has ? json_integer(left) : json_null());
	json_set_bool(o, "over", has && left < 0);
	return 0;
}

int funding_source_list(struct db_conn *c, const char *government, int64_t year, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT id, name, kind, currency FROM funding_source WHERE government_code = ? ORDER BY name, id", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, government ? government : "");
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, source_json(db_col_int64(st, 0), db_col_text(st, 1), db_col_text(st, 2),
						       db_col_text(st, 3)));
	db_finish(st);
	size_t i;
	json_t *s;
	if (rc >= 0 && year)
		json_array_foreach(arr, i, s) {
			rc = source_figures(c, s, json_get_int(s, "id", 0), year, e);
			if (rc)
				break;
		}
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* ---- plans ---- */

int invest_plan_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government, int64_t year,
		       int64_t *id, struct err *e)
{
	int rc = year_ok(year, e);
	if (rc)
		return rc;
	bool own;
	rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct government g;
	rc = government_get(c, government ? government : "", &g, e);
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO invest_plan (government_code, year, status, created_at) VALUES (?, ?, 'draft', ?)"
			" RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, government);
			db_bind_int64(st, 2, year);
			db_bind_text(st, 3, datetime_format(now, at));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "%s already has an investment plan for %lld", g.name,
					     (long long)year);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc) {
		json_t *after = json_pack("{sssIss}", "government", government, "year", (json_int_t)year, "status", "draft");
		char sid[24];
		id_text(*id, sid);
		rc = audit_record(c, who, now, "invest.create", "invest_plan", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

static void plan_read(struct db_stmt *st, struct invest_plan_core *out)
{
	out->id = db_col_int64(st, 0);
	snprintf(out->government, sizeof out->government, "%s", db_col_text(st, 1));
	out->year = db_col_int64(st, 2);
	out->approved = str_eq(db_col_text(st, 3), "approved");
}

int invest_plan_core_get(struct db_conn *c, int64_t id, struct invest_plan_core *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id, government_code, year, status FROM invest_plan WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		plan_read(st, out);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No investment plan with number %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

int invest_plan_find(struct db_conn *c, const char *government, int64_t year, struct invest_plan_core *out,
		     struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT id, government_code, year, status FROM invest_plan WHERE government_code = ? AND year = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, government ? government : "");
	db_bind_int64(st, 2, year);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		plan_read(st, out);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No investment plan for %lld", (long long)year);
	return rc < 0 ? rc : 0;
}

static json_t *plan_row(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_int(o, "id", db_col_int64(st, 0));
	json_set_str(o, "government", db_col_text(st, 1));
	json_set_int(o, "year", db_col_int64(st, 2));
	json_set_str(o, "status", db_col_text(st, 3));
	json_set_str(o, "approval_reference", db_col_text(st, 4));
	json_set_str(o, "approved_at", db_col_text(st, 5));
	json_set_str(o, "created_at", db_col_text(st, 6));
	return o;
}

int invest_plan_list(struct db_conn *c, const char *government, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT id, government_code, year, status, approval_reference, approved_at, created_at FROM invest_plan"
		" WHERE government_code = ? ORDER BY year DESC", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, government ? government : "");
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *p = plan_row(st);
		json_array_append_new(arr, p);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	/* total programmed per plan, summed here */
	size_t i;
	json_t *p;
	json_array_foreach(arr, i, p) {
		struct db_stmt *s2 = db_prepare(c, "SELECT COUNT(*) FROM invest_line WHERE plan_id = ?", e);
		if (!s2) {
			json_decref(arr);
			return e->code;
		}
		db_bind_int64(s2, 1, json_get_int(p, "id", 0));
		if (db_step(s2, e) == DB_ROW)
			json_set_int(p, "lines", db_col_int64(s2, 0));
		db_finish(s2);
	}
	*out = arr;
	return 0;
}

int invest_plan_get_json(struct db_conn *c, int64_t id, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT id, government_code, year, status, approval_reference, approved_at, created_at FROM invest_plan"
		" WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	json_t *plan = rc == DB_ROW ? plan_row(st) : NULL;
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No investment plan with number %lld", (long long)id);
	if (rc < 0)
		return rc;
	struct government g;
	if (government_get(c, json_get_str(plan, "government", ""), &g, e) == 0)
		json_object_set_new(plan, "government", government_to_json(&g));
	int64_t year = json_get_int(plan, "year", 0);
	json_t *lines = json_array();
	json_object_set_new(plan, "lines", lines);
	st = db_prepare(c,
		"SELECT l.id, l.project_id, p.code, p.title, p.status, l.source_id, fs.name, fs.kind, fs.currency,"
		" l.amount, l.q1, l.q2, l.q3, l.q4 FROM invest_line l JOIN project p ON p.id = l.project_id"
		" JOIN funding_source fs ON fs.id = l.source_id WHERE l.plan_id = ? ORDER BY fs.name, p.code", e);
	if (!st) {
		json_decref(plan);
		return e->code;
	}
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		json_t *p = json_object();
		json_set_int(p, "id", db_col_int64(st, 1));
		json_set_str(p, "code", db_col_text(st, 2));
		json_set_str(p, "title", db_col_text(st, 3));
		json_set_str(p, "status", db_col_text(st, 4));
		json_object_set_new(o, "project", p);
		json_object_set_new(o, "source", source_json(db_col_int64(st, 5), db_col_text(st, 6), db_col_text(st, 7),
							     db_col_text(st, 8)));
		json_set_int(o, "amount_cents", db_col_int64(st, 9));
		json_t *q = json_array();
		for (int k = 0; k < 4; k++)
			json_array_append_new(q, json_integer(db_col_int64(st, 10 + k)));
		json_object_set_new(o, "quarters_cents", q);
		json_array_append_new(lines, o);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(plan);
		return rc;
	}
	/* per source: the year's ceiling against what is programmed, and quarters */
	json_t *sources = NULL;
	rc = funding_source_list(c, g.code, year, &sources, e);
	if (rc) {
		json_decref(plan);
		return rc;
	}
	size_t i, j;
	json_t *s, *l;
	json_array_foreach(sources, i, s) {
		int64_t q[4] = { 0, 0, 0, 0 }, total = 0;
		bool overflow = false;
		json_array_foreach(lines, j, l) {
			if (json_get_int(json_object_get(l, "source"), "id", 0) != json_get_int(s, "id", -1))
				continue;
			overflow |= money_add(total, json_get_int(l, "amount_cents", 0), &total) != 0;
			for (int k = 0; k < 4; k++)
				overflow |= money_add(q[k], json_integer_value(json_array_get(json_object_get(l, "quarters_cents"), (size_t)k)),
						      &q[k]) != 0;
		}
		if (overflow) {
			json_decref(sources);
			json_decref(plan);
			return err_set(e, ERR_INVALID, "Amounts too large to add up");
		}
		json_set_int(s, "in_plan_cents", total);
		json_t *qa = json_array();
		for (int k = 0; k < 4; k++)
			json_array_append_new(qa, json_integer(q[k]));
		json_object_set_new(s, "quarters_cents", qa);
	}
	json_object_set_new(plan, "sources", sources);
	*out = plan;
	return 0;
}

/* Is the project the government's (owned, or located in its territory)? */
static bool belongs(const struct project_core *p, const char *government)
{
	return str_eq(p->government, government) || strncmp(p->territory, government, strlen(government)) == 0;
}

static int line_exists(struct db_conn *c, int64_t plan_id, int64_t project_id, int64_t source_id, bool *yes,
		       struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT 1 FROM invest_line WHERE plan_id = ? AND project_id = ? AND (? = 0 OR source_id = ?)", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, plan_id);
	db_bind_int64(st, 2, project_id);
	db_bind_int64(st, 3, source_id);
	db_bind_int64(st, 4, source_id);
	int rc = db_step(st, e);
	*yes = rc == DB_ROW;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int check_and_insert_line(struct db_conn *c, const struct actor *who, int64_t now,
				 const struct invest_plan_core *plan, const struct invest_line_input *in,
				 int64_t *line_id, struct err *e)
{
	char a[64], b[64];
	if (plan->approved)
		return err_set(e, ERR_CONFLICT, "The investment plan %lld was approved; it can no longer be changed",
			       (long long)plan->year);
	if (in->amount < 0)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	if (in->amount == 0)
		return err_set(e, ERR_INVALID, "The amount must be greater than zero");
	struct project_core p;
	struct funding_source s;
	int rc = project_core_get(c, in->project_id, &p, e);
	if (!rc)
		rc = funding_source_get(c, in->source_id, &s, e);
	if (rc == ERR_NOTFOUND)
		return e->code = ERR_INVALID; /* a bad reference in the form, not a missing page */
	if (rc)
		return rc;
	bool programmed_here = false;
	if (p.status == PS_PROGRAMMED) {
		/* another source for a project already in this plan (cofinancing) */
		rc = line_exists(c, plan->id, p.id, 0, &programmed_here, e);
		if (rc)
			return rc;
	}
	if (!project_status_programmable(p.status) && !programmed_here)
		return err_set(e, ERR_CONFLICT, "Only viable or prioritized projects can be programmed (%s is \"%s\")", p.code,
			       tr(e->lang, project_status_label(p.status)));
	if (!belongs(&p, plan->government))
		return err_set(e, ERR_INVALID, "The project %s is outside the territory of the plan's government", p.code);
	if (!str_eq(s.government, plan->government))
		return err_set(e, ERR_INVALID, "The funding source \"%s\" belongs to another government", s.name);
	if (!str_eq(s.currency, p.currency))
		return err_set(e, ERR_INVALID, "The source pays in %s but the project is costed in %s", s.currency, p.currency);
	int64_t q[4];
	memcpy(q, in->q, sizeof q);
	if (q[0] < 0 && q[1] < 0 && q[2] < 0 && q[3] < 0)
		invest_split_quarters(in->amount, q);
	for (int k = 0; k < 4; k++)
		if (q[k] < 0)
			return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	if (!invest_quarters_ok(in->amount, q)) {
		int64_t sum = 0;
		for (int k = 0; k < 4; k++)
			if (money_add(sum, q[k], &sum))
				sum = INT64_MAX;
		return err_set(e, ERR_INVALID, "The quarterly schedule adds up to %s, not to the amount %s",
			       amount_format(s.currency, sum, a, sizeof a), amount_format(s.currency, in->amount, b, sizeof b));
	}
	bool dup;
	rc = line_exists(c, plan->id, p.id, s.id, &dup, e);
	if (rc)
		return rc;
	if (dup)
		return err_set(e, ERR_CONFLICT, "%s already has a line from \"%s\" in this plan", p.code, s.name);
	int64_t ceiling, programmed, room;
	bool has;
	rc = ceiling_of(c, s.id, plan->year, &ceiling, &has, e);
	if (!rc)
		rc = programmed_in(c, s.id, plan->year, &programmed, e);
	if (rc)
		return rc;
	if (!has)
		return err_set(e, ERR_CONFLICT, "The funding source \"%s\" has no ceiling for %lld: set it first", s.name,
			       (long long)plan->year);
	if (!invest_fits(programmed, ceiling, in->amount, &room))
		return err_set(e, ERR_CONFLICT, "Over the ceiling: \"%s\" has %s left for %lld and this line needs %s", s.name,
			       amount_format(s.currency, room, a, sizeof a), (long long)plan->year,
			       amount_format(s.currency, in->amount, b, sizeof b));
	if (p.status == PS_VIABLE) {
		rc = project_transition_via(c, who, now, p.id, PS_PRIORITIZED, VIA_PLAN, N_("Prioritized for the investment plan"), e);
		if (rc)
			return rc;
	}
	char at[DATETIME_FMT_MAX];
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO invest_line (plan_id, project_id, source_id, amount, q1, q2, q3, q4, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, plan->id);
	db_bind_int64(st, 2, p.id);
	db_bind_int64(st, 3, s.id);
	db_bind_int64(st, 4, in->amount);
	for (int k = 0; k < 4; k++)
		db_bind_int64(st, 5 + k, q[k]);
	db_bind_text(st, 9, datetime_format(now, at));
	rc = db_step(st, e);
	if (rc == DB_ROW)
		*line_id = db_col_int64(st, 0);
	db_finish(st);
	if (rc < 0)
		return rc;
	if (!programmed_here) {
		rc = project_transition_via(c, who, now, p.id, PS_PROGRAMMED, VIA_PLAN, N_("Programmed in the investment plan"), e);
		if (rc)
			return rc;
	}
	json_t *after = json_pack("{sIsssIsssIs[IIII]}", "line", (json_int_t)*line_id, "project", p.code,
				  "project_id", (json_int_t)p.id, "source", s.name, "amount_cents", (json_int_t)in->amount,
				  "quarters_cents", (json_int_t)q[0], (json_int_t)q[1], (json_int_t)q[2], (json_int_t)q[3]);
	char sid[24];
	id_text(plan->id, sid);
	rc = audit_record(c, who, now, "invest.line.add", "invest_plan", sid, NULL, after, e);
	json_decref(after);
	return rc;
}

int invest_line_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
		    const struct invest_line_input *in, int64_t *line_id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct invest_plan_core plan;
	rc = invest_plan_core_get(c, plan_id, &plan, e);
	if (!rc)
		rc = check_and_insert_line(c, who, now, &plan, in, line_id, e);
	return db_tx_leave(c, own, rc, e);
}

int invest_line_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id, int64_t line_id,
		       struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct invest_plan_core plan;
	rc = invest_plan_core_get(c, plan_id, &plan, e);
	if (!rc && plan.approved)
		rc = err_set(e, ERR_CONFLICT, "The investment plan %lld was approved; it can no longer be changed",
			     (long long)plan.year);
	int64_t project_id = 0, amount = 0;
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT project_id, amount FROM invest_line WHERE id = ? AND plan_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, line_id);
			db_bind_int64(st, 2, plan_id);
			rc = db_step(st, e);
			if (rc == DB_ROW) {
				project_id = db_col_int64(st, 0);
				amount = db_col_int64(st, 1);
			}
			db_finish(st);
			if (rc == DB_DONE)
				rc = err_set(e, ERR_NOTFOUND, "No line %lld in this investment plan", (long long)line_id);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM invest_line WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, line_id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		/* no other line programs it: back to prioritized */
		struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM invest_line WHERE project_id = ?", e);
		int64_t left = 0;
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, project_id);
			rc = db_step(st, e);
			if (rc == DB_ROW)
				left = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		struct project_core p;
		if (!rc)
			rc = project_core_get(c, project_id, &p, e);
		if (!rc && left == 0 && p.status == PS_PROGRAMMED)
			rc = project_transition_via(c, who, now, project_id, PS_PRIORITIZED, VIA_PLAN,
						    N_("Taken out of the investment plan"), e);
	}
	if (!rc) {
		json_t *before = json_pack("{sIsIsI}", "line", (json_int_t)line_id, "project_id", (json_int_t)project_id,
					   "amount_cents", (json_int_t)amount);
		char sid[24];
		id_text(plan_id, sid);
		rc = audit_record(c, who, now, "invest.line.remove", "invest_plan", sid, before, NULL, e);
		json_decref(before);
	}
	return db_tx_leave(c, own, rc, e);
}

int invest_lines_of_project(struct db_conn *c, int64_t project_id, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT ip.id, ip.year, ip.status, fs.id, fs.name, fs.kind, fs.currency, l.amount, l.q1, l.q2, l.q3, l.q4"
		" FROM invest_line l JOIN invest_plan ip ON ip.id = l.plan_id JOIN funding_source fs ON fs.id = l.source_id"
		" WHERE l.project_id = ? ORDER BY ip.year DESC, fs.name", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, project_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "plan_id", db_col_int64(st, 0));
		json_set_int(o, "year", db_col_int64(st, 1));
		json_set_str(o, "status", db_col_text(st, 2));
		json_object_set_new(o, "source", source_json(db_col_int64(st, 3), db_col_text(st, 4), db_col_text(st, 5),
							     db_col_text(st, 6)));
		json_set_int(o, "amount_cents", db_col_int64(st, 7));
		json_t *q = json_array();
		for (int k = 0; k < 4; k++)
			json_array_append_new(q, json_integer(db_col_int64(st, 8 + k)));
		json_object_set_new(o, "quarters_cents", q);
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

int invest_plan_approve(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
			const char *reference, struct err *e)
{
	if (!reference || !*reference)
		return err_set(e, ERR_INVALID, "Give the reference of the act that approves the plan");
	if (!text_ok(reference, FINANCE_REF_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "reference",
			       (size_t)FINANCE_REF_MAX);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct invest_plan_core plan;
	rc = invest_plan_core_get(c, plan_id, &plan, e);
	if (!rc && plan.approved)
		rc = err_set(e, ERR_CONFLICT, "The investment plan %lld was approved; it can no longer be changed",
			     (long long)plan.year);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM invest_line WHERE plan_id = ?", e);
		int64_t n = 0;
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, plan_id);
			rc = db_step(st, e);
			if (rc == DB_ROW)
				n = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && n == 0)
			rc = err_set(e, ERR_CONFLICT, "An investment plan without lines cannot be approved");
	}
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"UPDATE invest_plan SET status = 'approved', approval_reference = ?, approved_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, reference);
			db_bind_text(st, 2, datetime_format(now, at));
			db_bind_int64(st, 3, plan_id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *b = json_pack("{ss}", "status", "draft");
		json_t *a = json_pack("{ssss}", "status", "approved", "approval_reference", reference);
		char sid[24];
		id_text(plan_id, sid);
		rc = audit_record(c, who, now, "invest.approve", "invest_plan", sid, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return db_tx_leave(c, own, rc, e);
}

int invest_lines_from_projects(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
			       const struct invest_pick *picks, size_t n, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct invest_plan_core plan;
	rc = invest_plan_core_get(c, plan_id, &plan, e);
	for (size_t i = 0; i < n && !rc; i++) {
		struct invest_line_input in = { .project_id = picks[i].project_id, .source_id = picks[i].source_id,
						 .amount = picks[i].amount, .q = { -1, -1, -1, -1 } };
		if (in.amount == 0) {
			struct project_core p;
			rc = project_core_get(c, in.project_id, &p, e);
			if (rc)
				break;
			in.amount = p.cost;
		}
		int64_t line;
		rc = check_and_insert_line(c, who, now, &plan, &in, &line, e);
	}
	return db_tx_leave(c, own, rc, e);
}

int invest_program(struct db_conn *c, const struct actor *who, int64_t now, const char *government, int64_t year,
		   const struct invest_pick *picks, size_t n, const char *reason, int64_t *plan_id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct invest_plan_core plan;
	struct err probe;
	err_init(&probe, e->lang);
	rc = invest_plan_find(c, government, year, &plan, &probe);
	if (rc == ERR_NOTFOUND)
		rc = invest_plan_create(c, who, now, government, year, &plan.id, e);
	else if (rc)
		rc = err_set(e, rc, "%s", probe.msg);
	for (size_t i = 0; i < n && !rc; i++)
		rc = project_prioritize(c, who, now, &picks[i].project_id, 1, reason, e);
	if (!rc)
		rc = invest_lines_from_projects(c, who, now, plan.id, picks, n, e);
	if (!rc && plan_id)
		*plan_id = plan.id;
	return db_tx_leave(c, own, rc, e);
}

/* ---- financial entries ---- */

int finance_entry_add(struct db_conn *c, const struct actor *who, int64_t now, const struct finance_input *in,
		      int64_t *id, struct err *e)
{
	int kind = finance_kind_parse(in->kind);
	if (kind < 0)
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "kind");
	if (in->amount < 0)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	if (in->amount == 0)
		return err_set(e, ERR_INVALID, "The amount must be greater than zero");
	struct date d;
	if (!in->date || date_parse(in->date, &d) || d.year < YEAR_MIN || d.year > YEAR_MAX)
		return err_set(e, ERR_INVALID, "Field \"%s\" must be a date YYYY-MM-DD", "date");
	if (!in->document_ref || !*in->document_ref)
		return err_set(e, ERR_INVALID, "Give the reference of the supporting document (resolution, order, voucher)");
	if (!text_ok(in->document_ref, FINANCE_REF_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "document_ref",
			       (size_t)FINANCE_REF_MAX);
	if (!text_ok(in->note, 1000))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "note", (size_t)1000);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core p;
	struct funding_source s;
	rc = project_core_get(c, in->project_id, &p, e);
	if (!rc) {
		rc = funding_source_get(c, in->source_id, &s, e);
		if (rc == ERR_NOTFOUND)
			rc = e->code = ERR_INVALID;
	}
	if (!rc && !project_status_takes_money(p.status))
		rc = err_set(e, ERR_CONFLICT,
			     "Money is recorded for projects that are programmed, in execution or completed (%s is \"%s\")",
			     p.code, tr(e->lang, project_status_label(p.status)));
	if (!rc && !belongs(&p, s.government))
		rc = err_set(e, ERR_INVALID, "The funding source \"%s\" belongs to another government", s.name);
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO finance_entry (project_id, source_id, kind, amount, entry_on, document_ref, note,"
			" created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, p.id);
			db_bind_int64(st, 2, s.id);
			db_bind_text(st, 3, finance_kind_name((enum finance_kind)kind));
			db_bind_int64(st, 4, in->amount);
			db_bind_text(st, 5, in->date);
			db_bind_text(st, 6, in->document_ref);
			db_bind_text(st, 7, in->note ? in->note : "");
			db_bind_text(st, 8, datetime_format(now, at));
			db_bind_text(st, 9, who && who->name[0] ? who->name : "system");
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc && p.status == PS_PROGRAMMED && (kind == FK_DISBURSED || kind == FK_EXPENDITURE))
		rc = project_transition_via(c, who, now, p.id, PS_IN_EXECUTION, VIA_FINANCE, N_("First disbursement recorded"), e);
	if (!rc) {
		json_t *after = json_pack("{sIsssssIssss}", "entry", (json_int_t)*id, "source", s.name, "kind",
					  finance_kind_name((enum finance_kind)kind), "amount_cents", (json_int_t)in->amount,
					  "date", in->date, "document_ref", in->document_ref);
		char sid[24];
		id_text(p.id, sid);
		rc = audit_record(c, who, now, "finance.entry", "project", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

int finance_entry_government(struct db_conn *c, int64_t id, char government[7], int64_t *project_id, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT fs.government_code, fe.project_id FROM finance_entry fe JOIN funding_source fs ON fs.id = fe.source_id"
		" WHERE fe.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(government, 7, "%s", db_col_text(st, 0));
		*project_id = db_col_int64(st, 1);
	}
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No financial entry with number %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

int finance_entry_void(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *reason,
		       struct err *e)
{
	if (!reason || !*reason)
		return err_set(e, ERR_INVALID, "Give the reason for this decision (\"%s\")", tr(e->lang, N_("Void")));
	if (!text_ok(reason, 1000))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "reason", (size_t)1000);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	int64_t project_id = 0, amount = 0;
	char kind[20] = "";
	bool voided = false;
	struct db_stmt *st = db_prepare(c, "SELECT project_id, kind, amount, voided_at FROM finance_entry WHERE id = ?", e);
	if (!st)
		return db_tx_leave(c, own, e->code, e);
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		project_id = db_col_int64(st, 0);
		snprintf(kind, sizeof kind, "%s", db_col_text(st, 1));
		amount = db_col_int64(st, 2);
		voided = !db_col_null(st, 3);
	}
	db_finish(st);
	if (rc == DB_DONE)
		rc = err_set(e, ERR_NOTFOUND, "No financial entry with number %lld", (long long)id);
	rc = rc < 0 ? rc : 0;
	if (!rc && voided)
		rc = err_set(e, ERR_CONFLICT, "This entry was already voided");
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		st = db_prepare(c, "UPDATE finance_entry SET voided_at = ?, void_reason = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, datetime_format(now, at));
			db_bind_text(st, 2, reason);
			db_bind_int64(st, 3, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *b = json_pack("{sIsssI}", "entry", (json_int_t)id, "kind", kind, "amount_cents", (json_int_t)amount);
		json_t *a = json_pack("{sIss}", "entry", (json_int_t)id, "void_reason", reason);
		char sid[24];
		id_text(project_id, sid);
		rc = audit_record(c, who, now, "finance.void", "project", sid, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return db_tx_leave(c, own, rc, e);
}

int finance_entries(struct db_conn *c, int64_t project_id, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT fe.id, fe.kind, fe.amount, fe.entry_on, fe.document_ref, fe.note, fs.id, fs.name, fs.kind,"
		" fs.currency, fe.created_by, fe.voided_at, fe.void_reason FROM finance_entry fe"
		" JOIN funding_source fs ON fs.id = fe.source_id WHERE fe.project_id = ?"
		" ORDER BY fe.entry_on DESC, fe.id DESC", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, project_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		json_set_str(o, "kind", db_col_text(st, 1));
		json_set_int(o, "amount_cents", db_col_int64(st, 2));
		json_set_str(o, "date", db_col_text(st, 3));
		json_set_str(o, "document_ref", db_col_text(st, 4));
		json_set_str(o, "note", db_col_text(st, 5));
		json_object_set_new(o, "source", source_json(db_col_int64(st, 6), db_col_text(st, 7), db_col_text(st, 8),
							     db_col_text(st, 9)));
		json_set_str(o, "created_by", db_col_text(st, 10));
		json_set_str(o, "voided_at", db_col_text(st, 11));
		json_set_str(o, "void_reason", db_col_text(st, 12));
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

static json_t *exec_json(const struct exec_row *row)
{
	json_t *o = json_object();
	for (int k = 0; k < FK_COUNT; k++) {
		char key[32];
		snprintf(key, sizeof key, "%s_cents", finance_kind_name((enum finance_kind)k));
		json_set_int(o, key, row->sum[k]);
	}
	json_set_int(o, "committed_bp", row->committed_bp);
	json_set_int(o, "disbursed_bp", row->disbursed_bp);
	return o;
}

int finance_execution_table(struct db_conn *c, const char *government, int64_t project_id, int64_t year,
			    json_t **out, struct err *e)
{
	*out = NULL;
	/* the rows: every source of the government, or those that paid into the project */
	struct db_stmt *st = project_id
		? db_prepare(c,
			     "SELECT DISTINCT fs.id, fs.name, fs.kind, fs.currency FROM funding_source fs"
			     " JOIN finance_entry fe ON fe.source_id = fs.id WHERE fe.project_id = ? ORDER BY fs.name, fs.id", e)
		: db_prepare(c,
			     "SELECT id, name, kind, currency FROM funding_source WHERE government_code = ? ORDER BY name, id", e);
	if (!st)
		return e->code;
	if (project_id)
		db_bind_int64(st, 1, project_id);
	else
		db_bind_text(st, 1, government ? government : "");
	size_t n = 0, cap = 0;
	struct { int64_t id; struct exec_row row; json_t *source; } *rows = NULL;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		memset(&rows[n], 0, sizeof rows[n]);
		rows[n].id = db_col_int64(st, 0);
		rows[n].source = source_json(rows[n].id, db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
		n++;
	}
	db_finish(st);
	char from[DATE_FMT_MAX] = "0000-01-01", to[DATE_FMT_MAX] = "9999-12-31";
	if (year) {
		snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
		snprintf(to, sizeof to, "%04lld-12-31", (long long)year);
	}
	if (rc >= 0) {
		st = project_id
			? db_prepare(c,
				     "SELECT fe.source_id, fe.kind, fe.amount FROM finance_entry fe WHERE fe.voided_at IS NULL"
				     " AND fe.project_id = ? AND fe.entry_on >= ? AND fe.entry_on <= ?", e)
			: db_prepare(c,
				     "SELECT fe.source_id, fe.kind, fe.amount FROM finance_entry fe"
				     " JOIN funding_source fs ON fs.id = fe.source_id WHERE fe.voided_at IS NULL"
				     " AND fs.government_code = ? AND fe.entry_on >= ? AND fe.entry_on <= ?", e);
		if (!st)
			rc = e->code;
	}
	if (rc >= 0) {
		if (project_id)
			db_bind_int64(st, 1, project_id);
		else
			db_bind_text(st, 1, government ? government : "");
		db_bind_text(st, 2, from);
		db_bind_text(st, 3, to);
		while ((rc = db_step(st, e)) == DB_ROW) {
			int64_t sid = db_col_int64(st, 0);
			int kind = finance_kind_parse(db_col_text(st, 1));
			for (size_t i = 0; i < n; i++)
				if (rows[i].id == sid && kind >= 0 &&
				    exec_row_add(&rows[i].row, (enum finance_kind)kind, db_col_int64(st, 2))) {
					rc = err_set(e, ERR_INVALID, "Amounts too large to add up");
					break;
				}
			if (rc < 0)
				break;
		}
		db_finish(st);
	}
	json_t *result = NULL;
	if (rc >= 0) {
		result = json_object();
		json_t *arr = json_array(), *totals = json_array();
		/* totals per currency, in order of first appearance */
		for (size_t i = 0; i < n && rc >= 0; i++) {
			exec_row_finish(&rows[i].row);
			json_t *o = exec_json(&rows[i].row);
			json_object_set(o, "source", rows[i].source);
			json_array_append_new(arr, o);
			const char *cur = json_get_str(rows[i].source, "currency", "");
			bool seen = false;
			for (size_t j = 0; j < i; j++)
				seen |= str_eq(json_get_str(rows[j].source, "currency", ""), cur);
			if (seen)
				continue;
			struct exec_row *same = xcalloc(n, sizeof *same);
			size_t m = 0;
			for (size_t j = i; j < n; j++)
				if (str_eq(json_get_str(rows[j].source, "currency", ""), cur))
					same[m++] = rows[j].row;
			struct exec_row total;
			if (exec_rows_total(same, m, &total))
				rc = err_set(e, ERR_INVALID, "Amounts too large to add up");
			else {
				json_t *t = exec_json(&total);
				json_set_str(t, "currency", cur);
				json_array_append_new(totals, t);
			}
			free(same);
		}
		json_object_set_new(result, "rows", arr);
		json_object_set_new(result, "totals", totals);
		json_object_set_new(result, "year", year ? json_integer(year) : json_null());
	}
	for (size_t i = 0; i < n; i++)
		json_decref(rows[i].source);
	free(rows);
	if (rc < 0) {
		json_decref(result);
		return rc;
	}
	*out = result;
	return 0;
}

int finance_progress(struct db_conn *c, const char *government, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT p.id, p.code, p.title, p.status, p.currency, p.cost, p.physical_progress FROM project p"
		" WHERE p.status IN ('programmed', 'in_execution', 'completed')"
		" AND (p.government_code = ? OR p.id IN (SELECT l.project_id FROM invest_line l"
		" JOIN invest_plan ip ON ip.id = l.plan_id WHERE ip.government_code = ?))"
		" ORDER BY p.status DESC, p.code", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, government ? government : "");
	db_bind_text(st, 2, government ? government : "");
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		json_set_str(o, "code", db_col_text(st, 1));
		json_set_str(o, "title", db_col_text(st, 2));
		json_set_str(o, "status", db_col_text(st, 3));
		json_set_str(o, "currency", db_col_text(st, 4));
		json_set_int(o, "cost_cents", db_col_int64(st, 5));
		json_set_int(o, "physical_progress_bp", db_col_int64(st, 6));
		json_array_append_new(arr, o);
	}
	db_finish(st);
	size_t i;
	json_t *o;
	if (rc >= 0)
		json_array_foreach(arr, i, o) {
			st = db_prepare(c,
				"SELECT fe.kind, fe.amount FROM finance_entry fe JOIN funding_source fs ON fs.id = fe.source_id"
				" WHERE fe.project_id = ? AND fe.voided_at IS NULL AND fs.currency = ?", e);
			if (!st) {
				rc = e->code;
				break;
			}
			db_bind_int64(st, 1, json_get_int(o, "id", 0));
			db_bind_text(st, 2, json_get_str(o, "currency", ""));
			struct exec_row row;
			memset(&row, 0, sizeof row);
			while ((rc = db_step(st, e)) == DB_ROW) {
				int kind = finance_kind_parse(db_col_text(st, 0));
				if (kind >= 0 && exec_row_add(&row, (enum finance_kind)kind, db_col_int64(st, 1))) {
					rc = err_set(e, ERR_INVALID, "Amounts too large to add up");
					break;
				}
			}
			db_finish(st);
			if (rc < 0)
				break;
			int64_t spent;
			if (money_add(row.sum[FK_DISBURSED], row.sum[FK_EXPENDITURE], &spent))
				spent = INT64_MAX;
			json_set_int(o, "spent_cents", spent);
			json_set_int(o, "financial_progress_bp", exec_financial_progress_bp(&row, json_get_int(o, "cost_cents", 0)));
		}
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* ---- the investment plan as an articulation source (see invest.h) ---- */

struct line_item {
	int64_t id, plan_id, project_id, amount;
	char *code, *title, *government;
	bool soles;
};

static int line_items(struct db_conn *c, const struct artic_query *q, artic_item_cb cb, void *arg, struct err *e)
{
	if (q->element_id > 0)
		return 0; /* a line reaches an element only through its project, which the bank lists */
	int rc = 0;
	for (size_t g = 0; g < q->ngovernments && !rc; g++) {
		struct db_stmt *st = db_prepare(c,
			"SELECT l.id, ip.id, p.id, p.code, p.title, fs.name, fs.currency, l.amount, ip.government_code"
			" FROM invest_line l JOIN invest_plan ip ON ip.id = l.plan_id JOIN project p ON p.id = l.project_id"
			" JOIN funding_source fs ON fs.id = l.source_id WHERE ip.government_code = ? AND ip.year = ?"
			" ORDER BY l.id", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, q->governments[g]);
		db_bind_int64(st, 2, q->year);
		struct line_item *items = NULL;
		size_t n = 0, cap = 0;
		while ((rc = db_step(st, e)) == DB_ROW) {
			if (n == cap)
				items = xrealloc(items, (cap = cap ? cap * 2 : 16) * sizeof *items);
			struct line_item *li = &items[n++];
			li->id = db_col_int64(st, 0);
			li->plan_id = db_col_int64(st, 1);
			li->project_id = db_col_int64(st, 2);
			li->code = xstrdup(db_col_text(st, 3));
			li->title = xasprintf("%s — %s", db_col_text(st, 4), db_col_text(st, 5));
			li->soles = str_eq(db_col_text(st, 6), "PEN");
			li->amount = db_col_int64(st, 7);
			li->government = xstrdup(db_col_text(st, 8));
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
		for (size_t i = 0; i < n && !rc; i++) {
			int64_t *els;
			size_t ne;
			if ((rc = project_element_ids(c, items[i].project_id, &els, &ne, e)))
				break;
			char href[48];
			snprintf(href, sizeof href, "/invest/%lld", (long long)items[i].plan_id);
			struct artic_item it = { .kind = "budget_line", .id = items[i].id, .code = items[i].code,
						 .title = items[i].title, .href = href, .government = items[i].government,
						 .budget = items[i].soles ? items[i].amount : -1 };
			/* once per element it traces to, or once with none */
			for (size_t k = 0; k < (ne ? ne : 1) && !rc; k++) {
				it.element_id = ne ? els[k] : 0;
				rc = cb(&it, arg);
			}
			free(els);
		}
		for (size_t i = 0; i < n; i++) {
			free(items[i].code);
			free(items[i].title);
			free(items[i].government);
		}
		free(items);
	}
	return rc;
}

const struct artic_source invest_artic_source = { N_("Investment plan"), "budget_line", line_items };
