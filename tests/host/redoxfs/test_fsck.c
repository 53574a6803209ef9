/*
 * fsck must reject damage with one line that says what and where, and
 * never crash: flipped bytes in each kind of block, structural damage
 * with valid checksums, truncated/zero/garbage images, and random flips
 * (any byte of any block in use must be caught; bytes of free blocks
 * must not matter). The mount and the reader must survive them too.
 */
#include <string.h>
#include "redoxfs/format.h"
#include "redoxfs/crc32c.h"
#include "util.h"

#define IMG (8u << 20)
#define BS  4096u

static struct memdisk good;
static uint32_t ino_small, ino_big, ino_dir_inline, ino_dir_blocks, ino_link, ino_gone;

static const struct redoxfs_header *newest(struct memdisk *md, unsigned *slot)
{
	const struct redoxfs_header *best = NULL;
	for (unsigned s = 0; s < 4; s++) {
		const struct redoxfs_header *h = (const void *)(md->data + s * BS);
		if (memcmp(h->signature, "RedoxFS", 8) == 0 &&
		    (!best || h->generation > best->generation)) {
			best = h;
			*slot = s;
		}
	}
	REQUIRE(best);
	return best;
}

static void *block(struct memdisk *md, uint64_t b)
{
	REQUIRE(b < md->size / BS);
	return md->data + b * BS;
}

/* The slot pointing at node `ino`, and the tree blocks above it. */
static struct redoxfs_ptr *node_slot(struct memdisk *md, uint32_t ino, struct redoxfs_ptr **path)
{
	unsigned slot;
	struct redoxfs_header *h = (struct redoxfs_header *)newest(md, &slot);
	struct redoxfs_ptr *p = &h->root;
	for (int l = 3; l >= 0; l--) {
		if (path)
			path[l] = p;
		struct redoxfs_ptr *tab = block(md, p->block);
		p = &tab[(ino >> (8 * l)) & 0xFF];
	}
	REQUIRE(p->block);
	return p;
}

static struct redoxfs_node *node(struct memdisk *md, uint32_t ino)
{
	return block(md, node_slot(md, ino, NULL)->block);
}

/* Data block `idx` of a node of height <= 1. */
static uint64_t data_block(struct memdisk *md, uint32_t ino, uint64_t idx)
{
	struct redoxfs_node *n = node(md, ino);
	REQUIRE(!(n->flags & REDOXFS_NODE_INLINE) && n->height <= 1);
	if (n->height == 0)
		return n->ptrs[idx].block;
	struct redoxfs_ptr *tab = block(md, n->ptrs[idx >> 8].block);
	return tab[idx & 0xFF].block;
}

/* After editing node `ino` in place: fix every checksum up to the header. */
static void reseal_node(struct memdisk *md, uint32_t ino)
{
	struct redoxfs_ptr *path[4];
	struct redoxfs_ptr *p = node_slot(md, ino, path);
	p->crc = redoxfs_crc32c(0, block(md, p->block), BS);
	for (int l = 0; l < 4; l++)
		path[l]->crc = redoxfs_crc32c(0, block(md, path[l]->block), BS);
	unsigned slot;
	struct redoxfs_header *h = (struct redoxfs_header *)newest(md, &slot);
	h->crc = redoxfs_crc32c(0, h, offsetof(struct redoxfs_header, crc));
}

static void rfs_test_put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* x86_64: little-endian like the disk */
}

