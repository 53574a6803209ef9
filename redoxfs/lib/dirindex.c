/*
 * An in-memory index of one large directory, so that lookups and inserts
 * in a directory of 100 000 entries do not scan all of it (dir.c). It
 * holds every live entry (name -> ino, byte position) in a hash table
 * and, per 1024-byte chunk, where its terminator is, so an insert finds
 * room without reading the chunks. It describes directory `ino` at size
 * `size` only: dir.c keeps it in step with every change it makes, and
 * anything it cannot follow (compaction, rename over an entry, an error)
 * drops it; a directory whose size no longer matches is rebuilt by one
 * scan on its next use. It lives only in memory: nothing on disk changes.
 */
#include "rw.h"
#include "dirindex.h"

#define CH        REDOXFS_DIR_CHUNK
#define TOMBSTONE 0xFFFFFFFFu

static void *grow(struct redoxfs *fs, void *old, size_t used, size_t new_size)
{
	void *p = fs->hooks.alloc(new_size);
	if (p && old)
		rfs_memcpy(p, old, used);
	if (old)
		fs->hooks.free(old);
	return p;
}

static uint32_t hash(const uint8_t *name, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ name[i]) * 16777619u;
	return h;
}

void rfs_dix_drop(struct redoxfs *fs)
{
	struct rfs_dix *x = fs->dix;
	if (!x)
		return;
	fs->hooks.free(x->ents);
	fs->hooks.free(x->table);
	fs->hooks.free(x->names);
	fs->hooks.free(x->chunks);
	fs->hooks.free(x);
	fs->dix = 0;
}

static bool table_put(struct rfs_dix *x, uint32_t e)
{
	size_t mask = x->tcap - 1;
	for (size_t i = x->ents[e].hash & mask;; i = (i + 1) & mask)
		if (!x->table[i] || x->table[i] == TOMBSTONE) {
			x->table[i] = e + 1;
			return true;
		}
}

static bool rehash(struct redoxfs *fs, struct rfs_dix *x, size_t tcap)
{
	fs->hooks.free(x->table);
	x->table = fs->hooks.alloc(tcap * sizeof(uint32_t));
	if (!x->table)
		return false;
	rfs_memset(x->table, 0, tcap * sizeof(uint32_t));
	x->tcap = tcap;
	for (size_t e = 0; e < x->nents; e++)
		if (x->ents[e].ino)
			table_put(x, (uint32_t)e);
	return true;
}

/* Add an entry; false when out of memory (the caller drops the index). */
static bool add_entry(struct redoxfs *fs, struct rfs_dix *x, const uint8_t *name, size_t len,
                      uint32_t ino, uint64_t pos)
{
	if (x->nents == x->ecap) {
		size_t cap = x->ecap ? 2 * x->ecap : 256;
		x->ents = grow(fs, x->ents, x->nents * sizeof(*x->ents), cap * sizeof(*x->ents));
		if (!x->ents)
			return false;
		x->ecap = cap;
	}
	if (x->names_len + len > x->names_cap) {
		size_t cap = x->names_cap ? 2 * x->names_cap : 4096;
		while (cap < x->names_len + len)
			cap *= 2;
		x->names = grow(fs, x->names, x->names_len, cap);
		if (!x->names)
			return false;
		x->names_cap = cap;
	}
	if (2 * (x->nents + 1) > x->tcap && !rehash(fs, x, x->tcap ? 2 * x->tcap : 512))
		return false;
	struct rfs_dix_ent *e = &x->ents[x->nents];
	e->hash = hash(name, len);
	e->ino = ino;
	e->pos = pos;
	e->name = (uint32_t)x->names_len;
	e->len = (uint8_t)len;
	rfs_memcpy(x->names + x->names_len, name, len);
	x->names_len += len;
	table_put(x, (uint32_t)x->nents++);
	return true;
}

static bool set_chunk(struct redoxfs *fs, struct rfs_dix *x, size_t c, size_t end)
{
	if (c >= x->ccap) {
		size_t cap = x->ccap ? 2 * x->ccap : 64;
		while (cap <= c)
			cap *= 2;
		x->chunks = grow(fs, x->chunks, x->ccap * sizeof(uint16_t), cap * sizeof(uint16_t));
		if (!x->chunks)
			return false;
		x->ccap = cap;
	}
	x->chunks[c] = (uint16_t)end;
	if (c >= x->nchunks)
		x->nchunks = c + 1;
	return true;
}

