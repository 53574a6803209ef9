/*
 * The root filesystem on a disk: finding the partition whose RedoxFS
 * header carries the uuid the bootloader named (REDOXFS_UUID), by trying
 * every partition of every disk scheme (disk.ahci0..3, disk.nvme0..3),
 * and the I/O the redoxfs library does on it.
 *
 * The cache keeps CACHE_BLOCKS 4 KiB blocks, direct-mapped by block
 * number, and is write-back: a whole-block write only marks its block
 * dirty, and a dirty block reaches the disk when it is evicted or at the
 * next flush, which first writes every dirty block (in block order, runs
 * of up to 64 blocks per request) and then flushes the disk (its fsync, a
 * FLUSH CACHE command). That keeps the commit protocol's order (new
 * blocks, flush, header, flush): the library only ever writes blocks the
 * last commit does not use, so they may reach the disk in any order
 * before the flush; header writes (512 bytes) bypass the cache.
 *
 * A disk driver that dies fails its requests in flight with EIO; pcid
 * restarts it. So a failed request is retried on a freshly opened handle
 * for up to RETRY_MS (block reads and writes can safely be repeated), and
 * only then reported.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "redoxfsd.h"

#define BLOCK        4096
#define CACHE_BLOCKS 8192 /* 32 MiB */
#define RETRY_MS     30000
#define AHEAD        32 /* blocks a missed read brings in (the kernel's 128 KiB) */

struct cached {
	uint64_t block; /* ~0: empty */
	uint8_t *data;
	bool dirty;
};

static struct {
	char path[48];
	int fd;
	uint64_t blocks; /* the partition's size */
	struct cached cache[CACHE_BLOCKS];
	uint8_t *cache_mem;
} d = {.fd = -1};

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, 0);
}

/* One transfer with retries across a driver restart; 0 or -REDOXFS_EIO. */
static int transfer(uint64_t offset, void *buf, size_t len, bool write_it)
{
	for (long waited = 0;; waited += 100) {
		if (d.fd < 0)
			d.fd = open(d.path, O_RDWR);
		if (d.fd >= 0 && lseek(d.fd, (off_t)offset, SEEK_SET) == (off_t)offset) {
			/* the kernel moves at most 128 KiB per read: loop over short counts */
			size_t done = 0;
			ssize_t n = 1;
			while (done < len && n > 0) {
				n = write_it ? write(d.fd, (uint8_t *)buf + done, len - done)
				             : read(d.fd, (uint8_t *)buf + done, len - done);
				done += n > 0 ? (size_t)n : 0;
			}
			if (done == len) {
				if (waited)
					printf("redoxfsd: %s: I/O resumed after %ld ms\n", d.path,
					       waited);
				return 0;
			}
		}
		if (waited == 0)
			printf("redoxfsd: %s: I/O failed (%s); retrying\n", d.path,
			       strerror(errno));
		if (waited >= RETRY_MS)
			return -REDOXFS_EIO;
		if (d.fd >= 0)
			close(d.fd);
		d.fd = -1;
		sleep_ms(100);
	}
}

/* Write a dirty block out (it stays cached, clean). */
static int clean(struct cached *c)
{
	if (!c->dirty)
		return 0;
	int r = transfer(c->block * BLOCK, c->data, BLOCK, true);
	if (!r)
		c->dirty = false;
	return r;
}

/* Make room in c's slot for another block. */
static int evict(struct cached *c)
{
	int r = clean(c);
	if (!r)
		c->block = ~0ULL;
	return r;
}

/*
 * A miss on `block` that the caller does not need the following blocks
 * of: read up to AHEAD blocks from it in one request into the cache
 * (only into slots that hold nothing dirty and not the block already).
 * The library reads one block at a time, mostly of blocks allocated
 * together: fsck at mount and walks of the trees take one request per
 * AHEAD blocks instead of one per block.
 */
static int read_ahead(uint64_t block)
{
	static uint8_t run_buf[AHEAD * BLOCK];
	size_t n = 1;
	while (n < AHEAD && block + n < d.blocks) {
		const struct cached *c = &d.cache[(block + n) % CACHE_BLOCKS];
		if (c->block == block + n || c->dirty)
			break;
		n++;
	}
	int r = transfer(block * BLOCK, run_buf, n * BLOCK, false);
	for (size_t i = 0; !r && i < n; i++) {
		struct cached *m = &d.cache[(block + i) % CACHE_BLOCKS];
		if ((r = evict(m)))
			break;
		m->block = block + i;
		memcpy(m->data, run_buf + i * BLOCK, BLOCK);
	}
	return r;
}

static int disk_read(void *ctx, uint64_t offset, void *buf, size_t len)
{
	(void)ctx;
	if (offset % BLOCK || len % BLOCK)
		return transfer(offset, buf, len, false);
	uint8_t *out = buf;
	for (size_t done = 0; done < len; done += BLOCK) {
		uint64_t block = (offset + done) / BLOCK;
		struct cached *c = &d.cache[block % CACHE_BLOCKS];
		if (c->block != block && len == BLOCK) {
			int r = read_ahead(block);
			if (r)
				return r;
		}
		if (c->block != block) {
			/* read the run of misses from here in one request */
			size_t run = BLOCK;
			while (done + run < len &&
			       d.cache[(block + run / BLOCK) % CACHE_BLOCKS].block !=
			           block + run / BLOCK &&
			       run < 64 * BLOCK)
				run += BLOCK;
			int r = transfer(offset + done, out + done, run, false);
			for (size_t i = 0; !r && i < run; i += BLOCK) {
				struct cached *m = &d.cache[(block + i / BLOCK) % CACHE_BLOCKS];
				if ((r = evict(m)))
					break;
				m->block = block + i / BLOCK;
				memcpy(m->data, out + done + i, BLOCK);
			}
			if (r)
				return r;
			done += run - BLOCK;
			continue;
		}
		memcpy(out + done, c->data, BLOCK);
	}
	return 0;
}

