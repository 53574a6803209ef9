/*
 * A minimal check harness for the host unit tests of common/toml,
 * common/crypto and the installer: CHECK() records a failure with its
 * location and goes on; check_exit() makes main() fail if any check did.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		check_count++;                                                                     \
		if (!(cond)) {                                                                     \
			check_failures++;                                                          \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

/* Compares two strings, printing both when they differ. */
#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		const char *got_ = (got), *want_ = (want);                                         \
		check_count++;                                                                     \
		if (!got_ || strcmp(got_, want_) != 0) {                                           \
			check_failures++;                                                          \
			fprintf(stderr, "%s:%d: %s\n   got: %s\n  want: %s\n", __FILE__, __LINE__, \
			        #got, got_ ? got_ : "(null)", want_);                              \
		}                                                                                  \
	} while (0)

static inline int check_exit(const char *name)
{
	if (check_failures) {
		fprintf(stderr, "%s: %d of %d checks FAILED\n", name, check_failures, check_count);
		return 1;
	}
	printf("%s: all %d checks passed\n", name, check_count);
	return 0;
}

#endif
