/* test_articulation.c — the articulation report's figures: the pure computation
 * on a hand-made set (tracing through parents and alignments, unaligned
 * elements, items of other areas with budget shares per axis), and the report
 * on the demo (the province of Chachapoyas in 2026, its districts side by side). */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "domain/articulation.h"
#include "domain/demo.h"
#include "domain/plan.h"
#include "rules/articulation.h"
#include "core/xalloc.h"

#include <zlib.h>

/* Province 0101: PDC (plan 0) with two axes and three objectives; PDI (plan 1)
 * with two objectives; district 010108's PDC (plan 2); region 01's PDC (plan 3). */
static struct art_plan plans[] = {
	{ 1, "0101", "pdc", HORIZON_LONG },
	{ 2, "0101", "pdi", HORIZON_MEDIUM },
	{ 3, "010108", "pdc", HORIZON_LONG },
	{ 4, "01", "pdc", HORIZON_LONG },
};
static const struct art_element els[] = {
	/* 0 */ { 10, 0, -1, "axis", false },
	/* 1 */ { 11, 0, 0, "objective", true },    /* OE1 -> region */
	/* 2 */ { 12, 0, 0, "objective", false },   /* OE2 */
	/* 3 */ { 13, 0, -1, "axis", false },
	/* 4 */ { 14, 0, 3, "objective", false },   /* OE3 */
	/* 5 */ { 15, 0, 4, "indicator", false },   /* indicator under OE3 */
	/* 6 */ { 20, 1, -1, "objective", true },   /* OEI1 -> OE1 and OE3 */
	/* 7 */ { 21, 1, 6, "action", false },
	/* 8 */ { 22, 1, -1, "objective", false },  /* OEI2: unaligned */
	/* 9 */ { 23, 1, 8, "action", false },
	/* 10 */ { 30, 2, -1, "axis", false },
	/* 11 */ { 31, 2, 10, "objective", true },  /* district OE1 -> OE2's... through an action? no: -> OE2 */
	/* 12 */ { 32, 2, 10, "objective", false }, /* district OE2: unaligned */
	/* 13 */ { 40, 3, -1, "objective", false }, /* region OE1 */
};
static const struct art_link links[] = {
	{ 1, 13 }, { 6, 1 }, { 6, 4 }, { 11, 2 },
};

TEST(figures_trace_through_parents_and_alignments)
{
	const char *inner[] = { "010108", "010110" };
	struct art_input in = { .focus = "0101", .plans = plans, .nplans = ARRAY_LEN(plans), .els = els,
				.nels = ARRAY_LEN(els), .links = links, .nlinks = ARRAY_LEN(links),
				.inner = inner, .ninner = 2 };
	struct art_result r;
	REQUIRE(articulation_compute(&in, &r) == 0);
	CHECK_INT(plans[0].group, ART_FOCUS);
	CHECK_INT(plans[2].group, ART_INNER);
	CHECK_INT(plans[3].group, ART_HIGHER);
	CHECK(plans[0].expects);      /* the region's PDC is there to serve */
	CHECK(plans[1].expects);
	CHECK(!plans[3].expects);     /* nothing above the region */
	REQUIRE(r.nobjectives == 3);
	REQUIRE(r.naxes == 2);
	/* OE1: OEI1 serves it; OE2: the district objective; OE3: OEI1 and the indicator */
	CHECK_INT(r.objectives[0].institutional, 1);
	CHECK_INT(r.objectives[0].inner, 0);
	CHECK_INT(r.objectives[1].institutional, 0);
	CHECK_INT(r.objectives[1].inner, 1);
	CHECK_INT(r.objectives[2].institutional, 1);
	CHECK_INT(r.objectives[2].indicators, 1);
	CHECK_INT(r.objectives[0].axis, 0);
	CHECK_INT(r.objectives[2].axis, 1);
	/* an action under an aligned objective traces too; one under OEI2 does not */
	CHECK(r.traces[7]);
	CHECK(!r.traces[9]);
	/* unaligned in the focus government's plans: OE2 and the axis of OE3
	 * have nothing above, below or on them... OE2 is below an axis whose OE1
	 * is aligned, so the topmost unaligned element is OE2 itself; axis 2 holds
	 * OE3, aligned by nobody and aligning to nothing: the axis is listed with
	 * its 3 elements; OEI2 with its action */
	REQUIRE(r.nunaligned == 3);
	CHECK_INT(r.unaligned[0], 2);
	CHECK_INT(r.unaligned[1], 3);
	CHECK_INT(r.inside[3], 3);
	CHECK_INT(r.unaligned[2], 8);
	CHECK_INT(r.inside[8], 2);
	/* the district side by side */
	CHECK_INT(r.inner[0].plans, 1);
	CHECK_INT(r.inner[0].elements, 3);
	CHECK_INT(r.inner[0].objectives, 2);
	CHECK_INT(r.inner[0].traced, 1);
	CHECK_INT(r.inner[0].unaligned, 1);
	CHECK_INT(r.inner[1].plans, 0);
	CHECK_INT(r.matrix[1 * 2 + 0], 1);   /* OE2 x 010108 */
	CHECK_INT(r.matrix[0 * 2 + 0], 0);
	CHECK(!r.have_budget);
	articulation_release(&r);
}

