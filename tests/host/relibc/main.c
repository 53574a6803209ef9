/*
 * Runs every relibc-c host test suite and prints the totals as
 * "relibc: N checks, N failed"; exits non-zero if anything failed.
 */
#include <stdlib.h>
#include <string.h>
#include "test.h"

CHECK_COUNTERS;

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

unsigned long long t_rand(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

double t_rand_double(void)
{
	for (;;) {
		unsigned long long bits = t_rand();
		double d;
		memcpy(&d, &bits, 8);
		if (__builtin_isfinite(d))
			return d;
	}
}

static const struct {
	const char *name;
	void (*run)(void);
} suites[] = {
    {"string", test_string},
    {"ctype_wchar", test_ctype_wchar},
    {"strtol", test_strtol},
    {"strtod", test_strtod},
    {"stdlib", test_stdlib},
    {"malloc", test_malloc},
    {"env", test_env},
    {"printf", test_printf},
    {"scanf", test_scanf},
    {"time", test_time},
    {"timespec", test_timespec},
    {"tz", test_tz},
    {"math", test_math},
    {"setjmp", test_setjmp},
    {"getopt_fnmatch", test_getopt_fnmatch},
    {"stdio", test_stdio},
    {"posix", test_posix},
    {"regex", test_regex},
    {"pthread", test_pthread},
    {"semaphore", test_semaphore},
    {"search", test_search},
    {"cancel", test_cancel},
};

int main(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
		if (argc > 1 && strcmp(argv[1], suites[i].name))
			continue;
		long n = check_count, f = check_failures;
		suites[i].run();
		printf("  %-12s %ld passed, %ld failed\n", suites[i].name,
		       (check_count - n) - (check_failures - f), check_failures - f);
	}
	return check_done("relibc");
}
