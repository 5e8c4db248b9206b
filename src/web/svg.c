/* svg.c — server-side SVG charts. */
#include "core/compat.h"
#include "web/svg.h"
#include "core/utf8.h"

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

static int64_t clamp_bp(int64_t v) { return v < 0 ? 0 : v > 10000 ? 10000 : v; }

static int text_el(struct buf *out, int x, int y, const char *cls, const char *anchor, const char *s, size_t n)
{
	int rc = buf_appendf(out, "<text x=\"%d\" y=\"%d\" class=\"%s\"%s%s%s>", x, y, cls, anchor ? " text-anchor=\"" : "",
			     anchor ? anchor : "", anchor ? "\"" : "");
	rc = rc ? rc : buf_append_html(out, s, n);
	return rc ? rc : buf_appends(out, "</text>");
}

int svg_progress_pairs(struct buf *out, const char *id, const char *title, const char *desc, const char *physical_label,
		       const char *financial_label, const struct svg_progress *rows, size_t n)
{
	/* each item: its label on a line of its own, then the two bars */
	const int width = 640, value_w = 70, row_h = 50, top = 26;
	const int bar_w = width - value_w;
	int height = top + (int)n * row_h + 4;
	int rc = buf_appendf(out,
			     "<svg class=\"chart progress\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
			     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-t\">",
			     width, height, id, id, id);
	rc = rc ? rc : buf_append_html(out, title, strlen(title));
	rc = rc ? rc : buf_appendf(out, "</title><desc id=\"%s-d\">", id);
	rc = rc ? rc : buf_append_html(out, desc, strlen(desc));
	rc = rc ? rc : buf_appends(out, "</desc>");
	/* legend */
	rc = rc ? rc : buf_appends(out, "<rect x=\"0\" y=\"4\" width=\"14\" height=\"10\" class=\"bar-phys\"/>");
	rc = rc ? rc : text_el(out, 20, 13, "chart-value", NULL, physical_label, strlen(physical_label));
	rc = rc ? rc : buf_appendf(out, "<rect x=\"%d\" y=\"4\" width=\"14\" height=\"10\" class=\"bar-fin\"/>", bar_w / 3);
	rc = rc ? rc : text_el(out, bar_w / 3 + 20, 13, "chart-value", NULL, financial_label, strlen(financial_label));
	for (size_t i = 0; i < n && !rc; i++) {
		int y = top + (int)i * row_h;
		const char *label = rows[i].label ? rows[i].label : "";
		size_t nb = utf8_prefix_bytes(label, 90);
		char cut[400];
		snprintf(cut, sizeof cut, "%.*s%s", (int)(nb < 380 ? nb : 380), label, label[nb] ? "…" : "");
		if (rows[i].href) {
			rc = buf_appends(out, "<a href=\"");
			rc = rc ? rc : buf_append_html(out, rows[i].href, strlen(rows[i].href));
			rc = rc ? rc : buf_appends(out, "\">");
		}
		rc = rc ? rc : text_el(out, 0, y + 12, "chart-label", NULL, cut, strlen(cut));
		if (rows[i].href && !rc)
			rc = buf_appends(out, "</a>");
		int64_t bps[2] = { clamp_bp(rows[i].physical_bp), clamp_bp(rows[i].financial_bp) };
		const char *texts[2] = { rows[i].physical_text, rows[i].financial_text };
		const char *cls[2] = { "bar-phys", "bar-fin" };
		for (int k = 0; k < 2 && !rc; k++) {
			int w = (int)(bps[k] * bar_w / 10000);
			if (bps[k] > 0 && w < 1)
				w = 1;
			int by = y + 17 + k * 13;
			rc = buf_appendf(out, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"11\" class=\"track\"/>"
					      "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"11\" class=\"%s\"/>",
					 by, bar_w, by, w, cls[k]);
			const char *t = texts[k] ? texts[k] : "";
			rc = rc ? rc : text_el(out, bar_w + 6, by + 10, "chart-value", NULL, t, strlen(t));
		}
	}
	return rc ? rc : buf_appends(out, "</svg>");
}

/* ---- monitoring ---- */

static const char *status_class(const char *status)
{
	if (str_eq(status, "on_track"))
		return "s-on";
	if (str_eq(status, "at_risk"))
		return "s-risk";
	if (str_eq(status, "off_track"))
		return "s-off";
	return "s-none";
}

