/* date.h — ISO 8601 calendar dates and UTC timestamps. The clock is read only by
 * the faces (web, cli) through clock_now() and passed down; rules never read it. */
#ifndef MINKA_DATE_H
#define MINKA_DATE_H

#include "core/compat.h"

struct date {
	int year, month, day;
};

#define DATE_FMT_MAX 11      /* "YYYY-MM-DD" */
#define DATETIME_FMT_MAX 21  /* "YYYY-MM-DDTHH:MM:SSZ" */

bool date_valid(int year, int month, int day);
/* Strict "YYYY-MM-DD". 0 or ERR_INVALID. */
int date_parse(const char *s, struct date *d);
const char *date_format(struct date d, char out[DATE_FMT_MAX]);
/* Days since 1970-01-01 (negative before). */
int64_t date_to_days(struct date d);
struct date date_from_days(int64_t days);
int date_cmp(struct date a, struct date b);
int date_quarter(struct date d); /* 1..4 */
int date_days_in_month(int year, int month);

/* "YYYY-MM-DDTHH:MM:SS" with "Z" or "±HH:MM" (or none = UTC), or a bare date
 * (midnight UTC). Returns seconds since the epoch. 0 or ERR_INVALID. */
int datetime_parse(const char *s, int64_t *epoch);
const char *datetime_format(int64_t epoch, char out[DATETIME_FMT_MAX]);
struct date date_from_epoch(int64_t epoch);

/* Wall clock, seconds since the epoch (UTC). Faces only. */
int64_t clock_now(void);

#endif
