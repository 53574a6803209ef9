/*
 * Per-CPU GDT and TSS set-up (each CPU passes its own copies).
 */
#include <freestanding/string.h>

#include "gdt.h"

void gdt_load(struct gdt *gdt, struct tss *tss, uint64_t double_fault_stack, uint64_t nmi_stack)
{
	memset(tss, 0, sizeof *tss);
	tss->ist[IST_DOUBLE_FAULT - 1] = double_fault_stack;
	tss->ist[IST_NMI - 1] = nmi_stack;
	tss->iomap_base = __builtin_offsetof(struct tss, io.map);
	memset(tss->io.map, 0xFF, sizeof tss->io.map); /* no port for user mode */

	gdt->entries[0] = 0;
	gdt->entries[1] = 0x00AF9A000000FFFFULL; /* kernel code, 64-bit */
	gdt->entries[2] = 0x00CF92000000FFFFULL; /* kernel data */
	gdt->entries[3] = 0x00CFFA000000FFFFULL; /* user code, 32-bit (unused) */
	gdt->entries[4] = 0x00CFF2000000FFFFULL; /* user data */
	gdt->entries[5] = 0x00AFFA000000FFFFULL; /* user code, 64-bit */
	uint64_t base = (uint64_t)tss, limit = __builtin_offsetof(struct tss, io.owner) - 1;
	gdt->entries[6] = (limit & 0xFFFF) | (base & 0xFFFFFF) << 16 | 0x89ULL << 40 |
	                  ((limit >> 16) & 0xF) << 48 | ((base >> 24) & 0xFF) << 56;
	gdt->entries[7] = base >> 32;

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = {sizeof *gdt - 1, (uint64_t)gdt};
	__asm__ volatile("lgdt %0\n"
	                 "pushq %1\n"
	                 "leaq 1f(%%rip), %%rax\n"
	                 "pushq %%rax\n"
	                 "lretq\n"
	                 "1:\n"
	                 "mov %2, %%ds\n"
	                 "mov %2, %%es\n"
	                 "mov %2, %%ss\n"
	                 "ltr %w3\n"
	                 :
	                 : "m"(ptr), "i"(GDT_KERNEL_CODE), "r"(GDT_KERNEL_DATA), "r"(GDT_TSS)
	                 : "rax", "memory");
}
