/*
 * The netstack daemon's shared state: the Ethernet interface lwIP runs on
 * (eth0, over the first network adapter scheme), the DNS server, and the
 * schemes each file provides.
 */
#ifndef NETSTACK_H
#define NETSTACK_H

#include <lwip/ip_addr.h>
#include <lwip/netif.h>

#include "addr.h"
#include "scheme.h"

extern struct netif eth0;
extern ip4_addr_t nameserver;

extern const struct scheme_ops udp_ops, tcp_ops, icmp_ops, netcfg_ops;

/* lwIP's error as a negative errno */
int err_errno(int err);

#endif
