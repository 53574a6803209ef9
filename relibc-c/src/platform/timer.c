/*
 * POSIX timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete on CLOCK_REALTIME and CLOCK_MONOTONIC.
 *
 * SIGEV_SIGNAL and SIGEV_NONE timers are the kernel's (SYS_TIMER_*,
 * kernel/proc/itimer.c: the boot CPU's tick sends the signal, 10 ms
 * resolution; an expiry that finds the signal still pending counts as an
 * overrun). Signals carry no siginfo, so sigev_value is not delivered
 * with them. SIGEV_THREAD timers live here: each has a helper thread
 * (made with sigev_notify_attributes, all signals blocked) that sleeps on
 * a futex until the expiry (or until timer_settime or timer_delete
 * changes it) and calls sigev_notify_function(sigev_value); expiries
 * missed while the function ran are its overrun, as with signals.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <redox/abi/types.h>

#include "sys.h"
#include "internal/internal.h"
#include "internal/thread.h"
#include "time/timespec.h"

#define OVERRUN_MAX INT_MAX /* DELAYTIMER_MAX */

struct __relibc_timer {
	int kid; /* the kernel's timer id; -1: a SIGEV_THREAD timer (below) */
	__relibc_spinlock lock;
	volatile int gen; /* futex word: changes whenever the helper must look again */
	int refs;         /* the timer_t and the helper thread */
	clockid_t clock;
	int armed, deleted, overrun;
	struct timespec next, interval; /* next: an absolute time on clock */
	void (*fn)(union sigval);
	union sigval value;
};

static void timer_put(struct __relibc_timer *t)
{
	if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free(t);
}

/* lock held: something changed; the helper wakes and looks again */
static void poke(struct __relibc_timer *t)
{
	__atomic_add_fetch(&t->gen, 1, __ATOMIC_RELEASE);
	__relibc_futex_wake(&t->gen, 1);
}

static void *helper(void *arg)
{
	struct __relibc_timer *t = arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, 0);
	__relibc_lock(&t->lock);
	while (!t->deleted) {
		int gen = t->gen;
		struct timespec now;
		if (t->armed)
			clock_gettime(t->clock, &now);
		if (!t->armed || __relibc_timespec_cmp(&now, &t->next) < 0) {
			struct timespec at = t->next;
			int armed = t->armed;
			__relibc_unlock(&t->lock);
			__relibc_futex_wait(&t->gen, gen, armed ? &at : 0, t->clock);
			__relibc_lock(&t->lock);
			continue;
		}
		long long missed = __relibc_timer_advance(&t->next, &t->interval, &now);
		t->overrun = missed > OVERRUN_MAX ? OVERRUN_MAX : (int)missed;
		if (t->interval.tv_sec == 0 && t->interval.tv_nsec == 0)
			t->armed = 0;
		void (*fn)(union sigval) = t->fn;
		union sigval value = t->value;
		__relibc_unlock(&t->lock);
		fn(value);
		__relibc_lock(&t->lock);
	}
	__relibc_unlock(&t->lock);
	timer_put(t);
	return 0;
}

int timer_create(clockid_t clock, struct sigevent *restrict sev, timer_t *restrict timerid)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	/* no sigevent: SIGALRM, as POSIX says */
	int notify = sev ? sev->sigev_notify : SIGEV_SIGNAL;
	int signo = sev ? sev->sigev_signo : SIGALRM;
	if ((notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD) ||
	    (notify == SIGEV_SIGNAL && (signo <= 0 || signo >= NSIG)) ||
	    (notify == SIGEV_THREAD && !sev->sigev_notify_function)) {
		errno = EINVAL;
		return -1;
	}
	struct __relibc_timer *t = calloc(1, sizeof *t);
	if (!t) {
		errno = EAGAIN;
		return -1;
	}
	t->clock = clock;
	t->kid = -1;
	if (notify != SIGEV_THREAD) {
		long id = __sys_result(
		    redox_sys_timer_create((uint64_t)clock, notify == SIGEV_SIGNAL ? signo : 0));
		if (id < 0) {
			free(t);
			return -1;
		}
		t->kid = (int)id;
		*timerid = t;
		return 0;
	}
	t->fn = sev->sigev_notify_function;
	t->value = sev->sigev_value;
	t->refs = 2;
	pthread_attr_t attr;
	if (sev->sigev_notify_attributes)
		attr = *sev->sigev_notify_attributes;
	else
		pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_t thread;
	int e = pthread_create(&thread, &attr, helper, t);
	if (e) {
		free(t);
		errno = EAGAIN;
		return -1;
	}
	*timerid = t;
	return 0;
}

