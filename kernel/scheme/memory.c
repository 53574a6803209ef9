/*
 * memory: memory to map with FMAP. "memory:" gives fresh zeroed memory
 * (what the anonymous fd ~0 gives); "memory:physical" (root only) maps
 * physical addresses for drivers: map->offset is the physical address,
 * and the path picks the caching: "physical" or "physical@wb" write-back,
 * "physical@uc" uncached, "physical@wt" write-through, "physical@wc"
 * write-combining (uncached-minus here: the PAT is left at its reset
 * value). Physical pages are never the process's own (no PTE_OWNED), so
 * unmapping them frees nothing. RAM the frame allocator manages may only
 * be mapped when SYS_PHYSALLOC handed it out, or when the kernel granted
 * it at boot (the bootloader's live copy of the root filesystem, for
 * redoxfsd); the registry of those ranges lives here too (the PHYS*
 * syscalls are kernel/syscall/phys.c).
 */
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "../arch/arch.h"
#include "../lib/spinlock.h"
#include "../mm/frame.h"
#include "../mm/paging.h"
#include "../mm/usermem.h"
#include "../proc/process.h"
#include "../grant/grant.h"

/* Handle ids: what the handle maps. */
enum memory_kind { KIND_ANON, KIND_PHYS_WB, KIND_PHYS_UC, KIND_PHYS_WT, KIND_PHYS_WC };

#define MAX_PHYS_ALLOCS 256
#define PHYS_LIMIT      (1ULL << 52) /* the widest physical address a PTE holds */

static struct {
	uint64_t phys, pages; /* pages 0: a free slot */
} allocs[MAX_PHYS_ALLOCS];
static struct spinlock alloc_lock;

static bool user_region(uint64_t addr, uint64_t len)
{
	return !(addr & (PAGE_SIZE - 1)) && addr >= PAGE_SIZE && addr < USER_END &&
	       len <= USER_END - addr;
}

static uint64_t cache_bits(int cache)
{
	switch (cache) {
	case MEMORY_CACHE_UC:
		return PTE_NO_CACHE | PTE_WRITE_THROUGH; /* PAT entry 3: UC */
	case MEMORY_CACHE_WT:
		return PTE_WRITE_THROUGH; /* PAT entry 1: WT */
	case MEMORY_CACHE_WC:
		return PTE_NO_CACHE; /* PAT entry 2: UC- (no WC entry without reprogramming) */
	default:
		return 0;
	}
}

/* Is [phys, phys+len) something a driver may map: not RAM in kernel use? */
static bool phys_mappable(uint64_t phys, uint64_t len)
{
	uint64_t end = phys + len;
	for (uint64_t page = phys; page < end; page += PAGE_SIZE) {
		if (!frame_is_managed(page))
			continue;
		bool granted = false;
		uint64_t irq = spin_lock_irqsave(&alloc_lock);
		for (int i = 0; i < MAX_PHYS_ALLOCS && !granted; i++)
			granted = allocs[i].pages && page >= allocs[i].phys &&
			          page < allocs[i].phys + allocs[i].pages * PAGE_SIZE;
		spin_unlock_irqrestore(&alloc_lock, irq);
		if (!granted)
			return false;
	}
	return true;
}

/* Where a mapping of `size` bytes goes in p (map->address with MAP_FIXED). */
static int64_t pick_address(struct process *p, const struct redox_map *map, uint64_t size)
{
	if (map->flags & MAP_FIXED) {
		uint64_t addr = map->address;
		if (!user_region(addr, size))
			return -EINVAL;
		if ((map->flags & MAP_FIXED_NOREPLACE) == MAP_FIXED_NOREPLACE) {
			for (uint64_t v = addr; v < addr + size; v += PAGE_SIZE)
				if (paging_translate(p->cr3, v, 0))
					return -EEXIST;
		} else {
			/* the replaced memory no longer counts against the process's limit */
			proc_uncharge_anon(p, user_unmap(p->cr3, addr, size));
			arch_tlb_shootdown(p->cr3, addr, addr + size);
		}
		return (int64_t)addr;
	}
	uint64_t irq = spin_lock_irqsave(&p->lock);
	uint64_t addr = p->mmap_next;
	p->mmap_next += size + PAGE_SIZE; /* the same guard hole the anonymous path leaves */
	spin_unlock_irqrestore(&p->lock, irq);
	return user_region(addr, size) ? (int64_t)addr : -ENOMEM;
}

