#!/usr/bin/env bash
# make bench: our system against a Linux reference in the same QEMU, with
# the same devices (tests/helpers/qemu.sh) and accelerator
# (tests/helpers/accel.sh), side by side in one run. Prints a table (our
# figure, Linux's, the ratio; median and spread of the runs) and writes it
# with the date, QEMU version, accelerator and host CPU to docs/PERFORMANCE.md.
#
#   bench/run.sh [--quick] [--out FILE]
#       --quick    one boot each, no build timing, no -m bisection (the BATS
#                  test: does it run, does its output parse)
#       --out      where the table goes (default docs/PERFORMANCE.md)
#
# Environment (mk/bench.mk sets it): BUILD (the server config's build
# folder), MICROBENCH_IMG, BENCH_RUNS (boots per system, default 3),
# BENCH_MANYFILES_TIMEOUT (seconds for the 100 000 files; default: what
# 15 minutes leave), BENCH_LINUX_MINMEM=1 (also bisect Linux's smallest -m: about 7 more
# minutes here, a Linux short of memory often hangs instead of panicking).
# Besides the table, each figure is one machine-readable line:
#   bench: row: KEY: ours=VALUE linux=VALUE ratio=R
# where VALUE is a median in the row's unit or a quoted note.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=bench/rows.sh
source bench/rows.sh

quick=0
out=docs/PERFORMANCE.md
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=1; shift ;;
	--out) out=$2; shift 2 ;;
	*) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
BUILD=${BUILD:-build/x86_64/server}
image=$BUILD/harddrive.img
micro_img=${MICROBENCH_IMG:-build/x86_64/tests/microbench.img}
runs=${BENCH_RUNS:-3}
[ "$quick" = 1 ] && runs=1
mem=${QEMU_MEM:-2048}
work=build/bench/run
ref=build/bench/linux-ref
mkdir -p "$work"
for f in "$image" "$micro_img"; do
	[ -f "$f" ] || { echo "bench/run.sh: $f missing (make bench builds it)" >&2; exit 1; }
done

t_start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
accel_line=$(tests/helpers/accel.sh 2>&1 >/dev/null | sed 's/^qemu: //')
echo "bench: accelerator: $accel_line"

# ---- the Linux reference (assembled from Debian's packages) ----
linux=1
linux_why=
debs=build/source-cache/linux-ref
if ! compgen -G "$debs/linux-image-*.deb" >/dev/null || ! compgen -G "$debs/busybox-static_*.deb" >/dev/null ||
	! compgen -G "$debs/musl-dev_*.deb" >/dev/null; then
	linux=0
	linux_why="no Linux reference: run bench/linux-ref/fetch.sh on the host"
elif [ ! -f "$ref/initrd.gz" ] || [ -n "$(find bench/linux-ref/assemble.sh bench/microbench.c \
	tests/guest/guest.h "$debs" -newer "$ref/initrd.gz" 2>/dev/null | head -1)" ]; then
	bench/linux-ref/assemble.sh "$ref" || { linux=0; linux_why="the Linux reference did not assemble"; }
fi
[ "$linux" = 1 ] && echo "bench: linux reference: $(tr '\n' ' ' <"$ref/versions")"
linux_append="console=ttyS0,115200 earlyprintk=serial,ttyS0,115200"
linux_boot() { # extra kernel parameters, then boot.sh's arguments
	local extra=$1
	shift
	QEMU_KERNEL=$ref/vmlinuz QEMU_INITRD=$ref/initrd.gz QEMU_APPEND="$linux_append $extra" \
		bench/boot.sh "$@"
}

# ---- what our image has ----
declare -A have
for f in login dhcp tcp disk desktop; do
	have[$f]=0
	bench/features.sh "$BUILD" "$f" && have[$f]=1
done
our_until=(--until "$OUR_BOOT_END")
[ "${have[login]}" = 1 ] && our_until+=(--until "${OUR_MILESTONES[boot-login]}")
[ "${have[dhcp]}" = 1 ] && our_until+=(--until "${OUR_MILESTONES[boot-dhcp]}")

# ---- boot timelines, ours and Linux's in turn ----
# boot.sh's lines into samples: record SIDE FILE
record_boot() {
	local side=$1 file=$2 key value
	while read -r key value; do
		[ "$value" = "not seen" ] && continue
		add_sample "$side" "$key" "${value% s}"
	done < <(sed -n 's/^bench: boot: \(boot-[a-z]*\): \(.*\)$/\1 \2/p' "$file")
	grep -q '^bench: boot: end: reached' "$file" || note_once "$side" boot "$(grep '^bench: boot: end:' "$file")"
}
milestone_args() { # SIDE -> NAME=REGEX arguments
	local -n m=$1
	local k
	for k in "${BOOT_KEYS[@]}"; do printf '%s\n' "$k=${m[$k]}"; done
}
mapfile -t our_ms < <(milestone_args OUR_MILESTONES)
mapfile -t linux_ms < <(milestone_args LINUX_MILESTONES)
for i in $(seq "$runs"); do
	echo "bench: boot $i/$runs: ours"
	bench/boot.sh --log "$work/ours-boot-$i.log" --timeout 240 "${our_until[@]}" "$image" \
		"${our_ms[@]}" >"$work/ours-boot-$i.out"
	cat "$work/ours-boot-$i.out"
	record_boot ours "$work/ours-boot-$i.out"
	if [ "$linux" = 1 ]; then
		echo "bench: boot $i/$runs: linux"
		linux_boot "" --log "$work/linux-boot-$i.log" --timeout 240 \
			--until "${LINUX_MILESTONES[boot-login]}" --until "${LINUX_MILESTONES[boot-dhcp]}" \
			"$ref/disk.img" "${linux_ms[@]}" >"$work/linux-boot-$i.out"
		cat "$work/linux-boot-$i.out"
		record_boot linux "$work/linux-boot-$i.out"
	fi
