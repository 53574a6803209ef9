/*
 * Block allocator: two in-memory bitmaps (now, and as of the last
 * commit) so that no block the committed tree uses is handed out before
 * the next commit. The bitmap of "now" is stored at commit in the data
 * of the space-map node, written like any file, copy-on-write.
 */
#include "rw.h"

static inline bool bit(const uint8_t *bm, uint64_t b)
{
	return bm[b >> 3] & (1u << (b & 7));
}

static unsigned popcount8(uint8_t v)
{
	unsigned n = 0;
	for (; v; v &= (uint8_t)(v - 1))
		n++;
	return n;
}

/* The chunk flags: differs from the space map on disk / from `com`. */
static void touch_chunk(struct redoxfs *fs, uint64_t b)
{
	fs->chunk_dirty[(b >> 3) / BS] |= 3;
}

/* Blocks the space map itself can need: every chunk, its indirect
 * blocks and the node, plus a margin. */
static uint64_t space_map_blocks(uint64_t nchunks)
{
	uint64_t n = nchunks + 8;
	for (uint64_t c = nchunks; c > 1; c = (c + 255) / 256)
		n += (c + 255) / 256;
	return n;
}

int rfs_alloc_init(struct redoxfs *fs)
{
	fs->bm_bytes = (fs->dev.nblocks + 7) / 8;
	fs->nchunks = (fs->bm_bytes + BS - 1) / BS;
	fs->cur = fs->hooks.alloc(fs->bm_bytes);
	fs->com = fs->hooks.alloc(fs->bm_bytes);
	fs->chunk_dirty = fs->hooks.alloc(fs->nchunks);
	if (!fs->cur || !fs->com || !fs->chunk_dirty)
		return -REDOXFS_ENOMEM;
	rfs_memset(fs->cur, 0, fs->bm_bytes);
	rfs_memset(fs->com, 0, fs->bm_bytes);
	rfs_memset(fs->chunk_dirty, 0, fs->nchunks);
	fs->used = 0;
	fs->pinned = 0;
	fs->hint = REDOXFS_HEADER_SLOTS;
	fs->low_freed = UINT64_MAX;
	fs->reserve = space_map_blocks(fs->bm_bytes > REDOXFS_INLINE_MAX ? fs->nchunks : 0);
	return 0;
}

bool rfs_is_fresh(const struct redoxfs *fs, uint64_t block)
{
	return block < fs->dev.nblocks && bit(fs->cur, block) && !bit(fs->com, block);
}

uint64_t rfs_avail(const struct redoxfs *fs)
{
	return fs->dev.nblocks - fs->used - fs->pinned;
}

int rfs_reserve(struct redoxfs *fs, uint64_t blocks)
{
	uint64_t avail = rfs_avail(fs);
	return avail >= fs->reserve && avail - fs->reserve >= blocks ? 0 : -REDOXFS_ENOSPC;
}

int rfs_alloc_block(struct redoxfs *fs, uint64_t *block)
{
	uint64_t n = fs->dev.nblocks;

	if (rfs_avail(fs) == 0)
		return -REDOXFS_ENOSPC;
	uint64_t b = fs->hint < n ? fs->hint : REDOXFS_HEADER_SLOTS;
	for (uint64_t tried = 0; tried < n; tried++, b++) {
		if (b >= n)
			b = REDOXFS_HEADER_SLOTS;
		/* Skip whole bytes that are full. */
		if ((b & 7) == 0 && (fs->cur[b >> 3] | fs->com[b >> 3]) == 0xFF) {
			b += 7;
			tried += 7;
			continue;
		}
		if (!bit(fs->cur, b) && !bit(fs->com, b)) {
			fs->cur[b >> 3] |= (uint8_t)(1u << (b & 7));
			touch_chunk(fs, b);
			fs->used++;
			fs->hint = b + 1;
			*block = b;
			return 0;
		}
	}
	return -REDOXFS_ENOSPC;
}

