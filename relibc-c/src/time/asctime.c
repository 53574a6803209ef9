/* asctime, ctime and difftime. */
#include <time.h>
#include <stdio.h>
#include <errno.h>
#include "time/time_internal.h"

char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	/* the fixed C format: "Sun Sep 16 01:03:52 1973\n", 26 bytes */
	const char *day =
	    tm->tm_wday >= 0 && tm->tm_wday < 7 ? __relibc_day_names[tm->tm_wday] : "???";
	const char *mon =
	    tm->tm_mon >= 0 && tm->tm_mon < 12 ? __relibc_month_names[tm->tm_mon] : "???";
	int n = snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", day, mon, tm->tm_mday,
	                 tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	if (n >= 26) {
		errno = EOVERFLOW;
		return NULL;
	}
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[26];
	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;
	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	static char buf[26];
	return ctime_r(t, buf);
}

double difftime(time_t end, time_t start)
{
	time_t d;
	/* exact when the difference fits; otherwise both ends rounded */
	if (!__builtin_sub_overflow(end, start, &d))
		return (double)d;
	return (double)end - (double)start;
}
