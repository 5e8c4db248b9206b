/* assets.c — lookup in the generated asset table (sorted by name). */
#include "core/compat.h"
#include "core/assets.h"

const struct asset *asset_find(const char *name)
{
	size_t lo = 0, hi = minka_assets_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, minka_assets[mid].name);
		if (c == 0)
			return &minka_assets[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
