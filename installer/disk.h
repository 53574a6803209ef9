/*
 * `installer disk`: writes harddrive.img, a GPT disk laid out as
 * abi/include/redox/abi/disk.h says:
 *
 *   LBA 0          protective MBR; its first 440 bytes are stage 1 (--stage1)
 *   LBA 1, 2..33   primary GPT header, 128 partition entries
 *   LBA 34..2047   "BIOS boot" partition, stage 2 (--stage2) at its start
 *   LBA 2048..     "EFI System" partition of --efi-size MiB (none if 0), FAT
 *                  formatted with --efi-dir's contents when mtools exist
 *   then           "RedoxFS" partition: --rootfs byte for byte
 *   last 33 LBAs   backup entries and header; the disk is a whole number of MiB
 *
 * GUIDs are random (version 4), or derived from SOURCE_DATE_EPOCH when it is
 * set, so that a build can be reproduced bit for bit.
 */
#ifndef INSTALLER_DISK_H
#define INSTALLER_DISK_H

struct disk_options {
	const char *out, *stage1, *stage2, *rootfs;
	const char *efi_dir; /* NULL: an empty FAT */
	long efi_size_mib;
};

int disk_write(const struct disk_options *options, char *err);

#endif
