/* test_permission.c — the role × action × territory rules. */
#include "core/compat.h"
#include "test.h"
#include "rules/permission.h"

static struct grant g(enum role r, const char *t)
{
	struct grant x = { .role = r };
	snprintf(x.territory, sizeof x.territory, "%s", t);
	return x;
}

TEST(table_is_sorted_and_complete)
{
	size_t n;
	const struct perm_action *t = perm_table(&n);
	for (size_t i = 1; i < n; i++)
		CHECK(strcmp(t[i - 1].name, t[i].name) < 0);
	for (size_t i = 0; i < n; i++) {
		CHECK(perm_find(t[i].name) == &t[i]);
		CHECK((t[i].descend & ~t[i].roles) == 0); /* only roles that may act can descend */
	}
	CHECK(perm_find("no.such") == NULL);
}

TEST(anonymous_and_signed_in)
{
	CHECK(perm_allows(false, NULL, 0, "public.read", NULL));
	CHECK(perm_allows(false, NULL, 0, "public.read", "010101"));
	CHECK(!perm_allows(false, NULL, 0, "account.self", NULL));
	CHECK(perm_allows(true, NULL, 0, "account.self", NULL));
	CHECK(!perm_allows(true, NULL, 0, "plan.write", NULL));
	CHECK(!perm_allows(true, NULL, 0, "no.such.action", NULL));
	CHECK(!perm_allows(false, NULL, 0, "no.such.action", NULL));
}

TEST(province_planner_reads_down_writes_only_its_own)
{
	struct grant gs[] = { g(ROLE_PLANNER, "0101") };
	CHECK(perm_allows(true, gs, 1, "plan.write", NULL));
	CHECK(perm_allows(true, gs, 1, "plan.write", "0101"));
	CHECK(!perm_allows(true, gs, 1, "plan.write", "010102"));  /* a district's own plan */
	CHECK(!perm_allows(true, gs, 1, "plan.write", "01"));      /* the region's */
	CHECK(!perm_allows(true, gs, 1, "plan.write", "0102"));    /* another province */
	CHECK(!perm_allows(true, gs, 1, "admin.users", NULL));
}

TEST(admin_grants_descend)
{
	struct grant region_admin[] = { g(ROLE_ADMIN, "01") };
	CHECK(perm_allows(true, region_admin, 1, "plan.write", "010102"));
	CHECK(perm_allows(true, region_admin, 1, "admin.users", "0101"));
	CHECK(!perm_allows(true, region_admin, 1, "plan.write", "02"));
	struct grant national[] = { g(ROLE_ADMIN, "") };
	CHECK(perm_allows(true, national, 1, "plan.write", "150101"));
	CHECK(perm_allows(true, national, 1, "admin.users", ""));
}

TEST(citizens_and_agents)
{
	struct grant citizen[] = { g(ROLE_CITIZEN, "0101") };
	CHECK(perm_allows(true, citizen, 1, "pb.vote", "010102"));  /* voting descends */
	CHECK(perm_allows(true, citizen, 1, "project.submit", "0101"));
	CHECK(!perm_allows(true, citizen, 1, "pb.vote", "0102"));
	CHECK(!perm_allows(true, citizen, 1, "pb.propose", "0101"));
	CHECK(!perm_allows(true, citizen, 1, "project.manage", "0101"));
	struct grant several[] = { g(ROLE_CITIZEN, "0102"), g(ROLE_AGENT, "0101") };
	CHECK(perm_allows(true, several, 2, "pb.propose", "010105"));
	CHECK(!perm_allows(true, several, 2, "pb.propose", "0102"));
	CHECK(perm_allows(true, several, 2, "pb.vote", "0102"));
}

TEST(roles_by_name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		CHECK_INT(role_parse(role_name((enum role)r)), r);
	CHECK_INT(role_parse("mayor"), -1);
	CHECK_INT(role_parse(NULL), -1);
	CHECK_STR(role_name(ROLE_COUNT), "?");
}
