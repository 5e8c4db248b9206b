/* test_stored_file.c — uploads kept in the database: the kinds accepted, the
 * refusals with their messages, the name as stored, the hash, and the bytes
 * back from their base64 text. */
#include "core/compat.h"
#include "test.h"
#include "domain/stored_file.h"

#include <stdlib.h>

static const char pdf[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

TEST(prepare_and_decode_round_trip)
{
	struct err e;
	err_init(&e, NULL);
	struct stored_file f;
	REQUIRE(stored_file_prepare(&f, "C:\\actas\\acta de\x01 sesión \"3\".pdf", "documento", pdf, sizeof pdf - 1,
				    1024, &e) == 0);
	CHECK_STR(f.name, "acta de_ sesión _3_.pdf");
	CHECK_STR(f.content_type, "application/pdf");
	CHECK_INT(f.size, sizeof pdf - 1);
	CHECK_INT(strlen(f.sha256), 64);
	void *data;
	size_t len;
	REQUIRE(stored_file_decode(f.base64, &data, &len, &e) == 0);
	CHECK_INT(len, sizeof pdf - 1);
	CHECK(memcmp(data, pdf, len) == 0);
	free(data);
	stored_file_release(&f);
}

TEST(names_that_cannot_be_kept_take_the_fallback)
{
	struct err e;
	err_init(&e, NULL);
	struct stored_file f;
	REQUIRE(stored_file_prepare(&f, "dir/\xff\xfe.pdf", "evidencia", pdf, sizeof pdf - 1, 1024, &e) == 0);
	CHECK_STR(f.name, "evidencia");
	stored_file_release(&f);
	REQUIRE(stored_file_prepare(&f, "carpeta/", "documento", pdf, sizeof pdf - 1, 1024, &e) == 0);
	CHECK_STR(f.name, "documento");
	stored_file_release(&f);
}

TEST(refusals_say_why_and_keep_nothing)
{
	struct err e;
	err_init(&e, NULL);
	struct stored_file f;
	CHECK_INT(stored_file_prepare(&f, "a.pdf", "x", pdf, 0, 1024, &e), ERR_INVALID);
	CHECK_STR(e.msg, "The file is empty");
	CHECK(f.base64 == NULL && f.name == NULL);
	CHECK_INT(stored_file_prepare(&f, "a.pdf", "x", pdf, sizeof pdf - 1, 8, &e), ERR_TOOBIG);
	CHECK(strstr(e.msg, "larger than") != NULL);
	CHECK_INT(stored_file_prepare(&f, "a.html", "x", "<html>", 6, 1024, &e), ERR_INVALID);
	CHECK(strstr(e.msg, "This kind of file is not accepted") != NULL);
	CHECK(f.base64 == NULL && f.name == NULL);
	stored_file_release(&f);
}

TEST(damaged_text_is_an_error)
{
	struct err e;
	err_init(&e, NULL);
	void *data = (void *)1;
	size_t len = 9;
	CHECK_INT(stored_file_decode("no es base64!", &data, &len, &e), ERR_INTERNAL);
	CHECK(data == NULL && len == 0);
	REQUIRE(stored_file_decode("", &data, &len, &e) == 0);
	CHECK_INT(len, 0);
	free(data);
}
