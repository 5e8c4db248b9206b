/* account.c — accounts, grants, sessions, API tokens and reset links. */
#include "core/compat.h"
#include "domain/account.h"
#include "core/date.h"
#include "core/json.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/territory.h"

#include <pthread.h>
#include <sodium.h>

static bool fast_hash;
/* At most two argon2id computations at once: each takes tens of MiB. */
static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;
static int hashing;

void account_set_hash_cost(bool fast) { fast_hash = fast; }

static unsigned long long ops_limit(void) { return fast_hash ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static size_t mem_limit(void) { return fast_hash ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE; }

static void hash_slot_take(void)
{
	pthread_mutex_lock(&hash_mu);
	while (hashing >= 2)
		pthread_cond_wait(&hash_cv, &hash_mu);
	hashing++;
	pthread_mutex_unlock(&hash_mu);
}

static void hash_slot_give(void)
{
	pthread_mutex_lock(&hash_mu);
	hashing--;
	pthread_cond_signal(&hash_cv);
	pthread_mutex_unlock(&hash_mu);
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], struct err *e)
{
	hash_slot_take();
	int rc = crypto_pwhash_str(out, password, strlen(password), ops_limit(), mem_limit());
	hash_slot_give();
	return rc == 0 ? 0 : err_set(e, ERR_NOMEM, "out of memory");
}

static bool verify_password(const char *hash, const char *password)
{
	hash_slot_take();
	bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	hash_slot_give();
	return ok;
}

void token_new(const char *prefix, char token[TOKEN_TEXT_MAX])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(token, TOKEN_TEXT_MAX, "%s%s", prefix, b64);
	sodium_memzero(raw, sizeof raw);
}

void token_hash(const char *token, char hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

static void now_text(int64_t now, char out[DATETIME_FMT_MAX]) { datetime_format(now, out); }

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

int account_password_ok(const char *email, const char *password, struct err *e)
{
	size_t n = password ? strlen(password) : 0;
	if (!password || utf8_len(password) < PASSWORD_MIN)
		return err_set(e, ERR_INVALID, "The password must have at least %d characters", PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return err_set(e, ERR_INVALID, "The password must have at most %d characters", PASSWORD_MAX);
	if (!utf8_valid(password, n))
		return err_set(e, ERR_INVALID, "The password is not valid UTF-8 text");
	if (email && strcasecmp(email, password) == 0)
		return err_set(e, ERR_INVALID, "The password must not be the e-mail address");
	return 0;
}

static int check_email(const char *email, char out[ACCOUNT_EMAIL_MAX + 1], struct err *e)
{
	size_t n = email ? strlen(email) : 0;
	const char *at = email ? strchr(email, '@') : NULL;
	if (!n || n > ACCOUNT_EMAIL_MAX || !at || at == email || !strchr(at, '.') || strchr(at + 1, '@') ||
	    strpbrk(email, " \t\r\n<>\"'") || !utf8_valid(email, n))
		return err_set(e, ERR_INVALID, "\"%.60s\" is not a valid e-mail address", email ? email : "");
	snprintf(out, ACCOUNT_EMAIL_MAX + 1, "%s", email);
	lower_ascii(out);
	return 0;
}

static json_t *account_public(const char *email, const char *name)
{
	json_t *o = json_object();
	json_set_str(o, "email", email);
	json_set_str(o, "name", name);
	return o;
}

int account_create(struct db_conn *c, const struct actor *who, int64_t now, const char *email, const char *name,
		   const char *password, const char *residence, int64_t *id, struct err *e)
{
	char em[ACCOUNT_EMAIL_MAX + 1];
	int rc = check_email(email, em, e);
	if (rc)
		return rc;
	if (!name || !*name || strlen(name) > ACCOUNT_NAME_MAX || !utf8_valid(name, strlen(name)))
		return err_set(e, ERR_INVALID, "The name is required (%d characters at most)", ACCOUNT_NAME_MAX);
	if ((rc = account_password_ok(em, password, e)))
		return rc;
	if (residence && *residence && territory_level_of(residence) == 0)
		return err_set(e, ERR_INVALID, "No territory with code %.12s", residence);
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(password, hash, e)))
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct db_stmt *st = db_prepare(c, "SELECT 1 FROM account WHERE email = ?", e);
	if (!st)
		return db_tx_leave(c, own, e->code, e);
	db_bind_text(st, 1, em);
	rc = db_step(st, e);
	db_finish(st);
	if (rc == DB_ROW)
		return db_tx_leave(c, own, err_set(e, ERR_CONFLICT, "There is already an account for %s", em), e);
	if (rc < 0)
		return db_tx_leave(c, own, rc, e);
	char ts[DATETIME_FMT_MAX];
	now_text(now, ts);
	st = db_prepare(c, "INSERT INTO account (email, name, password_hash, residence_code, active, created_at,"
			   " password_changed_at) VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id", e);
	if (!st)
		return db_tx_leave(c, own, e->code, e);
	db_bind_text(st, 1, em);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, hash);
	db_bind_text(st, 4, residence && *residence ? residence : NULL);
	db_bind_text(st, 5, ts);
	db_bind_text(st, 6, ts);
	rc = db_step(st, e);
	int64_t new_id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	sodium_memzero(hash, sizeof hash);
	if (rc == ERR_CONFLICT && residence)
		rc = err_set(e, ERR_INVALID, "No territory with code %.12s", residence);
	if (rc < 0)
		return db_tx_leave(c, own, rc, e);
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, new_id);
	json_t *after = account_public(em, name);
	if (residence && *residence)
		json_set_str(after, "residence", residence);
	rc = audit_record(c, who, now, "account.create", "account", sid, NULL, after, e);
	json_decref(after);
	if (!rc && id)
		*id = new_id;
	return db_tx_leave(c, own, rc, e);
}

