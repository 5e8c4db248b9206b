/* measurement.c — measurements of indicators: values per period and per
 * disaggregation cell, evidence (references and uploaded files), the workflow
 * draft → submitted → approved | returned with who and when, formula
 * indicators recomputed on approval, and feedback decisions. */
#include "core/compat.h"
#include "domain/indicator.h"
#include "domain/indicator_int.h"
#include "domain/stored_file.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sodium.h>

/* ---- reading ---- */

struct mrow {
	int64_t id, indicator_id, value;
	char period[IND_PERIOD_TEXT];
	char status[12];
	char origin[10];
};

static int mrow_get(struct db_conn *c, int64_t mid, struct mrow *m, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id, indicator_id, value, period, status, origin FROM measurement WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, mid);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		m->id = db_col_int64(st, 0);
		m->indicator_id = db_col_int64(st, 1);
		m->value = db_col_int64(st, 2);
		snprintf(m->period, sizeof m->period, "%s", ind_col(st, 3));
		snprintf(m->status, sizeof m->status, "%s", ind_col(st, 4));
		snprintf(m->origin, sizeof m->origin, "%s", ind_col(st, 5));
	}
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No measurement with number %lld", (long long)mid);
	return rc < 0 ? rc : 0;
}

/* The measurement of a period, or *found false. */
static int mrow_find(struct db_conn *c, int64_t indicator_id, const char *period, struct mrow *m, bool *found,
		     struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id FROM measurement WHERE indicator_id = ? AND period = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, indicator_id);
	db_bind_text(st, 2, period);
	int rc = db_step(st, e);
	int64_t id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc < 0)
		return rc;
	*found = id > 0;
	return id ? mrow_get(c, id, m, e) : 0;
}

int measurement_indicator(struct db_conn *c, int64_t mid, int64_t *indicator_id, struct err *e)
{
	struct mrow m;
	int rc = mrow_get(c, mid, &m, e);
	if (!rc)
		*indicator_id = m.indicator_id;
	return rc;
}

static int record_event(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const char *from,
			const char *to, const char *note, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO measurement_event (measurement_id, from_status, to_status, note, account_id, actor, at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		return e->code;
	char at[DATETIME_FMT_MAX];
	db_bind_int64(st, 1, mid);
	ind_bind_text_or_null(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, note ? note : "");
	if (who && who->account_id)
		db_bind_int64(st, 5, who->account_id);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, ind_actor_name(who));
	db_bind_text(st, 7, datetime_format(now, at));
	return db_step_done(st, e);
}

static int audit_m(struct db_conn *c, const struct actor *who, int64_t now, const char *action, int64_t mid,
		   json_t *after, struct err *e)
{
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)mid);
	int rc = audit_record(c, who, now, action, "measurement", sid, NULL, after, e);
	json_decref(after);
	return rc;
}

/* ---- cells ---- */

struct dim_cats {
	char code[16];
	char name[64];
	char cats[12][16];
	char cat_names[12][64];
	size_t ncat;
};

