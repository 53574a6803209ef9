/*
 * Private to the read-write layer: the mounted filesystem handle and the
 * functions its files (alloc.c, cow.c, data.c, dir.c, fs.c, ops.c) share.
 */
#ifndef REDOXFS_RW_H
#define REDOXFS_RW_H

#include "internal.h"
#include "redoxfs/redoxfs.h"

/* Working node buffers an operation may hold at once. */
#define RFS_NODE_BUFS 4
#define RFS_PATH_BUF  (2 * REDOXFS_BLOCK_SIZE)
/* Checked blocks kept in memory (internal.h's rfs_bcache): 2 MiB. */
#define RFS_CACHE_BLOCKS 512

struct redoxfs {
	struct rfs_dev dev;
	struct redoxfs_hooks hooks;
	struct redoxfs_header hdr; /* of the last commit */

	/* The state being built: committed by the next redoxfs_commit. */
	struct redoxfs_ptr root; /* inode tree */
	struct redoxfs_ptr space_ptr;
	struct redoxfs_node *space; /* space-map node */
	uint32_t next_ino;
	bool changed;
	bool broken; /* an update failed half way: refuse changes */
	bool readonly;

	/*
	 * Allocator. A block is in use now if set in `cur`; it may be
	 * handed out only when clear in both `cur` and `com` (the last
	 * commit), so nothing the committed tree uses is overwritten. A
	 * block set in `cur` but not in `com` is "fresh": written since
	 * the last commit, so it can be rewritten in place.
	 */
	uint8_t *cur, *com;
	uint8_t *chunk_dirty; /* per 4 KiB of bitmap: differs from disk */
	uint64_t bm_bytes, nchunks;
	uint64_t used;      /* bits set in cur */
	uint64_t pinned;    /* set in com but not in cur: free after commit */
	uint64_t hint;      /* where the next search starts */
	uint64_t low_freed; /* lowest block freed since the last commit */
	uint64_t reserve;   /* blocks kept back so a commit always fits */

	/* Scratch: inode tree path, data tree path, two blocks, nodes. */
	struct redoxfs_ptr *tree[REDOXFS_TREE_LEVELS];
	struct redoxfs_ptr *lvl[REDOXFS_MAX_HEIGHT];
	uint8_t *blk, *blk2; /* data.c's */
	uint8_t *chunk;      /* dir.c's: one block of directory data */
	char *path;          /* ops.c's: RFS_PATH_BUF bytes for lookups */
	struct redoxfs_node *node[RFS_NODE_BUFS];
	struct rfs_dix *dix; /* dirindex.c: one large directory's index, or NULL */
};

/* alloc.c */
int rfs_alloc_init(struct redoxfs *fs);
int rfs_alloc_block(struct redoxfs *fs, uint64_t *block);
void rfs_free_block(struct redoxfs *fs, uint64_t block);
bool rfs_is_fresh(const struct redoxfs *fs, uint64_t block);
uint64_t rfs_avail(const struct redoxfs *fs);
/* -REDOXFS_ENOSPC unless `blocks` more can be allocated before commit. */
int rfs_reserve(struct redoxfs *fs, uint64_t blocks);
int rfs_alloc_flush(struct redoxfs *fs); /* write the bitmap (commit) */
int rfs_alloc_load(struct redoxfs *fs);  /* read it (mount) */
void rfs_alloc_committed(struct redoxfs *fs);
void rfs_alloc_reserve_headers(struct redoxfs *fs); /* mkfs */

/*
 * cow.c: write `data` as the new content of the block *p points to:
 * in place if that block is fresh, else into a new block (freeing the
 * old one). *p is updated with the block and its checksum.
 */
int rfs_cow_write(struct redoxfs *fs, struct redoxfs_ptr *p, const void *data);
/* Store a node (its block, then its path in the inode tree). */
int rfs_node_store(struct redoxfs *fs, struct redoxfs_node *n);
/* Drop node `ino` from the inode tree and free its block. */
int rfs_node_remove(struct redoxfs *fs, uint32_t ino);
int rfs_node_get(struct redoxfs *fs, uint32_t ino, struct redoxfs_node *n);
void rfs_now(struct redoxfs *fs, uint64_t *sec, uint32_t *nsec);
void rfs_touch(struct redoxfs *fs, struct redoxfs_node *n, bool mtime);
/* Mark the handle unusable after a failed update; returns err. */
int rfs_fail(struct redoxfs *fs, int err);

/* data.c: a node's bytes. These change `n` in memory; the caller stores it. */
int64_t rfs_data_read(struct redoxfs *fs, const struct redoxfs_node *n, uint64_t off, void *buf,
                      size_t len);
int rfs_data_write(struct redoxfs *fs, struct redoxfs_node *n, uint64_t off, const void *buf,
                   size_t len);
int rfs_data_truncate(struct redoxfs *fs, struct redoxfs_node *n, uint64_t size);
/* Blocks a write of len bytes at off may allocate, worst case. */
uint64_t rfs_data_cost(const struct redoxfs_node *n, uint64_t off, uint64_t len);

/* dir.c: entries of the directory node `d`. */
int rfs_dir_find(struct redoxfs *fs, const struct redoxfs_node *d, const char *name, size_t len,
                 uint32_t *ino, uint64_t *pos);
int rfs_dir_add(struct redoxfs *fs, struct redoxfs_node *d, const char *name, size_t len,
                uint32_t ino);
int rfs_dir_remove(struct redoxfs *fs, struct redoxfs_node *d, uint64_t pos);
int rfs_dir_set(struct redoxfs *fs, struct redoxfs_node *d, uint64_t pos, uint32_t ino);
int rfs_dir_empty(struct redoxfs *fs, const struct redoxfs_node *d);
int rfs_dir_next_entry(struct redoxfs *fs, const struct redoxfs_node *d, uint64_t *cookie,
                       struct redoxfs_dirent *ent);

#endif
