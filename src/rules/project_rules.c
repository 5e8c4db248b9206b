/* project_rules.c — lifecycle, sectors and small checks of the project bank. */
#include "core/compat.h"
#include "core/i18n.h"
#include "rules/project_rules.h"
#include "rules/plan_rules.h"

static const struct {
	const char *name;
	const char *label;
} statuses[PS_COUNT] = {
	[PS_NONE] = { "", "" },
	[PS_RECEIVED] = { "received", N_("Received") },
	[PS_UNDER_EVALUATION] = { "under_evaluation", N_("Under evaluation") },
	[PS_VIABLE] = { "viable", N_("Viable") },
	[PS_NOT_VIABLE] = { "not_viable", N_("Not viable") },
	[PS_PRIORITIZED] = { "prioritized", N_("Prioritized") },
	[PS_PROGRAMMED] = { "programmed", N_("Programmed") },
	[PS_IN_EXECUTION] = { "in_execution", N_("In execution") },
	[PS_COMPLETED] = { "completed", N_("Completed") },
	[PS_CLOSED] = { "closed", N_("Closed") },
	[PS_DISCARDED] = { "discarded", N_("Discarded") },
};

const char *const project_status_names[] = {
	"received", "under_evaluation", "viable", "not_viable", "prioritized", "programmed",
	"in_execution", "completed", "closed", "discarded", NULL,
};

const char *project_status_name(enum project_status s)
{
	return (unsigned)s < PS_COUNT ? statuses[s].name : "";
}

const char *project_status_label(enum project_status s)
{
	return (unsigned)s < PS_COUNT ? statuses[s].label : "";
}

enum project_status project_status_parse(const char *name)
{
	if (!name || !*name)
		return PS_NONE;
	for (int s = 1; s < PS_COUNT; s++)
		if (str_eq(statuses[s].name, name))
			return (enum project_status)s;
	return PS_NONE;
}

/* The transition table. `via`: which hands may make the move (bit per enum
 * transition_via); `reason`: a reason is required. */
#define BY_HAND (1u << VIA_MANUAL)
#define BY_PLAN (1u << VIA_PLAN)
#define BY_FINANCE (1u << VIA_FINANCE)

static const struct transition {
	enum project_status from, to;
	unsigned via;
	bool reason;
} transitions[] = {
	{ PS_RECEIVED, PS_UNDER_EVALUATION, BY_HAND, false },
	{ PS_RECEIVED, PS_DISCARDED, BY_HAND, true },
	{ PS_UNDER_EVALUATION, PS_VIABLE, BY_HAND, false },
	{ PS_UNDER_EVALUATION, PS_NOT_VIABLE, BY_HAND, true },
	{ PS_UNDER_EVALUATION, PS_DISCARDED, BY_HAND, true },
	{ PS_NOT_VIABLE, PS_UNDER_EVALUATION, BY_HAND, true },   /* reformulated: evaluate again */
	{ PS_NOT_VIABLE, PS_DISCARDED, BY_HAND, true },
	{ PS_VIABLE, PS_PRIORITIZED, BY_HAND | BY_PLAN, false },
	{ PS_VIABLE, PS_DISCARDED, BY_HAND, true },
	{ PS_PRIORITIZED, PS_PROGRAMMED, BY_PLAN, false },
	{ PS_PRIORITIZED, PS_DISCARDED, BY_HAND, true },
	{ PS_PROGRAMMED, PS_PRIORITIZED, BY_PLAN, false },       /* its line left a draft plan */
	{ PS_PROGRAMMED, PS_IN_EXECUTION, BY_HAND | BY_FINANCE, false },
	{ PS_IN_EXECUTION, PS_COMPLETED, BY_HAND, false },
	{ PS_COMPLETED, PS_CLOSED, BY_HAND, false },
};

static const struct transition *find(enum project_status from, enum project_status to)
{
	for (size_t i = 0; i < ARRAY_LEN(transitions); i++)
		if (transitions[i].from == from && transitions[i].to == to)
			return &transitions[i];
	return NULL;
}

