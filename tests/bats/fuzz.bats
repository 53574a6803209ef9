#!/usr/bin/env bats
# The syscall fuzzer image (tests/guest/fuzz.c): unprivileged processes make
# at least 1,000,000 random syscalls with wild arguments; the kernel must
# survive and still run a new process afterwards, within 5 minutes of TCG.

load ../helpers/common

setup_file() {
	boot_once "$ROOT/build/$ARCH/tests/fuzz.img" 330 'fuzz: after fuzzing'
}

@test "the fuzzer made at least 1,000,000 syscalls in under 5 minutes" {
	line=$(serial_line '^fuzz: [0-9]+ calls in [0-9]+ s')
	calls=$(echo "$line" | awk '{print $2}')
	secs=$(echo "$line" | awk '{print $5}')
	echo "$line"
	[ "$calls" -ge 1000000 ]
	[ "$secs" -lt 300 ]
}

@test "afterwards the kernel still runs new processes" {
	serial_has '^fuzz: after fuzzing, a new process ran fine'
	serial_has '^SYS_HELLOWORLD: Hello, world!$'
}

@test "the kernel never panicked" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
