/*
 * Name and service lookup: numeric addresses, /etc/hosts ("address name
 * alias..." lines, '#' comments), "localhost" when the file does not name
 * it, then DNS (IPv4, the server in netcfg:resolv/nameserver; dns.c and
 * src/platform/dns.c), and /etc/services ("name port/proto alias..."). getaddrinfo, getnameinfo,
 * gethostbyname, getservbyname, getservbyport, gai_strerror and h_errno.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

static _Thread_local int h_errno_value;

int *__h_errno_location(void)
{
	return &h_errno_value;
}

/* Splits a hosts/services line into words (in place); the count. */
static int words(char *line, char **w, int max)
{
	line[strcspn(line, "#\r\n")] = 0;
	int n = 0;
	char *save;
	for (char *p = strtok_r(line, " \t", &save); p && n < max; p = strtok_r(0, " \t", &save))
		w[n++] = p;
	return n;
}

int __relibc_hosts_find(FILE *f, const char *name, int af, void *addr, char *canon, size_t clen)
{
	char *line = 0, *w[16];
	size_t cap = 0;
	int found = 0;
	while (!found && getline(&line, &cap, f) >= 0) {
		int n = words(line, w, 16);
		if (n < 2 || inet_pton(af, w[0], addr) != 1)
			continue;
		for (int i = 1; i < n && !found; i++)
			if (!strcasecmp(w[i], name)) {
				found = 1;
				if (canon && strlen(w[1]) < clen)
					strcpy(canon, w[1]);
			}
	}
	free(line);
	return found;
}

int __relibc_hosts_reverse(FILE *f, int af, const void *addr, char *name, size_t len)
{
	char *line = 0, *w[16];
	unsigned char a[16];
	size_t cap = 0, alen = af == AF_INET ? 4 : 16;
	int found = 0;
	while (!found && getline(&line, &cap, f) >= 0) {
		int n = words(line, w, 16);
		if (n >= 2 && inet_pton(af, w[0], a) == 1 && !memcmp(a, addr, alen) &&
		    strlen(w[1]) < len) {
			strcpy(name, w[1]);
			found = 1;
		}
	}
	free(line);
	return found;
}

int __relibc_services_find(FILE *f, const char *name, int port, const char *proto,
                           struct __relibc_service *out)
{
	char *line = 0, *w[16];
	size_t cap = 0;
	int found = 0;
	while (!found && getline(&line, &cap, f) >= 0) {
		int n = words(line, w, 16);
		char *slash = n >= 2 ? strchr(w[1], '/') : 0;
		if (!slash)
			continue;
		*slash = 0;
		char *end;
		long p = strtol(w[1], &end, 10);
		if (*end || p < 0 || p > 65535 || (proto && strcmp(slash + 1, proto)))
			continue;
		if (name) {
			for (int i = 0; i < n && !found; i++)
				found = i != 1 && !strcmp(w[i], name);
		} else {
			found = p == port;
		}
		if (found && strlen(w[0]) < sizeof out->name &&
		    strlen(slash + 1) < sizeof out->proto) {
			out->port = (int)p;
			strcpy(out->name, w[0]);
			strcpy(out->proto, slash + 1);
		} else {
			found = 0;
		}
	}
	free(line);
	return found;
}

/* An address for a name: numeric, /etc/hosts, localhost, or DNS (IPv4).
 * 1, 0 if unknown, -1 when no DNS server answered. */
static int resolve(const char *name, int af, void *addr, char *canon, size_t clen, int numeric)
{
	if (inet_pton(af, name, addr) == 1) {
		if (canon && strlen(name) < clen)
			strcpy(canon, name);
		return 1;
	}
	if (numeric)
		return 0;
	FILE *f = fopen(HOSTS_FILE, "re");
	int found = f && __relibc_hosts_find(f, name, af, addr, canon, clen);
	if (f)
		fclose(f);
	if (!found && !strcasecmp(name, "localhost")) {
		if (af == AF_INET) {
			uint32_t lo = htonl(INADDR_LOOPBACK);
			memcpy(addr, &lo, 4);
		} else {
			memcpy(addr, &in6addr_loopback, 16);
		}
		if (canon)
			strcpy(canon, "localhost");
		found = 1;
	}
	if (!found && af == AF_INET) {
		found = __relibc_dns_lookup(name, addr);
		if (found == 1 && canon && strlen(name) < clen)
			strcpy(canon, name);
	}
	return found;
}

