#!/usr/bin/env bats
# The debug: console reads what is typed on the serial port, a line at a
# time, with echo and backspace, and reports readiness to event: queues.

load ../helpers/common

setup_file() {
	boot_log console "$ROOT/build/$ARCH/tests/console-test.img" 120 \
		--until 'console-test: got \[second' \
		--send 'type a line' 'hellp\x7fo console\r' \
		--send 'type another line' 'second line\r'
	SERIAL_LOG=$BOOT_LOG
	export SERIAL_LOG
}

@test "a typed line is read whole, with backspace applied" {
	serial_has '^console-test: got \[hello console\]$'
}

@test "typed characters are echoed, and backspace erases on screen" {
	grep -qF $'hellp\b \bo console' "$SERIAL_LOG"
	serial_has '^second line$'
}

@test "with nothing typed a nonblocking read gives EAGAIN" {
	serial_has '^console-test: nonblocking read with no input: EAGAIN$'
}

@test "an event queue wakes when a line arrives" {
	serial_has '^console-test: event arrived \(data 42\)$'
	serial_has '^console-test: got \[second line\]$'
}
