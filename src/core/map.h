/* map.h — a string-keyed hash map (open addressing, FNV-1a). Keys are copied;
 * values are the caller's. Not thread-safe for writes; fine for tables built at
 * start and only read afterwards. */
#ifndef MINKA_MAP_H
#define MINKA_MAP_H

#include "core/compat.h"

struct map_slot {
	char *key;
	void *value;
	uint64_t hash;
};

struct map {
	struct map_slot *slots;
	size_t cap, len;
};

void map_init(struct map *m);
/* Frees keys and slots; calls free_value on each value if given. */
void map_release(struct map *m, void (*free_value)(void *));
/* Sets key -> value; returns the previous value or NULL. */
void *map_put(struct map *m, const char *key, void *value);
void *map_get(const struct map *m, const char *key);
uint64_t map_hash(const char *s, size_t n);

#endif
