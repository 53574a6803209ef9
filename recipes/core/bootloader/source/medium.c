/*
 * Where the root filesystem is on the boot medium: a RedoxFS partition of
 * a GPT disk (harddrive.img), or the RedoxFS image file in the root
 * directory of an ISO 9660 CD (livedisk.iso, DISK_ISO_ROOTFS); and whether
 * the whole filesystem is to be copied into RAM (live mode).
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

bool medium_live(bool cd)
{
	if (cd)
		return true; /* read-only, and no driver reads it once the kernel runs */
	uint8_t mbr[DISK_SECTOR_SIZE];
	return !disk_read(0, mbr, sizeof mbr) &&
	       !memcmp(mbr + DISK_LIVE_SIGNATURE_OFFSET, DISK_LIVE_SIGNATURE, 4);
}
