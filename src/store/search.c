/* search.c — full-text search on both backends (see search.h): the schema each
 * backend gets for @SEARCH table (columns)@, and the query fragments.
 *
 * Why the two give the same results: SQLite's unicode61 tokenizer cuts at every
 * character that is not a letter or digit, then folds case and removes
 * diacritics. On PostgreSQL the document goes through translate() first, which
 * turns ASCII punctuation into spaces: without it the default parser keeps
 * "83.372", "a@b.pe" or "pe-5nc" as tokens of their own, and a search for "83"
 * would find them on SQLite only. Non-ASCII punctuation (“ ” – ¿ °) is already a
 * separator for the parser under a UTF-8 locale. Each token then goes through
 * unaccent and the simple dictionary (lower case, no stemming: a Spanish stemmer
 * would let "basicos" find "básico" on PostgreSQL only). The query words are cut
 * here, quoted, and normalized by each database with the same rules as its
 * documents. tests/unit/test_search.c checks both against one reference on 20,188
 * real project names and descriptions. */
#include "core/compat.h"
#include "store/search.h"
#include "store/db_int.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <utf8proc.h>

static bool word_char(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

int db_search_words(const char *text, void (*fn)(const char *word, size_t len, void *arg), void *arg)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(text), i = 0, start = -1;
	int words = 0;
	while (i <= n) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t len = 0;
		if (i < n) {
			len = utf8proc_iterate(s + i, n - i, &cp);
			if (len <= 0)
				return -1;
		}
		bool in = i < n && word_char(cp);
		if (in && start < 0)
			start = i;
		if (!in && start >= 0) {
			if (fn)
				fn(text + start, (size_t)(i - start), arg);
			words++;
			start = -1;
		}
		i += len ? len : 1;
	}
	return words;
}

