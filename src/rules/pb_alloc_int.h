/* pb_alloc_int.h — helpers shared by the allocation rules (not a public API). */
#ifndef MINKA_PB_ALLOC_INT_H
#define MINKA_PB_ALLOC_INT_H

#include "rules/pb_alloc.h"

/* < 0 when project a comes before b under the tie-break. */
int pb_tie_cmp(const struct pb_instance *in, enum pb_tiebreak t, uint32_t a, uint32_t b);
/* Sizes the outcome for the instance and clears it. */
void pb_outcome_reset(struct pb_outcome *o, const struct pb_instance *in);
/* Appends p to the funded projects with reason r (adds its cost). */
void pb_outcome_push(struct pb_outcome *o, const struct pb_instance *in, uint32_t p, enum pb_reason r);
/* True if the project carries Pabulib's withdrawn marker cost. */
bool pb_is_withdrawn(const struct pb_instance *in, uint32_t p);
/* Continues a selection greedily: the projects not yet funded, in the order of
 * `opts`, each added if it fits (reason PB_WHY_COMPLETION). */
int pb_greedy_complete(const struct pb_instance *in, const struct pb_greedy_opts *opts, struct pb_outcome *out,
		       struct err *e);
/* True when no unfunded project among those with a supporter fits in what is left. */
bool pb_outcome_exhaustive(const struct pb_instance *in, const struct pb_outcome *o);

#endif
