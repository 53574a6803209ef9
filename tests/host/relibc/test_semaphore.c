/*
 * relibc-c's unnamed semaphores (src/pthread/semaphore.c) against
 * glibc's: the same calls give the same results and errno (empty
 * trywait, timeouts, bad deadlines), and under contention from glibc
 * threads no post is lost and no wait returns without a post.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "rl.h"
#include "rl_pthread.h"
#include "test.h"

#define RL_CLOCK_MONOTONIC 4 /* the ABI's id (redox/abi/flags.h) */

static void same_as_glibc(void)
{
	rl_sem_t r;
	sem_t g;
	int rv, gv;
	CHECK_INT(rl_sem_init(&r, 0, 2), sem_init(&g, 0, 2));
	CHECK_INT(rl_sem_getvalue(&r, &rv), sem_getvalue(&g, &gv));
	CHECK_INT(rv, gv);
	CHECK_INT(rl_sem_trywait(&r), sem_trywait(&g));
	CHECK_INT(rl_sem_wait(&r), sem_wait(&g));
	errno = 0;
	rl_errno = 0;
	CHECK_INT(rl_sem_trywait(&r), sem_trywait(&g));
	CHECK_INT(rl_errno, errno);
	CHECK_INT(rl_errno, EAGAIN);
	CHECK_INT(rl_sem_post(&r), sem_post(&g));
	CHECK_INT(rl_sem_getvalue(&r, &rv), sem_getvalue(&g, &gv));
	CHECK_INT(rv, gv);
	CHECK_INT(rl_sem_trywait(&r), sem_trywait(&g));

	/* a wait with nothing posted times out at the deadline */
	struct timespec t0, d = in_ms(CLOCK_REALTIME, 50);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(rl_sem_timedwait(&r, &d), -1);
	CHECK_INT(rl_errno, ETIMEDOUT);
	CHECK(ms_since(&t0) >= 45);
	CHECK_INT(sem_timedwait(&g, &d), -1);
	CHECK_INT(errno, ETIMEDOUT);
	CHECK_INT(rl_sem_clockwait(&r, RL_CLOCK_MONOTONIC, &(struct timespec){0, 0}), -1);
	CHECK_INT(rl_errno, ETIMEDOUT);
	/* a bad deadline is EINVAL, even when the count is positive */
	d = in_ms(CLOCK_REALTIME, 30);
	d.tv_nsec = 1000000000L;
	CHECK_INT(rl_sem_timedwait(&r, &d), sem_timedwait(&g, &d));
	CHECK_INT(rl_errno, errno);
	CHECK_INT(rl_errno, EINVAL);
	rl_sem_post(&r);
	sem_post(&g);
	CHECK_INT(rl_sem_timedwait(&r, &d), sem_timedwait(&g, &d));
	CHECK_INT(rl_sem_init(&r, 0, 0x80000000u), -1);
	CHECK_INT(rl_errno, EINVAL);
	CHECK_INT(rl_sem_init(&r, 0, 0x7fffffff), 0);
	CHECK_INT(rl_sem_post(&r), -1);
	CHECK_INT(rl_errno, EOVERFLOW);
	CHECK_INT(rl_sem_destroy(&r), sem_destroy(&g));
}

#define NT    8
#define ITEMS 5000

static rl_sem_t items;
static long taken;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITEMS; i++)
		rl_sem_post(&items);
	return 0;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		rl_sem_wait(&items);
		__atomic_add_fetch(&taken, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

static void contention(void)
{
	pthread_t t[NT];
	rl_sem_init(&items, 0, 0);
	/* consumers first: most waits sleep until a producer posts */
	for (int i = 0; i < NT; i++)
		pthread_create(&t[i], 0, i < NT / 2 ? consumer : producer, 0);
	for (int i = 0; i < NT; i++)
		pthread_join(t[i], 0);
	CHECK_INT(taken, (NT / 2) * (long)ITEMS);
	int v = -1;
	rl_sem_getvalue(&items, &v);
	CHECK_INT(v, 0);
	CHECK_INT(rl_sem_trywait(&items), -1);
}

void test_semaphore(void)
{
	same_as_glibc();
	contention();
}
