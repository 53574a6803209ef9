/*
 * Shared declarations of the BIOS bootloader's stage 2 (long mode C part).
 */
#ifndef BOOTLOADER_LOADER_H
#define BOOTLOADER_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <freestanding/string.h>

/* console.c: COM1 output */
void console_init(void);
void print(const char *format, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* stage2_entry.asm */
int bios_read_sectors(uint64_t lba, uint32_t count);
extern uint8_t boot_drive;
#define BOUNCE_BUFFER  ((uint8_t *)0x28000)
#define BOUNCE_SECTORS 64

/* disk.c: byte-addressed reads of the boot disk, and its GPT */
int disk_read(uint64_t offset, void *buffer, size_t length);
struct partition {
	uint64_t first_lba;
	uint64_t sectors;
};
bool gpt_find_partition(const char *type_guid, struct partition *out);

/* bootfs.c: files of the root filesystem */
bool bootfs_mount(const struct partition *part);
/* Size of a regular file, or -1 when missing. */
int64_t bootfs_size(const char *path);
bool bootfs_read(const char *path, uint64_t offset, void *buffer, uint64_t length);
/* The mounted filesystem's uuid (16 bytes). */
const uint8_t *bootfs_uuid(void);

/* elf.c: load a kernel ELF to its physical addresses */
struct loaded_kernel {
	uint64_t entry;
	uint64_t phys_start, phys_end;
};
void elf_load_kernel(const char *path, struct loaded_kernel *out);

/* acpi.c */
uint64_t acpi_find_rsdp(uint64_t *size);

#endif
