/* plan_rules.c — instruments, element kinds, levels, numbering of a plan's tree
 * and the alignment check. No I/O. */
#include "core/compat.h"
#include "rules/plan_rules.h"
#include "core/i18n.h"
#include "core/xalloc.h"

/* The instruments of the guide's table "Instrumentos de planeamiento" (seed 004):
 * horizon and scope as the guide gives them; default kinds from the content it
 * lists for each (vision, axes, objectives, strategies, actions for the PDC;
 * mission, institutional objectives, strategies, actions for the PDI; programs,
 * activities and goals for the POI). */
static const struct plan_instrument instruments[] = {
	{ "pdc", "PDC", N_("Concerted Development Plan"), HORIZON_LONG,
	  "axis:EJE objective:OE strategy:ES action:AE indicator:IND", true },
	{ "pde", "PDE", N_("Economic Development Plan"), HORIZON_MEDIUM,
	  "objective:OE program:PRG action:AE indicator:IND", true },
	{ "pdi", "PDI", N_("Institutional Development Plan"), HORIZON_MEDIUM,
	  "objective:OEI strategy:ES action:AEI indicator:IND", false },
	{ "pei", "PEI", N_("Institutional Strategic Plan"), HORIZON_MEDIUM,
	  "objective:OEI action:AEI indicator:IND", false },
	{ "poi", "POI", N_("Institutional Operating Plan"), HORIZON_SHORT,
	  "objective:OI activity:ACT product:PRD indicator:IND", false },
	{ "capacity", "PDCap", N_("Capacity Development Plan"), HORIZON_MEDIUM,
	  "objective:OE action:AE indicator:IND", true },
	{ "custom", "", N_("Other instrument"), HORIZON_MEDIUM,
	  "line:LIN component:COM program:PRG product:PRD indicator:IND", false },
};

static const struct plan_kind kinds[] = {
	{ "axis", N_("Strategic axis"), "EJE", false },
	{ "line", N_("Strategic line"), "LIN", false },
	{ "objective", N_("Objective"), "OE", false },
	{ "component", N_("Component"), "COM", true },
	{ "program", N_("Program"), "PRG", true },
	{ "strategy", N_("Strategy"), "ES", true },
	{ "action", N_("Action"), "AE", true },
	{ "activity", N_("Activity"), "ACT", true },
	{ "product", N_("Product"), "PRD", true },
	{ "indicator", N_("Indicator"), "IND", true },
};

const struct plan_instrument *plan_instruments(size_t *n)
{
	*n = ARRAY_LEN(instruments);
	return instruments;
}

const struct plan_instrument *plan_instrument_find(const char *key)
{
	for (size_t i = 0; key && i < ARRAY_LEN(instruments); i++)
		if (str_eq(instruments[i].key, key))
			return &instruments[i];
	return NULL;
}

bool plan_instrument_takes_projects(const char *key)
{
	const struct plan_instrument *in = plan_instrument_find(key);
	return in && !str_eq(in->key, "capacity");
}

const struct plan_kind *plan_kinds(size_t *n)
{
	*n = ARRAY_LEN(kinds);
	return kinds;
}

const struct plan_kind *plan_kind_find(const char *key)
{
	for (size_t i = 0; key && i < ARRAY_LEN(kinds); i++)
		if (str_eq(kinds[i].key, key))
			return &kinds[i];
	return NULL;
}

const char *plan_horizon_key(enum plan_horizon h)
{
	switch (h) {
	case HORIZON_SHORT: return "short";
	case HORIZON_MEDIUM: return "medium";
	case HORIZON_LONG: return "long";
	}
	return "";
}

enum plan_horizon plan_horizon_parse(const char *s)
{
	if (str_eq(s, "short")) return HORIZON_SHORT;
	if (str_eq(s, "medium")) return HORIZON_MEDIUM;
	if (str_eq(s, "long")) return HORIZON_LONG;
	return 0;
}

