/*
 * The process table, process creation (from an ELF image, or by fork),
 * exit and waitpid, and file descriptor tables.
 */
#define LOG_MODULE "proc"
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "process.h"
#include "../grant/grant.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../mm/heap.h"
#include "../mm/paging.h"
#include "../mm/usermem.h"
#include "../scheme/scheme.h"
#include "../time/clock.h"
#include "namespace.h"
#include "account.h"
#include "signal.h"
#include "reclock.h"

#define USER_MMAP_BASE 0x0000100000000000ULL

_Static_assert(sizeof(struct interrupt_frame) == CONTEXT_USER_FRAME_SIZE, "user frame size");

static struct process *table[MAX_PROCESSES];
static struct spinlock table_lock;
static uint32_t next_pid = 1;

/*
 * Nothing runs without init. Test images end this way on purpose: the
 * exit code goes to QEMU's isa-debug-exit port (a no-op elsewhere).
 */
static _Noreturn void init_exited(int status)
{
	int code = (status >> 8) & 0xFF;
	log_info("init exited with status %x: stopping", (unsigned)status);
	arch_debug_exit((uint8_t)(status & 0x7F ? 0x7F : code));
}

struct process *proc_current(void)
{
	struct context *c = sched_current();
	return c ? c->process : 0;
}

/* table_lock held */
static struct process *hold_locked(uint32_t pid)
{
	KASSERT(spin_held(&table_lock));
	struct process *p = pid < MAX_PROCESSES ? table[pid] : 0;
	if (p)
		__atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED);
	return p;
}

struct process *proc_by_pid(uint32_t pid)
{
	uint64_t f = spin_lock_irqsave(&table_lock);
	struct process *p = hold_locked(pid);
	spin_unlock_irqrestore(&table_lock, f);
	return p;
}

void proc_put(struct process *p)
{
	if (p && __atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		ns_put(p->ns);
		thread_reap(p, true);
		if (p->last && p->last != p->ctx)
			kfree(p->last);
		kfree(p->ctx);
		kfree(p);
	}
}

static struct process *proc_alloc(const char *name)
{
	struct process *p = kzalloc(sizeof *p);
	if (!p)
		return 0;
	p->refs = 1;
	uint64_t f = spin_lock_irqsave(&table_lock);
	for (uint32_t tries = 0; tries < MAX_PROCESSES; tries++) {
		uint32_t pid = next_pid;
		next_pid = next_pid + 1 < MAX_PROCESSES ? next_pid + 1 : 1;
		if (!table[pid]) {
			p->pid = pid;
			table[pid] = p;
			break;
		}
	}
	spin_unlock_irqrestore(&table_lock, f);
	if (!p->pid) {
		kfree(p);
		return 0;
	}
	size_t n = strlen(name);
	if (n >= sizeof p->name)
		n = sizeof p->name - 1;
	memcpy(p->name, name, n);
	memcpy(p->default_scheme, "file", 5);
	memcpy(p->cwd, "file:/", 7);
	p->umask = 022;
	p->mmap_next = USER_MMAP_BASE;
	return p;
}

bool proc_charge_anon(struct process *p, uint64_t pages)
{
	uint64_t limit = rlimit_anon_pages(p);
	if (limit > USER_ANON_LIMIT_PAGES)
		limit = USER_ANON_LIMIT_PAGES;
	if (p->anon_pages > limit || pages > limit - p->anon_pages ||
	    !account_charge(p->acct_uid, ACCOUNT_ANON_PAGES, pages))
		return false;
	p->anon_pages += pages;
	return true;
}

void proc_uncharge_anon(struct process *p, uint64_t pages)
{
	if (pages > p->anon_pages)
		pages = p->anon_pages;
	p->anon_pages -= pages;
	account_uncharge(p->acct_uid, ACCOUNT_ANON_PAGES, pages);
}

int64_t proc_change_account(struct process *p, uint32_t uid)
{
	if (uid == p->acct_uid)
		return 0;
	if (!account_charge(uid, ACCOUNT_PROCS, 1))
		return -EAGAIN;
	if (!account_charge(uid, ACCOUNT_ANON_PAGES, p->anon_pages)) {
		account_uncharge(uid, ACCOUNT_PROCS, 1);
		return -EAGAIN;
	}
	account_uncharge(p->acct_uid, ACCOUNT_PROCS, 1);
	account_uncharge(p->acct_uid, ACCOUNT_ANON_PAGES, p->anon_pages);
	p->acct_uid = uid;
	return 0;
}

