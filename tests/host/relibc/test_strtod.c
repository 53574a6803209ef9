/*
 * strtod/strtof/strtold: fixed cases (syntax, end pointers, ERANGE), then
 * bulk comparison with glibc on random doubles printed many ways, random
 * long digit strings, and exact halfway points between neighbouring
 * doubles (which must round to even) and just off them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <errno.h>
#include <float.h>
#include "test.h"
#include "rl.h"

static int same_double(double a, double b)
{
	return !memcmp(&a, &b, sizeof a) || (isnan(a) && isnan(b));
}

static int same_float(float a, float b)
{
	return !memcmp(&a, &b, sizeof a) || (isnan(a) && isnan(b));
}

static int same_ldouble(long double a, long double b)
{
	return a == b ? signbit(a) == signbit(b) : (isnan(a) && isnan(b));
}

/* one string through both libraries: value, end pointer and ERANGE agree */
static void cmp_d(const char *s)
{
	char *e1, *e2;
	rl_errno = 0;
	errno = 0;
	double a = rl_strtod(s, &e1);
	double b = strtod(s, &e2);
	CHECK_QUIET(same_double(a, b) && e1 == e2 && (rl_errno == ERANGE) == (errno == ERANGE),
	            "strtod(\"%.80s\"): %a end+%td errno %d, glibc %a end+%td errno %d", s, a,
	            e1 - s, rl_errno, b, e2 - s, errno);
}

static void cmp_f(const char *s)
{
	char *e1, *e2;
	float a = rl_strtof(s, &e1);
	float b = strtof(s, &e2);
	CHECK_QUIET(same_float(a, b) && e1 == e2, "strtof(\"%.80s\"): %a, glibc %a", s, a, b);
}

static void cmp_ld(const char *s)
{
	char *e1, *e2;
	long double a = rl_strtold(s, &e1);
	long double b = strtold(s, &e2);
	CHECK_QUIET(same_ldouble(a, b) && e1 == e2, "strtold(\"%.80s\"): %La, glibc %La", s, a, b);
}

static void cmp_all(const char *s)
{
	cmp_d(s);
	cmp_f(s);
	cmp_ld(s);
}

static void fixed_cases(void)
{
	char *end;
	const char *s = "  -1.5e3xyz";
	CHECK(rl_strtod(s, &end) == -1500.0 && end == s + 8);
	s = "0x1.8p1";
	CHECK(rl_strtod(s, &end) == 3.0 && end == s + 7);
	s = "0x";
	CHECK(rl_strtod(s, &end) == 0.0 && end == s + 1);
	s = "1e+";
	CHECK(rl_strtod(s, &end) == 1.0 && end == s + 1);
	s = ".";
	CHECK(rl_strtod(s, &end) == 0.0 && end == s);
	s = "-";
	CHECK(rl_strtod(s, &end) == 0.0 && end == s);
	s = "infinityx";
	CHECK(rl_strtod(s, &end) == INFINITY && end == s + 8);
	s = "-INFx";
	CHECK(rl_strtod(s, &end) == -INFINITY && end == s + 4);
	s = "nan(0x1f)z";
	CHECK(isnan(rl_strtod(s, &end)) && end == s + 9);
	s = "nan(";
	CHECK(isnan(rl_strtod(s, &end)) && end == s + 3);
	CHECK(signbit(rl_strtod("-0", NULL)));
	CHECK(rl_strtod("0.1", NULL) == 0.1);
	CHECK(rl_strtod("2.2250738585072011e-308", NULL) == 0x0.fffffffffffffp-1022);
	CHECK(rl_strtod("1.7976931348623157e308", NULL) == DBL_MAX);
	rl_errno = 0;
	CHECK(rl_strtod("1e400", NULL) == HUGE_VAL && rl_errno == ERANGE);
	rl_errno = 0;
	CHECK(rl_strtod("-1e-400", NULL) == 0 && rl_errno == ERANGE);
	rl_errno = 0;
	CHECK(rl_strtod("4.9e-324", NULL) == 0x1p-1074);
	CHECK(rl_strtod("2.4703282292062328e-324", NULL) == 0x1p-1074);
	CHECK(rl_strtod("2.4703282292062327e-324", NULL) == 0);
	CHECK(rl_strtof("3.4028235e38", NULL) == FLT_MAX);
	CHECK(rl_strtof("1.00000005", NULL) == 1.0f); /* below the float midpoint */
	CHECK(rl_strtold("0.1", NULL) == 0.1L);
	CHECK(rl_atof("  12.5") == 12.5);
	/* a 1000-digit numeral whose value is a double exactly plus a tail */
	static char big[1200];
	strcpy(big, "1.");
	memset(big + 2, '0', 1000);
	strcpy(big + 1002, "1");
	CHECK(rl_strtod(big, NULL) == 1.0);
	static const char *const syntax[] = {
	    "1",
	    "+1",
	    "-1",
	    "1.",
	    ".1",
	    "1e5",
	    "1E-5",
	    "1e+05",
	    "  \t\n1.25",
	    "0x1p-1074",
	    "0X1P+1023",
	    "0x1.fffffffffffff8p1023",
	    "0x.8",
	    "0x8.",
	    "0x1.0000000000000801p0",
	    "00000.00001",
	    "1e-2147483650",
	    "1e2147483650",
	    "0e999999",
	    "inFinity",
	    "nAn()",
	    "-nan",
	    "1.5e",
	    "1.5e-",
	    "1.5ex",
	    "0x1p",
	    "0x1px",
	    "0.0e0",
	    "123456789012345678901234567890",
	    "7.038531e-26",
	    "9007199254740993",
	    "1e23",
	    "8.5e-323",
	    "2.225073858507201e-308",
	};
	for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
		cmp_all(syntax[i]);
}

