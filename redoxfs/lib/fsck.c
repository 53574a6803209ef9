/*
 * redoxfs_fsck: walk everything reachable from the newest header,
 * checking each block against its pointer's CRC and each structure
 * against format.h, then cross-check directory entries with link counts
 * and the space map with the set of blocks seen. Stops at the first
 * problem and describes it in one line.
 */
#include "redoxfs/fsck.h"
#include "internal.h"

#define NBUF 9 /* tree levels 0-3, node, data levels 1-3, data block */
#define CH   REDOXFS_DIR_CHUNK

struct ino_rec {
	uint32_t ino, parent, links, refs, entry_parent, subdirs;
	uint16_t mode;
};

struct edge {
	uint32_t parent, child;
};

struct ck {
	struct rfs_dev dev;
	const struct redoxfs_hooks *hooks;
	struct redoxfs_fsck_report *rep;
	struct redoxfs_header hdr;
	uint8_t *seen, *space;
	uint8_t *buf[NBUF];
	struct ino_rec *inos;
	size_t ninos, cap_inos;
	struct edge *edges;
	size_t nedges, cap_edges;
	bool failed, nomem;
};

/* ---- one-line messages: %s (char *) and %u (uint64_t) only ---- */

struct out {
	char *p;
	size_t len, cap;
};

static void put_s(struct out *o, const char *s)
{
	while (*s && o->len + 1 < o->cap)
		o->p[o->len++] = *s++;
	o->p[o->len] = 0;
}

static void put_u(struct out *o, uint64_t v)
{
	char tmp[24];
	int i = 23;
	tmp[i] = 0;
	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 0);
	put_s(o, tmp + i);
}

static void vformat(struct out *o, const char *fmt, __builtin_va_list ap)
{
	char one[2] = {0, 0};
	for (; *fmt; fmt++) {
		if (*fmt == '%' && fmt[1] == 's') {
			put_s(o, __builtin_va_arg(ap, const char *));
			fmt++;
		} else if (*fmt == '%' && fmt[1] == 'u') {
			put_u(o, __builtin_va_arg(ap, uint64_t));
			fmt++;
		} else {
			one[0] = *fmt;
			put_s(o, one);
		}
	}
}

static bool fail(struct ck *ck, const char *fmt, ...)
{
	if (ck->failed)
		return false;
	ck->failed = true;
	struct out o = {ck->rep->msg, 0, sizeof(ck->rep->msg)};
	__builtin_va_list ap;
	__builtin_va_start(ap, fmt);
	vformat(&o, fmt, ap);
	__builtin_va_end(ap);
	return false;
}

/* ---- growable arrays through the hooks ---- */

static void *grow(struct ck *ck, void *old, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return old;
	size_t ncap = *cap ? *cap * 2 : 256;
	void *p = ck->hooks->alloc(ncap * elem);
	if (!p) {
		ck->nomem = true;
		ck->failed = true;
		return NULL;
	}
	if (old)
		rfs_memcpy(p, old, n * elem);
	ck->hooks->free(old);
	*cap = ncap;
	return p;
}

static struct ino_rec *find_ino(struct ck *ck, uint32_t ino)
{
	size_t lo = 0, hi = ck->ninos;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ck->inos[mid].ino == ino)
			return &ck->inos[mid];
		if (ck->inos[mid].ino < ino)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool seen(const struct ck *ck, uint64_t b)
{
	return ck->seen[b >> 3] & (1u << (b & 7));
}

/* Follow a pointer: range, single use, readable, checksum. `what` is a
 * description with up to two %u. */
static bool visit(struct ck *ck, const struct redoxfs_ptr *p, void *buf, const char *what,
                  uint64_t a, uint64_t b)
{
	char desc[96];
	struct out o = {desc, 0, sizeof(desc)};
	uint64_t args[2] = {a, b};
	int k = 0;
	for (const char *f = what; *f; f++) {
		if (*f == '%' && f[1] == 'u' && k < 2) {
			put_u(&o, args[k++]);
			f++;
		} else {
			char one[2] = {*f, 0};
			put_s(&o, one);
		}
	}
	if (p->block < REDOXFS_HEADER_SLOTS || p->block >= ck->dev.nblocks)
		return fail(ck, "%s: pointer to block %u, outside 4..%u", desc, p->block,
		            ck->dev.nblocks - 1);
	if (p->reserved)
		return fail(ck, "%s: pointer to block %u has non-zero reserved field", desc,
		            p->block);
	if (seen(ck, p->block))
		return fail(ck, "%s: block %u is used twice", desc, p->block);
	ck->seen[p->block >> 3] |= (uint8_t)(1u << (p->block & 7));
	if (rfs_read_blocks(&ck->dev, p->block, buf, 1))
		return fail(ck, "%s: cannot read block %u", desc, p->block);
	if (rfs_block_crc(buf) != p->crc)
		return fail(ck, "%s (block %u): checksum mismatch", desc, p->block);
	return true;
}

