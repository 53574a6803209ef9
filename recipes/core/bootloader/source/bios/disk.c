/*
 * The boot medium through the BIOS: byte-addressed reads built on whole
 * sectors through the real-mode bounce buffer. A hard disk has 512-byte
 * sectors, a CD booted without emulation 2048-byte ones: sector 16 of a CD
 * is the ISO 9660 volume descriptor, which tells them apart.
 */
#include "bios.h"
#include <redox/abi/disk.h>

#define CD_SECTOR_SIZE 2048

static uint32_t sector_size;

int bios_read_sectors(uint64_t lba, uint32_t count)
{
	bios_dap.count = (uint16_t)count;
	bios_dap.lba = lba;
	struct bios_regs r = {
	    .eax = 0x4200,
	    .edx = boot_drive,
	    .esi = (uint32_t)(uintptr_t)&bios_dap,
	};
	int carry = bios_int(0x13, &r);
	uint8_t status = (uint8_t)(r.eax >> 8);
	return carry ? (status ? status : 0xFF) : 0;
}

uint32_t disk_sector_size(void)
{
	if (!sector_size) {
		sector_size = DISK_SECTOR_SIZE;
		if (!bios_read_sectors(16, 1) && BOUNCE_BUFFER[0] == 1 &&
		    !memcmp(BOUNCE_BUFFER + 1, "CD001", 5))
			sector_size = CD_SECTOR_SIZE;
	}
	return sector_size;
}

int disk_read(uint64_t offset, void *buffer, size_t length)
{
	uint32_t ss = disk_sector_size(), max = BOUNCE_BYTES / ss;
	uint8_t *dst = buffer;
	while (length) {
		uint64_t lba = offset / ss;
		size_t skip = offset % ss;
		uint64_t sectors = (skip + length + ss - 1) / ss;
		if (sectors > max)
			sectors = max;
		int status = bios_read_sectors(lba, (uint32_t)sectors);
		if (status)
			return status;
		size_t chunk = sectors * ss - skip;
		if (chunk > length)
			chunk = length;
		memcpy(dst, BOUNCE_BUFFER + skip, chunk);
		dst += chunk;
		offset += chunk;
		length -= chunk;
	}
	return 0;
}
