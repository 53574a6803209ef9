/*
 * The read-write layer's block cache (internal.h's rfs_bcache) and what
 * directory operations cost: a block the cache holds is served only for
 * the checksum its pointer asks for, a block damaged on the disk is still
 * caught once it is not cached, blocks reused across commits never come
 * back stale, and creating, looking up and removing names in a directory
 * of thousands of entries reads a bounded number of blocks per call (no
 * scan, no rewrite of the directory).
 */
#include <string.h>
#include "util.h"
#include "rw.h"

#define MiB (1024u * 1024u)

static void expect_clean(struct memdisk *md)
{
	char msg[256];
	if (fsck_md(md, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "fsck: %s\n", msg);
		exit(1);
	}
}

/* Block reads the library asked for (served from the cache or the disk). */
static uint64_t block_reads(struct redoxfs *fs)
{
	return fs->dev.cache->hits + fs->dev.cache->misses;
}

/* A remounted handle starts with an empty cache: damage on the disk is
 * reported, not hidden by what an earlier mount had read. */
static void test_damage_after_remount(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 8 * MiB);
	uint8_t data[4096], got[4096];
	fill_pattern(data, sizeof(data), 77);
	uint32_t ino = put_file(fs, "f", data, sizeof(data));
	OK(redoxfs_commit(fs));
	REQUIRE(redoxfs_read(fs, ino, 0, got, sizeof(got)) == (int64_t)sizeof(got));
	REQUIRE(fs->dev.cache->hits + fs->dev.cache->misses > 0);
	fs = remount(&md, fs);
	size_t off;
	for (off = 0; off < md.size; off += 4096)
		if (memcmp(md.data + off, data, 4096) == 0)
			break;
	REQUIRE(off < md.size);
	md.data[off + 7] ^= 0x20;
	REQUIRE(redoxfs_read(fs, ino, 0, got, sizeof(got)) == -REDOXFS_EIO);
	md.data[off + 7] ^= 0x20;
	REQUIRE(redoxfs_read(fs, ino, 0, got, sizeof(got)) == (int64_t)sizeof(got));
	REQUIRE(memcmp(got, data, sizeof(got)) == 0);
	redoxfs_unmount(fs);
	md_free(&md);
}

/* A hit needs the block and its checksum: a cached block whose pointer
 * now names other content is read from the disk again. */
static void test_hit_needs_crc(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 8 * MiB);
	uint8_t block[4096];
	struct redoxfs_ptr p = {0};
	fill_pattern(block, sizeof(block), 5);
	OK(rfs_cow_write(fs, &p, block));
	uint8_t got[4096];
	OK(rfs_read_ptr(&fs->dev, &p, got));
	REQUIRE(memcmp(got, block, sizeof(got)) == 0);
	uint64_t misses = fs->dev.cache->misses;
	struct redoxfs_ptr wrong = p;
	wrong.crc ^= 1;
	REQUIRE(rfs_read_ptr(&fs->dev, &wrong, got) == -REDOXFS_EIO);
	REQUIRE(fs->dev.cache->misses == misses); /* went to the disk, and failed */
	OK(rfs_read_ptr(&fs->dev, &p, got));
	REQUIRE(memcmp(got, block, sizeof(got)) == 0);
	redoxfs_unmount(fs);
	md_free(&md);
}

/* A small disk reuses its blocks at every commit: contents must always
 * be the latest, through this handle and after a remount, and fsck clean. */
static void test_reuse(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 1 * MiB);
	enum { FILES = 12, ROUNDS = 60 };
	static uint8_t want[FILES][6000];
	static size_t len[FILES];
	char name[16];
	uint64_t rng = 99;
	for (int round = 0; round < ROUNDS; round++) {
		for (int k = 0; k < 4; k++) {
			int f = (int)(rng_next(&rng) % FILES);
			snprintf(name, sizeof(name), "f%d", f);
			uint32_t ino = path_ino(fs, name);
			if (ino && rng_next(&rng) % 3 == 0) {
				OK(redoxfs_unlink(fs, 1, name));
				len[f] = 0;
				continue;
			}
			len[f] = 1 + rng_next(&rng) % sizeof(want[f]);
			fill_pattern(want[f], len[f], (uint32_t)(round * 100 + f));
			put_file(fs, name, want[f], len[f]);
		}
		if (round % 3 == 0)
			OK(redoxfs_commit(fs));
		for (int f = 0; f < FILES; f++) {
			snprintf(name, sizeof(name), "f%d", f);
			if (!len[f]) {
				REQUIRE(path_ino(fs, name) == 0);
				continue;
			}
			size_t got_len;
			uint8_t *got = get_file(fs, name, &got_len);
			REQUIRE(got && got_len == len[f] && memcmp(got, want[f], len[f]) == 0);
			free(got);
		}
	}
	OK(redoxfs_commit(fs));
	REQUIRE(fs->dev.cache->hits > 0);
	fs = remount(&md, fs);
	expect_clean(&md);
	for (int f = 0; f < FILES; f++) {
		snprintf(name, sizeof(name), "f%d", f);
		if (len[f]) {
			size_t got_len;
			uint8_t *got = get_file(fs, name, &got_len);
			REQUIRE(got && got_len == len[f] && memcmp(got, want[f], len[f]) == 0);
			free(got);
		}
	}
	redoxfs_unmount(fs);
	md_free(&md);
}

