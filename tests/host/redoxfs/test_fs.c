/*
 * Read-write layer tests: files, directories, rename/unlink/links,
 * symlinks and attributes, a large file, many files, free space, and
 * agreement between the read-only reader and the read-write layer.
 */
#include <string.h>
#include "util.h"

#define MiB (1024u * 1024u)

static void expect_clean(struct memdisk *md)
{
	char msg[256];
	if (fsck_md(md, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "fsck: %s\n", msg);
		exit(1);
	}
}

static void check_file(struct redoxfs *fs, const char *path, const uint8_t *want, size_t len)
{
	size_t got_len;
	uint8_t *got = get_file(fs, path, &got_len);
	REQUIRE(got);
	REQUIRE(got_len == len);
	REQUIRE(memcmp(got, want, len) == 0);
	free(got);
}

static void test_format(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 4 * MiB);
	struct redoxfs_stat st;
	OK(redoxfs_stat(fs, redoxfs_root(fs), &st));
	REQUIRE(st.mode == (REDOXFS_MODE_DIR | 0755));
	REQUIRE(st.links == 2 && st.uid == 0 && st.size == 0);
	REQUIRE(st.mtime.sec == test_clock.sec);
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	REQUIRE(redoxfs_readdir(fs, 1, &cookie, &ent) == 0);
	struct redoxfs_info info;
	redoxfs_info(fs, &info);
	REQUIRE(info.generation == 1 && info.blocks == 1024 && info.next_ino == 2);
	redoxfs_unmount(fs);
	expect_clean(&md);
	/* Too small, and formatting over an old filesystem. */
	uint8_t uuid[16] = {0};
	REQUIRE(redoxfs_format(&md.io, 0, 15 * 4096, uuid, &test_hooks) == -REDOXFS_EINVAL);
	OK(redoxfs_format(&md.io, 0, md.size, uuid, &test_hooks));
	expect_clean(&md);
	md_free(&md);
}

static void test_files(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 16 * MiB);
	static const size_t sizes[] = {0,    1,    100,  3839, 3840,   3841,
	                               4095, 4096, 4097, 8192, 1000000};
	uint8_t *buf = malloc(MiB), *got = malloc(MiB);
	char name[32];

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(name, sizeof(name), "f%zu", sizes[i]);
		fill_pattern(buf, sizes[i], (uint32_t)i);
		put_file(fs, name, buf, sizes[i]);
		check_file(fs, name, buf, sizes[i]);
	}
	OK(redoxfs_commit(fs));
	fs = remount(&md, fs);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(name, sizeof(name), "f%zu", sizes[i]);
		fill_pattern(buf, sizes[i], (uint32_t)i);
		check_file(fs, name, buf, sizes[i]);
	}
	expect_clean(&md);

	/* Overwrite in the middle, across a block edge, then read pieces. */
	uint32_t ino = path_ino(fs, "f1000000");
	fill_pattern(buf, 1000000, 10);
	memset(buf + 4000, 0xAB, 300);
	OK(redoxfs_write(fs, ino, 4000, buf + 4000, 300));
	for (size_t off = 0; off < 1000000; off += 77777) {
		int64_t n = redoxfs_read(fs, ino, off, got, 5000);
		REQUIRE(n == (int64_t)(off + 5000 <= 1000000 ? 5000 : 1000000 - off));
		REQUIRE(memcmp(got, buf + off, (size_t)n) == 0);
	}
	REQUIRE(redoxfs_read(fs, ino, 1000000, got, 10) == 0);
	REQUIRE(redoxfs_read(fs, ino, 5000000, got, 10) == 0);

	/* Sparse: a write far past the end leaves zeros in between. */
	ino = path_ino(fs, "f100");
	OK(redoxfs_write(fs, ino, 500000, "tail", 4));
	int64_t n = redoxfs_read(fs, ino, 0, got, 600000);
	REQUIRE(n == 500004);
	fill_pattern(buf, 100, 2);
	REQUIRE(memcmp(got, buf, 100) == 0);
	for (size_t i = 100; i < 500000; i++)
		REQUIRE(got[i] == 0);
	REQUIRE(memcmp(got + 500000, "tail", 4) == 0);

	/* Truncate down then up: the cut bytes come back as zeros. */
	ino = path_ino(fs, "f8192");
	OK(redoxfs_truncate(fs, ino, 5000));
	OK(redoxfs_truncate(fs, ino, 9000));
	fill_pattern(buf, 8192, 9);
	REQUIRE(redoxfs_read(fs, ino, 0, got, 9000) == 9000);
	REQUIRE(memcmp(got, buf, 5000) == 0);
	for (size_t i = 5000; i < 9000; i++)
		REQUIRE(got[i] == 0);
	ino = path_ino(fs, "f3840"); /* inline */
	OK(redoxfs_truncate(fs, ino, 10));
	OK(redoxfs_truncate(fs, ino, 20));
	REQUIRE(redoxfs_read(fs, ino, 0, got, 100) == 20);
	for (size_t i = 10; i < 20; i++)
		REQUIRE(got[i] == 0);
	OK(redoxfs_commit(fs));
	expect_clean(&md);

	/* Changes not committed vanish with the mount. */
	put_file(fs, "f1", "changed", 7);
	OK(redoxfs_create(fs, 1, "new", REDOXFS_MODE_FILE | 0600, 0, 0, &ino));
	fs = remount(&md, fs);
	fill_pattern(buf, 1, 1);
	check_file(fs, "f1", buf, 1);
	REQUIRE(path_ino(fs, "new") == 0);

	/* Errors. */
	REQUIRE(redoxfs_read(fs, 1, 0, got, 1) == -REDOXFS_EISDIR);
	REQUIRE(redoxfs_write(fs, 1, 0, got, 1) == -REDOXFS_EISDIR);
	REQUIRE(redoxfs_read(fs, 999, 0, got, 1) == -REDOXFS_ENOENT);
	REQUIRE(redoxfs_write(fs, path_ino(fs, "f1"), UINT64_MAX - 2, got, 10) == -REDOXFS_EFBIG);
	redoxfs_unmount(fs);
	expect_clean(&md);
	free(buf);
	free(got);
	md_free(&md);
}

