/* csv.c — RFC 4180 reader and writer. The reader is a small state machine over an
 * in-memory text; fields are unescaped into one buffer per row. */
#include "core/compat.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sys/stat.h>

struct csv_reader {
	const char *data;
	size_t len, pos;
	char *owned;          /* file contents when opened from a path */
	char *name;
	char sep;
	int flags;
	size_t line;          /* current physical line (1-based) */
	struct buf text;      /* unescaped fields, NUL-separated */
	size_t *offs;         /* offsets of fields in text */
	size_t *lens;
	const char **ptrs;
	size_t cap;
};

static char detect_sep(const char *d, size_t len)
{
	size_t commas = 0, semis = 0;
	bool q = false;
	for (size_t i = 0; i < len; i++) {
		char c = d[i];
		if (c == '"')
			q = !q;
		else if (!q && (c == '\n' || c == '\r'))
			break;
		else if (!q && c == ',')
			commas++;
		else if (!q && c == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

struct csv_reader *csv_open_mem(const char *data, size_t len, const char *name, char sep, int flags)
{
	struct csv_reader *r = try_malloc(sizeof *r);
	if (!r)
		return NULL;
	memset(r, 0, sizeof *r);
	size_t nlen = strlen(name ? name : "csv");
	r->name = try_malloc(nlen + 1);
	if (!r->name) {
		free(r);
		return NULL;
	}
	memcpy(r->name, name ? name : "csv", nlen + 1);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	r->data = data;
	r->len = len;
	r->flags = flags;
	r->line = 1;
	r->sep = sep ? sep : detect_sep(data, len);
	buf_init(&r->text, CSV_MAX_FIELD * 4);
	return r;
}

int csv_open_file(const char *path, char sep, int flags, struct csv_reader **out, struct err *e)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return err_set(e, ERR_IO, "%s: not a regular file", path);
	}
	if ((size_t)st.st_size > CSV_MAX_FILE) {
		fclose(f);
		return err_set(e, ERR_TOOBIG, "%s: file too large (%lld bytes)", path, (long long)st.st_size);
	}
	size_t size = (size_t)st.st_size;
	char *data = try_malloc(size + 1);
	if (!data) {
		fclose(f);
		return err_set(e, ERR_NOMEM, "%s: out of memory", path);
	}
	size_t got = fread(data, 1, size, f);
	fclose(f);
	if (got != size) {
		free(data);
		return err_set(e, ERR_IO, "%s: read error", path);
	}
	data[size] = '\0';
	struct csv_reader *r = csv_open_mem(data, size, path, sep, flags);
	if (!r) {
		free(data);
		return err_set(e, ERR_NOMEM, "%s: out of memory", path);
	}
	r->owned = data;
	*out = r;
	return 0;
}

char csv_separator(const struct csv_reader *r) { return r->sep; }
const char *csv_name(const struct csv_reader *r) { return r->name; }
size_t csv_offset(const struct csv_reader *r) { return r->pos; }
size_t csv_size(const struct csv_reader *r) { return r->len; }

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	buf_release(&r->text);
	free(r->offs);
	free(r->lens);
	free(r->ptrs);
	free(r->owned);
	free(r->name);
	free(r);
}

