/*
 * Barriers, once, and spin locks. A barrier counts arrivals under a
 * mutex; the last one starts a new generation and wakes the others.
 * pthread_once runs the routine in the first caller while the others
 * sleep on the control word (0 new, 1 running, 2 done); a routine that
 * is cancelled leaves it new for the next caller.
 */
#include <errno.h>
#include <pthread.h>

#include "internal/thread.h"

int pthread_barrierattr_init(pthread_barrierattr_t *a)
{
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict a,
                         unsigned count)
{
	(void)a;
	if (count == 0)
		return EINVAL;
	pthread_mutex_init(&b->__m, 0);
	pthread_cond_init(&b->__c, 0);
	b->__count = count;
	b->__arrived = 0;
	b->__generation = 0;
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	return b->__arrived ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	pthread_mutex_lock(&b->__m);
	unsigned gen = b->__generation;
	if (++b->__arrived == b->__count) {
		b->__arrived = 0;
		b->__generation++;
		pthread_cond_broadcast(&b->__c);
		pthread_mutex_unlock(&b->__m);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	while (gen == b->__generation)
		__relibc_cond_wait(&b->__c, &b->__m, 0, 0);
	pthread_mutex_unlock(&b->__m);
	return 0;
}

/* A cancelled routine leaves the control word new again, as POSIX wants. */
static void once_undo(void *p)
{
	pthread_once_t *once = p;
	__atomic_store_n(once, 0, __ATOMIC_RELEASE);
	__relibc_futex_wake(once, __INT_MAX__);
}

int pthread_once(pthread_once_t *once, void (*init)(void))
{
	int state;
	while ((state = __atomic_load_n(once, __ATOMIC_ACQUIRE)) != 2) {
		if (state == 0 && __atomic_compare_exchange_n(once, &state, 1, 0, __ATOMIC_ACQ_REL,
		                                              __ATOMIC_ACQUIRE)) {
			pthread_cleanup_push(once_undo, once);
			init();
			pthread_cleanup_pop(0);
			__atomic_store_n(once, 2, __ATOMIC_RELEASE);
			__relibc_futex_wake(once, __INT_MAX__);
			return 0;
		}
		if (state == 1)
			__relibc_futex_wait(once, 1, 0, CLOCK_MONOTONIC);
	}
	return 0;
}

int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
	(void)pshared;
	*s = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *s)
{
	return *s ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *s)
{
	while (__atomic_exchange_n(s, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(s, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *s)
{
	return __atomic_exchange_n(s, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t *s)
{
	__atomic_store_n(s, 0, __ATOMIC_RELEASE);
	return 0;
}
