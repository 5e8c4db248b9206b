/* err.c — error records. */
#include "core/compat.h"
#include "core/err.h"
#include "core/i18n.h"

void err_init(struct err *e, const struct i18n_lang *lang)
{
	e->code = 0;
	e->msg[0] = '\0';
	e->lang = lang;
}

int err_set(struct err *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	const char *tfmt = e->lang ? i18n_get(e->lang, fmt) : fmt;
	va_list ap;
	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(e->msg, sizeof e->msg, tfmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return code;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
	if (!e)
		return;
	char prefix[ERR_MSG_MAX];
	const char *tfmt = e->lang ? i18n_get(e->lang, fmt) : fmt;
	va_list ap;
	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(prefix, sizeof prefix, tfmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	char old[ERR_MSG_MAX];
	memcpy(old, e->msg, sizeof old);
	if (snprintf(e->msg, sizeof e->msg, "%s: %s", prefix, old) >= (int)sizeof e->msg)
		e->msg[sizeof e->msg - 1] = '\0'; /* truncated: the start is what matters */
}

const char *err_code_name(int code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_NOMEM: return "no_memory";
	case ERR_INVALID: return "invalid";
	case ERR_NOTFOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_UNAUTH: return "unauthorized";
	case ERR_TOOBIG: return "too_large";
	case ERR_DB: return "database";
	case ERR_IO: return "io";
	case ERR_UNAVAILABLE: return "unavailable";
	case ERR_RETRY: return "retry";
	case ERR_METHOD: return "method_not_allowed";
	case ERR_TOOMANY: return "too_many_attempts";
	default: return "internal";
	}
}

int err_http_status(int code)
{
	switch (code) {
	case ERR_OK: return 200;
	case ERR_INVALID: return 400;
	case ERR_UNAUTH: return 401;
	case ERR_FORBIDDEN: return 403;
	case ERR_NOTFOUND: return 404;
	case ERR_METHOD: return 405;
	case ERR_CONFLICT: return 409;
	case ERR_TOOBIG: return 413;
	case ERR_TOOMANY: return 429;
	case ERR_UNAVAILABLE: case ERR_RETRY: return 503;
	default: return 500;
	}
}
