/*
 * Host side of the tools: pread/pwrite-backed RedoxFS devices, hooks on
 * malloc and the system clock, small parsing helpers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "host.h"

static int io_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct image *img = ctx;
	uint8_t *p = buf;
	while (len) {
		ssize_t n = pread(img->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -REDOXFS_EIO; /* error or past the end of the image */
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static int io_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	struct image *img = ctx;
	const uint8_t *p = buf;
	while (len) {
		ssize_t n = pwrite(img->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 && errno == ENOSPC ? -REDOXFS_ENOSPC : -REDOXFS_EIO;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static int io_flush(void *ctx)
{
	struct image *img = ctx;
	return fdatasync(img->fd) == 0 || errno == EINVAL ? 0 : -REDOXFS_EIO;
}

bool image_open(struct image *img, const char *tool, const char *path, bool writable, bool create)
{
	int flags = writable ? O_RDWR : O_RDONLY;
	if (create)
		flags |= O_CREAT;
	img->path = path;
	img->fd = open(path, flags | O_CLOEXEC, 0644);
	if (img->fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", tool, path, strerror(errno));
		return false;
	}
	off_t end = lseek(img->fd, 0, SEEK_END);
	img->size = end > 0 && (uint64_t)end > img->offset ? (uint64_t)end - img->offset : 0;
	img->io.read = io_read;
	img->io.write = writable ? io_write : NULL;
	img->io.flush = writable ? io_flush : NULL;
	img->io.ctx = img;
	return true;
}

void image_close(struct image *img)
{
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
}

struct redoxfs_time host_fixed_now;

static void host_now(struct redoxfs_time *t)
{
	if (host_fixed_now.sec || host_fixed_now.nsec) {
		*t = host_fixed_now;
		return;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	t->sec = (uint64_t)ts.tv_sec;
	t->nsec = (uint32_t)ts.tv_nsec;
}

const struct redoxfs_hooks host_hooks = {malloc, free, host_now};

const char *host_strerror(int err)
{
	if (err == -REDOXFS_EINVAL)
		return "not a RedoxFS filesystem, or an invalid argument";
	if (err == -REDOXFS_EIO)
		return "I/O error or damaged filesystem (run redoxfs-fsck)";
	return strerror(-err); /* the numbers are the host's (Linux) errno values */
}

void host_uuid(uint8_t uuid[16])
{
	FILE *f = fopen("/dev/urandom", "rb");
	if (!f || fread(uuid, 1, 16, f) != 16) {
		/* Not secret, only needs to differ between filesystems. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t x =
		    (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid();
		for (int i = 0; i < 16; i++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			uuid[i] = (uint8_t)(x >> 56);
		}
	}
	if (f)
		fclose(f);
	uuid[6] = (uint8_t)((uuid[6] & 0x0F) | 0x40); /* RFC 4122 version 4 */
	uuid[8] = (uint8_t)((uuid[8] & 0x3F) | 0x80);
}

bool host_parse_u64(const char *s, uint64_t *out)
{
	char *end;
	if (!*s || *s == '-')
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

struct redoxfs *host_mount(const char *tool, struct image *img)
{
	struct redoxfs *fs;
	int err = redoxfs_mount(&fs, &img->io, img->offset, &host_hooks);
	if (err) {
		fprintf(stderr, "%s: %s: %s\n", tool, img->path, host_strerror(err));
		return NULL;
	}
	return fs;
}
