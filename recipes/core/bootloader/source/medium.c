/*
 * Where the root filesystem is on the boot medium: a RedoxFS partition of
 * a GPT disk (harddrive.img), or the RedoxFS image file in the root
 * directory of an ISO 9660 CD (livedisk.iso, DISK_ISO_ROOTFS).
 */
#include "loader.h"
#include <redox/abi/disk.h>

bool medium_find_root(struct partition *root, bool *cd, const char **why)
{
	if (gpt_find_partition(0, GPT_TYPE_REDOXFS, root, why)) {
		*cd = false;
		return true;
	}
	uint64_t offset, size;
	if (iso9660_find(DISK_ISO_ROOTFS, &offset, &size)) {
		if (size < DISK_SECTOR_SIZE) {
			*why = "the CD's " DISK_ISO_ROOTFS " is empty";
			return false;
		}
		root->first_lba = offset / DISK_SECTOR_SIZE;
		root->sectors = size / DISK_SECTOR_SIZE;
		*cd = true;
		return true;
	}
	return false;
}
