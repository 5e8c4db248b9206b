/* svg.h — charts drawn on the server as inline SVG: no JavaScript, readable on
 * any phone, accessible (role="img" with <title> and <desc>; pages also show the
 * numbers as a table). Every text is HTML-escaped here. */
#ifndef MINKA_SVG_H
#define MINKA_SVG_H

#include "core/compat.h"
#include "core/buf.h"

struct svg_bar {
	const char *label;
	double value;            /* drawn length; negative drawn as 0 */
	const char *value_text;  /* shown at the end of the bar */
	const char *href;        /* optional link for the label */
	bool highlight;          /* drawn in the accent colour */
};

/* Horizontal bars, one per item (id: unique within the page, [a-z0-9-]), scaled to max_value (<= 0: the largest value). */
int svg_hbars(struct buf *out, const char *id, const char *title, const char *desc, const struct svg_bar *bars, size_t n,
	      double max_value);

/* Two bars per item, physical and financial progress, on a 0–100 % scale,
 * with a legend. Values are hundredths of a percent (clamped to 0..10000) and
 * the geometry is integer arithmetic. Labels longer than 48 characters are cut. */
struct svg_progress {
	const char *label;
	const char *href;        /* optional link for the label */
	int64_t physical_bp, financial_bp;
	const char *physical_text, *financial_text;  /* shown after each bar */
};
int svg_progress_pairs(struct buf *out, const char *id, const char *title, const char *desc, const char *physical_label,
		       const char *financial_label, const struct svg_progress *rows, size_t n);

#endif
