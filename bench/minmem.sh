#!/usr/bin/env bash
# The smallest QEMU -m (MiB) with which IMAGE still boots to the end: a
# bisection between LOW (a try that is assumed to fail) and HIGH (assumed to
# boot) down to STEP MiB, each try a boot through tests/helpers/qemu.sh
# that must reach every --until line within --timeout seconds; a try whose
# log matches --fail (a panic, an out-of-memory line) ends at once.
#
#   bench/minmem.sh [--low MiB] [--high MiB] [--step MiB] [--fail REGEX]
#                   --timeout S --until REGEX... IMAGE
#
# QEMU_KERNEL, QEMU_INITRD, QEMU_APPEND pass through. Prints one line per
# try on stderr and the answer (MiB) on stdout; fails if HIGH does not boot.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
low=16
high=2048
step=8
timeout=120
fail='^$.' # matches nothing
until=()
while [ $# -gt 1 ]; do
	case "$1" in
	--low) low=$2; shift 2 ;;
	--high) high=$2; shift 2 ;;
	--step) step=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--until) until+=(--until "$2"); shift 2 ;;
	--fail) fail=$2; shift 2 ;;
	*) echo "minmem.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
image=${1:?usage: minmem.sh [options] IMAGE}
log=$(mktemp /tmp/bench-minmem.XXXXXX)
trap 'rm -f "$log" "$log".*' EXIT

boots() { # MiB -> status of a boot with that much memory
	local rc=0 why pid
	: >"$log" # not the last try's lines
	QEMU_MEM=$1 "$here/../tests/helpers/qemu.sh" boot "$image" "$log" --timeout "$timeout" \
		"${until[@]}" 2>/dev/null &
	pid=$!
	why="QEMU or the guest stopped"
	while kill -0 "$pid" 2>/dev/null; do
		if grep -aEq -- "$fail" "$log" 2>/dev/null; then
			why=$(grep -aEm1 -- "$fail" "$log" | tr -d '\r')
			kill "$pid" 2>/dev/null || true
			break
		fi
		sleep 0.2
	done
	wait "$pid" || rc=$?
	if [ "$rc" = 0 ]; then
		echo "bench: minmem: -m $1: boots" >&2
	else
		[ "$rc" = 124 ] && why="not done in ${timeout} s"
		echo "bench: minmem: -m $1: does not ($why)" >&2
	fi
	return "$rc"
}

# Most systems need far less than HIGH: try a quarter first, then bisect.
quarter=$((high / 4 / step * step))
if [ "$quarter" -gt "$low" ] && boots "$quarter"; then
	high=$quarter
elif ! boots "$high"; then
	echo "minmem.sh: $image does not boot even with -m $high" >&2
	exit 1
else
	low=$quarter
fi
while [ $((high - low)) -gt "$step" ]; do
	mid=$(((low + high) / 2 / step * step))
	[ "$mid" -le "$low" ] && mid=$((low + step))
	if boots "$mid"; then high=$mid; else low=$mid; fi
done
echo "$high"
