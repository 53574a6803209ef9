/*
 * Threads on Redox. pthread_create maps one region per thread (guard
 * page, stack, the static TLS block copied from the executable's PT_TLS
 * segment, the TCB, struct __pthread) and starts it with
 * SYS_CLONE_THREAD; join sleeps on the word the kernel zeroes once the
 * thread has left user mode; detached threads' regions are freed by a
 * later create. pthread_exit runs the cleanup handlers, then the keys'
 * destructors. Also the hooks of internal/thread.h (self, futex),
 * pthread_kill, pthread_sigmask and pthread_atfork. docs/threads.md.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <redox/abi/elf.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "internal/internal.h"
#include "internal/thread.h"
#include "cancel.h"
#include "sys.h"

/* The kernel's exec lays the first TCB out the same way: word 0 points to
 * the TCB itself, word 1 (ours) to the struct __pthread. */
#define TCB_SIZE 64
#define PAGE     4096UL

/* The linker's name for the ELF header when it is mapped (it is, in our
 * static executables: the first segment starts at offset 0). */
extern const struct elf64_header __ehdr_start __attribute__((weak, visibility("hidden")));

static struct __pthread first_thread;
static int live_threads = 1;
static struct __pthread *zombies; /* detached threads that ended */
static __relibc_spinlock zombie_lock;

static uintptr_t round_up(uintptr_t v, uintptr_t a)
{
	return (v + a - 1) / a * a;
}

struct __pthread *__relibc_thread_self(void)
{
	struct __pthread *t;
	__asm__("mov %%fs:8, %0" : "=r"(t));
	if (__builtin_expect(!t, 0)) {
		/* the first thread, whose TCB the kernel made at exec */
		t = &first_thread;
		t->self = t;
		t->tid = (int)redox_sys_gettid();
		t->live = 1;
		__asm__ volatile("mov %0, %%fs:8" : : "r"(t) : "memory");
	}
	return t;
}

/* A futex wait; `cp`: a cancellation point (ECANCELED when a request is due). */
static int futex_wait(volatile int *addr, int val, const struct timespec *abstime, int clock,
                      int cp)
{
	struct redox_timespec rel, *relp = 0;
	if (abstime) {
		struct timespec now;
		if (clock_gettime(clock, &now) < 0)
			return EINVAL;
		long sec = abstime->tv_sec - now.tv_sec, nsec = abstime->tv_nsec - now.tv_nsec;
		if (nsec < 0) {
			nsec += 1000000000L;
			sec--;
		}
		if (sec < 0)
			return ETIMEDOUT;
		rel.tv_sec = sec;
		rel.tv_nsec = (int32_t)nsec;
		relp = &rel;
	}
	uint64_t a = (uint64_t)(uintptr_t)addr, v = (uint64_t)(unsigned)val;
	uint64_t r =
	    cp ? __relibc_syscall_cp_raw(SYS_FUTEX, a, FUTEX_WAIT, v, (uint64_t)(uintptr_t)relp, 0)
	       : redox_sys_futex(a, FUTEX_WAIT, v, relp);
	if (cp && __relibc_cancel_due(r))
		return ECANCELED;
	int error = 0;
	return redox_demux(r, &error) < 0 ? error : 0;
}

int __relibc_futex_wait(volatile int *addr, int val, const struct timespec *abstime, int clock)
{
	return futex_wait(addr, val, abstime, clock, 0);
}

int __relibc_futex_wait_cp(volatile int *addr, int val, const struct timespec *abstime, int clock)
{
	return futex_wait(addr, val, abstime, clock, 1);
}

void __relibc_futex_wake(volatile int *addr, int n)
{
	redox_sys_futex((uint64_t)(uintptr_t)addr, FUTEX_WAKE, (uint64_t)n, 0);
}

