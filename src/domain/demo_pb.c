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
 * around the day the demo is seeded, so the phase is always believable. The
 * names of people and of some organizations are invented. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/account.h"
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

int demo_seed_pb(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (!rc)
		rc = seed(c, who, now, e);
	return db_tx_leave(c, own, rc, e);
}
