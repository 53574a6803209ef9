/*
 * Thread attributes, the identity calls that need no kernel (equal), and
 * the scheduling knobs a one-queue scheduler has no use for but programs
 * set (concurrency is a hint POSIX lets an implementation keep as is).
 */
#include <errno.h>
#include <pthread.h>

#include "internal/thread.h"

#define DEFAULT_STACK (256 * 1024)
#define PAGE          4096

int pthread_attr_init(pthread_attr_t *a)
{
	*a = (pthread_attr_t){0};
	a->__stacksize = DEFAULT_STACK;
	a->__guardsize = PAGE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
	(void)a;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	a->__detach = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state)
{
	*state = a->__detach;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict a, size_t *restrict size)
{
	*size = a->__stacksize;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *a, size_t size)
{
	a->__guardsize = (size + PAGE - 1) / PAGE * PAGE;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict a, size_t *restrict size)
{
	*size = a->__guardsize;
	return 0;
}

int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__stackaddr = addr;
	a->__stacksize = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *restrict a, void **restrict addr,
                          size_t *restrict size)
{
	*addr = a->__stackaddr;
	*size = a->__stacksize;
	return 0;
}

int pthread_attr_setscope(pthread_attr_t *a, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	a->__scope = scope;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *restrict a, int *restrict scope)
{
	*scope = a->__scope;
	return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *a, int inherit)
{
	if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	a->__inherit = inherit;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *restrict a, int *restrict inherit)
{
	*inherit = a->__inherit;
	return 0;
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

static int concurrency;

int pthread_getconcurrency(void)
{
	return concurrency;
}

int pthread_setconcurrency(int level)
{
	if (level < 0)
		return EINVAL;
	concurrency = level;
	return 0;
}
