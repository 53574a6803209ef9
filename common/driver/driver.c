/*
 * Userspace driver helpers (see driver.h), over relibc-c and raw syscalls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <redox/syscall.h>

#include "driver.h"

int driver_env_str(const char *key, char *out, size_t len)
{
	static char env[4096];
	static ssize_t env_len = -1;
	if (env_len < 0) {
		int fd = open("sys:env", O_RDONLY);
		if (fd < 0)
			return 0;
		ssize_t n;
		env_len = 0;
		while (env_len < (ssize_t)sizeof env - 1 &&
		       (n = read(fd, env + env_len, sizeof env - 1 - (size_t)env_len)) > 0)
			env_len += n;
		close(fd);
		env[env_len] = 0;
	}
	size_t klen = strlen(key);
	for (const char *line = env; line && *line;) {
		if (!strncmp(line, key, klen) && line[klen] == '=') {
			const char *v = line + klen + 1, *e = strchr(v, '\n');
			size_t n = e ? (size_t)(e - v) : strlen(v);
			if (n >= len)
				n = len - 1;
			memcpy(out, v, n);
			out[n] = 0;
			return 1;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : 0;
	}
	return 0;
}

uint64_t driver_env_hex(const char *key)
{
	char v[64];
	return driver_env_str(key, v, sizeof v) ? strtoull(v, 0, 16) : 0;
}

void *driver_map_mmio(uint64_t phys, uint64_t size)
{
	uint64_t base = phys & ~4095ULL, len = (phys - base + size + 4095) & ~4095ULL;
	int fd = open("memory:physical@uc", O_RDWR);
	if (fd < 0)
		return 0;
	void *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)base);
	int err = errno;
	close(fd);
	errno = err;
	return p == MAP_FAILED ? 0 : (uint8_t *)p + (phys - base);
}

int driver_dma_alloc(struct dma_buf *buf, uint64_t size)
{
	size = (size + 4095) & ~4095ULL;
	uint64_t r = syscall1(SYS_PHYSALLOC, size);
	if (redox_is_error(r))
		return -(int)-(int64_t)r;
	buf->phys = r;
	buf->size = size;
	buf->virt = driver_map_mmio(r, size);
	if (!buf->virt) {
		int err = errno;
		syscall2(SYS_PHYSFREE, r, size);
		return -err;
	}
	memset(buf->virt, 0, size);
	return 0;
}

int driver_pcid_bar(int n, uint64_t *addr, uint64_t *size)
{
	char name[16];
	snprintf(name, sizeof name, "PCID_BAR%d", n);
	const char *v = getenv(name);
	if (!v)
		return 0;
	char *end;
	*addr = strtoull(v, &end, 16);
	*size = strtoull(end, 0, 16);
	return *size != 0;
}
