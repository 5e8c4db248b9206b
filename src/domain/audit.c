/* audit.c — the hash-chained audit log.
 * hash(n) = BLAKE2b-256(prev_hash(n) || 0x1f-separated fields of entry n), hex.
 * The first entry's prev_hash is 64 zeros. Sequences are contiguous from 1, so a
 * removed or inserted entry breaks either the numbering or the chain. */
#include "core/compat.h"
#include "domain/audit.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/xalloc.h"

#include <sodium.h>

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

static int field(struct buf *b, const char *s)
{
	int rc = buf_appends(b, s ? s : "");
	return rc ? rc : buf_appendc(b, '\x1f');
}

static void entry_hash(const char *prev, int64_t seq, const char *at, int64_t account_id, const char *actor,
		       const char *action, const char *entity, const char *entity_id, const char *before,
		       const char *after, char out[AUDIT_HASH_HEX])
{
	struct buf b;
	buf_init(&b, 0);
	buf_appendf(&b, "minka-audit-v1\x1f%s\x1f%" PRId64 "\x1f", prev, seq);
	field(&b, at);
	buf_appendf(&b, "%" PRId64 "\x1f", account_id);
	field(&b, actor);
	field(&b, action);
	field(&b, entity);
	field(&b, entity_id);
	field(&b, before);
	field(&b, after);
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)buf_cstr(&b), b.len, NULL, 0);
	sodium_bin2hex(out, AUDIT_HASH_HEX, h, sizeof h);
	buf_release(&b);
}

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
}

int audit_record(struct db_conn *c, const struct actor *who, int64_t now, const char *action,
		 const char *entity, const char *entity_id, const json_t *before, const json_t *after,
		 struct err *e)
{
	if (!db_in_transaction(c))
		return err_set(e, ERR_INTERNAL, "audit entry outside a transaction");
	struct db_stmt *st = db_prepare(c, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", e);
	if (!st)
		return e->code;
	int64_t seq = 1;
	char prev[AUDIT_HASH_HEX];
	snprintf(prev, sizeof prev, "%s", genesis);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		seq = db_col_int64(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	char at[DATETIME_FMT_MAX];
	datetime_format(now, at);
	char *b = dump(before), *a = dump(after);
	const char *actor = who && who->name[0] ? who->name : "system";
	int64_t account = who ? who->account_id : 0;
	char hash[AUDIT_HASH_HEX];
	entry_hash(prev, seq, at, account, actor, action, entity, entity_id, b, a, hash);
	st = db_prepare(c,
		"INSERT INTO audit_log (seq, at, account_id, actor, action, entity, entity_id, before_json,"
		" after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (!st) {
		free(b);
		free(a);
		return e->code;
	}
	db_bind_int64(st, 1, seq);
	db_bind_text(st, 2, at);
	if (account)
		db_bind_int64(st, 3, account);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, actor);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, entity);
	db_bind_text(st, 7, entity_id);
	db_bind_text(st, 8, b);
	db_bind_text(st, 9, a);
	db_bind_text(st, 10, prev);
	db_bind_text(st, 11, hash);
	rc = db_step_done(st, e);
	free(b);
	free(a);
	return rc;
}

