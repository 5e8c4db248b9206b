/* money.c — exact money parsing and formatting. */
#include "core/compat.h"
#include "core/money.h"
#include "core/err.h"

int money_parse(const char *s, int64_t *cents)
{
	if (!s)
		return ERR_INVALID;
	while (*s == ' ')
		s++;
	bool neg = false;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (s[0] == 'S' && s[1] == '/') {
		s += 2;
		if (*s == '.')
			s++;
		while (*s == ' ')
			s++;
	}
	if (*s == '-') {
		if (neg)
			return ERR_INVALID;
		neg = true;
		s++;
	}
	if (!isdigit((unsigned char)*s))
		return ERR_INVALID;
	/* integer part, with optional comma grouping */
	uint64_t units = 0;
	int digits_in_group = 0;
	bool grouped = false, first_group = true;
	const char *p = s;
	for (; *p && *p != '.'; p++) {
		if (*p == ',') {
			if (digits_in_group == 0 || (first_group ? digits_in_group > 3 : digits_in_group != 3))
				return ERR_INVALID;
			grouped = true;
			first_group = false;
			digits_in_group = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			return ERR_INVALID;
		if (units > (UINT64_MAX - 9) / 10)
			return ERR_INVALID;
		units = units * 10 + (uint64_t)(*p - '0');
		digits_in_group++;
	}
	if (grouped && digits_in_group != 3)
		return ERR_INVALID;
	uint64_t frac = 0;
	if (*p == '.') {
		p++;
		int nd = 0;
		if (!isdigit((unsigned char)*p))
			return ERR_INVALID;
		for (; *p; p++, nd++) {
			if (!isdigit((unsigned char)*p))
				break;
			if (nd < 2)
				frac = frac * 10 + (uint64_t)(*p - '0');
			else if (*p != '0')
				return ERR_INVALID; /* would lose céntimos */
		}
		if (nd == 1)
			frac *= 10;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return ERR_INVALID;
	if (units > (uint64_t)INT64_MAX / 100)
		return ERR_INVALID;
	uint64_t total = units * 100 + frac;
	if (total > (uint64_t)INT64_MAX)
		return ERR_INVALID;
	*cents = neg ? -(int64_t)total : (int64_t)total;
	return 0;
}

static const char *format(int64_t cents, const char *symbol, bool group, char out[MONEY_FMT_MAX])
{
	uint64_t v = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	uint64_t units = v / 100, frac = v % 100;
	char digits[32];
	int nd = snprintf(digits, sizeof digits, "%" PRIu64, units);
	char grouped[48];
	int j = 0;
	for (int i = 0; i < nd; i++) {
		if (group && i > 0 && (nd - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	/* at most "-S/ " + 26 grouped digits + ".00": always fits MONEY_FMT_MAX */
	if (snprintf(out, MONEY_FMT_MAX, "%s%s%s.%02u", cents < 0 ? "-" : "", symbol, grouped, (unsigned)frac) < 0)
		out[0] = '\0';
	return out;
}

const char *money_format(int64_t cents, bool with_symbol, char out[MONEY_FMT_MAX])
{
	return with_symbol ? format(cents, "S/ ", true, out) : format(cents, "", false, out);
}

const char *money_format_grouped(int64_t cents, char out[MONEY_FMT_MAX])
{
	return format(cents, "", true, out);
}

int money_add(int64_t a, int64_t b, int64_t *out)
{
	if (__builtin_add_overflow(a, b, out))
		return ERR_INVALID;
	return 0;
}

int64_t money_percent_bp(int64_t part, int64_t whole)
{
	if (whole == 0)
		return 0;
	/* part * 10000 / whole, rounded half away from zero, in 128-bit to avoid overflow */
	__int128 num = (__int128)part * 10000;
	__int128 den = whole;
	bool neg = (num < 0) != (den < 0);
	if (num < 0)
		num = -num;
	if (den < 0)
		den = -den;
	__int128 q = (num * 2 + den) / (den * 2);
	return (int64_t)(neg ? -q : q);
}
