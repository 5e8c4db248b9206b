/* articulation_sources.c — the registry of articulation sources (see
 * domain/articulation.h): the areas whose records trace to plan elements.
 * Registered: the project bank (projects, through the elements they serve:
 * domain/project_align.c) and the investment plan (its lines of the year, with
 * their amounts, through their projects: domain/invest.c) and the indicators of
 * monitoring that measure a plan element (domain/indicator.c).
 *
 * To connect an area, write a function with the artic_source items signature
 * in that area's module and add one line here, for example:
 *
 *   #include "domain/project.h"   (declares project_artic_source)
 *   static const struct artic_source *const registered[] = { &project_artic_source, NULL };
 *
 * The function lists, for the governments and year of a query (or, when
 * q->element_id > 0, only for that element), each item with its kind
 * ("project", "budget_line", "indicator"), id, code, title, page, government,
 * the plan element it traces to (0 = none) and its amount in cents for the year
 * (-1 when the item carries no amount of its own). The articulation report, the
 * element page and the refusal to delete an element something depends on pick
 * the items up with no other change.
 *
 * An item that serves several elements is reported once per element, with the
 * same kind and id: the report counts it once. */
#include "core/compat.h"
#include "domain/articulation.h"
#include "domain/indicator.h"
#include "domain/invest.h"
#include "domain/project.h"

static const struct artic_source *const registered[] = { &project_artic_source, &invest_artic_source, &indicator_artic_source, NULL };

const struct artic_source *const *artic_sources = registered;
