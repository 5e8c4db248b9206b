/* json.h — small helpers over jansson. */
#ifndef MINKA_JSON_H
#define MINKA_JSON_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"

#include <jansson.h>

/* Appends compact JSON (UTF-8, keys in insertion order). 0 or ERR_TOOBIG/NOMEM. */
int json_to_buf(struct buf *b, const json_t *j);
/* A JSON string, or null when s is NULL or not valid UTF-8. New reference. */
json_t *json_str_or_null(const char *s);
/* Sets o[key] = string s (or null). */
void json_set_str(json_t *o, const char *key, const char *s);
void json_set_int(json_t *o, const char *key, int64_t v);
void json_set_real(json_t *o, const char *key, double v);
void json_set_bool(json_t *o, const char *key, bool v);
/* o[key] as a string, or def when missing or not a string. */
const char *json_get_str(const json_t *o, const char *key, const char *def);
int64_t json_get_int(const json_t *o, const char *key, int64_t def);
/* Parses text (bounded by max_len, depth-limited by jansson) into a value. */
json_t *json_parse(const char *text, size_t len, size_t max_len, struct err *e);
/* { "items": items, "total": total } — takes the reference to items. */
json_t *json_list(json_t *items, int64_t total);

#endif
