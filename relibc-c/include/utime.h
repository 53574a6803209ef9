/* utime.h: set a file's access and modification times (over futimens). */
#ifndef _RELIBC_UTIME_H
#define _RELIBC_UTIME_H

#include <bits/cdefs.h>
#include <bits/types.h>

__RELIBC_BEGIN_DECLS

struct utimbuf {
	time_t actime;
	time_t modtime;
};

int utime(const char *path, const struct utimbuf *times);

__RELIBC_END_DECLS

#endif
