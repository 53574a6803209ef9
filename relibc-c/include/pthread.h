/*
 * pthread.h: POSIX threads. Threads are the kernel's (SYS_CLONE_THREAD);
 * every blocking object waits on a futex. Creation, join and exit are in
 * src/platform/thread.c, the objects in src/pthread/ (docs/threads.md).
 */
#ifndef _RELIBC_PTHREAD_H
#define _RELIBC_PTHREAD_H

#include <bits/cdefs.h>
#include <bits/pthreadtypes.h>
#include <sched.h>
#include <time.h>

__RELIBC_BEGIN_DECLS

#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL

#define PTHREAD_CREATE_JOINABLE       0
#define PTHREAD_CREATE_DETACHED       1
#define PTHREAD_PROCESS_PRIVATE       0
#define PTHREAD_PROCESS_SHARED        1
#define PTHREAD_INHERIT_SCHED         0
#define PTHREAD_EXPLICIT_SCHED        1
#define PTHREAD_SCOPE_SYSTEM          0
#define PTHREAD_SCOPE_PROCESS         1
#define PTHREAD_BARRIER_SERIAL_THREAD (-1)
#define PTHREAD_KEYS_MAX              128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define PTHREAD_STACK_MIN             16384
#define PTHREAD_CANCEL_ENABLE         0
#define PTHREAD_CANCEL_DISABLE        1
#define PTHREAD_CANCEL_DEFERRED       0
#define PTHREAD_CANCEL_ASYNCHRONOUS   1
#define PTHREAD_CANCELED              ((void *)-1)

#define PTHREAD_MUTEX_INITIALIZER                                                                  \
	{                                                                                          \
		0, 0, 0, 0                                                                         \
	}
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP                                                     \
	{                                                                                          \
		PTHREAD_MUTEX_RECURSIVE, 0, 0, 0                                                   \
	}
#define PTHREAD_COND_INITIALIZER                                                                   \
	{                                                                                          \
		0, CLOCK_REALTIME                                                                  \
	}
#define PTHREAD_RWLOCK_INITIALIZER                                                                 \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0,  \
		    0, 0                                                                           \
	}
#define PTHREAD_ONCE_INIT 0

struct sched_param;

int pthread_create(pthread_t *__restrict_arg t, const pthread_attr_t *__restrict_arg attr,
                   void *(*start)(void *), void *__restrict_arg arg);
int pthread_join(pthread_t t, void **result);
int pthread_detach(pthread_t t);
__relibc_noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_kill(pthread_t t, int sig);
int pthread_getconcurrency(void);
int pthread_setconcurrency(int level);
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));

int pthread_cancel(pthread_t t);
int pthread_setcancelstate(int state, int *old);
int pthread_setcanceltype(int type, int *old);
void pthread_testcancel(void);

/*
 * pthread_cleanup_push and pthread_cleanup_pop open and close one block:
 * the record lives in the caller's frame and is linked into the thread's
 * chain, which pthread_exit and cancellation run newest first.
 */
struct __pthread_cleanup {
	void (*__fn)(void *);
	void *__arg;
	struct __pthread_cleanup *__next;
};
void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg);
void __pthread_cleanup_pop(struct __pthread_cleanup *c, int execute);
#define pthread_cleanup_push(fn, arg)                                                              \
	do {                                                                                       \
		struct __pthread_cleanup __pthread_cleanup_record;                                 \
	__pthread_cleanup_push(&__pthread_cleanup_record, (fn), (arg))
#define pthread_cleanup_pop(execute)                                                               \
	__pthread_cleanup_pop(&__pthread_cleanup_record, (execute));                               \
	}                                                                                          \
	while (0)

int pthread_attr_init(pthread_attr_t *a);
int pthread_attr_destroy(pthread_attr_t *a);
int pthread_attr_setdetachstate(pthread_attr_t *a, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state);
int pthread_attr_setstacksize(pthread_attr_t *a, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *__restrict_arg a, size_t *__restrict_arg size);
int pthread_attr_setguardsize(pthread_attr_t *a, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *__restrict_arg a, size_t *__restrict_arg size);
int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size);
int pthread_attr_getstack(const pthread_attr_t *__restrict_arg a, void **__restrict_arg addr,
                          size_t *__restrict_arg size);
int pthread_attr_setscope(pthread_attr_t *a, int scope);
int pthread_attr_getscope(const pthread_attr_t *__restrict_arg a, int *__restrict_arg scope);
int pthread_attr_setinheritsched(pthread_attr_t *a, int inherit);
int pthread_attr_getinheritsched(const pthread_attr_t *__restrict_arg a,
                                 int *__restrict_arg inherit);

int pthread_mutex_init(pthread_mutex_t *__restrict_arg m,
                       const pthread_mutexattr_t *__restrict_arg attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *__restrict_arg m,
                            const struct timespec *__restrict_arg abstime);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *a);
int pthread_mutexattr_destroy(pthread_mutexattr_t *a);
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *__restrict_arg a,
                              int *__restrict_arg type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int pshared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *__restrict_arg a,
                                 int *__restrict_arg pshared);

int pthread_cond_init(pthread_cond_t *__restrict_arg c,
                      const pthread_condattr_t *__restrict_arg attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *__restrict_arg c, pthread_mutex_t *__restrict_arg m);
int pthread_cond_timedwait(pthread_cond_t *__restrict_arg c, pthread_mutex_t *__restrict_arg m,
                           const struct timespec *__restrict_arg abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *a);
int pthread_condattr_destroy(pthread_condattr_t *a);
int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *__restrict_arg a,
                              clockid_t *__restrict_arg clock);
int pthread_condattr_setpshared(pthread_condattr_t *a, int pshared);
int pthread_condattr_getpshared(const pthread_condattr_t *__restrict_arg a,
                                int *__restrict_arg pshared);

int pthread_rwlock_init(pthread_rwlock_t *__restrict_arg l,
                        const pthread_rwlockattr_t *__restrict_arg attr);
int pthread_rwlock_destroy(pthread_rwlock_t *l);
int pthread_rwlock_rdlock(pthread_rwlock_t *l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l);
int pthread_rwlock_timedrdlock(pthread_rwlock_t *__restrict_arg l,
                               const struct timespec *__restrict_arg abstime);
int pthread_rwlock_wrlock(pthread_rwlock_t *l);
int pthread_rwlock_trywrlock(pthread_rwlock_t *l);
int pthread_rwlock_timedwrlock(pthread_rwlock_t *__restrict_arg l,
                               const struct timespec *__restrict_arg abstime);
int pthread_rwlock_unlock(pthread_rwlock_t *l);
int pthread_rwlockattr_init(pthread_rwlockattr_t *a);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a);

int pthread_once(pthread_once_t *once, void (*init)(void));

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

int pthread_barrier_init(pthread_barrier_t *__restrict_arg b,
                         const pthread_barrierattr_t *__restrict_arg attr, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *b);
int pthread_barrier_wait(pthread_barrier_t *b);
int pthread_barrierattr_init(pthread_barrierattr_t *a);
int pthread_barrierattr_destroy(pthread_barrierattr_t *a);

int pthread_spin_init(pthread_spinlock_t *s, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *s);
int pthread_spin_lock(pthread_spinlock_t *s);
int pthread_spin_trylock(pthread_spinlock_t *s);
int pthread_spin_unlock(pthread_spinlock_t *s);

__RELIBC_END_DECLS

#endif