static void test_dirs(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 8 * MiB);
	uint32_t a, b, c, f, x;
	struct redoxfs_stat st;

	OK(redoxfs_mkdir(fs, 1, "a", 0755, 0, 0, &a));
	OK(redoxfs_mkdir(fs, a, "b", 0700, 5, 6, &b));
	OK(redoxfs_mkdir(fs, b, "c", 0755, 0, 0, &c));
	OK(redoxfs_create(fs, c, "file", REDOXFS_MODE_FILE | 0644, 0, 0, &f));
	REQUIRE(path_ino(fs, "a/b/c/file") == f);
	REQUIRE(path_ino(fs, "/a//b/./c/../c/file") == f);
	REQUIRE(path_ino(fs, "a/b/../..") == 1);
	REQUIRE(redoxfs_lookup_path(fs, "a/b/c/file/x", false, &x) == -REDOXFS_ENOTDIR);
	REQUIRE(redoxfs_lookup_path(fs, "a/missing", false, &x) == -REDOXFS_ENOENT);
	OK(redoxfs_stat(fs, b, &st));
	REQUIRE(st.mode == (REDOXFS_MODE_DIR | 0700) && st.uid == 5 && st.gid == 6 &&
	        st.links == 3);
	OK(redoxfs_stat(fs, 1, &st));
	REQUIRE(st.links == 3);

	REQUIRE(redoxfs_mkdir(fs, a, "b", 0755, 0, 0, &x) == -REDOXFS_EEXIST);
	REQUIRE(redoxfs_create(fs, a, "b", REDOXFS_MODE_FILE, 0, 0, &x) == -REDOXFS_EEXIST);
	REQUIRE(redoxfs_create(fs, f, "x", REDOXFS_MODE_FILE, 0, 0, &x) == -REDOXFS_ENOTDIR);
	REQUIRE(redoxfs_create(fs, 1, "", REDOXFS_MODE_FILE, 0, 0, &x) == -REDOXFS_EINVAL);
	REQUIRE(redoxfs_create(fs, 1, ".", REDOXFS_MODE_FILE, 0, 0, &x) == -REDOXFS_EINVAL);
	REQUIRE(redoxfs_create(fs, 1, "..", REDOXFS_MODE_FILE, 0, 0, &x) == -REDOXFS_EINVAL);
	REQUIRE(redoxfs_create(fs, 1, "a/b", REDOXFS_MODE_FILE, 0, 0, &x) == -REDOXFS_EINVAL);
	char longname[300];
	memset(longname, 'n', sizeof(longname));
	longname[256] = 0;
	REQUIRE(redoxfs_create(fs, 1, longname, REDOXFS_MODE_FILE, 0, 0, &x) ==
	        -REDOXFS_ENAMETOOLONG);
	longname[255] = 0;
	OK(redoxfs_create(fs, 1, longname, REDOXFS_MODE_FILE, 0, 0, &x));
	REQUIRE(path_ino(fs, longname) == x);

	REQUIRE(redoxfs_rmdir(fs, a, "b") == -REDOXFS_ENOTEMPTY);
	REQUIRE(redoxfs_rmdir(fs, c, "file") == -REDOXFS_ENOTDIR);
	REQUIRE(redoxfs_unlink(fs, a, "b") == -REDOXFS_EISDIR);
	REQUIRE(redoxfs_unlink(fs, a, "nothing") == -REDOXFS_ENOENT);
	OK(redoxfs_unlink(fs, c, "file"));
	OK(redoxfs_rmdir(fs, b, "c"));
	OK(redoxfs_stat(fs, b, &st));
	REQUIRE(st.links == 2 && st.size == 0);
	REQUIRE(redoxfs_stat(fs, c, &st) == -REDOXFS_ENOENT);
	OK(redoxfs_commit(fs));
	redoxfs_unmount(fs);
	expect_clean(&md);
	md_free(&md);
}