static void build_good(void)
{
	struct redoxfs *fs = fresh_fs(&good, IMG);
	static uint8_t buf[1200000];
	char name[64];

	fill_pattern(buf, sizeof(buf), 7);
	ino_small = put_file(fs, "small", "hello", 5);
	ino_big = put_file(fs, "big", buf, sizeof(buf)); /* > 240 blocks: one indirect level */
	OK(redoxfs_mkdir(fs, 1, "idir", 0755, 0, 0, &ino_dir_inline));
	put_file(fs, "idir/a", "a", 1);
	OK(redoxfs_commit(fs));
	OK(redoxfs_mkdir(fs, 1, "bdir", 0755, 0, 0, &ino_dir_blocks));
	for (int i = 0; i < 1300; i++) { /* inode numbers past 1000 */
		snprintf(name, sizeof(name), "bdir/entry-with-a-long-name-%d", i);
		put_file(fs, name, name, i % 2 ? strlen(name) : 0);
	}
	OK(redoxfs_symlink(fs, 1, "link", "small", 0, 0, &ino_link));
	ino_gone = put_file(fs, "gone", "x", 1);
	OK(redoxfs_unlink(fs, 1, "gone"));
	OK(redoxfs_commit(fs));
	redoxfs_unmount(fs);
	REQUIRE(!(node(&good, ino_dir_blocks)->flags & REDOXFS_NODE_INLINE));
	REQUIRE(node(&good, ino_big)->height == 1);
	REQUIRE(fsck_md(&good, NULL, 0) == 0);
}

static void copy_good(struct memdisk *md)
{
	md_init(md, IMG);
	memcpy(md->data, good.data, IMG);
}

/* Whatever the damage, mounting and reading must not crash. */
static void survive(struct memdisk *md)
{
	static uint8_t scratch[REDOXFS_READER_SCRATCH] __attribute__((aligned(8)));
	static uint8_t buf[1300000];
	struct redoxfs_reader r;
	static const char *paths[] = {"small", "big",  "idir/a", "bdir/entry-with-a-long-name-7",
	                              "link",  "bdir", ""};
	if (redoxfs_reader_open(&r, &md->io, 0, scratch) == 0)
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			uint32_t ino;
			struct redoxfs_stat st;
			if (redoxfs_reader_lookup(&r, paths[i], &ino) == 0 &&
			    redoxfs_reader_stat(&r, ino, &st) == 0)
				redoxfs_reader_read(&r, ino, 0, buf, sizeof(buf));
		}
	struct redoxfs *fs;
	if (redoxfs_mount(&fs, &md->io, 0, &test_hooks) == 0) {
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			uint32_t ino;
			if (redoxfs_lookup_path(fs, paths[i], true, &ino) == 0) {
				redoxfs_read(fs, ino, 0, buf, sizeof(buf));
				uint64_t cookie = 0;
				struct redoxfs_dirent ent;
				for (int k = 0;
				     k < 1000 && redoxfs_readdir(fs, ino, &cookie, &ent) == 1; k++)
					;
			}
		}
		/* Changes on a damaged filesystem may fail, but not crash. */
		uint32_t ino;
		if (redoxfs_create(fs, 1, "new", REDOXFS_MODE_FILE | 0644, 0, 0, &ino) == 0)
			redoxfs_write(fs, ino, 0, buf, 100000);
		redoxfs_unlink(fs, 1, "small");
		redoxfs_commit(fs);
		redoxfs_unmount(fs);
	}
}

static void expect_damage(struct memdisk *md, const char *what, const char *want)
{
	char msg[256];
	int r = fsck_md(md, msg, sizeof(msg));
	if (r != 1 || !strstr(msg, want)) {
		fprintf(stderr, "%s: fsck returned %d, message '%s', wanted '%s'\n", what, r, msg,
		        want);
		exit(1);
	}
	survive(md);
}

static void flip(struct memdisk *md, uint64_t b, size_t off)
{
	((uint8_t *)block(md, b))[off] ^= 0x10;
}

