#!/usr/bin/env bats
# The acid image: its init (tests/guest/acid.c) checks processes, signals,
# userspace schemes and permissions from user mode.

load ../helpers/common

setup_file() {
	boot_once "$ROOT/build/$ARCH/tests/acid.img" 240 'acid: done'
}

ok() {
	serial_has "^acid: $1: ok"
}

@test "waitpid: exit codes, WNOHANG, ECHILD" {
	ok 'waitpid returns the exit code'
	ok 'waitpid WNOHANG returns 0 while the child runs'
	ok 'then the child is reaped'
	ok 'no children left gives ECHILD'
}

@test "kill ends a looping child (SIGKILL) and a sleeping one (SIGTERM)" {
	ok 'kill SIGKILL ends a looping child'
	ok "SIGTERM's default action ends a sleeping child"
}

@test "signal handlers, sigreturn, masks, EINTR, sigsetjmp/siglongjmp" {
	ok 'a handler runs and sigreturn resumes'
	ok 'a blocked signal waits until unblocked'
	ok 'a signal cuts nanosleep short with EINTR'
	ok 'siglongjmp from a handler restores the mask sigsetjmp saved'
}

@test "process groups and the working directory" {
	ok 'setpgid/getpgid'
	ok 'chdir/getcwd'
	ok 'a relative path opens from the working directory'
}

@test "a userspace scheme echo: served by a daemon and used by another process" {
	ok 'echo: scheme served by a daemon, used by another process'
	ok 'echo: is gone after its provider died'
	serial_has '^bench: echo: read round trip [0-9]+ ns'
}

@test "a provider killed mid-request gives the caller an error, not a hang" {
	ok 'a provider killed mid-request gives the caller EIO, not a hang'
}

@test "fmap on a user scheme shares the provider's pages (and copies for MAP_PRIVATE)" {
	ok 'fmap on a user scheme: shared and private pages, EFAULT/EACCES, fork, provider death'
}

@test "a non-root process cannot provide schemes, open irq: or memory:physical, or kill root" {
	ok 'non-root: no scheme providing, no irq:, no memory:physical, no killing root'
}

@test "the C runtime runs constructors, and abort() is SIGABRT" {
	ok 'constructors run before main'
	ok 'abort\(\) ends the process with SIGABRT'
}

@test "resource limits: defaults, EINVAL/EFAULT/EPERM, inherited by fork, kept by exec" {
	ok 'getrlimit: 256 files, a 256 KiB stack, no core files, no AS limit'
	ok 'rlimit: bad resource or cur > max is EINVAL, bad pointers EFAULT'
	ok 'rlimit: anyone lowers, only root raises a hard limit \(EPERM otherwise\)'
	ok 'rlimit: fork inherits the limits and exec keeps them'
}

@test "resource limits are enforced: NOFILE, NPROC, AS/DATA, STACK, CPU" {
	ok 'RLIMIT_NOFILE lowered: open, pipe, dup, F_DUPFD give EMFILE, dup2 past it EBADF'
	ok 'RLIMIT_NPROC: a uid-1000 fork loop stops with EAGAIN'
	ok 'RLIMIT_NPROC does not hold root back'
	ok 'RLIMIT_AS and RLIMIT_DATA: a big mmap fails with ENOMEM'
	ok 'RLIMIT_STACK sizes the main stack at exec'
	ok 'RLIMIT_CPU: SIGXCPU past the soft limit, SIGKILL at the hard one'
}

@test "the whole suite passed" {
	serial_has '^acid: done: 30 checks ok, 0 failed'
	[ "$(cat "$SERIAL_LOG.exit")" = 0 ]
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
