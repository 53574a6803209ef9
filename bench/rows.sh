# shellcheck shell=bash
# make bench's rows: what each figure is, the serial lines that time the
# boots, and the samples, statistics and tables of bench/run.sh (which
# sources this file). To add a row: a line in ROWS, then a sample for it in
# bench/run.sh (add_sample SIDE KEY VALUE, in the row's unit).

# KEY|unit|label. Units: s, ns, kib, mib, bytes, ms (formatted), or any
# other name (printed as is). Lower is better unless the label says not.
ROWS=(
	"boot-firmware|s|boot: bootloader's first line (Linux: its setup code's, Probing EDD)"
	"boot-kernel|s|boot: kernel's first line"
	"boot-init|s|boot: init started"
	"boot-login|s|boot: login prompt"
	"boot-dhcp|s|boot: DHCP acknowledged"
	"micro-null-syscall|ns|null syscall (getpid)"
	"micro-pipe-rtt|ns|pipe round trip, 1 byte, two processes"
	"micro-fork-exit-wait|ns|fork + exit + wait"
	"micro-fork-exec-wait|ns|fork + exec + wait"
	"micro-open-read-close|ns|open + read + close, small file"
	"micro-file-write-fsync-1m|ns|write 1 MiB + fsync"
	"micro-file-read-1m|ns|read 1 MiB"
	"micro-ipc-rtt|ns|userspace scheme read round trip (Linux: pipe request and answer)"
	"micro-thread-create-join|ns|thread create + join"
	"tcp-in|MB/s|TCP throughput host to guest, hostfwd (higher is better)"
	"tcp-out|MB/s|TCP throughput guest to host, hostfwd (higher is better)"
	"storage-boot-64m|s|storage: boot to file: from disk, 64 MiB filesystem"
	"storage-boot-1g|s|storage: boot to file: from disk, 1 GiB filesystem"
	"storage-seq-write|KiB/s|storage: sequential write + fsync, 8 MiB (higher is better)"
	"storage-seq-read|KiB/s|storage: sequential read, 8 MiB (higher is better)"
	"files-100k|s|100 000 files created in one directory"
	"files-100k-list|s|100 000 files listed and counted"
	"files-100k-remove|s|100 000 files removed"
	"desktop-drag|fps|desktop: drag frame rate (higher is better)"
	"mem-used|kib|memory in use when the bench program starts (-m minus free)"
	"mem-min|mib|smallest -m that still boots to the end"
	"size-kernel|bytes|kernel file (ours: ELF; Linux: compressed bzImage)"
	"size-initfs|bytes|initfs (Linux: gzip initramfs with busybox and e1000.ko)"
	"size-image|bytes|what boots (ours: harddrive.img on disk; Linux: vmlinuz + initrd)"
	"build-clean|ms|clean make all, server, -j2"
	"build-noop|ms|no-op make all"
)

# The line that ends our boot today (the last init.d script), and each
# milestone's line. Login and DHCP are waited for once their programs exist.
OUR_BOOT_END='SYS_HELLOWORLD: Hello'
# boot-end (not a row): the end of the boot, for the -m bisection's limit
BOOT_KEYS=(boot-firmware boot-kernel boot-init boot-login boot-dhcp boot-end)
declare -A OUR_MILESTONES=(
	[boot-firmware]='^Redox OS Bootloader'
	[boot-kernel]='^kernel::start:INFO -- Redox OS starting'
	[boot-init]='started initfs:bin/init'
	[boot-login]='login: '
	[boot-dhcp]='DHCP: Ack'
	[boot-end]="$OUR_BOOT_END"
)
declare -A LINUX_MILESTONES=(
	[boot-firmware]='Probing EDD'
	[boot-kernel]='Linux version'
	[boot-init]='Run /init as init process'
	[boot-login]='login: '
	[boot-dhcp]='udhcpc: lease of .* obtained'
	[boot-end]='udhcpc: lease of .* obtained'
)

# Lines that end a -m try as failed at once (bench/minmem.sh --fail).
OUR_FAIL='Out of memory|exit status [1-9]|No such device|KERNEL PANIC'
LINUX_FAIL='Kernel panic|Out of memory|invoked oom-killer'