static int load_grants(struct db_conn *c, struct account *a, struct err *e)
{
	a->ngrants = 0;
	struct db_stmt *st = db_prepare(c, "SELECT id, role, territory_code FROM role_grant WHERE account_id = ? ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, a->id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int role = role_parse(db_col_text(st, 1));
		if (role < 0 || a->ngrants == ACCOUNT_MAX_GRANTS)
			continue;
		struct grant *g = &a->grants[a->ngrants];
		g->role = (enum role)role;
		const char *t = db_col_text(st, 2);
		snprintf(g->territory, sizeof g->territory, "%s", t ? t : "");
		a->grant_ids[a->ngrants] = db_col_int64(st, 0);
		a->ngrants++;
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int load_account(struct db_conn *c, struct db_stmt *st, struct account *out, char *hash, size_t hlen,
			struct err *e)
{
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof *out);
		out->id = db_col_int64(st, 0);
		snprintf(out->email, sizeof out->email, "%s", db_col_text(st, 1));
		snprintf(out->name, sizeof out->name, "%s", db_col_text(st, 2));
		const char *r = db_col_text(st, 3);
		snprintf(out->residence, sizeof out->residence, "%s", r ? r : "");
		out->active = db_col_int64(st, 4) != 0;
		if (hash)
			snprintf(hash, hlen, "%s", db_col_text(st, 5));
	}
	db_finish(st);
	if (rc == DB_DONE)
		return ERR_NOTFOUND;
	if (rc < 0)
		return rc;
	return load_grants(c, out, e);
}

#define ACCOUNT_COLS "id, email, name, residence_code, active, password_hash"

int account_get(struct db_conn *c, int64_t id, struct account *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT " ACCOUNT_COLS " FROM account WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = load_account(c, st, out, NULL, 0, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "No account with number %lld", (long long)id);
	return rc;
}

