/*
 * relibc-c's pthread objects (src/pthread/) on the host: the same
 * sequences on glibc's and ours must give the same results (error codes
 * of the mutex kinds, rwlock and spin try-locks, timeouts, the barrier's
 * serial thread, key values per thread), and ours must hold up under
 * contention from glibc threads: no lost update, every queued item seen.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "rl_pthread.h"
#include "test.h"

#define NT 8

static void *in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *r;
	pthread_create(&t, 0, fn, arg);
	pthread_join(t, &r);
	return r;
}

static void *rl_try(void *m)
{
	return (void *)(long)rl_pthread_mutex_trylock(m);
}
static void *gl_try(void *m)
{
	return (void *)(long)pthread_mutex_trylock(m);
}
static void *rl_unlock(void *m)
{
	return (void *)(long)rl_pthread_mutex_unlock(m);
}
static void *gl_unlock(void *m)
{
	return (void *)(long)pthread_mutex_unlock(m);
}

static void mutex_kinds(void)
{
	int kinds[] = {PTHREAD_MUTEX_NORMAL, PTHREAD_MUTEX_RECURSIVE, PTHREAD_MUTEX_ERRORCHECK};
	for (int k = 0; k < 3; k++) {
		rl_mutexattr_t ra;
		pthread_mutexattr_t ga;
		rl_mutex_t rm;
		pthread_mutex_t gm;
		rl_pthread_mutexattr_init(&ra);
		pthread_mutexattr_init(&ga);
		CHECK_INT(rl_pthread_mutexattr_settype(&ra, kinds[k]), 0);
		pthread_mutexattr_settype(&ga, kinds[k]);
		rl_pthread_mutex_init(&rm, &ra);
		pthread_mutex_init(&gm, &ga);
		CHECK_INT(rl_pthread_mutex_lock(&rm), pthread_mutex_lock(&gm));
		CHECK_INT((long)in_thread(rl_try, &rm), (long)in_thread(gl_try, &gm));
		if (kinds[k] != PTHREAD_MUTEX_NORMAL) {
			/* relocking a normal mutex deadlocks in both: not tried */
			CHECK_INT(rl_pthread_mutex_trylock(&rm), pthread_mutex_trylock(&gm));
			CHECK_INT((long)in_thread(rl_unlock, &rm), (long)in_thread(gl_unlock, &gm));
		}
		if (kinds[k] == PTHREAD_MUTEX_ERRORCHECK)
			CHECK_INT(rl_pthread_mutex_lock(&rm), pthread_mutex_lock(&gm));
		CHECK_INT(rl_pthread_mutex_destroy(&rm), pthread_mutex_destroy(&gm));
		CHECK_INT(rl_pthread_mutex_unlock(&rm), pthread_mutex_unlock(&gm));
		if (kinds[k] == PTHREAD_MUTEX_RECURSIVE)
			CHECK_INT(rl_pthread_mutex_unlock(&rm), pthread_mutex_unlock(&gm));
		if (kinds[k] != PTHREAD_MUTEX_NORMAL)
			CHECK_INT(rl_pthread_mutex_unlock(&rm), pthread_mutex_unlock(&gm));
		CHECK_INT(rl_pthread_mutex_destroy(&rm), pthread_mutex_destroy(&gm));
	}
	CHECK_INT(rl_pthread_mutexattr_settype(&(rl_mutexattr_t){0}, 9), EINVAL);

	/* a timed lock of a held mutex times out at its deadline, as glibc's does */
	rl_mutex_t rm = {0};
	rl_pthread_mutex_lock(&rm);
	struct timespec t0, d;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = in_ms(CLOCK_REALTIME, 50);
	CHECK_INT(rl_pthread_mutex_timedlock(&rm, &d), ETIMEDOUT);
	CHECK(ms_since(&t0) >= 45);
	d.tv_nsec = 2000000000L;
	CHECK_INT(rl_pthread_mutex_timedlock(&rm, &d), EINVAL);
	rl_pthread_mutex_unlock(&rm);
}

static rl_mutex_t count_lock;
static long counter;

static void *count(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20000; i++) {
		rl_pthread_mutex_lock(&count_lock);
		counter++;
		rl_pthread_mutex_unlock(&count_lock);
	}
	return 0;
}

static rl_mutex_t q_lock;
static rl_cond_t q_cond;
static int q_items, q_taken, q_done;

static void *produce(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2000; i++) {
		rl_pthread_mutex_lock(&q_lock);
		q_items++;
		rl_pthread_cond_signal(&q_cond);
		rl_pthread_mutex_unlock(&q_lock);
	}
	return 0;
}

static void *consume(void *arg)
{
	(void)arg;
	rl_pthread_mutex_lock(&q_lock);
	for (;;) {
		while (!q_items && !q_done)
			rl_pthread_cond_wait(&q_cond, &q_lock);
		if (!q_items)
			break;
		q_items--;
		q_taken++;
	}
	rl_pthread_mutex_unlock(&q_lock);
	return 0;
}

