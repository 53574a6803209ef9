/*
 * Read-write locks: a mutex guards the counts, readers and writers wait
 * on their own condition variables. Readers go first while no writer
 * holds the lock (like glibc's default), so a thread may take a read
 * lock it already holds without deadlocking on a waiting writer.
 */
#include <errno.h>
#include <pthread.h>

#include "internal/thread.h"

int pthread_rwlockattr_init(pthread_rwlockattr_t *a)
{
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *restrict l, const pthread_rwlockattr_t *restrict a)
{
	(void)a;
	*l = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	return l->__nreaders || l->__writer ? EBUSY : 0;
}

static int rdlock(pthread_rwlock_t *l, const struct timespec *abstime, int try)
{
	int r = 0;
	pthread_mutex_lock(&l->__m);
	if (l->__writer == __relibc_thread_self()->tid)
		r = EDEADLK;
	while (!r && l->__writer)
		r = try ? EBUSY : __relibc_cond_wait(&l->__readers, &l->__m, abstime, 0);
	if (!r)
		l->__nreaders++;
	pthread_mutex_unlock(&l->__m);
	return r;
}

static int wrlock(pthread_rwlock_t *l, const struct timespec *abstime, int try)
{
	int r = 0, me = __relibc_thread_self()->tid;
	pthread_mutex_lock(&l->__m);
	if (l->__writer == me)
		r = EDEADLK;
	l->__waiting_writers++;
	while (!r && (l->__writer || l->__nreaders))
		r = try ? EBUSY : __relibc_cond_wait(&l->__writers, &l->__m, abstime, 0);
	l->__waiting_writers--;
	if (!r)
		l->__writer = me;
	else if (!l->__writer && !l->__nreaders && l->__waiting_writers)
		pthread_cond_signal(&l->__writers); /* a wake we may have swallowed */
	pthread_mutex_unlock(&l->__m);
	return r;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	return rdlock(l, 0, 0);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	return rdlock(l, 0, 1);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *restrict l,
                               const struct timespec *restrict abstime)
{
	return rdlock(l, abstime, 0);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	return wrlock(l, 0, 0);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	return wrlock(l, 0, 1);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *restrict l,
                               const struct timespec *restrict abstime)
{
	return wrlock(l, abstime, 0);
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	int r = 0;
	pthread_mutex_lock(&l->__m);
	if (l->__writer) {
		if (l->__writer != __relibc_thread_self()->tid)
			r = EPERM;
		else
			l->__writer = 0;
	} else if (l->__nreaders) {
		l->__nreaders--;
	} else {
		r = EPERM;
	}
	if (!r && !l->__writer && !l->__nreaders && l->__waiting_writers)
		pthread_cond_signal(&l->__writers);
	if (!r && !l->__writer)
		pthread_cond_broadcast(&l->__readers);
	pthread_mutex_unlock(&l->__m);
	return r;
}