static int service_port(const char *service, int socktype, int numeric, int *port)
{
	char *end;
	long p = strtol(service, &end, 10);
	if (*service && !*end) {
		if (p < 0 || p > 65535)
			return EAI_SERVICE;
		*port = (int)p;
		return 0;
	}
	if (numeric)
		return EAI_NONAME;
	struct servent *s = getservbyname(service, socktype == SOCK_DGRAM ? "udp" : "tcp");
	if (!s)
		return EAI_SERVICE;
	*port = ntohs((uint16_t)s->s_port);
	return 0;
}

static struct addrinfo *make_ai(int af, int socktype, const void *addr, int port, const char *canon)
{
	size_t salen = af == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	size_t clen = canon ? strlen(canon) + 1 : 0;
	struct addrinfo *ai = calloc(1, sizeof *ai + sizeof(struct sockaddr_in6) + clen);
	if (!ai)
		return 0;
	ai->ai_family = af;
	ai->ai_socktype = socktype;
	ai->ai_protocol = socktype == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
	ai->ai_addrlen = (socklen_t)salen;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	if (af == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		memcpy(&sin->sin_addr, addr, 4);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ai->ai_addr;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		memcpy(&sin6->sin6_addr, addr, 16);
	}
	if (canon) {
		ai->ai_canonname = (char *)ai->ai_addr + sizeof(struct sockaddr_in6);
		memcpy(ai->ai_canonname, canon, clen);
	}
	return ai;
}

int getaddrinfo(const char *restrict node, const char *restrict service,
                const struct addrinfo *restrict hints, struct addrinfo **restrict res)
{
	int flags = hints ? hints->ai_flags : 0, family = hints ? hints->ai_family : AF_UNSPEC;
	int socktype = hints ? hints->ai_socktype : 0;
	if (!node && !service)
		return EAI_NONAME;
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return EAI_FAMILY;
	if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM)
		return EAI_SOCKTYPE;
	int port = 0;
	if (service) {
		int e = service_port(service, socktype, flags & AI_NUMERICSERV, &port);
		if (e)
			return e;
	}
	struct addrinfo *head = 0, **tail = &head;
	int dns_down = 0;
	static const int families[] = {AF_INET, AF_INET6};
	for (int fi = 0; fi < 2; fi++) {
		int af = families[fi];
		if (family != AF_UNSPEC && family != af)
			continue;
		unsigned char addr[16] = {0};
		char canon[256] = "";
		if (node) {
			int r =
			    resolve(node, af, addr, canon, sizeof canon, flags & AI_NUMERICHOST);
			if (r < 0)
				dns_down = 1;
			if (r != 1)
				continue;
		} else if (!(flags & AI_PASSIVE)) {
			if (af == AF_INET) {
				uint32_t lo = htonl(INADDR_LOOPBACK);
				memcpy(addr, &lo, 4);
			} else {
				memcpy(addr, &in6addr_loopback, 16);
			}
		}
		for (int st = SOCK_STREAM; st <= SOCK_DGRAM; st++) {
			if (socktype && socktype != st)
				continue;
			const char *cn = (flags & AI_CANONNAME) && node && !head ? canon : 0;
			struct addrinfo *ai = make_ai(af, st, addr, port, cn);
			if (!ai) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
			*tail = ai;
			tail = &ai->ai_next;
		}
	}
	if (!head)
		return dns_down ? EAI_AGAIN : EAI_NONAME;
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;
		free(ai);
		ai = next;
	}
}

