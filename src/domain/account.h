/* account.h — accounts, their roles by territory, sessions, API tokens and
 * one-time password-reset links. Passwords are hashed with argon2id (libsodium
 * crypto_pwhash_str) and rehashed at sign-in when the parameters change; tokens
 * are 256-bit random values of which only a BLAKE2b hash is stored. Every state
 * change is audited (audit.h) in the same transaction. Owns tables account,
 * role_grant, session, api_token, password_reset. */
#ifndef MINKA_ACCOUNT_H
#define MINKA_ACCOUNT_H

#include "core/compat.h"
#include "core/err.h"
#include "domain/audit.h"
#include "rules/permission.h"
#include "store/db.h"

#include <jansson.h>

#define ACCOUNT_MAX_GRANTS 32
#define ACCOUNT_EMAIL_MAX 160
#define ACCOUNT_NAME_MAX 120
#define PASSWORD_MIN 10
#define PASSWORD_MAX 200
#define TOKEN_TEXT_MAX 48     /* base64url of 32 bytes, with a prefix */
#define CSRF_TEXT_MAX 65

struct account {
	int64_t id;
	char email[ACCOUNT_EMAIL_MAX + 1];
	char name[ACCOUNT_NAME_MAX + 1];
	char residence[7];
	bool active;
	struct grant grants[ACCOUNT_MAX_GRANTS];
	int64_t grant_ids[ACCOUNT_MAX_GRANTS];
	size_t ngrants;
};

/* Password hashing cost: "interactive" (default, libsodium's recommended
 * interactive limits) or "fast" (the minimum; tests only). */
void account_set_hash_cost(bool fast);

/* Checks a new password against the policy (length, not the e-mail). */
int account_password_ok(const char *email, const char *password, struct err *e);

/* Creates an account (e-mail lower-cased, unique). residence may be NULL. */
int account_create(struct db_conn *c, const struct actor *who, int64_t now, const char *email, const char *name,
		   const char *password, const char *residence, int64_t *id, struct err *e);
/* Loads an account with its grants. ERR_NOTFOUND if none. */
int account_get(struct db_conn *c, int64_t id, struct account *out, struct err *e);
int account_find_email(struct db_conn *c, const char *email, struct account *out, struct err *e);
/* JSON for pages and the API (never the hash). */
json_t *account_to_json(const struct account *a);
int account_list(struct db_conn *c, int64_t limit, int64_t offset, json_t **items, int64_t *total, struct err *e);

/* Checks e-mail + password. One answer for every failure (ERR_UNAUTH, "Wrong
 * e-mail or password"), with the same work done whether the account exists or
 * not. On success fills out and rehashes the password if the cost changed. */
int account_authenticate(struct db_conn *c, const char *email, const char *password, int64_t now,
			 struct account *out, struct err *e);
/* Sets a new password (policy checked) and ends every session of the account. */
int account_set_password(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *password,
			 struct err *e);
int account_set_active(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, bool active,
		       struct err *e);

/* Roles. territory "" or NULL = installation-wide. */
int account_grant(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, enum role role,
		  const char *territory, struct err *e);
int account_revoke(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, enum role role,
		   const char *territory, struct err *e);

/* Sessions. idle and absolute lifetimes in seconds. */
#define SESSION_IDLE_SECONDS (2 * 3600)
#define SESSION_ABSOLUTE_SECONDS (12 * 3600)
struct session {
	int64_t id;
	int64_t account_id;
	char csrf[CSRF_TEXT_MAX];
	int64_t created_at, last_seen_at, expires_at;
};
/* Starts a session: token (for the cookie) and its CSRF secret. Audited. */
int session_start(struct db_conn *c, const struct account *a, int64_t now, const char *address,
		  char token[TOKEN_TEXT_MAX], struct session *out, struct err *e);
/* Finds a live session by token; ERR_UNAUTH if unknown or expired (idle or
 * absolute). Refreshes last_seen at most every few minutes. */
int session_find(struct db_conn *c, const char *token, int64_t now, struct session *out, struct err *e);
int session_end(struct db_conn *c, const struct actor *who, int64_t now, const char *token, struct err *e);
/* Ends every session of an account ("sign out everywhere"). */
int session_end_all(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id, struct err *e);
int session_count(struct db_conn *c, int64_t account_id, int64_t now, int64_t *n, struct err *e);

/* API tokens ("mk_..."): shown once at creation, stored hashed, revocable. */
int api_token_create(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id, const char *name,
		     char token[TOKEN_TEXT_MAX], int64_t *id, struct err *e);
int api_token_find(struct db_conn *c, const char *token, int64_t now, int64_t *account_id, struct err *e);
int api_token_revoke(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id, int64_t token_id,
		     struct err *e);
int api_token_list(struct db_conn *c, int64_t account_id, json_t **items, struct err *e);

/* One-time password-reset links issued by an administrator (valid 24 hours). */
#define RESET_SECONDS (24 * 3600)
int reset_issue(struct db_conn *c, const struct actor *who, int64_t now, int64_t account_id,
		char token[TOKEN_TEXT_MAX], struct err *e);
/* Checks a reset token without using it (to show the form). */
int reset_check(struct db_conn *c, const char *token, int64_t now, int64_t *account_id, struct err *e);
/* Uses the token: sets the password, ends all sessions; the token cannot be used again. */
int reset_use(struct db_conn *c, const char *token, int64_t now, const char *password, struct err *e);

/* A fresh random token (256 bits, base64url, with prefix) and its storage hash. */
void token_new(const char *prefix, char token[TOKEN_TEXT_MAX]);
void token_hash(const char *token, char hex[65]);

#endif
