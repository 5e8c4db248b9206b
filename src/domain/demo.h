/* demo.h — the demo municipality that `minka init --demo` and `make run` seed:
 * the Municipalidad Provincial de Chachapoyas (Amazonas), on the real territory,
 * with one account per role so that every screen can be tried. Each domain area
 * adds its part of the demo here, written from the seeds. */
#ifndef MINKA_DEMO_H
#define MINKA_DEMO_H

#include "core/err.h"
#include "domain/audit.h"
#include "store/db.h"

#define DEMO_GOVERNMENT "0101"
#define DEMO_PASSWORD "minka-demo-2026"
#define DEMO_PROJECTS_CSV "peru-inversion-publica/invierte_pe_chachapoyas.csv"
#define DEMO_MEASUREMENTS_DIR "municipal-indicators/peru-minam-residuos-poblacion"

struct demo_account {
	const char *email;
	const char *name;
	const char *role;
	const char *territory;   /* NULL = whole installation */
	const char *residence;
};

extern const struct demo_account demo_accounts[];
extern const size_t demo_accounts_count;

/* Seeds the demo (idempotent: re-running changes nothing). The territory must be
 * imported first. One transaction. The project bank's part: funding sources
 * with this year's ceilings, six initiatives in different states of their
 * lifecycle, this year's draft investment plan, financial entries, committees.
 * The real Invierte.pe projects of the province are imported by `minka init
 * --demo` from data/peru-inversion-publica (DEMO_PROJECTS_CSV) after this. */
int demo_seed(struct db_conn *c, const struct actor *who, int64_t now, struct err *e);

/* The demo's plans (demo_plans.c): the PDC of the province aligned to the
 * regional PDRC, Huancas' district PDC aligned to the province's, the
 * provincial PDI and POI down the thread, Leimebamba's PDC in preparation.
 * Runs inside demo_seed's transaction; does nothing if the province has plans. */
int demo_seed_plans(struct db_conn *c, const struct actor *who, int64_t now, struct err *e);

/* Links the projects of the demo province's banks (the provincial and district
 * municipalities') that serve no plan element yet to the demo plans' elements
 * their titles name (demo_align.c: themes of phrases and the elements they lead
 * to, the first one project_serve allows); the rest stay untraced. Runs at the
 * end of demo_seed (the demo's initiatives) and after `minka init --demo`
 * imports the Invierte.pe projects. *linked (may be NULL): links made. */
int demo_align_projects(struct db_conn *c, const struct actor *who, int64_t now, int64_t *linked, struct err *e);

/* The demo's participatory budget (demo_pb.c): next year's process of the
 * province, its vote open (the calendar is laid out around `now`), with agents,
 * proposals from the bank's real projects when imported (else the demo's own),
 * reviews, the committee's scores and paper ballots; then this year's process,
 * completed (its calendar entirely in the past): results published, the acta
 * signed, the vigilance committee's observations and answers. Run after the
 * projects are imported; seeds each process only if the province does not have
 * that year's yet. */
int demo_seed_pb(struct db_conn *c, const struct actor *who, int64_t now, struct err *e);

/* The demo's monitoring (demo_indicators.c): indicators on the province's PDC
 * and PDI, on Huancas' PDC, on two projects and on the solid-waste programme,
 * with baselines, targets, measurements (some disaggregated, some waiting for
 * review) and the feedback decisions taken where they are off track. Runs
 * inside demo_seed's transaction after the projects; does nothing twice. */
int demo_seed_indicators(struct db_conn *c, const struct actor *who, int64_t now, struct err *e);

#endif