/* A file unlinked while open: the name goes, the data stays (links 0)
 * until redoxfs_release; then the space comes back and fsck is clean. */
static void test_unlink_open(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 8 * MiB);
	struct redoxfs_stat st;
	char buf[8];
	struct redoxfs_info info;
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &info);
	uint64_t free_before = info.free;
	uint32_t f = put_file(fs, "tmp", "kept", 4);
	uint32_t g = put_file(fs, "other", "x", 1);
	OK(redoxfs_link(fs, g, 1, "other2"));
	OK(redoxfs_unlink_open(fs, 1, "tmp"));
	REQUIRE(path_ino(fs, "tmp") == 0);
	OK(redoxfs_stat(fs, f, &st));
	REQUIRE(st.links == 0 && st.size == 4);
	REQUIRE(redoxfs_read(fs, f, 0, buf, sizeof buf) == 4 && memcmp(buf, "kept", 4) == 0);
	REQUIRE(redoxfs_write(fs, f, 4, "more", 4) == 4);
	OK(redoxfs_release(fs, f));
	REQUIRE(redoxfs_stat(fs, f, &st) == -REDOXFS_ENOENT);
	/* a node that still has a name is not released */
	OK(redoxfs_unlink_open(fs, 1, "other"));
	OK(redoxfs_release(fs, g));
	OK(redoxfs_stat(fs, g, &st));
	REQUIRE(st.links == 1);
	OK(redoxfs_unlink(fs, 1, "other2"));
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &info);
	REQUIRE(info.free == free_before);
	redoxfs_unmount(fs);
	expect_clean(&md);
	md_free(&md);
}

static bool has_entry(struct redoxfs *fs, uint32_t dir, const char *name)
{
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	int r;
	while ((r = redoxfs_readdir(fs, dir, &cookie, &ent)) == 1)
		if (strcmp(ent.name, name) == 0)
			return true;
	OK(r);
	return false;
}

static void test_rename(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 8 * MiB);
	uint32_t d1, d2, e, f, g, x;
	struct redoxfs_stat st;
	struct redoxfs_info before, after;

	OK(redoxfs_mkdir(fs, 1, "d1", 0755, 0, 0, &d1));
	OK(redoxfs_mkdir(fs, 1, "d2", 0755, 0, 0, &d2));
	f = put_file(fs, "d1/f", "first", 5);
	g = put_file(fs, "d2/g", "second", 6);

	OK(redoxfs_rename(fs, d1, "f", d1, "f2"));
	REQUIRE(path_ino(fs, "d1/f2") == f && path_ino(fs, "d1/f") == 0);
	OK(redoxfs_rename(fs, d1, "f2", d2, "f"));
	REQUIRE(path_ino(fs, "d2/f") == f && !has_entry(fs, d1, "f2"));
	OK(redoxfs_rename(fs, d2, "f", d2, "f")); /* same name: nothing */

	/* Over an existing file: the old one is gone with its blocks. */
	OK(redoxfs_commit(fs));
	uint8_t big[20000];
	fill_pattern(big, sizeof(big), 3);
	put_file(fs, "d1/big", big, sizeof(big));
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &before);
	OK(redoxfs_rename(fs, d2, "f", d1, "big"));
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &after);
	REQUIRE(after.free >= before.free + 5);
	REQUIRE(path_ino(fs, "d1/big") == f);
	check_file(fs, "d1/big", (const uint8_t *)"first", 5);

	/* Directories. */
	OK(redoxfs_mkdir(fs, d1, "sub", 0755, 0, 0, &e));
	put_file(fs, "d1/sub/inner", "x", 1);
	REQUIRE(redoxfs_rename(fs, 1, "d1", e, "loop") == -REDOXFS_EINVAL);
	REQUIRE(redoxfs_rename(fs, 1, "d1", d1, "self") == -REDOXFS_EINVAL);
	REQUIRE(redoxfs_rename(fs, d1, "big", 1, "d2") == -REDOXFS_EISDIR);
	REQUIRE(redoxfs_rename(fs, d1, "sub", d2, "g") == -REDOXFS_ENOTDIR);
	OK(redoxfs_mkdir(fs, d2, "full", 0755, 0, 0, &x));
	put_file(fs, "d2/full/y", "y", 1);
	REQUIRE(redoxfs_rename(fs, d1, "sub", d2, "full") == -REDOXFS_ENOTEMPTY);
	OK(redoxfs_mkdir(fs, d2, "empty", 0755, 0, 0, &x));
	OK(redoxfs_rename(fs, d1, "sub", d2, "empty"));
	REQUIRE(path_ino(fs, "d2/empty") == e && path_ino(fs, "d2/empty/inner"));
	REQUIRE(redoxfs_stat(fs, x, &st) == -REDOXFS_ENOENT);
	OK(redoxfs_stat(fs, d1, &st));
	REQUIRE(st.links == 2);
	OK(redoxfs_stat(fs, d2, &st));
	REQUIRE(st.links == 4); /* full, empty (was sub) */
	REQUIRE(path_ino(fs, "d2/empty/..") == d2);

	/* Two names of one file: renaming one onto the other does nothing. */
	OK(redoxfs_link(fs, g, d1, "g-link"));
	OK(redoxfs_rename(fs, d1, "g-link", d2, "g"));
	REQUIRE(path_ino(fs, "d1/g-link") == g && path_ino(fs, "d2/g") == g);
	OK(redoxfs_commit(fs));
	redoxfs_unmount(fs);
	expect_clean(&md);
	md_free(&md);
}

