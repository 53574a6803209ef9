/*
 * printf family: fixed expectations, then bulk comparison with glibc's
 * snprintf for random doubles in every float conversion and random
 * integer specifications (flags, width, precision, length modifiers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>
#include <float.h>
#include <limits.h>
#include "test.h"
#include "rl.h"

static char got[4096], want[4096];

/* expect an exact string */
#define T(expect, ...)                                                                             \
	do {                                                                                       \
		int r_ = rl_snprintf(got, sizeof got, __VA_ARGS__);                                \
		CHECK_STR(got, expect);                                                            \
		CHECK_INT(r_, strlen(expect));                                                     \
	} while (0)

/* expect what glibc prints */
#define G(...)                                                                                     \
	do {                                                                                       \
		int r_ = rl_snprintf(got, sizeof got, __VA_ARGS__);                                \
		int w_ = snprintf(want, sizeof want, __VA_ARGS__);                                 \
		CHECK_QUIET(r_ == w_ && !strcmp(got, want),                                        \
		            "%s: got \"%s\" (%d), glibc \"%s\" (%d)", #__VA_ARGS__, got, r_, want, \
		            w_);                                                                   \
	} while (0)

static void fixed_cases(void)
{
	T("hello", "hello");
	T("%", "%%");
	T("42", "%d", 42);
	T("-42", "%i", -42);
	T("   42", "%5d", 42);
	T("42   |", "%-5d|", 42);
	T("00042", "%05d", 42);
	T("+42", "%+d", 42);
	T(" 42", "% d", 42);
	T("  042", "%5.3d", 42);
	T("", "%.0d", 0);
	T("0", "%#.0o", 0);
	T("0x2a", "%#x", 42);
	T("0X2A", "%#X", 42);
	T("0", "%#x", 0);
	T("052", "%#o", 42);
	T("-2147483648", "%d", INT_MIN);
	T("-9223372036854775808", "%lld", LLONG_MIN);
	T("18446744073709551615", "%llu", ULLONG_MAX);
	T("255 -1", "%hhu %hhd", 255, 255);
	T("65535", "%hu", -1);
	T("4294967295", "%u", -1);
	T("ffffffffffffffff", "%zx", (size_t)-1);
	T("-1", "%jd", (intmax_t)-1);
	T("-5", "%td", (ptrdiff_t)-5);
	T("x", "%c", 'x');
	T("  x", "%3c", 'x');
	T("abc", "%s", "abc");
	T("ab", "%.2s", "abc");
	T("  abc", "%5s", "abc");
	T("abc  ", "%-5s", "abc");
	T("   ab", "%*.*s", 5, 2, "abcdef");
	T("ab   |", "%*s|", -5, "ab");
	T("(null)", "%s", (char *)NULL);
	T("(nil)", "%p", NULL);
	T("0x1234", "%p", (void *)0x1234);
	T("b a", "%2$s %1$s", "a", "b");
	T("  7|x", "%2$*1$d|%3$s", 3, 7, "x");
	T("1.500000", "%f", 1.5);
	T("1.5", "%g", 1.5);
	T("1e+100", "%g", 1e100);
	T("0.0001", "%g", 0.0001);
	T("1e-05", "%g", 0.00001);
	T("100000", "%g", 100000.0);
	T("1e+06", "%g", 1000000.0);
	T("0.1000000000000000055511151231257827021181583404541015625", "%.55f", 0.1);
	T("0.30000000000000004", "%.17g", 0.1 + 0.2);
	T("2", "%.0f", 2.5);
	T("4", "%.0f", 3.5);
	T("0", "%.0f", 0.5);
	T("2", "%.0f", 1.5);
	T("0.12", "%.2f", 0.125);
	T("0.38", "%.2f", 0.375);
	T("1.000000e+00", "%e", 1.0);
	T("0.000000e+00", "%e", 0.0);
	T("-0.000000", "%f", -0.0);
	T("inf", "%f", INFINITY);
	T("-INF", "%F", -INFINITY);
	T("nan", "%g", NAN);
	T("   inf", "%06f", INFINITY);
	T("0x1p+0", "%a", 1.0);
	T("0x1.8p+1", "%a", 3.0);
	T("0x0p+0", "%a", 0.0);
	T("0x1.000p+0", "%.3a", 1.0);
	T("0x2p+0", "%.0a", 1.5);
	T("0x0.0000000000001p-1022", "%a", 0x1p-1074);
	T("0x1p+1 0x2p+0", "%.0a %.0a", 2.5, 1.75);
	T("0X1.FFFFFFFFFFFFFP+1023", "%A", DBL_MAX);
	T("1.797693134862316e+308", "%.15e", DBL_MAX);
	T("4.9406564584124654e-324", "%.17g", 4.9406564584124654e-324);
	T("+0001.50", "%+08.2f", 1.5);
	T("-0001.50", "%08.2f", -1.5);
	T("1.", "%#.0f", 1.0);
	T("1.00000", "%#g", 1.0);
	T("100.", "%#.3g", 100.0);
	T("3.14159", "%Lg", 3.14159265358979L);
	int n = 0;
	T("abc", "abc%n", &n);
	CHECK_INT(n, 3);
	signed char hn = 0;
	T("abcdef", "abc%hhndef", &hn);
	CHECK_INT(hn, 3);
	T("\xc3\xa9t\xc3\xa9", "%ls", L"\u00e9t\u00e9");
	T("\xe2\x82\xac", "%lc", (wint_t)0x20ac);
	T("\xc3\xa9", "%.3ls", L"\u00e9\u00e9"); /* no half characters */

	/* truncation: the return value is the full length */
	char small[5];
	CHECK_INT(rl_snprintf(small, sizeof small, "%s", "abcdefgh"), 8);
	CHECK_STR(small, "abcd");
	CHECK_INT(rl_snprintf(NULL, 0, "%d", 12345), 5);
	char *s = NULL;
	CHECK_INT(rl_asprintf(&s, "%s-%d-%.3f", "x", 7, 2.0), 9);
	CHECK_STR(s, "x-7-2.000");
	rl_free(s);
	/* a long output through asprintf's growing buffer */
	CHECK_INT(rl_asprintf(&s, "%.300f", 1e300), 602);
	snprintf(want, sizeof want, "%.300f", 1e300);
	CHECK_STR(s, want);
	rl_free(s);
}

