/* sys/param.h: old BSD names for limits, and MIN/MAX. */
#ifndef _RELIBC_SYS_PARAM_H
#define _RELIBC_SYS_PARAM_H

#include <limits.h>

#define MAXPATHLEN     PATH_MAX
#define MAXHOSTNAMELEN HOST_NAME_MAX
#define NOFILE         OPEN_MAX
#define NGROUPS        NGROUPS_MAX

#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

#endif
