/*
 * Condition variables: a sequence number that every signal and broadcast
 * bumps; a waiter sleeps on the number it saw before it let the mutex go,
 * so a wake between the unlock and the sleep is never lost. Wake-ups may
 * be spurious, as POSIX allows: callers re-check their predicate.
 * pthread_cond_wait and timedwait are cancellation points.
 */
#include <errno.h>
#include <pthread.h>

#include "internal/thread.h"

int pthread_condattr_init(pthread_condattr_t *a)
{
	a->__clock = CLOCK_REALTIME;
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	a->__clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict a, clockid_t *restrict clock)
{
	*clock = a->__clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *restrict a, int *restrict pshared)
{
	*pshared = a->__pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a)
{
	c->__seq = 0;
	c->__clock = a ? a->__clock : CLOCK_REALTIME;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

/*
 * A cancellation point when `cancellable` (pthread_cond_wait and
 * timedwait; the rwlocks and barriers built on condition variables are
 * none): the mutex is taken back before the cleanup handlers run, as
 * POSIX wants.
 */
int __relibc_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                       const struct timespec *restrict abstime, int cancellable)
{
	if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
		return EINVAL;
	int seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
	/* a recursive mutex is let go entirely and taken back as deep as it was */
	int depth = m->__count;
	if (m->__type == PTHREAD_MUTEX_RECURSIVE)
		m->__count = 1;
	int r = pthread_mutex_unlock(m);
	if (r) {
		m->__count = depth;
		return r;
	}
	int w = cancellable ? __relibc_futex_wait_cp(&c->__seq, seq, abstime, c->__clock)
	                    : __relibc_futex_wait(&c->__seq, seq, abstime, c->__clock);
	pthread_mutex_lock(m);
	if (m->__type == PTHREAD_MUTEX_RECURSIVE)
		m->__count = depth;
	if (w == ECANCELED)
		__relibc_cancel_act();
	return w == ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime)
{
	return __relibc_cond_wait(c, m, abstime, 1);
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return __relibc_cond_wait(c, m, 0, 1);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__atomic_add_fetch(&c->__seq, 1, __ATOMIC_RELEASE);
	__relibc_futex_wake(&c->__seq, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__atomic_add_fetch(&c->__seq, 1, __ATOMIC_RELEASE);
	__relibc_futex_wake(&c->__seq, __INT_MAX__);
	return 0;
}