static bool identifier(const char *s)
{
	if (!s || !(islower((unsigned char)s[0]) || s[0] == '_') || strlen(s) > 48)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

struct arg_builder {
	struct buf *b;
	enum db_kind kind;
	int left;   /* words still to come */
};

/* SQLite: "w1" "w2"*   (FTS5 strings, implicit AND, a prefix query last)
 * PostgreSQL: 'w1' & 'w2':*   (to_tsquery). Words hold no quotes: those cut words. */
static void add_word(const char *w, size_t len, void *p)
{
	struct arg_builder *a = p;
	bool last = --a->left == 0;
	if (a->kind == DB_SQLITE)
		buf_appendf(a->b, "%s\"%.*s\"%s", a->b->len ? " " : "", (int)len, w, last ? "*" : "");
	else
		buf_appendf(a->b, "%s'%.*s'%s", a->b->len ? " & " : "", (int)len, w, last ? ":*" : "");
}

int db_search_init(struct db *db, const char *table, const char *alias, const char *text, struct db_search *s,
		   struct err *e)
{
	memset(s, 0, sizeof *s);
	if (!identifier(table) || !identifier(alias))
		return err_set(e, ERR_INTERNAL, "search: bad table or alias name");
	if (!text)
		text = "";
	if (strlen(text) > DB_SEARCH_MAX_TEXT)
		return err_set(e, ERR_INVALID, "The search text is too long (at most %d characters)", DB_SEARCH_MAX_TEXT);
	int words = db_search_words(text, NULL, NULL);
	if (words < 0)
		return err_set(e, ERR_INVALID, "The search text is not valid UTF-8");
	if (words > DB_SEARCH_MAX_WORDS)
		return err_set(e, ERR_INVALID, "The search has too many words (at most %d)", DB_SEARCH_MAX_WORDS);
	enum db_kind kind = db_kind(db);
	if (kind == DB_SQLITE) {
		snprintf(s->join, sizeof s->join, " JOIN %s_search(?) AS %s_search ON %s_search.rowid = %s.id", table,
			 alias, alias, alias);
		snprintf(s->rank, sizeof s->rank, "%s_search.rank", alias);
	} else {
		snprintf(s->join, sizeof s->join,
			 " JOIN to_tsquery('minka_search', ?) AS %s_search(q) ON %s.search_vector @@ %s_search.q", alias,
			 alias, alias);
		snprintf(s->rank, sizeof s->rank, "ts_rank(%s.search_vector, %s_search.q) DESC", alias, alias);
	}
	s->nwords = words;
	if (!words)
		return 0;
	struct buf b;
	buf_init(&b, 0);
	struct arg_builder a = { &b, kind, words };
	db_search_words(text, add_word, &a);
	size_t len;
	s->arg = buf_detach(&b, &len);
	return 0;
}

void db_search_release(struct db_search *s)
{
	free(s->arg);
	s->arg = NULL;
}

/* ---- schema: @SEARCH table (col, ...)@ ---- */

#define SEARCH_MAX_COLS 8

struct search_decl {
	char table[64];
	char cols[SEARCH_MAX_COLS][64];
	int ncols;
};

/* Parses "table (a, b)" up to the closing "@"; returns the byte after it or NULL. */
static const char *parse_decl(const char *p, struct search_decl *d)
{
	size_t n;
	while (*p == ' ')
		p++;
	n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (!n || n >= sizeof d->table)
		return NULL;
	snprintf(d->table, sizeof d->table, "%.*s", (int)n, p);
	p += n;
	while (*p == ' ')
		p++;
	if (*p++ != '(')
		return NULL;
	d->ncols = 0;
	for (;;) {
		while (*p == ' ')
			p++;
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (!n || n >= sizeof d->cols[0] || d->ncols == SEARCH_MAX_COLS)
			return NULL;
		snprintf(d->cols[d->ncols++], sizeof d->cols[0], "%.*s", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p++ != ')')
			return NULL;
		break;
	}
	while (*p == ' ')
		p++;
	return *p == '@' && identifier(d->table) ? p + 1 : NULL;
}

/* "prefix.a, prefix.b" (prefix may be empty) */
static void col_list(struct buf *b, const struct search_decl *d, const char *prefix)
{
	for (int i = 0; i < d->ncols; i++)
		buf_appendf(b, "%s%s%s", i ? ", " : "", prefix, d->cols[i]);
}

static void expand_sqlite(struct buf *b, const struct search_decl *d)
{
	const char *t = d->table;
	buf_appendf(b, "CREATE VIRTUAL TABLE %s_search USING fts5(", t);
	col_list(b, d, "");
	buf_appendf(b, ", content='%s', content_rowid='id', tokenize='unicode61 remove_diacritics 2');\n", t);
	/* external content: the triggers keep the index in step with the table */
	buf_appendf(b, "CREATE TRIGGER %s_search_insert AFTER INSERT ON %s BEGIN\n  INSERT INTO %s_search (rowid, ", t, t, t);
	col_list(b, d, "");
	buf_appends(b, ") VALUES (new.id, ");
	col_list(b, d, "new.");
	buf_appends(b, ");\nEND;\n");
	buf_appendf(b, "CREATE TRIGGER %s_search_delete AFTER DELETE ON %s BEGIN\n"
		       "  INSERT INTO %s_search (%s_search, rowid, ", t, t, t, t);
	col_list(b, d, "");
	buf_appends(b, ") VALUES ('delete', old.id, ");
	col_list(b, d, "old.");
	buf_appends(b, ");\nEND;\n");
	buf_appendf(b, "CREATE TRIGGER %s_search_update AFTER UPDATE OF id, ", t);
	col_list(b, d, "");
	buf_appendf(b, " ON %s BEGIN\n  INSERT INTO %s_search (%s_search, rowid, ", t, t, t);
	col_list(b, d, "");
	buf_appends(b, ") VALUES ('delete', old.id, ");
	col_list(b, d, "old.");
	buf_appendf(b, ");\n  INSERT INTO %s_search (rowid, ", t);
	col_list(b, d, "");
	buf_appends(b, ") VALUES (new.id, ");
	col_list(b, d, "new.");
	buf_appends(b, ");\nEND;\n");
	buf_appendf(b, "INSERT INTO %s_search (%s_search) VALUES ('rebuild')", t, t);
}

static void expand_pg(struct buf *b, const struct search_decl *d)
{
	const char *t = d->table;
	buf_appendf(b, "ALTER TABLE %s ADD COLUMN search_vector tsvector GENERATED ALWAYS AS"
		       " (to_tsvector('minka_search'::regconfig, translate(", t);
	for (int i = 0; i < d->ncols; i++)
		buf_appendf(b, "%sCOALESCE(CAST(%s AS TEXT), '')", i ? " || ' ' || " : "", d->cols[i]);
	/* the 32 ASCII punctuation characters, each to a space */
	buf_appends(b, ", '!\"#$%&''()*+,-./:;<=>?@[\\]^_`{|}~', '                                '))) STORED;\n");
	buf_appendf(b, "CREATE INDEX %s_search ON %s USING GIN (search_vector)", t, t);
}

char *search_expand(enum db_kind kind, const char *sql, struct err *e)
{
	static const char tag[] = "@SEARCH ";
	struct buf b;
	buf_init(&b, 0);
	const char *p = sql, *q;
	while ((q = strstr(p, tag))) {
		buf_append(&b, p, (size_t)(q - p));
		struct search_decl d;
		const char *end = parse_decl(q + strlen(tag), &d);
		if (!end) {
			buf_release(&b);
			err_set(e, ERR_INTERNAL, "bad @SEARCH declaration near \"%.40s\"", q);
			return NULL;
		}
		if (kind == DB_SQLITE)
			expand_sqlite(&b, &d);
		else
			expand_pg(&b, &d);
		p = end;
	}
	buf_appends(&b, p);
	size_t len;
	char *out = buf_detach(&b, &len);
	return out ? out : xstrdup("");
}
