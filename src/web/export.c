/* export.c — CSV and XLSX from one table. */
#include "core/compat.h"
#include "web/export.h"
#include "core/csv.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "domain/xlsx_doc.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

void export_table_init(struct export_table *t, const struct export_col *cols, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
}

void export_table_add(struct export_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = cells[i] ? xstrdup(cells[i]) : NULL;
	t->nrows++;
}

void export_table_release(struct export_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* A text cell a spreadsheet would take for a formula (=, +, -, @, tab or CR
 * first: "=HYPERLINK(...)" typed into a proposal's title) gets a leading
 * apostrophe, as OWASP advises for CSV files opened in spreadsheets; the
 * spreadsheet shows the text as typed. Numbers and amounts are left alone
 * ("-1234.50" is a refund, not a formula). XLSX needs no guard: its cells are
 * written as strings. */
bool export_csv_needs_guard(const char *v)
{
	return v && (*v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r');
}

int export_csv(const struct export_table *t, struct buf *out)
{
	int rc = csv_write_bom(out);
	const char **row = xcalloc(t->ncols, sizeof *row);
	char **guarded = xcalloc(t->ncols, sizeof *guarded);
	for (size_t i = 0; i < t->ncols; i++)
		row[i] = t->cols[i].title;
	if (!rc)
		rc = csv_write_row(out, ',', row, t->ncols);
	for (size_t r = 0; r < t->nrows && !rc; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			const char *v = t->cells[r * t->ncols + i];
			row[i] = v ? v : "";
			if (t->cols[i].type == EXPORT_TEXT && export_csv_needs_guard(v)) {
				size_t n = strlen(v);
				guarded[i] = xmalloc(n + 2);
				guarded[i][0] = '\'';
				memcpy(guarded[i] + 1, v, n + 1);
				row[i] = guarded[i];
			}
		}
		rc = csv_write_row(out, ',', row, t->ncols);
		for (size_t i = 0; i < t->ncols; i++) {
			free(guarded[i]);
			guarded[i] = NULL;
		}
	}
	free(guarded);
	free(row);
	return rc;
}

/* XLSX keeps every number as an IEEE double; an amount goes in as the double
 * nearest to its two-decimal text ("1234.56"), exactly what a person typing it
 * would store. No arithmetic is done on it here. */
static double cell_number(const char *text, bool *ok)
{
	double d = 0;
	*ok = text && *text && str_to_double(text, &d) == 0;
	return d;
}

int export_xlsx(const struct export_table *t, const char *sheet, struct buf *out, struct err *e)
{
	struct xlsx_doc d;
	int rc = xlsx_doc_open(&d, true, e);
	if (rc)
		return rc;
	lxw_worksheet *ws = workbook_add_worksheet(d.wb, sheet);
	for (size_t i = 0; i < t->ncols; i++)
		if (t->cols[i].width)
			worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, t->cols[i].width, NULL);
	for (size_t i = 0; i < t->ncols; i++)
		xlsx_text(ws, 0, (int)i, t->cols[i].title, d.bold);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			const char *v = t->cells[r * t->ncols + i];
			lxw_row_t row = (lxw_row_t)(r + 1);
			bool ok = false;
			double n = t->cols[i].type == EXPORT_TEXT ? 0 : cell_number(v, &ok);
			if (ok)
				worksheet_write_number(ws, row, (lxw_col_t)i, n, t->cols[i].type == EXPORT_MONEY ? d.money : NULL);
			else if (v && *v)
				worksheet_write_string(ws, row, (lxw_col_t)i, v, NULL);
		}
	}
	return xlsx_doc_finish(&d, out, e);
}
