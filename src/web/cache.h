/* cache.h — rendered responses for anonymous GET requests of routes marked
 * ROUTE_CACHE, kept per process and checked against the database's data
 * generation (db_generation), so a page is served from memory only while no
 * write has been committed anywhere since it was built. Entries also expire
 * after a time-to-live, in case data is changed outside minka. Bounded: a fixed
 * number of slots and a total byte budget. Thread-safe. */
#ifndef MINKA_CACHE_H
#define MINKA_CACHE_H

#include "core/compat.h"
#include "core/buf.h"

#define CACHE_SLOTS 4096
#define CACHE_MAX_ENTRY ((size_t)256 << 10)
#define CACHE_BUDGET ((size_t)24 << 20)
#define CACHE_TTL_SECONDS 300

/* Copies a fresh entry for key into out and its content type into ctype
 * (size 64). True on a hit. */
bool cache_get(const char *key, int64_t generation, int64_t now, struct buf *out, char *ctype);
/* Stores data under key (ignored when too big or over budget). */
void cache_put(const char *key, int64_t generation, int64_t now, const char *data, size_t len, const char *ctype);
/* Drops everything (tests). */
void cache_clear(void);
/* Statistics since start: hits, misses, bytes held. */
void cache_stats(uint64_t *hits, uint64_t *misses, size_t *bytes);

#endif
