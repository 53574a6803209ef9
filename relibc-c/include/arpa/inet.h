/* arpa/inet.h: converting Internet addresses between text and binary. src/net/inet.c. */
#ifndef _RELIBC_ARPA_INET_H
#define _RELIBC_ARPA_INET_H

#include <bits/cdefs.h>
#include <netinet/in.h>

__RELIBC_BEGIN_DECLS

in_addr_t inet_addr(const char *s);
int inet_aton(const char *s, struct in_addr *out);
char *inet_ntoa(struct in_addr in);
int inet_pton(int af, const char *__restrict_arg s, void *__restrict_arg out);
const char *inet_ntop(int af, const void *__restrict_arg in, char *__restrict_arg out,
                      socklen_t len);

__RELIBC_END_DECLS

#endif
