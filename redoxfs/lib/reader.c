/*
 * The read-only API of reader.h: header selection, path lookup, stat and
 * ranged reads, with no heap. Scratch block 0 holds the current node,
 * block 1 the last level-0 indirect block (so a sequential read walks
 * the tree once per MiB), block 2 is for everything transient.
 */
#include "redoxfs/reader.h"
#include "internal.h"

#define NODE(r) ((struct redoxfs_node *)(r)->scratch)
#define IND(r)  ((struct redoxfs_ptr *)((r)->scratch + BS))
#define WORK(r) ((r)->scratch + 2 * BS)

static struct rfs_dev dev_of(const struct redoxfs_reader *r)
{
	struct rfs_dev d = {r->io, r->offset, r->nblocks, 0};
	return d;
}

int redoxfs_reader_open(struct redoxfs_reader *r, const struct redoxfs_io *io, uint64_t offset,
                        void *scratch)
{
	struct redoxfs_header h;

	rfs_memset(r, 0, sizeof(*r));
	if (!io || !io->read || !scratch)
		return -REDOXFS_EINVAL;
	r->io = *io;
	r->offset = offset;
	r->scratch = scratch;
	int err = rfs_header_pick(io, offset, WORK(r), &h);
	if (err)
		return err;
	r->nblocks = h.size / BS;
	r->generation = h.generation;
	rfs_memcpy(r->uuid, h.uuid, sizeof(r->uuid));
	r->root = h.root;
	return 0;
}

const uint8_t *redoxfs_reader_uuid(const struct redoxfs_reader *r)
{
	return r->uuid;
}

static int load_node(struct redoxfs_reader *r, uint32_t ino)
{
	if (r->node_ino == ino && ino != 0)
		return 0;
	r->node_ino = 0;
	struct rfs_dev d = dev_of(r);
	int err = rfs_node_load(&d, &r->root, ino, NODE(r));
	if (err)
		return err;
	r->node_ino = ino;
	return 0;
}

/*
 * The pointer table that maps data block b of the current node: *tab
 * (NULL for a hole), the index of b in it and the table's length.
 */
static int map_block(struct redoxfs_reader *r, uint64_t b, const struct redoxfs_ptr **tab,
                     unsigned *idx, unsigned *count)
{
	const struct redoxfs_node *n = NODE(r);
	unsigned h = n->height;
	struct rfs_dev d = dev_of(r);

	*tab = NULL;
	if (b >= rfs_capacity(h))
		return 0;
	if (h == 0) {
		*tab = n->ptrs;
		*idx = (unsigned)b;
		*count = REDOXFS_NODE_PTRS;
		return 0;
	}
	uint64_t first = b & ~(uint64_t)0xFF;
	if (r->ind_ino != n->ino || r->ind_first != first) {
		struct redoxfs_ptr p = n->ptrs[b >> (8 * h)];
		const struct redoxfs_ptr *work = (const struct redoxfs_ptr *)WORK(r);
		for (unsigned l = h - 1; l >= 1; l--) {
			if (p.block == 0)
				return 0;
			int err = rfs_read_ptr(&d, &p, WORK(r));
			if (err)
				return err;
			p = work[(b >> (8 * l)) & 0xFF];
		}
		if (p.block == 0)
			return 0;
		r->ind_ino = 0;
		int err = rfs_read_ptr(&d, &p, IND(r));
		if (err)
			return err;
		r->ind_ino = n->ino;
		r->ind_first = first;
	}
	*tab = IND(r);
	*idx = (unsigned)(b & 0xFF);
	*count = REDOXFS_PTRS_PER_BLOCK;
	return 0;
}

