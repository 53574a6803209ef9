/*
 * Test helpers: in-memory disk with an optional write log, hooks, and
 * whole-file shortcuts over the read-write API.
 */
#include <string.h>
#include "util.h"

CHECK_COUNTERS;

static int md_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct memdisk *md = ctx;
	md->reads++;
	if (off > md->size || len > md->size - off)
		return -REDOXFS_EIO;
	memcpy(buf, md->data + off, len);
	return 0;
}

static int md_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	struct memdisk *md = ctx;
	md->writes++;
	if (md->fail_writes)
		return -REDOXFS_EIO;
	if (off > md->size || len > md->size - off)
		return -REDOXFS_EIO;
	memcpy(md->data + off, buf, len);
	if (md->record) {
		if (md->nlog == md->cap_log) {
			md->cap_log = md->cap_log ? md->cap_log * 2 : 1024;
			md->log = realloc(md->log, md->cap_log * sizeof(*md->log));
			REQUIRE(md->log);
		}
		struct write_rec *w = &md->log[md->nlog++];
		w->off = off;
		w->len = len;
		w->data = malloc(len);
		REQUIRE(w->data);
		memcpy(w->data, buf, len);
	}
	return 0;
}

static int md_flush(void *ctx)
{
	struct memdisk *md = ctx;
	md->flushes++;
	return 0;
}

void md_init(struct memdisk *md, size_t size)
{
	memset(md, 0, sizeof(*md));
	md->data = calloc(1, size);
	REQUIRE(md->data);
	md->size = size;
	md->io.read = md_read;
	md->io.write = md_write;
	md->io.flush = md_flush;
	md->io.ctx = md;
}

void md_clear_log(struct memdisk *md)
{
	for (size_t i = 0; i < md->nlog; i++)
		free(md->log[i].data);
	md->nlog = 0;
}

void md_free(struct memdisk *md)
{
	md_clear_log(md);
	free(md->log);
	free(md->data);
	memset(md, 0, sizeof(*md));
}

struct redoxfs_time test_clock = {1700000000, 0};

static void test_now(struct redoxfs_time *t)
{
	*t = test_clock;
}

const struct redoxfs_hooks test_hooks = {malloc, free, test_now};

struct redoxfs *fresh_fs(struct memdisk *md, size_t size)
{
	uint8_t uuid[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
	struct redoxfs *fs;
	md_init(md, size);
	OK(redoxfs_format(&md->io, 0, size, uuid, &test_hooks));
	OK(redoxfs_mount(&fs, &md->io, 0, &test_hooks));
	return fs;
}

struct redoxfs *remount(struct memdisk *md, struct redoxfs *fs)
{
	redoxfs_unmount(fs);
	OK(redoxfs_mount(&fs, &md->io, 0, &test_hooks));
	return fs;
}

uint32_t path_ino(struct redoxfs *fs, const char *path)
{
	uint32_t ino;
	return redoxfs_lookup_path(fs, path, false, &ino) == 0 ? ino : 0;
}

/* Split "a/b/c" into the parent's inode and "c". */
static uint32_t parent_of(struct redoxfs *fs, const char *path, const char **name)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*name = path;
		return redoxfs_root(fs);
	}
	char dir[4096];
	REQUIRE((size_t)(slash - path) < sizeof(dir));
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = 0;
	*name = slash + 1;
	uint32_t ino = path_ino(fs, dir);
	REQUIRE(ino);
	return ino;
}

uint32_t put_file(struct redoxfs *fs, const char *path, const void *data, size_t len)
{
	const char *name;
	uint32_t dir = parent_of(fs, path, &name), ino;
	if (redoxfs_lookup(fs, dir, name, strlen(name), &ino) != 0)
		OK(redoxfs_create(fs, dir, name, REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
	OK(redoxfs_truncate(fs, ino, 0));
	size_t done = 0;
	while (done < len) {
		int64_t n = redoxfs_write(fs, ino, done, (const uint8_t *)data + done, len - done);
		OK(n);
		REQUIRE(n > 0);
		done += (size_t)n;
	}
	return ino;
}

uint8_t *get_file(struct redoxfs *fs, const char *path, size_t *len)
{
	uint32_t ino = path_ino(fs, path);
	struct redoxfs_stat st;
	if (!ino || redoxfs_stat(fs, ino, &st) != 0)
		return NULL;
	uint8_t *buf = malloc(st.size + 1);
	REQUIRE(buf);
	int64_t n = redoxfs_read(fs, ino, 0, buf, st.size);
	OK(n);
	REQUIRE((uint64_t)n == st.size);
	*len = (size_t)st.size;
	return buf;
}

int fsck_md(struct memdisk *md, char *msg, size_t msglen)
{
	struct redoxfs_fsck_report rep;
	int r = redoxfs_fsck(&md->io, 0, md->size, &test_hooks, &rep);
	REQUIRE(r >= 0);
	if (msg)
		snprintf(msg, msglen, "%s", rep.msg);
	REQUIRE(r == 0 || rep.msg[0]);
	REQUIRE(strchr(rep.msg, '\n') == NULL);
	return r;
}

uint32_t rng_next(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*s >> 33);
}

void fill_pattern(uint8_t *buf, size_t len, uint32_t seed)
{
	uint64_t s = seed * 2654435761u + 1;
	for (size_t i = 0; i < len; i++) {
		if ((i & 3) == 0)
			rng_next(&s);
		buf[i] = (uint8_t)(s >> (33 + 8 * (i & 3)));
	}
}
