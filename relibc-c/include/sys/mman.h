/*
 * sys/mman.h: memory mapping. PROT_* and MAP_* are the ABI's values
 * (redox/abi/flags.h); the functions come from the platform layer.
 */
#ifndef _RELIBC_SYS_MMAN_H
#define _RELIBC_SYS_MMAN_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>
#include <redox/abi/flags.h>

__RELIBC_BEGIN_DECLS

/* not an ABI flag: the library turns it into an FMAP on the anonymous fd */
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS
#define MAP_FAILED    ((void *)-1)

/* msync: MS_ASYNC and MS_SYNC both write the pages back before returning */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int msync(void *addr, size_t len, int flags);

__RELIBC_END_DECLS

#endif
