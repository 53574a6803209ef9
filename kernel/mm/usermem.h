/*
 * User memory as the kernel sees it: checks that a user buffer is mapped
 * with the needed rights before the kernel touches it (so a bad pointer
 * gives EFAULT, never a kernel fault), and anonymous mappings.
 */
#ifndef KERNEL_MM_USERMEM_H
#define KERNEL_MM_USERMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bit 9 (free for software): the frame belongs to this address space. */
#define PTE_OWNED (1ULL << 9)

/* Is [addr, addr+len) user memory mapped in `root` (writable if asked)? */
bool user_range_ok(uint64_t root, uint64_t addr, uint64_t len, bool write);
/* Copy a user string of `len` bytes into a NUL-terminated kernel buffer. */
int64_t user_copy_path(uint64_t root, uint64_t addr, uint64_t len, char *out, size_t out_size);
/* Map `len` bytes of fresh zeroed memory at addr (page aligned) with PTE flags. */
bool user_map_anon(uint64_t root, uint64_t addr, uint64_t len, uint64_t flags);
/* Unmap [addr, addr+len), skipping empty tables; returns how many owned
 * frames were freed. */
uint64_t user_unmap(uint64_t root, uint64_t addr, uint64_t len);
/* Anonymous memory one process may map (FMAP), in pages: 512 MiB. */
#define USER_ANON_LIMIT_PAGES (512ULL << 8)
/* Free an address space: owned frames, then the tables. */
void user_free_space(uint64_t root);
/* A copy of the lower half (fork): owned pages copied, others shared. */
uint64_t user_clone_space(uint64_t root);

#endif
