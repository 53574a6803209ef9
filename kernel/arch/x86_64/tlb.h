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

#endif
