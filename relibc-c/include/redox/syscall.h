/*
 * Raw Redox system calls for programs that want them (the seed's
 * "syscall library"): syscall0..syscall5 put the number in rax and the
 * arguments in rdi, rsi, rdx, r10, r8; rcx and r11 are clobbered; the
 * result comes back in rax. redox_demux() splits a result into a value or
 * an error number. The SYS_* numbers come from the shared ABI list.
 */
#ifndef _RELIBC_REDOX_SYSCALL_H
#define _RELIBC_REDOX_SYSCALL_H

#include <stdint.h>
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
