/*
 * The initfs archive: a read-only bundle of the files init needs before
 * the root filesystem is mounted (init, early drivers, the filesystem
 * daemon, /etc/init.rc). The bootloader loads it beside the kernel and
 * the kernel serves it as the `initfs:` scheme.
 *
 * Layout (all integers little-endian):
 *   struct initfs_header                     at offset 0
 *   struct initfs_entry[entry_count]         at offset entries_offset
 *   names (not NUL-terminated)               at each entry's name_offset
 *   file data, each file 16-byte aligned     at each entry's data_offset
 * Paths are relative ("bin/init", "etc/init.rc"); directories are implied
 * by the paths and listed by the scheme. Entries are sorted by path.
 */
#ifndef REDOX_ABI_INITFS_H
#define REDOX_ABI_INITFS_H

#include <stdint.h>

#define INITFS_MAGIC   "RDXINITF"
#define INITFS_VERSION 1

struct initfs_header {
	char magic[8];
	uint32_t version;
	uint32_t entry_count;
	uint64_t entries_offset;
	uint64_t total_size; /* of the whole archive, for validation */
};

struct initfs_entry {
	uint64_t data_offset;
	uint64_t data_size;
	uint32_t name_offset;
	uint16_t name_size;
	uint16_t mode; /* MODE_FILE | permission bits */
};

_Static_assert(sizeof(struct initfs_header) == 32, "initfs header is 32 bytes");
_Static_assert(sizeof(struct initfs_entry) == 24, "initfs entry is 24 bytes");

#endif
