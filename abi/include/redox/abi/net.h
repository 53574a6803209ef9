/*
 * The network schemes' shared facts: the adapter scheme NIC drivers serve
 * (network.<driver>_N:, common/driver/net.h) and the netstack's netcfg:
 * file names (docs/networking.md). Drivers, netstack, dhcpd and the
 * tools use these; nothing is spelled twice.
 */
#ifndef REDOX_ABI_NET_H
#define REDOX_ABI_NET_H

/* Adapter scheme: "network." NET_ADAPTER_DRIVER "_" N */
#define NET_ADAPTER_PREFIX "network."
#define NET_ADAPTER_FRAMES ""     /* read/write whole Ethernet frames */
#define NET_ADAPTER_MAC    "mac"  /* 6 raw bytes */
#define NET_ADAPTER_LINK   "link" /* "up\n" or "down\n" */

#define NET_MAC_LEN      6
#define NET_ETH_HEADER   14
#define NET_ETH_MTU      1500
#define NET_FRAME_MAX    (NET_ETH_HEADER + NET_ETH_MTU) /* without the FCS */
#define NET_FRAME_MIN_IN NET_ETH_HEADER                 /* a write shorter is EINVAL */

/* netcfg: (upstream's layout, ../shared/spec/build-and-formats.md) */
#define NETCFG_NAMESERVER     "netcfg:resolv/nameserver"
#define NETCFG_ROUTE_LIST     "netcfg:route/list"
#define NETCFG_ROUTE_ADD      "netcfg:route/add"
#define NETCFG_ROUTE_RM       "netcfg:route/rm"
#define NETCFG_IFACE_DIR      "netcfg:ifaces/"
#define NETCFG_NOT_CONFIGURED "Not configured"

#endif
