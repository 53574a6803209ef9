/*
 * sys/time.h: struct timeval, gettimeofday, utimes and the timeval
 * macros. select() comes with it, as on other systems.
 */
#ifndef _RELIBC_SYS_TIME_H
#define _RELIBC_SYS_TIME_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <bits/timeval.h>
#include <sys/select.h>

__RELIBC_BEGIN_DECLS

/* Only for gettimeofday's second argument, which is always zeroed (UTC). */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *__restrict_arg tv, void *__restrict_arg tz);

/* Interval timers: ITIMER_REAL (SIGALRM) is the kernel's; the CPU-time
 * ones are not measured yet and give EINVAL. */
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2
struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};
int setitimer(int which, const struct itimerval *__restrict_arg value,
              struct itimerval *__restrict_arg old);
int getitimer(int which, struct itimerval *value);
int utimes(const char *path, const struct timeval times[2]);

#define timerisset(t) ((t)->tv_sec || (t)->tv_usec)
#define timerclear(t) ((t)->tv_sec = (t)->tv_usec = 0)
#define timercmp(a, b, op)                                                                         \
	((a)->tv_sec == (b)->tv_sec ? (a)->tv_usec op(b)->tv_usec : (a)->tv_sec op(b)->tv_sec)
#define timeradd(a, b, r)                                                                          \
	do {                                                                                       \
		(r)->tv_sec = (a)->tv_sec + (b)->tv_sec;                                           \
		(r)->tv_usec = (a)->tv_usec + (b)->tv_usec;                                        \
		if ((r)->tv_usec >= 1000000) {                                                     \
			(r)->tv_sec++;                                                             \
			(r)->tv_usec -= 1000000;                                                   \
		}                                                                                  \
	} while (0)
#define timersub(a, b, r)                                                                          \
	do {                                                                                       \
		(r)->tv_sec = (a)->tv_sec - (b)->tv_sec;                                           \
		(r)->tv_usec = (a)->tv_usec - (b)->tv_usec;                                        \
		if ((r)->tv_usec < 0) {                                                            \
			(r)->tv_sec--;                                                             \
			(r)->tv_usec += 1000000;                                                   \
		}                                                                                  \
	} while (0)

__RELIBC_END_DECLS

#endif