static int disk_write(void *ctx, uint64_t offset, const void *buf, size_t len)
{
	(void)ctx;
	if (offset % BLOCK || len % BLOCK) {
		/* a header: straight to the disk, the cached copy dropped */
		for (uint64_t b = offset / BLOCK; b * BLOCK < offset + len; b++) {
			struct cached *c = &d.cache[b % CACHE_BLOCKS];
			if (c->block == b) {
				int r = evict(c);
				if (r)
					return r;
			}
		}
		return transfer(offset, (void *)buf, len, true);
	}
	for (size_t done = 0; done < len; done += BLOCK) {
		uint64_t block = (offset + done) / BLOCK;
		struct cached *c = &d.cache[block % CACHE_BLOCKS];
		if (c->block != block) {
			int r = evict(c);
			if (r)
				return r;
			c->block = block;
		}
		memcpy(c->data, (const uint8_t *)buf + done, BLOCK);
		c->dirty = true;
	}
	return 0;
}

static int by_block(const void *a, const void *b)
{
	uint64_t x = (*(struct cached *const *)a)->block, y = (*(struct cached *const *)b)->block;
	return x < y ? -1 : x > y;
}

/* Every dirty block to the disk, in order, contiguous ones in one request. */
static int write_back(void)
{
	static struct cached *dirty[CACHE_BLOCKS];
	static uint8_t run_buf[64 * BLOCK];
	size_t count = 0;
	for (int b = 0; b < CACHE_BLOCKS; b++)
		if (d.cache[b].dirty)
			dirty[count++] = &d.cache[b];
	qsort(dirty, count, sizeof dirty[0], by_block);
	for (size_t i = 0; i < count;) {
		size_t n = 1;
		while (i + n < count && n < 64 && dirty[i + n]->block == dirty[i]->block + n)
			n++;
		for (size_t j = 0; j < n; j++)
			memcpy(run_buf + j * BLOCK, dirty[i + j]->data, BLOCK);
		int r = transfer(dirty[i]->block * BLOCK, run_buf, n * BLOCK, true);
		if (r)
			return r;
		for (size_t j = 0; j < n; j++)
			dirty[i + j]->dirty = false;
		i += n;
	}
	return 0;
}

static int disk_flush(void *ctx)
{
	(void)ctx;
	int r = write_back();
	if (r)
		return r;
	for (long waited = 0;; waited += 100) {
		if (d.fd >= 0 && fsync(d.fd) == 0)
			return 0;
		if (waited >= RETRY_MS)
			return -REDOXFS_EIO;
		if (d.fd >= 0)
			close(d.fd);
		d.fd = open(d.path, O_RDWR);
		sleep_ms(100);
	}
}

static const struct redoxfs_io disk_io = {disk_read, disk_write, disk_flush, 0};

/* Does the partition at `path` hold a RedoxFS header with this uuid? */
static bool holds(const char *path, const uint8_t uuid[16])
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	static uint8_t block[BLOCK];
	bool found = false;
	for (int slot = 0; slot < 4 && !found; slot++)
		found = lseek(fd, (off_t)slot * BLOCK, SEEK_SET) == (off_t)slot * BLOCK &&
		        read(fd, block, BLOCK) == BLOCK && !memcmp(block, "RedoxFS", 8) &&
		        !memcmp(block + 0x18, uuid, 16);
	close(fd);
	return found;
}

static bool parse_uuid(const char *text, uint8_t out[16])
{
	int n = 0;
	for (const char *p = text; *p && n < 16; p++) {
		if (*p == '-')
			continue;
		unsigned v;
		if (sscanf(p, "%2x", &v) != 1)
			return false;
		out[n++] = (uint8_t)v;
		p++;
	}
	return n == 16;
}

const struct redoxfs_io *disk_find(const char *uuid_text, char *where, size_t len, const char **why)
{
	uint8_t uuid[16];
	if (!parse_uuid(uuid_text, uuid)) {
		*why = "REDOXFS_UUID is not a uuid";
		return 0;
	}
	static const char *const drivers[] = {"ahci", "nvme", "virtio"};
	for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++) {
		for (int n = 0; n < 4; n++) {
			char scheme[32];
			snprintf(scheme, sizeof scheme, "disk.%s%d:", drivers[i], n);
			int fd = open(scheme, O_RDONLY);
			if (fd < 0)
				continue;
			char list[1024];
			ssize_t got = read(fd, list, sizeof list - 1);
			close(fd);
			list[got > 0 ? got : 0] = 0;
			for (char *name = strtok(list, "\n"); name; name = strtok(0, "\n")) {
				snprintf(d.path, sizeof d.path, "%s%s", scheme, name);
				if (!strchr(name, 'p') || !holds(d.path, uuid))
					continue;
				d.cache_mem = malloc((size_t)CACHE_BLOCKS * BLOCK);
				if (!d.cache_mem) {
					*why = "no memory for the block cache";
					return 0;
				}
				for (int b = 0; b < CACHE_BLOCKS; b++)
					d.cache[b] = (struct cached){
					    ~0ULL, d.cache_mem + (size_t)b * BLOCK, false};
				int pfd = open(d.path, O_RDONLY);
				off_t end = pfd >= 0 ? lseek(pfd, 0, SEEK_END) : -1;
				if (pfd >= 0)
					close(pfd);
				d.blocks = end > 0 ? (uint64_t)end / BLOCK : 0;
				snprintf(where, len, "%s", d.path);
				return &disk_io;
			}
		}
	}
	*why = "no disk partition holds it (is the disk driver running?)";
	return 0;
}
