/*
 * Declarations shared inside relibc-c but not public: the platform hooks
 * the kernel-independent code calls, the allocator lock, and small
 * helpers. Nothing here is installed into the sysroot.
 */
#ifndef RELIBC_INTERNAL_H
#define RELIBC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Platform hooks: see src/platform/README.md. */
void *__relibc_pages_alloc(size_t len);
void __relibc_pages_free(void *addr, size_t len);
int __relibc_sigmask_get(unsigned long *mask);
int __relibc_sigmask_set(const unsigned long *mask);
/* 1 if the descriptor is an open folder, 0 if another file, -1 (errno) if not open. */
int __relibc_fd_is_dir(int fd);
/* The running program's name without folders, for messages; never NULL. */
const char *__relibc_program_name(void);

/* The library's own lock: a futex word (lock.c). */
typedef struct {
	volatile int locked;
} __relibc_spinlock;
void __relibc_lock(__relibc_spinlock *l);
void __relibc_unlock(__relibc_spinlock *l);

#define RELIBC_PAGE_SIZE 4096UL

#endif
