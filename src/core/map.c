/* map.c — open-addressing hash map with linear probing. */
#include "core/compat.h"
#include "core/map.h"
#include "core/xalloc.h"

uint64_t map_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void map_init(struct map *m)
{
	m->slots = NULL;
	m->cap = m->len = 0;
}

void map_release(struct map *m, void (*free_value)(void *))
{
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		free(m->slots[i].key);
		if (free_value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	map_init(m);
}

static struct map_slot *find(const struct map *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

static void grow(struct map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	struct map_slot *old = m->slots;
	size_t ocap = m->cap;
	m->slots = xcalloc(ncap, sizeof *m->slots);
	m->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

void *map_put(struct map *m, const char *key, void *value)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t h = map_hash(key, strlen(key));
	struct map_slot *s = find(m, key, h);
	if (s->key) {
		void *prev = s->value;
		s->value = value;
		return prev;
	}
	s->key = xstrdup(key);
	s->hash = h;
	s->value = value;
	m->len++;
	return NULL;
}

void *map_get(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	struct map_slot *s = find(m, key, map_hash(key, strlen(key)));
	return s->key ? s->value : NULL;
}
