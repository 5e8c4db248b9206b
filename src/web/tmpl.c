/* tmpl.c — template parser and renderer. A template is a tree of nodes; sections
 * own their children. Values are looked up through a stack of JSON contexts. */
#include "core/compat.h"
#include "web/tmpl.h"
#include "core/assets.h"
#include "core/json.h"
#include "core/map.h"
#include "core/money.h"
#include "core/xalloc.h"

#include <math.h>

enum node_kind { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_PARTIAL, N_TRANSLATE };
enum filter { F_NONE, F_RAW, F_NUM, F_DEC1, F_DEC2, F_DEC4, F_MONEY, F_PCT, F_URL };

struct node {
	enum node_kind kind;
	enum filter filter;
	char *text;          /* N_TEXT: literal; N_VAR/N_SECTION: path; N_PARTIAL: name; N_TRANSLATE: msgid */
	size_t len;
	struct node *children;
	size_t nchildren;
	int line;
};

struct tmpl {
	char *name;
	struct node root;
};

static struct map templates;

static const struct { const char *name; enum filter f; } filters[] = {
	{ "raw", F_RAW }, { "num", F_NUM }, { "dec1", F_DEC1 }, { "dec2", F_DEC2 }, { "dec4", F_DEC4 },
	{ "money", F_MONEY }, { "pct", F_PCT }, { "url", F_URL },
};

static void node_add(struct node *parent, struct node n)
{
	parent->children = xrealloc(parent->children, (parent->nchildren + 1) * sizeof n);
	parent->children[parent->nchildren++] = n;
}

static void node_free(struct node *n)
{
	for (size_t i = 0; i < n->nchildren; i++)
		node_free(&n->children[i]);
	free(n->children);
	free(n->text);
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Parses text into parent until "{{/name}}" (when close != NULL) or the end. */
static int parse(const char *name, const char **pp, const char *end, int *line, struct node *parent,
		 const char *close, struct err *e)
{
	const char *p = *pp;
	while (p < end) {
		const char *open = strstr(p, "{{");
		if (!open || open >= end)
			open = end;
		if (open > p) {
			struct node t = { .kind = N_TEXT, .text = xstrndup(p, (size_t)(open - p)),
					  .len = (size_t)(open - p), .line = *line };
			for (const char *q = p; q < open; q++)
				*line += *q == '\n';
			node_add(parent, t);
		}
		if (open == end) {
			p = end;
			break;
		}
		const char *tag_end = strstr(open + 2, "}}");
		if (!tag_end)
			return err_set(e, ERR_INVALID, "template %s: line %d: unclosed {{", name, *line);
		const char *in = open + 2;
		size_t inlen = (size_t)(tag_end - in);
		p = tag_end + 2;
		char sigil = inlen ? in[0] : '\0';
		struct node n = { .line = *line };
		if (sigil == '!') {
			for (const char *q = in; q < tag_end; q++)
				*line += *q == '\n';
			continue;
		} else if (sigil == '/') {
			char *tag = trim_dup(in + 1, inlen - 1);
			bool ok = close && str_eq(tag, close);
			free(tag);
			if (!ok)
				return err_set(e, ERR_INVALID, "template %s: line %d: unexpected {{/...}}", name, *line);
			*pp = p;
			return 0;
		} else if (sigil == '#' || sigil == '^') {
			n.kind = sigil == '#' ? N_SECTION : N_INVERTED;
			n.text = trim_dup(in + 1, inlen - 1);
			int rc = parse(name, &p, end, line, &n, n.text, e);
			if (rc) {
				node_free(&n);
				return rc;
			}
		} else if (sigil == '>') {
			n.kind = N_PARTIAL;
			n.text = trim_dup(in + 1, inlen - 1);
		} else {
			char *tag = trim_dup(in, inlen);
			if (str_starts(tag, "t ")) {
				char *q = tag + 2;
				while (*q == ' ')
					q++;
				size_t ql = strlen(q);
				if (ql < 2 || q[0] != '"' || q[ql - 1] != '"') {
					free(tag);
					return err_set(e, ERR_INVALID, "template %s: line %d: {{t}} needs a quoted text", name, *line);
				}
				n.kind = N_TRANSLATE;
				n.text = xstrndup(q + 1, ql - 2);
				free(tag);
			} else {
				n.kind = N_VAR;
				char *sp = strchr(tag, ' ');
				if (sp) {
					*sp = '\0';
					size_t f;
					for (f = 0; f < ARRAY_LEN(filters) && !str_eq(filters[f].name, tag); f++)
						;
					if (f == ARRAY_LEN(filters)) {
						err_set(e, ERR_INVALID, "template %s: line %d: unknown filter \"%s\"", name, *line, tag);
						free(tag);
						return ERR_INVALID;
					}
					n.filter = filters[f].f;
					n.text = trim_dup(sp + 1, strlen(sp + 1));
					free(tag);
				} else {
					n.text = tag;
				}
			}
		}
		node_add(parent, n);
	}
	*pp = p;
	if (close)
		return err_set(e, ERR_INVALID, "template %s: section {{#%s}} is not closed", name, close);
	return 0;
}

static void tmpl_free(void *p)
{
	struct tmpl *t = p;
	node_free(&t->root);
	free(t->name);
	free(t);
}

int tmpl_add(const char *name, const char *text, size_t len, struct err *e)
{
	struct tmpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	const char *p = text;
	int line = 1;
	int rc = parse(name, &p, text + len, &line, &t->root, NULL, e);
	if (rc) {
		tmpl_free(t);
		return rc;
	}
	struct tmpl *old = map_put(&templates, name, t);
	if (old)
		tmpl_free(old);
	return 0;
}

int tmpl_init(struct err *e)
{
	for (size_t i = 0; i < minka_assets_count; i++) {
		const struct asset *a = &minka_assets[i];
		if (!str_starts(a->name, "templates/"))
			continue;
		const char *base = a->name + strlen("templates/");
		size_t bl = strlen(base);
		if (bl < 6 || !str_eq(base + bl - 5, ".html"))
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(bl - 5), base);
		int rc = tmpl_add(name, (const char *)a->data, a->len, e);
		if (rc)
			return rc;
	}
	return 0;
}