static void proc_free(struct process *p)
{
	account_uncharge(p->acct_uid, ACCOUNT_PROCS, 1);
	uint64_t f = spin_lock_irqsave(&table_lock);
	table[p->pid] = 0;
	spin_unlock_irqrestore(&table_lock, f);
	proc_put(p); /* the table's reference */
}

/* First code of a new process's context: drop to user mode through the frame. */
static void enter_user(void *arg)
{
	arch_enter_user(arg);
}

struct context *proc_user_context(uint64_t cr3)
{
	return context_create(enter_user, 0, cr3);
}

void proc_start_user(struct context *c, const struct interrupt_frame *frame)
{
	struct interrupt_frame *top =
	    (struct interrupt_frame *)(c->kstack_top - sizeof(struct interrupt_frame));
	*top = *frame;
	context_set_arg(c, top);
	sched_enqueue(c);
}

int64_t proc_spawn(const char *name, const void *elf, uint64_t size, const char *const *argv,
                   uint32_t ppid)
{
	if (!account_charge(0, ACCOUNT_PROCS, 1))
		return -EAGAIN;
	struct process *p = proc_alloc(name);
	if (!p) {
		account_uncharge(0, ACCOUNT_PROCS, 1);
		return -ENOMEM;
	}
	p->ppid = ppid;
	p->cr3 = paging_new_root();
	int64_t error = -ENOMEM;
	uint64_t entry = p->cr3 ? elf_load_user(p->cr3, elf, size, &error) : 0;
	static const char *const no_env[] = {0};
	rlimit_init(p);
	uint64_t rsp = entry ? user_stack_setup(p->cr3, argv, no_env, rlimit_stack(p)) : 0;
	if (entry && !rsp)
		error = -ENOMEM;
	uint64_t fs_base = rsp ? user_tls_setup(p->cr3, elf, size) : 0;
	if (rsp && !fs_base)
		error = -ENOMEM;
	p->ctx = fs_base ? proc_user_context(p->cr3) : 0;
	if (!p->ctx) {
		if (p->cr3)
			user_free_space(p->cr3);
		proc_free(p);
		return error ? error : -ENOMEM;
	}
	thread_attach_first(p, p->ctx);
	p->ctx->fs_base = fs_base;
	/* stdin, stdout, stderr on the kernel console until init sets up its own */
	struct caller who = {p->pid, 0, 0, 0};
	for (int fd = 0; fd < 3; fd++) {
		struct file *f;
		/* read-write like a terminal getty opens: its attribute handles
		 * (dup "termios") take the access mode of the descriptor */
		if (file_open("debug:", "debug", O_RDWR, &who, &f) == 0)
			fd_install(p, f, false);
	}
	struct interrupt_frame frame;
	arch_user_frame_init(&frame, entry, rsp, 0);
	proc_start_user(p->ctx, &frame);
	return p->pid;
}

int64_t proc_fork(const struct interrupt_frame *frame)
{
	struct process *parent = proc_current();
	/* the child counts against the user (and its RLIMIT_NPROC), and so does
	 * every page it copies */
	if (!account_charge_upto(parent->acct_uid, ACCOUNT_PROCS, 1, rlimit_nproc(parent)))
		return -EAGAIN;
	uint64_t anon = parent->anon_pages;
	if (!account_charge(parent->acct_uid, ACCOUNT_ANON_PAGES, anon)) {
		account_uncharge(parent->acct_uid, ACCOUNT_PROCS, 1);
		return -ENOMEM;
	}
	struct process *p = proc_alloc(parent->name);
	if (!p) {
		account_uncharge(parent->acct_uid, ACCOUNT_PROCS, 1);
		account_uncharge(parent->acct_uid, ACCOUNT_ANON_PAGES, anon);
		return -ENOMEM;
	}
	p->acct_uid = parent->acct_uid;
	p->anon_pages = anon;
	p->ppid = parent->pid;
	p->pgid = parent->pgid;
	p->uid = parent->uid;
	p->gid = parent->gid;
	p->euid = parent->euid;
	p->egid = parent->egid;
	memcpy(p->default_scheme, parent->default_scheme, sizeof p->default_scheme);
	p->ns = ns_get(parent->ns);
	memcpy(p->cwd, parent->cwd, sizeof p->cwd);
	p->umask = parent->umask;
	rlimit_inherit(p, parent);
	memcpy(p->actions, parent->actions, sizeof p->actions);
	p->cr3 = user_clone_space(parent->cr3);
	p->ctx = p->cr3 ? proc_user_context(p->cr3) : 0;
	if (!p->ctx) {
		if (p->cr3)
			user_free_space(p->cr3);
		proc_uncharge_anon(p, p->anon_pages);
		proc_free(p);
		return -ENOMEM;
	}
	thread_attach_first(p, p->ctx);
	/* only the calling thread goes on in the child, with its registers */
	p->ctx->sig_mask = sched_current()->sig_mask;
	arch_user_tls_save(&p->ctx->fs_base, &p->ctx->gs_base);
	arch_fpu_save(p->ctx->fpu_state); /* the parent's live registers */
	uint64_t f = spin_lock_irqsave(&parent->lock);
	for (int i = 0; i < MAX_FILES; i++)
		if (parent->files[i])
			p->files[i] = file_get(parent->files[i]);
	memcpy(p->cloexec, parent->cloexec, sizeof p->cloexec);
	p->mmap_next = parent->mmap_next;
	spin_unlock_irqrestore(&parent->lock, f);
	grant_fork(parent->pid, p->pid);
	struct interrupt_frame child = *frame;
	child.rax = 0;
	proc_start_user(p->ctx, &child);
	return p->pid;
}