static void test_links_symlinks_attrs(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 8 * MiB);
	uint32_t f, s, d, x;
	struct redoxfs_stat st;
	char buf[5000];

	f = put_file(fs, "file", "data", 4);
	OK(redoxfs_mkdir(fs, 1, "dir", 0755, 0, 0, &d));
	OK(redoxfs_link(fs, f, d, "hard"));
	REQUIRE(redoxfs_link(fs, d, 1, "dirlink") == -REDOXFS_EPERM);
	REQUIRE(redoxfs_link(fs, f, 1, "file") == -REDOXFS_EEXIST);
	OK(redoxfs_stat(fs, f, &st));
	REQUIRE(st.links == 2);
	OK(redoxfs_unlink(fs, 1, "file"));
	check_file(fs, "dir/hard", (const uint8_t *)"data", 4);
	OK(redoxfs_stat(fs, f, &st));
	REQUIRE(st.links == 1);

	OK(redoxfs_symlink(fs, 1, "rel", "dir/hard", 7, 8, &s));
	OK(redoxfs_symlink(fs, d, "up", "../rel", 0, 0, &x));
	OK(redoxfs_symlink(fs, 1, "abs", "/dir", 0, 0, &x));
	OK(redoxfs_stat(fs, s, &st));
	REQUIRE(st.mode == (REDOXFS_MODE_SYMLINK | 0777) && st.size == 8 && st.uid == 7);
	REQUIRE(redoxfs_readlink(fs, s, buf, sizeof(buf)) == 8 && memcmp(buf, "dir/hard", 8) == 0);
	REQUIRE(redoxfs_readlink(fs, f, buf, sizeof(buf)) == -REDOXFS_EINVAL);
	OK(redoxfs_lookup_path(fs, "rel", true, &x));
	REQUIRE(x == f);
	OK(redoxfs_lookup_path(fs, "rel", false, &x));
	REQUIRE(x == s);
	OK(redoxfs_lookup_path(fs, "dir/up", true, &x));
	REQUIRE(x == f);
	OK(redoxfs_lookup_path(fs, "abs/hard", false, &x));
	REQUIRE(x == f);
	OK(redoxfs_symlink(fs, 1, "loop1", "loop2", 0, 0, &x));
	OK(redoxfs_symlink(fs, 1, "loop2", "loop1", 0, 0, &x));
	REQUIRE(redoxfs_lookup_path(fs, "loop1", true, &x) == -REDOXFS_ELOOP);
	memset(buf, 'p', 4095);
	buf[4095] = 0;
	OK(redoxfs_symlink(fs, 1, "long", buf, 0, 0, &x)); /* not inline */
	OK(redoxfs_stat(fs, x, &st));
	REQUIRE(st.size == 4095);
	buf[4095] = 'p';
	buf[4096] = 0;
	REQUIRE(redoxfs_symlink(fs, 1, "toolong", buf, 0, 0, &x) == -REDOXFS_ENAMETOOLONG);
	REQUIRE(redoxfs_symlink(fs, 1, "empty", "", 0, 0, &x) == -REDOXFS_EINVAL);

	test_clock.sec += 100;
	OK(redoxfs_chmod(fs, f, 04755));
	OK(redoxfs_chown(fs, f, 1000, 100));
	struct redoxfs_time at = {111, 222}, mt = {333, 444};
	OK(redoxfs_utimens(fs, f, &at, &mt));
	OK(redoxfs_utimens(fs, f, NULL, NULL));
	OK(redoxfs_commit(fs));
	fs = remount(&md, fs);
	OK(redoxfs_stat(fs, f, &st));
	REQUIRE(st.mode == (REDOXFS_MODE_FILE | 04755) && st.uid == 1000 && st.gid == 100);
	REQUIRE(st.atime.sec == 111 && st.atime.nsec == 222);
	REQUIRE(st.mtime.sec == 333 && st.mtime.nsec == 444);
	REQUIRE(st.ctime.sec == test_clock.sec);
	redoxfs_unmount(fs);
	expect_clean(&md);
	md_free(&md);
}

