#!/usr/bin/env bats
# The isolation image (tests/guest/isolation.c): the attacks of the kernel
# audit (issue 10), mostly from uid 1000, each checked for its damage. The
# image boots with `-cpu max` so SMEP and SMAP are there to be turned on.

load ../helpers/common

setup_file() {
	QEMU_EXTRA="${QEMU_EXTRA:-} -cpu max" boot_once "$ROOT/build/$ARCH/tests/isolation.img" 300 \
		'isolation: done'
}

ok() {
	serial_has "^isolation: $1: ok"
}

@test "every check ran and passed (21 checks)" {
	serial_has '^isolation: done: 21 checks ok, 0 failed$'
}

@test "1: FS/GS selectors loaded by a user do not reach other processes' TLS" {
	ok "a user loading FS/GS selectors leaves other processes' TLS alone"
}

@test "2: FMAP with MAP_FIXED over its own request does not panic" {
	ok 'FMAP with MAP_FIXED over its own request is safe'
}

@test "3: scheme windows: closes own none; callers wait for a free one" {
	ok 'closes through a provider do not free a window another call owns'
	ok '70 simultaneous reads through one provider all complete \(no EAGAIN\)'
}

@test "4: windows stay with the provider; its address space is held" {
	ok "a provider's forked child does not share its scheme windows"
	ok 'a provider handle outliving its process keeps working, nothing else corrupted'
}

@test "5: processes held while used (kill, sys:context vs. reaping)" {
	ok 'kill and sys:context racing processes being reaped; init cannot be killed by a user'
}

@test "6: no global handle table a user can fill" {
	ok "users holding initfs handles cannot exhaust root's"
}

@test "7: mprotect removes rights and cannot add what was not given" {
	ok 'mprotect\(PROT_NONE\) makes a page unreadable'
	ok 'mprotect cannot make a read-only physical mapping writable'
}

@test "8: CPU protections are on (WP, NX, SMEP, SMAP under -cpu max)" {
	serial_has 'CPU protections: WP on, NX on, SMEP on, SMAP on'
}

@test "9: provider byte counts are checked (read and exec)" {
	ok "a provider's byte count past the buffer is EIO, for read and for exec"
}

@test "10: pipe ends, access mode 0, huge timeouts" {
	ok 'dup\("write"\) of a pipe.s read end is refused'
	ok 'a file opened with access mode 0 cannot be read'
	ok 'nanosleep with a huge timeout sleeps instead of returning at once'
}

@test "10: console input only for the console's session; another user gets EIO" {
	ok "only the console's session reads its input; another user gets EIO, cannot take it"
}

@test "fork copies the parent's live FS base" {
	ok "fork copies the parent's live FS base, not a saved one"
}

@test "signals racing fork never start a child twice (the sfuzz-stress panic)" {
	ok 'signals racing fork never start a child twice'
}

@test "limits per user: processes, memory fork copies, kernel buffers, open files" {
	ok "a user's processes are limited \(EAGAIN\), and root still forks"
	ok "fork cannot double a user's anonymous memory past its limit"
	ok "a user's pipes are charged against its kernel-buffer limit"
	ok "a user's open files are limited \(EMFILE\), root still opens, exits give them back"
}

@test "the kernel never panicked" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
