/* pabulib.c — Pabulib `.pb` reader and writer. The reader copies the input once,
 * splits it in place into NUL-terminated cells (one pass, no per-cell allocation),
 * then builds the pb_instance from the cells. */
#include "core/compat.h"
#include "rules/pabulib.h"
#include "core/str.h"
#include "core/xalloc.h"

struct pabulib_int {
	bool bom;
	size_t *alt_eol;       /* lines (record starts) that end unlike the rest of the file */
	size_t nalt, alt_cap;
	char **owned;          /* strings allocated by pabulib_from_instance */
	size_t nowned, owned_cap;
};

struct lexer {
	char *s;
	size_t len, pos;
	size_t line;           /* line at pos, 1-based */
	int line_end;          /* 0 unknown, 1 LF, 2 CRLF: the first line's */
	struct pabulib_int *keep; /* where to note lines ending otherwise */
	/* the record being read */
	char **fields;
	uint8_t *quoted;
	uint32_t nfields, cap;
	size_t rec_line;
	bool ended_newline;    /* the record ended with a newline (not EOF) */
};

#define PB_MAX_FIELDS 4096

static void lex_push(struct lexer *lx, char *f, bool q)
{
	if (lx->nfields == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 16;
		lx->fields = xrealloc(lx->fields, lx->cap * sizeof *lx->fields);
		lx->quoted = xrealloc(lx->quoted, lx->cap);
	}
	lx->fields[lx->nfields] = f;
	lx->quoted[lx->nfields] = q;
	lx->nfields++;
}

static void note_line_end(struct lexer *lx, int kind)
{
	if (!lx->line_end)
		lx->line_end = kind;
	else if (lx->line_end != kind) {
		/* a file may mix them (lines edited by hand): remember which, to write them back */
		struct pabulib_int *m = lx->keep;
		if (m->nalt == m->alt_cap) {
			m->alt_cap = m->alt_cap ? m->alt_cap * 2 : 16;
			m->alt_eol = xrealloc(m->alt_eol, m->alt_cap * sizeof *m->alt_eol);
		}
		m->alt_eol[m->nalt++] = lx->rec_line;
	}
}

/* Reads one record. 1 = a record, 0 = end of input, < 0 = error. */
static int lex_record(struct lexer *lx, struct err *e)
{
	lx->nfields = 0;
	if (lx->pos >= lx->len)
		return 0;
	lx->ended_newline = false;
	lx->rec_line = lx->line;
	char *s = lx->s;
	for (;;) {
		if (lx->nfields == PB_MAX_FIELDS)
			return err_set(e, ERR_INVALID, "line %zu: more than %d fields", lx->line, PB_MAX_FIELDS);
		size_t p = lx->pos;
		if (p < lx->len && s[p] == '"') {
			/* quoted field: "" is a quote; ; and newlines are literal */
			size_t start_line = lx->line;
			char *w = s + p;
			char *field = w;
			p++;
			for (;;) {
				if (p >= lx->len)
					return err_set(e, ERR_INVALID, "line %zu: unterminated quoted field", start_line);
				char c = s[p];
				if (c == '"') {
					if (p + 1 < lx->len && s[p + 1] == '"') {
						*w++ = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (c == '\n')
					lx->line++;
				*w++ = c;
				p++;
			}
			/* after the closing quote: ; or the end of the line */
			if (p < lx->len && s[p] == ';') {
				*w = '\0';
				lex_push(lx, field, true);
				lx->pos = p + 1;
				continue;
			}
			if (p >= lx->len) {
				*w = '\0';
				lex_push(lx, field, true);
				lx->pos = p;
				return 1;
			}
			if (s[p] == '\n' || (s[p] == '\r' && p + 1 < lx->len && s[p + 1] == '\n')) {
				note_line_end(lx, s[p] == '\r' ? 2 : 1);
				size_t nl = s[p] == '\r' ? 2 : 1;
				*w = '\0';
				lex_push(lx, field, true);
				lx->pos = p + nl;
				lx->line++;
				lx->ended_newline = true;
				return 1;
			}
			return err_set(e, ERR_INVALID, "line %zu, field %u: text after the closing quote",
				       lx->line, (unsigned)lx->nfields + 1);
		}
		/* unquoted field: up to ; or the end of the line */
		size_t q = p;
		while (q < lx->len && s[q] != ';' && s[q] != '\n')
			q++;
		if (q < lx->len && s[q] == ';') {
			s[q] = '\0';
			lex_push(lx, s + p, false);
			lx->pos = q + 1;
			continue;
		}
		size_t end = q;
		if (q < lx->len) { /* newline */
			if (q > p && s[q - 1] == '\r') {
				end = q - 1;
				note_line_end(lx, 2);
			} else {
				note_line_end(lx, 1);
			}
			lx->line++;
			lx->ended_newline = true;
			lx->pos = q + 1;
		} else {
			lx->pos = q;
		}
		s[end] = '\0';
		lex_push(lx, s + p, false);
		return 1;
	}
}

static bool is_marker(const struct lexer *lx, const char *name)
{
	return lx->nfields == 1 && !lx->quoted[0] && str_eq(lx->fields[0], name);
}

static bool is_blank(const struct lexer *lx)
{
	return lx->nfields == 1 && !lx->quoted[0] && lx->fields[0][0] == '\0';
}

static void table_add_row(struct pabulib_table *t, const struct lexer *lx)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, (size_t)t->cap * t->ncols * sizeof *t->cells);
		t->quoted = xrealloc(t->quoted, (size_t)(t->cap + 1) * t->ncols);
		t->lines = xrealloc(t->lines, t->cap * sizeof *t->lines);
	}
	memcpy(t->cells + (size_t)t->nrows * t->ncols, lx->fields, t->ncols * sizeof *t->cells);
	memcpy(t->quoted + (size_t)t->nrows * t->ncols, lx->quoted, t->ncols);
	t->lines[t->nrows] = lx->rec_line;
	t->nrows++;
}