int account_find_email(struct db_conn *c, const char *email, struct account *out, struct err *e)
{
	char em[ACCOUNT_EMAIL_MAX + 1];
	snprintf(em, sizeof em, "%s", email ? email : "");
	lower_ascii(em);
	struct db_stmt *st = db_prepare(c, "SELECT " ACCOUNT_COLS " FROM account WHERE email = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, em);
	int rc = load_account(c, st, out, NULL, 0, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "No account for %.60s", em);
	return rc;
}

json_t *account_to_json(const struct account *a)
{
	json_t *o = json_object();
	json_set_int(o, "id", a->id);
	json_set_str(o, "email", a->email);
	json_set_str(o, "name", a->name);
	json_set_str(o, "residence", a->residence[0] ? a->residence : NULL);
	json_set_bool(o, "active", a->active);
	json_t *gs = json_array();
	for (size_t i = 0; i < a->ngrants; i++) {
		json_t *g = json_object();
		json_set_int(g, "id", a->grant_ids[i]);
		json_set_str(g, "role", role_name(a->grants[i].role));
		json_set_str(g, "territory", a->grants[i].territory[0] ? a->grants[i].territory : NULL);
		json_array_append_new(gs, g);
	}
	json_object_set_new(o, "roles", gs);
	return o;
}

int account_list(struct db_conn *c, int64_t limit, int64_t offset, json_t **items, int64_t *total, struct err *e)
{
	*items = NULL;
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM account", e);
	if (!st)
		return e->code;
	int rc = db_step(st, e);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	if (rc < 0)
		return rc;
	st = db_prepare(c, "SELECT id FROM account ORDER BY email LIMIT ? OFFSET ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, limit);
	db_bind_int64(st, 2, offset);
	int64_t ids[500];
	size_t n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n < ARRAY_LEN(ids))
		ids[n++] = db_col_int64(st, 0);
	db_finish(st);
	if (rc < 0)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		struct account a;
		if ((rc = account_get(c, ids[i], &a, e))) {
			json_decref(arr);
			return rc;
		}
		json_array_append_new(arr, account_to_json(&a));
	}
	*items = arr;
	return 0;
}

/* A hash of a password nobody has, so that unknown accounts cost as much as
 * known ones (no account enumeration by timing). */
static const char *dummy_hash(void)
{
	static char h[crypto_pwhash_STRBYTES];
	static bool fast_made, slow_made;
	static char hf[crypto_pwhash_STRBYTES], hs[crypto_pwhash_STRBYTES];
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&mu);
	bool *made = fast_hash ? &fast_made : &slow_made;
	char *dst = fast_hash ? hf : hs;
	if (!*made) {
		char pw[TOKEN_TEXT_MAX];
		token_new("", pw);
		*made = crypto_pwhash_str(dst, pw, strlen(pw), ops_limit(), mem_limit()) == 0;
		if (!*made)
			snprintf(dst, crypto_pwhash_STRBYTES, "%s", "$argon2id$v=19$m=65536,t=2,p=1$invalid$invalid");
	}
	memcpy(h, dst, sizeof h);
	pthread_mutex_unlock(&mu);
	return h;
}

static int store_hash(struct db_conn *c, int64_t id, const char *hash, int64_t now, struct err *e)
{
	char ts[DATETIME_FMT_MAX];
	now_text(now, ts);
	struct db_stmt *st = db_prepare(c, "UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, ts);
	db_bind_int64(st, 3, id);
	return db_step_done(st, e);
}

int account_authenticate(struct db_conn *c, const char *email, const char *password, int64_t now,
			 struct account *out, struct err *e)
{
	char em[ACCOUNT_EMAIL_MAX + 1];
	snprintf(em, sizeof em, "%s", email ? email : "");
	lower_ascii(em);
	char hash[crypto_pwhash_STRBYTES] = "";
	struct db_stmt *st = db_prepare(c, "SELECT " ACCOUNT_COLS " FROM account WHERE email = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, em);
	int rc = load_account(c, st, out, hash, sizeof hash, e);
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	bool found = rc == 0;
	const size_t pwlen = password ? strlen(password) : 0;
	bool ok = verify_password(found ? hash : dummy_hash(), pwlen <= PASSWORD_MAX && password ? password : "");
	if (!found || !ok || !out->active) {
		sodium_memzero(hash, sizeof hash);
		return err_set(e, ERR_UNAUTH, "Wrong e-mail or password");
	}
	if (crypto_pwhash_str_needs_rehash(hash, ops_limit(), mem_limit()) != 0) {
		char fresh[crypto_pwhash_STRBYTES];
		bool own;
		if (hash_password(password, fresh, e) == 0 && db_tx_enter(c, &own, e) == 0) {
			char sid[24];
			snprintf(sid, sizeof sid, "%" PRId64, out->id);
			struct actor who = { .account_id = out->id };
			snprintf(who.name, sizeof who.name, "%s", out->name);
			rc = store_hash(c, out->id, fresh, now, e);
			if (!rc)
				rc = audit_record(c, &who, now, "account.rehash", "account", sid, NULL, NULL, e);
			if (db_tx_leave(c, own, rc, e))
				log_warn("could not rehash the password of account %" PRId64, out->id);
		}
		sodium_memzero(fresh, sizeof fresh);
	}
	sodium_memzero(hash, sizeof hash);
	err_init(e, e->lang);
	return 0;
}

static int end_sessions(struct db_conn *c, int64_t account_id, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "DELETE FROM session WHERE account_id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, account_id);
	return db_step_done(st, e);
}

int account_set_password(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *password,
			 struct err *e)
{
	struct account a;
	int rc = account_get(c, id, &a, e);
	if (rc)
		return rc;
	if ((rc = account_password_ok(a.email, password, e)))
		return rc;
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(password, hash, e)))
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	rc = store_hash(c, id, hash, now, e);
	sodium_memzero(hash, sizeof hash);
	if (!rc)
		rc = end_sessions(c, id, e);
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, id);
	if (!rc)
		rc = audit_record(c, who, now, "account.password", "account", sid, NULL, NULL, e);
	return db_tx_leave(c, own, rc, e);
}

