/* plan.h — concerted and institutional plans (PRODES guide, seed 004): a plan of a
 * government with its instrument, period, vision or mission and participants; its
 * status draft → approved (with the approving act) → superseded; its versions
 * (editing an approved plan opens a new draft version; each approved version is
 * kept as a snapshot to read and compare); the tree of elements with codes
 * renumbered after every change; and alignments, the links from an element to the
 * element it serves in another plan. Owns tables plan, plan_version,
 * plan_element and plan_alignment (domain/articulation.c, part of this module,
 * reads them for the report).
 *
 * For other modules (the project bank, the investment plan, indicators), the
 * stable entry points are plan_element_get() and plan_element_search(): they
 * link their records to element ids and report them back through the
 * articulation sources (domain/articulation.h). */
#ifndef MINKA_PLAN_H
#define MINKA_PLAN_H

#include "core/compat.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/audit.h"
#include "rules/plan_doc.h"
#include "rules/plan_rules.h"
#include "store/db.h"

#include <jansson.h>

struct plan {
	int64_t id;
	char government[7];                 /* territory code of the owning government */
	char government_name[180];
	char instrument[PLAN_KIND_MAX];
	char kind_name[PLAN_TITLE_MAX + 1]; /* custom instruments */
	enum plan_horizon horizon;
	char title[PLAN_TITLE_MAX + 1];
	int64_t start_year, end_year;
	char *vision, *mission, *participants;   /* Markdown; owned (plan_release) */
	char levels[PLAN_LEVELS_TEXT_MAX];
	char status[12];                    /* draft, approved, superseded */
	int64_t version;
	char act_kind[12];                  /* "" or ordinance, agreement */
	char act_number[PLAN_ACT_MAX + 1];
	char act_date[11];
	int64_t supersedes_id;              /* 0 = none */
	char created_at[DATETIME_FMT_MAX], updated_at[DATETIME_FMT_MAX];
};

void plan_release(struct plan *p);

/* What a person fills in. NULL strings are empty; levels "" = the instrument's
 * defaults; horizon only counts for custom instruments. */
struct plan_input {
	const char *instrument, *kind_name, *horizon, *title;
	int64_t start_year, end_year;
	const char *vision, *mission, *participants, *levels;
	int64_t supersedes_id;
};

/* Message ids for a status ("draft", "approved", "superseded") and an act kind
 * ("ordinance", "agreement"), to translate where they are shown. */
const char *plan_status_name(const char *status);
const char *plan_act_name(const char *kind);

/* A short label for messages and lists: "PDC 2022-2030 (Municipalidad ...)". */
void plan_label(const struct plan *p, char *out, size_t n);

int plan_create(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		const struct plan_input *in, int64_t *id, struct err *e);
/* Edits the plan's own fields. An approved plan gets a new draft version; a
 * superseded one cannot be edited. */
int plan_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const struct plan_input *in,
		struct err *e);
/* Records the approval of the current version by an ordinance or council
 * agreement (number and date required). Keeps a snapshot of the version, marks
 * the previous approved version superseded, and supersedes the plan this one
 * replaces (supersedes_id). */
int plan_approve(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *act_kind,
		 const char *act_number, const char *act_date, struct err *e);
/* ERR_NOTFOUND if there is no such plan. Release with plan_release. */
int plan_get(struct db_conn *c, int64_t id, struct plan *out, struct err *e);
json_t *plan_to_json(const struct plan *p);

struct plan_query {
	const char *government;     /* plans of this government; NULL = all */
	const char *status;         /* NULL = any */
	const char *instrument;     /* NULL = any */
	int64_t year;               /* in force that year (start <= year <= end); 0 = any */
	int64_t limit, offset;
};
int plan_list(struct db_conn *c, const struct plan_query *q, json_t **items, int64_t *total, struct err *e);

/* Approved versions, newest first: [{version, status, act_kind, act_number, act_date, approved_at}]. */
int plan_versions(struct db_conn *c, int64_t id, json_t **items, struct err *e);
/* One approved version as a document (with element ids). */
int plan_version_doc(struct db_conn *c, int64_t id, int64_t version, struct plan_doc *doc, struct err *e);
/* The current state as a document; with_ids for snapshots and comparisons. */
int plan_doc_load(struct db_conn *c, int64_t id, bool with_ids, struct plan_doc *doc, struct err *e);

/* The tree as nested JSON: [{id, code, kind, title, description, office,
 * code_auto, position, depth, aligns_to: [...], served_by: n, children: [...]}];
 * *count = number of elements. */
int plan_tree(struct db_conn *c, int64_t plan_id, json_t **tree, int64_t *count, struct err *e);

/* ---- elements ---- */

struct plan_element {
	int64_t id, plan_id, parent_id;     /* parent_id 0 = top level */
	int64_t position;
	char kind[PLAN_KIND_MAX];
	char code[PLAN_CODE_MAX];
	bool code_auto;
	char *title, *description, *office; /* owned (plan_element_release) */
};
void plan_element_release(struct plan_element *el);

