/*
 * Timers: ITIMER_REAL (SYS_SETITIMER, alarm) and POSIX timers
 * (SYS_TIMER_CREATE and friends). An armed timer sits on one short list,
 * holding a reference to its process, and the boot CPU's timer tick sends
 * each due timer's signal, re-arming it by its interval. Expirations that
 * find the signal still pending (signals do not queue) are counted as the
 * timer's overrun. A fork starts without timers; exec keeps ITIMER_REAL
 * and deletes the POSIX timers; exit drops them all. A process holds at
 * most REDOX_TIMER_MAX POSIX timers, charged to its user's kernel-buffer
 * account (account.h).
 */
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/signal.h>
#include <redox/abi/types.h>

#include "process.h"
#include "account.h"
#include "signal.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../mm/usercopy.h"
#include "../syscall/syscall.h"
#include "../time/clock.h"

#define NS 1000000000ULL
/* A reload interval shorter than this would be a signal storm. */
#define MIN_INTERVAL_NS 1000000ULL
#define OVERRUN_MAX     0x7FFFFFFF /* DELAYTIMER_MAX */
#define TICK_BATCH      16

static struct spinlock lock;
static struct ktimer *armed;

/* lock held: take t off the list; true if it was there (its reference is the caller's now) */
static bool unlink_locked(struct ktimer *t)
{
	KASSERT(spin_held(&lock));
	if (!t->armed)
		return false;
	for (struct ktimer **q = &armed; *q; q = &(*q)->next)
		if (*q == t) {
			*q = t->next;
			t->next = 0;
			t->armed = false;
			return true;
		}
	KASSERT(!"an armed timer is on the list");
	return false;
}

/* lock held: arm t to fire at `at`; true if the list took a new reference */
static bool arm_locked(struct ktimer *t, uint64_t at, uint64_t interval)
{
	bool was = unlink_locked(t);
	t->at = at;
	t->interval = interval;
	t->overrun = 0;
	t->armed = true;
	t->next = armed;
	armed = t;
	return !was;
}

static void add_overrun(struct ktimer *t, uint64_t n)
{
	uint64_t v = (uint64_t)t->overrun + n;
	t->overrun = v > OVERRUN_MAX ? OVERRUN_MAX : (int)v;
}

void itimer_tick(void)
{
	if (!__atomic_load_n(&armed, __ATOMIC_RELAXED))
		return;
	uint64_t now = clock_monotonic_ns();
	struct {
		struct process *p;
		int sig; /* 0: only give the reference back */
	} due[TICK_BATCH];
	int n = 0;
	spin_lock(&lock);
	for (struct ktimer **q = &armed; *q && n < TICK_BATCH;) {
		struct ktimer *t = *q;
		if (t->at > now) {
			q = &t->next;
			continue;
		}
		struct process *p = t->owner;
		uint64_t missed = t->interval ? (now - t->at) / t->interval : 0;
		int sig = t->sig;
		if (sig && (__atomic_load_n(&p->sig_pending, __ATOMIC_RELAXED) & (1ULL << sig))) {
			add_overrun(t, 1 + missed); /* merged into the pending one */
			sig = 0;
		} else {
			t->overrun = 0;
			add_overrun(t, missed);
		}
		if (t->interval) {
			/* the next period after now: ticks missed do not pile up */
			t->at += (missed + 1) * t->interval;
			q = &t->next;
			if (!sig)
				continue;
			__atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED); /* for the send below */
		} else {
			*q = t->next; /* the list's reference goes with it */
			t->next = 0;
			t->armed = false;
		}
		due[n].p = p;
		due[n++].sig = sig;
	}
	spin_unlock(&lock);
	for (int i = 0; i < n; i++) {
		if (due[i].sig)
			signal_send(due[i].p, due[i].sig);
		proc_put(due[i].p);
	}
}

void itimer_cancel(struct process *p, bool exec)
{
	struct ktimer *gone[REDOX_TIMER_MAX];
	int puts = 0, ngone = 0;
	uint64_t f = spin_lock_irqsave(&lock);
	if (!exec)
		puts += unlink_locked(&p->alarm);
	for (int i = 0; i < REDOX_TIMER_MAX; i++)
		if (p->timers[i]) {
			puts += unlink_locked(p->timers[i]);
			gone[ngone++] = p->timers[i];
			p->timers[i] = 0;
		}
	spin_unlock_irqrestore(&lock, f);
	for (int i = 0; i < ngone; i++) {
		account_uncharge(gone[i]->acct_uid, ACCOUNT_KBUF_BYTES, sizeof(struct ktimer));
		kfree(gone[i]);
	}
	/* the caller holds p, so these are never the last references */
	while (puts--)
		proc_put(p);
}

static bool to_ns(const struct redox_timespec *t, uint64_t *ns)
{
	if (t->tv_sec < 0 || t->tv_nsec < 0 || t->tv_nsec >= (int64_t)NS ||
	    (uint64_t)t->tv_sec > 500ULL * 365 * 86400)
		return false;
	*ns = (uint64_t)t->tv_sec * NS + (uint64_t)t->tv_nsec;
	return true;
}

static struct redox_timespec from_ns(uint64_t ns)
{
	return (struct redox_timespec){(int64_t)(ns / NS), (int32_t)(ns % NS)};
}

