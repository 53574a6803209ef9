/*
 * strtol family: bases 2..36 and 0, prefixes, signs, end pointers,
 * overflow to ERANGE; then random numerals compared with glibc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include "test.h"
#include "rl.h"

static void cmp(const char *s, int base)
{
	char *e1, *e2;
	rl_errno = 0;
	errno = 0;
	long a = rl_strtol(s, &e1, base);
	long b = strtol(s, &e2, base);
	CHECK_QUIET(a == b && e1 == e2 && rl_errno == errno, "strtol(\"%s\", %d): %ld/%d, %ld/%d",
	            s, base, a, rl_errno, b, errno);
	rl_errno = 0;
	errno = 0;
	unsigned long ua = rl_strtoul(s, &e1, base), ub = strtoul(s, &e2, base);
	CHECK_QUIET(ua == ub && e1 == e2 && rl_errno == errno, "strtoul(\"%s\", %d)", s, base);
}

void test_strtol(void)
{
	char *end;
	const char *s = "  -0x1fz";
	CHECK_INT(rl_strtol(s, &end, 0), -31);
	CHECK(end == s + 7);
	s = "0x";
	CHECK_INT(rl_strtol(s, &end, 16), 0);
	CHECK(end == s + 1);
	s = "z";
	CHECK_INT(rl_strtol(s, &end, 36), 35);
	s = "  +";
	CHECK_INT(rl_strtol(s, &end, 10), 0);
	CHECK(end == s);
	rl_errno = 0;
	CHECK_INT(rl_strtol("9223372036854775808", NULL, 10), LONG_MAX);
	CHECK_INT(rl_errno, ERANGE);
	rl_errno = 0;
	CHECK_INT(rl_strtol("-9223372036854775808", NULL, 10), LONG_MIN);
	CHECK_INT(rl_errno, 0);
	rl_errno = 0;
	CHECK(rl_strtoul("-1", NULL, 10) == ULONG_MAX && rl_errno == 0);
	CHECK(rl_strtoull("99999999999999999999", NULL, 10) == ULLONG_MAX && rl_errno == ERANGE);
	rl_errno = 0;
	CHECK(rl_strtol("10", NULL, 1) == 0 && rl_errno == EINVAL);
	CHECK_INT(rl_strtoimax("0777", NULL, 0), 511);
	CHECK_INT(rl_strtoll("-101", NULL, 2), -5);
	CHECK_INT(rl_atoi("  42abc"), 42);
	CHECK_INT(rl_atol("-7"), -7);
	static const char *const edge[] = {"",
	                                   " ",
	                                   "-",
	                                   "0",
	                                   "00",
	                                   "0x",
	                                   "0X1G",
	                                   "-0",
	                                   "+-1",
	                                   "0b101",
	                                   "08",
	                                   "0x7fffffffffffffff",
	                                   "0x8000000000000000",
	                                   "-0x8000000000000000",
	                                   "-0x8000000000000001",
	                                   "18446744073709551615",
	                                   "18446744073709551616",
	                                   "\t\n 12"};
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
		cmp(edge[i], 0);
		cmp(edge[i], 10);
		cmp(edge[i], 16);
		cmp(edge[i], 8);
	}
	char buf[80];
	const char *digits = "0123456789abcdefghijklmnopqrstuvwxyzABCXYZ";
	for (int i = 0; i < 30000; i++) {
		int base = (int)(t_rand() % 37);
		if (base == 1)
			base = 0;
		int n = (int)(t_rand() % 70), k = 0;
		if (t_rand() % 4 == 0)
			buf[k++] = " -+"[t_rand() % 3];
		if (t_rand() % 4 == 0) {
			buf[k++] = '0';
			buf[k++] = "xX1"[t_rand() % 3];
		}
		while (n-- > 0)
			buf[k++] = digits[t_rand() % (base ? (unsigned)base + 1 : 17)];
		buf[k] = 0;
		cmp(buf, base);
	}
}
