/*
 * The frame allocator: one bit per 4 KiB frame of RAM, set when the frame
 * is in use, and a count of the extra references to it (a page two address
 * spaces map: user-scheme fmap, kernel/scheme/user.c): frame_put drops one
 * and frees the frame with the last. The bitmap and the counts live in the
 * first free area big enough to hold them. Memory below 1 MiB is never handed out (the BIOS, the
 * SMP trampoline), nor is anything the bootloader placed from the kernel to the end of its boot
 * stack.
 */
#define LOG_MODULE "mm::frame"
#include <freestanding/string.h>

#include "frame.h"
#include "../lib/assert.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"

#define LOW_MEMORY_END 0x100000ULL

static uint64_t *bitmap;     /* direct-map pointer */
static uint16_t *extra_refs; /* per frame: references beyond the first */
static size_t frame_count;
static size_t free_frames, total_frames;
static size_t search_hint;
static struct spinlock lock;

static inline bool bit_test(size_t i)
{
	return bitmap[i / 64] & (1ULL << (i % 64));
}

static inline void bit_set(size_t i)
{
	bitmap[i / 64] |= 1ULL << (i % 64);
}

static inline void bit_clear(size_t i)
{
	bitmap[i / 64] &= ~(1ULL << (i % 64));
}

static uint64_t align_up(uint64_t v)
{
	return (v + PAGE_SIZE - 1) & PAGE_MASK;
}

void frame_init(const struct boot_info *boot)
{
	uint64_t top = 0;
	for (size_t i = 0; i < boot->area_count; i++)
		if (boot->areas[i].kind == REDOX_MEMORY_FREE &&
		    boot->areas[i].base + boot->areas[i].size > top)
			top = boot->areas[i].base + boot->areas[i].size;
	frame_count = top / PAGE_SIZE;
	size_t bitmap_bytes = align_up((frame_count + 63) / 64 * 8);
	size_t refs_bytes = align_up(frame_count * sizeof(uint16_t));
	size_t meta_bytes = bitmap_bytes + refs_bytes;

	/* Reserved span handed over by the bootloader: kernel .. end of boot stack. */
	const struct redox_boot_args *a = boot->args;
	uint64_t boot_start = a->kernel_base & PAGE_MASK;
	uint64_t boot_end = align_up(a->stack_base + a->stack_size);

	uint64_t bitmap_phys = 0;
	for (size_t i = 0; i < boot->area_count && !bitmap_phys; i++) {
		const struct redox_memory_area *m = &boot->areas[i];
		if (m->kind != REDOX_MEMORY_FREE)
			continue;
		uint64_t start = align_up(m->base), end = (m->base + m->size) & PAGE_MASK;
		if (start < LOW_MEMORY_END)
			start = LOW_MEMORY_END;
		if (start < boot_end && end > boot_start)
			start = boot_end; /* areas are sorted; skip past the boot span */
		if (end > start && end - start >= meta_bytes)
			bitmap_phys = start;
	}
	if (!bitmap_phys)
		panic("no free area can hold the frame bitmap (%zu bytes)", meta_bytes);
	bitmap = phys_to_virt(bitmap_phys);
	memset(bitmap, 0xFF, bitmap_bytes); /* everything used until proven free */
	extra_refs = phys_to_virt(bitmap_phys + bitmap_bytes);
	memset(extra_refs, 0, refs_bytes);

	for (size_t i = 0; i < boot->area_count; i++) {
		const struct redox_memory_area *m = &boot->areas[i];
		if (m->kind != REDOX_MEMORY_FREE)
			continue;
		for (uint64_t p = align_up(m->base); p + PAGE_SIZE <= m->base + m->size;
		     p += PAGE_SIZE) {
			if (p < LOW_MEMORY_END || (p >= boot_start && p < boot_end) ||
			    (p >= bitmap_phys && p < bitmap_phys + meta_bytes))
				continue;
			bit_clear(p / PAGE_SIZE);
			free_frames++;
		}
	}
	total_frames = free_frames;
	search_hint = LOW_MEMORY_END / PAGE_SIZE;
	log_info("%zu MiB in %zu free frames; bitmap at %llx", free_frames >> 8, free_frames,
	         (unsigned long long)bitmap_phys);
}

