/* router.c — route matching and parameter validation. */
#include "core/compat.h"
#include "web/router.h"
#include "core/date.h"
#include "core/money.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

void kv_list_init(struct kv_list *l)
{
	l->items = NULL;
	l->n = l->cap = 0;
}

void kv_list_release(struct kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].value);
	}
	free(l->items);
	kv_list_init(l);
}

void kv_list_add(struct kv_list *l, const char *name, size_t nlen, const char *value, size_t vlen)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->n].name = xstrndup(name, nlen);
	l->items[l->n].value = xstrndup(value, vlen);
	l->items[l->n].ival = 0;
	l->n++;
}

const struct kv *kv_list_get(const struct kv_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->items[i].name, name))
			return &l->items[i];
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) in place into out; returns decoded length or -1. */
static long url_decode(const char *s, size_t n, char *out)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[j++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			out[j++] = (char)(h * 16 + l);
			i += 2;
		} else {
			out[j++] = s[i];
		}
	}
	return (long)j;
}

int form_parse_urlencoded(const char *s, size_t len, struct kv_list *out, struct err *e)
{
	size_t i = 0;
	char *tmp = xmalloc(len + 1);
	int rc = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && s[i] != '&')
			i++;
		size_t plen = i - start;
		if (i < len)
			i++; /* skip '&' */
		if (plen == 0)
			continue;
		if (out->n >= PARAM_MAX_PAIRS) {
			rc = err_set(e, ERR_TOOBIG, "Too many parameters (limit %d)", PARAM_MAX_PAIRS);
			break;
		}
		const char *pair = s + start;
		const char *eq = memchr(pair, '=', plen);
		size_t nlen = eq ? (size_t)(eq - pair) : plen;
		long dn = url_decode(pair, nlen, tmp);
		if (dn < 0) {
			rc = err_set(e, ERR_INVALID, "Malformed form data (bad %% escape)");
			break;
		}
		char *name = xstrndup(tmp, (size_t)dn);
		size_t name_len = (size_t)dn;
		long dv = 0;
		if (eq) {
			dv = url_decode(eq + 1, plen - nlen - 1, tmp);
			if (dv < 0) {
				free(name);
				rc = err_set(e, ERR_INVALID, "Malformed form data (bad %% escape)");
				break;
			}
		}
		kv_list_add(out, name, name_len, tmp, (size_t)dv);
		free(name);
	}
	free(tmp);
	return rc;
}

static bool has_control(const char *s, bool allow_newlines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			if (!allow_newlines && *p != '\t')
				return true;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			return true;
	}
	return false;
}

