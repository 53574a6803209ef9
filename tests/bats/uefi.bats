#!/usr/bin/env bats
# Boot the default harddrive.img with OVMF (UEFI) instead of SeaBIOS, with
# the seed's device set (TCG, no display): the firmware starts
# EFI/BOOT/BOOTX64.EFI from the image's EFI system partition, which loads
# the same kernel and initfs from RedoxFS (no live copy: redoxfsd mounts
# the disk through pcid and ahcid) and reaches init
# and the login prompt. OVMF itself
# takes 9 s under TCG on an idle machine and about a minute on a busy one.

load ../helpers/common

setup_file() {
	UEFI=yes boot_once "$IMAGE" 180 '^SYS_HELLOWORLD: Hello, world!' '^redox login: '
}

@test "OVMF starts our loader, which announces itself on uefi" {
	serial_has '^Redox OS Bootloader [0-9]+\.[0-9]+\.[0-9]+ on uefi'
	! grep -q ' on bios' "$SERIAL_LOG"
}

@test "the UEFI loader loads the kernel and the initfs from RedoxFS" {
	serial_has '^bootloader: kernel [0-9]+ KiB at 200000, entry ffffffff8'
	serial_has '^bootloader: initfs [0-9]+ KiB at [0-9a-f]+'
	! grep -q '^bootloader: live filesystem' "$SERIAL_LOG"
}

@test "without a display there is no GOP, and the loader says so" {
	serial_has '^bootloader: no graphics output \(GOP\); serial console only'
}

@test "the kernel gets the firmware's memory map and RSDP; redoxfsd mounts the disk" {
	serial_has '^kernel::start:INFO -- Memory: 0000000000100000:[0-9a-f]{16} free'
	serial_has '^kernel::start:INFO -- Memory: [0-9a-f]{16}:[0-9a-f]{16} reclaimable'
	serial_has '^kernel::start:INFO -- RSDP: [1-9a-f][0-9a-f]*:'
	line=$(serial_line 'Memory: [0-9]+ MiB free')
	mib=$(echo "$line" | grep -Eo '[0-9]+ MiB' | cut -d' ' -f1)
	[ "$mib" -ge 1900 ] && [ "$mib" -le 2048 ]
	! grep -q 'Live filesystem' "$SERIAL_LOG"
	serial_has '^redoxfsd: file: served from disk\.ahci0:0p[0-9]+ \([0-9]+ MiB, generation [0-9]+\)$'
}

@test "UEFI boot stages come in order, to init, the helloworld package and the login prompt" {
	serial_order '^Redox OS Bootloader .* on uefi' '^bootloader: leaving the firmware' \
		'^kernel::start:INFO -- Redox OS starting' '4 CPUs online' \
		'started initfs:bin/init' '^SYS_HELLOWORLD: Hello, world!'
	serial_order 'started initfs:bin/init' '^########## Redox OS ##########$' '^redox login: '
}

@test "nothing panicked under UEFI" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "with a display adapter the loader offers the GOP modes, 1024x768 after the timeout" {
	log=$LOGS/uefi-gop.serial.log
	QEMU_EXTRA="-vga std" UEFI=yes boot_log uefi-gop "$IMAGE" 180 \
		--until '^bootloader: leaving the firmware'
	SERIAL_LOG=$log serial_order '^Redox OS Bootloader .* on uefi' \
		'^bootloader: video modes \(number and Enter; Enter alone or 3 s: 1024x768\)' \
		'^bootloader: framebuffer 1024x768 at [0-9a-f]+' '^bootloader: leaving the firmware'
	! grep -q 'no graphics output' "$log"
}

@test "the video mode menu takes a number typed on the console" {
	log=$LOGS/uefi-menu.serial.log
	QEMU_EXTRA="-vga std" UEFI=yes boot_log uefi-menu "$IMAGE" 180 \
		--until '^bootloader: leaving the firmware' \
		--send '^bootloader: video modes' '3\r'
	third=$(grep -aEm1 '^ +3\) [0-9]+x[0-9]+' "$log" | grep -Eo '[0-9]+x[0-9]+')
	[ -n "$third" ] && [ "$third" != 1024x768 ]
	SERIAL_LOG=$log serial_has "^bootloader: framebuffer $third at [0-9a-f]+"
	SERIAL_LOG=$log serial_has '^ +[0-9]+\) 1024x768 \*$'
}
