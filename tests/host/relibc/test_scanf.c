/*
 * sscanf: every conversion with widths, suppression, %n, scansets and
 * the 'm' allocation flag, return values at end of input; then glibc
 * comparisons for random integers and doubles written many ways.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <wchar.h>
#include "test.h"
#include "rl.h"

static void fixed_cases(void)
{
	int a = 0, b = 0, n = 0;
	unsigned u = 0;
	long l = 0;
	long long ll = 0;
	short h = 0;
	signed char hh = 0;
	CHECK_INT(rl_sscanf("12 34", "%d %d", &a, &b), 2);
	CHECK(a == 12 && b == 34);
	CHECK_INT(rl_sscanf("  -7xyz", "%d%n", &a, &n), 1);
	CHECK(a == -7 && n == 4);
	CHECK_INT(rl_sscanf("0x1f 017 10", "%i %i %i", &a, &b, &n), 3);
	CHECK(a == 31 && b == 15 && n == 10);
	CHECK_INT(rl_sscanf("ff", "%x", &u), 1);
	CHECK_INT(u, 255);
	CHECK_INT(rl_sscanf("0XFF", "%X", &u), 1);
	CHECK_INT(u, 255);
	CHECK_INT(rl_sscanf("777", "%o", &u), 1);
	CHECK_INT(u, 511);
	CHECK_INT(rl_sscanf("123456", "%3d%d", &a, &b), 2);
	CHECK(a == 123 && b == 456);
	CHECK_INT(
	    rl_sscanf("9223372036854775807 -5 70000 300", "%lld %ld %hd %hhd", &ll, &l, &h, &hh),
	    4);
	CHECK(ll == 9223372036854775807LL && l == -5 && h == (short)70000 &&
	      hh == (signed char)300);
	CHECK_INT(rl_sscanf("1 2", "%*d %d", &a), 1);
	CHECK_INT(a, 2);
	CHECK_INT(rl_sscanf("", "%d", &a), -1);
	CHECK_INT(rl_sscanf("   ", "%d", &a), -1);
	CHECK_INT(rl_sscanf("x", "%d", &a), 0);
	CHECK_INT(rl_sscanf("5 x", "%d %d", &a, &b), 1);
	CHECK_INT(rl_sscanf("abc", "abd"), 0);
	CHECK_INT(rl_sscanf("10%", "%d%%", &a), 1);
	char s1[32], s2[32];
	CHECK_INT(rl_sscanf("hello world", "%s %s", s1, s2), 2);
	CHECK_STR(s1, "hello");
	CHECK_STR(s2, "world");
	CHECK_INT(rl_sscanf("abcdef", "%3s%s", s1, s2), 2);
	CHECK_STR(s1, "abc");
	CHECK_STR(s2, "def");
	memset(s1, 'z', sizeof s1);
	CHECK_INT(rl_sscanf("  ab", "%c%c%c", &s1[0], &s1[1], &s1[2]), 3);
	CHECK(s1[0] == ' ' && s1[1] == ' ' && s1[2] == 'a' && s1[3] == 'z');
	CHECK_INT(rl_sscanf("abcd", "%3c", s1), 1);
	CHECK(!memcmp(s1, "abcz", 4));
	CHECK_INT(rl_sscanf("ab", "%3c", s1), 0);
	CHECK_INT(rl_sscanf("key=value;", "%[^=]=%[a-z]", s1, s2), 2);
	CHECK_STR(s1, "key");
	CHECK_STR(s2, "value");
	CHECK_INT(rl_sscanf("]]x", "%[]]", s1), 1);
	CHECK_STR(s1, "]]");
	CHECK_INT(rl_sscanf("a-b", "%[a-]", s1), 1);
	CHECK_STR(s1, "a-");
	char *m = NULL;
	CHECK_INT(rl_sscanf("a-very-long-word-that-needs-growing-the-buffer end", "%ms", &m), 1);
	CHECK_STR(m, "a-very-long-word-that-needs-growing-the-buffer");
	rl_free(m);
	m = NULL;
	CHECK_INT(rl_sscanf("xyz", "%m[a-y]", &m), 1);
	CHECK_STR(m, "xy");
	rl_free(m);
	wchar_t ws[8];
	CHECK_INT(rl_sscanf("\xc3\xa9t\xc3\xa9!", "%ls", ws), 1);
	CHECK(ws[0] == 0xe9 && ws[1] == 't' && ws[2] == 0xe9 && ws[3] == '!' && ws[4] == 0);
	float f = 0;
	double d = 0;
	long double ld = 0;
	CHECK_INT(rl_sscanf("1.5 2.25e1 0x1p-2", "%f %lf %Lf", &f, &d, &ld), 3);
	CHECK(f == 1.5f && d == 22.5 && ld == 0.25L);
	CHECK_INT(rl_sscanf("inf -nan infinity", "%f %lf %Lf", &f, &d, &ld), 3);
	CHECK(isinf(f) && isnan(d) && isinf(ld));
	CHECK_INT(rl_sscanf("1.25e", "%lf", &d), 0);
	CHECK_INT(rl_sscanf("3.75abc", "%lf%s", &d, s1), 2);
	CHECK(d == 3.75 && !strcmp(s1, "abc"));
	CHECK_INT(rl_sscanf("12345.678", "%4lf", &d), 1);
	CHECK(d == 1234.0);
	void *p = NULL;
	CHECK_INT(rl_sscanf("0x1234", "%p", &p), 1);
	CHECK(p == (void *)0x1234);
	CHECK_INT(rl_sscanf("a1", "a%n%d", &n, &a), 1);
	CHECK(n == 1 && a == 1);
}

/* random numbers written by glibc, read back by both */
static void random_cases(void)
{
	char buf[512];
	static const char *const ffmts[] = {"%.17g", "%a", "%.3e", "%f", "%.30g"};
	for (int i = 0; i < 20000; i++) {
		double d = t_rand_double();
		const char *ff = ffmts[i % 5];
		if (ff[1] == 'f' && fabs(d) > 1e50)
			ff = "%e";
		snprintf(buf, sizeof buf, ff, d);
		double x = 0, y = 0;
		float fx = 0, fy = 0;
		int n1 = 0, n2 = 0;
		int r1 = rl_sscanf(buf, "%lf%n", &x, &n1), r2 = sscanf(buf, "%lf%n", &y, &n2);
		CHECK_QUIET(r1 == r2 && !memcmp(&x, &y, 8) && n1 == n2,
		            "%%lf of \"%s\": %a/%d, glibc %a/%d", buf, x, n1, y, n2);
		r1 = rl_sscanf(buf, "%f", &fx);
		r2 = sscanf(buf, "%f", &fy);
		CHECK_QUIET(r1 == r2 && !memcmp(&fx, &fy, 4), "%%f of \"%s\"", buf);
	}
	for (int i = 0; i < 20000; i++) {
		long long v = (long long)t_rand() >> (t_rand() % 64);
		static const char *const ifmts[] = {"%lld", "%llx", "%llo", "%#llx", "%+lld"};
		static const char *const sfmts[] = {"%lld", "%llx", "%llo", "%lli", "%lli"};
		int k = i % 5;
		snprintf(buf, sizeof buf, ifmts[k], v);
		long long x = 0, y = 0;
		int r1 = rl_sscanf(buf, sfmts[k], &x), r2 = sscanf(buf, sfmts[k], &y);
		CHECK_QUIET(r1 == r2 && x == y, "%s of \"%s\": %lld, glibc %lld", sfmts[k], buf, x,
		            y);
	}
}

void test_scanf(void)
{
	fixed_cases();
	random_cases();
}