static int check_value(const struct param_spec *sp, struct kv *kv, struct err *e)
{
	const char *v = kv->value;
	size_t len = strlen(v);
	size_t max = sp->max_len ? sp->max_len : sp->type == PARAM_TEXT ? PARAM_DEFAULT_TEXT : PARAM_DEFAULT_STR;
	if (len > max)
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", sp->name, max);
	if (!utf8_valid(v, len))
		return err_set(e, ERR_INVALID, "Field \"%s\" is not valid UTF-8 text", sp->name);
	int64_t n = 0;
	switch (sp->type) {
	case PARAM_STR: case PARAM_TEXT:
		if (has_control(v, sp->type == PARAM_TEXT))
			return err_set(e, ERR_INVALID, "Field \"%s\" contains control characters", sp->name);
		return 0;
	case PARAM_INT: case PARAM_ID:
		if (str_to_int64(v, &n))
			return err_set(e, ERR_INVALID, "Field \"%s\" must be a whole number", sp->name);
		if (sp->type == PARAM_ID && n < 1)
			return err_set(e, ERR_INVALID, "Field \"%s\" must be a positive number", sp->name);
		if ((sp->min || sp->max) && (n < sp->min || n > sp->max))
			return err_set(e, ERR_INVALID, "Field \"%s\" must be between %lld and %lld", sp->name,
				       (long long)sp->min, (long long)sp->max);
		kv->ival = n;
		return 0;
	case PARAM_CODE:
		if (!str_all_digits(v))
			return err_set(e, ERR_INVALID, "Field \"%s\" must contain only digits", sp->name);
		return 0;
	case PARAM_ENUM:
		for (const char *const *c = sp->choices; c && *c; c++)
			if (str_eq(*c, v))
				return 0;
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", sp->name);
	case PARAM_MONEY:
		if (money_parse(v, &n))
			return err_set(e, ERR_INVALID, "Field \"%s\" must be an amount such as 1234.56 or S/ 1,234.56", sp->name);
		if ((sp->min || sp->max) && (n < sp->min || n > sp->max))
			return err_set(e, ERR_INVALID, "Field \"%s\" is out of the allowed range", sp->name);
		kv->ival = n;
		return 0;
	case PARAM_DATE: {
		struct date d;
		if (date_parse(v, &d))
			return err_set(e, ERR_INVALID, "Field \"%s\" must be a date YYYY-MM-DD", sp->name);
		return 0;
	}
	case PARAM_BOOL:
		if (str_eq(v, "1") || str_eq(v, "on") || str_eq(v, "true") || str_eq(v, "yes"))
			kv->ival = 1;
		else if (str_eq(v, "0") || str_eq(v, "off") || str_eq(v, "false") || str_eq(v, "no"))
			kv->ival = 0;
		else
			return err_set(e, ERR_INVALID, "Field \"%s\" must be yes or no", sp->name);
		return 0;
	case PARAM_EMAIL: {
		const char *at = strchr(v, '@');
		if (!at || at == v || !strchr(at, '.') || strchr(at + 1, '@') || has_control(v, false) || strchr(v, ' '))
			return err_set(e, ERR_INVALID, "Field \"%s\" must be an e-mail address", sp->name);
		return 0;
	}
	}
	return err_set(e, ERR_INTERNAL, "Field \"%s\": unknown type", sp->name);
}

int params_validate(const struct param_spec *spec, const struct kv_list *raw, struct kv_list *out, struct err *e)
{
	for (const struct param_spec *sp = spec; sp && sp->name; sp++) {
		bool seen = false;
		for (size_t i = 0; i < raw->n; i++) {
			const struct kv *in = &raw->items[i];
			if (!str_eq(in->name, sp->name))
				continue;
			if (seen && !sp->multi)
				continue; /* first value wins */
			if (!*in->value && sp->type != PARAM_STR && sp->type != PARAM_TEXT) {
				continue; /* an empty optional field is the same as no field */
			}
			seen = true;
			kv_list_add(out, in->name, strlen(in->name), in->value, strlen(in->value));
			int rc = check_value(sp, &out->items[out->n - 1], e);
			if (rc)
				return rc;
		}
		if (sp->required) {
			const struct kv *got = kv_list_get(out, sp->name);
			if (!got || !*got->value)
				return err_set(e, ERR_INVALID, "Field \"%s\" is required", sp->name);
		}
	}
	return 0;
}

/* Matches one pattern; fills args. */
static bool match(const char *pattern, const char *path, char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX], int *nargs)
{
	int na = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *pe = strchr(p, '}');
			if (!pe)
				return false;
			const char *se = s;
			while (*se && *se != '/')
				se++;
			size_t n = (size_t)(se - s);
			if (n == 0 || n >= ROUTE_ARG_MAX || na == ROUTE_MAX_ARGS)
				return false;
			memcpy(args[na], s, n);
			args[na][n] = '\0';
			na++;
			p = pe + 1;
			s = se;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p || *s)
		return false;
	*nargs = na;
	return true;
}

const struct route *router_match(const struct route *routes, size_t n, const char *method, const char *path,
				 char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX], int *nargs, bool *path_matched)
{
	*path_matched = false;
	*nargs = 0;
	if (!utf8_valid(path, strlen(path)))
		return NULL;
	const char *m = str_eq(method, "HEAD") ? "GET" : method;
	for (size_t i = 0; i < n; i++) {
		if (!match(routes[i].pattern, path, args, nargs))
			continue;
		*path_matched = true;
		if (str_eq(routes[i].method, m))
			return &routes[i];
	}
	*nargs = 0;
	return NULL;
}
