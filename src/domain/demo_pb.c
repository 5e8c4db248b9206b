/* demo_pb.c — the demo's participatory budget: the Presupuesto Participativo of
 * the province of Chachapoyas for next year, caught in the middle of its
 * concertation phase (the citizens' vote is open), written from the PRODES guide
 * (seed 004): organizations of the kinds the guide names register and are
 * accredited (one is refused, one still waits); their proposals come from the
 * real Invierte.pe projects of the province in the bank when they are there
 * (`minka init --demo` imports them first) and from the community; the technical
 * team reviewed them (one is not viable); the committee scored the matrix (its
 * council member does not score his own federation's proposals); paper ballots
 * from the polling tables are being entered twice. The calendar is laid out
 * around the day the demo is seeded, so the phase is always believable.
 * After it, the province's process of this year, completed (seed_done, below):
 * results, the signed acta, the vigilance committee at work. The names of
 * people and of some organizations are invented. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/account.h"
#include "domain/invest.h"
#include "domain/pb.h"
#include "domain/project.h"
#include "core/date.h"
#include "core/json.h"

struct demo_agent {
	const char *name, *kind, *territory, *representative, *alternate;
	const char *status;          /* accredited, refused, registered */
	const char *reason;
	const char *account;         /* a demo account that represents it */
};

static const struct demo_agent agents[] = {
	{ "Asociación de Productores de Huancas", "producers", "010108", "Asociación de Productores de Huancas",
	  "Teodoro Chuquipiondo Santillán", "accredited", NULL, "agente@demo.minka.pe" },
	{ "Junta Vecinal del Asentamiento Humano Pedro Castro Alva", "neighbourhood_board", "010101", "Elvira Tafur Chávez",
	  "Segundo Zagaceta Mas", "accredited", NULL, NULL },
	{ "Comunidad Campesina de Levanto", "peasant_community", "010111", "Gilberto Culqui Tuesta", NULL, "accredited", NULL, NULL },
	{ "Federación Provincial de Juntas Vecinales de Chachapoyas", "community_organization", "010101",
	  "Julio Mendoza Rojas", "Nelly Zumaeta Rojas", "accredited", NULL, NULL },
	{ "Cámara de Comercio y Producción de Amazonas", "business_guild", "010101", "Óscar Rubio Vargas", NULL, "accredited",
	  NULL, NULL },
	{ "Universidad Nacional Toribio Rodríguez de Mendoza de Amazonas", "university", "010101", "Dra. Rosa Huamán Trigoso",
	  NULL, "accredited", NULL, NULL },
	{ "Asociación de Mujeres Tejedoras de La Jalca", "community_organization", "010109", "Felícita Mas Culqui", NULL,
	  "accredited", NULL, NULL },
	{ "JASS Santo Toribio de Mogrovejo", "community_organization", "010101", "Wilmer Portocarrero Díaz", NULL, "accredited",
	  NULL, NULL },
	{ "Club Deportivo Juventud Chiliquín", "other", "010105", "Alex Rojas Chávez", NULL, "registered", NULL, NULL },
	{ "Asociación Pro Vivienda Los Laureles", "neighbourhood_board", "010101", "Pedro Gómez Ruiz", NULL, "refused",
	  "No presentó el acta de asamblea que elige a sus representantes ni su inscripción en el registro de organizaciones "
	  "sociales de la municipalidad", NULL },
};

struct demo_proposal {
	int agent;                   /* index in agents */
	const char *cui;             /* a real project of the bank (skipped when it is not there) */
	const char *bank_title;      /* or a demo project of the bank, by title */
	const char *title, *description, *territory, *sector;
	int64_t cost, cofinancing, beneficiaries;
	const char *objective;       /* words of the plan objective it serves; NULL = untraced */
	bool city;                   /* in the zone of the city */
	const char *not_viable;      /* the technical team's observations */
};

