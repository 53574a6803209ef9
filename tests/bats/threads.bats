#!/usr/bin/env bats
# Threads: the threads test image's init (tests/guest/threads.c) runs 16
# threads on QEMU's 4 CPUs through relibc-c's pthreads and the kernel's
# SYS_CLONE_THREAD: contended mutexes and condition variables, TLS, keys,
# barriers, a fault in one thread, exit versus exit of a thread, exec,
# pthread_kill, TLB shootdown, and cancellation (tests/guest/threads-cancel.h).
# Each check prints
# "threads: <what>: ok|FAIL".

load ../helpers/common

THREADS_IMAGE=$ROOT/build/$ARCH/tests/threads.img

setup_file() {
	boot_once "$THREADS_IMAGE" 300
}

ok() {
	serial_has "^threads: $1: ok"
}

@test "every check passes, and there are 42 of them" {
	serial_has '^threads: done: 42 checks ok, 0 failed'
	serial_has 'init exited with status 0'
}

@test "16 threads contend one mutex; each has its own TLS, errno and tid" {
	ok '16 threads contending one mutex lose no update'
	ok 'pthread_join returns each thread'"'"'s result'
	ok 'each thread has its own TLS \(.tdata and .tbss\)'
	ok 'each thread has its own errno'
	ok 'threads have distinct tids, none the pid'
}

@test "recursive and error-checking mutexes" {
	ok 'a recursive mutex is held until its last unlock'
	ok 'an error-checking mutex reports relock \(EDEADLK\) and foreign unlock \(EPERM\)'
}

@test "condition variables carry a producer/consumer queue and time out" {
	ok '8 producers and 8 consumers pass every item through condition variables'
	ok 'pthread_cond_timedwait times out at its deadline'
}

@test "rwlocks, once, keys, barriers, spin locks, malloc, detached threads" {
	ok 'rwlock: writers alone, readers together \(4 writers, 12 readers\)'
	ok 'pthread_once runs its routine once for 16 threads'
	ok 'key destructors run in every exiting thread'
	ok 'a barrier of 16 lets all through, one serial thread per round'
	ok 'spin locks lose no update'
	ok 'malloc and free from 16 threads keep every block intact'
	ok '40 detached threads run and are reclaimed'
}

@test "stdio: one FILE written by 8 threads keeps every line whole" {
	ok 'stdio: one FILE written by 8 threads keeps every line whole'
}

@test "a fault in one thread ends the whole process with SIGSEGV; the kernel lives" {
	serial_has '^kernel::proc:ERROR -- process [0-9]+ \(init\) killed: page fault at rip [0-9a-f]+, address 8,'
	ok 'a fault in one thread ends the whole process with SIGSEGV'
	ok 'the kernel and this process live on'
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "exit ends every thread; exec ends the others; pthread_kill picks the thread" {
	ok 'exit\(\) in one thread ends every thread with its status'
	ok 'exec from a threaded process ends the others'
	serial_has '^SYS_HELLOWORLD: Hello, world!$'
	ok 'pthread_kill runs the handler in that thread'
}

@test "munmap and mprotect shoot down other CPUs' TLB entries" {
	ok 'munmap reaches another CPU'"'"'s TLB \(the reader faults\)'
	ok 'mprotect reaches another CPU'"'"'s TLB \(the writer faults\)'
}

@test "cancellation: blocked threads end at their cancellation points, handlers and destructors run" {
	ok 'deferred cancel ends a thread blocked in read on a pipe \(join: PTHREAD_CANCELED\)'
	ok 'key destructors run in a cancelled thread'
	ok 'cancel in pthread_cond_wait: the handler holds the mutex and unlocks it'
	ok 'cancel cuts a 30 s sleep short'
	ok 'cancel ends a thread blocked in sem_wait'
	ok 'cancel ends a thread blocked in poll, which closes its event queue'
	ok 'cancel ends a thread blocked in waitpid; the child stays to be reaped'
	ok 'cancel ends a thread blocked in pthread_join; its target stays joinable'
	ok 'cancel in pause runs the cleanup handlers newest first'
	ok 'a thread blocking every signal is still cancelled; SIGSTKFLT is the library'"'"'s'
	ok 'pthread_exit runs the cleanup handlers newest first'
	ok 'a request while disabled waits for enable, then pthread_testcancel acts'
	ok 'with cancellation disabled the cancel signal restarts a blocked read \(no EINTR\)'
	ok '50 readers of a byte stream cancelled at random moments lose no byte'
	ok 'asynchronous cancel ends a thread in a busy loop'
}
