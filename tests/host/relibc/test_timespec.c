/*
 * relibc-c's timespec arithmetic (src/time/timespec.c: the timers'
 * expiry and overrun arithmetic, clock_nanosleep's time left) against a
 * reference in 128-bit nanoseconds, on edge cases and random values.
 */
#include <limits.h>
#include <time.h>

#include "test.h"

int rl___relibc_timespec_valid(const struct timespec *t);
int rl___relibc_timespec_cmp(const struct timespec *a, const struct timespec *b);
struct timespec rl___relibc_timespec_add(struct timespec a, struct timespec b);
struct timespec rl___relibc_timespec_left(struct timespec a, struct timespec b);
long long rl___relibc_timer_advance(struct timespec *next, const struct timespec *interval,
                                    const struct timespec *now);

#define NS 1000000000LL
typedef __int128 i128;

static i128 ns(struct timespec t)
{
	return (i128)t.tv_sec * NS + t.tv_nsec;
}

static struct timespec ts(i128 v)
{
	return (struct timespec){(time_t)(v / NS), (long)(v % NS)};
}

static int same(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static struct timespec rand_ts(long long max_sec)
{
	return (struct timespec){(time_t)(t_rand() % (unsigned long long)max_sec),
	                         (long)(t_rand() % NS)};
}

static void edges(void)
{
	struct timespec zero = {0, 0}, one = {0, 1}, big = {LLONG_MAX, NS - 1};
	CHECK(rl___relibc_timespec_valid(&zero));
	CHECK(rl___relibc_timespec_valid(&big));
	CHECK(!rl___relibc_timespec_valid(&(struct timespec){0, NS}));
	CHECK(!rl___relibc_timespec_valid(&(struct timespec){0, -1}));
	CHECK(!rl___relibc_timespec_valid(&(struct timespec){-1, 0}));
	CHECK_INT(rl___relibc_timespec_cmp(&zero, &one), -1);
	CHECK_INT(rl___relibc_timespec_cmp(&one, &zero), 1);
	CHECK_INT(rl___relibc_timespec_cmp(&one, &one), 0);
	/* a carry into the seconds, and saturation instead of wrapping */
	CHECK(same(rl___relibc_timespec_add((struct timespec){1, NS - 1}, one),
	           (struct timespec){2, 0}));
	CHECK(same(rl___relibc_timespec_add(big, one), big));
	CHECK(same(
	    rl___relibc_timespec_add((struct timespec){LLONG_MAX, 5}, (struct timespec){0, NS - 5}),
	    big));
	/* the time left: never negative */
	CHECK(same(rl___relibc_timespec_left(one, zero), one));
	CHECK(same(rl___relibc_timespec_left(zero, one), zero));
	CHECK(same(rl___relibc_timespec_left((struct timespec){2, 0}, one),
	           (struct timespec){1, NS - 1}));
	/* a one-shot timer: no overrun, next unchanged */
	struct timespec next = {5, 0}, now = {9, 0};
	CHECK_INT(rl___relibc_timer_advance(&next, &zero, &now), 0);
	CHECK(same(next, (struct timespec){5, 0}));
	/* due exactly now: the next period, no overrun */
	next = (struct timespec){5, 0};
	now = next;
	CHECK_INT(rl___relibc_timer_advance(&next, &(struct timespec){1, 0}, &now), 0);
	CHECK(same(next, (struct timespec){6, 0}));
	/* 2.5 periods late: 2 missed, next after now */
	next = (struct timespec){10, 0};
	now = (struct timespec){12, 500000000};
	CHECK_INT(rl___relibc_timer_advance(&next, &(struct timespec){1, 0}, &now), 2);
	CHECK(same(next, (struct timespec){13, 0}));
	/* exactly on a later period: that one counts as passed */
	next = (struct timespec){0, 100};
	now = (struct timespec){0, 400};
	CHECK_INT(rl___relibc_timer_advance(&next, &(struct timespec){0, 100}, &now), 3);
	CHECK(same(next, (struct timespec){0, 500}));
}

static void random_values(void)
{
	int bad_add = 0, bad_left = 0, bad_cmp = 0, bad_adv = 0;
	for (int i = 0; i < 20000; i++) {
		struct timespec a = rand_ts(1LL << 40), b = rand_ts(i & 1 ? 1000 : 1LL << 40);
		if (ns(rl___relibc_timespec_add(a, b)) != ns(a) + ns(b))
			bad_add++;
		i128 left = ns(a) > ns(b) ? ns(a) - ns(b) : 0;
		if (!same(rl___relibc_timespec_left(a, b), ts(left)))
			bad_left++;
		int want = ns(a) < ns(b) ? -1 : ns(a) > ns(b);
		if (rl___relibc_timespec_cmp(&a, &b) != want)
			bad_cmp++;
		/* a periodic timer due at a, read at a + late */
		struct timespec period = rand_ts(i & 2 ? 3 : 100000);
		if (!period.tv_sec && !period.tv_nsec)
			period.tv_nsec = 1;
		struct timespec late = rand_ts(i & 4 ? 10 : 1000000), next = a;
		struct timespec now = ts(ns(a) + ns(late));
		long long missed = rl___relibc_timer_advance(&next, &period, &now);
		i128 want_missed = ns(late) / ns(period);
		if (missed != (long long)want_missed ||
		    ns(next) != ns(a) + (want_missed + 1) * ns(period) || ns(next) <= ns(now))
			bad_adv++;
	}
	CHECK_INT(bad_add, 0);
	CHECK_INT(bad_left, 0);
	CHECK_INT(bad_cmp, 0);
	CHECK_INT(bad_adv, 0);
}

void test_timespec(void)
{
	edges();
	random_values();
}