uint64_t frame_alloc(void)
{
	uint64_t flags = spin_lock_irqsave(&lock);
	for (size_t n = 0; n < frame_count; n++) {
		size_t i = search_hint + n;
		if (i >= frame_count)
			i -= frame_count;
		if (bitmap[i / 64] == ~0ULL) {
			n += 63 - i % 64;
			continue;
		}
		if (!bit_test(i)) {
			bit_set(i);
			free_frames--;
			search_hint = i + 1;
			spin_unlock_irqrestore(&lock, flags);
			uint64_t phys = (uint64_t)i * PAGE_SIZE;
			memset(phys_to_virt(phys), 0, PAGE_SIZE);
			return phys;
		}
	}
	spin_unlock_irqrestore(&lock, flags);
	return 0;
}

uint64_t frame_alloc_contiguous(size_t count, uint64_t limit)
{
	if (count == 0)
		return 0;
	size_t end = limit ? limit / PAGE_SIZE : frame_count;
	if (end > frame_count)
		end = frame_count;
	uint64_t flags = spin_lock_irqsave(&lock);
	size_t run = 0;
	for (size_t i = LOW_MEMORY_END / PAGE_SIZE; i < end; i++) {
		if (i % 64 == 0 && bitmap[i / 64] == ~0ULL && i + 63 < end) {
			run = 0; /* a full word: 64 used frames at once (bounce buffers come here
			            often) */
			i += 63;
			continue;
		}
		run = bit_test(i) ? 0 : run + 1;
		if (run == count) {
			size_t first = i + 1 - count;
			for (size_t j = first; j <= i; j++)
				bit_set(j);
			free_frames -= count;
			spin_unlock_irqrestore(&lock, flags);
			uint64_t phys = (uint64_t)first * PAGE_SIZE;
			memset(phys_to_virt(phys), 0, count * PAGE_SIZE);
			return phys;
		}
	}
	spin_unlock_irqrestore(&lock, flags);
	return 0;
}

void frame_free_contiguous(uint64_t phys, size_t count)
{
	uint64_t flags = spin_lock_irqsave(&lock);
	for (size_t k = 0; k < count; k++) {
		size_t i = (size_t)(phys / PAGE_SIZE) + k;
		if (i >= frame_count || !bit_test(i))
			panic("frame_free: %llx is not an allocated frame",
			      (unsigned long long)(i * PAGE_SIZE));
		bit_clear(i);
		free_frames++;
	}
	spin_unlock_irqrestore(&lock, flags);
}

void frame_free(uint64_t phys)
{
	KASSERT(phys / PAGE_SIZE >= frame_count || !extra_refs[phys / PAGE_SIZE]);
	frame_free_contiguous(phys, 1);
}

bool frame_ref(uint64_t phys)
{
	size_t i = (size_t)(phys / PAGE_SIZE);
	if (phys < LOW_MEMORY_END || i >= frame_count)
		return false;
	uint64_t flags = spin_lock_irqsave(&lock);
	bool ok = bit_test(i) && extra_refs[i] < UINT16_MAX;
	if (ok)
		extra_refs[i]++;
	spin_unlock_irqrestore(&lock, flags);
	return ok;
}

void frame_put(uint64_t phys)
{
	size_t i = (size_t)(phys / PAGE_SIZE);
	KASSERT(i < frame_count);
	uint64_t flags = spin_lock_irqsave(&lock);
	if (extra_refs[i]) {
		extra_refs[i]--;
		spin_unlock_irqrestore(&lock, flags);
		return;
	}
	spin_unlock_irqrestore(&lock, flags);
	frame_free_contiguous(phys, 1);
}

bool frame_is_managed(uint64_t phys)
{
	return phys >= LOW_MEMORY_END && phys / PAGE_SIZE < frame_count;
}

size_t frame_free_count(void)
{
	return free_frames;
}

size_t frame_total_count(void)
{
	return total_frames;
}

uint64_t frame_highest_address(void)
{
	return (uint64_t)frame_count * PAGE_SIZE;
}
