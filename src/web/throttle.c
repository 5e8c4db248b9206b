/* throttle.c — a fixed table of failure counters (direct-mapped by key hash). A
 * new key only displaces an entry that is stale or has few failures, so a burst
 * of random keys cannot wash out the counters of an attack in progress. */
#include "core/compat.h"
#include "web/throttle.h"
#include "core/map.h"

#include <pthread.h>

struct entry {
	char key[96];
	uint32_t failures;
	int64_t last_failure;
	int64_t next_allowed;
};

static struct entry table[THROTTLE_SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static struct entry *slot(const char *key) { return &table[map_hash(key, strlen(key)) % THROTTLE_SLOTS]; }

bool throttle_allowed(const char *key, int64_t now, int64_t *wait)
{
	pthread_mutex_lock(&mu);
	struct entry *s = slot(key);
	bool ok = true;
	if (s->key[0] && strcmp(s->key, key) == 0 && now < s->next_allowed) {
		ok = false;
		*wait = s->next_allowed - now;
	}
	pthread_mutex_unlock(&mu);
	return ok;
}

void throttle_failure(const char *key, int64_t now)
{
	pthread_mutex_lock(&mu);
	struct entry *s = slot(key);
	if (!s->key[0] || strcmp(s->key, key) != 0) {
		bool stale = now - s->last_failure >= THROTTLE_FORGET_SECONDS;
		if (s->key[0] && !stale && s->failures > THROTTLE_FREE) {
			pthread_mutex_unlock(&mu); /* keep the counter of an attack in progress */
			return;
		}
		memset(s, 0, sizeof *s);
		snprintf(s->key, sizeof s->key, "%s", key);
	} else if (now - s->last_failure >= THROTTLE_FORGET_SECONDS) {
		s->failures = 0;
	}
	s->failures++;
	s->last_failure = now;
	uint32_t factor = str_starts(key, "i:") ? THROTTLE_ADDRESS_FACTOR : 1;
	uint32_t free_n = THROTTLE_FREE * factor, lock_n = THROTTLE_LOCK * factor;
	if (s->failures >= lock_n)
		s->next_allowed = now + THROTTLE_LOCK_SECONDS;
	else if (s->failures > free_n)
		s->next_allowed = now + ((int64_t)1 << (s->failures - free_n > 20 ? 20 : s->failures - free_n));
	pthread_mutex_unlock(&mu);
}

void throttle_success(const char *key)
{
	pthread_mutex_lock(&mu);
	struct entry *s = slot(key);
	if (s->key[0] && strcmp(s->key, key) == 0)
		memset(s, 0, sizeof *s);
	pthread_mutex_unlock(&mu);
}

void throttle_reset_all(void)
{
	pthread_mutex_lock(&mu);
	memset(table, 0, sizeof table);
	pthread_mutex_unlock(&mu);
}
