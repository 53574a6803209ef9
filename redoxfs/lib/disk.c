/*
 * Read-side primitives shared by the reader, the read-write layer and
 * fsck: checked block reads, header selection, inode tree walks, node
 * checks and the directory chunk parser.
 */
#include "internal.h"

int rfs_read_blocks(const struct rfs_dev *d, uint64_t block, void *buf, size_t count)
{
	if (block >= d->nblocks || count > d->nblocks - block)
		return -REDOXFS_EIO;
	return d->io.read(d->io.ctx, d->offset + block * BS, buf, count * BS);
}

static size_t cache_slot(const struct rfs_bcache *c, uint64_t block)
{
	return (size_t)((block * 0x9E3779B97F4A7C15ull) >> 32) & (c->n - 1);
}

void rfs_cache_put(const struct rfs_dev *d, uint64_t block, uint32_t crc, const void *buf)
{
	struct rfs_bcache *c = d->cache;
	if (!c)
		return;
	size_t i = cache_slot(c, block);
	rfs_memcpy(c->data + i * BS, buf, BS);
	c->crc[i] = crc;
	c->tag[i] = block + 1;
}

int rfs_write_block(const struct rfs_dev *d, uint64_t block, const void *buf)
{
	if (!d->io.write)
		return -REDOXFS_EROFS;
	if (block < REDOXFS_HEADER_SLOTS || block >= d->nblocks)
		return -REDOXFS_EIO;
	struct rfs_bcache *c = d->cache;
	if (c && c->tag[cache_slot(c, block)] == block + 1)
		c->tag[cache_slot(c, block)] = 0; /* the caller puts it back with its CRC */
	return d->io.write(d->io.ctx, d->offset + block * BS, buf, BS);
}

bool rfs_ptr_in_range(const struct rfs_dev *d, const struct redoxfs_ptr *p)
{
	return p->block >= REDOXFS_HEADER_SLOTS && p->block < d->nblocks && p->reserved == 0;
}

int rfs_read_ptr(const struct rfs_dev *d, const struct redoxfs_ptr *p, void *buf)
{
	if (!rfs_ptr_in_range(d, p))
		return -REDOXFS_EIO;
	struct rfs_bcache *c = d->cache;
	size_t i = c ? cache_slot(c, p->block) : 0;
	if (c && c->tag[i] == p->block + 1 && c->crc[i] == p->crc) {
		rfs_memcpy(buf, c->data + i * BS, BS);
		c->hits++;
		return 0;
	}
	int err = rfs_read_blocks(d, p->block, buf, 1);
	if (err)
		return err;
	if (rfs_block_crc(buf) != p->crc)
		return -REDOXFS_EIO;
	if (c) {
		c->misses++;
		rfs_cache_put(d, p->block, p->crc, buf);
	}
	return 0;
}

bool rfs_header_valid(const struct redoxfs_header *h, unsigned slot)
{
	if (rfs_memcmp(h->signature, REDOXFS_SIGNATURE, 8) != 0)
		return false;
	if (redoxfs_crc32c(0, h, __builtin_offsetof(struct redoxfs_header, crc)) != h->crc)
		return false;
	if (h->version != REDOXFS_VERSION || h->block_size != BS)
		return false;
	if (h->generation == 0 || h->generation % REDOXFS_HEADER_SLOTS != slot)
		return false;
	if (h->size % BS || h->size / BS < REDOXFS_MIN_BLOCKS)
		return false;
	return true;
}

void rfs_header_seal(struct redoxfs_header *h)
{
	h->crc = redoxfs_crc32c(0, h, __builtin_offsetof(struct redoxfs_header, crc));
}

int rfs_header_pick(const struct redoxfs_io *io, uint64_t offset, void *slot_buf,
                    struct redoxfs_header *out)
{
	bool found = false;

	for (unsigned s = 0; s < REDOXFS_HEADER_SLOTS; s++) {
		int err =
		    io->read(io->ctx, offset + (uint64_t)s * BS, slot_buf, REDOXFS_HEADER_SIZE);
		if (err)
			return err;
		const struct redoxfs_header *h = slot_buf;
		if (!rfs_header_valid(h, s))
			continue;
		if (!found || h->generation > out->generation) {
			rfs_memcpy(out, h, sizeof(*out));
			found = true;
		}
	}
	return found ? 0 : -REDOXFS_EINVAL;
}

