/*
 * Directory entries in the read-write layer. A directory's data is a
 * list of 1024-byte chunks of records (format.h). Removing an entry
 * leaves a hole (ino 0) so that readdir cookies — byte offsets — stay
 * valid; a chunk is compacted only when an insert needs its holes, and
 * empty chunks at the end are cut off. Large directories are looked up
 * and grown through an in-memory index (dirindex.c) instead of a scan;
 * an insert there goes after a chunk's last record or into a new chunk
 * (holes come back when their chunk empties).
 */
#include "rw.h"
#include "dirindex.h"

#define CH REDOXFS_DIR_CHUNK

struct chunk_info {
	size_t end;   /* where the terminator is */
	size_t holes; /* bytes in holes */
	unsigned live;
};

static int scan_chunk(const uint8_t *chunk, struct chunk_info *ci)
{
	size_t pos = 0;
	uint32_t ino;
	const uint8_t *name;
	uint8_t len;
	int got;

	ci->holes = 0;
	ci->live = 0;
	while ((got = rfs_dir_next(chunk, &pos, &ino, &name, &len)) > 0) {
		if (ino)
			ci->live++;
		else
			ci->holes += REDOXFS_DIR_REC_HDR + len;
	}
	ci->end = pos;
	return got;
}

/* Read the block of directory data that holds byte `off`; returns how
 * many bytes (a multiple of CH) are in fs->chunk. */
static int64_t read_block(struct redoxfs *fs, const struct redoxfs_node *d, uint64_t off)
{
	uint64_t start = off & ~(uint64_t)(BS - 1);
	uint64_t len = d->size - start < BS ? d->size - start : BS;
	int64_t got = rfs_data_read(fs, d, start, fs->chunk, (size_t)len);
	if (got >= 0 && (uint64_t)got != len)
		return -REDOXFS_EIO;
	return got;
}

int rfs_dir_find(struct redoxfs *fs, const struct redoxfs_node *d, const char *name, size_t len,
                 uint32_t *ino, uint64_t *pos)
{
	struct rfs_dix *x = rfs_dix_for(fs, d);
	if (x)
		return rfs_dix_find(x, name, len, ino, pos);
	for (uint64_t off = 0; off < d->size; off += BS) {
		int64_t got = read_block(fs, d, off);
		if (got < 0)
			return (int)got;
		for (int64_t c = 0; c < got; c += CH) {
			size_t p = 0, at = 0;
			uint32_t e_ino;
			const uint8_t *e_name;
			uint8_t e_len;
			int r;
			while ((r = rfs_dir_next(fs->chunk + c, &p, &e_ino, &e_name, &e_len)) > 0) {
				if (e_ino && e_len == len && rfs_memcmp(e_name, name, len) == 0) {
					*ino = e_ino;
					*pos = off + (uint64_t)c + at;
					return 0;
				}
				at = p;
			}
			if (r < 0)
				return r;
		}
	}
	return -REDOXFS_ENOENT;
}

static size_t put_record(uint8_t *at, const char *name, size_t len, uint32_t ino)
{
	rfs_put32(at, ino);
	at[4] = (uint8_t)len;
	rfs_memcpy(at + REDOXFS_DIR_REC_HDR, name, len);
	return REDOXFS_DIR_REC_HDR + len;
}

