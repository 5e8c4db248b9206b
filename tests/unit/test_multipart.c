/* test_multipart.c — the multipart/form-data parser: what browsers send
 * (Chromium and Firefox framing), the boundary parameter, and every malformed
 * shape refused with a message. */
#include "core/compat.h"
#include "test.h"
#include "web/multipart.h"

#define B "----WebKitFormBoundary7MA4YWxkTrZu0gW"

static const char chromium[] =
	"------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	"Content-Disposition: form-data; name=\"csrf\"\r\n"
	"\r\n"
	"0123abcd\r\n"
	"------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	"Content-Disposition: form-data; name=\"title\"\r\n"
	"\r\n"
	"Perfil técnico\r\nsegunda línea\r\n"
	"------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	"Content-Disposition: form-data; name=\"file\"; filename=\"perfil \\\"final\\\".pdf\"\r\n"
	"Content-Type: application/pdf\r\n"
	"\r\n"
	"%PDF-1.4\r\n\x00\x01--not-a-boundary\r\n"
	"------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";

TEST(parses_what_a_browser_sends)
{
	struct multipart m;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(multipart_parse(chromium, sizeof chromium - 1, B, &m, &e) == 0);
	REQUIRE(m.n == 3);
	CHECK_STR(m.parts[0].name, "csrf");
	CHECK(m.parts[0].filename == NULL);
	CHECK_INT(m.parts[0].len, 8);
	CHECK(memcmp(m.parts[0].data, "0123abcd", 8) == 0);
	CHECK_INT(m.parts[1].len, strlen("Perfil técnico\r\nsegunda línea"));
	CHECK_STR(m.parts[2].filename, "perfil \"final\".pdf");
	CHECK_STR(m.parts[2].content_type, "application/pdf");
	CHECK_INT(m.parts[2].len, 28);
	CHECK(m.parts[2].data[10] == '\0');
	CHECK(multipart_get(&m, "title") == &m.parts[1]);
	CHECK(multipart_get(&m, "nothing") == NULL);
	multipart_release(&m);
}

TEST(preamble_empty_file_and_lf_in_content)
{
	const char body[] = "ignored preamble\r\n--xyz\r\n"
			    "content-disposition: FORM-DATA;name=doc;filename=\"\"\r\n\r\n"
			    "\r\n--xyz--";
	struct multipart m;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(multipart_parse(body, sizeof body - 1, "xyz", &m, &e) == 0);
	REQUIRE(m.n == 1);
	CHECK_STR(m.parts[0].name, "doc");
	CHECK_STR(m.parts[0].filename, "");
	CHECK_INT(m.parts[0].len, 0);
	multipart_release(&m);
}

TEST(malformed_bodies_are_refused)
{
	const char *bad[] = {
		"",                                                              /* nothing */
		"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", /* no closing delimiter */
		"--xyz\r\nContent-Disposition: form-data\r\n\r\nv\r\n--xyz--",     /* no name */
		"--xyz\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--xyz--",
		"--xyz\r\nContent-Type: text/plain\r\n\r\nv\r\n--xyz--",          /* no disposition */
		"--xyz\nContent-Disposition: form-data; name=\"a\"\n\nv\n--xyz--", /* bare LF */
		"--xyz\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--xyz--", /* open quote */
		"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\nX-\x01: y\r\n\r\nv\r\n--xyz--",
		"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nv\r\n--xyz--",
		"--xyzjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--xyz--",
		"--xyz\r\nContent-Disposition: form-data; name=\"\xff\xfe\"\r\n\r\nv\r\n--xyz--",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct multipart m;
		struct err e;
		err_init(&e, NULL);
		int rc = multipart_parse(bad[i], strlen(bad[i]), "xyz", &m, &e);
		if (rc == 0)
			test_fail(__FILE__, __LINE__, "case %zu was accepted", i);
		CHECK_CONTAINS(e.msg, "The uploaded form");
		CHECK_INT(m.n, 0);
	}
	/* too many parts */
	char *many = malloc(100000);
	size_t n = 0;
	for (int i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
		n += (size_t)snprintf(many + n, 100000 - n, "--xyz\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
	n += (size_t)snprintf(many + n, 100000 - n, "--xyz--\r\n");
	struct multipart m;
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(multipart_parse(many, n, "xyz", &m, &e), ERR_TOOBIG);
	free(many);
	/* an over-long header line */
	char longh[3000];
	snprintf(longh, sizeof longh, "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: %02000d\r\n\r\nv\r\n--xyz--", 0);
	CHECK_INT(multipart_parse(longh, strlen(longh), "xyz", &m, &e), ERR_INVALID);
}

TEST(boundary_parameter)
{
	char b[MULTIPART_BOUNDARY_MAX + 1];
	CHECK_INT(multipart_boundary("multipart/form-data; boundary=" B, b), 0);
	CHECK_STR(b, B);
	CHECK_INT(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\"; charset=utf-8", b), 0);
	CHECK_STR(b, "a b:c");
	CHECK_INT(multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=zz", b), 0);
	CHECK_STR(b, "zz");
	CHECK_INT(multipart_boundary("application/x-www-form-urlencoded", b), ERR_INVALID);
	CHECK_INT(multipart_boundary("multipart/form-data", b), ERR_INVALID);
	CHECK_INT(multipart_boundary("multipart/form-data; boundary=", b), ERR_INVALID);
	CHECK_INT(multipart_boundary("multipart/form-data; boundary=\"abc", b), ERR_INVALID);
	CHECK_INT(multipart_boundary("multipart/form-data; boundary=a<b", b), ERR_INVALID);
	CHECK_INT(multipart_boundary("multipart/form-data; boundary=\"ends with space \"", b), ERR_INVALID);
	CHECK_INT(multipart_boundary("multipart/form-data; boundary="
				     "12345678901234567890123456789012345678901234567890123456789012345678901", b), ERR_INVALID);
	CHECK_INT(multipart_boundary(NULL, b), ERR_INVALID);
}
