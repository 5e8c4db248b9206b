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
	return db_search_init_key(db, table, "id", alias, text, s, e);
}

int db_search_init_key(struct db *db, const char *table, const char *key, const char *alias, const char *text,
		       struct db_search *s, struct err *e)
{
	memset(s, 0, sizeof *s);
	if (!identifier(table) || !identifier(alias) || !identifier(key))
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
		snprintf(s->join, sizeof s->join, " JOIN %s_search(?) AS %s_search ON %s_search.rowid = %s.%s", table,
			 alias, alias, alias, key);
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
	char key[64];        /* the integer column the index's rowids are: "id" unless KEY says */
	char cols[SEARCH_MAX_COLS][64];
	int ncols;
};

/* An identifier at p into out (of size n); returns its length, 0 if none fits. */
static size_t take_name(const char *p, char *out, size_t n)
{
	size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (!len || len >= n)
		return 0;
	snprintf(out, n, "%.*s", (int)len, p);
	return len;
}

/* Parses "table (a, b) [KEY k]" up to the closing "@"; returns the byte after it or NULL. */
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
	snprintf(d->key, sizeof d->key, "id");
	if (str_starts(p, "KEY ")) {
		p += 4;
		while (*p == ' ')
			p++;
		size_t kl = take_name(p, d->key, sizeof d->key);
		if (!kl)
			return NULL;
		p += kl;
		while (*p == ' ')
			p++;
	}
	return *p == '@' && identifier(d->table) && identifier(d->key) ? p + 1 : NULL;
}

/* Parses "name ON table" of @DROP TRIGGER ...@; returns the byte after the "@" or NULL. */
static const char *parse_drop_trigger(const char *p, char *name, char *table, size_t n)
{
	while (*p == ' ')
		p++;
	size_t len = take_name(p, name, n);
	if (!len)
		return NULL;
	p += len;
	while (*p == ' ')
		p++;
	if (!str_starts(p, "ON "))
		return NULL;
	p += 3;
	while (*p == ' ')
		p++;
	if (!(len = take_name(p, table, n)))
		return NULL;
	p += len;
	while (*p == ' ')
		p++;
	return *p == '@' && identifier(name) && identifier(table) ? p + 1 : NULL;
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
	const char *k = d->key;
	buf_appendf(b, ", content='%s', content_rowid='%s', tokenize='unicode61 remove_diacritics 2');\n", t, k);
	/* external content: the triggers keep the index in step with the table */
	buf_appendf(b, "CREATE TRIGGER %s_search_insert AFTER INSERT ON %s BEGIN\n  INSERT INTO %s_search (rowid, ", t, t, t);
	col_list(b, d, "");
	buf_appendf(b, ") VALUES (new.%s, ", k);
	col_list(b, d, "new.");
	buf_appends(b, ");\nEND;\n");
	buf_appendf(b, "CREATE TRIGGER %s_search_delete AFTER DELETE ON %s BEGIN\n"
		       "  INSERT INTO %s_search (%s_search, rowid, ", t, t, t, t);
	col_list(b, d, "");
	buf_appendf(b, ") VALUES ('delete', old.%s, ", k);
	col_list(b, d, "old.");
	buf_appends(b, ");\nEND;\n");
	buf_appendf(b, "CREATE TRIGGER %s_search_update AFTER UPDATE OF %s, ", t, k);
	col_list(b, d, "");
	buf_appendf(b, " ON %s BEGIN\n  INSERT INTO %s_search (%s_search, rowid, ", t, t, t);
	col_list(b, d, "");
	buf_appendf(b, ") VALUES ('delete', old.%s, ", k);
	col_list(b, d, "old.");
	buf_appendf(b, ");\n  INSERT INTO %s_search (rowid, ", t);
	col_list(b, d, "");
	buf_appendf(b, ") VALUES (new.%s, ", k);
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

/* The next directive in p: "@SEARCH " or "@DROP TRIGGER ", whichever comes first. */
static const char *next_directive(const char *p, bool *drop)
{
	const char *a = strstr(p, "@SEARCH "), *b = strstr(p, "@DROP TRIGGER ");
	*drop = b && (!a || b < a);
	return *drop ? b : a;
}

char *search_expand(enum db_kind kind, const char *sql, struct err *e)
{
	struct buf b;
	buf_init(&b, 0);
	const char *p = sql, *q;
	bool drop;
	while ((q = next_directive(p, &drop))) {
		buf_append(&b, p, (size_t)(q - p));
		const char *end;
		if (drop) {
			char name[64], table[64];
			end = parse_drop_trigger(q + strlen("@DROP TRIGGER "), name, table, sizeof name);
			if (end && kind == DB_SQLITE)
				buf_appendf(&b, "DROP TRIGGER IF EXISTS %s", name);
			else if (end)
				buf_appendf(&b, "DROP TRIGGER IF EXISTS %s ON %s", name, table);
		} else {
			struct search_decl d;
			end = parse_decl(q + strlen("@SEARCH "), &d);
			if (end && kind == DB_SQLITE)
				expand_sqlite(&b, &d);
			else if (end)
				expand_pg(&b, &d);
		}
		if (!end) {
			buf_release(&b);
			err_set(e, ERR_INTERNAL, "bad %s directive near \"%.40s\"", drop ? "@DROP TRIGGER" : "@SEARCH", q);
			return NULL;
		}
		p = end;
	}
	buf_appends(&b, p);
	size_t len;
	char *out = buf_detach(&b, &len);
	return out ? out : xstrdup("");
}

/* ---- bulk loading (see search.h) ---- */

void search_bulk_forget(struct db_conn *c)
{
	free(c->bulk_triggers);
	c->bulk_triggers = NULL;
	c->bulk_table[0] = '\0';
}

/* The CREATE TRIGGER statements of table's index (SQLite), joined by ";\n";
 * NULL with e set unless all three are there. */
static char *index_triggers(struct db_conn *c, const char *table, struct err *e)
{
	char names[3][80];
	snprintf(names[0], sizeof names[0], "%s_search_delete", table);
	snprintf(names[1], sizeof names[1], "%s_search_insert", table);
	snprintf(names[2], sizeof names[2], "%s_search_update", table);
	struct db_stmt *st = db_prepare(c, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
					   " AND name IN (?, ?, ?) ORDER BY name", e);
	if (!st)
		return NULL;
	db_bind_text(st, 1, table);
	for (int i = 0; i < 3; i++)
		db_bind_text(st, 2 + i, names[i]);
	struct buf b;
	buf_init(&b, 0);
	int n = 0, rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		buf_appendf(&b, "%s%s", n ? ";\n" : "", db_col_text(st, 0));
		n++;
	}
	db_finish(st);
	if (rc >= 0 && n != 3)
		err_set(e, ERR_INTERNAL, "search: %s has no full-text index to load in bulk", table);
	if (rc < 0 || n != 3) {
		buf_release(&b);
		return NULL;
	}
	size_t len;
	return buf_detach(&b, &len);
}

