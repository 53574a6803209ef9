/* netinet/tcp.h: TCP option names (setsockopt reports them unsupported for now). */
#ifndef _RELIBC_NETINET_TCP_H
#define _RELIBC_NETINET_TCP_H

#define TCP_NODELAY 1

#endif