static void table_release(struct pabulib_table *t)
{
	free(t->cols);
	free(t->cells);
	free(t->quoted);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* The header quoting flags are kept after the rows' flags. */
static uint8_t *header_quoted(const struct pabulib_table *t)
{
	return t->quoted + (size_t)t->nrows * t->ncols;
}

static int table_header(struct pabulib_table *t, struct lexer *lx, const char *section, struct err *e)
{
	int rc = lex_record(lx, e);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_INVALID, "line %zu: the %s section has no header row", lx->line, section);
	t->ncols = lx->nfields;
	t->header_line = lx->rec_line;
	t->cols = xmalloc(t->ncols * sizeof *t->cols);
	for (uint32_t i = 0; i < t->ncols; i++) {
		t->cols[i] = lx->fields[i];
		if (!t->cols[i][0])
			return err_set(e, ERR_INVALID, "line %zu, field %u: empty column name in the %s header",
				       lx->rec_line, (unsigned)i + 1, section);
		for (uint32_t j = 0; j < i; j++)
			if (str_eq(t->cols[i], t->cols[j]))
				return err_set(e, ERR_INVALID, "line %zu: column \"%.60s\" appears twice in the %s header",
					       lx->rec_line, t->cols[i], section);
	}
	/* keep the header's quoting in a side buffer until rows are known */
	t->quoted = xmalloc(t->ncols);
	memcpy(t->quoted, lx->quoted, t->ncols);
	return 0;
}

/* Reads rows into t until the marker `next` (or the end when next is NULL). */
static int table_rows(struct pabulib_table *t, struct lexer *lx, const char *section, const char *next,
		      struct err *e)
{
	uint8_t hq[PB_MAX_FIELDS];
	memcpy(hq, t->quoted, t->ncols);
	free(t->quoted);
	t->quoted = NULL;
	int rc;
	for (;;) {
		rc = lex_record(lx, e);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			if (next) {
				rc = err_set(e, ERR_INVALID, "line %zu: the %s section is missing", lx->line, next);
				goto out;
			}
			break;
		}
		if (next && is_marker(lx, next))
			break;
		if (is_blank(lx)) {
			rc = err_set(e, ERR_INVALID, "line %zu: blank line in the %s section", lx->rec_line, section);
			goto out;
		}
		if (lx->nfields != t->ncols) {
			rc = err_set(e, ERR_INVALID, "line %zu: %u fields, the %s header has %u",
				     lx->rec_line, (unsigned)lx->nfields, section, (unsigned)t->ncols);
			goto out;
		}
		table_add_row(t, lx);
	}
	rc = 0;
out:
	t->quoted = xrealloc(t->quoted, (size_t)(t->nrows + 1) * t->ncols);
	memcpy(header_quoted(t), hq, t->ncols);
	return rc;
}