static int load_dim_cats(struct db_conn *c, const struct indicator_core *k, struct dim_cats *dims, struct err *e)
{
	for (size_t d = 0; d < k->ndims; d++) {
		struct dim_cats *x = &dims[d];
		memset(x, 0, sizeof *x);
		snprintf(x->code, sizeof x->code, "%s", k->dims[d]);
		struct db_stmt *st = db_prepare(c,
			"SELECT d.name, c.code, c.name FROM disagg_category c JOIN disagg_dimension d ON d.code = c.dimension_code"
			" WHERE c.dimension_code = ? ORDER BY c.position, c.code", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, k->dims[d]);
		int rc;
		while ((rc = db_step(st, e)) == DB_ROW && x->ncat < ARRAY_LEN(x->cats)) {
			snprintf(x->name, sizeof x->name, "%s", ind_col(st, 0));
			snprintf(x->cats[x->ncat], sizeof x->cats[0], "%s", ind_col(st, 1));
			snprintf(x->cat_names[x->ncat], sizeof x->cat_names[0], "%s", ind_col(st, 2));
			x->ncat++;
		}
		db_finish(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The dimension's message id for a code the indicator may not declare. */
static void dimension_name(struct db_conn *c, const char *code, char *out, size_t n)
{
	struct err e;
	err_init(&e, NULL);
	snprintf(out, n, "%s", code);
	struct db_stmt *st = db_prepare(c, "SELECT name FROM disagg_dimension WHERE code = ?", &e);
	if (!st)
		return;
	db_bind_text(st, 1, code);
	if (db_step(st, &e) == DB_ROW)
		snprintf(out, n, "%s", ind_col(st, 0));
	db_finish(st);
}

/* Maps the typed cells on the indicator's dimensions; blank values are not
 * given. Refuses undeclared dimensions and categories, and bad numbers. */
static int parse_cells(struct db_conn *c, const struct indicator_core *k, const struct dim_cats *dims,
		       const struct measurement_input *in, struct ind_cell *cells, size_t *ncells, struct err *e)
{
	*ncells = 0;
	const struct i18n_lang *L = e->lang;
	for (size_t i = 0; i < in->ncells; i++) {
		const struct measurement_cell_input *x = &in->cells[i];
		bool blank = true;
		for (const char *p = x->value; p && *p && blank; p++)
			blank = *p == ' ' || *p == '\t';
		if (blank)
			continue;   /* a category left empty is not given */
		size_t d;
		for (d = 0; d < k->ndims && !str_eq(dims[d].code, x->dimension); d++)
			;
		if (d == k->ndims) {
			char name[64];
			dimension_name(c, x->dimension ? x->dimension : "", name, sizeof name);
			return err_set(e, ERR_INVALID, "This indicator is not disaggregated by %s: declare it in the indicator first",
				       tr(L, name));
		}
		size_t cat;
		for (cat = 0; cat < dims[d].ncat && !str_eq(dims[d].cats[cat], x->category); cat++)
			;
		if (cat == dims[d].ncat)
			return err_set(e, ERR_INVALID, "\"%.30s\" is not a category of %s", x->category ? x->category : "",
				       tr(L, dims[d].name));
		if (*ncells == IND_MAX_CELLS)
			return err_set(e, ERR_INVALID, "Too many disaggregated values (limit %d)", IND_MAX_CELLS);
		char label[160];
		snprintf(label, sizeof label, "%s (%s)", tr(L, dims[d].cat_names[cat]), tr(L, dims[d].name));
		int64_t v;
		int rc = ind_parse_field(x->value, k->decimals, label, false, &v, NULL, e);
		if (rc)
			return rc;
		cells[*ncells] = (struct ind_cell){ (int)d, (int)cat, v };
		(*ncells)++;
	}
	return 0;
}

static int write_cells(struct db_conn *c, int64_t mid, const struct dim_cats *dims, const struct ind_cell *cells,
		       size_t n, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "DELETE FROM measurement_cell WHERE measurement_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, mid);
	int rc = db_step_done(st, e);
	for (size_t i = 0; i < n && !rc; i++) {
		st = db_prepare(c, "INSERT INTO measurement_cell (measurement_id, dimension_code, category_code, value)"
				   " VALUES (?, ?, ?, ?)", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, mid);
		db_bind_text(st, 2, dims[cells[i].dim].code);
		db_bind_text(st, 3, dims[cells[i].dim].cats[cells[i].cat]);
		db_bind_int64(st, 4, cells[i].value);
		rc = db_step_done(st, e);
	}
	return rc;
}

/* ---- files ---- */

/* The evidence file of a measurement, prepared by stored_file_prepare. */
static int write_file(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const struct stored_file *f,
		      struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO measurement_file (measurement_id, file_name, content_type, size, sha256, data_base64, created_at,"
		" created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		return e->code;
	char at[DATETIME_FMT_MAX];
	db_bind_int64(st, 1, mid);
	db_bind_text(st, 2, f->name);
	db_bind_text(st, 3, f->content_type);
	db_bind_int64(st, 4, (int64_t)f->size);
	db_bind_text(st, 5, f->sha256);
	db_bind_text(st, 6, f->base64);
	db_bind_text(st, 7, datetime_format(now, at));
	db_bind_text(st, 8, ind_actor_name(who));
	return db_step_done(st, e);
}

/* ---- saving ---- */

int measurement_save(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
		     const struct measurement_input *in, int64_t *mid, struct err *e)
{
	const struct i18n_lang *L = e->lang;
	struct indicator_core k;
	int rc = indicator_core_get(c, indicator_id, &k, e);
	if (rc)
		return rc;
	if (k.numerator_id)
		return err_set(e, ERR_INVALID, "%s is computed from its formula: enter the measurements of its parts", k.code);
	struct ind_period p;
	char ptext[IND_PERIOD_TEXT];
	if ((rc = ind_parse_measured_period(&k, in->period, &p, e)))
		return rc;
	ind_period_format(p, ptext);
	struct dim_cats *dims = xcalloc(k.ndims ? k.ndims : 1, sizeof *dims);
	struct ind_cell cells[IND_MAX_CELLS];
	size_t ncells = 0;
	int64_t total = 0;
	bool has_total = false;
	struct ind_disagg dis = { 0 };
	struct stored_file f = { 0 };
	if (utf8_len(in->comment ? in->comment : "") > IND_TEXT_MAX)
		rc = err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", tr(L, "Comment"), (size_t)IND_TEXT_MAX);
	if (!rc && utf8_len(in->evidence_ref ? in->evidence_ref : "") > IND_SHORT_MAX)
		rc = err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", tr(L, "Evidence (reference)"),
			     (size_t)IND_SHORT_MAX);
	if (!rc)
		rc = load_dim_cats(c, &k, dims, e);
	if (!rc)
		rc = ind_parse_field(in->value, k.decimals, tr(L, "Value"), false, &total, &has_total, e);
	if (!rc)
		rc = parse_cells(c, &k, dims, in, cells, &ncells, e);
	if (!rc) {
		size_t ncat[IND_MAX_DIMS];
		for (size_t d = 0; d < k.ndims; d++)
			ncat[d] = dims[d].ncat;
		/* rates by category are not summands: the total is given, nothing is added up */
		enum ind_disagg_rc drc = k.additive ? ind_disagg_check(ncat, k.ndims, cells, ncells, has_total, total, &dis)
					   : ind_disagg_check(ncat, k.ndims, cells, ncells, true, total, &dis);
		if (!k.additive) {
			dis.mismatch = false;
			dis.total = total;
			if (!has_total && drc == IND_DISAGG_OK)
				drc = IND_DISAGG_NO_TOTAL;
		}
		switch (drc) {
		case IND_DISAGG_OK:
			break;
		case IND_DISAGG_NO_TOTAL:
			rc = ncells && k.additive
				? err_set(e, ERR_INVALID, "Give the total, or a value for every category of one disaggregation")
				: err_set(e, ERR_INVALID, "Field \"%s\" is required", tr(L, "Value"));
			break;
		case IND_DISAGG_DUPLICATE:
			rc = err_set(e, ERR_INVALID, "The same disaggregated value is given twice");
			break;
		case IND_DISAGG_RANGE:
			rc = err_set(e, ERR_INVALID, "The disaggregated values add up to more than minka can keep");
			break;
		}
	}
	if (!rc && in->file_data)
		rc = stored_file_prepare(&f, in->file_name, "evidencia", in->file_data, in->file_len, IND_FILE_MAX, e);
	bool own = false;
	if (!rc)
		rc = db_tx_enter(c, &own, e);
	if (rc) {
		stored_file_release(&f);
		free(dims);
		return rc;
	}
	struct mrow m;
	bool found = false;
	rc = mrow_find(c, indicator_id, ptext, &m, &found, e);
	if (!rc && found && !ind_mstatus_editable(m.status))
		rc = err_set(e, ERR_CONFLICT, "The measurement of %s is %s: it can no longer change", ptext,
			     tr(L, ind_mstatus_label(m.status)));
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	if (!rc && found) {
		struct db_stmt *st = db_prepare(c,
			"UPDATE measurement SET value = ?, total_given = ?, sum_mismatch = ?, comment = COALESCE(CAST(? AS TEXT), comment),"
			" evidence_ref = COALESCE(CAST(? AS TEXT), evidence_ref), updated_at = ? WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, dis.total);
			db_bind_int64(st, 2, has_total);
			db_bind_int64(st, 3, dis.mismatch);
			db_bind_text(st, 4, in->comment);        /* NULL: not in the form, kept */
			db_bind_text(st, 5, in->evidence_ref);
			db_bind_text(st, 6, at);
			db_bind_int64(st, 7, m.id);
			rc = db_step_done(st, e);
		}
		*mid = m.id;
	} else if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO measurement (indicator_id, period, value, total_given, sum_mismatch, status, origin, comment,"
			" evidence_ref, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', 'entry', ?, ?, ?, ?, ?)"
			" RETURNING id", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, indicator_id);
			db_bind_text(st, 2, ptext);
			db_bind_int64(st, 3, dis.total);
			db_bind_int64(st, 4, has_total);
			db_bind_int64(st, 5, dis.mismatch);
			db_bind_text(st, 6, in->comment ? in->comment : "");
			db_bind_text(st, 7, in->evidence_ref ? in->evidence_ref : "");
			db_bind_text(st, 8, at);
			db_bind_text(st, 9, ind_actor_name(who));
			db_bind_text(st, 10, at);
			rc = db_step(st, e);
			if (rc == DB_ROW) {
				*mid = db_col_int64(st, 0);
				rc = 0;
			}
			db_finish(st);
		}
		if (!rc)
			rc = record_event(c, who, now, *mid, NULL, "draft", "", e);
	}
	if (!rc)
		rc = write_cells(c, *mid, dims, cells, ncells, e);
	if (!rc && f.base64)
		rc = write_file(c, who, now, *mid, &f, e);
	if (!rc) {
		json_t *after = json_object();
		json_set_int(after, "indicator_id", indicator_id);
		json_set_str(after, "period", ptext);
		json_set_int(after, "value", dis.total);
		json_set_bool(after, "sum_mismatch", dis.mismatch);
		json_t *cj = json_object();
		for (size_t i = 0; i < ncells; i++) {
			char key[40];
			snprintf(key, sizeof key, "%s.%s", dims[cells[i].dim].code, dims[cells[i].dim].cats[cells[i].cat]);
			json_set_int(cj, key, cells[i].value);
		}
		json_object_set_new(after, "cells", cj);
		if (f.base64)
			json_set_str(after, "file_sha256", f.sha256);
		rc = audit_m(c, who, now, found ? "measurement.update" : "measurement.create", *mid, after, e);
	}
	stored_file_release(&f);
	free(dims);
	return db_tx_leave(c, own, rc, e);
}

/* ---- workflow ---- */

static int move(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const char *to, const char *note,
		struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct mrow m;
	rc = mrow_get(c, mid, &m, e);
	if (!rc && !ind_mstatus_allowed(m.status, to))
		rc = err_set(e, ERR_CONFLICT, "A measurement cannot go from \"%s\" to \"%s\"", tr(e->lang, ind_mstatus_label(m.status)),
			     tr(e->lang, ind_mstatus_label(to)));
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	if (!rc) {
		bool review = str_eq(to, "approved") || str_eq(to, "returned");
		struct db_stmt *st = db_prepare(c, review
			? "UPDATE measurement SET status = ?, reviewed_at = ?, reviewed_by = ?, review_note = ?, updated_at = ? WHERE id = ?"
			: "UPDATE measurement SET status = ?, submitted_at = ?, submitted_by = ?, review_note = ?, updated_at = ?"
			  " WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_text(st, 1, to);
			db_bind_text(st, 2, at);
			db_bind_text(st, 3, ind_actor_name(who));
			ind_bind_text_or_null(st, 4, review ? note : NULL);
			db_bind_text(st, 5, at);
			db_bind_int64(st, 6, mid);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = record_event(c, who, now, mid, m.status, to, note, e);
	if (!rc && str_eq(to, "approved"))
		rc = ind_formula_refresh(c, who, now, m.indicator_id, m.period, 0, e);
	if (!rc) {
		json_t *after = json_object();
		json_set_str(after, "from", m.status);
		json_set_str(after, "to", to);
		json_set_str(after, "period", m.period);
		json_set_int(after, "indicator_id", m.indicator_id);
		if (note && *note)
			json_set_str(after, "note", note);
		char action[40];
		snprintf(action, sizeof action, "measurement.%s", str_eq(to, "submitted") ? "submit"
							: str_eq(to, "approved") ? "approve" : "return");
		rc = audit_m(c, who, now, action, mid, after, e);
	}
	return db_tx_leave(c, own, rc, e);
}

int measurement_submit(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, struct err *e)
{
	return move(c, who, now, mid, "submitted", NULL, e);
}

int measurement_approve(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const char *note,
			struct err *e)
{
	if (note && utf8_len(note) > IND_TEXT_MAX)
		return err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", tr(e->lang, "Note"), (size_t)IND_TEXT_MAX);
	return move(c, who, now, mid, "approved", note, e);
}

int measurement_return(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid, const char *reason,
		       struct err *e)
{
	if (!reason || !*reason)
		return err_set(e, ERR_INVALID, "Say why the measurement is returned, so that it can be corrected");
	if (utf8_len(reason) > IND_TEXT_MAX)
		return err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", tr(e->lang, "Reason"), (size_t)IND_TEXT_MAX);
	return move(c, who, now, mid, "returned", reason, e);
}

int measurement_evidence_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t mid,
			     const char *reference, const char *file_name, const void *data, size_t len,
			     struct err *e)
{
	bool has_ref = reference && *reference;
	if (!data && !has_ref)
		return err_set(e, ERR_INVALID, "Attach a file or give a reference (a report, an act, a link)");
	if (has_ref && utf8_len(reference) > IND_SHORT_MAX)
		return err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", tr(e->lang, "Evidence (reference)"),
			       (size_t)IND_SHORT_MAX);
	struct stored_file f = { 0 };
	int rc = data ? stored_file_prepare(&f, file_name, "evidencia", data, len, IND_FILE_MAX, e) : 0;
	bool own;
	if (rc || (rc = db_tx_enter(c, &own, e))) {
		stored_file_release(&f);
		return rc;
	}
	struct mrow m;
	rc = mrow_get(c, mid, &m, e);
	if (!rc && str_eq(m.status, "approved"))
		rc = err_set(e, ERR_CONFLICT, "The measurement of %s is %s: it can no longer change", m.period,
			     tr(e->lang, ind_mstatus_label(m.status)));
	if (!rc && has_ref) {
		struct db_stmt *st = db_prepare(c, "UPDATE measurement SET evidence_ref = ? WHERE id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_text(st, 1, reference);
			db_bind_int64(st, 2, mid);
			rc = db_step_done(st, e);
		}
	}
	if (!rc && f.base64)
		rc = write_file(c, who, now, mid, &f, e);
	if (!rc) {
		json_t *after = json_object();
		if (has_ref)
			json_set_str(after, "evidence_ref", reference);
		if (f.base64)
			json_set_str(after, "file_sha256", f.sha256);
		rc = audit_m(c, who, now, "measurement.evidence", mid, after, e);
	}
	stored_file_release(&f);
	return db_tx_leave(c, own, rc, e);
}

/* ---- formulas ---- */

static int approved_value(struct db_conn *c, int64_t indicator_id, const char *period, int64_t *v, bool *found,
			  struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT value FROM measurement WHERE indicator_id = ? AND period = ?"
					   " AND status = 'approved'", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, indicator_id);
	db_bind_text(st, 2, period);
	int rc = db_step(st, e);
	*found = rc == DB_ROW;
	if (*found)
		*v = db_col_int64(st, 0);
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int ind_measurement_put(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
			const char *period, int64_t value, const char *origin, const char *evidence_ref,
			const struct ind_cell_row *cells, size_t ncells, bool *changed, struct err *e)
{
	*changed = false;
	struct mrow m;
	bool found;
	int rc = mrow_find(c, indicator_id, period, &m, &found, e);
	if (rc)
		return rc;
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	int64_t mid = m.id;
	if (found) {
		if (str_eq(m.origin, "entry") && !str_eq(origin, "entry"))
			return 0;   /* what a person entered is not overwritten by a computation */
		if (m.value == value && str_eq(m.status, "approved") && !ncells)
			return 0;
		struct db_stmt *st = db_prepare(c,
			"UPDATE measurement SET value = ?, status = 'approved', origin = ?, evidence_ref = ?, updated_at = ?,"
			" reviewed_at = ?, reviewed_by = ? WHERE id = ?", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, value);
		db_bind_text(st, 2, origin);
		db_bind_text(st, 3, evidence_ref ? evidence_ref : "");
		db_bind_text(st, 4, at);
		db_bind_text(st, 5, at);
		db_bind_text(st, 6, ind_actor_name(who));
		db_bind_int64(st, 7, mid);
		rc = db_step_done(st, e);
	} else {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO measurement (indicator_id, period, value, total_given, sum_mismatch, status, origin, comment,"
			" evidence_ref, created_at, created_by, updated_at, reviewed_at, reviewed_by)"
			" VALUES (?, ?, ?, 1, 0, 'approved', ?, '', ?, ?, ?, ?, ?, ?) RETURNING id", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, indicator_id);
		db_bind_text(st, 2, period);
		db_bind_int64(st, 3, value);
		db_bind_text(st, 4, origin);
		db_bind_text(st, 5, evidence_ref ? evidence_ref : "");
		db_bind_text(st, 6, at);
		db_bind_text(st, 7, ind_actor_name(who));
		db_bind_text(st, 8, at);
		db_bind_text(st, 9, at);
		db_bind_text(st, 10, ind_actor_name(who));
		rc = db_step(st, e);
		if (rc == DB_ROW) {
			mid = db_col_int64(st, 0);
			rc = 0;
		}
		db_finish(st);
	}
	if (!rc && ncells) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM measurement_cell WHERE measurement_id = ?", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, mid);
			rc = db_step_done(st, e);
		}
		int64_t sum = 0;
		for (size_t i = 0; i < ncells && !rc; i++) {
			st = db_prepare(c, "INSERT INTO measurement_cell (measurement_id, dimension_code, category_code, value)"
					   " VALUES (?, ?, ?, ?)", e);
			if (!st)
				return e->code;
			db_bind_int64(st, 1, mid);
			db_bind_text(st, 2, cells[i].dimension);
			db_bind_text(st, 3, cells[i].category);
			db_bind_int64(st, 4, cells[i].value);
			rc = db_step_done(st, e);
			if (ind_value_add(sum, cells[i].value, &sum))
				sum = -1;
		}
		/* imported cells of one dimension: flag a total they do not add up to */
		if (!rc) {
			st = db_prepare(c, "UPDATE measurement SET sum_mismatch = ? WHERE id = ?", e);
			rc = st ? 0 : e->code;
			if (st) {
				db_bind_int64(st, 1, sum != value);
				db_bind_int64(st, 2, mid);
				rc = db_step_done(st, e);
			}
		}
	}
	*changed = rc == 0;
	return rc;
}

