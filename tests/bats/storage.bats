#!/usr/bin/env bats
# Storage: pcid, ahcid and the root filesystem from disk. The storage-test
# image (tests/guest/storage-test.c as init) is copied and booted twice:
# the second boot must read back what the first wrote. Each boot runs the
# isolation checks (uid 1000 against disk:, irq:, memory:physical, grant:)
# and starts ahcid by hand under a manifest without its BAR.
# storage-test makes 10 checks on a first boot and 11 on later ones.

load ../helpers/common

ST_IMAGE=$ROOT/build/$ARCH/tests/storage-test.img

setup_file() {
	mkdir -p "$LOGS"
	DISK="$LOGS/storage.disk.img"
	cp "$ST_IMAGE" "$DISK"
	for boot in 1 2; do
		boot_log storage.boot$boot "$DISK" 240 || return 1
	done
	export DISK
}

nth_log() {
	echo "$LOGS/storage.boot$1.serial.log"
}

@test "pcid finds the AHCI controller through ECAM and starts ahcid confined" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^pcid: config space: ECAM at 0x[0-9a-f]+, buses 0-255 \(ACPI MCFG\)$'
	serial_has '^pcid: 00:1f\.2 8086:2922 class 01\.06\.01 irq 16 -> ahcid$'
	serial_has '^kernel::grant:INFO -- pid [0-9]+ \(pcid\) is confined to its manifest$'
	serial_has '^ahcid: port 0: QEMU HARDDISK, [0-9]+ MiB, 32 command slots$'
	serial_has '^ahcid: serving disk\.ahci0: \(1 disk\)$'
	serial_has '^pcid: 1 drivers started$'
}

@test "redoxfsd mounts the root filesystem from disk.ahci0 (no live copy)" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^redoxfsd: file: served from disk\.ahci0:0p2 \(64 MiB, generation [0-9]+\)$'
	! grep -q '^bootloader: live filesystem' "$SERIAL_LOG"
}

@test "a file written and fsynced in one boot is read back in the next" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: boot 1 on disk\.ahci0$'
	serial_has '^storage-test: this boot.s file is written and fsynced: ok$'
	SERIAL_LOG=$(nth_log 2)
	serial_has '^storage-test: boot 2 on disk\.ahci0$'
	serial_has '^storage-test: the previous boot.s file is read back whole: ok$'
}

@test "uid 1000 cannot open the disk scheme, irq:, memory:physical or grant: (refused, logged)" {
	SERIAL_LOG=$(nth_log 1)
	for what in 'the disk scheme' 'irq:16' 'memory:physical'; do
		serial_has "^storage-test: uid 1000 cannot open $what: ok$"
	done
	serial_has '^storage-test: uid 1000 cannot write grants: ok$'
	serial_has '^ahcid: uid 1000 refused: disk\.ahci0: is for root only$'
	serial_has '^kernel::grant:WARN -- pid [0-9]+ \(init\) refused: irq:16 \(uid 1000, no manifest\)$'
}

@test "a driver whose manifest lacks its BAR cannot map it" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^kernel::grant:WARN -- pid [0-9]+ \(ahcid\) refused: memory [0-9a-f]+\+1000 is not in its manifest$'
	serial_has '^ahcid: 00:1f\.2: cannot map BAR5 at 0x[0-9a-f]+: Operation not permitted$'
	serial_has '^storage-test: ahcid confined to a manifest without BAR5 cannot map it: ok$'
}

@test "a process confined to I/O port 0x80 may use it; port 0x81 faults; no iopl" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: a driver confined to port 0x80 may use it, not 0x81, and gets no iopl: ok$'
	serial_has '^kernel::grant:WARN -- pid [0-9]+ \(init\) refused: iopl 3$'
	serial_has '^kernel::proc:ERROR -- process [0-9]+ \(init\) killed: general protection fault'
}

@test "ahcid killed during a write/read loop: pcid restarts it, redoxfsd retries, no byte lost" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: killed ahcid \(pid [0-9]+\) during the write loop$'
	serial_order '^pcid: ahcid \(00:1f\.2, pid [0-9]+\) killed by signal 9; restarting in 100 ms$' \
		'^pcid: ahcid \(00:1f\.2\) restarted as pid [0-9]+$' \
		'^storage-test: ahcid killed during a write/read loop: every byte right, ahcid back: ok$'
	# redoxfsd retries only a request the outage caught: a kill between two
	# requests leaves it nothing to retry
	if grep -q '^redoxfsd: disk\.ahci0:0p2: I/O failed' "$SERIAL_LOG"; then
		serial_has '^redoxfsd: disk\.ahci0:0p2: I/O resumed after [0-9]+ ms$'
	fi
}

@test "storage-test: every check passes, 10 on the first boot and 11 on the second" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: done: 10 checks ok, 0 failed$'
	grep '^storage-test: sequential' "$SERIAL_LOG" | sed 's/^/# boot 1: /' >&3
	SERIAL_LOG=$(nth_log 2)
	serial_has '^storage-test: done: 11 checks ok, 0 failed$'
	! grep -q 'KERNEL PANIC' "$(nth_log 1)" "$(nth_log 2)"
}

@test "the host's redoxfs-fsck finds the disk's filesystem clean after both boots" {
	run "$ROOT/build/host/redoxfs/redoxfs-fsck" "$DISK" --offset "$(redoxfs_offset "$DISK")"
	echo "$output"
	[ "$status" -eq 0 ]
}
