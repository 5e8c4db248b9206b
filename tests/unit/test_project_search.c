/* test_project_search.c — the project bank's search gives the same rows on
 * SQLite and PostgreSQL. The suite runs this file on both (make check); each
 * run imports the province of Chachapoyas' real Invierte.pe extract (2,581 rows,
 * data/peru-inversion-publica: loaded in bulk, the index built at the end) and
 * a few more projects one by one, then checks every search against a reference
 * computed here from the stored texts by the store's rule (words of letters,
 * marks and digits, case and accents ignored, every word must occur, the last
 * one as a prefix) and against counts written below: both backends must meet
 * the same numbers, row for row. */
#include "core/compat.h"
#include "test.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "domain/project.h"
#include "store/search.h"

static const struct actor who = { .account_id = 0, .name = "test" };

struct doc {
	char code[PROJECT_CODE_MAX];
	char *words;     /* " w1 w2 ... " folded */
};

struct corpus {
	struct doc *docs;
	size_t n;
};

static void add_folded(const char *w, size_t len, void *arg)
{
	struct buf *b = arg;
	char *f = db_search_fold(w, len);
	buf_appendf(b, "%s ", f ? f : "");
	free(f);
}

static void load_corpus(struct db_conn *c, struct corpus *cp)
{
	struct err e;
	err_init(&e, NULL);
	struct db_stmt *st = db_prepare(c, "SELECT p.code, t.heading, t.description FROM project p"
					   " JOIN project_text t ON t.project_id = p.id ORDER BY p.code", &e);
	REQUIRE(st);
	size_t cap = 4096;
	cp->docs = xcalloc(cap, sizeof *cp->docs);
	cp->n = 0;
	while (db_step(st, &e) == DB_ROW) {
		if (cp->n == cap)
			cp->docs = xrealloc(cp->docs, (cap *= 2) * sizeof *cp->docs);
		struct doc *d = &cp->docs[cp->n++];
		snprintf(d->code, sizeof d->code, "%s", db_col_text(st, 0));
		struct buf b;
		buf_init(&b, 0);
		buf_appendc(&b, ' ');
		db_search_words(db_col_text(st, 1), add_folded, &b);
		db_search_words(db_col_text(st, 2) ? db_col_text(st, 2) : "", add_folded, &b);
		size_t len;
		d->words = buf_detach(&b, &len);
	}
	db_finish(st);
}

static void free_corpus(struct corpus *cp)
{
	for (size_t i = 0; i < cp->n; i++)
		free(cp->docs[i].words);
	free(cp->docs);
}

struct qwords {
	char *w[DB_SEARCH_MAX_WORDS + 1];
	int n;
};

static void collect(const char *w, size_t len, void *arg)
{
	struct qwords *q = arg;
	if (q->n <= DB_SEARCH_MAX_WORDS) {
		char *f = db_search_fold(w, len);
		q->w[q->n++] = f ? f : xstrdup("");
	}
}

/* The codes the rule finds, sorted as the corpus (by code), one per line. */
static char *reference(const struct corpus *cp, const char *text, int64_t *n)
{
	struct qwords q = { .n = 0 };
	db_search_words(text, collect, &q);
	struct buf out;
	buf_init(&out, 0);
	*n = 0;
	for (size_t i = 0; i < cp->n && q.n; i++) {
		bool all = true;
		for (int k = 0; k < q.n && all; k++) {
			char pat[200];
			snprintf(pat, sizeof pat, k == q.n - 1 ? " %s" : " %s ", q.w[k]);
			all = strstr(cp->docs[i].words, pat) != NULL;
		}
		if (all) {
			buf_appendf(&out, "%s\n", cp->docs[i].code);
			(*n)++;
		}
	}
	for (int k = 0; k < q.n; k++)
		free(q.w[k]);
	size_t len;
	char *s = buf_detach(&out, &len);
	return s ? s : xstrdup("");
}

/* The codes project_list finds (every match, by code), one per line. */
static char *found(struct db_conn *c, const char *text, int64_t *total)
{
	struct err e;
	err_init(&e, NULL);
	struct project_query q;
	project_query_init(&q);
	q.q = text;
	q.sort = PSORT_CODE;
	q.limit = 5000;
	json_t *items = NULL;
	*total = -1;
	if (project_list(c, &q, false, &items, total, &e)) {
		test_fail(__FILE__, __LINE__, "search \"%s\": %s", text, e.msg);
		return xstrdup("");
	}
	struct buf out;
	buf_init(&out, 0);
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		buf_appendf(&out, "%s\n", json_get_str(it, "code", ""));
	json_decref(items);
	size_t len;
	char *s = buf_detach(&out, &len);
	return s ? s : xstrdup("");
}

/* The search of text finds exactly the reference's rows; returns how many. */
static int64_t same_rows(struct db_conn *c, const struct corpus *cp, const char *text)
{
	int64_t want_n, got_n;
	char *want = reference(cp, text, &want_n), *got = found(c, text, &got_n);
	if (want_n != got_n || strcmp(want, got) != 0)
		test_fail(__FILE__, __LINE__, "\"%s\": %lld rows, the rule finds %lld", text, (long long)got_n,
			  (long long)want_n);
	free(want);
	free(got);
	return got_n;
}

