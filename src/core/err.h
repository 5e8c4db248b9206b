/* err.h — error codes and the error record passed down to anything that can fail
 * with a message for a person. Functions return 0 or a negative ERR_ code; when they
 * have something to say they also fill a `struct err`, whose message is already in
 * the caller's language (the err carries the message catalog to use). */
#ifndef MINKA_ERR_H
#define MINKA_ERR_H

#include "core/compat.h"

enum err_code {
	ERR_OK = 0,
	ERR_NOMEM = -1,      /* allocation failed (only fallible paths) */
	ERR_INVALID = -2,    /* bad input: 400 */
	ERR_NOTFOUND = -3,   /* 404 */
	ERR_CONFLICT = -4,   /* duplicate, state does not allow it: 409 */
	ERR_FORBIDDEN = -5,  /* 403 */
	ERR_UNAUTH = -6,     /* not signed in: 401 */
	ERR_TOOBIG = -7,     /* over a size bound: 413 */
	ERR_DB = -8,         /* database failure: 500 */
	ERR_IO = -9,         /* file or network I/O: 500 */
	ERR_UNAVAILABLE = -10, /* dependency down (lost db connection): 503 */
	ERR_INTERNAL = -11,  /* a bug: 500 */
	ERR_RETRY = -12,     /* transient (serialization failure); caller may retry */
	ERR_METHOD = -13,    /* the path exists, the method does not: 405 */
	ERR_TOOMANY = -14,   /* too many attempts, wait: 429 */
};

struct i18n_lang;

#define ERR_MSG_MAX 512

struct err {
	int code;
	char msg[ERR_MSG_MAX];
	const struct i18n_lang *lang; /* catalog used to translate formats; NULL = as written */
};

void err_init(struct err *e, const struct i18n_lang *lang);
/* Sets code and message. `fmt` is a message-catalog id (English source text); it is
 * translated with e->lang before formatting. Returns `code` for `return err_set(...)`. */
int err_set(struct err *e, int code, const char *fmt, ...) MINKA_PRINTF(3, 4);
/* Prefixes the existing message: "<prefix>: <msg>" (prefix translated, formatted). */
void err_prefix(struct err *e, const char *fmt, ...) MINKA_PRINTF(2, 3);
/* A short English name for a code ("invalid", "not_found", ...), used in the API. */
const char *err_code_name(int code);
/* The HTTP status that corresponds to a code. */
int err_http_status(int code);

#endif