int account_set_active(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, bool active,
		       struct err *e)
{
	struct account a;
	int rc = account_get(c, id, &a, e);
	if (rc)
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct db_stmt *st = db_prepare(c, "UPDATE account SET active = ? WHERE id = ?", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, active);
		db_bind_int64(st, 2, id);
		rc = db_step_done(st, e);
	}
	if (!rc && !active)
		rc = end_sessions(c, id, e);
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, id);
	json_t *before = json_pack("{sb}", "active", a.active), *after = json_pack("{sb}", "active", active);
	if (!rc)
		rc = audit_record(c, who, now, active ? "account.activate" : "account.deactivate", "account", sid,
				  before, after, e);
	json_decref(before);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

static int check_grant_territory(struct db_conn *c, const char *territory, struct err *e)
{
	if (!territory || !*territory)
		return 0;
	struct territory t;
	return territory_get(c, territory, &t, e);
}

static json_t *grant_json(enum role role, const char *territory)
{
	json_t *o = json_object();
	json_set_str(o, "role", role_name(role));
	json_set_str(o, "territory", territory && *territory ? territory : NULL);
	return o;
}

int account_grant(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, enum role role,
		  const char *territory, struct err *e)
{
	if ((unsigned)role >= ROLE_COUNT)
		return err_set(e, ERR_INVALID, "Unknown role");
	struct account a;
	int rc = account_get(c, id, &a, e);
	if (!rc)
		rc = check_grant_territory(c, territory, e);
	if (rc)
		return rc;
	const char *t = territory ? territory : "";
	for (size_t i = 0; i < a.ngrants; i++)
		if (a.grants[i].role == role && str_eq(a.grants[i].territory, t))
			return err_set(e, ERR_CONFLICT, "%s already has that role there", a.email);
	if (a.ngrants == ACCOUNT_MAX_GRANTS)
		return err_set(e, ERR_INVALID, "An account can have at most %d roles", ACCOUNT_MAX_GRANTS);
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	char ts[DATETIME_FMT_MAX];
	now_text(now, ts);
	struct db_stmt *st = db_prepare(c, "INSERT INTO role_grant (account_id, role, territory_code, created_at) VALUES (?, ?, ?, ?)", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, id);
		db_bind_text(st, 2, role_name(role));
		db_bind_text(st, 3, *t ? t : NULL);
		db_bind_text(st, 4, ts);
		rc = db_step_done(st, e);
	}
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, id);
	json_t *after = grant_json(role, t);
	if (!rc)
		rc = audit_record(c, who, now, "account.grant", "account", sid, NULL, after, e);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

