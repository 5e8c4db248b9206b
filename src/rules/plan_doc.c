/* plan_doc.c — a plan as a document: JSON and CSV in and out, and the
 * comparison of two versions (see plan_doc.h). */
#include "core/compat.h"
#include "rules/plan_doc.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

void plan_doc_init(struct plan_doc *d)
{
	memset(d, 0, sizeof *d);
	plan_doc_set(&d->kind_name, "");
	plan_doc_set(&d->title, "");
	plan_doc_set(&d->vision, "");
	plan_doc_set(&d->mission, "");
	plan_doc_set(&d->participants, "");
	plan_doc_set(&d->act_number, "");
	snprintf(d->status, sizeof d->status, "draft");
	d->version = 1;
}

static void element_release(struct plan_doc_element *el)
{
	free(el->title);
	free(el->description);
	free(el->office);
	for (size_t t = 0; t < el->ntargets; t++)
		free(el->targets[t].plan_title);
	free(el->targets);
}

void plan_doc_release(struct plan_doc *d)
{
	for (size_t i = 0; i < d->nels; i++)
		element_release(&d->els[i]);
	free(d->els);
	free(d->kind_name);
	free(d->title);
	free(d->vision);
	free(d->mission);
	free(d->participants);
	free(d->act_number);
	memset(d, 0, sizeof *d);
}

void plan_doc_set(char **field, const char *s)
{
	free(*field);
	*field = xstrdup(s ? s : "");
}

int plan_doc_add(struct plan_doc *d, int parent, const char *kind, const char *code, bool code_auto, const char *title,
		 const char *description, const char *office)
{
	if (d->nels == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->els = xrealloc(d->els, d->cap * sizeof *d->els);
	}
	struct plan_doc_element *el = &d->els[d->nels];
	memset(el, 0, sizeof *el);
	el->parent = parent;
	snprintf(el->kind, sizeof el->kind, "%s", kind ? kind : "");
	snprintf(el->code, sizeof el->code, "%s", code ? code : "");
	el->code_auto = code_auto;
	plan_doc_set(&el->title, title);
	plan_doc_set(&el->description, description);
	plan_doc_set(&el->office, office);
	return (int)d->nels++;
}

void plan_doc_add_target(struct plan_doc_element *el, const struct plan_doc_target *t)
{
	el->targets = xrealloc(el->targets, (el->ntargets + 1) * sizeof *el->targets);
	struct plan_doc_target *n = &el->targets[el->ntargets++];
	*n = *t;
	n->plan_title = xstrdup(t->plan_title ? t->plan_title : "");
}

/* ---- JSON out ---- */

/* first child / next sibling over the flat, depth-first array */
static void links(const struct plan_doc *d, int *first, int *next)
{
	int *last = xcalloc(d->nels + 1, sizeof *last);
	for (size_t i = 0; i <= d->nels; i++)
		last[i] = -1;
	for (size_t i = 0; i < d->nels; i++)
		first[i] = next[i] = -1;
	first[d->nels] = -1;
	for (size_t i = 0; i < d->nels; i++) {
		size_t slot = d->els[i].parent < 0 ? d->nels : (size_t)d->els[i].parent;
		if (last[slot] < 0)
			first[slot] = (int)i;
		else
			next[last[slot]] = (int)i;
		last[slot] = (int)i;
	}
	free(last);
}

static json_t *elements_json(const struct plan_doc *d, const int *first, const int *next, int start, bool with_ids)
{
	json_t *arr = json_array();
	for (int i = start; i >= 0; i = next[i]) {
		const struct plan_doc_element *el = &d->els[i];
		json_t *o = json_object();
		if (with_ids)
			json_set_int(o, "id", el->id);
		json_set_str(o, "code", el->code);
		json_set_bool(o, "auto_code", el->code_auto);
		json_set_str(o, "kind", el->kind);
		json_set_str(o, "title", el->title);
		json_set_str(o, "description", el->description);
		json_set_str(o, "office", el->office);
		json_t *al = json_array();
		for (size_t t = 0; t < el->ntargets; t++) {
			const struct plan_doc_target *tg = &el->targets[t];
			json_t *to = json_object();
			if (with_ids)
				json_set_int(to, "id", tg->element_id);
			json_set_str(to, "government", tg->government);
			json_set_str(to, "instrument", tg->instrument);
			json_set_int(to, "start_year", tg->start_year);
			json_set_int(to, "end_year", tg->end_year);
			json_set_str(to, "plan", tg->plan_title);
			json_set_str(to, "code", tg->code);
			json_array_append_new(al, to);
		}
		json_object_set_new(o, "aligns_to", al);
		json_object_set_new(o, "children", elements_json(d, first, next, first[i], with_ids));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *plan_doc_to_json(const struct plan_doc *d, bool with_ids)
{
	json_t *o = json_object();
	json_set_str(o, "format", "minka.plan");
	json_set_int(o, "format_version", 1);
	json_set_str(o, "government", d->government);
	json_set_str(o, "instrument", d->instrument);
	json_set_str(o, "instrument_name", d->kind_name);
	json_set_str(o, "horizon", d->horizon);
	json_set_str(o, "title", d->title);
	json_set_int(o, "start_year", d->start_year);
	json_set_int(o, "end_year", d->end_year);
	json_set_str(o, "status", d->status);
	json_set_int(o, "version", d->version);
	if (d->act_kind[0]) {
		json_t *a = json_object();
		json_set_str(a, "kind", d->act_kind);
		json_set_str(a, "number", d->act_number);
		json_set_str(a, "date", d->act_date);
		json_object_set_new(o, "approval", a);
	} else {
		json_object_set_new(o, "approval", json_null());
	}
	json_set_str(o, "vision", d->vision);
	json_set_str(o, "mission", d->mission);
	json_set_str(o, "participants", d->participants);
	json_set_str(o, "levels", d->levels);
	int *first = xcalloc(d->nels + 1, sizeof *first), *next = xcalloc(d->nels + 1, sizeof *next);
	links(d, first, next);
	json_object_set_new(o, "elements", elements_json(d, first, next, first[d->nels], with_ids));
	free(first);
	free(next);
	return o;
}

static int dump_cb(const char *s, size_t n, void *data)
{
	return buf_append(data, s, n) ? -1 : 0;
}

int plan_doc_write_json(const struct plan_doc *d, struct buf *out)
{
	json_t *j = plan_doc_to_json(d, false);
	int rc = json_dump_callback(j, dump_cb, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ? ERR_TOOBIG : 0;
	json_decref(j);
	return rc ? rc : buf_appendc(out, '\n');
}

/* ---- JSON in ---- */

struct jreader {
	struct plan_doc *d;
	struct plan_levels lv;
	struct err *e;
};

static bool known_key(const char *key, const char *const *keys)
{
	for (; *keys; keys++)
		if (str_eq(key, *keys))
			return true;
	return false;
}

static int check_keys(const json_t *o, const char *const *keys, const char *where, struct err *e)
{
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		(void)v;
		if (!known_key(k, keys))
			return err_set(e, ERR_INVALID, "%s: unknown field \"%.40s\"", where, k);
	}
	return 0;
}

/* A string field: required (missing is an error) with a byte limit. */
static int get_str(const json_t *o, const char *key, size_t max, bool nonempty, const char *where, const char **out,
		   struct err *e)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, "%s: \"%s\" must be a text", where, key);
	*out = json_string_value(v);
	if (json_string_length(v) > max)
		return err_set(e, ERR_INVALID, "%s: \"%s\" is too long (%zu bytes at most)", where, key, max);
	if (nonempty && !**out)
		return err_set(e, ERR_INVALID, "%s: \"%s\" is empty", where, key);
	if (strlen(*out) != json_string_length(v))
		return err_set(e, ERR_INVALID, "%s: \"%s\" contains a NUL character", where, key);
	return 0;
}

