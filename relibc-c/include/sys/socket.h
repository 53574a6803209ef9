/*
 * sys/socket.h: sockets over the network schemes. A socket is a handle
 * on "tcp:" or "udp:"; connect and bind turn it into a connected or bound
 * one by dup with an address (see relibc-c/README.md, "Sockets"). Only
 * IPv4 (AF_INET) exists. src/platform/socket.c.
 */
#ifndef _RELIBC_SYS_SOCKET_H
#define _RELIBC_SYS_SOCKET_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_pad[118];
	unsigned long __ss_align;
};

#define AF_UNSPEC 0
#define AF_UNIX   1
#define AF_LOCAL  AF_UNIX
#define AF_INET   2
#define AF_INET6  10
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX   AF_UNIX
#define PF_LOCAL  AF_LOCAL
#define PF_INET   AF_INET
#define PF_INET6  AF_INET6

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK  0x800
#define SOCK_CLOEXEC   0x80000

#define SOL_SOCKET   1
#define SO_DEBUG     1
#define SO_REUSEADDR 2
#define SO_TYPE      3
#define SO_ERROR     4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF    7
#define SO_RCVBUF    8
#define SO_KEEPALIVE 9
#define SO_LINGER    13
#define SO_RCVTIMEO  20
#define SO_SNDTIMEO  21

#define MSG_OOB      0x1
#define MSG_PEEK     0x2
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL  0x100
#define MSG_NOSIGNAL 0x4000

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

#define SOMAXCONN 128

struct linger {
	int l_onoff;
	int l_linger;
};

int socket(int domain, int type, int protocol);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *__restrict_arg addr, socklen_t *__restrict_arg len);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
               socklen_t alen);
ssize_t recvfrom(int fd, void *__restrict_arg buf, size_t len, int flags,
                 struct sockaddr *__restrict_arg addr, socklen_t *__restrict_arg alen);
int getsockname(int fd, struct sockaddr *__restrict_arg addr, socklen_t *__restrict_arg len);
int getpeername(int fd, struct sockaddr *__restrict_arg addr, socklen_t *__restrict_arg len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockopt(int fd, int level, int name, void *__restrict_arg val,
               socklen_t *__restrict_arg len);
int shutdown(int fd, int how);

__RELIBC_END_DECLS

#endif