/* Compare everything the reader sees with the read-write layer. */
static void reader_agrees(struct memdisk *md, struct redoxfs *fs, const char *path)
{
	static uint8_t scratch[REDOXFS_READER_SCRATCH] __attribute__((aligned(8)));
	struct redoxfs_reader r;
	struct redoxfs_stat a, b;
	uint32_t ri, wi;

	OK(redoxfs_reader_open(&r, &md->io, 0, scratch));
	OK(redoxfs_reader_lookup(&r, path, &ri));
	OK(redoxfs_lookup_path(fs, path, false, &wi));
	REQUIRE(ri == wi);
	OK(redoxfs_reader_stat(&r, ri, &a));
	OK(redoxfs_stat(fs, wi, &b));
	REQUIRE(memcmp(&a, &b, sizeof(a)) == 0);
	if ((a.mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_DIR) {
		uint8_t x;
		REQUIRE(redoxfs_reader_read(&r, ri, 0, &x, 1) == -REDOXFS_EISDIR);
		return;
	}
	uint8_t *x = malloc(a.size + 10), *y = malloc(a.size + 10);
	REQUIRE(redoxfs_reader_read(&r, ri, 0, x, a.size + 10) == (int64_t)a.size);
	REQUIRE(redoxfs_read(fs, wi, 0, y, a.size + 10) == (int64_t)a.size);
	REQUIRE(memcmp(x, y, a.size) == 0);
	uint64_t seed = a.size;
	for (int i = 0; i < 20 && a.size; i++) {
		uint64_t off = rng_next(&seed) % a.size, len = rng_next(&seed) % 20000;
		int64_t n = redoxfs_reader_read(&r, ri, off, x, len);
		REQUIRE(n == (int64_t)(off + len <= a.size ? len : a.size - off));
		REQUIRE(memcmp(x, y + off, (size_t)n) == 0);
	}
	free(x);
	free(y);
}

static void test_large_file(void)
{
	struct memdisk md;
	const size_t size = 260 * MiB; /* past 240 MiB: two levels of indirect blocks */
	struct redoxfs *fs = fresh_fs(&md, size + 16 * MiB);
	uint8_t *buf = malloc(MiB), *got = malloc(MiB);
	uint32_t ino;
	struct redoxfs_info empty, full, cut;

	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &empty);
	OK(redoxfs_create(fs, 1, "big", REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
	for (size_t off = 0; off < size; off += MiB) {
		fill_pattern(buf, MiB, (uint32_t)(off / MiB));
		REQUIRE(redoxfs_write(fs, ino, off, buf, MiB) == (int64_t)MiB);
	}
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &full);
	/* data + about 1/256 of indirect blocks, nothing more */
	uint64_t used = empty.free - full.free, data = size / 4096;
	REQUIRE(used >= data && used <= data + data / 200 + 16);
	fs = remount(&md, fs);
	for (size_t off = 0; off < size; off += MiB) {
		fill_pattern(buf, MiB, (uint32_t)(off / MiB));
		REQUIRE(redoxfs_read(fs, ino, off, got, MiB) == (int64_t)MiB);
		REQUIRE(memcmp(buf, got, MiB) == 0);
	}
	reader_agrees(&md, fs, "big");
	expect_clean(&md);
	/* Shrinking frees the blocks and the indirect levels. */
	OK(redoxfs_truncate(fs, ino, 5000));
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &cut);
	if (!(cut.free + 3 >= empty.free && cut.free <= empty.free))
		fprintf(stderr, "free: empty %llu, after cut %llu\n",
		        (unsigned long long)empty.free, (unsigned long long)cut.free);
	REQUIRE(cut.free + 3 >= empty.free && cut.free <= empty.free);
	fill_pattern(buf, MiB, 0);
	check_file(fs, "big", buf, 5000);
	redoxfs_unmount(fs);
	expect_clean(&md);
	free(buf);
	free(got);
	md_free(&md);
}