static const struct demo_proposal proposals[] = {
	{ 1, "2545411", NULL, NULL, NULL, NULL, NULL, -1, 2000000, 11560, NULL, true, NULL },
	{ 7, "2526034", NULL, NULL, NULL, NULL, NULL, -1, 1500000, 3200, "agua segura", true, NULL },
	{ 3, "2621540", NULL, NULL, NULL, NULL, NULL, -1, 0, 4100, "agua segura", true, NULL },
	{ 4, "2641283", NULL, NULL, NULL, NULL, NULL, -1, 0, 2600, NULL, true, NULL },
	{ 3, "2640020", NULL, NULL, NULL, NULL, NULL, -1, 0, 1199, NULL, false, NULL },
	{ 2, NULL, "Reforestación de la microcuenca de Levanto con especies nativas", NULL, NULL, NULL, NULL, -1, 3000000, 272,
	  "bosques", false, NULL },
	{ 3, NULL, "Losa deportiva multiuso en Pencapampa", NULL, NULL, NULL, NULL, -1, 1000000, 640, NULL, true, NULL },
	{ 0, NULL, NULL, "Centro de acopio y venta directa de cerámica y papa nativa de Huancas",
	  "Un local con almacén y tienda para que las familias productoras de Huancas vendan su cerámica y su papa nativa sin "
	  "intermediarios, junto al mirador del cañón del Sonche. La asociación aporta el terreno y la mano de obra no calificada.",
	  "010108", "trade", 38000000, 4000000, 420, "cadenas productivas", false, NULL },
	{ 6, NULL, NULL, "Taller de hilado y teñido natural para las tejedoras de La Jalca",
	  "Equipamiento de un taller comunal (telares, tinas, secadores) y capacitación en teñido con plantas del lugar, para que "
	  "las tejedoras vendan en Kuélap y en Chachapoyas.",
	  "010109", "trade", 15000000, 1200000, 85, "cadenas productivas", false, NULL },
	{ 5, NULL, NULL, "Laboratorio de análisis de suelos para los productores de café de la provincia",
	  "Un laboratorio universitario que analice gratuitamente los suelos de las parcelas de café y ganado de la provincia.",
	  "010101", "agriculture", 52000000, 0, 900, "cadenas productivas", false,
	  "No es un proyecto de inversión de competencia municipal: el servicio corresponde a la universidad y al Gobierno "
	  "Regional (Dirección Regional Agraria). Se recomienda presentarlo en el presupuesto participativo regional." },
};

#define DAY 86400

static int64_t find_agent_id(const json_t *list, const char *name)
{
	size_t i;
	json_t *a;
	json_array_foreach(list, i, a)
		if (str_eq(json_get_str(a, "name", ""), name))
			return json_get_int(a, "id", 0);
	return 0;
}

static int64_t objective_id(const json_t *objs, const char *words)
{
	if (!words)
		return 0;
	/* the province's own plan first, then the region's */
	for (int pass = 0; pass < 2; pass++) {
		size_t i;
		json_t *o;
		json_array_foreach(objs, i, o) {
			bool own = str_eq(json_get_str(json_object_get(o, "plan"), "government", ""), DEMO_GOVERNMENT);
			if ((pass == 0) == own && strstr(json_get_str(o, "title", ""), words))
				return json_get_int(o, "id", 0);
		}
	}
	return 0;
}

static struct actor actor_of(struct db_conn *c, const char *email)
{
	struct actor who = { 0 };
	struct account a;
	struct err e;
	err_init(&e, NULL);
	if (account_find_email(c, email, &a, &e) == 0)
		who.account_id = a.id;
	snprintf(who.name, sizeof who.name, "%s", email);
	return who;
}

/* Project of the bank by CUI or by exact title; 0 when it is not there. */
static int64_t bank_project(struct db_conn *c, const struct demo_proposal *d)
{
	struct err e;
	err_init(&e, NULL);
	int64_t id = 0;
	if (d->cui) {
		if (project_find_code(c, d->cui, &id, &e))
			return 0;
		return id;
	}
	struct project_query q;
	project_query_init(&q);
	q.q = d->bank_title;
	q.government = DEMO_GOVERNMENT;
	json_t *items = NULL;
	int64_t total;
	if (project_list(c, &q, false, &items, &total, &e) == 0) {
		size_t i;
		json_t *p;
		json_array_foreach(items, i, p)
			if (str_eq(json_get_str(p, "title", ""), d->bank_title))
				id = json_get_int(p, "id", 0);
	}
	json_decref(items);
	return id;
}