int audit_verify(struct db_conn *c, struct audit_report *rep, struct err *e)
{
	memset(rep, 0, sizeof *rep);
	snprintf(rep->head, sizeof rep->head, "%s", genesis);
	struct db_stmt *st = db_prepare(c,
		"SELECT seq, at, account_id, actor, action, entity, entity_id, before_json, after_json,"
		" prev_hash, hash FROM audit_log ORDER BY seq", e);
	if (!st)
		return e->code;
	int64_t expect = 1;
	char prev[AUDIT_HASH_HEX];
	snprintf(prev, sizeof prev, "%s", genesis);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t seq = db_col_int64(st, 0);
		const char *stored_prev = db_col_text(st, 9), *stored = db_col_text(st, 10);
		rep->entries++;
		if (seq != expect) {
			rep->bad_seq = seq > expect ? expect : seq;
			if (seq > expect)
				trf(e->lang, rep->problem, sizeof rep->problem,
				    "entry %lld is missing (removed): the log jumps from %lld to %lld", (long long)expect,
				    (long long)(expect - 1), (long long)seq);
			else
				trf(e->lang, rep->problem, sizeof rep->problem, "entry %lld appears twice or out of order",
				    (long long)seq);
			break;
		}
		char h[AUDIT_HASH_HEX];
		entry_hash(prev, seq, db_col_text(st, 1), db_col_null(st, 2) ? 0 : db_col_int64(st, 2),
			   db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5), db_col_text(st, 6),
			   db_col_text(st, 7), db_col_text(st, 8), h);
		if (!stored_prev || strcmp(stored_prev, prev) != 0) {
			rep->bad_seq = seq;
			trf(e->lang, rep->problem, sizeof rep->problem,
			    "entry %lld does not follow entry %lld (inserted, or the chain was rewritten)", (long long)seq,
			    (long long)(seq - 1));
			break;
		}
		if (!stored || strcmp(stored, h) != 0) {
			rep->bad_seq = seq;
			trf(e->lang, rep->problem, sizeof rep->problem, "entry %lld was altered (its hash does not match)",
			    (long long)seq);
			break;
		}
		snprintf(prev, sizeof prev, "%s", stored);
		expect++;
	}
	db_finish(st);
	snprintf(rep->head, sizeof rep->head, "%s", prev);
	return rc < 0 ? rc : 0;
}

static json_t *parse_or_null(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_loads(s, JSON_DECODE_ANY, NULL);
	return j ? j : json_string(s);
}

static json_t *row_json(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_int(o, "seq", db_col_int64(st, 0));
	json_set_str(o, "at", db_col_text(st, 1));
	json_set_str(o, "actor", db_col_text(st, 2));
	json_set_str(o, "action", db_col_text(st, 3));
	json_set_str(o, "entity", db_col_text(st, 4));
	json_set_str(o, "entity_id", db_col_text(st, 5));
	json_object_set_new(o, "before", parse_or_null(db_col_text(st, 6)));
	json_object_set_new(o, "after", parse_or_null(db_col_text(st, 7)));
	return o;
}

int audit_history(struct db_conn *c, const char *entity, const char *entity_id, int64_t limit, json_t **out,
		  struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT seq, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log"
		" WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, entity);
	db_bind_text(st, 2, entity_id);
	db_bind_int64(st, 3, limit);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, row_json(st));
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int audit_list(struct db_conn *c, const char *entity, int64_t limit, int64_t offset, json_t **items,
	       int64_t *total, struct err *e)
{
	*items = NULL;
	const char *count_sql = entity ? "SELECT COUNT(*) FROM audit_log WHERE entity = ?" : "SELECT COUNT(*) FROM audit_log";
	struct db_stmt *st = db_prepare(c, count_sql, e);
	if (!st)
		return e->code;
	if (entity)
		db_bind_text(st, 1, entity);
	int rc = db_step(st, e);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc < 0)
		return rc;
	st = db_prepare(c, entity ?
		"SELECT seq, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log"
		" WHERE entity = ? ORDER BY seq DESC LIMIT ? OFFSET ?" :
		"SELECT seq, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log"
		" ORDER BY seq DESC LIMIT ? OFFSET ?", e);
	if (!st)
		return e->code;
	int i = 1;
	if (entity)
		db_bind_text(st, i++, entity);
	db_bind_int64(st, i++, limit);
	db_bind_int64(st, i++, offset);
	json_t *arr = json_array();
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, row_json(st));
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	return 0;
}

void actor_cli(struct actor *a)
{
	memset(a, 0, sizeof *a);
	const char *u = getenv("USER");
	snprintf(a->name, sizeof a->name, "cli:%s", u && *u ? u : "unknown");
}
