/*
 * relibc-c's cancellation, the kernel-independent half
 * (src/pthread/cancel.c and the objects' cancellation points), on the
 * host: state and type answer as glibc's do; cleanup handlers run newest
 * first and pop(0) skips one; a request is acted on only while enabled;
 * a cancelled condition wait holds the mutex again when the handlers
 * run; sem_wait and a cancelled pthread_once routine. The hooks
 * (hooks_thread.c) make a due request end the glibc thread through our
 * cleanup chain, so glibc's join sees PTHREAD_CANCELED.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "rl_pthread.h"
#include "test.h"

/* what pthread_cancel does to the word before it signals */
static void request_self(void)
{
	__atomic_or_fetch(&__relibc_thread_self()->cancel, 1, __ATOMIC_SEQ_CST);
}

static void *run_joined(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *r = 0;
	pthread_create(&t, 0, fn, arg);
	pthread_join(t, &r);
	return r;
}

static char order[8];
static int order_n;

static void note(void *arg)
{
	order[order_n++] = *(const char *)arg;
}

static void *chain(void *arg)
{
	(void)arg;
	struct rl_cleanup a, b, c;
	rl___pthread_cleanup_push(&a, note, "a");
	rl___pthread_cleanup_push(&b, note, "b");
	rl___pthread_cleanup_push(&c, note, "c");
	rl___pthread_cleanup_pop(&c, 0); /* not run */
	rl___pthread_cleanup_push(&c, note, "d");
	rl___pthread_cleanup_pop(&c, 1);                 /* run now */
	rl___relibc_cleanup_run(__relibc_thread_self()); /* what pthread_exit does */
	return (void *)(long)(__relibc_thread_self()->cleanup == 0);
}

static void *states(void *arg)
{
	(void)arg;
	int ours, theirs, ok = 1;
	ok &= rl_pthread_setcancelstate(7, &ours) == pthread_setcancelstate(7, &theirs);
	ok &= rl_pthread_setcanceltype(7, &ours) == pthread_setcanceltype(7, &theirs);
	ok &= rl_pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &ours) == 0;
	ok &= ours == PTHREAD_CANCEL_ENABLE;
	ok &= rl_pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &ours) == 0;
	ok &= ours == PTHREAD_CANCEL_DISABLE;
	ok &= rl_pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &ours) == 0;
	ok &= ours == PTHREAD_CANCEL_DEFERRED;
	ok &= rl_pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &ours) == 0;
	ok &= ours == PTHREAD_CANCEL_ASYNCHRONOUS;
	/* requested while disabled: nothing happens until it is enabled */
	request_self();
	rl_pthread_testcancel();
	rl_pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0);
	if (!ok)
		return 0;
	rl_pthread_testcancel();
	return (void *)1; /* not reached: the request was due */
}

static rl_mutex_t m;
static rl_cond_t c;
static int held_in_handler = -1, timed_out_disabled;

static void unlock_in_handler(void *arg)
{
	(void)arg;
	held_in_handler = m.lock != 0 && m.owner == __relibc_thread_self()->tid;
	rl_pthread_mutex_unlock(&m);
}

static void *cond_waiter(void *arg)
{
	(void)arg;
	struct rl_cleanup rec;
	rl_pthread_mutex_lock(&m);
	rl___pthread_cleanup_push(&rec, unlock_in_handler, 0);
	/* disabled, a due request does not cut the wait short */
	rl_pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
	request_self();
	struct timespec t = in_ms(CLOCK_REALTIME, 20);
	timed_out_disabled = rl_pthread_cond_timedwait(&c, &m, &t) == ETIMEDOUT;
	rl_pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0);
	rl_pthread_cond_wait(&c, &m);
	return 0; /* not reached */
}

static rl_sem_t sem;
static int sem_handler_ran;

static void sem_handler(void *arg)
{
	(void)arg;
	sem_handler_ran = 1;
}

static void *sem_waiter(void *arg)
{
	(void)arg;
	struct rl_cleanup rec;
	rl___pthread_cleanup_push(&rec, sem_handler, 0);
	request_self();
	rl_sem_wait(&sem);
	return 0;
}

static int once_ctl, once_runs;

static void once_init(void)
{
	if (++once_runs == 1) {
		request_self();
		rl_pthread_testcancel(); /* the first run is cancelled */
	}
}

static void *once_caller(void *arg)
{
	(void)arg;
	rl_pthread_once(&once_ctl, once_init);
	return 0;
}

void test_cancel(void)
{
	CHECK(run_joined(chain, 0) == (void *)1);
	CHECK_INT(order_n, 3);
	CHECK(order[0] == 'd' && order[1] == 'b' && order[2] == 'a');

	CHECK(run_joined(states, 0) == PTHREAD_CANCELED);

	rl_pthread_mutex_init(&m, 0);
	rl_pthread_cond_init(&c, 0);
	CHECK(run_joined(cond_waiter, 0) == PTHREAD_CANCELED);
	CHECK_INT(timed_out_disabled, 1);
	CHECK_INT(held_in_handler, 1);
	CHECK_INT(rl_pthread_mutex_trylock(&m), 0); /* the handler let it go */
	rl_pthread_mutex_unlock(&m);

	rl_sem_init(&sem, 0, 0);
	CHECK(run_joined(sem_waiter, 0) == PTHREAD_CANCELED);
	CHECK_INT(sem_handler_ran, 1);
	CHECK_INT(sem.waiters, 0);

	CHECK(run_joined(once_caller, 0) == PTHREAD_CANCELED);
	CHECK_INT(once_ctl, 0); /* left new */
	CHECK(run_joined(once_caller, 0) == 0);
	CHECK_INT(once_runs, 2);
	CHECK_INT(once_ctl, 2);
}
