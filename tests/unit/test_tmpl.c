/* test_tmpl.c — templates: escaping by default, sections, filters, translation,
 * and the shipped templates all parse and translate. */
#include "core/compat.h"
#include "test.h"
#include "core/i18n.h"
#include "core/json.h"
#include "web/tmpl.h"

static char *render(const char *name, const char *text, const char *ctx_json)
{
	struct err e;
	err_init(&e, NULL);
	REQUIRE(tmpl_add(name, text, strlen(text), &e) == 0);
	json_t *ctx = json_parse(ctx_json, strlen(ctx_json), 1 << 20, &e);
	REQUIRE(ctx);
	struct buf b;
	buf_init(&b, 0);
	if (!i18n_count())
		i18n_init(&e);
	int rc = tmpl_render(name, ctx, i18n_find("es"), &b);
	CHECK_INT(rc, 0);
	json_decref(ctx);
	return buf_detach(&b, NULL);
}

TEST(escaping_is_the_default)
{
	char *s = render("t1", "<p>{{name}}</p><p>{{raw html}}</p>",
			 "{\"name\":\"<script>alert('x')</script> & co\",\"html\":\"<b>ok</b>\"}");
	CHECK_STR(s, "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</p><p><b>ok</b></p>");
	free(s);
}

TEST(sections_and_lists)
{
	char *s = render("t2", "{{#items}}[{{@index}}:{{name}}{{#hi}}!{{/hi}}]{{/items}}{{^items}}none{{/items}}"
			       "{{#obj}}<{{a.b}}>{{/obj}}{{^missing}}(no){{/missing}}",
			 "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\",\"hi\":true}],\"obj\":{\"a\":{\"b\":5}}}");
	CHECK_STR(s, "[1:a][2:b!]<5>(no)");
	free(s);
	s = render("t3", "{{#items}}x{{/items}}{{^items}}none{{/items}}|{{#zero}}z{{/zero}}{{#s}}{{s}}{{/s}}",
		   "{\"items\":[],\"zero\":0,\"s\":\"txt\"}");
	CHECK_STR(s, "none|txt");
	free(s);
}

TEST(outer_context_visible_inside_sections)
{
	char *s = render("t4", "{{#rows}}{{code}}-{{lang}} {{/rows}}", "{\"lang\":\"es\",\"rows\":[{\"code\":\"01\"},{\"code\":\"02\"}]}");
	CHECK_STR(s, "01-es 02-es ");
	free(s);
}

TEST(filters)
{
	char *s = render("t5", "{{num p}}|{{dec2 a}}|{{dec1 x}}|{{pct x}}|{{money m}}|{{dec4 i}}|{{url q}}|{{num r}}",
			 "{\"p\":34350244,\"a\":153.78,\"x\":9.03,\"m\":123456,\"i\":0.6424,\"q\":\"agua potable\",\"r\":2338.0}");
	CHECK_STR(s, "34,350,244|153.78|9.0|9.03 %|S/ 1,234.56|0.6424|agua%20potable|2,338");
	free(s);
}

TEST(translation)
{
	char *s = render("t6", "{{t \"Population 2025\"}}: {{t \"Unknown <x>\"}}", "{}");
	CHECK_STR(s, "Población 2025: Unknown &lt;x&gt;");
	free(s);
}

TEST(partials)
{
	struct err e;
	err_init(&e, NULL);
	REQUIRE(tmpl_add("part", "({{v}})", 7, &e) == 0);
	char *s = render("t7", "a{{>part}}b", "{\"v\":1}");
	CHECK_STR(s, "a(1)b");
	free(s);
}

TEST(parse_errors)
{
	struct err e;
	err_init(&e, NULL);
	CHECK_INT(tmpl_add("bad1", "{{#a}}x", 7, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "not closed");
	CHECK_INT(tmpl_add("bad2", "x\n{{/a}}", 8, &e), ERR_INVALID);
	CHECK_CONTAINS(e.msg, "line 2");
	CHECK_INT(tmpl_add("bad3", "{{nope x}}", 10, &e), ERR_INVALID);
	CHECK_INT(tmpl_add("bad4", "{{x", 3, &e), ERR_INVALID);
	CHECK_INT(tmpl_add("bad5", "{{t x}}", 7, &e), ERR_INVALID);
}

static int untranslated;
static void check_msgid(const char *tname, const char *id, void *arg)
{
	(void)arg;
	if (str_starts(tname, "t") && isdigit((unsigned char)tname[1]))
		return; /* this file's own test templates */
	if (!i18n_has(i18n_find("es"), id)) {
		untranslated++;
		test_fail(__FILE__, __LINE__, "template %s: \"%s\" has no Spanish translation", tname, id);
	}
}

TEST(shipped_templates_parse_and_are_translated)
{
	struct err e;
	err_init(&e, NULL);
	if (!i18n_count())
		REQUIRE(i18n_init(&e) == 0);
	REQUIRE(tmpl_init(&e) == 0);
	CHECK(tmpl_exists("layout"));
	CHECK(tmpl_exists("error"));
	tmpl_each_msgid(check_msgid, NULL);
	CHECK_INT(untranslated, 0);
}

TEST(number_formatting)
{
	char out[48];
	fmt_int_grouped(0, out, sizeof out);
	CHECK_STR(out, "0");
	fmt_int_grouped(-1234567, out, sizeof out);
	CHECK_STR(out, "-1,234,567");
	fmt_real_grouped(1234.566, 2, out, sizeof out);
	CHECK_STR(out, "1,234.57");
	fmt_real_grouped(-0.004, 2, out, sizeof out);
	CHECK_STR(out, "0.00");
	fmt_real_grouped(999.96, 1, out, sizeof out);
	CHECK_STR(out, "1,000.0");
}
