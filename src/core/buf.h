/* buf.h — one bounded growable byte buffer (after curl's dynbuf).
 * Every append checks the size cap given at init; past it the append fails with
 * ERR_TOOBIG and the buffer keeps what it had. Allocation failure yields ERR_NOMEM
 * (the buffer is fallible on purpose: it holds request bodies and responses, whose
 * size comes from outside). The content is always NUL-terminated. */
#ifndef MINKA_BUF_H
#define MINKA_BUF_H

#include "core/compat.h"

struct buf {
	char *data;   /* NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;   /* hard cap on len */
};

#define BUF_DEFAULT_MAX ((size_t)64 << 20)

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);      /* frees memory; reusable after buf_init */
void buf_reset(struct buf *b);        /* len = 0, keeps memory */
int buf_reserve(struct buf *b, size_t extra) MINKA_WARN_UNUSED;
int buf_append(struct buf *b, const void *data, size_t n);
int buf_appends(struct buf *b, const char *s);
int buf_appendc(struct buf *b, char c);
int buf_appendf(struct buf *b, const char *fmt, ...) MINKA_PRINTF(2, 3);
int buf_vappendf(struct buf *b, const char *fmt, va_list ap) MINKA_PRINTF(2, 0);
/* Appends `s` (n bytes) escaped for HTML text and attribute values. */
int buf_append_html(struct buf *b, const char *s, size_t n);
/* Appends s percent-encoded for a URL query component. */
int buf_append_urlenc(struct buf *b, const char *s);
/* Always a valid C string ("" when empty). Owned by the buffer. */
const char *buf_cstr(const struct buf *b);
/* Takes the memory out of the buffer; caller frees. The buffer is left empty. */
char *buf_detach(struct buf *b, size_t *len);
/* Removes trailing bytes so that len == n (n <= len). */
void buf_truncate(struct buf *b, size_t n);

#endif
