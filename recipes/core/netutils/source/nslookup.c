/*
 * nslookup NAME...: each name's IPv4 addresses, asked of the DNS server
 * in netcfg:resolv/nameserver through relibc-c's getaddrinfo (the same
 * path every program takes), or from /etc/hosts. An address is looked up
 * backwards with getnameinfo. Exits 0 when every name resolved, 1 if one
 * did not (its line says why), 2 on bad use.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

static int lookup(const char *name)
{
	struct in_addr a;
	if (inet_pton(AF_INET, name, &a) == 1) {
		struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr = a};
		char host[256];
		int r = getnameinfo((struct sockaddr *)&sin, sizeof sin, host, sizeof host, 0, 0,
		                    NI_NAMEREQD);
		if (r) {
			fprintf(stderr, "nslookup: %s: %s\n", name, gai_strerror(r));
			return 1;
		}
		printf("%s\tname = %s\n", name, host);
		return 0;
	}
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res;
	int r = getaddrinfo(name, 0, &hints, &res);
	if (r) {
		fprintf(stderr, "nslookup: %s: %s\n", name, gai_strerror(r));
		return 1;
	}
	printf("Name:\t%s\n", name);
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		char ip[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, ip, sizeof ip);
		printf("Address: %s\n", ip);
	}
	freeaddrinfo(res);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: nslookup NAME...\n");
		return 2;
	}
	char server[64] = "";
	FILE *f = fopen("netcfg:resolv/nameserver", "r");
	if (f) {
		if (!fgets(server, sizeof server, f))
			server[0] = 0;
		fclose(f);
	}
	server[strcspn(server, "\n")] = 0;
	printf("Server:\t%s\n", server[0] ? server : "(none: netcfg: unreadable)");
	int status = 0;
	for (int i = 1; i < argc; i++)
		status |= lookup(argv[i]);
	return status;
}
