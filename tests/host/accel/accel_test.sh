#!/usr/bin/env bash
# The KVM-or-TCG decision (tests/helpers/accel.sh) against fake QEMUs: one
# whose guest finishes (exit 99, as the probe guest makes QEMU exit), one
# that hangs, one that fails at once; kvm=yes/no/auto; the cache per host
# boot; and qemu.sh passing -enable-kvm only when the decision says kvm.
#
#   tests/host/accel/accel_test.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
helpers=$here/../../helpers
work=$(mktemp -d /tmp/accel-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
CHECK_OUT=$work/out
# shellcheck source=tests/host/check.bash
source "$here/../check.bash"

# fake QEMUs: each notes its arguments in $work/calls
fake() { # fake NAME BODY
	printf '#!/bin/sh\necho "$*" >>"%s/calls"\n%s\n' "$work" "$2" >"$work/$1"
	chmod +x "$work/$1"
}
fake qemu-ok 'exit 99'
fake qemu-hang 'exec sleep 60'
fake qemu-fail 'echo "qemu-system-x86_64: error: failed to set MSR 0x10a" >&2; exit 134'
: >"$work/kvm" # a usable device, as far as the decision can see

accel() { # accel QEMU KVM [BOOT-ID]: the decision's stdout; stderr in out
	QEMU=$work/$1 KVM=$2 KVM_DEVICE=$work/kvm KVM_PROBE_DIR=$work/probe \
		KVM_PROBE_TIMEOUT=2 KVM_BOOT_ID=${3:-boot-1} "$helpers/accel.sh" 2>"$CHECK_OUT"
}
calls() { [ -f "$work/calls" ] && wc -l <"$work/calls" || echo 0; }
reset() { rm -rf "$work/probe" "$work/calls"; }
said() { grep -qF -- "$1" "$CHECK_OUT"; }

check "a guest that finishes under KVM: kvm" test "$(accel qemu-ok auto)" = kvm
check "the probe asked for KVM" grep -q -- '-enable-kvm -cpu host' "$work/calls"
check "and it says so in one line" test "$(cat "$CHECK_OUT")" = "qemu: KVM (probe passed)"

reset
start=$SECONDS
check "a guest that hangs under KVM: tcg" test "$(accel qemu-hang auto)" = tcg
check "within the probe's timeout" test $((SECONDS - start)) -le 6
check "saying why" said "made no progress under it in 2 s"

reset
check "a QEMU that fails under KVM: tcg" test "$(accel qemu-fail auto)" = tcg
check "with QEMU's own error" said "QEMU status 134: qemu-system-x86_64: error: failed to set MSR"

reset
check "kvm=no: tcg" test "$(accel qemu-ok no)" = tcg
check "without probing" test "$(calls)" = 0
check "and says kvm=no" said "TCG (kvm=no)"

refute "kvm=yes where the probe hangs fails" accel qemu-hang yes
check "with one clear line" said "kvm=yes, but KVM does not run guests here"
check "kvm=yes where the probe passes: kvm" test "$(reset; accel qemu-ok yes)" = kvm
refute "kvm=maybe is refused" accel qemu-ok maybe

reset
check "no device: tcg" test "$(KVM_DEVICE=$work/none QEMU=$work/qemu-ok KVM=auto \
	KVM_PROBE_DIR=$work/probe "$helpers/accel.sh" 2>"$CHECK_OUT")" = tcg
check "without probing" test "$(calls)" = 0
refute "kvm=yes without a device fails" env KVM_DEVICE=$work/none QEMU=$work/qemu-ok KVM=yes \
	KVM_PROBE_DIR=$work/probe "$helpers/accel.sh" 2>"$CHECK_OUT"
check "saying what is wrong with the device" said "is missing or not writable"

reset
accel qemu-hang auto >/dev/null
check "the answer is kept for the host's boot" test "$(accel qemu-ok auto)" = tcg
check "probing once" test "$(calls)" = 1
check "--cached tells it" test "$(KVM_PROBE_DIR=$work/probe KVM_BOOT_ID=boot-1 \
	"$helpers/accel.sh" --cached)" = tcg
check "another boot probes again" test "$(accel qemu-ok auto boot-2)" = kvm
check "--cached knows nothing of a boot not probed" test -z "$(KVM_PROBE_DIR=$work/probe \
	KVM_BOOT_ID=boot-3 "$helpers/accel.sh" --cached)"

# qemu.sh takes the same decision: -enable-kvm only when it says kvm.
qemu_args() { # qemu_args QEMU: the arguments qemu.sh gave the (fake) QEMU
	reset
	: >"$work/disk.img"
	QEMU=$work/$1 KVM=auto KVM_DEVICE=$work/kvm KVM_PROBE_DIR=$work/probe KVM_PROBE_TIMEOUT=2 \
		KVM_BOOT_ID=boot-1 "$helpers/qemu.sh" boot "$work/disk.img" "$work/serial.log" \
		--timeout 5 >/dev/null 2>&1 || true
	tail -n 1 "$work/calls"
}
check "qemu.sh boots with KVM where the probe passes" \
	grep -q -- '-enable-kvm -cpu host.*disk.img' <(qemu_args qemu-ok)
refute "qemu.sh boots without KVM where the probe fails" \
	grep -q -- '-enable-kvm' <(qemu_args qemu-fail)

check_done "accel" 26
