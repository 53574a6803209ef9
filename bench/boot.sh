#!/usr/bin/env bash
# Boot-time benchmark: boots IMAGE with the seed's device set (TCG unless
# KVM is usable) and reports when each milestone line appears on the serial
# console, counted from QEMU's start.
#
#   bench/boot.sh IMAGE FINAL-REGEX [NAME=REGEX ...]
#
# Prints one "bench: boot: NAME: S.SS s" line per milestone, in order.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=$1
final=$2
shift 2
log=$(mktemp /tmp/bench-boot.XXXXXX)
trap 'rm -f "$log" "$log".*' EXIT

start=$(date +%s%N)
"$here/../tests/helpers/qemu.sh" boot "$image" "$log" --timeout 300 --until "$final" &
qemu=$!

names=()
regexes=()
for m in "$@"; do
	names+=("${m%%=*}")
	regexes+=("${m#*=}")
done
declare -A seen
while kill -0 "$qemu" 2>/dev/null; do
	now=$(date +%s%N)
	for i in "${!names[@]}"; do
		[ -n "${seen[$i]:-}" ] && continue
		if grep -aEq -- "${regexes[$i]}" "$log" 2>/dev/null; then
			seen[$i]=$(((now - start) / 1000000))
		fi
	done
	sleep 0.02
done
wait "$qemu" || true
for i in "${!names[@]}"; do
	if [ -n "${seen[$i]:-}" ]; then
		printf 'bench: boot: %s: %d.%02d s\n' "${names[$i]}" $((seen[$i] / 1000)) \
			$((seen[$i] % 1000 / 10))
	else
		printf 'bench: boot: %s: not seen\n' "${names[$i]}"
	fi
done
