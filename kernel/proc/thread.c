/*
 * Threads: more contexts in one process (SYS_CLONE_THREAD), sharing its
 * address space, files, credentials and signal actions; each has its own
 * registers and kernel stack, FS/GS base, FPU state, signal mask and
 * pending signals (struct context). Here: creating one, the exit of one
 * thread versus the whole group, exec's end of the other threads, and
 * when a dead thread's context may be freed. docs/threads.md.
 */
#define LOG_MODULE "proc::thread"
#include <redox/abi/errno.h>
#include <redox/abi/types.h>

#include "process.h"
#include "signal.h"
#include "../arch/arch.h"
#include "../mm/heap.h"
#include "../mm/kstack.h"
#include "../mm/paging.h"
#include "../mm/usercopy.h"
#include "../syscall/syscall.h"
#include "../time/clock.h"

/* Later threads' ids start above every pid, so a tid never names a process. */
static uint32_t next_tid = MAX_PROCESSES;

void thread_attach_first(struct process *p, struct context *c)
{
	c->process = p;
	c->tid = p->pid;
	c->was_main = true;
	c->thread_next = 0;
	p->threads = c;
	p->nthreads = 1;
}

bool thread_must_leave(struct context *c)
{
	struct process *p = c->process;
	if (!p)
		return false;
	struct context *execing = __atomic_load_n(&p->execing, __ATOMIC_ACQUIRE);
	return __atomic_load_n(&p->group_exit, __ATOMIC_ACQUIRE) || (execing && execing != c);
}

/* Off its stack for good: the switch away from it has finished. */
static bool gone(struct context *c)
{
	return __atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == CONTEXT_DEAD &&
	       !__atomic_load_n(&c->kstack_top, __ATOMIC_ACQUIRE);
}

bool thread_all_gone(struct process *p)
{
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	bool ok = p->last && gone(p->last);
	for (struct context *d = p->dead; d && ok; d = d->thread_next)
		ok = gone(d);
	spin_unlock_irqrestore(&p->threads_lock, f);
	return ok;
}

void thread_reap(struct process *p, bool all)
{
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	for (struct context **d = &p->dead; *d;) {
		struct context *c = *d;
		if (all || gone(c)) {
			*d = c->thread_next;
			if (!c->was_main) /* the first thread is p->ctx, freed with p */
				kfree(c);
		} else {
			d = &c->thread_next;
		}
	}
	spin_unlock_irqrestore(&p->threads_lock, f);
}

_Noreturn void thread_exit(int status)
{
	struct context *c = sched_current();
	struct process *p = c->process;
	if (c->clear_tid && !p->group_exit) {
		uint32_t zero = 0;
		if (copy_to_user(c->clear_tid, &zero, sizeof zero) == 0)
			futex_wake_user(p->cr3, c->clear_tid, 1);
	}
	/*
	 * Leave the address space first: once this thread is off the list, the
	 * last one may free it, page tables included.
	 */
	arch_irq_disable();
	uint64_t kernel_root = paging_kernel_root();
	arch_space_load(kernel_root);
	c->cr3 = kernel_root;
	spin_lock(&p->threads_lock);
	for (struct context **t = &p->threads; *t; t = &(*t)->thread_next)
		if (*t == c) {
			*t = c->thread_next;
			break;
		}
	p->nthreads--;
	bool last = p->nthreads == 0;
	if (last) {
		p->last = c;
	} else {
		c->thread_next = p->dead;
		p->dead = c;
	}
	spin_unlock(&p->threads_lock);
	if (last) {
		arch_irq_enable();
		proc_exit_last(p->group_exit ? p->group_status : status);
	}
	sched_exit_current(); /* interrupts stay off until the switch */
}

int64_t thread_end_others(struct process *p)
{
	struct context *self = sched_current();
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	if (p->group_exit || p->execing) {
		spin_unlock_irqrestore(&p->threads_lock, f);
		return -EINTR; /* this thread leaves on its way out */
	}
	if (p->nthreads == 1) {
		spin_unlock_irqrestore(&p->threads_lock, f);
		return 0;
	}
	__atomic_store_n(&p->execing, self, __ATOMIC_RELEASE);
	for (struct context *t = p->threads; t; t = t->thread_next)
		if (t != self)
			sched_wake(t);
	spin_unlock_irqrestore(&p->threads_lock, f);
	while (__atomic_load_n(&p->nthreads, __ATOMIC_ACQUIRE) > 1 && !p->group_exit)
		sched_sleep_until(clock_monotonic_ns() + 1000000ULL);
	__atomic_store_n(&p->execing, 0, __ATOMIC_RELEASE);
	return p->group_exit ? -EINTR : 0;
}

/* clone_thread(struct redox_clone_args *): the new thread's tid. */
int64_t sys_clone_thread(struct syscall_args *args, uint64_t clone_args)
{
	struct redox_clone_args ca;
	if (copy_from_user(&ca, clone_args, sizeof ca) < 0)
		return -EFAULT;
	/* user addresses only: a non-canonical FS base would fault in the kernel */
	if (ca.flags || ca.entry >= USER_END || ca.stack < 64 || ca.stack >= USER_END ||
	    ca.tls >= USER_END || ca.clear_tid >= USER_END || (ca.clear_tid & 3))
		return -EINVAL;
	struct process *p = args->process;
	thread_reap(p, false);
	struct interrupt_frame frame;
	/* as after a call: a zero return address */
	arch_user_frame_init(&frame, ca.entry, (ca.stack & ~15ULL) - 8, ca.arg);
	uint64_t zero = 0;
	if (copy_to_user(frame.rsp, &zero, sizeof zero) < 0)
		return -EFAULT;
	struct context *c = proc_user_context(p->cr3);
	if (!c)
		return -ENOMEM;
	c->process = p;
	c->sig_mask = sched_current()->sig_mask;
	c->clear_tid = ca.clear_tid;
	c->fs_base = ca.tls;
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	if (p->group_exit || p->execing || p->nthreads >= MAX_THREADS) {
		spin_unlock_irqrestore(&p->threads_lock, f);
		kstack_free(c->kstack_top);
		kfree(c);
		return -EAGAIN;
	}
	c->tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
	c->thread_next = p->threads;
	p->threads = c;
	p->nthreads++;
	int64_t tid = c->tid;
	/* enqueued under the lock: an exit of the group now sees it on the list */
	proc_start_user(c, &frame);
	spin_unlock_irqrestore(&p->threads_lock, f);
	return tid;
}

int64_t sys_exit_thread(struct syscall_args *args, int64_t status)
{
	(void)args;
	thread_exit(WAIT_EXITED((int)status));
}

int64_t sys_gettid(struct syscall_args *args)
{
	(void)args;
	return sched_current()->tid;
}

/* tkill(tid, sig): a thread of the caller's own process (pthread_kill). */
int64_t sys_tkill(struct syscall_args *args, int64_t tid, int64_t sig)
{
	struct process *p = args->process;
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	int64_t r = -ESRCH;
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	for (struct context *t = p->threads; t; t = t->thread_next)
		if (t->tid == tid) {
			r = sig ? signal_send_thread(t, (int)sig) : 0;
			break;
		}
	spin_unlock_irqrestore(&p->threads_lock, f);
	return r;
}
