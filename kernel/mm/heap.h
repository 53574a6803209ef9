/*
 * The kernel heap: kmalloc/kfree for kernel objects.
 */
#ifndef KERNEL_MM_HEAP_H
#define KERNEL_MM_HEAP_H

#include <stddef.h>

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *ptr);

#endif
