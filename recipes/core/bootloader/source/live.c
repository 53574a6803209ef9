/*
 * Live mode: the whole RedoxFS partition copied into memory, which the
 * root filesystem daemon then serves (REDOXFS_LIVE_ADDR/SIZE in the
 * environment). Used when the medium cannot be read once the kernel runs
 * (a CD), and until the kernel has a driver for the boot disk.
 */
#include "loader.h"
#include <redox/abi/disk.h>

void live_load(const struct partition *root, uint64_t base)
{
	uint64_t size = root->sectors * DISK_SECTOR_SIZE, chunk = 16ULL << 20;
	for (uint64_t done = 0; done < size; done += chunk) {
		uint64_t n = size - done < chunk ? size - done : chunk;
		if (disk_read(root->first_lba * DISK_SECTOR_SIZE + done, (void *)(base + done), n))
			fail("the root filesystem: read error at %llu of %llu MiB (the medium is "
			     "cut "
			     "short or unreadable)",
			     (unsigned long long)(done >> 20), (unsigned long long)(size >> 20));
	}
	print("bootloader: live filesystem %llu MiB at %llx\n", (unsigned long long)(size >> 20),
	      (unsigned long long)base);
}
