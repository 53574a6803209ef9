/*
 * The scheduler. One run queue (FIFO) for all CPUs under one lock; each
 * CPU's timer tick preempts the running context after its slice. The
 * lock is held across arch_context_switch and released by whichever context
 * runs next (after_switch / context_started), so no other CPU can pick up
 * a context before its registers are saved.
 */
#define LOG_MODULE "sched"
#include <freestanding/string.h>

#include "../grant/grant.h"
#include "sched.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../mm/heap.h"
#include "../mm/kstack.h"
#include "../mm/paging.h"
#include "../time/clock.h"
#include "../proc/signal.h"

#define SLICE_TICKS 1

static struct spinlock sched_lock;
static struct context *run_head, *run_tail;
static struct context *sleepers;
static struct context *dead_stack[MAX_CPUS]; /* per CPU: whose stack to free */

static void make_runnable(struct context *c);

struct context *sched_current(void)
{
	return this_cpu()->current;
}

static void run_push(struct context *c)
{
	c->next = 0;
	if (run_tail)
		run_tail->next = c;
	else
		run_head = c;
	run_tail = c;
}

static struct context *run_pop(void)
{
	struct context *c = run_head;
	if (c) {
		run_head = c->next;
		if (!run_head)
			run_tail = 0;
		c->next = 0;
	}
	return c;
}

static void after_switch(void)
{
	struct cpu *cpu = this_cpu();
	struct context *dead = dead_stack[cpu->index];
	dead_stack[cpu->index] = 0;
	spin_unlock(&sched_lock);
	if (dead && dead->kstack_top) {
		kstack_free(dead->kstack_top);
		dead->kstack_top = 0;
	}
}

void context_started(void)
{
	after_switch();
	arch_irq_enable();
}

/* Called with sched_lock held and interrupts off; returns with it released. */
static void schedule_locked(void)
{
	KASSERT(spin_held(&sched_lock) && !arch_irq_enabled());
	struct cpu *cpu = this_cpu();
	struct context *prev = cpu->current;
	struct context *next = run_pop();
	if (!next) {
		if (prev->state == CONTEXT_RUNNING) {
			spin_unlock(&sched_lock);
			return;
		}
		next = cpu->idle;
	}
	if (prev->state == CONTEXT_RUNNING) {
		prev->state = CONTEXT_RUNNABLE;
		if (prev != cpu->idle)
			run_push(prev);
	} else if (prev->state == CONTEXT_DEAD) {
		dead_stack[cpu->index] = prev;
	}
	next->state = CONTEXT_RUNNING;
	next->slice_ticks = 0;
	if (next == prev) {
		spin_unlock(&sched_lock);
		return;
	}
	cpu->current = next;
	if (next->kstack_top)
		arch_set_kernel_stack(cpu, next->kstack_top);
	grant_io_switch(cpu, next->process); /* its manifest's I/O ports */
	if (prev->process)
		arch_fpu_save(prev->fpu_state);
	if (next->process)
		arch_fpu_restore(next->fpu_state);
	if (next->cr3 != prev->cr3)
		arch_space_load(next->cr3);
	/* TLS bases are per context: nothing one process does to its own may
	 * reach the next one's. */
	if (prev->process)
		arch_user_tls_save(&prev->fs_base, &prev->gs_base);
	if (next->process)
		arch_user_tls_load(next->fs_base, next->gs_base);
	arch_context_switch(&prev->saved_rsp, next->saved_rsp);
	after_switch();
}

struct context *context_create(void (*entry)(void *), void *arg, uint64_t cr3)
{
	struct context *c = kzalloc(sizeof *c);
	if (!c)
		return 0;
	c->kstack_top = kstack_alloc();
	if (!c->kstack_top) {
		kfree(c);
		return 0;
	}
	/* The top of every kernel stack holds the context's user frame. */
	c->saved_rsp = arch_context_stack_init(c->kstack_top - CONTEXT_USER_FRAME_SIZE, entry, arg);
	c->cr3 = cr3;
	/* Not BLOCKED: a signal to a process being forked (its pid is already
	 * visible) must not wake a context that is not set up yet, nor queue
	 * it twice with the sched_enqueue that starts it. */
	c->state = CONTEXT_NEW;
	arch_fpu_reset_state(c->fpu_state);
	return c;
}

void context_set_arg(struct context *c, void *arg)
{
	arch_context_set_arg(c->saved_rsp, arg);
}

void sched_enqueue(struct context *c)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(&sched_lock);
	if (c->state != CONTEXT_NEW)
		panic("sched_enqueue of a context already started");
	make_runnable(c);
	spin_unlock(&sched_lock);
	arch_irq_restore(flags);
}

void sched_yield(void)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(&sched_lock);
	schedule_locked();
	arch_irq_restore(flags);
}

/* Remove c from the sleeper list and its wait queue (sched_lock held). */
static void unlink_waiter(struct context *c, struct wait_queue *wq)
{
	KASSERT(spin_held(&sched_lock));
	if (c->wake_at_ns) {
		for (struct context **p = &sleepers; *p; p = &(*p)->sleep_next)
			if (*p == c) {
				*p = c->sleep_next;
				break;
			}
		c->wake_at_ns = 0;
	}
	if (wq)
		for (struct context **p = &wq->head; *p; p = &(*p)->next)
			if (*p == c) {
				*p = c->next;
				break;
			}
	c->waiting_on = 0;
}

