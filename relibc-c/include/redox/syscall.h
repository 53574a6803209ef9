/*
 * Raw Redox system calls for programs that want them (the seed's
 * "syscall library"): syscall0..syscall5 put the number in rax and the
 * arguments in rdi, rsi, rdx, r10, r8; rcx and r11 are clobbered; the
 * result comes back in rax. redox_demux() splits a result into a value or
 * an error number. The SYS_* numbers come from the shared ABI list.
 */
#ifndef _RELIBC_REDOX_SYSCALL_H
#define _RELIBC_REDOX_SYSCALL_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi/syscall_args.h>
#include <redox/abi/syscall.h>
#include <redox/abi/errno.h>

static inline uint64_t syscall0(uint64_t n)
{
	uint64_t r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
	return r;
}

static inline uint64_t syscall1(uint64_t n, uint64_t a)
{
	uint64_t r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a) : "rcx", "r11", "memory");
	return r;
}

static inline uint64_t syscall2(uint64_t n, uint64_t a, uint64_t b)
{
	uint64_t r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return r;
}

static inline uint64_t syscall3(uint64_t n, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t r;
	__asm__ volatile("syscall"
	                 : "=a"(r)
	                 : "a"(n), "D"(a), "S"(b), "d"(c)
	                 : "rcx", "r11", "memory");
	return r;
}

static inline uint64_t syscall4(uint64_t n, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	uint64_t r;
	register uint64_t r10 __asm__("r10") = d;
	__asm__ volatile("syscall"
	                 : "=a"(r)
	                 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
	                 : "rcx", "r11", "memory");
	return r;
}

static inline uint64_t syscall5(uint64_t n, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                uint64_t e)
{
	uint64_t r;
	register uint64_t r10 __asm__("r10") = d;
	register uint64_t r8 __asm__("r8") = e;
	__asm__ volatile("syscall"
	                 : "=a"(r)
	                 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
	                 : "rcx", "r11", "memory");
	return r;
}

/*
 * redox_sys_<name>(...): one raw wrapper per call of the shared list
 * (redox/abi/syscall_list.h), with the argument names and C types the
 * list gives (kinds in redox/abi/syscall_args.h). Each returns the
 * kernel's raw result, to be split by redox_demux(): no errno here.
 */
#define __REDOX_UTYPE_fd    int
#define __REDOX_UTYPE_int   int
#define __REDOX_UTYPE_i64   int64_t
#define __REDOX_UTYPE_u64   uint64_t
#define __REDOX_UTYPE_size  size_t
#define __REDOX_UTYPE_path  const char *
#define __REDOX_UTYPE_path2 const char *
#define __REDOX_UTYPE_plen  size_t
#define __REDOX_UTYPE_in    const void *
#define __REDOX_UTYPE_out   void *
#define __REDOX_UTYPE_uin   const void *
#define __REDOX_UTYPE_uout  void *
/* numbers are sign-extended into the register, pointers passed as addresses */
#define __REDOX_UREG_fd(n)              (uint64_t)(int64_t)(n)
#define __REDOX_UREG_int(n)             (uint64_t)(int64_t)(n)
#define __REDOX_UREG_i64(n)             (uint64_t)(n)
#define __REDOX_UREG_u64(n)             (n)
#define __REDOX_UREG_size(n)            (uint64_t)(n)
#define __REDOX_UREG_path(n)            (uint64_t)(uintptr_t)(n)
#define __REDOX_UREG_path2(n)           (uint64_t)(uintptr_t)(n)
#define __REDOX_UREG_plen(n)            (uint64_t)(n)
#define __REDOX_UREG_in(n)              (uint64_t)(uintptr_t)(n)
#define __REDOX_UREG_out(n)             (uint64_t)(uintptr_t)(n)
#define __REDOX_UREG_uin(n)             (uint64_t)(uintptr_t)(n)
#define __REDOX_UREG_uout(n)            (uint64_t)(uintptr_t)(n)
#define __REDOX_UPARAM(kind, name, reg) __REDOX_UTYPE_##kind name
#define __REDOX_UARG(kind, name, reg)   , __REDOX_UREG_##kind(name)
#define __REDOX_UPARAMS_0(...)          void
#define __REDOX_UPARAMS_1(...)          REDOX_ARGS_1(__REDOX_UPARAM, REDOX_COMMA, __VA_ARGS__)
#define __REDOX_UPARAMS_2(...)          REDOX_ARGS_2(__REDOX_UPARAM, REDOX_COMMA, __VA_ARGS__)
#define __REDOX_UPARAMS_3(...)          REDOX_ARGS_3(__REDOX_UPARAM, REDOX_COMMA, __VA_ARGS__)
#define __REDOX_UPARAMS_4(...)          REDOX_ARGS_4(__REDOX_UPARAM, REDOX_COMMA, __VA_ARGS__)
#define __REDOX_UPARAMS_5(...)          REDOX_ARGS_5(__REDOX_UPARAM, REDOX_COMMA, __VA_ARGS__)
#define X(NAME, name, number, count, ...)                                                          \
	static inline uint64_t redox_sys_##name(__REDOX_UPARAMS_##count(__VA_ARGS__))              \
	{                                                                                          \
		return syscall##count(                                                             \
		    SYS_##NAME REDOX_ARGS_##count(__REDOX_UARG, REDOX_NOSEP, ##__VA_ARGS__));      \
	}
#include <redox/abi/syscall_list.h>
#undef X

/* A result is an error when it is -errno for a known errno. */
static inline int redox_is_error(uint64_t result)
{
	return result >= (uint64_t)-REDOX_ERRNO_MAX;
}

/* The value, or -1 with *error set (the C form of Redox's Result<usize>). */
static inline int64_t redox_demux(uint64_t result, int *error)
{
	if (redox_is_error(result)) {
		*error = (int)-(int64_t)result;
		return -1;
	}
	return (int64_t)result;
}

/* SYS_HELLOWORLD: the kernel prints "SYS_HELLOWORLD: Hello, world!". 0, or -1 and errno. */
int helloworld(void);

/* SYS_FPATH: the "scheme:reference" name of an open file (not terminated); its length, or -1. */
long fpath(int fd, char *buf, unsigned long len);

#endif
