/*
 * The POSIX scalar types that several public headers share (ssize_t,
 * off_t, pid_t, time_t, ...). Each is guarded so that any header may
 * include this one; x86_64 is LP64, so 64-bit types are plain longs.
 */
#ifndef _RELIBC_BITS_TYPES_H
#define _RELIBC_BITS_TYPES_H

#ifndef _RELIBC_TYPES_DEFINED
#define _RELIBC_TYPES_DEFINED
typedef long ssize_t;
typedef long off_t;
typedef long time_t;
typedef long clock_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef int pid_t;
typedef int id_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;
typedef int clockid_t;
typedef void *timer_t;
typedef int key_t;
#endif

#endif
