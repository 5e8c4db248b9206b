/* demo_plans.c — the demo's plans, written from the PRODES guide (seed 004) and
 * the Arequipa implementation notes (seed 003): the Concerted Development Plan
 * of the province of Chachapoyas aligned to the regional plan of Amazonas; the
 * district PDC of Huancas (010108) aligned to the provincial one; the
 * provincial municipality's Institutional Development Plan and its 2026
 * operating plan following the thread down; and Leimebamba's PDC still in
 * preparation. demo_align.c then links the demo's projects to their elements. Names of acts are invented for the demo; the places, Kuélap,
 * Huancas' pottery and the Sonche canyon are real. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/plan.h"
#include "core/date.h"
#include "core/xalloc.h"

struct demo_el {
	int parent;               /* index in the same table, -1 = top level */
	const char *kind;
	const char *title;
	const char *office;
	const char *aligns;       /* "plan:CODE plan:CODE" — elements of other demo plans */
};

struct demo_plan {
	const char *key;
	const char *government, *instrument, *title;
	int start, end;
	const char *vision, *mission, *participants;
	const char *act_kind, *act_number, *act_date;   /* NULL = still a draft */
	const struct demo_el *els;
	size_t nels;
};

static const struct demo_el pdc_province[] = {
	/* 0 */ { -1, "axis", "Desarrollo económico local sostenible", "", NULL },
	/* 1 */ { 0, "objective", "Fortalecer las cadenas productivas agropecuarias (café, ganadería lechera y cuyes) con enfoque de mercado", "Gerencia de Desarrollo Económico", "pdrc:OE1" },
	/* 2 */ { 1, "strategy", "Asistencia técnica y asociatividad de los productores", "Gerencia de Desarrollo Económico", NULL },
	/* 3 */ { 2, "action", "Escuelas de campo para productores de café y de ganado lechero", "", NULL },
	/* 4 */ { 1, "indicator", "Ingreso promedio mensual de las familias productoras", "", NULL },
	/* 5 */ { 0, "objective", "Consolidar el turismo sostenible en torno a Kuélap y al patrimonio cultural de la provincia", "Subgerencia de Turismo", "pdrc:OE1" },
	/* 6 */ { 5, "strategy", "Circuitos turísticos con participación de las comunidades", "Subgerencia de Turismo", NULL },
	/* 7 */ { -1, "axis", "Calidad de vida y servicios básicos", "", NULL },
	/* 8 */ { 7, "objective", "Ampliar el acceso a agua segura y saneamiento en los centros poblados rurales", "Área Técnica Municipal de Saneamiento", "pdrc:OE2" },
	/* 9 */ { 8, "strategy", "Gestión comunal del agua con las JASS", "Área Técnica Municipal de Saneamiento", NULL },
	/* 10 */ { 8, "indicator", "Hogares rurales con agua clorada", "", NULL },
	/* 11 */ { 7, "objective", "Reducir la anemia y la desnutrición crónica infantil", "Gerencia de Desarrollo Social", "pdrc:OE2" },
	/* 12 */ { -1, "axis", "Ambiente y gestión del territorio", "", NULL },
	/* 13 */ { 12, "objective", "Conservar los bosques, las cabeceras de cuenca y la biodiversidad", "Gerencia de Recursos Naturales y Gestión Ambiental", "pdrc:OE3" },
	/* 14 */ { -1, "axis", "Institucionalidad, concertación y participación", "", NULL },
	/* 15 */ { 14, "objective", "Fortalecer la participación ciudadana, la concertación y la transparencia de la gestión pública", "Gerencia de Planeamiento y Presupuesto", "pdrc:OE4" },
};

/* Connectivity: the province's roads, streets and bridges, most of its real
 * investment portfolio. Seeded after the other plans' elements (see
 * demo_seed_plans) so that the ids of the elements seeded before it stay as
 * they were; in the tree it is the last axis, EJE5, with OE7. */
static const struct demo_el pdc_province_connectivity[] = {
	{ -1, "axis", "Integración territorial y conectividad", "", NULL },
	{ 0, "objective", "Mejorar la conectividad vial entre la ciudad, los distritos y los centros poblados",
	  "Gerencia de Infraestructura y Desarrollo Urbano", "pdrc:OE1" },
};