TEST(items_budget_and_shares_per_axis)
{
	/* items as a project bank would report them */
	static const int e7[] = { 7 }, e2[] = { 2 }, e9[] = { 9 }, e4[] = { 4 };
	const struct art_item items[] = {
		{ .elements = e7, .nelements = 1, .budget = 100000, .project = true }, /* under OEI1: OE1 (axis 1) and OE3 (axis 2) */
		{ .elements = e2, .nelements = 1, .budget = 50000, .project = true },  /* OE2, axis 1 */
		{ .elements = e9, .nelements = 1, .budget = 25000, .project = true },  /* under OEI2: traces to nothing */
		{ .budget = 25000 },                                                    /* linked to nothing at all */
		{ .elements = e4, .nelements = 1, .budget = -1, .indicator = true },   /* an indicator of OE3, no money */
	};
	struct art_input in = { .focus = "0101", .plans = plans, .nplans = ARRAY_LEN(plans), .els = els,
				.nels = ARRAY_LEN(els), .links = links, .nlinks = ARRAY_LEN(links), .items = items,
				.nitems = ARRAY_LEN(items) };
	struct art_result r;
	REQUIRE(articulation_compute(&in, &r) == 0);
	CHECK(r.have_budget);
	CHECK_INT(r.budget_total, 200000);
	CHECK_INT(r.budget_untraced, 50000);
	REQUIRE(r.nuntraced == 2);
	CHECK_INT(r.untraced_items[0], 2);
	CHECK_INT(r.untraced_items[1], 3);
	CHECK_INT(r.projects, 3);
	CHECK_INT(r.projects_untraced, 1);
	/* coverage: an item counts in every objective it serves */
	CHECK_INT(r.objectives[0].projects, 1);
	CHECK_INT(r.objectives[0].budget, 100000);
	CHECK_INT(r.objectives[1].budget, 50000);
	CHECK_INT(r.objectives[2].budget, 100000);
	CHECK_INT(r.objectives[2].indicators, 2);   /* the element and the item */
	/* the axes partition the budget: the first project is split between its two
	 * axes (50,000 each); axis 1 = 50,000 + 50,000 = 50 %, axis 2 = 25 %, and the
	 * 50,000 that trace to nothing = 25 %: 100 % */
	CHECK_INT(r.axes[0].budget, 100000);
	CHECK_INT(r.axes[0].share_bp, 5000);
	CHECK_INT(r.axes[1].budget, 50000);
	CHECK_INT(r.axes[1].share_bp, 2500);
	CHECK_INT(r.budget_no_axis, 0);
	CHECK_INT(r.share_no_axis_bp, 0);
	CHECK_INT(r.share_untraced_bp, 2500);
	articulation_release(&r);
}

