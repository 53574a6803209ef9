/*
 * A node's bytes in the read-write layer: inline in the node while they
 * fit, else a tree of block pointers (see format.h). Writes go through a
 * cursor that holds one indirect block per level and writes each back
 * (copy-on-write) only when the walk leaves it, so a long sequential
 * write touches each indirect block once. Bytes past the end of a file
 * are kept zero, so growing a file never exposes old data.
 */
#include "rw.h"

#define MAX_BYTES (rfs_capacity(REDOXFS_MAX_HEIGHT) << REDOXFS_BLOCK_SHIFT)

struct cursor {
	struct redoxfs *fs;
	struct redoxfs_node *n;
	unsigned h;
	bool valid[REDOXFS_MAX_HEIGHT], dirty[REDOXFS_MAX_HEIGHT];
	uint64_t pref[REDOXFS_MAX_HEIGHT]; /* block index >> 8(l+1) held at level l */
};

static void cur_init(struct cursor *c, struct redoxfs *fs, struct redoxfs_node *n)
{
	rfs_memset(c, 0, sizeof(*c));
	c->fs = fs;
	c->n = n;
	c->h = n->height;
}

/* The pointer to the level-l block held by the cursor. */
static struct redoxfs_ptr *cur_parent(struct cursor *c, unsigned l)
{
	if (l == c->h - 1)
		return &c->n->ptrs[c->pref[l]];
	return &c->fs->lvl[l + 1][c->pref[l] & 0xFF];
}

static int flush_level(struct cursor *c, unsigned l)
{
	if (!c->valid[l] || !c->dirty[l])
		return 0;
	struct redoxfs_ptr *slot = cur_parent(c, l);
	if (rfs_is_zero(c->fs->lvl[l], BS)) {
		if (slot->block)
			rfs_free_block(c->fs, slot->block);
		rfs_memset(slot, 0, sizeof(*slot));
	} else {
		int err = rfs_cow_write(c->fs, slot, c->fs->lvl[l]);
		if (err)
			return err;
	}
	c->dirty[l] = false;
	if (l + 1 < c->h)
		c->dirty[l + 1] = true;
	return 0;
}

/* Write back and forget levels 0..top (bottom up: children first). */
static int flush_below(struct cursor *c, unsigned top)
{
	for (unsigned l = 0; l <= top; l++) {
		int err = flush_level(c, l);
		if (err)
			return err;
		c->valid[l] = false;
	}
	return 0;
}

static int cur_finish(struct cursor *c)
{
	return c->h ? flush_below(c, c->h - 1) : 0;
}

/*
 * The slot that points to data block b. With `create`, missing indirect
 * blocks start as zeros; without, a missing one gives *slot = NULL and
 * *next = the first block index after the hole.
 */
static int cur_slot(struct cursor *c, uint64_t b, bool create, struct redoxfs_ptr **slot,
                    uint64_t *next)
{
	struct redoxfs *fs = c->fs;
	struct redoxfs_ptr *s = &c->n->ptrs[b >> (8 * c->h)];

	for (int l = (int)c->h - 1; l >= 0; l--) {
		uint64_t p = b >> (8 * (l + 1));
		if (!c->valid[l] || c->pref[l] != p) {
			int err = flush_below(c, (unsigned)l);
			if (err)
				return err;
			if (s->block == 0) {
				if (!create) {
					*slot = NULL;
					*next = (p + 1) << (8 * (l + 1));
					return 0;
				}
				rfs_memset(fs->lvl[l], 0, BS);
			} else {
				err = rfs_read_ptr(&fs->dev, s, fs->lvl[l]);
				if (err)
					return err;
			}
			c->valid[l] = true;
			c->dirty[l] = false;
			c->pref[l] = p;
		}
		s = &fs->lvl[l][(b >> (8 * l)) & 0xFF];
	}
	*slot = s;
	return 0;
}

static void cur_dirty(struct cursor *c)
{
	if (c->h)
		c->dirty[0] = true;
}

