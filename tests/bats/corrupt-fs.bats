#!/usr/bin/env bats
# A damaged root filesystem is refused at mount with one clear line and
# the boot stops there (init's `critical redoxfsd`). The default image is
# copied and the newest commit's space-map node zeroed: the bootloader
# never reads it (kernel and initfs still load), redoxfsd's check at mount
# finds it.

load ../helpers/common

setup_file() {
	mkdir -p "$LOGS"
	BAD="$LOGS/corrupt-fs.disk.img"
	cp "$IMAGE" "$BAD"
	local offset slot gen best=0 best_slot=0 space
	offset=$(redoxfs_offset "$BAD")
	for slot in 0 1 2 3; do
		gen=$(od -An -tu8 -j $((offset + slot * 4096 + 16)) -N8 "$BAD" | tr -d ' ')
		if [ "$gen" -gt "$best" ]; then best=$gen best_slot=$slot; fi
	done
	space=$(od -An -tu8 -j $((offset + best_slot * 4096 + 0x40)) -N8 "$BAD" | tr -d ' ')
	dd if=/dev/zero of="$BAD" bs=4096 seek=$((offset / 4096 + space)) count=1 conv=notrunc \
		status=none
	boot_once "$BAD" 120 '^init: redoxfsd failed'
}

@test "redoxfsd refuses the damaged filesystem in one line naming where and what" {
	serial_has '^redoxfsd: disk\.ahci0:0p[0-9]+: corrupt filesystem: .+; not mounted$'
	[ "$(grep -c '^redoxfsd: ' "$SERIAL_LOG")" -eq 1 ]
}

@test "init says why and runs nothing more" {
	serial_order '^redoxfsd: disk\.ahci0' '^init: redoxfsd: exit status 1$' \
		'^init: redoxfsd failed and the system cannot go on without it: stopping here'
	! grep -q '^init: running file:/etc/init.d' "$SERIAL_LOG"
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