static void contention(void)
{
	pthread_t t[NT];
	for (int i = 0; i < NT; i++)
		pthread_create(&t[i], 0, count, 0);
	for (int i = 0; i < NT; i++)
		pthread_join(t[i], 0);
	CHECK_INT(counter, NT * 20000L);

	for (int i = 0; i < NT; i++)
		pthread_create(&t[i], 0, i < NT / 2 ? produce : consume, 0);
	for (int i = 0; i < NT / 2; i++)
		pthread_join(t[i], 0);
	rl_pthread_mutex_lock(&q_lock);
	q_done = 1;
	rl_pthread_cond_broadcast(&q_cond);
	rl_pthread_mutex_unlock(&q_lock);
	for (int i = NT / 2; i < NT; i++)
		pthread_join(t[i], 0);
	CHECK_INT(q_taken + q_items, (NT / 2) * 2000);
	CHECK_INT(q_items, 0);
}

static void cond_timeouts(void)
{
	rl_mutex_t m = {0};
	rl_cond_t c;
	rl_condattr_t a;
	rl_pthread_condattr_init(&a);
	CHECK_INT(rl_pthread_condattr_setclock(&a, 99), EINVAL);
	int clocks[] = {RL_CLOCK_REALTIME, RL_CLOCK_MONOTONIC};
	clockid_t host[] = {CLOCK_REALTIME, CLOCK_MONOTONIC};
	for (int i = 0; i < 2; i++) {
		CHECK_INT(rl_pthread_condattr_setclock(&a, clocks[i]), 0);
		rl_pthread_cond_init(&c, &a);
		pthread_mutex_t gm = PTHREAD_MUTEX_INITIALIZER;
		pthread_cond_t gc;
		pthread_condattr_t ga;
		pthread_condattr_init(&ga);
		pthread_condattr_setclock(&ga, host[i]);
		pthread_cond_init(&gc, &ga);
		struct timespec t0, d = in_ms(host[i], 40);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rl_pthread_mutex_lock(&m);
		pthread_mutex_lock(&gm);
		CHECK_INT(rl_pthread_cond_timedwait(&c, &m, &d),
		          pthread_cond_timedwait(&gc, &gm, &d));
		CHECK(ms_since(&t0) >= 35);
		/* the mutex is held again after the timeout: unlock works */
		CHECK_INT(rl_pthread_mutex_unlock(&m), pthread_mutex_unlock(&gm));
		d.tv_sec -= 10; /* long past */
		rl_pthread_mutex_lock(&m);
		CHECK_INT(rl_pthread_cond_timedwait(&c, &m, &d), ETIMEDOUT);
		rl_pthread_mutex_unlock(&m);
	}
}

static void *rl_tryrd(void *l)
{
	return (void *)(long)rl_pthread_rwlock_tryrdlock(l);
}
static void *gl_tryrd(void *l)
{
	long r = pthread_rwlock_tryrdlock(l);
	if (!r)
		pthread_rwlock_unlock(l);
	return (void *)r;
}
static void *rl_trywr(void *l)
{
	return (void *)(long)rl_pthread_rwlock_trywrlock(l);
}
static void *gl_trywr(void *l)
{
	return (void *)(long)pthread_rwlock_trywrlock(l);
}

static rl_rwlock_t rw;
static int rw_in, rw_bad;

static void *rw_work(void *arg)
{
	for (int i = 0; i < 3000; i++) {
		if ((long)arg == 0) {
			rl_pthread_rwlock_wrlock(&rw);
			if (__atomic_add_fetch(&rw_in, 100, __ATOMIC_SEQ_CST) != 100)
				__atomic_add_fetch(&rw_bad, 1, __ATOMIC_SEQ_CST);
			__atomic_sub_fetch(&rw_in, 100, __ATOMIC_SEQ_CST);
		} else {
			rl_pthread_rwlock_rdlock(&rw);
			if (__atomic_add_fetch(&rw_in, 1, __ATOMIC_SEQ_CST) >= 100)
				__atomic_add_fetch(&rw_bad, 1, __ATOMIC_SEQ_CST);
			__atomic_sub_fetch(&rw_in, 1, __ATOMIC_SEQ_CST);
		}
		rl_pthread_rwlock_unlock(&rw);
	}
	return 0;
}

