/*
 * sys/utsname.h: uname(). The kernel's sys:uname gives the system name,
 * release and machine; the node name is the host name (/etc/hostname).
 */
#ifndef _RELIBC_SYS_UTSNAME_H
#define _RELIBC_SYS_UTSNAME_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];
	char nodename[_UTSNAME_LENGTH];
	char release[_UTSNAME_LENGTH];
	char version[_UTSNAME_LENGTH];
	char machine[_UTSNAME_LENGTH];
	char domainname[_UTSNAME_LENGTH];
};

int uname(struct utsname *u);

__RELIBC_END_DECLS

#endif
