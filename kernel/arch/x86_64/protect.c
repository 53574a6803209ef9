/*
 * CPU protections, on every CPU before anything runs in user mode:
 * CR0.WP (the kernel cannot write read-only pages either, so copy_to_user
 * into a read-only page fails), SMEP (the kernel never executes user
 * pages) and SMAP (the kernel touches user pages only inside the copy
 * routines' stac/clac window, usercopy.asm), when CPUID has them. NX is
 * EFER.NXE (paging.c, and the trampoline for the APs).
 */
#define LOG_MODULE "arch::x86_64::protect"
#include <stdbool.h>

#include "cpu.h"
#include "percpu.h"
#include "../../lib/log.h"

#define CR0_WP   (1ULL << 16)
#define CR4_SMEP (1ULL << 20)
#define CR4_SMAP (1ULL << 21)

extern uint8_t cpu_smap_on; /* usercopy.asm */

static void cpuid7(uint32_t *ebx)
{
	uint32_t a = 0, max, b, c, d;
	__asm__ volatile("cpuid" : "=a"(max), "=b"(b), "=c"(c), "=d"(d) : "a"(a));
	*ebx = 0;
	if (max >= 7) {
		__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
		*ebx = b;
	}
}

void cpu_protect_init(struct cpu *cpu)
{
	uint64_t cr0, cr4, efer = rdmsr(MSR_EFER);
	uint32_t ebx;
	cpuid7(&ebx);
	bool smep = ebx & (1u << 7), smap = ebx & (1u << 20);
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0 | CR0_WP) : "memory");
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= (smep ? CR4_SMEP : 0) | (smap ? CR4_SMAP : 0);
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
	if (cpu->index == 0) {
		/* one setting for all CPUs: the copy routines test it */
		cpu_smap_on = smap;
		__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		log_info("CPU protections: WP %s, NX %s, SMEP %s, SMAP %s",
		         cr0 & CR0_WP ? "on" : "off", efer & (1 << 11) ? "on" : "off",
		         cr4 & CR4_SMEP ? "on" : "off (no CPU support)",
		         cr4 & CR4_SMAP ? "on" : "off (no CPU support)");
	} else if (smap != (bool)cpu_smap_on) {
		panic("CPU %u differs from the boot CPU in SMAP support", cpu->index);
	}
}
