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

#endif
