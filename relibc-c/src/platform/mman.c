/*
 * Memory mappings: mmap/munmap/mprotect over FMAP/FUNMAP/MPROTECT, and
 * the page hooks malloc draws from.
 */
#include <errno.h>
#include <sys/mman.h>
#include <redox/abi/types.h>

#include "sys.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	struct redox_map map = {
	    .offset = (uint64_t)off,
	    .size = len,
	    .flags = (uint64_t)(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) |
	             (uint64_t)(flags & (MAP_SHARED | MAP_PRIVATE | MAP_FIXED)),
	    .address = (uint64_t)addr,
	};
	uint64_t handle = (flags & MAP_ANONYMOUS) ? REDOX_ANON_FD : (uint64_t)fd;
	long r = __sys_result(syscall3(SYS_FMAP, handle, (uint64_t)&map, sizeof map));
	return r < 0 ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len)
{
	return (int)__sys_result(syscall2(SYS_FUNMAP, (uint64_t)addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__sys_result(syscall3(SYS_MPROTECT, (uint64_t)addr, len, (uint64_t)prot));
}

void *__relibc_pages_alloc(size_t len)
{
	void *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 0 : p;
}

void __relibc_pages_free(void *p, size_t len)
{
	munmap(p, len);
}
