/* throttle.h — sign-in throttling per account and per client address, in
 * memory and bounded. After THROTTLE_FREE failures each further failure doubles
 * the wait (2 s, 4 s, 8 s, ...); after THROTTLE_LOCK failures the key is locked
 * for THROTTLE_LOCK_SECONDS. Address keys ("i:...") get THROTTLE_ADDRESS_FACTOR
 * times the allowance: a municipal office signs in from one NATed address. A
 * success clears the key. Entries forget after an hour without failures. Each
 * process keeps its own table. */
#ifndef MINKA_THROTTLE_H
#define MINKA_THROTTLE_H

#include "core/compat.h"

#define THROTTLE_SLOTS 4096
#define THROTTLE_FREE 3
#define THROTTLE_LOCK 10
#define THROTTLE_LOCK_SECONDS (15 * 60)
#define THROTTLE_FORGET_SECONDS 3600
#define THROTTLE_ADDRESS_FACTOR 5

/* True if an attempt for key may proceed now; else *wait = seconds to wait. */
bool throttle_allowed(const char *key, int64_t now, int64_t *wait);
void throttle_failure(const char *key, int64_t now);
void throttle_success(const char *key);
void throttle_reset_all(void);

#endif
