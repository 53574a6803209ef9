/*
 * Kernel heap. Small objects come from per-size-class free lists carved
 * out of whole frames; anything above the largest class takes physically
 * contiguous frames. Every block is preceded by a 16-byte header holding
 * its class (or page count), so kfree needs no size.
 */
#define LOG_MODULE "mm::heap"
#include <freestanding/string.h>

#include "frame.h"
#include "heap.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"

#define HEADER      16
#define CLASS_COUNT 8
/* block sizes, header included */
static const size_t class_size[CLASS_COUNT] = {32, 64, 128, 256, 512, 1024, 2048, 4096};

struct free_block {
	struct free_block *next;
};

struct header {
	uint64_t kind; /* class index, or LARGE | page count */
	uint64_t magic;
};
#define LARGE (1ULL << 63)
#define MAGIC 0x4B484541504F4B21ULL

static struct free_block *free_lists[CLASS_COUNT];
static struct spinlock lock;

static int class_for(size_t size)
{
	for (int c = 0; c < CLASS_COUNT; c++)
		if (size <= class_size[c] - HEADER)
			return c;
	return -1;
}

static bool refill(int c)
{
	uint64_t phys = frame_alloc();
	if (!phys)
		return false;
	uint8_t *page = phys_to_virt(phys);
	size_t block = class_size[c];
	for (size_t off = 0; off + block <= PAGE_SIZE; off += block) {
		struct free_block *b = (struct free_block *)(page + off);
		b->next = free_lists[c];
		free_lists[c] = b;
	}
	return true;
}

void *kmalloc(size_t size)
{
	int c = class_for(size);
	if (c < 0) {
		size_t pages = (size + HEADER + PAGE_SIZE - 1) / PAGE_SIZE;
		uint64_t phys = frame_alloc_contiguous(pages, 0);
		if (!phys)
			return 0;
		struct header *h = phys_to_virt(phys);
		h->kind = LARGE | pages;
		h->magic = MAGIC;
		return (uint8_t *)h + HEADER;
	}
	uint64_t flags = spin_lock_irqsave(&lock);
	if (!free_lists[c] && !refill(c)) {
		spin_unlock_irqrestore(&lock, flags);
		return 0;
	}
	struct free_block *b = free_lists[c];
	free_lists[c] = b->next;
	spin_unlock_irqrestore(&lock, flags);
	struct header *h = (struct header *)b;
	h->kind = (uint64_t)c;
	h->magic = MAGIC;
	return (uint8_t *)h + HEADER;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *ptr)
{
	if (!ptr)
		return;
	struct header *h = (struct header *)((uint8_t *)ptr - HEADER);
	if (h->magic != MAGIC)
		panic("kfree(%p): not a heap block (double free or corruption)", ptr);
	h->magic = 0;
	if (h->kind & LARGE) {
		frame_free_contiguous((uint64_t)h - REDOX_PHYS_OFFSET, h->kind & ~LARGE);
		return;
	}
	int c = (int)h->kind;
	uint64_t flags = spin_lock_irqsave(&lock);
	struct free_block *b = (struct free_block *)h;
	b->next = free_lists[c];
	free_lists[c] = b;
	spin_unlock_irqrestore(&lock, flags);
}
