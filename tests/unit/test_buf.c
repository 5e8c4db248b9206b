/* test_buf.c — the bounded buffer, including allocation faults. */
#include "core/compat.h"
#include "test.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"

TEST(append_and_format)
{
	struct buf b;
	buf_init(&b, 0);
	CHECK_STR(buf_cstr(&b), "");
	CHECK_INT(buf_appends(&b, "hola"), 0);
	CHECK_INT(buf_appendc(&b, ' '), 0);
	CHECK_INT(buf_appendf(&b, "%d-%s", 42, "mundo"), 0);
	CHECK_STR(buf_cstr(&b), "hola 42-mundo");
	CHECK_INT(b.len, 13);
	buf_reset(&b);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}

TEST(long_format_grows)
{
	struct buf b;
	buf_init(&b, 0);
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_INT(buf_appendf(&b, "[%s]", big), 0);
	CHECK_INT(b.len, 1001);
	CHECK(b.data[0] == '[' && b.data[1000] == ']' && b.data[1001] == '\0');
	buf_release(&b);
}

TEST(cap_is_enforced_and_content_kept)
{
	struct buf b;
	buf_init(&b, 10);
	CHECK_INT(buf_appends(&b, "0123456789"), 0);
	CHECK_INT(buf_appendc(&b, 'x'), ERR_TOOBIG);
	CHECK_INT(buf_appendf(&b, "%s", "y"), ERR_TOOBIG);
	CHECK_STR(buf_cstr(&b), "0123456789");
	CHECK_INT(b.len, 10);
	buf_release(&b);
}

TEST(html_escape)
{
	struct buf b;
	buf_init(&b, 0);
	const char *s = "<a href=\"x\">Tom & 'Jerry'</a>";
	CHECK_INT(buf_append_html(&b, s, strlen(s)), 0);
	CHECK_STR(buf_cstr(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	buf_release(&b);
}

TEST(url_encode)
{
	struct buf b;
	buf_init(&b, 0);
	CHECK_INT(buf_append_urlenc(&b, "agua potable/Ñuñoa&x=1"), 0);
	CHECK_STR(buf_cstr(&b), "agua%20potable%2F%C3%91u%C3%B1oa%26x%3D1");
	buf_release(&b);
}

TEST(detach_and_truncate)
{
	struct buf b;
	buf_init(&b, 0);
	buf_appends(&b, "abcdef");
	buf_truncate(&b, 3);
	CHECK_STR(buf_cstr(&b), "abc");
	size_t len;
	char *p = buf_detach(&b, &len);
	CHECK_STR(p, "abc");
	CHECK_INT(len, 3);
	CHECK(b.data == NULL && b.len == 0);
	free(p);
	p = buf_detach(&b, &len); /* empty buffer detaches an empty string */
	CHECK_STR(p, "");
	free(p);
}

TEST(allocation_failure_is_reported_not_fatal)
{
	struct buf b;
	buf_init(&b, 0);
	CHECK_INT(buf_appends(&b, "kept"), 0);
	/* the next growth fails */
	xalloc_fail_after(0);
	char big[200];
	memset(big, 'z', sizeof big);
	int rc = buf_append(&b, big, sizeof big);
	xalloc_fail_reset();
	CHECK_INT(rc, ERR_NOMEM);
	CHECK_STR(buf_cstr(&b), "kept");
	CHECK_INT(buf_append(&b, big, sizeof big), 0);
	CHECK_INT(b.len, 204);
	buf_release(&b);
}

TEST(every_allocation_failure_point)
{
	/* fail the 1st, 2nd, ... allocation of a growing sequence: never a crash,
	 * always either success or ERR_NOMEM with a consistent buffer */
	for (long k = 0; k < 12; k++) {
		struct buf b;
		buf_init(&b, 0);
		xalloc_fail_after(k);
		int rc = 0;
		for (int i = 0; i < 200 && !rc; i++)
			rc = buf_appendf(&b, "línea %d;", i);
		xalloc_fail_reset();
		CHECK(rc == 0 || rc == ERR_NOMEM);
		CHECK(strlen(buf_cstr(&b)) == b.len);
		buf_release(&b);
	}
}
