/* setting.h — installation settings (key/value): the home government, whether
 * citizens may sign up, thresholds. Owns the table setting. */
#ifndef MINKA_SETTING_H
#define MINKA_SETTING_H

#include "core/compat.h"
#include "core/err.h"
#include "domain/audit.h"
#include "store/db.h"

/* Copies the value into out (size n); ERR_NOTFOUND if unset. */
int setting_get(struct db_conn *c, const char *key, char *out, size_t n, struct err *e);
/* Inserts or replaces, and audits the change (entity "setting"). */
int setting_set(struct db_conn *c, const struct actor *who, int64_t now, const char *key, const char *value,
		struct err *e);

#endif
