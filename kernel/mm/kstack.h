/*
 * Kernel stacks with a guard page: each lives in its own slot of the
 * KERNEL_STACKS_BASE region, with the page below it left unmapped so an
 * overflow faults (double fault on its IST stack) instead of corrupting.
 */
#ifndef KERNEL_MM_KSTACK_H
#define KERNEL_MM_KSTACK_H

#include <stdint.h>

#define KSTACK_SIZE (16 * 1024ULL)

/* Top of a new stack, or 0 when out of memory. */
uint64_t kstack_alloc(void);
void kstack_free(uint64_t top);

#endif
