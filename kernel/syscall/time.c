/*
 * Time syscalls: clock_gettime and nanosleep.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../sched/sched.h"
#include "../time/clock.h"

int64_t sys_clock_gettime(struct syscall_args *args)
{
	if (!user_buffer_ok(args, args->b, sizeof(struct redox_timespec), 1))
		return -EFAULT;
	uint64_t ns;
	if (args->a == CLOCK_MONOTONIC)
		ns = clock_monotonic_ns();
	else if (args->a == CLOCK_REALTIME)
		ns = clock_realtime_ns();
	else
		return -EINVAL;
	struct redox_timespec *ts = (struct redox_timespec *)args->b;
	ts->tv_sec = (int64_t)(ns / 1000000000ULL);
	ts->tv_nsec = (int32_t)(ns % 1000000000ULL);
	return 0;
}

int64_t sys_nanosleep(struct syscall_args *args)
{
	if (!user_buffer_ok(args, args->a, sizeof(struct redox_timespec), 0))
		return -EFAULT;
	if (args->b && !user_buffer_ok(args, args->b, sizeof(struct redox_timespec), 1))
		return -EFAULT;
	const struct redox_timespec *req = (const struct redox_timespec *)args->a;
	if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t start = clock_monotonic_ns();
	uint64_t deadline = start + (uint64_t)req->tv_sec * 1000000000ULL + (uint64_t)req->tv_nsec;
	sched_sleep_until(deadline);
	uint64_t now = clock_monotonic_ns();
	if (now < deadline) {
		if (args->b) {
			struct redox_timespec *rem = (struct redox_timespec *)args->b;
			rem->tv_sec = (int64_t)((deadline - now) / 1000000000ULL);
			rem->tv_nsec = (int32_t)((deadline - now) % 1000000000ULL);
		}
		return -EINTR;
	}
	return 0;
}