enum transition_verdict project_transition_check(enum project_status from, enum project_status to,
						 enum transition_via via, const char *reason)
{
	const struct transition *t = find(from, to);
	if (!t && to == PS_PROGRAMMED && via == VIA_MANUAL && project_status_programmable(from))
		return TRANSITION_ONLY_BY_PLAN; /* say how, not only that it cannot */
	if (!t)
		return TRANSITION_NOT_ALLOWED;
	if (!(t->via & (1u << via)))
		return t->via == BY_PLAN ? TRANSITION_ONLY_BY_PLAN : TRANSITION_NOT_ALLOWED;
	if (t->reason && (!reason || !*reason))
		return TRANSITION_NEEDS_REASON;
	return TRANSITION_OK;
}

size_t project_next_statuses(enum project_status from, enum project_status out[PS_COUNT])
{
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_LEN(transitions) && n < PS_COUNT; i++)
		if (transitions[i].from == from && (transitions[i].via & BY_HAND))
			out[n++] = transitions[i].to;
	return n;
}

bool project_status_takes_money(enum project_status s)
{
	return s == PS_PROGRAMMED || s == PS_IN_EXECUTION || s == PS_COMPLETED;
}

bool project_status_programmable(enum project_status s)
{
	return s == PS_VIABLE || s == PS_PRIORITIZED;
}

/* ---- sectors ---- */

static const struct {
	const char *name;
	const char *label;
} sectors[] = {
	{ "planning", N_("Planning and management") },
	{ "public_order", N_("Public order and safety") },
	{ "justice", N_("Justice") },
	{ "trade", N_("Trade") },
	{ "tourism", N_("Tourism") },
	{ "agriculture", N_("Agriculture and irrigation") },
	{ "fisheries", N_("Fisheries") },
	{ "energy", N_("Energy") },
	{ "transport", N_("Transport") },
	{ "communications", N_("Communications") },
	{ "environment", N_("Environment") },
	{ "sanitation", N_("Water and sanitation") },
	{ "housing", N_("Housing and urban development") },
	{ "health", N_("Health") },
	{ "culture_sport", N_("Culture and sport") },
	{ "education", N_("Education") },
	{ "social_protection", N_("Social protection") },
	{ "other", N_("Other") },
};

const char *const project_sector_names[] = {
	"planning", "public_order", "justice", "trade", "tourism", "agriculture", "fisheries", "energy",
	"transport", "communications", "environment", "sanitation", "housing", "health", "culture_sport",
	"education", "social_protection", "other", NULL,
};

const char *project_sector_label(const char *sector)
{
	for (size_t i = 0; i < ARRAY_LEN(sectors); i++)
		if (str_eq(sectors[i].name, sector))
			return sectors[i].label;
	return N_("Other");
}

bool project_sector_valid(const char *sector)
{
	for (size_t i = 0; i < ARRAY_LEN(sectors); i++)
		if (str_eq(sectors[i].name, sector))
			return true;
	return false;
}

/* Words of a project's title, in priority order: the first that occurs decides.
 * Specific services come before general ones ("agua para riego" is irrigation,
 * "agua potable" is sanitation). Written against the folded titles of the real
 * Invierte.pe extract (data/peru-inversion-publica). */