static const struct demo_el pdrc_region[] = {
	{ -1, "axis", "Competitividad económica regional", "", NULL },
	{ 0, "objective", "Mejorar la competitividad de las cadenas productivas y del turismo regional", "Gerencia Regional de Desarrollo Económico", NULL },
	{ -1, "axis", "Desarrollo social e inclusión", "", NULL },
	{ 2, "objective", "Mejorar el acceso de la población a servicios básicos de calidad", "Gerencia Regional de Desarrollo Social", NULL },
	{ -1, "axis", "Ambiente y recursos naturales", "", NULL },
	{ 4, "objective", "Gestionar de manera sostenible los recursos naturales y la diversidad biológica", "Gerencia Regional de Recursos Naturales", NULL },
	{ -1, "axis", "Gobernabilidad y articulación territorial", "", NULL },
	{ 6, "objective", "Fortalecer la gobernabilidad democrática y la articulación entre los niveles de gobierno", "Gerencia Regional de Planeamiento", NULL },
};

static const struct demo_el pdc_huancas[] = {
	{ -1, "axis", "Economía local con identidad", "", NULL },
	{ 0, "objective", "Fortalecer la alfarería tradicional de Huancas y el turismo vivencial en el cañón del Sonche", "Unidad de Desarrollo Económico", "pdc:OE2" },
	{ 1, "action", "Taller comunal de alfarería y feria mensual de artesanas", "", NULL },
	{ 0, "objective", "Mejorar la producción agropecuaria familiar y su acceso al mercado de Chachapoyas", "Unidad de Desarrollo Económico", "pdc:OE1" },
	{ -1, "axis", "Servicios para una vida digna", "", NULL },
	{ 4, "objective", "Agua segura y saneamiento para todas las familias del distrito", "Área Técnica Municipal", "pdc:OE3" },
	{ 5, "action", "Cloración permanente y capacitación de la JASS", "", NULL },
	{ -1, "axis", "Participación y organización", "", NULL },
	{ 7, "objective", "Fortalecer las organizaciones sociales y la participación de las mujeres y los jóvenes", "Secretaría General", "pdc:OE6" },
};

static const struct demo_el pdc_leimebamba[] = {
	{ -1, "axis", "Turismo y cultura", "", NULL },
	{ 0, "objective", "Poner en valor el Museo de Leimebamba y la Laguna de los Cóndores con las comunidades", "", "pdc:OE2" },
	{ -1, "axis", "Producción y ambiente", "", NULL },
	{ 2, "objective", "Mejorar la ganadería lechera y la producción de quesos", "", NULL },
};

static const struct demo_el pdi_province[] = {
	/* 0 */ { -1, "objective", "Mejorar la calidad de los servicios públicos municipales", "Gerencia Municipal", "pdc:OE3" },
	/* 1 */ { 0, "action", "Segregación en la fuente y recolección selectiva de residuos sólidos", "Subgerencia de Gestión Ambiental", NULL },
	/* 2 */ { 0, "action", "Asistencia técnica a las JASS de los centros poblados", "Área Técnica Municipal de Saneamiento", NULL },
	/* 3 */ { -1, "objective", "Promover el desarrollo económico local y el turismo", "Gerencia de Desarrollo Económico", "pdc:OE1 pdc:OE2" },
	/* 4 */ { 3, "action", "Ventanilla de apoyo a las asociaciones de productores", "Gerencia de Desarrollo Económico", NULL },
	/* 5 */ { -1, "objective", "Modernizar la gestión municipal: personal capacitado, información ordenada y trámites simples", "Gerencia de Administración", "pdc:OE6" },
	/* 6 */ { 5, "action", "Plan de capacitación de funcionarias y funcionarios", "Subgerencia de Recursos Humanos", NULL },
	/* 7 */ { 5, "action", "Portal de transparencia y rendición de cuentas semestral", "Oficina de Tecnologías de la Información", NULL },
	/* 8 */ { -1, "objective", "Fortalecer los espacios de concertación y de vigilancia ciudadana", "Gerencia de Planeamiento y Presupuesto", "pdc:OE6" },
	/* 9 */ { -1, "objective", "Implementar la gestión del riesgo de desastres en la provincia", "Oficina de Defensa Civil", NULL },
};

static const struct demo_el poi_province[] = {
	{ -1, "objective", "Servicios municipales de calidad en 2026", "Gerencia Municipal", "pdi:OEI1" },
	{ 0, "activity", "Recolección selectiva de residuos en los barrios de la ciudad", "Subgerencia de Gestión Ambiental", "pdi:AEI1.1" },
	{ 0, "activity", "Cloración y monitoreo del agua en 12 centros poblados", "Área Técnica Municipal de Saneamiento", "pdi:AEI1.2" },
	{ -1, "objective", "Gestión abierta y participativa en 2026", "Gerencia de Planeamiento y Presupuesto", "pdi:OEI4" },
	{ 3, "activity", "Sesiones del Consejo de Coordinación Local y del presupuesto participativo 2027", "Gerencia de Planeamiento y Presupuesto", NULL },
};

