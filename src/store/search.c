/* search.c — full-text search on both backends (see search.h): the schema each
 * backend gets for @SEARCH table (columns)@, and the query fragments.
 *
 * Why the two give the same results. SQLite's FTS5 unicode61 tokenizer cuts at
 * every character that is not a letter or digit, lowers case and, with
 * remove_diacritics 2, strips the diacritics of Latin letters ("BÁSICO" is
 * "basico"), but keeps letters that have no decomposition (æ, ø, ł, ß). On
 * PostgreSQL the document first goes through one translate(): ASCII punctuation
 * becomes a space (the default parser would otherwise keep "83.372", "a@b.pe" or
 * "pe-5nc" as tokens of their own, and "83" would be found on SQLite only), and
 * each Latin letter with diacritics becomes its base letter, by the table below,
 * which agrees with FTS5 letter by letter. Then the parser cuts words (non-ASCII
 * punctuation, “ ” – ¿ °, is a separator under a UTF-8 locale) and the simple
 * dictionary lowers case: no stemming and no stop words, as FTS5.
 *
 * The unaccent extension was the first choice and was dropped: it also folds
 * 116 letters that FTS5 keeps (æ to "ae", ø to "o", ł to "l"), and on the real
 * corpus (a mis-encoded "CA?ÆAVERAL") PostgreSQL found rows that SQLite did not.
 * A Spanish stemmer would do the same ("basicos" would find "básico" on one
 * side only). tests/unit/test_search.c checks every Latin letter on each backend
 * against db_search_fold, and 150 queries over 20,188 real project names and
 * descriptions against one reference matcher. */
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

/* ---- folding: Latin letters with diacritics to their base letter ---- */

/* Letters that decompose to an ASCII letter and marks but that FTS5 keeps as they
 * are (its diacritics table stops short of them), and two it folds that do not
 * decompose so. Found by tokenizing every letter of U+00C0-U+024F and
 * U+1E00-U+1EFF with FTS5; tests/unit/test_search.c checks it on every run. */
static const int32_t fts5_keeps[] = { 0x149, 0x1E0, 0x1E1, 0x1E2, 0x1E3, 0x1EE, 0x1EF, 0x1FC, 0x1FD, 0x1FE, 0x1FF, 0x1E9A };
static const int32_t fts5_to_s[] = { 0x17F, 0x1E9B }; /* long s */

/* The base letter of cp, or 0 if cp is not folded. */
static char fold_base(int32_t cp)
{
	if (!((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF)))
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(fts5_to_s); i++)
		if (cp == fts5_to_s[i])
			return 's';
	for (size_t i = 0; i < ARRAY_LEN(fts5_keeps); i++)
		if (cp == fts5_keeps[i])
			return 0;
	utf8proc_int32_t d[8];
	int lb = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &lb);
	if (n < 2 || n > 8 || d[0] >= 0x80 || !isalpha((int)d[0]))
		return 0;
	for (utf8proc_ssize_t i = 1; i < n; i++)
		if (utf8proc_category(d[i]) != UTF8PROC_CATEGORY_MN)
			return 0;
	return (char)d[0];
}

static void add_fold(struct buf *from, struct buf *to, int32_t cp)
{
	char base = fold_base(cp);
	if (!base)
		return;
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t len = utf8proc_encode_char(cp, enc);
	buf_append(from, enc, (size_t)len);
	buf_appendc(to, base);
}

/* translate()'s two lists for PostgreSQL. translate() looks each character up in
 * `from` one by one, so the order is what makes it fast (26 s against 2 s for the
 * 10 MB test corpus): first the common ASCII characters, mapped to themselves,
 * then the ASCII punctuation, to spaces, then the Spanish accented letters, then
 * every other Latin letter with diacritics, to its base letter. */
static void fold_lists(struct buf *from, struct buf *to)
{
	static const char ascii[] = " EAOSRNIDLCTUMPBGVYQHFZJXKWeaosrnidlctumpbgvyqhfzjxkw0123456789";
	static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	static const int32_t spanish[] = { 0xE1, 0xE9, 0xED, 0xF3, 0xFA, 0xF1, 0xC1, 0xC9, 0xCD, 0xD3, 0xDA, 0xD1, 0xFC, 0xDC };
	static const int32_t ranges[][2] = { { 0xC0, 0x24F }, { 0x1E00, 0x1EFF } };
	buf_appends(from, ascii);
	buf_appends(to, ascii);
	for (const char *p = punct; *p; p++) {
		if (*p == '\'')
			buf_appends(from, "''"); /* inside an SQL string literal */
		else
			buf_appendc(from, *p);
		buf_appendc(to, ' ');
	}
	for (size_t k = 0; k < ARRAY_LEN(spanish); k++)
		add_fold(from, to, spanish[k]);
	for (size_t r = 0; r < ARRAY_LEN(ranges); r++)
		for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			bool done = false;
			for (size_t k = 0; k < ARRAY_LEN(spanish); k++)
				done |= spanish[k] == cp;
			if (!done)
				add_fold(from, to, cp);
		}
}

char *db_search_fold(const char *word, size_t len)
{
	struct buf b;
	buf_init(&b, 0);
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)word;
	utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)len;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, n - i, &cp);
		if (k <= 0) {
			buf_release(&b);
			return NULL;
		}
		char base = fold_base(cp);
		if (base) {
			buf_appendc(&b, (char)tolower((unsigned char)base));
		} else {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
			buf_append(&b, enc, (size_t)el);
		}
		i += k;
	}
	size_t out_len;
	char *out = buf_detach(&b, &out_len);
	return out ? out : xstrdup("");
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
	else {
		/* PostgreSQL's documents were folded by translate(): fold the word alike */
		char *f = db_search_fold(w, len);
		buf_appendf(a->b, "%s'%s'%s", a->b->len ? " & " : "", f ? f : "", last ? ":*" : "");
		free(f);
	}
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
			 " JOIN to_tsquery('pg_catalog.simple', ?) AS %s_search(q) ON %s.search_vector @@ %s_search.q", alias,
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
		       " (to_tsvector('pg_catalog.simple'::regconfig, translate(", t);
	for (int i = 0; i < d->ncols; i++)
		buf_appendf(b, "%sCOALESCE(CAST(%s AS TEXT), '')", i ? " || ' ' || " : "", d->cols[i]);
	/* ASCII punctuation to spaces, Latin letters to their base letter */
	struct buf from, to;
	buf_init(&from, 0);
	buf_init(&to, 0);
	fold_lists(&from, &to);
	buf_appendf(b, ", '%s', '%s'))) STORED;\n", buf_cstr(&from), buf_cstr(&to));
	buf_release(&from);
	buf_release(&to);
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