static int get_int(const json_t *o, const char *key, const char *where, int64_t *out, struct err *e)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_integer(v))
		return err_set(e, ERR_INVALID, "%s: \"%s\" must be a whole number", where, key);
	*out = (int64_t)json_integer_value(v);
	return 0;
}

static bool territory_code_ok(const char *s)
{
	size_t n = strlen(s);
	return (n == 2 || n == 4 || n == 6) && str_all_digits(s);
}

static int read_target(const json_t *t, const char *where, struct plan_doc_target *tg, struct err *e)
{
	static const char *const keys[] = { "id", "government", "instrument", "start_year", "end_year", "plan", "code", NULL };
	memset(tg, 0, sizeof *tg);
	if (!json_is_object(t))
		return err_set(e, ERR_INVALID, "%s: each alignment must be an object", where);
	int rc = check_keys(t, keys, where, e);
	const char *gov, *ins, *plan, *code;
	if (!rc)
		rc = get_str(t, "government", 6, true, where, &gov, e);
	if (!rc && !territory_code_ok(gov))
		rc = err_set(e, ERR_INVALID, "%s: \"%s\" is not a region, province or district code", where, gov);
	if (!rc)
		rc = get_str(t, "instrument", PLAN_KIND_MAX - 1, true, where, &ins, e);
	if (!rc && !plan_instrument_find(ins))
		rc = err_set(e, ERR_INVALID, "%s: unknown instrument \"%s\"", where, ins);
	if (!rc)
		rc = get_int(t, "start_year", where, &tg->start_year, e);
	if (!rc)
		rc = get_int(t, "end_year", where, &tg->end_year, e);
	if (!rc)
		rc = get_str(t, "plan", PLAN_TITLE_MAX, false, where, &plan, e);
	if (!rc)
		rc = get_str(t, "code", PLAN_CODE_MAX - 1, true, where, &code, e);
	if (!rc && plan_code_check(code, e))
		rc = e ? e->code : ERR_INVALID;
	if (!rc && json_object_get(t, "id"))
		rc = get_int(t, "id", where, &tg->element_id, e);
	if (rc)
		return rc;
	snprintf(tg->government, sizeof tg->government, "%s", gov);
	snprintf(tg->instrument, sizeof tg->instrument, "%s", ins);
	snprintf(tg->code, sizeof tg->code, "%s", code);
	tg->plan_title = (char *)plan;   /* copied by plan_doc_add_target */
	return 0;
}

