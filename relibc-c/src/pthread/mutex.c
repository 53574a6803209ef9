/*
 * Mutexes on a futex word (0 free, 1 locked, 2 locked and maybe waited
 * for: only then does unlock make a system call). Recursive and
 * error-checking mutexes remember the owner's tid.
 */
#include <errno.h>
#include <pthread.h>

#include "internal/thread.h"

static int self_tid(void)
{
	return __relibc_thread_self()->tid;
}

/* Take the word: 0 or ETIMEDOUT (only with a deadline). */
static int acquire(pthread_mutex_t *m, const struct timespec *abstime)
{
	int c = 0;
	if (__atomic_compare_exchange_n(&m->__lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
		return EINVAL;
	/* a short spin first: most holders let go within a few hundred cycles */
	for (int spin = 0; spin < 100; spin++) {
		__builtin_ia32_pause();
		c = 0;
		if (__atomic_load_n(&m->__lock, __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(&m->__lock, &c, 1, 0, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return 0;
	}
	while (__atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE) != 0)
		if (__relibc_futex_wait(&m->__lock, 2, abstime, CLOCK_REALTIME) == ETIMEDOUT)
			return ETIMEDOUT;
	return 0;
}

static void release(pthread_mutex_t *m)
{
	if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
		__relibc_futex_wake(&m->__lock, 1);
}

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
	a->__type = PTHREAD_MUTEX_DEFAULT;
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	a->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict a, int *restrict type)
{
	*type = a->__type;
	return 0;
}

/* Futexes are keyed by physical address: shared memory works as well. */
int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict a, int *restrict pshared)
{
	*pshared = a->__pshared;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (a)
		m->__type = a->__type;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return __atomic_load_n(&m->__lock, __ATOMIC_RELAXED) ? EBUSY : 0;
}

static int lock(pthread_mutex_t *m, const struct timespec *abstime, int try)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		int me = self_tid();
		if (__atomic_load_n(&m->__owner, __ATOMIC_RELAXED) == me) {
			if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
				return try ? EBUSY : EDEADLK;
			if (m->__count == __INT_MAX__)
				return EAGAIN;
			m->__count++;
			return 0;
		}
	}
	if (try) {
		int c = 0;
		if (!__atomic_compare_exchange_n(&m->__lock, &c, 1, 0, __ATOMIC_ACQUIRE,
		                                 __ATOMIC_RELAXED))
			return EBUSY;
	} else {
		int r = acquire(m, abstime);
		if (r)
			return r;
	}
	__atomic_store_n(&m->__owner, self_tid(), __ATOMIC_RELAXED);
	m->__count = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return lock(m, 0, 0);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	return lock(m, 0, 1);
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abstime)
{
	return lock(m, abstime, 0);
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (__atomic_load_n(&m->__owner, __ATOMIC_RELAXED) != self_tid())
			return EPERM;
		if (m->__type == PTHREAD_MUTEX_RECURSIVE && --m->__count > 0)
			return 0;
	}
	__atomic_store_n(&m->__owner, 0, __ATOMIC_RELAXED);
	m->__count = 0;
	release(m);
	return 0;
}
