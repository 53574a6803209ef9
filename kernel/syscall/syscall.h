/*
 * The syscall layer: the dispatcher decodes a call's class bits, checks
 * its buffers against the caller's address space, and calls the handler
 * named in abi/include/redox/abi/syscall_list.h (sys_<name>). A handler
 * that does not exist yet is ENOSYS.
 */
#ifndef KERNEL_SYSCALL_SYSCALL_H
#define KERNEL_SYSCALL_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

struct interrupt_frame;
struct process;

struct syscall_args {
	uint64_t number;
	uint64_t a, b, c, d, e, f; /* rdi rsi rdx r10 r8 r9 */
	struct interrupt_frame *frame;
	struct process *process;
	/* PATH-class calls: the path (a, b) copied in, NUL-terminated */
	char *path;
	/* LINK / FRENAME: the second path */
	char *path2;
	/* a later piece of a large read: it must not wait for more data */
	bool nonblock;
};

/* Each handler's typed parameters, from the list's argument kinds
 * (redox/abi/syscall_args.h): sys_read(args, uint64_t fd, void *buf,
 * uint64_t len). args still carries the caller and the copied paths. */
#define KPARAM_fd(n)    , uint64_t n
#define KPARAM_int(n)   , int64_t n
#define KPARAM_i64(n)   , int64_t n
#define KPARAM_u64(n)   , uint64_t n
#define KPARAM_size(n)  , uint64_t n
#define KPARAM_path(n)  , const char *n
#define KPARAM_path2(n) , const char *n
#define KPARAM_plen(n)
#define KPARAM_in(n)              , const void *n
#define KPARAM_out(n)             , void *n
#define KPARAM_uin(n)             , uint64_t n
#define KPARAM_uout(n)            , uint64_t n
#define SYSCALL_PARAM(kind, n, r) KPARAM_##kind(n)
#define X(NAME, name, number, count, ...)                                                          \
	int64_t sys_##name(struct syscall_args *args REDOX_ARGS_##count(                           \
	    SYSCALL_PARAM, REDOX_NOSEP, ##__VA_ARGS__));
#include <redox/abi/syscall_args.h>
#include <redox/abi/syscall_list.h>
#undef X

/* futex.c: wake up to n sleepers on the u32 at user address addr of space root. */
int64_t futex_wake_user(uint64_t root, uint64_t addr, int64_t n);
/* Is [addr, addr+len) the caller's memory (writable if asked)? */
int user_buffer_ok(struct syscall_args *args, uint64_t addr, uint64_t len, int write);
/* For calls outside the PATH class that take a path: copy it in and make
 * it absolute; the dispatcher frees *out (store it in args->path). */
int64_t syscall_copy_path(struct syscall_args *args, uint64_t addr, uint64_t len, char **out);

#endif