static int read_elements(struct jreader *r, const json_t *arr, int parent, const char *path, int depth)
{
	struct err *e = r->e;
	if (!json_is_array(arr))
		return err_set(e, ERR_INVALID, "%s: \"%s\" must be a list", path[0] ? path : "plan",
			       parent < 0 ? "elements" : "children");
	if (json_array_size(arr) && depth > PLAN_MAX_DEPTH)
		return err_set(e, ERR_INVALID, "%s: more than %d levels of elements", path, PLAN_MAX_DEPTH);
	static const char *const keys[] = { "id", "code", "auto_code", "kind", "title", "description", "office",
					    "aligns_to", "children", NULL };
	size_t i;
	const json_t *o;
	json_array_foreach(arr, i, o) {
		char where[48];
		if (path[0])
			snprintf(where, sizeof where, "%s.%zu", path, i + 1);
		else
			snprintf(where, sizeof where, "elements %zu", i + 1);
		if (!json_is_object(o))
			return err_set(e, ERR_INVALID, "%s: each element must be an object", where);
		if (r->d->nels >= PLAN_MAX_ELEMENTS)
			return err_set(e, ERR_INVALID, "A plan has at most %d elements", PLAN_MAX_ELEMENTS);
		int rc = check_keys(o, keys, where, e);
		const char *code, *kind, *title, *desc, *office;
		if (!rc)
			rc = get_str(o, "code", PLAN_CODE_MAX - 1, true, where, &code, e);
		const json_t *au = json_object_get(o, "auto_code");
		if (!rc && !json_is_boolean(au))
			rc = err_set(e, ERR_INVALID, "%s: \"auto_code\" must be true or false", where);
		if (!rc && plan_code_check(code, e)) {
			err_prefix(e, "%s", where);
			rc = e ? e->code : ERR_INVALID;
		}
		if (!rc)
			rc = get_str(o, "kind", PLAN_KIND_MAX - 1, true, where, &kind, e);
		if (!rc && plan_levels_index(&r->lv, kind) < 0)
			rc = err_set(e, ERR_INVALID, "%s: the kind \"%s\" is not one of the plan's levels", where, kind);
		if (!rc)
			rc = get_str(o, "title", PLAN_ELEMENT_TITLE_MAX, true, where, &title, e);
		if (!rc)
			rc = get_str(o, "description", PLAN_DESCRIPTION_MAX, false, where, &desc, e);
		if (!rc)
			rc = get_str(o, "office", PLAN_OFFICE_MAX, false, where, &office, e);
		if (rc)
			return rc;
		int idx = plan_doc_add(r->d, parent, kind, code, json_is_true(au), title, desc, office);
		snprintf(r->d->els[idx].where, sizeof r->d->els[idx].where, "%s", where);
		if (json_object_get(o, "id") && (rc = get_int(o, "id", where, &r->d->els[idx].id, e)))
			return rc;
		const json_t *al = json_object_get(o, "aligns_to");
		if (!json_is_array(al))
			return err_set(e, ERR_INVALID, "%s: \"aligns_to\" must be a list", where);
		size_t k;
		const json_t *t;
		json_array_foreach(al, k, t) {
			struct plan_doc_target tg;
			if ((rc = read_target(t, where, &tg, e)))
				return rc;
			plan_doc_add_target(&r->d->els[idx], &tg);
		}
		if ((rc = read_elements(r, json_object_get(o, "children"), idx, where, depth + 1)))
			return rc;
	}
	return 0;
}

int plan_doc_from_json(const json_t *j, struct plan_doc *d, struct err *e)
{
	static const char *const keys[] = { "format", "format_version", "government", "instrument", "instrument_name",
					    "horizon", "title", "start_year", "end_year", "status", "version", "approval",
					    "vision", "mission", "participants", "levels", "elements", NULL };
	const char *w = "plan";
	if (!json_is_object(j))
		return err_set(e, ERR_INVALID, "A plan file is a JSON object");
	int rc = check_keys(j, keys, w, e);
	if (rc)
		return rc;
	if (!str_eq(json_get_str(j, "format", ""), "minka.plan") || json_get_int(j, "format_version", 0) != 1)
		return err_set(e, ERR_INVALID, "This is not a minka plan file (format \"minka.plan\", version 1)");
	const char *gov, *ins, *kname, *hz, *title, *status, *vision, *mission, *part, *levels;
	int64_t sy = 0, ey = 0, version = 0;
	if ((rc = get_str(j, "government", 6, false, w, &gov, e)))
		return rc;
	if (*gov && !territory_code_ok(gov))
		return err_set(e, ERR_INVALID, "plan: \"%s\" is not a region, province or district code", gov);
	if ((rc = get_str(j, "instrument", PLAN_KIND_MAX - 1, true, w, &ins, e)))
		return rc;
	if (!plan_instrument_find(ins))
		return err_set(e, ERR_INVALID, "plan: unknown instrument \"%s\"", ins);
	if ((rc = get_str(j, "instrument_name", PLAN_TITLE_MAX, false, w, &kname, e)) ||
	    (rc = get_str(j, "horizon", 7, true, w, &hz, e)))
		return rc;
	if (!plan_horizon_parse(hz))
		return err_set(e, ERR_INVALID, "plan: the horizon must be short, medium or long");
	if ((rc = get_str(j, "title", PLAN_TITLE_MAX, true, w, &title, e)) ||
	    (rc = get_int(j, "start_year", w, &sy, e)) || (rc = get_int(j, "end_year", w, &ey, e)))
		return rc;
	if ((rc = plan_period_check(sy, ey, e)))
		return rc;
	if ((rc = get_str(j, "status", 11, true, w, &status, e)) || (rc = get_int(j, "version", w, &version, e)))
		return rc;
	if (!str_eq(status, "draft") && !str_eq(status, "approved") && !str_eq(status, "superseded"))
		return err_set(e, ERR_INVALID, "plan: the status must be draft, approved or superseded");
	if (version < 1 || version > 100000)
		return err_set(e, ERR_INVALID, "plan: the version must be a number from 1");
	const json_t *ap = json_object_get(j, "approval");
	if (json_is_null(ap) || !ap) {
		if (!str_eq(status, "draft"))
			return err_set(e, ERR_INVALID, "plan: an approved plan needs its approving act (\"approval\")");
	} else {
		static const char *const akeys[] = { "kind", "number", "date", NULL };
		const char *kind, *number, *date;
		if (!json_is_object(ap))
			return err_set(e, ERR_INVALID, "plan: \"approval\" must be an object or null");
		if (str_eq(status, "draft"))
			return err_set(e, ERR_INVALID, "plan: a draft carries no approval (\"approval\" must be null)");
		if ((rc = check_keys(ap, akeys, "approval", e)) ||
		    (rc = get_str(ap, "kind", 11, true, "approval", &kind, e)) ||
		    (rc = get_str(ap, "number", PLAN_ACT_MAX, true, "approval", &number, e)) ||
		    (rc = get_str(ap, "date", 10, true, "approval", &date, e)))
			return rc;
		struct date dt;
		if (!str_eq(kind, "ordinance") && !str_eq(kind, "agreement"))
			return err_set(e, ERR_INVALID, "approval: the kind must be ordinance or agreement");
		if (date_parse(date, &dt))
			return err_set(e, ERR_INVALID, "approval: the date must be YYYY-MM-DD");
		snprintf(d->act_kind, sizeof d->act_kind, "%s", kind);
		plan_doc_set(&d->act_number, number);
		snprintf(d->act_date, sizeof d->act_date, "%s", date);
	}
	if ((rc = get_str(j, "vision", PLAN_TEXT_MAX, false, w, &vision, e)) ||
	    (rc = get_str(j, "mission", PLAN_TEXT_MAX, false, w, &mission, e)) ||
	    (rc = get_str(j, "participants", PLAN_TEXT_MAX, false, w, &part, e)) ||
	    (rc = get_str(j, "levels", PLAN_LEVELS_TEXT_MAX - 1, true, w, &levels, e)))
		return rc;
	struct jreader r = { .d = d, .e = e };
	if ((rc = plan_levels_parse(levels, &r.lv, e)))
		return rc;
	snprintf(d->government, sizeof d->government, "%s", gov);
	snprintf(d->instrument, sizeof d->instrument, "%s", ins);
	snprintf(d->horizon, sizeof d->horizon, "%s", hz);
	snprintf(d->status, sizeof d->status, "%s", status);
	snprintf(d->levels, sizeof d->levels, "%s", levels);
	plan_doc_set(&d->kind_name, kname);
	plan_doc_set(&d->title, title);
	plan_doc_set(&d->vision, vision);
	plan_doc_set(&d->mission, mission);
	plan_doc_set(&d->participants, part);
	d->start_year = sy;
	d->end_year = ey;
	d->version = version;
	return read_elements(&r, json_object_get(j, "elements"), -1, "", 1);
}

