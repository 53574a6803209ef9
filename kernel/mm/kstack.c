/*
 * Kernel stack slots: each KSTACK_SIZE plus one guard page, mapped into
 * the shared upper half of every address space.
 *
 * A freed stack is kept mapped on a free list and handed out again, never
 * unmapped: its pages are global, and another CPU could still hold their
 * translation in its TLB (we have no TLB shootdown for kernel mappings).
 * Unmapping and reusing the frames would let that CPU write into memory
 * that now belongs to something else.
 */
#include "frame.h"
#include "kstack.h"
#include "paging.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"

#define SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE)
#define SLOTS     4096

static uint32_t next_slot;
static uint64_t free_tops[SLOTS];
static uint32_t free_count;
static struct spinlock lock;

uint64_t kstack_alloc(void)
{
	uint64_t flags = spin_lock_irqsave(&lock);
	if (free_count) {
		uint64_t top = free_tops[--free_count];
		spin_unlock_irqrestore(&lock, flags);
		return top;
	}
	if (next_slot == SLOTS) {
		spin_unlock_irqrestore(&lock, flags);
		return 0;
	}
	uint32_t slot = next_slot++;
	spin_unlock_irqrestore(&lock, flags);

	uint64_t bottom = KERNEL_STACKS_BASE + (uint64_t)slot * SLOT_SIZE + PAGE_SIZE;
	for (uint64_t v = bottom; v < bottom + KSTACK_SIZE; v += PAGE_SIZE) {
		uint64_t phys = frame_alloc();
		if (!phys || !paging_map(paging_kernel_root(), v, phys,
		                         PTE_WRITE | PTE_GLOBAL | PTE_NO_EXECUTE)) {
			if (phys)
				frame_free(phys);
			/* pages already mapped stay with the abandoned slot: never unmapped */
			log_error("out of memory for a kernel stack");
			return 0;
		}
	}
	return bottom + KSTACK_SIZE;
}

void kstack_free(uint64_t top)
{
	uint64_t flags = spin_lock_irqsave(&lock);
	if (free_count < SLOTS)
		free_tops[free_count++] = top;
	spin_unlock_irqrestore(&lock, flags);
}
