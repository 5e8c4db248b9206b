/* xlsx_doc.h — a workbook written with libxlsxwriter into memory, shared by
 * minka's spreadsheets (the articulation report, the monitoring report, the
 * exported lists): a temporary file under $TMPDIR (libxlsxwriter writes a zip to
 * a path), bold, money (#,##0.00) and percentage (0.00) formats, a few cell
 * helpers, and the finished file read into a buffer and removed. */
#ifndef MINKA_XLSX_DOC_H
#define MINKA_XLSX_DOC_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"

#include <jansson.h>
#include <xlsxwriter.h>

struct xlsx_doc {
	lxw_workbook *wb;
	lxw_format *bold, *money, *pct;
	char path[512];
};

/* Creates the workbook (constant_memory: rows written in order, for long lists).
 * On failure nothing is left behind. */
int xlsx_doc_open(struct xlsx_doc *d, bool constant_memory, struct err *e);
/* Closes the workbook, appends the file's bytes to out and removes it (also on
 * failure). */
int xlsx_doc_finish(struct xlsx_doc *d, struct buf *out, struct err *e);

/* A text cell (NULL writes an empty string). */
void xlsx_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f);
/* A JSON integer of hundredths as a number with two decimals (cents as soles,
 * basis points as a percentage); anything else as "—". */
void xlsx_hundredths(lxw_worksheet *ws, int row, int col, const json_t *v, lxw_format *f);
/* A JSON number as it is; anything else as "—". */
void xlsx_number(lxw_worksheet *ws, int row, int col, const json_t *v, lxw_format *f);
/* Row 0: the translated titles of the NULL-terminated message ids, in bold,
 * frozen so the header stays in view. */
void xlsx_header(lxw_worksheet *ws, lxw_format *bold, const struct i18n_lang *lang, const char *const *cols);

#endif
