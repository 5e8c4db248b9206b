/* pb_model.h — a participatory-budgeting instance: the projects with their exact
 * costs, the budget, and the ballots as a deduplicated multiprofile (each distinct
 * ballot once, with the number of voters who cast it).
 *
 * Amounts are exact: a cost or budget is an integer (GMP mpz) counted in units of
 * 10^-scale of the currency, where scale is the largest number of decimals any
 * amount of the instance needs ("4000.0" needs none, "1331751.11" needs two).
 * Nothing here reads files: the Pabulib reader (pabulib.h) and the
 * participatory-budgeting process both build instances through this API:
 *
 *	struct pb_instance *in = pb_instance_new(PB_VOTE_APPROVAL);
 *	pb_instance_set_budget(in, budget, 0);
 *	pb_instance_add_project(in, "P1", 2, cost, 0, &e);   (0 or ERR_CONFLICT)
 *	pb_instance_add_ballot(in, items, NULL, n, 1, &e);
 *	pb_instance_finish(in, &e);                          (then read-only)
 *
 * After finish() the instance is immutable and may be shared by threads. */
#ifndef MINKA_PB_MODEL_H
#define MINKA_PB_MODEL_H

#include "core/compat.h"
#include "core/err.h"

#include <gmp.h>

enum pb_vote_type {
	PB_VOTE_APPROVAL,   /* a set of projects */
	PB_VOTE_CHOOSE1,    /* one project (an approval ballot of length <= 1) */
	PB_VOTE_ORDINAL,    /* projects in order of preference */
	PB_VOTE_CUMULATIVE, /* points distributed over projects */
	PB_VOTE_SCORING,    /* a score per project */
};

/* The Pabulib name of a vote type ("approval", "choose-1", ...). */
const char *pb_vote_type_name(enum pb_vote_type t);
/* Parses a Pabulib vote type name; 0 or ERR_INVALID. */
int pb_vote_type_parse(const char *s, enum pb_vote_type *out);
/* True for cumulative and scoring ballots (utilities are the points). */
bool pb_vote_type_cardinal(enum pb_vote_type t);

/* The artificial cost (in currency units) Pabulib gives a project withdrawn after
 * the vote; the official rules skip such projects. */
#define PB_WITHDRAWN_COST 999999999UL

struct pb_project {
	const char *id;          /* unique, owned by the instance */
	mpz_t cost;              /* >= 0, in 10^-scale units */
	const char *name;        /* NULL when unknown; owned by the instance */
	const char **categories; /* ncategories names, owned by the instance */
	uint32_t ncategories;
	int selected;            /* the file's `selected` value, -1 when absent */
	/* Computed by pb_instance_finish(): */
	int64_t support;         /* approvals, points, or Pabulib ordinal score (k..1) */
	uint64_t supporters;     /* voters whose ballot names the project (points > 0) */
};

struct pb_ballot {
	uint32_t off;    /* first item in pb_instance.items (and .points) */
	uint32_t len;    /* number of distinct projects named */
	uint64_t weight; /* number of voters who cast exactly this ballot (>= 1) */
};

struct pb_instance {
	enum pb_vote_type vote_type;
	mpz_t budget;            /* in 10^-scale units */
	unsigned scale;          /* decimals of the currency kept in amounts */
	struct pb_project *projects;
	uint32_t nprojects;
	struct pb_ballot *ballots; /* distinct ballots */
	uint32_t nballots;
	uint32_t *items;         /* project indices; ordinal ballots keep their order, others are sorted */
	int64_t *points;         /* parallel to items for cardinal ballots, else NULL */
	size_t nitems;
	uint64_t nvoters;        /* sum of weights, empty ballots included */
	uint64_t nduplicates;    /* ballots that named a project twice (merged, see below) */
	/* Rule parameters, usually from the Pabulib META (see pabulib.h). */
	char *rule;              /* META `rule` ("greedy", "equalshares/add1", ...) or NULL */
	bool has_threshold;
	int64_t threshold;       /* min_project_score_threshold: support needed to be eligible */
	uint32_t ngroups;        /* mutually exclusive project groups (greedy-exclusive) */
	uint32_t *group_off;     /* group g = group_items[group_off[g] .. group_off[g+1]) */
	uint32_t *group_items;
	struct pb_model_int *priv; /* builder state */
	bool finished;
};

/* A new empty instance. Caller frees with pb_instance_free(). */
struct pb_instance *pb_instance_new(enum pb_vote_type type);
void pb_instance_free(struct pb_instance *in);

/* Sets the budget: value × 10^-scale of the currency. */
void pb_instance_set_budget(struct pb_instance *in, const mpz_t value, unsigned scale);
/* Adds a project (id copied; cost = value × 10^-scale). ERR_CONFLICT for a duplicate
 * id, ERR_INVALID for an empty id or a negative cost. Returns the index in *index. */
int pb_instance_add_project(struct pb_instance *in, const char *id, size_t idlen, const mpz_t cost,
			    unsigned scale, uint32_t *index, struct err *e);
/* Optional project details (strings copied). */
void pb_instance_set_name(struct pb_instance *in, uint32_t p, const char *name, size_t len);
void pb_instance_add_category(struct pb_instance *in, uint32_t p, const char *cat, size_t len);
/* The index of a project by id, or -1. */
int64_t pb_instance_find(const struct pb_instance *in, const char *id, size_t idlen);

/* Adds `weight` voters who cast the ballot items[0..n) (project indices; points
 * parallel for cardinal types, NULL otherwise). The same project twice in one ballot
 * is merged: counted once for approval and choose-1, at its first position for
 * ordinal ballots, with its points added for cumulative and scoring ballots;
 * nduplicates counts such ballots. An empty ballot is a voter who supports nothing.
 * ERR_INVALID for an unknown index or points on a non-cardinal ballot. */
int pb_instance_add_ballot(struct pb_instance *in, const uint32_t *items, const int64_t *points, uint32_t n,
			   uint64_t weight, struct err *e);
/* Sets the META rule parameters. */
void pb_instance_set_rule(struct pb_instance *in, const char *rule);
void pb_instance_set_threshold(struct pb_instance *in, int64_t threshold);
/* Adds a group of projects of which at most one may be funded (greedy-exclusive).
 * Allowed after pb_instance_finish(), before the rules run. */
void pb_instance_add_exclusive_group(struct pb_instance *in, const uint32_t *projects, uint32_t n);

/* Brings every amount to one scale, computes support and supporters, and freezes
 * the instance. 0 or ERR_INVALID/ERR_TOOBIG (too many decimals, counts overflow). */
int pb_instance_finish(struct pb_instance *in, struct err *e);

/* Amounts. Parses a non-negative decimal ("4000", "4000.0", "1331751.11") exactly:
 * value × 10^-scale. At most 18 decimals. 0 or ERR_INVALID. */
int pb_amount_parse(const char *s, size_t len, mpz_t value, unsigned *scale);
/* Appends the amount v × 10^-scale as a decimal string without trailing zeros
 * ("4000", "1331751.11"). Caller frees the returned string. */
char *pb_amount_format(const mpz_t v, unsigned scale);

/* Compares project ids as strings (byte order = code-point order for UTF-8). */
int pb_id_cmp(const struct pb_instance *in, uint32_t a, uint32_t b);

#endif
