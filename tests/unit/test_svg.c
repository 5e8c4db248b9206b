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