/* ---- directories ---- */

static bool add_edge(struct ck *ck, uint32_t parent, uint32_t child)
{
	ck->edges = grow(ck, ck->edges, &ck->cap_edges, ck->nedges, sizeof(struct edge));
	if (!ck->edges)
		return false;
	ck->edges[ck->nedges].parent = parent;
	ck->edges[ck->nedges].child = child;
	ck->nedges++;
	return true;
}

/* Parse `len` bytes of directory data that start at byte `base`. */
static bool parse_dir(struct ck *ck, uint32_t dir, const uint8_t *data, uint64_t base, size_t len)
{
	for (size_t c = 0; c < len; c += CH) {
		const uint8_t *chunk = data + c;
		size_t pos = 0, at = 0;
		uint32_t ino;
		const uint8_t *name;
		uint8_t nlen;
		int got;
		while ((got = rfs_dir_next(chunk, &pos, &ino, &name, &nlen)) > 0) {
			if (ino && !rfs_name_ok((const char *)name, nlen))
				return fail(ck, "directory inode %u: bad name in entry at byte %u",
				            (uint64_t)dir, base + c + at);
			if (ino && ino >= ck->hdr.next_ino)
				return fail(ck,
				            "directory inode %u: entry at byte %u names inode %u, "
				            "past next_ino %u",
				            (uint64_t)dir, base + c + at, (uint64_t)ino,
				            (uint64_t)ck->hdr.next_ino);
			if (ino && !add_edge(ck, dir, ino))
				return false;
			at = pos;
		}
		if (got < 0)
			return fail(ck, "directory inode %u: malformed entry at byte %u",
			            (uint64_t)dir, base + c + at);
		if (!rfs_is_zero(chunk + pos, CH - pos))
			return fail(ck,
			            "directory inode %u: garbage after the last entry of the chunk "
			            "at byte %u",
			            (uint64_t)dir, base + c);
	}
	return true;
}

/* ---- node data ---- */

enum kind { K_FILE, K_DIR, K_SPACE };

struct walk {
	const struct redoxfs_node *n;
	enum kind kind;
	uint64_t nblocks; /* data blocks the size spans */
};

static bool data_block(struct ck *ck, const struct walk *w, uint64_t idx, const uint8_t *blk)
{
	const struct redoxfs_node *n = w->n;
	size_t len = n->size - idx * BS < BS ? (size_t)(n->size - idx * BS) : BS;

	if (!rfs_is_zero(blk + len, BS - len))
		return fail(ck, "inode %u data block %u: bytes past the end of file are not zero",
		            (uint64_t)n->ino, idx);
	if (w->kind == K_DIR)
		return parse_dir(ck, n->ino, blk, idx * BS, len);
	if (w->kind == K_SPACE)
		rfs_memcpy(ck->space + idx * BS, blk, len);
	return true;
}

static bool walk_level(struct ck *ck, const struct walk *w, const struct redoxfs_ptr *p,
                       unsigned level, uint64_t first)
{
	uint32_t ino = w->n->ino;

	if (first >= w->nblocks)
		return fail(ck, "inode %u: block pointer for data block %u, past the end of file",
		            (uint64_t)ino, first);
	if (level == 0) {
		uint8_t *blk = ck->buf[8];
		return visit(ck, p, blk, "inode %u data block %u", ino, first) &&
		       data_block(ck, w, first, blk);
	}
	const struct redoxfs_ptr *tab = (const struct redoxfs_ptr *)ck->buf[4 + level];
	if (!visit(ck, p, ck->buf[4 + level], "inode %u indirect block for data block %u", ino,
	           first))
		return false;
	for (unsigned i = 0; i < REDOXFS_PTRS_PER_BLOCK && !ck->failed; i++) {
		if (tab[i].block == 0) {
			if (tab[i].crc || tab[i].reserved)
				return fail(ck, "inode %u: garbage in an empty block pointer",
				            (uint64_t)ino);
			continue;
		}
		walk_level(ck, w, &tab[i], level - 1, first + ((uint64_t)i << (8 * (level - 1))));
	}
	return !ck->failed;
}

