/*
 * Copy-on-write block and node updates. Nothing reachable from the last
 * committed header is ever overwritten: a block is rewritten in place
 * only if it was allocated since that commit ("fresh"). Storing a node
 * rewrites its block, then the inode tree path above it, and leaves the
 * new tree root in fs->root for the next commit.
 */
#include "rw.h"

int rfs_fail(struct redoxfs *fs, int err)
{
	fs->broken = true;
	return err;
}

void rfs_now(struct redoxfs *fs, uint64_t *sec, uint32_t *nsec)
{
	struct redoxfs_time t = {0, 0};
	if (fs->hooks.now)
		fs->hooks.now(&t);
	*sec = t.sec;
	*nsec = t.nsec;
}

void rfs_touch(struct redoxfs *fs, struct redoxfs_node *n, bool mtime)
{
	rfs_now(fs, &n->ctime, &n->ctime_nsec);
	if (mtime) {
		n->mtime = n->ctime;
		n->mtime_nsec = n->ctime_nsec;
	}
}

int rfs_cow_write(struct redoxfs *fs, struct redoxfs_ptr *p, const void *data)
{
	if (fs->broken)
		return -REDOXFS_EIO;
	if (fs->readonly)
		return -REDOXFS_EROFS;
	uint64_t b = p->block;
	if (b == 0 || !rfs_is_fresh(fs, b)) {
		uint64_t nb;
		int err = rfs_alloc_block(fs, &nb);
		if (err)
			return rfs_fail(fs, err);
		if (b)
			rfs_free_block(fs, b);
		b = nb;
	}
	int err = rfs_write_block(&fs->dev, b, data);
	if (err)
		return rfs_fail(fs, err);
	p->block = b;
	p->crc = rfs_block_crc(data);
	p->reserved = 0;
	rfs_cache_put(&fs->dev, b, p->crc, data);
	fs->changed = true;
	return 0;
}

static unsigned tree_index(uint32_t ino, int level)
{
	return (ino >> (8 * level)) & 0xFF;
}

/* Read the inode tree path of `ino` into fs->tree[3..0] (zeros where
 * the path does not exist yet). */
static int load_path(struct redoxfs *fs, uint32_t ino)
{
	struct redoxfs_ptr p = fs->root;

	for (int l = REDOXFS_TREE_LEVELS - 1; l >= 0; l--) {
		if (p.block == 0) {
			rfs_memset(fs->tree[l], 0, BS);
		} else {
			int err = rfs_read_ptr(&fs->dev, &p, fs->tree[l]);
			if (err)
				return err;
		}
		p = fs->tree[l][tree_index(ino, l)];
	}
	return 0;
}

static struct redoxfs_ptr *parent_slot(struct redoxfs *fs, uint32_t ino, int l)
{
	return l == REDOXFS_TREE_LEVELS - 1 ? &fs->root : &fs->tree[l + 1][tree_index(ino, l + 1)];
}

/* Write the path blocks back up to the root, dropping empty ones. */
static int store_path(struct redoxfs *fs, uint32_t ino)
{
	for (int l = 0; l < REDOXFS_TREE_LEVELS; l++) {
		struct redoxfs_ptr *slot = parent_slot(fs, ino, l);
		if (rfs_is_zero(fs->tree[l], BS)) {
			if (slot->block)
				rfs_free_block(fs, slot->block);
			rfs_memset(slot, 0, sizeof(*slot));
			fs->changed = true;
			continue;
		}
		int err = rfs_cow_write(fs, slot, fs->tree[l]);
		if (err)
			return err;
	}
	return 0;
}

int rfs_node_store(struct redoxfs *fs, struct redoxfs_node *n)
{
	if (fs->broken)
		return -REDOXFS_EIO;
	int err = load_path(fs, n->ino);
	if (err)
		return err;
	err = rfs_cow_write(fs, &fs->tree[0][tree_index(n->ino, 0)], n);
	if (err)
		return err;
	return store_path(fs, n->ino);
}

int rfs_node_remove(struct redoxfs *fs, uint32_t ino)
{
	if (fs->broken)
		return -REDOXFS_EIO;
	int err = load_path(fs, ino);
	if (err)
		return err;
	struct redoxfs_ptr *slot = &fs->tree[0][tree_index(ino, 0)];
	if (slot->block == 0)
		return -REDOXFS_ENOENT;
	rfs_free_block(fs, slot->block);
	rfs_memset(slot, 0, sizeof(*slot));
	return store_path(fs, ino);
}

int rfs_node_get(struct redoxfs *fs, uint32_t ino, struct redoxfs_node *n)
{
	if (ino == 0)
		return -REDOXFS_ENOENT;
	return rfs_node_load(&fs->dev, &fs->root, ino, n);
}
