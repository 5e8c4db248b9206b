/* multipart.h — multipart/form-data (RFC 7578, framing of RFC 2046) for the
 * forms that upload files. A pure parser over a body already in memory (the
 * server bounds it per route): no HTTP library in here, so it is fuzzed on its
 * own (fuzz/fuzz_multipart.c).
 *
 * Strict where it matters: every part needs a Content-Disposition of
 * "form-data" with a name; lines end in CRLF; the closing delimiter must be
 * there; names, file names, header lines and the number of parts are bounded.
 * A part's contents are not copied: they point into the body. */
#ifndef MINKA_MULTIPART_H
#define MINKA_MULTIPART_H

#include "core/compat.h"
#include "core/err.h"

#define MULTIPART_MAX_PARTS 64
#define MULTIPART_BOUNDARY_MAX 70      /* RFC 2046 */
#define MULTIPART_NAME_MAX 100
#define MULTIPART_FILENAME_MAX 255
#define MULTIPART_HEADER_MAX 1024      /* one header line */
#define MULTIPART_HEADERS_MAX 8        /* header lines per part */

struct mp_part {
	char *name;           /* the form field */
	char *filename;       /* NULL for an ordinary field */
	char *content_type;   /* as sent, or NULL */
	const char *data;     /* into the body; not NUL-terminated */
	size_t len;
};

struct multipart {
	struct mp_part *parts;
	size_t n;
};

/* The boundary parameter of a Content-Type "multipart/form-data; boundary=..."
 * (quoted or not) into out (MULTIPART_BOUNDARY_MAX + 1). 0, or ERR_INVALID when
 * the type is not multipart/form-data or the boundary is missing or malformed. */
int multipart_boundary(const char *content_type, char out[MULTIPART_BOUNDARY_MAX + 1]);

/* Splits body into parts. 0, or ERR_INVALID / ERR_TOOBIG with a message; on
 * error *out is empty. Release with multipart_release(). */
int multipart_parse(const char *body, size_t len, const char *boundary, struct multipart *out, struct err *e);
void multipart_release(struct multipart *m);
/* The first part named `name`, or NULL. */
const struct mp_part *multipart_get(const struct multipart *m, const char *name);

#endif