static bool walk_data(struct ck *ck, const struct redoxfs_node *n, enum kind kind)
{
	struct walk w = {n, kind, (n->size + BS - 1) / BS};

	if (n->flags & REDOXFS_NODE_INLINE) {
		if (!rfs_is_zero(n->data + n->size, REDOXFS_INLINE_MAX - (size_t)n->size))
			return fail(ck,
			            "inode %u: bytes past the end of its inline data are not zero",
			            (uint64_t)n->ino);
		if (kind == K_DIR)
			return parse_dir(ck, n->ino, n->data, 0, (size_t)n->size);
		if (kind == K_SPACE)
			rfs_memcpy(ck->space, n->data, (size_t)n->size);
		return true;
	}
	for (unsigned i = 0; i < REDOXFS_NODE_PTRS && !ck->failed; i++) {
		if (n->ptrs[i].block == 0) {
			if (n->ptrs[i].crc || n->ptrs[i].reserved)
				return fail(ck, "inode %u: garbage in an empty block pointer",
				            (uint64_t)n->ino);
			continue;
		}
		walk_level(ck, &w, &n->ptrs[i], n->height, (uint64_t)i << (8 * n->height));
	}
	return !ck->failed;
}

/* ---- nodes and the inode tree ---- */

static bool check_node(struct ck *ck, uint32_t ino, const struct redoxfs_ptr *p)
{
	struct redoxfs_node *n = (struct redoxfs_node *)ck->buf[4];

	if (ino == 0 || ino >= ck->hdr.next_ino)
		return fail(ck, "inode tree: entry for inode %u, outside 1..next_ino-1 (%u)",
		            (uint64_t)ino, (uint64_t)ck->hdr.next_ino - 1);
	if (!visit(ck, p, n, "inode %u node", ino, 0))
		return false;
	if (n->magic != REDOXFS_NODE_MAGIC)
		return fail(ck, "inode %u (block %u): not a node (bad magic)", (uint64_t)ino,
		            p->block);
	if (n->ino != ino)
		return fail(ck, "inode %u (block %u): node says it is inode %u", (uint64_t)ino,
		            p->block, (uint64_t)n->ino);
	if (rfs_node_check(n, ino, REDOXFS_NODE_MAGIC))
		return fail(ck, "inode %u (block %u): bad mode, flags, height or size",
		            (uint64_t)ino, p->block);
	if (n->links == 0)
		return fail(ck, "inode %u: link count is 0", (uint64_t)ino);
	if (!rfs_is_zero(n->reserved, sizeof(n->reserved)))
		return fail(ck, "inode %u: reserved bytes are not zero", (uint64_t)ino);

	ck->inos = grow(ck, ck->inos, &ck->cap_inos, ck->ninos, sizeof(struct ino_rec));
	if (!ck->inos)
		return false;
	struct ino_rec *r = &ck->inos[ck->ninos++];
	rfs_memset(r, 0, sizeof(*r));
	r->ino = ino;
	r->mode = n->mode;
	r->links = n->links;
	r->parent = n->parent;
	uint16_t type = n->mode & REDOXFS_MODE_TYPE;
	ck->rep->dirs += type == REDOXFS_MODE_DIR;
	ck->rep->files += type == REDOXFS_MODE_FILE;
	ck->rep->symlinks += type == REDOXFS_MODE_SYMLINK;
	return walk_data(ck, n, type == REDOXFS_MODE_DIR ? K_DIR : K_FILE);
}

static bool walk_tree(struct ck *ck, const struct redoxfs_ptr *p, int level, uint32_t base)
{
	const struct redoxfs_ptr *tab = (const struct redoxfs_ptr *)ck->buf[level];

	if (!visit(ck, p, ck->buf[level], "inode tree level %u block for inode %u", (uint64_t)level,
	           base))
		return false;
	for (unsigned i = 0; i < REDOXFS_PTRS_PER_BLOCK && !ck->failed; i++) {
		if (tab[i].block == 0) {
			if (tab[i].crc || tab[i].reserved)
				return fail(ck,
				            "inode tree: garbage in an empty pointer of the level "
				            "%u block for inode %u",
				            (uint64_t)level, (uint64_t)base);
			continue;
		}
		uint32_t ino = base | (uint32_t)i << (8 * level);
		if (level == 0)
			check_node(ck, ino, &tab[i]);
		else
			walk_tree(ck, &tab[i], level - 1, ino);
	}
	return !ck->failed;
}

/* ---- header ring ---- */