struct plan_element_input {
	const char *kind;
	int64_t parent_id;                  /* 0 = top level */
	const char *title, *description, *office;
	const char *code;                   /* NULL or "" = numbered by minka */
};

/* ERR_NOTFOUND if there is no such element. */
int plan_element_get(struct db_conn *c, int64_t id, struct plan_element *out, struct err *e);
json_t *plan_element_to_json(const struct plan_element *el);
int plan_element_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id,
		     const struct plan_element_input *in, int64_t *id, struct err *e);
/* Changes kind, title, code, description and office (not the place: see move). */
int plan_element_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			const struct plan_element_input *in, struct err *e);
/* Moves an element (with everything under it) under parent_id (0 = top level),
 * at position (1-based among its new siblings; past the end = last). */
int plan_element_move(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t parent_id,
		      int64_t position, struct err *e);
/* Refused (ERR_CONFLICT, listing them) while elements sit under it, elements of
 * other plans align to it, or records of other areas trace to it. */
int plan_element_delete(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, struct err *e);
/* What depends on an element: [{what: child|alignment|<source kind>, code, title, plan_id, href}]. */
int plan_element_dependents(struct db_conn *c, int64_t id, json_t **out, struct err *e);
/* Sets every code back to minka's numbering. */
int plan_renumber(struct db_conn *c, const struct actor *who, int64_t now, int64_t plan_id, struct err *e);

struct plan_element_query {
	const char *q;              /* words matched, accent- and case-insensitive, against code and title */
	const char *government;     /* elements of this government's plans; NULL = any */
	bool with_ancestors;        /* ... and of the governments that contain it */
	int64_t plan_id;            /* only this plan; 0 = any */
	int64_t exclude_plan;       /* not this plan */
	const char *kind;           /* NULL = any */
	const char *instrument;     /* NULL = any */
	int min_horizon;            /* plans of at least this horizon; 0 = any */
	bool exclude_superseded;
	/* Only elements an investment project may serve (the project module's
	 * picker): no indicators, only instruments that program projects
	 * (plan_instrument_takes_projects), and institutional plans only of
	 * `government` itself when own_institutional (none otherwise: a project of
	 * no government serves concerted plans only). */
	bool project_targets;
	bool own_institutional;
	int64_t limit, offset;
};
/* Items: {id, code, kind, title, plan: {id, title, instrument, government, ...}}. */
int plan_element_search(struct db_conn *c, const struct plan_element_query *q, json_t **items, int64_t *total,
			struct err *e);

/* A subquery with one parameter, an element id, giving that element and every
 * element that serves it, directly or through others: the elements under it and
 * those aligned to it or to any of these (the articulation report's "traces to").
 * For other modules' filters, as a literal fragment of their SQL:
 *   "... WHERE x.element_id IN (" PLAN_ELEMENTS_SERVING_SQL ")"
 * (UNION, not UNION ALL: a cycle in the data ends the recursion.) */
#define PLAN_ELEMENTS_SERVING_SQL                                                                   \
	"WITH RECURSIVE serving(id) AS (SELECT CAST(? AS BIGINT) UNION"                             \
	" SELECT x.child FROM (SELECT e.id AS child, e.parent_id AS parent FROM plan_element e"     \
	" UNION ALL SELECT a.element_id, a.target_id FROM plan_alignment a) x"                      \
	" JOIN serving s ON x.parent = s.id) SELECT id FROM serving"

/* ---- alignment ---- */

int plan_align(struct db_conn *c, const struct actor *who, int64_t now, int64_t element_id, int64_t target_id,
	       struct err *e);
int plan_unalign(struct db_conn *c, const struct actor *who, int64_t now, int64_t element_id, int64_t target_id,
		 struct err *e);
/* Elements an element may align to, matching q: those of the plans of its own
 * and the containing governments, of equal or longer horizon, not its own plan
 * and not superseded. Each item tells whether it is already aligned. */
int plan_align_candidates(struct db_conn *c, int64_t element_id, const char *q, int64_t limit, json_t **items,
			  int64_t *total, struct err *e);
/* The elements this one aligns to: [{id, code, title, plan: {...}}]. */
int plan_element_targets(struct db_conn *c, int64_t element_id, json_t **items, struct err *e);
/* Elements of other plans aligned to this one: [{id, code, title, plan: {...}}]. */
int plan_served_by(struct db_conn *c, int64_t element_id, json_t **items, struct err *e);

/* ---- import ---- */

enum { PLAN_IMPORT_SKIP_MISSING_TARGETS = 1 << 0 };
/* Creates a plan of `government` from a document (JSON or CSV import): the plan,
 * its elements (codes checked and renumbered), its alignments (each checked like
 * one made by hand; a target not found in this installation is an error unless
 * PLAN_IMPORT_SKIP_MISSING_TARGETS), and, for an approved plan, its approval and
 * version. One transaction: on any error nothing is written. */
int plan_import_doc(struct db_conn *c, const struct actor *who, int64_t now, const char *government,
		    const struct plan_doc *doc, int flags, int64_t *id, struct err *e);

#endif