static int valid_spec(const struct itimerspec *v)
{
	return __relibc_timespec_valid(&v->it_value) && __relibc_timespec_valid(&v->it_interval);
}

static struct redox_timespec to_redox(const struct timespec *t)
{
	return (struct redox_timespec){t->tv_sec, (int32_t)t->tv_nsec};
}

static struct timespec from_redox(const struct redox_timespec *t)
{
	return (struct timespec){t->tv_sec, t->tv_nsec};
}

/* lock held: a SIGEV_THREAD timer's setting now (time left, never 0 while armed) */
static struct itimerspec read_locked(const struct __relibc_timer *t)
{
	struct itimerspec v = {{0, 0}, {0, 0}};
	if (t->armed) {
		struct timespec now;
		clock_gettime(t->clock, &now);
		v.it_value = __relibc_timespec_left(t->next, now);
		if (v.it_value.tv_sec == 0 && v.it_value.tv_nsec == 0)
			v.it_value.tv_nsec = 1;
		v.it_interval = t->interval;
	}
	return v;
}

int timer_settime(timer_t timerid, int flags, const struct itimerspec *restrict value,
                  struct itimerspec *restrict old)
{
	struct __relibc_timer *t = timerid;
	if (!t || !value || !valid_spec(value) || (flags & ~TIMER_ABSTIME)) {
		errno = EINVAL;
		return -1;
	}
	if (t->kid >= 0) {
		struct redox_itimerspec set = {to_redox(&value->it_interval),
		                               to_redox(&value->it_value)},
		                        prev;
		if (__sys_result(redox_sys_timer_settime(t->kid, (uint64_t)flags, &set, &prev)) < 0)
			return -1;
		if (old) {
			old->it_interval = from_redox(&prev.interval);
			old->it_value = from_redox(&prev.value);
		}
		return 0;
	}
	__relibc_lock(&t->lock);
	if (old)
		*old = read_locked(t);
	t->overrun = 0;
	t->armed = value->it_value.tv_sec || value->it_value.tv_nsec;
	if (t->armed) {
		struct timespec now = {0, 0};
		if (!(flags & TIMER_ABSTIME))
			clock_gettime(t->clock, &now);
		t->next = __relibc_timespec_add(now, value->it_value);
		t->interval = value->it_interval;
	}
	poke(t);
	__relibc_unlock(&t->lock);
	return 0;
}

int timer_gettime(timer_t timerid, struct itimerspec *value)
{
	struct __relibc_timer *t = timerid;
	if (!t) {
		errno = EINVAL;
		return -1;
	}
	if (t->kid >= 0) {
		struct redox_itimerspec now;
		if (__sys_result(redox_sys_timer_gettime(t->kid, &now)) < 0)
			return -1;
		value->it_interval = from_redox(&now.interval);
		value->it_value = from_redox(&now.value);
		return 0;
	}
	__relibc_lock(&t->lock);
	*value = read_locked(t);
	__relibc_unlock(&t->lock);
	return 0;
}

int timer_getoverrun(timer_t timerid)
{
	struct __relibc_timer *t = timerid;
	if (!t) {
		errno = EINVAL;
		return -1;
	}
	if (t->kid >= 0)
		return (int)__sys_result(redox_sys_timer_getoverrun(t->kid));
	__relibc_lock(&t->lock);
	int n = t->overrun;
	__relibc_unlock(&t->lock);
	return n;
}

int timer_delete(timer_t timerid)
{
	struct __relibc_timer *t = timerid;
	if (!t) {
		errno = EINVAL;
		return -1;
	}
	if (t->kid >= 0) {
		if (__sys_result(redox_sys_timer_delete(t->kid)) < 0)
			return -1;
		free(t);
		return 0;
	}
	/* the helper frees it once it has seen this (unless a callback runs: after it) */
	__relibc_lock(&t->lock);
	t->deleted = 1;
	t->armed = 0;
	poke(t);
	__relibc_unlock(&t->lock);
	timer_put(t);
	return 0;
}
