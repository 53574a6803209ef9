/*
 * Types shared by every RedoxFS API: the I/O callbacks through which the
 * library reaches its disk, the error numbers it returns, and the
 * metadata it reports. Freestanding: only <stdint.h> and <stddef.h>.
 */
#ifndef REDOXFS_COMMON_H
#define REDOXFS_COMMON_H

#include <stddef.h>
#include <stdint.h>

/*
 * The disk. Offsets are absolute byte offsets on the device; the library
 * adds the filesystem's start offset itself. read/write return 0 when all
 * `len` bytes moved, else a negative REDOXFS_E* value. write may be NULL
 * for read-only use; flush (a write barrier) may be NULL when the device
 * has no volatile cache.
 */
struct redoxfs_io {
	int (*read)(void *ctx, uint64_t offset, void *buf, size_t len);
	int (*write)(void *ctx, uint64_t offset, const void *buf, size_t len);
	int (*flush)(void *ctx);
	void *ctx;
};

/*
 * Errors are returned negated. The values are the ABI's (Linux) errno
 * numbers; tests/host/redoxfs checks them against abi/include. They are
 * spelled out here so the library stays free of any libc header.
 */
#define REDOXFS_EPERM        1
#define REDOXFS_ENOENT       2
#define REDOXFS_EIO          5
#define REDOXFS_ENOMEM       12
#define REDOXFS_EEXIST       17
#define REDOXFS_EXDEV        18
#define REDOXFS_ENOTDIR      20
#define REDOXFS_EISDIR       21
#define REDOXFS_EINVAL       22
#define REDOXFS_EFBIG        27
#define REDOXFS_ENOSPC       28
#define REDOXFS_EROFS        30
#define REDOXFS_EMLINK       31
#define REDOXFS_ENAMETOOLONG 36
#define REDOXFS_ENOTEMPTY    39
#define REDOXFS_ELOOP        40

/* File types, equal to the ABI's MODE_* values. */
#define REDOXFS_MODE_TYPE    0xF000
#define REDOXFS_MODE_DIR     0x4000
#define REDOXFS_MODE_FILE    0x8000
#define REDOXFS_MODE_SYMLINK 0xA000
#define REDOXFS_MODE_PERM    0x0FFF

struct redoxfs_time {
	uint64_t sec;
	uint32_t nsec;
};

/* What stat reports about one node. */
struct redoxfs_stat {
	uint32_t ino;
	uint16_t mode; /* type | permission bits */
	uint32_t uid;
	uint32_t gid;
	uint32_t links;
	uint64_t size;   /* bytes; a symlink's size is its target's length */
	uint64_t blocks; /* 4 KiB data blocks the size spans; 0 when inline */
	struct redoxfs_time atime;
	struct redoxfs_time mtime;
	struct redoxfs_time ctime;
};

#endif