/* lock held: the time left (never 0 while armed) and the interval */
static struct redox_itimerspec read_locked(const struct ktimer *t, uint64_t now)
{
	struct redox_itimerspec v = {{0, 0}, {0, 0}};
	if (t->armed) {
		v.value = from_ns(t->at > now ? t->at - now : 1);
		v.interval = from_ns(t->interval);
	}
	return v;
}

/*
 * Set t from a user itimerspec (NULL: only read it) and write the old
 * setting to `old_value` (0: not wanted). `abstime`: the value is a time
 * on t->clock, not a delay.
 */
static int64_t settime(struct process *p, int id, bool abstime, uint64_t new_value,
                       uint64_t old_value)
{
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
	uint64_t now = clock_monotonic_ns(), real = clock_realtime_ns();
	uint64_t f = spin_lock_irqsave(&lock);
	struct ktimer *t = id < 0 ? &p->alarm : p->timers[id];
	if (!t) {
		spin_unlock_irqrestore(&lock, f);
		return -EINVAL;
	}
	old = read_locked(t, now);
	bool put = false, hold = false;
	if (new_value && value) {
		uint64_t at = now + value;
		if (abstime) {
			/* a time already past fires at the next tick */
			uint64_t base = t->clock == CLOCK_REALTIME ? real : now;
			at = value > base ? now + (value - base) : now;
		}
		hold = arm_locked(t, at, interval);
	} else if (new_value) {
		put = unlink_locked(t);
		t->overrun = 0;
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

/* setitimer(which, new, old) */
int64_t sys_setitimer(struct syscall_args *args, int64_t which, uint64_t new_value,
                      uint64_t old_value)
{
	struct process *p = args->process;
	if (which != ITIMER_REAL)
		return -EINVAL;
	uint64_t f = spin_lock_irqsave(&lock);
	p->alarm.owner = p;
	p->alarm.sig = SIGALRM;
	p->alarm.clock = CLOCK_MONOTONIC;
	spin_unlock_irqrestore(&lock, f);
	return settime(p, -1, false, new_value, old_value);
}

int64_t sys_timer_create(struct syscall_args *args, uint64_t clock, int64_t signo)
{
	struct process *p = args->process;
	if ((clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) || signo < 0 || signo >= NSIG)
		return -EINVAL;
	if (!account_charge(p->acct_uid, ACCOUNT_KBUF_BYTES, sizeof(struct ktimer)))
		return -EAGAIN;
	struct ktimer *t = kzalloc(sizeof *t);
	if (!t) {
		account_uncharge(p->acct_uid, ACCOUNT_KBUF_BYTES, sizeof(struct ktimer));
		return -EAGAIN;
	}
	t->owner = p;
	t->sig = (int)signo;
	t->clock = (int)clock;
	t->acct_uid = p->acct_uid;
	int64_t id = -EAGAIN; /* POSIX: the process has all it may have */
	uint64_t f = spin_lock_irqsave(&lock);
	for (int i = 0; i < REDOX_TIMER_MAX; i++)
		if (!p->timers[i]) {
			p->timers[i] = t;
			id = i;
			break;
		}
	spin_unlock_irqrestore(&lock, f);
	if (id < 0) {
		account_uncharge(t->acct_uid, ACCOUNT_KBUF_BYTES, sizeof(struct ktimer));
		kfree(t);
	}
	return id;
}

static bool valid_id(int64_t id)
{
	return id >= 0 && id < REDOX_TIMER_MAX;
}

int64_t sys_timer_settime(struct syscall_args *args, int64_t id, uint64_t flags, uint64_t new_value,
                          uint64_t old_value)
{
	if (!valid_id(id) || (flags & ~(uint64_t)TIMER_ABSTIME) || !new_value)
		return -EINVAL;
	return settime(args->process, (int)id, flags & TIMER_ABSTIME, new_value, old_value);
}

int64_t sys_timer_gettime(struct syscall_args *args, int64_t id, uint64_t value)
{
	if (!valid_id(id) || !value)
		return valid_id(id) ? -EFAULT : -EINVAL;
	return settime(args->process, (int)id, false, 0, value);
}

int64_t sys_timer_getoverrun(struct syscall_args *args, int64_t id)
{
	struct process *p = args->process;
	if (!valid_id(id))
		return -EINVAL;
	uint64_t f = spin_lock_irqsave(&lock);
	int64_t r = p->timers[id] ? p->timers[id]->overrun : -EINVAL;
	spin_unlock_irqrestore(&lock, f);
	return r;
}

int64_t sys_timer_delete(struct syscall_args *args, int64_t id)
{
	struct process *p = args->process;
	if (!valid_id(id))
		return -EINVAL;
	uint64_t f = spin_lock_irqsave(&lock);
	struct ktimer *t = p->timers[id];
	bool put = t && unlink_locked(t);
	p->timers[id] = 0;
	spin_unlock_irqrestore(&lock, f);
	if (!t)
		return -EINVAL;
	if (put)
		proc_put(p);
	account_uncharge(t->acct_uid, ACCOUNT_KBUF_BYTES, sizeof(struct ktimer));
	kfree(t);
	return 0;
}
