/*
 * The library's view of a thread (pthread_t points at one) and the
 * platform hooks the kernel-independent thread code waits with. The
 * platform (src/platform/thread.c) creates and ends threads; the objects
 * in src/pthread/ only need these hooks, so the host tests run them over
 * Linux futexes and glibc threads.
 */
#ifndef RELIBC_INTERNAL_THREAD_H
#define RELIBC_INTERNAL_THREAD_H

#include <pthread.h>
#include <time.h>

struct __pthread {
	struct __pthread *self;
	int tid;
	/* nonzero while the thread runs; the kernel zeroes it and wakes a
	 * futex waiter there when the thread has left user mode (join) */
	volatile int live;
	volatile int state; /* THREAD_JOINABLE, THREAD_DETACHED, THREAD_EXITED */
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map; /* the stack + TLS mapping (0: the first thread's, not ours) */
	size_t map_size;
	struct __pthread *next_zombie;
	void *keys[PTHREAD_KEYS_MAX];
	unsigned key_seq[PTHREAD_KEYS_MAX];
	/* cancellation (src/pthread/cancel.c): CANCEL_* bits; other threads
	 * only set CANCEL_REQUESTED, atomically */
	volatile int cancel;
	struct __pthread_cleanup *cleanup; /* pthread_cleanup_push's chain, newest first */
};

#define CANCEL_REQUESTED 1 /* pthread_cancel was called */
#define CANCEL_OFF       2 /* PTHREAD_CANCEL_DISABLE (also set once acting on it) */
#define CANCEL_ASYNC     4 /* PTHREAD_CANCEL_ASYNCHRONOUS */
/* A request that must be acted on at a cancellation point. */
#define CANCEL_DUE(bits) (((bits) & (CANCEL_REQUESTED | CANCEL_OFF)) == CANCEL_REQUESTED)

#define THREAD_JOINABLE 0
#define THREAD_DETACHED 1
#define THREAD_EXITED   2

/* The calling thread (never NULL). */
struct __pthread *__relibc_thread_self(void);
/*
 * Sleep while *addr == val, until woken, or until the absolute time on
 * `clock` (NULL: no limit). 0 when woken (or spuriously), ETIMEDOUT,
 * EAGAIN when *addr != val already, EINTR.
 */
int __relibc_futex_wait(volatile int *addr, int val, const struct timespec *abstime, int clock);
/* Wake up to n sleepers on addr. */
void __relibc_futex_wake(volatile int *addr, int n);
/*
 * __relibc_futex_wait as a cancellation point: ECANCELED (without sleeping,
 * or cutting the sleep short) when a cancellation request is due; the
 * caller puts its object right, then calls __relibc_cancel_act.
 */
int __relibc_futex_wait_cp(volatile int *addr, int val, const struct timespec *abstime, int clock);
/* Act on the calling thread's cancellation: pthread_exit(PTHREAD_CANCELED). */
__relibc_noreturn void __relibc_cancel_act(void);

/* cond.c: a condition wait, a cancellation point when `cancellable`. */
int __relibc_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                       const struct timespec *restrict abstime, int cancellable);
/* cancel.c: run and empty the thread's cleanup chain (pthread_exit). */
void __relibc_cleanup_run(struct __pthread *t);

/* keys.c: run the thread's destructors (pthread_exit). */
void __relibc_keys_run(struct __pthread *t);

#endif
