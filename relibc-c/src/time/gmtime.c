/*
 * Broken-down time <-> seconds since the epoch in UTC (local time, from
 * TZ, is tz.c). Dates are proleptic Gregorian; the day count
 * uses 400-year eras of 146097 days, with years starting in March so the
 * leap day falls at the end.
 */
#include <time.h>
#include <errno.h>
#include <limits.h>
#include "time/time_internal.h"

char *tzname[2] = {"UTC", "UTC"};
long timezone;
int daylight;

const char __relibc_day_names[7][10] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
const char __relibc_month_names[12][10] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};

static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a % b < 0) != (b < 0));
}

int __relibc_is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int __relibc_year_days(long long y)
{
	return __relibc_is_leap(y) ? 366 : 365;
}

long long __relibc_days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2; /* January and February belong to the previous March-year */
	long long era = floor_div(y, 400);
	long long yoe = y - era * 400;                         /* 0..399 */
	long long mp = m > 2 ? m - 3 : m + 9;                  /* March = 0 */
	long long doy = (153 * mp + 2) / 5 + d - 1;            /* 0..365 */
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
	return era * 146097 + doe - 719468; /* 719468: days from 0000-03-01 to 1970-01-01 */
}

void __relibc_civil_from_days(long long days, long long *y, unsigned *m, unsigned *d)
{
	long long z = days + 719468;
	long long era = floor_div(z, 146097);
	long long doe = z - era * 146097;
	/* years of era: undo the leap days of 4, 100 and 400 year cycles */
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

struct tm *__relibc_fill_tm(long long t, struct tm *tm, const char *zone)
{
	long long days = floor_div(t, 86400), secs = t - days * 86400;
	long long y;
	unsigned m, d;
	/* beyond this the year cannot fit in an int anyway */
	if (days > 800000000000LL || days < -800000000000LL) {
		errno = EOVERFLOW;
		return NULL;
	}
	__relibc_civil_from_days(days, &y, &m, &d);
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	tm->tm_yday = (int)(days - __relibc_days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = zone;
	return tm;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return __relibc_fill_tm(*t, tm, "GMT");
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;
	return gmtime_r(t, &tm);
}

/* seconds for the (possibly denormalized) fields of tm, then normalizes tm */
static time_t to_seconds(struct tm *tm, const char *zone)
{
	long long months = (long long)tm->tm_year * 12 + tm->tm_mon;
	long long y = floor_div(months, 12) + 1900;
	unsigned m = (unsigned)(months - floor_div(months, 12) * 12) + 1;
	long long days = __relibc_days_from_civil(y, m, 1) + tm->tm_mday - 1;
	long long t =
	    days * 86400 + (long long)tm->tm_hour * 3600 + (long long)tm->tm_min * 60 + tm->tm_sec;
	struct tm out;
	if (!__relibc_fill_tm(t, &out, zone))
		return -1;
	*tm = out;
	return t;
}

time_t timegm(struct tm *tm)
{
	return to_seconds(tm, "GMT");
}
