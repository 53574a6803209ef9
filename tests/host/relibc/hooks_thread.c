/*
 * The thread hooks of relibc-c's core (src/internal/thread.h) for the
 * host: a struct per glibc thread, and waits and wakes on Linux futexes
 * with the ABI's clock ids mapped to the host's. A cancellation point's
 * wait answers ECANCELED while a request is due (nothing interrupts it
 * here), and acting on it runs the library's cleanup chain, then ends the
 * glibc thread.
 */
#include <errno.h>
#include <pthread.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "rl_pthread.h"

static __thread struct rl_thread me;
long t_futex_waits;

struct rl_thread *__relibc_thread_self(void)
{
	if (!me.self) {
		me.self = &me;
		me.tid = (int)syscall(SYS_gettid);
	}
	return &me;
}

int __relibc_futex_wait(volatile int *addr, int val, const struct timespec *abstime, int clock)
{
	struct timespec rel, *relp = 0;
	__atomic_add_fetch(&t_futex_waits, 1, __ATOMIC_RELAXED);
	if (abstime) {
		struct timespec now;
		clock_gettime(clock == RL_CLOCK_MONOTONIC ? CLOCK_MONOTONIC : CLOCK_REALTIME, &now);
		rel.tv_sec = abstime->tv_sec - now.tv_sec;
		rel.tv_nsec = abstime->tv_nsec - now.tv_nsec;
		if (rel.tv_nsec < 0) {
			rel.tv_nsec += 1000000000L;
			rel.tv_sec--;
		}
		if (rel.tv_sec < 0)
			return ETIMEDOUT;
		relp = &rel;
	}
	if (syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, relp, 0, 0) < 0)
		return errno == EWOULDBLOCK ? EAGAIN : errno;
	return 0;
}

void __relibc_futex_wake(volatile int *addr, int n)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, 0, 0, 0);
}

int __relibc_futex_wait_cp(volatile int *addr, int val, const struct timespec *abstime, int clock)
{
	if ((__relibc_thread_self()->cancel & 3) == 1) /* CANCEL_DUE */
		return ECANCELED;
	return __relibc_futex_wait(addr, val, abstime, clock);
}

void __relibc_cancel_act(void)
{
	struct rl_thread *t = __relibc_thread_self();
	t->cancel |= 2; /* CANCEL_OFF: acted on */
	rl___relibc_cleanup_run(t);
	pthread_exit(PTHREAD_CANCELED);
}