int account_revoke(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, enum role role,
		   const char *territory, struct err *e)
{
	const char *t = territory ? territory : "";
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c, *t ?
		"DELETE FROM role_grant WHERE account_id = ? AND role = ? AND territory_code = ?" :
		"DELETE FROM role_grant WHERE account_id = ? AND role = ? AND territory_code IS NULL", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, id);
		db_bind_text(st, 2, role_name(role));
		if (*t)
			db_bind_text(st, 3, t);
		rc = db_step_done(st, e);
	}
	if (!rc && db_changes(c) == 0)
		rc = err_set(e, ERR_NOTFOUND, "That account does not have that role there");
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, id);
	json_t *before = grant_json(role, t);
	if (!rc)
		rc = audit_record(c, who, now, "account.revoke", "account", sid, before, NULL, e);
	json_decref(before);
	return db_tx_leave(c, own, rc, e);
}

/* ---- sessions ---- */

int session_start(struct db_conn *c, const struct account *a, int64_t now, const char *address,
		  char token[TOKEN_TEXT_MAX], struct session *out, struct err *e)
{
	token_new("", token);
	char th[65];
	token_hash(token, th);
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	memset(out, 0, sizeof *out);
	sodium_bin2hex(out->csrf, sizeof out->csrf, raw, sizeof raw);
	out->account_id = a->id;
	out->created_at = out->last_seen_at = now;
	out->expires_at = now + SESSION_ABSOLUTE_SECONDS;
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	/* expired sessions of anyone are swept here, a cheap place to do it */
	struct db_stmt *st = db_prepare(c, "DELETE FROM session WHERE expires_at <= ? OR last_seen_at <= ?", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, now);
		db_bind_int64(st, 2, now - SESSION_IDLE_SECONDS);
		rc = db_step_done(st, e);
	}
	st = rc ? NULL : db_prepare(c, "INSERT INTO session (token_hash, account_id, csrf, created_at, last_seen_at,"
				       " expires_at, address) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", e);
	if (!rc && !st)
		rc = e->code;
	if (st) {
		db_bind_text(st, 1, th);
		db_bind_int64(st, 2, a->id);
		db_bind_text(st, 3, out->csrf);
		db_bind_int64(st, 4, now);
		db_bind_int64(st, 5, now);
		db_bind_int64(st, 6, out->expires_at);
		db_bind_text(st, 7, address);
		rc = db_step(st, e);
		if (rc == DB_ROW)
			out->id = db_col_int64(st, 0);
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, a->id);
	struct actor who = { .account_id = a->id };
	snprintf(who.name, sizeof who.name, "%s", a->name);
	snprintf(who.address, sizeof who.address, "%s", address ? address : "");
	if (!rc)
		rc = audit_record(c, &who, now, "session.start", "account", sid, NULL, NULL, e);
	return db_tx_leave(c, own, rc, e);
}

int session_find(struct db_conn *c, const char *token, int64_t now, struct session *out, struct err *e)
{
	if (!token || !*token || strlen(token) >= TOKEN_TEXT_MAX)
		return ERR_UNAUTH;
	char th[65];
	token_hash(token, th);
	struct db_stmt *st = db_prepare(c, "SELECT id, account_id, csrf, created_at, last_seen_at, expires_at, token_hash"
					   " FROM session WHERE token_hash = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, th);
	int rc = db_step(st, e);
	bool found = false;
	if (rc == DB_ROW) {
		const char *stored = db_col_text(st, 6);
		found = stored && strlen(stored) == 64 && sodium_memcmp(stored, th, 64) == 0;
		out->id = db_col_int64(st, 0);
		out->account_id = db_col_int64(st, 1);
		snprintf(out->csrf, sizeof out->csrf, "%s", db_col_text(st, 2));
		out->created_at = db_col_int64(st, 3);
		out->last_seen_at = db_col_int64(st, 4);
		out->expires_at = db_col_int64(st, 5);
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	if (!found || now >= out->expires_at || now - out->last_seen_at >= SESSION_IDLE_SECONDS)
		return ERR_UNAUTH;
	if (now - out->last_seen_at >= 300) {
		/* bookkeeping, not a change of any record: a single statement, not audited */
		st = db_prepare(c, "UPDATE session SET last_seen_at = ? WHERE id = ?", e);
		if (st) {
			db_bind_int64(st, 1, now);
			db_bind_int64(st, 2, out->id);
			if (db_step_done(st, e))
				log_warn("could not refresh a session");
		}
		out->last_seen_at = now;
	}
	return 0;
}

int session_end(struct db_conn *c, const struct actor *who, int64_t now, const char *token, struct err *e)
{
	char th[65];
	token_hash(token, th);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c, "DELETE FROM session WHERE token_hash = ?", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_text(st, 1, th);
		rc = db_step_done(st, e);
	}
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, who ? who->account_id : 0);
	if (!rc && db_changes(c) > 0 && who && who->account_id)
		rc = audit_record(c, who, now, "session.end", "account", sid, NULL, NULL, e);
	return db_tx_leave(c, own, rc, e);
}

