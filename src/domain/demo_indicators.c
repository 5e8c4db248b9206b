/* demo_indicators.c — the demo's monitoring: indicators on the elements of the
 * province's Concerted Development Plan (PDC) and Institutional Development
 * Plan (PDI), on Huancas' PDC, on two of the province's projects and on its
 * solid-waste programme, each with a baseline, targets and quarters (or years)
 * of measurements with their evidence, some disaggregated by sex, indigenous
 * status and age group (seed 002), and the corrective decisions recorded where
 * an indicator is off track (seed 003's "retroalimentación").
 *
 * The places, institutions and kinds of sources are real; the figures and the
 * acts are invented for the demo, and written to look like what a provincial
 * municipality of the Amazonas highlands would report. The real statistics of
 * the region (MINAM's population and solid waste per district) are imported by
 * `minka init --demo` after this. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/project.h"
#include "core/json.h"

struct demo_value {
	const char *period, *value;
	const char *cells;          /* "sex.female=12 sex.male=10 ..." or NULL */
	const char *status;         /* where the demo leaves it: approved (default), submitted, draft */
};

struct demo_target {
	const char *period, *value;
};

struct demo_ind {
	const char *gov, *instrument, *element;   /* a plan element by its code, or */
	const char *project;                      /* a project by its demo title, or */
	bool programme;                           /* the demo programme */
	const char *code, *name, *definition, *unit, *unit_label;
	int decimals;
	const char *direction, *frequency, *start, *end;
	const char *baseline, *baseline_date, *baseline_source, *final;
	const char *office, *source, *verification;
	const char *dims[4];
	struct demo_target targets[6];
	struct demo_value values[9];
	const char *evidence;
};

