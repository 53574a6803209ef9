# Shared by every BATS file: where things are, and booting an image once
# per file (in setup_file) so that many @test blocks read one serial log.
#
#   boot_once IMAGE TIMEOUT REGEX...   boot, wait for all REGEXes (or exit)
#   serial_has REGEX                   the log matches (extended regex)
#   serial_line REGEX                  the first matching line
#   serial_order REGEX REGEX...        the patterns appear in this order

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ARCH=${ARCH:-x86_64}
CONFIG_NAME=${CONFIG_NAME:-server}
IMAGE=${IMAGE:-$ROOT/build/$ARCH/$CONFIG_NAME/harddrive.img}
LOGS=${TEST_LOGS:-$ROOT/build/test-logs}

load_helpers() {
	if [ -d /usr/lib/bats/bats-support ]; then
		load /usr/lib/bats/bats-support/load
		load /usr/lib/bats/bats-assert/load
	fi
}

boot_once() {
	local image=$1 timeout=$2
	shift 2
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/$(basename "$BATS_TEST_FILENAME" .bats).serial.log"
	export SERIAL_LOG
	local args=()
	for p in "$@"; do args+=(--until "$p"); done
	"$ROOT/tests/helpers/qemu.sh" boot "$image" "$SERIAL_LOG" --timeout "$timeout" "${args[@]}" || {
		echo "boot did not reach the expected lines; serial log: $SERIAL_LOG" >&2
		tail -n 40 "$SERIAL_LOG" >&2
		return 1
	}
}

serial_has() {
	grep -Eq -- "$1" "$SERIAL_LOG" || {
		echo "serial log ($SERIAL_LOG) has no line matching: $1" >&2
		return 1
	}
}

serial_line() {
	grep -Em1 -- "$1" "$SERIAL_LOG"
}

# Line number of the first match of each pattern must increase.
serial_order() {
	local last=0 n p
	for p in "$@"; do
		n=$(grep -En -- "$p" "$SERIAL_LOG" | head -1 | cut -d: -f1)
		if [ -z "$n" ] || [ "$n" -le "$last" ]; then
			echo "serial log ($SERIAL_LOG): '$p' missing or out of order" >&2
			return 1
		fi
		last=$n
	done
}

# Byte offset of the RedoxFS partition in a disk image (GPT entries at LBA 2).
redoxfs_offset() {
	local img=$1 i type lba
	for i in 0 1 2 3; do
		type=$(od -An -tx1 -j $((1024 + 128 * i)) -N16 "$img" | tr -d ' \n')
		if [ "$type" = 465844520053534f8000524f4f544653 ]; then
			lba=$(od -An -tu8 -j $((1024 + 128 * i + 32)) -N8 "$img" | tr -d ' ')
			echo $((lba * 512))
			return 0
		fi
	done
	return 1
}
