/*
 * The filesystem handle: format, mount, commit, unmount.
 *
 * Commit protocol: every change since the last commit lives in blocks
 * the last commit does not use. redoxfs_commit writes the allocation
 * bitmap the same way, flushes the device, then writes the next header
 * slot (one 512-byte sector naming the new inode tree and space map),
 * and flushes again. Until that sector is written, the newest valid
 * header is the previous one, whose blocks are untouched.
 */
#include "rw.h"
#include "dirindex.h"

static void fs_free(struct redoxfs *fs)
{
	void (*release)(void *) = fs->hooks.free;

	rfs_dix_drop(fs);
	if (fs->dev.cache) {
		release(fs->dev.cache->tag);
		release(fs->dev.cache->crc);
		release(fs->dev.cache->data);
		release(fs->dev.cache);
	}
	release(fs->cur);
	release(fs->com);
	release(fs->chunk_dirty);
	for (int i = 0; i < REDOXFS_TREE_LEVELS; i++)
		release(fs->tree[i]);
	for (int i = 0; i < REDOXFS_MAX_HEIGHT; i++)
		release(fs->lvl[i]);
	release(fs->blk);
	release(fs->blk2);
	release(fs->chunk);
	release(fs->path);
	for (int i = 0; i < RFS_NODE_BUFS; i++)
		release(fs->node[i]);
	release(fs->space);
	release(fs);
}

/* Every update reads the inode tree path and the directory again: keep
 * the blocks (and their verified checksums) of the last RFS_CACHE_BLOCKS. */
static bool cache_new(struct redoxfs *fs)
{
	struct rfs_bcache *c = fs->hooks.alloc(sizeof(*c));
	if (!c)
		return false;
	rfs_memset(c, 0, sizeof(*c));
	fs->dev.cache = c;
	c->n = RFS_CACHE_BLOCKS;
	c->tag = fs->hooks.alloc(c->n * sizeof(*c->tag));
	c->crc = fs->hooks.alloc(c->n * sizeof(*c->crc));
	c->data = fs->hooks.alloc(c->n * BS);
	if (!c->tag || !c->crc || !c->data)
		return false;
	rfs_memset(c->tag, 0, c->n * sizeof(*c->tag));
	return true;
}

static int fs_new(struct redoxfs **out, const struct redoxfs_io *io, uint64_t offset,
                  uint64_t nblocks, const struct redoxfs_hooks *hooks)
{
	if (!io || !io->read || !hooks || !hooks->alloc || !hooks->free)
		return -REDOXFS_EINVAL;
	struct redoxfs *fs = hooks->alloc(sizeof(*fs));
	if (!fs)
		return -REDOXFS_ENOMEM;
	rfs_memset(fs, 0, sizeof(*fs));
	fs->dev.io = *io;
	fs->dev.offset = offset;
	fs->dev.nblocks = nblocks;
	fs->hooks = *hooks;
	fs->readonly = io->write == NULL;

	bool ok = true;
	for (int i = 0; i < REDOXFS_TREE_LEVELS; i++)
		ok &= (fs->tree[i] = hooks->alloc(BS)) != NULL;
	for (int i = 0; i < REDOXFS_MAX_HEIGHT; i++)
		ok &= (fs->lvl[i] = hooks->alloc(BS)) != NULL;
	ok &= (fs->blk = hooks->alloc(BS)) != NULL;
	ok &= (fs->blk2 = hooks->alloc(BS)) != NULL;
	ok &= (fs->chunk = hooks->alloc(BS)) != NULL;
	ok &= (fs->path = hooks->alloc(RFS_PATH_BUF)) != NULL;
	for (int i = 0; i < RFS_NODE_BUFS; i++)
		ok &= (fs->node[i] = hooks->alloc(BS)) != NULL;
	ok &= (fs->space = hooks->alloc(BS)) != NULL;
	ok &= cache_new(fs);
	int err = ok ? rfs_alloc_init(fs) : -REDOXFS_ENOMEM;
	if (err) {
		fs_free(fs);
		return err;
	}
	*out = fs;
	return 0;
}

