#!/usr/bin/env bats
# pcid without ECAM: on QEMU's i440fx machine (-machine pc) there is no
# ACPI MCFG, so pcid reaches configuration space through the legacy
# 0xCF8/0xCFC ports, and the INTx line comes from the firmware's Interrupt
# Line register. An ICH9 AHCI controller is added to that machine with a
# copy of the storage-test image on it (the BIOS boots the IDE copy), and
# the whole storage test runs on it.

load ../helpers/common

setup_file() {
	mkdir -p "$LOGS"
	local boot="$LOGS/pcid-legacy.boot.img" data="$LOGS/pcid-legacy.ahci.img"
	cp "$ROOT/build/$ARCH/tests/storage-test.img" "$boot"
	cp "$ROOT/build/$ARCH/tests/storage-test.img" "$data"
	QEMU_EXTRA="-machine pc -device ahci,id=ahci0 -device ide-hd,drive=d1,bus=ahci0.0
		-drive file=$data,if=none,id=d1,format=raw" boot_once "$boot" 240
}

@test "pcid uses the legacy ports when ACPI has no MCFG" {
	serial_has '^pcid: config space: legacy ports 0xCF8/0xCFC \(no ACPI MCFG\)$'
	serial_has '^pcid: 00:00\.0 8086:1237 class 06\.00\.00$'
	serial_has '^pcid: 00:[0-9a-f]{2}\.0 8086:2922 class 01\.06\.01 irq (9|10|11) -> ahcid$'
}

@test "ahcid gets its interrupts through the Interrupt Line register and serves the disk" {
	serial_has '^ahcid: serving disk\.ahci0: \(1 disk\)$'
	! grep -q '^ahcid: no interrupt arrived' "$SERIAL_LOG"
	serial_has '^redoxfsd: file: served from disk\.ahci0:0p2 '
	serial_has '^storage-test: done: 10 checks ok, 0 failed$'
}
