/*
 * Cancellation points' system calls (cancel.c, cancel.S). redox_cp_<name>
 * is redox_sys_<name> made a cancellation point: a request that is due
 * before the call enters the kernel, or that cuts its sleep short (EINTR),
 * ends the thread there; one that comes once the call is done waits for
 * the next point. __relibc_syscall_cp_raw returns -ECANCELED instead, for
 * callers that must put something right first.
 */
#ifndef RELIBC_PLATFORM_CANCEL_H
#define RELIBC_PLATFORM_CANCEL_H

#include <signal.h>
#include <redox/syscall.h>

#include "internal/thread.h"

/* The signal pthread_cancel sends (reserved: README.md, hidden from masks). */
#define SIGCANCEL     SIGSTKFLT
#define SIGCANCEL_BIT (1UL << SIGCANCEL)

uint64_t __relibc_syscall_cp(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                             uint64_t e);
uint64_t __relibc_syscall_cp_raw(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                 uint64_t e);
/* 1 when a -ECANCELED from __relibc_syscall_cp_raw means: act now. */
int __relibc_cancel_due(uint64_t result);

#define __RELIBC_CP_PAD_0 , 0, 0, 0, 0, 0
#define __RELIBC_CP_PAD_1 , 0, 0, 0, 0
#define __RELIBC_CP_PAD_2 , 0, 0, 0
#define __RELIBC_CP_PAD_3 , 0, 0
#define __RELIBC_CP_PAD_4 , 0
#define __RELIBC_CP_PAD_5
#define X(NAME, name, number, count, ...)                                                          \
	static inline __attribute__((unused))                                                      \
	uint64_t redox_cp_##name(__REDOX_UPARAMS_##count(__VA_ARGS__))                             \
	{                                                                                          \
		return __relibc_syscall_cp(SYS_##NAME REDOX_ARGS_##count(                          \
		    __REDOX_UARG, REDOX_NOSEP, ##__VA_ARGS__) __RELIBC_CP_PAD_##count);            \
	}
#include <redox/abi/syscall_list.h>
#undef X

#endif
