/*
 * The on-disk structures of a GPT disk (UEFI spec, chapter 5): protective
 * MBR, headers, partition entries, CRC32 and GUIDs. Pure functions over
 * byte buffers; disk.c decides the layout and does the I/O.
 */
#ifndef INSTALLER_GPT_H
#define INSTALLER_GPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fmt/guid.h>
#include <redox/abi/disk.h>

#define GPT_ENTRIES        128
#define GPT_ENTRY_SIZE     128
#define GPT_ENTRY_SECTORS  (GPT_ENTRIES * GPT_ENTRY_SIZE / DISK_SECTOR_SIZE)
#define GPT_HEADER_SIZE    92
#define GPT_NAME_UNITS     36 /* UTF-16 code units in a partition name */
#define MBR_BOOT_CODE_SIZE 440

struct gpt_partition {
	uint8_t type[16], guid[16];   /* in on-disk byte order */
	uint64_t first_lba, last_lba; /* inclusive */
	uint64_t attributes;
	const char *name; /* ASCII */
};

struct gpt_disk {
	uint64_t sectors; /* whole disk */
	uint8_t guid[16];
	struct gpt_partition parts[GPT_ENTRIES];
	size_t nparts;
};

/* IEEE 802.3 CRC-32, as GPT uses it. */
uint32_t gpt_crc32(const void *data, size_t len);

/* Turns 16 random bytes into a version-4 GUID. */
void gpt_guid_make_v4(uint8_t guid[16]);

/* LBA 0: boot code (at most 440 bytes) + one protective 0xEE partition + 55AA. */
void gpt_build_mbr(uint8_t sector[DISK_SECTOR_SIZE], const uint8_t *boot_code, size_t len,
                   uint64_t disk_sectors);
/* The 128-entry partition array. */
void gpt_build_entries(const struct gpt_disk *disk, uint8_t entries[GPT_ENTRIES * GPT_ENTRY_SIZE]);
/* The primary (LBA 1) or backup (last LBA) header for an entry array. */
void gpt_build_header(const struct gpt_disk *disk, const uint8_t *entries, bool backup,
                      uint8_t sector[DISK_SECTOR_SIZE]);

/* Where the backup entry array starts. */
static inline uint64_t gpt_backup_entries_lba(uint64_t disk_sectors)
{
	return disk_sectors - 1 - GPT_ENTRY_SECTORS;
}

#endif
