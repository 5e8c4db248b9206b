/* test_utf8.c — validation and Spanish search folding. */
#include "core/compat.h"
#include "test.h"
#include "core/utf8.h"

static bool valid(const char *s) { return utf8_valid(s, strlen(s)); }

TEST(valid_text)
{
	CHECK(valid(""));
	CHECK(valid("Chachapoyas"));
	CHECK(valid("Áncash, Ñuñoa, Asunción"));
	CHECK(valid("€ 𝄞"));
}

TEST(invalid_sequences)
{
	CHECK(!valid("\xC3"));            /* truncated */
	CHECK(!valid("\xC0\xAF"));        /* overlong */
	CHECK(!valid("\xE0\x80\xAF"));    /* overlong 3-byte */
	CHECK(!valid("\xED\xA0\x80"));    /* surrogate */
	CHECK(!valid("\xF4\x90\x80\x80")); /* > U+10FFFF */
	CHECK(!valid("\xFF"));
	CHECK(!valid("a\x80z"));          /* stray continuation */
	CHECK(!utf8_valid("a\0b", 3));    /* NUL inside */
}

TEST(fold_accents_case_and_space)
{
	char *f = utf8_fold("  Áncash ");
	CHECK_STR(f, "ancash");
	free(f);
	f = utf8_fold("Ñuñoa");
	CHECK_STR(f, "nunoa");
	free(f);
	f = utf8_fold("SANEAMIENTO   Básico\tRural");
	CHECK_STR(f, "saneamiento basico rural");
	free(f);
	f = utf8_fold("Pichari\xC3");
	CHECK(f == NULL);
}

TEST(length_and_prefix)
{
	CHECK_INT(utf8_len("Ñuñoa"), 5);
	CHECK_INT(utf8_prefix_bytes("Ñuñoa", 2), 3);
	CHECK_INT(utf8_prefix_bytes("abc", 10), 3);
}
