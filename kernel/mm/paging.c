/*
 * Page tables: the kernel's (direct map of all RAM and the 4 GiB below it
 * with 2 MiB pages, the kernel image, and the shared upper half) and the
 * per-process lower halves, walked and built 4 KiB at a time.
 */
#define LOG_MODULE "mm::paging"
#include <freestanding/string.h>
#include <redox/abi/bootargs.h>

#include "frame.h"
#include "paging.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"

/* One lock for all page-table edits: simple, and edits are short. */
static struct spinlock pt_lock;

static uint64_t kernel_root;

extern const char __kernel_start[], __kernel_end[], __text_start[], __text_end[], __rodata_start[],
    __rodata_end[];

static uint64_t *table(uint64_t phys)
{
	return phys_to_virt(phys & PTE_ADDR_MASK);
}

static uint64_t alloc_table(void)
{
	uint64_t t = frame_alloc_contiguous(1, 0x100000000ULL); /* APs load it in 32-bit mode */
	if (!t)
		panic("out of memory for page tables");
	return t;
}

void paging_init(void)
{
	kernel_root = alloc_table();
	uint64_t *pml4 = table(kernel_root);
	for (int i = 256; i < 512; i++)
		pml4[i] = alloc_table() | PTE_PRESENT | PTE_WRITE;

	/* Direct map: at least 4 GiB (MMIO of the APICs and PCI), or all RAM. */
	uint64_t top = frame_highest_address();
	if (top < 0x100000000ULL)
		top = 0x100000000ULL;
	for (uint64_t p = 0; p < top; p += 0x200000) {
		uint64_t v = REDOX_PHYS_OFFSET + p;
		uint64_t *pdpt = table(pml4[(v >> 39) & 511]);
		uint64_t *pde = &pdpt[(v >> 30) & 511];
		if (!*pde)
			*pde = alloc_table() | PTE_PRESENT | PTE_WRITE;
		table(*pde)[(v >> 21) & 511] =
		    p | PTE_PRESENT | PTE_WRITE | PTE_HUGE | PTE_GLOBAL | PTE_NO_EXECUTE;
	}
	/* The kernel image at KERNEL_OFFSET, page by page, W^X: text read and
	 * execute, rodata read only, data and bss read and write (linker.ld). */
	for (uint64_t v = (uint64_t)__kernel_start; v < (uint64_t)__kernel_end; v += PAGE_SIZE) {
		uint64_t flags = PTE_PRESENT | PTE_GLOBAL;
		if (v >= (uint64_t)__text_start && v < (uint64_t)__text_end)
			; /* executable, never writable */
		else if (v >= (uint64_t)__rodata_start && v < (uint64_t)__rodata_end)
			flags |= PTE_NO_EXECUTE;
		else
			flags |= PTE_WRITE | PTE_NO_EXECUTE;
		uint64_t *pdpt = table(pml4[(v >> 39) & 511]);
		uint64_t *pde = &pdpt[(v >> 30) & 511];
		if (!*pde)
			*pde = alloc_table() | PTE_PRESENT | PTE_WRITE;
		uint64_t *pte = &table(*pde)[(v >> 21) & 511];
		if (!*pte)
			*pte = alloc_table() | PTE_PRESENT | PTE_WRITE;
		table(*pte)[(v >> 12) & 511] = (v - REDOX_KERNEL_OFFSET) | flags;
	}
	arch_paging_cpu_init();
	arch_space_load(kernel_root);
	log_info("kernel page tables active; direct map of %llu MiB",
	         (unsigned long long)(top >> 20));
}

uint64_t paging_kernel_root(void)
{
	return kernel_root;
}

uint64_t paging_new_root(void)
{
	uint64_t root = frame_alloc();
	if (!root)
		return 0;
	memcpy(table(root) + 256, table(kernel_root) + 256, 256 * sizeof(uint64_t));
	return root;
}

/* The PTE slot for virt, creating tables on the way when `create`. */
static uint64_t *walk(uint64_t root, uint64_t virt, bool create)
{
	uint64_t *t = table(root);
	for (int level = 3; level > 0; level--) {
		uint64_t *e = &t[(virt >> (12 + 9 * level)) & 511];
		if (!(*e & PTE_PRESENT)) {
			if (!create)
				return 0;
			uint64_t n = frame_alloc();
			if (!n)
				return 0;
			*e = n | PTE_PRESENT | PTE_WRITE | (virt < USER_END ? PTE_USER : 0);
		} else if (*e & PTE_HUGE) {
			return 0;
		}
		t = table(*e);
	}
	return &t[(virt >> 12) & 511];
}

bool paging_map(uint64_t root, uint64_t virt, uint64_t phys, uint64_t flags)
{
	uint64_t f = spin_lock_irqsave(&pt_lock);
	uint64_t *pte = walk(root, virt, true);
	bool ok = pte && !(*pte & PTE_PRESENT);
	if (ok)
		*pte = (phys & PTE_ADDR_MASK) | flags | PTE_PRESENT;
	spin_unlock_irqrestore(&pt_lock, f);
	return ok;
}

uint64_t paging_unmap(uint64_t root, uint64_t virt)
{
	uint64_t f = spin_lock_irqsave(&pt_lock);
	uint64_t *pte = walk(root, virt, false);
	uint64_t phys = 0;
	if (pte && (*pte & PTE_PRESENT)) {
		phys = *pte & PTE_ADDR_MASK;
		*pte = 0;
		paging_flush(virt);
	}
	spin_unlock_irqrestore(&pt_lock, f);
	return phys;
}

uint64_t paging_translate(uint64_t root, uint64_t virt, uint64_t *flags)
{
	uint64_t *pte = walk(root, virt, false);
	if (!pte || !(*pte & PTE_PRESENT))
		return 0;
	if (flags)
		*flags = *pte & ~PTE_ADDR_MASK;
	return (*pte & PTE_ADDR_MASK) | (virt & 0xFFF);
}

bool paging_protect(uint64_t root, uint64_t virt, uint64_t flags)
{
	uint64_t f = spin_lock_irqsave(&pt_lock);
	uint64_t *pte = walk(root, virt, false);
	bool ok = pte && (*pte & PTE_PRESENT);
	if (ok) {
		*pte = (*pte & PTE_ADDR_MASK) | flags | PTE_PRESENT;
		paging_flush(virt);
	}
	spin_unlock_irqrestore(&pt_lock, f);
	return ok;
}

void paging_flush(uint64_t virt)
{
	arch_tlb_flush_page(virt);
}

static void free_level(uint64_t phys, int level)
{
	uint64_t *t = table(phys);
	for (int i = 0; i < 512; i++) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level > 1)
			free_level(t[i], level - 1);
	}
	frame_free(phys & PTE_ADDR_MASK);
}

void paging_free_root(uint64_t root)
{
	uint64_t *pml4 = table(root);
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_PRESENT)
			free_level(pml4[i], 3);
	frame_free(root);
}