static uint64_t prot_bits(uint64_t prot)
{
	return PTE_USER | (prot & PROT_WRITE ? PTE_WRITE | PTE_MAY_WRITE : 0) |
	       (prot & PROT_EXEC ? PTE_MAY_EXEC : PTE_NO_EXECUTE);
}

int64_t memory_map_physical(struct process *p, const struct redox_map *map, int cache)
{
	uint64_t size = (map->size + PAGE_SIZE - 1) & PAGE_MASK;
	uint64_t phys = map->offset;
	if (size == 0 || size < map->size || (phys & (PAGE_SIZE - 1)) || phys >= PHYS_LIMIT ||
	    size > PHYS_LIMIT - phys)
		return -EINVAL;
	if (!phys_mappable(phys, size) || !grant_may_map(p->pid, phys, size))
		return -EPERM;
	int64_t addr = pick_address(p, map, size);
	if (addr < 0)
		return addr;
	uint64_t flags = prot_bits(map->flags) | cache_bits(cache);
	for (uint64_t off = 0; off < size; off += PAGE_SIZE)
		if (!paging_map(p->cr3, (uint64_t)addr + off, phys + off, flags)) {
			/* not owned: this unmaps without freeing anything */
			user_unmap(p->cr3, (uint64_t)addr, off);
			return -ENOMEM;
		}
	return addr;
}

int64_t memory_phys_alloc(uint64_t size)
{
	uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages == 0 || size > (1ULL << 40))
		return -EINVAL;
	uint64_t phys = frame_alloc_contiguous(pages, 0);
	if (!phys)
		return -ENOMEM;
	uint64_t irq = spin_lock_irqsave(&alloc_lock);
	for (int i = 0; i < MAX_PHYS_ALLOCS; i++)
		if (!allocs[i].pages) {
			allocs[i].phys = phys;
			allocs[i].pages = pages;
			spin_unlock_irqrestore(&alloc_lock, irq);
			return (int64_t)phys;
		}
	spin_unlock_irqrestore(&alloc_lock, irq);
	frame_free_contiguous(phys, pages);
	return -ENOMEM;
}

int64_t memory_phys_free(uint64_t phys, uint64_t size)
{
	uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t irq = spin_lock_irqsave(&alloc_lock);
	for (int i = 0; i < MAX_PHYS_ALLOCS; i++)
		if (allocs[i].pages && allocs[i].phys == phys && allocs[i].pages == pages) {
			allocs[i].pages = 0;
			spin_unlock_irqrestore(&alloc_lock, irq);
			frame_free_contiguous(phys, pages);
			return 0;
		}
	spin_unlock_irqrestore(&alloc_lock, irq);
	return -EINVAL; /* only whole allocations SYS_PHYSALLOC made */
}

void memory_phys_grant(uint64_t phys, uint64_t size)
{
	uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t irq = spin_lock_irqsave(&alloc_lock);
	for (int i = 0; i < MAX_PHYS_ALLOCS; i++)
		if (!allocs[i].pages) {
			allocs[i].phys = phys & PAGE_MASK;
			allocs[i].pages = pages;
			break;
		}
	spin_unlock_irqrestore(&alloc_lock, irq);
}

static int64_t memory_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)flags;
	while (*path == '/')
		path++;
	if (!*path)
		return KIND_ANON;
	static const struct {
		const char *name;
		enum memory_kind kind;
	} paths[] = {
	    {"physical", KIND_PHYS_WB},    {"physical@wb", KIND_PHYS_WB},
	    {"physical@uc", KIND_PHYS_UC}, {"physical@wt", KIND_PHYS_WT},
	    {"physical@wc", KIND_PHYS_WC},
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		if (!strcmp(path, paths[i].name))
			return grant_may_open_physical(who->pid, who->uid) ? (int64_t)paths[i].kind
			                                                   : -EACCES;
	return -ENOENT;
}

