/*
 * Syscall MSRs, written on every CPU at start-up: EFER.SCE on, STAR with
 * the kernel selectors (0x08) and the sysret base (0x1B -> user code 0x2B,
 * user data 0x23), LSTAR = syscall_entry, FMASK = 0x40FD5 (clear IF, DF,
 * TF, AC and the arithmetic flags on entry).
 */
#include "cpu.h"
#include "../arch.h"
#include "../../sched/sched.h"

extern void syscall_entry(void);

#define STAR_VALUE  0x001B000800000000ULL
#define FMASK_VALUE 0x40FD5ULL

void syscall_cpu_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | 1);
	wrmsr(MSR_STAR, STAR_VALUE);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, FMASK_VALUE);
}
