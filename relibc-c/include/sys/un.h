/* sys/un.h: local (AF_UNIX) socket addresses. The system has no local
 * sockets yet (socket() gives EAFNOSUPPORT for AF_UNIX); the address type
 * is here for programs that name it. */
#ifndef _RELIBC_SYS_UN_H
#define _RELIBC_SYS_UN_H

#include <sys/socket.h>

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[108];
};

#endif
