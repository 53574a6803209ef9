#!/usr/bin/env bats
# The C library in the OS. The libc-test image's init (tests/guest/libc-test.c)
# checks stdio, files, processes, signals, clocks, folders, poll/select,
# the network functions, terminals and regex through relibc-c; each check
# prints "libc: <what>: ok|FAIL|skip". The ports-test image's init
# (tests/guest/ports-test.c) runs programs built unmodified from their
# release tarballs (Lua 5.4 and zlib, added to its initfs by
# mk/tests-ports.mk) and prints "ports: <what>: ok|FAIL|skip".

load ../helpers/common

LIBC_IMAGE=$ROOT/build/$ARCH/tests/libc-test.img
PORTS_IMAGE=$ROOT/build/$ARCH/tests/ports-test.img

# No --until pattern: wait for init's exit to end QEMU, so its exit code is
# always recorded. The ports image boots second, into its own log.
setup_file() {
	boot_once "$LIBC_IMAGE" 300
	boot_log libc-ports "$PORTS_IMAGE" 300
	PORTS_LOG=$BOOT_LOG
	export PORTS_LOG
}

ok() {
	serial_has "^libc: $1: ok"
}

# Skip when the image says it cannot run these checks (e.g. no file: scheme).
skip_if() {
	if grep -Eq -- "^libc: $1: skip" "$SERIAL_LOG"; then
		skip "$(grep -Em1 -- "^libc: $1: skip" "$SERIAL_LOG")"
	fi
}

ports_has() {
	grep -Eq -- "$1" "$PORTS_LOG" || {
		echo "serial log ($PORTS_LOG) has no line matching: $1" >&2
		return 1
	}
}

ports_ok() {
	ports_has "^ports: $1: ok"
}

ports_skip_if() {
	if grep -Eq -- "^ports: $1: skip" "$PORTS_LOG"; then
		skip "$(grep -Em1 -- "^ports: $1: skip" "$PORTS_LOG")"
	fi
}

@test "stdio on debug: is a line-buffered terminal, stderr unbuffered" {
	ok 'stdio: stdout is a terminal \(debug:\)'
	ok 'stdio: ttyname\(1\) is debug:'
	ok 'stdio: line-buffered printf'
	ok 'stdio: unbuffered stderr'
	ok 'stdio: a pipe is not a terminal'
}

@test "FILE streams over initfs: files" {
	ok 'files: fopen on initfs:'
	ok 'files: fread'
	ok 'files: fseek/ftell agree with stat'
	ok 'files: fgetc/ungetc'
	ok 'files: fgetpos/fsetpos'
	ok 'files: EOF indicator'
	ok 'files: clearerr'
	ok 'files: fread reads what read\(\) reads'
	ok 'files: getline over a binary'
	ok 'files: fclose'
	ok 'files: a missing file gives ENOENT'
	ok 'files: initfs: is read-only \(EROFS\)'
}

@test "FILE streams over pipes: fprintf, fscanf, fgets, getline, EOF" {
	ok 'pipes: fprintf in a child, fscanf in the parent'
	ok 'pipes: fgets'
	ok 'pipes: getline of 8001 bytes'
	ok 'pipes: EOF once the writer is gone'
	ok "pipes: the writer's fclose succeeded"
}

@test "full buffering on a pipe, flushed by exit()" {
	ok 'buffering: stdout on a pipe holds a line back \(full buffering\)'
	ok 'buffering: exit\(\) flushes stdout'
}

@test "fork/exec/waitpid, PATH search, environment, system and popen" {
	ok 'env: setenv/getenv'
	ok 'exec: fork/execv/waitpid with arguments and environment'
	ok 'exec: execvp searches PATH'
	ok 'exec: posix_spawnp with file actions and an environment'
	ok 'exec: posix_spawn of a missing program returns ENOENT'
	ok 'env: unsetenv'
	ok 'exec: system\(NULL\) reports no shell'
	ok 'exec: system without a shell gives 127'
	ok "exec: popen reads the child's \(empty\) output"
	ok "exec: pclose gives the shell's status"
}

@test "signals: handlers, masks, SIG_IGN, kill, abort" {
	ok 'signals: sigaction handler runs on raise'
	ok 'signals: sigprocmask holds a signal until unblocked'
	ok 'signals: SIG_IGN ignores SIGTERM'
	ok 'signals: kill SIGKILL'
	ok 'signals: abort ends the process abnormally'
	ok 'signals: setitimer\(ITIMER_REAL\) sends SIGALRM on time and repeats; disarmed stops'
	ok 'signals: alarm returns the seconds left; ITIMER_VIRTUAL is EINVAL'
	ok 'signals: an unhandled SIGALRM from alarm\(\) ends the process'
}

@test "time: the real clock through strftime, gettimeofday, mktime, sleeping, clock()" {
	ok 'time: the real clock'
	serial_has '^libc: time: now 20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] UTC$'
	ok 'time: gettimeofday agrees with time\(\)'
	ok 'time: mktime\(localtime\(t\)\) == t'
	ok 'time: nanosleep\(50 ms\)'
	ok 'time: clock_nanosleep \(relative, TIMER_ABSTIME, EINVAL\)'
	ok 'time: clock\(\) counts CPU time, not sleep'
	ok 'time: times\(\)'
}