void tmpl_shutdown(void) { map_release(&templates, tmpl_free); }

bool tmpl_exists(const char *name) { return map_get(&templates, name) != NULL; }

/* ---- rendering ---- */

#define MAX_DEPTH 32

struct render {
	const json_t *stack[MAX_DEPTH];
	int64_t index[MAX_DEPTH];   /* 1-based position when the frame is an array element */
	int depth;
	int partial_depth;
	const struct i18n_lang *lang;
	struct buf *out;
};

static const json_t *lookup_in(const json_t *v, const char *path)
{
	char seg[128];
	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof seg)
			return NULL;
		memcpy(seg, path, n);
		seg[n] = '\0';
		v = json_is_object(v) ? json_object_get(v, seg) : NULL;
		path = dot ? dot + 1 : path + n;
	}
	return v;
}

static const json_t *lookup(struct render *r, const char *path, int64_t *index)
{
	if (str_eq(path, "."))
		return r->depth ? r->stack[r->depth - 1] : NULL;
	if (str_eq(path, "@index")) {
		for (int i = r->depth - 1; i >= 0; i--)
			if (r->index[i] > 0) {
				*index = r->index[i];
				return NULL;
			}
		return NULL;
	}
	char first[128];
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	if (n >= sizeof first)
		return NULL;
	memcpy(first, path, n);
	first[n] = '\0';
	for (int i = r->depth - 1; i >= 0; i--) {
		const json_t *v = json_is_object(r->stack[i]) ? json_object_get(r->stack[i], first) : NULL;
		if (v)
			return dot ? lookup_in(v, dot + 1) : v;
	}
	return NULL;
}

static bool truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_real(v))
		return json_real_value(v) != 0.0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return true;
}

void fmt_int_grouped(int64_t v, char *out, size_t n)
{
	char digits[32];
	uint64_t u = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	int nd = snprintf(digits, sizeof digits, "%" PRIu64, u);
	char tmp[48];
	size_t j = 0;
	if (v < 0)
		tmp[j++] = '-';
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			tmp[j++] = ',';
		tmp[j++] = digits[i];
	}
	tmp[j] = '\0';
	snprintf(out, n, "%s", tmp);
}

