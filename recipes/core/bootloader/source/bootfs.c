/*
 * The root filesystem as the bootloader sees it: redoxfs's read-only
 * reader over BIOS disk reads. One path is looked up at a time; the last
 * lookup is cached because the ELF loader reads one file in many pieces.
 */
#include <redoxfs/reader.h>

#include "loader.h"

static struct redoxfs_reader reader;
static uint8_t scratch[REDOXFS_READER_SCRATCH] __attribute__((aligned(16)));
static const char *cached_path;
static uint32_t cached_ino;

static int io_read(void *ctx, uint64_t offset, void *buf, size_t len)
{
	(void)ctx;
	return disk_read(offset, buf, len) ? -REDOXFS_EIO : 0;
}

static const struct redoxfs_io disk_io = {.read = io_read};

bool bootfs_mount(const struct partition *part)
{
	return redoxfs_reader_open(&reader, &disk_io, part->first_lba * 512, scratch) == 0;
}

static bool lookup(const char *path, uint32_t *ino)
{
	if (cached_path && !strcmp(cached_path, path)) {
		*ino = cached_ino;
		return true;
	}
	if (redoxfs_reader_lookup(&reader, path, ino))
		return false;
	cached_path = path;
	cached_ino = *ino;
	return true;
}

int64_t bootfs_size(const char *path)
{
	uint32_t ino;
	struct redoxfs_stat st;
	if (!lookup(path, &ino) || redoxfs_reader_stat(&reader, ino, &st))
		return -1;
	if ((st.mode & REDOXFS_MODE_TYPE) != REDOXFS_MODE_FILE)
		return -1;
	return (int64_t)st.size;
}

bool bootfs_read(const char *path, uint64_t offset, void *buffer, uint64_t length)
{
	uint32_t ino;
	if (!lookup(path, &ino))
		return false;
	int64_t n = redoxfs_reader_read(&reader, ino, offset, buffer, length);
	return n >= 0 && (uint64_t)n == length;
}

const uint8_t *bootfs_uuid(void)
{
	return redoxfs_reader_uuid(&reader);
}
