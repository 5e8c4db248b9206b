/* demo.c — seeds the demo municipality and its accounts. */
#include "core/compat.h"
#include "domain/demo.h"
#include "domain/account.h"
#include "domain/setting.h"
#include "domain/territory.h"

/* Names are invented; the roles are those of a provincial municipality's
 * participatory process (PRODES guide, seed 004). */
const struct demo_account demo_accounts[] = {
	{ "admin@demo.minka.pe", "Administración minka", "admin", NULL, NULL },
	{ "planificacion@demo.minka.pe", "Rosa Chávez (Oficina de Planeamiento)", "planner", "0101", "010101" },
	{ "consejo@demo.minka.pe", "Julio Mendoza (CCL provincial)", "council", "0101", "010101" },
	{ "agente@demo.minka.pe", "Asociación de Productores de Huancas", "agent", "0101", "010106" },
	{ "vigilancia@demo.minka.pe", "Marleny Zuta (Comité de Vigilancia)", "vigilance", "0101", "010101" },
	{ "vecina@demo.minka.pe", "Carmen Tafur", "citizen", "0101", "010101" },
};
const size_t demo_accounts_count = ARRAY_LEN(demo_accounts);

struct seed_arg {
	const struct actor *who;
	int64_t now;
};

static int seed(struct db_conn *c, void *arg, struct err *e)
{
	const struct seed_arg *a = arg;
	struct government g;
	int rc = government_get(c, DEMO_GOVERNMENT, &g, e);
	if (rc)
		return err_set(e, rc, "The territory must be imported before the demo (no government %s)", DEMO_GOVERNMENT);
	rc = setting_set(c, a->who, a->now, "home_government", DEMO_GOVERNMENT, e);
	if (!rc)
		rc = setting_set(c, a->who, a->now, "installation_name", g.name, e);
	if (!rc)
		rc = setting_set(c, a->who, a->now, "allow_signup", "1", e);
	for (size_t i = 0; i < demo_accounts_count && !rc; i++) {
		const struct demo_account *d = &demo_accounts[i];
		struct account existing;
		struct err ignore;
		err_init(&ignore, NULL);
		if (account_find_email(c, d->email, &existing, &ignore) == 0)
			continue;
		int64_t id;
		rc = account_create(c, a->who, a->now, d->email, d->name, DEMO_PASSWORD, d->residence, &id, e);
		if (!rc)
			rc = account_grant(c, a->who, a->now, id, (enum role)role_parse(d->role), d->territory, e);
	}
	return rc;
}

int demo_seed(struct db_conn *c, const struct actor *who, int64_t now, struct err *e)
{
	struct seed_arg a = { who, now };
	return db_transact(c, seed, &a, e);
}
