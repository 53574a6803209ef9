/*
 * lwIP's options for the netstack daemon (recipes/core/netstack): the raw
 * API only, no threads (NO_SYS: one event loop calls everything), IPv4
 * with ARP, ICMP, raw (ping), UDP and TCP, a loopback interface for
 * 127.0.0.1, memory from malloc. DHCP and DNS are not lwIP's here: dhcpd
 * and relibc-c's resolver do them over udp:, so UDP port 68 is accepted
 * on an interface that has no address yet.
 */
#ifndef LWIPOPTS_H
#define LWIPOPTS_H

#define NO_SYS               1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_NETCONN         0
#define LWIP_SOCKET          0
#define LWIP_TIMERS          1

#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT   8

#define LWIP_IPV4                     1
#define LWIP_IPV6                     0
#define LWIP_ARP                      1
#define LWIP_ETHERNET                 1
#define LWIP_ICMP                     1
#define LWIP_RAW                      1
#define LWIP_UDP                      1
#define LWIP_TCP                      1
#define LWIP_DHCP                     0
#define LWIP_AUTOIP                   0
#define LWIP_DNS                      0
#define LWIP_IGMP                     0
#define IP_REASSEMBLY                 1
#define IP_FRAG                       1
#define SO_REUSE                      1
#define LWIP_TCP_KEEPALIVE            1
#define LWIP_NETIF_LOOPBACK           1
#define LWIP_HAVE_LOOPIF              1
#define LWIP_NETIF_HOSTNAME           0
#define LWIP_STATS                    0
#define LWIP_IP_ACCEPT_UDP_PORT(port) ((port) == PP_NTOHS(68))

#define TCP_MSS                 1460
#define TCP_WND                 (44 * TCP_MSS)
#define TCP_SND_BUF             (44 * TCP_MSS)
#define TCP_SND_QUEUELEN        (4 * TCP_SND_BUF / TCP_MSS)
#define MEMP_NUM_TCP_SEG        TCP_SND_QUEUELEN
#define MEMP_NUM_TCP_PCB        64
#define MEMP_NUM_TCP_PCB_LISTEN 16
#define MEMP_NUM_UDP_PCB        32
#define MEMP_NUM_RAW_PCB        16
#define MEMP_NUM_PBUF           256
#define PBUF_POOL_SIZE          256
#define ARP_TABLE_SIZE          16
#define ARP_QUEUEING            1

/*
 * Loss (tests/bats/net-loss.bats: 5 % of the frames dropped, some
 * reordered). lwIP's retransmission timeout counts in ticks of the slow
 * timer (2 * TCP_TMR_INTERVAL) and never falls below 3 of them: with the
 * default 250 ms that is 1.5 s of silence per loss that fast retransmit
 * misses (Reno: a second loss in one window). 25 ms makes it 150 ms
 * (Linux: 200 ms), and delayed ACKs go out within 25 ms; net-loss.bats's
 * 16 MiB guest to Linux took 400 s at 250 ms, 204-385 s at 50 ms and
 * 147-167 s at 25 ms. SACK blocks
 * in our ACKs let the peer repair several losses per window at once;
 * out-of-order segments are queued (TCP_QUEUE_OOSEQ, the default).
 */
#define TCP_TMR_INTERVAL      25
#define LWIP_TCP_SACK_OUT     1
#define LWIP_TCP_MAX_SACK_NUM 4

#endif