int plan_doc_parse_json(const char *text, size_t len, struct plan_doc *d, struct err *e)
{
	json_t *j = json_parse(text, len, PLAN_JSON_MAX, e);
	if (!j)
		return e ? e->code : ERR_INVALID;
	int rc = plan_doc_from_json(j, d, e);
	json_decref(j);
	return rc;
}

/* ---- CSV ---- */

/* Words that name each kind in a spreadsheet header (folded, singular and
 * plural), in Spanish and English. */
static const struct { const char *kind; const char *words[6]; } kind_words[] = {
	{ "axis", { "eje", "ejes", "axis", "axes" } },
	{ "line", { "linea", "lineas", "line", "lines" } },
	{ "objective", { "objetivo", "objetivos", "objective", "objectives" } },
	{ "component", { "componente", "componentes", "component", "components" } },
	{ "program", { "programa", "programas", "subprograma", "program", "programs", "programme" } },
	{ "strategy", { "estrategia", "estrategias", "strategy", "strategies" } },
	{ "action", { "accion", "acciones", "action", "actions" } },
	{ "activity", { "actividad", "actividades", "activity", "activities" } },
	{ "product", { "producto", "productos", "product", "products" } },
	{ "indicator", { "indicador", "indicadores", "indicator", "indicators" } },
};

static const char *const code_words[] = { "codigo", "cod", "code", "codigos", "codes", NULL };
static const char *const desc_words[] = { "descripcion", "description", "detalle", NULL };
static const char *const office_words[] = { "responsable", "responsables", "oficina", "office", "unidad", "area",
					    "responsible", NULL };

static bool word_in(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (str_eq(w, *list))
			return true;
	return false;
}

/* The kind named earliest in a folded header, or NULL. */
static const char *header_kind(const char *fold)
{
	char w[64];
	const char *p = fold;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		size_t n = 0;
		while (p[n] && isalnum((unsigned char)p[n]))
			n++;
		if (n == 0)
			break;
		snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w ? n : sizeof w - 1), p);
		for (size_t k = 0; k < ARRAY_LEN(kind_words); k++)
			for (size_t m = 0; m < ARRAY_LEN(kind_words[k].words) && kind_words[k].words[m]; m++)
				if (str_eq(w, kind_words[k].words[m]))
					return kind_words[k].kind;
		p += n;
	}
	return NULL;
}

static bool header_has(const char *fold, const char *const *list)
{
	char w[64];
	const char *p = fold;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		size_t n = 0;
		while (p[n] && isalnum((unsigned char)p[n]))
			n++;
		if (n == 0)
			break;
		snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w ? n : sizeof w - 1), p);
		if (word_in(w, list))
			return true;
		p += n;
	}
	return false;
}

static bool first_word_in(const char *fold, const char *const *list)
{
	char w[64];
	size_t n = 0;
	while (fold[n] && isalnum((unsigned char)fold[n]))
		n++;
	snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w ? n : sizeof w - 1), fold);
	return word_in(w, list);
}