const char *gai_strerror(int code)
{
	switch (code) {
	case 0:
		return "Success";
	case EAI_BADFLAGS:
		return "Bad value for ai_flags";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAIL:
		return "Non-recoverable failure in name resolution";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SOCKTYPE:
		return "ai_socktype not supported";
	case EAI_SERVICE:
		return "Service not supported for socket type";
	case EAI_MEMORY:
		return "Memory allocation failure";
	case EAI_SYSTEM:
		return "System error";
	case EAI_OVERFLOW:
		return "Argument buffer overflow";
	}
	return "Unknown error";
}

int getnameinfo(const struct sockaddr *restrict sa, socklen_t alen, char *restrict host,
                socklen_t hlen, char *restrict serv, socklen_t slen, int flags)
{
	const void *addr;
	int port, af = sa->sa_family;
	if (af == AF_INET && alen >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
		addr = &sin->sin_addr;
		port = ntohs(sin->sin_port);
	} else if (af == AF_INET6 && alen >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
		addr = &sin6->sin6_addr;
		port = ntohs(sin6->sin6_port);
	} else {
		return EAI_FAMILY;
	}
	if (host && hlen) {
		int named = 0;
		if (!(flags & NI_NUMERICHOST)) {
			FILE *f = fopen(HOSTS_FILE, "re");
			named = f && __relibc_hosts_reverse(f, af, addr, host, hlen);
			if (f)
				fclose(f);
		}
		if (!named) {
			if (flags & NI_NAMEREQD)
				return EAI_NONAME;
			if (!inet_ntop(af, addr, host, hlen))
				return EAI_OVERFLOW;
		}
	}
	if (serv && slen) {
		struct servent *s =
		    flags & NI_NUMERICSERV
		        ? 0
		        : getservbyport(htons((uint16_t)port), flags & NI_DGRAM ? "udp" : "tcp");
		int n =
		    s ? snprintf(serv, slen, "%s", s->s_name) : snprintf(serv, slen, "%d", port);
		if (n < 0 || (socklen_t)n >= slen)
			return EAI_OVERFLOW;
	}
	return 0;
}

struct hostent *gethostbyname(const char *name)
{
	static struct hostent h;
	static char canon[256], addr[4], *addrs[2], *aliases[1];
	int r = resolve(name, AF_INET, addr, canon, sizeof canon, 0);
	if (r != 1) {
		h_errno = r < 0 ? TRY_AGAIN : HOST_NOT_FOUND;
		return 0;
	}
	addrs[0] = addr;
	addrs[1] = 0;
	aliases[0] = 0;
	h.h_name = canon;
	h.h_aliases = aliases;
	h.h_addrtype = AF_INET;
	h.h_length = 4;
	h.h_addr_list = addrs;
	return &h;
}

static struct servent *service(const char *name, int port, const char *proto)
{
	static struct __relibc_service found;
	static char *aliases[1];
	static struct servent s;
	FILE *f = fopen(SERVICES_FILE, "re");
	if (!f)
		return 0;
	int ok = __relibc_services_find(f, name, port, proto, &found);
	fclose(f);
	if (!ok)
		return 0;
	aliases[0] = 0;
	s.s_name = found.name;
	s.s_aliases = aliases;
	s.s_port = htons((uint16_t)found.port);
	s.s_proto = found.proto;
	return &s;
}

struct servent *getservbyname(const char *name, const char *proto)
{
	return service(name, 0, proto);
}

struct servent *getservbyport(int port, const char *proto)
{
	return service(0, ntohs((uint16_t)port), proto);
}

const char *hstrerror(int err)
{
	switch (err) {
	case 0:
		return "Resolver Error 0 (no error)";
	case HOST_NOT_FOUND:
		return "Unknown host";
	case TRY_AGAIN:
		return "Host name lookup failure";
	case NO_RECOVERY:
		return "Unknown server error";
	case NO_DATA:
		return "No address associated with name";
	}
	return "Unknown resolver error";
}
