/* xalloc.c — checked allocation and fault injection. */
#include "core/compat.h"
#include "core/xalloc.h"
#include "core/log.h"

#include <stdatomic.h>

static _Atomic long fail_countdown = -1;

void xalloc_fail_after(long n) { atomic_store(&fail_countdown, n); }
void xalloc_fail_reset(void) { atomic_store(&fail_countdown, -1); }

static bool injected_failure(void)
{
	long c = atomic_load(&fail_countdown);
	if (c < 0)
		return false;
	if (c == 0)
		return true;
	atomic_fetch_sub(&fail_countdown, 1);
	return false;
}

MINKA_NORETURN static void die_oom(size_t n)
{
	log_error("out of memory allocating %zu bytes", n);
	abort();
}

void *try_malloc(size_t n)
{
	if (injected_failure())
		return NULL;
	return malloc(n ? n : 1);
}

void *try_realloc(void *p, size_t n)
{
	if (injected_failure())
		return NULL;
	return realloc(p, n ? n : 1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		die_oom(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		log_error("xasprintf: bad format");
		abort();
	}
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}
