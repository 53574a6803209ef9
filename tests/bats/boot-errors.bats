#!/usr/bin/env bats
# A broken disk gets one clear line from the bootloader, not a hang or a
# triple fault: from the BIOS loader (SeaBIOS) and from the UEFI one (OVMF,
# the same disks with an EFI system partition holding BOOTX64.EFI).

load ../helpers/common

setup() {
	TMP=$(mktemp -d)
	mkdir -p "$LOGS"
	BL="$ROOT/build/$ARCH/bootloader"
}

teardown() {
	rm -rf "$TMP"
}

# make_disk ROOTDIR [uefi]: a GPT disk like the real ones, from a folder;
# with uefi, a 1 MiB EFI system partition with our loader before RedoxFS
make_disk() {
	local efi=(--efi-size 0)
	if [ "${2:-}" = uefi ]; then
		mkdir -p "$TMP/esp/EFI/BOOT"
		cp "$BL/BOOTX64.EFI" "$TMP/esp/EFI/BOOT/"
		efi=(--efi-size 1 --efi-dir "$TMP/esp")
	fi
	"$ROOT/build/host/redoxfs/redoxfs-ar" "$TMP/rootfs.img" "$1" --size auto >/dev/null
	"$ROOT/build/host/installer/installer" disk --out "$TMP/disk.img" --stage1 "$BL/stage1.bin" \
		--stage2 "$BL/stage2.bin" --rootfs "$TMP/rootfs.img" "${efi[@]}"
}

boot_expect() {
	boot_once "$TMP/disk.img" "${TIMEOUT:-60}" "$1"
}

# The UEFI loader's one line, and then no kernel: it hands back to the firmware.
# OVMF alone takes 9 s to start it under TCG on an idle machine, and about a
# minute on a busy one: hence the longer wait.
uefi_expect() {
	UEFI=yes TIMEOUT=180 boot_expect "$1"
	[ "$(grep -c '^bootloader:' "$SERIAL_LOG")" -le 2 ]
	grep -q '^bootloader: back to the firmware in 5 s' "$SERIAL_LOG"
	! grep -q 'kernel::' "$SERIAL_LOG"
}

@test "a disk whose filesystem is corrupt: the bootloader says it does not mount" {
	mkdir -p "$TMP/root/boot"
	cp "$ROOT/build/$ARCH/kernel/kernel" "$TMP/root/boot/kernel"
	make_disk "$TMP/root"
	# the root partition starts at LBA 2048 (no EFI partition): wipe its header ring
	dd if=/dev/zero of="$TMP/disk.img" bs=512 seek=2048 count=32 conv=notrunc 2>/dev/null
	boot_expect '^bootloader: the RedoxFS partition at LBA 2048 does not mount'
	[ "$(grep -c '^bootloader:' "$SERIAL_LOG")" -ge 1 ]
	! grep -q 'kernel::' "$SERIAL_LOG"
}

@test "a filesystem without boot/kernel: the bootloader names the missing file" {
	mkdir -p "$TMP/root/boot"
	echo "not a kernel" >"$TMP/root/boot/readme"
	make_disk "$TMP/root"
	boot_expect '^bootloader: boot/kernel: not found on the root filesystem'
}

@test "a boot/kernel that is not an ELF file is refused by name" {
	mkdir -p "$TMP/root/boot"
	head -c 4096 /dev/urandom >"$TMP/root/boot/kernel"
	make_disk "$TMP/root"
	boot_expect '^bootloader: boot/kernel: not an x86_64 ELF64 file'
}

@test "UEFI: a corrupt filesystem: the loader says the partition does not mount" {
	mkdir -p "$TMP/root/boot"
	cp "$ROOT/build/$ARCH/kernel/kernel" "$TMP/root/boot/kernel"
	make_disk "$TMP/root" uefi
	# RedoxFS starts after the 1 MiB EFI partition, at LBA 4096
	dd if=/dev/zero of="$TMP/disk.img" bs=512 seek=4096 count=32 conv=notrunc 2>/dev/null
	uefi_expect '^bootloader: the RedoxFS partition at LBA 4096 does not mount'
}

@test "UEFI: an EFI partition with the loader but no boot/kernel: named" {
	mkdir -p "$TMP/root/boot"
	echo "not a kernel" >"$TMP/root/boot/readme"
	make_disk "$TMP/root" uefi
	uefi_expect '^bootloader: boot/kernel: not found on the root filesystem'
}

@test "a CPU without 64-bit long mode: the BIOS loader says so and stops" {
	mkdir -p "$TMP/root/boot"
	cp "$ROOT/build/$ARCH/kernel/kernel" "$TMP/root/boot/kernel"
	make_disk "$TMP/root"
	QEMU_EXTRA="-cpu qemu32" boot_expect '^Redox OS Bootloader: this CPU has no 64-bit long mode'
	! grep -q 'kernel::' "$SERIAL_LOG"
}
