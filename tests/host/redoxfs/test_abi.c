/*
 * The library spells out errno and mode numbers to stay free of libc
 * headers; this checks they equal the ABI's single definition.
 */
#include <stdio.h>
#include "redox/abi/errno.h"
#include "redox/abi/flags.h"
#include "redoxfs/common.h"
#include "redoxfs/crc32c.h"

#define SAME(a, b) _Static_assert((a) == (b), #a " != " #b)

SAME(REDOXFS_EPERM, EPERM);
SAME(REDOXFS_ENOENT, ENOENT);
SAME(REDOXFS_EIO, EIO);
SAME(REDOXFS_ENOMEM, ENOMEM);
SAME(REDOXFS_EEXIST, EEXIST);
SAME(REDOXFS_EXDEV, EXDEV);
SAME(REDOXFS_ENOTDIR, ENOTDIR);
SAME(REDOXFS_EISDIR, EISDIR);
SAME(REDOXFS_EINVAL, EINVAL);
SAME(REDOXFS_EFBIG, EFBIG);
SAME(REDOXFS_ENOSPC, ENOSPC);
SAME(REDOXFS_EROFS, EROFS);
SAME(REDOXFS_EMLINK, EMLINK);
SAME(REDOXFS_ENAMETOOLONG, ENAMETOOLONG);
SAME(REDOXFS_ENOTEMPTY, ENOTEMPTY);
SAME(REDOXFS_ELOOP, ELOOP);
SAME(REDOXFS_MODE_TYPE, MODE_TYPE);
SAME(REDOXFS_MODE_DIR, MODE_DIR);
SAME(REDOXFS_MODE_FILE, MODE_FILE);
SAME(REDOXFS_MODE_SYMLINK, MODE_SYMLINK);
SAME(REDOXFS_MODE_PERM, MODE_PERM);

int main(void)
{
	/* Standard CRC32C check values. */
	if (redoxfs_crc32c(0, "123456789", 9) != 0xE3069283u ||
	    redoxfs_crc32c(redoxfs_crc32c(0, "1234", 4), "56789", 5) != 0xE3069283u ||
	    redoxfs_crc32c(0, "", 0) != 0) {
		fprintf(stderr, "test_abi: crc32c is wrong\n");
		return 1;
	}
	static const char zeros[32];
	if (redoxfs_crc32c(0, zeros, 32) != 0x8A9136AAu) {
		fprintf(stderr, "test_abi: crc32c of 32 zero bytes is wrong\n");
		return 1;
	}
	printf("test_abi: ok\n");
	return 0;
}
