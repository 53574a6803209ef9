/*
 * redoxfs-ls [-d] IMAGE [PATH] [--offset BYTES]: list a directory of an
 * image, one entry a line:
 *     MODE LINKS UID GID SIZE MTIME NAME[ -> TARGET]
 * e.g. "drwxr-xr-x 2 0 0 1024 1700000000 etc". With -d, or when PATH is
 * not a directory, the line is about PATH itself (symlinks not followed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host.h"

#define TOOL "redoxfs-ls"

static void mode_string(uint16_t mode, char s[11])
{
	uint16_t type = mode & REDOXFS_MODE_TYPE;
	s[0] = type == REDOXFS_MODE_DIR ? 'd' : type == REDOXFS_MODE_SYMLINK ? 'l' : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		s[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	if (mode & 04000)
		s[3] = (mode & 0100) ? 's' : 'S';
	if (mode & 02000)
		s[6] = (mode & 0010) ? 's' : 'S';
	if (mode & 01000)
		s[9] = (mode & 0001) ? 't' : 'T';
	s[10] = 0;
}

static int show(struct redoxfs *fs, uint32_t ino, const char *name)
{
	struct redoxfs_stat st;
	int err = redoxfs_stat(fs, ino, &st);
	if (err)
		return err;
	char m[11];
	mode_string(st.mode, m);
	printf("%s %u %u %u %llu %llu %s", m, st.links, st.uid, st.gid, (unsigned long long)st.size,
	       (unsigned long long)st.mtime.sec, name);
	if ((st.mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_SYMLINK) {
		char target[4096];
		int64_t n = redoxfs_readlink(fs, ino, target, sizeof(target) - 1);
		if (n < 0)
			return (int)n;
		target[n] = 0;
		printf(" -> %s", target);
	}
	putchar('\n');
	return 0;
}

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct redoxfs_dirent *)a)->name,
	              ((const struct redoxfs_dirent *)b)->name);
}

static int list(struct redoxfs *fs, uint32_t dir)
{
	struct redoxfs_dirent *ents = NULL;
	size_t n = 0, cap = 0;
	uint64_t cookie = 0;
	int r;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			struct redoxfs_dirent *p = realloc(ents, cap * sizeof(*ents));
			if (!p) {
				free(ents);
				return -REDOXFS_ENOMEM;
			}
			ents = p;
		}
		r = redoxfs_readdir(fs, dir, &cookie, &ents[n]);
		if (r <= 0)
			break;
		n++;
	}
	if (r == 0) {
		qsort(ents, n, sizeof(*ents), cmp_ent);
		for (size_t i = 0; i < n && r == 0; i++)
			r = show(fs, ents[i].ino, ents[i].name);
	}
	free(ents);
	return r;
}

int main(int argc, char **argv)
{
	const char *image = NULL, *path = NULL;
	bool self = false, bad = false;
	uint64_t offset = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--offset") == 0 && i + 1 < argc)
			bad |= !host_parse_u64(argv[++i], &offset);
		else if (strcmp(argv[i], "-d") == 0)
			self = true;
		else if (!image)
			image = argv[i];
		else if (!path)
			path = argv[i];
		else
			bad = true;
	}
	if (!image || bad) {
		fprintf(stderr, "usage: " TOOL " [-d] IMAGE [PATH] [--offset BYTES]\n");
		return 2;
	}
	if (!path)
		path = "/";
	struct image img = {.offset = offset};
	if (!image_open(&img, TOOL, image, false, false))
		return 1;
	struct redoxfs *fs = host_mount(TOOL, &img);
	if (!fs)
		return 1;
	uint32_t ino;
	struct redoxfs_stat st;
	int err = redoxfs_lookup_path(fs, path, !self, &ino);
	if (!err)
		err = redoxfs_stat(fs, ino, &st);
	if (!err) {
		if (self || (st.mode & REDOXFS_MODE_TYPE) != REDOXFS_MODE_DIR) {
			if (!self)
				err = redoxfs_lookup_path(fs, path, false, &ino);
			if (!err)
				err = show(fs, ino, path);
		} else {
			err = list(fs, ino);
		}
	}
	if (err)
		fprintf(stderr, TOOL ": %s: %s: %s\n", image, path, host_strerror(err));
	redoxfs_unmount(fs);
	image_close(&img);
	return err ? 1 : 0;
}
