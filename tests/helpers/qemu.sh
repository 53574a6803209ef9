#!/usr/bin/env bash
# The one place the QEMU command line is made: the seed's device set
# (q35, -smp 4, -m 2048, ich9-intel-hda + hda-duplex, e1000 on -netdev user,
# nec-usb-xhci, the disk as a raw drive) plus isa-debug-exit for test images.
# Always run inside a loopback-only network namespace (isolated.sh).
#
#   qemu.sh run IMAGE                  interactive: serial + monitor on stdio
#   qemu.sh boot IMAGE LOG [options]   headless: serial to LOG, then wait
#       --timeout SECONDS   give up after this long (default 120); exit 124
#       --until REGEX       stop once the log matches (repeatable: all must)
#       --send REGEX TEXT   once the log matches REGEX, type TEXT on the serial
#                           console (printf %b escapes: \r, \x7f; repeatable:
#                           in order, each REGEX looked for only in what was
#                           printed after the previous send)
#   qemu.sh live ISO                   interactive boot of a live ISO
#   (boot takes an ISO too: a file named *.iso is attached as the CD)
#
# Environment knobs (make passes them): KVM=auto|yes|no (the decision is
# accel.sh's), GPU=yes|no, GDB=yes, DISK=ata|nvme, UEFI=yes|no, QEMU_SMP,
# QEMU_MEM, QEMU_EXTRA (more arguments), QEMU_NET (more options of the
# user network: hostfwd=..., net=..., dhcpstart=...), QEMU_NETDEV (the
# whole -netdev option instead of the user network, with id=net0: the
# lossy link's dgram socket, tests/helpers/lossy-link.sh), and QEMU_KERNEL, QEMU_INITRD,
# QEMU_APPEND to boot a kernel directly (make bench's Linux reference; IMAGE
# is then only the disk).
# `boot` exits 0 when the patterns were all seen or the guest ended QEMU
# through isa-debug-exit with success (code 0 -> QEMU status 1); the
# guest's isa-debug-exit code is written to LOG.exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
QEMU=${QEMU:-qemu-system-x86_64}
GPU=${GPU:-no}
DISK=${DISK:-ata}
SMP=${QEMU_SMP:-4}
MEM=${QEMU_MEM:-2048}

mode=${1:-}
image=${2:-}
if [ -z "$mode" ] || [ -z "$image" ]; then
	sed -n '2,20p' "$0" >&2
	exit 2
fi
if [ ! -f "$image" ]; then
	echo "qemu.sh: $image: no such image (build it with make all)" >&2
	exit 1
fi

args=(-machine q35 -smp "$SMP" -m "$MEM"
	-device ich9-intel-hda -device hda-duplex
	-netdev "${QEMU_NETDEV:-user,id=net0${QEMU_NET:+,$QEMU_NET}}" -device e1000,netdev=net0
	-device nec-usb-xhci,id=xhci
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
# KVM only where a probe guest really runs (accel.sh); a boot for a test
# stays quiet about it (make test and make bench say it once).
[ "$mode" = boot ] && export ACCEL_QUIET=1
accel=$("$here/accel.sh") || exit 1
[ "$accel" = kvm ] && args+=(-enable-kvm -cpu host)
[ "$GPU" = yes ] || args+=(-display none -vga none)
[ "${GDB:-no}" = yes ] && args+=(-s -S)
# UEFI=yes: OVMF instead of SeaBIOS; its variable store is a throwaway copy
if [ "${UEFI:-no}" = yes ]; then
	ovmf=${OVMF_DIR:-/usr/share/OVMF}
	args+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=$ovmf/OVMF_CODE_4M.fd"
		-drive "if=pflash,format=raw,unit=1,snapshot=on,file=$ovmf/OVMF_VARS_4M.fd")
fi
case "$mode" in
live) args+=(-cdrom "$image" -boot d) ;;
*)
	if [[ $image == *.iso ]]; then
		args+=(-cdrom "$image" -boot d)
	elif [ "$DISK" = nvme ]; then
		args+=(-drive "file=$image,format=raw,if=none,id=drv0" -device nvme,drive=drv0,serial=redox)
	else
		args+=(-drive "file=$image,format=raw")
	fi
	;;
esac
if [ -n "${QEMU_KERNEL:-}" ]; then
	args+=(-kernel "$QEMU_KERNEL")
	[ -n "${QEMU_INITRD:-}" ] && args+=(-initrd "$QEMU_INITRD")
	[ -n "${QEMU_APPEND:-}" ] && args+=(-append "$QEMU_APPEND")
fi
# shellcheck disable=SC2206
args+=(${QEMU_EXTRA:-})

# Interactive: QEMU in the background (stdin kept: `<&0`) so that a signal
# to this script stops it too; QEMU's stderr is kept to explain a failure.
run_interactive() {
	local err rc=0
	err=$(mktemp /tmp/qemu-stderr.XXXXXX)
	trap 'kill "$qemu_pid" 2>/dev/null; wait "$qemu_pid" 2>/dev/null; rm -f "$err"; exit 143' TERM HUP
	trap 'kill "$qemu_pid" 2>/dev/null; wait "$qemu_pid" 2>/dev/null; rm -f "$err"; exit 130' INT
	"$here/isolated.sh" "$QEMU" -d cpu_reset,guest_errors \
		-chardev stdio,id=debug,signal=off,mux=on -serial chardev:debug -mon chardev=debug \
		"${args[@]}" <&0 2> >(tee "$err" >&2) &
	qemu_pid=$!
	wait "$qemu_pid" || rc=$?
	sleep 0.1 # let tee finish
	if grep -q 'Failed to get "write" lock' "$err"; then
		echo "qemu.sh: $image is in use by another QEMU (still running, or left by an interrupted run: 'make container_clean' removes those)" >&2
	fi
	rm -f "$err"
	return "$rc"
}