# Rows that wait for a feature (bench/features.sh), and its name in notes.
declare -A ROW_FEATURE=(
	[boot-login]=login [boot-dhcp]=dhcp [tcp-in]=tcp [tcp-out]=tcp
	[files-100k]=disk [files-100k-list]=disk [files-100k-remove]=disk [desktop-drag]=desktop
	[storage-boot-64m]=disk [storage-boot-1g]=disk [storage-seq-write]=disk [storage-seq-read]=disk
)
declare -A FEATURE_NAME=(
	[login]="login prompt" [dhcp]="DHCP client" [tcp]="TCP/IP stack"
	[disk]="a disk driver" [desktop]="desktop"
)

declare -A samples_ours samples_linux notes_ours notes_linux

add_sample() { # SIDE KEY VALUE
	[ -n "$3" ] || return 0
	local -n s=samples_$1
	s[$2]="${s[$2]:-} $3"
}

note_once() { # SIDE KEY TEXT
	local -n n=notes_$1
	[ -n "${n[$2]:-}" ] || n[$2]=$3
}

median() { # VALUES... -> the median
	printf '%s\n' $* | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# UNIT VALUES... -> "median (min-max)" in the median's unit
format_samples() {
	local unit=$1
	shift
	printf '%s\n' "$@" | sort -g | awk -v unit="$unit" '
		{ v[NR] = $1 }
		END {
			med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			div = 1; fmt = "%.0f"; name = unit
			if (unit == "s") fmt = "%.2f"
			else if (unit == "ns") {
				if (med >= 1e7) { div = 1e6; fmt = "%.1f"; name = "ms" }
				else if (med >= 1e4) { div = 1e3; fmt = "%.1f"; name = "µs" }
			} else if (unit == "kib") { div = 1024; fmt = "%.1f"; name = "MiB" }
			else if (unit == "mib") name = "MiB"
			else if (unit == "bytes") {
				if (med >= 1048576) { div = 1048576; fmt = "%.1f"; name = "MiB" }
				else { div = 1024; name = "KiB" }
			} else if (unit == "ms") { div = 1000; fmt = "%.1f"; name = "s" }
			out = sprintf(fmt " %s", med / div, name)
			if (NR > 1 && v[1] != v[NR])
				out = out sprintf(" (" fmt "–" fmt ")", v[1] / div, v[NR] / div)
			print out
		}'
}

cell() { # SIDE KEY UNIT
	local -n s=samples_$1 n=notes_$1
	if [ -n "${s[$2]:-}" ]; then
		# shellcheck disable=SC2086
		format_samples "$3" ${s[$2]}
	elif [ -n "${n[$2]:-}" ]; then
		echo "${n[$2]}"
	elif [ "$1" = linux ] && [ "$linux" = 0 ]; then
		echo "n/a"
	else
		echo "not seen"
	fi
}

ratio() { # KEY -> ours/linux of the medians, or nothing
	[ -n "${samples_ours[$1]:-}" ] && [ -n "${samples_linux[$1]:-}" ] || return 0
	local o l
	# shellcheck disable=SC2086
	o=$(median ${samples_ours[$1]})
	# shellcheck disable=SC2086
	l=$(median ${samples_linux[$1]})
	awk -v o="$o" -v l="$l" 'BEGIN { if (l > 0) printf "%.2f\n", o / l }'
}

print_table() {
	local row key unit label
	echo "| figure | ours | Linux | ours / Linux |"
	echo "|---|---|---|---|"
	for row in "${ROWS[@]}"; do
		IFS='|' read -r key unit label <<<"$row"
		echo "| $label | $(cell ours "$key" "$unit") | $(cell linux "$key" "$unit") | $(ratio "$key") |"
	done
}

print_rows() { # the machine-readable lines
	local row key unit label side v
	for row in "${ROWS[@]}"; do
		IFS='|' read -r key unit label <<<"$row"
		local line="bench: row: $key:"
		for side in ours linux; do
			local -n s=samples_$side
			if [ -n "${s[$key]:-}" ]; then
				# shellcheck disable=SC2086
				v=$(median ${s[$key]})
			else
				v="\"$(cell "$side" "$key" "$unit")\""
			fi
			line="$line $side=$v"
		done
		echo "$line ratio=$(ratio "$key")"
	done
}

print_behind() { # the three rows where we are furthest behind
	local row key unit label r
	echo "Furthest behind Linux in this run:"
	echo
	for row in "${ROWS[@]}"; do
		IFS='|' read -r key unit label <<<"$row"
		r=$(ratio "$key")
		[ -n "$r" ] || continue
		# how many times worse: the ratio, or its inverse where higher is better
		case "$label" in
		*"higher is better"*) awk -v r="$r" -v l="$label" 'BEGIN { if (r > 0) printf "%.2f|%s\n", 1 / r, l }' ;;
		*) printf '%s|%s\n' "$r" "$label" ;;
		esac
	done | sort -t'|' -k1,1 -g -r | head -3 | while IFS='|' read -r r label; do
		echo "- $label: ${r} times Linux's"
	done
}