done

# ---- in-guest micro-benchmarks: one source, both systems ----
record_micro() { # SIDE LOG
	local side=$1 log=$2 key rest
	while IFS='|' read -r key rest; do
		case "$rest" in
		round*) add_sample "$side" "micro-$key" "$(sed 's/^round [0-9]*: \([0-9]*\) ns.*/\1/' <<<"$rest")" ;;
		"not yet: "*) note_once "$side" "micro-$key" "$rest" ;;
		failed:*) note_once "$side" "micro-$key" "$rest" ;;
		esac
	done < <(sed -n 's/^bench: micro: \([a-z0-9-]*\): \(.*\)$/\1|\2/p' "$log" | grep -v '^memory|')
	local free
	free=$(sed -n 's/^bench: micro: memory: \([0-9]*\) KiB free.*/\1/p' "$log" | head -1)
	[ -n "$free" ] && add_sample "$side" mem-used $((mem * 1024 - free))
	grep -q '^bench: micro: done' "$log" || note_once "$side" micro "the micro-benchmarks did not finish (log: $log)"
}
echo "bench: micro-benchmarks: ours"
bench/boot.sh --log "$work/ours-micro.log" --timeout 300 --until 'bench: micro: done' "$micro_img" >/dev/null
record_micro ours "$work/ours-micro.log"
if [ "$linux" = 1 ]; then
	echo "bench: micro-benchmarks: linux"
	linux_boot "bench=micro loglevel=4" --log "$work/linux-micro.log" --timeout 300 \
		--until 'bench: micro: done' "$ref/disk.img" >/dev/null
	record_micro linux "$work/linux-micro.log"
	# under TCG with several vCPUs Linux may distrust the TSC and time with an
	# emulated clock (HPET), which makes every timer and wakeup path slower
	clock=$(sed -n 's/^linux-ref: clocksource \([a-z_-]*\).*/\1/p' "$work/linux-micro.log" | head -1)
	case "${clock:-tsc}" in
	tsc | kvm-clock) ;;
	*) note_once linux clock "Linux timed the micro-benchmarks with the $clock clocksource (it did not trust the TSC), a device QEMU emulates: its figures that wait for a wakeup or a timer (pipe, fork, threads) may suffer from it." ;;
	esac
fi
grep -h '^bench: micro: .*: \(not yet\|failed\)' "$work/ours-micro.log" || true

# ---- storage (ours: bench/storage.sh; not timed for Linux yet) ----
storage_rows=(storage-boot-64m storage-boot-1g storage-seq-write storage-seq-read files-100k
	files-100k-list files-100k-remove)
if [ "$quick" = 1 ]; then
	for k in "${storage_rows[@]}"; do note_once ours "$k" "skipped (--quick)"; done
elif [ "${have[disk]}" = 1 ]; then
	echo "bench: storage (bench/storage.sh)"
	# the 100 000 files get what is left of 15 minutes, less about 5 for the
	# build and the -m bisection, and at least 2
	left=$((15 * 60 - ($(date +%s) - t_start) - 300))
	[ "$left" -ge 120 ] || left=120
	MANYFILES_TIMEOUT=${BENCH_MANYFILES_TIMEOUT:-$left} \
		bench/storage.sh "${TEST_IMAGES_DIR:-build/x86_64/tests}" >"$work/storage.out" 2>&1 || true
	cat "$work/storage.out"
	st() { sed -n "s/^bench: storage: $1/\1/p" "$work/storage.out" | head -1; }
	add_sample ours storage-boot-64m "$(st '64 MiB filesystem: file: from disk: \([0-9.]*\) s')"
	add_sample ours storage-boot-1g "$(st '1 GiB filesystem: file: from disk: \([0-9.]*\) s')"
	add_sample ours storage-seq-write "$(st 'sequential [0-9]* MiB: write+fsync \([0-9]*\) KiB.s.*')"
	add_sample ours storage-seq-read "$(st 'sequential .* read \([0-9]*\) KiB.s')"
	add_sample ours files-100k "$(st '100 000 files: created [0-9]* files in \([0-9.]*\) s')"
	add_sample ours files-100k-list "$(st '100 000 files: listed and counted [0-9]* names in \([0-9.]*\) s')"
	add_sample ours files-100k-remove "$(st '100 000 files: removed [0-9]* files in \([0-9.]*\) s')"
	if grep -q '100 000 files: not done in' "$work/storage.out"; then
		for k in files-100k files-100k-list files-100k-remove; do
			note_once ours "$k" "$(sed -n 's/^bench: storage: 100 000 files: \(not done in .*\)/\1/p' "$work/storage.out")"
		done
	fi
	for k in "${storage_rows[@]}"; do note_once ours "$k" "not seen (log: $work/storage.out)"; done
