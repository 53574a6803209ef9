#!/usr/bin/env bats
# The structural fuzzer image (tests/guest/sfuzz.c): unprivileged workers
# make related calls on live descriptors and mappings while a root provider
# misbehaves; bounded to 150,000 calls or 100 s of TCG. No worker may die
# of a signal it did not ask for, the kernel must not panic, and a new
# process must run afterwards. A failure names its seed (docs/fuzzing.md).

load ../helpers/common

setup_file() {
	boot_once "$ROOT/build/$ARCH/tests/sfuzz.img" 200 'sfuzz: done'
}

@test "the structural fuzzer made its calls with no failing seed" {
	# not anchored: a worker fuzzes its descriptors and may write to the console,
	# so a line of ours can follow its bytes (seen: "pipe:sfuzz: 56300 calls in")
	line=$(serial_line 'sfuzz: [0-9]+ calls in')
	echo "$line"
	calls=$(echo "$line" | sed -E 's/.*sfuzz: ([0-9]+) calls in.*/\1/')
	[ "$calls" -ge 20000 ]
	! grep -a 'sfuzz: FAIL' "$SERIAL_LOG"
}

@test "afterwards the kernel still runs new processes" {
	serial_has 'sfuzz: after fuzzing, a new process ran fine'
	serial_has 'sfuzz: done: ok'
}

@test "the kernel never panicked" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
