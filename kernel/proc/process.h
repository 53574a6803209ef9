/*
 * Processes: an address space, open files, credentials, signal actions,
 * and the contexts (threads) that run them: `ctx` is the first, `threads`
 * lists the live ones (proc/thread.c). Process ids index a global table.
 */
#ifndef KERNEL_PROC_PROCESS_H
#define KERNEL_PROC_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include <redox/abi/resource.h>
#include <redox/abi/signal.h>
#include <redox/abi/types.h>

#include "../lib/spinlock.h"
#include "../sched/sched.h"

#define MAX_PROCESSES 1024
#define MAX_FILES     256

struct file;

/* A timer (itimer.c): ITIMER_REAL, or one of timer_create's. While armed
 * it is on the tick's list and holds a reference to its owner. */
struct ktimer {
	struct process *owner;
	struct ktimer *next;   /* the armed list */
	uint64_t at, interval; /* when it fires next (monotonic ns), the period (0: once) */
	bool armed;
	int sig;           /* sent when it fires; 0: none (SIGEV_NONE) */
	int clock;         /* CLOCK_REALTIME or CLOCK_MONOTONIC */
	int overrun;       /* expirations while its signal was still pending */
	uint32_t acct_uid; /* whose kernel-buffer account holds it */
};
struct scheme_ns;
struct interrupt_frame;

struct process {
	uint32_t pid, ppid, pgid;
	uint32_t uid, gid, euid, egid;
	char name[64];
	uint64_t cr3;
	struct context *ctx;          /* the first thread; lives until the last put */
	struct spinlock threads_lock; /* threads, nthreads, dead, group exit */
	struct context *threads;      /* live threads, linked by thread_next */
	struct context *dead;         /* exited threads whose stacks may be in use yet */
	struct context *last;         /* the thread that ended the process */
	uint32_t nthreads;
	bool group_exit;  /* exit of the whole group: every thread leaves at its next chance */
	int group_status; /* the wait status it ends with */
	struct context *execing; /* exec: every other thread leaves */
	struct spinlock lock;    /* files, cloexec, mmap_next */
	struct file *files[MAX_FILES];
	uint64_t cloexec[MAX_FILES / 64];
	char default_scheme[32];
	struct scheme_ns *ns; /* the schemes it may open; NULL: all (namespace.h) */
	char cwd[256];        /* "scheme:/path": where relative paths start */
	uint32_t umask;
	uint64_t sig_pending; /* sent to the process; masks are per thread */
	struct redox_sigaction actions[NSIG];
	uint64_t mmap_next;
	uint64_t anon_pages; /* mapped through FMAP, against USER_ANON_LIMIT_PAGES */
	int status;          /* wait status once a zombie */
	bool zombie;
	struct wait_queue children_changed;
	/* ITIMER_REAL and POSIX timers (itimer.c); under itimer.c's lock */
	struct ktimer alarm;                    /* ITIMER_REAL (SIGALRM) */
	struct ktimer *timers[REDOX_TIMER_MAX]; /* timer_create's ids */
	/* resource limits (rlimit.c): fork copies them, exec keeps them */
	struct redox_rlimit rlimits[RLIMIT_NLIMITS];
	uint64_t cpu_ticks; /* timer ticks it ran (all threads): RLIMIT_CPU */
	int refs;           /* the table's one, plus one per proc_by_pid holder */
	uint32_t acct_uid;  /* whose account (account.h) holds this process and its memory */
};

void proc_init(void);
struct process *proc_current(void);
/* The process with this pid with a reference held (give it back with
 * proc_put), or NULL. A reaped process stays valid until the last put. */
struct process *proc_by_pid(uint32_t pid);
void proc_put(struct process *p);
/* Anonymous memory: charge `pages` to p and its user (false: over a limit). */
bool proc_charge_anon(struct process *p, uint64_t pages);
void proc_uncharge_anon(struct process *p, uint64_t pages);
/* The real uid changes: move p's charges to the new user (-EAGAIN at its limit). */
int64_t proc_change_account(struct process *p, uint32_t uid);

/* Start a program from an ELF image in kernel memory as a new process. */
int64_t proc_spawn(const char *name, const void *elf, uint64_t size, const char *const *argv,
                   uint32_t ppid);