int plan_csv_guess(const char *text, size_t len, struct plan_csv_map *map, struct err *e)
{
	memset(map, 0, sizeof *map);
	struct csv_reader *r = csv_open_mem(text, len, "CSV", 0, 0);
	if (!r)
		return err_set(e, ERR_NOMEM, "out of memory");
	struct csv_row row;
	int rc = csv_next(r, &row, e);
	if (rc == 0)
		rc = err_set(e, ERR_INVALID, "The CSV file is empty");
	if (rc < 0)
		goto out;
	rc = 0;
	if (row.nfields > PLAN_CSV_MAX_COLS) {
		rc = err_set(e, ERR_INVALID, "line 1: %zu columns; a plan file has at most %d", row.nfields, PLAN_CSV_MAX_COLS);
		goto out;
	}
	map->ncols = (int)row.nfields;
	for (size_t c = 0; c < row.nfields; c++) {
		struct plan_csv_col *col = &map->col[c];
		char raw[sizeof col->header];
		snprintf(raw, sizeof raw, "%.*s", (int)utf8_prefix_bytes(row.fields[c], 100), row.fields[c]);
		str_trim(raw);
		snprintf(col->header, sizeof col->header, "%s", raw);
		char *fold = utf8_fold(raw);
		if (!fold || !*fold) {
			free(fold);
			continue;
		}
		const char *kind = header_kind(fold);
		if (first_word_in(fold, code_words)) {
			col->role = CSV_CODE;
			if (kind)
				snprintf(col->kind, sizeof col->kind, "%s", kind);
		} else if (kind) {
			col->role = CSV_TITLE;
			snprintf(col->kind, sizeof col->kind, "%s", kind);
		} else if (header_has(fold, desc_words)) {
			col->role = CSV_DESCRIPTION;
		} else if (header_has(fold, office_words)) {
			col->role = CSV_OFFICE;
		}
		free(fold);
	}
	/* a bare "Código" column holds the code of the title column right after it
	 * (or, at the end, right before it) */
	for (int c = 0; c < map->ncols; c++) {
		struct plan_csv_col *col = &map->col[c];
		if (col->role != CSV_CODE || col->kind[0])
			continue;
		if (c + 1 < map->ncols && map->col[c + 1].role == CSV_TITLE)
			memcpy(col->kind, map->col[c + 1].kind, sizeof col->kind);
		else if (c > 0 && map->col[c - 1].role == CSV_TITLE)
			memcpy(col->kind, map->col[c - 1].kind, sizeof col->kind);
		else
			col->role = CSV_UNKNOWN;
	}
out:
	csv_close(r);
	return rc < 0 ? rc : 0;
}

void plan_csv_role_text(const struct plan_csv_col *c, char *out, size_t n)
{
	switch (c->role) {
	case CSV_IGNORE: snprintf(out, n, "ignore"); break;
	case CSV_TITLE: snprintf(out, n, "title:%s", c->kind); break;
	case CSV_CODE: snprintf(out, n, "code:%s", c->kind); break;
	case CSV_DESCRIPTION: snprintf(out, n, "description"); break;
	case CSV_OFFICE: snprintf(out, n, "office"); break;
	default: snprintf(out, n, "%s", ""); break;
	}
}

int plan_csv_role_parse(const char *text, struct plan_csv_col *c)
{
	c->kind[0] = '\0';
	if (str_eq(text, "ignore")) {
		c->role = CSV_IGNORE;
		return 0;
	}
	if (str_eq(text, "description")) {
		c->role = CSV_DESCRIPTION;
		return 0;
	}
	if (str_eq(text, "office")) {
		c->role = CSV_OFFICE;
		return 0;
	}
	const char *kind = text;
	c->role = CSV_TITLE;
	if (str_starts(text, "title:")) {
		kind = text + 6;
	} else if (str_starts(text, "code:")) {
		kind = text + 5;
		c->role = CSV_CODE;
	}
	if (!plan_kind_find(kind)) {
		c->role = CSV_UNKNOWN;
		return ERR_INVALID;
	}
	snprintf(c->kind, sizeof c->kind, "%s", kind);
	return 0;
}

int plan_csv_map_apply(struct plan_csv_map *map, const char *spec, struct err *e)
{
	const char *p = spec ? spec : "";
	while (*p) {
		while (*p == ',' || *p == ' ')
			p++;
		if (!*p)
			break;
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char item[200];
		if (len >= sizeof item)
			return err_set(e, ERR_INVALID, "Column mapping: \"%.40s...\" is too long", p);
		memcpy(item, p, len);
		item[len] = '\0';
		p += len;
		char *eq = strrchr(item, '=');
		if (!eq)
			return err_set(e, ERR_INVALID, "Column mapping: \"%s\" should be COLUMN=ROLE", item);
		*eq = '\0';
		char *col = str_trim(item), *role = str_trim(eq + 1);
		int idx = -1;
		int64_t num;
		if (str_to_int64(col, &num) == 0) {
			if (num >= 1 && num <= map->ncols)
				idx = (int)num - 1;
		} else {
			for (int c = 0; c < map->ncols && idx < 0; c++)
				if (strcasecmp(map->col[c].header, col) == 0)
					idx = c;
		}
		if (idx < 0)
			return err_set(e, ERR_INVALID, "Column mapping: there is no column \"%s\"", col);
		struct plan_csv_col tmp = map->col[idx];
		if (plan_csv_role_parse(role, &tmp))
			return err_set(e, ERR_INVALID,
				       "Column mapping: \"%s\" is not a role (use a kind such as axis, title:KIND, code:KIND, description, office or ignore)",
				       role);
		map->col[idx].role = tmp.role;
		snprintf(map->col[idx].kind, sizeof map->col[idx].kind, "%s", tmp.kind);
	}
	return 0;
}

/* The code prefix of a kind for an instrument: the instrument's own, else the kind's. */
static void prefix_for(const char *instrument, const char *kind, char out[PLAN_PREFIX_MAX])
{
	const struct plan_instrument *ins = plan_instrument_find(instrument);
	struct plan_levels lv;
	if (ins && plan_levels_parse(ins->levels, &lv, NULL) == 0) {
		int k = plan_levels_index(&lv, kind);
		if (k >= 0) {
			snprintf(out, PLAN_PREFIX_MAX, "%s", lv.l[k].prefix);
			return;
		}
	}
	const struct plan_kind *pk = plan_kind_find(kind);
	snprintf(out, PLAN_PREFIX_MAX, "%s", pk ? pk->prefix : "X");
}

struct csv_build {
	struct plan_doc tmp;
	size_t *line;             /* line where each element was first seen */
	const struct plan_csv_map *map;
	struct err *e;
};

