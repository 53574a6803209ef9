/*
 * Timespec arithmetic (timespec.h): normalized values in, normalized
 * values out, never an overflow (a time past the largest saturates).
 */
#include <limits.h>

#include "timespec.h"

#define TIME_MAX ((time_t)LLONG_MAX)

int __relibc_timespec_valid(const struct timespec *t)
{
	return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < RELIBC_NS_PER_SEC;
}

int __relibc_timespec_cmp(const struct timespec *a, const struct timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

struct timespec __relibc_timespec_add(struct timespec a, struct timespec b)
{
	struct timespec r;
	if (a.tv_sec > TIME_MAX - b.tv_sec)
		return (struct timespec){TIME_MAX, RELIBC_NS_PER_SEC - 1};
	r.tv_sec = a.tv_sec + b.tv_sec;
	r.tv_nsec = a.tv_nsec + b.tv_nsec;
	if (r.tv_nsec >= RELIBC_NS_PER_SEC) {
		if (r.tv_sec == TIME_MAX)
			return (struct timespec){TIME_MAX, RELIBC_NS_PER_SEC - 1};
		r.tv_sec++;
		r.tv_nsec -= RELIBC_NS_PER_SEC;
	}
	return r;
}

struct timespec __relibc_timespec_left(struct timespec a, struct timespec b)
{
	if (__relibc_timespec_cmp(&a, &b) <= 0)
		return (struct timespec){0, 0};
	struct timespec r = {a.tv_sec - b.tv_sec, a.tv_nsec - b.tv_nsec};
	if (r.tv_nsec < 0) {
		r.tv_nsec += RELIBC_NS_PER_SEC;
		r.tv_sec--;
	}
	return r;
}

/* Whole periods of `p` in `d` (both normalized, p not zero). */
static long long periods(struct timespec d, struct timespec p)
{
	/* in nanoseconds while they fit (about 292 years), else by seconds */
	if (d.tv_sec < LLONG_MAX / RELIBC_NS_PER_SEC - 1) {
		long long dn = (long long)d.tv_sec * RELIBC_NS_PER_SEC + d.tv_nsec;
		long long pn = (long long)p.tv_sec * RELIBC_NS_PER_SEC + p.tv_nsec;
		if (p.tv_sec < LLONG_MAX / RELIBC_NS_PER_SEC - 1)
			return dn / pn;
		return 0; /* a period longer than d */
	}
	return p.tv_sec ? (long long)(d.tv_sec / p.tv_sec) : LLONG_MAX;
}

long long __relibc_timer_advance(struct timespec *next, const struct timespec *interval,
                                 const struct timespec *now)
{
	if (interval->tv_sec == 0 && interval->tv_nsec == 0)
		return 0;
	long long missed = periods(__relibc_timespec_left(*now, *next), *interval);
	/* next += (missed + 1) * interval, without multiplying out of range */
	long long n = missed + 1;
	struct timespec step = *interval, at = *next;
	while (n) {
		if (n & 1)
			at = __relibc_timespec_add(at, step);
		n >>= 1;
		if (n)
			step = __relibc_timespec_add(step, step);
	}
	/* rounding in periods() may leave it at now: one more */
	if (__relibc_timespec_cmp(&at, now) <= 0) {
		at = __relibc_timespec_add(at, *interval);
		missed++;
	}
	*next = at;
	return missed;
}