/* An idle CPU sleeps in hlt until its next tick: wake one for new work. */
static void kick_idle_cpu(void)
{
	struct cpu *self = this_cpu();
	for (uint32_t i = 0; i < cpu_count; i++) {
		struct cpu *c = &cpus[i];
		if (c != self && c->online && c->current == c->idle) {
			arch_send_reschedule(c);
			return;
		}
	}
}

static void make_runnable(struct context *c)
{
	c->state = CONTEXT_RUNNABLE;
	run_push(c);
	kick_idle_cpu();
}

void sched_tick(void)
{
	struct cpu *cpu = this_cpu();
	cpu->ticks++;
	spin_lock(&sched_lock);
	uint64_t now = clock_monotonic_ns();
	for (struct context **p = &sleepers; *p;) {
		struct context *c = *p;
		if (c->wake_at_ns <= now) {
			*p = c->sleep_next;
			c->wake_at_ns = 0;
			unlink_waiter(c, c->waiting_on);
			c->timed_out = true;
			make_runnable(c);
		} else {
			p = &c->sleep_next;
		}
	}
	struct context *cur = cpu->current;
	if (cur == cpu->idle ? run_head != 0 : ++cur->slice_ticks >= SLICE_TICKS) {
		schedule_locked();
		return;
	}
	spin_unlock(&sched_lock);
}

bool wait_queue_sleep_until(struct wait_queue *wq, struct spinlock *lock, uint64_t deadline_ns)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(&sched_lock);
	struct context *cur = this_cpu()->current;
	cur->timed_out = false;
	cur->interrupted = false;
	if (cur->process && signal_pending_acts(cur)) {
		/* a signal that acts is already pending: do not sleep at all */
		cur->interrupted = true;
		spin_unlock(&sched_lock);
		arch_irq_restore(flags);
		return false;
	}
	cur->next = 0;
	struct context **tail = &wq->head;
	while (*tail)
		tail = &(*tail)->next;
	*tail = cur;
	cur->waiting_on = wq;
	if (deadline_ns) {
		cur->wake_at_ns = deadline_ns;
		cur->sleep_next = sleepers;
		sleepers = cur;
	}
	cur->state = CONTEXT_BLOCKED;
	if (lock)
		spin_unlock(lock);
	schedule_locked();
	if (lock)
		spin_lock(lock);
	arch_irq_restore(flags);
	return !cur->timed_out && !cur->interrupted;
}

bool wait_queue_sleep(struct wait_queue *wq, struct spinlock *lock)
{
	return wait_queue_sleep_until(wq, lock, 0);
}

static void wake_locked(struct wait_queue *wq, bool all)
{
	while (wq->head) {
		struct context *c = wq->head;
		wq->head = c->next;
		unlink_waiter(c, 0);
		make_runnable(c);
		if (!all)
			break;
	}
}

void wait_queue_wake_all(struct wait_queue *wq)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(&sched_lock);
	wake_locked(wq, true);
	spin_unlock(&sched_lock);
	arch_irq_restore(flags);
}

void wait_queue_wake_one(struct wait_queue *wq)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(&sched_lock);
	wake_locked(wq, false);
	spin_unlock(&sched_lock);
	arch_irq_restore(flags);
}

void sched_wake(struct context *c)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(&sched_lock);
	if (c->state == CONTEXT_BLOCKED) {
		unlink_waiter(c, c->waiting_on);
		c->interrupted = true;
		make_runnable(c);
	}
	spin_unlock(&sched_lock);
	arch_irq_restore(flags);
}

void sched_sleep_until(uint64_t deadline_ns)
{
	struct wait_queue wq = {0};
	while (clock_monotonic_ns() < deadline_ns)
		if (!wait_queue_sleep_until(&wq, 0, deadline_ns) &&
		    this_cpu()->current->interrupted)
			break;
}

_Noreturn void sched_exit_current(void)
{
	arch_irq_save();
	spin_lock(&sched_lock);
	this_cpu()->current->state = CONTEXT_DEAD;
	schedule_locked();
	panic("a dead context was scheduled again");
}

void sched_init(void)
{
	log_info("scheduler: one run queue, %u ms slices", 1000 / TIMER_HZ * SLICE_TICKS);
}

_Noreturn void sched_cpu_start(void)
{
	struct cpu *cpu = this_cpu();
	struct context *idle = kzalloc(sizeof *idle);
	if (!idle)
		panic("no memory for CPU %u's idle context", cpu->index);
	idle->cr3 = paging_kernel_root();
	idle->state = CONTEXT_RUNNING;
	cpu->idle = idle;
	cpu->current = idle;
	arch_timer_start();
	for (;;) {
		arch_irq_disable();
		if (__atomic_load_n(&run_head, __ATOMIC_RELAXED)) {
			spin_lock(&sched_lock);
			schedule_locked();
		}
		arch_wait_for_interrupt();
	}
}