case "$mode" in
run | live)
	run_interactive
	exit
	;;
boot) ;;
*)
	echo "qemu.sh: unknown mode $mode" >&2
	exit 2
	;;
esac

log=${3:?qemu.sh boot IMAGE LOG}
shift 3
timeout=120
patterns=()
send_when=()
send_text=()
while [ $# -gt 0 ]; do
	case "$1" in
	--timeout) timeout=$2; shift 2 ;;
	--until) patterns+=("$2"); shift 2 ;;
	--send) send_when+=("$2"); send_text+=("$3"); shift 3 ;;
	*) echo "qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

: >"$log"
rm -f "$log.exit"
start=$(date +%s.%N)
serial=("file,id=debug,path=$log")
if [ ${#send_when[@]} -gt 0 ]; then
	# a pipe pair: QEMU reads $fifo.in and writes $fifo.out
	fifo="$log.pipe"
	rm -f "$fifo.in" "$fifo.out"
	mkfifo "$fifo.in" "$fifo.out"
	exec 3<>"$fifo.in"
	cat <"$fifo.out" >"$log" &
	serial=("pipe,id=debug,path=$fifo")
fi
# The monitor listens on a socket only so that a timeout can say where
# every CPU was (qemu-stuck.py); nothing else talks to it.
monitor=$(mktemp -u /tmp/qemu-monitor.XXXXXX)
"$here/isolated.sh" "$QEMU" -d guest_errors -D "$log.qemu" \
	-chardev "${serial[@]}" -serial chardev:debug -monitor "unix:$monitor,server,nowait" \
	"${args[@]}" </dev/null >"$log.stdout" 2>&1 &
qemu_pid=$!
# Interrupted (a test's timeout, Ctrl-C): QEMU goes too.
trap 'kill "$qemu_pid" 2>/dev/null || true' EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT
next_send=0
send_from=0

all_seen() {
	local p
	for p in "${patterns[@]}"; do
		grep -Eq -- "$p" "$log" || return 1
	done
	return 0
}

status=124
deadline=$(($(date +%s) + timeout))
while [ "$(date +%s)" -lt "$deadline" ]; do
	if ! kill -0 "$qemu_pid" 2>/dev/null; then
		set +e
		wait "$qemu_pid"
		code=$?
		set -e
		# isa-debug-exit: QEMU exits with (value << 1) | 1
		if [ $((code & 1)) = 1 ] && [ "$code" -gt 1 ] || [ "$code" = 1 ]; then
			echo $((code >> 1)) >"$log.exit"
		fi
		if [ ${#patterns[@]} -gt 0 ] && ! all_seen; then
			status=1
		else
			status=0
		fi
		qemu_pid=
		break
	fi
	# one send at a time, in order; each REGEX is looked for only in what
	# the console printed after the previous send
	if [ "$next_send" -lt "${#send_when[@]}" ] &&
		tail -c +$((send_from + 1)) "$log" | grep -Eq -- "${send_when[$next_send]}"; then
		send_from=$(stat -c %s "$log")
		printf '%b' "${send_text[$next_send]}" >&3
		next_send=$((next_send + 1))
	fi
	if [ ${#patterns[@]} -gt 0 ] && all_seen; then
		status=0
		# a test image ends QEMU itself right after its last line: give it a
		# moment so its isa-debug-exit code is recorded
		for _ in $(seq 30); do
			kill -0 "$qemu_pid" 2>/dev/null || break
			sleep 0.1
		done
		if ! kill -0 "$qemu_pid" 2>/dev/null; then
			set +e
			wait "$qemu_pid"
			code=$?
			set -e
			[ $((code & 1)) = 1 ] && echo $((code >> 1)) >"$log.exit"
			qemu_pid=
		fi
		break
	fi
	sleep 0.2
done
if [ -n "$qemu_pid" ]; then
	# A hung guest: each CPU's RIP (kernel symbol), halted or not, to
	# stderr; the full register samples go to LOG.stuck.
	if [ "$status" = 124 ] && [ -S "$monitor" ] && command -v python3 >/dev/null; then
		# a test image keeps the kernel it was made with beside it
		elf=("${image%.img}/root/boot/kernel")
		[ -f "${elf[0]}" ] || elf=("$here/../../build/x86_64/kernel/kernel")
		[ -f "${elf[0]}" ] || elf=()
		timeout 30 python3 "$here/qemu-stuck.py" "$monitor" "$log.stuck" "${elf[@]}" >&2 || true
	fi
	kill "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
fi
rm -f "$monitor"
if [ -n "${fifo:-}" ]; then
	exec 3>&-
	sleep 0.2
	rm -f "$fifo.in" "$fifo.out"
fi
# The guest ends lines with CR LF (a serial terminal's habit); tests want LF.
sed -i 's/\r$//' "$log"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }' >"$log.seconds"
[ "$status" = 124 ] && echo "qemu.sh: timeout after ${timeout}s; serial log: $log" >&2
exit "$status"