/* fork: a copy of the current process resuming from `frame` with rax = 0. */
int64_t proc_fork(const struct interrupt_frame *frame);
/* End the current process with a wait status (see W* encodings in proc.c). */
_Noreturn void proc_exit(int status);
/* Wait for a child; returns its pid, 0 with WNOHANG and none ready, or -errno. */
int64_t proc_waitpid(int64_t pid, int *status, uint64_t options);

/* A context that enters user mode through the frame proc_start_user gives it. */
struct context *proc_user_context(uint64_t cr3);
void proc_start_user(struct context *c, const struct interrupt_frame *frame);

/* thread.c: threads of one process (docs/threads.md) */
#define MAX_THREADS 128
/* Make c the process's first thread (spawn, fork). */
void thread_attach_first(struct process *p, struct context *c);
/* End the calling thread; the last one ends the process (proc_exit_last). */
_Noreturn void thread_exit(int status);
/* Should the current thread leave now (group exit, another thread's exec)? */
bool thread_must_leave(struct context *c);
/* exec: end every other thread; returns once it is the only one. */
int64_t thread_end_others(struct process *p);
/* Are all of p's contexts off their stacks (waitpid may free it)? */
bool thread_all_gone(struct process *p);
/* Free p's dead contexts that no CPU uses any more (all: at the last put). */
void thread_reap(struct process *p, bool all);
/* The current process's last thread ends it: files, memory, zombie. */
_Noreturn void proc_exit_last(int status);

/* itimer.c: send due timer signals (the boot CPU's timer tick); at exit
 * and exec, delete the process's timers (ITIMER_REAL survives exec). */
void itimer_tick(void);
void itimer_cancel(struct process *p, bool exec);

/* rlimit.c: resource limits (redox/abi/resource.h) */
void rlimit_init(struct process *p); /* the defaults (spawn) */
void rlimit_inherit(struct process *child, const struct process *parent);
uint64_t rlimit_cur(const struct process *p, int resource);
/* Descriptors p may hold now (RLIMIT_NOFILE, at most MAX_FILES). */
uint64_t rlimit_nofile(const struct process *p);
/* Main stack bytes a program gets at exec (RLIMIT_STACK, floor to ceiling). */
uint64_t rlimit_stack(const struct process *p);
/* Processes the user may hold before fork gives EAGAIN (none for root). */
uint64_t rlimit_nproc(const struct process *p);
/* Anonymous memory pages p may hold (RLIMIT_AS and RLIMIT_DATA). */
uint64_t rlimit_anon_pages(const struct process *p);
/* A timer tick while p ran: RLIMIT_CPU's SIGXCPU and SIGKILL. */
void rlimit_cpu_tick(struct process *p);

/* File descriptors */
int64_t fd_install(struct process *p, struct file *f, bool cloexec);
/* The lowest free descriptor >= lowest (F_DUPFD). */
int64_t fd_install_from(struct process *p, struct file *f, uint64_t lowest, bool cloexec);
/* Put f at fd, closing what was there (dup2). */
void fd_replace(struct process *p, uint64_t fd, struct file *f);
bool fd_get_check(struct process *p, uint64_t fd);
bool fd_cloexec(struct process *p, uint64_t fd);
void fd_set_cloexec(struct process *p, uint64_t fd, bool on);
struct file *fd_get(struct process *p, uint64_t fd); /* a reference, or NULL */
int64_t fd_close(struct process *p, uint64_t fd);

/* Wait status encodings (POSIX-style, as relibc-c's sys/wait.h reads them). */
#define WAIT_EXITED(code)  (((code)&0xFF) << 8)
#define WAIT_SIGNALED(sig) ((sig)&0x7F)

/* exec.c: how many bytes from the start of an ELF file the two below read
 * (its loaded segments, TLS image and program headers, not its symbols
 * or debug sections), judged from the first head_len bytes. */
uint64_t elf_needed_size(const void *head, uint64_t head_len, uint64_t file_size);
/* exec.c: load an ELF into address space `root`; returns entry or 0 on error. */
uint64_t elf_load_user(uint64_t root, const void *image, uint64_t size, int64_t *error);
/* Map TLS for the first thread; returns the FS base (the TCB) or 0. */
uint64_t user_tls_setup(uint64_t root, const void *image, uint64_t size);
/* Build the initial user stack (argc, argv, envp, auxv); returns rsp or 0. */
uint64_t user_stack_setup(uint64_t root, const char *const *argv, const char *const *envp,
                          uint64_t stack_size);

#endif
