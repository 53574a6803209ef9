/*
 * Timespec arithmetic shared by the clocks and timers of the platform
 * layer (clock_nanosleep, the SIGEV_THREAD timers of platform/timer.c):
 * kernel independent, so the host tests check it (test_timespec.c).
 */
#ifndef RELIBC_TIME_TIMESPEC_H
#define RELIBC_TIME_TIMESPEC_H

#include <time.h>

#define RELIBC_NS_PER_SEC 1000000000L

/* 1 if 0 <= tv_nsec < 1e9 and tv_sec >= 0 (a delay or a time POSIX accepts). */
int __relibc_timespec_valid(const struct timespec *t);
/* -1, 0, 1 as a is before, at, after b. */
int __relibc_timespec_cmp(const struct timespec *a, const struct timespec *b);
/* a + b for normalized values; saturates at the largest time instead of wrapping. */
struct timespec __relibc_timespec_add(struct timespec a, struct timespec b);
/* a - b, or zero when b is at or after a (the time left until a). */
struct timespec __relibc_timespec_left(struct timespec a, struct timespec b);
/*
 * A periodic timer due at *next (period *interval, zero: once) and the
 * time now, at or after *next: returns how many periods after the first
 * have also passed (the overrun), and moves *next to the first expiry
 * after now (unchanged for a one-shot timer).
 */
long long __relibc_timer_advance(struct timespec *next, const struct timespec *interval,
                                 const struct timespec *now);

#endif
