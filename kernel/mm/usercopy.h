/*
 * Copy-in and copy-out: the kernel's only way to read or write user
 * memory. The range must lie below USER_END (checked here); a page that is
 * missing or lacks the right (a read-only page for copy_to_user, with
 * CR0.WP on) faults inside the copy, and the exception table turns that
 * into -EFAULT (the arch's usercopy.asm). Handlers copy their argument
 * structs in once, act on the kernel copy, and copy results out.
 */
#ifndef KERNEL_MM_USERCOPY_H
#define KERNEL_MM_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

#include "paging.h"

int64_t user_copy_raw(void *dst, const void *src, uint64_t len);

static inline int user_range_valid(uint64_t addr, uint64_t len)
{
	return addr < USER_END && len <= USER_END - addr;
}

/* 0, or -EFAULT (-14) */
static inline int64_t copy_from_user(void *dst, uint64_t src, size_t len)
{
	if (!user_range_valid(src, len))
		return -14;
	return len ? user_copy_raw(dst, (const void *)src, len) : 0;
}

static inline int64_t copy_to_user(uint64_t dst, const void *src, size_t len)
{
	if (!user_range_valid(dst, len))
		return -14;
	return len ? user_copy_raw((void *)dst, src, len) : 0;
}

/* exceptions.c: the fixup for a kernel fault at rip, or 0 */
uint64_t extable_fixup(uint64_t rip);

#endif
