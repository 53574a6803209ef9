/*
 * semaphore.h: unnamed POSIX semaphores (sem_init), a counter and a
 * futex word (src/pthread/semaphore.c). Named ones (sem_open) are not
 * provided.
 */
#ifndef _RELIBC_SEMAPHORE_H
#define _RELIBC_SEMAPHORE_H

#include <bits/cdefs.h>
#include <time.h>

__RELIBC_BEGIN_DECLS

#define SEM_VALUE_MAX 0x7fffffff
#define SEM_FAILED    ((sem_t *)0)

typedef struct {
	volatile int __value;
	volatile int __waiters;
	int __pshared;
} sem_t;

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *__restrict_arg sem, const struct timespec *__restrict_arg abstime);
int sem_clockwait(sem_t *__restrict_arg sem, clockid_t clock,
                  const struct timespec *__restrict_arg abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *__restrict_arg sem, int *__restrict_arg value);

__RELIBC_END_DECLS

#endif
