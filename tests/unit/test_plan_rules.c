/* test_plan_rules.c — the pure rules of planning: levels, numbering of the
 * tree (codes stay consistent when elements move), and the alignment check
 * (no cycles, only toward the same or a higher territorial level and an equal or
 * longer horizon, with clear messages). */
#include "core/compat.h"
#include "test.h"
#include "core/i18n.h"
#include "rules/plan_rules.h"

static struct plan_levels pdc_levels(void)
{
	struct plan_levels lv;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(plan_levels_parse(plan_instrument_find("pdc")->levels, &lv, &e) == 0);
	return lv;
}

TEST(instruments_have_horizons_from_the_guide)
{
	CHECK_INT(plan_instrument_find("pdc")->horizon, HORIZON_LONG);
	CHECK_INT(plan_instrument_find("pdi")->horizon, HORIZON_MEDIUM);
	CHECK_INT(plan_instrument_find("pde")->horizon, HORIZON_MEDIUM);
	CHECK_INT(plan_instrument_find("poi")->horizon, HORIZON_SHORT);
	CHECK(plan_instrument_find("pdc")->territorial);
	CHECK(!plan_instrument_find("pdi")->territorial);
	CHECK(plan_instrument_find("budget") == NULL);
	size_t n;
	const struct plan_instrument *all = plan_instruments(&n);
	for (size_t i = 0; i < n; i++) {
		struct plan_levels lv;
		struct err e;
		err_init(&e, NULL);
		CHECK(plan_levels_parse(all[i].levels, &lv, &e) == 0);
	}
	CHECK_STR(plan_horizon_key(plan_horizon_parse("medium")), "medium");
	CHECK_INT(plan_horizon_parse("eternal"), 0);
}

