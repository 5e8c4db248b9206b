/* test_project_rules.c — the project bank's pure rules: every move of the
 * lifecycle, which need a reason, which only the plan makes; sectors from real
 * Invierte.pe titles; beneficiaries; progress parsing without floating point. */
#include "core/compat.h"
#include "test.h"
#include "core/utf8.h"
#include "rules/project_rules.h"

static enum transition_verdict check(const char *from, const char *to, enum transition_via via, const char *reason)
{
	return project_transition_check(project_status_parse(from), project_status_parse(to), via, reason);
}

TEST(status_names_round_trip)
{
	for (int s = PS_RECEIVED; s < PS_COUNT; s++) {
		CHECK_INT(project_status_parse(project_status_name((enum project_status)s)), s);
		CHECK(*project_status_label((enum project_status)s));
		CHECK_STR(project_status_names[s - 1], project_status_name((enum project_status)s));
	}
	CHECK_INT(project_status_parse("archived"), PS_NONE);
	CHECK_INT(project_status_parse(""), PS_NONE);
	CHECK_INT(project_status_parse(NULL), PS_NONE);
}

TEST(lifecycle_main_path)
{
	const char *path[] = { "received", "under_evaluation", "viable", "prioritized", "programmed", "in_execution",
			       "completed", "closed" };
	for (size_t i = 0; i + 1 < ARRAY_LEN(path); i++) {
		enum transition_via via = str_eq(path[i + 1], "programmed") ? VIA_PLAN : VIA_MANUAL;
		CHECK_INT(check(path[i], path[i + 1], via, NULL), TRANSITION_OK);
	}
	/* nothing jumps ahead or goes back by hand */
	CHECK_INT(check("received", "viable", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("viable", "in_execution", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("closed", "in_execution", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("completed", "in_execution", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("discarded", "received", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("viable", "viable", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
}

TEST(lifecycle_reasons_and_hands)
{
	CHECK_INT(check("under_evaluation", "not_viable", VIA_MANUAL, NULL), TRANSITION_NEEDS_REASON);
	CHECK_INT(check("under_evaluation", "not_viable", VIA_MANUAL, ""), TRANSITION_NEEDS_REASON);
	CHECK_INT(check("under_evaluation", "not_viable", VIA_MANUAL, "Sin saneamiento físico legal"), TRANSITION_OK);
	CHECK_INT(check("not_viable", "under_evaluation", VIA_MANUAL, NULL), TRANSITION_NEEDS_REASON);
	CHECK_INT(check("not_viable", "under_evaluation", VIA_MANUAL, "Reformulado"), TRANSITION_OK);
	/* discarded with a reason, from any status before the programme */
	const char *before[] = { "received", "under_evaluation", "viable", "not_viable", "prioritized" };
	for (size_t i = 0; i < ARRAY_LEN(before); i++) {
		CHECK_INT(check(before[i], "discarded", VIA_MANUAL, NULL), TRANSITION_NEEDS_REASON);
		CHECK_INT(check(before[i], "discarded", VIA_MANUAL, "Duplicado"), TRANSITION_OK);
	}
	CHECK_INT(check("programmed", "discarded", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("in_execution", "discarded", VIA_MANUAL, "x"), TRANSITION_NOT_ALLOWED);
	/* programmed only through the plan, both ways */
	CHECK_INT(check("prioritized", "programmed", VIA_MANUAL, "x"), TRANSITION_ONLY_BY_PLAN);
	CHECK_INT(check("programmed", "prioritized", VIA_MANUAL, "x"), TRANSITION_ONLY_BY_PLAN);
	CHECK_INT(check("viable", "programmed", VIA_MANUAL, "x"), TRANSITION_ONLY_BY_PLAN);
	CHECK_INT(check("viable", "programmed", VIA_PLAN, NULL), TRANSITION_NOT_ALLOWED); /* the plan prioritizes first */
	CHECK_INT(check("programmed", "prioritized", VIA_PLAN, NULL), TRANSITION_OK);
	CHECK_INT(check("viable", "prioritized", VIA_PLAN, NULL), TRANSITION_OK);
	/* money starts execution; it does not skip the plan */
	CHECK_INT(check("programmed", "in_execution", VIA_FINANCE, NULL), TRANSITION_OK);
	CHECK_INT(check("viable", "in_execution", VIA_FINANCE, NULL), TRANSITION_NOT_ALLOWED);
	CHECK_INT(check("received", "under_evaluation", VIA_FINANCE, NULL), TRANSITION_NOT_ALLOWED);
}

TEST(next_statuses_for_the_form)
{
	enum project_status out[PS_COUNT];
	size_t n = project_next_statuses(PS_UNDER_EVALUATION, out);
	CHECK_INT(n, 3);
	CHECK_INT(out[0], PS_VIABLE);
	CHECK_INT(out[1], PS_NOT_VIABLE);
	CHECK_INT(out[2], PS_DISCARDED);
	/* the plan's moves are not offered by hand */
	n = project_next_statuses(PS_PRIORITIZED, out);
	CHECK_INT(n, 1);
	CHECK_INT(out[0], PS_DISCARDED);
	CHECK_INT(project_next_statuses(PS_CLOSED, out), 0);
	CHECK_INT(project_next_statuses(PS_DISCARDED, out), 0);
	CHECK(project_status_takes_money(PS_PROGRAMMED));
	CHECK(project_status_takes_money(PS_IN_EXECUTION));
	CHECK(!project_status_takes_money(PS_VIABLE));
	CHECK(!project_status_takes_money(PS_CLOSED));
	CHECK(project_status_programmable(PS_VIABLE));
	CHECK(project_status_programmable(PS_PRIORITIZED));
	CHECK(!project_status_programmable(PS_RECEIVED));
}

static const char *classify(const char *title, const char *sector)
{
	static char out[32];
	char *t = utf8_fold(title), *s = utf8_fold(sector);
	snprintf(out, sizeof out, "%s", project_sector_classify(t, s));
	free(t);
	free(s);
	return out;
}

TEST(sectors_from_real_titles)
{
	/* titles from the real extract (tests/data/invierte_pe_sample.csv) */
	CHECK_STR(classify("MEJORAMIENTO Y AMPLIACION DEL SISTEMA DE AGUA POTABLE Y SANEAMIENTO BÁSICO DE LA LOCALIDAD DE OCALLI",
			   "GOBIERNOS LOCALES"), "sanitation");
	CHECK_STR(classify("CREACION DEL SERVICIO DE AGUA PARA RIEGO EN LA LOCALIDAD DE PIPUS", "GOBIERNOS LOCALES"),
		  "agriculture");
	CHECK_STR(classify("CREACION DEL CAMINO VECINAL LA JALCA-CHICHINYA-WINTO-YANACUCHO", "GOBIERNOS LOCALES"),
		  "transport");
	CHECK_STR(classify("AULAS I.E. N 18350 - NUEVA ESPERANZA REEMP BID III", "DESARROLLO E INCLUSION SOCIAL"),
		  "education");
	CHECK_STR(classify("MEJORAMIENTO DE LOS SERVICIOS DE SALUD EN LOS ESTABLECIMIENTOS", "GOBIERNOS LOCALES"), "health");
	CHECK_STR(classify("ADQUISICION DE PATRULLEROS; EN UN COMISARIAS PNP TIPO A", "INTERIOR"), "public_order");
	/* nothing specific in the title: the ministry decides */
	CHECK_STR(classify("SEGUNDA FASE DEL PROGRAMA DE APOYO A LA REFORMA", "SALUD"), "health");
	CHECK_STR(classify("ADQUISICION DE EQUIPOS", "JUSTICIA"), "justice");
	CHECK_STR(classify("ADQUISICION DE EQUIPOS", "GOBIERNOS LOCALES"), "other");
	CHECK_STR(classify("", ""), "other");
	for (const char *const *s = project_sector_names; *s; s++) {
		CHECK(project_sector_valid(*s));
		CHECK(*project_sector_label(*s));
	}
	CHECK(!project_sector_valid("mining"));
	CHECK(!project_sector_valid(NULL));
}

TEST(invierte_status_mapping)
{
	CHECK_INT(project_status_from_invierte("CERRADO", true), PS_CLOSED);
	CHECK_INT(project_status_from_invierte("ACTIVO", true), PS_VIABLE);
	CHECK_INT(project_status_from_invierte("ACTIVO", false), PS_UNDER_EVALUATION);
	CHECK_INT(project_status_from_invierte("activo", true), PS_NONE);
	CHECK_INT(project_status_from_invierte("", true), PS_NONE);
}

TEST(beneficiaries_by_sex)
{
	CHECK(project_beneficiaries_ok(1311, 764, 547));   /* seed 002: with financing */
	CHECK(project_beneficiaries_ok(2612, 1364, 1247)); /* fewer than the total is fine (not reported) */
	CHECK(!project_beneficiaries_ok(100, 60, 41));
	CHECK(!project_beneficiaries_ok(100, 101, -1));
	CHECK(project_beneficiaries_ok(-1, 60, 41));       /* total unknown */
	CHECK(project_beneficiaries_ok(100, -1, -1));
	CHECK(!project_beneficiaries_ok(INT64_MAX, INT64_MAX, INT64_MAX)); /* no overflow */
}

TEST(progress_is_parsed_without_floats)
{
	int64_t v = -1;
	CHECK_INT(progress_parse("45", &v), 0);
	CHECK_INT(v, 4500);
	CHECK_INT(progress_parse("45.5", &v), 0);
	CHECK_INT(v, 4550);
	CHECK_INT(progress_parse("45.25", &v), 0);
	CHECK_INT(v, 4525);
	CHECK_INT(progress_parse("0.01", &v), 0);
	CHECK_INT(v, 1);
	CHECK_INT(progress_parse("100", &v), 0);
	CHECK_INT(v, 10000);
	const char *bad[] = { "", "100.01", "101", "-1", "45.255", "4 5", "45.", ".5", "1e2", "abc", "45%", "1000" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		CHECK_INT(progress_parse(bad[i], &v), -1);
	char out[16];
	CHECK_STR(progress_format(4525, out, sizeof out), "45.25");
	CHECK_STR(progress_format(4550, out, sizeof out), "45.5");
	CHECK_STR(progress_format(10000, out, sizeof out), "100");
	CHECK_STR(progress_format(1, out, sizeof out), "0.01");
}

TEST(currency_codes)
{
	CHECK(currency_valid("PEN"));
	CHECK(currency_valid("USD"));
	CHECK(!currency_valid("pen"));
	CHECK(!currency_valid("PE"));
	CHECK(!currency_valid("S/"));
	CHECK(!currency_valid(NULL));
}
