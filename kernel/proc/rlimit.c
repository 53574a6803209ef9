/*
 * Resource limits (SYS_GETRLIMIT, SYS_SETRLIMIT; redox/abi/resource.h):
 * each process has its own pair per resource, copied by fork and kept by
 * exec. Anyone may lower a limit; raising a hard limit needs euid 0, and
 * no one may raise RLIMIT_NOFILE past the kernel's table. The limits are
 * enforced where the kernel counts the resource: descriptors
 * (fd_install_from), processes of the user (fork), anonymous memory
 * (proc_charge_anon), the main stack (exec) and CPU time (the timer tick,
 * rlimit_cpu_tick). CORE is only reported (no core files are written);
 * FSIZE, RSS and MEMLOCK are stored and reported, not enforced.
 */
#include <redox/abi/errno.h>
#include <redox/abi/resource.h>
#include <redox/abi/signal.h>

#include "process.h"
#include "account.h"
#include "signal.h"
#include "../arch/arch.h"
#include "../mm/frame.h"
#include "../mm/usercopy.h"
#include "../syscall/syscall.h"

#define INF REDOX_RLIM_INFINITY

static const struct redox_rlimit defaults[RLIMIT_NLIMITS] = {
    [RLIMIT_CPU] = {INF, INF},
    [RLIMIT_FSIZE] = {INF, INF},
    [RLIMIT_DATA] = {INF, INF},
    [RLIMIT_STACK] = {REDOX_STACK_DEFAULT, INF},
    [RLIMIT_CORE] = {0, INF},
    [RLIMIT_RSS] = {INF, INF},
    [RLIMIT_NPROC] = {ACCOUNT_MAX_PROCS, ACCOUNT_MAX_PROCS},
    [RLIMIT_NOFILE] = {REDOX_OPEN_MAX, REDOX_OPEN_MAX},
    [RLIMIT_MEMLOCK] = {INF, INF},
    [RLIMIT_AS] = {INF, INF},
};

_Static_assert(REDOX_OPEN_MAX == MAX_FILES, "the ABI's descriptor ceiling is the kernel's table");

void rlimit_init(struct process *p)
{
	for (int r = 0; r < RLIMIT_NLIMITS; r++)
		p->rlimits[r] = defaults[r];
}

void rlimit_inherit(struct process *child, const struct process *parent)
{
	uint64_t f = spin_lock_irqsave((struct spinlock *)&parent->lock);
	for (int r = 0; r < RLIMIT_NLIMITS; r++)
		child->rlimits[r] = parent->rlimits[r];
	spin_unlock_irqrestore((struct spinlock *)&parent->lock, f);
}

uint64_t rlimit_cur(const struct process *p, int resource)
{
	return __atomic_load_n(&p->rlimits[resource].cur, __ATOMIC_RELAXED);
}

uint64_t rlimit_nofile(const struct process *p)
{
	uint64_t n = rlimit_cur(p, RLIMIT_NOFILE);
	return n < MAX_FILES ? n : MAX_FILES;
}

uint64_t rlimit_stack(const struct process *p)
{
	uint64_t n = rlimit_cur(p, RLIMIT_STACK);
	return n < REDOX_STACK_FLOOR     ? REDOX_STACK_FLOOR
	       : n > REDOX_STACK_CEILING ? REDOX_STACK_CEILING
	                                 : n;
}

uint64_t rlimit_nproc(const struct process *p)
{
	/* as on Linux, root (real or effective) is not held to it */
	if (p->acct_uid == 0 || p->euid == 0)
		return INF;
	return rlimit_cur(p, RLIMIT_NPROC);
}

uint64_t rlimit_anon_pages(const struct process *p)
{
	uint64_t as = rlimit_cur(p, RLIMIT_AS), data = rlimit_cur(p, RLIMIT_DATA);
	uint64_t bytes = as < data ? as : data;
	return bytes / PAGE_SIZE;
}

/*
 * From every CPU's timer tick, for the process whose thread it
 * interrupted: one tick of CPU time (user and kernel alike). Past the
 * soft limit SIGXCPU comes once a second, as on Linux; at the hard limit
 * SIGKILL.
 */
void rlimit_cpu_tick(struct process *p)
{
	uint64_t ticks = __atomic_add_fetch(&p->cpu_ticks, 1, __ATOMIC_RELAXED);
	uint64_t soft = rlimit_cur(p, RLIMIT_CPU);
	if (soft == INF || ticks % TIMER_HZ)
		return;
	uint64_t seconds = ticks / TIMER_HZ;
	uint64_t hard = __atomic_load_n(&p->rlimits[RLIMIT_CPU].max, __ATOMIC_RELAXED);
	if (hard != INF && seconds >= hard)
		signal_send(p, SIGKILL);
	else if (seconds >= soft)
		signal_send(p, SIGXCPU);
}

int64_t sys_getrlimit(struct syscall_args *args, int64_t resource, uint64_t rlim)
{
	struct process *p = args->process;
	if (resource < 0 || resource >= RLIMIT_NLIMITS)
		return -EINVAL;
	uint64_t f = spin_lock_irqsave(&p->lock);
	struct redox_rlimit now = p->rlimits[resource];
	spin_unlock_irqrestore(&p->lock, f);
	return copy_to_user(rlim, &now, sizeof now) < 0 ? -EFAULT : 0;
}

int64_t sys_setrlimit(struct syscall_args *args, int64_t resource, uint64_t rlim)
{
	struct process *p = args->process;
	if (resource < 0 || resource >= RLIMIT_NLIMITS)
		return -EINVAL;
	struct redox_rlimit want;
	if (copy_from_user(&want, rlim, sizeof want) < 0)
		return -EFAULT;
	if (want.cur > want.max)
		return -EINVAL;
	/* the kernel's table is the most any process may have, root too (nr_open) */
	if (resource == RLIMIT_NOFILE && want.max > MAX_FILES)
		return -EPERM;
	uint64_t f = spin_lock_irqsave(&p->lock);
	int64_t r = 0;
	if (want.max > p->rlimits[resource].max && p->euid != 0)
		r = -EPERM;
	else {
		__atomic_store_n(&p->rlimits[resource].max, want.max, __ATOMIC_RELAXED);
		__atomic_store_n(&p->rlimits[resource].cur, want.cur, __ATOMIC_RELAXED);
	}
	spin_unlock_irqrestore(&p->lock, f);
	return r;
}
