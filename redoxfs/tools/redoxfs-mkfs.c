/*
 * redoxfs-mkfs IMAGE SIZE_MIB [--offset BYTES]: write an empty RedoxFS.
 * A standalone image (offset 0) is cut or grown to exactly SIZE_MIB.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "host.h"

#define TOOL "redoxfs-mkfs"

static int usage(void)
{
	fprintf(stderr, "usage: " TOOL " IMAGE SIZE_MIB [--offset BYTES]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *pos[2];
	int npos = 0;
	uint64_t offset = 0, mib;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--offset") == 0 && i + 1 < argc) {
			if (!host_parse_u64(argv[++i], &offset))
				return usage();
		} else if (npos < 2 && argv[i][0] != '-') {
			pos[npos++] = argv[i];
		} else {
			return usage();
		}
	}
	if (npos != 2 || !host_parse_u64(pos[1], &mib) || mib == 0 || mib > (1ull << 30))
		return usage();
	uint64_t size = mib << 20;

	struct image img = {.offset = offset};
	if (!image_open(&img, TOOL, pos[0], true, true))
		return 1;
	if ((offset == 0 && ftruncate(img.fd, (off_t)size) != 0) ||
	    (offset && img.size < size && ftruncate(img.fd, (off_t)(offset + size)) != 0)) {
		perror(TOOL ": resize image");
		return 1;
	}
	uint8_t uuid[16];
	host_uuid(uuid);
	int err = redoxfs_format(&img.io, offset, size, uuid, &host_hooks);
	image_close(&img);
	if (err) {
		fprintf(stderr, TOOL ": %s: %s\n", pos[0], host_strerror(err));
		return 1;
	}
	return 0;
}
