/* cache.c — a direct-mapped response cache: the key's hash picks a slot, a newer
 * entry replaces an older one. Slots are striped over a small set of locks. */
#include "core/compat.h"
#include "web/cache.h"
#include "core/map.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>

struct slot {
	char *key;
	char *data;
	size_t len;
	int64_t generation;
	int64_t stored_at;
	char ctype[64];
};

#define LOCKS 64

static struct slot slots[CACHE_SLOTS];
static pthread_mutex_t locks[LOCKS] = { [0 ... LOCKS - 1] = PTHREAD_MUTEX_INITIALIZER };
static _Atomic size_t held;
static _Atomic uint64_t hits, misses;

static size_t index_of(const char *key) { return (size_t)(map_hash(key, strlen(key)) % CACHE_SLOTS); }

bool cache_get(const char *key, int64_t generation, int64_t now, struct buf *out, char *ctype)
{
	size_t i = index_of(key);
	pthread_mutex_t *mu = &locks[i % LOCKS];
	bool hit = false;
	pthread_mutex_lock(mu);
	struct slot *s = &slots[i];
	if (s->key && s->generation == generation && now - s->stored_at < CACHE_TTL_SECONDS && str_eq(s->key, key) &&
	    buf_append(out, s->data, s->len) == 0) {
		snprintf(ctype, 64, "%s", s->ctype);
		hit = true;
	}
	pthread_mutex_unlock(mu);
	atomic_fetch_add(hit ? &hits : &misses, 1);
	return hit;
}

void cache_put(const char *key, int64_t generation, int64_t now, const char *data, size_t len, const char *ctype)
{
	if (len > CACHE_MAX_ENTRY || strlen(ctype) >= 64)
		return;
	size_t i = index_of(key);
	pthread_mutex_t *mu = &locks[i % LOCKS];
	pthread_mutex_lock(mu);
	struct slot *s = &slots[i];
	size_t freed = s->key ? s->len : 0;
	if (atomic_load(&held) - freed + len <= CACHE_BUDGET) {
		free(s->key);
		free(s->data);
		s->key = xstrdup(key);
		s->data = xmalloc(len ? len : 1);
		memcpy(s->data, data, len);
		s->len = len;
		s->generation = generation;
		s->stored_at = now;
		snprintf(s->ctype, sizeof s->ctype, "%s", ctype);
		atomic_fetch_add(&held, len);
		atomic_fetch_sub(&held, freed);
	}
	pthread_mutex_unlock(mu);
}

void cache_clear(void)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		pthread_mutex_t *mu = &locks[i % LOCKS];
		pthread_mutex_lock(mu);
		if (slots[i].key)
			atomic_fetch_sub(&held, slots[i].len);
		free(slots[i].key);
		free(slots[i].data);
		memset(&slots[i], 0, sizeof slots[i]);
		pthread_mutex_unlock(mu);
	}
}

void cache_stats(uint64_t *h, uint64_t *m, size_t *bytes)
{
	*h = atomic_load(&hits);
	*m = atomic_load(&misses);
	*bytes = atomic_load(&held);
}
