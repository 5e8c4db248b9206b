/* plan.c — plans, their versions, their tree of elements and their alignments
 * (see plan.h). Every change runs in one transaction with one audit entry per
 * step; changes to an approved plan first open its next version. */
#include "core/compat.h"
#include "domain/plan.h"
#include "domain/articulation.h"
#include "domain/territory.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define PLAN_COLS \
	"p.id, p.government_code, g.name, p.instrument, p.kind_name, p.horizon, p.title, p.start_year," \
	" p.end_year, p.vision, p.mission, p.participants, p.levels, p.status, p.version, p.act_kind," \
	" p.act_number, p.act_date, p.supersedes_id, p.created_at, p.updated_at"
#define PLAN_FROM " FROM plan p JOIN government g ON g.code = p.government_code"

static const char *txt(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	return s ? s : "";
}

static void copy(char *dst, size_t n, const char *s) { snprintf(dst, n, "%s", s ? s : ""); }

static void read_plan(struct db_stmt *st, struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int64(st, 0);
	copy(p->government, sizeof p->government, txt(st, 1));
	copy(p->government_name, sizeof p->government_name, txt(st, 2));
	copy(p->instrument, sizeof p->instrument, txt(st, 3));
	copy(p->kind_name, sizeof p->kind_name, txt(st, 4));
	p->horizon = plan_horizon_parse(txt(st, 5));
	copy(p->title, sizeof p->title, txt(st, 6));
	p->start_year = db_col_int64(st, 7);
	p->end_year = db_col_int64(st, 8);
	p->vision = xstrdup(txt(st, 9));
	p->mission = xstrdup(txt(st, 10));
	p->participants = xstrdup(txt(st, 11));
	copy(p->levels, sizeof p->levels, txt(st, 12));
	copy(p->status, sizeof p->status, txt(st, 13));
	p->version = db_col_int64(st, 14);
	copy(p->act_kind, sizeof p->act_kind, txt(st, 15));
	copy(p->act_number, sizeof p->act_number, txt(st, 16));
	copy(p->act_date, sizeof p->act_date, txt(st, 17));
	p->supersedes_id = db_col_null(st, 18) ? 0 : db_col_int64(st, 18);
	copy(p->created_at, sizeof p->created_at, txt(st, 19));
	copy(p->updated_at, sizeof p->updated_at, txt(st, 20));
}

void plan_release(struct plan *p)
{
	free(p->vision);
	free(p->mission);
	free(p->participants);
	p->vision = p->mission = p->participants = NULL;
}

const char *plan_status_name(const char *status)
{
	if (str_eq(status, "approved"))
		return N_("approved");
	if (str_eq(status, "superseded"))
		return N_("superseded");
	return N_("draft");
}

const char *plan_act_name(const char *kind)
{
	if (str_eq(kind, "ordinance"))
		return N_("Ordinance");
	if (str_eq(kind, "agreement"))
		return N_("Council agreement");
	return "";
}

static const char *instrument_abbr(const struct plan *p)
{
	const struct plan_instrument *ins = plan_instrument_find(p->instrument);
	return ins && ins->abbr[0] ? ins->abbr : p->kind_name;
}

void plan_label(const struct plan *p, char *out, size_t n)
{
	snprintf(out, n, "%s %" PRId64 "-%" PRId64 " (%s)", instrument_abbr(p), p->start_year, p->end_year,
		 p->government_name);
}

int plan_get(struct db_conn *c, int64_t id, struct plan *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		read_plan(st, out);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No plan with number %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

json_t *plan_to_json(const struct plan *p)
{
	json_t *o = json_object();
	char label[400];
	plan_label(p, label, sizeof label);
	json_set_int(o, "id", p->id);
	json_set_str(o, "government", p->government);
	json_set_str(o, "government_name", p->government_name);
	json_set_str(o, "instrument", p->instrument);
	json_set_str(o, "instrument_abbr", instrument_abbr(p));
	json_set_str(o, "instrument_name", p->kind_name);
	json_set_str(o, "horizon", plan_horizon_key(p->horizon));
	json_set_str(o, "title", p->title);
	json_set_str(o, "label", label);
	json_set_int(o, "start_year", p->start_year);
	json_set_int(o, "end_year", p->end_year);
	json_set_str(o, "status", p->status);
	json_set_int(o, "version", p->version);
	if (p->act_kind[0]) {
		json_t *a = json_object();
		json_set_str(a, "kind", p->act_kind);
		json_set_str(a, "number", p->act_number);
		json_set_str(a, "date", p->act_date);
		json_object_set_new(o, "approval", a);
	} else {
		json_object_set_new(o, "approval", json_null());
	}
	json_set_str(o, "vision", p->vision);
	json_set_str(o, "mission", p->mission);
	json_set_str(o, "participants", p->participants);
	json_set_str(o, "levels", p->levels);
	if (p->supersedes_id)
		json_set_int(o, "supersedes_id", p->supersedes_id);
	else
		json_object_set_new(o, "supersedes_id", json_null());
	json_set_str(o, "created_at", p->created_at);
	json_set_str(o, "updated_at", p->updated_at);
	return o;
}

static json_t *plan_audit_json(struct db_conn *c, int64_t id)
{
	struct plan p;
	struct err e;
	err_init(&e, NULL);
	if (plan_get(c, id, &p, &e))
		return NULL;
	json_t *o = plan_to_json(&p);
	plan_release(&p);
	return o;
}

static int audit_plan(struct db_conn *c, const struct actor *who, int64_t now, const char *action, int64_t plan_id,
		      json_t *before, json_t *after, struct err *e)
{
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, plan_id);
	int rc = audit_record(c, who, now, action, "plan", sid, before, after, e);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* ---- plans ---- */

/* A text over its limit: the message (a literal with one %zu) names the field. */
#define TOO_LONG(s, max, msg) ((s) && strlen(s) > (size_t)(max) ? err_set(e, ERR_INVALID, msg, (size_t)(max)) : 0)

/* Validates what a person filled in; fills the parsed levels and horizon. */
static int validate_input(struct db_conn *c, const char *government, const struct plan_input *in, int64_t self,
			  struct plan_levels *lv, enum plan_horizon *horizon, struct err *e)
{
	const struct plan_instrument *ins = plan_instrument_find(in->instrument);
	if (!ins)
		return err_set(e, ERR_INVALID, "Choose the planning instrument");
	const char *title = in->title ? in->title : "";
	if (!*title)
		return err_set(e, ERR_INVALID, "The plan needs a title");
	int rc;
	if ((rc = TOO_LONG(title, PLAN_TITLE_MAX, N_("The title is too long (%zu characters at most)"))) ||
	    (rc = TOO_LONG(in->kind_name, PLAN_TITLE_MAX, N_("The name of the instrument is too long (%zu characters at most)"))) ||
	    (rc = TOO_LONG(in->vision, PLAN_TEXT_MAX, N_("The vision is too long (%zu characters at most)"))) ||
	    (rc = TOO_LONG(in->mission, PLAN_TEXT_MAX, N_("The mission is too long (%zu characters at most)"))) ||
	    (rc = TOO_LONG(in->participants, PLAN_TEXT_MAX, N_("The list of participants is too long (%zu characters at most)"))))
		return rc;
	if (str_eq(ins->key, "custom") && !(in->kind_name && *in->kind_name))
		return err_set(e, ERR_INVALID, "Give the name of the instrument (for example: Plan de Desarrollo Turístico)");
	*horizon = ins->horizon;
	if (str_eq(ins->key, "custom") && in->horizon && *in->horizon) {
		*horizon = plan_horizon_parse(in->horizon);
		if (!*horizon)
			return err_set(e, ERR_INVALID, "The horizon must be short, medium or long term");
	}
	if ((rc = plan_period_check(in->start_year, in->end_year, e)))
		return rc;
	const char *levels = in->levels && *in->levels ? in->levels : ins->levels;
	if ((rc = plan_levels_parse(levels, lv, e)))
		return rc;
	if (in->supersedes_id) {
		struct plan old;
		struct err e2;
		err_init(&e2, e->lang);
		if (in->supersedes_id == self || plan_get(c, in->supersedes_id, &old, &e2))
			return err_set(e, ERR_INVALID, "The plan this one replaces must be another plan of the same government");
		bool ok = str_eq(old.government, government);
		plan_release(&old);
		if (!ok)
			return err_set(e, ERR_INVALID, "The plan this one replaces must be another plan of the same government");
	}
	return 0;
}

static int check_duplicate(struct db_conn *c, const char *government, const char *instrument, int64_t start_year,
			   const char *title, int64_t self, struct err *e)
{
	char *fold = utf8_fold(title);
	if (!fold)
		return err_set(e, ERR_INVALID, "The title is not valid UTF-8 text");
	struct db_stmt *st = db_prepare(c,
		"SELECT id FROM plan WHERE government_code = ? AND instrument = ? AND start_year = ? AND title_fold = ?"
		" AND id <> ?", e);
	if (!st) {
		free(fold);
		return e->code;
	}
	db_bind_text(st, 1, government);
	db_bind_text(st, 2, instrument);
	db_bind_int64(st, 3, start_year);
	db_bind_text(st, 4, fold);
	db_bind_int64(st, 5, self);
	int rc = db_step(st, e);
	int64_t other = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	free(fold);
	if (rc < 0)
		return rc;
	if (other)
		return err_set(e, ERR_CONFLICT, "This government already has a plan with that instrument, first year and title (plan %lld)",
			       (long long)other);
	return 0;
}

int plan_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		const struct plan_input *in, int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct government g;
	struct plan_levels lv;
	enum plan_horizon horizon;
	char levels[PLAN_LEVELS_TEXT_MAX], at[DATETIME_FMT_MAX];
	rc = government_get(c, government ? government : "", &g, e);
	if (!rc)
		rc = validate_input(c, government, in, 0, &lv, &horizon, e);
	if (!rc)
		rc = check_duplicate(c, government, in->instrument, in->start_year, in->title, 0, e);
	if (!rc) {
		plan_levels_format(&lv, levels, sizeof levels);
		datetime_format(now, at);
		char *fold = utf8_fold(in->title);
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO plan (government_code, instrument, kind_name, horizon, title, title_fold, start_year,"
			" end_year, vision, mission, participants, levels, status, version, supersedes_id, created_at,"
			" updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?) RETURNING id", e);
		if (!st) {
			rc = e->code;
		} else {
			bool custom = str_eq(in->instrument, "custom");
			db_bind_text(st, 1, government);
			db_bind_text(st, 2, in->instrument);
			db_bind_text(st, 3, custom ? in->kind_name : "");
			db_bind_text(st, 4, plan_horizon_key(horizon));
			db_bind_text(st, 5, in->title);
			db_bind_text(st, 6, fold ? fold : "");
			db_bind_int64(st, 7, in->start_year);
			db_bind_int64(st, 8, in->end_year);
			db_bind_text(st, 9, in->vision ? in->vision : "");
			db_bind_text(st, 10, in->mission ? in->mission : "");
			db_bind_text(st, 11, in->participants ? in->participants : "");
			db_bind_text(st, 12, levels);
			if (in->supersedes_id)
				db_bind_int64(st, 13, in->supersedes_id);
			else
				db_bind_null(st, 13);
			db_bind_text(st, 14, at);
			db_bind_text(st, 15, at);
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_DB, "The plan could not be saved");
		}
		free(fold);
	}
	if (!rc)
		rc = audit_plan(c, who, now, "plan.create", *id, NULL, plan_audit_json(c, *id), e);
	return db_tx_leave(c, own, rc, e);
}