@test "dirent on initfs:, stat and access" {
	ok 'dirent: opendir\(initfs:bin\)'
	ok 'dirent: readdir lists init, helloworld, libc-test'
	ok 'dirent: rewinddir'
	ok 'dirent: telldir/seekdir'
	ok 'dirent: scandir with alphasort'
	ok 'dirent: a file is ENOTDIR'
	ok 'dirent: a missing folder is ENOENT'
	ok 'dirent: stat tells folders from files'
	ok 'dirent: access R_OK\|X_OK'
	ok 'glob: initfs:bin/\*-t\?st'
	ok 'glob: no match'
}

@test "poll and select on pipes (event: and time: underneath)" {
	ok 'poll: an empty pipe is not readable'
	ok 'poll: a pipe is writable'
	ok 'poll: a 100 ms timeout'
	ok 'poll: wakes when a child writes'
	ok 'select: an empty pipe is not readable'
	ok 'select: a pipe with data is readable'
	ok 'poll: a file is ready, a bad descriptor is POLLNVAL'
}

@test "uname, sysconf, getrlimit, gethostname" {
	ok 'uname: Redox on x86_64'
	serial_has '^libc: uname: Redox [^ ]+ [^ ]+ x86_64$'
	ok 'sysconf: page size'
	ok 'sysconf: processors'
	serial_has "^libc: sysconf: ${QEMU_SMP:-4} processors$"
	ok 'getrlimit: 256 files'
	ok 'gethostname'
	ok 'getpid: init is process 1'
	ok 'nl_langinfo: the codeset is UTF-8'
}

@test "network functions: byte order, address text, getaddrinfo, sockets without a netstack" {
	ok 'net: byte order'
	ok 'net: inet_pton/inet_ntop IPv4'
	ok 'net: inet_pton/inet_ntop IPv6'
	ok 'net: getaddrinfo\(localhost, 80\)'
	serial_has '^libc: net: socket\(\) (opens tcp:|without a tcp: scheme fails with ENODEV): ok'
	ok 'net: no IPv6 sockets'
}

@test "termios, memory streams, regex" {
	ok 'termios: tcgetattr on debug: works or is ENOTTY'
	ok 'termios: a pipe has no attributes'
	ok 'memstream: open_memstream'
	ok 'memstream: fmemopen \+ fscanf'
	ok 'regex: regcomp/regexec'
}

@test "writing files on file: (redoxfsd), tmpfile, mkstemp" {
	skip_if 'files: writing'
	ok 'files: fopen w \+ fprintf'
	ok 'files: append'
	ok 'files: read back'
	ok 'files: fopen "wx" of an existing file'
	ok 'files: stat size'
	ok 'files: chmod'
	ok 'files: truncate'
	ok 'files: utimes'
	ok 'files: realpath'
	ok 'files: symlink/lstat'
	ok 'files: readlink'
	ok 'files: rename'
	ok 'files: readdir on file:'
	ok 'files: remove a file'
	ok 'files: mkdir applies the umask'
	ok 'files: open\(O_CREAT\) applies the umask'
	ok 'files: mkdirat'
	ok 'files: openat creates in the folder'
	ok 'files: fstatat'
	ok 'files: renameat, faccessat'
	ok 'files: symlinkat, readlinkat, fstatat AT_SYMLINK_NOFOLLOW'
	ok 'files: fchmodat'
	ok 'files: unlinkat \(files, AT_REMOVEDIR, bad flags\)'
	ok 'files: remove a folder'
	ok 'files: statvfs'
	ok 'files: link works or is ENOSYS'
	ok 'files: tmpfile'
	ok 'files: mkstemp'
}

@test "passwd, group, hostname and hosts files" {
	skip_if 'files: writing'
	ok 'files: write /etc/passwd, group, hostname, hosts'
	ok 'pwd: getpwnam'
	ok 'pwd: getpwuid'
	ok 'pwd: getpwent'
	ok 'grp: getgrnam'
	ok 'grp: getgrgid'
	ok 'gethostname reads /etc/hostname'
	ok 'net: getaddrinfo reads /etc/hosts'
	ok 'net: getnameinfo reads /etc/hosts'
}

@test "lua -e prints ' 3.14<TAB>true'; a script on stdin" {
	ports_skip_if 'lua'
	ports_ok "lua: -e print\(string.format\(...\)\)"
	ports_ok 'lua: a script on stdin'
}

@test "Lua's standard library: string, table, math, os.date, io" {
	ports_skip_if 'lua'
	for name in string.format 'string methods' patterns table.sort/concat \
		'table.sort with a comparator' table.insert/remove/unpack math 'number to string' \
		tonumber os.date os.time os.clock os.getenv pcall/error coroutines \
		io.open/read/seek 'io.open missing' io.lines string.pack utf8 load gc; do
		ports_has "^ports: lua: ok $name$"
	done
	ports_has '^ports: lua: done [0-9]+ 0$'
	ports_ok 'lua: standard library script'
}

@test "zlib: minigzip through pipes, zlib's example program" {
	ports_skip_if 'zlib'
	ports_ok 'zlib: minigzip compresses stdin to stdout'
	ports_ok 'zlib: minigzip -d gives the text back'
	ports_skip_if 'zlib: example'
	ports_has '^ports: zlib: example: zlib version 1\.2\.13'
	ports_has '^ports: zlib: example: large_inflate\(\): OK'
	ports_ok 'zlib: example program'
}

@test "both suites passed" {
	serial_has '^libc: done: [0-9]+ checks ok, 0 failed'
	[ "$(cat "$SERIAL_LOG.exit")" = 0 ]
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
	ports_has '^ports: done: [0-9]+ checks ok, 0 failed'
	[ "$(cat "$PORTS_LOG.exit")" = 0 ]
	! grep -q 'KERNEL PANIC' "$PORTS_LOG"
}
