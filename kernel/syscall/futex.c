/*
 * FUTEX(addr, op, val, timeout, addr2): FUTEX_WAIT sleeps while the u32 at
 * addr equals val (until woken or the timeout, a struct redox_timespec
 * relative time); FUTEX_WAKE wakes up to val sleepers on addr. Sleepers
 * are keyed by the physical address of the word, so processes sharing the
 * memory share the futex.
 */
#include <stdbool.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../mm/paging.h"
#include "../mm/usercopy.h"
#include "../proc/process.h"
#include "../sched/sched.h"
#include "../time/clock.h"

struct futex_waiter {
	uint64_t key;
	bool woken;
	struct wait_queue wq;
	struct futex_waiter *next;
};

static struct spinlock lock;
static struct futex_waiter *waiters;

static int64_t wake_key(uint64_t key, int64_t n)
{
	int64_t woken = 0;
	uint64_t f = spin_lock_irqsave(&lock);
	for (struct futex_waiter **w = &waiters; *w && woken < n;) {
		if ((*w)->key == key) {
			struct futex_waiter *hit = *w;
			*w = hit->next;
			hit->woken = true;
			wait_queue_wake_all(&hit->wq);
			woken++;
		} else {
			w = &(*w)->next;
		}
	}
	spin_unlock_irqrestore(&lock, f);
	return woken;
}

int64_t futex_wake_user(uint64_t root, uint64_t addr, int64_t n)
{
	uint64_t key = paging_translate(root, addr, 0);
	return key ? wake_key(key, n) : 0;
}

int64_t sys_futex(struct syscall_args *args, uint64_t addr, uint64_t op, uint64_t val,
                  uint64_t timeout)
{
	uint32_t value;
	if ((addr & 3) || copy_from_user(&value, addr, 4) < 0)
		return -EFAULT;
	uint64_t key = paging_translate(args->process->cr3, addr, 0);
	if (op == FUTEX_WAKE)
		return wake_key(key, (int64_t)val);
	if (op != FUTEX_WAIT)
		return -ENOSYS;
	uint64_t deadline = 0;
	if (timeout) {
		struct redox_timespec t;
		if (copy_from_user(&t, timeout, sizeof t) < 0)
			return -EFAULT;
		if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = clock_deadline_after(t.tv_sec, t.tv_nsec);
	}
	struct futex_waiter me = {.key = key};
	uint64_t f = spin_lock_irqsave(&lock);
	if (copy_from_user(&value, addr, 4) < 0 || value != (uint32_t)val) {
		spin_unlock_irqrestore(&lock, f);
		return -EAGAIN;
	}
	me.next = waiters;
	waiters = &me;
	bool ok = true;
	while (!me.woken && ok)
		ok = wait_queue_sleep_until(&me.wq, &lock, deadline);
	if (!me.woken)
		for (struct futex_waiter **w = &waiters; *w; w = &(*w)->next)
			if (*w == &me) {
				*w = me.next;
				break;
			}
	spin_unlock_irqrestore(&lock, f);
	if (me.woken)
		return 0;
	return sched_current()->timed_out ? -ETIMEDOUT : -EINTR;
}
