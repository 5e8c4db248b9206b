/* permission.h — who may do what, where. Permissions are data: a table of
 * actions, each listing the roles that may perform it and, per role, whether a
 * grant on a territory also covers the territories inside it. perm_allows() is
 * the one function that decides; it is pure (no I/O) and unit tested.
 *
 * A grant is (role, territory): territory "" means the whole installation. For
 * reading, a grant on a province covers its districts (code prefix). For
 * writing, a grant covers its own territory, and the territories inside it only
 * for roles the action marks as descending (an administrator, not a planner: a
 * provincial planner does not edit a district's plan). */
#ifndef MINKA_PERMISSION_H
#define MINKA_PERMISSION_H

#include "core/compat.h"

enum role {
	ROLE_ADMIN,
	ROLE_PLANNER,    /* municipal technical team */
	ROLE_COUNCIL,    /* coordination-council member */
	ROLE_AGENT,      /* accredited participating agent */
	ROLE_VIGILANCE,  /* vigilance committee */
	ROLE_CITIZEN,
	ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL (ROLE_BIT(ROLE_COUNT) - 1)

struct grant {
	enum role role;
	char territory[7];   /* "" = everywhere */
};

enum perm_kind {
	PERM_PUBLIC,     /* everyone, signed in or not */
	PERM_SIGNED_IN,  /* any signed-in account, no territory */
	PERM_ROLES,      /* the listed roles, on a territory */
};

struct perm_action {
	const char *name;        /* "plan.write" */
	enum perm_kind kind;
	unsigned roles;          /* PERM_ROLES: ROLE_BIT mask */
	unsigned descend;        /* roles whose grant covers inner territories too */
	const char *summary;     /* English, for the documentation page */
};

const char *role_name(enum role r);
/* -1 if unknown. */
int role_parse(const char *name);

/* The action table. NULL if unknown. */
const struct perm_action *perm_find(const char *action);
const struct perm_action *perm_table(size_t *n);

/* Does an account with these grants (signed_in false and n == 0 for anonymous)
 * may perform action on territory? territory NULL asks "anywhere at all" (the
 * coarse check made before a handler runs); "" means installation-wide. An
 * unknown action is always refused. */
bool perm_allows(bool signed_in, const struct grant *grants, size_t n, const char *action, const char *territory);

#endif