static void test_flips(void)
{
	struct memdisk md;
	unsigned slot;
	char want[128];

	copy_good(&md);
	newest(&md, &slot);
	flip(&md, slot, 0x30); /* the root pointer of the newest header */
	snprintf(want, sizeof(want), "header slot %u", slot);
	expect_damage(&md, "newest header", want);
	md_free(&md);

	copy_good(&md);
	newest(&md, &slot);
	flip(&md, (slot + 3) % 4, 0x10); /* an older header */
	expect_damage(&md, "older header", "header slot");
	md_free(&md);

	copy_good(&md);
	newest(&md, &slot);
	flip(&md, slot, 1000);
	expect_damage(&md, "header padding", "non-zero bytes after the header");
	md_free(&md);

	copy_good(&md);
	for (unsigned s = 0; s < 4; s++)
		flip(&md, s, 3);
	expect_damage(&md, "all headers", "no valid RedoxFS header");
	md_free(&md);

	copy_good(&md);
	uint64_t b = node_slot(&md, ino_small, NULL)->block;
	flip(&md, b, 0x100); /* the inline data "hello" */
	snprintf(want, sizeof(want), "inode %u node (block %llu): checksum mismatch", ino_small,
	         (unsigned long long)b);
	expect_damage(&md, "file node", want);
	md_free(&md);

	copy_good(&md);
	b = data_block(&md, ino_big, 250);
	flip(&md, b, 4000);
	snprintf(want, sizeof(want), "inode %u data block 250 (block %llu): checksum mismatch",
	         ino_big, (unsigned long long)b);
	expect_damage(&md, "file data", want);
	md_free(&md);

	copy_good(&md);
	b = node(&md, ino_big)->ptrs[0].block;
	flip(&md, b, 16 * 3);
	snprintf(want, sizeof(want), "inode %u indirect block for data block 0", ino_big);
	expect_damage(&md, "indirect block", want);
	md_free(&md);

	copy_good(&md);
	b = data_block(&md, ino_dir_blocks, 1);
	flip(&md, b, 10);
	snprintf(want, sizeof(want), "inode %u data block 1", ino_dir_blocks);
	expect_damage(&md, "directory block", want);
	md_free(&md);

	copy_good(&md);
	flip(&md, node_slot(&md, ino_dir_inline, NULL)->block, 0x104);
	snprintf(want, sizeof(want), "inode %u node", ino_dir_inline);
	expect_damage(&md, "inline directory", want);
	md_free(&md);

	copy_good(&md);
	struct redoxfs_ptr *path[4];
	node_slot(&md, ino_small, path);
	flip(&md, path[1]->block, 0);
	expect_damage(&md, "inode tree", "inode tree level 1 block");
	md_free(&md);

	copy_good(&md);
	flip(&md, newest(&md, &slot)->space.block, 0x100);
	expect_damage(&md, "space map", "space map node");
	md_free(&md);
}

static void test_structure(void)
{
	struct memdisk md;
	char want[128];
	unsigned slot;

	/* Checksums all fine, but the content is wrong. */
	copy_good(&md);
	node(&md, ino_small)->links = 2;
	reseal_node(&md, ino_small);
	snprintf(want, sizeof(want), "inode %u: link count 2 but 1 directory entries", ino_small);
	expect_damage(&md, "link count", want);
	md_free(&md);

	copy_good(&md);
	struct redoxfs_node *d = node(&md, ino_dir_inline);
	d->data[3] = 0x7F; /* the entry's inode number, high byte */
	reseal_node(&md, ino_dir_inline);
	expect_damage(&md, "dangling entry", "entry at byte 0 names inode");
	md_free(&md);

	copy_good(&md);
	d = node(&md, ino_dir_inline);
	rfs_test_put32(d->data, ino_gone); /* below next_ino, but no such inode */
	reseal_node(&md, ino_dir_inline);
	expect_damage(&md, "missing inode", "has an entry for missing inode");
	md_free(&md);

	copy_good(&md);
	d = node(&md, ino_dir_inline);
	d->data[4] = 200; /* name runs past... the terminator area */
	reseal_node(&md, ino_dir_inline);
	expect_damage(&md, "bad entry", "directory inode");
	md_free(&md);

	copy_good(&md);
	node(&md, ino_dir_inline)->parent = ino_dir_blocks;
	reseal_node(&md, ino_dir_inline);
	expect_damage(&md, "parent field", "parent field");
	md_free(&md);

	copy_good(&md);
	node(&md, ino_small)->mode = 0x1000 | 0644;
	reseal_node(&md, ino_small);
	expect_damage(&md, "mode", "bad mode");
	md_free(&md);

	/* The space map must match the blocks in use exactly. */
	for (int leak = 0; leak < 2; leak++) {
		copy_good(&md);
		struct redoxfs_header *h = (struct redoxfs_header *)newest(&md, &slot);
		struct redoxfs_node *sp = block(&md, h->space.block);
		REQUIRE(sp->flags & REDOXFS_NODE_INLINE);
		uint64_t b = leak ? IMG / BS - 1 : data_block(&md, ino_big, 3);
		sp->data[b / 8] ^= (uint8_t)(1u << (b % 8));
		h->free_blocks += leak ? -1ull : 1;
		h->space.crc = redoxfs_crc32c(0, sp, BS);
		h->crc = redoxfs_crc32c(0, h, offsetof(struct redoxfs_header, crc));
		snprintf(want, sizeof(want), "block %llu %s", (unsigned long long)b,
		         leak ? "is marked used but nothing refers to it"
		              : "is in use but the space map marks it free");
		expect_damage(&md, leak ? "leak" : "free in use", want);
		md_free(&md);
	}

	/* Two pointers to one block. */
	copy_good(&md);
	struct redoxfs_node *n = node(&md, ino_big);
	struct redoxfs_ptr *tab = block(&md, n->ptrs[0].block);
	tab[5] = tab[4];
	n->ptrs[0].crc = redoxfs_crc32c(0, tab, BS);
	reseal_node(&md, ino_big);
	expect_damage(&md, "shared block", "is used twice");
	md_free(&md);
}