int db_search_bulk_begin(struct db_conn *c, const char *table, struct err *e)
{
	if (!identifier(table) || strlen(table) >= sizeof c->bulk_table)
		return err_set(e, ERR_INTERNAL, "search: bad table name");
	if (!c->in_tx || c->tx_read)
		return err_set(e, ERR_INTERNAL, "search: a bulk load of %s needs a write transaction", table);
	if (c->bulk_table[0])
		return err_set(e, ERR_INTERNAL, "search: a bulk load of %s is already open", c->bulk_table);
	if (db_kind(c->db) == DB_PG) {
		struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema ="
						   " current_schema() AND table_name = ? AND column_name = 'search_vector'", e);
		if (!st)
			return e->code;
		db_bind_text(st, 1, table);
		int rc = db_step(st, e);
		int64_t n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
		db_finish(st);
		if (rc < 0)
			return rc;
		if (n != 1)
			return err_set(e, ERR_INTERNAL, "search: %s has no full-text index to load in bulk", table);
		snprintf(c->bulk_table, sizeof c->bulk_table, "%s", table);
		return 0;
	}
	char *triggers = index_triggers(c, table, e);
	if (!triggers)
		return e->code;
	char sql[400];
	snprintf(sql, sizeof sql, "DROP TRIGGER %s_search_insert; DROP TRIGGER %s_search_update;"
		 " DROP TRIGGER %s_search_delete", table, table, table);
	int rc = db_exec_script(c, sql, e);
	if (rc) {
		free(triggers);
		return rc;
	}
	snprintf(c->bulk_table, sizeof c->bulk_table, "%s", table);
	c->bulk_triggers = triggers;
	return 0;
}

int db_search_bulk_end(struct db_conn *c, const char *table, struct err *e)
{
	if (!c->bulk_table[0] || !table || !str_eq(c->bulk_table, table))
		return err_set(e, ERR_INTERNAL, "search: no bulk load of %s is open", table ? table : "(null)");
	if (!c->in_tx)
		return err_set(e, ERR_INTERNAL, "search: the transaction of the bulk load of %s has ended", table);
	int rc = 0;
	if (c->bulk_triggers) {
		rc = db_exec_script(c, c->bulk_triggers, e);
		if (!rc) {
			char sql[200];
			snprintf(sql, sizeof sql, "INSERT INTO %s_search (%s_search) VALUES ('rebuild')", table, table);
			rc = db_exec_script(c, sql, e);
		}
	}
	if (!rc)
		search_bulk_forget(c);
	return rc;
}
