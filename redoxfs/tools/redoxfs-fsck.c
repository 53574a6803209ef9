/*
 * redoxfs-fsck IMAGE [--offset BYTES] [-v]: check a filesystem. Clean:
 * exit 0 (with -v, a summary on stdout). Damaged: one line
 * "redoxfs-fsck: IMAGE: <what is wrong, where>" on stderr, exit 1.
 */
#include <stdio.h>
#include <string.h>
#include "host.h"
#include "redoxfs/fsck.h"

#define TOOL "redoxfs-fsck"

int main(int argc, char **argv)
{
	const char *path = NULL;
	uint64_t offset = 0;
	bool verbose = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--offset") == 0 && i + 1 < argc) {
			if (!host_parse_u64(argv[++i], &offset))
				path = NULL, i = argc;
		} else if (strcmp(argv[i], "-v") == 0) {
			verbose = true;
		} else if (!path && argv[i][0] != '-') {
			path = argv[i];
		} else {
			path = NULL;
			break;
		}
	}
	if (!path) {
		fprintf(stderr, "usage: " TOOL " IMAGE [--offset BYTES] [-v]\n");
		return 2;
	}
	struct image img = {.offset = offset};
	if (!image_open(&img, TOOL, path, false, false))
		return 2;
	struct redoxfs_fsck_report rep;
	int r = redoxfs_fsck(&img.io, offset, img.size, &host_hooks, &rep);
	image_close(&img);
	if (r < 0) {
		fprintf(stderr, TOOL ": %s: %s\n", path, host_strerror(r));
		return 2;
	}
	if (r > 0) {
		fprintf(stderr, TOOL ": %s: %s\n", path, rep.msg);
		return 1;
	}
	if (verbose)
		printf("%s: clean, generation %llu, %llu/%llu blocks used, %llu inodes "
		       "(%llu dirs, %llu files, %llu symlinks)\n",
		       path, (unsigned long long)rep.generation,
		       (unsigned long long)rep.used_blocks, (unsigned long long)rep.blocks,
		       (unsigned long long)rep.inodes, (unsigned long long)rep.dirs,
		       (unsigned long long)rep.files, (unsigned long long)rep.symlinks);
	return 0;
}
