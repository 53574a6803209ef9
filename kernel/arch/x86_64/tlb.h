/*
 * TLB shootdown: after user mappings of an address space are removed or
 * narrowed, the other CPUs that may cache them are made to drop them
 * before the call returns (and before the memory is reused).
 */
#ifndef KERNEL_ARCH_X86_64_TLB_H
#define KERNEL_ARCH_X86_64_TLB_H

#include <stdint.h>

#define VECTOR_TLB_SHOOTDOWN 0xF3

void tlb_init(void);
/* [start, end) of address space `root` changed: flush it on every other
 * CPU running in that space (this CPU's own TLB the caller flushed). */
void tlb_shootdown(uint64_t root, uint64_t start, uint64_t end);

#endif