static void close_all_files(struct process *p)
{
	for (int i = 0; i < MAX_FILES; i++)
		if (p->files[i]) {
			file_put(p->files[i]);
			p->files[i] = 0;
		}
}

/* The whole thread group ends with this status (exit, a fatal signal, a fault). */
_Noreturn void proc_exit(int status)
{
	struct process *p = proc_current();
	uint64_t f = spin_lock_irqsave(&p->threads_lock);
	if (!p->group_exit) {
		p->group_exit = true;
		p->group_status = status;
	}
	for (struct context *t = p->threads; t; t = t->thread_next)
		if (t != sched_current())
			sched_wake(t); /* out of any sleep; each leaves on its way to user mode */
	spin_unlock_irqrestore(&p->threads_lock, f);
	thread_exit(status);
}

_Noreturn void proc_exit_last(int status)
{
	struct process *p = proc_current();
	close_all_files(p);
	reclock_process_gone(p->pid);
	grant_exit(p->pid);
	/* Leave the address space before freeing it. */
	uint64_t kernel_root = paging_kernel_root();
	arch_space_load(kernel_root);
	sched_current()->cr3 = kernel_root;
	user_free_space(p->cr3);
	p->cr3 = 0;
	proc_uncharge_anon(p, p->anon_pages);
	itimer_cancel(p, false);

	uint64_t f = spin_lock_irqsave(&table_lock);
	struct process *parent = hold_locked(p->ppid); /* kept valid below, unlocked */
	/* Orphans go to init (pid 1). */
	for (uint32_t i = 1; i < MAX_PROCESSES; i++)
		if (table[i] && table[i]->ppid == p->pid)
			table[i]->ppid = 1;
	p->status = status;
	spin_unlock_irqrestore(&table_lock, f);
	if (parent) {
		uint64_t pf = spin_lock_irqsave(&parent->lock);
		p->zombie = true;
		wait_queue_wake_all(&parent->children_changed);
		spin_unlock_irqrestore(&parent->lock, pf);
		signal_send(parent, SIGCHLD);
		proc_put(parent);
	} else {
		p->zombie = true;
	}
	if (p->pid == 1)
		init_exited(status);
	sched_exit_current();
}