int pabulib_column(const struct pabulib_table *t, const char *name)
{
	for (uint32_t i = 0; i < t->ncols; i++)
		if (str_eq(t->cols[i], name))
			return (int)i;
	return -1;
}

const char *pabulib_meta(const struct pabulib_file *f, const char *key)
{
	const struct pabulib_table *t = &f->meta;
	for (uint32_t r = 0; r < t->nrows; r++)
		if (str_eq(t->cells[r * 2], key))
			return t->cells[r * 2 + 1];
	return NULL;
}

static bool is_none(const char *s)
{
	return !s[0] || str_eq(s, "None");
}

static const char *cell(const struct pabulib_table *t, uint32_t r, int c)
{
	return c < 0 ? "" : t->cells[(size_t)r * t->ncols + (uint32_t)c];
}

static int read_meta(struct pabulib_file *f, enum pb_vote_type *vt, struct err *e)
{
	const struct pabulib_table *t = &f->meta;
	if (t->ncols != 2)
		return err_set(e, ERR_INVALID, "line %zu: the META header must have 2 columns (key;value), not %u",
			       t->header_line, (unsigned)t->ncols);
	for (uint32_t r = 0; r < t->nrows; r++) {
		const char *k = t->cells[r * 2];
		if (!k[0])
			return err_set(e, ERR_INVALID, "line %zu, field key: empty META key", t->lines[r]);
		for (uint32_t q = 0; q < r; q++)
			if (str_eq(k, t->cells[q * 2]))
				return err_set(e, ERR_INVALID, "line %zu, field key: META key \"%.60s\" repeats line %zu",
					       t->lines[r], k, t->lines[q]);
	}
	const char *v = pabulib_meta(f, "vote_type");
	if (!v)
		return err_set(e, ERR_INVALID, "META has no vote_type");
	if (pb_vote_type_parse(v, vt))
		return err_set(e, ERR_INVALID, "META vote_type \"%.60s\" is not approval, choose-1, ordinal, cumulative or scoring", v);
	if (!pabulib_meta(f, "budget"))
		return err_set(e, ERR_INVALID, "META has no budget");
	f->meta_num_votes = f->meta_num_projects = -1;
	const char *nv = pabulib_meta(f, "num_votes"), *np = pabulib_meta(f, "num_projects");
	if (nv && str_to_int64(nv, &f->meta_num_votes))
		return err_set(e, ERR_INVALID, "META num_votes \"%.60s\" is not an integer", nv);
	if (np && str_to_int64(np, &f->meta_num_projects))
		return err_set(e, ERR_INVALID, "META num_projects \"%.60s\" is not an integer", np);
	return 0;
}

static size_t meta_line(const struct pabulib_file *f, const char *key)
{
	for (uint32_t r = 0; r < f->meta.nrows; r++)
		if (str_eq(f->meta.cells[r * 2], key))
			return f->meta.lines[r];
	return 0;
}

static int build_meta(struct pabulib_file *f, struct err *e)
{
	struct pb_instance *in = f->inst;
	const char *b = pabulib_meta(f, "budget");
	mpz_t v;
	mpz_init(v);
	unsigned scale;
	int rc = 0;
	if (pb_amount_parse(b, strlen(b), v, &scale)) {
		rc = err_set(e, ERR_INVALID, "line %zu, field budget: \"%.60s\" is not an amount", meta_line(f, "budget"), b);
		goto out;
	}
	pb_instance_set_budget(in, v, scale);
	const char *rule = pabulib_meta(f, "rule");
	if (rule && !is_none(rule))
		pb_instance_set_rule(in, rule);
	const char *thr = pabulib_meta(f, "min_project_score_threshold");
	if (thr && !is_none(thr)) {
		int64_t t;
		if (str_to_int64(thr, &t)) {
			rc = err_set(e, ERR_INVALID, "line %zu, field min_project_score_threshold: \"%.60s\" is not an integer",
				     meta_line(f, "min_project_score_threshold"), thr);
			goto out;
		}
		pb_instance_set_threshold(in, t);
	}
out:
	mpz_clear(v);
	return rc;
}

