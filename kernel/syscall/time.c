/*
 * Time syscalls: clock_gettime and nanosleep.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../sched/sched.h"
#include "../mm/usercopy.h"
#include "../time/clock.h"

int64_t sys_clock_gettime(struct syscall_args *args)
{
	uint64_t ns;
	if (args->a == CLOCK_MONOTONIC)
		ns = clock_monotonic_ns();
	else if (args->a == CLOCK_REALTIME)
		ns = clock_realtime_ns();
	else
		return -EINVAL;
	struct redox_timespec ts = {.tv_sec = (int64_t)(ns / 1000000000ULL),
	                            .tv_nsec = (int32_t)(ns % 1000000000ULL)};
	return copy_to_user(args->b, &ts, sizeof ts);
}

int64_t sys_nanosleep(struct syscall_args *args)
{
	struct redox_timespec req;
	if (copy_from_user(&req, args->a, sizeof req) < 0)
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t deadline = clock_deadline_after(req.tv_sec, req.tv_nsec);
	sched_sleep_until(deadline);
	uint64_t now = clock_monotonic_ns();
	if (now < deadline) {
		if (args->b) {
			struct redox_timespec rem = {
			    .tv_sec = (int64_t)((deadline - now) / 1000000000ULL),
			    .tv_nsec = (int32_t)((deadline - now) % 1000000000ULL)};
			if (copy_to_user(args->b, &rem, sizeof rem) < 0)
				return -EFAULT;
		}
		return -EINTR;
	}
	return 0;
}