static bool check_headers(struct ck *ck, const struct redoxfs_io *io, uint64_t offset,
                          uint64_t image_size)
{
	uint8_t *slot = ck->buf[0];
	bool found = false;

	if (image_size < REDOXFS_HEADER_SLOTS * (uint64_t)BS)
		return fail(ck, "image is %u bytes, too small for the header ring", image_size);
	for (unsigned s = 0; s < REDOXFS_HEADER_SLOTS; s++) {
		if (io->read(io->ctx, offset + (uint64_t)s * BS, slot, BS))
			return fail(ck, "header slot %u: cannot read", (uint64_t)s);
		const struct redoxfs_header *h = (const struct redoxfs_header *)slot;
		if (rfs_header_valid(h, s) && (!found || h->generation > ck->hdr.generation)) {
			rfs_memcpy(&ck->hdr, h, sizeof(ck->hdr));
			found = true;
		}
	}
	if (!found)
		return fail(ck, "no valid RedoxFS header in any of the %u header slots",
		            (uint64_t)REDOXFS_HEADER_SLOTS);
	for (unsigned s = 0; s < REDOXFS_HEADER_SLOTS; s++) {
		if (io->read(io->ctx, offset + (uint64_t)s * BS, slot, BS))
			return fail(ck, "header slot %u: cannot read", (uint64_t)s);
		const struct redoxfs_header *h = (const struct redoxfs_header *)slot;
		if (rfs_is_zero(slot, BS))
			continue; /* never written */
		if (!rfs_header_valid(h, s)) {
			bool sig = rfs_memcmp(h->signature, REDOXFS_SIGNATURE, 8) == 0;
			return fail(ck, "header slot %u (byte %u): %s", (uint64_t)s,
			            offset + (uint64_t)s * BS,
			            sig ? "checksum mismatch or invalid fields" : "bad signature");
		}
		if (!rfs_is_zero(slot + REDOXFS_HEADER_SIZE, BS - REDOXFS_HEADER_SIZE))
			return fail(ck, "header slot %u: non-zero bytes after the header",
			            (uint64_t)s);
		if (h->generation + REDOXFS_HEADER_SLOTS <= ck->hdr.generation)
			return fail(ck, "header slot %u: stale generation %u (newest %u)",
			            (uint64_t)s, h->generation, ck->hdr.generation);
		if (rfs_memcmp(h->uuid, ck->hdr.uuid, 16) != 0 || h->size != ck->hdr.size)
			return fail(
			    ck, "header slot %u: from another filesystem (uuid or size differs)",
			    (uint64_t)s);
	}
	if (ck->hdr.size > image_size)
		return fail(ck, "filesystem is %u bytes but the image has only %u (truncated?)",
		            ck->hdr.size, image_size);
	return true;
}

/* ---- cross checks ---- */

static bool check_space(struct ck *ck)
{
	struct redoxfs_node *n = (struct redoxfs_node *)ck->buf[4];
	uint64_t nb = ck->dev.nblocks, bytes = (nb + 7) / 8, used = 0;

	if (!visit(ck, &ck->hdr.space, n, "space map node", 0, 0))
		return false;
	if (rfs_node_check(n, 0, REDOXFS_SPACE_MAGIC) || n->size != bytes)
		return fail(ck, "space map node (block %u): bad magic, size or layout",
		            ck->hdr.space.block);
	ck->space = ck->hooks->alloc(bytes + BS);
	if (!ck->space) {
		ck->nomem = ck->failed = true;
		return false;
	}
	rfs_memset(ck->space, 0, bytes + BS);
	if (!walk_data(ck, n, K_SPACE))
		return false;
	for (uint64_t b = 0; b < nb; b++) {
		bool in_map = ck->space[b >> 3] & (1u << (b & 7));
		used += in_map;
		if (seen(ck, b) && !in_map)
			return fail(ck, "block %u is in use but the space map marks it free", b);
		if (!seen(ck, b) && in_map)
			return fail(ck, "block %u is marked used but nothing refers to it (leaked)",
			            b);
	}
	for (uint64_t b = nb; b < bytes * 8; b++)
		if (ck->space[b >> 3] & (1u << (b & 7)))
			return fail(ck, "space map: bits set past the last block");
	if (ck->hdr.free_blocks != nb - used)
		return fail(ck, "header says %u blocks free, the space map %u", ck->hdr.free_blocks,
		            nb - used);
	ck->rep->used_blocks = used;
	return true;
}