int64_t proc_waitpid(int64_t pid, int *status, uint64_t options)
{
	struct process *self = proc_current();
	uint64_t f = spin_lock_irqsave(&self->lock);
	for (;;) {
		bool any_child = false;
		struct process *found = 0;
		/* under table_lock: another parent may reap (and free) its child meanwhile */
		uint64_t tf = spin_lock_irqsave(&table_lock);
		for (uint32_t i = 1; i < MAX_PROCESSES && !found; i++) {
			struct process *c = table[i];
			if (!c || c->ppid != self->pid)
				continue;
			if (pid > 0 && c->pid != (uint64_t)pid)
				continue;
			if (pid == 0 && c->pgid != self->pgid)
				continue;
			if (pid < -1 && c->pgid != (uint64_t)-pid)
				continue;
			any_child = true;
			/* a zombie whose context is still switching out is not ready yet */
			if (c->zombie && thread_all_gone(c))
				found = c;
		}
		spin_unlock_irqrestore(&table_lock, tf);
		if (found) {
			spin_unlock_irqrestore(&self->lock, f);
			*status = found->status;
			int64_t id = found->pid;
			proc_free(found);
			return id;
		}
		if (!any_child) {
			spin_unlock_irqrestore(&self->lock, f);
			return -ECHILD;
		}
		if (options & WNOHANG) {
			spin_unlock_irqrestore(&self->lock, f);
			return 0;
		}
		/* Re-check at least every 10 ms: the stack of a dead child is freed after its
		 * switch. */
		if (!wait_queue_sleep_until(&self->children_changed, &self->lock,
		                            clock_monotonic_ns() + 10000000ULL) &&
		    sched_current()->interrupted) {
			spin_unlock_irqrestore(&self->lock, f);
			return -EINTR;
		}
	}
}

int64_t fd_install_from(struct process *p, struct file *file, uint64_t lowest, bool cloexec)
{
	uint64_t f = spin_lock_irqsave(&p->lock);
	uint64_t limit = rlimit_nofile(p); /* RLIMIT_NOFILE: EMFILE at it */
	for (uint64_t i = lowest; i < limit; i++)
		if (!p->files[i]) {
			p->files[i] = file;
			if (cloexec)
				p->cloexec[i / 64] |= 1ULL << (i % 64);
			else
				p->cloexec[i / 64] &= ~(1ULL << (i % 64));
			spin_unlock_irqrestore(&p->lock, f);
			return (int64_t)i;
		}
	spin_unlock_irqrestore(&p->lock, f);
	return -EMFILE;
}

int64_t fd_install(struct process *p, struct file *file, bool cloexec)
{
	return fd_install_from(p, file, 0, cloexec);
}

void fd_replace(struct process *p, uint64_t fd, struct file *file)
{
	uint64_t f = spin_lock_irqsave(&p->lock);
	struct file *old = p->files[fd];
	p->files[fd] = file;
	p->cloexec[fd / 64] &= ~(1ULL << (fd % 64));
	spin_unlock_irqrestore(&p->lock, f);
	if (old) {
		reclock_file_closed(p, old);
		file_put(old);
	}
}

bool fd_get_check(struct process *p, uint64_t fd)
{
	return fd < MAX_FILES && p->files[fd];
}

bool fd_cloexec(struct process *p, uint64_t fd)
{
	return p->cloexec[fd / 64] & (1ULL << (fd % 64));
}

void fd_set_cloexec(struct process *p, uint64_t fd, bool on)
{
	uint64_t f = spin_lock_irqsave(&p->lock);
	if (on)
		p->cloexec[fd / 64] |= 1ULL << (fd % 64);
	else
		p->cloexec[fd / 64] &= ~(1ULL << (fd % 64));
	spin_unlock_irqrestore(&p->lock, f);
}

struct file *fd_get(struct process *p, uint64_t fd)
{
	if (fd >= MAX_FILES)
		return 0;
	uint64_t f = spin_lock_irqsave(&p->lock);
	struct file *file = p->files[fd] ? file_get(p->files[fd]) : 0;
	spin_unlock_irqrestore(&p->lock, f);
	return file;
}

int64_t fd_close(struct process *p, uint64_t fd)
{
	if (fd >= MAX_FILES)
		return -EBADF;
	uint64_t f = spin_lock_irqsave(&p->lock);
	struct file *file = p->files[fd];
	p->files[fd] = 0;
	spin_unlock_irqrestore(&p->lock, f);
	if (!file)
		return -EBADF;
	reclock_file_closed(p, file);
	file_put(file);
	return 0;
}

/* A fault in user mode: log why, and end only that process. */
bool user_exception(struct interrupt_frame *frame, const char *name, int signal)
{
	struct process *p = proc_current();
	if (!p)
		return false;
	uint64_t cr2 = arch_fault_address();
	log_error("process %u (%s) killed: %s at rip %llx, address %llx, error %llx", p->pid,
	          p->name, name, (unsigned long long)frame->rip, (unsigned long long)cr2,
	          (unsigned long long)frame->error);
	arch_irq_enable();
	proc_exit(WAIT_SIGNALED(signal));
}

void proc_init(void)
{
	log_info("process table: %u slots", MAX_PROCESSES);
}
