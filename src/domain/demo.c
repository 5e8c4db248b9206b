/* demo.c — seeds the demo municipality and its accounts. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/account.h"
#include "domain/invest.h"
#include "domain/project.h"
#include "core/date.h"
#include "domain/setting.h"
#include "domain/territory.h"

/* Names are invented; the roles are those of a provincial municipality's
 * participatory process (PRODES guide, seed 004). */
const struct demo_account demo_accounts[] = {
	{ "admin@demo.minka.pe", "Administración minka", "admin", NULL, NULL },
	{ "planificacion@demo.minka.pe", "Rosa Chávez (Oficina de Planeamiento)", "planner", "0101", "010101" },
	{ "consejo@demo.minka.pe", "Julio Mendoza (CCL provincial)", "council", "0101", "010101" },
	{ "agente@demo.minka.pe", "Asociación de Productores de Huancas", "agent", "0101", "010108" },
	{ "vigilancia@demo.minka.pe", "Marleny Zuta (Comité de Vigilancia)", "vigilance", "0101", "010101" },
	{ "vecina@demo.minka.pe", "Carmen Tafur", "citizen", "0101", "010101" },
};
const size_t demo_accounts_count = ARRAY_LEN(demo_accounts);

struct seed_arg {
	const struct actor *who;
	int64_t now;
};

/* ---- the project bank's part (seed 003: the open portfolio receives the
 * community's initiatives; the investment plan programs them by source and
 * quarter; project committees follow them) ---- */

struct demo_project {
	const char *title, *description, *territory, *proposer, *sector;
	int64_t cost;                    /* cents */
	int64_t women, men;
	const char *status;              /* where the demo leaves it */
	const char *reason;              /* for not viable */
};

static const struct demo_project demo_projects[] = {
	{ "Mejoramiento del servicio de agua potable en el barrio Higos Urco",
	  "Las familias de la parte alta del barrio acarrean agua del puquio en baldes. Se propone captar el manantial, "
	  "construir un reservorio de 40 m3 y extender la red con conexiones domiciliarias.",
	  "010101", "Junta Vecinal del Barrio Higos Urco", "sanitation", 48500000, 170, 150, "programmed", NULL },
	{ "Pistas y veredas del jirón Libertad, cuadras 8 a 12",
	  "Pavimentación con concreto de cinco cuadras y veredas con rampas para personas con discapacidad; la comunidad "
	  "aporta mano de obra no calificada en faenas.",
	  "010101", "Comité de Vecinos del Jirón Libertad", "transport", 120000000, 610, 580, "in_execution", NULL },
	{ "Creación del mercado de productores de Huancas",
	  "Un espacio techado para que las productoras de cerámica y de papa nativa vendan directamente, con servicios "
	  "higiénicos y un área de acopio.",
	  "010108", "Asociación de Productores de Huancas", "trade", 85000000, 95, 88, "prioritized", NULL },
	{ "Reforestación de la microcuenca de Levanto con especies nativas",
	  "Viveros comunales y plantación de aliso y pino en las laderas que abastecen de agua a Levanto y a Chachapoyas.",
	  "010111", "Comunidad Campesina de Levanto", "environment", 22000000, 140, 132, "viable", NULL },
	{ "Losa deportiva multiuso en Pencapampa",
	  "Una losa con graderías y cerco para los campeonatos de la juventud del anexo.",
	  "010101", "Club Deportivo Pencapampa", "culture_sport", 31000000, -1, -1, "received", NULL },
	{ "Canal de riego Taquia – Sonche",
	  "Canal revestido de 4 km para regar pastos en época seca.",
	  "010121", "Comité de Regantes de Taquia", "agriculture", 64000000, 60, 72, "not_viable",
	  "La fuente de agua no cuenta con licencia de uso otorgada por la Autoridad Nacional del Agua" },
};