void rfs_free_block(struct redoxfs *fs, uint64_t b)
{
	if (b < REDOXFS_HEADER_SLOTS || b >= fs->dev.nblocks || !bit(fs->cur, b))
		return; /* not ours to free; fsck would report the damage */
	fs->cur[b >> 3] &= (uint8_t) ~(1u << (b & 7));
	touch_chunk(fs, b);
	fs->used--;
	if (bit(fs->com, b))
		fs->pinned++; /* the last commit uses it: free after the next */
	else if (b < fs->hint)
		fs->hint = b; /* written since the last commit: reusable at once */
	if (b < fs->low_freed)
		fs->low_freed = b;
}

int rfs_alloc_flush(struct redoxfs *fs)
{
	/* Writing the map allocates, which changes the map: repeat until a
	 * pass changes nothing. Each block moves at most once per commit,
	 * so this ends after a few passes. */
	for (int pass = 0; pass < 16; pass++) {
		bool wrote = false;
		for (uint64_t c = 0; c < fs->nchunks; c++) {
			if (!(fs->chunk_dirty[c] & 1))
				continue;
			fs->chunk_dirty[c] &= (uint8_t)~1u;
			uint64_t off = c * BS;
			uint64_t len = fs->bm_bytes - off < BS ? fs->bm_bytes - off : BS;
			int err = rfs_data_write(fs, fs->space, off, fs->cur + off, (size_t)len);
			if (err < 0)
				return err;
			wrote = true;
		}
		if (!wrote)
			return 0;
		int err = rfs_cow_write(fs, &fs->space_ptr, fs->space);
		if (err)
			return err;
	}
	return -REDOXFS_EIO;
}

/* After the header is written: what is now is what is committed. */
void rfs_alloc_committed(struct redoxfs *fs)
{
	for (uint64_t c = 0; c < fs->nchunks; c++) {
		if (!(fs->chunk_dirty[c] & 2))
			continue;
		uint64_t off = c * BS;
		uint64_t len = fs->bm_bytes - off < BS ? fs->bm_bytes - off : BS;
		rfs_memcpy(fs->com + off, fs->cur + off, (size_t)len);
		fs->chunk_dirty[c] = 0;
	}
	fs->pinned = 0;
	/* Allocate low: fill the holes the last transaction left first. */
	if (fs->low_freed < fs->hint)
		fs->hint = fs->low_freed;
	fs->low_freed = UINT64_MAX;
}

int rfs_alloc_load(struct redoxfs *fs)
{
	int err = rfs_read_ptr(&fs->dev, &fs->space_ptr, fs->space);
	if (err)
		return err;
	err = rfs_node_check(fs->space, 0, REDOXFS_SPACE_MAGIC);
	if (err)
		return err;
	if (fs->space->size != fs->bm_bytes)
		return -REDOXFS_EIO;
	int64_t got = rfs_data_read(fs, fs->space, 0, fs->cur, (size_t)fs->bm_bytes);
	if (got < 0)
		return (int)got;
	for (uint64_t b = 0; b < REDOXFS_HEADER_SLOTS; b++)
		if (!bit(fs->cur, b))
			return -REDOXFS_EIO;
	rfs_memcpy(fs->com, fs->cur, fs->bm_bytes);
	fs->used = 0;
	for (uint64_t i = 0; i < fs->bm_bytes; i++)
		fs->used += popcount8(fs->cur[i]);
	fs->pinned = 0;
	return 0;
}

/* mkfs: the header ring is always in use. */
void rfs_alloc_reserve_headers(struct redoxfs *fs)
{
	for (uint64_t b = 0; b < REDOXFS_HEADER_SLOTS; b++) {
		fs->cur[0] |= (uint8_t)(1u << b);
		fs->com[0] |= (uint8_t)(1u << b);
	}
	fs->used = REDOXFS_HEADER_SLOTS;
	for (uint64_t c = 0; c < fs->nchunks; c++)
		fs->chunk_dirty[c] = 3;
}
