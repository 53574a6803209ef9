/*
 * The library's pthread objects as the host tests see them: layouts
 * mirrored from relibc-c/include/bits/pthreadtypes.h and
 * src/internal/thread.h (renamed rl_ like every symbol of the library),
 * and the hooks the tests implement over Linux futexes (hooks_thread.c).
 */
#ifndef RELIBC_RL_PTHREAD_H
#define RELIBC_RL_PTHREAD_H

#include <stddef.h>
#include <time.h>

typedef struct {
	int type;
	volatile int lock;
	int owner, count;
} rl_mutex_t;
typedef struct {
	int type, pshared;
} rl_mutexattr_t;
typedef struct {
	volatile int seq;
	int clock;
} rl_cond_t;
typedef struct {
	int clock, pshared;
} rl_condattr_t;
typedef struct {
	rl_mutex_t m;
	rl_cond_t readers, writers;
	int nreaders, writer, waiting_writers;
} rl_rwlock_t;
typedef struct {
	rl_mutex_t m;
	rl_cond_t c;
	unsigned count, arrived, generation;
} rl_barrier_t;

#define RL_CLOCK_REALTIME  1 /* the ABI's ids (redox/abi/flags.h) */
#define RL_CLOCK_MONOTONIC 4
#define RL_KEYS_MAX        128

struct rl_thread {
	struct rl_thread *self;
	int tid;
	volatile int live, state;
	void *(*start)(void *);
	void *arg, *result, *map;
	size_t map_size;
	struct rl_thread *next_zombie;
	void *keys[RL_KEYS_MAX];
	unsigned key_seq[RL_KEYS_MAX];
	volatile int cancel;
	struct rl_cleanup *cleanup;
};

/* pthread_cleanup_push's record (struct __pthread_cleanup in pthread.h) */
struct rl_cleanup {
	void (*fn)(void *);
	void *arg;
	struct rl_cleanup *next;
};

int rl_pthread_mutexattr_init(rl_mutexattr_t *a);
int rl_pthread_mutexattr_settype(rl_mutexattr_t *a, int type);
int rl_pthread_mutex_init(rl_mutex_t *m, const rl_mutexattr_t *a);
int rl_pthread_mutex_destroy(rl_mutex_t *m);
int rl_pthread_mutex_lock(rl_mutex_t *m);
int rl_pthread_mutex_trylock(rl_mutex_t *m);
int rl_pthread_mutex_timedlock(rl_mutex_t *m, const struct timespec *abstime);
int rl_pthread_mutex_unlock(rl_mutex_t *m);
int rl_pthread_condattr_init(rl_condattr_t *a);
int rl_pthread_condattr_setclock(rl_condattr_t *a, int clock);
int rl_pthread_cond_init(rl_cond_t *c, const rl_condattr_t *a);
int rl_pthread_cond_wait(rl_cond_t *c, rl_mutex_t *m);
int rl_pthread_cond_timedwait(rl_cond_t *c, rl_mutex_t *m, const struct timespec *abstime);
int rl_pthread_cond_signal(rl_cond_t *c);
int rl_pthread_cond_broadcast(rl_cond_t *c);
int rl_pthread_rwlock_init(rl_rwlock_t *l, const void *a);
int rl_pthread_rwlock_rdlock(rl_rwlock_t *l);
int rl_pthread_rwlock_tryrdlock(rl_rwlock_t *l);
int rl_pthread_rwlock_wrlock(rl_rwlock_t *l);
int rl_pthread_rwlock_trywrlock(rl_rwlock_t *l);
int rl_pthread_rwlock_unlock(rl_rwlock_t *l);
int rl_pthread_rwlock_destroy(rl_rwlock_t *l);
int rl_pthread_once(int *once, void (*init)(void));
int rl_pthread_key_create(unsigned *key, void (*destructor)(void *));
int rl_pthread_key_delete(unsigned key);
void *rl_pthread_getspecific(unsigned key);
int rl_pthread_setspecific(unsigned key, const void *value);
void rl___relibc_keys_run(struct rl_thread *t);
int rl_pthread_barrier_init(rl_barrier_t *b, const void *a, unsigned count);
int rl_pthread_barrier_wait(rl_barrier_t *b);
int rl_pthread_barrier_destroy(rl_barrier_t *b);
int rl_pthread_spin_init(int *s, int pshared);
int rl_pthread_spin_lock(int *s);
int rl_pthread_spin_trylock(int *s);
int rl_pthread_spin_unlock(int *s);
int rl_pthread_attr_init(void *a);
int rl_pthread_attr_setstacksize(void *a, size_t size);
int rl_pthread_attr_getstacksize(const void *a, size_t *size);
int rl_pthread_attr_setdetachstate(void *a, int state);
int rl_pthread_attr_getdetachstate(const void *a, int *state);
int rl_pthread_attr_setscope(void *a, int scope);

int rl_pthread_setcancelstate(int state, int *old);
int rl_pthread_setcanceltype(int type, int *old);
void rl_pthread_testcancel(void);
void rl___pthread_cleanup_push(struct rl_cleanup *c, void (*fn)(void *), void *arg);
void rl___pthread_cleanup_pop(struct rl_cleanup *c, int execute);
void rl___relibc_cleanup_run(struct rl_thread *t);

struct rl_thread *__relibc_thread_self(void);
extern long t_futex_waits; /* how often a library object slept in the kernel */

/* relibc-c's sem_t (include/semaphore.h) and its calls */
typedef struct {
	volatile int value, waiters;
	int pshared;
} rl_sem_t;
int rl_sem_init(rl_sem_t *s, int pshared, unsigned value);
int rl_sem_destroy(rl_sem_t *s);
int rl_sem_wait(rl_sem_t *s);
int rl_sem_trywait(rl_sem_t *s);
int rl_sem_timedwait(rl_sem_t *s, const struct timespec *abstime);
int rl_sem_clockwait(rl_sem_t *s, clockid_t clock, const struct timespec *abstime);
int rl_sem_post(rl_sem_t *s);
int rl_sem_getvalue(rl_sem_t *s, int *value);

#endif
