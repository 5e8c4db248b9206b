/* pabulib.h — the Pabulib `.pb` format (pabulib.org): reader and writer over memory.
 *
 * A file has three sections, META, PROJECTS and VOTES, each a line with the section
 * name, a header row, then `;`-separated rows. A field that starts with `"` is quoted
 * (`""` is a quote, `;` and newlines are literal inside); a quote anywhere else is an
 * ordinary character. CRLF or LF line ends; the final newline may be missing. `None`
 * or an empty cell in an optional column means "no value".
 *
 * The reader is strict: a malformed file is refused as a whole, with the line and
 * the field at fault (duplicate project ids, votes naming unknown projects, points
 * that do not match the vote, a row with the wrong number of fields, ...). It keeps
 * every cell as text so that the writer gives back the same file, and builds the
 * pb_instance the allocation rules work on (pb_model.h).
 *
 * Pure: no file access here; the CLI reads the file into memory. */
#ifndef MINKA_PABULIB_H
#define MINKA_PABULIB_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "rules/pb_model.h"

/* One section: a header and rows of cells (all NUL-terminated strings). */
struct pabulib_table {
	uint32_t ncols;
	uint32_t nrows;
	const char **cols;     /* header names */
	const char **cells;    /* row r, column c at cells[r * ncols + c] */
	uint8_t *quoted;       /* same layout as cells (then the header row): quoted in the file */
	size_t *lines;         /* source line of each row */
	size_t header_line;
	size_t section_line;   /* line of the section name */
	uint32_t cap;          /* rows allocated */
};

struct pabulib_file {
	struct pb_instance *inst; /* owned; NULL only for files built without one */
	struct pabulib_table meta, projects, votes;
	bool crlf;                /* lines end in CRLF */
	bool final_newline;       /* the last line ends with a newline */
	uint64_t dup_ballots;     /* ballots naming a project twice (merged; see pb_model.h) */
	size_t first_dup_line;
	int64_t meta_num_votes;   /* META num_votes / num_projects, -1 when absent */
	int64_t meta_num_projects;
	char *storage;            /* the cells point into this copy of the input */
	struct pabulib_int *priv;
};

/* Parses a whole file held in memory. On success *out is a new file (free with
 * pabulib_free); on failure nothing is returned and e names line and field. */
int pabulib_parse(const char *data, size_t len, struct pabulib_file **out, struct err *e);
void pabulib_free(struct pabulib_file *f);

/* Appends the file in Pabulib format. Cells keep their quoting; line ends follow
 * `crlf` and `final_newline`, so a file read and written back is byte-identical.
 * 0 or ERR_TOOBIG/ERR_NOMEM from the buffer. */
int pabulib_write(const struct pabulib_file *f, struct buf *out);

/* Builds the tables of a Pabulib file from an instance (META, projects with
 * support, votes with one row per voter). The file does not own `in`. Optional
 * `selected` (nprojects flags) fills the `selected` column. Free with pabulib_free. */
struct pabulib_file *pabulib_from_instance(const struct pb_instance *in, const bool *selected,
					   const char *description);

/* Sets a META value (a new row at the end when the key is not there yet);
 * strings copied. For files built by pabulib_from_instance (or parsed). */
void pabulib_meta_set(struct pabulib_file *f, const char *key, const char *value);
/* A META value, or NULL. */
const char *pabulib_meta(const struct pabulib_file *f, const char *key);
/* The index of a column in a table, or -1. */
int pabulib_column(const struct pabulib_table *t, const char *name);

#endif
