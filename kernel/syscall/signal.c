/*
 * Signal syscalls: kill, sigaction, sigprocmask, sigsuspend, sigreturn.
 */
#include <redox/abi/errno.h>
#include <redox/abi/signal.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../proc/process.h"
#include "../mm/usercopy.h"
#include "../proc/signal.h"
#include "../sched/sched.h"
#include "../time/clock.h"

#define SIGSUSPEND_POLL_NS 20000000ULL /* 20 ms */

static bool may_signal(const struct process *from, const struct process *to)
{
	return from->euid == 0 || from->euid == to->uid || from->uid == to->uid;
}

int64_t sys_kill(struct syscall_args *args, int64_t pid, int64_t sig)
{
	struct process *self = args->process;
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid > 0) {
		struct process *p = proc_by_pid((uint32_t)pid);
		int64_t r = !p || p->zombie        ? -ESRCH
		            : !may_signal(self, p) ? -EPERM
		            : sig                  ? signal_send(p, (int)sig)
		                                   : 0;
		proc_put(p);
		return r;
	}
	/* a group (0: the caller's, < -1: -pid) or everyone we may (-1) */
	uint32_t group = pid == 0 ? self->pgid : (uint32_t)-pid;
	int found = 0, allowed = 0;
	for (uint32_t i = 2; i < MAX_PROCESSES; i++) {
		struct process *p = proc_by_pid(i);
		if (!p || p->zombie || (pid != -1 && p->pgid != group) ||
		    (pid == -1 && p == self)) {
			proc_put(p);
			continue;
		}
		found++;
		if (may_signal(self, p)) {
			allowed++;
			if (sig)
				signal_send(p, (int)sig);
		}
		proc_put(p);
	}
	return !found ? -ESRCH : !allowed ? -EPERM : 0;
}

/* sigaction(sig, act, oldact, restorer) */
int64_t sys_sigaction(struct syscall_args *args, int64_t sig, uint64_t act, uint64_t old,
                      uint64_t restorer)
{
	struct process *p = args->process;
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	struct redox_sigaction new_action, old_action = p->actions[sig];
	if (act && copy_from_user(&new_action, act, sizeof new_action) < 0)
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (old && copy_to_user(old, &old_action, sizeof old_action) < 0)
		return -EFAULT;
	if (act) {
		p->actions[sig] = new_action;
		if (!p->actions[sig].sa_restorer)
			p->actions[sig].sa_restorer = restorer;
		if (new_action.sa_handler == SIG_IGN)
			__atomic_and_fetch(&p->sig_pending, ~(1ULL << sig), __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* sigprocmask(how, set, oldset): masks are u64 bit sets, bit n = signal n */
int64_t sys_sigprocmask(struct syscall_args *args, int64_t how, uint64_t set, uint64_t old)
{
	struct context *p = sched_current(); /* the mask is the thread's */
	uint64_t old_mask = p->sig_mask, mask = 0;
	if (set && copy_from_user(&mask, set, sizeof mask) < 0)
		return -EFAULT;
	if (old && !user_buffer_ok(args, old, sizeof(uint64_t), 1))
		return -EFAULT;
	if (set) {
		switch (how) {
		case SIG_BLOCK:
			p->sig_mask |= mask;
			break;
		case SIG_UNBLOCK:
			p->sig_mask &= ~mask;
			break;
		case SIG_SETMASK:
			p->sig_mask = mask;
			break;
		default:
			return -EINVAL;
		}
		p->sig_mask &= ~((1ULL << SIGKILL) | (1ULL << SIGSTOP));
	}
	if (old && copy_to_user(old, &old_mask, sizeof old_mask) < 0)
		return -EFAULT;
	return 0;
}

int64_t sys_sigreturn(struct syscall_args *args)
{
	return signal_return(args->frame);
}

/*
 * sigsuspend(mask): put `mask` in force and sleep until a signal that acts
 * is pending; it is delivered on the way out (-EINTR). The mask stays: the
 * C library puts the caller's old one back after the handler has run.
 * Sleeps are short so that a wake racing with the check is never lost.
 */
int64_t sys_sigsuspend(struct syscall_args *args, uint64_t mask)
{
	(void)args;
	struct context *c = sched_current();
	uint64_t wanted;
	if (copy_from_user(&wanted, mask, sizeof wanted) < 0)
		return -EFAULT;
	c->sig_mask = wanted & ~((1ULL << SIGKILL) | (1ULL << SIGSTOP));
	while (!signal_pending_acts(c))
		sched_sleep_until(clock_monotonic_ns() + SIGSUSPEND_POLL_NS);
	return -EINTR;
}
