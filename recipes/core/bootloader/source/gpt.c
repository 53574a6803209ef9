/*
 * The GPT of the boot disk (or of the disk image inside a CD): finds the
 * partition of a given type. Reads go through the platform's disk_read.
 */
#include "loader.h"
#include <fmt/guid.h>
#include <redox/abi/disk.h>

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

bool gpt_find_partition(uint64_t base, const char *type_guid, struct partition *out,
                        const char **why)
{
	struct gpt_header header;
	if (disk_read(base + DISK_SECTOR_SIZE, &header, sizeof header)) {
		*why = "cannot read the GPT header";
		return false;
	}
	if (memcmp(header.signature, "EFI PART", 8)) {
		*why = "no GPT";
		return false;
	}
	if (header.entry_size < sizeof(struct gpt_entry)) {
		*why = "bad GPT entry size";
		return false;
	}
	uint8_t wanted[16];
	if (guid_parse(type_guid, wanted)) {
		*why = "the partition type GUID is malformed";
		return false;
	}
	for (uint32_t i = 0; i < header.entry_count && i < 128; i++) {
		struct gpt_entry entry;
		uint64_t at =
		    base + header.entries_lba * DISK_SECTOR_SIZE + (uint64_t)i * header.entry_size;
		if (disk_read(at, &entry, sizeof entry)) {
			*why = "cannot read the GPT entries";
			return false;
		}
		if (!memcmp(entry.type_guid, wanted, 16) && entry.last_lba >= entry.first_lba) {
			out->first_lba = base / DISK_SECTOR_SIZE + entry.first_lba;
			out->sectors = entry.last_lba - entry.first_lba + 1;
			return true;
		}
	}
	*why = "no RedoxFS partition in the GPT";
	return false;
}
