/* export.h — one table, two spreadsheet formats: CSV (core/csv.h, UTF-8 with a
 * BOM so spreadsheets read the accents) and XLSX (libxlsxwriter). A table is a
 * header and rows of text cells; columns typed EXPORT_MONEY hold amounts as
 * "1234.56" (from money_format, never computed in floating point) and
 * EXPORT_INT whole numbers, written as numbers in XLSX so they can be summed. */
#ifndef MINKA_EXPORT_H
#define MINKA_EXPORT_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"

enum export_type { EXPORT_TEXT, EXPORT_INT, EXPORT_MONEY };

struct export_col {
	const char *title;      /* already translated */
	enum export_type type;
	int width;              /* XLSX column width in characters (0 = default) */
};

struct export_table {
	const struct export_col *cols;
	size_t ncols;
	char **cells;           /* row-major, nrows * ncols; NULL cells are empty */
	size_t nrows, cap;
};

void export_table_init(struct export_table *t, const struct export_col *cols, size_t ncols);
/* Appends a row of ncols cells (copied; NULL = empty). */
void export_table_add(struct export_table *t, const char *const *cells);
void export_table_release(struct export_table *t);

/* Text cells that start like a formula (=, +, -, @, tab, CR) are written with a
 * leading apostrophe (export_csv_needs_guard); numbers and amounts as they are. */
bool export_csv_needs_guard(const char *v);
int export_csv(const struct export_table *t, struct buf *out);
/* Builds the workbook (one sheet named `sheet`) into out. */
int export_xlsx(const struct export_table *t, const char *sheet, struct buf *out, struct err *e);

#endif
