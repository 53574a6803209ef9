#!/usr/bin/env bats
# The ported compressors in the guest (config dev): zstd with 4 worker
# threads, xz with 4 threads, and bzip2 each compress 16 MiB and
# decompress it again; the SHA-256 of the data and of every round trip
# must equal the host's SHA-256 of the same data (seq output, made in the
# guest). zstd's benchmark then measures compression with -T1 and -T4;
# the speed-up goes to the BATS output as a note.

load ../helpers/common

DEV_IMAGE=${DEV_IMAGE:-$ROOT/build/$ARCH/dev/harddrive.img}
DATA="seq 1 3000000 | head -c 16777216"

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/compress.serial.log"
	export SERIAL_LOG
	# each line's marker is printed by the guest, never in the typed text
	local run="cd /tmp; $DATA >d; echo SUM-DATA \$(sha256sum <d); zstd -q -T4 -3 d -o d.zst && zstd -q -d d.zst -o d.z; echo SUM-ZSTD \$(sha256sum <d.z); rm -f d.z; xz -T4 -3 -c d >d.xz && xz -d -c d.xz >d.x; echo SUM-XZ \$(sha256sum <d.x); rm -f d.x; bzip2 -c d >d.bz2 && bzip2 -d -c d.bz2 >d.b; echo SUM-BZIP2 \$(sha256sum <d.b); rm -f d.b; echo SIZES \$(wc -c <d.zst) \$(wc -c <d.xz) \$(wc -c <d.bz2); for t in 1 4; do zstd -q -b3 -i2 -T\$t d 2>&1 | grep -a '^-3 ' | sed \"s/^/BENCH-T\$t /\"; done; echo CMP-DONE-\$((3*3))\r"
	boot_log compress "$DEV_IMAGE" 1800 --until '^CMP-DONE-9' \
		--send 'redox login: ' 'user\r' \
		--send '\$ $' "$run" || return 1
}

sum_of() {
	sed -n "s/^SUM-$1 \([0-9a-f]*\).*/\1/p" "$SERIAL_LOG" | tail -1
}

host_sum() {
	bash -c "$DATA" | sha256sum | cut -d' ' -f1
}

@test "the 16 MiB of test data are the same in the guest as on the host" {
	[ "$(sum_of DATA)" = "$(host_sum)" ]
}

@test "zstd -T4 round trip of 16 MiB" {
	[ "$(sum_of ZSTD)" = "$(host_sum)" ]
}

@test "xz -T4 round trip of 16 MiB" {
	[ "$(sum_of XZ)" = "$(host_sum)" ]
}

@test "bzip2 round trip of 16 MiB" {
	[ "$(sum_of BZIP2)" = "$(host_sum)" ]
	sizes=$(grep -a '^SIZES ' "$SERIAL_LOG" | tail -1 | tr -d '\r')
	echo "# compressed sizes (zstd -3, xz -3, bzip2 -9) of 16777216 bytes: ${sizes#SIZES }" >&3
}

@test "zstd's benchmark with 1 and 4 worker threads (speed-up as a note)" {
	t1=$(grep -a '^BENCH-T1 ' "$SERIAL_LOG" | tail -1 | tr -d '\r')
	t4=$(grep -a '^BENCH-T4 ' "$SERIAL_LOG" | tail -1 | tr -d '\r')
	echo "# $t1" >&3
	echo "# $t4" >&3
	# BENCH-Tn -3 SIZE (RATIO) COMPRESS MB/s DECOMPRESS MB/s NAME
	c1=$(echo "$t1" | awk '$6 == "MB/s" {print $5}')
	c4=$(echo "$t4" | awk '$6 == "MB/s" {print $5}')
	[ -n "$c1" ] && [ -n "$c4" ]
	echo "# zstd -3 compression: -T1 $c1 MB/s, -T4 $c4 MB/s, speed-up $(echo "$c4 $c1" | awk '{printf "%.2f", $1 / $2}')x" >&3
	! grep -aq 'KERNEL PANIC' "$SERIAL_LOG"
}