static const struct demo_ind inds[] = {
	{ "0101", "pdc", "IND3.1", NULL, false, "AGUA-CLORADA",
	  "Hogares rurales que consumen agua clorada",
	  "Porcentaje de hogares de los centros poblados rurales de la provincia cuya agua tiene cloro residual de al menos "
	  "0.5 mg/L en la vigilancia del trimestre.",
	  "percentage", "% de hogares", 1, "increase", "quarter", "2025-Q1", "2026-Q4",
	  "28.5", "2024-12-31", "Vigilancia de la calidad del agua, DIRESA Amazonas, 2024", "55",
	  "Área Técnica Municipal de Saneamiento", "Reportes de cloro residual de las JASS",
	  "Registros de cloro residual de las JASS; informes de vigilancia de la DIRESA Amazonas",
	  { NULL }, { { "2025", "40" } },
	  { { "2025-Q1", "31.2" }, { "2025-Q2", "34.0" }, { "2025-Q3", "36.8" }, { "2025-Q4", "39.5" }, { "2026-Q1", "42.1" },
	    { "2026-Q2", "45.0" }, { "2026-Q3", "47.2", NULL, "submitted" } },
	  "Informe trimestral del ATM de saneamiento" },
	{ "0101", "pdc", "OE4", NULL, false, "ANEMIA-6-35",
	  "Prevalencia de anemia en niñas y niños de 6 a 35 meses",
	  "Porcentaje de niñas y niños de 6 a 35 meses con hemoglobina por debajo del umbral de anemia, entre los evaluados "
	  "en los establecimientos de salud de la provincia en el trimestre.",
	  "percentage", "%", 1, "decrease", "quarter", "2025-Q1", "2026-Q4",
	  "44.6", "2024-12-31", "Sistema de Información del Estado Nutricional (SIEN), 2024", "36",
	  "Gerencia de Desarrollo Social", "Red de Salud Chachapoyas (HIS-MINSA)",
	  "Reporte trimestral del SIEN por distrito; padrón nominal de niñas y niños",
	  { "sex", NULL }, { { "2025", "40" } },
	  { { "2025-Q1", "44.1", "sex.female=43.2 sex.male=45.0" }, { "2025-Q2", "43.8" }, { "2025-Q3", "43.5" },
	    { "2025-Q4", "43.0", "sex.female=42.1 sex.male=43.9" }, { "2026-Q1", "42.8" },
	    { "2026-Q2", "42.9", "sex.female=42.0 sex.male=43.8" } },
	  "Reporte SIEN, Red de Salud Chachapoyas" },
	{ "0101", "pdc", "IND1.1", NULL, false, "INGRESO-PROD",
	  "Ingreso promedio mensual de las familias productoras",
	  "Ingreso monetario mensual promedio de las familias socias de las asociaciones de productores de café, leche y cuyes "
	  "acompañadas por la municipalidad.",
	  "money", "S/ al mes", 2, "increase", "year", "2023", "2026",
	  "780.00", "2022-12-31", "Encuesta a familias productoras, Gerencia de Desarrollo Económico, 2022", "950.00",
	  "Gerencia de Desarrollo Económico", "Encuesta anual a familias productoras",
	  "Base de datos de la encuesta; fichas firmadas por las familias",
	  { NULL }, { { "2024", "850.00" }, { "2025", "900.00" } },
	  { { "2023", "805.00" }, { "2024", "838.50" }, { "2025", "871.20" } },
	  "Informe de la encuesta anual a familias productoras" },
	{ "0101", "pdc", "OE6", NULL, false, "PARTICIPA-PP",
	  "Personas que participan en los talleres del presupuesto participativo",
	  "Personas distintas registradas en las listas de asistencia de los talleres de diagnóstico, priorización y "
	  "formalización del presupuesto participativo del año.",
	  "number", "personas", 0, "increase", "year", "2023", "2026",
	  "212", "2022-12-31", "Listas de asistencia del presupuesto participativo 2023", "400",
	  "Gerencia de Planeamiento y Presupuesto", "Listas de asistencia de los talleres",
	  "Listas de asistencia firmadas; actas de los talleres",
	  { "sex", "ethnicity", "age_group", NULL }, { { "2024", "300" }, { "2025", "350" } },
	  { { "2023", "248", "sex.female=112 sex.male=136" },
	    { "2024", "311", "sex.female=152 sex.male=159 ethnicity.indigenous=41 ethnicity.non_indigenous=270" },
	    { "2025", "357", "sex.female=181 sex.male=176 ethnicity.indigenous=52 ethnicity.non_indigenous=305 "
			     "age_group.15_29=88 age_group.30_59=214 age_group.60_plus=55 age_group.0_14=0" } },
	  "Acta de formalización de acuerdos del presupuesto participativo" },
	{ "0101", "pdc", "OE2", NULL, false, "KUELAP-VISITAS",
	  "Visitantes que llegan a la Fortaleza de Kuélap en el trimestre",
	  "Visitantes nacionales y extranjeros registrados en el ingreso a la Fortaleza de Kuélap durante el trimestre.",
	  "number", "visitantes", 0, "increase", "quarter", "2025-Q1", "2026-Q4",
	  NULL, NULL, "", NULL,
	  "Subgerencia de Turismo", "Registro de ingreso de visitantes al sitio arqueológico",
	  "Reporte trimestral de boletos vendidos en el sitio",
	  { NULL },
	  { { "2025-Q1", "9000" }, { "2025-Q2", "12000" }, { "2025-Q3", "16000" }, { "2025-Q4", "11000" },
	    { "2026-Q2", "13500" }, { "2026-Q3", "18000" } },
	  { { "2025-Q1", "8420" }, { "2025-Q2", "10110" }, { "2025-Q3", "12300" }, { "2025-Q4", "8150" },
	    { "2026-Q2", "8760" }, { "2026-Q3", "9900" } },
	  "Reporte de boletaje del sitio" },
	{ "0101", "pdi", "AEI1.1", NULL, false, "SEGREGACION",
	  "Viviendas urbanas que participan en la segregación en la fuente",
	  "Porcentaje de viviendas de la ciudad de Chachapoyas empadronadas que entregan sus residuos separados al "
	  "recolector al menos una vez por semana.",
	  "percentage", "% de viviendas", 1, "increase", "quarter", "2025-Q1", "2026-Q4",
	  "18.0", "2024-12-31", "Padrón del programa de segregación, 2024", "45",
	  "Subgerencia de Gestión Ambiental", "Padrón de viviendas y registro de recolección selectiva",
	  "Padrón de viviendas participantes; hojas de ruta del recolector",
	  { NULL }, { { "2025", "30" } },
	  { { "2025-Q1", "19.5" }, { "2025-Q2", "22.0" }, { "2025-Q3", "25.4" }, { "2025-Q4", "29.1" }, { "2026-Q1", "31.0" },
	    { "2026-Q2", "33.8" }, { "2026-Q3", "36.9", NULL, "draft" } },
	  "Informe trimestral de la Subgerencia de Gestión Ambiental" },
	{ "0101", NULL, NULL, NULL, true, "PP0036-VALORIZ",
	  "Residuos inorgánicos valorizados por el programa de segregación",
	  "Toneladas de papel, cartón, plásticos y vidrio entregadas a la asociación de recicladores formalizada en el trimestre.",
	  "quantity", "t", 1, "increase", "quarter", "2025-Q1", "2026-Q4",
	  NULL, NULL, "", NULL,
	  "Subgerencia de Gestión Ambiental", "Actas de entrega a la asociación de recicladores",
	  "Actas de pesaje y entrega firmadas por la asociación",
	  { NULL },
	  { { "2025-Q1", "12" }, { "2025-Q2", "12" }, { "2025-Q3", "12" }, { "2025-Q4", "12" }, { "2026-Q1", "18" },
	    { "2026-Q2", "18" } },
	  { { "2025-Q1", "9.8" }, { "2025-Q2", "11.5" }, { "2025-Q3", "12.6" }, { "2025-Q4", "13.1" }, { "2026-Q1", "14.0" },
	    { "2026-Q2", "15.2" } },
	  "Actas de pesaje del trimestre" },
	{ "0101", NULL, NULL, "Pistas y veredas del jirón Libertad, cuadras 8 a 12", false, "LIBERTAD-M2",
	  "Pavimento de concreto ejecutado en el jirón Libertad",
	  "Metros cuadrados de losa de concreto de la calzada terminados y valorizados, acumulados desde el inicio de la obra.",
	  "quantity", "m²", 0, "increase", "quarter", "2026-Q1", "2026-Q4",
	  "0", "2025-12-31", "Expediente técnico: la obra empieza en 2026", "4500",
	  "Gerencia de Infraestructura y Desarrollo Urbano", "Valorizaciones de obra",
	  "Valorizaciones mensuales aprobadas por la supervisión; cuaderno de obra",
	  { NULL }, { { "2026-Q1", "600" }, { "2026-Q2", "1800" }, { "2026-Q3", "3200" } },
	  { { "2026-Q1", "450" }, { "2026-Q2", "1580" }, { "2026-Q3", "2750", NULL, "submitted" } },
	  "Valorización de obra N.° 2" },
	{ "0101", NULL, NULL, "Mejoramiento del servicio de agua potable en el barrio Higos Urco", false, "HIGOS-URCO-BENEF",
	  "Personas del barrio Higos Urco con agua potable en su vivienda",
	  "Personas de las viviendas con conexión domiciliaria en funcionamiento, según el padrón de la junta vecinal.",
	  "number", "personas", 0, "increase", "year", "2026", "2027",
	  "0", "2025-12-31", "Padrón de la Junta Vecinal del Barrio Higos Urco", "320",
	  "Gerencia de Infraestructura y Desarrollo Urbano", "Padrón de conexiones de la junta vecinal",
	  "Actas de entrega de conexiones; padrón de beneficiarios",
	  { "sex", NULL }, { { "2026", "120" } }, { { NULL } }, NULL },
	{ "010108", "pdc", "OE1", NULL, false, "ALFARERAS-FERIA",
	  "Artesanas alfareras que venden en la feria mensual de Huancas",
	  "Artesanas distintas que ofrecieron sus piezas en la feria mensual al menos una vez en el trimestre.",
	  "number", "artesanas", 0, "increase", "quarter", "2025-Q3", "2026-Q4",
	  "12", "2025-06-30", "Registro de la Asociación de Artesanas Alfareras, 2025", "30",
	  "Unidad de Desarrollo Económico", "Registro de participantes de la feria",
	  "Registro de la asociación; fotografías de la feria",
	  { NULL }, { { NULL } },
	  { { "2025-Q3", "14" }, { "2025-Q4", "17" }, { "2026-Q1", "19" }, { "2026-Q2", "22" } },
	  "Registro de la feria" },
};