/* A superseded plan is history: it cannot change. */
static int editable(const struct plan *p, struct err *e)
{
	if (str_eq(p->status, "superseded")) {
		char label[400];
		plan_label(p, label, sizeof label);
		return err_set(e, ERR_CONFLICT, "%s was superseded and can no longer be changed", label);
	}
	return 0;
}

/* Before the first change to an approved plan: the next version, as a draft
 * (the approved one stays in plan_version). */
static int open_version(struct db_conn *c, const struct actor *who, int64_t now, struct plan *p, struct err *e)
{
	if (!str_eq(p->status, "approved"))
		return 0;
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	struct db_stmt *st = db_prepare(c,
		"UPDATE plan SET status = 'draft', version = version + 1, act_kind = NULL, act_number = NULL,"
		" act_date = NULL, updated_at = ? WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, at);
	db_bind_int64(st, 2, p->id);
	int rc = db_step_done(st, e);
	if (rc)
		return rc;
	json_t *after = json_object();
	json_set_int(after, "version", p->version + 1);
	json_set_int(after, "previous_version", p->version);
	json_set_str(after, "status", "draft");
	rc = audit_plan(c, who, now, "plan.new_version", p->id, NULL, after, e);
	snprintf(p->status, sizeof p->status, "draft");
	p->version++;
	p->act_kind[0] = p->act_number[0] = p->act_date[0] = '\0';
	return rc;
}

static int touch(struct db_conn *c, int64_t now, int64_t plan_id, struct err *e)
{
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	struct db_stmt *st = db_prepare(c, "UPDATE plan SET updated_at = ? WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, at);
	db_bind_int64(st, 2, plan_id);
	return db_step_done(st, e);
}

/* ---- the tree: load, number, save ---- */

struct enode {
	int64_t id, parent_id, position;
	char kind[PLAN_KIND_MAX];
	char code[PLAN_CODE_MAX];
	bool code_auto;
	char *title;
};

static void free_nodes(struct enode *n, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(n[i].title);
	free(n);
}

/* Every element of a plan, ordered by id. */
static int load_nodes(struct db_conn *c, int64_t plan_id, struct enode **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(c,
		"SELECT id, parent_id, position, kind, code, code_auto, title FROM plan_element WHERE plan_id = ?"
		" ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, plan_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct enode *n = &(*out)[(*count)++];
		memset(n, 0, sizeof *n);
		n->id = db_col_int64(st, 0);
		n->parent_id = db_col_null(st, 1) ? 0 : db_col_int64(st, 1);
		n->position = db_col_int64(st, 2);
		copy(n->kind, sizeof n->kind, txt(st, 3));
		copy(n->code, sizeof n->code, txt(st, 4));
		n->code_auto = db_col_int64(st, 5) != 0;
		n->title = xstrdup(txt(st, 6));
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int node_index(const struct enode *n, size_t count, int64_t id)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (n[mid].id == id)
			return (int)mid;
		if (n[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static char *search_text(const char *code, const char *title)
{
	char *s = xasprintf("%s %s", code, title);
	char *fold = utf8_fold(s);
	free(s);
	return fold ? fold : xstrdup("");
}

/* Numbers the tree (rules/plan_rules.c) and writes back what changed: codes in
 * two steps (through "~id", which no real code can be) so that swapping two
 * codes never trips the unique index; positions; the search text. */
static int number_and_save(struct db_conn *c, const char *levels, struct enode *nodes, size_t count, struct err *e)
{
	struct plan_levels lv;
	int rc = plan_levels_parse(levels, &lv, e);
	if (rc)
		return rc;
	struct plan_node *pn = xcalloc(count ? count : 1, sizeof *pn);
	for (size_t i = 0; i < count; i++) {
		const struct enode *n = &nodes[i];
		pn[i].id = n->id;
		pn[i].parent = n->parent_id ? node_index(nodes, count, n->parent_id) : -1;
		if (n->parent_id && pn[i].parent < 0)
			pn[i].parent = (int)i; /* a parent outside the plan: refused as "inside itself" */
		pn[i].position = n->position;
		pn[i].kind = n->kind;
		pn[i].code_auto = n->code_auto;
		copy(pn[i].code, sizeof pn[i].code, n->code_auto ? "" : n->code);
		pn[i].title = n->title;
	}
	rc = plan_tree_number(pn, count, &lv, e);
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (size_t i = 0; i < count && !rc; i++) {
			struct enode *n = &nodes[i];
			bool code_changed = !str_eq(n->code, pn[i].code);
			if (pass == 0 && !code_changed)
				continue;
			if (pass == 1 && !code_changed && n->position == pn[i].position)
				continue;
			struct db_stmt *st = db_prepare(c,
				"UPDATE plan_element SET code = ?, position = ?, search_fold = ? WHERE id = ?", e);
			if (!st) {
				rc = e->code;
				break;
			}
			char tmp[32];
			snprintf(tmp, sizeof tmp, "~%" PRId64, n->id);
			char *fold = search_text(pn[i].code, n->title);
			db_bind_text(st, 1, pass == 0 ? tmp : pn[i].code);
			db_bind_int64(st, 2, pn[i].position);
			db_bind_text(st, 3, fold);
			db_bind_int64(st, 4, n->id);
			rc = db_step_done(st, e);
			free(fold);
		}
	}
	if (!rc)
		for (size_t i = 0; i < count; i++) {
			copy(nodes[i].code, sizeof nodes[i].code, pn[i].code);
			nodes[i].position = pn[i].position;
		}
	free(pn);
	return rc;
}

static int renumber_plan(struct db_conn *c, const struct plan *p, struct err *e)
{
	struct enode *nodes;
	size_t count;
	int rc = load_nodes(c, p->id, &nodes, &count, e);
	if (!rc)
		rc = number_and_save(c, p->levels, nodes, count, e);
	free_nodes(nodes, count);
	return rc;
}

int plan_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const struct plan_input *in,
		struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	struct plan_levels lv;
	enum plan_horizon horizon;
	char levels[PLAN_LEVELS_TEXT_MAX];
	json_t *before = NULL;
	rc = plan_get(c, id, &p, e);
	if (!rc)
		rc = editable(&p, e);
	if (!rc)
		rc = validate_input(c, p.government, in, id, &lv, &horizon, e);
	if (!rc)
		rc = check_duplicate(c, p.government, in->instrument, in->start_year, in->title, id, e);
	if (!rc) {
		before = plan_to_json(&p);
		rc = open_version(c, who, now, &p, e);
	}
	if (!rc) {
		plan_levels_format(&lv, levels, sizeof levels);
		char at[DATETIME_FMT_MAX];
		datetime_format(now, at);
		char *fold = utf8_fold(in->title);
		struct db_stmt *st = db_prepare(c,
			"UPDATE plan SET instrument = ?, kind_name = ?, horizon = ?, title = ?, title_fold = ?,"
			" start_year = ?, end_year = ?, vision = ?, mission = ?, participants = ?, levels = ?,"
			" supersedes_id = ?, updated_at = ? WHERE id = ?", e);
		if (!st) {
			rc = e->code;
		} else {
			db_bind_text(st, 1, in->instrument);
			db_bind_text(st, 2, str_eq(in->instrument, "custom") ? in->kind_name : "");
			db_bind_text(st, 3, plan_horizon_key(horizon));
			db_bind_text(st, 4, in->title);
			db_bind_text(st, 5, fold ? fold : "");
			db_bind_int64(st, 6, in->start_year);
			db_bind_int64(st, 7, in->end_year);
			db_bind_text(st, 8, in->vision ? in->vision : "");
			db_bind_text(st, 9, in->mission ? in->mission : "");
			db_bind_text(st, 10, in->participants ? in->participants : "");
			db_bind_text(st, 11, levels);
			if (in->supersedes_id)
				db_bind_int64(st, 12, in->supersedes_id);
			else
				db_bind_null(st, 12);
			db_bind_text(st, 13, at);
			db_bind_int64(st, 14, id);
			rc = db_step_done(st, e);
		}
		free(fold);
		snprintf(p.levels, sizeof p.levels, "%s", levels);
	}
	if (!rc)
		rc = renumber_plan(c, &p, e); /* the kinds or prefixes may have changed */
	if (!rc) {
		rc = audit_plan(c, who, now, "plan.update", id, before, plan_audit_json(c, id), e);
		before = NULL;
	}
	json_decref(before);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

/* ---- reading the tree ---- */

struct erow {
	int64_t id, parent_id, position;
	json_t *obj;
};

static int cmp_erow_pos(const void *a, const void *b)
{
	const struct erow *x = a, *y = b;
	if (x->parent_id != y->parent_id)
		return x->parent_id < y->parent_id ? -1 : 1;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct idx {
	int64_t id;
	int at;
};

static int cmp_idx(const void *a, const void *b)
{
	const struct idx *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int idx_find(const struct idx *ix, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix[mid].id == id)
			return ix[mid].at;
		if (ix[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static json_t *target_json(struct db_stmt *st, int col)
{
	/* t.id, t.code, t.title, tp.id, tp.title, tp.instrument, tp.kind_name, tp.government_code,
	 * g.name, tp.start_year, tp.end_year, tp.status */
	json_t *o = json_object();
	json_set_int(o, "id", db_col_int64(st, col));
	json_set_str(o, "code", txt(st, col + 1));
	json_set_str(o, "title", txt(st, col + 2));
	struct plan p;
	memset(&p, 0, sizeof p);
	p.id = db_col_int64(st, col + 3);
	copy(p.title, sizeof p.title, txt(st, col + 4));
	copy(p.instrument, sizeof p.instrument, txt(st, col + 5));
	copy(p.kind_name, sizeof p.kind_name, txt(st, col + 6));
	copy(p.government, sizeof p.government, txt(st, col + 7));
	copy(p.government_name, sizeof p.government_name, txt(st, col + 8));
	p.start_year = db_col_int64(st, col + 9);
	p.end_year = db_col_int64(st, col + 10);
	char label[400];
	plan_label(&p, label, sizeof label);
	json_t *pl = json_object();
	json_set_int(pl, "id", p.id);
	json_set_str(pl, "title", p.title);
	json_set_str(pl, "label", label);
	json_set_str(pl, "instrument", p.instrument);
	json_set_str(pl, "government", p.government);
	json_set_str(pl, "government_name", p.government_name);
	json_set_int(pl, "start_year", p.start_year);
	json_set_int(pl, "end_year", p.end_year);
	json_set_str(pl, "status", txt(st, col + 11));
	json_object_set_new(o, "plan", pl);
	return o;
}

#define TARGET_COLS \
	"t.id, t.code, t.title, tp.id, tp.title, tp.instrument, tp.kind_name, tp.government_code, g.name," \
	" tp.start_year, tp.end_year, tp.status"
#define TARGET_JOIN \
	" JOIN plan_element t ON t.id = a.target_id JOIN plan tp ON tp.id = t.plan_id" \
	" JOIN government g ON g.code = tp.government_code"

/* Elements of a plan as JSON objects sorted by (parent, position), with their
 * alignments and how many elements of other plans they serve. */
static int load_rows(struct db_conn *c, int64_t plan_id, struct erow **out, size_t *count, struct err *e)
{
	*out = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(c,
		"SELECT id, parent_id, position, kind, code, code_auto, title, description, office FROM plan_element"
		" WHERE plan_id = ? ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, plan_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct erow *r = &(*out)[(*count)++];
		r->id = db_col_int64(st, 0);
		r->parent_id = db_col_null(st, 1) ? 0 : db_col_int64(st, 1);
		r->position = db_col_int64(st, 2);
		json_t *o = json_object();
		json_set_int(o, "id", r->id);
		json_set_int(o, "plan_id", plan_id);
		json_object_set_new(o, "parent_id", r->parent_id ? json_integer(r->parent_id) : json_null());
		json_set_int(o, "position", r->position);
		json_set_str(o, "kind", txt(st, 3));
		json_set_str(o, "code", txt(st, 4));
		json_set_bool(o, "code_auto", db_col_int64(st, 5) != 0);
		json_set_str(o, "title", txt(st, 6));
		json_set_str(o, "description", txt(st, 7));
		json_set_str(o, "office", txt(st, 8));
		json_object_set_new(o, "aligns_to", json_array());
		json_set_int(o, "served_by", 0);
		json_object_set_new(o, "children", json_array());
		r->obj = o;
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	/* *out is ordered by id here: index it */
	struct idx *ix = xcalloc(*count ? *count : 1, sizeof *ix);
	for (size_t i = 0; i < *count; i++)
		ix[i] = (struct idx){ (*out)[i].id, (int)i };
	st = db_prepare(c, "SELECT a.element_id, " TARGET_COLS " FROM plan_alignment a"
			   " JOIN plan_element s ON s.id = a.element_id" TARGET_JOIN
			   " WHERE s.plan_id = ? ORDER BY a.element_id, t.plan_id, t.code", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, plan_id);
		while ((rc = db_step(st, e)) == DB_ROW) {
			int at = idx_find(ix, *count, db_col_int64(st, 0));
			if (at >= 0)
				json_array_append_new(json_object_get((*out)[at].obj, "aligns_to"), target_json(st, 1));
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc) {
		st = db_prepare(c, "SELECT a.target_id, COUNT(*) FROM plan_alignment a JOIN plan_element t ON t.id = a.target_id"
				   " WHERE t.plan_id = ? GROUP BY a.target_id", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, plan_id);
			while ((rc = db_step(st, e)) == DB_ROW) {
				int at = idx_find(ix, *count, db_col_int64(st, 0));
				if (at >= 0)
					json_set_int((*out)[at].obj, "served_by", db_col_int64(st, 1));
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	free(ix);
	return rc;
}

static void free_rows(struct erow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_decref(rows[i].obj);
	free(rows);
}

static void set_depth(json_t *arr, int depth)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		json_set_int(o, "depth", depth);
		json_t *ch = json_object_get(o, "children");
		json_set_bool(o, "has_children", json_array_size(ch) > 0);
		set_depth(ch, depth + 1);
	}
}

int plan_tree(struct db_conn *c, int64_t plan_id, json_t **tree, int64_t *count, struct err *e)
{
	*tree = NULL;
	struct erow *rows;
	size_t n;
	int rc = load_rows(c, plan_id, &rows, &n, e);
	if (rc) {
		free_rows(rows, n);
		return rc;
	}
	struct idx *ix = xcalloc(n ? n : 1, sizeof *ix);
	if (n)
		qsort(rows, n, sizeof *rows, cmp_erow_pos);
	for (size_t i = 0; i < n; i++)
		ix[i] = (struct idx){ rows[i].id, (int)i };
	qsort(ix, n, sizeof *ix, cmp_idx);
	json_t *roots = json_array();
	for (size_t i = 0; i < n; i++) {
		int p = rows[i].parent_id ? idx_find(ix, n, rows[i].parent_id) : -1;
		json_t *into = p >= 0 ? json_object_get(rows[p].obj, "children") : roots;
		json_array_append(into, rows[i].obj);
	}
	set_depth(roots, 1);
	free(ix);
	free_rows(rows, n);
	*tree = roots;
	if (count)
		*count = (int64_t)n;
	return 0;
}

/* ---- the plan as a document ---- */

static void doc_from_plan(const struct plan *p, struct plan_doc *d)
{
	copy(d->government, sizeof d->government, p->government);
	copy(d->instrument, sizeof d->instrument, p->instrument);
	plan_doc_set(&d->kind_name, p->kind_name);
	copy(d->horizon, sizeof d->horizon, plan_horizon_key(p->horizon));
	plan_doc_set(&d->title, p->title);
	d->start_year = p->start_year;
	d->end_year = p->end_year;
	plan_doc_set(&d->vision, p->vision);
	plan_doc_set(&d->mission, p->mission);
	plan_doc_set(&d->participants, p->participants);
	copy(d->levels, sizeof d->levels, p->levels);
	copy(d->status, sizeof d->status, p->status);
	d->version = p->version;
	copy(d->act_kind, sizeof d->act_kind, p->act_kind);
	plan_doc_set(&d->act_number, p->act_number);
	copy(d->act_date, sizeof d->act_date, p->act_date);
}

/* Appends the elements under `parent` (a json array of element objects) in order. */
static void doc_add_tree(struct plan_doc *d, const json_t *arr, int parent, bool with_ids)
{
	size_t i;
	const json_t *o;
	json_array_foreach(arr, i, o) {
		int idx = plan_doc_add(d, parent, json_get_str(o, "kind", ""), json_get_str(o, "code", ""),
				       json_is_true(json_object_get(o, "code_auto")), json_get_str(o, "title", ""),
				       json_get_str(o, "description", ""), json_get_str(o, "office", ""));
		if (with_ids)
			d->els[idx].id = json_get_int(o, "id", 0);
		size_t k;
		const json_t *t;
		json_array_foreach(json_object_get(o, "aligns_to"), k, t) {
			const json_t *tp = json_object_get(t, "plan");
			struct plan_doc_target tg = { .start_year = json_get_int(tp, "start_year", 0),
						      .end_year = json_get_int(tp, "end_year", 0),
						      .plan_title = (char *)json_get_str(tp, "title", ""),
						      .element_id = with_ids ? json_get_int(t, "id", 0) : 0 };
			copy(tg.government, sizeof tg.government, json_get_str(tp, "government", ""));
			copy(tg.instrument, sizeof tg.instrument, json_get_str(tp, "instrument", ""));
			copy(tg.code, sizeof tg.code, json_get_str(t, "code", ""));
			plan_doc_add_target(&d->els[idx], &tg);
		}
		doc_add_tree(d, json_object_get(o, "children"), idx, with_ids);
	}
}

int plan_doc_load(struct db_conn *c, int64_t id, bool with_ids, struct plan_doc *doc, struct err *e)
{
	struct plan p;
	int rc = plan_get(c, id, &p, e);
	if (rc)
		return rc;
	doc_from_plan(&p, doc);
	plan_release(&p);
	json_t *tree;
	if ((rc = plan_tree(c, id, &tree, NULL, e)))
		return rc;
	doc_add_tree(doc, tree, -1, with_ids);
	json_decref(tree);
	return 0;
}

int plan_versions(struct db_conn *c, int64_t id, json_t **items, struct err *e)
{
	*items = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT version, status, act_kind, act_number, act_date, approved_at FROM plan_version WHERE plan_id = ?"
		" ORDER BY version DESC", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "version", db_col_int64(st, 0));
		json_set_str(o, "status", txt(st, 1));
		json_set_str(o, "act_kind", txt(st, 2));
		json_set_str(o, "act_number", txt(st, 3));
		json_set_str(o, "act_date", txt(st, 4));
		json_set_str(o, "approved_at", txt(st, 5));
		json_array_append_new(*items, o);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int plan_version_doc(struct db_conn *c, int64_t id, int64_t version, struct plan_doc *doc, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT snapshot, status FROM plan_version WHERE plan_id = ? AND version = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, version);
	int rc = db_step(st, e);
	char *snap = rc == DB_ROW ? xstrdup(txt(st, 0)) : NULL;
	char status[12] = "";
	if (rc == DB_ROW)
		copy(status, sizeof status, txt(st, 1));
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "Plan %lld has no approved version %lld", (long long)id, (long long)version);
	if (rc < 0)
		return rc;
	rc = plan_doc_parse_json(snap, strlen(snap), doc, e);
	free(snap);
	if (!rc)
		copy(doc->status, sizeof doc->status, status);
	return rc;
}

/* ---- approval ---- */

static int count_elements(struct db_conn *c, int64_t plan_id, int64_t *n, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM plan_element WHERE plan_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, plan_id);
	int rc = db_step(st, e);
	*n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int check_act(const char *kind, const char *number, const char *date, int64_t now, struct err *e)
{
	if (!kind || (!str_eq(kind, "ordinance") && !str_eq(kind, "agreement")))
		return err_set(e, ERR_INVALID, "Say which act approves the plan: an ordinance or a council agreement");
	if (!number || !*number)
		return err_set(e, ERR_INVALID, "The approval needs the number of the ordinance or council agreement");
	if (strlen(number) > PLAN_ACT_MAX)
		return err_set(e, ERR_INVALID, "The number of the act is too long (%d characters at most)", PLAN_ACT_MAX);
	struct date d;
	if (!date || date_parse(date, &d))
		return err_set(e, ERR_INVALID, "The approval needs the date of the act (YYYY-MM-DD)");
	if (date_cmp(d, date_from_epoch(now)) > 0)
		return err_set(e, ERR_INVALID, "The date of the act (%s) is in the future", date);
	return 0;
}

static int supersede(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t by, struct err *e)
{
	struct plan old;
	int rc = plan_get(c, id, &old, e);
	if (rc)
		return rc;
	if (str_eq(old.status, "superseded")) {
		plan_release(&old);
		return 0;
	}
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	struct db_stmt *st = db_prepare(c, "UPDATE plan SET status = 'superseded', updated_at = ? WHERE id = ?", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_text(st, 1, at);
		db_bind_int64(st, 2, id);
		rc = db_step_done(st, e);
	}
	if (!rc) {
		st = db_prepare(c, "UPDATE plan_version SET status = 'superseded' WHERE plan_id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *after = json_object();
		json_set_str(after, "status", "superseded");
		json_set_int(after, "superseded_by", by);
		rc = audit_plan(c, who, now, "plan.supersede", id, NULL, after, e);
	}
	plan_release(&old);
	return rc;
}

/* Stores the current state as approved version p->version. */
static int store_version(struct db_conn *c, int64_t now, const struct plan *p, const char *status, struct err *e)
{
	struct plan_doc doc;
	plan_doc_init(&doc);
	int rc = plan_doc_load(c, p->id, true, &doc, e);
	char *snap = NULL;
	if (!rc) {
		json_t *j = plan_doc_to_json(&doc, true);
		snap = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		if (!snap)
			rc = err_set(e, ERR_INTERNAL, "The version could not be kept");
	}
	plan_doc_release(&doc);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "UPDATE plan_version SET status = 'superseded' WHERE plan_id = ?"
						   " AND status = 'approved'", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, p->id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		datetime_format(now, at);
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO plan_version (plan_id, version, status, act_kind, act_number, act_date, approved_at,"
			" snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, p->id);
			db_bind_int64(st, 2, p->version);
			db_bind_text(st, 3, status);
			db_bind_text(st, 4, p->act_kind);
			db_bind_text(st, 5, p->act_number);
			db_bind_text(st, 6, p->act_date);
			db_bind_text(st, 7, at);
			db_bind_text(st, 8, snap);
			rc = db_step_done(st, e);
			if (rc == ERR_CONFLICT)
				rc = err_set(e, ERR_CONFLICT, "Version %lld of this plan was already approved", (long long)p->version);
		}
	}
	free(snap);
	return rc;
}

int plan_approve(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *act_kind,
		 const char *act_number, const char *act_date, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	int64_t n = 0;
	rc = plan_get(c, id, &p, e);
	if (!rc && str_eq(p.status, "approved"))
		rc = err_set(e, ERR_CONFLICT, "Version %lld of this plan is already approved; change it to open the next version",
			     (long long)p.version);
	if (!rc && str_eq(p.status, "superseded"))
		rc = err_set(e, ERR_CONFLICT, "This plan was superseded; only a plan in force can be approved");
	if (!rc)
		rc = check_act(act_kind, act_number, act_date, now, e);
	if (!rc)
		rc = count_elements(c, id, &n, e);
	if (!rc && n == 0)
		rc = err_set(e, ERR_INVALID, "A plan without elements cannot be approved: add its axes and objectives first");
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		datetime_format(now, at);
		struct db_stmt *st = db_prepare(c,
			"UPDATE plan SET status = 'approved', act_kind = ?, act_number = ?, act_date = ?, updated_at = ?"
			" WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_text(st, 1, act_kind);
			db_bind_text(st, 2, act_number);
			db_bind_text(st, 3, act_date);
			db_bind_text(st, 4, at);
			db_bind_int64(st, 5, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		snprintf(p.status, sizeof p.status, "approved");
		copy(p.act_kind, sizeof p.act_kind, act_kind);
		copy(p.act_number, sizeof p.act_number, act_number);
		copy(p.act_date, sizeof p.act_date, act_date);
		rc = store_version(c, now, &p, "approved", e);
	}
	if (!rc && p.supersedes_id)
		rc = supersede(c, who, now, p.supersedes_id, id, e);
	if (!rc) {
		json_t *after = json_object();
		json_set_int(after, "version", p.version);
		json_set_str(after, "act_kind", act_kind);
		json_set_str(after, "act_number", act_number);
		json_set_str(after, "act_date", act_date);
		rc = audit_plan(c, who, now, "plan.approve", id, NULL, after, e);
	}
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

/* ---- listing ---- */

int plan_list(struct db_conn *c, const struct plan_query *q, json_t **items, int64_t *total, struct err *e)
{
	*items = NULL;
	*total = 0;
	char where[300] = " WHERE 1 = 1";
	if (q->government)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND p.government_code = ?");
	if (q->status)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND p.status = ?");
	if (q->instrument)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND p.instrument = ?");
	if (q->year)
		snprintf(where + strlen(where), sizeof where - strlen(where), " AND p.start_year <= ? AND p.end_year >= ?");
	char sql[1200];
	int rc = 0;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		if (pass == 0)
			snprintf(sql, sizeof sql, "SELECT COUNT(*)" PLAN_FROM "%s", where);
		else
			snprintf(sql, sizeof sql, "SELECT " PLAN_COLS PLAN_FROM "%s"
				 " ORDER BY p.government_code, p.start_year DESC, p.id LIMIT ? OFFSET ?", where);
		struct db_stmt *st = db_prepare(c, sql, e);
		if (!st)
			return e->code;
		int i = 1;
		if (q->government)
			db_bind_text(st, i++, q->government);
		if (q->status)
			db_bind_text(st, i++, q->status);
		if (q->instrument)
			db_bind_text(st, i++, q->instrument);
		if (q->year) {
			db_bind_int64(st, i++, q->year);
			db_bind_int64(st, i++, q->year);
		}
		if (pass == 0) {
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*total = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
			continue;
		}
		db_bind_int64(st, i++, q->limit > 0 ? q->limit : 100);
		db_bind_int64(st, i++, q->offset);
		json_t *arr = json_array();
		while ((rc = db_step(st, e)) == DB_ROW) {
			struct plan p;
			read_plan(st, &p);
			json_t *o = plan_to_json(&p);
			/* lists carry no long texts */
			json_object_del(o, "vision");
			json_object_del(o, "mission");
			json_object_del(o, "participants");
			json_array_append_new(arr, o);
			plan_release(&p);
		}
		db_finish(st);
		if (rc < 0) {
			json_decref(arr);
			return rc;
		}
		rc = 0;
		*items = arr;
	}
	return rc;
}

/* ---- elements ---- */

static void read_element(struct db_stmt *st, struct plan_element *el)
{
	memset(el, 0, sizeof *el);
	el->id = db_col_int64(st, 0);
	el->plan_id = db_col_int64(st, 1);
	el->parent_id = db_col_null(st, 2) ? 0 : db_col_int64(st, 2);
	el->position = db_col_int64(st, 3);
	copy(el->kind, sizeof el->kind, txt(st, 4));
	copy(el->code, sizeof el->code, txt(st, 5));
	el->code_auto = db_col_int64(st, 6) != 0;
	el->title = xstrdup(txt(st, 7));
	el->description = xstrdup(txt(st, 8));
	el->office = xstrdup(txt(st, 9));
}

void plan_element_release(struct plan_element *el)
{
	free(el->title);
	free(el->description);
	free(el->office);
	el->title = el->description = el->office = NULL;
}

int plan_element_get(struct db_conn *c, int64_t id, struct plan_element *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT id, plan_id, parent_id, position, kind, code, code_auto, title, description, office"
		" FROM plan_element WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		read_element(st, out);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No plan element with number %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

json_t *plan_element_to_json(const struct plan_element *el)
{
	json_t *o = json_object();
	json_set_int(o, "id", el->id);
	json_set_int(o, "plan_id", el->plan_id);
	json_object_set_new(o, "parent_id", el->parent_id ? json_integer(el->parent_id) : json_null());
	json_set_int(o, "position", el->position);
	json_set_str(o, "kind", el->kind);
	json_set_str(o, "code", el->code);
	json_set_bool(o, "code_auto", el->code_auto);
	json_set_str(o, "title", el->title);
	json_set_str(o, "description", el->description);
	json_set_str(o, "office", el->office);
	return o;
}

static int validate_element(const struct plan *p, const struct plan_element_input *in, struct err *e)
{
	struct plan_levels lv;
	int rc = plan_levels_parse(p->levels, &lv, e);
	if (rc)
		return rc;
	if (plan_levels_index(&lv, in->kind) < 0)
		return err_set(e, ERR_INVALID, "Choose the kind of element (one of this plan's: %s)", p->levels);
	if (!in->title || !*in->title)
		return err_set(e, ERR_INVALID, "The element needs a title");
	if ((rc = TOO_LONG(in->title, PLAN_ELEMENT_TITLE_MAX, N_("The title is too long (%zu characters at most)"))) ||
	    (rc = TOO_LONG(in->description, PLAN_DESCRIPTION_MAX, N_("The description is too long (%zu characters at most)"))) ||
	    (rc = TOO_LONG(in->office, PLAN_OFFICE_MAX, N_("The name of the office is too long (%zu characters at most)"))))
		return rc;
	if (in->code && *in->code && (rc = plan_code_check(in->code, e)))
		return rc;
	return 0;
}

static int check_parent(struct db_conn *c, const struct plan *p, int64_t parent_id, struct err *e)
{
	if (!parent_id)
		return 0;
	struct plan_element par;
	struct err e2;
	err_init(&e2, e->lang);
	if (plan_element_get(c, parent_id, &par, &e2))
		return err_set(e, ERR_INVALID, "The element to put it under does not exist");
	bool same = par.plan_id == p->id;
	plan_element_release(&par);
	if (!same)
		return err_set(e, ERR_INVALID, "The element to put it under belongs to another plan");
	return 0;
}

static int audit_element(struct db_conn *c, const struct actor *who, int64_t now, const char *action, int64_t plan_id,
			 json_t *before, int64_t element_id, struct err *e)
{
	json_t *after = NULL;
	if (element_id) {
		struct plan_element el;
		struct err e2;
		err_init(&e2, NULL);
		if (plan_element_get(c, element_id, &el, &e2) == 0) {
			after = plan_element_to_json(&el);
			plan_element_release(&el);
		}
	}
	return audit_plan(c, who, now, action, plan_id, before, after, e);
}

int plan_element_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
		     const struct plan_element_input *in, int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	struct enode *nodes = NULL;
	size_t count = 0;
	rc = plan_get(c, plan_id, &p, e);
	if (!rc)
		rc = editable(&p, e);
	if (!rc)
		rc = validate_element(&p, in, e);
	if (!rc)
		rc = check_parent(c, &p, in->parent_id, e);
	if (!rc)
		rc = open_version(c, who, now, &p, e);
	bool manual = in->code && *in->code;
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO plan_element (plan_id, parent_id, position, kind, code, code_auto, title, search_fold,"
			" description, office) VALUES (?, ?, ?, ?, '~', ?, ?, '', ?, ?) RETURNING id", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, plan_id);
			if (in->parent_id)
				db_bind_int64(st, 2, in->parent_id);
			else
				db_bind_null(st, 2);
			db_bind_int64(st, 3, INT32_MAX); /* last among its siblings */
			db_bind_text(st, 4, in->kind);
			db_bind_int64(st, 5, manual ? 0 : 1);
			db_bind_text(st, 6, in->title);
			db_bind_text(st, 7, in->description ? in->description : "");
			db_bind_text(st, 8, in->office ? in->office : "");
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_DB, "The element could not be saved");
		}
	}
	if (!rc)
		rc = load_nodes(c, plan_id, &nodes, &count, e);
	if (!rc) {
		int at = node_index(nodes, count, *id);
		if (at >= 0 && manual)
			copy(nodes[at].code, sizeof nodes[at].code, in->code);
		rc = number_and_save(c, p.levels, nodes, count, e);
	}
	if (!rc)
		rc = touch(c, now, plan_id, e);
	if (!rc)
		rc = audit_element(c, who, now, "plan.element.add", plan_id, NULL, *id, e);
	free_nodes(nodes, count);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

/* Loads the element and its plan for a change, checking the plan can change. */
static int load_for_change(struct db_conn *c, int64_t id, struct plan_element *el, struct plan *p, struct err *e)
{
	int rc = plan_element_get(c, id, el, e);
	if (rc)
		return rc;
	rc = plan_get(c, el->plan_id, p, e);
	if (!rc)
		rc = editable(p, e);
	return rc;
}

int plan_element_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			const struct plan_element_input *in, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	struct plan_element el = { 0 };
	struct enode *nodes = NULL;
	size_t count = 0;
	json_t *before = NULL;
	rc = load_for_change(c, id, &el, &p, e);
	if (!rc)
		rc = validate_element(&p, in, e);
	if (!rc) {
		before = plan_element_to_json(&el);
		rc = open_version(c, who, now, &p, e);
	}
	bool manual = in->code && *in->code;
	if (!rc) {
		char tmp[32];
		snprintf(tmp, sizeof tmp, "~%" PRId64, id);
		struct db_stmt *st = db_prepare(c,
			"UPDATE plan_element SET kind = ?, title = ?, description = ?, office = ?, code = ?, code_auto = ?"
			" WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_text(st, 1, in->kind);
			db_bind_text(st, 2, in->title);
			db_bind_text(st, 3, in->description ? in->description : "");
			db_bind_text(st, 4, in->office ? in->office : "");
			db_bind_text(st, 5, tmp);
			db_bind_int64(st, 6, manual ? 0 : 1);
			db_bind_int64(st, 7, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = load_nodes(c, p.id, &nodes, &count, e);
	if (!rc) {
		int at = node_index(nodes, count, id);
		if (at >= 0 && manual)
			copy(nodes[at].code, sizeof nodes[at].code, in->code);
		rc = number_and_save(c, p.levels, nodes, count, e);
	}
	if (!rc)
		rc = touch(c, now, p.id, e);
	if (!rc) {
		rc = audit_element(c, who, now, "plan.element.update", p.id, before, id, e);
		before = NULL;
	}
	json_decref(before);
	free_nodes(nodes, count);
	plan_element_release(&el);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

int plan_element_move(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t parent_id,
		      int64_t position, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	struct plan_element el = { 0 };
	struct enode *nodes = NULL;
	size_t count = 0;
	json_t *before = NULL;
	rc = load_for_change(c, id, &el, &p, e);
	if (!rc && parent_id == id)
		rc = err_set(e, ERR_INVALID, "An element cannot go inside itself");
	if (!rc)
		rc = check_parent(c, &p, parent_id, e);
	if (!rc) {
		before = plan_element_to_json(&el);
		rc = open_version(c, who, now, &p, e);
	}
	if (!rc)
		rc = load_nodes(c, p.id, &nodes, &count, e);
	if (!rc) {
		/* the others keep their order (even slots); the moved one goes to an odd
		 * slot just before the sibling now at `position` */
		for (size_t i = 0; i < count; i++)
			nodes[i].position *= 2;
		int at = node_index(nodes, count, id);
		if (at >= 0) {
			nodes[at].parent_id = parent_id;
			nodes[at].position = position < 1 ? 1 : position > INT32_MAX / 2 ? INT32_MAX : 2 * position - 1;
		}
		rc = number_and_save(c, p.levels, nodes, count, e);
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "UPDATE plan_element SET parent_id = ? WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			if (parent_id)
				db_bind_int64(st, 1, parent_id);
			else
				db_bind_null(st, 1);
			db_bind_int64(st, 2, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = touch(c, now, p.id, e);
	if (!rc) {
		rc = audit_element(c, who, now, "plan.element.move", p.id, before, id, e);
		before = NULL;
	}
	json_decref(before);
	free_nodes(nodes, count);
	plan_element_release(&el);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

/* ---- dependents and deletion ---- */

struct dep_arg {
	json_t *arr;
};

static int add_item_dependent(const struct artic_item *it, void *arg)
{
	struct dep_arg *a = arg;
	json_t *o = json_object();
	json_set_str(o, "what", it->kind);
	json_set_str(o, "code", it->code);
	json_set_str(o, "title", it->title);
	json_set_str(o, "href", it->href);
	json_array_append_new(a->arr, o);
	return 0;
}

int plan_element_dependents(struct db_conn *c, int64_t id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c, "SELECT id, plan_id, code, title FROM plan_element WHERE parent_id = ?"
					   " ORDER BY position", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_str(o, "what", "child");
		json_set_str(o, "code", txt(st, 2));
		json_set_str(o, "title", txt(st, 3));
		char href[80];
		snprintf(href, sizeof href, "/plans/%" PRId64 "/elements/%" PRId64, db_col_int64(st, 1), db_col_int64(st, 0));
		json_set_str(o, "href", href);
		json_array_append_new(arr, o);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	json_t *served;
	if ((rc = plan_served_by(c, id, &served, e)))
		return rc;
	size_t i;
	json_t *s;
	json_array_foreach(served, i, s) {
		json_t *o = json_object();
		json_set_str(o, "what", "alignment");
		json_set_str(o, "code", json_get_str(s, "code", ""));
		json_set_str(o, "title", json_get_str(s, "title", ""));
		json_set_str(o, "plan", json_get_str(json_object_get(s, "plan"), "label", ""));
		char href[80];
		snprintf(href, sizeof href, "/plans/%" PRId64 "/elements/%" PRId64,
			 (int64_t)json_get_int(json_object_get(s, "plan"), "id", 0), (int64_t)json_get_int(s, "id", 0));
		json_set_str(o, "href", href);
		json_array_append_new(arr, o);
	}
	json_decref(served);
	struct dep_arg a = { arr };
	return articulation_items_for_element(c, id, add_item_dependent, &a, e);
}

int plan_element_delete(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	struct plan_element el = { 0 };
	struct enode *nodes = NULL;
	size_t count = 0;
	json_t *deps = NULL, *before = NULL;
	rc = load_for_change(c, id, &el, &p, e);
	if (!rc)
		rc = plan_element_dependents(c, id, &deps, e);
	if (!rc && json_array_size(deps)) {
		char list[ERR_MSG_MAX];
		size_t j = 0, i;
		json_t *d;
		list[0] = '\0';
		json_array_foreach(deps, i, d) {
			const char *what = json_get_str(d, "what", "");
			const char *label = str_eq(what, "child") ? tr(e->lang, "under it")
					  : str_eq(what, "alignment") ? tr(e->lang, "aligned to it")
					  : str_eq(what, "project") ? tr(e->lang, "serves it")
					  : tr(e->lang, "traces to it");
			int w = snprintf(list + j, sizeof list - j, "%s%s %.60s (%s)", i ? "; " : "", json_get_str(d, "code", ""),
					 json_get_str(d, "title", ""), label);
			if (w < 0 || (size_t)w >= sizeof list - j)
				break;
			j += (size_t)w;
		}
		rc = err_set(e, ERR_CONFLICT, "%s cannot be deleted while other records depend on it: %s", el.code, list);
	}
	if (!rc) {
		before = plan_element_to_json(&el);
		rc = open_version(c, who, now, &p, e);
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM plan_alignment WHERE element_id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM plan_element WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = load_nodes(c, p.id, &nodes, &count, e);
	if (!rc)
		rc = number_and_save(c, p.levels, nodes, count, e);
	if (!rc)
		rc = touch(c, now, p.id, e);
	if (!rc) {
		rc = audit_element(c, who, now, "plan.element.delete", p.id, before, 0, e);
		before = NULL;
	}
	json_decref(before);
	json_decref(deps);
	free_nodes(nodes, count);
	plan_element_release(&el);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

int plan_renumber(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan p = { 0 };
	rc = plan_get(c, plan_id, &p, e);
	if (!rc)
		rc = editable(&p, e);
	if (!rc)
		rc = open_version(c, who, now, &p, e);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "UPDATE plan_element SET code_auto = 1 WHERE plan_id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, plan_id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = renumber_plan(c, &p, e);
	if (!rc)
		rc = touch(c, now, plan_id, e);
	if (!rc)
		rc = audit_plan(c, who, now, "plan.renumber", plan_id, NULL, NULL, e);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

/* ---- search ---- */

#define SEARCH_MAX_WORDS 6

/* The governments containing a code, and itself: "010106" -> 01, 0101, 010106. */
static int chain_codes(const char *code, char out[3][7])
{
	int n = 0;
	size_t len = strlen(code);
	for (size_t l = 2; l <= len && l <= 6 && n < 3; l += 2)
		snprintf(out[n++], 7, "%.*s", (int)l, code);
	return n;
}

int plan_element_search(struct db_conn *c, const struct plan_element_query *q, json_t **items, int64_t *total,
			struct err *e)
{
	*items = NULL;
	*total = 0;
	char words[SEARCH_MAX_WORDS][120];
	int nwords = 0;
	if (q->q && *q->q) {
		char *fold = utf8_fold(q->q);
		if (!fold)
			return err_set(e, ERR_INVALID, "The search text is not valid UTF-8");
		for (char *p = fold; *p && nwords < SEARCH_MAX_WORDS;) {
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " ");
			if (!n)
				break;
			/* LIKE pattern with % and _ escaped */
			size_t j = 0;
			words[nwords][j++] = '%';
			for (size_t k = 0; k < n && j + 3 < sizeof words[0]; k++) {
				if (p[k] == '%' || p[k] == '_' || p[k] == '\\')
					words[nwords][j++] = '\\';
				words[nwords][j++] = p[k];
			}
			words[nwords][j++] = '%';
			words[nwords][j] = '\0';
			nwords++;
			p += n;
		}
		free(fold);
	}
	char chain[3][7];
	int nchain = 0;
	if (q->government)
		nchain = q->with_ancestors ? chain_codes(q->government, chain) : (snprintf(chain[0], 7, "%s", q->government), 1);
	char where[1200] = " WHERE 1 = 1";
#define ADD(frag) snprintf(where + strlen(where), sizeof where - strlen(where), "%s", frag)
	if (nchain)
		ADD(" AND p.government_code IN (?, ?, ?)");
	if (q->plan_id)
		ADD(" AND el.plan_id = ?");
	if (q->exclude_plan)
		ADD(" AND el.plan_id <> ?");
	if (q->kind)
		ADD(" AND el.kind = ?");
	if (q->instrument)
		ADD(" AND p.instrument = ?");
	if (q->min_horizon == HORIZON_MEDIUM)
		ADD(" AND p.horizon IN ('medium', 'long')");
	else if (q->min_horizon == HORIZON_LONG)
		ADD(" AND p.horizon = 'long'");
	if (q->exclude_superseded)
		ADD(" AND p.status <> 'superseded'");
	/* instruments bound by key: those that take projects, and the concerted ones among them */
	const char *takes[16], *territorial[16];
	int ntakes = 0, nterr = 0;
	if (q->project_targets) {
		size_t ni;
		const struct plan_instrument *ins = plan_instruments(&ni);
		for (size_t k = 0; k < ni && ntakes < 16; k++)
			if (plan_instrument_takes_projects(ins[k].key)) {
				takes[ntakes++] = ins[k].key;
				if (ins[k].territorial)
					territorial[nterr++] = ins[k].key;
			}
		ADD(" AND el.kind <> 'indicator' AND p.instrument IN (");
		for (int k = 0; k < ntakes; k++)
			ADD(k ? ", ?" : "?");
		ADD(q->own_institutional && q->government ? ") AND (p.government_code = ? OR p.instrument IN (" : ") AND (p.instrument IN (");
		for (int k = 0; k < nterr; k++)
			ADD(k ? ", ?" : "?");
		ADD("))");
	}
	for (int w = 0; w < nwords; w++)
		ADD(" AND el.search_fold LIKE ? ESCAPE '\\'");
#undef ADD
	char sql[2400];
	int rc = 0;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		if (pass == 0)
			snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM plan_element el JOIN plan p ON p.id = el.plan_id%s", where);
		else
			snprintf(sql, sizeof sql,
				 "SELECT el.id, el.plan_id, el.parent_id, el.position, el.kind, el.code, el.code_auto, el.title,"
				 " el.description, el.office, " PLAN_COLS " FROM plan_element el JOIN plan p ON p.id = el.plan_id"
				 " JOIN government g ON g.code = p.government_code%s"
				 " ORDER BY LENGTH(p.government_code), p.government_code, p.id, el.id LIMIT ? OFFSET ?",
				 where);
		struct db_stmt *st = db_prepare(c, sql, e);
		if (!st)
			return e->code;
		int i = 1;
		for (int k = 0; k < 3 && nchain; k++)
			db_bind_text(st, i++, k < nchain ? chain[k] : NULL);
		if (q->plan_id)
			db_bind_int64(st, i++, q->plan_id);
		if (q->exclude_plan)
			db_bind_int64(st, i++, q->exclude_plan);
		if (q->kind)
			db_bind_text(st, i++, q->kind);
		if (q->instrument)
			db_bind_text(st, i++, q->instrument);
		for (int k = 0; k < ntakes; k++)
			db_bind_text(st, i++, takes[k]);
		if (q->project_targets && q->own_institutional && q->government)
			db_bind_text(st, i++, q->government);
		for (int k = 0; k < nterr; k++)
			db_bind_text(st, i++, territorial[k]);
		for (int w = 0; w < nwords; w++)
			db_bind_text(st, i++, words[w]);
		if (pass == 0) {
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*total = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
			continue;
		}
		db_bind_int64(st, i++, q->limit > 0 ? q->limit : 50);
		db_bind_int64(st, i++, q->offset);
		json_t *arr = json_array();
		while ((rc = db_step(st, e)) == DB_ROW) {
			struct plan_element el;
			read_element(st, &el);
			json_t *o = plan_element_to_json(&el);
			plan_element_release(&el);
			/* the plan's columns follow the element's ten */
			struct plan p;
			memset(&p, 0, sizeof p);
			p.id = db_col_int64(st, 10);
			copy(p.government, sizeof p.government, txt(st, 11));
			copy(p.government_name, sizeof p.government_name, txt(st, 12));
			copy(p.instrument, sizeof p.instrument, txt(st, 13));
			copy(p.kind_name, sizeof p.kind_name, txt(st, 14));
			p.horizon = plan_horizon_parse(txt(st, 15));
			copy(p.title, sizeof p.title, txt(st, 16));
			p.start_year = db_col_int64(st, 17);
			p.end_year = db_col_int64(st, 18);
			copy(p.status, sizeof p.status, txt(st, 23));
			char label[400];
			plan_label(&p, label, sizeof label);
			json_t *pl = json_object();
			json_set_int(pl, "id", p.id);
			json_set_str(pl, "title", p.title);
			json_set_str(pl, "label", label);
			json_set_str(pl, "instrument", p.instrument);
			json_set_str(pl, "horizon", plan_horizon_key(p.horizon));
			json_set_str(pl, "government", p.government);
			json_set_str(pl, "government_name", p.government_name);
			json_set_str(pl, "status", p.status);
			json_object_set_new(o, "plan", pl);
			json_array_append_new(arr, o);
		}
		db_finish(st);
		if (rc < 0) {
			json_decref(arr);
			return rc;
		}
		rc = 0;
		*items = arr;
	}
	return rc;
}

/* ---- alignment ---- */

static int load_end(struct db_conn *c, int64_t element_id, struct plan_element *el, struct plan *p, char *label,
		    size_t n, struct align_end *end, struct err *e)
{
	int rc = plan_element_get(c, element_id, el, e);
	if (!rc)
		rc = plan_get(c, el->plan_id, p, e);
	if (rc)
		return rc;
	plan_label(p, label, n);
	*end = (struct align_end){ .element_id = el->id, .plan_id = p->id, .code = el->code, .plan_label = label,
				   .government = p->government, .horizon = p->horizon,
				   .superseded = str_eq(p->status, "superseded") };
	return 0;
}

/* The alignments among the plans of these governments (the only ones a new
 * alignment toward them could close a cycle through). */
static int load_edges(struct db_conn *c, const char *government, struct align_edge **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	char chain[3][7];
	int nc = chain_codes(government, chain);
	struct db_stmt *st = db_prepare(c,
		"SELECT a.element_id, a.target_id, s.plan_id, t.plan_id FROM plan_alignment a"
		" JOIN plan_element s ON s.id = a.element_id JOIN plan_element t ON t.id = a.target_id"
		" JOIN plan sp ON sp.id = s.plan_id WHERE sp.government_code IN (?, ?, ?)", e);
	if (!st)
		return e->code;
	for (int k = 0; k < 3; k++)
		db_bind_text(st, k + 1, k < nc ? chain[k] : NULL);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = (struct align_edge){ db_col_int64(st, 0), db_col_int64(st, 1), db_col_int64(st, 2),
						      db_col_int64(st, 3) };
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int plan_align(struct db_conn *c, const struct actor *who, int64_t now, int64_t element_id, int64_t target_id,
	       struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan_element from_el = { 0 }, to_el = { 0 };
	struct plan from_p = { 0 }, to_p = { 0 };
	char from_label[400], to_label[400];
	struct align_end from, to;
	struct align_edge *edges = NULL;
	size_t nedges = 0;
	rc = load_end(c, element_id, &from_el, &from_p, from_label, sizeof from_label, &from, e);
	if (!rc)
		rc = editable(&from_p, e);
	if (!rc) {
		struct err e2;
		err_init(&e2, e->lang);
		if (load_end(c, target_id, &to_el, &to_p, to_label, sizeof to_label, &to, &e2))
			rc = err_set(e, ERR_INVALID, "The element to align to does not exist");
	}
	if (!rc)
		rc = load_edges(c, to_p.government, &edges, &nedges, e);
	if (!rc)
		rc = plan_align_check(&from, &to, edges, nedges, e);
	if (!rc)
		rc = open_version(c, who, now, &from_p, e);
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		datetime_format(now, at);
		struct db_stmt *st = db_prepare(c, "INSERT INTO plan_alignment (element_id, target_id, created_at) VALUES (?, ?, ?)", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, element_id);
			db_bind_int64(st, 2, target_id);
			db_bind_text(st, 3, at);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = touch(c, now, from_p.id, e);
	if (!rc) {
		json_t *after = json_object();
		json_set_int(after, "element_id", element_id);
		json_set_str(after, "element", from_el.code);
		json_set_int(after, "target_id", target_id);
		json_set_str(after, "target", to_el.code);
		json_set_str(after, "target_plan", to_label);
		rc = audit_plan(c, who, now, "plan.align", from_p.id, NULL, after, e);
	}
	free(edges);
	plan_element_release(&from_el);
	plan_element_release(&to_el);
	plan_release(&from_p);
	plan_release(&to_p);
	return db_tx_leave(c, own, rc, e);
}

int plan_unalign(struct db_conn *c, const struct actor *who, int64_t now, int64_t element_id, int64_t target_id,
		 struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan_element el = { 0 };
	struct plan p = { 0 };
	rc = load_for_change(c, element_id, &el, &p, e);
	if (!rc)
		rc = open_version(c, who, now, &p, e);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM plan_alignment WHERE element_id = ? AND target_id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, element_id);
			db_bind_int64(st, 2, target_id);
			rc = db_step_done(st, e);
		}
		if (!rc && db_changes(c) == 0)
			rc = err_set(e, ERR_NOTFOUND, "%s is not aligned to that element", el.code);
	}
	if (!rc)
		rc = touch(c, now, p.id, e);
	if (!rc) {
		json_t *before = json_object();
		json_set_int(before, "element_id", element_id);
		json_set_str(before, "element", el.code);
		json_set_int(before, "target_id", target_id);
		rc = audit_plan(c, who, now, "plan.unalign", p.id, before, NULL, e);
	}
	plan_element_release(&el);
	plan_release(&p);
	return db_tx_leave(c, own, rc, e);
}

int plan_align_candidates(struct db_conn *c, int64_t element_id, const char *q, int64_t limit, json_t **items,
			  int64_t *total, struct err *e)
{
	struct plan_element el;
	struct plan p;
	*items = NULL;
	int rc = plan_element_get(c, element_id, &el, e);
	if (rc)
		return rc;
	rc = plan_get(c, el.plan_id, &p, e);
	if (rc) {
		plan_element_release(&el);
		return rc;
	}
	struct plan_element_query eq = { .q = q, .government = p.government, .with_ancestors = true,
					 .exclude_plan = p.id, .min_horizon = (int)p.horizon, .exclude_superseded = true,
					 .limit = limit };
	rc = plan_element_search(c, &eq, items, total, e);
	if (!rc) {
		/* mark those already aligned */
		struct db_stmt *st = db_prepare(c, "SELECT target_id FROM plan_alignment WHERE element_id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, element_id);
			int64_t ids[256];
			size_t n = 0;
			while ((rc = db_step(st, e)) == DB_ROW && n < ARRAY_LEN(ids))
				ids[n++] = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
			size_t i;
			json_t *o;
			json_array_foreach(*items, i, o) {
				bool aligned = false;
				for (size_t k = 0; k < n; k++)
					aligned |= ids[k] == json_get_int(o, "id", 0);
				json_set_bool(o, "aligned", aligned);
			}
		}
	}
	plan_element_release(&el);
	plan_release(&p);
	return rc;
}

int plan_element_targets(struct db_conn *c, int64_t element_id, json_t **items, struct err *e)
{
	*items = json_array();
	struct db_stmt *st = db_prepare(c, "SELECT " TARGET_COLS " FROM plan_alignment a" TARGET_JOIN
					   " WHERE a.element_id = ? ORDER BY LENGTH(tp.government_code) DESC, tp.id, t.code", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, element_id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(*items, target_json(st, 0));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int plan_served_by(struct db_conn *c, int64_t element_id, json_t **items, struct err *e)
{
	*items = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT s.id, s.code, s.title, sp.id, sp.title, sp.instrument, sp.kind_name, sp.government_code, g.name,"
		" sp.start_year, sp.end_year, sp.status FROM plan_alignment a JOIN plan_element s ON s.id = a.element_id"
		" JOIN plan sp ON sp.id = s.plan_id JOIN government g ON g.code = sp.government_code"
		" WHERE a.target_id = ? ORDER BY LENGTH(sp.government_code), sp.government_code, sp.id, s.code", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, element_id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(*items, target_json(st, 0));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- import ---- */

/* Finds the element a file's alignment points to. */
static int resolve_target(struct db_conn *c, const struct plan_doc_target *t, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT el.id FROM plan_element el JOIN plan p ON p.id = el.plan_id WHERE p.government_code = ?"
		" AND p.instrument = ? AND p.start_year = ? AND p.end_year = ? AND el.code = ? ORDER BY p.id DESC", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, t->government);
	db_bind_text(st, 2, t->instrument);
	db_bind_int64(st, 3, t->start_year);
	db_bind_int64(st, 4, t->end_year);
	db_bind_text(st, 5, t->code);
	int rc = db_step(st, e);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int plan_import_doc(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		    const struct plan_doc *doc, int flags, int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct plan_input in = { .instrument = doc->instrument, .kind_name = doc->kind_name, .horizon = doc->horizon,
				 .title = doc->title, .start_year = doc->start_year, .end_year = doc->end_year,
				 .vision = doc->vision, .mission = doc->mission, .participants = doc->participants,
				 .levels = doc->levels };
	int64_t *ids = xcalloc(doc->nels ? doc->nels : 1, sizeof *ids);
	struct plan p = { 0 };
	struct enode *nodes = NULL;
	size_t count = 0;
	int skipped = 0;
	/* plan_create audits "plan.create"; the import adds its own entry */
	rc = plan_create(c, who, now, government, &in, id, e);
	if (!rc)
		rc = plan_get(c, *id, &p, e);
	int64_t *pos = xcalloc(doc->nels + 1, sizeof *pos);
	for (size_t i = 0; i < doc->nels && !rc; i++) {
		const struct plan_doc_element *el = &doc->els[i];
		if (el->parent >= (int)i) {
			rc = err_set(e, ERR_INVALID, "%s: its parent comes after it", el->where);
			break;
		}
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO plan_element (plan_id, parent_id, position, kind, code, code_auto, title, search_fold,"
			" description, office) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?) RETURNING id", e);
		if (!st) {
			rc = e->code;
			break;
		}
		char tmp[32];
		snprintf(tmp, sizeof tmp, "~n%zu", i);
		size_t slot = el->parent < 0 ? doc->nels : (size_t)el->parent;
		db_bind_int64(st, 1, *id);
		if (el->parent >= 0)
			db_bind_int64(st, 2, ids[el->parent]);
		else
			db_bind_null(st, 2);
		db_bind_int64(st, 3, ++pos[slot]);
		db_bind_text(st, 4, el->kind);
		db_bind_text(st, 5, tmp);
		db_bind_int64(st, 6, el->code_auto ? 1 : 0);
		db_bind_text(st, 7, el->title);
		db_bind_text(st, 8, el->description);
		db_bind_text(st, 9, el->office);
		rc = db_step(st, e);
		if (rc == DB_ROW)
			ids[i] = db_col_int64(st, 0);
		db_finish(st);
		rc = rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_DB, "The element could not be saved");
	}
	free(pos);
	if (!rc)
		rc = load_nodes(c, *id, &nodes, &count, e);
	if (!rc) {
		for (size_t i = 0; i < doc->nels; i++) {
			int at = node_index(nodes, count, ids[i]);
			if (at >= 0 && !doc->els[i].code_auto)
				copy(nodes[at].code, sizeof nodes[at].code, doc->els[i].code);
		}
		rc = number_and_save(c, p.levels, nodes, count, e);
	}
	/* alignments, each checked like one made by hand */
	for (size_t i = 0; i < doc->nels && !rc; i++) {
		const struct plan_doc_element *el = &doc->els[i];
		for (size_t t = 0; t < el->ntargets && !rc; t++) {
			const struct plan_doc_target *tg = &el->targets[t];
			int64_t target = 0;
			rc = resolve_target(c, tg, &target, e);
			if (rc)
				break;
			if (!target) {
				if (flags & PLAN_IMPORT_SKIP_MISSING_TARGETS) {
					skipped++;
					continue;
				}
				rc = err_set(e, ERR_INVALID,
					     "%s: aligns to %s of the %s %lld-%lld of %s, which is not in this installation",
					     el->where[0] ? el->where : el->code, tg->code, tg->instrument, (long long)tg->start_year,
					     (long long)tg->end_year, tg->government);
				break;
			}
			rc = plan_align(c, who, now, ids[i], target, e);
			if (rc)
				err_prefix(e, "%s", el->where[0] ? el->where : el->code);
		}
	}
	/* the approval the file records */
	if (!rc && !str_eq(doc->status, "draft")) {
		if (!doc->act_kind[0] || !doc->act_number || !doc->act_number[0] || !doc->act_date[0])
			rc = err_set(e, ERR_INVALID, "An approved plan needs its approving act (kind, number and date)");
		struct date d;
		if (!rc && date_parse(doc->act_date, &d))
			rc = err_set(e, ERR_INVALID, "The approval needs the date of the act (YYYY-MM-DD)");
		if (!rc) {
			struct db_stmt *st = db_prepare(c,
				"UPDATE plan SET status = ?, version = ?, act_kind = ?, act_number = ?, act_date = ? WHERE id = ?", e);
			rc = st ? 0 : e->code;
			if (st) {
				db_bind_text(st, 1, doc->status);
				db_bind_int64(st, 2, doc->version);
				db_bind_text(st, 3, doc->act_kind);
				db_bind_text(st, 4, doc->act_number);
				db_bind_text(st, 5, doc->act_date);
				db_bind_int64(st, 6, *id);
				rc = db_step_done(st, e);
			}
		}
		if (!rc) {
			plan_release(&p);
			rc = plan_get(c, *id, &p, e);
		}
		if (!rc)
			rc = store_version(c, now, &p, str_eq(doc->status, "superseded") ? "superseded" : "approved", e);
	} else if (!rc && doc->version > 1) {
		struct db_stmt *st = db_prepare(c, "UPDATE plan SET version = ? WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, doc->version);
			db_bind_int64(st, 2, *id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *after = json_object();
		json_set_int(after, "elements", (int64_t)doc->nels);
		json_set_str(after, "status", doc->status);
		json_set_int(after, "version", doc->version);
		json_set_int(after, "alignments_skipped", skipped);
		rc = audit_plan(c, who, now, "plan.import", *id, NULL, after, e);
	}
	free_nodes(nodes, count);
	plan_release(&p);
	free(ids);
	return db_tx_leave(c, own, rc, e);
}
