/*
 * Cancellation on Redox: pthread_cancel marks the thread and sends it
 * SIGCANCEL (tkill), whose handler looks at where the signal found the
 * thread. In a cancellation point's system call (cancel.S) that has not
 * started, or that the signal cut short with EINTR, the call returns
 * -ECANCELED and its wrapper acts (pthread_exit(PTHREAD_CANCELED));
 * anywhere else a deferred request waits for the next point, and an
 * asynchronous one resumes the thread in __relibc_cancel_act. A call the
 * signal interrupted while cancellation was disabled is restarted, so a
 * disabled thread sees no EINTR from it. docs/threads.md.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <redox/abi/types.h>

#include "cancel.h"
#include "internal/thread.h"
#include "sys.h"

_Static_assert(CANCEL_REQUESTED == 1 && CANCEL_OFF == 2, "cancel.S tests these bits");

uint64_t __relibc_cp_asm(volatile int *word, uint64_t nr, uint64_t a, uint64_t b, uint64_t c,
                         uint64_t d, uint64_t e);
extern const char __relibc_cp_begin[], __relibc_cp_syscall[], __relibc_cp_end[],
    __relibc_cp_cancel[];
void __relibc_cancel_handler(int sig);
void __relibc_cancel_async(void);
void __relibc_cancel_signal(int sig, struct redox_sigregs *regs);
int __relibc_sigaction(int sig, const struct sigaction *act, struct sigaction *old);

uint64_t __relibc_syscall_cp_raw(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                 uint64_t e)
{
	return __relibc_cp_asm(&__relibc_thread_self()->cancel, nr, a, b, c, d, e);
}

int __relibc_cancel_due(uint64_t result)
{
	return result == (uint64_t)-ECANCELED &&
	       CANCEL_DUE(__atomic_load_n(&__relibc_thread_self()->cancel, __ATOMIC_SEQ_CST));
}

uint64_t __relibc_syscall_cp(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                             uint64_t e)
{
	uint64_t r = __relibc_syscall_cp_raw(nr, a, b, c, d, e);
	if (__relibc_cancel_due(r))
		__relibc_cancel_act();
	return r;
}

__relibc_noreturn void __relibc_cancel_act(void)
{
	struct __pthread *t = __relibc_thread_self();
	/* acted on once: the cleanup handlers run with cancellation off */
	__atomic_fetch_or(&t->cancel, CANCEL_OFF, __ATOMIC_SEQ_CST);
	__atomic_fetch_and(&t->cancel, ~CANCEL_ASYNC, __ATOMIC_SEQ_CST);
	pthread_exit(PTHREAD_CANCELED);
}

void __relibc_cancel_signal(int sig, struct redox_sigregs *regs)
{
	(void)sig;
	int bits = __atomic_load_n(&__relibc_thread_self()->cancel, __ATOMIC_SEQ_CST);
	uintptr_t pc = regs->rip;
	int before = pc >= (uintptr_t)__relibc_cp_begin && pc < (uintptr_t)__relibc_cp_end;
	int cut_short = pc == (uintptr_t)__relibc_cp_end && regs->rax == (uint64_t)-EINTR;
	if (CANCEL_DUE(bits)) {
		if (bits & CANCEL_ASYNC)
			regs->rip = (uintptr_t)__relibc_cancel_async;
		else if (before || cut_short)
			regs->rip = (uintptr_t)__relibc_cp_cancel;
	} else if (cut_short) {
		/* sent while enabled, disabled since: the call goes on as if never interrupted */
		regs->rip = (uintptr_t)__relibc_cp_syscall;
		regs->rax = regs->r9;
	}
}

static int handler_installed;

int pthread_cancel(pthread_t th)
{
	struct __pthread *t = (struct __pthread *)th, *self = __relibc_thread_self();
	if (!__atomic_load_n(&handler_installed, __ATOMIC_ACQUIRE)) {
		struct sigaction act = {.sa_handler = __relibc_cancel_handler};
		if (__relibc_sigaction(SIGCANCEL, &act, 0) < 0)
			return errno;
		__atomic_store_n(&handler_installed, 1, __ATOMIC_RELEASE);
	}
	int bits = __atomic_or_fetch(&t->cancel, CANCEL_REQUESTED, __ATOMIC_SEQ_CST);
	if (t == self) {
		if ((bits & CANCEL_ASYNC) && CANCEL_DUE(bits))
			__relibc_cancel_act();
		return 0; /* deferred: the next cancellation point */
	}
	/* disabled: acted on at a cancellation point once enabled, no signal needed */
	if (bits & CANCEL_OFF)
		return 0;
	int error = 0;
	redox_demux(redox_sys_tkill(t->tid, SIGCANCEL), &error);
	return error == ESRCH ? 0 : error; /* a thread that has ended has nothing to act on */
}
