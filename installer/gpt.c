/*
 * GPT structures in bytes (see gpt.h). Multi-byte fields are little-endian
 * on disk whatever the host is, so they are stored byte by byte.
 */
#include "gpt.h"

#include <string.h>

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t gpt_crc32(const void *data, size_t len)
{
	static uint32_t table[256];
	static bool ready;
	if (!ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = true;
	}
	const uint8_t *p = data;
	uint32_t crc = 0xffffffffu;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc ^ 0xffffffffu;
}

void gpt_guid_make_v4(uint8_t guid[16])
{
	/* version lives in the top nibble of the (little-endian) third field */
	guid[7] = (uint8_t)((guid[7] & 0x0f) | 0x40);
	guid[8] = (uint8_t)((guid[8] & 0x3f) | 0x80);
}

void gpt_build_mbr(uint8_t sector[DISK_SECTOR_SIZE], const uint8_t *boot_code, size_t len,
                   uint64_t disk_sectors)
{
	memset(sector, 0, DISK_SECTOR_SIZE);
	memcpy(sector, boot_code, len < MBR_BOOT_CODE_SIZE ? len : MBR_BOOT_CODE_SIZE);
	uint8_t *e = sector + 446;
	e[0] = 0x00; /* not active: the UEFI spec wants 0 here */
	e[1] = 0x00; /* CHS of LBA 1: head 0, sector 2, cylinder 0 */
	e[2] = 0x02;
	e[3] = 0x00;
	e[4] = 0xee;
	e[5] = e[6] = e[7] = 0xff; /* CHS end: beyond what CHS can say */
	put32(e + 8, 1);
	uint64_t size = disk_sectors - 1;
	put32(e + 12, size > 0xffffffffu ? 0xffffffffu : (uint32_t)size);
	sector[510] = 0x55;
	sector[511] = 0xaa;
}

void gpt_build_entries(const struct gpt_disk *disk, uint8_t entries[GPT_ENTRIES * GPT_ENTRY_SIZE])
{
	memset(entries, 0, GPT_ENTRIES * GPT_ENTRY_SIZE);
	for (size_t i = 0; i < disk->nparts && i < GPT_ENTRIES; i++) {
		const struct gpt_partition *p = &disk->parts[i];
		uint8_t *e = entries + i * GPT_ENTRY_SIZE;
		memcpy(e, p->type, 16);
		memcpy(e + 16, p->guid, 16);
		put64(e + 32, p->first_lba);
		put64(e + 40, p->last_lba);
		put64(e + 48, p->attributes);
		for (size_t k = 0; p->name && p->name[k] && k < GPT_NAME_UNITS; k++)
			put16(e + 56 + 2 * k, (uint8_t)p->name[k]);
	}
}

void gpt_build_header(const struct gpt_disk *disk, const uint8_t *entries, bool backup,
                      uint8_t sector[DISK_SECTOR_SIZE])
{
	uint64_t last = disk->sectors - 1;
	memset(sector, 0, DISK_SECTOR_SIZE);
	memcpy(sector, "EFI PART", 8);
	put32(sector + 8, 0x00010000);
	put32(sector + 12, GPT_HEADER_SIZE);
	put64(sector + 24, backup ? last : 1);
	put64(sector + 32, backup ? 1 : last);
	put64(sector + 40, 2 + GPT_ENTRY_SECTORS);
	put64(sector + 48, gpt_backup_entries_lba(disk->sectors) - 1);
	memcpy(sector + 56, disk->guid, 16);
	put64(sector + 72, backup ? gpt_backup_entries_lba(disk->sectors) : 2);
	put32(sector + 80, GPT_ENTRIES);
	put32(sector + 84, GPT_ENTRY_SIZE);
	put32(sector + 88, gpt_crc32(entries, GPT_ENTRIES * GPT_ENTRY_SIZE));
	/* the header CRC is taken with its own field zero */
	put32(sector + 16, gpt_crc32(sector, GPT_HEADER_SIZE));
}
