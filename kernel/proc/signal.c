/*
 * Signal sending and delivery (see signal.h). A handler runs on the
 * user's stack with a struct signal_frame below the interrupted stack
 * pointer (past the 128-byte red zone): the handler returns into the
 * action's restorer, which calls SYS_SIGRETURN with rsp at `saved`.
 */
#define LOG_MODULE "proc::signal"
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/signal.h>
#include <redox/abi/types.h>

#include "process.h"
#include "signal.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../mm/paging.h"
#include "../mm/usercopy.h"
#include "../mm/usermem.h"

struct signal_frame {
	uint64_t return_address; /* the restorer */
	struct interrupt_frame saved;
	uint64_t saved_mask;
};
/* the layout user space reads (redox/abi/types.h) */
_Static_assert(sizeof(struct signal_frame) == sizeof(struct redox_sigframe), "signal frame");
_Static_assert(sizeof(struct interrupt_frame) == sizeof(struct redox_sigregs), "signal regs");

#define UNBLOCKABLE ((1ULL << SIGKILL) | (1ULL << SIGSTOP))

static bool default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT ||
	       /* no job control yet: stop signals do nothing */
	       sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Would this signal do anything if delivered now? */
static bool signal_acts(struct context *c, int sig)
{
	if (sig == SIGKILL)
		return true;
	if (c->sig_mask & (1ULL << sig))
		return false;
	uint64_t handler = c->process->actions[sig].sa_handler;
	if (handler == SIG_IGN)
		return false;
	return handler != SIG_DFL || !default_ignores(sig);
}

int64_t signal_send(struct process *p, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (p->zombie)
		return 0;
	__atomic_or_fetch(&p->sig_pending, 1ULL << sig, __ATOMIC_SEQ_CST);
	/* Only a signal that acts cuts a sleep short (EINTR): in one thread that takes it. */
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	for (struct context *t = p->threads; t; t = t->thread_next)
		if (signal_acts(t, sig)) {
			sched_wake(t);
			break;
		}
	spin_unlock_irqrestore(&p->threads_lock, f);
	return 0;
}

int64_t signal_send_thread(struct context *c, int sig)
{
	KASSERT(spin_held(&c->process->threads_lock)); /* c stays a live thread */
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	__atomic_or_fetch(&c->sig_pending, 1ULL << sig, __ATOMIC_SEQ_CST);
	if (signal_acts(c, sig))
		sched_wake(c);
	return 0;
}

bool signal_pending_acts(struct context *c)
{
	if (thread_must_leave(c))
		return true;
	uint64_t pending = __atomic_load_n(&c->process->sig_pending, __ATOMIC_SEQ_CST) |
	                   __atomic_load_n(&c->sig_pending, __ATOMIC_SEQ_CST);
	for (int sig = 1; sig < NSIG; sig++)
		if ((pending & (1ULL << sig)) && signal_acts(c, sig))
			return true;
	return false;
}

static _Noreturn void die(int sig)
{
	arch_irq_enable();
	proc_exit(WAIT_SIGNALED(sig));
}

static bool enter_handler(struct process *p, struct context *c, struct interrupt_frame *frame,
                          int sig)
{
	struct redox_sigaction *act = &p->actions[sig];
	/* below the red zone */
	uint64_t base = (arch_frame_sp(frame) - 128 - sizeof(struct signal_frame)) & ~15ULL;
	uint64_t sp = base - 8; /* handler entry: (rsp + 8) % 16 == 0 */
	if (!act->sa_restorer)
		return false;
	struct signal_frame sf = {act->sa_restorer, *frame, c->sig_mask};
	if (copy_to_user(sp, &sf, sizeof sf) < 0)
		return false;
	c->sig_mask |= act->sa_mask | ((act->sa_flags & SA_NODEFER) ? 0 : 1ULL << sig);
	c->sig_mask &= ~UNBLOCKABLE;
	if (act->sa_flags & SA_RESETHAND)
		act->sa_handler = SIG_DFL;
	arch_frame_call(frame, act->sa_handler, sp, (uint64_t)sig);
	return true;
}

void signal_deliver(struct interrupt_frame *frame)
{
	struct process *p = proc_current();
	if (!p || !arch_frame_from_user(frame))
		return;
	struct context *c = sched_current();
	if (thread_must_leave(c)) {
		arch_irq_enable();
		thread_exit(0); /* the group's status, or exec goes on without it */
	}
	for (;;) {
		uint64_t mine = __atomic_load_n(&c->sig_pending, __ATOMIC_SEQ_CST);
		uint64_t pending = __atomic_load_n(&p->sig_pending, __ATOMIC_SEQ_CST) | mine;
		uint64_t ready = pending & ~(c->sig_mask & ~UNBLOCKABLE);
		if (!ready)
			return;
		int sig = __builtin_ctzll(ready);
		uint64_t bit = 1ULL << sig;
		/* the thread's own first; another thread may take a process one meanwhile */
		if (!(__atomic_fetch_and(mine & bit ? &c->sig_pending : &p->sig_pending, ~bit,
		                         __ATOMIC_SEQ_CST) &
		      bit))
			continue;
		uint64_t handler = p->actions[sig].sa_handler;
		if (sig == SIGKILL || handler == SIG_DFL) {
			if (sig != SIGKILL && default_ignores(sig))
				continue;
			die(sig);
		}
		if (handler == SIG_IGN)
			continue;
		if (!enter_handler(p, c, frame, sig)) {
			log_error(
			    "process %u (%s): cannot deliver signal %d (bad stack or restorer)",
			    p->pid, p->name, sig);
			die(SIGSEGV);
		}
		return; /* one handler at a time; the rest wait for sigreturn */
	}
}

int64_t signal_return(struct interrupt_frame *frame)
{
	struct context *c = sched_current();
	uint64_t at = arch_frame_sp(frame); /* the restorer's stack points at `saved` */
	uint64_t size = sizeof(struct interrupt_frame) + sizeof(uint64_t);
	struct {
		struct interrupt_frame saved;
		uint64_t saved_mask;
	} sf;
	_Static_assert(sizeof sf == sizeof(struct interrupt_frame) + sizeof(uint64_t), "layout");
	if (size != sizeof sf || copy_from_user(&sf, at, sizeof sf) < 0)
		die(SIGSEGV);
	struct interrupt_frame saved = sf.saved;
	/* Never trust what user memory says about privilege. */
	if (arch_frame_pc(&saved) >= USER_END)
		die(SIGSEGV);
	arch_frame_sanitize_user(&saved);
	*frame = saved;
	c->sig_mask = sf.saved_mask & ~UNBLOCKABLE;
	return (int64_t)arch_frame_retval(frame);
}