const char *plan_horizon_name(enum plan_horizon h)
{
	switch (h) {
	case HORIZON_SHORT: return N_("short term");
	case HORIZON_MEDIUM: return N_("medium term");
	case HORIZON_LONG: return N_("long term");
	}
	return "";
}

static bool code_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '.' || ch == '-' || ch == '_';
}

int plan_levels_parse(const char *text, struct plan_levels *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	const char *p = text ? text : "";
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == ';' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != ',' && *p != ';' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		char item[64];
		size_t len = (size_t)(p - start);
		if (len >= sizeof item)
			return err_set(e, ERR_INVALID, "Element kinds: \"%.30s\" is too long", start);
		memcpy(item, start, len);
		item[len] = '\0';
		char *colon = strchr(item, ':');
		if (colon)
			*colon = '\0';
		const struct plan_kind *k = plan_kind_find(item);
		if (!k)
			return err_set(e, ERR_INVALID, "Element kinds: \"%s\" is not a known kind", item);
		if (plan_levels_index(out, k->key) >= 0)
			return err_set(e, ERR_INVALID, "Element kinds: \"%s\" appears twice", item);
		if (out->n == PLAN_MAX_LEVELS)
			return err_set(e, ERR_INVALID, "Element kinds: at most %d levels", PLAN_MAX_LEVELS);
		const char *prefix = colon ? colon + 1 : k->prefix;
		size_t pl = strlen(prefix);
		if (pl == 0 || pl >= PLAN_PREFIX_MAX)
			return err_set(e, ERR_INVALID, "Element kinds: the code prefix of \"%s\" must have 1 to %d characters",
				       k->key, PLAN_PREFIX_MAX - 1);
		for (size_t i = 0; i < pl; i++)
			if (!code_char(prefix[i]))
				return err_set(e, ERR_INVALID,
					       "Element kinds: the code prefix \"%s\" may only have letters, digits, '.', '-' and '_'",
					       prefix);
		snprintf(out->l[out->n].kind, sizeof out->l[out->n].kind, "%s", k->key);
		snprintf(out->l[out->n].prefix, sizeof out->l[out->n].prefix, "%s", prefix);
		out->n++;
	}
	if (out->n == 0)
		return err_set(e, ERR_INVALID, "Element kinds: give at least one kind, such as \"objective:OE\"");
	return 0;
}

void plan_levels_format(const struct plan_levels *lv, char *out, size_t n)
{
	size_t j = 0;
	if (n)
		out[0] = '\0';
	for (int i = 0; i < lv->n && j < n; i++) {
		int w = snprintf(out + j, n - j, "%s%s:%s", i ? " " : "", lv->l[i].kind, lv->l[i].prefix);
		if (w < 0)
			break;
		j += (size_t)w;
	}
}

int plan_levels_index(const struct plan_levels *lv, const char *kind)
{
	for (int i = 0; i < lv->n; i++)
		if (str_eq(lv->l[i].kind, kind))
			return i;
	return -1;
}

int plan_code_check(const char *code, struct err *e)
{
	size_t n = code ? strlen(code) : 0;
	if (n == 0)
		return err_set(e, ERR_INVALID, "The code is empty");
	if (n >= PLAN_CODE_MAX)
		return err_set(e, ERR_INVALID, "The code \"%.40s\" is too long (%d characters at most)", code,
			       PLAN_CODE_MAX - 1);
	for (size_t i = 0; i < n; i++)
		if (!code_char(code[i]))
			return err_set(e, ERR_INVALID,
				       "The code \"%.40s\" may only have letters, digits, '.', '-' and '_' (no spaces)", code);
	return 0;
}

