/*
 * Memory syscalls: FMAP of anonymous memory (fd = all ones) or of a file
 * through its scheme's fmap (memory:, memory:physical), FUNMAP and MPROTECT.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../arch/arch.h"
#include "../mm/frame.h"
#include "../mm/paging.h"
#include "../mm/usermem.h"
#include "../proc/process.h"
#include "../scheme/scheme.h"

static uint64_t pte_flags(uint64_t prot)
{
	return (prot & PROT_WRITE ? PTE_WRITE : 0) | (prot & PROT_EXEC ? 0 : PTE_NO_EXECUTE);
}

static bool user_region(uint64_t addr, uint64_t len)
{
	return !(addr & (PAGE_SIZE - 1)) && addr >= PAGE_SIZE && addr < USER_END &&
	       len <= USER_END - addr;
}

int64_t sys_fmap(struct syscall_args *args, uint64_t fd, const void *map_in, uint64_t len)
{
	if (len < sizeof(struct redox_map))
		return -EINVAL;
	/* one copy (the dispatcher's bounce): unmapping below cannot change it */
	const struct redox_map copy = *(const struct redox_map *)map_in, *map = &copy;
	if (fd != REDOX_ANON_FD) {
		/* a file: its scheme maps it (memory:, memory:physical, ...) */
		struct file *f = fd_get(args->process, fd);
		if (!f)
			return -EBADF;
		struct caller who = file_caller(f, args->process);
		int64_t r = -ENODEV;
		if (f->scheme->ops->fmap)
			r = f->scheme->ops->fmap(f->scheme->data, f->id, map, &who);
		file_put(f);
		return r;
	}
	uint64_t size = (map->size + PAGE_SIZE - 1) & PAGE_MASK;
	if (size == 0 || size < map->size)
		return -EINVAL;
	struct process *p = args->process;
	uint64_t addr;
	if (map->flags & MAP_FIXED) {
		addr = map->address;
		if (!user_region(addr, size))
			return -EINVAL;
		if ((map->flags & MAP_FIXED_NOREPLACE) == MAP_FIXED_NOREPLACE) {
			for (uint64_t v = addr; v < addr + size; v += PAGE_SIZE)
				if (paging_translate(p->cr3, v, 0))
					return -EEXIST;
		} else {
			proc_uncharge_anon(p, user_unmap(p->cr3, addr, size));
			arch_tlb_shootdown(p->cr3, addr, addr + size);
		}
	} else {
		uint64_t flags = spin_lock_irqsave(&p->lock);
		addr = p->mmap_next;
		p->mmap_next += size + PAGE_SIZE; /* a hole between mappings catches overruns */
		spin_unlock_irqrestore(&p->lock, flags);
		if (!user_region(addr, size))
			return -ENOMEM;
	}
	if (!proc_charge_anon(p, size / PAGE_SIZE))
		return -ENOMEM;
	if (!user_map_anon(p->cr3, addr, size, pte_flags(map->flags) | PTE_ANON)) {
		proc_uncharge_anon(p, size / PAGE_SIZE);
		return -ENOMEM;
	}
	return (int64_t)addr;
}

int64_t sys_funmap(struct syscall_args *args, uint64_t addr, uint64_t len)
{
	uint64_t size = (len + PAGE_SIZE - 1) & PAGE_MASK;
	if (!user_region(addr, size))
		return -EINVAL;
	struct process *p = args->process;
	proc_uncharge_anon(p, user_unmap(p->cr3, addr, size));
	/* before anything reuses the frames, no other thread's CPU may reach them */
	arch_tlb_shootdown(p->cr3, addr, addr + size);
	return 0;
}

/*
 * The rights a page may have: its own memory (PTE_OWNED) any; memory it
 * was lent (physical mappings, scheme windows) at most what it was mapped
 * with (PTE_MAY_WRITE, PTE_MAY_EXEC), so mprotect cannot widen them.
 */
static uint64_t allowed_prot(uint64_t pte)
{
	if (pte & PTE_OWNED)
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	return PROT_READ | (pte & PTE_MAY_WRITE ? PROT_WRITE : 0) |
	       (pte & PTE_MAY_EXEC ? PROT_EXEC : 0);
}

int64_t sys_mprotect(struct syscall_args *args, uint64_t addr, uint64_t len, uint64_t prot)
{
	uint64_t size = (len + PAGE_SIZE - 1) & PAGE_MASK;
	if (!user_region(addr, size) || (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	uint64_t root = args->process->cr3;
	for (uint64_t v = addr; v < addr + size; v += PAGE_SIZE) {
		uint64_t pte;
		if (!paging_translate(root, v, &pte))
			return -ENOMEM;
		if (prot & ~allowed_prot(pte))
			return -EACCES;
	}
	for (uint64_t v = addr; v < addr + size; v += PAGE_SIZE) {
		uint64_t old;
		paging_translate(root, v, &old);
		uint64_t keep = old & (PTE_OWNED | PTE_SHARED | PTE_MAY_WRITE | PTE_MAY_EXEC |
		                       PTE_LENT | PTE_CACHE_BITS);
		/* PROT_NONE: still mapped, but a supervisor page: any user access faults */
		uint64_t user = prot ? PTE_USER : 0;
		paging_protect(root, v, keep | user | pte_flags(prot));
	}
	arch_tlb_shootdown(root, addr, addr + size);
	return 0;
}
