/* assets.h — files compiled into the binary (templates, CSS, message catalogs,
 * migrations). The table is generated at build time by tools/embed.c. */
#ifndef MINKA_ASSETS_H
#define MINKA_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name;             /* e.g. "templates/layout.html" */
	const unsigned char *data;    /* NUL-terminated */
	size_t len;
	const char *etag;             /* content hash, quoted */
};

extern const struct asset minka_assets[];
extern const size_t minka_assets_count;

/* NULL if there is no such asset. */
const struct asset *asset_find(const char *name);

#endif