int session_end_all(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	rc = end_sessions(c, account_id, e);
	int64_t n = db_changes(c);
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, account_id);
	json_t *after = json_pack("{sI}", "sessions_ended", (json_int_t)n);
	if (!rc)
		rc = audit_record(c, who, now, "session.end_all", "account", sid, NULL, after, e);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

int session_count(struct db_conn *c, int64_t account_id, int64_t now, int64_t *n, struct err *e)
{
	struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM session WHERE account_id = ? AND expires_at > ? AND last_seen_at > ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, account_id);
	db_bind_int64(st, 2, now);
	db_bind_int64(st, 3, now - SESSION_IDLE_SECONDS);
	int rc = db_step(st, e);
	*n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* ---- API tokens ---- */

int api_token_create(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id, const char *name,
		     char token[TOKEN_TEXT_MAX], int64_t *id, struct err *e)
{
	if (!name || !*name || strlen(name) > 80)
		return err_set(e, ERR_INVALID, "Give the token a name (80 characters at most)");
	token_new("mk_", token);
	char th[65];
	token_hash(token, th);
	char ts[DATETIME_FMT_MAX];
	now_text(now, ts);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c, "INSERT INTO api_token (account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id", e);
	rc = st ? 0 : e->code;
	int64_t tid = 0;
	if (st) {
		db_bind_int64(st, 1, account_id);
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, th);
		db_bind_text(st, 4, ts);
		rc = db_step(st, e);
		if (rc == DB_ROW)
			tid = db_col_int64(st, 0);
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, account_id);
	json_t *after = json_pack("{sIss}", "token_id", (json_int_t)tid, "name", name);
	if (!rc)
		rc = audit_record(c, who, now, "api_token.create", "account", sid, NULL, after, e);
	json_decref(after);
	if (!rc && id)
		*id = tid;
	return db_tx_leave(c, own, rc, e);
}

int api_token_find(struct db_conn *c, const char *token, int64_t now, int64_t *account_id, struct err *e)
{
	if (!token || !str_starts(token, "mk_") || strlen(token) >= TOKEN_TEXT_MAX)
		return ERR_UNAUTH;
	char th[65];
	token_hash(token, th);
	struct db_stmt *st = db_prepare(c, "SELECT t.account_id, t.token_hash, t.last_used_at FROM api_token t"
					   " JOIN account a ON a.id = t.account_id"
					   " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND a.active = 1", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, th);
	int rc = db_step(st, e);
	bool ok = false;
	bool touch = false;
	if (rc == DB_ROW) {
		const char *stored = db_col_text(st, 1);
		ok = stored && strlen(stored) == 64 && sodium_memcmp(stored, th, 64) == 0;
		*account_id = db_col_int64(st, 0);
		const char *last = db_col_text(st, 2);
		int64_t t = 0;
		touch = !last || datetime_parse(last, &t) != 0 || now - t >= 300;
	}
	db_finish(st);
	if (rc < 0)
		return rc;
	if (!ok)
		return ERR_UNAUTH;
	if (touch) {
		char ts[DATETIME_FMT_MAX];
		now_text(now, ts);
		st = db_prepare(c, "UPDATE api_token SET last_used_at = ? WHERE token_hash = ?", e);
		if (st) {
			db_bind_text(st, 1, ts);
			db_bind_text(st, 2, th);
			if (db_step_done(st, e))
				log_warn("could not record an API token's use");
		}
	}
	return 0;
}

