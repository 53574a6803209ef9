/*
 * Shared inside the network functions (not public): the files netdb
 * reads and the parsers the host tests call on memory streams.
 */
#ifndef RELIBC_NET_NET_H
#define RELIBC_NET_NET_H

#include <stddef.h>
#include <stdio.h>

#define HOSTS_FILE    "/etc/hosts"
#define SERVICES_FILE "/etc/services"

struct __relibc_service {
	int port; /* host byte order */
	char name[64];
	char proto[16];
};

/* The address (af) of name in a hosts file; 1 if found (canon: the line's first name). */
int __relibc_hosts_find(FILE *f, const char *name, int af, void *addr, char *canon, size_t clen);
/* The first name of the address in a hosts file; 1 if found. */
int __relibc_hosts_reverse(FILE *f, int af, const void *addr, char *name, size_t len);
/* A service by name (or by port when name is NULL), proto NULL for any; 1 if found. */
int __relibc_services_find(FILE *f, const char *name, int port, const char *proto,
                           struct __relibc_service *out);

/* A DNS query (type A, class IN, recursion desired) for name into out:
 * its length, or -1 (bad name, no room). */
int __relibc_dns_query(const char *name, unsigned id, unsigned char *out, size_t size);
/* The first IPv4 address of a reply to query id: 1 (addr set), 0 no such
 * name or no address, -1 not a usable reply. */
int __relibc_dns_answer(const unsigned char *msg, size_t len, unsigned id, void *addr);
/* Platform hook: ask the DNS server netcfg: names for name's IPv4
 * address. 1 found, 0 the server says no such name, -1 no answer. */
int __relibc_dns_lookup(const char *name, void *addr);

/* The scheme's name of socket option (level, name), or NULL (ENOPROTOOPT). */
const char *__relibc_sockopt_name(int level, int name);
/* dup's text asking option opt ("opt/NAME"), or setting it to *value
 * ("opt/NAME=N"): its length, or -1 (no room). */
int __relibc_sockopt_request(const char *opt, const int *value, char *out, size_t size);
/* The scheme's answer ("N\n") as a number: 0, or -1 (not a number). */
int __relibc_sockopt_answer(const char *text, size_t len, int *value);

#endif