/* A province (0101) with a PDC of two axes and an objective under no axis, a
 * district (010108) with an objective aligned to the province's OE2 and one
 * aligned to nothing, and the region (01). */
static struct art_plan plans2[] = {
	{ 1, "0101", "pdc", HORIZON_LONG },
	{ 2, "010108", "pdc", HORIZON_LONG },
	{ 3, "01", "pdc", HORIZON_LONG },
};
static const struct art_element els2[] = {
	/* 0 */ { 100, 0, -1, "axis", false },
	/* 1 */ { 101, 0, 0, "objective", false },  /* OE1, axis A */
	/* 2 */ { 102, 0, -1, "axis", false },
	/* 3 */ { 103, 0, 2, "objective", false },  /* OE2, axis B */
	/* 4 */ { 104, 0, -1, "objective", false }, /* OE3, under no axis */
	/* 5 */ { 200, 1, -1, "objective", true },  /* district objective -> OE2 */
	/* 6 */ { 201, 1, -1, "objective", false }, /* district objective serving nothing */
	/* 7 */ { 300, 2, -1, "objective", false }, /* the region's */
};
static const struct art_link links2[] = { { 5, 3 } };

TEST(items_count_once_split_to_the_cent_and_inner_governments_side_by_side)
{
	static const int both_axes[] = { 1, 3 }, no_axis[] = { 4 }, axis_and_none[] = { 1, 4 }, district_oe[] = { 5 },
			 district_loose[] = { 6 }, region[] = { 7 }, oe2[] = { 3 };
	const struct art_item items[] = {
		/* 0: serves OE1 and OE2 (axes A and B): counted once, S/ 1,000.01 split 500.01 + 500.00 */
		{ .elements = both_axes, .nelements = 2, .government = "0101", .budget = 100001, .project = true },
		/* 1: a budget line of OE3 (no axis) */
		{ .elements = no_axis, .nelements = 1, .government = "0101", .budget = 33333 },
		/* 2: a project that serves nothing */
		{ .government = "0101", .budget = 33334, .project = true },
		/* 3: three cents between axis A and "no axis": 2 + 1 */
		{ .elements = axis_and_none, .nelements = 2, .budget = 3, .project = true },
		/* 4, 5: the district's, one reaching OE2 through its objective, one not */
		{ .elements = district_oe, .nelements = 1, .government = "010108", .budget = 70000, .project = true },
		{ .elements = district_loose, .nelements = 1, .government = "010108", .budget = 30000, .project = true },
		/* 6: the region's: not this report's */
		{ .elements = region, .nelements = 1, .government = "01", .budget = 999, .project = true },
		/* 7: an indicator measured for OE2 */
		{ .elements = oe2, .nelements = 1, .government = "0101", .budget = -1, .indicator = true },
	};
	const char *inner[] = { "010108", "010110" };
	struct art_input in = { .focus = "0101", .plans = plans2, .nplans = ARRAY_LEN(plans2), .els = els2,
				.nels = ARRAY_LEN(els2), .links = links2, .nlinks = ARRAY_LEN(links2), .items = items,
				.nitems = ARRAY_LEN(items), .inner = inner, .ninner = 2 };
	struct art_result r;
	REQUIRE(articulation_compute(&in, &r) == 0);
	REQUIRE(r.nobjectives == 3 && r.naxes == 2);
	CHECK_INT(r.objectives[2].axis, -1);
	/* the focus government: 1,000.01 + 333.33 + 333.34 + 0.03 = 1,666.71 */
	CHECK_INT(r.budget_total, 166671);
	CHECK_INT(r.projects, 3);
	CHECK_INT(r.projects_untraced, 1);
	CHECK_INT(r.budget_untraced, 33334);
	REQUIRE(r.nuntraced == 1);
	CHECK_INT(r.untraced_items[0], 2);
	/* coverage */
	CHECK_INT(r.objectives[0].projects, 2);       /* items 0 and 3 */
	CHECK_INT(r.objectives[0].budget, 100004);
	CHECK_INT(r.objectives[1].projects, 1);       /* item 0; the district's project is the district's */
	CHECK_INT(r.objectives[1].budget, 100001);
	CHECK_INT(r.objectives[1].indicators, 1);
	CHECK_INT(r.objectives[2].budget, 33336);      /* 333.33 + 0.03 */
	/* the partition: A = 500.01 + 0.02, B = 500.00, no axis = 333.33 + 0.01, untraced = 333.34 */
	CHECK_INT(r.axes[0].budget, 50003);
	CHECK_INT(r.axes[1].budget, 50000);
	CHECK_INT(r.budget_no_axis, 33334);
	CHECK_INT(r.axes[0].budget + r.axes[1].budget + r.budget_no_axis + r.budget_untraced, r.budget_total);
	/* 30.0018 %, 29.9992 %, 19.9998 %, 19.9998 %: floors 3000 + 2999 + 1999 + 1999 = 9997, the three
	 * hundredths left go to the largest remainders (no axis, untraced, then B) */
	CHECK_INT(r.axes[0].share_bp, 3000);
	CHECK_INT(r.axes[1].share_bp, 3000);
	CHECK_INT(r.share_no_axis_bp, 2000);
	CHECK_INT(r.share_untraced_bp, 2000);
	/* the district side by side: S/ 1,000.00, of which 700.00 reach the province's OE2 */
	const struct art_inner *d = &r.inner[0];
	CHECK_INT(d->projects, 2);
	CHECK_INT(d->projects_traced, 1);
	CHECK_INT(d->budget, 100000);
	CHECK_INT(d->budget_traced, 70000);
	CHECK_INT(d->rows[0], 0);
	CHECK_INT(d->rows[1], 70000);
	CHECK_INT(d->rows[ART_ROW_UNTRACED(2)], 30000);
	CHECK_INT(d->rows_bp[1], 7000);
	CHECK_INT(d->rows_bp[ART_ROW_UNTRACED(2)], 3000);
	CHECK_INT(r.matrix_projects[1 * 2 + 0], 1);   /* OE2 x 010108 */
	CHECK_INT(r.matrix_budget[1 * 2 + 0], 70000);
	CHECK_INT(r.matrix_projects[0 * 2 + 0], 0);
	CHECK_INT(r.inner[1].budget, 0);              /* Leimebamba: nothing */
	CHECK_INT(r.inner[1].rows_bp[0], 0);
	articulation_release(&r);
}

