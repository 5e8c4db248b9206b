/* svg.c — server-side SVG charts. */
#include "core/compat.h"
#include "web/svg.h"

int svg_hbars(struct buf *out, const char *id, const char *title, const char *desc, const struct svg_bar *bars, size_t n,
	      double max_value)
{
	const int width = 640, label_w = 200, value_w = 110, row_h = 24, top = 8;
	const int bar_w = width - label_w - value_w;
	if (max_value <= 0)
		for (size_t i = 0; i < n; i++)
			if (bars[i].value > max_value)
				max_value = bars[i].value;
	int height = top * 2 + (int)n * row_h;
	int rc = buf_appendf(out,
			     "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
			     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">"
			     "<title id=\"%s-t\">", width, height, id, id, id);
	rc = rc ? rc : buf_append_html(out, title, strlen(title));
	rc = rc ? rc : buf_appendf(out, "</title><desc id=\"%s-d\">", id);
	rc = rc ? rc : buf_append_html(out, desc, strlen(desc));
	rc = rc ? rc : buf_appends(out, "</desc>");
	for (size_t i = 0; i < n && !rc; i++) {
		int y = top + (int)i * row_h;
		double v = bars[i].value > 0 ? bars[i].value : 0;
		int w = max_value > 0 ? (int)(v / max_value * bar_w + 0.5) : 0;
		if (v > 0 && w < 1)
			w = 1;
		const char *label = bars[i].label ? bars[i].label : "";
		if (bars[i].href) {
			rc = buf_appends(out, "<a href=\"");
			rc = rc ? rc : buf_append_html(out, bars[i].href, strlen(bars[i].href));
			rc = rc ? rc : buf_appends(out, "\">");
		}
		rc = rc ? rc : buf_appendf(out, "<text x=\"%d\" y=\"%d\" class=\"chart-label\" text-anchor=\"end\">",
					   label_w - 8, y + 16);
		rc = rc ? rc : buf_append_html(out, label, strlen(label));
		rc = rc ? rc : buf_appends(out, "</text>");
		if (bars[i].href && !rc)
			rc = buf_appends(out, "</a>");
		rc = rc ? rc : buf_appendf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"/>",
					   label_w, y + 4, w, row_h - 8, bars[i].highlight ? "bar bar-hi" : "bar");
		const char *vt = bars[i].value_text ? bars[i].value_text : "";
		rc = rc ? rc : buf_appendf(out, "<text x=\"%d\" y=\"%d\" class=\"chart-value\">", label_w + w + 6, y + 16);
		rc = rc ? rc : buf_append_html(out, vt, strlen(vt));
		rc = rc ? rc : buf_appends(out, "</text>");
	}
	return rc ? rc : buf_appends(out, "</svg>");
}
