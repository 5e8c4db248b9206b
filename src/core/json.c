/* json.c — jansson helpers. */
#include "core/compat.h"
#include "core/json.h"
#include "core/utf8.h"

static int dump_cb(const char *s, size_t n, void *data)
{
	return buf_append(data, s, n) ? -1 : 0;
}

int json_to_buf(struct buf *b, const json_t *j)
{
	size_t before = b->len;
	if (json_dump_callback(j, dump_cb, b, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12))) {
		buf_truncate(b, before);
		return ERR_TOOBIG;
	}
	return 0;
}

json_t *json_str_or_null(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	return j ? j : json_null();
}

void json_set_str(json_t *o, const char *key, const char *s) { json_object_set_new(o, key, json_str_or_null(s)); }
void json_set_int(json_t *o, const char *key, int64_t v) { json_object_set_new(o, key, json_integer((json_int_t)v)); }
void json_set_real(json_t *o, const char *key, double v) { json_object_set_new(o, key, json_real(v)); }
void json_set_bool(json_t *o, const char *key, bool v) { json_object_set_new(o, key, json_boolean(v)); }

const char *json_get_str(const json_t *o, const char *key, const char *def)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : def;
}

int64_t json_get_int(const json_t *o, const char *key, int64_t def)
{
	const json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : def;
}

json_t *json_parse(const char *text, size_t len, size_t max_len, struct err *e)
{
	if (len > max_len) {
		err_set(e, ERR_TOOBIG, "JSON document too large (%zu bytes, limit %zu)", len, max_len);
		return NULL;
	}
	json_error_t je;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		err_set(e, ERR_INVALID, "invalid JSON at line %d, column %d: %s", je.line, je.column, je.text);
	return j;
}

json_t *json_list(json_t *items, int64_t total)
{
	json_t *o = json_object();
	json_object_set_new(o, "items", items);
	json_set_int(o, "total", total);
	return o;
}