TEST(shares_add_up_to_one_hundred_percent)
{
	int64_t bp[4];
	const int64_t thirds[] = { 1, 1, 1 };
	articulation_shares_bp(thirds, 3, 3, bp);         /* 33.33 x 3 would be 99.99 */
	CHECK_INT(bp[0], 3334);
	CHECK_INT(bp[1], 3333);
	CHECK_INT(bp[2], 3333);
	const int64_t sixths[] = { 1, 1, 1, 3 };          /* 16.666.. x 3 + 50: 16.67 16.67 16.66 50.00 */
	articulation_shares_bp(sixths, 4, 6, bp);
	CHECK_INT(bp[0], 1667);
	CHECK_INT(bp[1], 1667);
	CHECK_INT(bp[2], 1666);
	CHECK_INT(bp[3], 5000);
	const int64_t big[] = { INT64_MAX / 2, INT64_MAX / 2 };   /* no overflow on large sums */
	articulation_shares_bp(big, 2, INT64_MAX / 2 * 2, bp);
	CHECK_INT(bp[0], 5000);
	CHECK_INT(bp[1], 5000);
	const int64_t none[] = { 0, 0 };
	articulation_shares_bp(none, 2, 0, bp);
	CHECK_INT(bp[0] + bp[1], 0);
}

