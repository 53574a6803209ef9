/*
 * Internal helper of the platform layer: issue a call and turn its
 * result into the C convention (value, or -1 with errno set).
 */
#ifndef RELIBC_PLATFORM_SYS_H
#define RELIBC_PLATFORM_SYS_H

#include <errno.h>
#include <stddef.h>
#include <redox/syscall.h>

static inline long __sys_result(uint64_t result)
{
	int error;
	int64_t v = redox_demux(result, &error);
	if (v < 0)
		errno = error;
	return (long)v;
}

/* fs.c: the path an *at() call means (dirfd's folder joined with path). */
int __relibc_at_path(int dirfd, const char *path, char *out, size_t len);

#endif
