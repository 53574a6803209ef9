/*
 * 4-level paging. The upper half (PML4 entries 256..511) is the kernel's
 * and identical in every address space: its page-directory-pointer tables
 * are made once at boot and shared, so kernel mappings made later show up
 * everywhere. The lower half is per process.
 */
#ifndef KERNEL_MM_PAGING_H
#define KERNEL_MM_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_PRESENT       (1ULL << 0)
#define PTE_WRITE         (1ULL << 1)
#define PTE_USER          (1ULL << 2)
#define PTE_WRITE_THROUGH (1ULL << 3)
#define PTE_NO_CACHE      (1ULL << 4)
#define PTE_HUGE          (1ULL << 7)
#define PTE_GLOBAL        (1ULL << 8)
#define PTE_NO_EXECUTE    (1ULL << 63)
#define PTE_ADDR_MASK     0x000FFFFFFFFFF000ULL

#define USER_END 0x0000800000000000ULL
/* Kernel stacks, each with an unmapped guard page below it */
#define KERNEL_STACKS_BASE 0xFFFFFF0000000000ULL

void paging_init(void);
/* The kernel's own address space (physical address of its PML4). */
uint64_t paging_kernel_root(void);
/* A new address space: empty lower half, shared kernel upper half. */
uint64_t paging_new_root(void);
/* Free every lower-half page table (not the frames they map: see vm.c). */
void paging_free_root(uint64_t root);

/* Map one 4 KiB page; false when out of memory or already mapped. */
bool paging_map(uint64_t root, uint64_t virt, uint64_t phys, uint64_t flags);
/* Unmap; returns the physical address that was mapped (0 if none). */
uint64_t paging_unmap(uint64_t root, uint64_t virt);
/* Physical address behind virt with the PTE's flags, or 0 when unmapped. */
uint64_t paging_translate(uint64_t root, uint64_t virt, uint64_t *flags);
/* Change the flags of a mapped page. */
bool paging_protect(uint64_t root, uint64_t virt, uint64_t flags);
void paging_flush(uint64_t virt);

#endif