static int push_field(struct csv_reader *r, size_t *n, size_t start)
{
	if (*n >= CSV_MAX_FIELDS)
		return ERR_TOOBIG;
	if (*n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		size_t *o = try_realloc(r->offs, ncap * sizeof *o);
		if (!o)
			return ERR_NOMEM;
		r->offs = o;
		size_t *l = try_realloc(r->lens, ncap * sizeof *l);
		if (!l)
			return ERR_NOMEM;
		r->lens = l;
		const char **p = try_realloc(r->ptrs, ncap * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		r->ptrs = p;
		r->cap = ncap;
	}
	r->offs[*n] = start;
	r->lens[*n] = r->text.len - start;
	(*n)++;
	return buf_appendc(&r->text, '\0');
}

static int fail(struct csv_reader *r, struct err *e, int code, size_t line, size_t col, const char *what)
{
	err_set(e, code, "%s: line %zu, column %zu: %s", r->name, line, col, what);
	return code;
}

int csv_next(struct csv_reader *r, struct csv_row *row, struct err *e)
{
	const char *d = r->data;
	/* skip blank lines */
	if (!(r->flags & CSV_KEEP_BLANK)) {
		while (r->pos < r->len && (d[r->pos] == '\n' || d[r->pos] == '\r')) {
			if (d[r->pos] == '\n' || (d[r->pos] == '\r' && (r->pos + 1 >= r->len || d[r->pos + 1] != '\n')))
				r->line++;
			r->pos++;
		}
	}
	if (r->pos >= r->len)
		return 0;
	buf_reset(&r->text);
	size_t n = 0, start_line = r->line;
	int rc;
	for (;;) {
		size_t col = n + 1, fstart = r->text.len;
		if (r->pos < r->len && d[r->pos] == '"') {
			size_t qline = r->line;
			r->pos++;
			for (;;) {
				if (r->pos >= r->len)
					return fail(r, e, ERR_INVALID, qline, col, "unterminated quoted field");
				char c = d[r->pos];
				if (c == '"') {
					if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
						rc = buf_appendc(&r->text, '"');
						r->pos += 2;
					} else {
						r->pos++;
						break;
					}
				} else {
					if (c == '\n')
						r->line++;
					rc = buf_appendc(&r->text, c);
					r->pos++;
				}
				if (rc == ERR_TOOBIG)
					return fail(r, e, rc, qline, col, "field too long");
				if (rc)
					return fail(r, e, rc, qline, col, "out of memory");
			}
			if (r->pos < r->len && d[r->pos] != r->sep && d[r->pos] != '\n' && d[r->pos] != '\r')
				return fail(r, e, ERR_INVALID, r->line, col, "unexpected text after closing quote");
		} else {
			size_t s = r->pos;
			while (r->pos < r->len && d[r->pos] != r->sep && d[r->pos] != '\n' && d[r->pos] != '\r') {
				if (d[r->pos] == '"' && !(r->flags & CSV_BARE_QUOTES))
					return fail(r, e, ERR_INVALID, r->line, col, "quote inside an unquoted field");
				r->pos++;
			}
			if (r->pos - s > CSV_MAX_FIELD)
				return fail(r, e, ERR_TOOBIG, r->line, col, "field too long");
			rc = buf_append(&r->text, d + s, r->pos - s);
			if (rc)
				return fail(r, e, rc, r->line, col, rc == ERR_TOOBIG ? "row too long" : "out of memory");
		}
		if (!utf8_valid(r->text.data ? r->text.data + fstart : "", r->text.len - fstart))
			return fail(r, e, ERR_INVALID, r->line, col, "invalid UTF-8");
		rc = push_field(r, &n, fstart);
		if (rc)
			return fail(r, e, rc, r->line, col, rc == ERR_TOOBIG ? "too many fields" : "out of memory");
		if (r->pos < r->len && d[r->pos] == r->sep) {
			r->pos++;
			continue;
		}
		/* end of record */
		if (r->pos < r->len && d[r->pos] == '\r')
			r->pos++;
		if (r->pos < r->len && d[r->pos] == '\n')
			r->pos++;
		r->line++;
		break;
	}
	for (size_t i = 0; i < n; i++)
		r->ptrs[i] = r->text.data + r->offs[i];
	row->nfields = n;
	row->fields = r->ptrs;
	row->lens = r->lens;
	row->line = start_line;
	return 1;
}

int csv_find_column(const struct csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->nfields; i++)
		if (strcmp(header->fields[i], name) == 0)
			return (int)i;
	return -1;
}

int csv_write_bom(struct buf *out) { return buf_append(out, "\xEF\xBB\xBF", 3); }

int csv_write_row(struct buf *out, char sep, const char *const *fields, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *f = fields[i] ? fields[i] : "";
		if (i)
			rc = buf_appendc(out, sep);
		size_t len = strlen(f);
		bool quote = len && (f[0] == ' ' || f[len - 1] == ' ');
		for (const char *p = f; *p && !quote; p++)
			quote = *p == sep || *p == '"' || *p == '\n' || *p == '\r';
		if (!quote) {
			if (!rc)
				rc = buf_append(out, f, len);
			continue;
		}
		if (!rc)
			rc = buf_appendc(out, '"');
		for (const char *p = f; *p && !rc; p++)
			rc = *p == '"' ? buf_append(out, "\"\"", 2) : buf_appendc(out, *p);
		if (!rc)
			rc = buf_appendc(out, '"');
	}
	if (!rc)
		rc = buf_append(out, "\r\n", 2);
	return rc;
}
