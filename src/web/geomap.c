/* geomap.c — district boundaries to SVG. Coordinates are kept as integer
 * thousandths of a degree (the bundled file has three decimals, ~110 m). */
#include "core/compat.h"
#include "web/geomap.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <sys/stat.h>

#ifndef MINKA_DATA_DIR
#define MINKA_DATA_DIR "data"
#endif

#define MAP_WIDTH 640

struct district {
	char code[7];
	size_t first_ring, nrings;
};

struct ring {
	size_t first, n;   /* points */
};

static struct {
	struct district *d;
	size_t nd;
	struct ring *rings;
	size_t nrings;
	int32_t *pts;      /* lon, lat pairs in thousandths of a degree */
	size_t npts;
	int rc;
	char dir[512];
} geo;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t dir_mu = PTHREAD_MUTEX_INITIALIZER;

static void add_ring(json_t *ring, size_t *cap_r, size_t *cap_p)
{
	size_t n = json_array_size(ring);
	if (n < 3)
		return;
	if (geo.nrings == *cap_r) {
		*cap_r = *cap_r ? *cap_r * 2 : 1024;
		geo.rings = xrealloc(geo.rings, *cap_r * sizeof *geo.rings);
	}
	if (geo.npts + n > *cap_p) {
		while (geo.npts + n > *cap_p)
			*cap_p = *cap_p ? *cap_p * 2 : 65536;
		geo.pts = xrealloc(geo.pts, *cap_p * 2 * sizeof *geo.pts);
	}
	geo.rings[geo.nrings].first = geo.npts;
	size_t i;
	json_t *pt;
	json_array_foreach(ring, i, pt) {
		double lon = json_number_value(json_array_get(pt, 0)), lat = json_number_value(json_array_get(pt, 1));
		geo.pts[2 * geo.npts] = (int32_t)lround(lon * 1000);
		geo.pts[2 * geo.npts + 1] = (int32_t)lround(lat * 1000);
		geo.npts++;
	}
	geo.rings[geo.nrings].n = geo.npts - geo.rings[geo.nrings].first;
	geo.nrings++;
}

static int cmp_district(const void *a, const void *b)
{
	return strcmp(((const struct district *)a)->code, ((const struct district *)b)->code);
}

static void load(void)
{
	char path[600];
	snprintf(path, sizeof path, "%s/peru-geo/distritos.geojson", geo.dir);
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		geo.rc = ERR_NOTFOUND;
		return;
	}
	json_t *features = json_object_get(root, "features");
	size_t nf = json_array_size(features), cap_r = 0, cap_p = 0;
	geo.d = xcalloc(nf ? nf : 1, sizeof *geo.d);
	size_t i;
	json_t *f;
	json_array_foreach(features, i, f) {
		const char *code = json_string_value(json_object_get(json_object_get(f, "properties"), "code"));
		json_t *g = json_object_get(f, "geometry");
		if (!code || strlen(code) != 6 || !g)
			continue;
		struct district *d = &geo.d[geo.nd];
		snprintf(d->code, sizeof d->code, "%s", code);
		d->first_ring = geo.nrings;
		const char *type = json_string_value(json_object_get(g, "type"));
		json_t *coords = json_object_get(g, "coordinates");
		size_t j, k;
		json_t *poly, *ring;
		if (str_eq(type, "Polygon")) {
			json_array_foreach(coords, k, ring)
				add_ring(ring, &cap_r, &cap_p);
		} else if (str_eq(type, "MultiPolygon")) {
			json_array_foreach(coords, j, poly)
				json_array_foreach(poly, k, ring)
					add_ring(ring, &cap_r, &cap_p);
		}
		d->nrings = geo.nrings - d->first_ring;
		if (d->nrings)
			geo.nd++;
	}
	json_decref(root);
	qsort(geo.d, geo.nd, sizeof *geo.d, cmp_district);
	geo.rc = 0;
}

