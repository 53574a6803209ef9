/*
 * Filesystem check: verifies every header slot, every checksum of every
 * reachable block, the node and directory structure, link counts, and
 * that the space map marks exactly the blocks in use. Read-only.
 */
#ifndef REDOXFS_FSCK_H
#define REDOXFS_FSCK_H

#include <stdint.h>
#include "redoxfs/common.h"
#include "redoxfs/redoxfs.h"

struct redoxfs_fsck_report {
	char msg[256]; /* the first problem found ("" when clean) */
	uint64_t generation;
	uint64_t blocks;      /* filesystem size in blocks */
	uint64_t used_blocks; /* reachable blocks, header ring included */
	uint64_t inodes, dirs, files, symlinks;
};

/*
 * `image_size`: bytes the device has from `offset` on (UINT64_MAX if
 * unknown).
 * Returns 0 when clean, 1 when damaged (rep->msg says what and where),
 * or a negative REDOXFS_E* value (only -REDOXFS_ENOMEM) when it could
 * not check. Uses hooks->alloc/free only.
 */
int redoxfs_fsck(const struct redoxfs_io *io, uint64_t offset, uint64_t image_size,
                 const struct redoxfs_hooks *hooks, struct redoxfs_fsck_report *rep);

#endif