int api_token_revoke(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id, int64_t token_id,
		     struct err *e)
{
	char ts[DATETIME_FMT_MAX];
	now_text(now, ts);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_text(st, 1, ts);
		db_bind_int64(st, 2, token_id);
		db_bind_int64(st, 3, account_id);
		rc = db_step_done(st, e);
	}
	if (!rc && db_changes(c) == 0)
		rc = err_set(e, ERR_NOTFOUND, "No such token");
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, account_id);
	json_t *after = json_pack("{sI}", "token_id", (json_int_t)token_id);
	if (!rc)
		rc = audit_record(c, who, now, "api_token.revoke", "account", sid, NULL, after, e);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

int api_token_list(struct db_conn *c, int64_t account_id, json_t **items, struct err *e)
{
	*items = NULL;
	struct db_stmt *st = db_prepare(c, "SELECT id, name, created_at, last_used_at, revoked_at FROM api_token"
					   " WHERE account_id = ? ORDER BY id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, account_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_set_int(o, "id", db_col_int64(st, 0));
		json_set_str(o, "name", db_col_text(st, 1));
		json_set_str(o, "created_at", db_col_text(st, 2));
		json_set_str(o, "last_used_at", db_col_text(st, 3));
		json_set_str(o, "revoked_at", db_col_text(st, 4));
		json_array_append_new(arr, o);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	return 0;
}

/* ---- password reset ---- */

int reset_issue(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id,
		char token[TOKEN_TEXT_MAX], struct err *e)
{
	struct account a;
	int rc = account_get(c, account_id, &a, e);
	if (rc)
		return rc;
	token_new("rs_", token);
	char th[65];
	token_hash(token, th);
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	struct db_stmt *st = db_prepare(c, "INSERT INTO password_reset (account_id, token_hash, issued_by, expires_at) VALUES (?, ?, ?, ?)", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, account_id);
		db_bind_text(st, 2, th);
		if (who && who->account_id)
			db_bind_int64(st, 3, who->account_id);
		else
			db_bind_null(st, 3);
		db_bind_int64(st, 4, now + RESET_SECONDS);
		rc = db_step_done(st, e);
	}
	char sid[24];
	snprintf(sid, sizeof sid, "%" PRId64, account_id);
	if (!rc)
		rc = audit_record(c, who, now, "account.reset_issued", "account", sid, NULL, NULL, e);
	return db_tx_leave(c, own, rc, e);
}

int reset_check(struct db_conn *c, const char *token, int64_t now, int64_t *account_id, struct err *e)
{
	if (!token || !str_starts(token, "rs_") || strlen(token) >= TOKEN_TEXT_MAX)
		return err_set(e, ERR_NOTFOUND, "This link is not valid, has expired or was already used");
	char th[65];
	token_hash(token, th);
	struct db_stmt *st = db_prepare(c, "SELECT account_id FROM password_reset WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, th);
	db_bind_int64(st, 2, now);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*account_id = db_col_int64(st, 0);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "This link is not valid, has expired or was already used");
	return rc < 0 ? rc : 0;
}

int reset_use(struct db_conn *c, const char *token, int64_t now, const char *password, struct err *e)
{
	int64_t id;
	int rc = reset_check(c, token, now, &id, e);
	if (rc)
		return rc;
	struct account a;
	if ((rc = account_get(c, id, &a, e)))
		return rc;
	if ((rc = account_password_ok(a.email, password, e)))
		return rc;
	bool own;
	if ((rc = db_tx_enter(c, &own, e)))
		return rc;
	char th[65];
	token_hash(token, th);
	struct db_stmt *st = db_prepare(c, "UPDATE password_reset SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", e);
	rc = st ? 0 : e->code;
	if (st) {
		db_bind_int64(st, 1, now);
		db_bind_text(st, 2, th);
		rc = db_step_done(st, e);
	}
	if (!rc && db_changes(c) != 1)
		rc = err_set(e, ERR_CONFLICT, "This link is not valid, has expired or was already used");
	struct actor who = { .account_id = id };
	snprintf(who.name, sizeof who.name, "%s", a.name);
	if (!rc)
		rc = account_set_password(c, &who, now, id, password, e);
	return db_tx_leave(c, own, rc, e);
}
