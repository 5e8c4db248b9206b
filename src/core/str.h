/* str.h — strict number parsing and small string helpers. */
#ifndef MINKA_STR_H
#define MINKA_STR_H

#include "core/compat.h"

/* Parses a whole decimal integer (optional sign, no spaces, no trailing text).
 * Returns 0 or ERR_INVALID (also on overflow). */
int str_to_int64(const char *s, int64_t *out);
/* Parses a positive id (1..INT64_MAX). 0 or ERR_INVALID. */
int str_to_id(const char *s, int64_t *out);
/* Parses a whole finite decimal number ("12", "-3.5", "1e3"). 0 or ERR_INVALID. */
int str_to_double(const char *s, double *out);
/* Trims ASCII white space in place; returns s. */
char *str_trim(char *s);
/* True if every byte is an ASCII digit and the string is non-empty. */
bool str_all_digits(const char *s);
/* Constant-time comparison of two equal-length byte strings. */
bool str_ct_equal(const void *a, const void *b, size_t n);

#endif