static int build_projects(struct pabulib_file *f, struct err *e)
{
	struct pb_instance *in = f->inst;
	const struct pabulib_table *t = &f->projects;
	int cid = pabulib_column(t, "project_id"), ccost = pabulib_column(t, "cost");
	int cname = pabulib_column(t, "name"), csel = pabulib_column(t, "selected");
	int ccat = pabulib_column(t, "category");
	if (ccat < 0)
		ccat = pabulib_column(t, "categories");
	if (cid < 0)
		return err_set(e, ERR_INVALID, "line %zu: the PROJECTS header has no project_id column", t->header_line);
	if (ccost < 0)
		return err_set(e, ERR_INVALID, "line %zu: the PROJECTS header has no cost column", t->header_line);
	mpz_t cost;
	mpz_init(cost);
	int rc = 0;
	for (uint32_t r = 0; r < t->nrows; r++) {
		const char *id = cell(t, r, cid), *c = cell(t, r, ccost);
		unsigned scale;
		if (pb_amount_parse(c, strlen(c), cost, &scale)) {
			rc = err_set(e, ERR_INVALID, "line %zu, field cost: \"%.60s\" is not an amount", t->lines[r], c);
			goto out;
		}
		uint32_t p;
		rc = pb_instance_add_project(in, id, strlen(id), cost, scale, &p, e);
		if (rc == ERR_CONFLICT) {
			size_t first = 0;
			for (uint32_t q = 0; q < r; q++)
				if (str_eq(cell(t, q, cid), id))
					first = t->lines[q];
			rc = err_set(e, ERR_INVALID, "line %zu, field project_id: duplicate project id \"%.60s\" (first on line %zu)",
				     t->lines[r], id, first);
			goto out;
		}
		if (rc) {
			err_prefix(e, "line %zu, field project_id", t->lines[r]);
			goto out;
		}
		const char *name = cell(t, r, cname);
		if (!is_none(name))
			pb_instance_set_name(in, p, name, strlen(name));
		const char *cat = cell(t, r, ccat);
		if (!is_none(cat)) {
			for (const char *s = cat;;) {
				const char *comma = strchr(s, ',');
				size_t n = comma ? (size_t)(comma - s) : strlen(s);
				const char *a = s, *z = s + n;
				while (a < z && *a == ' ')
					a++;
				while (z > a && z[-1] == ' ')
					z--;
				if (z > a)
					pb_instance_add_category(in, p, a, (size_t)(z - a));
				if (!comma)
					break;
				s = comma + 1;
			}
		}
		const char *sel = cell(t, r, csel);
		if (csel >= 0 && !is_none(sel)) {
			int64_t v;
			if (str_to_int64(sel, &v) || v < 0 || v > 9) {
				rc = err_set(e, ERR_INVALID, "line %zu, field selected: \"%.60s\" is not 0 to 9", t->lines[r], sel);
				goto out;
			}
			in->projects[p].selected = (int)v;
		}
	}
out:
	mpz_clear(cost);
	return rc;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Refuses a voter_id used twice (open addressing over row numbers). */
static int check_voter_ids(const struct pabulib_table *t, int cvoter, struct err *e)
{
	uint32_t n = 16;
	while (n < t->nrows * 2u + 16)
		n *= 2;
	uint32_t *slots = xcalloc(n, sizeof *slots);
	int rc = 0;
	for (uint32_t r = 0; r < t->nrows; r++) {
		const char *id = cell(t, r, cvoter);
		if (!id[0]) {
			rc = err_set(e, ERR_INVALID, "line %zu, field voter_id: empty voter id", t->lines[r]);
			break;
		}
		uint32_t i = (uint32_t)hash_str(id) & (n - 1);
		for (; slots[i]; i = (i + 1) & (n - 1))
			if (str_eq(cell(t, slots[i] - 1, cvoter), id)) {
				rc = err_set(e, ERR_INVALID, "line %zu, field voter_id: voter \"%.60s\" already voted on line %zu",
					     t->lines[r], id, t->lines[slots[i] - 1]);
				goto out;
			}
		slots[i] = r + 1;
	}
out:
	free(slots);
	return rc;
}

static int build_votes(struct pabulib_file *f, struct err *e)
{
	struct pb_instance *in = f->inst;
	const struct pabulib_table *t = &f->votes;
	bool cardinal = pb_vote_type_cardinal(in->vote_type);
	int cvoter = pabulib_column(t, "voter_id"), cvote = pabulib_column(t, "vote");
	int cpoints = pabulib_column(t, "points");
	if (cvoter < 0)
		return err_set(e, ERR_INVALID, "line %zu: the VOTES header has no voter_id column", t->header_line);
	if (cvote < 0)
		return err_set(e, ERR_INVALID, "line %zu: the VOTES header has no vote column", t->header_line);
	if (cardinal && cpoints < 0)
		return err_set(e, ERR_INVALID, "line %zu: %s votes need a points column", t->header_line,
			       pb_vote_type_name(in->vote_type));
	int rc = check_voter_ids(t, cvoter, e);
	if (rc)
		return rc;
	uint32_t cap = 64;
	uint32_t *items = xmalloc(cap * sizeof *items);
	int64_t *pts = xmalloc(cap * sizeof *pts);
	for (uint32_t r = 0; r < t->nrows; r++) {
		const char *v = cell(t, r, cvote);
		uint32_t n = 0;
		for (const char *s = v; *s;) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			if (len == 0) {
				rc = err_set(e, ERR_INVALID, "line %zu, field vote: empty project id in \"%.60s\"", t->lines[r], v);
				goto out;
			}
			int64_t p = pb_instance_find(in, s, len);
			if (p < 0) {
				rc = err_set(e, ERR_INVALID, "line %zu, field vote: unknown project \"%.*s\"", t->lines[r],
					     (int)(len > 60 ? 60 : len), s);
				goto out;
			}
			if (n == cap) {
				cap *= 2;
				items = xrealloc(items, cap * sizeof *items);
				pts = xrealloc(pts, cap * sizeof *pts);
			}
			items[n++] = (uint32_t)p;
			if (!comma)
				break;
			s = comma + 1;
			if (!*s) {
				rc = err_set(e, ERR_INVALID, "line %zu, field vote: empty project id in \"%.60s\"", t->lines[r], v);
				goto out;
			}
		}
		if (in->vote_type == PB_VOTE_CHOOSE1 && n > 1) {
			rc = err_set(e, ERR_INVALID, "line %zu, field vote: a choose-1 vote names %u projects",
				     t->lines[r], (unsigned)n);
			goto out;
		}
		if (cardinal) {
			const char *pv = cell(t, r, cpoints);
			uint32_t k = 0;
			char num[32];
			for (const char *s = pv; *s && n;) {
				const char *comma = strchr(s, ',');
				size_t len = comma ? (size_t)(comma - s) : strlen(s);
				int64_t x;
				if (k == n || len == 0 || len >= sizeof num) {
					k = n + 1;
					break;
				}
				memcpy(num, s, len);
				num[len] = '\0';
				if (str_to_int64(num, &x)) {
					rc = err_set(e, ERR_INVALID, "line %zu, field points: \"%.30s\" is not an integer",
						     t->lines[r], num);
					goto out;
				}
				pts[k++] = x;
				if (!comma)
					break;
				s = comma + 1;
			}
			if (k != n) {
				rc = err_set(e, ERR_INVALID, "line %zu, field points: \"%.60s\" does not give one number per voted project (%u)",
					     t->lines[r], pv, (unsigned)n);
				goto out;
			}
		} /* points on approval or ordinal votes mean nothing to the rules: kept as text */
		uint64_t before = in->nduplicates;
		rc = pb_instance_add_ballot(in, items, cardinal ? pts : NULL, n, 1, e);
		if (rc) {
			err_prefix(e, "line %zu, field vote", t->lines[r]);
			goto out;
		}
		if (in->nduplicates != before && !f->first_dup_line)
			f->first_dup_line = t->lines[r];
	}
	f->dup_ballots = in->nduplicates;
out:
	free(items);
	free(pts);
	return rc;
}