TEST(levels_parse_and_format)
{
	struct plan_levels lv;
	struct err e;
	err_init(&e, NULL);
	REQUIRE(plan_levels_parse("axis:EJE, objective:OE.  action", &lv, &e) == 0);
	CHECK_INT(lv.n, 3);
	CHECK_STR(lv.l[1].prefix, "OE.");
	CHECK_STR(lv.l[2].prefix, "AE");
	char out[200];
	plan_levels_format(&lv, out, sizeof out);
	CHECK_STR(out, "axis:EJE objective:OE. action:AE");
	CHECK_INT(plan_levels_index(&lv, "action"), 2);
	CHECK_INT(plan_levels_index(&lv, "strategy"), -1);
	CHECK(plan_levels_parse("axis objective axis", &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "twice");
	CHECK(plan_levels_parse("axis:EJE galaxy", &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "galaxy");
	CHECK(plan_levels_parse("axis:E J", &lv, &e) == ERR_INVALID);
	CHECK(plan_levels_parse("axis:EJE/1", &lv, &e) == ERR_INVALID);
	CHECK(plan_levels_parse("  ", &lv, &e) == ERR_INVALID);
}

TEST(codes_and_periods)
{
	struct err e;
	err_init(&e, NULL);
	CHECK(plan_code_check("OE1.2", &e) == 0);
	CHECK(plan_code_check("AEI.01.02", &e) == 0);
	CHECK(plan_code_check("", &e) == ERR_INVALID);
	CHECK(plan_code_check("OE 1", &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "no spaces");
	CHECK(plan_code_check("ABCDEFGHIJKLMNOPQRSTUVWXYZ", &e) == ERR_INVALID);
	CHECK(plan_period_check(2022, 2030, &e) == 0);
	CHECK(plan_period_check(2030, 2022, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "comes before");
	CHECK(plan_period_check(1800, 2022, &e) == ERR_INVALID);
}

/* A PDC: two axes; objectives numbered across the plan; strategies and actions
 * under their objective; a sub-objective under its objective. */
TEST(numbering_follows_the_tree)
{
	struct plan_levels lv = pdc_levels();
	struct plan_node n[] = {
		{ .id = 1, .parent = -1, .position = 1, .kind = "axis", .code_auto = true, .title = "Economía" },
		{ .id = 2, .parent = 0, .position = 1, .kind = "objective", .code_auto = true, .title = "Turismo" },
		{ .id = 3, .parent = 0, .position = 2, .kind = "objective", .code_auto = true, .title = "Agro" },
		{ .id = 4, .parent = -1, .position = 2, .kind = "axis", .code_auto = true, .title = "Servicios" },
		{ .id = 5, .parent = 3, .position = 1, .kind = "objective", .code_auto = true, .title = "Agua" },
		{ .id = 6, .parent = 4, .position = 1, .kind = "strategy", .code_auto = true, .title = "JASS" },
		{ .id = 7, .parent = 5, .position = 1, .kind = "action", .code_auto = true, .title = "Cloración" },
		{ .id = 8, .parent = 5, .position = 2, .kind = "action", .code_auto = true, .title = "Tarifas" },
		{ .id = 9, .parent = 4, .position = 2, .kind = "objective", .code_auto = true, .title = "Agua rural" },
		{ .id = 10, .parent = 1, .position = 1, .kind = "indicator", .code_auto = true, .title = "Visitantes" },
	};
	struct err e;
	err_init(&e, NULL);
	REQUIRE(plan_tree_number(n, ARRAY_LEN(n), &lv, &e) == 0);
	CHECK_STR(n[0].code, "EJE1");
	CHECK_STR(n[1].code, "OE1");
	CHECK_STR(n[2].code, "OE2");
	CHECK_STR(n[3].code, "EJE2");
	CHECK_STR(n[4].code, "OE3");
	CHECK_STR(n[5].code, "ES3.1");
	CHECK_STR(n[6].code, "AE3.1.1");
	CHECK_STR(n[7].code, "AE3.1.2");
	CHECK_STR(n[8].code, "OE3.1");       /* an objective under an objective */
	CHECK_STR(n[9].code, "IND1.1");
	CHECK_INT(n[6].depth, 4);
}

/* Moving an element renumbers it and its old and new siblings; positions are
 * normalized to 1..n; a typed code is kept. */
TEST(moving_renumbers_consistently)
{
	struct plan_levels lv = pdc_levels();
	struct plan_node n[] = {
		{ .id = 1, .parent = -1, .position = 1, .kind = "axis", .code_auto = true, .title = "A" },
		{ .id = 2, .parent = 0, .position = 1, .kind = "objective", .code_auto = true, .title = "B" },
		{ .id = 3, .parent = 0, .position = 2, .kind = "objective", .code_auto = true, .title = "C" },
		{ .id = 4, .parent = 2, .position = 1, .kind = "action", .code_auto = true, .title = "D" },
		{ .id = 5, .parent = -1, .position = 2, .kind = "axis", .code_auto = true, .title = "E" },
		{ .id = 6, .parent = 4, .position = 1, .kind = "objective", .code_auto = false, .code = "OE.X", .title = "F" },
	};
	struct err e;
	err_init(&e, NULL);
	REQUIRE(plan_tree_number(n, ARRAY_LEN(n), &lv, &e) == 0);
	CHECK_STR(n[2].code, "OE2");
	CHECK_STR(n[3].code, "AE2.1");
	/* move C (with its action) before B: placed at position 0.5 */
	n[2].position = 0;
	REQUIRE(plan_tree_number(n, ARRAY_LEN(n), &lv, &e) == 0);
	CHECK_STR(n[2].code, "OE1");
	CHECK_STR(n[1].code, "OE2");
	CHECK_STR(n[3].code, "AE1.1");
	CHECK_INT(n[2].position, 1);
	CHECK_INT(n[1].position, 2);
	/* move B to the second axis, after F */
	n[1].parent = 4;
	n[1].position = 9;
	REQUIRE(plan_tree_number(n, ARRAY_LEN(n), &lv, &e) == 0);
	/* F keeps its typed code but takes its place in the sequence: B is the third */
	CHECK_STR(n[5].code, "OE.X");
	CHECK_STR(n[1].code, "OE3");
	CHECK_INT(n[1].position, 2);
	CHECK_INT(n[5].position, 1);
}

TEST(tree_refusals_have_precise_messages)
{
	struct plan_levels lv = pdc_levels();
	struct err e;
	err_init(&e, NULL);
	/* a duplicate typed code */
	struct plan_node dup[] = {
		{ .id = 1, .parent = -1, .position = 1, .kind = "objective", .code_auto = true, .title = "Turismo" },
		{ .id = 2, .parent = -1, .position = 2, .kind = "objective", .code_auto = false, .code = "OE1", .title = "Agro" },
	};
	CHECK(plan_tree_number(dup, 2, &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "Duplicate code OE1");
	CHECK_CONTAINS(e.msg, "Turismo");
	CHECK_CONTAINS(e.msg, "Agro");
	/* an element inside its own child */
	struct plan_node loop[] = {
		{ .id = 1, .parent = 1, .position = 1, .kind = "objective", .code_auto = true, .title = "A" },
		{ .id = 2, .parent = 0, .position = 1, .kind = "action", .code_auto = true, .title = "B" },
	};
	CHECK(plan_tree_number(loop, 2, &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "inside itself");
	/* an axis under an objective */
	struct plan_node order[] = {
		{ .id = 1, .parent = -1, .position = 1, .kind = "objective", .code_auto = true, .title = "Obj" },
		{ .id = 2, .parent = 0, .position = 1, .kind = "axis", .code_auto = true, .title = "Eje" },
	};
	CHECK(plan_tree_number(order, 2, &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cannot go under");
	/* a kind the plan does not have */
	struct plan_node kind[] = { { .id = 1, .parent = -1, .kind = "program", .code_auto = true, .title = "P" } };
	CHECK(plan_tree_number(kind, 1, &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "not one of this plan's kinds");
	/* too deep */
	struct plan_node deep[PLAN_MAX_DEPTH + 1];
	for (int i = 0; i <= PLAN_MAX_DEPTH; i++)
		deep[i] = (struct plan_node){ .id = i + 1, .parent = i - 1, .kind = "objective", .code_auto = true, .title = "x" };
	CHECK(plan_tree_number(deep, PLAN_MAX_DEPTH + 1, &lv, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "levels deep");
	CHECK(plan_tree_number(deep, PLAN_MAX_DEPTH, &lv, &e) == 0);
}

/* Three plans along the "hilo conductor": Huancas' PDC (district, long term),
 * Chachapoyas' PDC (province, long), Chachapoyas' PDI (province, medium),
 * Amazonas' PDRC (region, long), and Leimebamba's PDC (another district). */
static struct align_end end_of(int64_t el, int64_t plan, const char *code, const char *label, const char *gov,
			       enum plan_horizon h)
{
	return (struct align_end){ .element_id = el, .plan_id = plan, .code = code, .plan_label = label,
				   .government = gov, .horizon = h };
}

TEST(alignment_goes_up_the_territory_and_the_horizon)
{
	struct err e;
	err_init(&e, NULL);
	struct align_end huancas = end_of(10, 1, "OE1", "PDC Huancas", "010108", HORIZON_LONG);
	struct align_end prov = end_of(20, 2, "OE3", "PDC Chachapoyas", "0101", HORIZON_LONG);
	struct align_end pdi = end_of(30, 3, "OEI1", "PDI Chachapoyas", "0101", HORIZON_MEDIUM);
	struct align_end region = end_of(40, 4, "OER2", "PDRC Amazonas", "01", HORIZON_LONG);
	struct align_end leime = end_of(50, 5, "OE2", "PDC Leimebamba", "010110", HORIZON_LONG);
	struct align_end poi = end_of(60, 6, "OI1", "POI Chachapoyas", "0101", HORIZON_SHORT);
	CHECK(plan_align_check(&huancas, &prov, NULL, 0, &e) == 0);
	CHECK(plan_align_check(&huancas, &region, NULL, 0, &e) == 0);
	CHECK(plan_align_check(&prov, &region, NULL, 0, &e) == 0);
	CHECK(plan_align_check(&pdi, &prov, NULL, 0, &e) == 0);
	CHECK(plan_align_check(&poi, &pdi, NULL, 0, &e) == 0);
	CHECK(plan_align_check(&poi, &prov, NULL, 0, &e) == 0);
	/* down the territory */
	CHECK(plan_align_check(&prov, &huancas, NULL, 0, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "lower");
	CHECK(plan_align_check(&region, &prov, NULL, 0, &e) == ERR_INVALID);
	/* sideways: a neighbouring district */
	CHECK(plan_align_check(&huancas, &leime, NULL, 0, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "province and region that contain it");
	/* a shorter horizon */
	CHECK(plan_align_check(&prov, &pdi, NULL, 0, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "long term");
	CHECK_CONTAINS(e.msg, "medium term");
	CHECK(plan_align_check(&pdi, &poi, NULL, 0, &e) == ERR_INVALID);
	/* itself, its own plan, a superseded plan */
	CHECK(plan_align_check(&prov, &prov, NULL, 0, &e) == ERR_INVALID);
	struct align_end same = end_of(21, 2, "OE4", "PDC Chachapoyas", "0101", HORIZON_LONG);
	CHECK(plan_align_check(&prov, &same, NULL, 0, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "same plan");
	struct align_end old = end_of(70, 7, "OE1", "PDC Chachapoyas 2011-2021", "0101", HORIZON_LONG);
	old.superseded = true;
	CHECK(plan_align_check(&pdi, &old, NULL, 0, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "superseded");
}

TEST(alignment_refuses_cycles_and_duplicates)
{
	struct err e;
	err_init(&e, NULL);
	/* two PDCs of the same province (same level, same horizon) */
	struct align_end a = end_of(1, 1, "OE1", "PDC A", "0101", HORIZON_LONG);
	struct align_end a1 = end_of(2, 1, "OE1.1", "PDC A", "0101", HORIZON_LONG);
	struct align_end b = end_of(3, 2, "OE7", "PDC B", "0101", HORIZON_LONG);
	struct align_end b1 = end_of(4, 2, "AE7.1", "PDC B", "0101", HORIZON_LONG);
	struct align_end c = end_of(5, 3, "OE2", "PDC C", "0101", HORIZON_LONG);
	struct align_edge edges[] = {
		{ 1, 3, 1, 2 },   /* A's OE1 serves B's OE7 */
		{ 3, 5, 2, 3 },   /* B's OE7 serves C's OE2 */
	};
	CHECK(plan_align_check(&b, &a, edges, ARRAY_LEN(edges), &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cycle");
	/* another element of B serving another element of A: still a cycle of plans */
	CHECK(plan_align_check(&b1, &a1, edges, ARRAY_LEN(edges), &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "PDC A already serves PDC B");
	/* through a third plan */
	CHECK(plan_align_check(&c, &a1, edges, ARRAY_LEN(edges), &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "cycle");
	CHECK(plan_align_check(&a, &b, edges, ARRAY_LEN(edges), &e) == ERR_CONFLICT);
	CHECK_CONTAINS(e.msg, "already aligned");
	/* more links the same way are fine */
	CHECK(plan_align_check(&a1, &b1, edges, ARRAY_LEN(edges), &e) == 0);
	CHECK(plan_align_check(&a1, &c, edges, ARRAY_LEN(edges), &e) == 0);
}

TEST(messages_are_translated)
{
	struct err e;
	REQUIRE(i18n_init(&e) == 0);
	err_init(&e, i18n_find("es"));
	struct align_end prov = end_of(20, 2, "OE3", "PDC Chachapoyas", "0101", HORIZON_LONG);
	struct align_end pdi = end_of(30, 3, "OEI1", "PDI Chachapoyas", "0101", HORIZON_MEDIUM);
	CHECK(plan_align_check(&prov, &pdi, NULL, 0, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "largo plazo");
	CHECK_CONTAINS(e.msg, "mediano plazo");
	i18n_shutdown();
}