static int cell_error(struct csv_build *b, size_t line, int col, const char *what)
{
	return err_set(b->e, ERR_INVALID, "line %zu, column %d (%s): %s", line, col + 1, b->map->col[col].header,
		       i18n_get(b->e ? b->e->lang : NULL, what));
}

/* Index of the element with this code (or, without a code, this title) under
 * parent, or -1. */
static int find_child(const struct plan_doc *d, int parent, const char *code, const char *title)
{
	for (size_t i = 0; i < d->nels; i++) {
		const struct plan_doc_element *el = &d->els[i];
		if (el->parent != parent)
			continue;
		if (code[0] ? str_eq(el->code, code) : (!el->code[0] && str_eq(el->title, title)))
			return (int)i;
	}
	return -1;
}

static int find_code(const struct plan_doc *d, const char *code)
{
	for (size_t i = 0; code[0] && i < d->nels; i++)
		if (str_eq(d->els[i].code, code))
			return (int)i;
	return -1;
}

int plan_doc_from_csv(const char *text, size_t len, const struct plan_csv_map *map, struct plan_doc *d,
		      struct err *e)
{
	/* the mapping: every column known, levels = title columns in order */
	int title_col[PLAN_MAX_LEVELS], code_col[PLAN_MAX_LEVELS];
	struct plan_levels lv = { .n = 0 };
	int desc_col = -1, office_col = -1;
	for (int c = 0; c < map->ncols; c++) {
		const struct plan_csv_col *col = &map->col[c];
		if (col->role == CSV_UNKNOWN)
			return err_set(e, ERR_INVALID,
				       "line 1, column %d (%s): unknown column; map it to a level's title or code, the description or the office, or ignore it",
				       c + 1, col->header[0] ? col->header : "?");
		if (col->role == CSV_TITLE) {
			if (plan_levels_index(&lv, col->kind) >= 0)
				return err_set(e, ERR_INVALID, "line 1, column %d (%s): a second column for the titles of %s", c + 1,
					       col->header, col->kind);
			if (lv.n == PLAN_MAX_LEVELS)
				return err_set(e, ERR_INVALID, "line 1, column %d (%s): at most %d levels", c + 1, col->header,
					       PLAN_MAX_LEVELS);
			snprintf(lv.l[lv.n].kind, sizeof lv.l[lv.n].kind, "%s", col->kind);
			prefix_for(d->instrument, col->kind, lv.l[lv.n].prefix);
			title_col[lv.n] = c;
			code_col[lv.n] = -1;
			lv.n++;
		} else if (col->role == CSV_DESCRIPTION) {
			if (desc_col >= 0)
				return err_set(e, ERR_INVALID, "line 1, column %d (%s): a second description column", c + 1, col->header);
			desc_col = c;
		} else if (col->role == CSV_OFFICE) {
			if (office_col >= 0)
				return err_set(e, ERR_INVALID, "line 1, column %d (%s): a second office column", c + 1, col->header);
			office_col = c;
		}
	}
	if (lv.n == 0)
		return err_set(e, ERR_INVALID, "line 1: no column holds element titles; map at least one (for example \"1=axis\")");
	for (int c = 0; c < map->ncols; c++) {
		const struct plan_csv_col *col = &map->col[c];
		if (col->role != CSV_CODE)
			continue;
		int k = plan_levels_index(&lv, col->kind);
		if (k < 0)
			return err_set(e, ERR_INVALID, "line 1, column %d (%s): codes of %s, but no column holds their titles", c + 1,
				       col->header, col->kind);
		if (code_col[k] >= 0)
			return err_set(e, ERR_INVALID, "line 1, column %d (%s): a second code column for %s", c + 1, col->header,
				       col->kind);
		code_col[k] = c;
	}

