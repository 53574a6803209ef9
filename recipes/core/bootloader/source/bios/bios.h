/*
 * The BIOS loader's own declarations (stage 2's long-mode C part); the
 * shared ones are in ../loader.h.
 */
#ifndef BOOTLOADER_BIOS_H
#define BOOTLOADER_BIOS_H

#include "../loader.h"

/* console.c: COM1 and, until a graphics mode is set, the screen */
void console_init(void);
void console_screen_off(void);

/* stage2_entry.asm: one BIOS interrupt (10h, 13h, 15h or 16h) from long mode */
struct bios_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi;
	uint32_t flags; /* out: the flags after the call (bit 0: carry) */
	uint16_t es, reserved;
};
/* Returns the carry flag: 1 when the BIOS reports an error. */
int bios_int(uint32_t vector, struct bios_regs *regs);
extern uint8_t boot_drive;
struct bios_dap {
	uint8_t size, zero;
	uint16_t count, offset, segment;
	uint64_t lba;
} __attribute__((packed));
extern struct bios_dap bios_dap; /* below 64 KiB, read by int 13h with ds = 0 */

/* disk.c: count sectors at lba into BOUNCE_BUFFER; 0, or the BIOS's error */
int bios_read_sectors(uint64_t lba, uint32_t count);
#define BOUNCE_BUFFER ((uint8_t *)0x28000)
#define BOUNCE_BYTES  (32 * 1024)

/* disk.c: 512 (hard disk) or 2048 (CD) */
uint32_t disk_sector_size(void);

/* video.c: a VBE mode through the shared menu; false without VBE */
bool video_init(struct boot_handover *h);

/* acpi.c */
uint64_t acpi_find_rsdp(uint64_t *size);

#endif
