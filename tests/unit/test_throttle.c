/* test_throttle.c — sign-in back-off and lock, bounded memory. */
#include "core/compat.h"
#include "test.h"
#include "web/throttle.h"

TEST(backoff_then_lock_then_forget)
{
	throttle_reset_all();
	int64_t now = 1000, wait = 0;
	for (int i = 0; i < THROTTLE_FREE; i++) {
		CHECK(throttle_allowed("a:ana@x.pe", now, &wait));
		throttle_failure("a:ana@x.pe", now);
	}
	CHECK(throttle_allowed("a:ana@x.pe", now, &wait)); /* the first failures are free */
	throttle_failure("a:ana@x.pe", now);                /* 4th: wait 2 s */
	CHECK(!throttle_allowed("a:ana@x.pe", now, &wait));
	CHECK_INT(wait, 2);
	CHECK(throttle_allowed("a:ana@x.pe", now + 2, &wait));
	throttle_failure("a:ana@x.pe", now + 2);            /* 5th: 4 s */
	CHECK(!throttle_allowed("a:ana@x.pe", now + 5, &wait));
	CHECK_INT(wait, 1);
	for (int i = 6; i <= THROTTLE_LOCK; i++)
		throttle_failure("a:ana@x.pe", now + 10);
	CHECK(!throttle_allowed("a:ana@x.pe", now + 10 + THROTTLE_LOCK_SECONDS - 1, &wait));
	CHECK(throttle_allowed("a:ana@x.pe", now + 10 + THROTTLE_LOCK_SECONDS, &wait));
	CHECK(throttle_allowed("a:other@x.pe", now, &wait)); /* other keys unaffected */
	/* an hour later the count starts again */
	throttle_failure("a:ana@x.pe", now + 10 + THROTTLE_FORGET_SECONDS);
	CHECK(throttle_allowed("a:ana@x.pe", now + 10 + THROTTLE_FORGET_SECONDS, &wait));
}

TEST(addresses_get_more_room)
{
	throttle_reset_all();
	int64_t wait;
	for (int i = 0; i < THROTTLE_FREE * THROTTLE_ADDRESS_FACTOR; i++)
		throttle_failure("i:10.0.0.9", 50);
	CHECK(throttle_allowed("i:10.0.0.9", 50, &wait));
	throttle_failure("i:10.0.0.9", 50);
	CHECK(!throttle_allowed("i:10.0.0.9", 50, &wait));
}

TEST(success_clears)
{
	throttle_reset_all();
	for (int i = 0; i < 6 * THROTTLE_ADDRESS_FACTOR; i++)
		throttle_failure("i:10.0.0.1", 50);
	int64_t wait;
	CHECK(!throttle_allowed("i:10.0.0.1", 50, &wait));
	throttle_success("i:10.0.0.1");
	CHECK(throttle_allowed("i:10.0.0.1", 50, &wait));
}

TEST(a_flood_of_keys_does_not_erase_an_attack)
{
	throttle_reset_all();
	for (int i = 0; i < THROTTLE_LOCK; i++)
		throttle_failure("a:target@x.pe", 100);
	char key[64];
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "a:spray%d@x.pe", i);
		throttle_failure(key, 101);
	}
	int64_t wait;
	CHECK(!throttle_allowed("a:target@x.pe", 102, &wait));
}
