/* i18n.c — a .po reader (msgid/msgstr, multi-line strings, C escapes, comments)
 * and per-language lookup tables. */
#include "core/compat.h"
#include "core/i18n.h"
#include "core/assets.h"
#include "core/buf.h"
#include "core/map.h"
#include "core/xalloc.h"

struct i18n_lang {
	char code[8];
	struct map msgs; /* msgid -> msgstr (owned char*) */
};

#define MAX_LANGS 8
static struct i18n_lang *langs[MAX_LANGS];
static size_t nlangs;

/* Parses a quoted po string starting at *p (at the opening quote), appending the
 * unescaped text to out. */
static int po_string(const char **pp, struct buf *out)
{
	const char *p = *pp;
	if (*p != '"')
		return ERR_INVALID;
	p++;
	while (*p && *p != '"') {
		char c = *p++;
		if (c == '\\') {
			char n = *p++;
			switch (n) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			default: return ERR_INVALID;
			}
		} else if (c == '\n') {
			return ERR_INVALID;
		}
		if (buf_appendc(out, c))
			return ERR_NOMEM;
	}
	if (*p != '"')
		return ERR_INVALID;
	*pp = p + 1;
	return 0;
}

static void free_str(void *p) { free(p); }

int i18n_load(const char *code, const char *text, size_t len, struct err *e)
{
	if (nlangs == MAX_LANGS || strlen(code) >= sizeof langs[0]->code)
		return err_set(e, ERR_INVALID, "too many languages");
	struct i18n_lang *lang = xcalloc(1, sizeof *lang);
	snprintf(lang->code, sizeof lang->code, "%s", code);
	map_init(&lang->msgs);
	struct buf id, str, *cur = NULL;
	buf_init(&id, 1 << 16);
	buf_init(&str, 1 << 16);
	bool have_id = false, have_str = false;
	size_t line = 0;
	const char *p = text, *end = text + len;
	int rc = 0;
	while (p < end && !rc) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		line++;
		const char *s = p;
		while (s < eol && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s == eol || *s == '#') {
			/* blank or comment: ends an entry */
		} else if (str_starts(s, "msgid ")) {
			if (have_id && have_str && id.len && str.len)
				free(map_put(&lang->msgs, buf_cstr(&id), xstrdup(buf_cstr(&str))));
			buf_reset(&id);
			buf_reset(&str);
			have_id = true;
			have_str = false;
			cur = &id;
			s += 6;
			rc = po_string(&s, cur);
		} else if (str_starts(s, "msgstr ")) {
			if (!have_id)
				rc = ERR_INVALID;
			have_str = true;
			cur = &str;
			s += 7;
			if (!rc)
				rc = po_string(&s, cur);
		} else if (*s == '"' && cur) {
			rc = po_string(&s, cur);
		} else {
			rc = ERR_INVALID;
		}
		if (!rc) {
			while (s < eol && (*s == ' ' || *s == '\t' || *s == '\r'))
				s++;
			if (s != eol && *s != '#' && !(s[0] == '"' || str_starts(s, "msg")))
				rc = ERR_INVALID;
		}
		p = eol + 1;
	}
	if (!rc && have_id && have_str && id.len && str.len)
		free(map_put(&lang->msgs, buf_cstr(&id), xstrdup(buf_cstr(&str))));
	buf_release(&id);
	buf_release(&str);
	if (rc) {
		map_release(&lang->msgs, free_str);
		free(lang);
		return err_set(e, ERR_INVALID, "po/%s.po: line %zu: malformed entry", code, line);
	}
	for (size_t i = 0; i < nlangs; i++) {
		if (str_eq(langs[i]->code, code)) {
			map_release(&langs[i]->msgs, free_str);
			free(langs[i]);
			langs[i] = lang;
			return 0;
		}
	}
	langs[nlangs++] = lang;
	return 0;
}

int i18n_init(struct err *e)
{
	static const char *const codes[] = { "es", "en" };
	for (size_t i = 0; i < ARRAY_LEN(codes); i++) {
		char name[32];
		snprintf(name, sizeof name, "po/%s.po", codes[i]);
		const struct asset *a = asset_find(name);
		if (!a)
			return err_set(e, ERR_INTERNAL, "missing message catalog %s", name);
		int rc = i18n_load(codes[i], (const char *)a->data, a->len, e);
		if (rc)
			return rc;
	}
	return 0;
}

