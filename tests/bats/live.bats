#!/usr/bin/env bats
# livedisk.iso (make live) as a CD with the seed's device set (TCG, no
# display): SeaBIOS boots its El Torito no-emulation entry (cdboot.asm +
# stage 2), OVMF its EFI entry (BOOTX64.EFI in a FAT image); each loader
# copies ROOTFS.IMG into RAM and the system reaches the login prompt from
# that copy. A CD cut short gets one clear line.

load ../helpers/common

ISO=${ISO:-$ROOT/build/$ARCH/$CONFIG_NAME/livedisk.iso}

setup_file() {
	boot_once -n live-bios "$ISO" 180 '^redox login: ' '^SYS_HELLOWORLD: Hello, world!'
	UEFI=yes boot_once -n live-uefi "$ISO" 180 '^redox login: ' '^SYS_HELLOWORLD: Hello, world!'
}

@test "the ISO boots on BIOS from its El Torito entry and announces bios" {
	SERIAL_LOG=$LOGS/live-bios.serial.log
	serial_has '^Redox OS Bootloader [0-9]+\.[0-9]+\.[0-9]+ on bios'
	serial_has '^bootloader: kernel [0-9]+ KiB at 200000, entry ffffffff8'
}

@test "on BIOS the whole filesystem comes from the CD into RAM and init runs from it, to the login prompt" {
	SERIAL_LOG=$LOGS/live-bios.serial.log
	serial_has '^bootloader: live filesystem 64 MiB at [0-9a-f]+'
	serial_order '^kernel::start:INFO -- Redox OS starting' \
		'^kernel::start:INFO -- Live filesystem: [0-9a-f]+:[0-9a-f]+ \(64 MiB\)' \
		'^redoxfsd: file: served from live image \(64 MiB' '^redox login: '
	serial_has '^SYS_HELLOWORLD: Hello, world!'
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "the ISO boots on UEFI from the CD's EFI image and announces uefi" {
	SERIAL_LOG=$LOGS/live-uefi.serial.log
	serial_has 'BdsDxe: starting .*DVD-ROM'
	serial_has '^Redox OS Bootloader [0-9]+\.[0-9]+\.[0-9]+ on uefi'
	serial_has '^bootloader: kernel [0-9]+ KiB at 200000, entry ffffffff8'
}

@test "on UEFI the whole filesystem comes from the CD into RAM and init runs from it, to the login prompt" {
	SERIAL_LOG=$LOGS/live-uefi.serial.log
	serial_has '^bootloader: live filesystem 64 MiB at [0-9a-f]+'
	serial_order '^bootloader: leaving the firmware' \
		'^kernel::start:INFO -- Redox OS starting' \
		'^kernel::start:INFO -- Live filesystem: [0-9a-f]+:[0-9a-f]+ \(64 MiB\)' \
		'^redoxfsd: file: served from live image \(64 MiB' '^redox login: '
	serial_has '^SYS_HELLOWORLD: Hello, world!'
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "an ISO cut short: both loaders say the filesystem cannot be read, no kernel" {
	tmp=$(mktemp -d)
	size=$(stat -c %s "$ISO")
	head -c $((size * 2 / 3 / 2048 * 2048)) "$ISO" >"$tmp/short.iso"
	for fw in bios uefi; do
		uefi=no
		[ $fw = uefi ] && uefi=yes
		UEFI=$uefi boot_log live-short-$fw "$tmp/short.iso" 180 \
			--until '^bootloader: the root filesystem: read error at [0-9]+ of 64 MiB \(the medium is cut short'
		log=$BOOT_LOG
		[ "$(grep -c '^bootloader: the root' "$log")" = 1 ]
		! grep -q 'kernel::' "$log"
	done
	rm -rf "$tmp"
}
