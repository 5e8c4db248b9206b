/* demo_align.c — the demo's projects serve the demo's plans where their titles
 * say so (docs/projects.md, "The demo's alignment"). A rule, not a list of ids:
 * each theme is a set of phrases looked for in the title (words folded as the
 * search folds them, each phrase word the beginning of a title word, in order),
 * phrases that rule it out, and the elements it leads to in order of
 * preference: the project serves the first one the rules allow
 * (project_serve_check) — a district's own PDC before the province's, the
 * province's PDI only for the province's own projects. A title of several
 * themes serves several elements; a title of none is left untraced, and the
 * articulation report shows it among the gaps (sport, health, education,
 * electricity, security have no objective in the demo's plans).
 *
 * The projects are those of the demo province's banks: the provincial
 * municipality's and its district municipalities' (initiatives and the real
 * Invierte.pe projects), those not linked to any element yet. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/plan.h"
#include "domain/project.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "store/search.h"

struct theme {
	const char *name;
	const char *phrases[16];
	const char *except[4];
	const char *targets;     /* "plan:CODE ..." (plan keys below) */
};

/* The demo plans' elements (demo_plans.c): the province's PDC — OE1 agricultural
 * chains, OE2 tourism around Kuélap, OE3 water and sanitation, OE4 anaemia, OE5
 * forests, OE6 participation, OE7 connectivity —, its PDI (AEI1.1 solid waste,
 * OEI3 municipal management, OEI5 disaster risk), Huancas' PDC (OE1 pottery and
 * tourism of the Sonche canyon, OE2 family farming, OE3 water) and Leimebamba's
 * (OE1 its museum and the Laguna de los Cóndores, OE2 dairy cattle). */
static const struct theme themes[] = {
	{ "water and sanitation",
	  { "agua potable", "alcantarillado", "saneamiento", "desague", "aguas servidas", "aguas residuales",
	    "tratamiento de agua", "letrina" },
	  { "pluvial", "riego" }, "huancas:OE3 pdc:OE3" },
	{ "roads, streets and bridges",
	  { "camino vecinal", "caminos vecinales", "carretera", "pistas y veredas", "pista", "veredas", "transitabilidad",
	    "movilidad urbana", "puente", "trocha", "camino de herradura", "pavimento", "vial", "vias vecinales",
	    "calles" },
	  { NULL }, "pdc:OE7" },
	{ "tourism", { "turis", "kuelap", "mirador", "laguna de los condores", "museo" }, { NULL },
	  "leimebamba:OE1 huancas:OE1 pdc:OE2" },
	{ "pottery and crafts", { "alfareria", "alfarera", "ceramica", "artesan" }, { NULL }, "huancas:OE1" },
	{ "dairy cattle", { "ganaderia", "ganado", "lecher", "queso" }, { NULL }, "leimebamba:OE2 huancas:OE2 pdc:OE1" },
	{ "agriculture",
	  { "riego", "agropecuari", "agricola", "agrario", "pecuari", "cafe", "cuyes", "productores", "cadena productiva",
	    "cadenas productivas" },
	  { NULL }, "huancas:OE2 pdc:OE1" },
	{ "forests and watersheds",
	  { "reforestacion", "forestal", "forestacion", "bosque", "cabecera de cuenca", "microcuenca", "biodiversidad" },
	  { NULL }, "pdc:OE5" },
	{ "anaemia and child nutrition", { "anemia", "desnutricion", "nutricional" }, { NULL }, "pdc:OE4" },
	{ "solid waste", { "residuos solidos", "relleno sanitario" }, { NULL }, "pdi:AEI1.1" },
	{ "municipal management", { "gobierno digital", "capacidades institucionales", "servicio administrativo" },
	  { NULL }, "pdi:OEI3" },
	{ "participation and transparency",
	  { "participacion ciudadana", "vigilancia ciudadana", "transparencia", "presupuesto participativo" },
	  { NULL }, "pdc:OE6" },
	{ "disaster risk",
	  { "defensa riberena", "inundaciones", "inundacion", "deslizamiento", "muro de contencion", "muros de contencion",
	    "gestion del riesgo", "canalizacion" },
	  { NULL }, "pdi:OEI5" },
};

static const struct {
	const char *key, *government, *instrument;
} plan_keys[] = {
	{ "pdc", DEMO_GOVERNMENT, "pdc" },
	{ "pdi", DEMO_GOVERNMENT, "pdi" },
	{ "huancas", "010108", "pdc" },
	{ "leimebamba", "010110", "pdc" },
};

#define MAX_WORDS 120

struct words {
	char *w[MAX_WORDS];
	int n;
};

static void add_word(const char *w, size_t len, void *arg)
{
	struct words *ws = arg;
	if (ws->n < MAX_WORDS) {
		char *f = db_search_fold(w, len);
		ws->w[ws->n++] = f ? f : xstrdup("");
	}
}

static void words_release(struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		free(ws->w[i]);
	ws->n = 0;
}

