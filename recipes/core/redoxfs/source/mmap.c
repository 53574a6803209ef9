/*
 * File mappings: the pages redoxfsd shares with clients through fmap
 * (docs/architecture.md "Userspace schemes"). A MAP_PRIVATE request gets a
 * buffer filled from the file, which the kernel copies; it is freed once
 * the replies are written. A shared request gets the inode's shared buffer
 * covering that range (made on first use, filled from the file), so every
 * process mapping the same range sees the same pages. While such a buffer
 * lives, reads of the file see its bytes and writes update it; its bytes
 * go back to the file (never past the file's end: a mapping does not grow
 * a file) when a handle of that inode is fsynced and when a handle that
 * mapped it closes. It is freed with the last such handle (clients keep
 * their pages: the kernel counts references to them).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <redox/abi/flags.h>

#include "redoxfsd.h"

#define PAGE 4096ULL

struct shared_map {
	uint32_t ino;
	uint64_t offset, size;
	char *buf;
	bool written; /* some handle mapped it writable: write it back */
	struct shared_map *next;
};

/* Which handle mapped which buffer (a handle may map several). */
struct map_use {
	uint64_t handle;
	struct shared_map *map;
	struct map_use *next;
};

static struct shared_map *maps;
static struct map_use *uses;
static char *private_bufs[64];
static uint64_t private_sizes[64];
static size_t private_count;

/* Fill buf with the file's bytes at offset (zeros past its end). */
static int fill(struct redoxfs *fs, uint32_t ino, uint64_t offset, char *buf, uint64_t size)
{
	uint64_t done = 0;
	while (done < size) {
		int64_t r = redoxfs_read(fs, ino, offset + done, buf + done, size - done);
		if (r < 0)
			return (int)r;
		if (r == 0)
			break;
		done += (uint64_t)r;
	}
	return 0;
}

static char *new_buffer(uint64_t size)
{
	void *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 0 : p;
}

static int64_t map_private(struct redoxfs *fs, uint32_t ino, const struct redox_map *m,
                           uint64_t size)
{
	if (private_count == sizeof private_bufs / sizeof private_bufs[0])
		return -EAGAIN; /* a full batch of requests: cannot happen with PACKETS <= 64 */
	char *buf = new_buffer(size);
	if (!buf)
		return -ENOMEM;
	int r = fill(fs, ino, m->offset, buf, size);
	if (r < 0) {
		munmap(buf, size);
		return r;
	}
	private_bufs[private_count] = buf;
	private_sizes[private_count++] = size;
	return (int64_t)(uintptr_t)buf;
}

static bool used_by(const struct shared_map *sm, uint64_t handle)
{
	for (struct map_use *u = uses; u; u = u->next)
		if (u->map == sm && u->handle == handle)
			return true;
	return false;
}

int64_t fmap_answer(struct redoxfs *fs, uint64_t handle, uint32_t ino, const struct redox_map *m,
                    bool may_read, bool may_write)
{
	uint64_t size = (m->size + PAGE - 1) & ~(PAGE - 1);
	if ((m->offset & (PAGE - 1)) || size == 0 || size < m->size || m->offset + size < size)
		return -EINVAL;
	if (!may_read)
		return -EACCES;
	bool shared = (m->flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE;
	if (!shared)
		return map_private(fs, ino, m, size);
	bool writes = m->flags & PROT_WRITE;
	if (writes && !may_write)
		return -EACCES;
	struct shared_map *sm = maps;
	while (sm && !(sm->ino == ino && sm->offset <= m->offset &&
	               m->offset + size <= sm->offset + sm->size))
		sm = sm->next;
	if (!sm) {
		sm = calloc(1, sizeof *sm);
		char *buf = sm ? new_buffer(size) : 0;
		int r = buf ? fill(fs, ino, m->offset, buf, size) : -ENOMEM;
		if (r < 0) {
			if (buf)
				munmap(buf, size);
			free(sm);
			return r;
		}
		*sm = (struct shared_map){ino, m->offset, size, buf, false, maps};
		maps = sm;
	}
	if (!used_by(sm, handle)) {
		struct map_use *u = malloc(sizeof *u);
		if (!u)
			return -ENOMEM; /* an unused new buffer goes with the next close */
		*u = (struct map_use){handle, sm, uses};
		uses = u;
	}
	sm->written |= writes;
	return (int64_t)(uintptr_t)(sm->buf + (m->offset - sm->offset));
}

/* The overlap of [a, a+alen) and [b, b+blen): its start, its length (0: none). */
static uint64_t overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen, uint64_t *start)
{
	uint64_t lo = a > b ? a : b, hi = a + alen < b + blen ? a + alen : b + blen;
	*start = lo;
	return hi > lo ? hi - lo : 0;
}