static void add_initiative(struct db_conn *c, const char *title, const char *description, int64_t *id)
{
	struct err e;
	err_init(&e, NULL);
	struct project_input in = { .title = title, .description = description, .territory = "010108",
				    .government = "0101", .proposer = "Asociación de Artesanas Alfareras de Huancas",
				    .sector = "tourism", .estimated_cost = 15000000, .updated_cost = -1,
				    .beneficiaries = -1, .beneficiaries_women = -1, .beneficiaries_men = -1,
				    .responsible_office = "Subgerencia de Turismo" };
	REQUIRE(project_submit(c, &who, 9000, &in, id, &e) == 0);
}

TEST(project_search_gives_the_same_rows_on_both_backends)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c);
	char path[600];
	snprintf(path, sizeof path, "%s/peru-inversion-publica/invierte_pe_chachapoyas.csv", test_data_dir());
	struct project_import_stats st;
	REQUIRE(project_import_csv(c, &who, 9000, path, NULL, &st, NULL, &e) == 0);
	CHECK_INT(st.rows, 2581);
	/* two more, one by one (the index's triggers), one of them edited afterwards */
	int64_t a, b;
	add_initiative(c, "Taller comunal de alfarería de Huancas", "Hornos y tornos para las ceramistas del barrio.", &a);
	add_initiative(c, "Mirador del cañón del Sonche", "Un mirador con barandas de madera en Tullpawasi.", &b);
	struct project_input in = { .title = "Mirador turístico del cañón del Sonche en Huancas",
				    .description = "Mirador, sendero y servicios higiénicos para los visitantes.",
				    .territory = "010108", .proposer = "Municipalidad Distrital de Huancas",
				    .sector = "tourism", .estimated_cost = 25000000, .updated_cost = -1,
				    .beneficiaries = -1, .beneficiaries_women = -1, .beneficiaries_men = -1,
				    .responsible_office = "Subgerencia de Turismo", .government = "0101" };
	REQUIRE(project_update(c, &who, 9100, b, &in, &e) == 0);
	struct corpus cp;
	load_corpus(c, &cp);
	CHECK_INT(cp.n, 2214);

	/* fixed counts: the same numbers are expected of both backends */
	static const struct { const char *q; int64_t n; } fixed[] = {
		{ "agua potable", 195 },        { "saneamiento basico", 7 },    { "SANEAMIENTO BÁSICO", 7 },
		{ "camino vecinal", 203 },      { "pistas y veredas", 51 },      { "riego", 76 },
		{ "kuelap", 7 },               { "Kuélap", 7 },                { "huancas", 66 },
		{ "turismo", 14 },              { "alfareria", 1 },              { "Sonche", 66 },
		{ "2546400", 1 },               { "CUI-2546400", 1 },            { "agua pot", 197 },
		{ "educacion inicial", 15 },   { "leymebamba", 25 },            { "mirador", 24 },
		{ "residuos solidos", 30 },     { "puente", 156 },               { "zzzqqq", 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++) {
		int64_t n = same_rows(c, &cp, fixed[i].q);
		if (n != fixed[i].n)
			test_fail(__FILE__, __LINE__, "\"%s\": %lld rows, expected %lld", fixed[i].q, (long long)n,
				  (long long)fixed[i].n);
	}
	/* the edit reached the index: the old title's words are gone */
	CHECK_INT(same_rows(c, &cp, "tullpawasi"), 0);
	CHECK_INT(same_rows(c, &cp, "sendero visitantes"), 1);
	/* and 60 queries cut from the titles themselves, one to three words */
	for (int k = 0; k < 60; k++) {
		const struct doc *d = &cp.docs[((size_t)k * 7919 + 13) % cp.n];
		struct qwords q = { .n = 0 };
		db_search_words(d->words, collect, &q);
		/* skip the heading's code and CUI: start among the title's words */
		int from = q.n > 3 ? 3 + k % (q.n - 3) : 0, len = 1 + k % 3;
		char text[300] = "";
		for (int i = from; i < q.n && i < from + len; i++)
			snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s", i > from ? " " : "", q.w[i]);
		if (*text)
			CHECK(same_rows(c, &cp, text) >= 1);
		for (int i = 0; i < q.n; i++)
			free(q.w[i]);
	}
	/* what people type that is not a search is refused, not passed through */
	struct project_query pq;
	project_query_init(&pq);
	json_t *items = NULL;
	int64_t total;
	pq.q = "a b c d e f g h i j k l m n o p q";
	CHECK_INT(project_list(c, &pq, false, &items, &total, &e), ERR_INVALID);
	pq.q = "\"agua\" OR NEAR(x)*";
	CHECK_INT(project_list(c, &pq, false, &items, &total, &e), 0);
	json_decref(items);
	free_corpus(&cp);
	db_release(c);
	db_close(db);
}