static int svg_open(struct buf *out, const char *cls, const char *id, int width, int height, const char *title,
		    const char *desc)
{
	int rc = buf_appendf(out,
			     "<svg class=\"chart %s\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
			     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-t\">",
			     cls, width, height, id, id, id);
	rc = rc ? rc : buf_append_html(out, title, strlen(title));
	rc = rc ? rc : buf_appendf(out, "</title><desc id=\"%s-d\">", id);
	rc = rc ? rc : buf_append_html(out, desc, strlen(desc));
	return rc ? rc : buf_appends(out, "</desc>");
}

static int link_open(struct buf *out, const char *href)
{
	if (!href)
		return 0;
	int rc = buf_appends(out, "<a href=\"");
	rc = rc ? rc : buf_append_html(out, href, strlen(href));
	return rc ? rc : buf_appends(out, "\">");
}

static void cut_label(const char *label, size_t max_chars, char *out, size_t n)
{
	label = label ? label : "";
	size_t nb = utf8_prefix_bytes(label, max_chars);
	if (nb + 4 >= n)
		nb = n > 5 ? n - 5 : 0;
	snprintf(out, n, "%.*s%s", (int)nb, label, label[nb] ? "…" : "");
}

int svg_target_actual(struct buf *out, const char *id, const char *title, const char *desc, const char *actual_label,
		      const char *expected_label, const struct svg_period *pts, size_t n)
{
	const int width = 640, left = 8, top = 28, plot_h = 180, bottom = 40;
	int height = top + plot_h + bottom;
	double lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		double v[3] = { pts[i].has_actual ? pts[i].actual : 0, pts[i].has_expected ? pts[i].expected : 0,
				pts[i].has_expected && pts[i].expected_high > pts[i].expected ? pts[i].expected_high : 0 };
		for (int k = 0; k < 3; k++) {
			if (v[k] > hi)
				hi = v[k];
			if (v[k] < lo)
				lo = v[k];
		}
	}
	if (hi <= lo)
		hi = lo + 1;
	double span = (hi - lo) * 1.1;
	int slot = n ? (width - 2 * left) / (int)n : width;
	if (slot > 120)
		slot = 120;
	int bar = slot * 5 / 10;
	int rc = svg_open(out, "target-actual", id, width, height, title, desc);
	/* legend */
	rc = rc ? rc : buf_appends(out, "<rect x=\"0\" y=\"4\" width=\"14\" height=\"10\" class=\"bar s-none\"/>");
	rc = rc ? rc : text_el(out, 20, 13, "chart-value", NULL, actual_label, strlen(actual_label));
	rc = rc ? rc : buf_appendf(out, "<line x1=\"%d\" y1=\"9\" x2=\"%d\" y2=\"9\" class=\"expected\"/>", 200, 222);
	rc = rc ? rc : text_el(out, 228, 13, "chart-value", NULL, expected_label, strlen(expected_label));
	int zero_y = top + (int)((hi * 1.1 - 0) / span * plot_h);
	if (lo < 0)
		rc = rc ? rc : buf_appendf(out, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", zero_y, width, zero_y);
	else
		zero_y = top + plot_h;
	rc = rc ? rc : buf_appendf(out, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", top + plot_h, width,
				   top + plot_h);
	for (size_t i = 0; i < n && !rc; i++) {
		int x = left + (int)i * slot;
		int cx = x + slot / 2;
		if (pts[i].has_actual) {
			int y = top + (int)((hi * 1.1 - pts[i].actual) / span * plot_h);
			int y0 = zero_y < y ? zero_y : y, h = zero_y < y ? y - zero_y : zero_y - y;
			if (h < 1)
				h = 1;
			rc = buf_appendf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar %s\"/>", cx - bar / 2,
					 y0, bar, h, status_class(pts[i].status));
			const char *t = pts[i].actual_text ? pts[i].actual_text : "";
			rc = rc ? rc : text_el(out, cx, y0 - 4, "chart-value", "middle", t, strlen(t));
		}
		if (pts[i].has_expected && !rc) {
			int y = top + (int)((hi * 1.1 - pts[i].expected) / span * plot_h);
			if (pts[i].expected_high > pts[i].expected) {
				int yh = top + (int)((hi * 1.1 - pts[i].expected_high) / span * plot_h);
				rc = buf_appendf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"band\"/>",
						 cx - slot * 4 / 10, yh, slot * 8 / 10, y - yh > 1 ? y - yh : 1);
			}
			rc = rc ? rc : buf_appendf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"expected%s\"/>",
						   cx - slot * 4 / 10, y, cx + slot * 4 / 10, y,
						   pts[i].trajectory ? " trajectory" : "");
		}
		const char *p = pts[i].period ? pts[i].period : "";
		rc = rc ? rc : text_el(out, cx, top + plot_h + 16, "chart-label", "middle", p, strlen(p));
		if (pts[i].has_expected && pts[i].expected_text && !rc) {
			const char *t = pts[i].expected_text;
			rc = text_el(out, cx, top + plot_h + 32, "chart-value", "middle", t, strlen(t));
		}
	}
	return rc ? rc : buf_appends(out, "</svg>");
}