static void glibc_cases(void)
{
	G("%.20f", 1e-10);
	G("%.0e", 5e-324);
	G("%.3g", 0.0009995);
	G("%.3g", 999.5);
	G("%g", 123456789.0);
	G("%G", 1e-10);
	G("%10.4f|%-10.2e|%+g", 3.14159, 2.71828, 1.0);
	G("%-+10.3e|", -12345.678);
	G("% .3a", 1.0 / 3);
	G("%#.0e", 3.0);
	G("%#g", 0.0);
	G("%.1000f", 1e-300);
	G("%.400e", 1e300);
	G("%f", 1e308);
	G("%.40g", 1.0 / 3);
	G("%20.10a|%-20a|", 1e-310, -2.5);
	G("%.13a %.12a %.1a", 0.1, 0.1, 0.1);
	G("%#x %#o %#X", 0, 0, 255);
	G("%+.3d % 5d %-+6d|", 7, 42, 3);
	G("%05.1d|%-05d|", 9, 9);
	G("%hhd %hd %ld %lld", 300, 70000, LONG_MIN, LLONG_MAX);
	G("%'d", 1234567);
}

/* random float formats against glibc */
static void random_floats(void)
{
	static const char *const fmts[] = {
	    "%.17g",  "%a", "%e",   "%.3e",  "%g",   "%.0e",  "%.25e", "%.1a", "%.5a",   "%.12a",
	    "%#.10g", "%G", "%.0g", "%.16g", "%.3f", "%.10f", "%f",    "%.0f", "%12.4E", "%-+15.6g",
	};
	const int nf = sizeof fmts / sizeof fmts[0];
	for (int i = 0; i < 60000; i++) {
		double d;
		switch (i % 4) {
		case 0:
			d = t_rand_double();
			break;
		case 1: /* ordinary magnitudes */
			d = ldexp((double)(t_rand() >> 11), (int)(t_rand() % 120) - 100);
			break;
		case 2: /* halfway points for %f and small precisions */
			d = (double)(t_rand() % 100000) / 8.0;
			break;
		default: /* short decimals */
			d = (double)(int64_t)(t_rand() % 2000000 - 1000000) / 1000.0;
			break;
		}
		const char *f = fmts[t_rand() % nf];
		if (f[strlen(f) - 1] == 'f' && fabs(d) > 1e60)
			f = "%.17e";
		G(f, d);
	}
}

/* random integer specifications against glibc */
static void random_ints(void)
{
	static const char conv[] = "diouxX";
	char fmt[64];
	for (int i = 0; i < 40000; i++) {
		char *p = fmt;
		*p++ = '%';
		unsigned flags = (unsigned)t_rand();
		if (flags & 1)
			*p++ = '-';
		if (flags & 2)
			*p++ = '+';
		if (flags & 4)
			*p++ = ' ';
		if (flags & 8)
			*p++ = '#';
		if (flags & 16)
			*p++ = '0';
		if (flags & 32)
			p += sprintf(p, "%d", (int)(t_rand() % 30));
		if (flags & 64)
			p += sprintf(p, ".%d", (int)(t_rand() % 25));
		int len = (int)(t_rand() % 5);
		static const char *const mods[] = {"", "hh", "h", "l", "ll"};
		p += sprintf(p, "%s%c|", mods[len], conv[t_rand() % 6]);
		unsigned long long v = t_rand();
		if (t_rand() & 1)
			v >>= t_rand() % 64;
		if (len >= 3)
			G(fmt, v);
		else
			G(fmt, (int)v);
	}
}

void test_printf(void)
{
	fixed_cases();
	glibc_cases();
	random_floats();
	random_ints();
}
