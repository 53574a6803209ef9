/* net/if.h: network interface names (struct ifreq for socket options
 * that take one). Interfaces are configured through netcfg: here, not
 * with ioctls. */
#ifndef _RELIBC_NET_IF_H
#define _RELIBC_NET_IF_H

#include <sys/socket.h>

#define IFNAMSIZ    16
#define IF_NAMESIZE IFNAMSIZ

struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifru_addr;
		int ifru_ivalue;
		char ifru_slave[IFNAMSIZ];
	} ifr_ifru;
};
#define ifr_addr    ifr_ifru.ifru_addr
#define ifr_ifindex ifr_ifru.ifru_ivalue

#endif
