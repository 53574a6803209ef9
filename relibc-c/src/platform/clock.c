/*
 * More clocks: gettimeofday, clock_getres, timespec_get, and
 * clock/times/getrusage. clock(), times() and getrusage() read the process's CPU time, which the
 * kernel counts in 10 ms timer ticks of all its threads (CLOCK_PROCESS_CPUTIME_ID; user and kernel
 * time are not told apart, and children's time is not collected: tms_stime, tms_cutime and
 * tms_cstime stay 0).
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#define CLOCK_TICKS 100

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (tz) {
		struct timezone *z = tz;
		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	return 0;
}

/* The real and monotonic clocks read the TSC-backed kernel time
 * (nanosecond steps); CPU time steps by timer ticks. */
int clock_getres(clockid_t clk, struct timespec *ts)
{
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_PROCESS_CPUTIME_ID) {
		errno = EINVAL;
		return -1;
	}
	if (ts) {
		ts->tv_sec = 0;
		ts->tv_nsec = clk == CLOCK_PROCESS_CPUTIME_ID ? REDOX_CPUTIME_RES_NS : 1;
	}
	return 0;
}

int timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) < 0)
		return 0;
	return base;
}

/* The process's CPU time in ns, or -1. */
static long long cpu_ns(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) < 0)
		return -1;
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

clock_t clock(void)
{
	long long ns = cpu_ns();
	return ns < 0 ? (clock_t)-1 : (clock_t)(ns / (1000000000LL / CLOCKS_PER_SEC));
}

clock_t times(struct tms *t)
{
	long long ns = cpu_ns();
	struct timespec now;
	if (ns < 0 || clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return (clock_t)-1;
	if (t) {
		t->tms_utime = (clock_t)(ns / (1000000000LL / CLOCK_TICKS));
		t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
	}
	return (clock_t)(now.tv_sec * CLOCK_TICKS + now.tv_nsec / (1000000000L / CLOCK_TICKS));
}

/* RUSAGE_SELF and RUSAGE_THREAD: the process's CPU time, as clock()
 * counts it, all as user time; RUSAGE_CHILDREN: nothing (children's time
 * is not collected); the other counters are 0. */
int getrusage(int who, struct rusage *usage)
{
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) {
		errno = EINVAL;
		return -1;
	}
	long long ns = who == RUSAGE_CHILDREN ? 0 : cpu_ns();
	if (ns < 0)
		return -1;
	memset(usage, 0, sizeof *usage);
	usage->ru_utime.tv_sec = (time_t)(ns / 1000000000LL);
	usage->ru_utime.tv_usec = (suseconds_t)(ns % 1000000000LL / 1000);
	return 0;
}