static const struct {
	const char *code, *period, *finding, *decision, *decided_by, *decided_on, *responsible, *due_on, *done_on;
} decisions[] = {
	{ "ANEMIA-6-35", "2026-Q2",
	  "La anemia baja muy lentamente (42.9 % frente al 38 % esperado); en los distritos altos no bajó.",
	  "Intensificar la suplementación con hierro y las visitas domiciliarias con las agentes comunitarias de salud en los "
	  "distritos con mayor prevalencia, y sesiones demostrativas de alimentos ricos en hierro con los comedores y el vaso "
	  "de leche.",
	  "Consejo de Coordinación Local Provincial, sesión ordinaria", "2026-08-14",
	  "Gerencia de Desarrollo Social con la Red de Salud Chachapoyas", "2026-12-31", NULL },
	{ "KUELAP-VISITAS", "2026-Q3",
	  "Las visitas a Kuélap siguen muy por debajo de la meta: 9,900 en el trimestre frente a 18,000.",
	  "Campaña conjunta de promoción con la DIRCETUR Amazonas y los operadores turísticos, y gestión ante el Ministerio de "
	  "Cultura para ampliar los horarios de ingreso.",
	  "Alcaldía y Subgerencia de Turismo, con la mesa de turismo", "2026-10-20", "Subgerencia de Turismo", "2026-12-15",
	  NULL },
	{ "SEGREGACION", "2025-Q2",
	  "La participación en la segregación creció menos de lo previsto en los barrios altos.",
	  "Campaña casa por casa con promotoras ambientales y entrega de bolsas diferenciadas en los barrios altos.",
	  "Subgerencia de Gestión Ambiental", "2025-08-05", "Promotoras ambientales de la Subgerencia", "2025-12-31",
	  "2025-12-20" },
};