int rfs_tree_get(const struct rfs_dev *d, const struct redoxfs_ptr *root, uint32_t ino,
                 void *scratch, struct redoxfs_ptr *out)
{
	struct redoxfs_ptr p = *root;
	const struct redoxfs_ptr *tab = scratch;

	for (int level = REDOXFS_TREE_LEVELS - 1; level >= 0; level--) {
		if (p.block == 0)
			return -REDOXFS_ENOENT;
		int err = rfs_read_ptr(d, &p, scratch);
		if (err)
			return err;
		p = tab[(ino >> (8 * level)) & 0xFF];
	}
	if (p.block == 0)
		return -REDOXFS_ENOENT;
	*out = p;
	return 0;
}

int rfs_node_check(const struct redoxfs_node *n, uint32_t ino, uint32_t magic)
{
	if (n->magic != magic || n->ino != ino || n->height > REDOXFS_MAX_HEIGHT)
		return -REDOXFS_EIO;
	if (n->flags & ~REDOXFS_NODE_INLINE)
		return -REDOXFS_EIO;
	if (n->flags & REDOXFS_NODE_INLINE) {
		if (n->height != 0 || n->size > REDOXFS_INLINE_MAX)
			return -REDOXFS_EIO;
	} else if (n->size > (rfs_capacity(REDOXFS_MAX_HEIGHT) << REDOXFS_BLOCK_SHIFT) ||
	           (n->size + BS - 1) / BS > rfs_capacity(n->height)) {
		return -REDOXFS_EIO;
	}
	if (magic == REDOXFS_SPACE_MAGIC)
		return 0;
	switch (n->mode & REDOXFS_MODE_TYPE) {
	case REDOXFS_MODE_DIR:
		return n->size % REDOXFS_DIR_CHUNK ? -REDOXFS_EIO : 0;
	case REDOXFS_MODE_FILE:
		return 0;
	case REDOXFS_MODE_SYMLINK:
		return n->size > REDOXFS_SYMLINK_MAX ? -REDOXFS_EIO : 0;
	default:
		return -REDOXFS_EIO;
	}
}

int rfs_node_load(const struct rfs_dev *d, const struct redoxfs_ptr *root, uint32_t ino,
                  struct redoxfs_node *node)
{
	struct redoxfs_ptr p;
	int err = rfs_tree_get(d, root, ino, node, &p);
	if (err)
		return err;
	err = rfs_read_ptr(d, &p, node);
	if (err)
		return err;
	return rfs_node_check(node, ino, REDOXFS_NODE_MAGIC);
}

void rfs_node_stat(const struct redoxfs_node *n, struct redoxfs_stat *st)
{
	rfs_memset(st, 0, sizeof(*st)); /* padding too: callers may compare */
	st->ino = n->ino;
	st->mode = n->mode;
	st->uid = n->uid;
	st->gid = n->gid;
	st->links = n->links;
	st->size = n->size;
	st->blocks = (n->flags & REDOXFS_NODE_INLINE) ? 0 : (n->size + BS - 1) / BS;
	st->atime.sec = n->atime;
	st->atime.nsec = n->atime_nsec;
	st->mtime.sec = n->mtime;
	st->mtime.nsec = n->mtime_nsec;
	st->ctime.sec = n->ctime;
	st->ctime.nsec = n->ctime_nsec;
}

int rfs_dir_next(const uint8_t *chunk, size_t *pos, uint32_t *ino, const uint8_t **name,
                 uint8_t *name_len)
{
	size_t p = *pos;

	if (p + REDOXFS_DIR_REC_HDR > REDOXFS_DIR_CHUNK)
		return 0;
	uint8_t len = chunk[p + 4];
	if (len == 0)
		return rfs_get32(chunk + p) == 0 ? 0 : -REDOXFS_EIO;
	if (p + REDOXFS_DIR_REC_HDR + len > REDOXFS_DIR_CHUNK)
		return -REDOXFS_EIO;
	*ino = rfs_get32(chunk + p);
	*name = chunk + p + REDOXFS_DIR_REC_HDR;
	*name_len = len;
	*pos = p + REDOXFS_DIR_REC_HDR + len;
	return 1;
}

bool rfs_name_ok(const char *name, size_t len)
{
	if (len == 0 || len > REDOXFS_NAME_MAX)
		return false;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == 0)
			return false;
	return true;
}