int svg_attainment(struct buf *out, const char *id, const char *title, const char *desc, const struct svg_attain *rows,
		   size_t n, int64_t on_track_bp, int64_t at_risk_bp, const char *on_track_label,
		   const char *at_risk_label)
{
	/* each item: its label above, the bar below; 0–120 % */
	const int width = 680, value_w = 210, row_h = 40, top = 24;
	const int bar_w = width - value_w;
	const int64_t scale = 12000;
	int height = top + (int)n * row_h + 6;
	int rc = svg_open(out, "attainment", id, width, height, title, desc);
	int xr = (int)(at_risk_bp * bar_w / scale), xo = (int)(on_track_bp * bar_w / scale), x100 = bar_w * 10000 / (int)scale;
	rc = rc ? rc : buf_appendf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"threshold\"/>", xr, top - 6, xr,
				   height);
	rc = rc ? rc : buf_appendf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"threshold\"/>", xo, top - 6, xo,
				   height);
	rc = rc ? rc : buf_appendf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", x100, top - 6, x100,
				   height);
	rc = rc ? rc : text_el(out, xr - 3, 12, "chart-value", "end", at_risk_label, strlen(at_risk_label));
	rc = rc ? rc : text_el(out, xo + 3, 12, "chart-value", NULL, on_track_label, strlen(on_track_label));
	for (size_t i = 0; i < n && !rc; i++) {
		int y = top + (int)i * row_h;
		char cut[400];
		cut_label(rows[i].label, 90, cut, sizeof cut);
		rc = link_open(out, rows[i].href);
		rc = rc ? rc : text_el(out, 0, y + 12, "chart-label", NULL, cut, strlen(cut));
		if (rows[i].href && !rc)
			rc = buf_appends(out, "</a>");
		int64_t bp = rows[i].has ? rows[i].bp : 0;
		if (bp < 0)
			bp = 0;
		if (bp > scale)
			bp = scale;
		int w = (int)(bp * bar_w / scale);
		if (rows[i].has && rows[i].bp > 0 && w < 1)
			w = 1;
		rc = rc ? rc : buf_appendf(out, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"14\" class=\"track\"/>"
					       "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"14\" class=\"bar %s\"/>",
					   y + 18, bar_w, y + 18, w, status_class(rows[i].status));
		const char *t = rows[i].text ? rows[i].text : "";
		rc = rc ? rc : text_el(out, bar_w + 6, y + 30, "chart-value", NULL, t, strlen(t));
	}
	return rc ? rc : buf_appends(out, "</svg>");
}

int svg_traffic_lights(struct buf *out, const char *id, const char *title, const char *desc,
		       const struct svg_light *rows, size_t n)
{
	const int width = 640, row_h = 44, top = 6;
	int height = top + (int)n * row_h + 4;
	int rc = svg_open(out, "lights", id, width, height, title, desc);
	for (size_t i = 0; i < n && !rc; i++) {
		int y = top + (int)i * row_h;
		rc = buf_appendf(out, "<circle cx=\"16\" cy=\"%d\" r=\"13\" class=\"light %s\"/>", y + 18,
				 status_class(rows[i].status));
		char cut[400];
		cut_label(rows[i].label, 80, cut, sizeof cut);
		rc = rc ? rc : link_open(out, rows[i].href);
		rc = rc ? rc : text_el(out, 40, y + 15, "chart-label", NULL, cut, strlen(cut));
		if (rows[i].href && !rc)
			rc = buf_appends(out, "</a>");
		const char *t = rows[i].text ? rows[i].text : "";
		rc = rc ? rc : text_el(out, 40, y + 33, "chart-value", NULL, t, strlen(t));
	}
	return rc ? rc : buf_appends(out, "</svg>");
}