TEST(a_cycle_in_the_data_does_not_hang)
{
	struct art_plan p2[] = { { 1, "0101", "pdc", HORIZON_LONG }, { 2, "0101", "pdc", HORIZON_LONG } };
	const struct art_element e2[] = { { 1, 0, -1, "objective", true }, { 2, 1, -1, "objective", true } };
	const struct art_link l2[] = { { 0, 1 }, { 1, 0 } };
	struct art_input in = { .focus = "0101", .plans = p2, .nplans = 2, .els = e2, .nels = 2, .links = l2, .nlinks = 2 };
	struct art_result r;
	REQUIRE(articulation_compute(&in, &r) == 0);
	CHECK_INT(r.nobjectives, 2);
	CHECK(r.traces[0] && r.traces[1]);
	articulation_release(&r);
}

/* The text of every file of a zip archive (an XLSX), inflated and joined:
 * enough to look for the cells' values. Caller frees. */
static char *xlsx_text(const struct buf *zip)
{
	const unsigned char *z = (const unsigned char *)zip->data;
	size_t n = zip->len, eocd = n;
	for (size_t i = n >= 22 ? n - 22 : 0; i + 4 <= n && eocd == n; i--) {
		if (z[i] == 0x50 && z[i + 1] == 0x4b && z[i + 2] == 5 && z[i + 3] == 6)
			eocd = i;
		if (i == 0)
			break;
	}
	struct buf out;
	buf_init(&out, 0);
	if (eocd == n) {
		test_fail(__FILE__, __LINE__, "not a zip archive");
		return xstrdup("");
	}
#define U16(p) ((size_t)(p)[0] | (size_t)(p)[1] << 8)
#define U32(p) ((size_t)(p)[0] | (size_t)(p)[1] << 8 | (size_t)(p)[2] << 16 | (size_t)(p)[3] << 24)
	size_t entries = U16(z + eocd + 10), at = U32(z + eocd + 16);
	for (size_t k = 0; k < entries && at + 46 <= n; k++) {
		const unsigned char *c = z + at;
		size_t method = U16(c + 10), csize = U32(c + 20), usize = U32(c + 24), off = U32(c + 42);
		size_t local = off + 30 + U16(z + off + 26) + U16(z + off + 28);
		if (local + csize <= n && method == 8) {
			unsigned char *raw = xmalloc(usize + 1);
			z_stream s = { .next_in = (unsigned char *)z + local, .avail_in = (uInt)csize, .next_out = raw,
				       .avail_out = (uInt)usize };
			if (inflateInit2(&s, -MAX_WBITS) == Z_OK) {
				inflate(&s, Z_FINISH);
				buf_append(&out, raw, usize - s.avail_out);
				inflateEnd(&s);
			}
			free(raw);
		} else if (local + csize <= n && method == 0) {
			buf_append(&out, z + local, csize);
		}
		at += 46 + U16(c + 28) + U16(c + 30) + U16(c + 32);
	}
#undef U16
#undef U32
	size_t len;
	char *s = buf_detach(&out, &len);
	return s ? s : xstrdup("");
}

static struct db *demo_db(void)
{
	struct db *db = test_db_territory();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	REQUIRE(c && demo_seed(c, &(struct actor){ .name = "test" }, 1795000000, &e) == 0);
	db_release(c);
	return db;
}

static const json_t *find_code(const json_t *arr, const char *code)
{
	size_t i;
	const json_t *o;
	json_array_foreach(arr, i, o)
		if (str_eq(json_get_str(o, "code", ""), code))
			return o;
	return NULL;
}

