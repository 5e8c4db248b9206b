/* geomap.h — maps of districts drawn on the server as SVG (no tiles, no
 * JavaScript): the district boundaries of data/peru-geo/distritos.geojson (INEI
 * 2007 limits, MPL-2.0; see data/peru-geo/README.md), projected here from
 * lon/lat (equirectangular at the map's middle latitude), rounded to whole
 * pixels and thinned where consecutive points fall on the same pixel, so a
 * province's map weighs a few kilobytes. Each district is a link with a
 * <title> (name and value) and a colour class by value (m0 = none, m1..m5). */
#ifndef MINKA_GEOMAP_H
#define MINKA_GEOMAP_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"

struct geo_value {
	const char *code;     /* 6-digit district code */
	const char *label;    /* "Chachapoyas: 9 proyectos" (the tooltip) */
	const char *href;     /* link, or NULL */
	int64_t value;        /* decides the colour */
};

/* Loads the boundaries once (thread-safe); ERR_NOTFOUND when the file is not
 * there. `dir` NULL = $MINKA_DATA, ./data, or the build-time data directory. */
int geomap_load(const char *dir, struct err *e);
/* Districts with a boundary inside `within` (a 2-digit region or 4-digit
 * province code). */
size_t geomap_count(const char *within);
/* Draws the districts inside `within`, coloured by values (districts without a
 * value are drawn as 0). id: unique in the page, [a-z0-9-]. */
int geomap_svg(struct buf *out, const char *id, const char *title, const char *desc, const char *within,
	       const struct geo_value *values, size_t n, struct err *e);
/* The colour class (0..5) of a value against the largest one. */
int geomap_class(int64_t value, int64_t max);

#endif
