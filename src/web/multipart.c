/* multipart.c — multipart/form-data parser (RFC 7578 over RFC 2046 framing). */
#include "core/compat.h"
#include "web/multipart.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static bool bchar(unsigned char c)
{
	return isalnum(c) || strchr("'()+_,-./:=? ", c) != NULL;
}

/* Case-insensitive prefix test over a bounded span. */
static bool span_starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && strncasecmp(s, prefix, k) == 0;
}

int multipart_boundary(const char *content_type, char out[MULTIPART_BOUNDARY_MAX + 1])
{
	out[0] = '\0';
	if (!content_type)
		return ERR_INVALID;
	const char *p = content_type;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!span_starts(p, strlen(p), "multipart/form-data"))
		return ERR_INVALID;
	p += strlen("multipart/form-data");
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *name = p;
		while (*p && *p != '=' && *p != ';')
			p++;
		size_t nlen = (size_t)(p - name);
		while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
			nlen--;
		if (*p != '=') {
			if (*p == ';')
				continue;
			break;
		}
		p++;
		char val[MULTIPART_BOUNDARY_MAX + 2];
		size_t vlen = 0;
		bool too_long = false;
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					p++;
				if (vlen < sizeof val - 1)
					val[vlen++] = *p;
				else
					too_long = true;
				p++;
			}
			if (*p != '"')
				return ERR_INVALID;
			p++;
		} else {
			while (*p && *p != ';' && *p != ' ' && *p != '\t') {
				if (vlen < sizeof val - 1)
					val[vlen++] = *p;
				else
					too_long = true;
				p++;
			}
		}
		val[vlen] = '\0';
		if (nlen == 8 && strncasecmp(name, "boundary", 8) == 0) {
			if (too_long || vlen == 0 || vlen > MULTIPART_BOUNDARY_MAX || val[vlen - 1] == ' ')
				return ERR_INVALID;
			for (size_t i = 0; i < vlen; i++)
				if (!bchar((unsigned char)val[i]))
					return ERR_INVALID;
			memcpy(out, val, vlen + 1);
			return 0;
		}
	}
	return ERR_INVALID;
}

/* First occurrence of needle in hay, or NULL. */
static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	const char *end = hay + hlen - nlen + 1;
	for (const char *p = hay; p < end;) {
		const char *q = memchr(p, needle[0], (size_t)(end - p));
		if (!q)
			return NULL;
		if (memcmp(q, needle, nlen) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* Reads a parameter value (quoted-string or token) at *p, up to end; returns a
 * new string or NULL if malformed. */
static char *param_value(const char **pp, const char *end)
{
	const char *p = *pp;
	char *out = xmalloc((size_t)(end - p) + 1);
	size_t n = 0;
	if (p < end && *p == '"') {
		p++;
		while (p < end && *p != '"') {
			if (*p == '\\' && p + 1 < end)
				p++;
			out[n++] = *p++;
		}
		if (p == end) {
			free(out);
			return NULL;
		}
		p++;
	} else {
		while (p < end && *p != ';' && *p != ' ' && *p != '\t')
			out[n++] = *p++;
	}
	out[n] = '\0';
	*pp = p;
	return out;
}

/* Content-Disposition: form-data; name="x"; filename="y" */
static int disposition(const char *v, const char *end, struct mp_part *part)
{
	if (!span_starts(v, (size_t)(end - v), "form-data"))
		return ERR_INVALID;
	const char *p = v + strlen("form-data");
	if (p < end && *p != ';' && *p != ' ' && *p != '\t')
		return ERR_INVALID;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == ';'))
			p++;
		if (p == end)
			break;
		const char *name = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		size_t nlen = (size_t)(p - name);
		while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
			nlen--;
		if (p == end || *p != '=')
			return ERR_INVALID;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		char *val = param_value(&p, end);
		if (!val)
			return ERR_INVALID;
		char **slot = NULL;
		size_t max = 0;
		if (nlen == 4 && strncasecmp(name, "name", 4) == 0)
			slot = &part->name, max = MULTIPART_NAME_MAX;
		else if (nlen == 8 && strncasecmp(name, "filename", 8) == 0)
			slot = &part->filename, max = MULTIPART_FILENAME_MAX;
		if (!slot || *slot) {
			free(val); /* other parameters, and repeats, are ignored */
			continue;
		}
		if (strlen(val) > max || !utf8_valid(val, strlen(val))) {
			free(val);
			return ERR_INVALID;
		}
		*slot = val;
	}
	return 0;
}

