/*
 * The one check harness of the host unit tests (everything under tests/host): CHECK and
 * friends count every check, report a failure with file and line and go
 * on; check_done() prints "NAME: N checks, M failed" and gives main's exit
 * status; REQUIRE stops the program at its first failure (for tests
 * whose later steps build on the earlier ones). A test program of several files defines
 * CHECK_SHARED_COUNTERS before including this and CHECK_COUNTERS in exactly one of them.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef CHECK_SHARED_COUNTERS
extern long check_count, check_failures;
#define CHECK_COUNTERS long check_count, check_failures
#else
static long check_count __attribute__((unused)), check_failures __attribute__((unused));
#endif

/* Records one result; the message goes out only for a failure. */
#define CHECK_RESULT(ok, ...)                                                                      \
	do {                                                                                       \
		check_count++;                                                                     \
		if (!(ok)) {                                                                       \
			if (check_failures++ < 50) {                                               \
				fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                    \
				fprintf(stderr, __VA_ARGS__);                                      \
				fputc('\n', stderr);                                               \
			}                                                                          \
		}                                                                                  \
	} while (0)

#define CHECK(cond) CHECK_RESULT(cond, "CHECK failed: %s", #cond)

/* failures in bulk comparisons: the message is the caller's */
#define CHECK_QUIET(cond, ...) CHECK_RESULT(cond, __VA_ARGS__)

#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		CHECK_RESULT(g_ &&w_ && !strcmp(g_, w_), "%s: got \"%s\", want \"%s\"", #got,      \
		             g_ ? g_ : "(null)", w_ ? w_ : "(null)");                              \
	} while (0)

#define CHECK_INT(got, want)                                                                       \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		CHECK_RESULT(g_ == w_, "%s: got %lld, want %lld", #got, g_, w_);                   \
	} while (0)

/* A check the rest of the test cannot go on without: stops at its failure. */
#define REQUIRE(cond)                                                                              \
	do {                                                                                       \
		long f_ = check_failures;                                                          \
		CHECK_RESULT(cond, "REQUIRE failed: %s", #cond);                                   \
		if (check_failures != f_)                                                          \
			exit(1);                                                                   \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %ld checks, %ld failed\n", name, check_count, check_failures);
	return check_failures != 0;
}

#endif
