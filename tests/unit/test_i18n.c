/* test_i18n.c — catalogs: parsing, lookup, negotiation, and the completeness of
 * the shipped catalogs (every translation keeps the printf conversions). */
#include "core/compat.h"
#include "test.h"
#include "core/i18n.h"

static void init(void)
{
	struct err e;
	err_init(&e, NULL);
	if (!i18n_count())
		REQUIRE(i18n_init(&e) == 0);
}

TEST(lookup_and_fallback)
{
	init();
	const struct i18n_lang *es = i18n_find("es"), *en = i18n_find("en");
	REQUIRE(es && en);
	CHECK_STR(i18n_get(es, "Population 2025"), "Población 2025");
	CHECK_STR(i18n_get(en, "Population 2025"), "Population 2025");
	CHECK_STR(i18n_get(es, "no such message"), "no such message");
	CHECK(i18n_default() == es);
	CHECK(i18n_find("fr") == NULL);
	CHECK(i18n_find("EN") == en);
}

TEST(negotiation)
{
	init();
	const struct i18n_lang *es = i18n_find("es"), *en = i18n_find("en");
	CHECK(i18n_negotiate(NULL) == es);
	CHECK(i18n_negotiate("en-US,en;q=0.9") == en);
	CHECK(i18n_negotiate("fr-FR, en;q=0.5, es;q=0.8") == es);
	CHECK(i18n_negotiate("de") == es);
	CHECK(i18n_negotiate("en;q=0") == es);
	CHECK(i18n_negotiate(";;;,,, ;q=") == es);
	CHECK(i18n_negotiate("es-PE") == es);
}

TEST(po_parsing)
{
	const char *po = "# comment\nmsgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n\n"
			 "msgid \"Hello\"\nmsgstr \"Hola\"\n\nmsgid \"Two \"\n\"lines\"\nmsgstr \"Dos \"\n\"líneas\"\n"
			 "msgid \"Say \\\"yes\\\"\"\nmsgstr \"Diga \\\"sí\\\"\"\n";
	struct err e;
	err_init(&e, NULL);
	REQUIRE(i18n_load("xx", po, strlen(po), &e) == 0);
	const struct i18n_lang *xx = i18n_find("xx");
	REQUIRE(xx);
	CHECK_STR(i18n_get(xx, "Hello"), "Hola");
	CHECK_STR(i18n_get(xx, "Two lines"), "Dos líneas");
	CHECK_STR(i18n_get(xx, "Say \"yes\""), "Diga \"sí\"");
	/* a repeated msgid: the last one wins (found by fuzz_text: the first leaked) */
	const char *dup = "msgid \"a\"\nmsgstr \"uno\"\nmsgid \"a\"\nmsgstr \"dos\"\n";
	REQUIRE(i18n_load("xx", dup, strlen(dup), &e) == 0);
	CHECK_STR(i18n_get(i18n_find("xx"), "a"), "dos");
	const char *bad = "msgid \"x\"\nmsgstr unquoted\n";
	CHECK(i18n_load("yy", bad, strlen(bad), &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "line 2");
}

TEST(trf_formats_translation)
{
	init();
	char out[200];
	CHECK_STR(trf(i18n_find("es"), out, sizeof out, "Too many parameters (limit %d)", 512),
		  "Demasiados parámetros (límite 512)");
	CHECK_STR(trf(i18n_find("en"), out, sizeof out, "Too many parameters (limit %d)", 512),
		  "Too many parameters (limit 512)");
}

static int bad_conversions;
static void check_conv(const char *id, const char *str, void *arg)
{
	(void)arg;
	char a[64], b[64];
	i18n_conversions(id, a, sizeof a);
	i18n_conversions(str, b, sizeof b);
	if (strcmp(a, b) != 0) {
		bad_conversions++;
		test_fail(__FILE__, __LINE__, "conversions differ: \"%s\" (%s) vs \"%s\" (%s)", id, a, str, b);
	}
}

TEST(every_translation_keeps_its_conversions)
{
	init();
	char c[64];
	i18n_conversions("%s: line %zu, column %d %% %.40s %lld", c, sizeof c);
	CHECK_STR(c, "%s%zu%d%s%lld");
	for (size_t i = 0; i < i18n_count(); i++)
		i18n_each(i18n_at(i), check_conv, NULL);
	CHECK_INT(bad_conversions, 0);
}