static const struct {
	const char *kind, *name;
	int64_t ceiling;    /* cents, for the demo year */
} demo_sources[] = {
	{ "foncomun", "FONCOMUN", 240000000 },
	{ "own_revenue", "Recursos directamente recaudados", 60000000 },
	{ "canon", "Canon y sobrecanon", 120000000 },
	{ "central_transfer", "Transferencias del gobierno nacional", 150000000 },
	{ "cooperation", "Cooperación técnica internacional", 30000000 },
	{ "cofinancing", "Aporte de la comunidad (faenas)", 15000000 },
};

static int move(struct db_conn *c, const struct seed_arg *a, int64_t id, const char *to, const char *reason,
		struct err *e)
{
	return project_transition(c, a->who, a->now, id, project_status_parse(to), reason, e);
}

static int seed_projects(struct db_conn *c, const struct seed_arg *a, struct err *e)
{
	/* already there? (the first source is the marker) */
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM funding_source WHERE government_code = ? AND name = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, DEMO_GOVERNMENT);
	db_bind_text(st, 2, demo_sources[0].name);
	int rc = db_step(st, e);
	int64_t n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc < 0)
		return rc;
	if (n)
		return 0;
	/* this year's plan (tests run with clocks near 1970: then a fixed year) */
	int64_t year = date_from_epoch(a->now).year;
	if (year < 2000 || year > 2100)
		year = 2026;
	int64_t src[ARRAY_LEN(demo_sources)], plan;
	rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(demo_sources) && !rc; i++) {
		rc = funding_source_create(c, a->who, a->now, DEMO_GOVERNMENT, demo_sources[i].kind, demo_sources[i].name,
					   "PEN", &src[i], e);
		if (!rc)
			rc = funding_ceiling_set(c, a->who, a->now, src[i], year, demo_sources[i].ceiling, e);
	}
	if (!rc)
		rc = invest_plan_create(c, a->who, a->now, DEMO_GOVERNMENT, year, &plan, e);
	int64_t ids[ARRAY_LEN(demo_projects)];
	for (size_t i = 0; i < ARRAY_LEN(demo_projects) && !rc; i++) {
		const struct demo_project *d = &demo_projects[i];
		struct project_input in = {
			.title = d->title, .description = d->description, .territory = d->territory,
			.government = DEMO_GOVERNMENT, .proposer = d->proposer, .sector = d->sector,
			.estimated_cost = d->cost, .updated_cost = -1,
			.beneficiaries = d->women >= 0 ? d->women + d->men : -1,
			.beneficiaries_women = d->women, .beneficiaries_men = d->men,
			.responsible_office = "Gerencia de Infraestructura y Desarrollo Urbano",
		};
		rc = project_submit(c, a->who, a->now, &in, &ids[i], e);
		if (rc || str_eq(d->status, "received"))
			continue;
		rc = move(c, a, ids[i], "under_evaluation", NULL, e);
		if (!rc && str_eq(d->status, "not_viable"))
			rc = move(c, a, ids[i], "not_viable", d->reason, e);
		else if (!rc)
			rc = move(c, a, ids[i], "viable", "Ficha técnica conforme", e);
		if (!rc && str_eq(d->status, "prioritized"))
			rc = move(c, a, ids[i], "prioritized", "Priorizado por el Consejo de Coordinación Local", e);
	}
	/* the investment plan of the year: water by FONCOMUN, the street by canon
	 * and the community's work */
	struct invest_line_input lines[] = {
		{ .project_id = ids[0], .source_id = src[0], .amount = 48500000, .q = { 0, 24250000, 24250000, 0 } },
		{ .project_id = ids[1], .source_id = src[2], .amount = 110000000, .q = { 30000000, 40000000, 40000000, 0 } },
		{ .project_id = ids[1], .source_id = src[5], .amount = 10000000, .q = { 2500000, 2500000, 2500000, 2500000 } },
	};
	for (size_t i = 0; i < ARRAY_LEN(lines) && !rc; i++) {
		int64_t line;
		rc = invest_line_add(c, a->who, a->now, plan, &lines[i], &line, e);
	}
	/* the street is under way: money received, committed and partly paid */
	char date[DATE_FMT_MAX];
	snprintf(date, sizeof date, "%04lld-03-16", (long long)year);
	struct finance_input entries[] = {
		{ ids[1], src[2], "budgeted", 110000000, date, "Plan de inversiones (línea de canon)", "" },
		{ ids[1], src[2], "approved", 110000000, date, "Resolución de Alcaldía N° 112-2026-MPCH", "" },
		{ ids[1], src[2], "transferred", 110000000, date, "Transferencia del canon, SIAF 0000451", "" },
		{ ids[1], src[2], "committed", 98000000, date, "Contrato N° 014-2026-MPCH (obra)", "" },
		{ ids[1], src[2], "disbursed", 42000000, date, "Comprobante de pago 0045-2026 (valorización 1 y 2)", "" },
		{ ids[0], src[0], "budgeted", 48500000, date, "Plan de inversiones (línea de FONCOMUN)", "" },
		{ ids[0], src[0], "transferred", 24250000, date, "FONCOMUN, transferencias de enero a junio", "" },
		{ ids[0], src[0], "committed", 15000000, date, "Orden de servicio 0231-2026 (expediente técnico)", "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(entries) && !rc; i++) {
		int64_t id;
		rc = finance_entry_add(c, a->who, a->now, &entries[i], &id, e);
	}
	if (!rc)
		rc = project_set_progress(c, a->who, a->now, ids[1], 3500, e);
	/* project committees */
	const struct { size_t p; const char *name, *role, *org; } members[] = {
		{ 0, "Rosa Huamán Tuesta", "president", "Junta Vecinal del Barrio Higos Urco" },
		{ 0, "Eleuterio Chuquizuta", "treasurer", "Junta Vecinal del Barrio Higos Urco" },
		{ 1, "Nelly Zumaeta Rojas", "president", "Comité de Vecinos del Jirón Libertad" },
		{ 1, "Walter Culqui Mas", "secretary", "Comité de Vecinos del Jirón Libertad" },
	};
	for (size_t i = 0; i < ARRAY_LEN(members) && !rc; i++) {
		int64_t mid;
		rc = project_member_add(c, a->who, a->now, ids[members[i].p], members[i].name, members[i].role,
					members[i].org, &mid, e);
	}
	if (!rc) {
		int64_t doc;
		rc = project_document_add_reference(c, a->who, a->now, ids[1], "Contrato de obra", "Contrato N° 014-2026-MPCH",
						    &doc, e);
	}
	return rc;
}