#define EL(t) t, ARRAY_LEN(t)

static const struct demo_plan demo_plans[] = {
	{ "pdc", "0101", "pdc", "Plan de Desarrollo Local Concertado de la Provincia de Chachapoyas al 2030", 2022, 2030,
	  "Al 2030, Chachapoyas es una provincia **integrada, inclusiva y sostenible**, donde las mujeres y los hombres "
	  "de la ciudad y del campo viven con servicios de calidad, aprovechan con responsabilidad su patrimonio natural "
	  "y cultural —Kuélap, sus bosques y su agua— y deciden juntos, con transparencia, el rumbo de su desarrollo.\n\n"
	  "El plan orienta lo que hacen la municipalidad, las instituciones y la población: es la \"lógica de conjunto\" "
	  "que ordena los esfuerzos de todos hacia la misma imagen de futuro.",
	  "",
	  "- Consejo de Coordinación Local Provincial: el alcalde provincial, los regidores, los alcaldes distritales y "
	  "los representantes de la sociedad civil.\n"
	  "- Organizaciones sociales de base, comunidades campesinas, asociaciones de productores, gremios empresariales, "
	  "la universidad y las juntas vecinales.\n"
	  "- Talleres descentralizados en los distritos de la provincia.",
	  "ordinance", "Ordenanza Municipal N.° 012-2022-MPCH", "2022-06-15", EL(pdc_province) },
	{ "pdrc", "01", "pdc", "Plan de Desarrollo Regional Concertado de Amazonas al 2030", 2022, 2030,
	  "Amazonas, región **integrada y competitiva**, que conserva su diversidad biológica y cultural y ofrece a su "
	  "población servicios de calidad, con gobiernos regionales y locales articulados.",
	  "",
	  "- Consejo de Coordinación Regional: el gobernador regional, los alcaldes provinciales y los representantes "
	  "de la sociedad civil.\n- Los planes de desarrollo concertado de las siete provincias.",
	  "ordinance", "Ordenanza Regional N.° 008-2022-GRA/CR", "2022-09-22", EL(pdrc_region) },
	{ "huancas", "010108", "pdc", "Plan de Desarrollo Local Concertado del Distrito de Huancas 2022-2030", 2022, 2030,
	  "Al 2030, Huancas es un distrito **reconocido por su alfarería tradicional** y por los miradores del cañón del "
	  "Sonche, con familias organizadas que cuentan con agua segura y participan en las decisiones de su municipalidad.",
	  "",
	  "- Consejo de Coordinación Local Distrital.\n- Asociación de Artesanas Alfareras, Asociación de Productores de "
	  "Huancas, JASS del distrito, rondas campesinas y vaso de leche.",
	  "ordinance", "Ordenanza Municipal N.° 004-2022-MDH", "2022-08-20", EL(pdc_huancas) },
	{ "leimebamba", "010110", "pdc", "Plan de Desarrollo Local Concertado del Distrito de Leimebamba 2023-2030", 2023, 2030,
	  "Leimebamba, **puerta de la Laguna de los Cóndores**, distrito ganadero y turístico que cuida su patrimonio.",
	  "", "- Consejo de Coordinación Local Distrital (en convocatoria).",
	  NULL, NULL, NULL, EL(pdc_leimebamba) },
	{ "pdi", "0101", "pdi", "Plan de Desarrollo Institucional de la Municipalidad Provincial de Chachapoyas 2023-2026",
	  2023, 2026, "",
	  "Somos la municipalidad provincial que **promueve el desarrollo integral y sostenible** de Chachapoyas, presta "
	  "servicios públicos de calidad y gobierna con transparencia y con la participación de la ciudadanía.",
	  "- Alcalde, regidores y equipo técnico de la municipalidad, liderado por la Gerencia de Planeamiento y "
	  "Presupuesto.\n- Consulta al Consejo de Coordinación Local Provincial.",
	  "agreement", "Acuerdo de Concejo N.° 045-2023-MPCH", "2023-05-30", EL(pdi_province) },
	{ "poi", "0101", "poi", "Plan Operativo Institucional 2026", 2026, 2026, "",
	  "Organizar, priorizar y programar las acciones de la municipalidad en 2026, en el marco del Plan de "
	  "Desarrollo Institucional.",
	  "- Alcalde y equipo técnico, liderados por la Gerencia de Planeamiento y Presupuesto.",
	  NULL, NULL, NULL, EL(poi_province) },
};

static int find_plan(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(demo_plans); i++)
		if (str_eq(demo_plans[i].key, key))
			return (int)i;
	return -1;
}

