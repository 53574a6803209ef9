/*
 * More clocks: gettimeofday, clock_getres, timespec_get, and
 * clock/times/getrusage.
 * The kernel keeps no per-process CPU time, so clock() and times() count
 * the time since the process first asked (monotonic clock): right for a
 * program that does not wait, too much for one that sleeps (README.md).
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

/* The clocks read the TSC-backed kernel time: nanosecond steps. */
int clock_getres(clockid_t clk, struct timespec *ts)
{
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	if (ts) {
		ts->tv_sec = 0;
		ts->tv_nsec = 1;
	}
	return 0;
}

int timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) < 0)
		return 0;
	return base;
}

static struct timespec start;
static int started;

/* Nanoseconds since the first call. */
static long long elapsed_ns(void)
{
	struct timespec now;
	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return -1;
	if (!started) {
		start = now;
		started = 1;
	}
	return (long long)(now.tv_sec - start.tv_sec) * 1000000000LL +
	       (now.tv_nsec - start.tv_nsec);
}

clock_t clock(void)
{
	long long ns = elapsed_ns();
	return ns < 0 ? (clock_t)-1 : (clock_t)(ns / (1000000000LL / CLOCKS_PER_SEC));
}

clock_t times(struct tms *t)
{
	long long ns = elapsed_ns();
	if (ns < 0)
		return (clock_t)-1;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (t) {
		t->tms_utime = (clock_t)(ns / (1000000000LL / CLOCK_TICKS));
		t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
	}
	return (clock_t)(now.tv_sec * CLOCK_TICKS + now.tv_nsec / (1000000000L / CLOCK_TICKS));
}

/* RUSAGE_SELF and RUSAGE_THREAD: what clock() counts, as user time;
 * RUSAGE_CHILDREN: nothing (times() reports no children's time either). */
int getrusage(int who, struct rusage *usage)
{
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) {
		errno = EINVAL;
		return -1;
	}
	long long ns = who == RUSAGE_CHILDREN ? 0 : elapsed_ns();
	if (ns < 0)
		return -1;
	memset(usage, 0, sizeof *usage);
	usage->ru_utime.tv_sec = (time_t)(ns / 1000000000LL);
	usage->ru_utime.tv_usec = (suseconds_t)(ns % 1000000000LL / 1000);
	return 0;
}
