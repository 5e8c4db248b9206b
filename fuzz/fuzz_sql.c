/* fuzz_sql.c — libFuzzer target for the store's text rewriting, which runs on
 * SQL and on what people type: the ? -> $n placeholder rewriting of the
 * PostgreSQL backend (quotes, dollar quotes, nested comments), the search's word
 * cutting and folding and its query argument, the @SEARCH and @DROP TRIGGER schema expansion, and
 * URL password masking. The first byte picks the function. */
#include "core/compat.h"
#include "store/db_int.h"
#include "store/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void word(const char *w, size_t len, void *arg)
{
	(void)arg;
	char *f = db_search_fold(w, len);
	if (!f || !len)
		abort(); /* the words of valid UTF-8 are valid and never empty */
	free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	struct err e;
	err_init(&e, NULL);
	switch (data[0] % 4) {
	case 0: {
		int n;
		char *out = db_pg_placeholders(s, &n);
		size_t q = 0;
		for (const char *p = s; *p; p++)
			q += *p == '?';
		if ((size_t)n > q)
			abort(); /* only question marks become parameters */
		free(out);
		break;
	}
	case 1:
		db_search_words(s, word, NULL);
		break;
	case 2: {
		char *a = search_expand(DB_SQLITE, s, &e);
		char *b = search_expand(DB_PG, s, &e);
		if (!a != !b)
			abort(); /* a declaration is valid for both or for neither */
		free(a);
		free(b);
		break;
	}
	case 3: {
		char out[256];
		db_redact_url(s, out, sizeof out);
		break;
	}
	}
	free(s);
	return 0;
}