static bool is_file(const char *dir)
{
	char path[600];
	struct stat st;
	snprintf(path, sizeof path, "%s/peru-geo/distritos.geojson", dir);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int geomap_load(const char *dir, struct err *e)
{
	pthread_mutex_lock(&dir_mu);
	if (!geo.dir[0]) {
		const char *env = getenv("MINKA_DATA");
		const char *d = dir && *dir ? dir : env && *env ? env : is_file("data") ? "data" : MINKA_DATA_DIR;
		snprintf(geo.dir, sizeof geo.dir, "%s", d);
	}
	pthread_mutex_unlock(&dir_mu);
	pthread_once(&once, load);
	if (geo.rc)
		return err_set(e, geo.rc, "The district boundaries are not installed (%s/peru-geo)", geo.dir);
	return 0;
}

/* The districts inside `within`: [*lo, *hi). */
static void range(const char *within, size_t *lo, size_t *hi)
{
	size_t wl = strlen(within), a = 0, b = geo.nd;
	while (a < b) {
		size_t m = (a + b) / 2;
		if (strncmp(geo.d[m].code, within, wl) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < geo.nd && strncmp(geo.d[a].code, within, wl) == 0)
		a++;
	*hi = a;
}

size_t geomap_count(const char *within)
{
	struct err e;
	err_init(&e, NULL);
	if (geomap_load(NULL, &e))
		return 0;
	size_t lo, hi;
	range(within, &lo, &hi);
	return hi - lo;
}

int geomap_class(int64_t value, int64_t max)
{
	/* halvings of the largest value: counts of projects are skewed (the
	 * capital has many), so equal steps would leave every other district pale */
	if (value <= 0 || max <= 0)
		return 0;
	int c = 5;
	while (c > 1 && value * 2 <= max) {
		value *= 2;
		c--;
	}
	return c;
}

int geomap_svg(struct buf *out, const char *id, const char *title, const char *desc, const char *within,
	       const struct geo_value *values, size_t n, struct err *e)
{
	int rc = geomap_load(NULL, e);
	if (rc)
		return rc;
	size_t lo, hi;
	range(within, &lo, &hi);
	if (lo == hi)
		return err_set(e, ERR_NOTFOUND, "No district boundaries for %.6s", within);
	int32_t minx = INT32_MAX, maxx = INT32_MIN, miny = INT32_MAX, maxy = INT32_MIN;
	for (size_t i = lo; i < hi; i++)
		for (size_t r = geo.d[i].first_ring; r < geo.d[i].first_ring + geo.d[i].nrings; r++)
			for (size_t p = geo.rings[r].first; p < geo.rings[r].first + geo.rings[r].n; p++) {
				int32_t x = geo.pts[2 * p], y = geo.pts[2 * p + 1];
				minx = x < minx ? x : minx;
				maxx = x > maxx ? x : maxx;
				miny = y < miny ? y : miny;
				maxy = y > maxy ? y : maxy;
			}
	/* equirectangular at the middle latitude: a degree of longitude is cos(lat)
	 * of a degree of latitude */
	double kx = cos((miny + maxy) / 2000.0 * M_PI / 180.0);
	double w = (maxx - minx) * kx, h = maxy - miny;
	if (w <= 0 || h <= 0)
		return err_set(e, ERR_NOTFOUND, "No district boundaries for %.6s", within);
	const int pad = 4;
	double scale = (MAP_WIDTH - 2 * pad) / w;
	int height = (int)lround(h * scale) + 2 * pad;
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		max = values[i].value > max ? values[i].value : max;
	rc = buf_appendf(out,
			 "<svg class=\"map\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-labelledby=\"%s-t %s-d\""
			 " xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-t\">",
			 MAP_WIDTH, height, id, id, id);
	rc = rc ? rc : buf_append_html(out, title, strlen(title));
	rc = rc ? rc : buf_appendf(out, "</title><desc id=\"%s-d\">", id);
	rc = rc ? rc : buf_append_html(out, desc, strlen(desc));
	rc = rc ? rc : buf_appends(out, "</desc>");
	for (size_t i = lo; i < hi && !rc; i++) {
		const struct district *d = &geo.d[i];
		const struct geo_value *v = NULL;
		for (size_t k = 0; k < n && !v; k++)
			if (str_eq(values[k].code, d->code))
				v = &values[k];
		if (v && v->href) {
			rc = buf_appends(out, "<a href=\"");
			rc = rc ? rc : buf_append_html(out, v->href, strlen(v->href));
			rc = rc ? rc : buf_appends(out, "\">");
		}
		rc = rc ? rc : buf_appendf(out, "<path class=\"m%d\" data-code=\"%s\" d=\"", geomap_class(v ? v->value : 0, max),
					   d->code);
		for (size_t r = d->first_ring; r < d->first_ring + d->nrings && !rc; r++) {
			long px = LONG_MIN, py = LONG_MIN;
			size_t drawn = 0;
			for (size_t p = geo.rings[r].first; p < geo.rings[r].first + geo.rings[r].n && !rc; p++) {
				long x = lround((geo.pts[2 * p] - minx) * kx * scale) + pad;
				long y = lround((maxy - geo.pts[2 * p + 1]) * scale) + pad;
				if (x == px && y == py)
					continue; /* the same pixel: thin it out */
				rc = buf_appendf(out, "%s%ld %ld", drawn ? "L" : "M", x, y);
				px = x, py = y;
				drawn++;
			}
			if (!rc && drawn)
				rc = buf_appendc(out, 'Z');
		}
		rc = rc ? rc : buf_appends(out, "\">");
		if (v && v->label && !rc) {
			rc = buf_appends(out, "<title>");
			rc = rc ? rc : buf_append_html(out, v->label, strlen(v->label));
			rc = rc ? rc : buf_appends(out, "</title>");
		}
		rc = rc ? rc : buf_appends(out, "</path>");
		if (v && v->href && !rc)
			rc = buf_appends(out, "</a>");
	}
	rc = rc ? rc : buf_appends(out, "</svg>");
	return rc ? err_set(e, rc, "The map is too large") : 0;
}
