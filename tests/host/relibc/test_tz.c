/*
 * Local time from POSIX TZ strings (src/time/tz.c) against glibc:
 * localtime_r over random times and around each year's transitions,
 * mktime back from the fields (with tm_isdst known, and -1 away from a
 * transition), tzname/timezone/daylight, and strings that do not parse
 * falling back to UTC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "test.h"
#include "rl.h"

static const char *const zones[] = {
    "EET-2EEST,M3.5.0/3,M10.5.0/4", /* busybox's date test */
    "CET-1CEST,M3.5.0,M10.5.0/3",
    "PST8PDT,M3.2.0,M11.1.0",
    "AEST-10AEDT,M10.1.0,M4.1.0/3", /* southern hemisphere */
    "NZST-12NZDT,M9.5.0,M4.1.0/3",
    "IST-5:30",
    "<-03>3",
    "<+0545>-5:45",
    "XYZ3ABC,J60/1:30,J300/25", /* Julian days, hour past 24 */
    "XYZ-3ABC-4,59/0,300/-1",   /* zero-based days, negative time */
    "UTC0",
    "UTC",
};

static int same(const struct rl_tm *a, const struct tm *b)
{
	return a->tm_sec == b->tm_sec && a->tm_min == b->tm_min && a->tm_hour == b->tm_hour &&
	       a->tm_mday == b->tm_mday && a->tm_mon == b->tm_mon && a->tm_year == b->tm_year &&
	       a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday && a->tm_isdst == b->tm_isdst &&
	       a->tm_gmtoff == b->tm_gmtoff && !strcmp(a->tm_zone, b->tm_zone);
}

static void one_time(const char *zone, long t)
{
	struct rl_tm a;
	struct tm b;
	CHECK_QUIET(rl_localtime_r(&t, &a) && localtime_r(&t, &b) && same(&a, &b),
	            "%s: localtime(%ld): %02d:%02d %s vs %02d:%02d %s", zone, t, a.tm_hour,
	            a.tm_min, a.tm_zone, b.tm_hour, b.tm_min, b.tm_zone);
	/* back again with tm_isdst known */
	struct rl_tm x = a;
	CHECK_QUIET(rl_mktime(&x) == t, "%s: mktime(localtime(%ld))", zone, t);
	/* and with tm_isdst unknown, where no transition is near */
	long near[2] = {t - 5 * 3600, t + 5 * 3600};
	struct tm n0, n1;
	localtime_r(&near[0], &n0);
	localtime_r(&near[1], &n1);
	if (n0.tm_isdst == n1.tm_isdst) {
		struct rl_tm y = a;
		y.tm_isdst = -1;
		CHECK_QUIET(rl_mktime(&y) == t && y.tm_isdst == a.tm_isdst,
		            "%s: mktime(%ld, isdst -1)", zone, t);
	}
}

void test_tz(void)
{
	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		rl_setenv("TZ", zones[z], 1);
		rl_tzset();
		CHECK_QUIET(!strcmp(rl_tzname[0], tzname[0]) && rl_timezone == timezone &&
		                rl_daylight == daylight &&
		                (!daylight || !strcmp(rl_tzname[1], tzname[1])),
		            "%s: tzname %s/%s timezone %ld daylight %d", zones[z], rl_tzname[0],
		            rl_tzname[1], rl_timezone, rl_daylight);
		for (int i = 0; i < 4000; i++) /* 1901..2100 */
			one_time(zones[z], (long)(t_rand() % 6311347200ULL) - 2177452800L);
		/* every hour around this zone's transitions in 1990..2040 */
		for (long t = 631152000L; t < 2208988800L; t += 3600 * 24 * 7) {
			struct tm a, b;
			long next = t + 3600 * 24 * 7;
			localtime_r(&t, &a);
			localtime_r(&next, &b);
			if (a.tm_isdst != b.tm_isdst)
				for (long u = t; u < next; u += 1800)
					one_time(zones[z], u - 1);
		}
	}
	/* what the busybox date test expects */
	rl_setenv("TZ", "EET-2EEST,M3.5.0/3,M10.5.0/4", 1);
	long t = 1288486799;
	struct rl_tm tm;
	char buf[64];
	rl_strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Z %Y", rl_localtime_r(&t, &tm));
	CHECK_STR(buf, "Sun Oct 31 03:59:59 EEST 2010");
	t = 1288486801;
	rl_strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Z %Y", rl_localtime_r(&t, &tm));
	CHECK_STR(buf, "Sun Oct 31 03:00:01 EET 2010");
	/* a dst without rules: the US ones (glibc takes its posixrules file) */
	rl_setenv("TZ", "ABC5DEF", 1);
	t = 1688212800; /* 2023-07-01 12:00 UTC */
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_hour == 8 && !strcmp(tm.tm_zone, "DEF"));
	t = 1678604399; /* 2023-03-12 06:59:59 UTC: 01:59:59 standard, the second before */
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_hour == 1 && tm.tm_isdst == 0);
	t++;
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_hour == 3 && tm.tm_isdst == 1);
	t = 1699164000; /* 2023-11-05 06:00 UTC: 01:00 standard again */
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_hour == 1 && !strcmp(tm.tm_zone, "ABC"));
	/* no zone database: a name or a file means UTC */
	rl_setenv("TZ", ":Europe/Paris", 1);
	t = 1288486801;
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_gmtoff == 0 && !strcmp(tm.tm_zone, "UTC"));
	rl_setenv("TZ", "EET-2EEST,M3.5.0/3", 1); /* one rule only */
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_gmtoff == 0);
	rl_unsetenv("TZ");
	CHECK(rl_localtime_r(&t, &tm) && tm.tm_gmtoff == 0 && !strcmp(tm.tm_zone, "UTC"));
	setenv("TZ", "UTC", 1);
	tzset();
}
