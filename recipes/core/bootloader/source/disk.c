/*
 * The boot disk through the BIOS: byte-addressed reads built on whole
 * sectors through the real-mode bounce buffer, and the GPT lookup that
 * finds the root filesystem's partition.
 */
#include "loader.h"
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

struct gpt_header {
	char signature[8];
	uint32_t revision, header_size, header_crc, reserved;
	uint64_t current_lba, backup_lba, first_usable, last_usable;
	uint8_t disk_guid[16];
	uint64_t entries_lba;
	uint32_t entry_count, entry_size, entries_crc;
} __attribute__((packed));

struct gpt_entry {
	uint8_t type_guid[16];
	uint8_t unique_guid[16];
	uint64_t first_lba, last_lba, attributes;
	uint16_t name[36];
} __attribute__((packed));

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* GUID text to its on-disk form (first three groups little-endian). */
static void guid_parse(const char *text, uint8_t out[16])
{
	static const uint8_t order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
	uint8_t bytes[16];
	int n = 0;
	for (const char *p = text; *p && n < 16; p++) {
		if (*p == '-')
			continue;
		bytes[n++] = (uint8_t)(hex_value(p[0]) << 4 | hex_value(p[1]));
		p++;
	}
	for (int i = 0; i < 16; i++)
		out[i] = bytes[order[i]];
}

bool gpt_find_partition(const char *type_guid, struct partition *out)
{
	struct gpt_header header;
	if (disk_read(DISK_SECTOR_SIZE, &header, sizeof header))
		fail("cannot read the GPT header");
	if (memcmp(header.signature, "EFI PART", 8))
		fail("no GPT on the boot disk");
	uint8_t wanted[16];
	guid_parse(type_guid, wanted);
	for (uint32_t i = 0; i < header.entry_count && i < 128; i++) {
		struct gpt_entry entry;
		uint64_t at =
		    header.entries_lba * DISK_SECTOR_SIZE + (uint64_t)i * header.entry_size;
		if (disk_read(at, &entry, sizeof entry))
			fail("cannot read GPT entry %u", i);
		if (!memcmp(entry.type_guid, wanted, 16)) {
			out->first_lba = entry.first_lba;
			out->sectors = entry.last_lba - entry.first_lba + 1;
			return true;
		}
	}
	return false;
}