int redoxfs_format(const struct redoxfs_io *io, uint64_t offset, uint64_t size,
                   const uint8_t uuid[16], const struct redoxfs_hooks *hooks)
{
	uint64_t nblocks = size / BS;
	struct redoxfs *fs;

	if (nblocks < REDOXFS_MIN_BLOCKS || !io || !io->write)
		return -REDOXFS_EINVAL;
	int err = fs_new(&fs, io, offset, nblocks, hooks);
	if (err)
		return err;

	/* Clear the ring: a header left by an older filesystem here must
	 * never win over ours. */
	rfs_memset(fs->blk, 0, BS);
	for (unsigned s = 0; s < REDOXFS_HEADER_SLOTS && !err; s++)
		err = io->write(io->ctx, offset + (uint64_t)s * BS, fs->blk, BS);

	struct redoxfs_header *h = &fs->hdr;
	rfs_memcpy(h->signature, REDOXFS_SIGNATURE, 8);
	h->version = REDOXFS_VERSION;
	h->block_size = BS;
	h->generation = 0;
	rfs_memcpy(h->uuid, uuid, 16);
	h->size = nblocks * BS;
	rfs_alloc_reserve_headers(fs);

	struct redoxfs_node *sp = fs->space;
	rfs_memset(sp, 0, BS);
	sp->magic = REDOXFS_SPACE_MAGIC;
	sp->size = fs->bm_bytes;
	sp->flags = fs->bm_bytes <= REDOXFS_INLINE_MAX ? REDOXFS_NODE_INLINE : 0;

	struct redoxfs_node *root = fs->node[0];
	rfs_memset(root, 0, BS);
	root->magic = REDOXFS_NODE_MAGIC;
	root->ino = REDOXFS_ROOT_INO;
	root->mode = REDOXFS_MODE_DIR | 0755;
	root->flags = REDOXFS_NODE_INLINE;
	root->links = 2;
	root->parent = REDOXFS_ROOT_INO;
	rfs_touch(fs, root, true);
	root->atime = root->mtime;
	root->atime_nsec = root->mtime_nsec;
	fs->next_ino = REDOXFS_ROOT_INO + 1;
	if (!err)
		err = rfs_node_store(fs, root);
	if (!err)
		err = redoxfs_commit(fs);
	fs_free(fs);
	return err;
}

int redoxfs_mount(struct redoxfs **out, const struct redoxfs_io *io, uint64_t offset,
                  const struct redoxfs_hooks *hooks)
{
	struct redoxfs_header h;
	struct redoxfs *fs;
	uint64_t slot[REDOXFS_HEADER_SIZE / 8];

	if (!io || !io->read)
		return -REDOXFS_EINVAL;
	int err = rfs_header_pick(io, offset, slot, &h);
	if (err)
		return err;
	err = fs_new(&fs, io, offset, h.size / BS, hooks);
	if (err)
		return err;
	fs->hdr = h;
	fs->root = h.root;
	fs->space_ptr = h.space;
	fs->next_ino = h.next_ino;
	err = rfs_alloc_load(fs);
	if (err) {
		fs_free(fs);
		return err;
	}
	*out = fs;
	return 0;
}

void redoxfs_unmount(struct redoxfs *fs)
{
	if (fs)
		fs_free(fs);
}

int redoxfs_commit(struct redoxfs *fs)
{
	const struct redoxfs_io *io = &fs->dev.io;

	if (fs->broken)
		return -REDOXFS_EIO;
	if (fs->readonly)
		return -REDOXFS_EROFS;
	if (!fs->changed && fs->hdr.generation)
		return 0;
	int err = rfs_alloc_flush(fs);
	if (err)
		return rfs_fail(fs, err);
	if (io->flush && (err = io->flush(io->ctx)))
		return rfs_fail(fs, err);

	struct redoxfs_header h = fs->hdr;
	h.generation++;
	h.root = fs->root;
	h.space = fs->space_ptr;
	h.free_blocks = fs->dev.nblocks - fs->used;
	h.next_ino = fs->next_ino;
	rfs_now(fs, &h.time_sec, &h.time_nsec);
	rfs_header_seal(&h);
	uint64_t slot = h.generation % REDOXFS_HEADER_SLOTS;
	err = io->write(io->ctx, fs->dev.offset + slot * BS, &h, sizeof(h));
	if (!err && io->flush)
		err = io->flush(io->ctx);
	if (err)
		return rfs_fail(fs, err);
	fs->hdr = h;
	rfs_alloc_committed(fs);
	fs->changed = false;
	return 0;
}

void redoxfs_info(struct redoxfs *fs, struct redoxfs_info *info)
{
	rfs_memcpy(info->uuid, fs->hdr.uuid, 16);
	info->generation = fs->hdr.generation;
	info->blocks = fs->dev.nblocks;
	info->free = rfs_avail(fs);
	info->next_ino = fs->next_ino;
}

uint32_t redoxfs_root(struct redoxfs *fs)
{
	(void)fs;
	return REDOXFS_ROOT_INO;
}
