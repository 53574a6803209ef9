/*
 * time.h: calendar time. Conversions and formatting are kernel
 * independent and know only UTC (no time zone database yet); reading the
 * clocks (time, clock_gettime, nanosleep) comes from the platform layer.
 */
#ifndef _RELIBC_TIME_H
#define _RELIBC_TIME_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

#define CLOCKS_PER_SEC 1000000L
#define TIME_UTC       1
#ifndef CLOCK_REALTIME
/* the ABI's clock ids (redox/abi/flags.h) */
#include <redox/abi/flags.h>
#endif

struct tm {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday;
	int tm_yday;
	int tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

extern char *tzname[2];
extern long timezone;
extern int daylight;

struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *__restrict_arg t, struct tm *__restrict_arg tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *__restrict_arg t, struct tm *__restrict_arg tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
double difftime(time_t end, time_t start);
size_t strftime(char *__restrict_arg s, size_t max, const char *__restrict_arg fmt,
                const struct tm *__restrict_arg tm);
char *strptime(const char *__restrict_arg s, const char *__restrict_arg fmt,
               struct tm *__restrict_arg tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *__restrict_arg tm, char *__restrict_arg buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
void tzset(void);

/* provided by the platform layer */
time_t time(time_t *t);
clock_t clock(void);
int clock_gettime(clockid_t clk, struct timespec *ts);
int clock_settime(clockid_t clk, const struct timespec *ts);
int clock_getres(clockid_t clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
/* 0, or an error number (EINTR, EINVAL) */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem);
int timespec_get(struct timespec *ts, int base);

/* POSIX timers (platform/timer.c) on CLOCK_REALTIME or CLOCK_MONOTONIC */
struct sigevent;
int timer_create(clockid_t clock, struct sigevent *__restrict_arg sev,
                 timer_t *__restrict_arg timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *__restrict_arg value,
                  struct itimerspec *__restrict_arg old);
int timer_gettime(timer_t timerid, struct itimerspec *value);
int timer_getoverrun(timer_t timerid);
int timer_delete(timer_t timerid);

__RELIBC_END_DECLS

#endif
