/*
 * Kernel stack slots: a bitmap of slots, each KSTACK_SIZE plus one guard
 * page, mapped into the shared upper half of every address space.
 */
#include "frame.h"
#include "kstack.h"
#include "paging.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"

#define SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE)
#define SLOTS 4096

static uint64_t used[SLOTS / 64];
static struct spinlock lock;

uint64_t kstack_alloc(void)
{
	uint64_t flags = spin_lock_irqsave(&lock);
	int slot = -1;
	for (int i = 0; i < SLOTS && slot < 0; i++)
		if (!(used[i / 64] & (1ULL << (i % 64)))) {
			used[i / 64] |= 1ULL << (i % 64);
			slot = i;
		}
	spin_unlock_irqrestore(&lock, flags);
	if (slot < 0)
		return 0;
	uint64_t bottom = KERNEL_STACKS_BASE + (uint64_t)slot * SLOT_SIZE + PAGE_SIZE;
	for (uint64_t v = bottom; v < bottom + KSTACK_SIZE; v += PAGE_SIZE) {
		uint64_t phys = frame_alloc();
		if (!phys || !paging_map(paging_kernel_root(), v, phys,
					 PTE_WRITE | PTE_GLOBAL | PTE_NO_EXECUTE)) {
			kstack_free(bottom + KSTACK_SIZE);
			return 0;
		}
	}
	return bottom + KSTACK_SIZE;
}

void kstack_free(uint64_t top)
{
	uint64_t bottom = top - KSTACK_SIZE;
	for (uint64_t v = bottom; v < top; v += PAGE_SIZE) {
		uint64_t phys = paging_unmap(paging_kernel_root(), v);
		if (phys)
			frame_free(phys);
	}
	int slot = (int)((bottom - PAGE_SIZE - KERNEL_STACKS_BASE) / SLOT_SIZE);
	uint64_t flags = spin_lock_irqsave(&lock);
	used[slot / 64] &= ~(1ULL << (slot % 64));
	spin_unlock_irqrestore(&lock, flags);
}