int64_t memory_map_frames(struct process *p, const struct redox_map *map, uint64_t *frames,
                          uint64_t count)
{
	uint64_t size = count * PAGE_SIZE;
	bool private = (map->flags & (MAP_SHARED | MAP_PRIVATE)) == MAP_PRIVATE;
	int64_t addr = pick_address(p, map, size);
	if (addr >= 0 && private && !proc_charge_anon(p, count))
		addr = -ENOMEM;
	if (addr < 0) {
		for (uint64_t i = 0; i < count; i++)
			frame_put(frames[i]);
		return addr;
	}
	uint64_t flags = prot_bits(map->flags) | (private ? PTE_OWNED | PTE_ANON : PTE_SHARED);
	for (uint64_t i = 0; i < count; i++) {
		uint64_t phys = frames[i];
		if (private) {
			uint64_t copy = frame_alloc();
			if (copy)
				memcpy(phys_to_virt(copy), phys_to_virt(phys), PAGE_SIZE);
			frame_put(phys);
			phys = copy;
		}
		if (!phys || !paging_map(p->cr3, (uint64_t)addr + i * PAGE_SIZE, phys, flags)) {
			if (phys)
				frame_put(phys);
			for (uint64_t j = i + 1; j < count; j++)
				frame_put(frames[j]);
			user_unmap(p->cr3, (uint64_t)addr, i * PAGE_SIZE);
			if (private)
				proc_uncharge_anon(p, count); /* all of it was charged */
			return -ENOMEM;
		}
	}
	return addr;
}

static int64_t map_for(struct process *p, uint64_t id, const struct redox_map *map);

/* map is the kernel's copy (sys_fmap): unmapping user memory cannot change it */
static int64_t memory_fmap(void *data, uint64_t id, const struct redox_map *map,
                           const struct caller *who)
{
	(void)data;
	struct process *p = proc_by_pid(who->pid);
	if (!p)
		return -ESRCH;
	int64_t r = map_for(p, id, map);
	proc_put(p);
	return r;
}

static int64_t map_for(struct process *p, uint64_t id, const struct redox_map *map)
{
	if (id != KIND_ANON) {
		static const int cache[] = {
		    [KIND_PHYS_WB] = MEMORY_CACHE_WB,
		    [KIND_PHYS_UC] = MEMORY_CACHE_UC,
		    [KIND_PHYS_WT] = MEMORY_CACHE_WT,
		    [KIND_PHYS_WC] = MEMORY_CACHE_WC,
		};
		return id <= KIND_PHYS_WC ? memory_map_physical(p, map, cache[id]) : -EBADF;
	}
	uint64_t size = (map->size + PAGE_SIZE - 1) & PAGE_MASK;
	if (size == 0 || size < map->size)
		return -EINVAL;
	int64_t addr = pick_address(p, map, size);
	if (addr < 0)
		return addr;
	/* the same limits as the anonymous fd's (kernel/syscall/memory.c) */
	if (!proc_charge_anon(p, size / PAGE_SIZE))
		return -ENOMEM;
	uint64_t flags = (map->flags & PROT_WRITE ? PTE_WRITE : 0) |
	                 (map->flags & PROT_EXEC ? 0 : PTE_NO_EXECUTE);
	if (!user_map_anon(p->cr3, (uint64_t)addr, size, flags | PTE_ANON)) {
		proc_uncharge_anon(p, size / PAGE_SIZE);
		return -ENOMEM;
	}
	return addr;
}

static int64_t memory_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	static const char *const names[] = {
	    [KIND_ANON] = "memory:",
	    [KIND_PHYS_WB] = "memory:physical",
	    [KIND_PHYS_UC] = "memory:physical@uc",
	    [KIND_PHYS_WT] = "memory:physical@wt",
	    [KIND_PHYS_WC] = "memory:physical@wc",
	};
	if (id > KIND_PHYS_WC)
		return -EBADF;
	size_t n = strlen(names[id]);
	if (n > len)
		n = len;
	memcpy(buf, names[id], n);
	return (int64_t)n;
}

static int64_t memory_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	st->mode = MODE_CHR | (id == KIND_ANON ? 0666 : 0600);
	return 0;
}

static int64_t memory_fstatvfs(void *data, uint64_t id, struct redox_statvfs *st)
{
	(void)data;
	(void)id;
	st->f_bsize = PAGE_SIZE;
	st->f_blocks = frame_total_count();
	st->f_bfree = frame_free_count();
	st->f_bavail = st->f_bfree;
	return 0;
}

static const struct scheme_ops memory_ops = {
    .open = memory_open,
    .fmap = memory_fmap,
    .fpath = memory_fpath,
    .fstat = memory_fstat,
    .fstatvfs = memory_fstatvfs,
};

void memory_scheme_init(void)
{
	scheme_register("memory", &memory_ops, 0, 0);
}
