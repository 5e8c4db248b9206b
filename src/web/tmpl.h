/* tmpl.h — HTML templates compiled into the binary, rendered against JSON data.
 *
 * Syntax (a small Mustache):
 *   {{name}} {{a.b}} {{.}}      the value, HTML-escaped (always)
 *   {{num x}} {{dec1 x}} {{dec2 x}} {{dec4 x}} {{money x}} {{pct x}} {{url x}}
 *                               formatted, then escaped
 *   {{raw x}}                   the value as is: ONLY for HTML that minka itself
 *                               built and escaped (SVG charts, rendered Markdown)
 *   {{t "Some text"}}           the text through the message catalog, escaped
 *   {{#x}}...{{/x}}             section: once per array element (pushed as the
 *                               context), once for an object (pushed) or a truthy
 *                               value; skipped for false, null, 0, "" and []
 *   {{^x}}...{{/x}}             inverted section: only when x is falsy
 *   {{>name}}                   another template (partial)
 *   {{! comment}}
 * Inside a section over an array, {{@index}} is the 1-based position.
 * Templates are parsed once at start; rendering is read-only and thread-safe. */
#ifndef MINKA_TMPL_H
#define MINKA_TMPL_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"

#include <jansson.h>

/* Parses every embedded templates/<name>.html. 0 or an error naming template and line. */
int tmpl_init(struct err *e);
void tmpl_shutdown(void);
/* Parses one template from text and registers it under name (tests). */
int tmpl_add(const char *name, const char *text, size_t len, struct err *e);
bool tmpl_exists(const char *name);
/* Renders template `name` with ctx into out. */
int tmpl_render(const char *name, const json_t *ctx, const struct i18n_lang *lang, struct buf *out);
/* Visits every {{t "..."}} msgid of every template (the catalog checker uses it). */
void tmpl_each_msgid(void (*fn)(const char *tmpl, const char *msgid, void *arg), void *arg);

/* Number formatting shared with handlers: 34350244 -> "34,350,244". */
void fmt_int_grouped(int64_t v, char *out, size_t n);
/* A decimal with `places` places, grouped: 1234.5 -> "1,234.50". */
void fmt_real_grouped(double v, int places, char *out, size_t n);

#endif
