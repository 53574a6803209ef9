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
/* Bit 10: the kernel lent this page for a while (a scheme window): fork
 * never copies it, the lender unmaps it. */
#define PTE_LENT (1ULL << 10)
/* Bits 52, 53 (ignored by the MMU): what mprotect may grant a page the
 * process does not own (physical mappings, windows). */
#define PTE_MAY_WRITE (1ULL << 52)
#define PTE_MAY_EXEC  (1ULL << 53)
/* The caching bits a physical mapping chose (kept by mprotect). */
#define PTE_CACHE_BITS ((1ULL << 3) | (1ULL << 4) | (1ULL << 7))
/* Bit 54 (ignored by the MMU): a frame another address space may map too
 * (a user scheme's fmap): this mapping holds one reference (frame_ref),
 * unmapping puts it, fork shares the page instead of copying it. Not the
 * process's own: mprotect grants at most PTE_MAY_WRITE/PTE_MAY_EXEC. */
#define PTE_SHARED (1ULL << 54)
/* Bit 11: anonymous memory charged to the process (FMAP), so unmapping
 * uncharges only what was charged. */
#define PTE_ANON (1ULL << 11)

/* Is [addr, addr+len) user memory mapped in `root` (writable if asked)? */
bool user_range_ok(uint64_t root, uint64_t addr, uint64_t len, bool write);
/* Copy a user string of `len` bytes into a NUL-terminated kernel buffer. */
int64_t user_copy_path(uint64_t root, uint64_t addr, uint64_t len, char *out, size_t out_size);
/* Map `len` bytes of fresh zeroed memory at addr (page aligned) with PTE flags. */
bool user_map_anon(uint64_t root, uint64_t addr, uint64_t len, uint64_t flags);
/* Unmap [addr, addr+len), skipping empty tables; returns how many
 * charged anonymous (PTE_ANON) pages were freed. */
uint64_t user_unmap(uint64_t root, uint64_t addr, uint64_t len);
/* Anonymous memory one process may map (FMAP), in pages: 512 MiB. */
#define USER_ANON_LIMIT_PAGES (512ULL << 8)
/*
 * Address spaces are reference counted: the process holds one reference,
 * and anything else that writes its page tables later (a scheme provider's
 * windows) holds another. user_free_space drops one; the last frees owned
 * frames, then the tables. user_space_hold fails only when out of slots.
 */
bool user_space_hold(uint64_t root);
void user_free_space(uint64_t root);
/* A copy of the lower half (fork): owned pages copied, others shared. */
uint64_t user_clone_space(uint64_t root);

#endif
