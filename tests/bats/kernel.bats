#!/usr/bin/env bats
# The kernel test image: its init (tests/guest/kernel-test.c) checks the
# syscall interface from user mode; the kernel ends QEMU with init's exit
# code. Each check prints "kernel-test: <what>: ok|FAIL".

load ../helpers/common

KTEST_IMAGE=$ROOT/build/$ARCH/tests/kernel-test.img

setup_file() {
	boot_once "$KTEST_IMAGE" 240 'kernel-test: done'
}

check_ok() {
	serial_has "^kernel-test: $1: ok"
}

@test "SYS_HELLOWORLD prints its line to the kernel log" {
	serial_has '^SYS_HELLOWORLD: Hello, world!$'
	check_ok 'SYS_HELLOWORLD returns 0'
}

@test "unknown syscall numbers give ENOSYS" {
	check_ok 'unknown syscall gives ENOSYS'
	check_ok 'unknown file-class syscall gives ENOSYS'
	check_ok 'clone with CLONE_VM gives EINVAL \(threads come from SYS_CLONE_THREAD\)'
}

@test "kernel and unmapped pointers give EFAULT" {
	check_ok 'write from a kernel address gives EFAULT'
	check_ok 'read into a kernel address gives EFAULT'
	check_ok 'write from an unmapped address gives EFAULT'
	check_ok 'read into an unmapped address gives EFAULT'
	check_ok 'write with a huge length gives EFAULT'
	check_ok 'open of an unmapped path gives EFAULT'
	check_ok 'clock_gettime into kernel memory gives EFAULT'
	check_ok 'write to a closed fd gives EBADF'
}

@test "a null-pointer write kills only that process, with a logged reason" {
	serial_has '^kernel::proc:ERROR -- process [0-9]+ \(init\) killed: page fault at rip [0-9a-f]+, address 0,'
	check_ok 'null pointer write kills only that process'
}

@test "an invalid opcode kills only that process, with a logged reason" {
	serial_has '^kernel::proc:ERROR -- process [0-9]+ \(init\) killed: invalid opcode'
	check_ok 'invalid opcode kills only that process'
}

@test "programs run from the initfs, and a missing one is ENOENT" {
	check_ok 'exec of initfs:bin/helloworld'
	check_ok 'exec of a missing file gives ENOENT'
	check_ok 'exec passes 5000 arguments, each intact'
	check_ok 'exec of more than ARG_MAX bytes of arguments gives E2BIG'
	[ "$(grep -c '^SYS_HELLOWORLD: Hello, world!$' "$SERIAL_LOG")" -eq 2 ]
}

@test "a pipe without readers: SIGPIPE, or EPIPE when it is ignored" {
	check_ok 'a write to a pipe without readers raises SIGPIPE'
	check_ok 'with SIGPIPE ignored the write fails with EPIPE'
}

@test "4 CPUs online, and a printer keeps printing beside more spinners than CPUs" {
	serial_has '^kernel::start:INFO -- 4 CPUs online'
	[ "$(grep -c '^spinner [0-9]: spinning without yielding' "$SERIAL_LOG")" -eq 6 ]
	# the printer's lines come after every spinner started, so they ran concurrently
	serial_order '^spinner 5: spinning' '^printer: line 4 while 6 spinners run'
	check_ok 'preemption: printer ran beside spinners'
}

@test "time: nanosleep and the realtime clock" {
	check_ok 'nanosleep 50 ms'
	check_ok 'realtime clock is after 2020'
}

@test "POSIX timers: signals, intervals and overruns, TIMER_ABSTIME, SIGEV_NONE, SIGEV_THREAD" {
	check_ok 'timer_create SIGEV_SIGNAL: a 50 ms one-shot timer signals once, then reads 0'
	check_ok 'periodic timer: interval read back, expirations while blocked are its overrun, timer_delete stops it'
	check_ok 'TIMER_ABSTIME on CLOCK_MONOTONIC and CLOCK_REALTIME'
	check_ok 'SIGEV_NONE: timer_gettime counts down to 0, no signal'
	check_ok 'SIGEV_THREAD: the function runs in a helper thread with sigev_value until timer_delete'
}

@test "POSIX timers: errors, the per-process limit, fork and exec; clock_nanosleep" {
	check_ok 'timer errors: EINVAL for bad clocks, signals, ids, times, flags; EFAULT; EAGAIN past the limit'
	check_ok 'timers: a forked child has none, exec deletes them'
	check_ok 'clock_nanosleep: TIMER_ABSTIME and relative, EINVAL returned'
}

@test "the whole suite passed and init's exit code ended QEMU" {
	serial_has '^kernel-test: done: 31 checks ok, 0 failed'
	[ "$(cat "$SERIAL_LOG.exit")" = 0 ]
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "null syscall cost is measured" {
	serial_has '^bench: null syscall \(getpid\): [0-9]+ TSC cycles/call'
}