int pabulib_parse(const char *data, size_t len, struct pabulib_file **out, struct err *e)
{
	*out = NULL;
	struct pabulib_file *f = xcalloc(1, sizeof *f);
	f->priv = xcalloc(1, sizeof *f->priv);
	f->storage = xmalloc(len + 1);
	memcpy(f->storage, data, len);
	f->storage[len] = '\0';
	struct lexer lx = { .s = f->storage, .len = len, .line = 1, .keep = f->priv };
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		f->priv->bom = true;
		lx.pos = 3;
	}
	const char *nul = memchr(data, '\0', len);
	if (nul) {
		size_t line = 1;
		for (const char *p = data; p < nul; p++)
			line += *p == '\n';
		err_set(e, ERR_INVALID, "line %zu: NUL byte in the file", line);
		goto fail;
	}
	int rc = lex_record(&lx, e);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		err_set(e, ERR_INVALID, "empty file");
		goto fail;
	}
	if (!is_marker(&lx, "META")) {
		err_set(e, ERR_INVALID, "line %zu: a Pabulib file starts with META", lx.rec_line);
		goto fail;
	}
	f->meta.section_line = lx.rec_line;
	if (table_header(&f->meta, &lx, "META", e) || table_rows(&f->meta, &lx, "META", "PROJECTS", e))
		goto fail;
	f->projects.section_line = lx.rec_line;
	if (table_header(&f->projects, &lx, "PROJECTS", e) || table_rows(&f->projects, &lx, "PROJECTS", "VOTES", e))
		goto fail;
	f->votes.section_line = lx.rec_line;
	if (table_header(&f->votes, &lx, "VOTES", e) || table_rows(&f->votes, &lx, "VOTES", NULL, e))
		goto fail;
	f->crlf = lx.line_end == 2;
	f->final_newline = lx.ended_newline;
	enum pb_vote_type vt;
	if (read_meta(f, &vt, e))
		goto fail;
	f->inst = pb_instance_new(vt);
	if (build_meta(f, e) || build_projects(f, e) || build_votes(f, e))
		goto fail;
	if (pb_instance_finish(f->inst, e))
		goto fail;
	free(lx.fields);
	free(lx.quoted);
	*out = f;
	return 0;