static int seed(struct db_conn *c, void *arg, struct err *e)
{
	const struct seed_arg *a = arg;
	struct government g;
	int rc = government_get(c, DEMO_GOVERNMENT, &g, e);
	if (rc)
		return err_set(e, rc, "The territory must be imported before the demo (no government %s)", DEMO_GOVERNMENT);
	rc = setting_set(c, a->who, a->now, "home_government", DEMO_GOVERNMENT, e);
	if (!rc)
		rc = setting_set(c, a->who, a->now, "installation_name", g.name, e);
	if (!rc)
		rc = setting_set(c, a->who, a->now, "allow_signup", "1", e);
	for (size_t i = 0; i < demo_accounts_count && !rc; i++) {
		const struct demo_account *d = &demo_accounts[i];
		struct account existing;
		struct err ignore;
		err_init(&ignore, NULL);
		if (account_find_email(c, d->email, &existing, &ignore) == 0)
			continue;
		int64_t id;
		rc = account_create(c, a->who, a->now, d->email, d->name, DEMO_PASSWORD, d->residence, &id, e);
		if (!rc)
			rc = account_grant(c, a->who, a->now, id, (enum role)role_parse(d->role), d->territory, e);
	}
	if (!rc)
		rc = demo_seed_plans(c, a->who, a->now, e);
	if (!rc)
		rc = seed_projects(c, a, e);
	if (!rc)
		rc = demo_align_projects(c, a->who, a->now, NULL, e);
	if (!rc)
		rc = demo_seed_indicators(c, a->who, a->now, e);
	return rc;
}

int demo_seed(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	struct seed_arg a = { who, now };
	return db_transact(c, seed, &a, e);
}
