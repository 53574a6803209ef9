/*
 * Signals: kill/raise, sigaction (every handler returns through
 * __relibc_sigrestore, which issues SYS_SIGRETURN), sigprocmask, the
 * sigset helpers, sigsuspend and pause. SIGCANCEL is the library's
 * (cancel.h): sigaction refuses it and no mask blocks it.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <redox/abi/types.h>

#include "cancel.h"
#include "sys.h"
#include "../internal/internal.h"

void __relibc_sigrestore(void);

int kill(pid_t pid, int sig)
{
	return (int)__sys_result(redox_sys_kill(pid, sig));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int killpg(pid_t pgrp, int sig)
{
	return kill(-pgrp, sig);
}

int __relibc_sigaction(int sig, const struct sigaction *act, struct sigaction *old);

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (sig == SIGCANCEL) {
		errno = EINVAL;
		return -1;
	}
	return __relibc_sigaction(sig, act, old);
}

int __relibc_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct redox_sigaction in, out;
	if (act) {
		in.sa_handler = (uint64_t)act->sa_handler;
		in.sa_mask = act->sa_mask & ~SIGCANCEL_BIT;
		in.sa_flags = act->sa_flags;
		in.sa_restorer = (uint64_t)__relibc_sigrestore;
	}
	long r = __sys_result(redox_sys_sigaction(sig, act ? &in : 0, old ? &out : 0,
	                                          (uint64_t)(uintptr_t)__relibc_sigrestore));
	if (r < 0)
		return -1;
	if (old) {
		old->sa_handler = (sighandler_t)out.sa_handler;
		old->sa_mask = out.sa_mask;
		old->sa_flags = out.sa_flags;
		old->sa_restorer = (void (*)(void))out.sa_restorer;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	sigset_t mine;
	if (set) {
		mine = *set & ~SIGCANCEL_BIT;
		set = &mine;
	}
	long r = __sys_result(redox_sys_sigprocmask(how, set, old));
	if (r == 0 && old)
		*old &= ~SIGCANCEL_BIT;
	return (int)r;
}

/* sigsetjmp's and siglongjmp's hooks (src/setjmp/sigsetjmp.S). */
int __relibc_sigmask_get(unsigned long *mask)
{
	sigset_t now;
	if (sigprocmask(SIG_BLOCK, 0, &now) < 0)
		return -1;
	*mask = now;
	return 0;
}

int __relibc_sigmask_set(const unsigned long *mask)
{
	sigset_t set = *mask;
	return sigprocmask(SIG_SETMASK, &set, 0);
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

static int valid(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	*set |= 1UL << sig;
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	*set &= ~(1UL << sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	return (*set >> sig) & 1;
}

/* A cancellation point, as is pause. */
int sigsuspend(const sigset_t *mask)
{
	sigset_t old, set = *mask & ~SIGCANCEL_BIT;
	if (sigprocmask(SIG_SETMASK, 0, &old) < 0)
		return -1;
	/* always -1 with EINTR: a handler has run (sigset_t is the kernel's u64 mask) */
	uint64_t r = __relibc_syscall_cp_raw(SYS_SIGSUSPEND, (uint64_t)(uintptr_t)&set, 0, 0, 0, 0);
	int saved = errno;
	sigprocmask(SIG_SETMASK, &old, 0);
	if (__relibc_cancel_due(r))
		__relibc_cancel_act();
	errno = saved;
	return (int)__sys_result(r);
}

int pause(void)
{
	sigset_t now;
	if (sigprocmask(SIG_BLOCK, 0, &now) < 0)
		return -1;
	return sigsuspend(&now);
}