fail:
	free(lx.fields);
	free(lx.quoted);
	pabulib_free(f);
	return e ? (e->code ? e->code : ERR_INVALID) : ERR_INVALID;
}

void pabulib_free(struct pabulib_file *f)
{
	if (!f)
		return;
	pb_instance_free(f->inst);
	table_release(&f->meta);
	table_release(&f->projects);
	table_release(&f->votes);
	if (f->priv) {
		for (size_t i = 0; i < f->priv->nowned; i++)
			free(f->priv->owned[i]);
		free(f->priv->alt_eol);
		free(f->priv->owned);
		free(f->priv);
	}
	free(f->storage);
	free(f);
}

/* ---- writer ---- */

/* A cell needs quotes if the reader would otherwise split or change it: a leading
 * quote, a separator, a newline, or a CR that would read as part of a CRLF. */
static bool needs_quotes(const char *s)
{
	if (s[0] == '"')
		return true;
	size_t n = 0;
	for (; s[n]; n++)
		if (s[n] == ';' || s[n] == '\n')
			return true;
	return n && s[n - 1] == '\r';
}

static int put_cell(struct buf *out, const char *s, bool quoted)
{
	if (!quoted && !needs_quotes(s))
		return buf_appends(out, s);
	int rc = buf_appendc(out, '"');
	for (; !rc && *s; s++)
		rc = *s == '"' ? buf_append(out, "\"\"", 2) : buf_appendc(out, *s);
	return rc ? rc : buf_appendc(out, '"');
}

struct writer {
	struct buf *out;
	const char *eol, *alt;
	const struct pabulib_int *m;
	size_t next_alt; /* index into m->alt_eol */
};

/* The line end of the record that started on `line` in the file read. */
static const char *eol_for(struct writer *w, size_t line)
{
	if (!w->m || !line)
		return w->eol;
	while (w->next_alt < w->m->nalt && w->m->alt_eol[w->next_alt] < line)
		w->next_alt++;
	if (w->next_alt < w->m->nalt && w->m->alt_eol[w->next_alt] == line)
		return w->alt;
	return w->eol;
}

static int put_row(struct writer *w, const char *const *cells, const uint8_t *quoted, uint32_t n, size_t line)
{
	int rc = 0;
	for (uint32_t i = 0; !rc && i < n; i++) {
		if (i)
			rc = buf_appendc(w->out, ';');
		if (!rc)
			rc = put_cell(w->out, cells[i], quoted && quoted[i]);
	}
	return rc ? rc : buf_appends(w->out, eol_for(w, line));
}

static int put_table(struct writer *w, const char *name, const struct pabulib_table *t)
{
	int rc = buf_appends(w->out, name);
	if (!rc)
		rc = buf_appends(w->out, eol_for(w, t->section_line));
	if (!rc)
		rc = put_row(w, t->cols, t->quoted ? header_quoted(t) : NULL, t->ncols, t->header_line);
	for (uint32_t r = 0; !rc && r < t->nrows; r++)
		rc = put_row(w, t->cells + (size_t)r * t->ncols, t->quoted ? t->quoted + (size_t)r * t->ncols : NULL,
			     t->ncols, t->lines[r]);
	return rc;
}