TEST(the_demo_report_of_chachapoyas)
{
	struct db *db = demo_db();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	json_t *rep;
	/* asked by the capital district: the province's government answers */
	REQUIRE(articulation_report(c, "010101", 2026, &rep, &e) == 0);
	CHECK_STR(json_get_str(json_object_get(rep, "government"), "code", ""), "0101");
	CHECK_INT(json_array_size(json_object_get(rep, "plans")), 3);    /* PDC, PDI, POI 2026 */
	CHECK_INT(json_array_size(json_object_get(rep, "higher_plans")), 1);
	const json_t *cov = json_object_get(rep, "coverage");
	REQUIRE(json_array_size(cov) == 7);
	const json_t *oe1 = find_code(cov, "OE1"), *oe2 = find_code(cov, "OE2"), *oe3 = find_code(cov, "OE3"),
		     *oe4 = find_code(cov, "OE4"), *oe5 = find_code(cov, "OE5"), *oe6 = find_code(cov, "OE6"),
		     *oe7 = find_code(cov, "OE7");
	REQUIRE(oe1 && oe2 && oe3 && oe4 && oe5 && oe6 && oe7);
	CHECK_INT(json_get_int(oe1, "institutional", -1), 1);   /* PDI OEI2 */
	CHECK_INT(json_get_int(oe1, "inner", -1), 1);           /* Huancas */
	CHECK_INT(json_get_int(oe1, "indicators", -1), 1);
	CHECK_INT(json_get_int(oe2, "inner", -1), 2);           /* Huancas and Leimebamba */
	CHECK_INT(json_get_int(oe3, "institutional", -1), 2);   /* PDI OEI1 and, through it, POI OI1 */
	CHECK_INT(json_get_int(oe3, "inner", -1), 1);
	CHECK_INT(json_get_int(oe6, "institutional", -1), 3);   /* OEI3, OEI4 and POI OI2 */
	CHECK_INT(json_get_int(oe4, "institutional", -1), 0);
	CHECK(!json_is_true(json_object_get(oe4, "served")));
	CHECK_STR(json_get_str(oe3, "axis_code", ""), "EJE2");
	CHECK_STR(json_get_str(oe7, "axis_code", ""), "EJE5");
	/* the project bank and the investment plan: the demo's initiatives of 2026
	 * (the irrigation canal, not viable, is not the year's) serve the objectives
	 * their titles name (demo_align.c); the sports court serves none. The year's
	 * draft plan: water S/ 485,000.00 (OE3, axis EJE2), the street S/ 1,100,000.00
	 * + 100,000.00 (OE7, axis EJE5) */
	CHECK(json_is_true(json_object_get(rep, "projects_connected")));
	CHECK_INT(json_get_int(oe1, "projects", -1), 1);        /* the producers' market */
	CHECK_INT(json_get_int(oe1, "budget", -1), 0);
	CHECK_INT(json_get_int(oe3, "projects", -1), 1);        /* Higos Urco's water */
	CHECK_INT(json_get_int(oe3, "budget", -1), 48500000);
	CHECK_INT(json_get_int(oe5, "projects", -1), 1);        /* Levanto's forests */
	CHECK_INT(json_get_int(oe7, "projects", -1), 1);        /* jirón Libertad */
	CHECK_INT(json_get_int(oe7, "budget", -1), 120000000);
	CHECK_INT(json_get_int(oe4, "projects", -1), 0);
	const json_t *budget = json_object_get(rep, "budget");
	CHECK_INT(json_get_int(budget, "total", -1), 168500000);
	CHECK_INT(json_get_int(budget, "untraced", -1), 0);
	CHECK_INT(json_get_int(budget, "no_axis", -1), 0);
	/* 485,000 / 1,685,000 = 28.783 %, 1,200,000 / 1,685,000 = 71.216 %: 2878 + 7121 = 9999, the
	 * hundredth left to the larger remainder (0.66 against 0.33): 28.78 + 71.22 = 100.00 */
	const json_t *eje2 = find_code(json_object_get(rep, "axes"), "EJE2"),
		     *eje5 = find_code(json_object_get(rep, "axes"), "EJE5"),
		     *eje1 = find_code(json_object_get(rep, "axes"), "EJE1");
	REQUIRE(eje2 && eje5 && eje1);
	CHECK_INT(json_get_int(eje2, "budget", -1), 48500000);
	CHECK_INT(json_get_int(eje2, "share_bp", -1), 2878);
	CHECK_INT(json_get_int(eje5, "share_bp", -1), 7122);
	CHECK_INT(json_get_int(eje1, "share_bp", -1), 0);
	CHECK(json_real_value(json_object_get(eje5, "share_pct")) == 71.22);
	const json_t *untraced = json_object_get(rep, "untraced_items");
	REQUIRE(json_array_size(untraced) == 1);
	CHECK_STR(json_get_str(json_array_get(untraced, 0), "title", ""), "Losa deportiva multiuso en Pencapampa");
	/* the PDI's risk-management objective serves no PDC objective */
	const json_t *un = json_object_get(rep, "unaligned");
	REQUIRE(json_array_size(un) == 1);
	CHECK_STR(json_get_str(json_array_get(un, 0), "code", ""), "OEI5");
	const json_t *sum = json_object_get(rep, "summary");
	CHECK_INT(json_get_int(sum, "objectives", 0), 7);
	CHECK_INT(json_get_int(sum, "objectives_served", 0), 6);   /* all but OE4, anaemia */
	CHECK_INT(json_get_int(sum, "projects", 0), 5);
	CHECK_INT(json_get_int(sum, "projects_untraced", 0), 1);
	/* its 20 district municipalities side by side */
	const json_t *inner = json_object_get(rep, "inner");
	CHECK_STR(json_get_str(inner, "level", ""), "district");
	const json_t *govs = json_object_get(inner, "governments");
	CHECK_INT(json_array_size(govs), 20);
	const json_t *huancas = find_code(govs, "010108"), *leime = find_code(govs, "010110");
	REQUIRE(huancas && leime);
	CHECK_INT(json_get_int(huancas, "objectives", 0), 4);
	CHECK_INT(json_get_int(huancas, "traced", 0), 4);
	CHECK_INT(json_get_int(huancas, "unaligned", -1), 0);
	CHECK_INT(json_get_int(leime, "traced", 0), 1);
	CHECK_INT(json_get_int(leime, "unaligned", -1), 1);
	CHECK_INT(json_array_size(json_object_get(find_code(govs, "010102"), "plans")), 0);
	/* XLSX from the same figures */
	struct buf x;
	buf_init(&x, 0);
	CHECK(articulation_xlsx(rep, NULL, &x, &e) == 0);
	CHECK(x.len > 2000 && memcmp(x.data, "PK", 2) == 0);
	/* read back: the workbook's XML holds the report's figures (soles as numbers) */
	char *xml = xlsx_text(&x);
	CHECK_CONTAINS(xml, "Losa deportiva multiuso en Pencapampa");        /* the untraced sheet */
	CHECK_CONTAINS(xml, "Integración territorial y conectividad");
	CHECK_CONTAINS(xml, "<v>1200000</v>");                              /* EJE5, S/ */
	CHECK_CONTAINS(xml, "<v>71.22</v>");                                /* its share */
	CHECK_CONTAINS(xml, "<v>28.78</v>");
	CHECK_CONTAINS(xml, "<v>1685000</v>");                              /* the total */
	CHECK_CONTAINS(xml, "<v>485000</v>");                               /* OE3's budget */
	free(xml);
	buf_release(&x);
	json_decref(rep);
	/* a district: no inner governments; Huancas' PDC expects to serve the province */
	REQUIRE(articulation_report(c, "010108", 2026, &rep, &e) == 0);
	CHECK(json_is_null(json_object_get(rep, "inner")));
	CHECK_INT(json_array_size(json_object_get(rep, "higher_plans")), 2);
	CHECK_INT(json_array_size(json_object_get(rep, "unaligned")), 0);
	json_decref(rep);
	/* a year with no plan in force */
	REQUIRE(articulation_report(c, "0101", 2035, &rep, &e) == 0);
	CHECK_INT(json_array_size(json_object_get(rep, "plans")), 0);
	json_decref(rep);
	CHECK(articulation_report(c, "999999", 2026, &rep, &e) == ERR_NOTFOUND);
	CHECK(articulation_report(c, "0101", 1200, &rep, &e) == ERR_INVALID);
	db_release(c);
	db_close(db);
}

