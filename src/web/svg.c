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