int pabulib_write(const struct pabulib_file *f, struct buf *out)
{
	struct writer w = { .out = out, .eol = f->crlf ? "\r\n" : "\n", .alt = f->crlf ? "\n" : "\r\n", .m = f->priv };
	size_t start = out->len;
	int rc = 0;
	if (f->priv && f->priv->bom)
		rc = buf_appends(out, "\xEF\xBB\xBF");
	if (!rc)
		rc = put_table(&w, "META", &f->meta);
	if (!rc)
		rc = put_table(&w, "PROJECTS", &f->projects);
	if (!rc)
		rc = put_table(&w, "VOTES", &f->votes);
	if (!rc && !f->final_newline) { /* drop the last line end */
		size_t n = out->len - start;
		if (n && out->data[out->len - 1] == '\n')
			buf_truncate(out, out->len - (n > 1 && out->data[out->len - 2] == '\r' ? 2 : 1));
	}
	return rc;
}

static const char *own(struct pabulib_file *f, char *s)
{
	struct pabulib_int *m = f->priv;
	if (m->nowned == m->owned_cap) {
		m->owned_cap = m->owned_cap ? m->owned_cap * 2 : 256;
		m->owned = xrealloc(m->owned, m->owned_cap * sizeof *m->owned);
	}
	m->owned[m->nowned++] = s;
	return s;
}

static void table_init(struct pabulib_table *t, const char *const *cols, uint32_t ncols, uint32_t nrows)
{
	t->ncols = ncols;
	t->nrows = nrows;
	t->cap = nrows;
	t->cols = xmalloc((ncols ? ncols : 1) * sizeof *t->cols);
	memcpy(t->cols, cols, ncols * sizeof *cols);
	t->cells = xcalloc((size_t)nrows * ncols + 1, sizeof *t->cells);
	t->quoted = xcalloc((size_t)(nrows + 1) * ncols + 1, 1);
	t->lines = xcalloc(nrows + 1, sizeof *t->lines);
}

void pabulib_meta_set(struct pabulib_file *f, const char *key, const char *value)
{
	struct pabulib_table *t = &f->meta;
	const char *v = own(f, xstrdup(value ? value : ""));
	for (uint32_t r = 0; r < t->nrows; r++)
		if (str_eq(t->cells[r * 2], key)) {
			t->cells[r * 2 + 1] = v;
			if (t->quoted)
				t->quoted[r * 2 + 1] = 0;
			return;
		}
	/* a new row at the end: the header's quoting flags move after it */
	uint32_t n = t->nrows + 1;
	t->cells = xrealloc(t->cells, ((size_t)n * 2 + 1) * sizeof *t->cells);
	uint8_t *q = xcalloc((size_t)(n + 1) * 2 + 1, 1);
	if (t->quoted) {
		memcpy(q, t->quoted, (size_t)t->nrows * 2);
		memcpy(q + (size_t)n * 2, t->quoted + (size_t)t->nrows * 2, 2);
	}
	free(t->quoted);
	t->quoted = q;
	t->lines = xrealloc(t->lines, (n + 1) * sizeof *t->lines);
	t->lines[t->nrows] = 0;
	t->cells[t->nrows * 2] = own(f, xstrdup(key));
	t->cells[t->nrows * 2 + 1] = v;
	t->nrows = n;
	t->cap = n;
}