/* ---- the hook: a project bank as issue 7 will plug it in ---- */

static int fake_items(struct db_conn *c, const struct artic_query *q, artic_item_cb cb, void *arg, struct err *e)
{
	(void)c;
	(void)e;
	/* demo element ids: 10 is the province's ES3.1 (water, axis EJE2), 47 the PDI's unaligned OEI5 */
	static const struct artic_item items[] = {
		{ "project", 1, "2345678", "Mejoramiento del sistema de agua de Taquia", "/projects/1", "0101", 10, -1 },
		{ "budget_line", 2, "2026-01", "Agua de Taquia, 2026", NULL, "0101", 10, 500000 },
		{ "budget_line", 3, "2026-02", "Gastos sin objetivo", NULL, "0101", 0, 100000 },
		{ "project", 4, "2456789", "Sistema de alerta temprana", NULL, "0101", 47, 200000 },
	};
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		if (q->element_id && items[i].element_id != q->element_id)
			continue;
		int rc = cb(&items[i], arg);
		if (rc)
			return rc;
	}
	return 0;
}

static const struct artic_source fake_bank = { "Project bank", "project budget_line", fake_items };
static const struct artic_source *const fake_sources[] = { &fake_bank, NULL };

TEST(a_registered_source_flows_into_the_report_and_the_delete_check)
{
	struct db *db = demo_db();
	struct err e;
	err_init(&e, NULL);
	struct db_conn *c = db_acquire(db, &e);
	const struct artic_source *const *saved = artic_sources;
	artic_sources = fake_sources;
	json_t *rep;
	REQUIRE(articulation_report(c, "0101", 2026, &rep, &e) == 0);
	CHECK(json_is_true(json_object_get(rep, "projects_connected")));
	const json_t *oe3 = find_code(json_object_get(rep, "coverage"), "OE3");
	const json_t *oe1 = find_code(json_object_get(rep, "coverage"), "OE1");
	REQUIRE(oe3 && oe1);
	CHECK_INT(json_get_int(oe3, "projects", -1), 1);
	CHECK_INT(json_get_int(oe3, "budget", -1), 500000);
	CHECK_INT(json_get_int(oe1, "projects", -1), 0);
	CHECK_INT(json_get_int(oe1, "budget", -1), 0);
	const json_t *budget = json_object_get(rep, "budget");
	CHECK_INT(json_get_int(budget, "total", -1), 800000);
	CHECK_INT(json_get_int(budget, "untraced", -1), 300000);
	CHECK_INT(json_array_size(json_object_get(rep, "untraced_items")), 2);
	const json_t *eje2 = find_code(json_object_get(rep, "axes"), "EJE2");
	REQUIRE(eje2);
	CHECK(json_real_value(json_object_get(eje2, "share_pct")) == 62.5);
	json_decref(rep);
	/* the element the project traces to cannot be deleted */
	struct actor who = { .name = "test" };
	CHECK(plan_element_delete(c, &who, 1795000000, 10, &e) == ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "2345678");
	CHECK_CONTAINS(e.msg, "traces to it");
	json_t *deps;
	REQUIRE(plan_element_dependents(c, 10, &deps, &e) == 0);
	CHECK_INT(json_array_size(deps), 2);
	json_decref(deps);
	artic_sources = saved;
	/* without the source: deletable (the leaf has nothing else depending on it) */
	CHECK(plan_element_delete(c, &who, 1795000000, 10, &e) == 0);
	db_release(c);
	db_close(db);
}