static const struct {
	const char *word;
	const char *sector;
} title_words[] = {
	{ "agua potable", "sanitation" }, { "alcantarillado", "sanitation" }, { "saneamiento", "sanitation" },
	{ "desague", "sanitation" }, { "aguas residuales", "sanitation" }, { "letrina", "sanitation" },
	{ "riego", "agriculture" },
	{ "electrifica", "energy" }, { "energia electrica", "energy" }, { "alumbrado", "energy" },
	{ "salud", "health" }, { "hospital", "health" },
	{ "educativ", "education" }, { "educacion", "education" }, { "i.e.", "education" },
	{ "escuela", "education" }, { "colegio", "education" }, { "pronoei", "education" },
	{ "telecomunica", "communications" }, { "banda ancha", "communications" }, { "internet", "communications" },
	{ "camino vecinal", "transport" }, { "carretera", "transport" }, { "puente", "transport" },
	{ "pistas", "transport" }, { "veredas", "transport" }, { "transitabilidad", "transport" },
	{ "trocha", "transport" }, { "vial", "transport" }, { "ponton", "transport" },
	{ "embarcadero", "transport" }, { "terminal terrestre", "transport" }, { "aerodromo", "transport" },
	{ "residuos solidos", "environment" }, { "reforestacion", "environment" }, { "ambiental", "environment" },
	{ "ecosistema", "environment" }, { "defensa riberena", "environment" }, { "forestal", "environment" },
	{ "seguridad ciudadana", "public_order" }, { "serenazgo", "public_order" }, { "comisaria", "public_order" },
	{ "policia", "public_order" }, { "bomberos", "public_order" },
	{ "deport", "culture_sport" }, { "estadio", "culture_sport" }, { "coliseo", "culture_sport" },
	{ "cultural", "culture_sport" }, { "museo", "culture_sport" }, { "recreacion", "culture_sport" },
	{ "turis", "tourism" },
	{ "mercado", "trade" }, { "camal", "trade" }, { "comercializa", "trade" },
	{ "agricola", "agriculture" }, { "agropecuari", "agriculture" }, { "ganad", "agriculture" },
	{ "pecuari", "agriculture" }, { "cafe", "agriculture" }, { "cacao", "agriculture" },
	{ "cultivo", "agriculture" }, { "agrari", "agriculture" }, { "productiv", "agriculture" },
	{ "pesca", "fisheries" }, { "pesquer", "fisheries" }, { "acuicola", "fisheries" }, { "piscicola", "fisheries" },
	{ "judicial", "justice" }, { "juzgado", "justice" }, { "fiscalia", "justice" },
	{ "penitenciari", "justice" }, { "justicia", "justice" },
	{ "comedor", "social_protection" }, { "cuna mas", "social_protection" }, { "adulto mayor", "social_protection" },
	{ "discapacidad", "social_protection" }, { "vaso de leche", "social_protection" },
	{ "vivienda", "housing" }, { "urban", "housing" }, { "parque", "housing" }, { "plaza", "housing" },
	{ "habilitacion", "housing" }, { "local comunal", "housing" }, { "malecon", "housing" },
	{ "gestion", "planning" }, { "capacidad", "planning" }, { "municipal", "planning" },
	{ "institucional", "planning" }, { "catastro", "planning" },
};

/* The Invierte.pe "sector" (the ministry, or the level of government) when the
 * title says nothing specific. */
static const struct {
	const char *sector_fold;
	const char *sector;
} ministry_sectors[] = {
	{ "educacion", "education" }, { "universidades", "education" },
	{ "salud", "health" }, { "essalud", "health" },
	{ "transportes y comunicaciones", "transport" },
	{ "agricultura y riego", "agriculture" },
	{ "vivienda, construccion y saneamiento", "sanitation" },
	{ "interior", "public_order" },
	{ "ambiental", "environment" },
	{ "energia y minas", "energy" }, { "fonafe", "energy" },
	{ "justicia", "justice" }, { "poder judicial", "justice" }, { "ministerio publico", "justice" },
	{ "fuero militar policial", "justice" },
	{ "comercio exterior y turismo", "tourism" },
	{ "desarrollo e inclusion social", "social_protection" },
	{ "mujer y poblaciones vulnerables", "social_protection" },
	{ "cultura", "culture_sport" },
	{ "economia y finanzas", "planning" }, { "presidencia del consejo de ministros", "planning" },
	{ "relaciones exteriores", "planning" }, { "defensa", "public_order" },
};

const char *project_sector_classify(const char *title_fold, const char *invierte_sector_fold)
{
	if (title_fold)
		for (size_t i = 0; i < ARRAY_LEN(title_words); i++)
			if (strstr(title_fold, title_words[i].word))
				return title_words[i].sector;
	if (invierte_sector_fold)
		for (size_t i = 0; i < ARRAY_LEN(ministry_sectors); i++)
			if (str_eq(invierte_sector_fold, ministry_sectors[i].sector_fold))
				return ministry_sectors[i].sector;
	return "other";
}

