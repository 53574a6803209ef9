/*
 * GDT and TSS. The selector order is fixed by the syscall MSRs
 * (STAR = 0x001B000800000000): null, kernel code, kernel data,
 * user code32 (unused), user data, user code64, then the TSS.
 */
#ifndef KERNEL_ARCH_X86_64_GDT_H
#define KERNEL_ARCH_X86_64_GDT_H

#include <stdint.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE32 0x18
#define GDT_USER_DATA   0x20
#define GDT_USER_CODE   0x28
#define GDT_TSS         0x30
#define RPL_USER        3

/* Interrupt stack table slots */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2

/* The I/O permission bitmap (a clear bit lets user mode use that port) and
 * its all-ones terminator; kernel/grant fills it per process. owner and
 * generation are not the CPU's (the TSS limit ends before them): what the
 * map was filled for. */
struct io_bitmap {
	uint8_t map[65536 / 8 + 1];
	uint32_t owner, generation;
} __attribute__((packed));

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
	struct io_bitmap io;
} __attribute__((packed));

struct gdt {
	uint64_t entries[8]; /* 6 segments + the 16-byte TSS descriptor */
} __attribute__((aligned(16)));

/* Fill and load a CPU's GDT and TSS; ist_stacks are the tops of the IST stacks. */
void gdt_load(struct gdt *gdt, struct tss *tss, uint64_t double_fault_stack, uint64_t nmi_stack);

#endif
