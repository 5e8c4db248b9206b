/* articulation.h — the "hilo conductor" report of a government for a year
 * (part of the plan module): which elements align to nothing, how each objective
 * of the Concerted Development Plan is served (institutional objectives,
 * objectives of the inner governments, indicators, projects, budget), the share
 * of the budget per strategic axis, and — for a province or region — its
 * districts or provinces side by side. The figures are computed by
 * rules/articulation.c; this file loads what they need.
 *
 * THE HOOK FOR OTHER AREAS. Projects (project bank), budget lines (investment
 * plan) and measured indicators live in other modules, which link their records
 * to plan elements (plan_element_get/plan_element_search in plan.h). They report
 * those links back through an articulation source: a function that lists, for
 * some governments and a year (or for one element), the items that trace to
 * elements — kind, id, code, title, government, element id (0 = traces to
 * nothing) and amount. Each area adds its source to the table in
 * articulation_sources.c (registered: the project bank and the investment plan);
 * the report, the element page and the delete check ("what depends on this
 * element?") then include its items. Without a source, the report shows no
 * projects or budget figures at all (null in JSON), never invented ones. */
#ifndef MINKA_ARTICULATION_H
#define MINKA_ARTICULATION_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "store/db.h"

#include <jansson.h>

struct artic_item {
	const char *kind;           /* "project", "budget_line" or "indicator" */
	int64_t id;                 /* in its module */
	const char *code;           /* CUI, budget line code, ... */
	const char *title;
	const char *href;           /* its page, or NULL */
	const char *government;     /* territory code of the owning government */
	int64_t element_id;         /* a plan element it serves; 0 = none. An item serving several
				     * is reported once per element, same kind and id: counted once */
	int64_t budget;             /* cents for the year; -1 = carries no amount (no double counting:
				     * a project whose budget lines are listed carries none) */
};

/* Called once per item; a non-zero return stops the listing with that code. */
typedef int (*artic_item_cb)(const struct artic_item *it, void *arg);

struct artic_query {
	const char *const *governments;   /* items of these governments */
	size_t ngovernments;
	int64_t year;                     /* relevant that year; 0 = any */
	int64_t element_id;               /* > 0: only the items tracing to this element */
};

struct artic_source {
	const char *name;                 /* English message id: "Project bank" */
	const char *kinds;                /* what it lists: "project", "budget_line indicator", ... */
	int (*items)(struct db_conn *c, const struct artic_query *q, artic_item_cb cb, void *arg, struct err *e);
};

/* The registered sources, NULL-terminated (articulation_sources.c). A pointer so
 * that tests can put a fake project bank in its place. */
extern const struct artic_source *const *artic_sources;

/* Every item of every source that traces to element_id. */
int articulation_items_for_element(struct db_conn *c, int64_t element_id, artic_item_cb cb, void *arg,
				   struct err *e);

/* The report for the government of `territory` (a district of a province's
 * capital is governed by the province) and a year, as JSON (the API's answer;
 * the page and the spreadsheet are built from it). */
int articulation_report(struct db_conn *c, const char *territory, int64_t year, json_t **out, struct err *e);

/* The report as an XLSX workbook (sheets: summary, coverage, unaligned, budget
 * by axis, inner governments), labels in lang. */
int articulation_xlsx(const json_t *report, const struct i18n_lang *lang, struct buf *out, struct err *e);

#endif
