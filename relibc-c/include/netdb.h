/*
 * netdb.h: names to addresses. Numeric addresses, "localhost" and the
 * lines of /etc/hosts are resolved; there is no DNS client yet (a name
 * found nowhere is EAI_NONAME / HOST_NOT_FOUND). Services: numbers, and
 * /etc/services when it exists. src/net/netdb.c.
 */
#ifndef _RELIBC_NETDB_H
#define _RELIBC_NETDB_H

#include <bits/cdefs.h>
#include <netinet/in.h>
#include <sys/socket.h>

__RELIBC_BEGIN_DECLS

struct hostent {
	char *h_name;
	char **h_aliases;
	int h_addrtype;
	int h_length;
	char **h_addr_list;
};
#define h_addr h_addr_list[0]

struct servent {
	char *s_name;
	char **s_aliases;
	int s_port;
	char *s_proto;
};

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

#define AI_PASSIVE     0x01
#define AI_CANONNAME   0x02
#define AI_NUMERICHOST 0x04
#define AI_V4MAPPED    0x08
#define AI_ALL         0x10
#define AI_ADDRCONFIG  0x20
#define AI_NUMERICSERV 0x400

#define NI_NUMERICHOST 0x01
#define NI_NUMERICSERV 0x02
#define NI_NOFQDN      0x04
#define NI_NAMEREQD    0x08
#define NI_DGRAM       0x10
#define NI_MAXHOST     1025
#define NI_MAXSERV     32

#define EAI_BADFLAGS -1
#define EAI_NONAME   -2
#define EAI_AGAIN    -3
#define EAI_FAIL     -4
#define EAI_FAMILY   -6
#define EAI_SOCKTYPE -7
#define EAI_SERVICE  -8
#define EAI_MEMORY   -10
#define EAI_SYSTEM   -11
#define EAI_OVERFLOW -12

#define HOST_NOT_FOUND 1
#define TRY_AGAIN      2
#define NO_RECOVERY    3
#define NO_DATA        4

int *__h_errno_location(void);
#define h_errno (*__h_errno_location())
const char *hstrerror(int err);

int getaddrinfo(const char *__restrict_arg node, const char *__restrict_arg service,
                const struct addrinfo *__restrict_arg hints, struct addrinfo **__restrict_arg res);
void freeaddrinfo(struct addrinfo *ai);
const char *gai_strerror(int code);
int getnameinfo(const struct sockaddr *__restrict_arg addr, socklen_t alen,
                char *__restrict_arg host, socklen_t hlen, char *__restrict_arg serv,
                socklen_t slen, int flags);
struct hostent *gethostbyname(const char *name);
struct servent *getservbyname(const char *name, const char *proto);
struct servent *getservbyport(int port, const char *proto);

__RELIBC_END_DECLS

#endif
