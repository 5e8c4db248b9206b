/* test_export.c — the CSV and XLSX of one table: a header, typed columns, the
 * formula guard on text cells, and the workbook being a real zip. */
#include "core/compat.h"
#include "test.h"
#include "web/export.h"

static const struct export_col cols[] = {
	{ "Título", EXPORT_TEXT, 40 },
	{ "Monto (S/)", EXPORT_MONEY, 14 },
	{ "Beneficiarios", EXPORT_INT, 10 },
};

static void fill(struct export_table *t)
{
	export_table_init(t, cols, 3);
	const char *r1[] = { "Agua potable en Huancas", "1234.56", "420" };
	const char *r2[] = { "=HYPERLINK(\"http://x.example\",\"clic\")", "-1234.50", "-3" };
	const char *r3[] = { "+51 999", NULL, NULL };
	const char *r4[] = { "@SUM(A1)", "0.00", "0" };
	const char *r5[] = { "-- guion", "1.00", "1" };
	const char *r6[] = { "\tTab", "2.00", "2" };
	const char *r7[] = { "Ñandú, \"comillas\"", "3.00", "3" };
	export_table_add(t, r1);
	export_table_add(t, r2);
	export_table_add(t, r3);
	export_table_add(t, r4);
	export_table_add(t, r5);
	export_table_add(t, r6);
	export_table_add(t, r7);
}

TEST(csv_header_rows_and_formula_guard)
{
	struct export_table t;
	fill(&t);
	struct buf b;
	buf_init(&b, 0);
	REQUIRE(export_csv(&t, &b) == 0);
	CHECK_STR(buf_cstr(&b),
		  "\xEF\xBB\xBF"
		  "Título,Monto (S/),Beneficiarios\r\n"
		  "Agua potable en Huancas,1234.56,420\r\n"
		  "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"clic\"\")\",-1234.50,-3\r\n"
		  "'+51 999,,\r\n"
		  "'@SUM(A1),0.00,0\r\n"
		  "'-- guion,1.00,1\r\n"
		  "'\tTab,2.00,2\r\n"
		  "\"Ñandú, \"\"comillas\"\"\",3.00,3\r\n");
	buf_release(&b);
	export_table_release(&t);
}

TEST(guard_only_for_formula_starts)
{
	CHECK(export_csv_needs_guard("=1+1"));
	CHECK(export_csv_needs_guard("+1"));
	CHECK(export_csv_needs_guard("-1"));
	CHECK(export_csv_needs_guard("@x"));
	CHECK(export_csv_needs_guard("\rx"));
	CHECK(!export_csv_needs_guard(""));
	CHECK(!export_csv_needs_guard(NULL));
	CHECK(!export_csv_needs_guard("Agua"));
	CHECK(!export_csv_needs_guard(" =1"));
	CHECK(!export_csv_needs_guard("'=1"));
}

TEST(xlsx_is_a_zip_with_the_sheet)
{
	struct export_table t;
	fill(&t);
	struct buf b;
	buf_init(&b, 0);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(export_xlsx(&t, "Proyectos", &b, &e) == 0);
	REQUIRE(b.len > 4);
	CHECK(memcmp(buf_cstr(&b), "PK\x03\x04", 4) == 0);
	buf_release(&b);
	export_table_release(&t);
}
