/*
 * initfs: the boot archive (abi/include/redox/abi/initfs.h) as a
 * read-only scheme. Files read as themselves; a directory reads as its
 * entries' names, one per line (the classic Redox way to list a folder).
 */
#define LOG_MODULE "scheme::initfs"
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/initfs.h>

#include "scheme.h"
#include "../boot.h"
#include "../lib/log.h"
#include "../mm/heap.h"

static const uint8_t *archive;
static uint64_t archive_size;
static const struct initfs_entry *entries;
static uint32_t entry_count;

struct handle {
	bool used;
	bool is_dir;
	uint32_t entry; /* file: its entry */
	char *listing;  /* directory: its names */
	uint64_t size;
	uint64_t offset;
	char path[128];
};
/* Handles are allocated one by one (no shared table another user could
 * fill): how many a process holds is bounded by its descriptors. */

static const char *entry_name(uint32_t i, size_t *len)
{
	*len = entries[i].name_size;
	return (const char *)archive + entries[i].name_offset;
}

static int find_file(const char *path)
{
	size_t plen = strlen(path);
	for (uint32_t i = 0; i < entry_count; i++) {
		size_t len;
		const char *name = entry_name(i, &len);
		if (len == plen && !memcmp(name, path, len))
			return (int)i;
	}
	return -1;
}

/* Names directly under directory `dir` ("" for the root), newline separated. */
static char *list_dir(const char *dir, uint64_t *size, bool *exists)
{
	size_t dlen = strlen(dir), cap = 256, used = 0;
	char *out = kmalloc(cap);
	*exists = dlen == 0;
	if (!out)
		return 0;
	for (uint32_t i = 0; i < entry_count; i++) {
		size_t len;
		const char *name = entry_name(i, &len);
		if (dlen && (len <= dlen || memcmp(name, dir, dlen) || name[dlen] != '/'))
			continue;
		*exists = true;
		const char *rest = name + (dlen ? dlen + 1 : 0);
		size_t rlen = len - (size_t)(rest - name), n = 0;
		while (n < rlen && rest[n] != '/')
			n++;
		/* skip a name already listed (entries are sorted, so it is the last one) */
		if (used >= n + 1 && !memcmp(out + used - n - 1, rest, n) &&
		    (used == n + 1 || out[used - n - 2] == '\n'))
			continue;
		if (used + n + 2 > cap) {
			char *bigger = kmalloc(cap * 2);
			if (!bigger) {
				kfree(out);
				return 0;
			}
			memcpy(bigger, out, used);
			kfree(out);
			out = bigger;
			cap *= 2;
		}
		memcpy(out + used, rest, n);
		used += n;
		out[used++] = '\n';
	}
	*size = used;
	return out;
}

static int64_t initfs_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)who;
	while (*path == '/')
		path++;
	size_t plen = strlen(path);
	while (plen && path[plen - 1] == '/')
		plen--;
	if (plen >= sizeof((struct handle *)0)->path)
		return -ENAMETOOLONG;
	if ((flags & O_ACCMODE) != O_RDONLY && (flags & O_ACCMODE) != 0)
		return -EROFS;
	char clean[128];
	memcpy(clean, path, plen);
	clean[plen] = 0;

	struct handle h = {.used = true};
	memcpy(h.path, clean, plen + 1);
	int file = find_file(clean);
	if (file >= 0) {
		if (flags & O_DIRECTORY)
			return -ENOTDIR;
		h.entry = (uint32_t)file;
		h.size = entries[file].data_size;
	} else {
		bool exists;
		h.listing = list_dir(clean, &h.size, &exists);
		if (!h.listing)
			return -ENOMEM;
		if (!exists) {
			kfree(h.listing);
			return -ENOENT;
		}
		h.is_dir = true;
	}
	struct handle *out = kmalloc(sizeof *out);
	if (!out) {
		kfree(h.listing);
		return -ENOMEM;
	}
	*out = h;
	return handle_from_ptr(out);
}