int plan_period_check(int64_t start_year, int64_t end_year, struct err *e)
{
	if (start_year < PLAN_YEAR_MIN || start_year > PLAN_YEAR_MAX)
		return err_set(e, ERR_INVALID, "The first year must be between %d and %d", PLAN_YEAR_MIN, PLAN_YEAR_MAX);
	if (end_year < PLAN_YEAR_MIN || end_year > PLAN_YEAR_MAX)
		return err_set(e, ERR_INVALID, "The last year must be between %d and %d", PLAN_YEAR_MIN, PLAN_YEAR_MAX);
	if (end_year < start_year)
		return err_set(e, ERR_INVALID, "The last year (%lld) comes before the first (%lld)", (long long)end_year,
			       (long long)start_year);
	return 0;
}

/* ---- the tree ---- */

struct numbering {
	struct plan_node *nodes;
	size_t n;
	const struct plan_levels *lv;
	int *order;            /* node indices sorted by (parent, position, id) */
	size_t *first;         /* first[i + 1]: start in order of the children of i; first[0]: top level */
	size_t *count;
	char (*number)[64];
	int64_t global[PLAN_MAX_LEVELS];
	struct err *e;
};

/* Sort keys carry what they compare (no global state: the server sorts in many threads). */
struct order_key {
	int parent;
	int64_t position, id;
	int idx;
};

static int cmp_order(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->idx - y->idx;
}

static const char *kind_name(const struct i18n_lang *lang, const char *kind)
{
	const struct plan_kind *k = plan_kind_find(kind);
	return k ? i18n_get(lang, k->name) : kind;
}

static int number_children(struct numbering *nb, int parent)
{
	size_t slot = (size_t)(parent + 1);
	int64_t rank[PLAN_MAX_LEVELS] = { 0 };
	for (size_t k = 0; k < nb->count[slot]; k++) {
		int i = nb->order[nb->first[slot] + k];
		struct plan_node *nd = &nb->nodes[i];
		nd->position = (int64_t)k + 1;
		const struct plan_kind *kind = plan_kind_find(nd->kind);
		bool under = parent >= 0 && (kind->under_parent || str_eq(nb->nodes[parent].kind, nd->kind));
		if (under) {
			char num[sizeof nb->number[0]];
			snprintf(num, sizeof num, "%s.%" PRId64, nb->number[parent], ++rank[nd->level]);
			memcpy(nb->number[i], num, sizeof num);
		} else
			snprintf(nb->number[i], sizeof nb->number[i], "%" PRId64, ++nb->global[nd->level]);
		if (nd->code_auto) {
			int w = snprintf(nd->code, sizeof nd->code, "%s%s", nb->lv->l[nd->level].prefix, nb->number[i]);
			if (w < 0 || (size_t)w >= sizeof nd->code)
				return err_set(nb->e, ERR_INVALID,
					       "The automatic code of \"%.80s\" would be too long; give it a shorter code",
					       nd->title ? nd->title : "");
		}
		/* depth-first: the children come right after their parent in tree order */
		int rc = number_children(nb, i);
		if (rc)
			return rc;
	}
	return 0;
}

struct code_key {
	const char *code;
	int idx;
};

static int cmp_code(const void *a, const void *b)
{
	const struct code_key *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	return c ? c : x->idx - y->idx;
}