/* A directory large enough for the in-memory index (dirindex.c): every
 * lookup must agree with what is there, through removals, re-creations,
 * renames over entries and a remount that rebuilds the index from disk. */
static void big_dir_expect(struct redoxfs *fs, uint32_t dir, const int8_t *state, int n)
{
	char name[32];
	for (int i = 0; i < n; i++) {
		uint32_t ino;
		snprintf(name, sizeof(name), "f%05d", i);
		int r = redoxfs_lookup(fs, dir, name, strlen(name), &ino);
		REQUIRE(state[i] ? r == 0 : r == -REDOXFS_ENOENT);
	}
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	int count = 0, live = 0;
	while (redoxfs_readdir(fs, dir, &cookie, &ent) == 1)
		count++;
	for (int i = 0; i < n; i++)
		live += state[i] != 0;
	REQUIRE(count == live);
}

static void test_big_dir(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 128 * MiB); /* a block per node */
	enum { N = 12000 };
	static int8_t state[N];
	uint32_t dir, ino;
	char name[32], other[32];
	OK(redoxfs_mkdir(fs, 1, "big", 0755, 0, 0, &dir));
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%05d", i);
		OK(redoxfs_create(fs, dir, name, REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
		state[i] = 1;
	}
	REQUIRE(redoxfs_create(fs, dir, "f00007", REDOXFS_MODE_FILE | 0644, 0, 0, &ino) ==
	        -REDOXFS_EEXIST);
	for (int i = 0; i < N; i += 3) {
		snprintf(name, sizeof(name), "f%05d", i);
		OK(redoxfs_unlink(fs, dir, name));
		state[i] = 0;
	}
	for (int i = 0; i < N; i += 6) {
		snprintf(name, sizeof(name), "f%05d", i);
		OK(redoxfs_create(fs, dir, name, REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
		state[i] = 1;
	}
	for (int i = 1; i < 300; i += 3) { /* f(i) replaces f(i+1) */
		snprintf(name, sizeof(name), "f%05d", i);
		snprintf(other, sizeof(other), "f%05d", i + 1);
		OK(redoxfs_rename(fs, dir, name, dir, other));
		state[i] = 0;
		state[i + 1] = 1;
	}
	big_dir_expect(fs, dir, state, N);
	OK(redoxfs_commit(fs));
	fs = remount(&md, fs);
	expect_clean(&md);
	big_dir_expect(fs, dir, state, N);
	for (int i = 0; i < N; i++)
		if (state[i]) {
			snprintf(name, sizeof(name), "f%05d", i);
			OK(redoxfs_unlink(fs, dir, name));
			state[i] = 0;
		}
	big_dir_expect(fs, dir, state, N);
	OK(redoxfs_commit(fs));
	expect_clean(&md);
	redoxfs_unmount(fs);
	md_free(&md);
}

static void test_many_files(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 64 * MiB);
	enum { N = 3000 };
	uint32_t dir, sub;
	char name[64];
	static bool seen[N];

	OK(redoxfs_mkdir(fs, 1, "many", 0755, 0, 0, &dir));
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "many/file-%d-%s", i,
		         i % 7 ? "x" : "a-longer-name-here");
		put_file(fs, name, name, strlen(name));
	}
	OK(redoxfs_mkdir(fs, 1, "tree", 0755, 0, 0, &sub));
	for (int i = 0; i < 40; i++) {
		uint32_t d;
		snprintf(name, sizeof(name), "d%d", i);
		OK(redoxfs_mkdir(fs, sub, name, 0755, 0, 0, &d));
		for (int k = 0; k < 10; k++) {
			snprintf(name, sizeof(name), "tree/d%d/f%d", i, k);
			put_file(fs, name, name, strlen(name));
		}
	}
	OK(redoxfs_commit(fs));
	fs = remount(&md, fs);
	expect_clean(&md);

	/* readdir returns each name once, also when entries go away under it. */
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	int r, count = 0, removed = 0;
	while ((r = redoxfs_readdir(fs, dir, &cookie, &ent)) == 1) {
		int i;
		REQUIRE(sscanf(ent.name, "file-%d-", &i) == 1 && i >= 0 && i < N && !seen[i]);
		seen[i] = true;
		count++;
		if (i % 2 == 0 && i + 1 < N && !seen[i + 1]) {
			snprintf(name, sizeof(name), "file-%d-%s", i + 1,
			         (i + 1) % 7 ? "x" : "a-longer-name-here");
			OK(redoxfs_unlink(fs, dir, name));
			seen[i + 1] = true;
			removed++;
		}
	}
	OK(r);
	REQUIRE(count + removed == N);
	for (int i = 0; i < N; i += 97) {
		snprintf(name, sizeof(name), "many/file-%d-%s", i,
		         i % 7 ? "x" : "a-longer-name-here");
		REQUIRE((path_ino(fs, name) != 0) == (i % 2 == 0 || i == N - 1));
		if (path_ino(fs, name)) {
			check_file(fs, name, (const uint8_t *)name, strlen(name));
			reader_agrees(&md, fs, name);
		}
	}
	OK(redoxfs_commit(fs));
	expect_clean(&md);
	/* Empty the directory: its data shrinks back to nothing. */
	cookie = 0;
	while ((r = redoxfs_readdir(fs, dir, &cookie, &ent)) == 1)
		OK(redoxfs_unlink(fs, dir, ent.name));
	OK(r);
	struct redoxfs_stat st;
	OK(redoxfs_stat(fs, dir, &st));
	REQUIRE(st.size == 0);
	OK(redoxfs_rmdir(fs, 1, "many"));
	reader_agrees(&md, fs, "tree/d39/f9");
	OK(redoxfs_commit(fs));
	redoxfs_unmount(fs);
	expect_clean(&md);
	md_free(&md);
}