int ind_formula_refresh(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
			const char *period, int depth, struct err *e)
{
	if (depth > 4)
		return 0;
	struct db_stmt *st = db_prepare(c, "SELECT id FROM indicator WHERE numerator_id = ? OR denominator_id = ? ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, indicator_id);
	db_bind_int64(st, 2, indicator_id);
	int64_t ids[64];
	size_t n = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW && n < ARRAY_LEN(ids))
		ids[n++] = db_col_int64(st, 0);
	db_finish(st);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct indicator_core f, num, den;
		if ((rc = indicator_core_get(c, ids[i], &f, e)) || (rc = indicator_core_get(c, f.numerator_id, &num, e)) ||
		    (rc = indicator_core_get(c, f.denominator_id, &den, e)))
			return rc;
		struct ind_period p;
		if (ind_period_parse(period, &p) || !ind_period_within(p, f.start, f.end))
			continue;
		int64_t a = 0, b = 0, v;
		bool fa, fb;
		if ((rc = approved_value(c, num.id, period, &a, &fa, e)) || (rc = approved_value(c, den.id, period, &b, &fb, e)))
			return rc;
		if (!fa || !fb || ind_formula(a, num.decimals, b, den.decimals, f.factor, f.decimals, &v))
			continue;
		char ref[120];
		snprintf(ref, sizeof ref, "%s / %s", num.code, den.code);
		bool changed;
		if ((rc = ind_measurement_put(c, who, now, f.id, period, v, "formula", ref, NULL, 0, &changed, e)))
			return rc;
		if ((rc = ind_formula_refresh(c, who, now, f.id, period, depth + 1, e)))
			return rc;
	}
	return 0;
}

