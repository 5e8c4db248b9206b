/* xalloc.h — allocation that never returns NULL: on failure minka logs and aborts
 * (nothing is ever dropped silently). Tests can inject failures through
 * xalloc_fail_after(): the Nth allocation then fails, and code written to handle
 * failure (the buf and csv modules use the try_ variants) can be exercised. */
#ifndef MINKA_XALLOC_H
#define MINKA_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Caller frees the result. Formats like asprintf; dies on failure. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Fallible variants: return NULL on failure (real or injected). */
void *try_malloc(size_t n);
void *try_realloc(void *p, size_t n);

/* Fault injection for tests: after `n` more successful try_ allocations, every
 * try_ allocation fails until xalloc_fail_reset(). n < 0 disables. */
void xalloc_fail_after(long n);
void xalloc_fail_reset(void);

#endif
