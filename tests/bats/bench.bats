#!/usr/bin/env bats
# make bench's quick mode (bench/run.sh --quick: one boot each of our image
# and of the Linux reference, both micro-benchmark runs, sizes): it runs to
# the end and its output parses. Figures are never asserted, only that each
# is a number or says why it is missing.

load ../helpers/common

OUT=$LOGS/bench.out
TABLE=$LOGS/PERFORMANCE.quick.md

setup_file() {
	mkdir -p "$LOGS"
	(cd "$ROOT" && BUILD=build/$ARCH/$CONFIG_NAME bench/run.sh --quick --out "$TABLE") \
		>"$OUT" 2>&1 || {
		tail -n 30 "$OUT" >&2
		return 1
	}
}

# The value of SIDE in row KEY's machine-readable line.
value() {
	sed -n "s/^bench: row: $1: .*$2=\\(\"[^\"]*\"\\|[^ ]*\\).*/\\1/p" "$OUT"
}

is_number() {
	[[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]] || {
		echo "not a number: '$1'" >&2
		return 1
	}
}

linux_present() {
	compgen -G "$ROOT/build/source-cache/linux-ref/linux-image-*.deb" >/dev/null
}

@test "every row of bench/rows.sh is printed once, as ours=, linux=, ratio=" {
	local keys n
	keys=$(cd "$ROOT" && bash -c 'source bench/rows.sh; for r in "${ROWS[@]}"; do echo "${r%%|*}"; done')
	[ -n "$keys" ]
	for k in $keys; do
		n=$(grep -c "^bench: row: $k: ours=\\(\"[^\"]*\"\\|[0-9.]*\\) linux=\\(\"[^\"]*\"\\|[0-9.]*\\) ratio=[0-9.]*\$" "$OUT")
		[ "$n" = 1 ] || {
			echo "row $k: $n well-formed lines" >&2
			return 1
		}
	done
}

# a time after QEMU's start, not a line left from an earlier boot
is_time() {
	is_number "$1" && [ "$1" != 0.00 ]
}

@test "our boot milestones up to init are timed, in order" {
	local last=0 t
	for k in boot-firmware boot-kernel boot-init; do
		t=$(value "$k" ours)
		is_time "$t"
		awk -v a="$last" -v b="$t" 'BEGIN { exit !(b >= a) }'
		last=$t
	done
}

@test "a row whose feature is missing says which feature" {
	if ! (cd "$ROOT" && bench/features.sh "build/$ARCH/$CONFIG_NAME" login); then
		[ "$(value boot-login ours)" = '"not yet: login prompt"' ]
	else
		is_number "$(value boot-login ours)"
	fi
	grep -Eq '^bench: row: files-100k: ours=("not yet: |"skipped \(--quick\)"|[0-9])' "$OUT"
}

@test "our micro-benchmarks all give a figure (threads once pthread.h exists)" {
	for k in null-syscall pipe-rtt fork-exit-wait fork-exec-wait open-read-close \
		file-write-fsync-1m file-read-1m ipc-rtt; do
		is_number "$(value "micro-$k" ours)"
	done
	if [ -f "$ROOT/relibc-c/include/pthread.h" ]; then
		is_number "$(value micro-thread-create-join ours)"
	else
		[ "$(value micro-thread-create-join ours)" = '"not yet: threads (no pthread.h in the C library)"' ]
	fi
	is_number "$(value mem-used ours)"
}

@test "the Linux reference boots to DHCP and runs the same micro-benchmarks" {
	linux_present || skip "no Linux reference packages (bench/linux-ref/fetch.sh on the host)"
	for k in boot-firmware boot-kernel boot-init boot-login boot-dhcp; do
		is_time "$(value "$k" linux)"
	done
	for k in micro-null-syscall micro-pipe-rtt micro-fork-exec-wait micro-open-read-close \
		micro-thread-create-join mem-used; do
		is_number "$(value "$k" linux)"
	done
	is_number "$(value boot-init ratio)"
}

@test "the table file has its heading, environment and every row" {
	grep -q '^# Performance: Redox-C against Linux in the same QEMU' "$TABLE"
	grep -q '^- QEMU: QEMU emulator version' "$TABLE"
	grep -Eq '^- accelerator: (TCG|KVM) ' "$TABLE"
	grep -q '^- host CPU: ' "$TABLE"
	local rows
	rows=$(cd "$ROOT" && bash -c 'source bench/rows.sh; echo ${#ROWS[@]}')
	[ "$(grep -c '^| ' "$TABLE")" = $((rows + 1)) ]
}
