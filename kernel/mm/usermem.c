/*
 * User memory checks, anonymous mappings, and copying or freeing whole
 * address spaces (see usermem.h).
 */
#include <freestanding/string.h>

#include "frame.h"
#include "paging.h"
#include "usercopy.h"
#include "usermem.h"
#include "../boot.h"
#include "../lib/spinlock.h"

bool user_range_ok(uint64_t root, uint64_t addr, uint64_t len, bool write)
{
	if (len == 0)
		return true;
	if (addr >= USER_END || len > USER_END - addr)
		return false;
	for (uint64_t page = addr & PAGE_MASK; page < addr + len; page += PAGE_SIZE) {
		uint64_t flags;
		if (!paging_translate(root, page, &flags))
			return false;
		if (!(flags & PTE_USER) || (write && !(flags & PTE_WRITE)))
			return false;
	}
	return true;
}

int64_t user_copy_path(uint64_t root, uint64_t addr, uint64_t len, char *out, size_t out_size)
{
	if (len >= out_size)
		return -36; /* ENAMETOOLONG */
	(void)root;
	if (copy_from_user(out, addr, len) < 0)
		return -14; /* EFAULT */
	out[len] = 0;
	return (int64_t)len;
}

bool user_map_anon(uint64_t root, uint64_t addr, uint64_t len, uint64_t flags)
{
	for (uint64_t v = addr; v < addr + len; v += PAGE_SIZE) {
		uint64_t phys = frame_alloc();
		if (!phys)
			goto fail;
		if (!paging_map(root, v, phys, flags | PTE_USER | PTE_OWNED)) {
			frame_free(phys);
			goto fail;
		}
	}
	return true;
fail:
	user_unmap(root, addr, len);
	return false;
}

/* Bytes covered by one entry at each level (1: PT ... 4: PML4). */
static uint64_t level_span(int level)
{
	return 1ULL << (12 + 9 * (level - 1));
}

uint64_t user_unmap(uint64_t root, uint64_t addr, uint64_t len)
{
	uint64_t freed = 0, end = addr + len;
	if (end < addr || end > USER_END)
		end = USER_END;
	uint64_t v = addr & PAGE_MASK;
	while (v < end) {
		/* Find the lowest level whose table is missing: skip its whole span. */
		uint64_t *t = phys_to_virt(root & PTE_ADDR_MASK);
		int level = 4;
		for (; level > 1; level--) {
			uint64_t e = t[(v >> (12 + 9 * (level - 1))) & 511];
			if (!(e & PTE_PRESENT))
				break;
			t = phys_to_virt(e & PTE_ADDR_MASK);
		}
		if (level > 1) {
			uint64_t span = level_span(level);
			v = (v & ~(span - 1)) + span;
			continue;
		}
		uint64_t flags;
		if (paging_translate(root, v, &flags)) {
			uint64_t phys = paging_unmap(root, v);
			if (phys && (flags & (PTE_OWNED | PTE_SHARED)))
				frame_put(phys & PTE_ADDR_MASK);
			if (phys && (flags & PTE_ANON))
				freed++;
		}
		v += PAGE_SIZE;
	}
	return freed;
}

/* Visit every present 4 KiB user PTE. */
static void walk_user(uint64_t table_phys, int level, uint64_t base,
                      void (*visit)(uint64_t virt, uint64_t pte, void *ctx), void *ctx)
{
	uint64_t *t = phys_to_virt(table_phys & PTE_ADDR_MASK);
	int limit = level == 4 ? 256 : 512;
	for (int i = 0; i < limit; i++) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		uint64_t virt = base + ((uint64_t)i << (12 + 9 * (level - 1)));
		if (level == 1)
			visit(virt, t[i], ctx);
		else
			walk_user(t[i], level - 1, virt, visit, ctx);
	}
}

static void free_owned(uint64_t virt, uint64_t pte, void *ctx)
{
	(void)virt;
	(void)ctx;
	if (pte & (PTE_OWNED | PTE_SHARED))
		frame_put(pte & PTE_ADDR_MASK);
}

/* Extra references (beyond the owner's one) to address spaces, by root. */
#define HOLDS 256
static struct {
	uint64_t root;
	uint32_t extra;
} holds[HOLDS];
static struct spinlock holds_lock;

bool user_space_hold(uint64_t root)
{
	uint64_t f = spin_lock_irqsave(&holds_lock);
	int free_slot = -1;
	for (int i = 0; i < HOLDS; i++) {
		if (holds[i].extra && holds[i].root == root) {
			holds[i].extra++;
			spin_unlock_irqrestore(&holds_lock, f);
			return true;
		}
		if (!holds[i].extra && free_slot < 0)
			free_slot = i;
	}
	if (free_slot >= 0) {
		holds[free_slot].root = root;
		holds[free_slot].extra = 1;
	}
	spin_unlock_irqrestore(&holds_lock, f);
	return free_slot >= 0;
}

void user_free_space(uint64_t root)
{
	uint64_t f = spin_lock_irqsave(&holds_lock);
	for (int i = 0; i < HOLDS; i++)
		if (holds[i].extra && holds[i].root == root) {
			holds[i].extra--; /* someone else still uses it: not yet */
			spin_unlock_irqrestore(&holds_lock, f);
			return;
		}
	spin_unlock_irqrestore(&holds_lock, f);
	walk_user(root, 4, 0, free_owned, 0);
	paging_free_root(root);
}

struct clone_state {
	uint64_t new_root;
	bool failed;
};

static void clone_page(uint64_t virt, uint64_t pte, void *ctx)
{
	struct clone_state *s = ctx;
	if (s->failed || (pte & PTE_LENT))
		return; /* a scheme window stays with the provider that was lent it */
	uint64_t flags = pte & ~PTE_ADDR_MASK & ~(PTE_PRESENT | (1ULL << 5) | (1ULL << 6));
	uint64_t phys = pte & PTE_ADDR_MASK;
	if ((pte & PTE_SHARED) && !frame_ref(phys)) {
		s->failed = true;
		return;
	}
	if (pte & PTE_OWNED) {
		uint64_t copy = frame_alloc();
		if (!copy) {
			s->failed = true;
			return;
		}
		memcpy(phys_to_virt(copy), phys_to_virt(phys), PAGE_SIZE);
		phys = copy;
	}
	if (!paging_map(s->new_root, virt, phys, flags)) {
		if (pte & (PTE_OWNED | PTE_SHARED))
			frame_put(phys);
		s->failed = true;
	}
}

uint64_t user_clone_space(uint64_t root)
{
	struct clone_state s = {paging_new_root(), false};
	if (!s.new_root)
		return 0;
	walk_user(root, 4, 0, clone_page, &s);
	if (s.failed) {
		user_free_space(s.new_root);
		return 0;
	}
	return s.new_root;
}