static void part_free(struct mp_part *p)
{
	free(p->name);
	free(p->filename);
	free(p->content_type);
	memset(p, 0, sizeof *p);
}

void multipart_release(struct multipart *m)
{
	for (size_t i = 0; i < m->n; i++)
		part_free(&m->parts[i]);
	free(m->parts);
	m->parts = NULL;
	m->n = 0;
}

/* Parses the header lines of one part starting at *pos; leaves *pos at the
 * first byte of its contents. */
static int part_headers(const char *body, size_t len, size_t *pos, struct mp_part *part)
{
	size_t p = *pos;
	for (int lines = 0;; lines++) {
		if (lines > MULTIPART_HEADERS_MAX)
			return ERR_INVALID;
		const char *eol = find(body + p, len - p, "\r\n", 2);
		if (!eol)
			return ERR_INVALID;
		size_t llen = (size_t)(eol - (body + p));
		const char *line = body + p;
		p += llen + 2;
		if (llen == 0)
			break;
		if (llen > MULTIPART_HEADER_MAX)
			return ERR_INVALID;
		for (size_t i = 0; i < llen; i++)
			if (((unsigned char)line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f)
				return ERR_INVALID;
		const char *colon = memchr(line, ':', llen);
		if (!colon || colon == line)
			return ERR_INVALID;
		const char *v = colon + 1, *end = line + llen;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		size_t hlen = (size_t)(colon - line);
		if (hlen == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
			if (part->name || disposition(v, end, part))
				return ERR_INVALID;
		} else if (hlen == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
			if (!part->content_type)
				part->content_type = xstrndup(v, (size_t)(end - v));
		}
	}
	if (!part->name || !*part->name)
		return ERR_INVALID;
	*pos = p;
	return 0;
}

int multipart_parse(const char *body, size_t len, const char *boundary, struct multipart *out, struct err *e)
{
	out->parts = NULL;
	out->n = 0;
	size_t blen = boundary ? strlen(boundary) : 0;
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
		return err_set(e, ERR_INVALID, "The uploaded form is malformed (%s)", tr(e->lang, N_("boundary")));
	/* "\r\n--boundary": the delimiter as it appears after a part */
	char delim[MULTIPART_BOUNDARY_MAX + 5];
	snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	size_t dlen = blen + 4;
	size_t pos;
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		pos = dlen - 2;
	} else {
		const char *first = find(body, len, delim, dlen); /* after a preamble */
		if (!first)
			return err_set(e, ERR_INVALID, "The uploaded form is malformed (%s)", tr(e->lang, N_("no boundary")));
		pos = (size_t)(first - body) + dlen;
	}
	size_t cap = 0;
	int rc = 0;
	for (;;) {
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			break; /* the close delimiter; the epilogue is ignored */
		while (pos < len && (body[pos] == ' ' || body[pos] == '\t'))
			pos++;
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n') {
			rc = err_set(e, ERR_INVALID, "The uploaded form is malformed (%s)", tr(e->lang, N_("delimiter")));
			break;
		}
		pos += 2;
		if (out->n == MULTIPART_MAX_PARTS) {
			rc = err_set(e, ERR_TOOBIG, "The uploaded form has too many parts (at most %d)", MULTIPART_MAX_PARTS);
			break;
		}
		struct mp_part part = { 0 };
		if (part_headers(body, len, &pos, &part)) {
			part_free(&part);
			rc = err_set(e, ERR_INVALID, "The uploaded form is malformed (%s)", tr(e->lang, N_("part header")));
			break;
		}
		const char *next = find(body + pos, len - pos, delim, dlen);
		if (!next) {
			part_free(&part);
			rc = err_set(e, ERR_INVALID, "The uploaded form is malformed (%s)", tr(e->lang, N_("cut short")));
			break;
		}
		part.data = body + pos;
		part.len = (size_t)(next - (body + pos));
		if (out->n == cap) {
			cap = cap ? cap * 2 : 4;
			out->parts = xrealloc(out->parts, cap * sizeof *out->parts);
		}
		out->parts[out->n++] = part;
		pos = (size_t)(next - body) + dlen;
	}
	if (rc)
		multipart_release(out);
	return rc;
}

const struct mp_part *multipart_get(const struct multipart *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (str_eq(m->parts[i].name, name))
			return &m->parts[i];
	return NULL;
}
