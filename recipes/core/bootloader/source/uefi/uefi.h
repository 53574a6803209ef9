/*
 * The UEFI loader's own declarations; the shared ones are in ../loader.h.
 */
#ifndef BOOTLOADER_UEFI_H
#define BOOTLOADER_UEFI_H

#include "../loader.h"
#include "efi.h"

extern efi_handle efi_image;
extern struct efi_system_table *efi_st;
extern struct efi_boot_services *efi_bs; /* NULL once boot services have ended */

/* console.c: the firmware's text output, then COM1 once boot services end */
void console_init(void);

/* disk.c: the boot medium among the firmware's block devices */
/* How many whole disks (or CDs) the firmware offers; the boot device's first. */
uint32_t disk_count(void);
/* Make disk i the one disk_read reads; false when it has no media. */
bool disk_select(uint32_t i);

/* memory.c */
void *memory_alloc_pages(uint64_t pages);
/* Claim [base, base + size) from the firmware, or fail naming what holds it. */
void memory_claim(uint64_t base, uint64_t size, const char *what);
/* Claim size bytes of free RAM at the lowest address from `from` up. */
uint64_t memory_place(uint64_t from, uint64_t size, const char *what);
/*
 * Take the final memory map, end boot services, and write the map as
 * redox areas (sorted, merged) into areas; returns how many.
 */
uint32_t memory_exit_boot_services(struct redox_memory_area *areas, uint32_t max_areas);
/* The end of the highest RAM the firmware reports. */
uint64_t memory_top(void);

/* paging.c: tables in `room` (paging_pages(top) pages) mapping the kernel's layout */
uint64_t paging_pages(uint64_t top);
uint64_t paging_build(void *room, uint64_t top);

/* video.c: pick and set a GOP mode; false when there is no usable GOP */
bool video_init(struct boot_handover *h);

/* acpi.c */
uint64_t acpi_find_rsdp(uint64_t *size);

#endif
