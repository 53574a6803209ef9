/*
 * Private to redoxfs/lib: the device handle and the read-side helpers
 * that the reader, the read-write layer and fsck share. Freestanding.
 */
#ifndef REDOXFS_INTERNAL_H
#define REDOXFS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "redoxfs/common.h"
#include "redoxfs/crc32c.h"
#include "redoxfs/format.h"

/* The only C library calls the library makes (the compiler may add more
 * of the same four for struct copies). */
#define rfs_memcpy __builtin_memcpy
#define rfs_memset __builtin_memset
#define rfs_memcmp __builtin_memcmp
#define rfs_strlen __builtin_strlen

#define BS REDOXFS_BLOCK_SIZE

/*
 * Checked blocks kept in memory (the read-write layer's; the reader and
 * fsck have none): a block read through rfs_read_ptr, or written with its
 * checksum known, is served again without the device and without
 * computing its CRC, as long as the pointer asks for that same CRC.
 * Direct-mapped by block number.
 */
struct rfs_bcache {
	size_t n;      /* entries, a power of two */
	uint64_t *tag; /* block + 1; 0: empty */
	uint32_t *crc; /* of the block's data */
	uint8_t *data; /* n blocks */
	uint64_t hits, misses;
};

/* The disk region one filesystem lives in. */
struct rfs_dev {
	struct redoxfs_io io;
	uint64_t offset;          /* byte offset of block 0 */
	uint64_t nblocks;         /* filesystem size in blocks */
	struct rfs_bcache *cache; /* NULL: every read goes to the device */
};

static inline uint32_t rfs_block_crc(const void *block)
{
	return redoxfs_crc32c(0, block, BS);
}

/* Blocks a node of height h can address. */
static inline uint64_t rfs_capacity(unsigned h)
{
	return (uint64_t)REDOXFS_NODE_PTRS << (8 * h);
}

static inline bool rfs_is_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

static inline uint32_t rfs_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void rfs_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Raw read of `count` whole blocks (range-checked, not verified). */
int rfs_read_blocks(const struct rfs_dev *d, uint64_t block, void *buf, size_t count);
int rfs_write_block(const struct rfs_dev *d, uint64_t block, const void *buf);

/* Read the block `p` points to and check its CRC: -REDOXFS_EIO if bad. */
int rfs_read_ptr(const struct rfs_dev *d, const struct redoxfs_ptr *p, void *buf);
/* After a write of `block` whose content has checksum `crc`: keep it. */
void rfs_cache_put(const struct rfs_dev *d, uint64_t block, uint32_t crc, const void *buf);
bool rfs_ptr_in_range(const struct rfs_dev *d, const struct redoxfs_ptr *p);

/* Is this a well-formed header for ring slot `slot`? */
bool rfs_header_valid(const struct redoxfs_header *h, unsigned slot);
/* Read the ring and pick the newest valid header; -REDOXFS_EINVAL if none.
 * `slot_buf` is REDOXFS_HEADER_SIZE bytes of scratch. */
int rfs_header_pick(const struct redoxfs_io *io, uint64_t offset, void *slot_buf,
                    struct redoxfs_header *out);
void rfs_header_seal(struct redoxfs_header *h);

/* Inode tree: the pointer to node `ino` (-REDOXFS_ENOENT if none). */
int rfs_tree_get(const struct rfs_dev *d, const struct redoxfs_ptr *root, uint32_t ino,
                 void *scratch, struct redoxfs_ptr *out);
/* Load and sanity-check node `ino` into `node` (also used as scratch). */
int rfs_node_load(const struct rfs_dev *d, const struct redoxfs_ptr *root, uint32_t ino,
                  struct redoxfs_node *node);
/* Structural checks of a node read from disk: 0 or -REDOXFS_EIO. */
int rfs_node_check(const struct redoxfs_node *n, uint32_t ino, uint32_t magic);
void rfs_node_stat(const struct redoxfs_node *n, struct redoxfs_stat *st);

/*
 * Directory chunk parser: from *pos, read one record. Returns 1 with the
 * record (ino 0 = hole) and *pos advanced, 0 at the end of the chunk, or
 * -REDOXFS_EIO when the chunk is malformed.
 */
int rfs_dir_next(const uint8_t *chunk, size_t *pos, uint32_t *ino, const uint8_t **name,
                 uint8_t *name_len);
bool rfs_name_ok(const char *name, size_t len);

#endif
