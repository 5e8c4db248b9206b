/* compat.h — included first by every .c file in minka.
 * Fixes the feature-test macros and the standard headers everyone needs, then bans
 * the unsafe libc calls (see banned.h). */
#ifndef MINKA_COMPAT_H
#define MINKA_COMPAT_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <ctype.h>
#include <unistd.h>
#include <sys/types.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MINKA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define MINKA_NORETURN __attribute__((noreturn))
#define MINKA_UNUSED __attribute__((unused))
#define MINKA_WARN_UNUSED __attribute__((warn_unused_result))

/* Compare two strings for equality; NULL equals only NULL. */
static inline bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static inline bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

#include "core/banned.h"

#endif
