/*
 * sys/stat.h: file status. struct stat is the C library's own; fstat()
 * fills it from the kernel's struct redox_stat.
 */
#ifndef _RELIBC_SYS_STAT_H
#define _RELIBC_SYS_STAT_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <time.h>
#include <redox/abi/flags.h>

__RELIBC_BEGIN_DECLS

#define S_IFMT      MODE_TYPE
#define S_IFDIR     MODE_DIR
#define S_IFREG     MODE_FILE
#define S_IFLNK     MODE_SYMLINK
#define S_IFIFO     MODE_FIFO
#define S_IFCHR     MODE_CHR
#define S_IFBLK     MODE_BLK
#define S_IFSOCK    MODE_SOCK
#define S_ISUID     MODE_SETUID
#define S_ISGID     MODE_SETGID
#define S_ISVTX     MODE_STICKY
#define S_ISBLK(m)  (((m)&S_IFMT) == S_IFBLK)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)
#define S_ISDIR(m)  (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m)  (((m)&S_IFMT) == S_IFREG)
#define S_ISLNK(m)  (((m)&S_IFMT) == S_IFLNK)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_ISCHR(m)  (((m)&S_IFMT) == S_IFCHR)
#define S_IRWXU     0700
#define S_IRUSR     0400
#define S_IWUSR     0200
#define S_IXUSR     0100
#define S_IRWXG     070
#define S_IRGRP     040
#define S_IWGRP     020
#define S_IXGRP     010
#define S_IRWXO     07
#define S_IROTH     04
#define S_IWOTH     02
#define S_IXOTH     01

struct stat {
	dev_t st_dev;
	ino_t st_ino;
	mode_t st_mode;
	nlink_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev; /* device files have no numbers here: always 0 */
	off_t st_size;
	blksize_t st_blksize;
	blkcnt_t st_blocks;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#define UTIME_NOW  ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)

int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int lstat(const char *__restrict_arg path, struct stat *__restrict_arg st);
int mkdir(const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);
int futimens(int fd, const struct timespec times[2]);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int fstatat(int dirfd, const char *__restrict_arg path, struct stat *__restrict_arg st, int flags);
int mkdirat(int dirfd, const char *path, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);

__RELIBC_END_DECLS

#endif
