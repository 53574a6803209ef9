#!/usr/bin/env bats
# Storage on NVMe (make qemu disk=nvme): the storage-test image on an NVMe
# drive, booted twice. pcid starts nvmed beside ahcid (q35 always has the
# AHCI controller); redoxfsd mounts the root filesystem from disk.nvme0:.
# storage-test makes 9 checks on a first boot and 10 on later ones here
# (the BAR manifest check is AHCI's).

load ../helpers/common

ST_IMAGE=$ROOT/build/$ARCH/tests/storage-test.img

setup_file() {
	mkdir -p "$LOGS"
	DISK_IMG="$LOGS/storage-nvme.disk.img"
	cp "$ST_IMAGE" "$DISK_IMG"
	for boot in 1 2; do
		DISK=nvme boot_log storage-nvme.boot$boot "$DISK_IMG" 240 || return 1
	done
	export DISK_IMG
}

nth_log() {
	echo "$LOGS/storage-nvme.boot$1.serial.log"
}

@test "pcid starts nvmed for the NVMe controller; it serves disk.nvme0:" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^pcid: 00:[0-9a-f]{2}\.0 1b36:0010 class 01\.08\.02 irq [0-9]+ -> nvmed$'
	serial_has '^nvmed: 00:[0-9a-f]{2}\.0: namespace 1, [0-9]+ MiB, 512-byte blocks, 32 commands in flight$'
	serial_has '^nvmed: serving disk\.nvme0: \(1 disk\)$'
	serial_has '^redoxfsd: file: served from disk\.nvme0:0p2 \(64 MiB, generation [0-9]+\)$'
}

@test "NVMe: a file written and fsynced in one boot is read back in the next" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: boot 1 on disk\.nvme0$'
	SERIAL_LOG=$(nth_log 2)
	serial_has '^storage-test: boot 2 on disk\.nvme0$'
	serial_has '^storage-test: the previous boot.s file is read back whole: ok$'
}

@test "NVMe: nvmed killed during a write/read loop is restarted; no byte lost" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: killed nvmed \(pid [0-9]+\) during the write loop$'
	serial_order '^pcid: nvmed \(00:[0-9a-f]{2}\.0, pid [0-9]+\) killed by signal 9; restarting in 100 ms$' \
		'^pcid: nvmed \(00:[0-9a-f]{2}\.0\) restarted as pid [0-9]+$' \
		'^storage-test: nvmed killed during a write/read loop: every byte right, nvmed back: ok$'
}

@test "NVMe: every check passes (9, then 10); the host's fsck finds the filesystem clean" {
	SERIAL_LOG=$(nth_log 1)
	serial_has '^storage-test: done: 9 checks ok, 0 failed$'
	grep '^storage-test: sequential' "$SERIAL_LOG" | sed 's/^/# nvme boot 1: /' >&3
	SERIAL_LOG=$(nth_log 2)
	serial_has '^storage-test: done: 10 checks ok, 0 failed$'
	run "$ROOT/build/host/redoxfs/redoxfs-fsck" "$DISK_IMG" --offset "$(redoxfs_offset "$DISK_IMG")"
	echo "$output"
	[ "$status" -eq 0 ]
}