/* ---- reading measurements ---- */

static json_t *value_json(int64_t v, int decimals)
{
	char b[IND_VALUE_TEXT_MAX];
	json_t *o = json_object();
	json_set_int(o, "scaled", v);
	json_set_str(o, "text", ind_value_format(v, decimals, true, b));
	return o;
}

static int cells_json(struct db_conn *c, int64_t mid, int decimals, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c,
		"SELECT x.dimension_code, d.name, x.category_code, k.name, x.value FROM measurement_cell x"
		" JOIN disagg_dimension d ON d.code = x.dimension_code"
		" JOIN disagg_category k ON k.dimension_code = x.dimension_code AND k.code = x.category_code"
		" WHERE x.measurement_id = ? ORDER BY d.position, k.position", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, mid);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = value_json(db_col_int64(st, 4), decimals);
		json_set_str(o, "dimension", ind_col(st, 0));
		json_set_str(o, "dimension_name", ind_col(st, 1));
		json_set_str(o, "category", ind_col(st, 2));
		json_set_str(o, "category_name", ind_col(st, 3));
		json_array_append_new(arr, o);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

#define M_COLS \
	"m.id, m.indicator_id, m.period, m.value, m.total_given, m.sum_mismatch, m.status, m.origin, m.comment," \
	" m.evidence_ref, m.created_at, m.created_by, m.updated_at, m.submitted_at, m.submitted_by, m.reviewed_at," \
	" m.reviewed_by, m.review_note, i.decimals, i.code, i.name, i.government_code"

