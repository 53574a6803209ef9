/*
 * ifconfig [eth0 [a.b.c.d/N]]: the netstack's interfaces as netcfg:
 * describes them (docs/networking.md): eth0's MAC, address and routes,
 * and the loopback. With an address (root only: netcfg: refuses others)
 * it sets eth0's address through netcfg:ifaces/eth0/addr/set.
 * Exits 0, 1 when netcfg: cannot be read or the address is refused.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The first line of netcfg:PATH without its newline; 0, or -1 (message printed). */
static int read_line(const char *path, char *out, size_t size)
{
	char full[128];
	snprintf(full, sizeof full, "netcfg:%s", path);
	FILE *f = fopen(full, "r");
	if (!f) {
		fprintf(stderr, "ifconfig: %s: %s\n", full, strerror(errno));
		return -1;
	}
	if (!fgets(out, (int)size, f))
		out[0] = 0;
	fclose(f);
	out[strcspn(out, "\n")] = 0;
	return 0;
}

static int set_addr(const char *iface, const char *addr)
{
	char path[128];
	snprintf(path, sizeof path, "netcfg:ifaces/%s/addr/set", iface);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "ifconfig: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(f, "%s\n", addr);
	if (fclose(f) != 0) {
		fprintf(stderr, "ifconfig: %s: %s: %s\n", path, addr, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 3 || (argc >= 2 && strcmp(argv[1], "eth0") != 0 && strcmp(argv[1], "lo") != 0)) {
		fprintf(stderr, "usage: ifconfig [eth0 [a.b.c.d/N]]\n");
		return 2;
	}
	if (argc == 3)
		return set_addr(argv[1], argv[2]);
	char mac[64], addr[64];
	if (read_line("ifaces/eth0/mac", mac, sizeof mac) < 0 ||
	    read_line("ifaces/eth0/addr/list", addr, sizeof addr) < 0)
		return 1;
	for (char *p = mac; *p; p++)
		if (*p == '-')
			*p = ':';
	int want_eth0 = argc == 1 || !strcmp(argv[1], "eth0");
	int want_lo = argc == 1 || !strcmp(argv[1], "lo");
	FILE *routes = fopen("netcfg:route/list", "r");
	if (!routes) {
		fprintf(stderr, "ifconfig: netcfg:route/list: %s\n", strerror(errno));
		return 1;
	}
	char lines[8][128];
	int n = 0;
	while (n < 8 && fgets(lines[n], sizeof lines[n], routes)) {
		lines[n][strcspn(lines[n], "\n")] = 0;
		n++;
	}
	fclose(routes);
	if (want_eth0) {
		printf("eth0: ether %s\n", mac);
		if (!strcmp(addr, "Not configured"))
			printf("      inet not configured\n");
		else
			printf("      inet %s\n", addr);
		for (int i = 0; i < n; i++)
			if (strstr(lines[i], " dev eth0"))
				printf("      route %s\n", lines[i]);
	}
	if (want_lo) {
		printf("lo:   inet 127.0.0.1/8\n");
		for (int i = 0; i < n; i++)
			if (strstr(lines[i], " dev loopback"))
				printf("      route %s\n", lines[i]);
	}
	return 0;
}