static int element_by_code(struct db_conn *c, int64_t plan_id, const char *code, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id FROM plan_element WHERE plan_id = ? AND code = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, plan_id);
	db_bind_text(st, 2, code);
	int rc = db_step(st, e);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_INTERNAL, "demo: no element %s in plan %lld", code, (long long)plan_id);
	return rc < 0 ? rc : 0;
}

int demo_seed_plans(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	/* idempotent: the demo's plans are there once the province has any plan */
	struct plan_query q = { .government = DEMO_GOVERNMENT, .limit = 1 };
	json_t *items;
	int64_t total;
	int rc = plan_list(c, &q, &items, &total, e);
	json_decref(items);
	if (rc || total > 0)
		return rc;
	int64_t plan_ids[ARRAY_LEN(demo_plans)];
	int64_t *el_ids[ARRAY_LEN(demo_plans)] = { NULL };
	for (size_t p = 0; p < ARRAY_LEN(demo_plans) && !rc; p++) {
		const struct demo_plan *d = &demo_plans[p];
		struct plan_input in = { .instrument = d->instrument, .title = d->title, .start_year = d->start,
					 .end_year = d->end, .vision = d->vision, .mission = d->mission,
					 .participants = d->participants };
		rc = plan_create(c, who, now, d->government, &in, &plan_ids[p], e);
		el_ids[p] = xcalloc(d->nels, sizeof *el_ids[p]);
		for (size_t i = 0; i < d->nels && !rc; i++) {
			const struct demo_el *x = &d->els[i];
			struct plan_element_input ei = { .kind = x->kind, .parent_id = x->parent >= 0 ? el_ids[p][x->parent] : 0,
							 .title = x->title, .office = x->office };
			rc = plan_element_add(c, who, now, plan_ids[p], &ei, &el_ids[p][i], e);
		}
	}
	/* the province's connectivity axis, after every other element */
	int64_t conn_ids[ARRAY_LEN(pdc_province_connectivity)];
	for (size_t i = 0; i < ARRAY_LEN(pdc_province_connectivity) && !rc; i++) {
		const struct demo_el *x = &pdc_province_connectivity[i];
		struct plan_element_input ei = { .kind = x->kind, .parent_id = x->parent >= 0 ? conn_ids[x->parent] : 0,
						 .title = x->title, .office = x->office };
		rc = plan_element_add(c, who, now, plan_ids[find_plan("pdc")], &ei, &conn_ids[i], e);
	}
	/* the thread between the plans */
	for (size_t p = 0; p <= ARRAY_LEN(demo_plans) && !rc; p++) {
		bool conn = p == ARRAY_LEN(demo_plans);
		const struct demo_plan *d = conn ? &demo_plans[find_plan("pdc")] : &demo_plans[p];
		const struct demo_el *els = conn ? pdc_province_connectivity : d->els;
		size_t nels = conn ? ARRAY_LEN(pdc_province_connectivity) : d->nels;
		const int64_t *ids = conn ? conn_ids : el_ids[p];
		for (size_t i = 0; i < nels && !rc; i++) {
			const char *s = els[i].aligns;
			while (s && *s && !rc) {
				char spec[40], key[40], code[40];
				size_t n = strcspn(s, " ");
				snprintf(spec, sizeof spec, "%.*s", (int)n, s);
				s += n;
				while (*s == ' ')
					s++;
				char *colon = strchr(spec, ':');
				if (!colon)
					continue;
				*colon = '\0';
				snprintf(key, sizeof key, "%s", spec);
				snprintf(code, sizeof code, "%s", colon + 1);
				int t = find_plan(key);
				int64_t target = 0;
				rc = t < 0 ? err_set(e, ERR_INTERNAL, "demo: no plan %s", key)
					   : element_by_code(c, plan_ids[t], code, &target, e);
				if (!rc)
					rc = plan_align(c, who, now, ids[i], target, e);
			}
		}
	}
	/* approvals, from the region down (not when the clock says they have not
	 * happened yet: tests run the demo at made-up times) */
	char today[DATE_FMT_MAX];
	date_format(date_from_epoch(now), today);
	static const char *const order[] = { "pdrc", "pdc", "huancas", "pdi" };
	for (size_t k = 0; k < ARRAY_LEN(order) && !rc; k++) {
		const struct demo_plan *d = &demo_plans[find_plan(order[k])];
		if (d->act_kind && strcmp(d->act_date, today) <= 0)
			rc = plan_approve(c, who, now, plan_ids[find_plan(order[k])], d->act_kind, d->act_number,
					  d->act_date, e);
	}
	for (size_t p = 0; p < ARRAY_LEN(demo_plans); p++)
		free(el_ids[p]);
	return rc;
}
