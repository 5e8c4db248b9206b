/* csv.h — RFC 4180 CSV reader and writer.
 * Reader: UTF-8 (a BOM is skipped), ',' or ';' separators (auto-detected from the
 * header line unless given), quoted fields with "" escapes and embedded newlines,
 * CRLF or LF. Strict: an unterminated quote, text after a closing quote, a bare
 * quote inside an unquoted field (unless CSV_BARE_QUOTES), invalid UTF-8, or a
 * field or row past its bound is an error naming the file, line and column.
 * All allocation is fallible (ERR_NOMEM), so allocation faults can be injected. */
#ifndef MINKA_CSV_H
#define MINKA_CSV_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"

enum {
	CSV_BARE_QUOTES = 1 << 0, /* a '"' inside an unquoted field is literal (Pabulib style) */
	CSV_KEEP_BLANK = 1 << 1,  /* report blank lines as a row with one empty field */
};

#define CSV_MAX_FIELD ((size_t)1 << 20)
#define CSV_MAX_FIELDS 4096
#define CSV_MAX_FILE ((size_t)512 << 20)

struct csv_reader;

struct csv_row {
	size_t nfields;
	const char **fields; /* valid until the next csv_next or csv_close */
	const size_t *lens;
	size_t line;         /* physical line where the row starts (1-based) */
};

/* Reads over memory the caller keeps alive. sep = 0 auto-detects. `name` is used in
 * messages. Returns NULL only on allocation failure. */
struct csv_reader *csv_open_mem(const char *data, size_t len, const char *name, char sep, int flags);
/* Reads a whole file (bounded by CSV_MAX_FILE). 0 or an error with message. */
int csv_open_file(const char *path, char sep, int flags, struct csv_reader **out, struct err *e);
/* 1 = a row, 0 = end of input, < 0 = error (message in e). */
int csv_next(struct csv_reader *r, struct csv_row *row, struct err *e);
char csv_separator(const struct csv_reader *r);
const char *csv_name(const struct csv_reader *r);
/* Bytes consumed so far and total: for progress bars. */
size_t csv_offset(const struct csv_reader *r);
size_t csv_size(const struct csv_reader *r);
void csv_close(struct csv_reader *r);

/* Index of `name` in a header row, or -1. */
int csv_find_column(const struct csv_row *header, const char *name);

/* Writer: appends one row, quoting where needed; rows end in CRLF. */
int csv_write_row(struct buf *out, char sep, const char *const *fields, size_t n);
int csv_write_bom(struct buf *out);

#endif
