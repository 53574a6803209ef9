# Shared by every BATS file: where things are, and booting an image once
# per file (in setup_file) so that many @test blocks read one serial log.
#
#   boot_log NAME IMAGE TIMEOUT [ARG...]
#                                      boot IMAGE with qemu.sh's ARGs (--until,
#                                      --send), logging to $LOGS/NAME.serial.log
#                                      (its path in BOOT_LOG); on failure, says
#                                      so with the log's tail. QEMU_EXTRA, DISK,
#                                      UEFI, QEMU_NET, QEMU_MEM pass through.
#   boot_once [-n NAME] IMAGE TIMEOUT REGEX...
#                                      boot_log waiting for all REGEXes; the log
#                                      (NAME defaults to the BATS file's name)
#                                      becomes SERIAL_LOG for the helpers below
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

boot_log() {
	local name=$1 image=$2 timeout=$3
	shift 3
	mkdir -p "$LOGS"
	BOOT_LOG="$LOGS/$name.serial.log"
	"$ROOT/tests/helpers/qemu.sh" boot "$image" "$BOOT_LOG" --timeout "$timeout" "$@" || {
		echo "boot $name ($(basename "$image")) did not reach its end; serial log: $BOOT_LOG" >&2
		tail -n 40 "$BOOT_LOG" >&2
		return 1
	}
}

boot_once() {
	local name
	name=$(basename "$BATS_TEST_FILENAME" .bats)
	if [ "$1" = -n ]; then
		name=$2
		shift 2
	fi
	local image=$1 timeout=$2 args=() p
	shift 2
	for p in "$@"; do args+=(--until "$p"); done
	local rc=0
	boot_log "$name" "$image" "$timeout" "${args[@]}" || rc=$?
	SERIAL_LOG=$BOOT_LOG
	export SERIAL_LOG
	return $rc
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
