/* test_csv.c — the RFC 4180 reader and writer, errors with line and column, and
 * allocation faults. */
#include "core/compat.h"
#include "test.h"
#include "core/csv.h"
#include "core/xalloc.h"

/* Reads all rows, joining fields with | and rows with \n. Returns rc. */
static int read_all(const char *text, char sep, int flags, struct buf *out, struct err *e)
{
	struct csv_reader *r = csv_open_mem(text, strlen(text), "t.csv", sep, flags);
	if (!r)
		return ERR_NOMEM;
	struct csv_row row;
	int rc;
	while ((rc = csv_next(r, &row, e)) == 1) {
		for (size_t i = 0; i < row.nfields; i++) {
			if (i)
				buf_appendc(out, '|');
			buf_appends(out, row.fields[i]);
		}
		buf_appendf(out, "@%zu\n", row.line);
	}
	csv_close(r);
	return rc;
}

static void expect(const char *text, char sep, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	struct err e;
	err_init(&e, NULL);
	int rc = read_all(text, sep, 0, &b, &e);
	if (rc != 0)
		test_fail(__FILE__, __LINE__, "error %d: %s", rc, e.msg);
	CHECK_STR(buf_cstr(&b), want);
	buf_release(&b);
}

static void expect_error(const char *text, int flags, const char *msg)
{
	struct buf b;
	buf_init(&b, 0);
	struct err e;
	err_init(&e, NULL);
	int rc = read_all(text, 0, flags, &b, &e);
	CHECK(rc < 0);
	CHECK_STR(e.msg, msg);
	buf_release(&b);
}

TEST(basic_rows_and_line_numbers)
{
	expect("a,b,c\n1,2,3\n", 0, "a|b|c@1\n1|2|3@2\n");
	expect("a,b\r\n1,2\r\n", 0, "a|b@1\n1|2@2\n");
	expect("a,b\n1,2", 0, "a|b@1\n1|2@2\n");           /* no final newline */
	expect("a,b\n\n\n1,2\n", 0, "a|b@1\n1|2@4\n");      /* blank lines skipped, lines counted */
	expect("a,,c,\n", 0, "a||c|@1\n");                  /* empty fields */
}

TEST(bom_and_separator_detection)
{
	expect("\xEF\xBB\xBFx;y\n1;2\n", 0, "x|y@1\n1|2@2\n");
	expect("x;y;z,w\n", 0, "x|y|z,w@1\n");
	expect("x;y;z,w\n", ',', "x;y;z|w@1\n");
	expect("x,\"a;b;c\"\n", 0, "x|a;b;c@1\n"); /* separators inside quotes do not count */
}

TEST(quoted_fields)
{
	expect("\"a,b\",\"say \"\"hi\"\"\"\n", 0, "a,b|say \"hi\"@1\n");
	expect("id,text\n1,\"line one\nline two\"\n2,x\n", 0, "id|text@1\n1|line one\nline two@2\n2|x@4\n");
	expect("\"\",\"\"\n", 0, "|@1\n");
	expect("\"Ñuñoa\",\"Áncash\"\n", 0, "Ñuñoa|Áncash@1\n");
}

TEST(errors_name_line_and_column)
{
	expect_error("a,b\n1,\"open\n", 0, "t.csv: line 2, column 2: unterminated quoted field");
	expect_error("a,b\n1,\"x\"y\n", 0, "t.csv: line 2, column 2: unexpected text after closing quote");
	expect_error("a,b\n1,wi\"de\n", 0, "t.csv: line 2, column 2: quote inside an unquoted field");
	expect_error("a,b\nok,\xC3\x28\n", 0, "t.csv: line 2, column 2: invalid UTF-8");
}

TEST(bare_quotes_when_allowed)
{
	struct buf b;
	buf_init(&b, 0);
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(read_all("a;boisko \"Orlik\";c\n", ';', CSV_BARE_QUOTES, &b, &e), 0);
	CHECK_STR(buf_cstr(&b), "a|boisko \"Orlik\"|c@1\n");
	buf_release(&b);
}

TEST(field_too_long)
{
	size_t n = CSV_MAX_FIELD + 10;
	char *big = xmalloc(n + 3);
	memset(big, 'x', n);
	memcpy(big + n, "\n", 2);
	struct buf b;
	buf_init(&b, 0);
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(read_all(big, ',', 0, &b, &e), ERR_TOOBIG);
	CHECK_CONTAINS(e.msg, "field too long");
	buf_release(&b);
	free(big);
}

TEST(writer_quotes_what_needs_it_and_round_trips)
{
	const char *row[] = { "plain", "with,comma", "with \"quote\"", "multi\nline", " padded", "", "Ñuñoa" };
	struct buf out;
	buf_init(&out, 0);
	CHECK_INT(csv_write_row(&out, ',', row, ARRAY_LEN(row)), 0);
	CHECK_STR(buf_cstr(&out), "plain,\"with,comma\",\"with \"\"quote\"\"\",\"multi\nline\",\" padded\",,Ñuñoa\r\n");
	struct csv_reader *r = csv_open_mem(out.data, out.len, "w", ',', 0);
	struct csv_row got;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(csv_next(r, &got, &e) == 1);
	REQUIRE(got.nfields == ARRAY_LEN(row));
	for (size_t i = 0; i < ARRAY_LEN(row); i++)
		CHECK_STR(got.fields[i], row[i]);
	csv_close(r);
	buf_release(&out);
}

TEST(allocation_faults_never_crash)
{
	const char *text = "code,name,population\n010101,Chachapoyas,41843\n010102,\"Asunción\",269\n"
			   "010103,Balsas,\"1,639\"\n";
	int failures = 0, successes = 0;
	for (long k = 0; k < 40; k++) {
		struct err e;
		err_init(&e, NULL);
		struct buf b;
		buf_init(&b, 0);
		xalloc_fail_after(k);
		int rc = read_all(text, 0, 0, &b, &e);
		xalloc_fail_reset();
		if (rc == 0) {
			successes++;
		} else {
			CHECK(rc == ERR_NOMEM);
			failures++;
		}
		buf_release(&b);
	}
	CHECK(failures > 0);
	CHECK(successes > 0);
}

TEST(file_errors)
{
	struct csv_reader *r;
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(csv_open_file("/nonexistent/x.csv", 0, 0, &r, &e), ERR_IO);
	CHECK_CONTAINS(e.msg, "/nonexistent/x.csv");
	CHECK_INT(csv_open_file("/tmp", 0, 0, &r, &e), ERR_IO);
	CHECK_CONTAINS(e.msg, "not a regular file");
}

TEST(find_column)
{
	struct csv_reader *r = csv_open_mem("code,name\n", 10, "h", 0, 0);
	struct csv_row row;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(csv_next(r, &row, &e) == 1);
	CHECK_INT(csv_find_column(&row, "name"), 1);
	CHECK_INT(csv_find_column(&row, "nope"), -1);
	csv_close(r);
}
