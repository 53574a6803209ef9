/*
 * time.h: gmtime/timegm/mktime against glibc (TZ=UTC) over a wide range
 * of times, strftime with every conversion against glibc, asctime and
 * ctime, strptime round trips.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "test.h"
#include "rl.h"

static int same_tm(const struct rl_tm *a, const struct tm *b)
{
	return a->tm_sec == b->tm_sec && a->tm_min == b->tm_min && a->tm_hour == b->tm_hour &&
	       a->tm_mday == b->tm_mday && a->tm_mon == b->tm_mon && a->tm_year == b->tm_year &&
	       a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday && a->tm_isdst == b->tm_isdst;
}

static void fixed_cases(void)
{
	struct rl_tm tm;
	long t = 0;
	CHECK(rl_gmtime_r(&t, &tm) && tm.tm_year == 70 && tm.tm_mon == 0 && tm.tm_mday == 1 &&
	      tm.tm_wday == 4 && tm.tm_yday == 0);
	t = 951782400; /* 2000-02-29 */
	CHECK(rl_gmtime_r(&t, &tm) && tm.tm_year == 100 && tm.tm_mon == 1 && tm.tm_mday == 29);
	t = -1;
	CHECK(rl_gmtime_r(&t, &tm) && tm.tm_year == 69 && tm.tm_hour == 23 && tm.tm_sec == 59);
	char buf[64];
	t = 123456789;
	CHECK_STR(rl_asctime_r(rl_gmtime_r(&t, &tm), buf), "Thu Nov 29 21:33:09 1973\n");
	CHECK_STR(rl_ctime_r(&t, buf), "Thu Nov 29 21:33:09 1973\n");
	CHECK_STR(tm.tm_zone, "GMT");
	rl_localtime_r(&t, &tm);
	CHECK_STR(tm.tm_zone, "UTC");
	struct rl_tm n = {.tm_year = 100, .tm_mon = 13, .tm_mday = 0, .tm_hour = 25, .tm_min = -1};
	CHECK_INT(rl_timegm(&n), 980989140); /* 2001-02-01 00:59:00 */
	CHECK(n.tm_mon == 1 && n.tm_mday == 1 && n.tm_hour == 0 && n.tm_min == 59 &&
	      n.tm_wday == 4);
	CHECK(rl_difftime(10, 4) == 6.0);
	CHECK(rl_difftime(0x7fffffffffffffffL, -0x7fffffffffffffffL) > 1.8e19);
	t = 0x7fffffffffffffffL;
	CHECK(rl_gmtime_r(&t, &tm) == NULL);
	t = 1700000000;
	rl_gmtime_r(&t, &tm);
	CHECK_INT(rl_strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j %u %V %G", &tm), 37);
	CHECK_STR(buf, "2023-11-14 22:13:20 Tue 318 2 46 2023");
	CHECK_INT(rl_strftime(buf, 5, "%Y-%m", &tm), 0);
	CHECK_INT(rl_strftime(buf, sizeof buf, "%-d|%_m|%^a|%10Y|%k|%l|%P|%s", &tm), 40);
	CHECK_STR(buf, "14|11|TUE|0000002023|22|10|pm|1700000000");
	struct rl_tm p;
	memset(&p, 0, sizeof p);
	const char *end = rl_strptime("2023-11-14 22:13:20 rest", "%Y-%m-%d %H:%M:%S", &p);
	CHECK(end && !strcmp(end, " rest") && p.tm_year == 123 && p.tm_mon == 10 &&
	      p.tm_mday == 14 && p.tm_hour == 22 && p.tm_min == 13 && p.tm_sec == 20 &&
	      p.tm_wday == 2 && p.tm_yday == 317);
	memset(&p, 0, sizeof p);
	CHECK(rl_strptime("Tue Nov 14 10:13:20 PM 99", "%a %b %d %I:%M:%S %p %y", &p) &&
	      p.tm_hour == 22 && p.tm_year == 99 && p.tm_mon == 10);
	CHECK(rl_strptime("13:00", "%I:%M", &p) == NULL);
}

static void random_cases(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	for (int i = 0; i < 50000; i++) {
		long t = (long)(t_rand() % 20000000000000ULL) - 10000000000000L;
		if (i % 2)
			t /= 1000; /* ordinary dates too */
		struct rl_tm a;
		struct tm b;
		CHECK_QUIET(rl_gmtime_r(&t, &a) && gmtime_r(&t, &b) && same_tm(&a, &b),
		            "gmtime(%ld)", t);
		/* denormalized fields through timegm and mktime */
		struct rl_tm x = {0};
		struct tm y = {0};
		x.tm_year = y.tm_year = (int)(t_rand() % 400) - 100;
		x.tm_mon = y.tm_mon = (int)(t_rand() % 40) - 14;
		x.tm_mday = y.tm_mday = (int)(t_rand() % 80) - 20;
		x.tm_hour = y.tm_hour = (int)(t_rand() % 60) - 10;
		x.tm_min = y.tm_min = (int)(t_rand() % 200) - 50;
		x.tm_sec = y.tm_sec = (int)(t_rand() % 200) - 50;
		struct rl_tm x2 = x;
		struct tm y2 = y;
		long r1 = rl_timegm(&x), r2 = timegm(&y);
		CHECK_QUIET(r1 == r2 && same_tm(&x, &y), "timegm: %ld vs %ld", r1, r2);
		r1 = rl_mktime(&x2);
		r2 = mktime(&y2);
		CHECK_QUIET(r1 == r2 && same_tm(&x2, &y2), "mktime: %ld vs %ld", r1, r2);
	}
	/* strftime of every conversion, years 1000..9999 */
	static const char all[] =
	    "%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%m|%M|%n|%p|%r|"
	    "%R|%S|%t|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%z|%Z|%%|%Ec|%Oy|%k|%l|%P|%s";
	for (int i = 0; i < 20000; i++) {
		long t = (long)(t_rand() % 283000000000ULL) - 30610224000L;
		struct tm g;
		gmtime_r(&t, &g);
		char a[512], b[512];
		size_t n1 = rl_strftime(a, sizeof a, all, (struct rl_tm *)&g);
		size_t n2 = strftime(b, sizeof b, all, &g);
		CHECK_QUIET(n1 == n2 && !strcmp(a, b), "strftime: \"%s\" vs \"%s\"", a, b);
		struct rl_tm back;
		memset(&back, 0, sizeof back);
		const char *end = rl_strptime(b, "%a|%A|%b|%B|%c|%C|%d|%D|%e|%F", &back);
		CHECK_QUIET(end && back.tm_year == g.tm_year && back.tm_mon == g.tm_mon &&
		                back.tm_mday == g.tm_mday && back.tm_yday == g.tm_yday &&
		                back.tm_hour == g.tm_hour && back.tm_sec == g.tm_sec,
		            "strptime of \"%s\"", b);
	}
}

void test_time(void)
{
	fixed_cases();
	random_cases();
}
