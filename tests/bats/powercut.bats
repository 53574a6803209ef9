#!/usr/bin/env bats
# Power cuts (tests/helpers/powercut.sh): QEMU killed at 20 random moments
# while the powercut-test image appends fsynced records; after each cut the
# host's redoxfs-fsck finds no error and every fsynced record is on disk.
# The 1000-cut stress run: `make powercut CUTS=1000`.

load ../helpers/common

@test "20 power cuts during a write+fsync loop: fsck clean, no fsynced record lost" {
	run "$ROOT/tests/helpers/powercut.sh" 20
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -cE 'fsck clean; all [0-9]+ fsynced records present( \(on a fresh copy of the image\))?$')" -eq 20 ]
	echo "$output" | tail -1 | grep -qx 'powercut: 20 cuts, fsck clean after each, no fsynced record lost'
}