int rfs_dix_build(struct redoxfs *fs, const struct redoxfs_node *d)
{
	rfs_dix_drop(fs);
	struct rfs_dix *x = fs->hooks.alloc(sizeof(*x));
	if (!x)
		return -REDOXFS_ENOMEM;
	rfs_memset(x, 0, sizeof(*x));
	fs->dix = x;
	for (uint64_t off = 0; off < d->size; off += BS) {
		uint64_t len = d->size - off < BS ? d->size - off : BS;
		int64_t got = rfs_data_read(fs, d, off, fs->chunk, (size_t)len);
		if (got >= 0 && (uint64_t)got != len)
			got = -REDOXFS_EIO;
		if (got < 0) {
			rfs_dix_drop(fs);
			return (int)got;
		}
		for (int64_t c = 0; c < got; c += CH) {
			size_t p = 0, at = 0;
			uint32_t ino;
			const uint8_t *name;
			uint8_t nlen;
			int r;
			while ((r = rfs_dir_next(fs->chunk + c, &p, &ino, &name, &nlen)) > 0) {
				if (ino &&
				    !add_entry(fs, x, name, nlen, ino, off + (uint64_t)c + at)) {
					rfs_dix_drop(fs);
					return -REDOXFS_ENOMEM;
				}
				at = p;
			}
			if (r < 0 || !set_chunk(fs, x, (size_t)((off + (uint64_t)c) / CH), p)) {
				rfs_dix_drop(fs);
				return r < 0 ? r : -REDOXFS_ENOMEM;
			}
		}
	}
	x->ino = d->ino;
	x->size = d->size;
	return 0;
}

struct rfs_dix *rfs_dix_for(struct redoxfs *fs, const struct redoxfs_node *d)
{
	struct rfs_dix *x = fs->dix;
	if (x && x->ino == d->ino && x->size == d->size)
		return x;
	if (d->size < RFS_DIX_MIN || rfs_dix_build(fs, d))
		return 0;
	return fs->dix;
}

int rfs_dix_find(struct rfs_dix *x, const char *name, size_t len, uint32_t *ino, uint64_t *pos)
{
	if (!x->tcap)
		return -REDOXFS_ENOENT;
	uint32_t h = hash((const uint8_t *)name, len);
	size_t mask = x->tcap - 1;
	for (size_t i = h & mask; x->table[i]; i = (i + 1) & mask) {
		if (x->table[i] == TOMBSTONE)
			continue;
		struct rfs_dix_ent *e = &x->ents[x->table[i] - 1];
		if (e->hash == h && e->len == len && !rfs_memcmp(x->names + e->name, name, len)) {
			*ino = e->ino;
			*pos = e->pos;
			x->last = x->table[i] - 1;
			x->last_slot = i;
			return 0;
		}
	}
	return -REDOXFS_ENOENT;
}

int64_t rfs_dix_room(struct rfs_dix *x, size_t need, uint64_t *at)
{
	for (size_t c = x->room_from; c < x->nchunks; c++) {
		if (CH - x->chunks[c] >= need) {
			*at = (uint64_t)c * CH + x->chunks[c];
			return (int64_t)c;
		}
		if (c == x->room_from && CH - x->chunks[c] < REDOXFS_DIR_REC_HDR + 16)
			x->room_from = c + 1; /* full for any but the shortest names */
	}
	return -1;
}

bool rfs_dix_added(struct redoxfs *fs, struct rfs_dix *x, const struct redoxfs_node *d,
                   const char *name, size_t len, uint32_t ino, uint64_t pos)
{
	size_t c = (size_t)(pos / CH);
	if (!set_chunk(fs, x, c, (size_t)(pos % CH) + REDOXFS_DIR_REC_HDR + len) ||
	    !add_entry(fs, x, (const uint8_t *)name, len, ino, pos)) {
		rfs_dix_drop(fs);
		return false;
	}
	x->size = d->size;
	return true;
}

void rfs_dix_removed(struct redoxfs *fs, const struct redoxfs_node *d, uint64_t pos,
                     bool chunk_emptied)
{
	struct rfs_dix *x = fs->dix;
	if (!x || x->ino != d->ino || x->last >= x->nents || x->ents[x->last].pos != pos) {
		rfs_dix_drop(fs); /* not the entry the last lookup found: start again */
		return;
	}
	x->ents[x->last].ino = 0;
	x->table[x->last_slot] = TOMBSTONE;
	x->last = (size_t)-1;
	size_t c = (size_t)(pos / CH);
	if (chunk_emptied && c < x->nchunks) {
		x->chunks[c] = 0;
		if (c < x->room_from)
			x->room_from = c;
	}
	x->nchunks = (size_t)(d->size / CH); /* empty chunks at the end were cut */
	if (x->room_from > x->nchunks)
		x->room_from = x->nchunks;
	x->size = d->size;
}