static void test_reader(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 16 * MiB);
	static uint8_t scratch[REDOXFS_READER_SCRATCH] __attribute__((aligned(8)));
	struct redoxfs_reader r;
	uint32_t d, ino;
	uint8_t *buf = malloc(3 * MiB);

	OK(redoxfs_mkdir(fs, 1, "boot", 0755, 0, 0, &d));
	fill_pattern(buf, 3 * MiB, 42);
	put_file(fs, "boot/kernel", buf, 3 * MiB - 123);
	put_file(fs, "boot/small", "tiny", 4);
	OK(redoxfs_symlink(fs, 1, "link", "boot/kernel", 0, 0, &ino));
	OK(redoxfs_commit(fs));
	/* Uncommitted changes are not seen by the reader. */
	put_file(fs, "boot/small", "changed", 7);

	OK(redoxfs_reader_open(&r, &md.io, 0, scratch));
	REQUIRE(memcmp(redoxfs_reader_uuid(&r), "\1\2\3\4", 4) == 0);
	OK(redoxfs_reader_lookup(&r, "boot/small", &ino));
	uint8_t small[16];
	REQUIRE(redoxfs_reader_read(&r, ino, 0, small, sizeof(small)) == 4);
	REQUIRE(memcmp(small, "tiny", 4) == 0);
	REQUIRE(redoxfs_reader_lookup(&r, "boot/nothing", &ino) == -REDOXFS_ENOENT);
	REQUIRE(redoxfs_reader_lookup(&r, "boot/small/x", &ino) == -REDOXFS_ENOTDIR);
	OK(redoxfs_reader_lookup(&r, "", &ino));
	REQUIRE(ino == 1);
	OK(redoxfs_reader_lookup(&r, "/boot/./kernel", &ino));
	struct redoxfs_stat st;
	OK(redoxfs_reader_stat(&r, ino, &st));
	REQUIRE(st.size == 3 * MiB - 123 && (st.mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_FILE);
	uint8_t *got = malloc(3 * MiB);
	REQUIRE(redoxfs_reader_read(&r, ino, 0, got, 3 * MiB) == 3 * MiB - 123);
	REQUIRE(memcmp(got, buf, 3 * MiB - 123) == 0);
	OK(redoxfs_reader_lookup(&r, "link", &ino));
	OK(redoxfs_reader_stat(&r, ino, &st));
	REQUIRE((st.mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_SYMLINK);

	OK(redoxfs_commit(fs));
	reader_agrees(&md, fs, "boot/kernel");
	reader_agrees(&md, fs, "boot/small");
	reader_agrees(&md, fs, "boot");
	reader_agrees(&md, fs, "link");
	redoxfs_unmount(fs);

	/* A flipped bit in the kernel's data is caught by the checksum. */
	OK(redoxfs_reader_open(&r, &md.io, 0, scratch));
	OK(redoxfs_reader_lookup(&r, "boot/kernel", &ino));
	for (size_t off = 0; off < md.size; off += 4096)
		if (memcmp(md.data + off, buf + 2 * 4096, 4096) == 0) {
			md.data[off + 100] ^= 1;
			break;
		}
	REQUIRE(redoxfs_reader_read(&r, ino, 0, got, 3 * MiB) == -REDOXFS_EIO);
	REQUIRE(redoxfs_reader_read(&r, ino, 2 * 4096 + 50, got, 10) == -REDOXFS_EIO);
	REQUIRE(redoxfs_reader_read(&r, ino, 0, got, 4096) == 4096);
	/* A filesystem inside a bigger disk, at an offset. */
	struct memdisk disk;
	md_init(&disk, 8 * MiB);
	const uint64_t at = 1 * MiB + 512;
	OK(redoxfs_format(&disk.io, at, 4 * MiB, (const uint8_t *)"0123456789abcdef", &test_hooks));
	OK(redoxfs_mount(&fs, &disk.io, at, &test_hooks));
	put_file(fs, "f", "at an offset", 12);
	OK(redoxfs_commit(fs));
	redoxfs_unmount(fs);
	for (size_t i = 0; i < at; i++)
		REQUIRE(disk.data[i] == 0);
	OK(redoxfs_reader_open(&r, &disk.io, at, scratch));
	OK(redoxfs_reader_lookup(&r, "f", &ino));
	REQUIRE(redoxfs_reader_read(&r, ino, 0, small, sizeof(small)) == 12);
	REQUIRE(memcmp(small, "at an offset", 12) == 0);
	REQUIRE(redoxfs_reader_open(&r, &disk.io, 0, scratch) == -REDOXFS_EINVAL);
	md_free(&disk);

	/* Not a filesystem. */
	memset(md.data, 0, 4 * 4096);
	REQUIRE(redoxfs_reader_open(&r, &md.io, 0, scratch) == -REDOXFS_EINVAL);
	free(buf);
	free(got);
	md_free(&md);
}

static void test_space(void)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, 1 * MiB); /* 256 blocks */
	uint8_t *buf = malloc(2 * MiB);
	struct redoxfs_info start, now;
	uint32_t ino;

	fill_pattern(buf, 2 * MiB, 5);
	redoxfs_info(fs, &start);
	/* Fill it: writes get short, then ENOSPC, and the handle stays usable. */
	OK(redoxfs_create(fs, 1, "fill", REDOXFS_MODE_FILE | 0644, 0, 0, &ino));
	uint64_t off = 0;
	int64_t n;
	while ((n = redoxfs_write(fs, ino, off, buf + off, 64 * 1024)) > 0)
		off += (uint64_t)n;
	REQUIRE(n == -REDOXFS_ENOSPC);
	REQUIRE(off > 600 * 1024);
	OK(redoxfs_commit(fs));
	expect_clean(&md);
	check_file(fs, "fill", buf, off);
	OK(redoxfs_unlink(fs, 1, "fill"));
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &now);
	REQUIRE(now.free == start.free);

	/* Rewriting and committing again and again leaks nothing. */
	put_file(fs, "a", buf, 50000);
	OK(redoxfs_commit(fs));
	redoxfs_info(fs, &start);
	for (int i = 0; i < 50; i++) {
		put_file(fs, "a", buf + i, 50000);
		OK(redoxfs_mkdir(fs, 1, "tmp", 0755, 0, 0, &ino));
		OK(redoxfs_rmdir(fs, 1, "tmp"));
		OK(redoxfs_commit(fs));
		redoxfs_info(fs, &now);
		REQUIRE(now.free == start.free);
	}
	expect_clean(&md);

	/* Read-only mount refuses changes. */
	redoxfs_unmount(fs);
	struct redoxfs_io ro = md.io;
	ro.write = NULL;
	OK(redoxfs_mount(&fs, &ro, 0, &test_hooks));
	check_file(fs, "a", buf + 49, 50000);
	REQUIRE(redoxfs_create(fs, 1, "x", REDOXFS_MODE_FILE, 0, 0, &ino) == -REDOXFS_EROFS);
	REQUIRE(redoxfs_commit(fs) == -REDOXFS_EROFS);
	redoxfs_unmount(fs);

	/* A failing disk breaks the handle; the last commit stays intact. */
	OK(redoxfs_mount(&fs, &md.io, 0, &test_hooks));
	md.fail_writes = true;
	REQUIRE(redoxfs_write(fs, path_ino(fs, "a"), 0, "zzz", 3) == -REDOXFS_EIO);
	REQUIRE(redoxfs_create(fs, 1, "x", REDOXFS_MODE_FILE, 0, 0, &ino) == -REDOXFS_EIO);
	REQUIRE(redoxfs_commit(fs) == -REDOXFS_EIO);
	md.fail_writes = false;
	fs = remount(&md, fs);
	check_file(fs, "a", buf + 49, 50000);
	redoxfs_unmount(fs);
	expect_clean(&md);
	free(buf);
	md_free(&md);
}

int main(void)
{
	test_format();
	test_files();
	test_dirs();
	test_rename();
	test_links_symlinks_attrs();
	test_unlink_open();
	test_reader();
	test_space();
	test_many_files();
	test_big_dir();
	test_large_file();
	return check_done("test_fs");
}
