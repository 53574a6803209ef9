/*
 * The relibc-c host tests' shared declarations: tests/host/check.h's
 * harness (counters shared by every suite), the list of suites and the
 * timing helpers of the blocking calls' tests.
 */
#ifndef RELIBC_TEST_H
#define RELIBC_TEST_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CHECK_SHARED_COUNTERS
#include "../check.h"

/* a deterministic generator so failures reproduce */
unsigned long long t_rand(void);
double t_rand_double(void); /* any finite double, all exponents */

void test_string(void);
void test_ctype_wchar(void);
void test_strtol(void);
void test_strtod(void);
void test_stdlib(void);
void test_malloc(void);
void test_env(void);
void test_printf(void);
void test_scanf(void);
void test_time(void);
void test_timespec(void);
void test_tz(void);
void test_math(void);
void test_setjmp(void);
void test_getopt_fnmatch(void);
void test_stdio(void);
void test_pthread(void);
void test_semaphore(void);
void test_cancel(void);
void test_posix(void);
void test_regex(void);
void test_search(void);

/* Timeouts for the blocking calls' tests: now + ms on CLOCK, as an absolute time. */
static inline struct timespec in_ms(clockid_t clock, long ms)
{
	struct timespec t;
	clock_gettime(clock, &t);
	t.tv_nsec += (ms % 1000) * 1000000L;
	t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	return t;
}

/* Milliseconds on CLOCK_MONOTONIC since t0. */
static inline long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

#endif
