/*
 * What the bootloader hands the kernel (the "kernel arguments").
 *
 * The bootloader enters the kernel's ELF entry point in 64-bit mode with
 * rdi = physical address of a struct redox_boot_args. At that moment:
 *   - physical memory 0..4 GiB is mapped both at 0 (identity) and at
 *     REDOX_PHYS_OFFSET (the direct map), with 2 MiB pages;
 *   - the kernel's ELF segments are loaded at their physical addresses
 *     (p_paddr) and mapped at their virtual ones (p_vaddr, higher half);
 *   - rsp points into a stack of stack_size bytes at stack_base;
 *   - interrupts are off and the legacy PICs are masked.
 * Every *_base below is a physical address.
 */
#ifndef REDOX_ABI_BOOTARGS_H
#define REDOX_ABI_BOOTARGS_H

#include <stdint.h>

#define REDOX_BOOT_MAGIC    0x52454458424f4f54ULL /* "REDXBOOT" */
#define REDOX_PHYS_OFFSET   0xFFFF800000000000ULL
#define REDOX_KERNEL_OFFSET 0xFFFFFFFF80000000ULL

enum redox_memory_kind {
	REDOX_MEMORY_FREE = 1,
	REDOX_MEMORY_RECLAIM = 2, /* usable once the kernel has read what is there */
	REDOX_MEMORY_RESERVED = 3,
};

struct redox_memory_area {
	uint64_t base;
	uint64_t size;
	uint32_t kind;
	uint32_t reserved;
};

struct redox_boot_args {
	uint64_t magic;
	uint64_t kernel_base, kernel_size;       /* where the kernel image sits */
	uint64_t stack_base, stack_size;         /* the boot stack */
	uint64_t env_base, env_size;             /* "KEY=value\n" lines, not NUL-terminated */
	uint64_t hwdesc_base, hwdesc_size;       /* ACPI RSDP (0/0 when not found) */
	uint64_t areas_base, areas_size;         /* struct redox_memory_area[], size in bytes */
	uint64_t bootstrap_base, bootstrap_size; /* the initfs archive */
};

#endif
