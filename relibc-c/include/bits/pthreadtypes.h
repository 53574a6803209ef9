/*
 * The pthread object types (sys/types.h and pthread.h share them). The
 * fields are the library's; programs treat them as opaque.
 */
#ifndef _RELIBC_BITS_PTHREADTYPES_H
#define _RELIBC_BITS_PTHREADTYPES_H

#include <stddef.h>

typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;
typedef int pthread_spinlock_t;

typedef struct {
	int __type;
	volatile int __lock; /* 0 free, 1 locked, 2 locked with waiters */
	int __owner;         /* tid, for recursive and error-checking mutexes */
	int __count;
} pthread_mutex_t;

typedef struct {
	int __type;
	int __pshared;
} pthread_mutexattr_t;

typedef struct {
	volatile int __seq; /* bumped by every signal and broadcast */
	int __clock;
} pthread_cond_t;

typedef struct {
	int __clock;
	int __pshared;
} pthread_condattr_t;

typedef struct {
	pthread_mutex_t __m;
	pthread_cond_t __readers, __writers;
	int __nreaders, __writer, __waiting_writers;
} pthread_rwlock_t;

typedef struct {
	int __pshared;
} pthread_rwlockattr_t;

typedef struct {
	pthread_mutex_t __m;
	pthread_cond_t __c;
	unsigned __count, __arrived, __generation;
} pthread_barrier_t;

typedef struct {
	int __pshared;
} pthread_barrierattr_t;

typedef struct {
	size_t __stacksize;
	size_t __guardsize;
	void *__stackaddr;
	int __detach;
	int __inherit, __policy, __scope, __priority;
} pthread_attr_t;

#endif
