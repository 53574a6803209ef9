#!/usr/bin/env bash
# Boot-time benchmark: boots IMAGE with the seed's device set (through
# tests/helpers/qemu.sh, the one place the QEMU line is made; TCG unless KVM
# is usable) and reports when each milestone line first appears on the
# serial console, counted from QEMU's start, as the host sees the lines
# arrive (polled every 20 ms).
#
#   bench/boot.sh [options] IMAGE [NAME=REGEX ...]
#       --until REGEX     stop once the log matches (repeatable: all must)
#       --timeout S       give up after S seconds (default 300)
#       --log FILE        keep the serial log there, and FILE.times: each
#                         chunk of output with its arrival time in ms
#
# QEMU_MEM, QEMU_KERNEL, QEMU_INITRD, QEMU_APPEND pass through to qemu.sh.
# Prints one "bench: boot: NAME: S.SS s" (or "NAME: not seen") line per
# milestone, in order, then "bench: boot: end: reached|timeout|failed".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
until=()
timeout=300
keep=
while [ $# -gt 0 ]; do
	case "$1" in
	--until) until+=(--until "$2"); shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--log) keep=$2; shift 2 ;;
	*) break ;;
	esac
done
image=${1:?usage: boot.sh [options] IMAGE [NAME=REGEX ...]}
shift
if [ -n "$keep" ]; then
	log=$keep
	mkdir -p "$(dirname "$log")"
else
	log=$(mktemp /tmp/bench-boot.XXXXXX)
	trap 'rm -f "$log" "$log".*' EXIT
fi
: >"$log" # no line of an earlier boot may count
: >"$log.times"

start=$(date +%s%N)
"$here/../tests/helpers/qemu.sh" boot "$image" "$log" --timeout "$timeout" "${until[@]}" \
	2>"$log.err" &
qemu=$!

names=()
regexes=()
for m in "$@"; do
	names+=("${m%%=*}")
	regexes+=("${m#*=}")
done
declare -A seen
offset=0
poll() {
	local now size
	now=$((($(date +%s%N) - start) / 1000000))
	size=$(stat -c %s "$log" 2>/dev/null || echo 0)
	[ "$size" -gt "$offset" ] || return 0
	# head first: tail then reads all it is given (the other way round, a
	# log grown since stat made head stop early and tail die of SIGPIPE)
	head -c "$size" "$log" | tail -c +"$((offset + 1))" |
		sed "s/^/$now	/" >>"$log.times"
	echo >>"$log.times"
	offset=$size
	match "$now"
}
match() {
	for i in "${!names[@]}"; do
		[ -n "${seen[$i]:-}" ] && continue
		if grep -aEq -- "${regexes[$i]}" "$log" 2>/dev/null; then
			seen[$i]=$1
		fi
	done
}
while kill -0 "$qemu" 2>/dev/null; do
	poll
	sleep 0.02
done
# a line qemu.sh saw before the last poll: stamped now (an upper bound)
match $((($(date +%s%N) - start) / 1000000))
status=0
wait "$qemu" || status=$?
case $status in
0) end=reached ;;
124) end=timeout ;;
*) end=failed ;;
esac
for i in "${!names[@]}"; do
	if [ -n "${seen[$i]:-}" ]; then
		printf 'bench: boot: %s: %d.%02d s\n' "${names[$i]}" $((seen[$i] / 1000)) \
			$((seen[$i] % 1000 / 10))
	else
		printf 'bench: boot: %s: not seen\n' "${names[$i]}"
	fi
done
echo "bench: boot: end: $end"
