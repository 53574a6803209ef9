#!/usr/bin/env bats
# Boot the default image with the seed's QEMU device set (TCG, no display)
# and check what the bootloader and the kernel print on the serial port.

load ../helpers/common

setup_file() {
	boot_once "$IMAGE" 120 'init: running initfs:etc/init.rc'
}

@test "the bootloader announces itself on BIOS" {
	serial_has '^Redox OS Bootloader [0-9]+\.[0-9]+\.[0-9]+ on bios'
}

@test "the bootloader loads the kernel and the initfs from RedoxFS" {
	serial_has '^bootloader: kernel [0-9]+ KiB at [0-9a-f]+, entry ffffffff8'
	serial_has '^bootloader: initfs [0-9]+ KiB at [0-9a-f]+'
}

@test "the kernel's first log line is Redox OS starting" {
	first=$(grep -m1 '^kernel::' "$SERIAL_LOG")
	[ "$first" = "kernel::start:INFO -- Redox OS starting..." ]
}

@test "the kernel prints the memory map it was given" {
	serial_has '^kernel::start:INFO -- Memory: 0000000000000000:000000000009[0-9a-f]{4} free'
	serial_has '^kernel::start:INFO -- Memory: 0000000000100000:000000007[0-9a-f]{7} free'
	serial_has '^kernel::start:INFO -- Memory: [0-9a-f]{16}:[0-9a-f]{16} reserved'
	# -m 2048: all but a few hundred KiB of 2 GiB is free
	line=$(serial_line 'Memory: [0-9]+ MiB free')
	mib=$(echo "$line" | grep -Eo '[0-9]+ MiB' | cut -d' ' -f1)
	[ "$mib" -ge 2000 ] && [ "$mib" -le 2048 ]
}

@test "boot stages come in order: bootloader, kernel, CPUs, init" {
	serial_order '^Redox OS Bootloader' '^kernel::start:INFO -- Redox OS starting' \
		'CPUs online' 'started initfs:bin/init' '^init: running'
}

@test "all four CPUs of -smp 4 come online" {
	serial_has '^kernel::arch::x86_64::acpi:INFO -- MADT: 4 CPUs'
	serial_has '^kernel::start:INFO -- 4 CPUs online'
}

@test "nothing panicked" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "with a video BIOS the loader offers the VBE modes; a number typed on COM1 picks one" {
	log=$LOGS/boot-vbe.serial.log
	QEMU_EXTRA="-vga std" boot_log boot-vbe "$IMAGE" 120 \
		--until '^kernel::start:INFO -- Redox OS starting' \
		--send '^bootloader: video modes' '4\r'
	fourth=$(grep -aEm1 '^ +4\) [0-9]+x[0-9]+' "$log" | grep -Eo '[0-9]+x[0-9]+')
	[ -n "$fourth" ] && [ "$fourth" != 1024x768 ]
	SERIAL_LOG=$log serial_has '^ +[0-9]+\) 1024x768 \*$'
	SERIAL_LOG=$log serial_order '^bootloader: video modes \(number and Enter; Enter alone or 3 s: 1024x768\)' \
		"^bootloader: framebuffer $fourth at [0-9a-f]+" '^kernel::start:INFO -- Redox OS starting'
}

@test "without a video BIOS (-vga none) the loader says so and boots on serial only" {
	serial_has '^bootloader: no VESA BIOS extensions \(VBE 2\.0\); serial console only'
}