struct pabulib_file *pabulib_from_instance(const struct pb_instance *in, const bool *selected,
					   const char *description)
{
	struct pabulib_file *f = xcalloc(1, sizeof *f);
	f->priv = xcalloc(1, sizeof *f->priv);
	f->final_newline = true;
	bool cardinal = pb_vote_type_cardinal(in->vote_type);

	/* META */
	const char *mcols[] = { "key", "value" };
	uint32_t nmeta = 0;
	const char *mrows[16][2];
	mrows[nmeta][0] = "description";
	mrows[nmeta++][1] = description ? description : "minka";
	mrows[nmeta][0] = "num_projects";
	mrows[nmeta++][1] = own(f, xasprintf("%" PRIu32, in->nprojects));
	mrows[nmeta][0] = "num_votes";
	mrows[nmeta++][1] = own(f, xasprintf("%" PRIu64, in->nvoters));
	mrows[nmeta][0] = "budget";
	mrows[nmeta++][1] = own(f, pb_amount_format(in->budget, in->scale));
	mrows[nmeta][0] = "vote_type";
	mrows[nmeta++][1] = pb_vote_type_name(in->vote_type);
	if (in->rule) {
		mrows[nmeta][0] = "rule";
		mrows[nmeta++][1] = in->rule;
	}
	if (in->has_threshold) {
		mrows[nmeta][0] = "min_project_score_threshold";
		mrows[nmeta++][1] = own(f, xasprintf("%" PRId64, in->threshold));
	}
	table_init(&f->meta, mcols, 2, nmeta);
	for (uint32_t r = 0; r < nmeta; r++) {
		f->meta.cells[r * 2] = mrows[r][0];
		f->meta.cells[r * 2 + 1] = mrows[r][1];
	}

	/* PROJECTS */
	bool names = false, cats = false;
	for (uint32_t p = 0; p < in->nprojects; p++) {
		names |= in->projects[p].name != NULL;
		cats |= in->projects[p].ncategories > 0;
	}
	const char *pcols[8];
	uint32_t npc = 0;
	pcols[npc++] = "project_id";
	pcols[npc++] = "cost";
	pcols[npc++] = in->vote_type == PB_VOTE_APPROVAL || in->vote_type == PB_VOTE_CHOOSE1 ? "votes" : "score";
	if (names)
		pcols[npc++] = "name";
	if (cats)
		pcols[npc++] = "category";
	if (selected)
		pcols[npc++] = "selected";
	table_init(&f->projects, pcols, npc, in->nprojects);
	for (uint32_t p = 0; p < in->nprojects; p++) {
		const struct pb_project *pr = &in->projects[p];
		const char **row = f->projects.cells + (size_t)p * npc;
		uint32_t c = 0;
		row[c++] = pr->id;
		row[c++] = own(f, pb_amount_format(pr->cost, in->scale));
		row[c++] = own(f, xasprintf("%" PRId64, pr->support));
		if (names)
			row[c++] = pr->name ? pr->name : "";
		if (cats) {
			struct buf b;
			buf_init(&b, 0);
			for (uint32_t k = 0; k < pr->ncategories; k++)
				if ((k && buf_appendc(&b, ',')) || buf_appends(&b, pr->categories[k]))
					break;
			row[c++] = own(f, b.data ? buf_detach(&b, NULL) : xstrdup(""));
		}
		if (selected)
			row[c++] = selected[p] ? "1" : "0";
	}

	/* VOTES: one row per voter */
	const char *vcols[] = { "voter_id", "vote", "points" };
	uint32_t nvc = cardinal ? 3 : 2;
	uint64_t nrows = in->nvoters;
	if (nrows > UINT32_MAX - 1)
		nrows = UINT32_MAX - 1;
	table_init(&f->votes, vcols, nvc, (uint32_t)nrows);
	uint32_t r = 0;
	for (uint32_t b = 0; b < in->nballots && r < nrows; b++) {
		const struct pb_ballot *bl = &in->ballots[b];
		struct buf vb, pb;
		buf_init(&vb, 0);
		buf_init(&pb, 0);
		for (uint32_t i = 0; i < bl->len; i++) {
			if (i) {
				(void)buf_appendc(&vb, ',');
				(void)buf_appendc(&pb, ',');
			}
			(void)buf_appends(&vb, in->projects[in->items[bl->off + i]].id);
			if (cardinal)
				(void)buf_appendf(&pb, "%" PRId64, in->points[bl->off + i]);
		}
		const char *vote = own(f, vb.data ? buf_detach(&vb, NULL) : xstrdup(""));
		const char *points = cardinal ? own(f, pb.data ? buf_detach(&pb, NULL) : xstrdup("")) : NULL;
		buf_release(&vb);
		buf_release(&pb);
		for (uint64_t w = 0; w < bl->weight && r < nrows; w++, r++) {
			const char **row = f->votes.cells + (size_t)r * nvc;
			row[0] = own(f, xasprintf("%" PRIu32, r + 1));
			row[1] = vote;
			if (cardinal)
				row[2] = points;
		}
	}
	return f;
}