static int element_id(struct db_conn *c, const char *gov, const char *instrument, const char *code, int64_t *id,
		      struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT x.id FROM plan_element x JOIN plan p ON p.id = x.plan_id"
					   " WHERE p.government_code = ? AND p.instrument = ? AND x.code = ? ORDER BY p.id", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, gov);
	db_bind_text(st, 2, instrument);
	db_bind_text(st, 3, code);
	int rc = db_step(st, e);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_INTERNAL, "demo: no element %s in the %s of %s", code, instrument, gov);
	return rc < 0 ? rc : 0;
}

static int project_id(struct db_conn *c, const char *title, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id FROM project WHERE title = ? AND origin <> 'import' ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, title);
	int rc = db_step(st, e);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_INTERNAL, "demo: no project %s", title);
	return rc < 0 ? rc : 0;
}

static int indicator_by_code(struct db_conn *c, const char *gov, const char *code, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT id FROM indicator WHERE government_code = ? AND code = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, gov);
	db_bind_text(st, 2, code);
	int rc = db_step(st, e);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* "sex.female=12 sex.male=10" into cell inputs (pointers into buf). */
static size_t parse_cells(const char *spec, char *buf, size_t bufsize, struct measurement_cell_input *cells, size_t max)
{
	size_t n = 0;
	if (!spec)
		return 0;
	snprintf(buf, bufsize, "%s", spec);
	char *save = NULL;
	for (char *tok = strtok_r(buf, " ", &save); tok && n < max; tok = strtok_r(NULL, " ", &save)) {
		char *dot = strchr(tok, '.'), *eq = strchr(tok, '=');
		if (!dot || !eq || eq < dot)
			continue;
		*dot = '\0';
		*eq = '\0';
		cells[n++] = (struct measurement_cell_input){ tok, dot + 1, eq + 1 };
	}
	return n;
}

