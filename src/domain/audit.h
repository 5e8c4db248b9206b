/* audit.h — the tamper-evident audit log. Every state change in minka writes one
 * entry in the same transaction as the change: sequence, time, who, action,
 * entity and id, the record before and after (JSON), and a BLAKE2b hash over all
 * of it and the previous entry's hash. audit_verify() walks the chain and names
 * the first entry that was altered, removed or inserted. Owns table audit_log. */
#ifndef MINKA_AUDIT_H
#define MINKA_AUDIT_H

#include "core/compat.h"
#include "core/err.h"
#include "store/db.h"

#include <jansson.h>

/* Who did something: a signed-in account, or the system (CLI, import). */
struct actor {
	int64_t account_id;   /* 0 = none */
	char name[160];       /* e-mail of the account, or "cli", "system" */
	char address[64];     /* client address, when known */
};

#define AUDIT_HASH_HEX 65

/* Appends one entry. Must be called inside the caller's write transaction
 * (ERR_INTERNAL otherwise). before/after may be NULL; they are serialized
 * compactly with sorted keys. `now` is epoch seconds. */
int audit_record(struct db_conn *c, const struct actor *who, int64_t now, const char *action,
		 const char *entity, const char *entity_id, const json_t *before, const json_t *after,
		 struct err *e);

struct audit_report {
	int64_t entries;          /* entries checked */
	int64_t bad_seq;          /* first bad entry (0 = chain intact) */
	char problem[200];        /* what is wrong with it */
	char head[AUDIT_HASH_HEX]; /* hash of the last entry */
};

/* Walks the whole chain. Returns 0 when it could be read (inspect report->bad_seq). */
int audit_verify(struct db_conn *c, struct audit_report *report, struct err *e);

/* Entries for one record, newest first, as a JSON array of objects
 * {seq, at, actor, action, before, after}. */
int audit_history(struct db_conn *c, const char *entity, const char *entity_id, int64_t limit, json_t **out,
		  struct err *e);
/* A page of the whole log (newest first), optionally one entity kind. */
int audit_list(struct db_conn *c, const char *entity, int64_t limit, int64_t offset, json_t **items,
	       int64_t *total, struct err *e);

/* An actor for command-line work: "cli:<user>" from $USER. */
void actor_cli(struct actor *a);

#endif