int64_t rfs_data_read(struct redoxfs *fs, const struct redoxfs_node *cn, uint64_t off, void *buf,
                      size_t len)
{
	struct redoxfs_node *n = (struct redoxfs_node *)cn; /* the cursor only reads */
	uint8_t *out = buf;

	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = (size_t)(n->size - off);
	if (n->flags & REDOXFS_NODE_INLINE) {
		rfs_memcpy(out, n->data + off, len);
		return (int64_t)len;
	}
	struct cursor c;
	cur_init(&c, fs, n);
	size_t pos = 0;
	while (pos < len) {
		uint64_t b = (off + pos) >> REDOXFS_BLOCK_SHIFT;
		size_t boff = (size_t)((off + pos) & (BS - 1));
		size_t cnt = BS - boff < len - pos ? BS - boff : len - pos;
		struct redoxfs_ptr *slot;
		uint64_t next = b + 1;
		int err = cur_slot(&c, b, false, &slot, &next);
		if (err)
			return err;
		if (!slot || slot->block == 0) {
			uint64_t hole_end = next << REDOXFS_BLOCK_SHIFT;
			size_t n0 = hole_end - (off + pos) < len - pos
			                ? (size_t)(hole_end - (off + pos))
			                : len - pos;
			rfs_memset(out + pos, 0, n0);
			pos += n0;
			continue;
		}
		if (cnt == BS) {
			err = rfs_read_ptr(&fs->dev, slot, out + pos);
		} else {
			err = rfs_read_ptr(&fs->dev, slot, fs->blk2);
			rfs_memcpy(out + pos, fs->blk2 + boff, cnt);
		}
		if (err)
			return err;
		pos += cnt;
	}
	return (int64_t)len;
}

/* Add a level above the node's pointers. */
static int grow(struct redoxfs *fs, struct redoxfs_node *n)
{
	struct redoxfs_ptr top = {0, 0, 0};

	if (!rfs_is_zero(n->ptrs, sizeof(n->ptrs))) {
		rfs_memset(fs->blk, 0, BS);
		rfs_memcpy(fs->blk, n->ptrs, sizeof(n->ptrs));
		int err = rfs_cow_write(fs, &top, fs->blk);
		if (err)
			return err;
	}
	rfs_memset(n->ptrs, 0, sizeof(n->ptrs));
	n->ptrs[0] = top;
	n->height++;
	return 0;
}

/* Inline data moves to block 0 of a height-0 tree. */
static int uninline(struct redoxfs *fs, struct redoxfs_node *n)
{
	rfs_memset(fs->blk, 0, BS);
	rfs_memcpy(fs->blk, n->data, (size_t)n->size);
	rfs_memset(n->data, 0, sizeof(n->data));
	n->flags &= (uint8_t)~REDOXFS_NODE_INLINE;
	n->height = 0;
	if (n->size == 0)
		return 0;
	return rfs_cow_write(fs, &n->ptrs[0], fs->blk);
}

static int fit_height(struct redoxfs *fs, struct redoxfs_node *n, uint64_t nblocks)
{
	while (nblocks > rfs_capacity(n->height)) {
		int err = grow(fs, n);
		if (err)
			return err;
	}
	return 0;
}

uint64_t rfs_data_cost(const struct redoxfs_node *n, uint64_t off, uint64_t len)
{
	(void)n;
	uint64_t k =
	    len ? ((off + len - 1) >> REDOXFS_BLOCK_SHIFT) - (off >> REDOXFS_BLOCK_SHIFT) + 1 : 0;
	/* data, indirect blocks per level, new levels, the node's path */
	return k + 1 + REDOXFS_MAX_HEIGHT * (k / REDOXFS_PTRS_PER_BLOCK + 2) + REDOXFS_MAX_HEIGHT +
	       REDOXFS_TREE_LEVELS + 1;
}

static int write_blocks(struct redoxfs *fs, struct redoxfs_node *n, uint64_t off,
                        const uint8_t *buf, size_t len)
{
	uint64_t end = off + len;
	int err = fit_height(fs, n, ((end - 1) >> REDOXFS_BLOCK_SHIFT) + 1);
	if (err)
		return err;
	struct cursor c;
	cur_init(&c, fs, n);
	size_t pos = 0;
	while (pos < len) {
		uint64_t b = (off + pos) >> REDOXFS_BLOCK_SHIFT;
		size_t boff = (size_t)((off + pos) & (BS - 1));
		size_t cnt = BS - boff < len - pos ? BS - boff : len - pos;
		struct redoxfs_ptr *slot;
		uint64_t next;
		err = cur_slot(&c, b, true, &slot, &next);
		if (err)
			return err;
		if (cnt == BS) {
			err = rfs_cow_write(fs, slot, buf + pos);
		} else {
			if (slot->block) {
				err = rfs_read_ptr(&fs->dev, slot, fs->blk);
				if (err)
					return err;
			} else {
				rfs_memset(fs->blk, 0, BS);
			}
			rfs_memcpy(fs->blk + boff, buf + pos, cnt);
			err = rfs_cow_write(fs, slot, fs->blk);
		}
		if (err)
			return err;
		cur_dirty(&c);
		pos += cnt;
	}
	err = cur_finish(&c);
	if (err)
		return err;
	if (end > n->size)
		n->size = end;
	return 0;
}