int demo_seed_indicators(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	int64_t existing;
	int rc = indicator_by_code(c, DEMO_GOVERNMENT, inds[0].code, &existing, e);
	if (rc || existing)
		return rc;
	/* who enters and who approves: the planning office and the municipal manager */
	struct actor entry = *who, boss = *who;
	snprintf(entry.name, sizeof entry.name, "%s", demo_accounts[1].email);
	snprintf(boss.name, sizeof boss.name, "%s", demo_accounts[0].email);
	int64_t programme = 0;
	rc = programme_create(c, who, now, DEMO_GOVERNMENT, "PP-0036",
			      "Programa de segregación en la fuente y recolección selectiva de residuos sólidos",
			      "La parte provincial del Programa Presupuestal 0036, Gestión Integral de Residuos Sólidos: "
			      "empadronamiento de viviendas, recolección selectiva y entrega de lo reciclable a la asociación de "
			      "recicladores formalizada.",
			      2025, 2026, &programme, e);
	for (size_t i = 0; i < ARRAY_LEN(inds) && !rc; i++) {
		const struct demo_ind *d = &inds[i];
		struct indicator_input in = {
			.code = d->code, .name = d->name, .definition = d->definition, .unit = d->unit,
			.unit_label = d->unit_label, .decimals = d->decimals, .direction = d->direction,
			.frequency = d->frequency, .start_period = d->start, .end_period = d->end, .baseline = d->baseline,
			.baseline_date = d->baseline_date, .baseline_source = d->baseline_source, .final_target = d->final,
			.responsible_office = d->office, .data_source = d->source, .verification = d->verification,
			.dimensions = d->dims, .government = d->gov,
		};
		if (d->element) {
			in.subject = "element";
			rc = element_id(c, d->gov, d->instrument, d->element, &in.element_id, e);
		} else if (d->project) {
			in.subject = "project";
			rc = project_id(c, d->project, &in.project_id, e);
		} else {
			in.subject = "programme";
			in.programme_id = programme;
		}
		int64_t id = 0;
		if (!rc)
			rc = indicator_create(c, who, now, &in, &id, e);
		for (size_t t = 0; t < ARRAY_LEN(d->targets) && d->targets[t].period && !rc; t++)
			rc = indicator_target_set(c, who, now, id, d->targets[t].period, d->targets[t].value, NULL, e);
		for (size_t v = 0; v < ARRAY_LEN(d->values) && d->values[v].period && !rc; v++) {
			const struct demo_value *x = &d->values[v];
			char buf[400];
			struct measurement_cell_input cells[12];
			struct measurement_input m = { .period = x->period, .value = x->value,
						       .cells = cells, .ncells = parse_cells(x->cells, buf, sizeof buf, cells, 12),
						       .evidence_ref = d->evidence };
			int64_t mid;
			rc = measurement_save(c, &entry, now, id, &m, &mid, e);
			if (!rc && !str_eq(x->status, "draft"))
				rc = measurement_submit(c, &entry, now, mid, e);
			if (!rc && !x->status)
				rc = measurement_approve(c, &boss, now, mid, NULL, e);
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(decisions) && !rc; i++) {
		int64_t id, fid;
		rc = indicator_by_code(c, DEMO_GOVERNMENT, decisions[i].code, &id, e);
		struct feedback_input f = { .period = decisions[i].period, .finding = decisions[i].finding,
					    .decision = decisions[i].decision, .decided_by = decisions[i].decided_by,
					    .decided_on = decisions[i].decided_on, .responsible = decisions[i].responsible,
					    .due_on = decisions[i].due_on };
		if (!rc)
			rc = feedback_add(c, who, now, id, &f, &fid, e);
		if (!rc && decisions[i].done_on)
			rc = feedback_done(c, who, now, fid, decisions[i].done_on,
					   "Campaña realizada en 14 barrios; 1,260 viviendas visitadas", e);
	}
	return rc;
}