/* The executable's TLS image (none: an empty block). */
static const struct elf64_phdr *tls_segment(void)
{
	if (!&__ehdr_start)
		return 0;
	const struct elf64_phdr *ph =
	    (const struct elf64_phdr *)((const char *)&__ehdr_start + __ehdr_start.phoff);
	for (int i = 0; i < __ehdr_start.phnum; i++)
		if (ph[i].type == PT_TLS)
			return &ph[i];
	return 0;
}

/* Free the regions of detached threads the kernel has let go of. */
static void reap_zombies(void)
{
	__relibc_lock(&zombie_lock);
	for (struct __pthread **z = &zombies; *z;) {
		struct __pthread *t = *z;
		if (!__atomic_load_n(&t->live, __ATOMIC_ACQUIRE)) {
			*z = t->next_zombie;
			munmap(t->map, t->map_size);
		} else {
			z = &t->next_zombie;
		}
	}
	__relibc_unlock(&zombie_lock);
}

static __relibc_noreturn void thread_start(struct __pthread *t)
{
	__atomic_store_n(&t->tid, (int)redox_sys_gettid(), __ATOMIC_RELAXED);
	pthread_exit(t->start(t->arg));
}

int pthread_create(pthread_t *restrict out, const pthread_attr_t *restrict attr,
                   void *(*start)(void *), void *restrict arg)
{
	pthread_attr_t def;
	if (!attr) {
		pthread_attr_init(&def);
		attr = &def;
	}
	reap_zombies();
	const struct elf64_phdr *tls = tls_segment();
	uintptr_t align = tls && tls->align > 16 ? tls->align : 16;
	/* the linker's layout (x86_64 variant II): the block ends at the TCB */
	uintptr_t block = tls ? round_up(tls->memsz, tls->align ? tls->align : 1) : 0;
	bool own_stack = attr->__stackaddr == 0;
	size_t stack = own_stack ? round_up(attr->__stacksize, PAGE) : 0;
	size_t guard = own_stack ? round_up(attr->__guardsize, PAGE) : 0;
	size_t meta = round_up(block + align + TCB_SIZE + sizeof(struct __pthread), PAGE);
	size_t size = guard + stack + meta;
	char *map = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return EAGAIN;
	if (guard && mprotect(map, guard, PROT_NONE) < 0) {
		munmap(map, size);
		return EAGAIN;
	}
	char *top = own_stack ? map + guard + stack : (char *)attr->__stackaddr + attr->__stacksize;
	uintptr_t tcb = round_up((uintptr_t)(map + guard + stack) + block, align);
	if (tls && tls->filesz)
		memcpy((void *)(tcb - block), (const void *)tls->vaddr, tls->filesz);
	struct __pthread *t = (struct __pthread *)(tcb + TCB_SIZE);
	((uintptr_t *)tcb)[0] = tcb;
	((uintptr_t *)tcb)[1] = (uintptr_t)t;
	t->self = t;
	t->start = start;
	t->arg = arg;
	t->map = map;
	t->map_size = size;
	t->live = 1;
	t->state = attr->__detach ? THREAD_DETACHED : THREAD_JOINABLE;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
	struct redox_clone_args ca = {
	    (uint64_t)thread_start, (uint64_t)t, (uint64_t)top, tcb, (uint64_t)&t->live, 0};
	int error = 0;
	int64_t tid = redox_demux(redox_sys_clone_thread(&ca), &error);
	if (tid < 0) {
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
		munmap(map, size);
		return error == ENOMEM ? EAGAIN : error;
	}
	__atomic_store_n(&t->tid, (int)tid, __ATOMIC_RELAXED);
	*out = (pthread_t)t;
	return 0;
}

