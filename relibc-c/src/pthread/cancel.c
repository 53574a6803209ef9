/*
 * Cancellation, the kernel-independent half: the state and type bits of
 * each thread (CANCEL_* in internal/thread.h), pthread_testcancel and the
 * cleanup chain of pthread_cleanup_push/pop. pthread_cancel, the
 * cancellation points' system calls and the signal that interrupts them
 * are the platform's (src/platform/cancel.c, docs/threads.md).
 */
#include <errno.h>
#include <pthread.h>

#include "internal/thread.h"

/* Set or clear one bit of the calling thread's word; its old state as 0/1. */
static int set_bit(int bit, int on)
{
	struct __pthread *t = __relibc_thread_self();
	int old = on ? __atomic_fetch_or(&t->cancel, bit, __ATOMIC_SEQ_CST)
	             : __atomic_fetch_and(&t->cancel, ~bit, __ATOMIC_SEQ_CST);
	return (old & bit) != 0;
}

/* Async-cancel-safe: an asynchronous request already due is acted on now. */
static void act_if_async(void)
{
	int bits = __atomic_load_n(&__relibc_thread_self()->cancel, __ATOMIC_SEQ_CST);
	if ((bits & CANCEL_ASYNC) && CANCEL_DUE(bits))
		__relibc_cancel_act();
}

int pthread_setcancelstate(int state, int *old)
{
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	int was = set_bit(CANCEL_OFF, state == PTHREAD_CANCEL_DISABLE);
	if (old)
		*old = was ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	act_if_async();
	return 0;
}

int pthread_setcanceltype(int type, int *old)
{
	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	int was = set_bit(CANCEL_ASYNC, type == PTHREAD_CANCEL_ASYNCHRONOUS);
	if (old)
		*old = was ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
	act_if_async();
	return 0;
}

void pthread_testcancel(void)
{
	if (CANCEL_DUE(__atomic_load_n(&__relibc_thread_self()->cancel, __ATOMIC_SEQ_CST)))
		__relibc_cancel_act();
}

/*
 * The record is filled before it is linked with one store, and unlinked
 * before its handler runs, so an asynchronous cancel between any two
 * instructions sees a whole chain and never runs a handler twice.
 */
void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg)
{
	struct __pthread *t = __relibc_thread_self();
	c->__fn = fn;
	c->__arg = arg;
	c->__next = t->cleanup;
	__atomic_store_n(&t->cleanup, c, __ATOMIC_SEQ_CST);
}

void __pthread_cleanup_pop(struct __pthread_cleanup *c, int execute)
{
	struct __pthread *t = __relibc_thread_self();
	__atomic_store_n(&t->cleanup, c->__next, __ATOMIC_SEQ_CST);
	if (execute)
		c->__fn(c->__arg);
}

void __relibc_cleanup_run(struct __pthread *t)
{
	struct __pthread_cleanup *c;
	while ((c = __atomic_load_n(&t->cleanup, __ATOMIC_SEQ_CST))) {
		__atomic_store_n(&t->cleanup, c->__next, __ATOMIC_SEQ_CST);
		c->__fn(c->__arg);
	}
}
