/* date.c — civil-calendar arithmetic (proleptic Gregorian, days-from-civil). */
#include "core/compat.h"
#include "core/date.h"
#include "core/err.h"

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int year, int month)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : dim[month - 1];
}

bool date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return ERR_INVALID;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, struct date *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return ERR_INVALID;
	struct date r;
	if (digits(s, 4, &r.year) || digits(s + 5, 2, &r.month) || digits(s + 8, 2, &r.day))
		return ERR_INVALID;
	if (!date_valid(r.year, r.month, r.day))
		return ERR_INVALID;
	*d = r;
	return 0;
}

const char *date_format(struct date d, char out[DATE_FMT_MAX])
{
	snprintf(out, DATE_FMT_MAX, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
		 (unsigned)d.day % 100u);
	return out;
}

int64_t date_to_days(struct date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	struct date r = { (int)(y + (m <= 2)), (int)m, (int)d };
	return r;
}

int date_cmp(struct date a, struct date b)
{
	int64_t x = date_to_days(a), y = date_to_days(b);
	return x < y ? -1 : x > y;
}

int date_quarter(struct date d) { return (d.month - 1) / 3 + 1; }

int datetime_parse(const char *s, int64_t *epoch)
{
	struct date d;
	if (!s || strlen(s) < 10)
		return ERR_INVALID;
	char day[11];
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse(day, &d))
		return ERR_INVALID;
	int64_t secs = date_to_days(d) * 86400;
	const char *p = s + 10;
	if (!*p) {
		*epoch = secs;
		return 0;
	}
	if ((*p != 'T' && *p != ' ') || strlen(p) < 9 || p[3] != ':' || p[6] != ':')
		return ERR_INVALID;
	int hh, mm, ss;
	if (digits(p + 1, 2, &hh) || digits(p + 4, 2, &mm) || digits(p + 7, 2, &ss))
		return ERR_INVALID;
	if (hh > 23 || mm > 59 || ss > 60)
		return ERR_INVALID;
	p += 9;
	if (*p == '.') { /* fractional seconds: accepted, dropped */
		p++;
		if (!isdigit((unsigned char)*p))
			return ERR_INVALID;
		while (isdigit((unsigned char)*p))
			p++;
	}
	int offset = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		if (strlen(p) != 6 || p[3] != ':' || digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) ||
		    oh > 23 || om > 59)
			return ERR_INVALID;
		offset = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
		p += 6;
	}
	if (*p)
		return ERR_INVALID;
	*epoch = secs + hh * 3600 + mm * 60 + ss - offset;
	return 0;
}

const char *datetime_format(int64_t epoch, char out[DATETIME_FMT_MAX])
{
	int64_t days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
	int64_t rem = epoch - days * 86400;
	struct date d = date_from_days(days);
	snprintf(out, DATETIME_FMT_MAX, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)d.year % 10000u,
		 (unsigned)d.month % 100u, (unsigned)d.day % 100u, (unsigned)(rem / 3600) % 100u,
		 (unsigned)(rem / 60 % 60), (unsigned)(rem % 60));
	return out;
}

struct date date_from_epoch(int64_t epoch)
{
	int64_t days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
	return date_from_days(days);
}

int64_t clock_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}
