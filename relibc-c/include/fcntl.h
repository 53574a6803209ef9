/*
 * fcntl.h: open() flags and fcntl() commands. The values are the ABI's
 * (redox/abi/flags.h); the functions come from the platform layer.
 */
#ifndef _RELIBC_FCNTL_H
#define _RELIBC_FCNTL_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <redox/abi/flags.h>

__RELIBC_BEGIN_DECLS

/* Other systems' spellings: O_NOCTTY has no meaning here (opening a
 * terminal never makes it the controlling one). */
#define O_NOCTTY 0
#define O_NDELAY O_NONBLOCK
#define O_SYNC   O_FSYNC
#define O_DSYNC  O_FSYNC

/* The *at() calls: a path relative to an open folder (or the working one). */
#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_EACCESS          0x200
#define AT_SYMLINK_FOLLOW   0x400

/* fcntl(F_GETLK, F_SETLK, F_SETLKW): POSIX record locks, held per
 * process, released when it closes any descriptor of the file or ends */
struct flock {
	short l_type;   /* F_RDLCK, F_WRLCK, F_UNLCK */
	short l_whence; /* SEEK_SET, SEEK_CUR, SEEK_END */
	off_t l_start;
	off_t l_len; /* 0: to the end of the file, however far it grows */
	pid_t l_pid; /* F_GETLK: who holds the lock in the way */
};

int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
/* path relative to the folder dirfd (AT_FDCWD: the working directory) */
int openat(int dirfd, const char *path, int flags, ...);
int fcntl(int fd, int cmd, ...);

__RELIBC_END_DECLS

#endif
