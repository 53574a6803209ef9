/*
 * The page tables the kernel expects on entry (abi/include/redox/abi/
 * bootargs.h), built in pages inside the boot span so the kernel keeps them
 * until it has its own: physical memory up to `top` (at least 4 GiB) at 0
 * and at REDOX_PHYS_OFFSET, and 0..2 GiB at REDOX_KERNEL_OFFSET, all with
 * 2 MiB pages. The firmware's own tables may lie in memory the kernel
 * reuses, so they are left behind.
 */
#include "uefi.h"

#define GIB        (1ULL << 30)
#define MAX_GIB    512 /* what one PDPT maps */
#define PRESENT_RW 0x3ULL
#define LARGE_PAGE 0x80ULL

static uint64_t gibs(uint64_t top)
{
	uint64_t n = align_up(top, GIB) / GIB;
	if (n < 4)
		n = 4;
	return n > MAX_GIB ? MAX_GIB : n;
}

uint64_t paging_pages(uint64_t top)
{
	return 3 + gibs(top); /* PML4, low PDPT, high PDPT, one PD per GiB */
}

uint64_t paging_build(void *room, uint64_t top)
{
	uint64_t n = gibs(top), base = (uint64_t)room;
	uint64_t *pml4 = room, *low = pml4 + 512, *high = low + 512, *pd = high + 512;
	memset(room, 0, paging_pages(top) * PAGE_SIZE);
	pml4[0] = (uint64_t)low | PRESENT_RW;
	pml4[(REDOX_PHYS_OFFSET >> 39) & 511] = (uint64_t)low | PRESENT_RW;
	pml4[511] = (uint64_t)high | PRESENT_RW;
	for (uint64_t g = 0; g < n; g++) {
		low[g] = (uint64_t)(pd + g * 512) | PRESENT_RW;
		for (uint64_t i = 0; i < 512; i++)
			pd[g * 512 + i] = (g * GIB + i * (2ULL << 20)) | PRESENT_RW | LARGE_PAGE;
	}
	high[(REDOX_KERNEL_OFFSET >> 30) & 511] = low[0];
	high[((REDOX_KERNEL_OFFSET >> 30) & 511) + 1] = low[1];
	return base;
}