int rfs_data_write(struct redoxfs *fs, struct redoxfs_node *n, uint64_t off, const void *buf,
                   size_t len)
{
	if (len == 0)
		return 0;
	if (off + len < off || off + len > MAX_BYTES)
		return -REDOXFS_EFBIG;
	if (fs->broken)
		return -REDOXFS_EIO;
	if (n->flags & REDOXFS_NODE_INLINE) {
		if (off + len <= REDOXFS_INLINE_MAX) {
			rfs_memcpy(n->data + off, buf, len);
			if (off + len > n->size)
				n->size = off + len;
			return 0;
		}
		int err = uninline(fs, n);
		if (err)
			return rfs_fail(fs, err);
	}
	int err = write_blocks(fs, n, off, buf, len);
	return err ? rfs_fail(fs, err) : 0;
}

/* Free blocks at and after index `from`; zero the tail of the new last block. */
static int cut_blocks(struct redoxfs *fs, struct redoxfs_node *n, uint64_t size)
{
	uint64_t from = (size + BS - 1) >> REDOXFS_BLOCK_SHIFT;
	uint64_t to = (n->size + BS - 1) >> REDOXFS_BLOCK_SHIFT;
	struct cursor c;
	cur_init(&c, fs, n);
	for (uint64_t b = from; b < to;) {
		struct redoxfs_ptr *slot;
		uint64_t next = b + 1;
		int err = cur_slot(&c, b, false, &slot, &next);
		if (err)
			return err;
		if (slot && slot->block) {
			rfs_free_block(fs, slot->block);
			rfs_memset(slot, 0, sizeof(*slot));
			cur_dirty(&c);
			fs->changed = true;
		}
		b = slot ? b + 1 : next;
	}
	if (size & (BS - 1)) {
		struct redoxfs_ptr *slot;
		uint64_t next;
		int err = cur_slot(&c, size >> REDOXFS_BLOCK_SHIFT, false, &slot, &next);
		if (err)
			return err;
		if (slot && slot->block) {
			err = rfs_read_ptr(&fs->dev, slot, fs->blk);
			if (err)
				return err;
			size_t keep = (size_t)(size & (BS - 1));
			rfs_memset(fs->blk + keep, 0, BS - keep);
			err = rfs_cow_write(fs, slot, fs->blk);
			if (err)
				return err;
			cur_dirty(&c);
		}
	}
	return cur_finish(&c);
}

/* Drop levels the smaller size no longer needs. */
static int shrink_height(struct redoxfs *fs, struct redoxfs_node *n, uint64_t nblocks)
{
	while (n->height > 0 && nblocks <= rfs_capacity(n->height - 1)) {
		struct redoxfs_ptr top = n->ptrs[0];
		if (top.block) {
			int err = rfs_read_ptr(&fs->dev, &top, fs->blk);
			if (err)
				return err;
			rfs_memcpy(n->ptrs, fs->blk, sizeof(n->ptrs));
			rfs_free_block(fs, top.block);
		} else {
			rfs_memset(n->ptrs, 0, sizeof(n->ptrs));
		}
		n->height--;
	}
	return 0;
}

int rfs_data_truncate(struct redoxfs *fs, struct redoxfs_node *n, uint64_t size)
{
	if (size > MAX_BYTES)
		return -REDOXFS_EFBIG;
	if (fs->broken)
		return -REDOXFS_EIO;
	int err = 0;
	if (n->flags & REDOXFS_NODE_INLINE) {
		if (size <= REDOXFS_INLINE_MAX) {
			if (size < n->size)
				rfs_memset(n->data + size, 0, (size_t)(n->size - size));
			n->size = size;
			return 0;
		}
		err = uninline(fs, n);
	}
	if (!err && size >= n->size) {
		err = fit_height(fs, n, (size + BS - 1) >> REDOXFS_BLOCK_SHIFT);
		if (!err)
			n->size = size;
	} else if (!err) {
		err = cut_blocks(fs, n, size);
		if (!err) {
			n->size = size;
			err = shrink_height(fs, n, (size + BS - 1) >> REDOXFS_BLOCK_SHIFT);
		}
		if (!err && size == 0) {
			rfs_memset(n->data, 0, sizeof(n->data));
			n->flags |= REDOXFS_NODE_INLINE;
		}
	}
	return err ? rfs_fail(fs, err) : 0;
}
