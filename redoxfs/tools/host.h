/*
 * What the host tools share: an image file as a RedoxFS device, the
 * malloc/clock hooks, error text and the common --offset option.
 */
#ifndef REDOXFS_TOOLS_HOST_H
#define REDOXFS_TOOLS_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include "redoxfs/redoxfs.h"

struct image {
	const char *path;
	int fd;
	uint64_t offset; /* where the filesystem starts */
	uint64_t size;   /* bytes from offset to the end of the file/device */
	struct redoxfs_io io;
};

/* Open (create: also create the file). Prints its own error; false on failure. */
bool image_open(struct image *img, const char *tool, const char *path, bool writable, bool create);
void image_close(struct image *img);

extern const struct redoxfs_hooks host_hooks;
/* Timestamps the library gives changes; 0 = the real clock. */
extern struct redoxfs_time host_fixed_now;

const char *host_strerror(int err); /* err: a negative REDOXFS_E* */
void host_uuid(uint8_t uuid[16]);
/* Parse a decimal byte count; false if not a number. */
bool host_parse_u64(const char *s, uint64_t *out);

/* Mount an image, reporting failures as "TOOL: IMAGE: why". */
struct redoxfs *host_mount(const char *tool, struct image *img);

#endif