static int seed(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	int64_t year = date_from_epoch(now).year;
	if (year < 2000 || year > 2099)
		year = 2026;
	json_t *existing = NULL;
	int rc = pb_process_list(c, DEMO_GOVERNMENT, now, &existing, e);
	if (rc)
		return rc;
	size_t i;
	json_t *x;
	bool there = false;
	json_array_foreach(existing, i, x)
		there |= json_get_int(x, "year", 0) == year + 1;
	json_decref(existing);
	if (there)
		return 0;
	/* the vote opened three days ago: the calendar runs backwards from there */
	struct date today = pb_local_date(now);
	int64_t first = pb_local_midnight(date_from_days(date_to_days(today) - 80));
	char title[80];
	snprintf(title, sizeof title, "Presupuesto Participativo %lld", (long long)(year + 1));
	struct pb_process_input in = {
		.title = title,
		.description = "Proceso del presupuesto participativo provincial, conducido por el Consejo de Coordinación "
			       "Local Provincial con los agentes participantes acreditados. Los proyectos de la ciudad compiten "
			       "por el presupuesto de su zona; los de los distritos y los de impacto provincial, por la bolsa "
			       "general. Cada vecina y cada vecino de la provincia marca hasta tres propuestas.",
		.year = year + 1,
		.ceiling = 450000000,
		.method = "approval",
		.rule = "greedy",
		.max_choices = 3,
	};
	int64_t id;
	if ((rc = pb_process_create(c, who, now, DEMO_GOVERNMENT, &in, first, &id, e)))
		return rc;
	struct pb_process p;
	if ((rc = pb_process_get(c, id, &p, e)))
		return rc;
	int64_t at[PB_STEP_COUNT] = { 0 };
	for (size_t k = 0; k < p.nsteps; k++)
		at[p.steps[k].kind] = p.steps[k].starts + 10 * 3600;
	int64_t city;
	rc = pb_zone_add(c, who, now, id, "Ciudad de Chachapoyas", "010101", 250000000, &city, e);
	if (!rc)
		rc = pb_cap_set(c, who, now, id, "transport", 160000000, e);
	/* agents */
	struct actor team = actor_of(c, "planificacion@demo.minka.pe");
	for (size_t k = 0; k < ARRAY_LEN(agents) && !rc; k++) {
		const struct demo_agent *d = &agents[k];
		struct actor rep = d->account ? actor_of(c, d->account) : team;
		struct pb_agent_input ai = { d->name, d->kind, d->territory, d->representative, d->alternate };
		int64_t aid;
		rc = pb_agent_register(c, &rep, at[PB_STEP_REGISTRATION] + (int64_t)k * 3 * DAY / 2, id, &ai, d->account != NULL,
				       &aid, e);
		if (!rc && str_eq(d->status, "accredited"))
			rc = pb_agent_accredit(c, &team, at[PB_STEP_TRAINING], id, aid, e);
		else if (!rc && str_eq(d->status, "refused"))
			rc = pb_agent_refuse(c, &team, at[PB_STEP_TRAINING], id, aid, d->reason, e);
	}
	json_t *list = NULL, *objs = NULL;
	if (!rc)
		rc = pb_agent_list(c, id, false, &list, e);
	if (!rc)
		rc = pb_objective_options(c, id, &objs, e);
	/* the committee: the council member belongs to the federation of neighbourhood boards */
	if (!rc)
		rc = pb_committee_add(c, who, now, id, "consejo@demo.minka.pe", find_agent_id(list, agents[3].name), e);
	if (!rc)
		rc = pb_committee_add(c, who, now, id, "planificacion@demo.minka.pe", 0, e);
	/* proposals, reviewed */
	int64_t pids[ARRAY_LEN(proposals)] = { 0 };
	for (size_t k = 0; k < ARRAY_LEN(proposals) && !rc; k++) {
		const struct demo_proposal *d = &proposals[k];
		int64_t project = d->title ? 0 : bank_project(c, d);
		if (!d->title && !project)
			continue;   /* the real projects are not in this bank */
		struct pb_proposal_input pi = {
			.agent_id = find_agent_id(list, agents[d->agent].name),
			.project_id = project,
			.title = d->title,
			.description = d->description,
			.territory = d->territory,
			.zone_id = d->city ? city : 0,
			.sector = d->sector,
			.cost = d->cost,
			.cofinancing = d->cofinancing,
			.beneficiaries = d->beneficiaries,
			.element_id = objective_id(objs, d->objective),
		};
		struct actor rep = agents[d->agent].account ? actor_of(c, agents[d->agent].account) : team;
		rc = pb_proposal_file(c, &rep, at[PB_STEP_WORKSHOPS] + (int64_t)k * DAY, id, &pi, agents[d->agent].account == NULL,
				      &pids[k], e);
		if (!rc)
			rc = pb_proposal_review(c, &team, at[PB_STEP_EVALUATION] + (int64_t)k * DAY / 2, id, pids[k], !d->not_viable,
						d->not_viable ? d->not_viable : "Ficha técnica conforme; costo verificado con precios de la zona.",
						-1, false, e);
	}
	/* the committee's scores of the coverage gap (0 to 4) */
	int64_t gap = 0;
	json_t *proc = NULL;
	if (!rc)
		rc = pb_process_json(c, id, now, &proc, e);
	json_array_foreach(json_object_get(proc, "criteria"), i, x)
		if (str_eq(json_get_str(x, "kind", ""), "committee"))
			gap = json_get_int(x, "id", 0);
	json_decref(proc);
	static const int64_t plan_scores[] = { 2, 4, 4, 3, 1, 3, 2, 3, 2, 0 };
	static const int64_t council_scores[] = { 3, 4, 3, 3, 2, 2, 2, 4, 3, 0 };
	struct actor consejo = actor_of(c, "consejo@demo.minka.pe");
	for (size_t k = 0; k < ARRAY_LEN(proposals) && !rc; k++) {
		if (!pids[k] || proposals[k].not_viable)
			continue;
		rc = pb_score_set(c, &team, at[PB_STEP_PRIORITIZATION], id, pids[k], &gap, &plan_scores[k], 1, e);
		if (!rc && proposals[k].agent != 3)   /* never his own federation's */
			rc = pb_score_set(c, &consejo, at[PB_STEP_PRIORITIZATION] + 3600, id, pids[k], &gap, &council_scores[k], 1, e);
	}
	/* paper ballots from the polling tables, each entered by two officers */
	struct actor admin = actor_of(c, "admin@demo.minka.pe");
	static const uint8_t pattern[][3] = {
		{ 1, 2, 7 }, { 0, 1, 2 }, { 7, 8, 5 }, { 1, 2, 3 }, { 0, 6, 1 }, { 5, 7, 1 }, { 2, 3, 1 }, { 8, 7, 0 },
		{ 1, 0, 2 }, { 6, 0, 4 }, { 7, 5, 8 }, { 2, 1, 3 }, { 4, 3, 6 }, { 1, 7, 2 }, { 0, 2, 6 }, { 5, 2, 1 },
	};
	for (int b = 0; b < 48 && !rc; b++) {
		struct pb_vote_item items[3];
		size_t n = 0;
		for (int j = 0; j < 3 - (b % 5 == 4); j++) {
			int k = pattern[(b * 7 + 3) % ARRAY_LEN(pattern)][j];
			if (pids[k] && !proposals[k].not_viable)
				items[n++] = (struct pb_vote_item){ pids[k], 0 };
		}
		if (!n)
			continue;
		char serial[32];
		snprintf(serial, sizeof serial, "MESA%02d-%04d", 1 + b / 16, b + 1);
		bool counted;
		int64_t t = p.steps[0].starts;
		for (size_t k = 0; k < p.nsteps; k++)
			if (p.steps[k].kind == PB_STEP_VOTING)
				t = p.steps[k].starts + DAY + b * 1800;
		rc = pb_paper_enter(c, &team, t, id, serial, items, n, &counted, e);
		if (!rc)
			rc = pb_paper_enter(c, &admin, t + 600, id, serial, items, n, &counted, e);
	}
	/* one entered once, waiting for the second officer */
	if (!rc && pids[1]) {
		struct pb_vote_item one[] = { { pids[1], 0 } };
		bool counted;
		rc = pb_paper_enter(c, &team, now - 3600, id, "MESA04-0049", one, 1, &counted, e);
	}
	json_decref(list);
	json_decref(objs);
	return rc;
}

