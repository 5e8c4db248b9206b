/* str.c — strict parsing. */
#include "core/compat.h"
#include "core/str.h"
#include "core/err.h"

#include <math.h>

int str_to_int64(const char *s, int64_t *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return ERR_INVALID;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s)
		return ERR_INVALID;
	*out = (int64_t)v;
	return 0;
}

int str_to_id(const char *s, int64_t *out)
{
	int64_t v;
	if (!s || !isdigit((unsigned char)*s) || str_to_int64(s, &v) || v < 1)
		return ERR_INVALID;
	*out = v;
	return 0;
}

int str_to_double(const char *s, double *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return ERR_INVALID;
	for (const char *p = s; *p; p++)
		if (!(isdigit((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+' ||
		      *p == 'e' || *p == 'E'))
			return ERR_INVALID;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v))
		return ERR_INVALID;
	*out = v;
	return 0;
}

char *str_trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t i = 0;
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

bool str_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

bool str_ct_equal(const void *a, const void *b, size_t n)
{
	const volatile unsigned char *x = a, *y = b;
	unsigned char d = 0;
	for (size_t i = 0; i < n; i++)
		d |= x[i] ^ y[i];
	return d == 0;
}