/* Block reads per create, lookup and unlink of PROBE names in `dir`
 * (the names `tag`-N): costs[0..2]. */
enum { PROBE = 300 };
static void probe(struct redoxfs *fs, uint32_t dir, const char *tag, uint64_t costs[3])
{
	char name[32];
	uint32_t ino;
	uint64_t before = block_reads(fs);
	for (int i = 0; i < PROBE; i++) {
		snprintf(name, sizeof(name), "%s-%d", tag, i);
		REQUIRE(redoxfs_lookup(fs, dir, name, strlen(name), &ino) == -REDOXFS_ENOENT);
		OK(redoxfs_create(fs, dir, name, REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
	}
	costs[0] = (block_reads(fs) - before) / PROBE;
	before = block_reads(fs);
	for (int i = 0; i < PROBE; i++) {
		snprintf(name, sizeof(name), "%s-%d", tag, (i * 7) % PROBE);
		OK(redoxfs_lookup(fs, dir, name, strlen(name), &ino));
	}
	costs[1] = (block_reads(fs) - before) / PROBE;
	before = block_reads(fs);
	for (int i = 0; i < PROBE; i++) {
		snprintf(name, sizeof(name), "%s-%d", tag, (i * 7) % PROBE);
		OK(redoxfs_unlink(fs, dir, name));
	}
	costs[2] = (block_reads(fs) - before) / PROBE;
}

static void fill(struct redoxfs *fs, uint32_t dir, int from, int to)
{
	char name[32];
	uint32_t ino;
	for (int i = from; i < to; i++) {
		snprintf(name, sizeof(name), "file-%06d", i);
		OK(redoxfs_create(fs, dir, name, REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
		if (i % 64 == 0)
			OK(redoxfs_commit(fs));
	}
	OK(redoxfs_commit(fs));
}

/* Creating, looking up and removing a name costs as many block reads in
 * a directory of 16 000 names as in one of 1 000 (the tree heights, no
 * scan: a scan would read the directory's ~60 blocks more each time);
 * a listing reads a bounded number of blocks per entry (the paths down
 * the trees, from the cache). */
static void test_dir_costs(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 128 * MiB); /* a block per node */
	enum { SMALL = 1000, N = 16000 };
	uint32_t dir;
	uint64_t small[3], big[3];
	OK(redoxfs_mkdir(fs, 1, "big", 0755, 0, 0, &dir));
	fill(fs, dir, 0, SMALL);
	probe(fs, dir, "a", small);
	fill(fs, dir, SMALL, N);
	struct redoxfs_stat st;
	OK(redoxfs_stat(fs, dir, &st));
	REQUIRE(st.size / 4096 >= 60);
	probe(fs, dir, "b", big);
	printf("test_cache: block reads per create/lookup/unlink: %llu/%llu/%llu with %d names, "
	       "%llu/%llu/%llu with %d\n",
	       (unsigned long long)small[0], (unsigned long long)small[1],
	       (unsigned long long)small[2], SMALL, (unsigned long long)big[0],
	       (unsigned long long)big[1], (unsigned long long)big[2], N);
	for (int k = 0; k < 3; k++)
		REQUIRE(big[k] <= small[k] + 2 && big[k] <= 24);

	uint64_t before = block_reads(fs);
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	int r, count = 0;
	while ((r = redoxfs_readdir(fs, dir, &cookie, &ent)) == 1)
		count++;
	OK(r);
	REQUIRE(count == N);
	REQUIRE(block_reads(fs) - before <= (uint64_t)count * 10);
	OK(redoxfs_commit(fs));
	expect_clean(&md);
	redoxfs_unmount(fs);
	md_free(&md);
}

int main(void)
{
	test_damage_after_remount();
	test_hit_needs_crc();
	test_reuse();
	test_dir_costs();
	return check_done("test_cache");
}
