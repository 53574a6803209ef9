#!/usr/bin/env bats
# A broken disk gets one clear line from the bootloader, not a hang or a
# triple fault.

load ../helpers/common

setup() {
	TMP=$(mktemp -d)
	mkdir -p "$LOGS"
	BL="$ROOT/build/$ARCH/bootloader"
}

teardown() {
	rm -rf "$TMP"
}

# make_disk ROOTDIR: a GPT disk like the real ones, from a folder
make_disk() {
	"$ROOT/build/host/redoxfs/redoxfs-ar" "$TMP/rootfs.img" "$1" --size auto >/dev/null
	"$ROOT/build/host/installer/installer" disk --out "$TMP/disk.img" --stage1 "$BL/stage1.bin" \
		--stage2 "$BL/stage2.bin" --rootfs "$TMP/rootfs.img" --efi-size 0
}

boot_expect() {
	SERIAL_LOG="$LOGS/boot-errors.serial.log"
	"$ROOT/tests/helpers/qemu.sh" boot "$TMP/disk.img" "$SERIAL_LOG" --timeout 60 \
		--until "$1" || { tail -5 "$SERIAL_LOG"; false; }
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