/* Does the phrase occur in the title's words, each of its words beginning one? */
static bool has_phrase(const struct words *title, const char *phrase)
{
	struct words p = { .n = 0 };
	db_search_words(phrase, add_word, &p);
	bool found = false;
	for (int i = 0; p.n && i + p.n <= title->n && !found; i++) {
		found = true;
		for (int j = 0; j < p.n && found; j++)
			found = str_starts(title->w[i + j], p.w[j]);
	}
	words_release(&p);
	return found;
}

static bool theme_matches(const struct theme *t, const struct words *title)
{
	for (size_t k = 0; k < ARRAY_LEN(t->except) && t->except[k]; k++)
		if (has_phrase(title, t->except[k]))
			return false;
	for (size_t k = 0; k < ARRAY_LEN(t->phrases) && t->phrases[k]; k++)
		if (has_phrase(title, t->phrases[k]))
			return true;
	return false;
}

/* The element "plan:CODE" of the demo plans; 0 if that plan or code is absent. */
static int element_of(struct db_conn *c, const char *spec, int64_t *id, struct err *e)
{
	*id = 0;
	char key[24], code[PLAN_CODE_MAX];
	const char *colon = strchr(spec, ':');
	if (!colon || (size_t)(colon - spec) >= sizeof key)
		return err_set(e, ERR_INTERNAL, "demo: bad target %s", spec);
	snprintf(key, sizeof key, "%.*s", (int)(colon - spec), spec);
	snprintf(code, sizeof code, "%s", colon + 1);
	for (size_t k = 0; k < ARRAY_LEN(plan_keys); k++) {
		if (!str_eq(plan_keys[k].key, key))
			continue;
		struct plan_element_query q = { .q = code, .government = plan_keys[k].government,
						.instrument = plan_keys[k].instrument, .exclude_superseded = true,
						.limit = 20 };
		json_t *items;
		int64_t total;
		int rc = plan_element_search(c, &q, &items, &total, e);
		if (rc)
			return rc;
		size_t i;
		json_t *o;
		json_array_foreach(items, i, o)
			if (!*id && str_eq(json_get_str(o, "code", ""), code))
				*id = json_get_int(o, "id", 0);
		json_decref(items);
		return 0;
	}
	return err_set(e, ERR_INTERNAL, "demo: no plan %s", key);
}

struct candidate {
	int64_t id;
	char *title;
};

int demo_align_projects(struct db_conn *c, const struct actor *who, int64_t now, int64_t *linked, struct err *e)
{
	if (linked)
		*linked = 0;
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	/* the projects of the province's banks that serve nothing yet */
	struct db_stmt *st = db_prepare(c,
		"SELECT p.id, p.title FROM project p WHERE (p.government_code = ? OR p.government_code LIKE ?)"
		" AND NOT EXISTS (SELECT 1 FROM project_plan_element pe WHERE pe.project_id = p.id) ORDER BY p.id", e);
	struct candidate *cands = NULL;
	size_t n = 0, cap = 0;
	if (!st)
		rc = e->code;
	if (st) {
		db_bind_text(st, 1, DEMO_GOVERNMENT);
		db_bind_text(st, 2, DEMO_GOVERNMENT "__");
		while ((rc = db_step(st, e)) == DB_ROW) {
			if (n == cap)
				cands = xrealloc(cands, (cap = cap ? cap * 2 : 256) * sizeof *cands);
			cands[n].id = db_col_int64(st, 0);
			cands[n].title = xstrdup(db_col_text(st, 1));
			n++;
		}
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	/* the themes' elements, once */
	int64_t targets[ARRAY_LEN(themes)][4] = { { 0 } };
	for (size_t t = 0; t < ARRAY_LEN(themes) && !rc; t++) {
		const char *s = themes[t].targets;
		for (int k = 0; k < 4 && *s && !rc; k++) {
			char spec[40];
			size_t len = strcspn(s, " ");
			snprintf(spec, sizeof spec, "%.*s", (int)len, s);
			s += len;
			while (*s == ' ')
				s++;
			rc = element_of(c, spec, &targets[t][k], e);
		}
	}
	for (size_t i = 0; i < n && !rc; i++) {
		struct words title = { .n = 0 };
		db_search_words(cands[i].title, add_word, &title);
		for (size_t t = 0; t < ARRAY_LEN(themes) && !rc; t++) {
			if (!theme_matches(&themes[t], &title))
				continue;
			/* the first element of the theme the rules let it serve */
			for (int k = 0; k < 4 && targets[t][k]; k++) {
				struct err refusal;
				err_init(&refusal, NULL);
				int r = project_serve(c, who, now, cands[i].id, targets[t][k], &refusal);
				if (r == 0 && linked)
					(*linked)++;
				if (r == 0 || r == ERR_CONFLICT)
					break;          /* served (or already, by an earlier theme) */
				if (r != ERR_INVALID) {
					rc = err_set(e, r, "%s", refusal.msg);
					break;
				}
			}
		}
		words_release(&title);
	}
	for (size_t i = 0; i < n; i++)
		free(cands[i].title);
	free(cands);
	return db_tx_leave(c, own, rc, e);
}
