/*
 * Clocks and sleeping: clock_gettime, time, nanosleep, sleep, usleep.
 */
#include <time.h>
#include <unistd.h>
#include <redox/abi/types.h>

#include "cancel.h"
#include "sys.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	struct redox_timespec rts;
	if (__sys_result(redox_sys_clock_gettime((uint64_t)clk, &rts)) < 0)
		return -1;
	ts->tv_sec = rts.tv_sec;
	ts->tv_nsec = rts.tv_nsec;
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct redox_timespec r = {req->tv_sec, (int32_t)req->tv_nsec}, left = {0, 0};
	long v = __sys_result(redox_cp_nanosleep(&r, &left));
	if (v < 0 && rem) {
		rem->tv_sec = left.tv_sec;
		rem->tv_nsec = left.tv_nsec;
	}
	return v < 0 ? -1 : 0;
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec req = {(time_t)seconds, 0}, rem = {0, 0};
	if (nanosleep(&req, &rem) < 0)
		return (unsigned int)rem.tv_sec;
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};
	return nanosleep(&req, 0);
}
