/*
 * The BIOS loader's own declarations (stage 2's long-mode C part); the
 * shared ones are in ../loader.h.
 */
#ifndef BOOTLOADER_BIOS_H
#define BOOTLOADER_BIOS_H

#include "../loader.h"

/* console.c: COM1 output */
void console_init(void);

/* stage2_entry.asm */
int bios_read_sectors(uint64_t lba, uint32_t count);
extern uint8_t boot_drive;
#define BOUNCE_BUFFER ((uint8_t *)0x28000)
#define BOUNCE_BYTES  (32 * 1024)

/* disk.c: 512 (hard disk) or 2048 (CD) */
uint32_t disk_sector_size(void);

/* acpi.c */
uint64_t acpi_find_rsdp(uint64_t *size);

#endif