print_head() {
	local cpu
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
	cat <<EOF
# Performance: Redox-C against Linux in the same QEMU

Written by \`make bench\` (bench/run.sh); do not edit by hand, run it again.
Each figure is the median of the runs, with the smallest and largest in
brackets; ours / Linux above 1 means we are slower or bigger.

- date: $(date -u '+%Y-%m-%d %H:%M UTC')
- QEMU: $(qemu-system-x86_64 --version | head -1)
- accelerator: $accel_line
- host CPU: $cpu, $(nproc) cores; load average $load_start at the start, $load_end at the end
- boots per system: $runs; micro-benchmarks: 3 rounds in one boot, each round at least 0.25 s
- Linux reference: $([ "$linux" = 1 ] && tr '\n' ' ' <"$ref/versions" || echo "$linux_why")
- whole run: $minutes min
EOF
}

print_notes() {
	local k
	cat <<'EOF'
## How it is measured

- Boots: both systems boot with the seed's device set from
  tests/helpers/qemu.sh (q35, 4 CPUs, 2048 MiB, e1000 on user networking,
  HDA, xHCI, a raw disk), in a loopback-only network namespace. Times are
  when the host sees each serial line arrive, counted from QEMU's start
  (bench/boot.sh). Ours boots from its disk (BIOS, our bootloader loads
  kernel and initfs; init starts pcid, the disk driver and redoxfsd, which
  serves file: from the disk); Linux is Debian's packaged kernel loaded
  by QEMU's `-kernel` with a busybox initramfs
  (bench/linux-ref/assemble.sh): its "bootloader line" is the kernel's
  real-mode setup code printing `Probing EDD`, its init loads e1000.ko,
  runs udhcpc and a getty.
- Micro-benchmarks: bench/microbench.c, built for our system (init of its
  own test image, file: served by redoxfsd from its disk) and statically
  against Debian's musl for Linux (files in the initramfs's tmpfs). On
  Linux the userspace-scheme row is a request and its answer through a pipe
  to a server process (Linux has no userspace schemes; no FUSE).
- Memory: QEMU's -m minus the free memory the kernel reports (ours:
  fstatvfs of memory:, Linux: sysinfo) when the bench program starts.
- The smallest -m: a bisection (512 MiB first, then down to 8 MiB steps),
  a try counting as booted when it reaches the same end lines as the boot
  rows (ours: the last init.d line, and login and DHCP once they exist).
- Debian's kernel is XZ-compressed: between `Probing EDD` and
  `Linux version` its decompressor runs, silently.
- Noise: the machine that ran this is shared (other QEMUs and builds run at
  the same time; see the load average above), and QEMU emulates (TCG)
  unless KVM works: compare ours and Linux within this run, not with other
  runs.

## Adding a figure

A row is a line in bench/rows.sh; bench/run.sh adds its samples. A row
saying "not yet: FEATURE" fills in by itself for the login prompt and DHCP
once bench/features.sh finds their programs in the image (the boot then
waits for `login: ` and `DHCP: Ack` too); threads once relibc-c has
`<pthread.h>` (bench/microbench.c checks). TCP and the desktop need their
measurement written into bench/run.sh: until then they say "not measured
yet" once their feature is there. The storage rows come from
bench/storage.sh (storage-test and manyfiles-test images); Linux has no
column there yet.
EOF
	local any=0
	for k in "${!notes_ours[@]}" "${!notes_linux[@]}"; do
		case "$k" in boot | micro | clock) any=1 ;; esac
	done
	[ "$any" = 1 ] || return 0
	echo
	echo "## Caveats of this run"
	echo
	for k in boot micro clock; do
		[ -n "${notes_ours[$k]:-}" ] && echo "- ours: $k: ${notes_ours[$k]}"
		[ -n "${notes_linux[$k]:-}" ] && echo "- Linux: $k: ${notes_linux[$k]}"
	done
	return 0
}