int rfs_dir_add(struct redoxfs *fs, struct redoxfs_node *d, const char *name, size_t len,
                uint32_t ino)
{
	size_t need = REDOXFS_DIR_REC_HDR + len;
	uint8_t tmp[CH];
	uint64_t squeeze = UINT64_MAX; /* a chunk that fits after compaction */

	struct rfs_dix *x = rfs_dix_for(fs, d);
	if (x) {
		uint64_t at;
		int err;
		rfs_memset(tmp, 0, CH);
		size_t n = put_record(tmp, name, len, ino);
		if (rfs_dix_room(x, need, &at) >= 0) {
			err = rfs_data_write(fs, d, at, tmp, n);
		} else {
			at = d->size;
			err = rfs_data_write(fs, d, at, tmp, CH);
		}
		if (err)
			rfs_dix_drop(fs);
		else
			rfs_dix_added(fs, x, d, name, len, ino, at);
		return err;
	}

	for (uint64_t off = 0; off < d->size; off += BS) {
		int64_t got = read_block(fs, d, off);
		if (got < 0)
			return (int)got;
		for (int64_t c = 0; c < got; c += CH) {
			struct chunk_info ci;
			if (scan_chunk(fs->chunk + c, &ci) < 0)
				return -REDOXFS_EIO;
			if (CH - ci.end >= need) {
				size_t n = put_record(tmp, name, len, ino);
				return rfs_data_write(fs, d, off + (uint64_t)c + ci.end, tmp, n);
			}
			if (squeeze == UINT64_MAX && CH - ci.end + ci.holes >= need)
				squeeze = off + (uint64_t)c;
		}
	}
	rfs_memset(tmp, 0, CH);
	if (squeeze == UINT64_MAX) {
		put_record(tmp, name, len, ino);
		return rfs_data_write(fs, d, d->size, tmp, CH);
	}
	/* Rewrite that chunk without its holes, then the new record. */
	int64_t got = read_block(fs, d, squeeze);
	if (got < 0)
		return (int)got;
	const uint8_t *src = fs->chunk + (squeeze & (BS - 1));
	size_t p = 0, out = 0;
	uint32_t e_ino;
	const uint8_t *e_name;
	uint8_t e_len;
	while (rfs_dir_next(src, &p, &e_ino, &e_name, &e_len) > 0)
		if (e_ino)
			out += put_record(tmp + out, (const char *)e_name, e_len, e_ino);
	put_record(tmp + out, name, len, ino);
	return rfs_data_write(fs, d, squeeze, tmp, CH);
}

int rfs_dir_remove(struct redoxfs *fs, struct redoxfs_node *d, uint64_t pos)
{
	uint8_t tmp[CH];
	uint64_t start = pos - pos % CH;
	struct chunk_info ci;

	int64_t got = read_block(fs, d, start);
	if (got < 0)
		return (int)got;
	rfs_memcpy(tmp, fs->chunk + (start & (BS - 1)), CH);
	rfs_put32(tmp + (pos - start), 0);
	if (scan_chunk(tmp, &ci) < 0)
		return -REDOXFS_EIO;
	if (ci.live == 0)
		rfs_memset(tmp, 0, CH);
	int err = rfs_data_write(fs, d, start, tmp, CH);
	if (err) {
		rfs_dix_drop(fs);
		return err;
	}
	/* Cut empty chunks off the end. */
	while (d->size) {
		got = read_block(fs, d, d->size - CH);
		if (got < 0)
			return (int)got;
		if (!rfs_is_zero(fs->chunk + ((d->size - CH) & (BS - 1)), CH))
			break;
		err = rfs_data_truncate(fs, d, d->size - CH);
		if (err) {
			rfs_dix_drop(fs);
			return err;
		}
	}
	rfs_dix_removed(fs, d, pos, ci.live == 0);
	return 0;
}

int rfs_dir_set(struct redoxfs *fs, struct redoxfs_node *d, uint64_t pos, uint32_t ino)
{
	uint8_t b[4];
	rfs_dix_drop(fs); /* rename over an entry: rebuilt on the next use */
	rfs_put32(b, ino);
	return rfs_data_write(fs, d, pos, b, 4);
}

int rfs_dir_empty(struct redoxfs *fs, const struct redoxfs_node *d)
{
	for (uint64_t off = 0; off < d->size; off += BS) {
		int64_t got = read_block(fs, d, off);
		if (got < 0)
			return (int)got;
		for (int64_t c = 0; c < got; c += CH) {
			struct chunk_info ci;
			if (scan_chunk(fs->chunk + c, &ci) < 0)
				return -REDOXFS_EIO;
			if (ci.live)
				return 0;
		}
	}
	return 1;
}

int rfs_dir_next_entry(struct redoxfs *fs, const struct redoxfs_node *d, uint64_t *cookie,
                       struct redoxfs_dirent *ent)
{
	uint64_t want = *cookie;

	while (want < d->size) {
		uint64_t start = want - want % CH;
		int64_t got = read_block(fs, d, start);
		if (got < 0)
			return (int)got;
		const uint8_t *chunk = fs->chunk + (start & (BS - 1));
		size_t p = 0, at = 0;
		uint32_t e_ino;
		const uint8_t *e_name;
		uint8_t e_len;
		int r;
		while ((r = rfs_dir_next(chunk, &p, &e_ino, &e_name, &e_len)) > 0) {
			if (e_ino && start + at >= want) {
				ent->ino = e_ino;
				ent->name_len = e_len;
				rfs_memcpy(ent->name, e_name, e_len);
				ent->name[e_len] = 0;
				*cookie = start + p;
				return 1;
			}
			at = p;
		}
		if (r < 0)
			return r;
		want = start + CH;
	}
	*cookie = d->size;
	return 0;
}