/* ---- the province's process of this year, completed ----
 *
 * The Presupuesto Participativo of the current fiscal year was held during the
 * previous one: its calendar is laid out backwards from `now` (it opened some
 * twenty months ago, its acta was signed some sixteen months ago), so every step
 * is in the past whenever the demo is seeded. Its projects are executed this
 * year, and the vigilance committee elected in the acta follows them. The
 * province (not a district) holds it because the demo's committee accounts are
 * the province's (the committee must be able to score there). Its projects are
 * NOT sent to the investment plan: the demo already has the province's plan of
 * this year (demo.c, seed_projects), and programming these projects in it would
 * change that plan's lines and ceilings, which the project-bank pages and tests
 * show; the acta keeps each project's funding source instead. */

static const struct demo_agent done_agents[] = {
	{ "Asociación de Productores de Huancas", "producers", "010108", "Asociación de Productores de Huancas",
	  "Teodoro Chuquipiondo Santillán", "accredited", NULL, "agente@demo.minka.pe" },
	{ "Comité de Regantes de San Juan de Sonche", "community_organization", "010121", "Santos Chuquizuta Vela",
	  "Hermelinda Trigoso Mas", "accredited", NULL, NULL },
	{ "Asociación de Productores de Café de Molinopampa", "producers", "010114", "Eusebio Huamán Culqui",
	  "Lucila Portal Tuesta", "accredited", NULL, NULL },
	{ "APAFA de la I.E. N° 18006 de Levanto", "community_organization", "010111", "Yolanda Culqui Tuesta", NULL,
	  "accredited", NULL, NULL },
	{ "JASS del Centro Poblado de Taquia", "community_organization", "010121", "Abel Vilca Chichipe", NULL,
	  "accredited", NULL, NULL },
	{ "Comunidad Campesina de Levanto", "peasant_community", "010111", "Gilberto Culqui Tuesta", NULL, "accredited",
	  NULL, NULL },
	{ "Federación Provincial de Juntas Vecinales de Chachapoyas", "community_organization", "010101",
	  "Julio Mendoza Rojas", "Nelly Zumaeta Rojas", "accredited", NULL, NULL },
	{ "Junta Vecinal del Barrio Higos Urco", "neighbourhood_board", "010101", "Marleny Zuta Culqui",
	  "Eleuterio Chuquizuta", "accredited", NULL, NULL },
	{ "Asociación de Mototaxistas Virgen Asunta", "business_guild", "010101", "Nilo Rojas Santillán", NULL, "refused",
	  "No acreditó su inscripción en el Registro Único de Organizaciones Sociales (RUOS) ni presentó el acta de "
	  "elección de su junta directiva vigente, pese a la observación notificada en el plazo de subsanación",
	  NULL },
};