void i18n_shutdown(void)
{
	for (size_t i = 0; i < nlangs; i++) {
		map_release(&langs[i]->msgs, free_str);
		free(langs[i]);
		langs[i] = NULL;
	}
	nlangs = 0;
}

const struct i18n_lang *i18n_find(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < nlangs; i++)
		if (strcasecmp(langs[i]->code, code) == 0)
			return langs[i];
	return NULL;
}

const struct i18n_lang *i18n_default(void)
{
	const struct i18n_lang *l = i18n_find("es");
	return l ? l : (nlangs ? langs[0] : NULL);
}

const char *i18n_code(const struct i18n_lang *lang) { return lang ? lang->code : "es"; }

const char *i18n_get(const struct i18n_lang *lang, const char *msgid)
{
	if (!lang)
		return msgid;
	const char *s = map_get(&lang->msgs, msgid);
	return s ? s : msgid;
}

bool i18n_has(const struct i18n_lang *lang, const char *msgid)
{
	return lang && map_get(&lang->msgs, msgid) != NULL;
}

size_t i18n_count(void) { return nlangs; }
const struct i18n_lang *i18n_at(size_t i) { return i < nlangs ? langs[i] : NULL; }

void i18n_each(const struct i18n_lang *lang, void (*fn)(const char *, const char *, void *), void *arg)
{
	for (size_t i = 0; i < lang->msgs.cap; i++)
		if (lang->msgs.slots[i].key)
			fn(lang->msgs.slots[i].key, lang->msgs.slots[i].value, arg);
}

const struct i18n_lang *i18n_negotiate(const char *header)
{
	const struct i18n_lang *best = NULL;
	int best_q = -1;
	if (!header)
		return i18n_default();
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		char tag[16];
		size_t n = 0;
		while (*p && *p != ',' && *p != ';' && *p != ' ') {
			if (n + 1 < sizeof tag)
				tag[n++] = *p;
			p++;
		}
		tag[n] = '\0';
		int q = 1000;
		while (*p == ' ')
			p++;
		if (*p == ';') {
			const char *qp = strstr(p, "q=");
			const char *comma = strchr(p, ',');
			if (qp && (!comma || qp < comma)) {
				qp += 2;
				q = 0;
				int scale = 1000;
				if (*qp == '1')
					q = 1000;
				else if (*qp == '0' && qp[1] == '.') {
					qp += 2;
					for (int k = 0; k < 3 && isdigit((unsigned char)*qp); k++, qp++) {
						scale /= 10;
						q += (*qp - '0') * scale;
					}
				}
			}
			while (*p && *p != ',')
				p++;
		}
		char primary[16];
		size_t k = 0;
		while (tag[k] && tag[k] != '-' && tag[k] != '_' && k + 1 < sizeof primary) {
			primary[k] = tag[k];
			k++;
		}
		primary[k] = '\0';
		const struct i18n_lang *l = i18n_find(primary);
		if (l && q > best_q) {
			best = l;
			best_q = q;
		}
		if (!n && !*p)
			break;
	}
	return best && best_q > 0 ? best : i18n_default();
}

char *trf(const struct i18n_lang *lang, char *out, size_t n, const char *fmt, ...)
{
	const char *t = i18n_get(lang, fmt);
	va_list ap;
	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(out, n, t, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return out;
}

void i18n_conversions(const char *fmt, char *out, size_t n)
{
	size_t j = 0;
	for (const char *p = fmt; *p && j + 1 < n; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		out[j++] = '%';
		/* flags, width, precision, length, then the conversion letter */
		while (*p && strchr("-+ #0123456789.*hlLqjzt", *p) && j + 1 < n) {
			if (strchr("*hlLqjzt", *p))
				out[j++] = *p;
			p++;
		}
		if (*p && j + 1 < n)
			out[j++] = *p;
		if (!*p)
			break;
	}
	out[j] = '\0';
}
