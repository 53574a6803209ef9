/*
 * Unnamed semaphores. The count lives in a futex word: sem_wait takes
 * one with a compare-and-swap while it is positive and otherwise sleeps
 * on the word while it reads 0 (a cancellation point); sem_post adds one
 * and wakes a sleeper when any is registered. Errors are reported through errno, as POSIX
 * wants for semaphores (unlike the pthread_ calls).
 */
#include <errno.h>
#include <semaphore.h>

#include "internal/thread.h"

int sem_init(sem_t *sem, int pshared, unsigned value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	sem->__value = (int)value;
	sem->__waiters = 0;
	sem->__pshared = pshared != 0;
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

/* Take one if the count is positive: 1, else 0. */
static int try_take(sem_t *sem)
{
	int v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);
	while (v > 0)
		if (__atomic_compare_exchange_n(&sem->__value, &v, v - 1, 1, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return 1;
	return 0;
}

static int wait_until(sem_t *sem, clockid_t clock, const struct timespec *abstime)
{
	/* checked even when the count is positive, as glibc does */
	if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L)) {
		errno = EINVAL;
		return -1;
	}
	if (try_take(sem))
		return 0;
	for (;;) {
		__atomic_add_fetch(&sem->__waiters, 1, __ATOMIC_ACQ_REL);
		int r = __relibc_futex_wait_cp(&sem->__value, 0, abstime, clock);
		__atomic_sub_fetch(&sem->__waiters, 1, __ATOMIC_ACQ_REL);
		if (r == ECANCELED)
			__relibc_cancel_act();
		if (try_take(sem))
			return 0;
		if (r == ETIMEDOUT || r == EINTR || r == EINVAL) {
			errno = r;
			return -1;
		}
	}
}

int sem_wait(sem_t *sem)
{
	return wait_until(sem, CLOCK_REALTIME, 0);
}

int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime)
{
	return wait_until(sem, CLOCK_REALTIME, abstime);
}

int sem_clockwait(sem_t *restrict sem, clockid_t clock, const struct timespec *restrict abstime)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	return wait_until(sem, clock, abstime);
}

int sem_trywait(sem_t *sem)
{
	if (try_take(sem))
		return 0;
	errno = EAGAIN;
	return -1;
}

int sem_post(sem_t *sem)
{
	int v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);
	do {
		if (v == SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	} while (!__atomic_compare_exchange_n(&sem->__value, &v, v + 1, 1, __ATOMIC_RELEASE,
	                                      __ATOMIC_RELAXED));
	if (__atomic_load_n(&sem->__waiters, __ATOMIC_ACQUIRE))
		__relibc_futex_wake(&sem->__value, 1);
	return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value)
{
	*value = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);
	return 0;
}
