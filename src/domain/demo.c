/* demo.c — seeds the demo municipality. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/setting.h"
#include "domain/territory.h"

static int seed(struct db_conn *c, void *arg, struct err *e)
{
	(void)arg;
	struct government g;
	int rc = government_get(c, DEMO_GOVERNMENT, &g, e);
	if (rc)
		return err_set(e, rc, "The territory must be imported before the demo (no government %s)", DEMO_GOVERNMENT);
	rc = setting_set(c, "home_government", DEMO_GOVERNMENT, e);
	if (!rc)
		rc = setting_set(c, "installation_name", g.name, e);
	return rc;
}

int demo_seed(struct db_conn *c, struct err *e)
{
	return db_transact(c, seed, NULL, e);
}
