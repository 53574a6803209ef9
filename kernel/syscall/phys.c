/*
 * Physical memory syscalls for drivers (root only, EPERM otherwise):
 *   PHYSALLOC(size)              contiguous zeroed frames; returns the physical address
 *   PHYSFREE(phys, size)         give back a whole PHYSALLOC allocation
 *   PHYSMAP(phys, size, flags)   map physical pages; returns the address.
 *                                flags: PHYSMAP_WRITE, PHYSMAP_WRITE_COMBINE, PHYSMAP_NO_CACHE
 *   PHYSUNMAP(addr, size)        unmap a PHYSMAP mapping; size 0: up to the first
 *                                unmapped page (every mapping ends at a guard hole)
 *   VIRTTOPHYS(addr)             the physical address behind a user address
 * The mapping and allocation work is the memory: scheme's (kernel/scheme/memory.c).
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../mm/frame.h"
#include "../mm/paging.h"
#include "../mm/usermem.h"
#include "../proc/process.h"
#include "../scheme/scheme.h"
#include "../grant/grant.h"

/* Redox's physmap flags */
#define PHYSMAP_WRITE         1
#define PHYSMAP_WRITE_COMBINE 2
#define PHYSMAP_NO_CACHE      4

/* Root, or a driver confined to its manifest (kernel/grant checks the rest). */
static bool is_root(struct syscall_args *args)
{
	return grant_may_phys_syscalls(args->process->pid, args->process->euid);
}

int64_t sys_physalloc(struct syscall_args *args, uint64_t size)
{
	if (!is_root(args) || !grant_may_dma(args->process->pid, args->process->euid, size))
		return -EPERM;
	int64_t phys = memory_phys_alloc(size);
	if (phys > 0)
		grant_dma_add(args->process->pid, (uint64_t)phys, size);
	return phys;
}

int64_t sys_physfree(struct syscall_args *args, uint64_t phys, uint64_t size)
{
	if (!is_root(args) || !grant_dma_remove(args->process->pid, phys, size))
		return -EPERM;
	return memory_phys_free(phys, size);
}

int64_t sys_physmap(struct syscall_args *args, uint64_t phys, uint64_t size, uint64_t flags)
{
	if (!is_root(args))
		return -EPERM;
	struct redox_map map = {
	    .offset = phys,
	    .size = size,
	    .flags = PROT_READ | (flags & PHYSMAP_WRITE ? PROT_WRITE : 0),
	};
	int cache = flags & PHYSMAP_NO_CACHE        ? MEMORY_CACHE_UC
	            : flags & PHYSMAP_WRITE_COMBINE ? MEMORY_CACHE_WC
	                                            : MEMORY_CACHE_WB;
	return memory_map_physical(args->process, &map, cache);
}

int64_t sys_physunmap(struct syscall_args *args, uint64_t addr, uint64_t size)
{
	if (!is_root(args))
		return -EPERM;
	uint64_t root = args->process->cr3;
	size = (size + PAGE_SIZE - 1) & PAGE_MASK;
	if ((addr & (PAGE_SIZE - 1)) || addr < PAGE_SIZE || addr >= USER_END ||
	    size > USER_END - addr)
		return -EINVAL;
	uint64_t end = size ? addr + size : USER_END;
	/* all or nothing: a range holding the process's own pages is not a physical mapping */
	uint64_t v;
	for (v = addr; v < end; v += PAGE_SIZE) {
		uint64_t pte = 0;
		paging_translate(root, v, &pte);
		if (!(pte & PTE_PRESENT))
			break;
		if ((pte & (PTE_OWNED | PTE_SHARED)) || !(pte & PTE_USER))
			return -EINVAL;
	}
	if (v == addr || (size && v != end))
		return -EINVAL;
	for (uint64_t u = addr; u < v; u += PAGE_SIZE)
		paging_unmap(root, u);
	return 0;
}

int64_t sys_virttophys(struct syscall_args *args, uint64_t addr)
{
	if (!is_root(args))
		return -EPERM;
	uint64_t pte = 0;
	uint64_t phys = paging_translate(args->process->cr3, addr, &pte);
	if (addr >= USER_END || !(pte & PTE_PRESENT) || !(pte & PTE_USER))
		return -EFAULT;
	return (int64_t)phys;
}
