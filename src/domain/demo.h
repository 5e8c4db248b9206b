/* demo.h — the demo municipality that `minka init --demo` and `make run` seed:
 * the Municipalidad Provincial de Chachapoyas (Amazonas), on the real territory.
 * Each domain area adds its part of the demo here, written from the seeds. */
#ifndef MINKA_DEMO_H
#define MINKA_DEMO_H

#include "core/err.h"
#include "store/db.h"

#define DEMO_GOVERNMENT "0101"

/* Seeds the demo (idempotent: re-running changes nothing). The territory must be
 * imported first. One transaction. */
int demo_seed(struct db_conn *c, struct err *e);

#endif
