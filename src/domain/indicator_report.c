/* indicator_report.c — the quarterly monitoring report of a government: its
 * indicators as they stood at the end of a quarter (value, expected value,
 * attainment, status, disaggregation, overdue periods), the roll-up per plan
 * and axis, the feedback decisions, and the finance summary of the project
 * module (execution table by source and physical against financial progress).
 * One JSON feeds the print view, the PDF (libharu, DejaVu Sans embedded) and
 * the XLSX (libxlsxwriter), so the three show the same figures. */
#include "core/compat.h"
#include "domain/indicator.h"
#include "domain/indicator_int.h"
#include "domain/invest.h"
#include "domain/plan.h"
#include "domain/pdf_doc.h"
#include "domain/project.h"
#include "domain/territory.h"
#include "domain/xlsx_doc.h"
#include "core/json.h"
#include "core/money.h"
#include "core/xalloc.h"

#include <hpdf.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

/* ---- the JSON ---- */

static int about_text(struct db_conn *c, const struct ind_item *it, char *out, size_t n, struct err *e)
{
	out[0] = '\0';
	struct db_stmt *st = NULL;
	if (it->core.element_id) {
		st = db_prepare(c, "SELECT code, title FROM plan_element WHERE id = ?", e);
		if (st)
			db_bind_int64(st, 1, it->core.element_id);
	} else if (it->core.project_id) {
		st = db_prepare(c, "SELECT code, title FROM project WHERE id = ?", e);
		if (st)
			db_bind_int64(st, 1, it->core.project_id);
	} else if (it->core.programme_id) {
		st = db_prepare(c, "SELECT code, name FROM programme WHERE id = ?", e);
		if (st)
			db_bind_int64(st, 1, it->core.programme_id);
	} else {
		snprintf(out, n, "%s", it->territory_name);
		return 0;
	}
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		snprintf(out, n, "%s %s", ind_col(st, 0), ind_col(st, 1));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int latest_cells(struct db_conn *c, int64_t mid, int decimals, json_t **out, bool *mismatch, struct err *e)
{
	*out = json_array();
	*mismatch = false;
	if (!mid)
		return 0;
	struct db_stmt *st = db_prepare(c,
		"SELECT d.name, k.name, x.value, m.sum_mismatch FROM measurement m"
		" LEFT JOIN measurement_cell x ON x.measurement_id = m.id"
		" LEFT JOIN disagg_dimension d ON d.code = x.dimension_code"
		" LEFT JOIN disagg_category k ON k.dimension_code = x.dimension_code AND k.code = x.category_code"
		" WHERE m.id = ? ORDER BY d.position, k.position", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, mid);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		*mismatch = db_col_int64(st, 3) != 0;
		if (db_col_null(st, 2))
			continue;
		char b[IND_VALUE_TEXT_MAX];
		json_t *o = json_object();
		json_set_str(o, "dimension_name", ind_col(st, 0));
		json_set_str(o, "category_name", ind_col(st, 1));
		json_set_int(o, "scaled", db_col_int64(st, 2));
		json_set_str(o, "text", ind_value_format(db_col_int64(st, 2), decimals, true, b));
		json_array_append_new(*out, o);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int report_feedback(struct db_conn *c, const char *gov, const char *until, json_t **out, struct err *e)
{
	*out = json_array();
	struct db_stmt *st = db_prepare(c,
		"SELECT f.id, f.period, f.finding, f.decision, f.decided_by, f.decided_on, f.responsible, f.due_on, f.status,"
		" f.done_on, f.done_note, i.id, i.code, i.name FROM indicator_feedback f JOIN indicator i ON i.id = f.indicator_id"
		" WHERE i.government_code = ? AND f.decided_on <= ? ORDER BY f.status DESC, f.due_on, f.id", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, gov);
	db_bind_text(st, 2, until);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		static const char *const keys[] = { "period", "finding", "decision", "decided_by", "decided_on", "responsible",
						    "due_on", "status", "done_on", "done_note" };
		for (size_t k = 0; k < ARRAY_LEN(keys); k++)
			json_set_str(o, keys[k], db_col_text(st, 1 + (int)k));
		json_set_bool(o, "open", str_eq(json_get_str(o, "status", ""), "open"));
		json_set_int(o, "indicator_id", db_col_int64(st, 11));
		json_set_str(o, "indicator_code", ind_col(st, 12));
		json_set_str(o, "indicator_name", ind_col(st, 13));
		json_array_append_new(*out, o);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int monitoring_report(struct db_conn *c, const char *government, const char *quarter, const struct ind_settings *s,
		      struct date today, json_t **out, struct err *e)
{
	*out = NULL;
	struct ind_period q;
	if (!quarter || ind_period_parse(quarter, &q) || q.freq != IND_QUARTER)
		return err_set(e, ERR_INVALID, "\"%.20s\" is not a quarter: write it as 2026-Q2", quarter ? quarter : "");
	struct government g;
	int rc = government_get(c, government ? government : "", &g, e);
	if (rc)
		return rc;
	struct ind_set set;
	struct ind_bind b = { IND_BIND_TEXT, g.code, 0 };
	if ((rc = ind_set_load(c, "i.government_code = ?", &b, 1, &set, e))) {
		ind_set_release(&set);
		return rc;
	}
	ind_set_eval(&set, s, today, &q);
	json_t *o = json_object();
	char qt[IND_PERIOD_TEXT], d1[DATE_FMT_MAX], d2[DATE_FMT_MAX], d3[DATE_FMT_MAX];
	struct date qend = ind_period_end(q);
	json_object_set_new(o, "government", government_to_json(&g));
	json_set_str(o, "quarter", ind_period_format(q, qt));
	json_set_int(o, "year", q.year);
	json_set_str(o, "quarter_start", date_format(ind_period_start(q), d1));
	json_set_str(o, "quarter_end", date_format(qend, d2));
	json_set_str(o, "generated_on", date_format(today, d3));
	struct ind_period prev = q, next = ind_period_next(q);
	prev.sub = q.sub == 1 ? 4 : q.sub - 1;
	prev.year = q.sub == 1 ? q.year - 1 : q.year;
	json_set_str(o, "previous_quarter", ind_period_format(prev, qt));
	json_set_str(o, "next_quarter", ind_period_format(next, qt));
	json_t *thr = json_object();
	char bt[40];
	json_set_str(thr, "on_track", ind_bp_text(s->th.on_track_bp, bt, sizeof bt));
	json_set_str(thr, "at_risk", ind_bp_text(s->th.at_risk_bp, bt, sizeof bt));
	json_set_int(thr, "grace_days", s->grace_days);
	json_object_set_new(o, "thresholds", thr);
	struct ind_rollup all;
	ind_rollup_init(&all);
	json_t *items = json_array(), *overdue = json_array();
	for (size_t k = 0; k < set.n && !rc; k++) {
		const struct ind_item *it = &set.items[k];
		struct ind_score sc = ind_item_score(it);
		ind_rollup_add(&all, &sc);
		json_t *ij = ind_item_json(it);
		char about[700];
		rc = about_text(c, it, about, sizeof about, e);
		json_set_str(ij, "about", about);
		json_t *cells = NULL;
		bool mismatch = false;
		if (!rc)
			rc = latest_cells(c, it->has_latest ? it->latest_mid : 0, it->core.decimals, &cells, &mismatch, e);
		json_set_bool(ij, "has_cells", json_array_size(cells) > 0);
		json_object_set_new(ij, "cells", cells);
		json_set_bool(ij, "sum_mismatch", mismatch);
		if (it->overdue)
			json_array_append(overdue, ij);
		json_array_append_new(items, ij);
	}
	ind_rollup_finish(&all, &s->th);
	json_object_set_new(o, "rollup", ind_rollup_json(&all));
	json_object_set_new(o, "indicators", items);
	json_object_set_new(o, "overdue", overdue);
	json_t *part = NULL;
	if (!rc && !(rc = ind_plans_part(c, g.code, &set, s, qend, &part, e)))
		json_object_set_new(o, "plans", part);
	else
		json_decref(part);
	part = NULL;
	if (!rc && !(rc = report_feedback(c, g.code, d2, &part, e)))
		json_object_set_new(o, "feedback", part);
	else
		json_decref(part);
	part = NULL;
	if (!rc && !(rc = finance_execution_table(c, g.code, 0, q.year, &part, e)))
		json_object_set_new(o, "finance", part);
	else
		json_decref(part);
	part = NULL;
	if (!rc && !(rc = finance_progress(c, g.code, &part, e)))
		json_object_set_new(o, "projects", part);
	else
		json_decref(part);
	ind_set_release(&set);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

/* ---- PDF (domain/pdf_doc.h) ---- */

/* A coloured square before a status line: green, amber, red, grey. */
static void status_mark(struct pdf_doc *w, const char *status, float x)
{
	float r = 0.6f, g = 0.6f, b = 0.6f;
	if (str_eq(status, "on_track"))
		r = 0.13f, g = 0.55f, b = 0.25f;
	else if (str_eq(status, "at_risk"))
		r = 0.85f, g = 0.6f, b = 0.05f;
	else if (str_eq(status, "off_track"))
		r = 0.75f, g = 0.15f, b = 0.12f;
	pdf_doc_need(w, 14);
	HPDF_Page_SetRGBFill(w->page, r, g, b);
	HPDF_Page_Rectangle(w->page, x, w->y - 10, 8, 8);
	HPDF_Page_Fill(w->page);
	HPDF_Page_SetRGBFill(w->page, 0, 0, 0);
}

static const char *status_word(const struct i18n_lang *lang, const char *status)
{
	int s = ind_status_parse(status);
	return s < 0 ? status : tr(lang, ind_status_label((enum ind_status)s));
}

static const char *jtext(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_object(v) ? json_get_str(v, "text", "—") : json_is_string(v) ? json_string_value(v) : "—";
}

int monitoring_report_pdf(const json_t *rep, const struct i18n_lang *lang, int64_t now, struct buf *out,
			  struct err *e)
{
	(void)now;
	char line[1200];
	const json_t *gov = json_object_get(rep, "government");
	const char *quarter = json_get_str(rep, "quarter", "");
	char title[400];
	trf(lang, title, sizeof title, "Monitoring report %s", quarter);
	char footer[200];
	snprintf(footer, sizeof footer, "%.100s — %.60s", json_get_str(gov, "name", ""), title);
	struct pdf_doc w;
	int rc = pdf_doc_open(&w, title, json_get_str(gov, "name", ""), footer, e);
	if (rc)
		return rc;
	float full = PDF_PAGE_W - 2 * PDF_MARGIN;
	pdf_doc_page(&w);
	pdf_doc_para(&w, w.bold, 11, PDF_MARGIN, full, 11 * 1.35f, json_get_str(gov, "name", ""), true);
	pdf_doc_para(&w, w.bold, 20, PDF_MARGIN, full, 20 * 1.35f, title, false);
	trf(lang, line, sizeof line, "From %s to %s. Generated by minka on %s.", json_get_str(rep, "quarter_start", ""),
	    json_get_str(rep, "quarter_end", ""), json_get_str(rep, "generated_on", ""));
	pdf_doc_para(&w, w.reg, 9.5f, PDF_MARGIN, full, 9.5f * 1.35f, line, true);
	const json_t *thr = json_object_get(rep, "thresholds");
	trf(lang, line, sizeof line, "On track: attainment of at least %s; at risk: at least %s; off track: below. A measurement is overdue %lld days after its period ends.",
	    json_get_str(thr, "on_track", ""), json_get_str(thr, "at_risk", ""), (long long)json_get_int(thr, "grace_days", 0));
	pdf_doc_para(&w, w.reg, 9, PDF_MARGIN, full, 9 * 1.35f, line, true);

	/* summary */
	pdf_doc_heading(&w, tr(lang, "Summary"));
	const json_t *roll = json_object_get(rep, "rollup");
	const json_t *cnt = json_object_get(roll, "count");
	trf(lang, line, sizeof line, "%lld indicators: %lld on track, %lld at risk, %lld off track, %lld without a target, %lld without data.",
	    (long long)json_get_int(roll, "total", 0), (long long)json_get_int(cnt, "on_track", 0),
	    (long long)json_get_int(cnt, "at_risk", 0), (long long)json_get_int(cnt, "off_track", 0),
	    (long long)json_get_int(cnt, "no_target", 0), (long long)json_get_int(cnt, "no_data", 0));
	pdf_doc_para(&w, w.reg, 10.5f, PDF_MARGIN, full, 10.5f * 1.35f, line, false);
	if (json_get_str(roll, "attainment_text", NULL)) {
		trf(lang, line, sizeof line, "Weighted attainment: %s (%s).", json_get_str(roll, "attainment_text", ""),
		    status_word(lang, json_get_str(roll, "status", "")));
		pdf_doc_para(&w, w.reg, 10.5f, PDF_MARGIN, full, 10.5f * 1.35f, line, false);
	}
	size_t i, k;
	const json_t *p, *x;
	json_array_foreach(json_object_get(rep, "plans"), i, p) {
		if (!json_get_int(json_object_get(p, "rollup"), "total", 0))
			continue;
		w.y -= 4;
		pdf_doc_para(&w, w.bold, 10.5f, PDF_MARGIN, full, 10.5f * 1.35f, json_get_str(p, "label", ""), false);
		json_array_foreach(json_object_get(p, "top"), k, x) {
			const json_t *r = json_object_get(x, "rollup");
			if (!json_get_int(r, "total", 0))
				continue;
			status_mark(&w, json_get_str(r, "status", ""), PDF_MARGIN + 6);
			trf(lang, line, sizeof line, "%s %s: %s (%s, %lld indicators)", json_get_str(x, "code", ""),
			    json_get_str(x, "title", ""), status_word(lang, json_get_str(r, "status", "")),
			    json_get_str(r, "attainment_text", "—") ? json_get_str(r, "attainment_text", "—") : "—",
			    (long long)json_get_int(r, "total", 0));
			pdf_doc_para(&w, w.reg, 9.5f, PDF_MARGIN + 20, full - 20, 9.5f * 1.35f, line, false);
		}
	}

	/* indicators */
	pdf_doc_heading(&w, tr(lang, "Indicators"));
	json_array_foreach(json_object_get(rep, "indicators"), i, p) {
		pdf_doc_need(&w, 70);
		w.y -= 3;
		status_mark(&w, json_get_str(p, "status", ""), PDF_MARGIN);
		snprintf(line, sizeof line, "%s  %s", json_get_str(p, "code", ""), json_get_str(p, "name", ""));
		pdf_doc_para(&w, w.bold, 10, PDF_MARGIN + 14, full - 14, 10 * 1.35f, line, false);
		pdf_doc_para(&w, w.reg, 8.5f, PDF_MARGIN + 14, full - 14, 8.5f * 1.35f, json_get_str(p, "about", ""), true);
		const json_t *latest = json_object_get(p, "latest");
		if (json_is_object(latest))
			trf(lang, line, sizeof line, "%s: %s %s · expected %s · attainment %s · %s", json_get_str(latest, "period", ""),
			    json_get_str(latest, "text", ""), json_get_str(p, "unit_label", ""), jtext(p, "expected"),
			    json_get_str(p, "attainment_text", NULL) ? json_get_str(p, "attainment_text", "") : "—",
			    status_word(lang, json_get_str(p, "status", "")));
		else
			trf(lang, line, sizeof line, "No approved measurement by the end of the quarter · %s",
			    status_word(lang, json_get_str(p, "status", "")));
		pdf_doc_para(&w, w.reg, 9.5f, PDF_MARGIN + 14, full - 14, 9.5f * 1.35f, line, false);
		trf(lang, line, sizeof line, "Baseline %s · final target %s (%s)", jtext(p, "baseline"), jtext(p, "final_target"),
		    json_get_str(p, "end_period", ""));
		pdf_doc_para(&w, w.reg, 8.5f, PDF_MARGIN + 14, full - 14, 8.5f * 1.35f, line, true);
		if (json_array_size(json_object_get(p, "cells"))) {
			size_t n = 0;
			n += (size_t)snprintf(line, sizeof line, "%s:", tr(lang, "Disaggregation"));
			json_array_foreach(json_object_get(p, "cells"), k, x) {
				if (n >= sizeof line - 80)
					break;
				n += (size_t)snprintf(line + n, sizeof line - n, " %s %s;", tr(lang, json_get_str(x, "category_name", "")),
						      json_get_str(x, "text", ""));
			}
			pdf_doc_para(&w, w.reg, 8.5f, PDF_MARGIN + 14, full - 14, 8.5f * 1.35f, line, true);
		}
		if (json_is_true(json_object_get(p, "sum_mismatch")))
			pdf_doc_para(&w, w.reg, 8.5f, PDF_MARGIN + 14, full - 14, 8.5f * 1.35f, tr(lang, "The disaggregated values do not add up to the total."), true);
		if (json_get_int(p, "overdue", 0)) {
			trf(lang, line, sizeof line, "%lld overdue measurements (the first: %s)", (long long)json_get_int(p, "overdue", 0),
			    json_get_str(p, "first_overdue", ""));
			pdf_doc_para(&w, w.reg, 8.5f, PDF_MARGIN + 14, full - 14, 8.5f * 1.35f, line, true);
		}
	}

	/* feedback */
	pdf_doc_heading(&w, tr(lang, "Feedback: decisions taken"));
	if (!json_array_size(json_object_get(rep, "feedback")))
		pdf_doc_para(&w, w.reg, 10, PDF_MARGIN, full, 10 * 1.35f, tr(lang, "No corrective decision has been recorded."), false);
	json_array_foreach(json_object_get(rep, "feedback"), i, p) {
		w.y -= 3;
		snprintf(line, sizeof line, "%s  %s (%s)", json_get_str(p, "indicator_code", ""), json_get_str(p, "indicator_name", ""),
			 json_get_str(p, "period", ""));
		pdf_doc_para(&w, w.bold, 9.5f, PDF_MARGIN, full, 9.5f * 1.35f, line, false);
		if (*json_get_str(p, "finding", ""))
			pdf_doc_para(&w, w.reg, 9, PDF_MARGIN + 10, full - 10, 9 * 1.35f, json_get_str(p, "finding", ""), true);
		pdf_doc_para(&w, w.reg, 9.5f, PDF_MARGIN + 10, full - 10, 9.5f * 1.35f, json_get_str(p, "decision", ""), false);
		trf(lang, line, sizeof line, "Decided by %s on %s · carried out by %s · by %s · %s", json_get_str(p, "decided_by", ""),
		    json_get_str(p, "decided_on", ""), json_get_str(p, "responsible", ""), json_get_str(p, "due_on", ""),
		    json_is_true(json_object_get(p, "open")) ? tr(lang, "open") : tr(lang, "done"));
		pdf_doc_para(&w, w.reg, 8.5f, PDF_MARGIN + 10, full - 10, 8.5f * 1.35f, line, true);
	}

	/* finance */
	pdf_doc_heading(&w, tr(lang, "Finance summary"));
	const json_t *fin = json_object_get(rep, "finance");
	trf(lang, line, sizeof line, "Execution by source or agency, year %lld (planned · transferred · committed · disbursed · %% disbursed of transferred)",
	    (long long)json_get_int(rep, "year", 0));
	pdf_doc_para(&w, w.reg, 9, PDF_MARGIN, full, 9 * 1.35f, line, true);
	const json_t *groups[2] = { json_object_get(fin, "rows"), json_object_get(fin, "totals") };
	for (int gi = 0; gi < 2; gi++)
		json_array_foreach(groups[gi], i, p) {
			char m[5][MONEY_FMT_MAX], pc[40];
			const char *label = gi ? tr(lang, "TOTAL") : json_get_str(json_object_get(p, "source"), "name", "");
			const char *cur = gi ? json_get_str(p, "currency", "") : json_get_str(json_object_get(p, "source"), "currency", "");
			snprintf(line, sizeof line, "%s (%s): %s · %s · %s · %s · %s", label, cur,
				 money_format_grouped(json_get_int(p, "budgeted_cents", 0), m[0]),
				 money_format_grouped(json_get_int(p, "transferred_cents", 0), m[1]),
				 money_format_grouped(json_get_int(p, "committed_cents", 0), m[2]),
				 money_format_grouped(json_get_int(p, "disbursed_cents", 0), m[3]),
				 ind_bp_text(json_get_int(p, "disbursed_bp", 0), pc, sizeof pc));
			pdf_doc_para(&w, gi ? w.bold : w.reg, 9.5f, PDF_MARGIN, full, 9.5f * 1.35f, line, false);
		}
	if (!json_array_size(groups[0]))
		pdf_doc_para(&w, w.reg, 9.5f, PDF_MARGIN, full, 9.5f * 1.35f, tr(lang, "No financial entries for this year."), false);
	w.y -= 4;
	pdf_doc_para(&w, w.bold, 10, PDF_MARGIN, full, 10 * 1.35f, tr(lang, "Physical and financial progress"), false);
	json_array_foreach(json_object_get(rep, "projects"), i, p) {
		char a[40], b[40];
		trf(lang, line, sizeof line, "%s %s: physical %s, financial %s", json_get_str(p, "code", ""), json_get_str(p, "title", ""),
		    ind_bp_text(json_get_int(p, "physical_progress_bp", 0), a, sizeof a),
		    ind_bp_text(json_get_int(p, "financial_progress_bp", 0), b, sizeof b));
		pdf_doc_para(&w, w.reg, 9, PDF_MARGIN, full, 9 * 1.35f, line, false);
	}
	return pdf_doc_finish(&w, out, e);
}

/* ---- XLSX ---- */

/* A scaled value as a number with its decimals (exact text when it cannot be one). */
static void xval(lxw_worksheet *ws, int row, int col, const json_t *v, int decimals, lxw_format *f)
{
	if (json_is_object(v) && json_is_integer(json_object_get(v, "scaled")))
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
				       ind_value_double(json_integer_value(json_object_get(v, "scaled")), decimals), f);
	else
		xlsx_text(ws, row, col, "—", NULL);
}

int monitoring_report_xlsx(const json_t *rep, const struct i18n_lang *lang, struct buf *out, struct err *e)
{
	struct xlsx_doc d;
	int rc = xlsx_doc_open(&d, false, e);
	if (rc)
		return rc;
	lxw_workbook *wb = d.wb;
	lxw_format *bold = d.bold;
	lxw_format *num = workbook_add_format(wb);
	format_set_num_format(num, "#,##0.######");
	lxw_format *money = d.money;
	lxw_format *pct = d.pct;

	lxw_worksheet *ws = workbook_add_worksheet(wb, tr(lang, "Indicators"));
	static const char *const cols[] = { N_("Code"), N_("Indicator"), N_("Measures"), N_("Unit"), N_("Direction"),
					    N_("Baseline"), N_("Final target"), N_("Period"), N_("Value"), N_("Expected"),
					    N_("Attainment (%)"), N_("Status"), N_("Overdue measurements"), N_("Weight"), NULL };
	xlsx_header(ws, bold, lang, cols);
	worksheet_set_column(ws, 1, 2, 42, NULL);
	size_t i, k;
	const json_t *p, *x;
	int row = 1;
	json_array_foreach(json_object_get(rep, "indicators"), i, p) {
		int dec = (int)json_get_int(p, "decimals", 0);
		xlsx_text(ws, row, 0, json_get_str(p, "code", ""), NULL);
		xlsx_text(ws, row, 1, json_get_str(p, "name", ""), NULL);
		xlsx_text(ws, row, 2, json_get_str(p, "about", ""), NULL);
		xlsx_text(ws, row, 3, json_get_str(p, "unit_label", ""), NULL);
		xlsx_text(ws, row, 4, tr(lang, ind_direction_label(json_get_str(p, "direction", ""))), NULL);
		xval(ws, row, 5, json_object_get(p, "baseline"), dec, num);
		xval(ws, row, 6, json_object_get(p, "final_target"), dec, num);
		const json_t *latest = json_object_get(p, "latest");
		xlsx_text(ws, row, 7, json_is_object(latest) ? json_get_str(latest, "period", "") : "—", NULL);
		xval(ws, row, 8, latest, dec, num);
		xval(ws, row, 9, json_object_get(p, "expected"), dec, num);
		xlsx_hundredths(ws, row, 10, json_object_get(p, "attainment_bp"), pct);
		xlsx_text(ws, row, 11, status_word(lang, json_get_str(p, "status", "")), NULL);
		worksheet_write_number(ws, (lxw_row_t)row, 12, (double)json_get_int(p, "overdue", 0), NULL);
		worksheet_write_number(ws, (lxw_row_t)row, 13, (double)json_get_int(p, "weight", 1), NULL);
		row++;
	}

	ws = workbook_add_worksheet(wb, tr(lang, "Disaggregation"));
	static const char *const dcols[] = { N_("Code"), N_("Indicator"), N_("Period"), N_("Disaggregation"), N_("Category"),
					     N_("Value"), NULL };
	xlsx_header(ws, bold, lang, dcols);
	worksheet_set_column(ws, 1, 1, 42, NULL);
	row = 1;
	json_array_foreach(json_object_get(rep, "indicators"), i, p) {
		int dec = (int)json_get_int(p, "decimals", 0);
		json_array_foreach(json_object_get(p, "cells"), k, x) {
			xlsx_text(ws, row, 0, json_get_str(p, "code", ""), NULL);
			xlsx_text(ws, row, 1, json_get_str(p, "name", ""), NULL);
			xlsx_text(ws, row, 2, json_get_str(json_object_get(p, "latest"), "period", ""), NULL);
			xlsx_text(ws, row, 3, tr(lang, json_get_str(x, "dimension_name", "")), NULL);
			xlsx_text(ws, row, 4, tr(lang, json_get_str(x, "category_name", "")), NULL);
			xval(ws, row, 5, x, dec, num);
			row++;
		}
	}

	ws = workbook_add_worksheet(wb, tr(lang, "Feedback"));
	static const char *const fcols[] = { N_("Code"), N_("Indicator"), N_("Period"), N_("What the measurement showed"),
					     N_("Decision"), N_("Decided by"), N_("Decided on"), N_("Who carries it out"),
					     N_("By when"), N_("Status"), NULL };
	xlsx_header(ws, bold, lang, fcols);
	worksheet_set_column(ws, 3, 4, 50, NULL);
	row = 1;
	json_array_foreach(json_object_get(rep, "feedback"), i, p) {
		xlsx_text(ws, row, 0, json_get_str(p, "indicator_code", ""), NULL);
		xlsx_text(ws, row, 1, json_get_str(p, "indicator_name", ""), NULL);
		static const char *const keys[] = { "period", "finding", "decision", "decided_by", "decided_on", "responsible",
						    "due_on" };
		for (size_t j = 0; j < ARRAY_LEN(keys); j++)
			xlsx_text(ws, row, 2 + (int)j, json_get_str(p, keys[j], ""), NULL);
		xlsx_text(ws, row, 9, json_is_true(json_object_get(p, "open")) ? tr(lang, "open") : tr(lang, "done"), NULL);
		row++;
	}

	ws = workbook_add_worksheet(wb, tr(lang, "Finance"));
	static const char *const mcols[] = { N_("Source or agency"), N_("Currency"), N_("Planned"), N_("Approved"),
					     N_("Transferred"), N_("Committed"), N_("Disbursed"), N_("Expenditure"),
					     N_("% committed / transferred"), N_("% disbursed / transferred"), NULL };
	xlsx_header(ws, bold, lang, mcols);
	worksheet_set_column(ws, 0, 0, 38, NULL);
	row = 1;
	const json_t *fin = json_object_get(rep, "finance");
	const json_t *groups[2] = { json_object_get(fin, "rows"), json_object_get(fin, "totals") };
	static const char *const kinds[] = { "budgeted_cents", "approved_cents", "transferred_cents", "committed_cents",
					     "disbursed_cents", "expenditure_cents" };
	for (int gi = 0; gi < 2; gi++)
		json_array_foreach(groups[gi], i, p) {
			xlsx_text(ws, row, 0, gi ? tr(lang, "TOTAL") : json_get_str(json_object_get(p, "source"), "name", ""), gi ? bold : NULL);
			xlsx_text(ws, row, 1, gi ? json_get_str(p, "currency", "") : json_get_str(json_object_get(p, "source"), "currency", ""), NULL);
			for (size_t j = 0; j < ARRAY_LEN(kinds); j++)
				worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(2 + j),
						       (double)json_get_int(p, kinds[j], 0) / 100.0, money);
			xlsx_hundredths(ws, row, 8, json_object_get(p, "committed_bp"), pct);
			xlsx_hundredths(ws, row, 9, json_object_get(p, "disbursed_bp"), pct);
			row++;
		}
	row++;
	static const char *const pcols[] = { N_("Project"), N_("Status"), N_("Physical (%)"), N_("Financial (%)"), NULL };
	for (int j = 0; pcols[j]; j++)
		xlsx_text(ws, row, j, i18n_get(lang, pcols[j]), bold);
	row++;
	json_array_foreach(json_object_get(rep, "projects"), i, p) {
		char label[700];
		snprintf(label, sizeof label, "%s %s", json_get_str(p, "code", ""), json_get_str(p, "title", ""));
		xlsx_text(ws, row, 0, label, NULL);
		xlsx_text(ws, row, 1, tr(lang, project_status_label(project_status_parse(json_get_str(p, "status", "")))), NULL);
		xlsx_hundredths(ws, row, 2, json_object_get(p, "physical_progress_bp"), pct);
		xlsx_hundredths(ws, row, 3, json_object_get(p, "financial_progress_bp"), pct);
		row++;
	}

	return xlsx_doc_finish(&d, out, e);
}