static const struct demo_proposal done_proposals[] = {
	{ 0, NULL, "Creación del mercado de productores de Huancas", NULL, NULL, NULL, NULL, -1, 6000000, 183,
	  "cadenas productivas", false, NULL },
	{ 1, NULL, NULL, "Revestimiento del canal de riego Cochahuayco en San Juan de Sonche",
	  "Revestir con concreto 2.3 km del canal de tierra que riega los pastos y frutales de 64 familias, con tomas "
	  "laterales y compuertas. El comité de regantes aporta las faenas y se encarga de la operación y del mantenimiento.",
	  "010121", "agriculture", 39000000, 3500000, 310, "cadenas productivas", false, NULL },
	{ 2, NULL, NULL, "Secadores solares y centro de beneficio de café en Molinopampa",
	  "Veinte secadores solares de parihuela y un pequeño centro de beneficio (despulpadora, tanques de fermentación) "
	  "para que las familias cafetaleras vendan café pergamino seco de calidad a la cooperativa.",
	  "010114", "agriculture", 38000000, 4000000, 260, "cadenas productivas", false, NULL },
	{ 3, NULL, NULL, "Mejoramiento de aulas y servicios higiénicos de la I.E. N° 18006 de Levanto",
	  "Cambio del techo de calamina de cuatro aulas, piso de cemento pulido y nuevos servicios higiénicos con "
	  "lavatorios para los 112 alumnos de primaria. La APAFA aporta la mano de obra no calificada.",
	  "010111", "education", 52000000, 0, 210, NULL, false, NULL },
	{ 4, NULL, NULL, "Ampliación del servicio de agua y cloración en el centro poblado de Taquia",
	  "Nueva captación del manantial Yumal, reservorio de 25 m3 con sistema de cloración por goteo y 1.8 km de "
	  "red con 96 conexiones domiciliarias. La JASS cobra la cuota familiar que mantiene el servicio.",
	  "010121", "sanitation", 36000000, 2000000, 480, "agua segura", false, NULL },
	{ 5, NULL, NULL, "Mejoramiento del camino vecinal Levanto – San Isidro de Maino",
	  "Afirmado de 6.4 km, cunetas y tres alcantarillas en el camino que sacan a pie y en acémila la leche y los "
	  "cuyes de la comunidad hacia el mercado de Chachapoyas.",
	  "010111", "transport", 64000000, 3000000, 950, "conectividad vial", false, NULL },
	{ 6, NULL, NULL, "Compra de una camioneta para la Federación Provincial de Juntas Vecinales",
	  "Una camioneta para que los dirigentes de la federación visiten los barrios y lleven sus pedidos a la "
	  "municipalidad.",
	  "010101", "other", 18000000, 0, 0, NULL, false,
	  "No es un proyecto de inversión pública: la compra de un vehículo para el uso de una organización privada no crea "
	  "ni mejora un servicio público. Las visitas a los barrios pueden coordinarse con la movilidad de la Gerencia de "
	  "Participación Vecinal." },
};

/* Online ballots of the demo accounts that live in the province, and the
 * patterns of the paper ballots of the polling tables (indexes in done_proposals). */
static const struct { const char *email; uint8_t k[3]; } done_online[] = {
	{ "vecina@demo.minka.pe", { 4, 3, 2 } },
	{ "consejo@demo.minka.pe", { 5, 4, 1 } },
	{ "planificacion@demo.minka.pe", { 0, 4, 2 } },
	{ "vigilancia@demo.minka.pe", { 4, 3, 1 } },
	{ "agente@demo.minka.pe", { 0, 2, 1 } },
};
static const uint8_t done_paper[][3] = {
	{ 4, 0, 2 }, { 4, 0, 5 }, { 0, 2, 4 }, { 4, 5, 1 }, { 0, 4, 3 }, { 2, 4, 0 },
	{ 5, 1, 4 }, { 0, 2, 5 }, { 4, 3, 2 }, { 1, 0, 4 }, { 5, 4, 0 }, { 2, 0, 3 },
};
#define DONE_PAPER 36

static const char *day_text(int64_t epoch, char out[DATE_FMT_MAX])
{
	return date_format(pb_local_date(epoch), out);
}