int plan_tree_number(struct plan_node *nodes, size_t n, const struct plan_levels *lv, struct err *e)
{
	const struct i18n_lang *lang = e ? e->lang : NULL;
	if (n > PLAN_MAX_ELEMENTS)
		return err_set(e, ERR_INVALID, "A plan has at most %d elements", PLAN_MAX_ELEMENTS);
	for (size_t i = 0; i < n; i++) {
		struct plan_node *nd = &nodes[i];
		nd->level = plan_levels_index(lv, nd->kind);
		if (nd->level < 0)
			return err_set(e, ERR_INVALID, "\"%.80s\": the kind \"%s\" is not one of this plan's kinds",
				       nd->title ? nd->title : "", nd->kind ? nd->kind : "");
		if (nd->parent < -1 || nd->parent >= (int)n || nd->parent == (int)i)
			return err_set(e, ERR_INVALID, "\"%.80s\" cannot be inside itself", nd->title ? nd->title : "");
		if (!nd->code_auto && plan_code_check(nd->code, e))
			return e ? e->code : ERR_INVALID;
	}
	/* depth, and loops: walking up from any element must reach the top within n steps */
	for (size_t i = 0; i < n; i++) {
		int d = 1;
		for (int p = nodes[i].parent; p >= 0; p = nodes[p].parent) {
			if (++d > (int)n + 1)
				return err_set(e, ERR_INVALID, "\"%.80s\" cannot be inside itself or one of its own elements",
					       nodes[i].title ? nodes[i].title : "");
		}
		if (d > PLAN_MAX_DEPTH)
			return err_set(e, ERR_INVALID, "\"%.80s\" would be %d levels deep; a plan has at most %d",
				       nodes[i].title ? nodes[i].title : "", d, PLAN_MAX_DEPTH);
		nodes[i].depth = d;
		int p = nodes[i].parent;
		if (p >= 0 && nodes[i].level < nodes[p].level)
			return err_set(e, ERR_INVALID, "\"%.80s\" (%s) cannot go under \"%.80s\" (%s): a %s goes above a %s",
				       nodes[i].title ? nodes[i].title : "", kind_name(lang, nodes[i].kind),
				       nodes[p].title ? nodes[p].title : "", kind_name(lang, nodes[p].kind),
				       kind_name(lang, nodes[i].kind), kind_name(lang, nodes[p].kind));
	}
	struct numbering nb = { .nodes = nodes, .n = n, .lv = lv, .e = e };
	nb.order = xcalloc(n ? n : 1, sizeof *nb.order);
	nb.first = xcalloc(n + 1, sizeof *nb.first);
	nb.count = xcalloc(n + 1, sizeof *nb.count);
	nb.number = xcalloc(n ? n : 1, sizeof *nb.number);
	struct order_key *keys = xcalloc(n ? n : 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct order_key){ nodes[i].parent, nodes[i].position, nodes[i].id, (int)i };
	qsort(keys, n, sizeof *keys, cmp_order);
	for (size_t i = 0; i < n; i++)
		nb.order[i] = keys[i].idx;
	free(keys);
	for (size_t k = 0; k < n; k++) {
		size_t slot = (size_t)(nodes[nb.order[k]].parent + 1);
		if (nb.count[slot]++ == 0)
			nb.first[slot] = k;
	}
	int rc = number_children(&nb, -1);
	if (!rc && n > 1) {
		/* unique codes: sort by code and compare neighbours */
		struct code_key *byc = xcalloc(n, sizeof *byc);
		for (size_t i = 0; i < n; i++)
			byc[i] = (struct code_key){ nodes[i].code, (int)i };
		qsort(byc, n, sizeof *byc, cmp_code);
		for (size_t k = 1; k < n && !rc; k++) {
			const struct plan_node *a = &nodes[byc[k - 1].idx], *b = &nodes[byc[k].idx];
			if (str_eq(a->code, b->code))
				rc = err_set(e, ERR_INVALID, "Duplicate code %s: it would be used by \"%.80s\" and by \"%.80s\"",
					     a->code, a->title ? a->title : "", b->title ? b->title : "");
		}
		free(byc);
	}
	free(nb.order);
	free(nb.first);
	free(nb.count);
	free(nb.number);
	return rc;
}

/* ---- alignment ---- */

/* A small set of ids (open addressing). */
struct idset {
	int64_t *slots;
	size_t cap, len;
};

static void idset_init(struct idset *s, size_t hint)
{
	s->cap = 16;
	while (s->cap < hint * 2)
		s->cap *= 2;
	s->slots = xcalloc(s->cap, sizeof *s->slots);
	s->len = 0;
}

