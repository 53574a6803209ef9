/*
 * The cookbook's unit tests' few helpers: CHECK(cond) and CHECK_STR(a, b)
 * count failures and report them with file and line; DONE() prints the
 * summary and gives main's exit status.
 */
#ifndef TESTS_COOKBOOK_CHECK_H
#define TESTS_COOKBOOK_CHECK_H

#include <stdio.h>
#include <string.h>

static int checks_run, checks_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		checks_run++;                                                                      \
		if (!(cond)) {                                                                     \
			checks_failed++;                                                           \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *a_ = (a), *b_ = (b);                                                   \
		checks_run++;                                                                      \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                           \
			checks_failed++;                                                           \
			fprintf(stderr, "%s:%d: expected \"%s\"\n    got      \"%s\"\n", __FILE__, \
			        __LINE__, b_ ? b_ : "(null)", a_ ? a_ : "(null)");                 \
		}                                                                                  \
	} while (0)

#define DONE(name)                                                                                 \
	(printf("%s: %d checks, %d failed\n", name, checks_run, checks_failed),                    \
	 checks_failed ? 1 : 0)

#endif