void fmt_real_grouped(double v, int places, char *out, size_t n)
{
	if (!isfinite(v)) {
		snprintf(out, n, "%s", "");
		return;
	}
	static const double scales[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
	double scale = places >= 0 && places < 7 ? scales[places] : pow(10, places);
	double r = round(fabs(v) * scale);
	int64_t whole = (int64_t)(r / scale);
	int64_t frac = (int64_t)(r - (double)whole * scale);
	char w[40];
	fmt_int_grouped(whole, w, sizeof w);
	if (places > 0)
		snprintf(out, n, "%s%s.%0*" PRId64, v < 0 && r > 0 ? "-" : "", w, places, frac);
	else
		snprintf(out, n, "%s%s", v < 0 && r > 0 ? "-" : "", w);
}

static int emit_value(struct render *r, const json_t *v, enum filter f, int64_t index)
{
	char tmp[64];
	const char *s = NULL;
	size_t len = 0;
	if (!v) {
		if (index > 0) {
			snprintf(tmp, sizeof tmp, "%" PRId64, index);
			return buf_appends(r->out, tmp);
		}
		return 0;
	}
	double d = json_is_integer(v) ? (double)json_integer_value(v) : json_is_real(v) ? json_real_value(v) : NAN;
	switch (f) {
	case F_NUM:
		if (json_is_integer(v))
			fmt_int_grouped(json_integer_value(v), tmp, sizeof tmp);
		else if (json_is_real(v))
			fmt_real_grouped(d, 0, tmp, sizeof tmp);
		else
			break;
		return buf_appends(r->out, tmp);
	case F_DEC1: case F_DEC2: case F_DEC4: case F_PCT:
		if (isnan(d))
			break;
		fmt_real_grouped(d, f == F_DEC1 ? 1 : f == F_DEC4 ? 4 : 2, tmp, sizeof tmp);
		if (f == F_PCT)
			snprintf(tmp + strlen(tmp), sizeof tmp - strlen(tmp), " %%");
		return buf_appends(r->out, tmp);
	case F_MONEY:
		if (!json_is_integer(v))
			break;
		money_format(json_integer_value(v), true, tmp);
		return buf_appends(r->out, tmp);
	default:
		break;
	}
	if (json_is_string(v)) {
		s = json_string_value(v);
		len = json_string_length(v);
	} else if (json_is_integer(v)) {
		snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		s = tmp;
		len = strlen(tmp);
	} else if (json_is_real(v)) {
		snprintf(tmp, sizeof tmp, "%g", json_real_value(v));
		s = tmp;
		len = strlen(tmp);
	} else if (json_is_true(v)) {
		s = "true";
		len = 4;
	} else {
		return 0;
	}
	if (f == F_RAW)
		return buf_append(r->out, s, len);
	if (f == F_URL) {
		char *z = xstrndup(s, len);
		int rc = buf_append_urlenc(r->out, z);
		free(z);
		return rc;
	}
	return buf_append_html(r->out, s, len);
}

static int render_nodes(struct render *r, const struct node *nodes, size_t n);

static int push(struct render *r, const json_t *v, int64_t index)
{
	if (r->depth == MAX_DEPTH)
		return ERR_TOOBIG;
	r->stack[r->depth] = v;
	r->index[r->depth] = index;
	r->depth++;
	return 0;
}

static int render_node(struct render *r, const struct node *nd)
{
	int rc = 0;
	int64_t index = 0;
	switch (nd->kind) {
	case N_TEXT:
		return buf_append(r->out, nd->text, nd->len);
	case N_TRANSLATE: {
		const char *s = i18n_get(r->lang, nd->text);
		return buf_append_html(r->out, s, strlen(s));
	}
	case N_VAR: {
		const json_t *v = lookup(r, nd->text, &index);
		return emit_value(r, v, nd->filter, index);
	}
	case N_PARTIAL: {
		struct tmpl *t = map_get(&templates, nd->text);
		if (!t || r->partial_depth > 8)
			return ERR_INTERNAL;
		r->partial_depth++;
		rc = render_nodes(r, t->root.children, t->root.nchildren);
		r->partial_depth--;
		return rc;
	}
	case N_INVERTED: {
		const json_t *v = lookup(r, nd->text, &index);
		if (!truthy(v))
			rc = render_nodes(r, nd->children, nd->nchildren);
		return rc;
	}
	case N_SECTION: {
		const json_t *v = lookup(r, nd->text, &index);
		if (!truthy(v))
			return 0;
		if (json_is_array(v)) {
			size_t i;
			const json_t *el;
			json_array_foreach(v, i, el) {
				if ((rc = push(r, el, (int64_t)i + 1)))
					return rc;
				rc = render_nodes(r, nd->children, nd->nchildren);
				r->depth--;
				if (rc)
					return rc;
			}
			return 0;
		}
		if (json_is_object(v)) {
			if ((rc = push(r, v, 0)))
				return rc;
			rc = render_nodes(r, nd->children, nd->nchildren);
			r->depth--;
			return rc;
		}
		return render_nodes(r, nd->children, nd->nchildren);
	}
	}
	return 0;
}

static int render_nodes(struct render *r, const struct node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc = render_node(r, &nodes[i]);
		if (rc)
			return rc;
	}
	return 0;
}

int tmpl_render(const char *name, const json_t *ctx, const struct i18n_lang *lang, struct buf *out)
{
	struct tmpl *t = map_get(&templates, name);
	if (!t)
		return ERR_NOTFOUND;
	struct render r = { .lang = lang, .out = out };
	push(&r, ctx, 0);
	return render_nodes(&r, t->root.children, t->root.nchildren);
}

static void each_msgid(const struct node *n, const char *tname, void (*fn)(const char *, const char *, void *), void *arg)
{
	if (n->kind == N_TRANSLATE)
		fn(tname, n->text, arg);
	for (size_t i = 0; i < n->nchildren; i++)
		each_msgid(&n->children[i], tname, fn, arg);
}

void tmpl_each_msgid(void (*fn)(const char *, const char *, void *), void *arg)
{
	for (size_t i = 0; i < templates.cap; i++)
		if (templates.slots[i].key) {
			struct tmpl *t = templates.slots[i].value;
			each_msgid(&t->root, t->name, fn, arg);
		}
}
