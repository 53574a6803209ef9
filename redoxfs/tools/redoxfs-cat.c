/*
 * redoxfs-cat IMAGE PATH... [--offset BYTES]: copy files (following
 * symlinks) from an image to stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host.h"

#define TOOL "redoxfs-cat"

int main(int argc, char **argv)
{
	const char *image = NULL;
	const char **paths = calloc((size_t)argc, sizeof(*paths));
	int npaths = 0, status = 0;
	uint64_t offset = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--offset") == 0 && i + 1 < argc) {
			if (!host_parse_u64(argv[++i], &offset))
				npaths = -1000;
		} else if (!image) {
			image = argv[i];
		} else {
			paths[npaths++] = argv[i];
		}
	}
	if (!image || npaths <= 0) {
		fprintf(stderr, "usage: " TOOL " IMAGE PATH... [--offset BYTES]\n");
		return 2;
	}
	struct image img = {.offset = offset};
	if (!image_open(&img, TOOL, image, false, false))
		return 1;
	struct redoxfs *fs = host_mount(TOOL, &img);
	if (!fs)
		return 1;
	static char buf[1 << 20];
	for (int p = 0; p < npaths; p++) {
		uint32_t ino;
		int err = redoxfs_lookup_path(fs, paths[p], true, &ino);
		for (uint64_t off = 0; !err;) {
			int64_t n = redoxfs_read(fs, ino, off, buf, sizeof(buf));
			if (n <= 0) {
				err = (int)n;
				break;
			}
			fwrite(buf, 1, (size_t)n, stdout);
			off += (uint64_t)n;
		}
		if (err) {
			fprintf(stderr, TOOL ": %s: %s: %s\n", image, paths[p], host_strerror(err));
			status = 1;
		}
	}
	redoxfs_unmount(fs);
	image_close(&img);
	free(paths);
	return fflush(stdout) == 0 ? status : 1;
}