static void rwlocks(void)
{
	rl_rwlock_t rl;
	pthread_rwlock_t gl = PTHREAD_RWLOCK_INITIALIZER;
	rl_pthread_rwlock_init(&rl, 0);
	CHECK_INT(rl_pthread_rwlock_rdlock(&rl), pthread_rwlock_rdlock(&gl));
	CHECK_INT((long)in_thread(rl_tryrd, &rl), (long)in_thread(gl_tryrd, &gl));
	rl_pthread_rwlock_unlock(&rl); /* the reader the thread left */
	CHECK_INT((long)in_thread(rl_trywr, &rl), (long)in_thread(gl_trywr, &gl));
	CHECK_INT(rl_pthread_rwlock_unlock(&rl), pthread_rwlock_unlock(&gl));
	CHECK_INT(rl_pthread_rwlock_wrlock(&rl), pthread_rwlock_wrlock(&gl));
	CHECK_INT((long)in_thread(rl_tryrd, &rl), (long)in_thread(gl_tryrd, &gl));
	CHECK_INT(rl_pthread_rwlock_wrlock(&rl), pthread_rwlock_wrlock(&gl)); /* EDEADLK */
	CHECK_INT(rl_pthread_rwlock_destroy(&rl), EBUSY);
	CHECK_INT(rl_pthread_rwlock_unlock(&rl), pthread_rwlock_unlock(&gl));
	CHECK_INT(rl_pthread_rwlock_destroy(&rl), 0);

	pthread_t t[NT];
	rl_pthread_rwlock_init(&rw, 0);
	for (long i = 0; i < NT; i++)
		pthread_create(&t[i], 0, rw_work, (void *)(i % 4));
	for (int i = 0; i < NT; i++)
		pthread_join(t[i], 0);
	CHECK_INT(rw_bad, 0);
}

static int once_ctl, once_runs;
static rl_barrier_t barrier;
static int serials;
static unsigned key;
static int destroyed;

static void once_fn(void)
{
	struct timespec t = {0, 10000000};
	nanosleep(&t, 0);
	once_runs++;
}

static void destroy(void *v)
{
	__atomic_add_fetch(&destroyed, v == &destroyed, __ATOMIC_SEQ_CST);
}

static void *together(void *arg)
{
	(void)arg;
	rl_pthread_once(&once_ctl, once_fn);
	int seen_before = rl_pthread_getspecific(key) == 0;
	rl_pthread_setspecific(key, &destroyed);
	for (int round = 0; round < 5; round++)
		if (rl_pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serials, 1, __ATOMIC_SEQ_CST);
	int mine = rl_pthread_getspecific(key) == &destroyed;
	rl___relibc_keys_run(__relibc_thread_self()); /* what pthread_exit does */
	return (void *)(long)(seen_before && mine);
}

static void once_keys_barrier(void)
{
	CHECK_INT(rl_pthread_key_create(&key, destroy), 0);
	CHECK_INT(rl_pthread_barrier_init(&barrier, 0, NT), 0);
	CHECK_INT(rl_pthread_barrier_init(&(rl_barrier_t){0}, 0, 0), EINVAL);
	pthread_t t[NT];
	for (int i = 0; i < NT; i++)
		pthread_create(&t[i], 0, together, 0);
	int fine = 0;
	for (int i = 0; i < NT; i++) {
		void *r;
		pthread_join(t[i], &r);
		fine += (int)(long)r;
	}
	CHECK_INT(once_runs, 1);
	CHECK_INT(serials, 5);
	CHECK_INT(fine, NT);
	CHECK_INT(destroyed, NT);
	/* a deleted key's values are gone, even if the slot is reused */
	rl_pthread_setspecific(key, &destroyed);
	CHECK_INT(rl_pthread_key_delete(key), 0);
	CHECK_INT(rl_pthread_key_delete(key), EINVAL);
	unsigned again;
	CHECK_INT(rl_pthread_key_create(&again, 0), 0);
	CHECK(rl_pthread_getspecific(again) == 0);
	CHECK_INT(rl_pthread_setspecific(9999, 0), EINVAL);
	rl_pthread_key_delete(again);

	int rs, gs_dummy = 0;
	pthread_spinlock_t gs;
	pthread_spin_init(&gs, 0);
	rl_pthread_spin_init(&rs, 0);
	CHECK_INT(rl_pthread_spin_lock(&rs), pthread_spin_lock(&gs));
	CHECK_INT(rl_pthread_spin_trylock(&rs), pthread_spin_trylock(&gs));
	CHECK_INT(rl_pthread_spin_unlock(&rs), pthread_spin_unlock(&gs));
	CHECK_INT(rl_pthread_spin_trylock(&rs), pthread_spin_trylock(&gs));
	(void)gs_dummy;

	long attr[8];
	size_t size;
	int state;
	rl_pthread_attr_init(attr);
	CHECK_INT(rl_pthread_attr_setstacksize(attr, 100), EINVAL);
	CHECK_INT(rl_pthread_attr_setstacksize(attr, 1 << 20), 0);
	rl_pthread_attr_getstacksize(attr, &size);
	CHECK_INT(size, 1 << 20);
	CHECK_INT(rl_pthread_attr_setdetachstate(attr, 5), EINVAL);
	CHECK_INT(rl_pthread_attr_setdetachstate(attr, PTHREAD_CREATE_DETACHED), 0);
	rl_pthread_attr_getdetachstate(attr, &state);
	CHECK_INT(state, PTHREAD_CREATE_DETACHED);
	CHECK_INT(rl_pthread_attr_setscope(attr, PTHREAD_SCOPE_PROCESS), ENOTSUP);
}

void test_pthread(void)
{
	mutex_kinds();
	contention();
	cond_timeouts();
	rwlocks();
	once_keys_barrier();
	CHECK(t_futex_waits > 0); /* contention really slept in the kernel */
}