static void test_images(void)
{
	struct memdisk md;
	copy_good(&md);
	char msg[256];
	struct redoxfs_fsck_report rep;

	/* Truncated: the image is smaller than the filesystem says. */
	REQUIRE(redoxfs_fsck(&md.io, 0, IMG - 3 * BS, &test_hooks, &rep) == 1);
	REQUIRE(strstr(rep.msg, "truncated"));
	REQUIRE(redoxfs_fsck(&md.io, 0, 1000, &test_hooks, &rep) == 1);
	md.size = IMG / 2; /* and reads past the end fail */
	REQUIRE(redoxfs_fsck(&md.io, 0, UINT64_MAX, &test_hooks, &rep) == 1);
	md.size = IMG;

	memset(md.data, 0, IMG);
	expect_damage(&md, "zero image", "no valid RedoxFS header");

	uint64_t rng = 99;
	for (int i = 0; i < 50; i++) {
		for (size_t k = 0; k < IMG; k += 4)
			*(uint32_t *)(md.data + k) = rng_next(&rng);
		REQUIRE(fsck_md(&md, msg, sizeof(msg)) == 1);
		if (i < 5)
			survive(&md);
	}
	/* Garbage that starts with a valid-looking signature. */
	memcpy(md.data, good.data, 4 * BS);
	REQUIRE(fsck_md(&md, msg, sizeof(msg)) == 1);
	survive(&md);
	md_free(&md);
}

static void test_random_flips(void)
{
	unsigned slot;
	const struct redoxfs_header *h = newest(&good, &slot);
	const struct redoxfs_node *sp = (const void *)(good.data + h->space.block * BS);
	uint64_t nblocks = IMG / BS, rng = 1234;
	int used_flips = 0, free_flips = 0;

	struct memdisk md;
	copy_good(&md);
	for (int i = 0; i < 600; i++) {
		uint64_t b = rng_next(&rng) % nblocks;
		size_t off = rng_next(&rng) % BS;
		uint8_t x = (uint8_t)(1 + rng_next(&rng) % 255);
		bool used = b < 4 || (sp->data[b / 8] >> (b % 8)) & 1;
		md.data[b * BS + off] ^= x;
		char msg[256];
		int r = fsck_md(&md, msg, sizeof(msg));
		if (r != (used ? 1 : 0)) {
			fprintf(stderr, "flip of block %llu byte %zu (%s): fsck %d '%s'\n",
			        (unsigned long long)b, off, used ? "used" : "free", r, msg);
			exit(1);
		}
		if (used && i % 4 == 0)
			survive(&md);
		used_flips += used;
		free_flips += !used;
		memcpy(md.data, good.data, IMG); /* survive() may have written */
	}
	REQUIRE(used_flips > 100 && free_flips > 50);
	md_free(&md);
}

int main(void)
{
	build_good();
	test_flips();
	test_structure();
	test_images();
	test_random_flips();
	md_free(&good);
	return check_done("test_fsck");
}