	struct csv_build b = { .map = map, .e = e };
	plan_doc_init(&b.tmp);
	snprintf(b.tmp.instrument, sizeof b.tmp.instrument, "%s", d->instrument);
	size_t line_cap = 64;
	b.line = xcalloc(line_cap, sizeof *b.line);
	struct csv_reader *r = csv_open_mem(text, len, "CSV", 0, 0);
	if (!r) {
		free(b.line);
		plan_doc_release(&b.tmp);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	struct csv_row row;
	int rc = csv_next(r, &row, e);   /* the header, read by plan_csv_guess */
	if (rc == 0)
		rc = err_set(e, ERR_INVALID, "The CSV file is empty");
	if (rc > 0 && (int)row.nfields != map->ncols)
		rc = err_set(e, ERR_INVALID, "line 1: %zu columns, but the mapping is for %d", row.nfields, map->ncols);
	int path[PLAN_MAX_LEVELS];
	for (int k = 0; k < PLAN_MAX_LEVELS; k++)
		path[k] = -1;
	while (rc > 0 && (rc = csv_next(r, &row, e)) == 1) {
		size_t line = row.line;
		if ((int)row.nfields > map->ncols) {
			rc = err_set(e, ERR_INVALID, "line %zu: %zu fields, but the header has %d", line, row.nfields, map->ncols);
			break;
		}
		char *title[PLAN_MAX_LEVELS], *code[PLAN_MAX_LEVELS];
		int deepest = -1;
		for (int k = 0; k < lv.n; k++) {
			int tc = title_col[k], cc = code_col[k];
			title[k] = xstrdup(tc < (int)row.nfields ? row.fields[tc] : "");
			code[k] = xstrdup(cc >= 0 && cc < (int)row.nfields ? row.fields[cc] : "");
			str_trim(title[k]);
			str_trim(code[k]);
			if (title[k][0] || code[k][0])
				deepest = k;
		}
		const char *desc = desc_col >= 0 && desc_col < (int)row.nfields ? row.fields[desc_col] : "";
		const char *office = office_col >= 0 && office_col < (int)row.nfields ? row.fields[office_col] : "";
		rc = 1;
		if (deepest < 0) {
			if (desc[0] || office[0])
				rc = err_set(e, ERR_INVALID, "line %zu: a description or office, but no element title", line);
		}
		for (int k = 0; k <= deepest && rc > 0; k++) {
			int parent = k ? path[k - 1] : -1;
			if (!title[k][0] && !code[k][0]) {
				/* a blank cell repeats the row above */
				if (path[k] < 0 || (k && b.tmp.els[path[k]].parent != parent))
					rc = cell_error(&b, line, title_col[k], N_("empty, and there is no row above to repeat"));
				continue;
			}
			if (code[k][0] && plan_code_check(code[k], e)) {
				err_prefix(e, "line %zu, column %d (%s)", line, code_col[k] + 1, map->col[code_col[k]].header);
				rc = ERR_INVALID;
				break;
			}
			if (strlen(title[k]) > PLAN_ELEMENT_TITLE_MAX) {
				rc = cell_error(&b, line, title_col[k], N_("the title is too long"));
				break;
			}
			int found = find_child(&b.tmp, parent, code[k], title[k]);
			if (found >= 0) {
				const struct plan_doc_element *el = &b.tmp.els[found];
				if (title[k][0] && !str_eq(el->title, title[k])) {
					rc = err_set(e, ERR_INVALID, "line %zu, column %d (%s): code %s is \"%.60s\" on line %zu and \"%.60s\" here",
						     line, title_col[k] + 1, map->col[title_col[k]].header, el->code, el->title,
						     b.line[found], title[k]);
					break;
				}
				path[k] = found;
				continue;
			}
			if (!title[k][0]) {
				rc = cell_error(&b, line, title_col[k], N_("a code without a title"));
				break;
			}
			int other = find_code(&b.tmp, code[k]);
			if (other >= 0) {
				rc = err_set(e, ERR_INVALID, "line %zu, column %d (%s): code %s is already used by \"%.60s\" (line %zu)",
					     line, code_col[k] + 1, map->col[code_col[k]].header, code[k], b.tmp.els[other].title,
					     b.line[other]);
				break;
			}
			if (b.tmp.nels >= PLAN_MAX_ELEMENTS) {
				rc = err_set(e, ERR_INVALID, "line %zu: a plan has at most %d elements", line, PLAN_MAX_ELEMENTS);
				break;
			}
			int idx = plan_doc_add(&b.tmp, parent, lv.l[k].kind, code[k], !code[k][0], title[k], "", "");
			snprintf(b.tmp.els[idx].where, sizeof b.tmp.els[idx].where, "line %zu", line);
			if (b.tmp.nels > line_cap) {
				line_cap *= 2;
				b.line = xrealloc(b.line, line_cap * sizeof *b.line);
			}
			b.line[idx] = line;
			path[k] = idx;
		}
		for (int k = deepest + 1; k < PLAN_MAX_LEVELS; k++)
			path[k] = -1;
		if (rc > 0 && deepest >= 0) {
			struct plan_doc_element *el = &b.tmp.els[path[deepest]];
			if (strlen(desc) > PLAN_DESCRIPTION_MAX)
				rc = cell_error(&b, line, desc_col, N_("the description is too long"));
			else if (strlen(office) > PLAN_OFFICE_MAX)
				rc = cell_error(&b, line, office_col, N_("the office is too long"));
			else if (desc[0] && el->description[0] && !str_eq(desc, el->description))
				rc = cell_error(&b, line, desc_col, N_("a second, different description for the same element"));
			else if (office[0] && el->office[0] && !str_eq(office, el->office))
				rc = cell_error(&b, line, office_col, N_("a second, different office for the same element"));
			if (rc > 0 && desc[0])
				plan_doc_set(&el->description, desc);
			if (rc > 0 && office[0])
				plan_doc_set(&el->office, office);
		}
		for (int k = 0; k < lv.n; k++) {
			free(title[k]);
			free(code[k]);
		}
	}
	csv_close(r);
	if (rc == 0 && b.tmp.nels == 0)
		rc = err_set(e, ERR_INVALID, "The CSV file has no elements");
	if (rc == 0) {
		/* typed codes that are what minka would number become automatic */
		struct plan_node *nodes = xcalloc(b.tmp.nels, sizeof *nodes);
		for (size_t i = 0; i < b.tmp.nels; i++) {
			const struct plan_doc_element *el = &b.tmp.els[i];
			nodes[i] = (struct plan_node){ .id = (int64_t)i + 1, .parent = el->parent, .position = (int64_t)i,
						       .kind = el->kind, .code_auto = true, .title = el->title };
		}
		if (plan_tree_number(nodes, b.tmp.nels, &lv, NULL) == 0)
			for (size_t i = 0; i < b.tmp.nels; i++) {
				struct plan_doc_element *el = &b.tmp.els[i];
				if (el->code_auto || str_eq(nodes[i].code, el->code)) {
					el->code_auto = true;
					snprintf(el->code, sizeof el->code, "%s", nodes[i].code);
				}
			}
		free(nodes);
	}
	if (rc == 0) {
		plan_levels_format(&lv, d->levels, sizeof d->levels);
		for (size_t i = 0; i < d->nels; i++)
			element_release(&d->els[i]);
		free(d->els);
		d->els = b.tmp.els;
		d->nels = b.tmp.nels;
		d->cap = b.tmp.cap;
		b.tmp.els = NULL;
		b.tmp.nels = b.tmp.cap = 0;
	}
	free(b.line);
	plan_doc_release(&b.tmp);
	return rc < 0 ? rc : 0;
}

int plan_doc_write_csv(const struct plan_doc *d, const struct i18n_lang *lang, struct buf *out)
{
	struct plan_levels lv;
	if (plan_levels_parse(d->levels, &lv, NULL))
		return ERR_INVALID;
	int rc = csv_write_bom(out);
	size_t ncols = (size_t)lv.n * 2 + 2;
	const char **fields = xcalloc(ncols, sizeof *fields);
	char (*heads)[120] = xcalloc(ncols, sizeof *heads);
	for (int k = 0; k < lv.n; k++) {
		const struct plan_kind *pk = plan_kind_find(lv.l[k].kind);
		const char *name = i18n_get(lang, pk ? pk->name : lv.l[k].kind);
		snprintf(heads[2 * k], sizeof heads[0], "%s %s", tr(lang, "Code"), name);
		snprintf(heads[2 * k + 1], sizeof heads[0], "%s", name);
	}
	snprintf(heads[ncols - 2], sizeof heads[0], "%s", tr(lang, "Description"));
	snprintf(heads[ncols - 1], sizeof heads[0], "%s", tr(lang, "Responsible office"));
	for (size_t c = 0; c < ncols; c++)
		fields[c] = heads[c];
	if (!rc)
		rc = csv_write_row(out, ',', fields, ncols);
	for (size_t i = 0; i < d->nels && !rc; i++) {
		for (size_t c = 0; c < ncols; c++)
			fields[c] = "";
		for (int a = (int)i; a >= 0; a = d->els[a].parent) {
			int k = plan_levels_index(&lv, d->els[a].kind);
			if (k >= 0) {
				fields[2 * k] = d->els[a].code;
				fields[2 * k + 1] = d->els[a].title;
			}
		}
		fields[ncols - 2] = d->els[i].description;
		fields[ncols - 1] = d->els[i].office;
		rc = csv_write_row(out, ',', fields, ncols);
	}
	free(fields);
	free(heads);
	return rc;
}

/* ---- comparing versions ---- */

static void field_change(json_t *arr, const char *field, const char *before, const char *after)
{
	if (str_eq(before, after))
		return;
	json_t *o = json_object();
	json_set_str(o, "field", field);
	json_set_str(o, "before", before);
	json_set_str(o, "after", after);
	json_array_append_new(arr, o);
}

static int match_element(const struct plan_doc *d, const struct plan_doc_element *el, bool by_id)
{
	for (size_t i = 0; i < d->nels; i++)
		if (by_id ? d->els[i].id == el->id : str_eq(d->els[i].code, el->code))
			return (int)i;
	return -1;
}

static void targets_text(const struct plan_doc_element *el, struct buf *b)
{
	for (size_t t = 0; t < el->ntargets; t++)
		buf_appendf(b, "%s%s %s (%s)", t ? ", " : "", el->targets[t].code, el->targets[t].plan_title,
			    el->targets[t].government);
}

static json_t *element_change(const char *change, const struct plan_doc_element *el)
{
	json_t *o = json_object();
	json_set_str(o, "change", change);
	json_set_str(o, "code", el->code);
	json_set_str(o, "title", el->title);
	json_object_set_new(o, "fields", json_array());
	return o;
}

json_t *plan_doc_diff(const struct plan_doc *a, const struct plan_doc *b)
{
	json_t *plan = json_array();
	char ya[32], yb[32];
	field_change(plan, "title", a->title, b->title);
	field_change(plan, "instrument", a->instrument, b->instrument);
	field_change(plan, "instrument_name", a->kind_name, b->kind_name);
	field_change(plan, "horizon", a->horizon, b->horizon);
	snprintf(ya, sizeof ya, "%" PRId64 "-%" PRId64, a->start_year, a->end_year);
	snprintf(yb, sizeof yb, "%" PRId64 "-%" PRId64, b->start_year, b->end_year);
	field_change(plan, "period", ya, yb);
	field_change(plan, "vision", a->vision, b->vision);
	field_change(plan, "mission", a->mission, b->mission);
	field_change(plan, "participants", a->participants, b->participants);
	field_change(plan, "levels", a->levels, b->levels);

	bool by_id = true;
	for (size_t i = 0; i < a->nels && by_id; i++)
		by_id = a->els[i].id > 0;
	for (size_t i = 0; i < b->nels && by_id; i++)
		by_id = b->els[i].id > 0;
	json_t *els = json_array();
	for (size_t i = 0; i < a->nels; i++) {
		const struct plan_doc_element *x = &a->els[i];
		int m = match_element(b, x, by_id);
		if (m < 0) {
			json_array_append_new(els, element_change("removed", x));
			continue;
		}
		const struct plan_doc_element *y = &b->els[m];
		json_t *o = element_change("changed", y);
		json_t *f = json_object_get(o, "fields");
		field_change(f, "code", x->code, y->code);
		field_change(f, "kind", x->kind, y->kind);
		field_change(f, "title", x->title, y->title);
		field_change(f, "description", x->description, y->description);
		field_change(f, "office", x->office, y->office);
		const char *pa = x->parent >= 0 ? a->els[x->parent].code : "";
		const char *pb = y->parent >= 0 ? b->els[y->parent].code : "";
		field_change(f, "parent", pa, pb);
		struct buf ta, tb;
		buf_init(&ta, 1 << 20);
		buf_init(&tb, 1 << 20);
		targets_text(x, &ta);
		targets_text(y, &tb);
		field_change(f, "aligns_to", buf_cstr(&ta), buf_cstr(&tb));
		buf_release(&ta);
		buf_release(&tb);
		if (json_array_size(f))
			json_array_append(els, o);
		json_decref(o);
	}
	for (size_t i = 0; i < b->nels; i++)
		if (match_element(a, &b->els[i], by_id) < 0)
			json_array_append_new(els, element_change("added", &b->els[i]));
	json_t *o = json_object();
	json_object_set_new(o, "plan", plan);
	json_object_set_new(o, "elements", els);
	return o;
}
