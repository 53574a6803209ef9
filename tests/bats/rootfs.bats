#!/usr/bin/env bats
# The root filesystem at run time. The default image: the bootloader loads
# the kernel and the initfs, init starts pcid (which starts ahcid) and
# redoxfsd from the initfs, which serves the disk's RedoxFS partition as
# file:, then runs the scripts of
# file:/usr/lib/init.d and file:/etc/init.d, where the helloworld package's script makes the seed's
# system call. The fs-test image: its init (tests/guest/fs-test.c) starts
# redoxfsd itself and checks the file: scheme from user mode, one line per
# check ("fs-test: <what>: ok|FAIL").

load ../helpers/common

FS_IMAGE=$ROOT/build/$ARCH/tests/fs-test.img

setup_file() {
	boot_once "$IMAGE" 180 '^SYS_HELLOWORLD: Hello, world!'
	# fs-test changes its filesystem (the disk's, through redoxfsd): boot a
	# copy, so a second run starts from the same files as the first.
	local image="$BATS_FILE_TMPDIR/fs-test.img"
	cp --sparse=always "$FS_IMAGE" "$image"
	# No --until pattern: fs-test ends QEMU itself, so its exit code is recorded.
	boot_log rootfs.fs-test "$image" 240
	FS_LOG=$BOOT_LOG
	export FS_LOG
}

fs_ok() {
	grep -qxF -- "fs-test: $1: ok" "$FS_LOG" || {
		echo "$FS_LOG has no line 'fs-test: $1: ok'" >&2
		return 1
	}
}

@test "the bootloader loads only the kernel and the initfs (no live copy of the filesystem)" {
	serial_has '^bootloader: initfs [0-9]+ KiB at [0-9a-f]+$'
	! grep -q '^bootloader: live filesystem' "$SERIAL_LOG"
}

@test "redoxfsd serves file: from the disk, through pcid and ahcid" {
	serial_order '^pcid: 2 drivers started$' \
		'^redoxfsd: file: served from disk\.ahci0:0p[0-9]+ \([0-9]+ MiB, generation [0-9]+\)$'
	! grep -Eq '^redoxfsd: (no live|cannot|reading|filesystem)' "$SERIAL_LOG"
}

@test "init runs file:/usr/lib/init.d after the initfs script, and helloworld runs from file:" {
	serial_order '^init: running initfs:etc/init.rc' '^redoxfsd: file: served' \
		'^init: running file:/usr/lib/init.d/90_helloworld$' '^SYS_HELLOWORLD: Hello, world!$'
	# qemu.sh's LOG.seconds: the whole run, with up to 3 s of grace after the line
	echo "# boot to the helloworld line (TCG), qemu.sh run: $(cat "$SERIAL_LOG.seconds") s" >&3
}

@test "init reports no failed command" {
	failures=$(grep -E '^init: ' "$SERIAL_LOG" | grep -v '^init: running ' | grep ': ' || true)
	[ -z "$failures" ]
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "fs-test: redoxfsd started from the initfs" {
	fs_ok 'redoxfsd started and serves file:'
}

@test "fs-test: create, write, read, seek, stat, truncate, append, a large file with a hole" {
	fs_ok 'mkdir through open(O_CREAT | O_DIRECTORY)'
	fs_ok 'create, write, seek back, read'
	fs_ok 'lseek: SET, END, CUR; before the start is EINVAL'
	fs_ok 'fstat: type, mode, size, links, owner, mtime'
	fs_ok 'fpath is file:/fs-test/a.txt'
	fs_ok 'fstatvfs: block size, total and free blocks'
	fs_ok 'O_CREAT | O_EXCL on an existing file is EEXIST'
	fs_ok '300 KB over many blocks read back; a hole reads as zeros'
	fs_ok 'ftruncate shortens a file and keeps its start'
	fs_ok 'fsync'
	fs_ok 'O_TRUNC empties the file first'
	fs_ok 'O_APPEND writes at the end'
	fs_ok 'stat (O_STAT) of a path'
	fs_ok 'a missing file is ENOENT, a file used as a folder ENOTDIR'
	fs_ok 'O_DIRECTORY on a file is ENOTDIR; writing a folder EISDIR'
}

@test "fs-test: rename, folders, readdir, unlink, rmdir, symlinks, chdir" {
	fs_ok 'frename moves the file; fpath follows'
	fs_ok 'frename to another scheme is EXDEV'
	fs_ok 'a folder in a folder, a file in it'
	fs_ok 'reading a folder lists its names, one a line'
	fs_ok 'rmdir of a non-empty folder is ENOTEMPTY'
	fs_ok 'unlink of a folder is EISDIR, rmdir of a file ENOTDIR'
	fs_ok 'unlink a file, then rmdir its folder'
	fs_ok 'a symlink is followed on open'
	fs_ok 'O_SYMLINK opens the link itself'
	fs_ok 'O_NOFOLLOW on a symlink is ELOOP'
	fs_ok 'O_CREAT | O_EXCL does not follow a symlink'
	fs_ok 'symlink to zero:'
	fs_ok 'a symlink into another scheme is followed by open and stat, not lstat'
	fs_ok 'O_NOFOLLOW on it is ELOOP; unlink removes the link'
	fs_ok 'chdir into file:, then a relative path'
}

@test "fs-test: chmod, fchmod, fchown, futimens" {
	fs_ok 'fchmod'
	fs_ok 'chmod by path'
	fs_ok 'fchown (root)'
	fs_ok 'futimens sets atime and mtime'
}

@test "fs-test: permissions: a uid-1000 process cannot write a root 0644 file" {
	fs_ok "uid 1000: cannot write a root 0644 file or read a 0600 one, create or remove in a root folder, chmod or chown others' files; may create its own in a 0777 folder"
	fs_ok 'root may write the same file'
}

@test "fs-test: mmap of files: private copies, shared pages written back, errors" {
	fs_ok 'mmap: MAP_PRIVATE has the file'"'"'s bytes, zeros past its end'
	fs_ok 'mmap: MAP_SHARED writes are read back through read(), private ones are not'
	fs_ok 'mmap: write() shows in a shared mapping'
	fs_ok 'mmap: two processes mapping the file share its pages'
	fs_ok 'mmap: written back at munmap after close, and the file did not grow'
	fs_ok 'mmap: read-only handle gives EACCES for shared writes, unaligned EINVAL, directories ENODEV'
}

@test "fs-test: a restarted redoxfsd sees every committed change" {
	fs_ok 'a second redoxfsd takes over file: after the first is killed'
	fs_ok 'and sees every change the first one committed'
}

@test "fs-test: the whole suite passed" {
	# the count is pinned: a check that stops running fails here
	grep -Eq '^fs-test: done: 46 checks ok, 0 failed' "$FS_LOG"
	[ "$(cat "$FS_LOG.exit")" = 0 ]
	! grep -q 'KERNEL PANIC' "$FS_LOG"
}
