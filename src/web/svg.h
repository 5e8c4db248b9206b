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

/* ---- monitoring (indicators) ----
 * Status classes: "on_track", "at_risk", "off_track", "no_target", "no_data"
 * become s-on, s-risk, s-off, s-none; each chart also writes the status in
 * words, so that colour is never the only cue. */

/* Target against actual per period: one column per period for the actual value
 * (coloured by its status), a tick for what was expected (dashed when it is a
 * point on the trajectory rather than a target set for the period). Values are
 * only for geometry (the page's table has the exact figures); texts are shown. */
struct svg_period {
	const char *period;          /* "2026-Q2" */
	bool has_actual, has_expected, trajectory;
	double actual, expected, expected_high;   /* high > expected: a band */
	const char *actual_text, *expected_text;
	const char *status;          /* of the actual value */
};
int svg_target_actual(struct buf *out, const char *id, const char *title, const char *desc, const char *actual_label,
		      const char *expected_label, const struct svg_period *pts, size_t n);

/* Attainment per item on a 0–120 % scale (longer bars are cut at the edge and
 * say so in their text), with the installation's thresholds drawn as lines. */
struct svg_attain {
	const char *label;
	const char *href;
	bool has;                    /* false: no attainment (no data, no target) */
	int64_t bp;                  /* hundredths of a percent */
	const char *text;            /* "87.50 % · At risk" */
	const char *status;
};
int svg_attainment(struct buf *out, const char *id, const char *title, const char *desc, const struct svg_attain *rows,
		   size_t n, int64_t on_track_bp, int64_t at_risk_bp, const char *on_track_label,
		   const char *at_risk_label);

/* A traffic light per item: a coloured disc, the status in words, the label. */
struct svg_light {
	const char *label;
	const char *href;
	const char *status;
	const char *text;            /* "On track · 92.10 % · 4 indicators" */
};
int svg_traffic_lights(struct buf *out, const char *id, const char *title, const char *desc,
		       const struct svg_light *rows, size_t n);

#endif