static struct handle *handle(uint64_t id)
{
	struct handle *h = ptr_from_handle(id); /* ids come from our own open */
	return h->used ? h : 0;
}

static int64_t initfs_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	(void)who;
	struct handle *h = handle(id);
	if (!h)
		return -EBADF;
	if (h->offset >= h->size)
		return 0;
	if (len > h->size - h->offset)
		len = h->size - h->offset;
	const uint8_t *src =
	    h->is_dir ? (const uint8_t *)h->listing : archive + entries[h->entry].data_offset;
	memcpy(buf, src + h->offset, len);
	h->offset += len;
	return (int64_t)len;
}

static int64_t initfs_seek(void *data, uint64_t id, int64_t offset, int whence)
{
	(void)data;
	struct handle *h = handle(id);
	if (!h)
		return -EBADF;
	int64_t base = whence == SEEK_SET   ? 0
	               : whence == SEEK_CUR ? (int64_t)h->offset
	               : whence == SEEK_END ? (int64_t)h->size
	                                    : -1;
	if (base < 0 || base + offset < 0)
		return -EINVAL;
	h->offset = (uint64_t)(base + offset);
	return (int64_t)h->offset;
}

static int64_t initfs_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	struct handle *h = handle(id);
	if (!h)
		return -EBADF;
	st->mode = h->is_dir ? MODE_DIR | 0555 : entries[h->entry].mode;
	st->size = h->size;
	st->ino = h->is_dir ? 0 : h->entry + 1;
	st->nlink = 1;
	st->blksize = 4096;
	st->blocks = (h->size + 511) / 512;
	return 0;
}

static int64_t initfs_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	struct handle *h = handle(id);
	if (!h)
		return -EBADF;
	char full[160] = "initfs:";
	size_t n = 7, plen = strlen(h->path);
	memcpy(full + n, h->path, plen);
	n += plen;
	if (n > len)
		n = len;
	memcpy(buf, full, n);
	return (int64_t)n;
}

static int64_t initfs_close(void *data, uint64_t id)
{
	(void)data;
	struct handle *h = handle(id);
	if (!h)
		return -EBADF;
	kfree(h->listing);
	h->used = false;
	kfree(h);
	return 0;
}

static const struct scheme_ops initfs_ops = {
    .open = initfs_open,
    .read = initfs_read,
    .seek = initfs_seek,
    .fstat = initfs_fstat,
    .fpath = initfs_fpath,
    .close = initfs_close,
};

const void *initfs_lookup(const char *path, uint64_t *size)
{
	int i = archive ? find_file(path) : -1;
	if (i < 0)
		return 0;
	*size = entries[i].data_size;
	return archive + entries[i].data_offset;
}

void initfs_scheme_init(uint64_t phys, uint64_t size)
{
	const struct initfs_header *h = phys_to_virt(phys);
	if (size < sizeof *h || memcmp(h->magic, INITFS_MAGIC, 8) || h->version != INITFS_VERSION ||
	    h->total_size > size ||
	    h->entries_offset + (uint64_t)h->entry_count * sizeof(struct initfs_entry) > size) {
		log_error("initfs at %llx (%llu bytes) is not a valid archive",
		          (unsigned long long)phys, (unsigned long long)size);
		return;
	}
	const struct initfs_entry *e = (const void *)((const uint8_t *)h + h->entries_offset);
	for (uint32_t i = 0; i < h->entry_count; i++)
		if (e[i].name_offset + (uint64_t)e[i].name_size > size ||
		    e[i].data_offset + e[i].data_size > size) {
			log_error("initfs entry %u points outside the archive", i);
			return;
		}
	archive = (const uint8_t *)h;
	archive_size = size;
	entries = e;
	entry_count = h->entry_count;
	scheme_register("initfs", &initfs_ops, 0, 0);
	log_info("initfs: %u files, %llu KiB", entry_count, (unsigned long long)(size >> 10));
}