static int seed_done(struct db_conn *c, const struct actor *who, int64_t now, int64_t year, struct err *e)
{
	/* opened about twenty months ago: the usual calendar (112 days) ends well before now */
	struct date today = pb_local_date(now);
	int64_t first = pb_local_midnight(date_from_days(date_to_days(today) - 600));
	char title[80];
	snprintf(title, sizeof title, "Presupuesto Participativo %lld", (long long)year);
	struct pb_process_input in = {
		.title = title,
		.description = "Proceso del presupuesto participativo provincial para el año fiscal, concluido: el acta de "
			       "acuerdos y compromisos está firmada y el comité de vigilancia sigue la ejecución de los "
			       "proyectos priorizados. Cada vecina y cada vecino de la provincia marcó hasta tres propuestas.",
		.year = year,
		.ceiling = 200000000,
		.method = "approval",
		.rule = "greedy",
		.max_choices = 3,
	};
	int64_t id;
	int rc = pb_process_create(c, who, first - DAY, DEMO_GOVERNMENT, &in, first, &id, e);
	if (rc)
		return rc;
	struct pb_process p;
	if ((rc = pb_process_get(c, id, &p, e)))
		return rc;
	int64_t at[PB_STEP_COUNT] = { 0 }, ends[PB_STEP_COUNT] = { 0 };
	for (size_t k = 0; k < p.nsteps; k++) {
		at[p.steps[k].kind] = p.steps[k].starts + 10 * 3600;
		ends[p.steps[k].kind] = p.steps[k].ends;
	}
	struct actor team = actor_of(c, "planificacion@demo.minka.pe");
	struct actor consejo = actor_of(c, "consejo@demo.minka.pe");
	struct actor admin = actor_of(c, "admin@demo.minka.pe");
	/* agents: eight accredited, one refused with its reason */
	for (size_t k = 0; k < ARRAY_LEN(done_agents) && !rc; k++) {
		const struct demo_agent *d = &done_agents[k];
		struct actor rep = d->account ? actor_of(c, d->account) : team;
		struct pb_agent_input ai = { d->name, d->kind, d->territory, d->representative, d->alternate };
		int64_t aid;
		rc = pb_agent_register(c, &rep, at[PB_STEP_REGISTRATION] + (int64_t)k * DAY, id, &ai, d->account != NULL, &aid,
				       e);
		if (!rc && str_eq(d->status, "accredited"))
			rc = pb_agent_accredit(c, &team, at[PB_STEP_TRAINING], id, aid, e);
		else if (!rc && str_eq(d->status, "refused"))
			rc = pb_agent_refuse(c, &team, at[PB_STEP_TRAINING], id, aid, d->reason, e);
	}
	json_t *list = NULL, *objs = NULL;
	if (!rc)
		rc = pb_agent_list(c, id, false, &list, e);
	if (!rc)
		rc = pb_objective_options(c, id, &objs, e);
	/* the committee: the council member belongs to the federation of neighbourhood boards */
	if (!rc)
		rc = pb_committee_add(c, who, at[PB_STEP_TRAINING], id, "consejo@demo.minka.pe",
				      find_agent_id(list, done_agents[6].name), e);
	if (!rc)
		rc = pb_committee_add(c, who, at[PB_STEP_TRAINING], id, "planificacion@demo.minka.pe", 0, e);
	/* proposals, filed in the workshops and reviewed */
	int64_t pids[ARRAY_LEN(done_proposals)] = { 0 };
	for (size_t k = 0; k < ARRAY_LEN(done_proposals) && !rc; k++) {
		const struct demo_proposal *d = &done_proposals[k];
		int64_t project = d->title ? 0 : bank_project(c, d);
		if (!d->title && !project)
			continue;
		const struct demo_agent *ag = &done_agents[d->agent];
		struct pb_proposal_input pi = {
			.agent_id = find_agent_id(list, ag->name),
			.project_id = project,
			.title = d->title,
			.description = d->description,
			.territory = d->territory,
			.sector = d->sector,
			.cost = d->cost,
			.cofinancing = d->cofinancing,
			.beneficiaries = d->beneficiaries,
			.element_id = objective_id(objs, d->objective),
		};
		struct actor rep = ag->account ? actor_of(c, ag->account) : team;
		rc = pb_proposal_file(c, &rep, at[PB_STEP_WORKSHOPS] + (int64_t)k * DAY, id, &pi, ag->account == NULL, &pids[k],
				      e);
		if (!rc)
			rc = pb_proposal_review(c, &team, at[PB_STEP_EVALUATION] + (int64_t)k * DAY, id, pids[k], !d->not_viable,
						d->not_viable ? d->not_viable
							      : "Ficha técnica conforme; costo verificado con precios de la zona.",
						-1, false, e);
	}
	/* the committee's scores of the coverage gap (0 to 4); the planner declares a
	 * conflict on the school (her daughter studies there) and does not score it */
	int64_t gap = 0;
	json_t *proc = NULL;
	size_t i;
	json_t *x;
	if (!rc)
		rc = pb_process_json(c, id, at[PB_STEP_PRIORITIZATION], &proc, e);
	json_array_foreach(json_object_get(proc, "criteria"), i, x)
		if (str_eq(json_get_str(x, "kind", ""), "committee"))
			gap = json_get_int(x, "id", 0);
	json_decref(proc);
	if (!rc && pids[3])
		rc = pb_recuse(c, &team, at[PB_STEP_PRIORITIZATION], id, pids[3],
			       "Mi hija estudia en la I.E. N° 18006 de Levanto y mi esposo es tesorero de su APAFA.", e);
	static const int64_t plan_scores[] = { 3, 2, 3, 0, 4, 3 };
	static const int64_t council_scores[] = { 3, 3, 2, 4, 4, 4 };
	for (size_t k = 0; k < ARRAY_LEN(plan_scores) && !rc; k++) {
		if (!pids[k] || done_proposals[k].not_viable)
			continue;
		if (k != 3)
			rc = pb_score_set(c, &team, at[PB_STEP_PRIORITIZATION] + 3600, id, pids[k], &gap, &plan_scores[k], 1, e);
		if (!rc && done_proposals[k].agent != 6)   /* never his own federation's */
			rc = pb_score_set(c, &consejo, at[PB_STEP_PRIORITIZATION] + 7200, id, pids[k], &gap, &council_scores[k], 1,
					  e);
	}
	/* the vote: the demo accounts that live in the province online, the polling
	 * tables' paper ballots entered twice (the planner and the administrator) */
	for (size_t b = 0; b < ARRAY_LEN(done_online) && !rc; b++) {
		struct pb_vote_item items[3];
		size_t n = 0;
		for (int j = 0; j < 3; j++)
			if (pids[done_online[b].k[j]])
				items[n++] = (struct pb_vote_item){ pids[done_online[b].k[j]], 0 };
		struct actor voter = actor_of(c, done_online[b].email);
		const char *residence = NULL;
		for (size_t k = 0; k < demo_accounts_count; k++)
			if (str_eq(demo_accounts[k].email, done_online[b].email))
				residence = demo_accounts[k].residence;
		if (n && voter.account_id && residence)
			rc = pb_ballot_cast(c, &voter, at[PB_STEP_VOTING] + (int64_t)b * 7200, id, residence, items, n, e);
	}
	for (int b = 0; b < DONE_PAPER && !rc; b++) {
		const uint8_t *k = done_paper[b % ARRAY_LEN(done_paper)];
		struct pb_vote_item items[3];
		size_t n = 0;
		for (int j = 0; j < 3; j++)
			if (pids[k[j]])
				items[n++] = (struct pb_vote_item){ pids[k[j]], 0 };
		if (!n)
			continue;
		char serial[32];
		snprintf(serial, sizeof serial, "MESA%02d-%04d", 1 + b / 12, b + 1);
		bool counted;
		int64_t t = ends[PB_STEP_VOTING] - 2 * DAY + b * 600;
		rc = pb_paper_enter(c, &team, t, id, serial, items, n, &counted, e);
		if (!rc)
			rc = pb_paper_enter(c, &admin, t + 300, id, serial, items, n, &counted, e);
	}
	/* results, computed with the process's rule once the vote closed */
	if (!rc)
		rc = pb_results_publish(c, &team, at[PB_STEP_COORDINATION], id, e);
	/* the acta: where and when, each project's source and who answers for it,
	 * commitments, signatories; signed */
	char held_on[DATE_FMT_MAX], elected_on[DATE_FMT_MAX];
	day_text(at[PB_STEP_FORMALIZATION], held_on);
	day_text(at[PB_STEP_FORMALIZATION], elected_on);
	if (!rc)
		rc = pb_acta_update(c, &team, at[PB_STEP_COORDINATION] + DAY, id,
				    "Auditorio de la Municipalidad Provincial de Chachapoyas", held_on,
				    "Los agentes participantes acreditados y el Consejo de Coordinación Local Provincial acuerdan "
				    "los proyectos priorizados por la votación, dentro del techo presupuestal del proceso, y eligen "
				    "al comité de vigilancia que seguirá su ejecución. La municipalidad los incorporará en su "
				    "presupuesto institucional de apertura.",
				    e);
	json_t *results = NULL, *sources = NULL;
	if (!rc)
		rc = pb_results_json(c, id, e->lang, &results, e);
	if (!rc)
		rc = funding_source_list(c, DEMO_GOVERNMENT, year, &sources, e);
	int64_t foncomun = 0, canon = 0;
	json_array_foreach(sources, i, x) {
		if (str_eq(json_get_str(x, "kind", ""), "foncomun"))
			foncomun = json_get_int(x, "id", 0);
		if (str_eq(json_get_str(x, "kind", ""), "canon"))
			canon = json_get_int(x, "id", 0);
	}
	json_array_foreach(json_object_get(results, "items"), i, x) {
		if (rc || !json_is_true(json_object_get(x, "selected")))
			continue;
		int64_t pid = json_get_int(x, "proposal", 0);
		bool water = pid == pids[4];
		rc = pb_acta_line_set(c, &team, at[PB_STEP_COORDINATION] + DAY, id, pid, water ? foncomun : canon,
				      water ? "Área Técnica Municipal de Saneamiento" : "Gerencia de Infraestructura y Desarrollo Urbano",
				      e);
	}
	json_decref(results);
	json_decref(sources);
	static const struct { int agent; const char *party, *text; } commitments[] = {
		{ -1, "Municipalidad Provincial de Chachapoyas",
		  "Incluir los proyectos priorizados en el presupuesto institucional de apertura y publicar cada trimestre su "
		  "avance físico y financiero en el portal de transparencia." },
		{ 0, NULL, "Aportar S/ 60,000 en faenas comunales y ceder el uso del terreno del mercado por treinta años." },
		{ 4, NULL, "Cobrar la cuota familiar y operar la cloración del nuevo sistema de agua desde su entrega." },
		{ 1, NULL, "Aportar las faenas del revestimiento y mantener el canal con su padrón de usuarios." },
	};
	for (size_t k = 0; k < ARRAY_LEN(commitments) && !rc; k++) {
		int a = commitments[k].agent;
		rc = pb_commitment_add(c, &team, at[PB_STEP_FORMALIZATION], id, a >= 0 ? find_agent_id(list, done_agents[a].name) : 0,
				       commitments[k].party, commitments[k].text, e);
	}
	static const char *const signatories[][3] = {
		{ "Víctor Raúl Culqui Puerta", "Alcalde provincial, presidente del CCL", "Municipalidad Provincial de Chachapoyas" },
		{ "Julio Mendoza Rojas", "Miembro del CCL provincial",
		  "Federación Provincial de Juntas Vecinales de Chachapoyas" },
		{ "Rosa Chávez Tuesta", "Jefa de la Oficina de Planeamiento y Presupuesto, equipo técnico",
		  "Municipalidad Provincial de Chachapoyas" },
		{ "Teodoro Chuquipiondo Santillán", "Agente participante", "Asociación de Productores de Huancas" },
		{ "Abel Vilca Chichipe", "Agente participante", "JASS del Centro Poblado de Taquia" },
		{ "Santos Chuquizuta Vela", "Agente participante", "Comité de Regantes de San Juan de Sonche" },
	};
	for (size_t k = 0; k < ARRAY_LEN(signatories) && !rc; k++)
		rc = pb_signatory_add(c, &team, at[PB_STEP_FORMALIZATION], id, signatories[k][0], signatories[k][1],
				      signatories[k][2], e);
	if (!rc)
		rc = pb_formalize(c, &team, at[PB_STEP_FORMALIZATION] + 3 * 3600, id, e);
	/* signing put the new proposals in the bank, each serving its proposal's objective */
	/* the vigilance committee, elected in the acta's session from the agents */
	static const struct { int agent; const char *name, *role; } vigil[] = {
		{ 7, "Marleny Zuta Culqui", "coordinator" },
		{ 1, "Hermelinda Trigoso Mas", "member" },
		{ 3, "Yolanda Culqui Tuesta", "member" },
	};
	for (size_t k = 0; k < ARRAY_LEN(vigil) && !rc; k++)
		rc = pb_vigilance_elect(c, &team, at[PB_STEP_FORMALIZATION] + 4 * 3600, id,
					find_agent_id(list, done_agents[vigil[k].agent].name), vigil[k].name, vigil[k].role,
					elected_on, e);
	/* its observations during the year the projects are for, with evidence; the
	 * projects are still "prioritized" in the bank (not programmed: see above), and
	 * that is what the committee observes. The municipality answered two. */
	struct actor vigilancia = actor_of(c, "vigilancia@demo.minka.pe");
	static const struct { int proposal; int days_ago; const char *text, *evidence, *answer; } obs[] = {
		{ 4, 95,
		  "El acta priorizó el agua de Taquia para este año, pero a la fecha no se ha contratado su expediente técnico "
		  "y las familias siguen acarreando agua del puquio.",
		  "Visita al centro poblado con el teniente gobernador y el presidente de la JASS; acta de constatación firmada "
		  "por ambos y fotografías del terreno del reservorio.",
		  "El expediente técnico se encargó con la orden de servicio N° 0412-2026-MPCH y se entrega en noventa días. "
		  "Hubo que aforar de nuevo el manantial Yumal, que bajó su caudal en la época seca." },
		{ 0, 40,
		  "El portal de transparencia no informa del avance del mercado de productores de Huancas ni de los otros "
		  "proyectos del acta, aunque la municipalidad se comprometió a publicarlo cada trimestre.",
		  "Capturas de pantalla del portal de transparencia y copia del compromiso firmado en el acta.",
		  "Desde este mes el portal publica cada trimestre el estado de los cuatro proyectos del acta. El expediente "
		  "técnico del mercado está en revisión en la Gerencia de Infraestructura." },
		{ 2, 12,
		  "La municipalidad no ha convocado a la asociación de productores de café para ubicar los terrenos de los "
		  "secadores solares, y la campaña de cosecha se acerca.",
		  "Carta de la asociación a la Gerencia de Desarrollo Económico con sello de recepción, sin respuesta.",
		  NULL },
	};
	for (size_t k = 0; k < ARRAY_LEN(obs) && !rc; k++) {
		int64_t when = now - (int64_t)obs[k].days_ago * DAY;
		char on[DATE_FMT_MAX];
		int64_t oid = 0;
		rc = pb_observation_add(c, &vigilancia, when, id, pids[obs[k].proposal], day_text(when, on), obs[k].text,
					obs[k].evidence, &oid, e);
		if (!rc && obs[k].answer)
			rc = pb_observation_answer(c, &team, when + 6 * DAY, id, oid, obs[k].answer, e);
	}
	json_decref(list);
	json_decref(objs);
	return rc;
}

int demo_seed_pb(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (!rc)
		rc = seed(c, who, now, e);
	/* then this year's, completed (after next year's, so that its ids stay the same) */
	int64_t year = date_from_epoch(now).year;
	if (year < 2000 || year > 2099)
		year = 2026;
	json_t *existing = NULL;
	if (!rc)
		rc = pb_process_list(c, DEMO_GOVERNMENT, now, &existing, e);
	bool there = false;
	size_t i;
	json_t *x;
	json_array_foreach(existing, i, x)
		there |= json_get_int(x, "year", 0) == year;
	json_decref(existing);
	if (!rc && !there)
		rc = seed_done(c, who, now, year, e);
	return db_tx_leave(c, own, rc, e);
}
