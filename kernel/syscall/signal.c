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

int64_t sys_kill(struct syscall_args *args)
{
	struct process *self = args->process;
	int64_t pid = (int64_t)args->a;
	int sig = (int)args->b;
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid > 0) {
		struct process *p = proc_by_pid((uint32_t)pid);
		int64_t r = !p || p->zombie        ? -ESRCH
		            : !may_signal(self, p) ? -EPERM
		            : sig                  ? signal_send(p, sig)
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
				signal_send(p, sig);
		}
		proc_put(p);
	}
	return !found ? -ESRCH : !allowed ? -EPERM : 0;
}

/* sigaction(sig, act, oldact, restorer) */
int64_t sys_sigaction(struct syscall_args *args)
{
	struct process *p = args->process;
	int sig = (int)args->a;
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	struct redox_sigaction act, old = p->actions[sig];
	if (args->b && copy_from_user(&act, args->b, sizeof act) < 0)
		return -EFAULT;
	if (args->b && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (args->c && copy_to_user(args->c, &old, sizeof old) < 0)
		return -EFAULT;
	if (args->b) {
		p->actions[sig] = act;
		if (!p->actions[sig].sa_restorer)
			p->actions[sig].sa_restorer = args->d;
		if (act.sa_handler == SIG_IGN)
			__atomic_and_fetch(&p->sig_pending, ~(1ULL << sig), __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* sigprocmask(how, set, oldset): masks are u64 bit sets, bit n = signal n */
int64_t sys_sigprocmask(struct syscall_args *args)
{
	struct context *p = sched_current(); /* the mask is the thread's */
	uint64_t old = p->sig_mask, set = 0;
	if (args->b && copy_from_user(&set, args->b, sizeof set) < 0)
		return -EFAULT;
	if (args->c && !user_buffer_ok(args, args->c, sizeof(uint64_t), 1))
		return -EFAULT;
	if (args->b) {
		switch (args->a) {
		case SIG_BLOCK:
			p->sig_mask |= set;
			break;
		case SIG_UNBLOCK:
			p->sig_mask &= ~set;
			break;
		case SIG_SETMASK:
			p->sig_mask = set;
			break;
		default:
			return -EINVAL;
		}
		p->sig_mask &= ~((1ULL << SIGKILL) | (1ULL << SIGSTOP));
	}
	if (args->c && copy_to_user(args->c, &old, sizeof old) < 0)
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
int64_t sys_sigsuspend(struct syscall_args *args)
{
	struct context *c = sched_current();
	uint64_t mask;
	if (copy_from_user(&mask, args->a, sizeof mask) < 0)
		return -EFAULT;
	c->sig_mask = mask & ~((1ULL << SIGKILL) | (1ULL << SIGSTOP));
	while (!signal_pending_acts(c))
		sched_sleep_until(clock_monotonic_ns() + SIGSUSPEND_POLL_NS);
	return -EINTR;
}
