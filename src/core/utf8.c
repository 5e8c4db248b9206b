/* utf8.c — validation by hand (it is on the request path), folding with utf8proc. */
#include "core/compat.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <utf8proc.h>

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			if (c == 0)
				return false;
			i++;
			continue;
		}
		size_t len;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return false;
		i += len;
	}
	return true;
}

size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

size_t utf8_prefix_bytes(const char *s, size_t max_chars)
{
	size_t chars = 0, i = 0;
	while (s[i]) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == max_chars)
				break;
			chars++;
		}
		i++;
	}
	return i;
}

char *utf8_fold(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		return NULL;
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
						  UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
						  UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	/* collapse white space, trim */
	char *r = xmalloc((size_t)n + 1);
	size_t j = 0;
	bool space = false;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		unsigned char c = out[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = j > 0;
			continue;
		}
		if (space) {
			r[j++] = ' ';
			space = false;
		}
		r[j++] = (char)c;
	}
	r[j] = '\0';
	free(out);
	return r;
}