static json_t *m_row(struct db_stmt *st)
{
	int decimals = (int)db_col_int64(st, 18);
	json_t *o = value_json(db_col_int64(st, 3), decimals);
	json_set_int(o, "id", db_col_int64(st, 0));
	json_set_int(o, "indicator_id", db_col_int64(st, 1));
	json_set_str(o, "period", ind_col(st, 2));
	json_set_bool(o, "total_given", db_col_int64(st, 4) != 0);
	json_set_bool(o, "sum_mismatch", db_col_int64(st, 5) != 0);
	static const char *const keys[] = { "status", "origin", "comment", "evidence_ref", "created_at", "created_by",
					    "updated_at", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by",
					    "review_note" };
	for (size_t k = 0; k < ARRAY_LEN(keys); k++)
		json_set_str(o, keys[k], db_col_text(st, 6 + (int)k));
	json_t *ind = json_object();
	json_set_int(ind, "id", db_col_int64(st, 1));
	json_set_str(ind, "code", ind_col(st, 19));
	json_set_str(ind, "name", ind_col(st, 20));
	json_set_str(ind, "government", ind_col(st, 21));
	json_set_int(ind, "decimals", decimals);
	json_object_set_new(o, "indicator", ind);
	return o;
}

int measurement_list(struct db_conn *c, int64_t indicator_id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	*out = arr;
	struct db_stmt *st = db_prepare(c, "SELECT " M_COLS " FROM measurement m JOIN indicator i ON i.id = m.indicator_id"
					   " WHERE m.indicator_id = ? ORDER BY m.period", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, indicator_id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, m_row(st));
	db_finish(st);
	if (rc < 0)
		return rc;
	size_t i;
	json_t *m;
	json_array_foreach(arr, i, m) {
		json_t *cells;
		if ((rc = cells_json(c, json_get_int(m, "id", 0), (int)json_get_int(json_object_get(m, "indicator"), "decimals", 0),
				     &cells, e))) {
			json_decref(cells);
			return rc;
		}
		json_object_set_new(m, "cells", cells);
	}
	return 0;
}

