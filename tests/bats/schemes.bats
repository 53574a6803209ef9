#!/usr/bin/env bats
# The schemes test image: its init (tests/guest/schemes-test.c) checks the
# kernel's own schemes (pipe, event, time, sys, irq, memory, serio) from
# user mode. Each check prints "schemes-test: <what>: ok|FAIL|skip".

load ../helpers/common

STEST_IMAGE=$ROOT/build/$ARCH/tests/schemes-test.img

# No --until pattern: wait for init's exit to end QEMU, so its exit code is
# always recorded (stopping at the "done" line can kill QEMU first).
setup_file() {
	boot_once "$STEST_IMAGE" 240
}

check_ok() {
	serial_has "^schemes-test: $1: ok"
}

@test "pipe: data and EOF between parent and child, EPIPE without a reader" {
	check_ok 'pipe: 200 KiB from parent reach a forked child, then EOF'
	check_ok 'pipe: write after the reader closed gives EPIPE'
}

@test "pipe: O_NONBLOCK, O_CLOEXEC and a bad pointer" {
	check_ok 'pipe: O_NONBLOCK read of an empty pipe gives EAGAIN'
	check_ok 'pipe: O_NONBLOCK write to a full pipe gives EAGAIN'
	check_ok 'pipe: pipe2 into a bad pointer gives EFAULT'
	check_ok 'pipe: O_CLOEXEC marks both ends close-on-exec'
}

@test "event: a pipe and a time: deadline wake an event queue" {
	check_ok 'event: waiting on a pipe.s read end wakes when the child writes'
	check_ok 'event: a time:4 deadline 100 ms ahead wakes the event queue'
}

@test "time: clocks read as timespecs" {
	check_ok 'time: time:4 reads the monotonic clock'
	check_ok 'time: time:1 reads the realtime clock'
	check_ok 'time: an unknown clock is ENOENT'
	check_ok 'time: a read after the deadline returns the time past it'
}

@test "sys: uname, context, cpu, log, exe, the listing and kstop" {
	check_ok 'sys: sys:uname starts with Redox'
	check_ok 'sys: sys:context lists this process \(pid, ppid, uid, name, running\)'
	check_ok 'sys: sys:context shows a sleeping child as blocked'
	check_ok 'sys: sys:cpu gives the CPU count and model'
	check_ok 'sys: sys:log holds the kernel log'
	check_ok 'sys: sys:exe is the caller.s name'
	check_ok 'sys: sys: lists its files'
	check_ok 'sys: root may open sys:kstop'
	check_ok 'sys: sys:kstop refuses an unknown request'
	check_ok 'sys: sys:uname is read-only'
}

@test "permissions: root-only schemes refuse a non-root process" {
	serial_has '^schemes-test: permissions: irq:, memory:physical, serio:, sys:kstop and PHYS\* are root only: ok'
}

@test "memory: physical mappings, PHYS* calls and anonymous memory" {
	check_ok 'memory: root opens memory:physical'
	check_ok 'memory: memory:physical maps the BIOS area \(RSDP found, checksum ok\)'
	check_ok 'memory: VIRTTOPHYS of that mapping gives the physical address'
	check_ok 'memory: memory:physical refuses RAM the kernel manages \(EPERM\)'
	check_ok 'memory: PHYSALLOC \+ PHYSMAP \+ memory:physical@uc share one frame'
	check_ok 'memory: PHYSUNMAP and PHYSFREE undo them'
	check_ok 'memory: memory: maps fresh zeroed memory'
}

@test "irq: the listing, a kernel-owned line, and a real HPET interrupt" {
	check_ok 'irq: irq: lists the lines, without the kernel.s own \(1\)'
	check_ok 'irq: irq:1 \(the keyboard.s\) is EBUSY'
	check_ok 'irq: an HPET interrupt wakes a read blocked on irq:N, ack re-arms'
}

@test "serio: the PS/2 keyboard and mouse answer through serio:0 and serio:1" {
	serial_has '^kernel::scheme::serio:INFO -- PS/2: keyboard ready, mouse ready'
	check_ok 'serio: a non-blocking read of serio:0 with no key pressed gives EAGAIN'
	check_ok 'serio: the keyboard answers ECHO through serio:0'
	check_ok 'serio: the mouse acknowledges IDENTIFY through serio:1 \(id 0\)'
}

@test "pipe round trip is measured" {
	check_ok 'pipe: 10000 one-byte round trips between parent and child'
	serial_has '^bench: pipe round trip \(1 byte each way, parent and child\): [0-9]+ ns per round trip over 10000 round trips'
}

@test "the whole suite passed and init's exit code ended QEMU" {
	serial_has '^schemes-test: done: [0-9]+ checks ok, 0 failed'
	[ "$(cat "$SERIAL_LOG.exit")" = 0 ]
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
