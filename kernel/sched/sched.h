/*
 * Contexts (the kernel's threads of execution, each with its own kernel
 * stack) and the preemptive scheduler shared by all CPUs: one run queue,
 * a 10 ms time slice driven by each CPU's APIC timer, and wait queues for
 * everything that blocks.
 */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "../lib/spinlock.h"

struct process;
struct interrupt_frame;

enum context_state {
	CONTEXT_NEW, /* made, not started: only sched_enqueue starts it (no wake-up) */
	CONTEXT_RUNNABLE,
	CONTEXT_RUNNING,
	CONTEXT_BLOCKED,
	CONTEXT_DEAD, /* finished; its stack is freed by the next switch away */
};

struct context {
	uint64_t saved_rsp; /* kernel rsp while switched out */
	uint64_t kstack_top;
	uint64_t cr3;
	uint64_t fs_base; /* user TLS pointer, saved and restored on every switch */
	uint64_t gs_base; /* the user's GS base, likewise */
	enum context_state state;
	struct context *next; /* run queue or wait queue link */
	struct context *sleep_next;
	struct wait_queue *waiting_on;
	uint64_t wake_at_ns; /* 0: not sleeping */
	bool timed_out;      /* the last sleep ended by its deadline */
	bool interrupted;    /* the last sleep was cut short (kill, signal) */
	uint32_t slice_ticks;
	struct process *process; /* NULL for kernel-only contexts (idle) */
	/* the thread's own state (proc/thread.c); the rest is the process's */
	uint32_t tid;
	bool was_main;                  /* has been its process's ctx: freed with it */
	uint64_t sig_mask, sig_pending; /* bit n = signal n; pending: sent to this thread */
	uint64_t clear_tid;             /* user u32 zeroed and futex-woken at thread exit */
	struct context *thread_next;    /* the process's live or dead thread list */
	/* user FPU/SSE registers (fxsave image) while switched out */
	uint8_t fpu_state[512] __attribute__((aligned(16)));
};

struct wait_queue {
	struct context *head;
};

void sched_init(void);
/* Bytes reserved at the top of each kernel stack for the user-mode frame. */
#define CONTEXT_USER_FRAME_SIZE 176

/* A context that will first run entry(arg) in kernel mode. */
struct context *context_create(void (*entry)(void *), void *arg, uint64_t cr3);
/* Change the argument entry() will get (before the context first runs). */
void context_set_arg(struct context *c, void *arg);
void sched_enqueue(struct context *ctx);
/* Enter the scheduler on this CPU for good (BSP after boot, every AP). */
_Noreturn void sched_cpu_start(void);
void sched_yield(void);
/* From the timer interrupt. */
void sched_tick(void);
struct context *sched_current(void);

/*
 * Sleep on wq. `lock` (held by the caller, protecting the condition) is
 * released once the context is queued and taken again before returning,
 * so a wake between the check and the sleep is never lost. Returns false
 * when the sleep was cut short by a signal-like interruption.
 */
bool wait_queue_sleep(struct wait_queue *wq, struct spinlock *lock);
/* The same with a deadline in monotonic ns (0: none); false on timeout. */
bool wait_queue_sleep_until(struct wait_queue *wq, struct spinlock *lock, uint64_t deadline_ns);
void wait_queue_wake_all(struct wait_queue *wq);
void wait_queue_wake_one(struct wait_queue *wq);
/* Wake a specific blocked context (kill, signals). */
void sched_wake(struct context *ctx);
/* Sleep until the monotonic clock reaches deadline_ns. */
void sched_sleep_until(uint64_t deadline_ns);

/* The current context stops for good; the next switch frees its stack. */
_Noreturn void sched_exit_current(void);

#endif
