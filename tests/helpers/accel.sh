#!/usr/bin/env bash
# The one decision between KVM and TCG, for make qemu, make test, make bench
# and the /dev/kvm pass-through into the toolchain container.
#
#   tests/helpers/accel.sh           print "kvm" or "tcg"; one line on stderr
#                                    saying which and why
#   tests/helpers/accel.sh --cached  print this host boot's probe result
#                                    (kvm, tcg) or nothing; never probes
#
# A writable /dev/kvm proves nothing (a software virtualizer may sit behind
# it and make no progress), so KVM is used only when a tiny guest
# (kvm-probe.asm: long mode, SSE, syscall, then isa-debug-exit) finishes
# under -enable-kvm -cpu host within KVM_PROBE_TIMEOUT seconds. The answer
# is kept for the host's boot (keyed by its boot_id).
#
# Environment: KVM=auto|yes|no (yes: KVM or a clear failure; no: TCG),
# QEMU, ACCEL_QUIET=1 (no stderr line), and for tests KVM_DEVICE,
# KVM_PROBE_DIR, KVM_PROBE_TIMEOUT, KVM_BOOT_ID.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
KVM=${KVM:-auto}
QEMU=${QEMU:-qemu-system-x86_64}
device=${KVM_DEVICE:-/dev/kvm}
dir=${KVM_PROBE_DIR:-$here/../../build/kvm-probe}
probe_timeout=${KVM_PROBE_TIMEOUT:-8}
boot_id=${KVM_BOOT_ID:-$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown)}
cache=$dir/result

say() {
	[ "${ACCEL_QUIET:-0}" = 1 ] || echo "qemu: $*" >&2
}

# "RESULT REASON..." from the cache when it was written during this boot.
cached() {
	local id rest
	[ -f "$cache" ] || return 1
	read -r id rest <"$cache" || return 1
	[ "$id" = "$boot_id" ] || return 1
	echo "$rest"
}

# Run the probe guest; prints "kvm probe passed" or "tcg <why it failed>".
probe() {
	local img=$dir/probe.img src=$here/kvm-probe.asm rc err
	if [ ! -f "$img" ] || [ "$src" -nt "$img" ]; then
		command -v nasm >/dev/null || {
			echo "tcg the KVM probe cannot be built (no nasm)"
			return
		}
		nasm -f bin -o "$img.tmp" "$src" && mv "$img.tmp" "$img"
	fi
	command -v "$QEMU" >/dev/null || {
		echo "tcg the KVM probe cannot run ($QEMU not found)"
		return
	}
	rc=0
	err=$(timeout -k 2 "$probe_timeout" "$QEMU" -enable-kvm -cpu host -machine q35 -m 32 \
		-nodefaults -nic none -display none -no-reboot \
		-drive "file=$img,format=raw,snapshot=on" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 2>&1 </dev/null) || rc=$?
	# the guest writes 0x31: QEMU exits with (0x31 << 1) | 1
	if [ "$rc" = 99 ]; then
		echo "kvm probe passed"
	elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "tcg $device is there, but a test guest made no progress under it in ${probe_timeout} s"
	else
		err=$(printf '%s\n' "$err" | grep -v '^qemu-system-x86_64: warning' | head -n 1)
		echo "tcg $device is there, but a test guest failed under it (QEMU status $rc${err:+: $err})"
	fi
}

usable_device() {
	[ -e "$device" ] && [ -r "$device" ] && [ -w "$device" ]
}

if [ "${1:-}" = --cached ]; then
	r=$(cached) || exit 0
	echo "${r%% *}"
	exit 0
fi

case $KVM in
no)
	say "TCG (kvm=no)"
	echo tcg
	exit 0
	;;
yes | auto) ;;
*)
	echo "accel.sh: kvm=$KVM: expected yes, no or auto" >&2
	exit 2
	;;
esac

if ! usable_device; then
	# inside the container the device is left out once a probe failed
	why="no usable $device"
	r=$(cached) && [ "${r%% *}" = tcg ] && why=${r#* }
	if [ "$KVM" = yes ]; then
		echo "accel.sh: kvm=yes, but $device is missing or not writable by $(id -un)" >&2
		exit 1
	fi
	say "TCG ($why)"
	echo tcg
	exit 0
fi

mkdir -p "$dir"
exec 9>"$dir/lock"
flock 9 2>/dev/null || true # concurrent callers wait for one probe
if ! r=$(cached); then
	r=$(probe)
	echo "$boot_id $r" >"$cache.tmp" && mv "$cache.tmp" "$cache"
fi
result=${r%% *}
why=${r#* }
if [ "$result" = kvm ]; then
	say "KVM (${why})"
	echo kvm
elif [ "$KVM" = yes ]; then
	echo "accel.sh: kvm=yes, but KVM does not run guests here: $why (remove $cache to probe again)" >&2
	exit 1
else
	say "TCG ($why)"
	echo tcg
fi
