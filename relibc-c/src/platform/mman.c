/*
 * Memory mappings: mmap/munmap/mprotect/msync over FMAP/FUNMAP/MPROTECT,
 * and the page hooks malloc draws from.
 *
 * A MAP_SHARED mapping of a file is the file's own pages in its scheme
 * (redoxfsd shares them through fmap; docs/architecture.md "Userspace
 * schemes"), written back to the file when a handle that mapped them is
 * fsynced or closed. So that the mapping outlives close(fd), as POSIX
 * says, the library keeps a handle (a dup) for each shared file mapping
 * until munmap covers it; msync fsyncs that handle.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <redox/abi/types.h>

#include "sys.h"
#include "../internal/internal.h"

struct file_map {
	uintptr_t start, end;
	int fd; /* the kept handle */
};

static struct file_map *file_maps;
static size_t file_map_count, file_map_cap;
static __relibc_spinlock file_maps_lock;

static int keep_handle(void *addr, size_t len, int fd)
{
	int kept = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (kept < 0)
		return -1;
	__relibc_lock(&file_maps_lock);
	if (file_map_count == file_map_cap) {
		size_t cap = file_map_cap ? file_map_cap * 2 : 8;
		struct file_map *bigger = realloc(file_maps, cap * sizeof *bigger);
		if (!bigger) {
			__relibc_unlock(&file_maps_lock);
			close(kept);
			errno = ENOMEM;
			return -1;
		}
		file_maps = bigger;
		file_map_cap = cap;
	}
	file_maps[file_map_count++] =
	    (struct file_map){(uintptr_t)addr, (uintptr_t)addr + len, kept};
	__relibc_unlock(&file_maps_lock);
	return 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (len == 0 || (off & 4095) || ((flags & MAP_FIXED) && ((uintptr_t)addr & 4095))) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	struct redox_map map = {
	    .offset = (uint64_t)off,
	    .size = len,
	    .flags = (uint64_t)(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) |
	             (uint64_t)(flags & (MAP_SHARED | MAP_PRIVATE | MAP_FIXED)),
	    .address = (uint64_t)addr,
	};
	bool anonymous = flags & MAP_ANONYMOUS;
	uint64_t handle = anonymous ? REDOX_ANON_FD : (uint64_t)fd;
	long r = __sys_result(redox_sys_fmap(handle, &map, sizeof map));
	if (r < 0)
		return MAP_FAILED;
	if (!anonymous && (flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE &&
	    keep_handle((void *)r, len, fd) < 0) {
		int saved = errno;
		redox_sys_funmap((uint64_t)r, len);
		errno = saved;
		return MAP_FAILED;
	}
	return (void *)r;
}

/* Apply `sync` to the kept handles of shared file mappings overlapping the
 * range; with `release`, also give up those the range covers whole. */
static int file_maps_visit(uintptr_t start, uintptr_t end, bool sync, bool release)
{
	int result = 0;
	__relibc_lock(&file_maps_lock);
	for (size_t i = 0; i < file_map_count;) {
		struct file_map m = file_maps[i];
		if (m.end <= start || m.start >= end) {
			i++;
			continue;
		}
		if (sync && fsync(m.fd) < 0)
			result = -1;
		if (release && start <= m.start && end >= m.end) {
			close(m.fd); /* the scheme writes the pages back */
			file_maps[i] = file_maps[--file_map_count];
			continue;
		}
		i++;
	}
	__relibc_unlock(&file_maps_lock);
	return result;
}

int munmap(void *addr, size_t len)
{
	if (((uintptr_t)addr & 4095) || len == 0) {
		errno = EINVAL;
		return -1;
	}
	if (__atomic_load_n(&file_map_count, __ATOMIC_RELAXED))
		file_maps_visit((uintptr_t)addr, (uintptr_t)addr + len, false, true);
	return (int)__sys_result(redox_sys_funmap((uint64_t)(uintptr_t)addr, len));
}

int msync(void *addr, size_t len, int flags)
{
	if (((uintptr_t)addr & 4095) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC))) {
		errno = EINVAL;
		return -1;
	}
	/* the scheme's pages are the file's: there is nothing to invalidate, and
	 * MS_ASYNC has the pages written back now, as MS_SYNC; a cancellation
	 * point on the way in, not under the maps' lock */
	pthread_testcancel();
	int state;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
	int r = file_maps_visit((uintptr_t)addr, (uintptr_t)addr + len, true, false);
	pthread_setcancelstate(state, 0);
	return r;
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__sys_result(
	    redox_sys_mprotect((uint64_t)(uintptr_t)addr, len, (uint64_t)prot));
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
