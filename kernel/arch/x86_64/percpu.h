/*
 * Per-CPU data, reached through GS (the kernel's GS base points at the
 * CPU's struct cpu; swapgs exchanges it with the user's on every kernel
 * entry from user mode). The first fields have fixed offsets because the
 * syscall entry stub (syscall.asm) uses them.
 */
#ifndef KERNEL_ARCH_X86_64_PERCPU_H
#define KERNEL_ARCH_X86_64_PERCPU_H

#include <stdint.h>

#include "acpi.h"
#include "gdt.h"

struct context;

struct cpu {
	struct cpu *self;          /* gs:0 */
	uint64_t kernel_stack_top; /* gs:8: the current context's kernel stack */
	uint64_t user_rsp;         /* gs:16: user rsp while the syscall entry runs */
	uint32_t index;
	uint32_t apic_id;
	struct context *current;
	struct context *idle;
	uint64_t ticks;
	volatile int online;
	struct gdt gdt;
	struct tss tss;
};

#define CPU_OFFSET_KERNEL_STACK 8
#define CPU_OFFSET_USER_RSP     16

extern struct cpu cpus[MAX_CPUS];
extern uint32_t cpu_count;

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(c));
	return c;
}

/* Load GDT/TSS/IDT and GS for this CPU (BSP and APs). */
void cpu_setup(struct cpu *cpu);
/* CR0.WP, SMEP, SMAP on this CPU (protect.c). */
void cpu_protect_init(struct cpu *cpu);
/* The FPU/SSE state a fresh program starts with (fpu.c). */
void fpu_init_cpu(void);
/* The syscall MSRs on this CPU (syscall.c). */
void syscall_cpu_init(void);
/* Start every other CPU the MADT lists; returns how many are online. */
uint32_t smp_start_aps(void);

#endif
