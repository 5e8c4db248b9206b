/* xlsx_doc.c — see xlsx_doc.h. */
#include "core/compat.h"
#include "domain/xlsx_doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int xlsx_doc_open(struct xlsx_doc *d, bool constant_memory, struct err *e)
{
	memset(d, 0, sizeof *d);
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(d->path, sizeof d->path, "%s/minka-xlsx-XXXXXX", tmp);
	int fd = mkstemp(d->path);
	if (fd < 0)
		return err_set(e, ERR_IO, "The spreadsheet could not be written: %s", strerror(errno));
	close(fd);
	lxw_workbook_options opts = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE, .tmpdir = (char *)tmp };
	d->wb = workbook_new_opt(d->path, &opts);
	if (!d->wb) {
		unlink(d->path);
		return err_set(e, ERR_IO, "The spreadsheet could not be written");
	}
	d->bold = workbook_add_format(d->wb);
	format_set_bold(d->bold);
	d->money = workbook_add_format(d->wb);
	format_set_num_format(d->money, "#,##0.00");
	d->pct = workbook_add_format(d->wb);
	format_set_num_format(d->pct, "0.00");
	return 0;
}

int xlsx_doc_finish(struct xlsx_doc *d, struct buf *out, struct err *e)
{
	lxw_error xe = workbook_close(d->wb);
	d->wb = NULL;
	int rc = 0;
	if (xe != LXW_NO_ERROR) {
		rc = err_set(e, ERR_IO, "The spreadsheet could not be written: %s", lxw_strerror(xe));
	} else {
		FILE *f = fopen(d->path, "rb");
		if (!f) {
			rc = err_set(e, ERR_IO, "The spreadsheet could not be written: %s", strerror(errno));
		} else {
			char chunk[65536];
			size_t n;
			while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
				rc = buf_append(out, chunk, n);
			fclose(f);
			if (rc)
				rc = err_set(e, rc, "The spreadsheet is too large");
		}
	}
	unlink(d->path);
	return rc;
}

void xlsx_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "", f);
}

void xlsx_hundredths(lxw_worksheet *ws, int row, int col, const json_t *v, lxw_format *f)
{
	if (json_is_integer(v))
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)json_integer_value(v) / 100.0, f);
	else
		xlsx_text(ws, row, col, "—", NULL);
}

void xlsx_number(lxw_worksheet *ws, int row, int col, const json_t *v, lxw_format *f)
{
	if (json_is_integer(v) || json_is_real(v))
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, json_number_value(v), f);
	else
		xlsx_text(ws, row, col, "—", NULL);
}

void xlsx_header(lxw_worksheet *ws, lxw_format *bold, const struct i18n_lang *lang, const char *const *cols)
{
	for (int i = 0; cols[i]; i++)
		xlsx_text(ws, 0, i, i18n_get(lang, cols[i]), bold);
	worksheet_freeze_panes(ws, 1, 0);
}
