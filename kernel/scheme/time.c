/*
 * time: clocks as files. "time:<clock>" (1 = CLOCK_REALTIME, 4 =
 * CLOCK_MONOTONIC): a read returns the clock's current struct
 * redox_timespec at once; a write of a timespec sets a deadline, absolute
 * on that clock, and the handle becomes EVENT_READ-ready when it passes
 * (the next read consumes that readiness). Deadlines are kept by one
 * kernel context that sleeps until the earliest of them, so they fire
 * with the scheduler tick's resolution (10 ms).
 */
#define LOG_MODULE "scheme::time"
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../mm/paging.h"
#include "../sched/sched.h"
#include "../time/clock.h"

#define NS_PER_SEC 1000000000ULL
#define FIRE_BATCH 32

struct timer {
	int clock;
	uint64_t deadline; /* monotonic ns; 0: none armed */
	bool fired;        /* the deadline passed and no read has seen it yet */
	struct timer *next;
};

static struct spinlock lock; /* the timer list and every timer's fields */
static struct timer *timers;
static struct wait_queue keeper_wait; /* the deadline keeper sleeps here */
static struct scheme *time_scheme;

static uint64_t clock_now(int clock)
{
	return clock == CLOCK_REALTIME ? clock_realtime_ns() : clock_monotonic_ns();
}

static int64_t time_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)flags;
	(void)who;
	int clock = 0;
	if (!*path)
		return -ENOENT;
	for (const char *c = path; *c; c++) {
		if (*c < '0' || *c > '9' || clock > 1000)
			return -ENOENT;
		clock = clock * 10 + (*c - '0');
	}
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return -ENOENT;
	struct timer *t = kzalloc(sizeof *t);
	if (!t)
		return -ENOMEM;
	t->clock = clock;
	uint64_t irq = spin_lock_irqsave(&lock);
	t->next = timers;
	timers = t;
	spin_unlock_irqrestore(&lock, irq);
	return handle_from_ptr(t);
}

static int64_t time_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	(void)who;
	struct timer *t = ptr_from_handle(id);
	if (len < sizeof(struct redox_timespec))
		return -EINVAL;
	uint64_t now = clock_now(t->clock);
	struct redox_timespec ts = {(int64_t)(now / NS_PER_SEC), (int32_t)(now % NS_PER_SEC)};
	memcpy(buf, &ts, sizeof ts);
	uint64_t irq = spin_lock_irqsave(&lock);
	t->fired = false;
	spin_unlock_irqrestore(&lock, irq);
	return sizeof ts;
}

static int64_t time_write(void *data, uint64_t id, const void *buf, size_t len,
                          const struct caller *who)
{
	(void)data;
	(void)who;
	struct timer *t = ptr_from_handle(id);
	struct redox_timespec ts;
	if (len < sizeof ts)
		return -EINVAL;
	memcpy(&ts, buf, sizeof ts);
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (uint64_t)ts.tv_nsec >= NS_PER_SEC)
		return -EINVAL;
	/* an absolute time past 2^64 ns saturates instead of wrapping into the past */
	uint64_t at = (uint64_t)ts.tv_sec > (~0ULL - NS_PER_SEC) / NS_PER_SEC
	                  ? ~0ULL
	                  : (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
	if (t->clock == CLOCK_REALTIME) {
		/* realtime runs at the monotonic rate from a fixed offset */
		uint64_t offset = clock_realtime_ns() - clock_monotonic_ns();
		at = at > offset ? at - offset : 0;
	}
	if (at == 0)
		at = 1; /* 0 means "none": a past deadline still fires */
	uint64_t irq = spin_lock_irqsave(&lock);
	t->deadline = at;
	t->fired = false;
	spin_unlock_irqrestore(&lock, irq);
	wait_queue_wake_all(&keeper_wait);
	return sizeof ts;
}

static int64_t time_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	struct timer *t = ptr_from_handle(id);
	uint64_t irq = spin_lock_irqsave(&lock);
	bool fired = t->fired;
	spin_unlock_irqrestore(&lock, irq);
	return fired && (flags & EVENT_READ) ? EVENT_READ : 0;
}

static int64_t time_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	struct timer *t = ptr_from_handle(id);
	char path[16] = "time:";
	path[5] = (char)('0' + t->clock);
	size_t n = len < 6 ? len : 6;
	memcpy(buf, path, n);
	return (int64_t)n;
}

static int64_t time_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_CHR | 0666;
	st->size = sizeof(struct redox_timespec);
	return 0;
}

static int64_t time_close(void *data, uint64_t id)
{
	(void)data;
	struct timer *t = ptr_from_handle(id);
	uint64_t irq = spin_lock_irqsave(&lock);
	for (struct timer **p = &timers; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			break;
		}
	spin_unlock_irqrestore(&lock, irq);
	kfree(t);
	return 0;
}

static const struct scheme_ops time_ops = {
    .open = time_open,
    .read = time_read,
    .write = time_write,
    .fevent = time_fevent,
    .fpath = time_fpath,
    .fstat = time_fstat,
    .close = time_close,
};

/*
 * The deadline keeper: fire what is due, then sleep until the earliest
 * deadline left (or until a write arms a new one).
 */
static void deadline_keeper(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t due[FIRE_BATCH];
		size_t ndue = 0;
		uint64_t irq = spin_lock_irqsave(&lock);
		uint64_t now = clock_monotonic_ns(), earliest = 0;
		for (struct timer *t = timers; t; t = t->next) {
			if (!t->deadline)
				continue;
			if (t->deadline <= now && ndue < FIRE_BATCH) {
				t->deadline = 0;
				t->fired = true;
				due[ndue++] = (uint64_t)handle_from_ptr(t);
			} else if (!earliest || t->deadline < earliest) {
				earliest = t->deadline;
			}
		}
		/* after firing, go round again: more may be due (a full batch) */
		if (ndue == 0)
			wait_queue_sleep_until(&keeper_wait, &lock, earliest);
		spin_unlock_irqrestore(&lock, irq);
		/* ids only: a handle closed meanwhile simply matches no watch */
		for (size_t i = 0; i < ndue; i++)
			scheme_event(time_scheme, due[i], EVENT_READ);
	}
}

void time_scheme_init(void)
{
	if (scheme_register("time", &time_ops, 0, &time_scheme) < 0)
		return;
	struct context *keeper = context_create(deadline_keeper, 0, paging_kernel_root());
	if (!keeper) {
		log_error("no memory for the deadline keeper: time: deadlines will not fire");
		return;
	}
	sched_enqueue(keeper);
}