void fmap_overlay_read(uint32_t ino, uint64_t offset, void *buf, uint64_t len)
{
	for (struct shared_map *sm = maps; sm; sm = sm->next) {
		uint64_t at,
		    n = sm->ino == ino ? overlap(offset, len, sm->offset, sm->size, &at) : 0;
		if (n)
			memcpy((char *)buf + (at - offset), sm->buf + (at - sm->offset), n);
	}
}

void fmap_update_write(uint32_t ino, uint64_t offset, const void *buf, uint64_t len)
{
	for (struct shared_map *sm = maps; sm; sm = sm->next) {
		uint64_t at,
		    n = sm->ino == ino ? overlap(offset, len, sm->offset, sm->size, &at) : 0;
		if (n)
			memcpy(sm->buf + (at - sm->offset), (const char *)buf + (at - offset), n);
	}
}

void fmap_truncate(uint32_t ino, uint64_t size)
{
	for (struct shared_map *sm = maps; sm; sm = sm->next)
		if (sm->ino == ino && sm->offset + sm->size > size) {
			uint64_t from = size > sm->offset ? size - sm->offset : 0;
			memset(sm->buf + from, 0, sm->size - from);
		}
}

/* 1: bytes written back, 0: nothing to write, or -errno. */
static int write_back(struct redoxfs *fs, struct shared_map *sm)
{
	struct redoxfs_stat st;
	int r = redoxfs_stat(fs, sm->ino, &st);
	if (r || !sm->written || st.size <= sm->offset)
		return r;
	uint64_t len = st.size - sm->offset < sm->size ? st.size - sm->offset : sm->size;
	int64_t w = redoxfs_write(fs, sm->ino, sm->offset, sm->buf, len);
	return w < 0 ? (int)w : (uint64_t)w == len ? 1 : -ENOSPC;
}

int fmap_sync(struct redoxfs *fs, uint32_t ino)
{
	int result = 0;
	for (struct shared_map *sm = maps; sm; sm = sm->next)
		if (sm->ino == ino) {
			int r = write_back(fs, sm);
			if (r < 0 && result >= 0)
				result = r;
		}
	return result;
}

int fmap_close(struct redoxfs *fs, uint64_t handle)
{
	int result = 0;
	for (struct map_use **u = &uses; *u;) {
		if ((*u)->handle != handle) {
			u = &(*u)->next;
			continue;
		}
		struct map_use *gone = *u;
		struct shared_map *sm = gone->map;
		*u = gone->next;
		free(gone);
		int r = write_back(fs, sm);
		if (r != 0 && result >= 0)
			result = r; /* an error, or 1: something was written */
		bool still = false;
		for (struct map_use *v = uses; v && !still; v = v->next)
			still = v->map == sm;
		if (still)
			continue;
		for (struct shared_map **p = &maps; *p; p = &(*p)->next)
			if (*p == sm) {
				*p = sm->next;
				break;
			}
		munmap(sm->buf, sm->size);
		free(sm);
	}
	return result;
}

void fmap_after_replies(void)
{
	for (size_t i = 0; i < private_count; i++)
		munmap(private_bufs[i], private_sizes[i]);
	private_count = 0;
}