int measurement_get_json(struct db_conn *c, int64_t mid, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c, "SELECT " M_COLS " FROM measurement m JOIN indicator i ON i.id = m.indicator_id"
					   " WHERE m.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, mid);
	int rc = db_step(st, e);
	json_t *o = rc == DB_ROW ? m_row(st) : NULL;
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No measurement with number %lld", (long long)mid);
	if (rc < 0)
		return rc;
	json_t *cells = NULL, *files = json_array(), *events = json_array();
	rc = cells_json(c, mid, (int)json_get_int(json_object_get(o, "indicator"), "decimals", 0), &cells, e);
	json_object_set_new(o, "cells", cells);
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "events", events);
	if (!rc) {
		st = db_prepare(c, "SELECT id, file_name, content_type, size, sha256, created_at, created_by FROM measurement_file"
				   " WHERE measurement_id = ? ORDER BY id", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, mid);
			while ((rc = db_step(st, e)) == DB_ROW) {
				json_t *f = json_object();
				json_set_int(f, "id", db_col_int64(st, 0));
				json_set_str(f, "file_name", ind_col(st, 1));
				json_set_str(f, "content_type", ind_col(st, 2));
				json_set_int(f, "size", db_col_int64(st, 3));
				json_set_str(f, "sha256", ind_col(st, 4));
				json_set_str(f, "created_at", ind_col(st, 5));
				json_set_str(f, "created_by", ind_col(st, 6));
				json_array_append_new(files, f);
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc) {
		st = db_prepare(c, "SELECT from_status, to_status, note, actor, at FROM measurement_event WHERE measurement_id = ?"
				   " ORDER BY id", e);
		rc = st ? 0 : e->code;
		if (st) {
			db_bind_int64(st, 1, mid);
			while ((rc = db_step(st, e)) == DB_ROW) {
				json_t *ev = json_object();
				json_set_str(ev, "from", db_col_text(st, 0));
				json_set_str(ev, "to", ind_col(st, 1));
				json_set_str(ev, "note", ind_col(st, 2));
				json_set_str(ev, "actor", ind_col(st, 3));
				json_set_str(ev, "at", ind_col(st, 4));
				json_array_append_new(events, ev);
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

int measurement_file(struct db_conn *c, int64_t mid, int64_t file_id, void **data, size_t *len, json_t **meta,
		     struct err *e)
{
	*data = NULL;
	*len = 0;
	*meta = NULL;
	struct db_stmt *st = db_prepare(c, "SELECT file_name, content_type, size, data_base64 FROM measurement_file"
					   " WHERE id = ? AND measurement_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, file_id);
	db_bind_int64(st, 2, mid);
	int rc = db_step(st, e);
	bool found = rc == DB_ROW;
	if (found) {
		rc = stored_file_decode(ind_col(st, 3), data, len, e);
		if (!rc) {
			*meta = json_object();
			json_set_str(*meta, "file_name", ind_col(st, 0));
			json_set_str(*meta, "content_type", ind_col(st, 1));
			json_set_int(*meta, "size", db_col_int64(st, 2));
		}
	}
	db_finish(st);
	if (!found && rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "The page you asked for does not exist");
	return rc < 0 ? rc : 0;
}

/* ---- feedback ---- */

static int date_field(const char *s, const char *label, bool required, struct err *e)
{
	struct date d;
	if (!s || !*s)
		return required ? err_set(e, ERR_INVALID, "Field \"%s\" is required", label) : 0;
	if (date_parse(s, &d))
		return err_set(e, ERR_INVALID, "\"%s\" must be a date YYYY-MM-DD (not \"%.20s\")", label, s);
	return 0;
}

static int text_field(const char *s, const char *label, size_t max, bool required, struct err *e)
{
	if (required && (!s || !*s))
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", label);
	if (s && utf8_len(s) > max)
		return err_set(e, ERR_INVALID, "\"%s\" is longer than %zu characters", label, max);
	return 0;
}

int feedback_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t indicator_id,
		 const struct feedback_input *in, int64_t *id, struct err *e)
{
	const struct i18n_lang *L = e->lang;
	struct indicator_core k;
	struct ind_period p;
	int rc = indicator_core_get(c, indicator_id, &k, e);
	if (!rc)
		rc = ind_parse_measured_period(&k, in->period, &p, e);
	if (!rc && ((rc = text_field(in->finding, tr(L, "What the measurement showed"), IND_TEXT_MAX, false, e)) ||
		    (rc = text_field(in->decision, tr(L, "Decision"), IND_TEXT_MAX, true, e)) ||
		    (rc = text_field(in->decided_by, tr(L, "Decided by"), IND_SHORT_MAX, true, e)) ||
		    (rc = date_field(in->decided_on, tr(L, "Decided on"), true, e)) ||
		    (rc = text_field(in->responsible, tr(L, "Who carries it out"), IND_SHORT_MAX, true, e)) ||
		    (rc = date_field(in->due_on, tr(L, "By when"), true, e))))
		return rc;
	if (rc)
		return rc;
	if (strcmp(in->due_on, in->decided_on) < 0)
		return err_set(e, ERR_INVALID, "The deadline (%s) is before the decision (%s)", in->due_on, in->decided_on);
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	char ptext[IND_PERIOD_TEXT], at[DATETIME_FMT_MAX];
	ind_period_format(p, ptext);
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO indicator_feedback (indicator_id, period, finding, decision, decided_by, decided_on, responsible,"
		" due_on, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, indicator_id);
		db_bind_text(st, 2, ptext);
		db_bind_text(st, 3, in->finding ? in->finding : "");
		db_bind_text(st, 4, in->decision);
		db_bind_text(st, 5, in->decided_by);
		db_bind_text(st, 6, in->decided_on);
		db_bind_text(st, 7, in->responsible);
		db_bind_text(st, 8, in->due_on);
		db_bind_text(st, 9, datetime_format(now, at));
		db_bind_text(st, 10, ind_actor_name(who));
		rc = db_step(st, e);
		if (rc == DB_ROW) {
			*id = db_col_int64(st, 0);
			rc = 0;
		}
		db_finish(st);
	}
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)*id);
		json_t *after = json_object();
		json_set_int(after, "indicator_id", indicator_id);
		json_set_str(after, "period", ptext);
		json_set_str(after, "decision", in->decision);
		json_set_str(after, "decided_by", in->decided_by);
		json_set_str(after, "decided_on", in->decided_on);
		json_set_str(after, "responsible", in->responsible);
		json_set_str(after, "due_on", in->due_on);
		rc = audit_record(c, who, now, "indicator.feedback", "indicator_feedback", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

int feedback_indicator(struct db_conn *c, int64_t feedback_id, int64_t *indicator_id, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT indicator_id FROM indicator_feedback WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, feedback_id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*indicator_id = db_col_int64(st, 0);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "The page you asked for does not exist");
	return rc < 0 ? rc : 0;
}

int feedback_done(struct db_conn *c, const struct actor *who, int64_t now, int64_t feedback_id, const char *done_on,
		  const char *note, struct err *e)
{
	int rc = date_field(done_on, tr(e->lang, "Done on"), true, e);
	if (!rc)
		rc = text_field(note, tr(e->lang, "Note"), IND_TEXT_MAX, false, e);
	bool own;
	if (rc || (rc = db_tx_enter(c, &own, e)))
		return rc;
	struct db_stmt *st = db_prepare(c, "UPDATE indicator_feedback SET status = 'done', done_on = ?, done_note = ?"
					   " WHERE id = ? AND status = 'open'", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_text(st, 1, done_on);
		db_bind_text(st, 2, note ? note : "");
		db_bind_int64(st, 3, feedback_id);
		rc = db_step_done(st, e);
	}
	if (!rc && db_changes(c) == 0)
		rc = err_set(e, ERR_CONFLICT, "This decision is already marked as carried out");
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)feedback_id);
		json_t *after = json_object();
		json_set_str(after, "status", "done");
		json_set_str(after, "done_on", done_on);
		rc = audit_record(c, who, now, "indicator.feedback.done", "indicator_feedback", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}
