/* permission.c — the role × action table and the decision. */
#include "core/compat.h"
#include "rules/permission.h"

static const char *const role_names[ROLE_COUNT] = { "admin", "planner", "council", "agent", "vigilance", "citizen" };

#define A ROLE_BIT(ROLE_ADMIN)
#define P ROLE_BIT(ROLE_PLANNER)
#define C ROLE_BIT(ROLE_COUNCIL)
#define G ROLE_BIT(ROLE_AGENT)
#define V ROLE_BIT(ROLE_VIGILANCE)
#define Z ROLE_BIT(ROLE_CITIZEN)

/* Sorted by name (binary search). Each area of minka adds its actions here. */
static const struct perm_action actions[] = {
	{ "account.self", PERM_SIGNED_IN, 0, 0, "manage one's own account, password, sessions and API tokens" },
	{ "admin.users", PERM_ROLES, A, A, "create accounts, grant roles, issue password-reset links" },
	{ "audit.read", PERM_ROLES, A | C | V, A | C | V, "read the whole audit log and verify it" },
	{ "council.manage", PERM_ROLES, A | P, A, "run coordination councils: sessions, attendance, agreements" },
	{ "council.member", PERM_ROLES, A | C, A, "take part in a council: follow agreements" },
	{ "finance.write", PERM_ROLES, A | P, A, "record financial entries (approved, transferred, committed, disbursed)" },
	{ "indicator.approve", PERM_ROLES, A | P, A, "approve or return submitted measurements" },
	{ "indicator.write", PERM_ROLES, A | P, A, "define indicators and enter measurements" },
	{ "invest.manage", PERM_ROLES, A | P, A, "edit and approve the annual investment plan" },
	{ "kb.write", PERM_ROLES, A | P | C | G | V | Z, A | P | C | G | V | Z, "write experiences and take part in debates" },
	{ "pb.manage", PERM_ROLES, A | P, A, "run a participatory-budget process: phases, reviews, results, acta" },
	{ "pb.officer", PERM_ROLES, A | P, A, "enter paper ballots (double entry)" },
	{ "pb.propose", PERM_ROLES, A | P | G, A | G, "file proposals as an accredited agent (the technical team: on an agent's behalf, brought on paper to a workshop)" },
	{ "pb.register", PERM_ROLES, A | P | G | Z, A | P | G | Z, "register an organization as participating agent" },
	{ "pb.score", PERM_ROLES, A | P | C, A, "score proposals on the criteria matrix (committee)" },
	{ "pb.vote", PERM_ROLES, A | G | Z, A | G | Z, "vote in a participatory budget" },
	{ "plan.approve", PERM_ROLES, A | P, A, "record a plan's approval (ordinance or council agreement)" },
	{ "plan.write", PERM_ROLES, A | P, A, "create and edit plans, elements and alignments" },
	{ "project.manage", PERM_ROLES, A | P, A, "evaluate projects and move them through their lifecycle" },
	{ "project.submit", PERM_ROLES, A | P | C | G | V | Z, A | P | C | G | V | Z, "submit an initiative to the open portfolio" },
	{ "public.read", PERM_PUBLIC, 0, 0, "read public pages and open data" },
	{ "vigilance.answer", PERM_ROLES, A | P, A, "answer the vigilance committee's observations" },
	{ "vigilance.write", PERM_ROLES, A | V, A, "record vigilance observations with evidence" },
};

#undef A
#undef P
#undef C
#undef G
#undef V
#undef Z

const char *role_name(enum role r) { return (unsigned)r < ROLE_COUNT ? role_names[r] : "?"; }

int role_parse(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (name && strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

const struct perm_action *perm_table(size_t *n)
{
	*n = ARRAY_LEN(actions);
	return actions;
}

const struct perm_action *perm_find(const char *action)
{
	if (!action)
		return NULL;
	size_t lo = 0, hi = ARRAY_LEN(actions);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(action, actions[mid].name);
		if (c == 0)
			return &actions[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Is `inner` the territory `outer` or inside it (code prefix)? */
static bool within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);
	return strncmp(inner, outer, n) == 0;
}

bool perm_allows(bool signed_in, const struct grant *grants, size_t n, const char *action, const char *territory)
{
	const struct perm_action *a = perm_find(action);
	if (!a)
		return false;
	if (a->kind == PERM_PUBLIC)
		return true;
	if (!signed_in)
		return false;
	if (a->kind == PERM_SIGNED_IN)
		return true;
	for (size_t i = 0; i < n; i++) {
		const struct grant *g = &grants[i];
		if ((unsigned)g->role >= ROLE_COUNT || !(a->roles & ROLE_BIT(g->role)))
			continue;
		if (!territory)
			return true;              /* coarse check: allowed somewhere */
		if (!g->territory[0])
			return true;              /* installation-wide grant */
		if (strcmp(g->territory, territory) == 0)
			return true;
		if ((a->descend & ROLE_BIT(g->role)) && within(territory, g->territory))
			return true;
	}
	return false;
}
