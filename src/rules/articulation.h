/* articulation.h — the figures of the articulation report ("hilo conductor"),
 * computed from plain arrays: no database, no clock. The domain
 * (domain/articulation.c) loads the plans in force for a government and year,
 * their elements and alignments, and the items of other areas (projects, budget
 * lines, indicators) that trace to elements, then calls articulation_compute().
 *
 * Definitions (docs/plans.md):
 *   - An element SERVES its parent and the elements it aligns to. It TRACES TO a
 *     PDC objective X of the focus government when X can be reached by following
 *     those links (so an action under an aligned objective traces too, and so
 *     does an element aligned to an action under X).
 *   - The focus PDC objectives are the elements of kind "objective" in the focus
 *     government's PDC plans; its strategic axes are their elements of kind "axis".
 *   - A plan EXPECTS alignment when another plan in the set could be served by it
 *     (same or containing territory, equal or longer horizon, not the same
 *     government and instrument). In such a plan an element is UNALIGNED when
 *     neither it, nor an element above it, nor one below it aligns to anything;
 *     the report lists the topmost unaligned elements.
 *   - Items of other areas (projects, budget lines, indicators) belong to a
 *     government: the focus government's make its coverage, budget and
 *     untraced list; an inner government's make its column side by side; the
 *     others (higher governments) are not counted. An item may serve several
 *     elements: it traces to every objective any of them traces to, and counts
 *     once.
 *   - Coverage: an item counts (and its amount adds) in every objective it
 *     traces to, so the coverage column is not a partition of the budget.
 *   - Budget per strategic axis is a partition: every cent of the total lands in
 *     exactly one row — an axis, "objectives under no axis", or "traces to no
 *     objective". An item tracing to objectives of k of these rows gives each
 *     amount / k, the first (amount mod k) rows in their order one cent more. The
 *     shares are hundredths of a percent rounded by largest remainder (ties to
 *     the earlier row), so they add up to exactly 100.00 % (integers only). */
#ifndef MINKA_ARTICULATION_RULES_H
#define MINKA_ARTICULATION_RULES_H

#include "core/compat.h"
#include "rules/plan_rules.h"

enum art_group { ART_FOCUS = 0, ART_HIGHER = 1, ART_INNER = 2, ART_OTHER = 3 };

struct art_plan {
	int64_t id;
	const char *government;      /* territory code of the owning government */
	const char *instrument;      /* "pdc", ... */
	enum plan_horizon horizon;
	/* out */
	enum art_group group;
	bool expects;
};

struct art_element {
	int64_t id;
	int plan;                    /* index into plans */
	int parent;                  /* index into elements, -1 = top level */
	const char *kind;
	bool aligned;                /* aligns to something, even outside the input (a plan not in force) */
};

struct art_link {
	int from, to;                /* element indices: from aligns to to */
};

struct art_item {
	const int *elements;         /* indices of the elements it serves (none: traces to nothing) */
	size_t nelements;
	const char *government;      /* territory code of its government; NULL = the focus government */
	int64_t budget;              /* cents; -1 = carries no amount */
	bool project;                /* counts as a project */
	bool indicator;              /* counts as an indicator */
};

struct art_input {
	const char *focus;           /* the focus government's territory code */
	struct art_plan *plans;
	size_t nplans;
	const struct art_element *els;
	size_t nels;
	const struct art_link *links;
	size_t nlinks;
	const struct art_item *items;
	size_t nitems;
	const char *const *inner;    /* inner governments shown side by side */
	size_t ninner;
};

struct art_objective {
	int element;                 /* the focus PDC objective */
	int axis;                    /* its strategic axis (nearest ancestor of kind axis), -1 */
	int64_t institutional;       /* objectives of the focus government's other plans tracing to it */
	int64_t inner;               /* objectives of inner governments' plans tracing to it */
	int64_t indicators;          /* indicator elements and indicator items tracing to it */
	int64_t projects;            /* project items tracing to it */
	int64_t budget;              /* cents, sum of the items tracing to it */
};

struct art_axis {
	int element;
	int64_t budget;              /* cents: its part of the partition (see the top) */
	int64_t share_bp;            /* budget / total, hundredths of a percent */
};

/* The rows of a budget partition: the axes (0..naxes-1), then these two. */
#define ART_ROW_NO_AXIS(naxes) (naxes)
#define ART_ROW_UNTRACED(naxes) ((naxes) + 1)
#define ART_ROWS(naxes) ((naxes) + 2)

struct art_inner {
	int64_t plans, elements, objectives;
	int64_t traced;              /* objectives tracing to a focus PDC objective */
	int64_t unaligned;           /* topmost unaligned elements */
	int64_t projects;            /* its project items */
	int64_t projects_traced;     /* ... tracing to a focus PDC objective */
	int64_t budget;              /* cents, its items with an amount */
	int64_t budget_traced;       /* ... of those tracing to a focus PDC objective */
	int64_t *rows;               /* ART_ROWS(naxes): its budget partitioned by the focus axes */
	int64_t *rows_bp;            /* the shares of its budget, adding up to 10000 */
};

struct art_result {
	struct art_objective *objectives;
	size_t nobjectives;
	struct art_axis *axes;
	size_t naxes;
	int *unaligned;              /* topmost unaligned elements of the focus government's plans */
	size_t nunaligned;
	int64_t *inside;             /* per element: elements in its subtree, itself included */
	bool *traces;                /* per element: traces to some focus PDC objective */
	int *untraced_items;         /* items tracing to no focus PDC objective */
	size_t nuntraced;
	bool have_budget;            /* some item carries an amount */
	int64_t budget_total, budget_untraced;
	int64_t budget_no_axis;      /* the partition's row of objectives under no axis */
	int64_t share_no_axis_bp, share_untraced_bp;
	int64_t projects;            /* the focus government's project items */
	int64_t projects_untraced;   /* ... tracing to no focus PDC objective */
	struct art_inner *inner;     /* per input inner government */
	size_t ninner;
	int64_t *matrix;             /* nobjectives x ninner: inner objectives tracing to each */
	int64_t *matrix_projects;    /* nobjectives x ninner: inner project items tracing to each */
	int64_t *matrix_budget;      /* nobjectives x ninner: their amounts (counted in every objective) */
};

/* Shares of total in hundredths of a percent for n rows that add up to total,
 * by largest remainder (ties to the earlier row): they add up to exactly 10000,
 * or are all 0 when total is 0. */
void articulation_shares_bp(const int64_t *rows, size_t n, int64_t total, int64_t *bp);

/* Fills out (release with articulation_release). Sets each plan's group and
 * expects. Returns 0 (the input is trusted to be well formed: indices in range). */
int articulation_compute(struct art_input *in, struct art_result *out);
void articulation_release(struct art_result *r);

#endif
