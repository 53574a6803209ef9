/*
 * sys/statvfs.h: file system sizes (SYS_FSTATVFS gives the block size and
 * the block counts; file counts are not kept, so they read 0).
 */
#ifndef _RELIBC_SYS_STATVFS_H
#define _RELIBC_SYS_STATVFS_H

#include <bits/cdefs.h>
#include <bits/types.h>

__RELIBC_BEGIN_DECLS

struct statvfs {
	unsigned long f_bsize;
	unsigned long f_frsize;
	fsblkcnt_t f_blocks;
	fsblkcnt_t f_bfree;
	fsblkcnt_t f_bavail;
	fsfilcnt_t f_files;
	fsfilcnt_t f_ffree;
	fsfilcnt_t f_favail;
	unsigned long f_fsid;
	unsigned long f_flag;
	unsigned long f_namemax;
};

#define ST_RDONLY 1
#define ST_NOSUID 2

int statvfs(const char *__restrict_arg path, struct statvfs *__restrict_arg buf);
int fstatvfs(int fd, struct statvfs *buf);

__RELIBC_END_DECLS

#endif