fi
for k in "${storage_rows[@]}"; do note_once linux "$k" "—"; done

# ---- sizes ----
size_of() { stat -c %s "$1"; }
add_sample ours size-kernel "$(size_of "$BUILD/root/boot/kernel")"
add_sample ours size-initfs "$(size_of "$BUILD/root/boot/initfs")"
add_sample ours size-image $(($(stat -c %b "$image") * $(stat -c %B "$image")))
if [ "$linux" = 1 ]; then
	add_sample linux size-kernel "$(size_of "$ref/vmlinuz")"
	add_sample linux size-initfs "$(size_of "$ref/initrd.gz")"
	add_sample linux size-image $(($(size_of "$ref/vmlinuz") + $(size_of "$ref/initrd.gz")))
fi
bench/sizes.sh "$image" "$BUILD/root/boot/kernel" "$BUILD/root/boot/initfs"

# ---- build times (ours only: Debian's kernel is not built here) ----
if [ "$quick" = 1 ]; then
	note_once ours build-clean "skipped (--quick)"
	note_once ours build-noop "skipped (--quick)"
else
	echo "bench: clean make all (a copy of the tree, -j2)"
	if bench/build.sh >"$work/build.out" 2>&1; then
		cat "$work/build.out"
		add_sample ours build-clean "$(sed -n 's/^bench: build: clean make all: \([0-9]*\) ms/\1/p' "$work/build.out")"
		add_sample ours build-noop "$(sed -n 's/^bench: build: no-op make all: \([0-9]*\) ms/\1/p' "$work/build.out")"
	else
		tail -5 "$work/build.out"
		note_once ours build-clean "failed (log: $work/build.out)"
	fi
fi
for k in build-clean build-noop; do note_once linux "$k" "—"; done

# ---- the smallest -m that still boots to the end ----
if [ "$quick" = 1 ]; then
	note_once ours mem-min "skipped (--quick)"
	note_once linux mem-min "skipped (--quick)"
else
	# a boot that has not ended in 3 times the usual time is a failed one
	t_end=$(median "${samples_ours[boot-end]:-${samples_ours[boot-init]:-20}}")
	limit=$(awk -v t="$t_end" 'BEGIN { printf "%d", t * 3 + 20 }')
	echo "bench: smallest -m: ours (each try up to $limit s)"
	if m=$(bench/minmem.sh --timeout "$limit" --fail "$OUR_FAIL" "${our_until[@]}" "$image"); then
		add_sample ours mem-min "$m"
	else
		note_once ours mem-min "bisection failed"
	fi
	if [ "$linux" = 1 ] && [ "${BENCH_LINUX_MINMEM:-0}" = 1 ]; then
		t_end=$(median "${samples_linux[boot-end]:-40}")
		limit=$(awk -v t="$t_end" 'BEGIN { printf "%d", t * 3 + 20 }')
		echo "bench: smallest -m: linux (each try up to $limit s)"
		if m=$(QEMU_KERNEL=$ref/vmlinuz QEMU_INITRD=$ref/initrd.gz QEMU_APPEND="$linux_append" \
			bench/minmem.sh --timeout "$limit" --fail "$LINUX_FAIL" --until "${LINUX_MILESTONES[boot-login]}" \
			--until "${LINUX_MILESTONES[boot-dhcp]}" "$ref/disk.img"); then
			add_sample linux mem-min "$m"
		else
			note_once linux mem-min "bisection failed"
		fi
	else
		note_once linux mem-min "not measured (BENCH_LINUX_MINMEM=1: slow)"
	fi
fi

# ---- the rows whose features are not there yet ----
for k in "${!ROW_FEATURE[@]}"; do
	f=${ROW_FEATURE[$k]}
	[ "$f" = login ] || [ "$f" = dhcp ] || [ -n "${samples_ours[$k]:-}" ] && continue
	if [ "${have[$f]}" = 1 ]; then
		note_once ours "$k" "not measured yet: $f is there, bench/run.sh does not time it yet"
	else
		note_once ours "$k" "not yet: ${FEATURE_NAME[$f]}"
	fi
	note_once linux "$k" "—"
done
for k in boot-login boot-dhcp; do
	f=${ROW_FEATURE[$k]}
	[ "${have[$f]}" = 1 ] || note_once ours "$k" "not yet: ${FEATURE_NAME[$f]}"
done

# ---- the table ----
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$((($(date +%s) - t_start + 30) / 60))
table=$(print_table)
echo
echo "$table"
print_rows
{
	print_head
	echo
	echo "$table"
	echo
	print_behind
	echo
	print_notes
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "bench: written to $out ($minutes min)"
