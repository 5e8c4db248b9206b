/* test_svg.c — server-side charts: accessible, escaped, scaled. */
#include "core/compat.h"
#include "test.h"
#include "web/svg.h"

TEST(bars_are_accessible_escaped_and_scaled)
{
	struct svg_bar bars[] = {
		{ .label = "Chachapoyas", .value = 50, .value_text = "50 %", .href = "/territories/010101" },
		{ .label = "<Asunción & co>", .value = 100, .value_text = "100 %", .highlight = true },
		{ .label = "Zero", .value = -3, .value_text = "n/a" },
	};
	struct buf b;
	buf_init(&b, 0);
	CHECK_INT(svg_hbars(&b, "pov", "Pobreza <2018>", "Desc & más", bars, 3, 0), 0);
	const char *s = buf_cstr(&b);
	CHECK_CONTAINS(s, "role=\"img\"");
	CHECK_CONTAINS(s, "aria-labelledby=\"pov-t pov-d\"");
	CHECK_CONTAINS(s, "<title id=\"pov-t\">Pobreza &lt;2018&gt;</title>");
	CHECK_CONTAINS(s, "<desc id=\"pov-d\">Desc &amp; más</desc>");
	CHECK_CONTAINS(s, "&lt;Asunción &amp; co&gt;");
	CHECK_CONTAINS(s, "<a href=\"/territories/010101\">");
	CHECK_CONTAINS(s, "width=\"330\""); /* the largest bar takes the full width */
	CHECK_CONTAINS(s, "width=\"165\"");
	CHECK_CONTAINS(s, "width=\"0\"");
	CHECK_CONTAINS(s, "bar bar-hi");
	CHECK(strstr(s, "<Asunción") == NULL);
	buf_release(&b);
}

TEST(monitoring_charts_say_the_status_in_words_and_escape)
{
	struct buf b;
	buf_init(&b, 0);
	/* target against actual: a solid tick for a target, a dashed one for a trajectory */
	struct svg_period pts[] = {
		{ "2026-Q1", true, true, false, 22, 20, 20, "22", "20", "on_track" },
		{ "2026-Q2", true, true, true, 28, 50, 50, "28", "50", "off_track" },
		{ "2026-Q3", false, true, false, 0, 70, 80, NULL, "70 – 80", NULL },
	};
	CHECK_INT(svg_target_actual(&b, "s", "Jóvenes <15-29>", "Meta & valor", "Valor", "Esperado", pts, 3), 0);
	const char *s = buf_cstr(&b);
	CHECK_CONTAINS(s, "role=\"img\"");
	CHECK_CONTAINS(s, "<title id=\"s-t\">Jóvenes &lt;15-29&gt;</title>");
	CHECK_CONTAINS(s, "<desc id=\"s-d\">Meta &amp; valor</desc>");
	CHECK_CONTAINS(s, "class=\"bar s-on\"");
	CHECK_CONTAINS(s, "class=\"bar s-off\"");
	CHECK_CONTAINS(s, "class=\"expected trajectory\"");
	CHECK_CONTAINS(s, "class=\"band\"");
	CHECK_CONTAINS(s, ">2026-Q3</text>");
	buf_reset(&b);
	/* attainment: bars cut at 120 %, thresholds drawn, the status written */
	struct svg_attain rows[] = {
		{ "AGUA <clorada>", "/indicators/1", true, 8730, "87.30 % · En riesgo", "at_risk" },
		{ "Muy por encima", NULL, true, 25000, "250.00 % · En curso normal", "on_track" },
		{ "Sin datos", NULL, false, 0, "Sin datos", "no_data" },
	};
	CHECK_INT(svg_attainment(&b, "a", "Logro", "Desc", rows, 3, 9000, 6000, "En curso 90 %", "Riesgo 60 %"), 0);
	s = buf_cstr(&b);
	CHECK_CONTAINS(s, "AGUA &lt;clorada&gt;");
	CHECK_CONTAINS(s, "87.30 % · En riesgo");
	CHECK_CONTAINS(s, "class=\"threshold\"");
	CHECK_CONTAINS(s, "width=\"470\" height=\"14\" class=\"bar s-on\"");   /* 120 % = the whole track */
	CHECK_CONTAINS(s, "width=\"0\" height=\"14\" class=\"bar s-none\"");
	buf_reset(&b);
	struct svg_light lights[] = { { "EJE1 Desarrollo", "/plans/1/elements/1", "off_track", "Crítico · 40.00 %" } };
	CHECK_INT(svg_traffic_lights(&b, "l", "Semáforo", "Por eje", lights, 1), 0);
	s = buf_cstr(&b);
	CHECK_CONTAINS(s, "class=\"light s-off\"");
	CHECK_CONTAINS(s, "Crítico · 40.00 %");
	CHECK_CONTAINS(s, "<a href=\"/plans/1/elements/1\">");
	buf_release(&b);
}