static int64_t read_data(struct redoxfs_reader *r, uint64_t off, uint8_t *buf, size_t len)
{
	const struct redoxfs_node *n = NODE(r);
	struct rfs_dev d = dev_of(r);

	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = (size_t)(n->size - off);
	if (n->flags & REDOXFS_NODE_INLINE) {
		rfs_memcpy(buf, n->data + off, len);
		return (int64_t)len;
	}
	size_t pos = 0;
	while (pos < len) {
		uint64_t b = (off + pos) >> REDOXFS_BLOCK_SHIFT;
		size_t boff = (size_t)((off + pos) & (BS - 1));
		size_t chunk = BS - boff < len - pos ? BS - boff : len - pos;
		const struct redoxfs_ptr *tab;
		unsigned idx, count;
		int err = map_block(r, b, &tab, &idx, &count);
		if (err)
			return err;
		if (!tab || tab[idx].block == 0) {
			rfs_memset(buf + pos, 0, chunk);
		} else if (chunk == BS) {
			/* Whole blocks go straight into the caller's buffer, in
			 * one device read per contiguous run. */
			unsigned run = 1;
			while (idx + run < count && pos + (size_t)(run + 1) * BS <= len &&
			       tab[idx + run].block == tab[idx].block + run)
				run++;
			if (!rfs_ptr_in_range(&d, &tab[idx]))
				return -REDOXFS_EIO;
			err = rfs_read_blocks(&d, tab[idx].block, buf + pos, run);
			if (err)
				return err;
			for (unsigned i = 0; i < run; i++)
				if (rfs_block_crc(buf + pos + (size_t)i * BS) != tab[idx + i].crc ||
				    tab[idx + i].reserved)
					return -REDOXFS_EIO;
			chunk = (size_t)run * BS;
		} else {
			err = rfs_read_ptr(&d, &tab[idx], WORK(r));
			if (err)
				return err;
			rfs_memcpy(buf + pos, WORK(r) + boff, chunk);
		}
		pos += chunk;
	}
	return (int64_t)len;
}

/* Find `name` in the directory whose node is loaded. */
static int dir_find(struct redoxfs_reader *r, const char *name, size_t len, uint32_t *ino)
{
	const struct redoxfs_node *n = NODE(r);
	struct rfs_dev d = dev_of(r);

	for (uint64_t off = 0; off < n->size; off += BS) {
		const uint8_t *blk;
		if (n->flags & REDOXFS_NODE_INLINE) {
			blk = n->data;
		} else {
			const struct redoxfs_ptr *tab;
			unsigned idx, count;
			int err = map_block(r, off >> REDOXFS_BLOCK_SHIFT, &tab, &idx, &count);
			if (err)
				return err;
			if (!tab || tab[idx].block == 0)
				continue;
			err = rfs_read_ptr(&d, &tab[idx], WORK(r));
			if (err)
				return err;
			blk = WORK(r);
		}
		uint64_t end = n->size - off < BS ? n->size - off : BS;
		for (uint64_t c = 0; c < end; c += REDOXFS_DIR_CHUNK) {
			size_t pos = 0;
			uint32_t e_ino;
			const uint8_t *e_name;
			uint8_t e_len;
			int got;
			while ((got = rfs_dir_next(blk + c, &pos, &e_ino, &e_name, &e_len)) > 0)
				if (e_ino && e_len == len && rfs_memcmp(e_name, name, len) == 0) {
					*ino = e_ino;
					return 0;
				}
			if (got < 0)
				return got;
		}
	}
	return -REDOXFS_ENOENT;
}

int redoxfs_reader_lookup(struct redoxfs_reader *r, const char *path, uint32_t *ino)
{
	uint32_t cur = REDOXFS_ROOT_INO;

	while (*path) {
		while (*path == '/')
			path++;
		const char *end = path;
		while (*end && *end != '/')
			end++;
		size_t len = (size_t)(end - path);
		if (len == 0 || (len == 1 && path[0] == '.')) {
			path = end;
			continue;
		}
		if (len > REDOXFS_NAME_MAX)
			return -REDOXFS_ENAMETOOLONG;
		int err = load_node(r, cur);
		if (err)
			return err;
		if ((NODE(r)->mode & REDOXFS_MODE_TYPE) != REDOXFS_MODE_DIR)
			return -REDOXFS_ENOTDIR;
		err = dir_find(r, path, len, &cur);
		if (err)
			return err;
		path = end;
	}
	*ino = cur;
	return 0;
}

int redoxfs_reader_stat(struct redoxfs_reader *r, uint32_t ino, struct redoxfs_stat *st)
{
	int err = load_node(r, ino);
	if (err)
		return err;
	rfs_node_stat(NODE(r), st);
	return 0;
}

int64_t redoxfs_reader_read(struct redoxfs_reader *r, uint32_t ino, uint64_t offset, void *buf,
                            size_t len)
{
	int err = load_node(r, ino);
	if (err)
		return err;
	if ((NODE(r)->mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_DIR)
		return -REDOXFS_EISDIR;
	return read_data(r, offset, buf, len);
}
