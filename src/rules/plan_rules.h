/* plan_rules.h — the rules of concerted and institutional planning that need no
 * database (PRODES guide, seed 004): the planning instruments with their horizon
 * and default element kinds, the tree of a plan and how its codes are numbered,
 * and which alignments ("hilo conductor") are allowed. Pure functions; messages
 * go through struct err (translated with e->lang).
 *
 * Numbering. Each level of a plan has a kind and a code prefix ("objective:OE").
 * An element's number is
 *   - its parent's number + "." + its rank among the siblings of its kind, when
 *     its kind is numbered under the parent (strategies, actions, ...) or when
 *     the parent has the same kind (a sub-objective of OE1 is OE1.1);
 *   - otherwise its rank among all such elements of its kind in the plan, in
 *     tree order (axes EJE1, EJE2; objectives OE1, OE2, OE3 across axes).
 * Its code is prefix + number, unless the element carries a code typed by a
 * person (code_auto false), which is kept as is. After every change the whole
 * tree is renumbered, so moving an element renumbers it and its siblings, and
 * codes stay unique (a clash with a typed code is refused). */
#ifndef MINKA_PLAN_RULES_H
#define MINKA_PLAN_RULES_H

#include "core/compat.h"
#include "core/err.h"

#define PLAN_CODE_MAX 25        /* bytes of a code, with the NUL */
#define PLAN_PREFIX_MAX 9
#define PLAN_KIND_MAX 16
#define PLAN_MAX_LEVELS 8
#define PLAN_MAX_DEPTH 8        /* the page's tree is a recursive template; see tmpl.c */
#define PLAN_MAX_ELEMENTS 5000
#define PLAN_LEVELS_TEXT_MAX 200
#define PLAN_YEAR_MIN 1990
#define PLAN_YEAR_MAX 2100

enum plan_horizon { HORIZON_SHORT = 1, HORIZON_MEDIUM = 2, HORIZON_LONG = 3 };

struct plan_instrument {
	const char *key;        /* "pdc" */
	const char *abbr;       /* "PDC" */
	const char *name;       /* English message id */
	enum plan_horizon horizon;
	const char *levels;     /* default levels ("axis:EJE objective:OE ...") */
	bool territorial;       /* concerted, about the territory; false = institutional */
};

/* The instruments of the Ley Orgánica de Municipalidades as the guide lists
 * them, and "custom". NULL if unknown. */
const struct plan_instrument *plan_instrument_find(const char *key);
const struct plan_instrument *plan_instruments(size_t *n);
/* Whether investment projects can serve elements of a plan of this instrument.
 * The guide's content of each instrument (seed 004): the PDC has actions and
 * proposes strategic investment projects, the PDI a multi-year public investment
 * programme, the POI "programs, projects and activities", the PDE programs; the
 * Capacity Development Plan programs training and technical assistance, not
 * investment, so projects do not serve it. A plan of another instrument
 * ("custom") may program projects. False for an unknown key. */
bool plan_instrument_takes_projects(const char *key);

struct plan_kind {
	const char *key;        /* "objective" */
	const char *name;       /* English message id ("Objective") */
	const char *prefix;     /* default code prefix */
	bool under_parent;      /* numbered under its parent (1.2) rather than across the plan */
};
const struct plan_kind *plan_kind_find(const char *key);
const struct plan_kind *plan_kinds(size_t *n);

const char *plan_horizon_key(enum plan_horizon h);      /* "short", "medium", "long" */
enum plan_horizon plan_horizon_parse(const char *s);    /* 0 if unknown */
const char *plan_horizon_name(enum plan_horizon h);     /* message id: "short term" ... */

struct plan_level {
	char kind[PLAN_KIND_MAX];
	char prefix[PLAN_PREFIX_MAX];
};
struct plan_levels {
	struct plan_level l[PLAN_MAX_LEVELS];
	int n;
};
/* Parses "axis:EJE objective:OE" (spaces or commas between levels; a level
 * without ":PREFIX" takes the kind's default prefix). Kinds must be known and
 * not repeated; prefixes are 1-8 letters, digits, '.', '-' or '_'. */
int plan_levels_parse(const char *text, struct plan_levels *out, struct err *e);
void plan_levels_format(const struct plan_levels *lv, char *out, size_t n);
int plan_levels_index(const struct plan_levels *lv, const char *kind);   /* -1 if absent */

/* A code typed by a person: 1-24 bytes of letters, digits, '.', '-', '_'. */
int plan_code_check(const char *code, struct err *e);
/* Plausible plan years and order. */
int plan_period_check(int64_t start_year, int64_t end_year, struct err *e);

/* One element of a plan's tree, for plan_tree_number(). */
struct plan_node {
	int64_t id;                 /* for stable ordering among equal positions */
	int parent;                 /* index in the array, -1 = top level */
	int64_t position;           /* order among siblings; normalized to 1.. on output */
	const char *kind;
	bool code_auto;
	char code[PLAN_CODE_MAX];   /* in: the typed code when !code_auto; out: the code */
	const char *title;          /* for messages */
	/* out */
	int depth;                  /* 1 = top level */
	int level;                  /* index of kind in the levels */
};

/* Checks the tree — every parent exists, no element inside itself, at most
 * PLAN_MAX_DEPTH levels deep and PLAN_MAX_ELEMENTS elements, each kind one of the
 * plan's levels and never above its parent's (a child's level is the same or
 * deeper) — then normalizes positions to 1..n per parent (stable by position, id)
 * and computes every automatic code. Fails on a duplicate code, naming both. */
int plan_tree_number(struct plan_node *nodes, size_t n, const struct plan_levels *lv, struct err *e);

/* One end of an alignment, for plan_align_check(). */
struct align_end {
	int64_t element_id;
	int64_t plan_id;
	const char *code;           /* element code, for messages */
	const char *plan_label;     /* "PDC 2022-2030 (Chachapoyas)", for messages */
	const char *government;     /* territory code of the government owning the plan */
	enum plan_horizon horizon;
	bool superseded;            /* the plan was superseded */
};

/* An existing alignment: element `from` (in plan from_plan) serves element `to`
 * (in plan to_plan). */
struct align_edge {
	int64_t from, to;
	int64_t from_plan, to_plan;
};

/* May `from` align to `to`, given the alignments that already exist among the
 * plans involved? Refused: an element to itself or to its own plan; a target in
 * a superseded plan; a target of a lower territorial level or outside the
 * territories that contain the source (a district aligns to its own province
 * and region, not a neighbour's); a target of a shorter horizon (a PDC does not
 * serve a POI); the same link twice (ERR_CONFLICT); a link that would close a
 * cycle — the target's plan already serving the source's plan, directly or
 * through other plans (the thread runs one way, from the POI up to the PDRC). */
int plan_align_check(const struct align_end *from, const struct align_end *to, const struct align_edge *edges,
		     size_t n, struct err *e);

#endif