void pthread_exit(void *result)
{
	struct __pthread *t = __relibc_thread_self();
	/* no cancellation while the handlers and destructors run */
	__atomic_fetch_or(&t->cancel, CANCEL_OFF, __ATOMIC_SEQ_CST);
	__relibc_cleanup_run(t);
	__relibc_keys_run(t);
	t->result = result;
	/* the last thread out ends the process as exit(0) would */
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0)
		exit(0);
	int joinable = THREAD_JOINABLE;
	if (!__atomic_compare_exchange_n(&t->state, &joinable, THREAD_EXITED, 0, __ATOMIC_ACQ_REL,
	                                 __ATOMIC_ACQUIRE) &&
	    t->map) {
		/* detached: a later create frees the region once the kernel is done with it */
		__relibc_lock(&zombie_lock);
		t->next_zombie = zombies;
		zombies = t;
		__relibc_unlock(&zombie_lock);
	}
	for (;;)
		redox_sys_exit_thread(0);
}

pthread_t pthread_self(void)
{
	return (pthread_t)__relibc_thread_self();
}

/* Wait until the kernel has let go of t (its stack is then ours to free);
 * `cp`: as a cancellation point (join), where t stays joinable. */
static void wait_gone(struct __pthread *t, int cp)
{
	int live;
	while ((live = __atomic_load_n(&t->live, __ATOMIC_ACQUIRE)))
		if (futex_wait(&t->live, live, 0, CLOCK_MONOTONIC, cp) == ECANCELED)
			__relibc_cancel_act();
}

int pthread_join(pthread_t th, void **result)
{
	struct __pthread *t = (struct __pthread *)th;
	if (t == __relibc_thread_self())
		return EDEADLK;
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == THREAD_DETACHED || !t->map)
		return EINVAL;
	pthread_testcancel();
	wait_gone(t, 1);
	if (result)
		*result = t->result;
	munmap(t->map, t->map_size);
	return 0;
}

int pthread_detach(pthread_t th)
{
	struct __pthread *t = (struct __pthread *)th;
	int state = THREAD_JOINABLE;
	if (__atomic_compare_exchange_n(&t->state, &state, THREAD_DETACHED, 0, __ATOMIC_ACQ_REL,
	                                __ATOMIC_ACQUIRE))
		return 0;
	if (state != THREAD_EXITED || !t->map)
		return EINVAL;
	wait_gone(t, 0); /* it ended already: free it as join would */
	munmap(t->map, t->map_size);
	return 0;
}

int pthread_kill(pthread_t th, int sig)
{
	struct __pthread *t = (struct __pthread *)th;
	if (sig == SIGCANCEL)
		return EINVAL; /* the library's own */
	int error = 0;
	redox_demux(redox_sys_tkill(t->tid, sig), &error);
	return error;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	return sigprocmask(how, set, old) < 0 ? errno : 0;
}

#define ATFORK_MAX 32
static struct {
	void (*prepare)(void), (*parent)(void), (*child)(void);
} atfork[ATFORK_MAX];
static int atfork_count;
static __relibc_spinlock atfork_lock;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	__relibc_lock(&atfork_lock);
	if (atfork_count == ATFORK_MAX) {
		__relibc_unlock(&atfork_lock);
		return ENOMEM;
	}
	atfork[atfork_count].prepare = prepare;
	atfork[atfork_count].parent = parent;
	atfork[atfork_count].child = child;
	atfork_count++;
	__relibc_unlock(&atfork_lock);
	return 0;
}

/* fork (process.c): prepare handlers in reverse order, the others in order. */
void __relibc_fork_prepare(void)
{
	for (int i = atfork_count - 1; i >= 0; i--)
		if (atfork[i].prepare)
			atfork[i].prepare();
}

void __relibc_fork_after(int child)
{
	if (child) {
		/* only the calling thread goes on in the child, without the
		 * parent's pending cancellation request */
		__relibc_thread_self()->tid = (int)redox_sys_gettid();
		__atomic_fetch_and(&__relibc_thread_self()->cancel, ~CANCEL_REQUESTED,
		                   __ATOMIC_SEQ_CST);
		live_threads = 1;
		zombies = 0;
	}
	for (int i = 0; i < atfork_count; i++) {
		void (*f)(void) = child ? atfork[i].child : atfork[i].parent;
		if (f)
			f();
	}
}