static void random_cases(void)
{
	char buf[2048];
	static const char *const fmts[] = {"%.17g", "%.16g", "%.20e", "%a", "%.3e", "%.25g", "%g"};
	for (int i = 0; i < 40000; i++) {
		double d = t_rand_double();
		snprintf(buf, sizeof buf, fmts[i % 7], d);
		cmp_all(buf);
	}
	/* random digit strings: long mantissas, all exponents */
	for (int i = 0; i < 20000; i++) {
		int nd = 1 + (int)(t_rand() % (i % 10 == 0 ? 900 : 40));
		char *p = buf;
		if (t_rand() & 1)
			*p++ = '-';
		int dot = (int)(t_rand() % (unsigned)(nd + 1));
		for (int k = 0; k < nd; k++) {
			if (k == dot)
				*p++ = '.';
			*p++ = (char)('0' + t_rand() % 10);
		}
		sprintf(p, "e%d", (int)(t_rand() % 700) - 350);
		cmp_d(buf);
		if (i % 4 == 0) {
			cmp_f(buf);
			cmp_ld(buf);
		}
	}
	/* exact halfway points between neighbours, and a hair either side */
	for (int i = 0; i < 20000; i++) {
		double d = fabs(t_rand_double());
		if (d == DBL_MAX)
			continue;
		long double mid = ((long double)d + (long double)nextafter(d, INFINITY)) / 2;
		int n = snprintf(buf, sizeof buf, "%.1000Lg", mid);
		(void)n;
		cmp_d(buf);
		char *e = strchr(buf, 'e');
		char tail[16] = "";
		if (e) {
			strcpy(tail, e);
			*e = 0;
		}
		if (!strchr(buf, '.'))
			strcat(buf, ".");
		strcat(buf, "0000000000000000000000001");
		strcat(buf, tail);
		cmp_d(buf);
	}
	/* float halfway points */
	for (int i = 0; i < 20000; i++) {
		float f = (float)fabs(ldexp((double)(t_rand() >> 40), (int)(t_rand() % 280) - 170));
		if (!isfinite(nextafterf(f, INFINITY)) || f == 0)
			continue;
		double mid = ((double)f + (double)nextafterf(f, INFINITY)) / 2;
		snprintf(buf, sizeof buf, "%.120g", mid);
		cmp_f(buf);
	}
}

void test_strtod(void)
{
	fixed_cases();
	random_cases();
}
