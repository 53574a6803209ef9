/*
 * Physical memory: 4 KiB frames handed out from the boot memory map.
 */
#ifndef KERNEL_MM_FRAME_H
#define KERNEL_MM_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../boot.h"

#define PAGE_SIZE 4096ULL
#define PAGE_MASK (~(PAGE_SIZE - 1))

void frame_init(const struct boot_info *boot);
/* One zeroed frame, or 0 when memory is exhausted. */
uint64_t frame_alloc(void);
/* count physically contiguous zeroed frames below `limit` (0: anywhere). */
uint64_t frame_alloc_contiguous(size_t count, uint64_t limit);
void frame_free(uint64_t phys);
void frame_free_contiguous(uint64_t phys, size_t count);
/* One more reference to an allocated frame (false: not one, or too many). */
bool frame_ref(uint64_t phys);
/* Drop a reference: the frame is freed with the last one. */
void frame_put(uint64_t phys);
/* Is this frame RAM the allocator manages (so a user may not map it raw)? */
bool frame_is_managed(uint64_t phys);
size_t frame_free_count(void);
size_t frame_total_count(void);
uint64_t frame_highest_address(void);

#endif