static bool check_links(struct ck *ck)
{
	struct ino_rec *root = find_ino(ck, REDOXFS_ROOT_INO);
	if (!root)
		return fail(ck, "root directory (inode 1) is missing");
	if ((root->mode & REDOXFS_MODE_TYPE) != REDOXFS_MODE_DIR)
		return fail(ck, "root inode 1 is not a directory");
	if (root->parent != REDOXFS_ROOT_INO)
		return fail(ck, "root directory: parent field is %u, not 1",
		            (uint64_t)root->parent);

	for (size_t i = 0; i < ck->nedges; i++) {
		const struct edge *e = &ck->edges[i];
		struct ino_rec *c = find_ino(ck, e->child);
		if (!c)
			return fail(ck, "directory inode %u has an entry for missing inode %u",
			            (uint64_t)e->parent, (uint64_t)e->child);
		if (e->child == REDOXFS_ROOT_INO)
			return fail(ck, "directory inode %u has an entry for the root directory",
			            (uint64_t)e->parent);
		c->refs++;
		if ((c->mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_DIR) {
			if (c->entry_parent)
				return fail(
				    ck, "directory inode %u has entries in both inode %u and %u",
				    (uint64_t)e->child, (uint64_t)c->entry_parent,
				    (uint64_t)e->parent);
			c->entry_parent = e->parent;
			find_ino(ck, e->parent)->subdirs++;
		}
	}
	size_t ndirs = 0;
	for (size_t i = 0; i < ck->ninos; i++) {
		const struct ino_rec *r = &ck->inos[i];
		bool dir = (r->mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_DIR;
		ndirs += dir;
		if (r->ino != REDOXFS_ROOT_INO && r->refs == 0)
			return fail(ck, "inode %u is in the inode tree but in no directory",
			            (uint64_t)r->ino);
		if (dir && r->ino != REDOXFS_ROOT_INO && r->parent != r->entry_parent)
			return fail(
			    ck, "directory inode %u: parent field is %u but its entry is in %u",
			    (uint64_t)r->ino, (uint64_t)r->parent, (uint64_t)r->entry_parent);
		if (dir && r->links != 2 + r->subdirs)
			return fail(ck, "directory inode %u: link count %u, expected %u",
			            (uint64_t)r->ino, (uint64_t)r->links, 2 + (uint64_t)r->subdirs);
		if (!dir && r->links != r->refs)
			return fail(ck, "inode %u: link count %u but %u directory entries",
			            (uint64_t)r->ino, (uint64_t)r->links, (uint64_t)r->refs);
	}
	/* Every directory must reach the root through its parents. */
	for (size_t i = 0; i < ck->ninos; i++) {
		const struct ino_rec *r = &ck->inos[i];
		if ((r->mode & REDOXFS_MODE_TYPE) != REDOXFS_MODE_DIR)
			continue;
		uint32_t at = r->ino;
		for (size_t steps = 0; at != REDOXFS_ROOT_INO; steps++) {
			if (steps > ndirs)
				return fail(
				    ck, "directory inode %u is not connected to the root (cycle)",
				    (uint64_t)r->ino);
			at = find_ino(ck, at)->parent;
		}
	}
	ck->rep->inodes = ck->ninos;
	return true;
}

int redoxfs_fsck(const struct redoxfs_io *io, uint64_t offset, uint64_t image_size,
                 const struct redoxfs_hooks *hooks, struct redoxfs_fsck_report *rep)
{
	struct ck ck;

	rfs_memset(rep, 0, sizeof(*rep));
	rfs_memset(&ck, 0, sizeof(ck));
	ck.hooks = hooks;
	ck.rep = rep;
	for (int i = 0; i < NBUF; i++)
		if (!(ck.buf[i] = hooks->alloc(BS)))
			ck.nomem = true;
	if (!ck.nomem && check_headers(&ck, io, offset, image_size)) {
		rep->generation = ck.hdr.generation;
		ck.dev.io = *io;
		ck.dev.offset = offset;
		ck.dev.nblocks = ck.hdr.size / BS;
		rep->blocks = ck.dev.nblocks;
		ck.seen = hooks->alloc((ck.dev.nblocks + 7) / 8);
		if (!ck.seen) {
			ck.nomem = true;
		} else {
			rfs_memset(ck.seen, 0, (ck.dev.nblocks + 7) / 8);
			ck.seen[0] = (1u << REDOXFS_HEADER_SLOTS) - 1;
			if (ck.hdr.root.block == 0)
				fail(&ck, "header: the inode tree is empty (no root directory)");
			else if (walk_tree(&ck, &ck.hdr.root, REDOXFS_TREE_LEVELS - 1, 0) &&
			         check_space(&ck))
				check_links(&ck);
		}
	}
	for (int i = 0; i < NBUF; i++)
		hooks->free(ck.buf[i]);
	hooks->free(ck.seen);
	hooks->free(ck.space);
	hooks->free(ck.inos);
	hooks->free(ck.edges);
	if (ck.nomem)
		return -REDOXFS_ENOMEM;
	return ck.failed ? 1 : 0;
}