/* Adds id (> 0); true if it was not there. */
static bool idset_add(struct idset *s, int64_t id)
{
	if ((s->len + 1) * 2 > s->cap) {
		struct idset bigger;
		idset_init(&bigger, s->cap);
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				idset_add(&bigger, s->slots[i]);
		free(s->slots);
		*s = bigger;
	}
	size_t mask = s->cap - 1;
	for (size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 17) & mask;; i = (i + 1) & mask) {
		if (s->slots[i] == id)
			return false;
		if (!s->slots[i]) {
			s->slots[i] = id;
			s->len++;
			return true;
		}
	}
}

struct plan_edge {
	int64_t from, to;
};

static int cmp_edge_from(const void *a, const void *b)
{
	const struct plan_edge *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* Does plan `start` reach plan `goal` following the alignments between plans? */
static bool reaches(int64_t start, int64_t goal, const struct align_edge *edges, size_t n)
{
	struct plan_edge *sorted = xcalloc(n ? n : 1, sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = (struct plan_edge){ edges[i].from_plan, edges[i].to_plan };
	qsort(sorted, n, sizeof *sorted, cmp_edge_from);
	struct idset seen;
	idset_init(&seen, 64);
	int64_t *stack = xcalloc(n + 1, sizeof *stack);
	size_t top = 0;
	stack[top++] = start;
	idset_add(&seen, start);
	bool found = false;
	while (top && !found) {
		int64_t cur = stack[--top];
		if (cur == goal) {
			found = true;
			break;
		}
		/* first edge leaving cur */
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (sorted[mid].from < cur)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < n && sorted[k].from == cur; k++)
			if (idset_add(&seen, sorted[k].to))
				stack[top++] = sorted[k].to;
	}
	free(stack);
	free(seen.slots);
	free(sorted);
	return found;
}

int plan_align_check(const struct align_end *from, const struct align_end *to, const struct align_edge *edges,
		     size_t n, struct err *e)
{
	const struct i18n_lang *lang = e ? e->lang : NULL;
	if (from->element_id == to->element_id)
		return err_set(e, ERR_INVALID, "An element cannot align to itself");
	if (from->plan_id == to->plan_id)
		return err_set(e, ERR_INVALID,
			       "%s and %s are in the same plan: the tree already relates them; align to an element of another plan",
			       from->code, to->code);
	if (to->superseded)
		return err_set(e, ERR_INVALID, "%s was superseded: align to the plan in force", to->plan_label);
	size_t fl = strlen(from->government), tl = strlen(to->government);
	if (tl > fl)
		return err_set(e, ERR_INVALID,
			       "%s cannot align to %s: a plan serves plans of the same or a higher territorial level, and %s is of a lower one",
			       from->plan_label, to->plan_label, to->plan_label);
	if (strncmp(from->government, to->government, tl) != 0)
		return err_set(e, ERR_INVALID,
			       "%s cannot align to %s: a plan serves the plans of its own territory and of the province and region that contain it",
			       from->plan_label, to->plan_label);
	if (to->horizon < from->horizon)
		return err_set(e, ERR_INVALID,
			       "%s (%s) cannot align to %s (%s): the plan it serves must have an equal or longer horizon",
			       from->plan_label, i18n_get(lang, plan_horizon_name(from->horizon)), to->plan_label,
			       i18n_get(lang, plan_horizon_name(to->horizon)));
	for (size_t i = 0; i < n; i++)
		if (edges[i].from == from->element_id && edges[i].to == to->element_id)
			return err_set(e, ERR_CONFLICT, "%s is already aligned to %s", from->code, to->code);
	if (reaches(to->plan_id, from->plan_id, edges, n))
		return err_set(e, ERR_INVALID,
			       "Aligning %s to %s would close a cycle: %s already serves %s, directly or through other plans",
			       from->code, to->code, to->plan_label, from->plan_label);
	return 0;
}
