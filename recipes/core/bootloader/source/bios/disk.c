/*
 * The boot disk through the BIOS: byte-addressed reads built on whole
 * sectors through the real-mode bounce buffer (the GPT lookup is shared:
 * ../gpt.c).
 */
#include "bios.h"
#include <redox/abi/disk.h>

int disk_read(uint64_t offset, void *buffer, size_t length)
{
	uint8_t *dst = buffer;
	while (length) {
		uint64_t lba = offset / DISK_SECTOR_SIZE;
		size_t skip = offset % DISK_SECTOR_SIZE;
		uint64_t sectors = (skip + length + DISK_SECTOR_SIZE - 1) / DISK_SECTOR_SIZE;
		if (sectors > BOUNCE_SECTORS)
			sectors = BOUNCE_SECTORS;
		int status = bios_read_sectors(lba, (uint32_t)sectors);
		if (status)
			return status;
		size_t chunk = sectors * DISK_SECTOR_SIZE - skip;
		if (chunk > length)
			chunk = length;
		memcpy(dst, BOUNCE_BUFFER + skip, chunk);
		dst += chunk;
		offset += chunk;
		length -= chunk;
	}
	return 0;
}
