/*
 * Facts about harddrive.img shared by the installer (which writes it)
 * and the bootloader (which reads it).
 *
 *   LBA 0        protective MBR; its boot code is the bootloader's stage 1
 *   LBA 1..33    primary GPT header and 128 partition entries
 *   LBA 34..2047 "BIOS boot" partition: stage 2, read by stage 1 from its start
 *   1 MiB ..     EFI system partition (FAT), when efi_partition_size > 0
 *   then         the root filesystem (RedoxFS), holding /boot/kernel, /boot/initfs
 *   last 33 LBAs backup GPT
 *
 * livedisk.iso is an ISO 9660 CD instead: DISK_ISO_ROOTFS in its root
 * directory, El Torito boot entries for BIOS (no emulation: bios/cdboot.asm
 * + stage 2) and UEFI (a FAT image holding EFI/BOOT/BOOTX64.EFI).
 */
#ifndef REDOX_ABI_DISK_H
#define REDOX_ABI_DISK_H

#define DISK_SECTOR_SIZE         512
#define DISK_STAGE2_LBA          34
#define DISK_STAGE2_MAX_SECTORS  254 /* what stage 1 loads: 127 KiB */
#define DISK_FIRST_PARTITION_LBA 2048

/* GPT partition type GUIDs, in their usual text form */
#define GPT_TYPE_BIOS_BOOT  "21686148-6449-6E6F-744E-656564454649"
#define GPT_TYPE_EFI_SYSTEM "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"
/* Our root filesystem partition type */
#define GPT_TYPE_REDOXFS "52445846-5300-4F53-8000-524F4F544653"

/* A disk whose MBR disk signature says this boots in live mode (whole filesystem in RAM) */
#define DISK_LIVE_SIGNATURE        "LIVE"
#define DISK_LIVE_SIGNATURE_OFFSET 440

/* livedisk.iso: the RedoxFS image, one file in the CD's root directory */
#define DISK_ISO_ROOTFS "ROOTFS.IMG"

#endif
