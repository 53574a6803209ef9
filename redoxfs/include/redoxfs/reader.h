/*
 * The read-only RedoxFS API: what a bootloader needs to load
 * "boot/kernel" from a disk. No heap, no libc beyond memcpy/memset/
 * memcmp/strlen: the caller owns the reader struct and a scratch buffer
 * of REDOXFS_READER_SCRATCH bytes (any alignment of 8 or more).
 *
 *     static uint8_t scratch[REDOXFS_READER_SCRATCH] __attribute__((aligned(8)));
 *     struct redoxfs_reader r;
 *     uint32_t ino;
 *     struct redoxfs_stat st;
 *     if (redoxfs_reader_open(&r, &io, partition_offset, scratch) == 0 &&
 *         redoxfs_reader_lookup(&r, "boot/kernel", &ino) == 0 &&
 *         redoxfs_reader_stat(&r, ino, &st) == 0)
 *             redoxfs_reader_read(&r, ino, 0, dest, st.size);
 *
 * Every block read is checked against the checksum in its pointer; a
 * mismatch gives -REDOXFS_EIO. Functions return 0 (or a byte count) on
 * success and a negative REDOXFS_E* value on failure.
 */
#ifndef REDOXFS_READER_H
#define REDOXFS_READER_H

#include <stdint.h>
#include <stddef.h>
#include "redoxfs/common.h"
#include "redoxfs/format.h"

#define REDOXFS_READER_SCRATCH (3 * REDOXFS_BLOCK_SIZE)

/* Filled by redoxfs_reader_open; the fields are private. */
struct redoxfs_reader {
	struct redoxfs_io io;
	uint64_t offset;
	uint64_t nblocks;
	uint64_t generation;
	uint8_t uuid[16];
	struct redoxfs_ptr root;
	uint8_t *scratch;
	uint32_t node_ino;  /* whose node is in scratch block 0 (0: none) */
	uint32_t ind_ino;   /* whose level-0 indirect block is in block 1 */
	uint64_t ind_first; /* first data block index it maps */
};

/* Find the newest valid header of the filesystem that starts at `offset`. */
int redoxfs_reader_open(struct redoxfs_reader *r, const struct redoxfs_io *io, uint64_t offset,
                        void *scratch);

/* The filesystem's uuid and generation (after a successful open). */
const uint8_t *redoxfs_reader_uuid(const struct redoxfs_reader *r);

/*
 * Resolve a '/'-separated path from the root ("boot/kernel", "/boot/kernel"
 * and "" for the root itself). "." components are skipped; ".." and
 * symlinks are not followed (a symlink is returned as itself).
 */
int redoxfs_reader_lookup(struct redoxfs_reader *r, const char *path, uint32_t *ino);

int redoxfs_reader_stat(struct redoxfs_reader *r, uint32_t ino, struct redoxfs_stat *st);

/*
 * Copy up to `len` bytes from byte `offset` of a file (or a symlink's
 * target) into `buf`. Returns the number of bytes copied, which is short
 * only at the end of the file.
 */
int64_t redoxfs_reader_read(struct redoxfs_reader *r, uint32_t ino, uint64_t offset, void *buf,
                            size_t len);

#endif