enum project_status project_status_from_invierte(const char *estado, bool has_viability_date)
{
	if (str_eq(estado, "CERRADO"))
		return PS_CLOSED;
	if (str_eq(estado, "ACTIVO"))
		return has_viability_date ? PS_VIABLE : PS_UNDER_EVALUATION;
	return PS_NONE;
}

bool project_beneficiaries_ok(int64_t total, int64_t women, int64_t men)
{
	if (total < 0)
		return true;
	if (women >= 0 && women > total)
		return false;
	if (men >= 0 && men > total)
		return false;
	int64_t sum;
	return !(women >= 0 && men >= 0 && (__builtin_add_overflow(women, men, &sum) || sum > total));
}

int progress_parse(const char *s, int64_t *hundredths)
{
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	int64_t whole = 0;
	int digits = 0;
	for (; isdigit((unsigned char)*s); s++) {
		if (++digits > 3)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	int64_t frac = 0;
	if (*s == '.') {
		s++;
		int nd = 0;
		for (; isdigit((unsigned char)*s); s++) {
			if (++nd > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (nd == 0)
			return -1;
		if (nd == 1)
			frac *= 10;
	}
	if (*s)
		return -1;
	int64_t v = whole * 100 + frac;
	if (v > 10000)
		return -1;
	*hundredths = v;
	return 0;
}

const char *progress_format(int64_t hundredths, char *out, size_t n)
{
	int64_t whole = hundredths / 100, frac = hundredths % 100;
	if (frac < 0)
		frac = -frac;
	if (frac == 0)
		snprintf(out, n, "%" PRId64, whole);
	else if (frac % 10 == 0)
		snprintf(out, n, "%" PRId64 ".%" PRId64, whole, frac / 10);
	else
		snprintf(out, n, "%" PRId64 ".%02" PRId64, whole, frac);
	return out;
}

bool currency_valid(const char *code)
{
	if (!code || strlen(code) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return false;
	return true;
}

/* ---- which plan elements a project may serve ---- */

static bool contains(const char *outer, const char *inner)
{
	return *outer && strncmp(outer, inner, strlen(outer)) == 0;
}

int project_serve_check(const struct serve_project *p, const struct serve_target *t, bool already, struct err *e)
{
	if (already)
		return err_set(e, ERR_CONFLICT, "Project %s already serves %s of %s", p->code, t->code, t->plan_label);
	if (str_eq(t->plan_status, "superseded"))
		return err_set(e, ERR_INVALID, "%s has been superseded: project %s can serve the plans in force, not %s",
			       t->plan_label, p->code, t->code);
	if (str_eq(t->kind, "indicator"))
		return err_set(e, ERR_INVALID,
			       "%s is an indicator: a project serves an objective, a strategy, an action or a program, and"
			       " indicators measure it", t->code);
	if (!plan_instrument_takes_projects(t->instrument))
		return err_set(e, ERR_INVALID, "%s programs no investment projects: project %s cannot serve %s",
			       t->plan_label, p->code, t->code);
	const struct plan_instrument *in = plan_instrument_find(t->instrument);
	bool same = *p->government && str_eq(p->government, t->government);
	if (!in->territorial) {
		if (same)
			return 0;
		if (!*p->government)
			return err_set(e, ERR_INVALID,
				       "%s is an institutional plan of %s: only its own projects can serve it, and project %s"
				       " belongs to no government", t->plan_label, t->government_name, p->code);
		return err_set(e, ERR_INVALID,
			       "%s is an institutional plan of %s: only its own projects can serve it, and project %s"
			       " belongs to %s", t->plan_label, t->government_name, p->code, p->government_name);
	}
	if (same)
		return 0;
	bool inside = false;
	for (size_t i = 0; i < p->nlocations && !inside; i++)
		inside = contains(t->government, p->locations[i]);
	if (!inside)
		return err_set(e, ERR_INVALID, "Project %s is not located in the territory of %s: it cannot serve %s of %s",
			       p->code, t->government_name, t->code, t->plan_label);
	if (*p->government && !contains(t->government, p->government))
		return err_set(e, ERR_INVALID,
			       "Project %s belongs to %s: it serves the plans of its own government and of those that"
			       " contain it, not %s of %s", p->code, p->government_name, t->code, t->plan_label);
	return 0;
}
