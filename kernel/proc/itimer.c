/*
 * ITIMER_REAL (SYS_SETITIMER, alarm): a process with an armed timer sits
 * on one short list, holding a reference, and the boot CPU's timer tick
 * sends SIGALRM to each whose time has come, re-arming it by its
 * interval. A fork starts without a timer; exec keeps it; exit drops it.
 */
#include <redox/abi/errno.h>
#include <redox/abi/signal.h>
#include <redox/abi/types.h>

#include "process.h"
#include "signal.h"
#include "../lib/spinlock.h"
#include "../mm/usercopy.h"
#include "../syscall/syscall.h"
#include "../time/clock.h"

#define NS 1000000000ULL
/* A reload interval shorter than this would be a SIGALRM storm. */
#define MIN_INTERVAL_NS 1000000ULL

static struct spinlock lock;
static struct process *armed;

/* lock held: take p off the list; true if it was there (its reference is the caller's now) */
static bool unlink_locked(struct process *p)
{
	KASSERT(spin_held(&lock));
	for (struct process **q = &armed; *q; q = &(*q)->alarm_next)
		if (*q == p) {
			*q = p->alarm_next;
			p->alarm_next = 0;
			return true;
		}
	return false;
}

void itimer_tick(void)
{
	if (!__atomic_load_n(&armed, __ATOMIC_RELAXED))
		return;
	uint64_t now = clock_monotonic_ns();
	struct process *due[16];
	int n = 0;
	spin_lock(&lock);
	for (struct process **q = &armed; *q && n < 16;) {
		struct process *p = *q;
		if (p->alarm_at > now) {
			q = &p->alarm_next;
			continue;
		}
		if (p->alarm_interval) {
			/* the next period after now: ticks missed do not pile up */
			uint64_t late = now - p->alarm_at;
			p->alarm_at += (late / p->alarm_interval + 1) * p->alarm_interval;
			__atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED); /* for the send below */
			q = &p->alarm_next;
		} else {
			p->alarm_at = 0;
			*q = p->alarm_next; /* the list's reference goes with it */
			p->alarm_next = 0;
		}
		due[n++] = p;
	}
	spin_unlock(&lock);
	for (int i = 0; i < n; i++) {
		signal_send(due[i], SIGALRM);
		proc_put(due[i]);
	}
}

void itimer_cancel(struct process *p)
{
	uint64_t f = spin_lock_irqsave(&lock);
	bool was = unlink_locked(p);
	p->alarm_at = 0;
	spin_unlock_irqrestore(&lock, f);
	if (was)
		proc_put(p);
}

static bool to_ns(const struct redox_timespec *t, uint64_t *ns)
{
	if (t->tv_sec < 0 || t->tv_nsec < 0 || t->tv_nsec >= (int64_t)NS ||
	    (uint64_t)t->tv_sec > 100ULL * 365 * 86400)
		return false;
	*ns = (uint64_t)t->tv_sec * NS + (uint64_t)t->tv_nsec;
	return true;
}

static struct redox_timespec from_ns(uint64_t ns)
{
	return (struct redox_timespec){(int64_t)(ns / NS), (int32_t)(ns % NS)};
}

/* setitimer(which, new, old) */
int64_t sys_setitimer(struct syscall_args *args, int64_t which, uint64_t new_value,
                      uint64_t old_value)
{
	struct process *p = args->process;
	if (which != ITIMER_REAL)
		return -EINVAL;
	struct redox_itimerspec set, old;
	uint64_t value = 0, interval = 0;
	if (new_value) {
		if (copy_from_user(&set, new_value, sizeof set) < 0)
			return -EFAULT;
		if (!to_ns(&set.value, &value) || !to_ns(&set.interval, &interval))
			return -EINVAL;
		if (interval && interval < MIN_INTERVAL_NS)
			interval = MIN_INTERVAL_NS;
	}
	uint64_t now = clock_monotonic_ns();
	uint64_t f = spin_lock_irqsave(&lock);
	old.value = from_ns(p->alarm_at > now ? p->alarm_at - now : p->alarm_at ? 1 : 0);
	old.interval = from_ns(p->alarm_interval);
	bool put = false, hold = false;
	if (new_value) {
		bool was = unlink_locked(p);
		p->alarm_at = value ? now + value : 0;
		p->alarm_interval = value ? interval : 0;
		if (value) {
			p->alarm_next = armed;
			armed = p;
			hold = !was; /* the list keeps one reference while p is on it */
		} else {
			put = was;
		}
	}
	if (hold)
		__atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&lock, f);
	if (put)
		proc_put(p);
	if (old_value && copy_to_user(old_value, &old, sizeof old) < 0)
		return -EFAULT;
	return 0;
}
