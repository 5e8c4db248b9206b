/* fuzz_multipart.c — libFuzzer target for web/multipart.c: the boundary
 * parameter of a Content-Type and the multipart/form-data body parser.
 * Input: "CONTENT-TYPE\nBODY" (the body as received, CRLFs included). */
#include "core/compat.h"
#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	const char *nl = memchr(p, '\n', size);
	size_t n = nl ? (size_t)(nl - p) : size;
	char *ctype = malloc(n + 1);
	memcpy(ctype, p, n);
	ctype[n] = '\0';
	const char *body = nl ? nl + 1 : end;
	size_t blen = (size_t)(end - body);
	/* the body in its own allocation, so reads past it are caught */
	char *copy = malloc(blen ? blen : 1);
	memcpy(copy, body, blen);
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	struct err e;
	err_init(&e, NULL);
	struct multipart m;
	if (multipart_boundary(ctype, boundary) == 0 && multipart_parse(copy, blen, boundary, &m, &e) == 0) {
		for (size_t i = 0; i < m.n; i++) {
			const struct mp_part *pt = &m.parts[i];
			if (pt->len && (pt->data < copy || pt->data + pt->len > copy + blen))
				__builtin_trap();
			(void)multipart_get(&m, pt->name);
		}
		multipart_release(&m);
	}
	free(copy);
	free(ctype);
	return 0;
}
