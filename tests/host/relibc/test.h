/*
 * A minimal test harness for the relibc-c host tests: CHECK macros that
 * count passes and report failures, and the list of suites.
 */
#ifndef RELIBC_TEST_H
#define RELIBC_TEST_H

#include <stdio.h>
#include <string.h>

extern long t_pass, t_fail;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			t_pass++;                                                                  \
		} else {                                                                           \
			t_fail++;                                                                  \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		if (g_ && w_ && !strcmp(g_, w_)) {                                                 \
			t_pass++;                                                                  \
		} else {                                                                           \
			t_fail++;                                                                  \
			fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__,          \
			        __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");           \
		}                                                                                  \
	} while (0)

#define CHECK_INT(got, want)                                                                       \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		if (g_ == w_) {                                                                    \
			t_pass++;                                                                  \
		} else {                                                                           \
			t_fail++;                                                                  \
			fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__,    \
			        #got, g_, w_);                                                     \
		}                                                                                  \
	} while (0)

/* failures in bulk comparisons print only the first few */
#define CHECK_QUIET(cond, ...)                                                                     \
	do {                                                                                       \
		if (cond) {                                                                        \
			t_pass++;                                                                  \
		} else {                                                                           \
			if (t_fail++ < 50) {                                                       \
				fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                    \
				fprintf(stderr, __VA_ARGS__);                                      \
				fputc('\n', stderr);                                               \
			}                                                                          \
		}                                                                                  \
	} while (0)

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
void test_posix(void);
void test_regex(void);

#endif
