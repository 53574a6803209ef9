/*
 * Time syscalls: clock_gettime (real, monotonic, and the process's CPU
 * time that rlimit.c counts at each tick) and nanosleep.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../arch/arch.h"
#include "../proc/process.h"
#include "../sched/sched.h"
#include "../mm/usercopy.h"
#include "../time/clock.h"

_Static_assert(1000000000ULL / TIMER_HZ == REDOX_CPUTIME_RES_NS, "CPU time counts timer ticks");

int64_t sys_clock_gettime(struct syscall_args *args, uint64_t clock, uint64_t ts)
{
	uint64_t ns;
	if (clock == CLOCK_PROCESS_CPUTIME_ID)
		ns = __atomic_load_n(&args->process->cpu_ticks, __ATOMIC_RELAXED) *
		     REDOX_CPUTIME_RES_NS;
	else if (clock == CLOCK_MONOTONIC)
		ns = clock_monotonic_ns();
	else if (clock == CLOCK_REALTIME)
		ns = clock_realtime_ns();
	else
		return -EINVAL;
	struct redox_timespec now = {.tv_sec = (int64_t)(ns / 1000000000ULL),
	                             .tv_nsec = (int32_t)(ns % 1000000000ULL)};
	return copy_to_user(ts, &now, sizeof now);
}

int64_t sys_nanosleep(struct syscall_args *args, uint64_t req, uint64_t rem)
{
	(void)args;
	struct redox_timespec t;
	if (copy_from_user(&t, req, sizeof t) < 0)
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t deadline = clock_deadline_after(t.tv_sec, t.tv_nsec);
	sched_sleep_until(deadline);
	uint64_t now = clock_monotonic_ns();
	if (now < deadline) {
		if (rem) {
			struct redox_timespec left = {
			    .tv_sec = (int64_t)((deadline - now) / 1000000000ULL),
			    .tv_nsec = (int32_t)((deadline - now) % 1000000000ULL)};
			if (copy_to_user(rem, &left, sizeof left) < 0)
				return -EFAULT;
		}
		return -EINTR;
	}
	return 0;
}
